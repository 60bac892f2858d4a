//! What a projection reports, described once: every monthly output column and
//! every summary figure (KPI) with its key, label, unit, kind and how to read
//! it from a row or from the summary. The CSV and JSON writers, the CLI
//! summary, the KPI cards, the monthly table and the KPI pickers all read
//! these tables; nothing else lists the columns or the KPIs.

use crate::engine::{Kpis, MonthRow};
use crate::model::Month;
use crate::units;

/// What kind of number a column or KPI holds: it decides how it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// US dollars.
    Money,
    /// Bitcoin.
    Btc,
    /// A multiple (`×`): leverage, coverage.
    Ratio,
    /// A fraction shown as a percentage (`0.0123` → `1.23 %`).
    Percent,
    /// A whole count (months, shares).
    Count,
    /// A calendar month.
    Month,
    /// A physical quantity or rate with its unit (EH/s, USD/PH/day).
    Quantity,
}

/// How a column adds up over a quarter or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    /// Flows: the sum of the months.
    Sum,
    /// Balances: the value at the period's last month.
    End,
    /// Prices, rates and shares: the mean of the months.
    Mean,
}

/// The groups of the monthly table, in statement order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Market,
    Operations,
    IncomeStatement,
    CashAndDebt,
    Risk,
}

impl Group {
    pub const ALL: [Group; 5] = [Group::Market, Group::Operations, Group::IncomeStatement, Group::CashAndDebt, Group::Risk];
    pub fn title(self) -> &'static str {
        match self {
            Group::Market => "Market",
            Group::Operations => "Operations",
            Group::IncomeStatement => "Income statement",
            Group::CashAndDebt => "Cash and debt",
            Group::Risk => "Risk",
        }
    }
}

/// One numeric monthly output column (after `month`).
#[derive(Clone, Copy)]
pub struct Column {
    /// CSV header and JSON key (the names of `model.md`).
    pub key: &'static str,
    /// Name a person reads.
    pub label: &'static str,
    /// Unit and period: `USD per month`, `EH/s`, `BTC`.
    pub unit: &'static str,
    pub kind: Kind,
    /// Decimals shown in tables and cards.
    pub decimals: usize,
    pub group: Group,
    /// A figure of the whole network, not of the company.
    pub network: bool,
    pub aggregate: Aggregate,
    /// What it means.
    pub help: &'static str,
    /// The value of a month; `None` is undefined.
    pub get: fn(&MonthRow) -> Option<f64>,
}

/// The header of the first column: the calendar month, "YYYY-MM".
pub const MONTH_KEY: &str = "month";

macro_rules! col {
    ($key:ident, $label:literal, $unit:literal, $kind:ident, $dec:literal, $group:ident, $net:literal, $agg:ident, $help:literal) => {
        Column {
            key: stringify!($key),
            label: $label,
            unit: $unit,
            kind: Kind::$kind,
            decimals: $dec,
            group: Group::$group,
            network: $net,
            aggregate: Aggregate::$agg,
            help: $help,
            get: |r| Some(r.$key),
        }
    };
    ($key:ident?, $label:literal, $unit:literal, $kind:ident, $dec:literal, $group:ident, $net:literal, $agg:ident, $help:literal) => {
        Column {
            key: stringify!($key),
            label: $label,
            unit: $unit,
            kind: Kind::$kind,
            decimals: $dec,
            group: Group::$group,
            network: $net,
            aggregate: Aggregate::$agg,
            help: $help,
            get: |r| r.$key,
        }
    };
}

