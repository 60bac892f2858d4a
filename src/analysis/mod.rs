//! Decision tools on top of the engine (issue 10), pure like it (no UI, no
//! I/O): [`compare`] two plans (KPI table, what changed, KPI bridge),
//! [`sensitivity`] (tornado and a two-way table), [`breakeven`] (BTC price
//! multiples at which cash or the covenant hold, and goal seek) and
//! [`montecarlo`] (BTC price paths in parallel, with cancellation and
//! progress). Every result speaks in the KPIs of [`crate::schema::KPIS`].

pub mod breakeven;
pub mod compare;
pub mod leverage;
pub mod montecarlo;
pub mod rng;
pub mod sensitivity;

use crate::engine::{self, Kpis};
use crate::model::Scenario;
use crate::schema::{KPIS, Kind, Kpi, KpiValue};

/// The KPIs that hold a number (not a month): what the tools can analyse.
pub fn numeric_kpis() -> impl Iterator<Item = &'static Kpi> {
    KPIS.iter().filter(|k| k.kind != Kind::Month)
}

/// The numeric KPI with this key, or a message listing the valid keys.
pub fn kpi_by_key(key: &str) -> Result<&'static Kpi, String> {
    numeric_kpis().find(|k| k.key == key).ok_or_else(|| {
        let names: Vec<&str> = numeric_kpis().map(|k| k.key).collect();
        format!("unknown KPI {}; valid names: {}", crate::ron_text::quote_cut(key), names.join(", "))
    })
}

/// A KPI's number; `None` when it is undefined (leverage without positive EBITDA…).
pub fn kpi_number(kpi: &Kpi, k: &Kpis) -> Option<f64> {
    match kpi.value(k) {
        KpiValue::Number(v) => Some(v),
        KpiValue::Month(_) | KpiValue::Undefined => None,
    }
}

/// Validates and projects `s`, and reads one KPI: `Err` with the engine's
/// message when the scenario cannot be projected.
pub fn kpi_of(s: &Scenario, kpi: &Kpi) -> Result<Option<f64>, String> {
    engine::project(s).map(|p| kpi_number(kpi, &p.kpis)).map_err(|e| e.to_string())
}

/// The default KPI of the tools: liquidity (cash + BTC held at market) at the
/// end of the plan. Cash at end sits on the treasury's minimum-cash floor
/// while it has BTC to sell, so it hides what the BTC price does.
pub const DEFAULT_KPI: &str = crate::engine::KpiId::LiquidityAtEndUsd.key();
