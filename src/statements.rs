//! The income statement and the cash-flow statement of a plan by month,
//! quarter or calendar year (`docs/model.md` "Statements"). Each line is
//! declared once in [`LINES`]: its key, label, section, and either the monthly
//! figure it sums or the lines it adds up; [`statements`] fills them from a
//! projection's months, grouped by [`crate::periods`]. Pure: the CLI's
//! `--statements` CSV and the workbook read the same figures.
//!
//! Signs are those of the cash: revenue and inflows are positive, costs and
//! outflows negative, so every subtotal is a plain sum of the lines it names.
//! The cash-flow statement is built the indirect way from net income and ties
//! out to the engine's itemised cash flows (`MonthRow::flows`): its sections
//! add up to the change in cash of every period.

use crate::engine::{MonthRow, Projection};
use crate::model::{Month, Scenario};
use crate::periods::{self, Period};
use crate::schema::Kind;
use crate::tabular::clean;

/// Which statement a line belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Statement {
    Income,
    CashFlow,
}

impl Statement {
    pub const ALL: [Statement; 2] = [Statement::Income, Statement::CashFlow];

    /// The statement's title: "Income statement", "Cash flow".
    pub fn title(self) -> &'static str {
        match self {
            Statement::Income => "Income statement",
            Statement::CashFlow => "Cash flow",
        }
    }
}

/// What the months alone do not say about the books.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Books {
    /// The fair-value change of the BTC held is part of net income (`financing.btc_fair_value`).
    pub btc_fair_value: bool,
}

/// How a line gets its value in a period.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    /// The sum over the period's months of a monthly figure (signed).
    Item(fn(&MonthRow, &Books) -> f64),
    /// The sum of the lines with these keys, in the same period (all declared before it).
    Total(&'static [&'static str]),
    /// Cash at the end of the month before the period; the opening cash before the first month.
    CashBegin,
}

/// One line of a statement.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    /// The first column of the `--statements` CSV.
    pub key: &'static str,
    pub label: &'static str,
    pub statement: Statement,
    /// The heading the line sits under ("Revenue", "Operating activities"…).
    pub section: &'static str,
    pub rule: Rule,
    /// What the line is, in a sentence (docs/model.md says the same).
    pub help: &'static str,
}

impl Line {
    /// A subtotal or total (shown in bold, written as a formula in the workbook).
    pub fn is_total(&self) -> bool {
        matches!(self.rule, Rule::Total(_))
    }
}

/// The BTC fair-value change as net income books it (0 when BTC is not held at fair value).
fn fair_value_in_net_income(r: &MonthRow, b: &Books) -> f64 {
    if b.btc_fair_value { r.btc_fair_value_change_usd } else { 0.0 }
}

macro_rules! line {
    ($st:ident, $section:literal, $key:literal, $label:literal, $rule:expr, $help:literal) => {
        Line { key: $key, label: $label, statement: Statement::$st, section: $section, rule: $rule, help: $help }
    };
}

use Rule::{CashBegin, Item, Total};

