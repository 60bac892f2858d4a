//! When a leverage figure means something: the months where debt ÷ LTM
//! EBITDA is not meaningful (LTM EBITDA ≤ 0), whether a plan has debt at
//! all, and whether a peak is arithmetic on an LTM EBITDA near zero. The KPI
//! cards and reports format what this finds; they compute nothing.

use crate::engine::{MonthRow, Projection};
use crate::model::Month;

/// Above this multiple, a leverage figure is read as "LTM EBITDA near zero":
/// LTM EBITDA below 2 % of the debt (1 ÷ 50). Lenders' covenants sit at 3–6×;
/// a figure fifty times EBITDA says that EBITDA has all but vanished, and its
/// size (182×, 1,689×) carries no information beyond that.
pub const NEAR_ZERO_MULTIPLE: f64 = 50.0;

/// A run of consecutive months where leverage is not meaningful.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub first: Month,
    pub last: Month,
    /// The span runs to the plan's last month.
    pub to_end: bool,
}

/// What the leverage figures of a plan mean.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LeverageNote {
    /// No month carries debt: there is no leverage to show.
    pub no_debt: bool,
    /// Runs of months with LTM EBITDA ≤ 0 (leverage n/m), in month order.
    pub not_meaningful: Vec<Span>,
    /// The peak leverage is above [`NEAR_ZERO_MULTIPLE`].
    pub peak_near_zero: bool,
    /// The peak net leverage is beyond ±[`NEAR_ZERO_MULTIPLE`].
    pub peak_net_near_zero: bool,
}

/// The runs of months where `nm` holds.
fn spans(months: &[MonthRow], nm: impl Fn(&MonthRow) -> bool) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut open = false;
    for (i, r) in months.iter().enumerate() {
        if nm(r) {
            match out.last_mut() {
                Some(s) if open => s.last = r.month,
                _ => out.push(Span { first: r.month, last: r.month, to_end: false }),
            }
            open = true;
            if i + 1 == months.len()
                && let Some(s) = out.last_mut()
            {
                s.to_end = true;
            }
        } else {
            open = false;
        }
    }
    out
}

/// The leverage note of a projection.
pub fn note(p: &Projection) -> LeverageNote {
    let k = &p.kpis;
    let no_debt = p.months.iter().all(|r| r.debt_usd <= 0.0);
    LeverageNote {
        no_debt,
        not_meaningful: if no_debt { Vec::new() } else { spans(&p.months, |r| r.ltm_ebitda_usd <= 0.0) },
        peak_near_zero: k.peak_leverage.is_some_and(|v| v > NEAR_ZERO_MULTIPLE),
        peak_net_near_zero: k.peak_net_leverage.is_some_and(|v| v.abs() > NEAR_ZERO_MULTIPLE),
    }
}

impl Span {
    /// `2028-12 – end`, `2027-01 – 2027-06`, or `2027-03` for one month.
    pub fn words(&self) -> String {
        match (self.to_end, self.first == self.last) {
            (true, _) => format!("{} – end", self.first),
            (false, true) => self.first.to_string(),
            (false, false) => format!("{} – {}", self.first, self.last),
        }
    }
}

impl LeverageNote {
    /// `n/m 2028-12 – end` (the first run, `+N more` after it), short
    /// enough for a KPI card's line, or `None` when leverage is meaningful in
    /// every month. What n/m means (LTM EBITDA ≤ 0) is the card's tooltip.
    pub fn not_meaningful_words(&self) -> Option<String> {
        let first = self.not_meaningful.first()?;
        let more = match self.not_meaningful.len() - 1 {
            0 => String::new(),
            n => format!(" (+{n} more)"),
        };
        Some(format!("n/m {}{more}", first.words()))
    }

    /// Every run, one per line, for a tooltip.
    pub fn all_spans_words(&self) -> String {
        self.not_meaningful.iter().map(Span::words).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(ltm: &[f64], debt: f64) -> Vec<MonthRow> {
        let start = Month::new(2026, 1).unwrap();
        ltm.iter()
            .enumerate()
            .map(|(i, &e)| MonthRow { month: start.offset(i as i64), ltm_ebitda_usd: e, debt_usd: debt, ..MonthRow::default() })
            .collect()
    }

    #[test]
    fn runs_of_non_positive_ltm_ebitda_are_named_and_the_last_runs_to_the_end() {
        let p = Projection { months: rows(&[-1.0, 0.0, 5.0, 5.0, -2.0, -2.0], 100.0), ..Projection::default() };
        let n = note(&p);
        assert!(!n.no_debt);
        assert_eq!(n.not_meaningful.len(), 2);
        assert_eq!(n.not_meaningful[0].words(), "2026-01 – 2026-02");
        assert_eq!(n.not_meaningful[1].words(), "2026-05 – end");
        assert_eq!(n.not_meaningful_words().unwrap(), "n/m 2026-01 – 2026-02 (+1 more)");
        assert_eq!(n.all_spans_words(), "2026-01 – 2026-02, 2026-05 – end");
    }

    #[test]
    fn a_plan_without_debt_has_no_leverage_to_explain() {
        let p = Projection { months: rows(&[-1.0, -1.0], 0.0), ..Projection::default() };
        let n = note(&p);
        assert!(n.no_debt);
        assert_eq!(n.not_meaningful_words(), None);
    }

    #[test]
    fn a_peak_above_fifty_times_is_near_zero_ebitda() {
        let mut p = Projection { months: rows(&[1.0], 100.0), ..Projection::default() };
        p.kpis.peak_leverage = Some(50.0);
        p.kpis.peak_net_leverage = Some(-50.5);
        let n = note(&p);
        assert!(!n.peak_near_zero);
        assert!(n.peak_net_near_zero);
    }
}
