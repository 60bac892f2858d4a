//! The scenario in memory: every input of a projection. Files are read and
//! written through the frozen types of each format (`crate::format`), which
//! map to these; this model may change without changing what a file means.

use super::{Month, Series};
use rust_decimal::Decimal;
use serde::Serialize;

/// Exact money amount in USD (a decimal string in files).
pub type Money = Decimal;

/// The newest file format this build reads: the model holds everything it
/// says. (Saving always writes this format.)
pub const FORMAT_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    pub format_version: u32,
    pub name: String,
    pub description: String,
    pub saved_with: Option<String>,
    pub saved_at: Option<String>,
    pub start_month: Month,
    pub horizon_months: i64,
    pub market: Market,
    pub fleet: Vec<Lot>,
    pub power: Power,
    pub hosting: Vec<Lease>,
    pub opex: Opex,
    pub financing: Financing,
    pub valuation: Valuation,
}

/// How the plan's cash flows are valued (format 2).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Valuation {
    /// Annual rate for NPV; above -1.
    pub discount_rate: f64,
}

impl Default for Valuation {
    fn default() -> Self {
        Valuation { discount_rate: DEFAULT_DISCOUNT_RATE }
    }
}

/// A payment for a lot before its delivery (format 2).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deposit {
    /// Months before `deploy_month`; at least 1.
    pub months_before: i64,
    /// Share of the lot's price, 0..=1.
    pub fraction: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Market {
    pub btc_price_usd: Series,
    pub network_hashrate_ehs: Series,
    pub fees_btc_per_block: Series,
    pub start_block_height: i64,
    pub blocks_per_day: f64,
    pub new_hardware_usd_per_th: Money,
}

/// A lot of identical machines deployed in one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lot {
    pub model: String,
    pub units: i64,
    pub hashrate_ths: f64,
    pub power_w: f64,
    pub unit_price_usd: Money,
    pub deploy_month: Month,
    pub life_months: i64,
    pub uptime: f64,
    pub annual_degradation: f64,
    pub salvage_fraction: f64,
    /// Payments before delivery (format 2); the rest is paid in `deploy_month`.
    pub deposits: Vec<Deposit>,
    /// Sold for its salvage value when it retires (format 2).
    pub sold_at_retirement: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Power {
    pub contracts: Vec<Contract>,
    pub pue: f64,
    pub curtailment_hours_per_month: f64,
    pub curtailment_credit_usd_per_mwh: Money,
    pub economic_shutdown: bool,
    pub mining_opex_usd_per_mw_month: Money,
}

/// A power purchase contract: facility MW at a price per MWh.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contract {
    pub name: String,
    pub capacity_mw: f64,
    pub price_usd_per_mwh: Money,
    pub annual_escalation: f64,
    pub start_month: Option<Month>,
    pub end_month: Option<Month>,
}

/// An AI/HPC hosting lease on part of the power.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lease {
    pub tenant: String,
    pub critical_it_mw: f64,
    pub pue: f64,
    pub start_month: Month,
    pub ramp_months: i64,
    pub term_months: i64,
    pub rate_usd_per_kw_month: Money,
    pub annual_escalation: f64,
    pub power_passthrough: bool,
    pub utilization: f64,
    pub flex_mining: bool,
    pub fit_out_usd_per_mw: Money,
    pub build_months: i64,
    pub opex_fraction: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Opex {
    pub pool_fee: f64,
    pub sga_usd_per_month: Money,
    pub tax_rate: f64,
    /// Tax losses carried forward (format 2; format 1 had none).
    pub tax_loss_carryforward: bool,
    /// Share of taxable income a carried loss may offset, 0..=1 (format 2).
    pub loss_limit_fraction: f64,
    /// Losses carried into the plan, USD, >= 0 (format 2).
    pub opening_tax_losses_usd: Money,
}