/// The monthly columns of `model.md` after `month`, in CSV order.
pub const COLUMNS: [Column; 27] = [
    col!(btc_price_usd, "BTC price", "USD", Money, 0, Market, false, Mean, "Bitcoin price of the month (from the price path)"),
    col!(network_hashrate_ehs, "Network hashrate", "EH/s", Quantity, 1, Market, true, Mean, "Hashrate of the whole network"),
    col!(subsidy_btc, "Block subsidy", "BTC per month", Btc, 2, Market, true, Sum, "New BTC paid to all miners in the month"),
    col!(fees_btc, "Fees", "BTC per month", Btc, 2, Market, true, Sum, "Transaction fees paid to all miners in the month"),
    col!(
        hashprice_usd_per_ph_day,
        "Hashprice",
        "USD per PH/s per day",
        Quantity,
        2,
        Market,
        true,
        Mean,
        "What one PH/s earns per day: (subsidy + fees) ÷ days × price ÷ network PH/s"
    ),
    col!(fleet_hashrate_ehs, "Fleet hashrate", "EH/s", Quantity, 2, Operations, false, Mean, "Effective hashrate of the running fleet"),
    col!(hashrate_share, "Hashrate share", "% of network", Percent, 3, Operations, false, Mean, "Fleet hashrate ÷ network hashrate"),
    col!(btc_mined, "BTC mined", "BTC per month", Btc, 2, Operations, false, Sum, "Share × (subsidy + fees) × (1 − pool fee)"),
    col!(mining_revenue_usd, "Mining revenue", "USD per month", Money, 0, IncomeStatement, false, Sum, "BTC mined × price of the month"),
    col!(hosting_revenue_usd, "Hosting revenue", "USD per month", Money, 0, IncomeStatement, false, Sum, "AI/HPC lease revenue"),
    col!(
        curtailment_credit_usd,
        "Curtailment credits",
        "USD per month",
        Money,
        0,
        IncomeStatement,
        false,
        Sum,
        "Paid for power not drawn during curtailment"
    ),
    col!(
        power_cost_usd,
        "Power cost",
        "USD per month",
        Money,
        0,
        IncomeStatement,
        false,
        Sum,
        "Mining energy + hosting energy the miner pays"
    ),
    col!(opex_usd, "Opex", "USD per month", Money, 0, IncomeStatement, false, Sum, "Site opex + hosting opex + SG&A"),
    col!(ebitda_usd, "EBITDA", "USD per month", Money, 0, IncomeStatement, false, Sum, "Revenue + credits − power cost − opex"),
    col!(depreciation_usd, "Depreciation", "USD per month", Money, 0, IncomeStatement, false, Sum, "Machine lots and hosting fit-out"),
    col!(interest_usd, "Interest", "USD per month", Money, 0, IncomeStatement, false, Sum, "Opening balance × annual rate ÷ 12"),
    col!(tax_usd, "Tax", "USD per month", Money, 0, IncomeStatement, false, Sum, "Tax rate × positive earnings before tax"),
    col!(net_income_usd, "Net income", "USD per month", Money, 0, IncomeStatement, false, Sum, "EBITDA − depreciation − interest − tax"),
    col!(capex_usd, "Capex", "USD per month", Money, 0, CashAndDebt, false, Sum, "Machines deployed and hosting fit-out paid"),
    col!(debt_usd, "Debt", "USD at month end", Money, 0, CashAndDebt, false, End, "Balances of every instrument at month end"),
    col!(cash_usd, "Cash", "USD at month end", Money, 0, CashAndDebt, false, End, "Cash at month end, after treasury BTC sales"),
    col!(btc_held, "BTC held", "BTC at month end", Btc, 2, CashAndDebt, false, End, "Treasury BTC at month end"),
    col!(net_debt_usd, "Net debt", "USD at month end", Money, 0, CashAndDebt, false, End, "Debt − cash − BTC held × price"),
    col!(leverage?, "Leverage", "× LTM EBITDA", Ratio, 2, Risk, false, End, "Debt ÷ LTM EBITDA; n/m when LTM EBITDA ≤ 0"),
    col!(
        interest_coverage?,
        "Interest coverage",
        "× LTM interest",
        Ratio,
        2,
        Risk,
        false,
        End,
        "LTM EBITDA ÷ LTM interest; n/m without interest"
    ),
    col!(shares_outstanding, "Shares outstanding", "shares", Count, 0, CashAndDebt, false, End, "After conversions and raises"),
    col!(
        hold_share_capex_usd,
        "Hold-share capex",
        "USD",
        Money,
        0,
        Risk,
        false,
        End,
        "Hardware spend that would restore month 0's hashrate share this month"
    ),
];

