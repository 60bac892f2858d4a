//! Migration of older scenario formats to the current one (format 1).
//!
//! Format 0 is the pre-release layout some early plans were written in. It
//! differs from format 1 in structure:
//! - the horizon was called `horizon` (format 1: `horizon_months`);
//! - the opex fractions were percents: `pool_fee_percent` and
//!   `tax_rate_percent` (format 1: `pool_fee`, `tax_rate` as fractions);
//! - a lot's uptime was `uptime_percent` (format 1: `uptime`, a fraction).
//!
//! Everything else is as in format 1. A migrated plan is an ordinary format 1
//! scenario (saving it writes format 1).

use crate::model::{FORMAT_VERSION, Financing, Lease, Market, Month, Opex, Power, Scenario};
use crate::ron_text::{FormatError, from_ron};
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioV0 {
    #[allow(dead_code)]
    format_version: u32,
    name: String,
    #[serde(default)]
    description: String,
    start_month: Month,
    horizon: i64,
    market: Market,
    #[serde(default)]
    fleet: Vec<LotV0>,
    #[serde(default)]
    power: Power,
    #[serde(default)]
    hosting: Vec<Lease>,
    #[serde(default)]
    opex: OpexV0,
    financing: Financing,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct OpexV0 {
    #[serde(default)]
    pool_fee_percent: f64,
    #[serde(default)]
    sga_usd_per_month: Decimal,
    #[serde(default)]
    tax_rate_percent: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LotV0 {
    model: String,
    units: i64,
    hashrate_ths: f64,
    power_w: f64,
    #[serde(default)]
    unit_price_usd: Decimal,
    deploy_month: Month,
    #[serde(default = "default_life")]
    life_months: i64,
    #[serde(default = "default_uptime_percent")]
    uptime_percent: f64,
    #[serde(default)]
    annual_degradation: f64,
    #[serde(default)]
    salvage_fraction: f64,
}

fn default_life() -> i64 {
    48
}
fn default_uptime_percent() -> f64 {
    97.0
}

impl ScenarioV0 {
    fn migrate(self) -> Scenario {
        let mut fleet = Vec::with_capacity(self.fleet.len());
        for l in self.fleet {
            let mut lot = crate::model::Lot::new(&l.model, l.units, l.hashrate_ths, l.power_w, l.unit_price_usd, l.deploy_month);
            lot.life_months = l.life_months;
            lot.uptime = l.uptime_percent / 100.0;
            lot.annual_degradation = l.annual_degradation;
            lot.salvage_fraction = l.salvage_fraction;
            fleet.push(lot);
        }
        Scenario {
            format_version: FORMAT_VERSION,
            name: self.name,
            description: self.description,
            saved_with: None,
            saved_at: None,
            start_month: self.start_month,
            horizon_months: self.horizon,
            market: self.market,
            fleet,
            power: self.power,
            hosting: self.hosting,
            opex: Opex {
                pool_fee: self.opex.pool_fee_percent / 100.0,
                sga_usd_per_month: self.opex.sga_usd_per_month,
                tax_rate: self.opex.tax_rate_percent / 100.0,
            },
            financing: self.financing,
        }
    }
}

/// Parses a scenario written in an older format version and migrates it.
pub(crate) fn from_older(version: u64, text: &str) -> Result<Scenario, FormatError> {
    match version {
        0 => Ok(from_ron::<ScenarioV0>(text)?.migrate()),
        v => Err(FormatError::Parse { line: 1, col: 1, message: format!("format_version {v} is not a floe scenario format") }),
    }
}

#[cfg(test)]
mod tests {
    use crate::format::{parse_valid, to_text};

    const V0: &str = r#"(
        format_version: 0,
        name: "old plan",
        start_month: "2026-01",
        horizon: 24,
        market: (
            btc_price_usd: Growth(start: 100000.0, annual_growth: 0.0),
            network_hashrate_ehs: Growth(start: 1000.0, annual_growth: 0.2),
            start_block_height: 930000,
        ),
        fleet: [(model: "S21", units: 100, hashrate_ths: 200.0, power_w: 3500.0, deploy_month: "2025-06", uptime_percent: 95.0)],
        opex: (pool_fee_percent: 2.0, sga_usd_per_month: "100000", tax_rate_percent: 21.0),
        financing: (shares_outstanding: 1000.0, share_price_usd: Growth(start: 5.0, annual_growth: 0.0)),
    )"#;

    #[test]
    fn format_0_is_migrated_to_format_1() {
        let s = parse_valid(V0).unwrap();
        assert_eq!(s.format_version, 1);
        assert_eq!(s.horizon_months, 24);
        assert_eq!(s.fleet[0].uptime, 0.95);
        assert_eq!(s.opex.pool_fee, 0.02);
        assert_eq!(s.opex.tax_rate, 0.21);
        assert_eq!(s.opex.sga_usd_per_month.to_string(), "100000");
        // Saved again, it is format 1 and reads back equal.
        let text = to_text(&s).unwrap();
        assert!(text.contains("format_version: 1") && text.contains("horizon_months: 24") && !text.contains("percent"));
        assert_eq!(parse_valid(&text).unwrap(), s);
    }

    #[test]
    fn format_0_with_a_format_1_field_is_refused_with_its_line() {
        let bad = V0.replace("horizon: 24,", "horizon_months: 24,");
        let e = crate::format::parse(&bad).unwrap_err();
        assert!(matches!(e, crate::format::FormatError::Parse { line: 5, .. }), "{e:?}");
    }
}