/// Every line of both statements, in the order they are shown.
pub const LINES: &[Line] = &[
    line!(
        Income,
        "Revenue",
        "mining_revenue_usd",
        "Mining revenue",
        Item(|r, _| r.mining_revenue_usd),
        "BTC mined × the month's price, sold or kept"
    ),
    line!(Income, "Revenue", "hosting_revenue_usd", "Hosting revenue", Item(|r, _| r.hosting_revenue_usd), "Rent of the AI/HPC leases"),
    line!(
        Income,
        "Revenue",
        "curtailment_credit_usd",
        "Curtailment credits",
        Item(|r, _| r.curtailment_credit_usd),
        "Paid for power not drawn during curtailment"
    ),
    line!(
        Income,
        "Revenue",
        "total_revenue_usd",
        "Total revenue",
        Total(&["mining_revenue_usd", "hosting_revenue_usd", "curtailment_credit_usd"]),
        "Mining + hosting revenue + curtailment credits"
    ),
    line!(
        Income,
        "Operating costs",
        "mining_energy_usd",
        "Mining energy",
        Item(|r, _| -r.mining_energy_usd),
        "Energy of the running fleet"
    ),
    line!(
        Income,
        "Operating costs",
        "hosting_energy_usd",
        "Hosting energy",
        Item(|r, _| -r.hosting_energy_usd),
        "Energy the company pays for its tenants (leases without pass-through)"
    ),
    line!(
        Income,
        "Operating costs",
        "mining_site_opex_usd",
        "Mining site opex",
        Item(|r, _| -r.mining_opex_usd),
        "Site opex of the MW the fleet runs on"
    ),
    line!(
        Income,
        "Operating costs",
        "hosting_opex_usd",
        "Hosting opex",
        Item(|r, _| -r.hosting_opex_usd),
        "Opex of the leases (a share of their revenue)"
    ),
    line!(Income, "Operating costs", "sga_usd", "SG&A", Item(|r, _| -r.sga_usd), "Selling, general and administrative cost"),
    line!(
        Income,
        "Operating costs",
        "ebitda_usd",
        "EBITDA",
        Total(&["total_revenue_usd", "mining_energy_usd", "hosting_energy_usd", "mining_site_opex_usd", "hosting_opex_usd", "sga_usd"]),
        "Total revenue less the operating costs"
    ),
    line!(
        Income,
        "Below EBITDA",
        "lot_depreciation_usd",
        "Depreciation of machines",
        Item(|r, _| -r.lot_depreciation_usd),
        "Each alive lot's price less salvage over its life"
    ),
    line!(
        Income,
        "Below EBITDA",
        "fit_out_depreciation_usd",
        "Depreciation of fit-out",
        Item(|r, _| -r.fit_out_depreciation_usd),
        "Hosting fit-out over the lease term"
    ),
    line!(
        Income,
        "Below EBITDA",
        "operating_income_usd",
        "Operating income (EBIT)",
        Total(&["ebitda_usd", "lot_depreciation_usd", "fit_out_depreciation_usd"]),
        "EBITDA less depreciation"
    ),
    line!(
        Income,
        "Below EBITDA",
        "interest_expense_usd",
        "Interest expense",
        Item(|r, _| -r.interest_usd),
        "Interest on the debt's opening balances"
    ),
    line!(
        Income,
        "Below EBITDA",
        "interest_income_usd",
        "Interest income",
        Item(|r, _| r.interest_income_usd),
        "Interest earned on positive opening cash"
    ),
    line!(
        Income,
        "Below EBITDA",
        "pretax_income_usd",
        "Income before tax",
        Total(&["operating_income_usd", "interest_expense_usd", "interest_income_usd"]),
        "The taxable income of model-v2"
    ),
    line!(Income, "Below EBITDA", "income_tax_usd", "Income tax", Item(|r, _| -r.tax_usd), "Tax after the loss pool"),
    line!(
        Income,
        "Below EBITDA",
        "btc_fair_value_change_usd",
        "BTC fair-value change",
        Item(fair_value_in_net_income),
        "BTC held revalued at the month's price; 0 when BTC is not held at fair value"
    ),
    line!(
        Income,
        "Below EBITDA",
        "net_income_usd",
        "Net income",
        Total(&["pretax_income_usd", "income_tax_usd", "btc_fair_value_change_usd"]),
        "Income before tax less tax plus the fair-value change"
    ),
    line!(
        CashFlow,
        "Operating activities",
        "cf_net_income_usd",
        "Net income",
        Item(|r, _| r.net_income_usd),
        "Net income of the income statement"
    ),
    line!(
        CashFlow,
        "Operating activities",
        "depreciation_addback_usd",
        "Add back depreciation",
        Item(|r, _| r.depreciation_usd),
        "Depreciation is not a cash cost"
    ),
    line!(
        CashFlow,
        "Operating activities",
        "fair_value_change_removed_usd",
        "Less BTC fair-value change",
        Item(|r, b| -fair_value_in_net_income(r, b)),
        "A revaluation of coins held, not cash"
    ),
    line!(
        CashFlow,
        "Operating activities",
        "btc_mined_kept_usd",
        "Less BTC mined and kept",
        Item(|r, _| r.flows.mined_btc_sold_usd - r.mining_revenue_usd),
        "Mining revenue kept as BTC: revenue, not cash"
    ),
    line!(
        CashFlow,
        "Operating activities",
        "treasury_btc_sold_usd",
        "BTC sold from the treasury",
        Item(|r, _| r.flows.treasury_btc_sold_usd),
        "Held BTC sold to defend the minimum cash"
    ),
    line!(
        CashFlow,
        "Operating activities",
        "operating_cash_flow_usd",
        "Cash from operations",
        Total(&[
            "cf_net_income_usd",
            "depreciation_addback_usd",
            "fair_value_change_removed_usd",
            "btc_mined_kept_usd",
            "treasury_btc_sold_usd"
        ]),
        "Net income adjusted to cash; interest and tax are paid from it"
    ),
    line!(
        CashFlow,
        "Investing activities",
        "capex_usd",
        "Machines and fit-out paid",
        Item(|r, _| -r.flows.capex_usd),
        "Lots (deposits included) and hosting fit-out paid in the period"
    ),
    line!(
        CashFlow,
        "Investing activities",
        "salvage_proceeds_usd",
        "Retired machines sold",
        Item(|r, _| r.flows.salvage_proceeds_usd),
        "Salvage value of lots sold when they retire"
    ),
    line!(
        CashFlow,
        "Investing activities",
        "investing_cash_flow_usd",
        "Cash from investing",
        Total(&["capex_usd", "salvage_proceeds_usd"]),
        "Capex less salvage proceeds"
    ),
    line!(
        CashFlow,
        "Financing activities",
        "debt_proceeds_usd",
        "Debt raised",
        Item(|r, _| r.flows.debt_proceeds_usd),
        "Loans issued in the period, net of issue costs"
    ),
    line!(
        CashFlow,
        "Financing activities",
        "principal_repaid_usd",
        "Principal repaid",
        Item(|r, _| r.accelerated_debt_usd - r.flows.principal_repaid_usd),
        "Scheduled repayments and maturities paid in cash"
    ),
    line!(
        CashFlow,
        "Financing activities",
        "accelerated_repaid_usd",
        "Accelerated debt repaid",
        Item(|r, _| -r.accelerated_debt_usd),
        "Balances a lender called after covenant breaches"
    ),
    line!(
        CashFlow,
        "Financing activities",
        "equity_proceeds_usd",
        "Equity raised",
        Item(|r, _| r.flows.equity_proceeds_usd),
        "Share issues, net of fees"
    ),
    line!(
        CashFlow,
        "Financing activities",
        "financing_cash_flow_usd",
        "Cash from financing",
        Total(&["debt_proceeds_usd", "principal_repaid_usd", "accelerated_repaid_usd", "equity_proceeds_usd"]),
        "Debt and equity raised less principal repaid"
    ),
    line!(
        CashFlow,
        "Cash",
        "net_change_in_cash_usd",
        "Net change in cash",
        Total(&["operating_cash_flow_usd", "investing_cash_flow_usd", "financing_cash_flow_usd"]),
        "Operations + investing + financing"
    ),
    line!(
        CashFlow,
        "Cash",
        "cash_begin_usd",
        "Cash at the start",
        CashBegin,
        "Cash at the end of the period before (the opening cash first)"
    ),
    line!(
        CashFlow,
        "Cash",
        "cash_end_usd",
        "Cash at the end",
        Total(&["cash_begin_usd", "net_change_in_cash_usd"]),
        "Cash at the start plus the net change"
    ),
];

