//! Format 2 (`scenario-format.md`, "Format version 2"; `model-v2.md`), frozen
//! once released: format 1 plus tax losses carried forward, interest on
//! cash, bitcoin at fair value, machine deposits, salvage sold at
//! retirement, acceleration after a covenant breach and a discount rate.
//!
//! The blocks format 2 leaves as they were (market, power, hosting, equity
//! raises, series, debt kinds) are read with the frozen format-1 types
//! ([`super::v1`]); this module has its own types only for the blocks that
//! gained fields, and states the defaults of the new fields.

use super::v1;
use crate::model::Month;
use serde::{Deserialize, Serialize};

pub use super::v1::Money;

/// The version these types read and write.
pub const VERSION: u32 = 2;

// Format 2's defaults for omitted fields. The fields it shares with format 1
// keep format 1's defaults (`v1::DEFAULT_*`).
/// `opex.tax_loss_carryforward`.
pub const DEFAULT_TAX_LOSS_CARRYFORWARD: bool = true;
/// `opex.loss_limit_fraction`: a carried loss offsets at most 80 % of taxable income (US, since 2018).
pub const DEFAULT_LOSS_LIMIT_FRACTION: f64 = 0.8;
/// `financing.btc_fair_value` (ASU 2023-08).
pub const DEFAULT_BTC_FAIR_VALUE: bool = true;
/// `fleet[].sold_at_retirement`.
pub const DEFAULT_SOLD_AT_RETIREMENT: bool = true;
/// `valuation.discount_rate`.
pub const DEFAULT_DISCOUNT_RATE: f64 = 0.10;
// Also defaulted, to nothing: `opex.opening_tax_losses_usd` ("0"),
// `financing.cash_interest_rate` (0.0), `fleet[].deposits` ([]),
// `financing.debt[].accelerate_after_breach_months` (None).

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format_version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub saved_with: Option<String>,
    #[serde(default)]
    pub saved_at: Option<String>,
    pub start_month: Month,
    pub horizon_months: i64,
    pub market: v1::Market,
    #[serde(default)]
    pub fleet: Vec<Lot>,
    #[serde(default)]
    pub power: v1::Power,
    #[serde(default)]
    pub hosting: Vec<v1::Lease>,
    #[serde(default)]
    pub opex: Opex,
    pub financing: Financing,
    #[serde(default)]
    pub valuation: Valuation,
}

/// A payment before delivery: `(months_before, fraction)`.
pub type Deposit = (i64, f64);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    pub model: String,
    pub units: i64,
    pub hashrate_ths: f64,
    pub power_w: f64,
    #[serde(default)]
    pub unit_price_usd: Money,
    pub deploy_month: Month,
    #[serde(default = "default_life")]
    pub life_months: i64,
    #[serde(default = "default_uptime")]
    pub uptime: f64,
    #[serde(default)]
    pub annual_degradation: f64,
    #[serde(default)]
    pub salvage_fraction: f64,
    #[serde(default)]
    pub deposits: Vec<Deposit>,
    #[serde(default = "default_sold")]
    pub sold_at_retirement: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opex {
    #[serde(default)]
    pub pool_fee: f64,
    #[serde(default)]
    pub sga_usd_per_month: Money,
    #[serde(default)]
    pub tax_rate: f64,
    #[serde(default = "default_carryforward")]
    pub tax_loss_carryforward: bool,
    #[serde(default = "default_loss_limit")]
    pub loss_limit_fraction: f64,
    #[serde(default)]
    pub opening_tax_losses_usd: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Financing {
    #[serde(default)]
    pub opening_cash_usd: Money,
    #[serde(default)]
    pub opening_btc: f64,
    pub shares_outstanding: f64,
    pub share_price_usd: v1::Path,
    #[serde(default = "one")]
    pub btc_sell_fraction: f64,
    #[serde(default)]
    pub min_cash_usd: Money,
    #[serde(default)]
    pub covenant_max_leverage: Option<f64>,
    #[serde(default)]
    pub cash_interest_rate: f64,
    #[serde(default = "default_fair_value")]
    pub btc_fair_value: bool,
    #[serde(default)]
    pub debt: Vec<Instrument>,
    #[serde(default)]
    pub equity_raises: Vec<v1::EquityRaise>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub name: String,
    pub kind: v1::DebtKind,
    pub principal_usd: Money,
    pub annual_rate: f64,
    pub issue_month: Month,
    pub maturity_month: Month,
    #[serde(default)]
    pub amortization: v1::Amortization,
    #[serde(default)]
    pub issue_cost_fraction: f64,
    #[serde(default)]
    pub accelerate_after_breach_months: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Valuation {
    #[serde(default = "default_discount_rate")]
    pub discount_rate: f64,
}

fn default_life() -> i64 {
    v1::DEFAULT_LIFE_MONTHS
}
fn default_uptime() -> f64 {
    v1::DEFAULT_UPTIME
}
fn one() -> f64 {
    1.0
}
fn default_sold() -> bool {
    DEFAULT_SOLD_AT_RETIREMENT
}
fn default_carryforward() -> bool {
    DEFAULT_TAX_LOSS_CARRYFORWARD
}
fn default_loss_limit() -> f64 {
    DEFAULT_LOSS_LIMIT_FRACTION
}
fn default_fair_value() -> bool {
    DEFAULT_BTC_FAIR_VALUE
}
fn default_discount_rate() -> f64 {
    DEFAULT_DISCOUNT_RATE
}

impl Default for Opex {
    fn default() -> Self {
        Opex {
            pool_fee: 0.0,
            sga_usd_per_month: Money::ZERO,
            tax_rate: 0.0,
            tax_loss_carryforward: DEFAULT_TAX_LOSS_CARRYFORWARD,
            loss_limit_fraction: DEFAULT_LOSS_LIMIT_FRACTION,
            opening_tax_losses_usd: Money::ZERO,
        }
    }
}

impl Default for Valuation {
    fn default() -> Self {
        Valuation { discount_rate: DEFAULT_DISCOUNT_RATE }
    }
}
