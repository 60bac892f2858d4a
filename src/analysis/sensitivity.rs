//! Sensitivity of a KPI to the plan's main drivers: a tornado (each driver
//! shocked down and up by a fraction, sorted by impact) and a two-way table
//! BTC price × network hashrate growth with the base case in the middle.
//!
//! What a shock of `f` does to each driver (×(1 ± f) unless said):
//! BTC price path, fees path, every power contract's price, every lease's
//! rate, every instrument's coupon, hardware prices (every lot's unit price
//! and the new-hardware price per TH), every lot's uptime (capped at 100 %);
//! network hashrate *growth*: a growth path's annual growth ×(1 ± f), a
//! points path's rise over its first point ×(1 ± f).

use super::{kpi_number, numeric_kpis};
use crate::engine;
use crate::model::{Scenario, Series, validate};
use crate::schema::Kpi;
use rayon::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

crate::listed::listed_enum! {
    /// The drivers of the tornado.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
    pub enum Driver {
        BtcPrice,
        NetworkGrowth,
        Fees,
        PowerPrice,
        HostingRate,
        InterestRate,
        HardwarePrice,
        Uptime,
    }
}

impl Driver {
    pub fn label(self) -> &'static str {
        match self {
            Driver::BtcPrice => "BTC price path",
            Driver::NetworkGrowth => "Network hashrate growth",
            Driver::Fees => "Fees per block",
            Driver::PowerPrice => "Power prices",
            Driver::HostingRate => "Hosting rate",
            Driver::InterestRate => "Interest rates",
            Driver::HardwarePrice => "Hardware prices",
            Driver::Uptime => "Uptime",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Driver::BtcPrice => "btc_price",
            Driver::NetworkGrowth => "network_growth",
            Driver::Fees => "fees",
            Driver::PowerPrice => "power_price",
            Driver::HostingRate => "hosting_rate",
            Driver::InterestRate => "interest_rate",
            Driver::HardwarePrice => "hardware_price",
            Driver::Uptime => "uptime",
        }
    }

    /// Applies the driver's factor `k` (= 1 ± shock) to `s`. An amount the
    /// factor takes beyond what a decimal holds (about 7.9e28) is an error
    /// naming the driver: that shock is not computable.
    pub fn apply(self, s: &mut Scenario, k: f64) -> Result<(), String> {
        let factor = Decimal::from_f64(k).unwrap_or(Decimal::ONE);
        let mut overflow = false;
        let mut dec = |d: &mut Decimal| match d.checked_mul(factor) {
            Some(v) => *d = v.round_dp(6),
            None => overflow = true,
        };
        match self {
            Driver::BtcPrice => scale_path(&mut s.market.btc_price_usd, k),
            Driver::Fees => scale_path(&mut s.market.fees_btc_per_block, k),
            Driver::NetworkGrowth => scale_growth(&mut s.market.network_hashrate_ehs, k),
            Driver::PowerPrice => s.power.contracts.iter_mut().for_each(|c| dec(&mut c.price_usd_per_mwh)),
            Driver::HostingRate => s.hosting.iter_mut().for_each(|l| dec(&mut l.rate_usd_per_kw_month)),
            Driver::InterestRate => s.financing.debt.iter_mut().for_each(|d| d.annual_rate *= k),
            Driver::HardwarePrice => {
                s.fleet.iter_mut().for_each(|l| dec(&mut l.unit_price_usd));
                dec(&mut s.market.new_hardware_usd_per_th);
            }
            Driver::Uptime => s.fleet.iter_mut().for_each(|l| l.uptime = (l.uptime * k).min(1.0)),
        }
        if overflow {
            return Err(format!("not computable: {} × {k} is beyond the largest amount floe holds (about 7.9e28)", self.label()));
        }
        Ok(())
    }
}

/// Every value of the path × k.
pub fn scale_path(p: &mut Series, k: f64) {
    match p {
        Series::Growth { start, .. } => *start *= k,
        Series::Points(pts) => pts.iter_mut().for_each(|(_, v)| *v *= k),
    }
}

/// The path's growth × k (see the module docs).
pub fn scale_growth(p: &mut Series, k: f64) {
    match p {
        Series::Growth { annual_growth, .. } => *annual_growth *= k,
        Series::Points(pts) => {
            let first = pts.first().map_or(0.0, |p| p.1);
            pts.iter_mut().for_each(|(_, v)| *v = (first + (*v - first) * k).max(0.0));
        }
    }
}

/// One bar of the tornado.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Bar {
    pub driver: Driver,
    pub label: &'static str,
    /// The KPI with the driver shocked down and up (`None`: undefined there).
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// |high − low| (0 when either is undefined, listed last).
    pub impact: f64,
    /// Why a side has no number (invalid shocked plan, engine error).
    pub note: Option<String>,
}

/// A tornado for one KPI.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Tornado {
    pub kpi: &'static str,
    pub shock: f64,
    pub base: Option<f64>,
    /// Sorted by impact, largest first.
    pub bars: Vec<Bar>,
}

/// Checks a shock fraction: 0 < f < 1.
pub fn check_shock(f: f64) -> Result<(), String> {
    if f.is_finite() && f > 0.0 && f < 1.0 {
        Ok(())
    } else {
        Err(format!("the shock must be a fraction between 0 and 1 (0.2 = ±20 %), not {f}"))
    }
}