/// The line with this key.
pub fn line(key: &str) -> Option<&'static Line> {
    LINES.iter().find(|l| l.key == key)
}

/// One column of the statements.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodHead {
    /// `2026`, `2026 Q1` or the month.
    pub label: String,
    /// First and last projected month inside the period.
    pub first: Month,
    pub last: Month,
    /// Projected months in the period.
    pub months: usize,
    /// Fewer months than a full period (the plan starts or ends inside it).
    pub partial: bool,
}

impl PeriodHead {
    /// The column's heading: its label, with `*` when the period is partial (`2025*`).
    pub fn heading(&self) -> String {
        format!("{}{}", self.label, if self.partial { "*" } else { "" })
    }

    /// The months it covers in words: `2025-12 (1 month)`, `2030-01 to 2030-11 (11 months)`.
    pub fn span(&self) -> String {
        let months = if self.months == 1 { "1 month".to_owned() } else { format!("{} months", self.months) };
        if self.first == self.last { format!("{} ({months})", self.first) } else { format!("{} to {} ({months})", self.first, self.last) }
    }
}

/// The unit the statements are shown in, in the app and the report.
pub const SHOWN_IN: &str = "$ thousands";

/// A figure as the statements show it (app and report): thousands of
/// dollars to the unit, digits grouped, a negative in parentheses as finance
/// staff write it (`(1,234)`), nil as a dash, a figure under $500 as `0`.
pub fn shown(usd: f64) -> String {
    if !usd.is_finite() {
        return "n/a".to_owned();
    }
    if usd.abs() < 0.005 {
        return "–".to_owned();
    }
    let k = (usd / 1000.0).round();
    let digits = crate::units::thousands(k.abs(), 0);
    if k < 0.0 { format!("({digits})") } else { digits }
}

