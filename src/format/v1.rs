//! Format 1, frozen: the file types exactly as a `format_version: 1` file is
//! read (and written) since format 1 was released, with its defaults for
//! omitted fields. Nothing here may change once released: a later format gets
//! its own module and a step from this one (see `migrate`). The in-memory
//! model (`crate::model`) is free to change; only `migrate` maps these types
//! to it.
//!
//! A later format may reuse this module's types for the blocks it leaves
//! unchanged (they never change, so neither does what it reads).

use crate::model::Month;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Money in a file: a decimal string (a plain number is accepted too).
pub type Money = Decimal;

/// The version these types read and write.
pub const VERSION: u32 = 1;

// Format 1's defaults for omitted fields (`scenario-format.md`, format 1).
/// `fleet[].life_months`.
pub const DEFAULT_LIFE_MONTHS: i64 = 48;
/// `fleet[].uptime`.
pub const DEFAULT_UPTIME: f64 = 0.97;
/// `market.blocks_per_day`.
pub const DEFAULT_BLOCKS_PER_DAY: f64 = 144.0;
/// `hosting[].pue`.
pub const DEFAULT_HOSTING_PUE: f64 = 1.3;
/// `hosting[].ramp_months`.
pub const DEFAULT_RAMP_MONTHS: i64 = 1;
/// `hosting[].build_months`.
pub const DEFAULT_BUILD_MONTHS: i64 = 12;

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
    pub market: Market,
    #[serde(default)]
    pub fleet: Vec<Lot>,
    #[serde(default)]
    pub power: Power,
    #[serde(default)]
    pub hosting: Vec<Lease>,
    #[serde(default)]
    pub opex: Opex,
    pub financing: Financing,
}

/// A value per month: compound growth or dated points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Path {
    Growth { start: f64, annual_growth: f64 },
    Points(Vec<(Month, f64)>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Market {
    pub btc_price_usd: Path,
    pub network_hashrate_ehs: Path,
    #[serde(default = "zero_path")]
    pub fees_btc_per_block: Path,
    pub start_block_height: i64,
    #[serde(default = "default_blocks_per_day")]
    pub blocks_per_day: f64,
    #[serde(default)]
    pub new_hardware_usd_per_th: Money,
}

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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Power {
    #[serde(default)]
    pub contracts: Vec<Contract>,
    #[serde(default = "one")]
    pub pue: f64,
    #[serde(default)]
    pub curtailment_hours_per_month: f64,
    #[serde(default)]
    pub curtailment_credit_usd_per_mwh: Money,
    #[serde(default = "yes")]
    pub economic_shutdown: bool,
    #[serde(default)]
    pub mining_opex_usd_per_mw_month: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    pub name: String,
    pub capacity_mw: f64,
    pub price_usd_per_mwh: Money,
    #[serde(default)]
    pub annual_escalation: f64,
    #[serde(default)]
    pub start_month: Option<Month>,
    #[serde(default)]
    pub end_month: Option<Month>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lease {
    pub tenant: String,
    pub critical_it_mw: f64,
    #[serde(default = "default_hosting_pue")]
    pub pue: f64,
    pub start_month: Month,
    #[serde(default = "default_ramp")]
    pub ramp_months: i64,
    pub term_months: i64,
    pub rate_usd_per_kw_month: Money,
    #[serde(default)]
    pub annual_escalation: f64,
    #[serde(default = "yes")]
    pub power_passthrough: bool,
    #[serde(default = "one")]
    pub utilization: f64,
    #[serde(default)]
    pub flex_mining: bool,
    #[serde(default)]
    pub fit_out_usd_per_mw: Money,
    #[serde(default = "default_build")]
    pub build_months: i64,
    #[serde(default)]
    pub opex_fraction: f64,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opex {
    #[serde(default)]
    pub pool_fee: f64,
    #[serde(default)]
    pub sga_usd_per_month: Money,
    #[serde(default)]
    pub tax_rate: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Financing {
    #[serde(default)]
    pub opening_cash_usd: Money,
    #[serde(default)]
    pub opening_btc: f64,
    pub shares_outstanding: f64,
    pub share_price_usd: Path,
    #[serde(default = "one")]
    pub btc_sell_fraction: f64,
    #[serde(default)]
    pub min_cash_usd: Money,
    #[serde(default)]
    pub covenant_max_leverage: Option<f64>,
    #[serde(default)]
    pub debt: Vec<Instrument>,
    #[serde(default)]
    pub equity_raises: Vec<EquityRaise>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum DebtKind {
    TermLoan,
    SecuredNote,
    EquipmentLoan,
    Convertible { conversion_price_usd: Money },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Amortization {
    #[default]
    Bullet,
    Straight,
    Annuity,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub name: String,
    pub kind: DebtKind,
    pub principal_usd: Money,
    pub annual_rate: f64,
    pub issue_month: Month,
    pub maturity_month: Month,
    #[serde(default)]
    pub amortization: Amortization,
    #[serde(default)]
    pub issue_cost_fraction: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquityRaise {
    pub month: Month,
    pub amount_usd: Money,
    #[serde(default)]
    pub discount: f64,
    #[serde(default)]
    pub fee_fraction: f64,
}

fn zero_path() -> Path {
    Path::Growth { start: 0.0, annual_growth: 0.0 }
}
fn default_blocks_per_day() -> f64 {
    DEFAULT_BLOCKS_PER_DAY
}
fn default_life() -> i64 {
    DEFAULT_LIFE_MONTHS
}
fn default_uptime() -> f64 {
    DEFAULT_UPTIME
}
fn one() -> f64 {
    1.0
}
fn yes() -> bool {
    true
}
fn default_hosting_pue() -> f64 {
    DEFAULT_HOSTING_PUE
}
fn default_ramp() -> i64 {
    DEFAULT_RAMP_MONTHS
}
fn default_build() -> i64 {
    DEFAULT_BUILD_MONTHS
}

impl Default for Power {
    fn default() -> Self {
        Power {
            contracts: Vec::new(),
            pue: one(),
            curtailment_hours_per_month: 0.0,
            curtailment_credit_usd_per_mwh: Money::ZERO,
            economic_shutdown: yes(),
            mining_opex_usd_per_mw_month: Money::ZERO,
        }
    }
}
