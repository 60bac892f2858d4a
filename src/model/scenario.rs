//! The scenario in memory: every input of a projection. Files are read and
//! written through the frozen types of each format (`crate::format`), which
//! map to these; this model may change without changing what a file means.

use super::{Month, Path};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Exact money amount in USD (a decimal string in files).
pub type Money = Decimal;

/// The newest file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

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

/// A lot of identical machines deployed in one month.
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

/// A power purchase contract: facility MW at a price per MWh.
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

/// An AI/HPC hosting lease on part of the power.
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

impl DebtKind {
    pub fn label(&self) -> &'static str {
        match self {
            DebtKind::TermLoan => "Term loan",
            DebtKind::SecuredNote => "Secured note",
            DebtKind::EquipmentLoan => "Equipment loan",
            DebtKind::Convertible { .. } => "Convertible",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Amortization {
    #[default]
    Bullet,
    Straight,
    Annuity,
}

/// A debt instrument: loan or note.
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
    Path::constant(0.0)
}
fn default_blocks_per_day() -> f64 {
    144.0
}
fn default_life() -> i64 {
    48
}
fn default_uptime() -> f64 {
    0.97
}
fn one() -> f64 {
    1.0
}
fn yes() -> bool {
    true
}
fn default_hosting_pue() -> f64 {
    1.3
}
fn default_ramp() -> i64 {
    1
}
fn default_build() -> i64 {
    12
}

impl Default for Power {
    fn default() -> Self {
        Power {
            contracts: Vec::new(),
            pue: one(),
            curtailment_hours_per_month: 0.0,
            curtailment_credit_usd_per_mwh: Money::ZERO,
            economic_shutdown: true,
            mining_opex_usd_per_mw_month: Money::ZERO,
        }
    }
}

impl Lot {
    /// A lot with the format's defaults for everything but the machine itself.
    pub fn new(model: &str, units: i64, hashrate_ths: f64, power_w: f64, unit_price_usd: Money, deploy_month: Month) -> Lot {
        Lot {
            model: model.to_owned(),
            units,
            hashrate_ths,
            power_w,
            unit_price_usd,
            deploy_month,
            life_months: default_life(),
            uptime: default_uptime(),
            annual_degradation: 0.0,
            salvage_fraction: 0.0,
        }
    }
}

impl Contract {
    pub fn new(name: &str, capacity_mw: f64, price_usd_per_mwh: Money) -> Contract {
        Contract { name: name.to_owned(), capacity_mw, price_usd_per_mwh, annual_escalation: 0.0, start_month: None, end_month: None }
    }
}

impl Lease {
    pub fn new(tenant: &str, critical_it_mw: f64, start_month: Month, term_months: i64, rate_usd_per_kw_month: Money) -> Lease {
        Lease {
            tenant: tenant.to_owned(),
            critical_it_mw,
            pue: default_hosting_pue(),
            start_month,
            ramp_months: default_ramp(),
            term_months,
            rate_usd_per_kw_month,
            annual_escalation: 0.0,
            power_passthrough: true,
            utilization: 1.0,
            flex_mining: false,
            fit_out_usd_per_mw: Money::ZERO,
            build_months: default_build(),
            opex_fraction: 0.0,
        }
    }
}

impl Instrument {
    pub fn new(
        name: &str,
        kind: DebtKind,
        principal_usd: Money,
        annual_rate: f64,
        issue_month: Month,
        maturity_month: Month,
    ) -> Instrument {
        Instrument {
            name: name.to_owned(),
            kind,
            principal_usd,
            annual_rate,
            issue_month,
            maturity_month,
            amortization: Amortization::Bullet,
            issue_cost_fraction: 0.0,
        }
    }
}

impl EquityRaise {
    pub fn new(month: Month, amount_usd: Money) -> EquityRaise {
        EquityRaise { month, amount_usd, discount: 0.0, fee_fraction: 0.0 }
    }
}

impl Scenario {
    /// A small valid scenario to start from (File → New).
    pub fn new_blank(start_month: Month) -> Scenario {
        Scenario {
            format_version: FORMAT_VERSION,
            name: "Untitled plan".to_owned(),
            description: String::new(),
            saved_with: None,
            saved_at: None,
            start_month,
            horizon_months: 60,
            market: Market {
                btc_price_usd: Path::Growth { start: 95_000.0, annual_growth: 0.0 },
                network_hashrate_ehs: Path::Growth { start: 1_100.0, annual_growth: 0.25 },
                fees_btc_per_block: Path::constant(0.02),
                start_block_height: 921_000,
                blocks_per_day: 144.0,
                new_hardware_usd_per_th: Money::new(15, 0),
            },
            fleet: Vec::new(),
            power: Power::default(),
            hosting: Vec::new(),
            opex: Opex::default(),
            financing: Financing {
                opening_cash_usd: Money::ZERO,
                opening_btc: 0.0,
                shares_outstanding: 100_000_000.0,
                share_price_usd: Path::constant(10.0),
                btc_sell_fraction: 1.0,
                min_cash_usd: Money::ZERO,
                covenant_max_leverage: None,
                debt: Vec::new(),
                equity_raises: Vec::new(),
            },
        }
    }
}