/// The footnote of the partial periods among `heads` (see [`Statements::partial_note`]).
pub fn partial_note(period: Period, heads: &[PeriodHead]) -> Option<String> {
    let parts: Vec<String> = heads.iter().filter(|h| h.partial).map(PeriodHead::span).collect();
    (!parts.is_empty()).then(|| format!("* Part of a {} only: {}.", period.noun(), parts.join("; ")))
}

/// Both statements of a plan for one kind of period.
#[derive(Clone, Debug, PartialEq)]
pub struct Statements {
    pub period: Period,
    pub periods: Vec<PeriodHead>,
    /// `values[i][k]`: line `LINES[i]` in period `k`.
    values: Vec<Vec<f64>>,
}

impl Statements {
    /// A line's values, one per period.
    pub fn row(&self, key: &str) -> Option<&[f64]> {
        LINES.iter().position(|l| l.key == key).map(|i| self.values[i].as_slice())
    }

    /// A line's value in period `k`.
    pub fn value(&self, key: &str, k: usize) -> Option<f64> {
        self.row(key).and_then(|r| r.get(k).copied())
    }

    /// The footnote of the partial periods (`None` when every period is
    /// whole): `* Part of a year only: 2025-12 (1 month); 2030-01 to 2030-11 (11 months).`
    pub fn partial_note(&self) -> Option<String> {
        partial_note(self.period, &self.periods)
    }

    /// The statements as CSV: a header `line` and one column per period, a
    /// row `months_in_period` (a partial period has fewer than a full one's),
    /// then one row per line of [`LINES`], money to the cent.
    pub fn csv(&self) -> String {
        let mut out = String::from("line");
        for p in &self.periods {
            out.push(',');
            out.push_str(&p.label);
        }
        out.push_str("\nmonths_in_period");
        for p in &self.periods {
            out.push_str(&format!(",{}", p.months));
        }
        out.push('\n');
        for (l, values) in LINES.iter().zip(&self.values) {
            out.push_str(l.key);
            for v in values {
                out.push(',');
                out.push_str(&clean(Kind::Money, *v));
            }
            out.push('\n');
        }
        out
    }
}

