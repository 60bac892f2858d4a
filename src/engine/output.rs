//! What a projection produces: one row per month (the CSV columns of
//! `model.md` plus the detail the charts need), the per-month cash-flow
//! breakdown, and the KPI summary.

use crate::model::Month;

/// Every cash movement of a month; `cash_open + total() == cash` (the cash identity).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CashFlows {
    /// Mined BTC sold at the month's price (`btc_sell_fraction`).
    pub mined_btc_sold_usd: f64,
    pub hosting_revenue_usd: f64,
    pub curtailment_credit_usd: f64,
    pub power_cost_usd: f64,
    pub opex_usd: f64,
    pub interest_usd: f64,
    pub tax_usd: f64,
    pub capex_usd: f64,
    pub debt_proceeds_usd: f64,
    pub principal_repaid_usd: f64,
    pub equity_proceeds_usd: f64,
    /// BTC sold by the treasury to defend minimum cash.
    pub treasury_btc_sold_usd: f64,
}

impl CashFlows {
    /// Net cash movement of the month (inflows positive).
    pub fn total(&self) -> f64 {
        self.mined_btc_sold_usd + self.hosting_revenue_usd + self.curtailment_credit_usd
            - self.power_cost_usd
            - self.opex_usd
            - self.interest_usd
            - self.tax_usd
            - self.capex_usd
            + self.debt_proceeds_usd
            - self.principal_repaid_usd
            + self.equity_proceeds_usd
            + self.treasury_btc_sold_usd
    }
}

/// One projected month. The first 28 fields are the CSV columns; the rest is
/// detail for charts, KPIs and checks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthRow {
    pub month: Month,
    pub btc_price_usd: f64,
    pub network_hashrate_ehs: f64,
    pub subsidy_btc: f64,
    pub fees_btc: f64,
    pub hashprice_usd_per_ph_day: f64,
    pub fleet_hashrate_ehs: f64,
    pub hashrate_share: f64,
    pub btc_mined: f64,
    pub mining_revenue_usd: f64,
    pub hosting_revenue_usd: f64,
    pub curtailment_credit_usd: f64,
    pub power_cost_usd: f64,
    pub opex_usd: f64,
    pub ebitda_usd: f64,
    pub depreciation_usd: f64,
    pub interest_usd: f64,
    pub tax_usd: f64,
    pub net_income_usd: f64,
    pub capex_usd: f64,
    pub debt_usd: f64,
    pub cash_usd: f64,
    pub btc_held: f64,
    pub net_debt_usd: f64,
    /// Debt / LTM EBITDA; `None` when LTM EBITDA <= 0 (not meaningful).
    pub leverage: Option<f64>,
    /// LTM EBITDA / LTM interest; `None` when there is no interest.
    pub interest_coverage: Option<f64>,
    pub shares_outstanding: f64,
    pub hold_share_capex_usd: f64,

    // ---- detail beyond the CSV ----
    /// A halving happens inside this month.
    pub halving: bool,
    /// Energy cost of mining alone (power cost minus hosting energy).
    pub mining_energy_usd: f64,
    /// Site opex of the running mining MW.
    pub mining_opex_usd: f64,
    /// Hosting opex (share of hosting revenue).
    pub hosting_opex_usd: f64,
    /// SG&A of the month.
    pub sga_usd: f64,
    /// Depreciation of machine lots (without hosting fit-out).
    pub lot_depreciation_usd: f64,
    /// Facility MW available to mining (contracts left after hosting, plus flex).
    pub mining_capacity_mw: f64,
    /// Facility MW the running fleet uses.
    pub mining_used_mw: f64,
    /// Nameplate facility MW of every alive lot (what the fleet would draw unconstrained).
    pub fleet_nameplate_mw: f64,
    /// Power-weighted J/TH of the running fleet (`None` when nothing runs).
    pub fleet_j_per_th: Option<f64>,
    /// Hashrate that month 0's share would need, EH/s.
    pub hold_share_hashrate_ehs: f64,
    pub ltm_ebitda_usd: f64,
    /// Net debt / LTM EBITDA; `None` when LTM EBITDA <= 0 (negative: net cash).
    pub net_leverage: Option<f64>,
    pub covenant_breach: bool,
    /// Cash below zero after the treasury acted.
    pub distress: bool,
    /// BTC the treasury sold to defend minimum cash.
    pub treasury_btc_sold: f64,
    pub flows: CashFlows,
}

impl MonthRow {
    pub fn month_label(&self) -> String {
        self.month.to_string()
    }
}

/// The summary figures of `model.md`. `None` = undefined (shown as such).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Kpis {
    pub total_btc_mined: f64,
    pub share_first: f64,
    pub share_last: f64,
    /// `(s_last / s_0)^(12 / (H - 1)) - 1`.
    pub annual_share_change: Option<f64>,
    /// Mining + hosting revenue + curtailment credits, whole horizon.
    pub total_revenue_usd: f64,
    pub total_ebitda_usd: f64,
    pub min_cash_usd: f64,
    pub min_cash_month: Option<Month>,
    pub peak_leverage: Option<f64>,
    pub peak_leverage_month: Option<Month>,
    /// Highest net debt / LTM EBITDA (where LTM EBITDA > 0) and the first month it occurs.
    pub peak_net_leverage: Option<f64>,
    pub peak_net_leverage_month: Option<Month>,
    pub first_distress_month: Option<Month>,
    /// Months in breach; `None` without a covenant (nothing to breach).
    pub covenant_breach_months: Option<usize>,
    pub end_debt_usd: f64,
    pub end_cash_usd: f64,
    pub end_btc_held: f64,
    pub end_hold_share_capex_usd: f64,
    /// Mining energy cost / BTC mined.
    pub cash_cost_per_btc_usd: Option<f64>,
    /// (Mining energy + mining site opex + lot depreciation + (SG&A + interest) × mining share) / BTC mined,
    /// mining share = (mining revenue + credits) / (mining revenue + credits + hosting revenue) over the horizon.
    pub all_in_cost_per_btc_usd: Option<f64>,
}

/// The result of projecting a scenario.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Projection {
    pub months: Vec<MonthRow>,
    pub kpis: Kpis,
    /// Effective hashrate per lot, EH/s, row-major: `lot_hashrate_ehs[m * lots + i]`.
    pub lot_hashrate_ehs: Vec<f64>,
    /// Number of lots (row width of `lot_hashrate_ehs`).
    pub lots: usize,
    /// Constraints that silently changed the result (idle machines, short leases, lots never run).
    pub warnings: Vec<super::Warning>,
}

impl Projection {
    /// Effective hashrate of lot `i` in month `m`, EH/s.
    pub fn lot_hashrate(&self, m: usize, i: usize) -> f64 {
        self.lot_hashrate_ehs.get(m * self.lots + i).copied().unwrap_or(0.0)
    }
}
