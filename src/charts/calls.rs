//! The lenders' calls a plan's charts mark: each acceleration of the
//! projection (model-v2.md: a lender calls its debt after consecutive
//! covenant breaches) with the instrument's name, its month and the balance
//! called, and the words said about it: the short label by the marker on
//! the leverage and cash charts, the line their hover read-outs add, and
//! the sentence of the plan report. Plain data over the scenario and its
//! projection, so it builds without the GUI.

use crate::engine::Projection;
use crate::model::{Month, Scenario};
use crate::units;

/// The longest instrument name a chart label shows (longer ones end in `…`).
const LABEL_NAME_CHARS: usize = 28;

/// A lender calling its debt, as the charts and the report show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// Month index since the start (the x of the marker).
    pub month: usize,
    /// The calendar month.
    pub when: Month,
    /// The instrument's name ("Term loan"; "Debt 4" when it has none).
    pub name: String,
    /// The balance called and repaid in cash that month, USD.
    pub amount_usd: f64,
    /// After how many months in breach of the covenant the lender calls.
    pub after_months: Option<i64>,
}

/// Every call of the projection, in month order. An instrument the scenario
/// no longer has (a projection older than an edit) is named by its number.
pub fn calls(s: &Scenario, p: &Projection) -> Vec<Call> {
    p.accelerations
        .iter()
        .filter_map(|a| {
            let month = usize::try_from(a.month).ok()?;
            let debt = s.financing.debt.get(a.instrument);
            let name =
                debt.map(|d| d.name.trim().to_owned()).filter(|n| !n.is_empty()).unwrap_or_else(|| format!("Debt {}", a.instrument + 1));
            let when = p.months.get(month).map_or_else(|| s.start_month.offset(a.month), |r| r.month);
            Some(Call { month, when, name, amount_usd: a.amount_usd, after_months: debt.and_then(|d| d.accelerate_after_breach_months) })
        })
        .collect()
}

impl Call {
    /// The label by the marker: `Term loan called 2026-05: $145.0 M`.
    pub fn label(&self) -> String {
        format!("{} called {}: {}", crate::model::field::cut(&self.name, LABEL_NAME_CHARS), self.when, units::usd_compact(self.amount_usd))
    }

    /// The line a hover read-out of its month adds.
    pub fn hover(&self) -> String {
        format!("{} called by its lender: {} repaid in cash", self.name, units::usd(self.amount_usd))
    }

    /// The report's sentence.
    pub fn sentence(&self) -> String {
        let after = match self.after_months {
            Some(1) => " after a month in breach of the covenant".to_owned(),
            Some(n) => format!(" after {n} months in a row in breach of the covenant"),
            None => String::new(),
        };
        format!(
            "{}: the lender calls its debt in {}{after}; the whole {} balance is repaid in cash that month.",
            self.name,
            self.when,
            units::usd(self.amount_usd)
        )
    }
}

/// One short label per month with calls, for a chart too short to stack a
/// named label per call: `called 2029-07: $42.0 M`, or `3 called 2028-12:
/// $59.8 M` for a month with several (the sum called). The marker's legend
/// entry says what is called; the hover read-out and the report's sentences
/// name the instruments. `(month index, label)`, in month order.
pub fn month_labels(calls: &[Call]) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while let Some(first) = calls.get(i) {
        let same: Vec<&Call> = calls[i..].iter().take_while(|c| c.month == first.month).collect();
        i += same.len();
        let sum = units::usd_compact(same.iter().map(|c| c.amount_usd).sum());
        let label = match same.len() {
            1 => format!("called {}: {sum}", first.when),
            n => format!("{n} called {}: {sum}", first.when),
        };
        out.push((first.month, label));
    }
    out
}

/// The calls in month `m`.
pub fn at(calls: &[Call], m: usize) -> impl Iterator<Item = &Call> {
    calls.iter().filter(move |c| c.month == m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference_v2() -> (Scenario, Projection) {
        let s = crate::format::parse_valid(include_str!("../../tests/data/reference_v2.ron")).unwrap();
        let p = crate::engine::project(&s).unwrap();
        (s, p)
    }

    #[test]
    fn the_term_loan_of_reference_v2_is_called_with_its_name_month_and_balance() {
        let (s, p) = reference_v2();
        let calls = calls(&s, &p);
        assert_eq!(calls.len(), p.accelerations.len());
        let c = &calls[0];
        let a = &p.accelerations[0];
        assert_eq!(c.name, s.financing.debt[a.instrument].name);
        assert_eq!(c.month as i64, a.month);
        assert_eq!(Some(c.when), p.kpis.first_acceleration_month);
        assert_eq!(c.amount_usd, p.months[c.month].accelerated_debt_usd);
        assert_eq!(c.label(), format!("{} called {}: {}", c.name, c.when, units::usd_compact(c.amount_usd)));
        assert!(c.hover().contains(&units::usd(c.amount_usd)), "{}", c.hover());
        assert!(c.sentence().contains("after 6 months in a row in breach of the covenant"), "{}", c.sentence());
        assert_eq!(at(&calls, c.month).count(), 1);
        assert_eq!(at(&calls, c.month + 1).count(), 0);
    }

    #[test]
    fn calls_of_one_month_share_a_short_label_with_their_count_and_sum() {
        let call = |month: usize, name: &str, usd: f64| Call {
            month,
            when: Month::new(2028, 1).unwrap().offset(month as i64),
            name: name.into(),
            amount_usd: usd,
            after_months: Some(3),
        };
        let calls = [call(11, "Loan A", 35e6), call(11, "Loan B", 20.9e6), call(11, "Loan C", 3.86e6), call(18, "Loan D", 42e6)];
        assert_eq!(month_labels(&calls), vec![(11, "3 called 2028-12: $59.8 M".to_owned()), (18, "called 2029-07: $42.0 M".to_owned())]);
        assert!(month_labels(&[]).is_empty());
    }

    #[test]
    fn an_instrument_gone_from_the_plan_is_named_by_its_number() {
        let (mut s, p) = reference_v2();
        s.financing.debt.clear();
        let c = &calls(&s, &p)[0];
        assert_eq!(c.name, format!("Debt {}", p.accelerations[0].instrument + 1));
        assert_eq!(c.after_months, None);
        assert!(!c.sentence().contains("after"), "{}", c.sentence());
    }
}