/// Both statements of `p` (the projection of `s`) by `period`.
pub fn statements(s: &Scenario, p: &Projection, period: Period) -> Statements {
    let books = Books { btc_fair_value: s.financing.btc_fair_value };
    let opening_cash = crate::engine::money(s.financing.opening_cash_usd);
    let ranges = periods::split(&p.months, period);
    let mut values = vec![Vec::with_capacity(ranges.len()); LINES.len()];
    let mut periods_out = Vec::with_capacity(ranges.len());
    for range in ranges {
        let rows = &p.months[range.clone()];
        let begin = if range.start == 0 { opening_cash } else { p.months[range.start - 1].cash_usd };
        let mut column: Vec<f64> = Vec::with_capacity(LINES.len());
        for l in LINES {
            let v = match l.rule {
                Item(f) => rows.iter().map(|r| f(r, &books)).sum(),
                Total(keys) => keys.iter().map(|k| LINES.iter().position(|x| x.key == *k).map_or(0.0, |i| column[i])).sum(),
                CashBegin => begin,
            };
            column.push(v);
        }
        for (i, v) in column.into_iter().enumerate() {
            values[i].push(v);
        }
        periods_out.push(PeriodHead {
            label: period.label(rows[0].month),
            first: rows[0].month,
            last: rows[rows.len() - 1].month,
            months: rows.len(),
            partial: rows.len() < period.months(),
        });
    }
    Statements { period, periods: periods_out, values }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_name_earlier_lines_of_their_own_statement() {
        for (i, l) in LINES.iter().enumerate() {
            assert_eq!(LINES.iter().filter(|x| x.key == l.key).count(), 1, "{} twice", l.key);
            if let Rule::Total(keys) = l.rule {
                for k in keys {
                    let j = LINES.iter().position(|x| x.key == *k).unwrap_or_else(|| panic!("{} names unknown {k}", l.key));
                    assert!(j < i, "{} names {k}, declared after it", l.key);
                    assert_eq!(LINES[j].statement, l.statement, "{} names {k} of the other statement", l.key);
                }
            }
        }
    }

    #[test]
    fn a_month_with_every_flow_ties_out() {
        let mut r = MonthRow {
            month: Month::parse("2026-03").unwrap(),
            mining_revenue_usd: 1000.0,
            hosting_revenue_usd: 500.0,
            curtailment_credit_usd: 20.0,
            mining_energy_usd: 300.0,
            hosting_energy_usd: 50.0,
            mining_opex_usd: 40.0,
            hosting_opex_usd: 60.0,
            sga_usd: 70.0,
            lot_depreciation_usd: 90.0,
            fit_out_depreciation_usd: 10.0,
            interest_usd: 30.0,
            interest_income_usd: 5.0,
            tax_usd: 25.0,
            btc_fair_value_change_usd: 200.0,
            accelerated_debt_usd: 100.0,
            ..Default::default()
        };
        r.depreciation_usd = 100.0;
        r.net_income_usd = 1000.0 + 500.0 + 20.0 - 300.0 - 50.0 - 40.0 - 60.0 - 70.0 - 100.0 - 30.0 + 5.0 - 25.0 + 200.0;
        r.flows = crate::engine::CashFlows {
            mined_btc_sold_usd: 400.0,
            hosting_revenue_usd: 500.0,
            curtailment_credit_usd: 20.0,
            power_cost_usd: 350.0,
            opex_usd: 170.0,
            interest_usd: 30.0,
            tax_usd: 25.0,
            capex_usd: 800.0,
            debt_proceeds_usd: 1000.0,
            principal_repaid_usd: 150.0,
            equity_proceeds_usd: 300.0,
            treasury_btc_sold_usd: 45.0,
            interest_income_usd: 5.0,
            salvage_proceeds_usd: 12.0,
        };
        r.cash_usd = 10_000.0 + r.flows.total();
        let mut s = crate::model::Scenario::new_blank(Month::parse("2026-03").unwrap());
        s.financing.opening_cash_usd = rust_decimal::Decimal::from(10_000);
        s.financing.btc_fair_value = true;
        let p = Projection { months: vec![r.clone()], ..Default::default() };
        let st = statements(&s, &p, Period::Month);
        let v = |k: &str| st.value(k, 0).unwrap();
        assert_eq!(v("net_income_usd"), r.net_income_usd);
        assert_eq!(v("operating_cash_flow_usd"), 400.0 + 500.0 + 20.0 - 350.0 - 170.0 - 30.0 - 25.0 + 45.0 + 5.0);
        assert_eq!(v("investing_cash_flow_usd"), -800.0 + 12.0);
        assert_eq!((v("principal_repaid_usd"), v("accelerated_repaid_usd")), (-50.0, -100.0));
        assert_eq!(v("net_change_in_cash_usd"), r.flows.total());
        assert_eq!((v("cash_begin_usd"), v("cash_end_usd")), (10_000.0, r.cash_usd));
        // Without fair-value books the change is neither income nor removed again.
        s.financing.btc_fair_value = false;
        let mut r2 = r;
        r2.net_income_usd -= 200.0;
        let st = statements(&s, &Projection { months: vec![r2], ..Default::default() }, Period::Month);
        assert_eq!(st.value("btc_fair_value_change_usd", 0), Some(0.0));
        assert_eq!(st.value("operating_cash_flow_usd", 0), Some(400.0 + 500.0 + 20.0 - 350.0 - 170.0 - 30.0 - 25.0 + 45.0 + 5.0));
    }

    #[test]
    fn figures_are_shown_in_thousands_with_negatives_in_parentheses() {
        assert_eq!(shown(1_234_499.0), "1,234");
        assert_eq!(shown(-1_234_500.0), "(1,235)");
        assert_eq!(shown(-999.0), "(1)");
        assert_eq!(shown(-400.0), "0");
        assert_eq!(shown(400.0), "0");
        assert_eq!(shown(0.0), "–");
        assert_eq!(shown(f64::NAN), "n/a");
    }
}
