//! The words of the investments table (model-v2.md "Investment returns"),
//! shared by the app's Returns view and the plan report: each investment's
//! row as finance writes it ([`RowText`]), the column heads with their
//! definitions ([`HEADS`]) and the caveat that only months inside the horizon
//! count ([`HORIZON_CAVEAT`]). Plain text over the engine's investments, so
//! it builds without the GUI and neither `app` nor `export` owns it.

use crate::engine::{Investment, InvestmentKind};
use crate::schema::{self, Kind};
use crate::units;

/// The caveat every reader of the table needs.
pub const HORIZON_CAVEAT: &str = "Only months inside the horizon count: a machine or lease that earns past the last month shows a lower return here than it will earn, and nothing after the horizon is valued (no terminal value).";

/// What the table says when it has no row.
pub const NONE_PAID: &str = "No machine lot or hosting lease is paid for inside the horizon: lots and leases paid for before the start are sunk and have no return here.";

/// The table's column heads, in order, each with its definition: the
/// answers first (does it pay back, at what return), then what it cost and
/// when, so a narrow window shows the answers without scrolling.
pub const HEADS: [(&str, &str); 7] = [
    ("Investment", "Lot: model and delivery month; lease: the tenant"),
    ("Payback", "First month its cumulative cash flow since the first payment is back to zero or above"),
    (
        "IRR",
        "Annual internal rate of return of its cash flows inside the horizon; n/m when they never turn positive or lose almost everything",
    ),
    ("NPV", "Its cash flows discounted to the plan start at the plan's discount rate"),
    ("Cost", "Its payments inside the horizon"),
    ("First payment", "Month of its first payment (the first deposit, or delivery; the first fit-out month)"),
    ("Kind", "Machines bought, or a site fitted out for a hosting tenant"),
];

/// Whether column `col` of [`HEADS`] holds figures (set against the right edge).
pub fn numeric(col: usize) -> bool {
    matches!(col, 2..=4)
}

/// One investment as the table shows it (in [`HEADS`] order by [`RowText::cells`]).
#[derive(Clone, Debug, PartialEq)]
pub struct RowText {
    pub name: String,
    pub kind: &'static str,
    pub first: String,
    pub cost: String,
    pub payback: String,
    pub irr: String,
    pub npv: String,
}

impl RowText {
    pub fn of(i: &Investment) -> RowText {
        let payback = match i.payback_month {
            Some(m) => format!("{m} ({} months)", m.since(i.first_month)),
            None if i.cost_usd > 0.0 => "not within the horizon".to_owned(),
            None => "—".to_owned(),
        };
        RowText {
            name: i.name.clone(),
            kind: match i.kind {
                InvestmentKind::Lot => "Machines",
                InvestmentKind::Lease => "Hosting fit-out",
            },
            first: i.first_month.to_string(),
            cost: units::usd(i.cost_usd),
            payback,
            irr: i.irr.map_or_else(|| "n/m".to_owned(), |r| schema::show(Kind::Percent, 1, r)),
            npv: units::usd(i.npv_usd),
        }
    }

    /// The cells in the order of [`HEADS`].
    pub fn cells(&self) -> [&str; 7] {
        [&self.name, &self.payback, &self.irr, &self.npv, &self.cost, &self.first, self.kind]
    }

    /// Paid for and not back to zero within the horizon.
    pub fn late(i: &Investment) -> bool {
        i.payback_month.is_none() && i.cost_usd > 0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Month;

    fn inv(payback: Option<&str>, irr: Option<f64>, cost: f64) -> Investment {
        Investment {
            kind: InvestmentKind::Lot,
            name: "Antminer S21 XP (2026-04)".into(),
            index: 2,
            first_month: Month::parse("2026-02").unwrap(),
            cost_usd: cost,
            payback_month: payback.map(|m| Month::parse(m).unwrap()),
            irr,
            npv_usd: 5_052_333.91,
        }
    }

    #[test]
    fn a_row_reads_as_finance_writes_it() {
        let t = RowText::of(&inv(Some("2027-02"), Some(0.6688276384), 22_400_000.0));
        assert_eq!(t.first, "2026-02");
        assert_eq!(t.cost, "$22,400,000");
        assert_eq!(t.payback, "2027-02 (12 months)");
        assert_eq!(t.irr, "66.9 %");
        assert_eq!(t.npv, "$5,052,334");
        assert_eq!(t.kind, "Machines");
        assert_eq!(t.cells()[0], "Antminer S21 XP (2026-04)");
        assert_eq!(t.cells()[1..4], ["2027-02 (12 months)", "66.9 %", "$5,052,334"], "the answers come first");
        assert_eq!(t.cells()[6], "Machines");
    }

    #[test]
    fn a_lot_that_does_not_pay_back_says_so_plainly() {
        let i = inv(None, None, 69_390_000.0);
        let t = RowText::of(&i);
        assert_eq!(t.payback, "not within the horizon");
        assert_eq!(t.irr, "n/m");
        assert!(RowText::late(&i));
    }
}
