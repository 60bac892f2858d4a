//! What a projection produces, declared once: every monthly column and every
//! summary figure is one entry below (its row or summary field, id, key,
//! label, unit, kind, decimals, group, help and how periods aggregate it);
//! [`super::describe`] turns the entries into `MonthRow`, `ColumnId`,
//! `COLUMNS`, `Kpis`, `KpiId` and `KPIS`. Adding a column or a figure is one
//! entry here plus the step that computes it.

use super::describe::{Aggregate, Cell, Column, Group, IntoKpiValue, Kind, Kpi, declare_kpis, declare_month_row, given_or};
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
    /// Interest earned on positive opening cash (format 2).
    pub interest_income_usd: f64,
    /// Retired machines sold (format 2).
    pub salvage_proceeds_usd: f64,
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
            + self.interest_income_usd
            + self.salvage_proceeds_usd
    }
}

declare_month_row! {
columns {
    BtcPriceUsd => btc_price_usd: f64 {
        label: "BTC price", unit: "USD", kind: Money, decimals: 0, group: Market, aggregate: Mean,
        help: "Bitcoin price of the month (from the price path)",
    },
    NetworkHashrateEhs => network_hashrate_ehs: f64 {
        label: "Network hashrate", unit: "EH/s", kind: Quantity, decimals: 1, group: Market, network: true, aggregate: Mean,
        help: "Hashrate of the whole network",
    },
    SubsidyBtc => subsidy_btc: f64 {
        label: "Block subsidy", unit: "BTC per month", kind: Btc, decimals: 2, group: Market, network: true, aggregate: Sum,
        help: "New BTC paid to all miners in the month",
    },
    FeesBtc => fees_btc: f64 {
        label: "Fees", unit: "BTC per month", kind: Btc, decimals: 2, group: Market, network: true, aggregate: Sum,
        help: "Transaction fees paid to all miners in the month",
    },
    HashpriceUsdPerPhDay => hashprice_usd_per_ph_day: f64 {
        label: "Hashprice", unit: "USD per PH/s per day", kind: Quantity, decimals: 2, group: Market, network: true, aggregate: Mean,
        help: "What one PH/s earns per day: (subsidy + fees) ÷ days × price ÷ network PH/s",
    },
    FleetHashrateEhs => fleet_hashrate_ehs: f64 {
        label: "Fleet hashrate", unit: "EH/s", kind: Quantity, decimals: 2, group: Operations, aggregate: Mean,
        help: "Effective hashrate of the running fleet",
    },
    HashrateShare => hashrate_share: f64 {
        label: "Hashrate share", unit: "% of network", kind: Percent, decimals: 3, group: Operations, aggregate: Mean,
        help: "Fleet hashrate ÷ network hashrate",
    },
    BtcMined => btc_mined: f64 {
        label: "BTC mined", unit: "BTC per month", kind: Btc, decimals: 2, group: Operations, aggregate: Sum,
        help: "Share × (subsidy + fees) × (1 − pool fee)",
    },
    MiningRevenueUsd => mining_revenue_usd: f64 {
        label: "Mining revenue", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "BTC mined × price of the month",
    },
    HostingRevenueUsd => hosting_revenue_usd: f64 {
        label: "Hosting revenue", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "AI/HPC lease revenue",
    },
    CurtailmentCreditUsd => curtailment_credit_usd: f64 {
        label: "Curtailment credits", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "Paid for power not drawn during curtailment",
    },
    PowerCostUsd => power_cost_usd: f64 {
        label: "Power cost", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "Mining energy + hosting energy the miner pays",
    },
    OpexUsd => opex_usd: f64 {
        label: "Opex", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "Site opex + hosting opex + SG&A",
    },
    EbitdaUsd => ebitda_usd: f64 {
        label: "EBITDA", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "Revenue + credits − power cost − opex",
    },
    DepreciationUsd => depreciation_usd: f64 {
        label: "Depreciation", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "Machine lots and hosting fit-out",
    },
    InterestUsd => interest_usd: f64 {
        label: "Interest", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "Opening balance × annual rate ÷ 12",
    },
    TaxUsd => tax_usd: f64 {
        label: "Tax", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "Tax rate × positive earnings before tax",
    },
    NetIncomeUsd => net_income_usd: f64 {
        label: "Net income", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "EBITDA − depreciation − interest − tax",
    },
    CapexUsd => capex_usd: f64 {
        label: "Capex", unit: "USD per month", kind: Money, decimals: 0, group: CashAndDebt, aggregate: Sum,
        help: "Machines deployed and hosting fit-out paid",
    },
    DebtUsd => debt_usd: f64 {
        label: "Debt", unit: "USD at month end", kind: Money, decimals: 0, group: CashAndDebt, aggregate: End,
        help: "Balances of every instrument at month end",
    },
    CashUsd => cash_usd: f64 {
        label: "Cash", unit: "USD at month end", kind: Money, decimals: 0, group: CashAndDebt, aggregate: End,
        help: "Cash at month end, after treasury BTC sales",
    },
    BtcHeld => btc_held: f64 {
        label: "BTC held", unit: "BTC at month end", kind: Btc, decimals: 2, group: CashAndDebt, aggregate: End,
        help: "Treasury BTC at month end",
    },
    NetDebtUsd => net_debt_usd: f64 {
        label: "Net debt", unit: "USD at month end", kind: Money, decimals: 0, group: CashAndDebt, aggregate: End,
        help: "Debt − cash − BTC held × price",
    },
    Leverage => leverage: Option<f64> {
        label: "Leverage", unit: "× LTM EBITDA", kind: Ratio, decimals: 2, group: Risk, aggregate: End,
        help: "Debt ÷ LTM EBITDA; n/m when LTM EBITDA ≤ 0",
    },
    InterestCoverage => interest_coverage: Option<f64> {
        label: "Interest coverage", unit: "× LTM interest", kind: Ratio, decimals: 2, group: Risk, aggregate: End,
        help: "LTM EBITDA ÷ LTM interest; n/m without interest",
    },
    SharesOutstanding => shares_outstanding: f64 {
        label: "Shares outstanding", unit: "shares", kind: Count, decimals: 0, group: CashAndDebt, aggregate: End,
        help: "After conversions and raises",
    },
    HoldShareCapexUsd => hold_share_capex_usd: f64 {
        label: "Hold-share capex", unit: "USD", kind: Money, decimals: 0, group: Risk, aggregate: End,
        help: "Hardware spend that would restore month 0's hashrate share this month",
    },
    // ---- format 2 (model-v2.md), appended in its order ----
    InterestIncomeUsd => interest_income_usd: f64 {
        label: "Interest income", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "Positive cash at the month's start × cash interest rate ÷ 12",
    },
    BtcFairValueChangeUsd => btc_fair_value_change_usd: f64 {
        label: "BTC fair-value change", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "BTC held at the month's start × (this month's price − last month's); in net income when BTC is held at fair value",
    },
    TaxLossesUsd => tax_losses_usd: f64 {
        label: "Tax-loss pool", unit: "USD at month end", kind: Money, decimals: 0, group: IncomeStatement, aggregate: End,
        help: "Tax losses carried forward, not yet used against taxable income",
    },
    SalvageProceedsUsd => salvage_proceeds_usd: f64 {
        label: "Salvage proceeds", unit: "USD per month", kind: Money, decimals: 0, group: CashAndDebt, aggregate: Sum,
        help: "Retired machines sold for their salvage value (units × price × salvage fraction)",
    },
    AcceleratedDebtUsd => accelerated_debt_usd: f64 {
        label: "Accelerated debt", unit: "USD per month", kind: Money, decimals: 0, group: CashAndDebt, aggregate: Sum,
        help: "Balances a lender called after consecutive covenant breaches, repaid in cash this month",
    },
    MiningEbitdaUsd => mining_ebitda_usd: f64 {
        label: "Mining EBITDA", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "Mining revenue + curtailment credits − mining energy − mining site opex",
    },
    HostingEbitdaUsd => hosting_ebitda_usd: f64 {
        label: "Hosting EBITDA", unit: "USD per month", kind: Money, decimals: 0, group: IncomeStatement, aggregate: Sum,
        help: "Hosting revenue − hosting opex − hosting energy the miner pays",
    },
    FreeCashFlowUsd => free_cash_flow_usd: f64 {
        label: "Free cash flow", unit: "USD per month", kind: Money, decimals: 0, group: CashAndDebt, aggregate: Sum,
        help: "EBITDA − tax − capex + salvage proceeds: the cash operations leave before interest, debt and equity",
    },
}
detail {
    /// A halving happens inside this month.
    halving: bool,
    /// Energy cost of mining alone (power cost minus hosting energy).
    mining_energy_usd: f64 => "Mining energy",
    /// Site opex of the running mining MW.
    mining_opex_usd: f64 => "Mining site opex",
    /// Energy the company pays for its tenants (leases without pass-through).
    hosting_energy_usd: f64 => "Hosting energy",
    /// Hosting opex (share of hosting revenue).
    hosting_opex_usd: f64 => "Hosting opex",
    /// SG&A of the month.
    sga_usd: f64 => "SG&A",
    /// Depreciation of machine lots (without hosting fit-out).
    lot_depreciation_usd: f64 => "Lot depreciation",
    /// Depreciation of hosting fit-out.
    fit_out_depreciation_usd: f64 => "Fit-out depreciation",
    /// Facility MW available to mining (contracts left after hosting, plus flex).
    mining_capacity_mw: f64 => "Mining capacity",
    /// Facility MW the running fleet uses.
    mining_used_mw: f64 => "Mining power used",
    /// Nameplate facility MW of every alive lot (what the fleet would draw unconstrained).
    fleet_nameplate_mw: f64 => "Fleet nameplate power",
    /// Power-weighted J/TH of the running fleet (`None` when nothing runs).
    fleet_j_per_th: Option<f64> => "Fleet efficiency",
    /// Hashrate that month 0's share would need, EH/s.
    hold_share_hashrate_ehs: f64 => "Hold-share hashrate",
    /// Trailing-twelve-month EBITDA (annualised while fewer months are projected).
    ltm_ebitda_usd: f64 => "LTM EBITDA",
    /// Net debt / LTM EBITDA; `None` when LTM EBITDA <= 0 (negative: net cash).
    net_leverage: Option<f64> => "Net leverage",
    covenant_breach: bool,
    /// Cash below zero after the treasury acted.
    distress: bool,
    /// BTC the treasury sold to defend minimum cash.
    treasury_btc_sold: f64 => "Treasury BTC sold",
    /// Every cash movement of the month.
    flows: CashFlows,
}
}

