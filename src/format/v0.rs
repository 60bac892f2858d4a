//! Format 0, frozen: the pre-release layout some early plans were written in,
//! as floe has always read it. It differs from format 1 in three places:
//! - the horizon was called `horizon` (format 1: `horizon_months`);
//! - the opex fractions were percents: `pool_fee_percent` and
//!   `tax_rate_percent` (format 1: `pool_fee`, `tax_rate` as fractions);
//! - a lot's uptime was `uptime_percent` (format 1: `uptime`, a fraction).
//!
//! Every other block is format 1's, so this module reads them with the frozen
//! format-1 types ([`super::v1`]), which never change. Format 0 is read,
//! never written: `migrate` steps it to format 1.

use super::v1;
use crate::model::Month;
use rust_decimal::Decimal;
use serde::Deserialize;

/// The version these types read.
pub const VERSION: u32 = 0;

// Format 0's defaults for omitted fields.
/// `fleet[].life_months`.
pub const DEFAULT_LIFE_MONTHS: i64 = 48;
/// `fleet[].uptime_percent` (97 %: format 1's 0.97 as a percent).
pub const DEFAULT_UPTIME_PERCENT: f64 = 97.0;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format_version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub start_month: Month,
    pub horizon: i64,
    pub market: v1::Market,
    #[serde(default)]
    pub fleet: Vec<Lot>,
    #[serde(default)]
    pub power: v1::Power,
    #[serde(default)]
    pub hosting: Vec<v1::Lease>,
    #[serde(default)]
    pub opex: Opex,
    pub financing: v1::Financing,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Opex {
    #[serde(default)]
    pub pool_fee_percent: f64,
    #[serde(default)]
    pub sga_usd_per_month: Decimal,
    #[serde(default)]
    pub tax_rate_percent: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    pub model: String,
    pub units: i64,
    pub hashrate_ths: f64,
    pub power_w: f64,
    #[serde(default)]
    pub unit_price_usd: Decimal,
    pub deploy_month: Month,
    #[serde(default = "default_life")]
    pub life_months: i64,
    #[serde(default = "default_uptime_percent")]
    pub uptime_percent: f64,
    #[serde(default)]
    pub annual_degradation: f64,
    #[serde(default)]
    pub salvage_fraction: f64,
}

fn default_life() -> i64 {
    DEFAULT_LIFE_MONTHS
}
fn default_uptime_percent() -> f64 {
    DEFAULT_UPTIME_PERCENT
}