fn kpi_with(s: &Scenario, kpi: &Kpi, change: impl FnOnce(&mut Scenario) -> Result<(), String>) -> Result<Option<f64>, String> {
    projection_with(s, change).map(|p| kpi_number(kpi, &p.kpis))
}

/// Projects a changed copy of `s`.
fn projection_with(s: &Scenario, change: impl FnOnce(&mut Scenario) -> Result<(), String>) -> Result<engine::Projection, String> {
    let mut t = s.clone();
    change(&mut t)?;
    if let Some(p) = validate(&t).first() {
        return Err(format!("shocked plan is not valid: {p}"));
    }
    engine::project_validated(&t).map_err(|e| e.to_string())
}

/// Whether `kpi` of `p` is only held up by the treasury's minimum-cash floor:
/// cash at end when the treasury sold BTC in the last month to keep the
/// minimum, minimum cash when it sold BTC in any month. Such a figure says
/// where the floor is, not how the plan fares.
pub fn held_by_floor(kpi: &Kpi, p: &engine::Projection) -> bool {
    use crate::engine::KpiId;
    if kpi.key == KpiId::EndCashUsd.key() {
        p.months.last().is_some_and(|r| r.treasury_btc_sold > 0.0)
    } else if kpi.key == KpiId::MinCashUsd.key() {
        p.months.iter().any(|r| r.treasury_btc_sold > 0.0)
    } else {
        false
    }
}

/// The tornado of `kpi` for a valid scenario, each driver at 1 − shock and 1 + shock (in parallel).
pub fn tornado(s: &Scenario, kpi: &Kpi, shock: f64) -> Result<Tornado, String> {
    check_shock(shock)?;
    if !numeric_kpis().any(|k| k.key == kpi.key) {
        return Err(format!("{} is not a numeric KPI", kpi.key));
    }
    if let Some(p) = validate(s).first() {
        return Err(format!("the scenario is not valid: {p}"));
    }
    let base = engine::project_validated(s).map_err(|e| e.to_string())?;
    let runs: Vec<(Driver, f64)> = Driver::ALL.iter().flat_map(|&d| [(d, 1.0 - shock), (d, 1.0 + shock)]).collect();
    let values: Vec<Result<Option<f64>, String>> = runs.par_iter().map(|&(d, k)| kpi_with(s, kpi, |t| d.apply(t, k))).collect();
    let mut bars: Vec<Bar> = Driver::ALL
        .iter()
        .zip(values.chunks(2))
        .map(|(&driver, lh)| {
            let note = lh.iter().find_map(|r| r.as_ref().err().cloned());
            let (low, high) = (lh[0].clone().ok().flatten(), lh[1].clone().ok().flatten());
            let impact = match (low, high) {
                (Some(l), Some(h)) => (h - l).abs(),
                _ => 0.0,
            };
            Bar { driver, label: driver.label(), low, high, impact, note }
        })
        .collect();
    bars.sort_by(|a, b| b.impact.total_cmp(&a.impact));
    Ok(Tornado { kpi: kpi.key, shock, base: kpi_number(kpi, &base.kpis), bars })
}

/// The two-way table: rows BTC price factor, columns network-growth factor.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TwoWay {
    pub kpi: &'static str,
    /// Factors applied to the BTC price path (rows).
    pub price_factors: Vec<f64>,
    /// Factors applied to the network growth (columns).
    pub growth_factors: Vec<f64>,
    /// `cells[row][col]`; `None` where undefined or not computable.
    pub cells: Vec<Vec<Option<f64>>>,
    /// `floor[row][col]`: the cell's figure is only held up by the minimum-cash floor ([`held_by_floor`]).
    pub floor: Vec<Vec<bool>>,
    /// The base case's cell (factor 1 × 1).
    pub base: (usize, usize),
}

/// A 5 × 5 two-way table at 1 − shock … 1 + shock in both directions.
pub fn two_way(s: &Scenario, kpi: &Kpi, shock: f64) -> Result<TwoWay, String> {
    check_shock(shock)?;
    if let Some(p) = validate(s).first() {
        return Err(format!("the scenario is not valid: {p}"));
    }
    let factors: Vec<f64> = [-1.0, -0.5, 0.0, 0.5, 1.0].iter().map(|x| 1.0 + x * shock).collect();
    let grid: Vec<(usize, usize)> = (0..5).flat_map(|r| (0..5).map(move |c| (r, c))).collect();
    let flat: Vec<(Option<f64>, bool)> = grid
        .par_iter()
        .map(|&(r, c)| {
            let p = projection_with(s, |t| {
                Driver::BtcPrice.apply(t, factors[r])?;
                Driver::NetworkGrowth.apply(t, factors[c])
            });
            p.map(|p| (kpi_number(kpi, &p.kpis), held_by_floor(kpi, &p))).unwrap_or((None, false))
        })
        .collect();
    let cells: Vec<Option<f64>> = flat.iter().map(|c| c.0).collect();
    let floor: Vec<bool> = flat.iter().map(|c| c.1).collect();
    Ok(TwoWay {
        kpi: kpi.key,
        price_factors: factors.clone(),
        growth_factors: factors,
        cells: cells.chunks(5).map(<[_]>::to_vec).collect(),
        floor: floor.chunks(5).map(<[_]>::to_vec).collect(),
        base: (2, 2),
    })
}