/// A summary figure's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KpiValue {
    Number(f64),
    Month(Month),
    /// Not defined for this plan (shown as such, never as 0).
    Undefined,
}

impl KpiValue {
    pub fn number(self) -> Option<f64> {
        match self {
            KpiValue::Number(v) => Some(v),
            _ => None,
        }
    }
}

/// One summary figure of `model.md`.
#[derive(Clone, Copy)]
pub struct Kpi {
    /// JSON key and CLI name.
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub kind: Kind,
    pub decimals: usize,
    /// How it is computed (tooltips, footnotes).
    pub help: &'static str,
    /// What an undefined value means, in words ("no covenant", "nothing mined").
    pub undefined: &'static str,
    pub get: fn(&Kpis) -> KpiValue,
}

fn num(v: f64) -> KpiValue {
    KpiValue::Number(v)
}
fn opt(v: Option<f64>) -> KpiValue {
    v.map_or(KpiValue::Undefined, KpiValue::Number)
}
fn month(m: Option<Month>) -> KpiValue {
    m.map_or(KpiValue::Undefined, KpiValue::Month)
}

/// Every summary figure, in summary order.
pub const KPIS: [Kpi; 20] = [
    Kpi {
        key: "total_btc_mined",
        label: "BTC mined",
        unit: "BTC over the horizon",
        kind: Kind::Btc,
        decimals: 1,
        help: "Sum of BTC mined each month, after pool fees",
        undefined: "",
        get: |k| num(k.total_btc_mined),
    },
    Kpi {
        key: "share_first",
        label: "Hashrate share, first month",
        unit: "% of network",
        kind: Kind::Percent,
        decimals: 3,
        help: "Fleet hashrate ÷ network hashrate in the first month",
        undefined: "",
        get: |k| num(k.share_first),
    },
    Kpi {
        key: "share_last",
        label: "Hashrate share, last month",
        unit: "% of network",
        kind: Kind::Percent,
        decimals: 3,
        help: "Fleet hashrate ÷ network hashrate in the last month",
        undefined: "",
        get: |k| num(k.share_last),
    },
    Kpi {
        key: "annual_share_change",
        label: "Annual share change",
        unit: "% per year",
        kind: Kind::Percent,
        decimals: 1,
        help: "(last share ÷ first share)^(12 ÷ (months − 1)) − 1: the ice cube's melt rate",
        undefined: "n/a (first share 0 or a one-month horizon)",
        get: |k| opt(k.annual_share_change),
    },
    Kpi {
        key: "total_revenue_usd",
        label: "Total revenue",
        unit: "USD over the horizon",
        kind: Kind::Money,
        decimals: 0,
        help: "Mining revenue + hosting revenue + curtailment credits, all months",
        undefined: "",
        get: |k| num(k.total_revenue_usd),
    },
    Kpi {
        key: "total_ebitda_usd",
        label: "Total EBITDA",
        unit: "USD over the horizon",
        kind: Kind::Money,
        decimals: 0,
        help: "Sum of monthly EBITDA",
        undefined: "",
        get: |k| num(k.total_ebitda_usd),
    },
    Kpi {
        key: "min_cash_usd",
        label: "Minimum cash",
        unit: "USD",
        kind: Kind::Money,
        decimals: 0,
        help: "Lowest month-end cash after treasury BTC sales (first month of the lowest)",
        undefined: "",
        get: |k| num(k.min_cash_usd),
    },
    Kpi {
        key: "min_cash_month",
        label: "Minimum cash month",
        unit: "",
        kind: Kind::Month,
        decimals: 0,
        help: "First month with the lowest cash",
        undefined: "none",
        get: |k| month(k.min_cash_month),
    },
    Kpi {
        key: "peak_leverage",
        label: "Peak leverage",
        unit: "× LTM EBITDA",
        kind: Kind::Ratio,
        decimals: 2,
        help: "Highest debt ÷ LTM EBITDA over the months where LTM EBITDA > 0 (first month of the highest)",
        undefined: "n/m (no positive LTM EBITDA)",
        get: |k| opt(k.peak_leverage),
    },
    Kpi {
        key: "peak_leverage_month",
        label: "Peak leverage month",
        unit: "",
        kind: Kind::Month,
        decimals: 0,
        help: "First month with the highest leverage",
        undefined: "none",
        get: |k| month(k.peak_leverage_month),
    },
    Kpi {
        key: "peak_net_leverage",
        label: "Peak net leverage",
        unit: "× LTM EBITDA",
        kind: Kind::Ratio,
        decimals: 2,
        help: "Highest (debt − cash − BTC held × price) ÷ LTM EBITDA where LTM EBITDA > 0; negative = net cash",
        undefined: "n/m (no positive LTM EBITDA)",
        get: |k| opt(k.peak_net_leverage),
    },
    Kpi {
        key: "peak_net_leverage_month",
        label: "Peak net leverage month",
        unit: "",
        kind: Kind::Month,
        decimals: 0,
        help: "First month with the highest net leverage",
        undefined: "none",
        get: |k| month(k.peak_net_leverage_month),
    },
    Kpi {
        key: "first_distress_month",
        label: "First distress month",
        unit: "",
        kind: Kind::Month,
        decimals: 0,
        help: "First month-end with negative cash",
        undefined: "none",
        get: |k| month(k.first_distress_month),
    },
    Kpi {
        key: "covenant_breach_months",
        label: "Covenant breach months",
        unit: "months",
        kind: Kind::Count,
        decimals: 0,
        help: "Months with debt > 0 and leverage above the covenant (or LTM EBITDA not positive)",
        undefined: "no covenant",
        get: |k| opt(k.covenant_breach_months.map(|n| n as f64)),
    },
    Kpi {
        key: "end_debt_usd",
        label: "Debt at end",
        unit: "USD",
        kind: Kind::Money,
        decimals: 0,
        help: "Debt at the end of the last month",
        undefined: "",
        get: |k| num(k.end_debt_usd),
    },
    Kpi {
        key: "end_cash_usd",
        label: "Cash at end",
        unit: "USD",
        kind: Kind::Money,
        decimals: 0,
        help: "Cash at the end of the last month",
        undefined: "",
        get: |k| num(k.end_cash_usd),
    },
    Kpi {
        key: "end_btc_held",
        label: "BTC held at end",
        unit: "BTC",
        kind: Kind::Btc,
        decimals: 2,
        help: "Treasury BTC at the end of the last month",
        undefined: "",
        get: |k| num(k.end_btc_held),
    },
    Kpi {
        key: "end_hold_share_capex_usd",
        label: "Hold-share capex (last month)",
        unit: "USD",
        kind: Kind::Money,
        decimals: 0,
        help: "Hardware spend that would restore month 0's share in the last month",
        undefined: "",
        get: |k| num(k.end_hold_share_capex_usd),
    },
    Kpi {
        key: "cash_cost_per_btc_usd",
        label: "Cash cost per BTC",
        unit: "USD per BTC",
        kind: Kind::Money,
        decimals: 0,
        help: "Mining energy cost ÷ BTC mined (hosting energy excluded)",
        undefined: "n/a (nothing mined)",
        get: |k| opt(k.cash_cost_per_btc_usd),
    },
    Kpi {
        key: "all_in_cost_per_btc_usd",
        label: "All-in cost per BTC",
        unit: "USD per BTC",
        kind: Kind::Money,
        decimals: 0,
        help: "(Mining energy + site opex + lot depreciation + (SG&A + interest) × mining share of revenue) ÷ BTC mined",
        undefined: "n/a (nothing mined)",
        get: |k| opt(k.all_in_cost_per_btc_usd),
    },
];