impl Default for Opex {
    fn default() -> Self {
        Opex {
            pool_fee: 0.0,
            sga_usd_per_month: Money::ZERO,
            tax_rate: 0.0,
            tax_loss_carryforward: true,
            loss_limit_fraction: DEFAULT_LOSS_LIMIT_FRACTION,
            opening_tax_losses_usd: Money::ZERO,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Financing {
    pub opening_cash_usd: Money,
    pub opening_btc: f64,
    pub shares_outstanding: f64,
    pub share_price_usd: Series,
    pub btc_sell_fraction: f64,
    pub min_cash_usd: Money,
    pub covenant_max_leverage: Option<f64>,
    /// Annual rate earned on positive cash, >= 0 (format 2).
    pub cash_interest_rate: f64,
    /// Bitcoin held at fair value through net income (format 2).
    pub btc_fair_value: bool,
    pub debt: Vec<Instrument>,
    pub equity_raises: Vec<EquityRaise>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
pub enum Amortization {
    #[default]
    Bullet,
    Straight,
    Annuity,
}

/// A debt instrument: loan or note.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Instrument {
    pub name: String,
    pub kind: DebtKind,
    pub principal_usd: Money,
    pub annual_rate: f64,
    pub issue_month: Month,
    pub maturity_month: Month,
    pub amortization: Amortization,
    pub issue_cost_fraction: f64,
    /// The lender accelerates after this many covenant-breach months in a row, >= 1 (format 2).
    pub accelerate_after_breach_months: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EquityRaise {
    pub month: Month,
    pub amount_usd: Money,
    pub discount: f64,
    pub fee_fraction: f64,
}

// What a field left out of a file of the newest format reads as, and what
// the constructors below fill in (a test in `format::newest` holds them to
// the newest format's own defaults; each frozen format states its own). The
// editor's starting values for a new lot or lease are `crate::defaults`:
// sourced figures, different on purpose where a public figure exists (a new
// lot starts at 0.95 uptime; a lot whose file leaves uptime out reads 0.97).
/// `fleet[].life_months`.
pub const DEFAULT_LIFE_MONTHS: i64 = 48;
/// `fleet[].uptime`.
pub const DEFAULT_UPTIME: f64 = 0.97;
/// `market.blocks_per_day`: the 10-minute target.
pub const DEFAULT_BLOCKS_PER_DAY: f64 = 144.0;
/// `hosting[].pue`.
pub const DEFAULT_HOSTING_PUE: f64 = 1.3;
/// `hosting[].ramp_months`.
pub const DEFAULT_RAMP_MONTHS: i64 = 1;
/// `hosting[].build_months`.
pub const DEFAULT_BUILD_MONTHS: i64 = 12;
/// `opex.loss_limit_fraction`: the US rule since 2018 (format 2).
pub const DEFAULT_LOSS_LIMIT_FRACTION: f64 = 0.8;
/// `valuation.discount_rate` (format 2).
pub const DEFAULT_DISCOUNT_RATE: f64 = 0.10;
// The format-2 flags default to true (`tax_loss_carryforward`,
// `btc_fair_value`, `sold_at_retirement`), the numbers to 0 and the lists empty.

impl Default for Power {
    fn default() -> Self {
        Power {
            contracts: Vec::new(),
            pue: 1.0,
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
            life_months: DEFAULT_LIFE_MONTHS,
            uptime: DEFAULT_UPTIME,
            annual_degradation: 0.0,
            salvage_fraction: 0.0,
            deposits: Vec::new(),
            sold_at_retirement: true,
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
            pue: DEFAULT_HOSTING_PUE,
            start_month,
            ramp_months: DEFAULT_RAMP_MONTHS,
            term_months,
            rate_usd_per_kw_month,
            annual_escalation: 0.0,
            power_passthrough: true,
            utilization: 1.0,
            flex_mining: false,
            fit_out_usd_per_mw: Money::ZERO,
            build_months: DEFAULT_BUILD_MONTHS,
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
            accelerate_after_breach_months: None,
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
                btc_price_usd: Series::Growth { start: 95_000.0, annual_growth: 0.0 },
                network_hashrate_ehs: Series::Growth { start: 1_100.0, annual_growth: 0.25 },
                fees_btc_per_block: Series::constant(0.02),
                start_block_height: 921_000,
                blocks_per_day: DEFAULT_BLOCKS_PER_DAY,
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
                share_price_usd: Series::constant(10.0),
                btc_sell_fraction: 1.0,
                min_cash_usd: Money::ZERO,
                covenant_max_leverage: None,
                cash_interest_rate: 0.0,
                btc_fair_value: true,
                debt: Vec::new(),
                equity_raises: Vec::new(),
            },
            valuation: Valuation::default(),
        }
    }
}