impl MonthRow {
    pub fn month_label(&self) -> String {
        self.month.to_string()
    }
}

declare_kpis! {
    TotalBtcMined => total_btc_mined: f64 {
        label: "BTC mined", unit: "BTC over the horizon", kind: Btc, decimals: 1,
        help: "Sum of BTC mined each month, after pool fees",
    },
    ShareFirst => share_first: f64 {
        label: "Hashrate share, first month", unit: "% of network", kind: Percent, decimals: 3,
        help: "Fleet hashrate ÷ network hashrate in the first month",
    },
    ShareLast => share_last: f64 {
        label: "Hashrate share, last month", unit: "% of network", kind: Percent, decimals: 3,
        help: "Fleet hashrate ÷ network hashrate in the last month",
    },
    AnnualShareChange => annual_share_change: Option<f64> {
        label: "Annual share change", unit: "% per year", kind: Percent, decimals: 1,
        help: "(last share ÷ first share)^(12 ÷ (months − 1)) − 1: the ice cube's melt rate",
        undefined: "n/a (first share 0 or a one-month horizon)",
    },
    TotalRevenueUsd => total_revenue_usd: f64 {
        label: "Total revenue", unit: "USD over the horizon", kind: Money, decimals: 0,
        help: "Mining revenue + hosting revenue + curtailment credits, all months",
    },
    TotalEbitdaUsd => total_ebitda_usd: f64 {
        label: "Total EBITDA", unit: "USD over the horizon", kind: Money, decimals: 0,
        help: "Sum of monthly EBITDA",
    },
    MinCashUsd => min_cash_usd: f64 {
        label: "Minimum cash", unit: "USD", kind: Money, decimals: 0,
        help: "Lowest month-end cash after treasury BTC sales (first month of the lowest)",
    },
    MinCashMonth => min_cash_month: Option<Month> {
        label: "Minimum cash month", unit: "", kind: Month, decimals: 0,
        help: "First month with the lowest cash",
        undefined: "none",
    },
    PeakLeverage => peak_leverage: Option<f64> {
        label: "Peak leverage", unit: "× LTM EBITDA", kind: Ratio, decimals: 2,
        help: "Highest debt ÷ LTM EBITDA over the months where LTM EBITDA > 0 (first month of the highest)",
        undefined: "n/m (no positive LTM EBITDA)",
    },
    PeakLeverageMonth => peak_leverage_month: Option<Month> {
        label: "Peak leverage month", unit: "", kind: Month, decimals: 0,
        help: "First month with the highest leverage",
        undefined: "none",
    },
    PeakNetLeverage => peak_net_leverage: Option<f64> {
        label: "Peak net leverage", unit: "× LTM EBITDA", kind: Ratio, decimals: 2,
        help: "Highest (debt − cash − BTC held × price) ÷ LTM EBITDA where LTM EBITDA > 0; negative = net cash",
        undefined: "n/m (no positive LTM EBITDA)",
    },
    PeakNetLeverageMonth => peak_net_leverage_month: Option<Month> {
        label: "Peak net leverage month", unit: "", kind: Month, decimals: 0,
        help: "First month with the highest net leverage",
        undefined: "none",
    },
    FirstDistressMonth => first_distress_month: Option<Month> {
        label: "First distress month", unit: "", kind: Month, decimals: 0,
        help: "First month-end with negative cash",
        undefined: "none",
    },
    CovenantBreachMonths => covenant_breach_months: Option<usize> {
        label: "Covenant breach months", unit: "months", kind: Count, decimals: 0,
        help: "Months with debt > 0 and leverage above the covenant (or LTM EBITDA not positive)",
        undefined: "no covenant",
    },
    EndDebtUsd => end_debt_usd: f64 {
        label: "Debt at end", unit: "USD", kind: Money, decimals: 0,
        help: "Debt at the end of the last month",
    },
    EndCashUsd => end_cash_usd: f64 {
        label: "Cash at end", unit: "USD", kind: Money, decimals: 0,
        help: "Cash at the end of the last month",
    },
    EndBtcHeld => end_btc_held: f64 {
        label: "BTC held at end", unit: "BTC", kind: Btc, decimals: 2,
        help: "Treasury BTC at the end of the last month",
    },
    EndHoldShareCapexUsd => end_hold_share_capex_usd: f64 {
        label: "Hold-share capex (last month)", unit: "USD", kind: Money, decimals: 0,
        help: "Hardware spend that would restore month 0's share in the last month",
    },
    CashCostPerBtcUsd => cash_cost_per_btc_usd: Option<f64> {
        label: "Cash cost per BTC", unit: "USD per BTC", kind: Money, decimals: 0,
        help: "Mining energy cost ÷ BTC mined (hosting energy excluded)",
        undefined: "n/a (nothing mined)",
    },
    AllInCostPerBtcUsd => all_in_cost_per_btc_usd: Option<f64> {
        label: "All-in cost per BTC", unit: "USD per BTC", kind: Money, decimals: 0,
        help: "(Mining energy + site opex + lot depreciation + (SG&A + interest) × mining share of revenue) ÷ BTC mined",
        undefined: "n/a (nothing mined)",
    },
    LiquidityAtEndUsd => liquidity_at_end_usd: f64 {
        label: "Liquidity at end", unit: "USD", kind: Money, decimals: 0,
        help: "Cash + BTC held × the last month's price, at the end",
    },
    MinLiquidityUsd => min_liquidity_usd: f64 {
        label: "Minimum liquidity", unit: "USD", kind: Money, decimals: 0,
        help: "Lowest month-end cash + BTC held × that month's price",
    },
    MinLiquidityMonth => min_liquidity_month: Option<Month> {
        label: "Minimum liquidity month", unit: "", kind: Month, decimals: 0,
        help: "First month with the lowest liquidity",
        undefined: "none",
    },
    TreasuryBtcSold => treasury_btc_sold: f64 {
        label: "BTC sold for minimum cash", unit: "BTC over the horizon", kind: Btc, decimals: 2,
        help: "BTC the treasury sold to keep the minimum cash",
    },
    TotalNetIncomeUsd => total_net_income_usd: f64 {
        label: "Total net income", unit: "USD over the horizon", kind: Money, decimals: 0,
        help: "Sum of monthly net income",
    },
    // ---- format 2 (model-v2.md) ----
    NpvUsd => npv_usd: f64 {
        label: "Plan NPV", unit: "USD at the discount rate", kind: Money, decimals: 0,
        help: "Free cash flow of every month discounted to the start at the plan's discount rate; nothing after the horizon counts",
    },
    FirstAccelerationMonth => first_acceleration_month: Option<Month> {
        label: "First acceleration", unit: "", kind: Month, decimals: 0,
        help: "First month a lender called its debt after consecutive covenant breaches",
        undefined: "none",
    },
    TaxLossesAtEndUsd => tax_losses_at_end_usd: f64 {
        label: "Tax-loss pool at end", unit: "USD", kind: Money, decimals: 0,
        help: "Tax losses carried forward at the end of the last month",
    },
    TotalBtcFairValueChangeUsd => total_btc_fair_value_change_usd: f64 {
        label: "BTC fair-value change", unit: "USD over the horizon", kind: Money, decimals: 0,
        help: "Sum of the monthly fair-value changes of the BTC held",
    },
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
    /// Lots and leases first paid for inside the horizon, with their returns (model-v2.md).
    pub investments: super::Investments,
    /// Lenders that called their debt, in month order (model-v2.md).
    pub accelerations: Vec<super::Acceleration>,
}

impl Projection {
    /// Effective hashrate of lot `i` in month `m`, EH/s.
    pub fn lot_hashrate(&self, m: usize, i: usize) -> f64 {
        self.lot_hashrate_ehs.get(m * self.lots + i).copied().unwrap_or(0.0)
    }
}