/// The KPI with this key.
pub fn kpi(key: &str) -> Option<&'static Kpi> {
    KPIS.iter().find(|k| k.key == key)
}

/// The column with this key.
pub fn column(key: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.key == key)
}

/// A number shown as its kind asks, with `decimals` (tables, cards, summary).
pub fn show(kind: Kind, decimals: usize, v: f64) -> String {
    match kind {
        Kind::Money => units::usd_decimals(v, decimals),
        Kind::Percent => format!("{} %", units::thousands(v * 100.0, decimals)),
        Kind::Ratio => format!("{}×", units::thousands(v, decimals)),
        Kind::Btc | Kind::Count | Kind::Quantity | Kind::Month => units::thousands(v, decimals),
    }
}

impl Column {
    /// A cell as people read it; an undefined value is `n/m`.
    pub fn show(&self, v: Option<f64>) -> String {
        v.map_or_else(|| "n/m".to_owned(), |v| show(self.kind, self.decimals, v))
    }
    /// The header a person reads: label and unit.
    pub fn title(&self) -> String {
        format!("{} ({})", self.label, self.unit)
    }
}

impl Kpi {
    pub fn value(&self, k: &Kpis) -> KpiValue {
        (self.get)(k)
    }
    /// The value as people read it, with its unit where that helps.
    pub fn show(&self, k: &Kpis) -> String {
        match self.value(k) {
            KpiValue::Number(v) => match self.kind {
                Kind::Btc => format!("{} BTC", show(self.kind, self.decimals, v)),
                Kind::Count if !self.unit.is_empty() => format!("{} {}", show(self.kind, self.decimals, v), self.unit),
                _ => show(self.kind, self.decimals, v),
            },
            KpiValue::Month(m) => m.to_string(),
            KpiValue::Undefined => self.undefined.to_owned(),
        }
    }
    /// [`Kpi::show`] for a small card: money compact (`$1.23 B`), undefined as its first word (`n/m`).
    pub fn show_short(&self, k: &Kpis) -> String {
        match self.value(k) {
            KpiValue::Number(v) if self.kind == Kind::Money => units::usd_compact(v),
            KpiValue::Number(v) if self.kind == Kind::Btc => show(self.kind, self.decimals, v),
            KpiValue::Undefined => self.undefined.split(" (").next().unwrap_or_default().to_owned(),
            _ => self.show(k),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_columns_follow_the_model_order() {
        let mut keys: Vec<&str> = COLUMNS.iter().map(|c| c.key).chain(KPIS.iter().map(|k| k.key)).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is used twice");
        // model.md's column order, as the expected CSVs of the worked examples have it.
        let header = include_str!("../tests/data/reference.expected.csv").lines().next().unwrap();
        let ours: Vec<&str> = std::iter::once(MONTH_KEY).chain(COLUMNS.iter().map(|c| c.key)).collect();
        assert_eq!(header.split(',').collect::<Vec<_>>(), ours);
    }

    #[test]
    fn each_column_reads_its_own_field() {
        let row = MonthRow { btc_price_usd: 1.0, cash_usd: 2.0, leverage: None, interest_coverage: Some(3.0), ..Default::default() };
        assert_eq!((column("btc_price_usd").unwrap().get)(&row), Some(1.0));
        assert_eq!((column("cash_usd").unwrap().get)(&row), Some(2.0));
        assert_eq!((column("leverage").unwrap().get)(&row), None);
        assert_eq!((column("interest_coverage").unwrap().get)(&row), Some(3.0));
        assert_eq!(column("hashrate_share").unwrap().show(Some(0.01236)), "1.236 %");
        assert_eq!(column("cash_usd").unwrap().show(Some(-1234567.4)), "-$1,234,567");
        assert_eq!(column("leverage").unwrap().show(None), "n/m");
    }
}
