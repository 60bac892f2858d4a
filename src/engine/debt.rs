//! Debt instruments month by month: balances, interest (30/360), amortization
//! (bullet, straight, annuity), proceeds, and convertibles at maturity.

use super::money;
use crate::model::{Amortization, DebtKind, Instrument, Month};

/// An instrument prepared for the monthly loop (all money in f64).
#[derive(Clone, Debug)]
pub(crate) struct Debt {
    issue: i64,
    maturity: i64,
    principal: f64,
    monthly_rate: f64,
    amortization: Amortization,
    /// Level payment for annuities (0 otherwise).
    payment: f64,
    issue_cost: f64,
    conversion_price: Option<f64>,
    /// The lender accelerates after this many consecutive breach months (model-v2.md).
    accelerate_after: Option<i64>,
    /// Balance outstanding now (start of the month about to be projected).
    pub balance: f64,
}

/// What one instrument does in one month.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct DebtMonth {
    pub interest: f64,
    pub proceeds: f64,
    /// Principal repaid in cash.
    pub repaid: f64,
    /// Balance converted to shares (no cash).
    pub converted: f64,
    /// New shares from a conversion.
    pub new_shares: f64,
    /// Balance the lender called this month (inside `repaid`).
    pub accelerated: f64,
}

impl Debt {
    /// Prepares `inst` relative to the scenario start; pre-start instruments
    /// are rolled forward to the balance their schedule leaves at the start.
    pub fn new(inst: &Instrument, start: Month) -> Debt {
        let issue = inst.issue_month.since(start);
        let maturity = inst.maturity_month.since(start);
        let principal = money(inst.principal_usd);
        let r = inst.annual_rate / 12.0;
        let n = (maturity - issue).max(1) as f64;
        let payment = match inst.amortization {
            Amortization::Annuity if r > 0.0 => principal * r / (1.0 - (1.0 + r).powf(-n)),
            _ => 0.0,
        };
        let conversion_price = match inst.kind {
            DebtKind::Convertible { conversion_price_usd } => Some(money(conversion_price_usd)),
            _ => None,
        };
        let mut d = Debt {
            issue,
            maturity,
            principal,
            monthly_rate: r,
            amortization: inst.amortization,
            payment,
            issue_cost: inst.issue_cost_fraction,
            conversion_price,
            accelerate_after: super::terms::accelerate_after(inst),
            balance: 0.0,
        };
        if issue < 0 {
            // Months issue+1 ..= -1 already happened.
            d.balance = if maturity < 0 { 0.0 } else { d.balance_after(-1 - issue) };
        }
        d
    }

    /// The balance after `k` scheduled repayments (months issue+1 ..= issue+k,
    /// all before maturity), in closed form: an instrument issued centuries
    /// before the start costs no more than one issued last month.
    fn balance_after(&self, k: i64) -> f64 {
        let (p, r) = (self.principal, self.monthly_rate);
        let n = (self.maturity - self.issue) as f64;
        let k = k.max(0) as f64;
        let b = match self.amortization {
            Amortization::Bullet => p,
            // Level payment A: B_k = P(1+r)^k - A((1+r)^k - 1)/r = P - (A - P·r)((1+r)^k - 1)/r.
            Amortization::Annuity if r > 0.0 => {
                let excess = self.payment - p * r; // the first month's principal
                if excess > 0.0 { p - excess * (k * r.ln_1p()).exp_m1() / r } else { p }
            }
            Amortization::Straight | Amortization::Annuity => p - k * (p / n),
        };
        b.clamp(0.0, p.max(0.0))
    }

    /// The balance after `k` scheduled repayments, month by month (the
    /// reference the closed form is tested against).
    #[cfg(test)]
    fn balance_rolled(&self, k: i64) -> f64 {
        let mut b = self.principal;
        for t in (self.issue + 1)..=(self.issue + k) {
            b -= self.scheduled_principal(t, b);
        }
        b
    }

    /// Scheduled principal in month t (issue < t <= maturity), given the balance at its start.
    fn scheduled_principal(&self, t: i64, open: f64) -> f64 {
        if t >= self.maturity {
            return open;
        }
        let n = (self.maturity - self.issue) as f64;
        let p = match self.amortization {
            Amortization::Bullet => 0.0,
            Amortization::Straight => self.principal / n,
            Amortization::Annuity if self.monthly_rate > 0.0 => self.payment - open * self.monthly_rate,
            Amortization::Annuity => self.principal / n,
        };
        p.clamp(0.0, open)
    }

    /// Steps month `m` (index since the start); `share_price` is that month's;
    /// `breach_run` counts the consecutive covenant breaches of the months just
    /// before `m` (model-v2.md "Covenant breach and acceleration").
    #[inline]
    pub fn step(&mut self, m: i64, share_price: f64, breach_run: i64) -> DebtMonth {
        let mut out = DebtMonth::default();
        if m == self.issue {
            out.proceeds = self.principal * (1.0 - self.issue_cost);
            self.balance = self.principal;
        } else if m > self.issue && m <= self.maturity {
            let open = self.balance;
            out.interest = open * self.monthly_rate;
            if m < self.maturity && open > 0.0 && self.accelerate_after.is_some_and(|n| breach_run >= n) {
                // The lender calls the whole balance: repaid in cash at the month's end, never converted.
                out.repaid = open;
                out.accelerated = open;
                self.balance = 0.0;
            } else if m == self.maturity {
                match self.conversion_price {
                    Some(cp) if share_price >= cp => {
                        out.converted = open;
                        out.new_shares = open / cp;
                    }
                    _ => out.repaid = open,
                }
                self.balance = 0.0;
            } else {
                let p = self.scheduled_principal(m, open);
                out.repaid = p;
                self.balance = open - p;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn month(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    fn inst(kind: DebtKind, amort: Amortization, rate: f64, issue: &str, maturity: &str) -> Instrument {
        let mut i = Instrument::new("x", kind, Decimal::new(1_200_000, 0), rate, month(issue), month(maturity));
        i.amortization = amort;
        i
    }

    #[test]
    fn annuity_schedule_by_hand() {
        // 1.2M at 12 %/yr (r = 1 %/month) over n = 3 months:
        // payment = 1.2M × 0.01 / (1 − 1.01^−3) = 408,026.5 (to 0.1).
        // Month 1: interest 12,000.00, principal 396,026.5, balance 803,973.5
        // Month 2: interest  8,039.7, principal 399,986.8, balance 403,986.7
        // Month 3 (maturity): interest 4,039.9, principal = whole balance 403,986.7
        let start = month("2026-01");
        let mut d = Debt::new(&inst(DebtKind::TermLoan, Amortization::Annuity, 0.12, "2026-01", "2026-04"), start);
        let m0 = d.step(0, 1.0, 0);
        assert_eq!((m0.proceeds, m0.interest, m0.repaid), (1_200_000.0, 0.0, 0.0));
        let m1 = d.step(1, 1.0, 0);
        assert!((m1.interest - 12_000.0).abs() < 1e-6);
        assert!((m1.repaid - 396_026.5).abs() < 0.1, "{}", m1.repaid);
        let m2 = d.step(2, 1.0, 0);
        assert!((m2.interest - 8_039.7).abs() < 0.1, "{}", m2.interest);
        assert!((m2.repaid - 399_986.8).abs() < 0.1);
        let m3 = d.step(3, 1.0, 0);
        assert!((m3.interest - 4_039.9).abs() < 0.1);
        assert!((m3.repaid - 403_986.7).abs() < 0.1);
        assert_eq!(d.balance, 0.0);
        // the three payments are level: interest + principal ≈ 408,026.5 each
        for p in [m1, m2, m3] {
            assert!((p.interest + p.repaid - 408_026.5).abs() < 0.2);
        }
    }

    #[test]
    fn straight_and_pre_start_balance() {
        // 1.2M straight over 12 months from 2025-10: 100k a month from 2025-11.
        // At the 2026-01 start, 2025-11 and 2025-12 are paid: balance 1.0M.
        let d = Debt::new(&inst(DebtKind::EquipmentLoan, Amortization::Straight, 0.06, "2025-10", "2026-10"), month("2026-01"));
        assert!((d.balance - 1_000_000.0).abs() < 1e-6);
        let mut d = d;
        let m0 = d.step(0, 1.0, 0);
        assert_eq!(m0.proceeds, 0.0);
        assert!((m0.interest - 5_000.0).abs() < 1e-6); // 1.0M × 0.5 %
        assert!((m0.repaid - 100_000.0).abs() < 1e-6);
    }

    #[test]
    fn convertible_converts_or_repays() {
        // 1.2M converts at $8: 150,000 shares when the share price reaches 8 at maturity.
        let kind = DebtKind::Convertible { conversion_price_usd: Decimal::new(8, 0) };
        let i = inst(kind, Amortization::Bullet, 0.02, "2025-01", "2026-03");
        let mut d = Debt::new(&i, month("2026-01"));
        d.step(0, 9.0, 0);
        d.step(1, 9.0, 0);
        let m = d.step(2, 8.0, 0);
        assert_eq!((m.converted, m.new_shares, m.repaid), (1_200_000.0, 150_000.0, 0.0));
        assert!((m.interest - 2_000.0).abs() < 1e-9); // 1.2M × 2 % / 12, still paid
        let mut d = Debt::new(&i, month("2026-01"));
        d.step(0, 9.0, 0);
        d.step(1, 9.0, 0);
        let m = d.step(2, 7.99, 0);
        assert_eq!((m.converted, m.repaid), (0.0, 1_200_000.0));
    }
}

#[cfg(test)]
mod closed_form {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// An instrument issued `k + 1` months before a 2026-01 start (so `k`
    /// repayments already happened), maturing `n` months after its issue.
    fn issued_before(amortization: Amortization, principal: i64, rate: f64, k: i64, n: i64) -> (Debt, Debt) {
        let start = Month::parse("2026-01").unwrap();
        let issue = start.offset(-(k + 1));
        let mut i = Instrument::new("x", DebtKind::TermLoan, Decimal::new(principal, 0), rate, issue, issue.offset(n));
        i.amortization = amortization;
        let rolled = Debt::new(&i, issue); // prepared as of its own issue month: balance_rolled works from there
        (Debt::new(&i, start), rolled)
    }

    proptest! {
        #[test]
        fn the_balance_at_the_start_equals_the_month_by_month_roll_forward(
            which in 0usize..3,
            principal in 1i64..2_000_000_000,
            rate in prop_oneof![Just(0.0), 0.0001f64..0.4],
            n in 1i64..480,
            k_share in 0.0f64..1.0,
        ) {
            let amortization = [Amortization::Bullet, Amortization::Straight, Amortization::Annuity][which];
            let k = ((n - 1) as f64 * k_share) as i64; // 0 ..= n-1: still outstanding at the start
            let (d, reference) = issued_before(amortization, principal, rate, k, n);
            let rolled = reference.balance_rolled(k);
            prop_assert!((d.balance - rolled).abs() <= 1e-9 * principal as f64, "closed {} vs rolled {rolled}", d.balance);
        }
    }

    #[test]
    fn hand_checked_balances() {
        // Straight: 1,200,000 over 12 months, 5 repaid: 1,200,000 - 5 × 100,000 = 700,000.
        let (d, _) = issued_before(Amortization::Straight, 1_200_000, 0.06, 5, 12);
        assert!((d.balance - 700_000.0).abs() < 1e-6, "{}", d.balance);
        // Annuity 1.2M at 1 %/month over 3 months, 1 payment made: 803,973.5 (see annuity_schedule_by_hand).
        let (d, _) = issued_before(Amortization::Annuity, 1_200_000, 0.12, 1, 3);
        assert!((d.balance - 803_973.5).abs() < 0.1, "{}", d.balance);
        // Bullet: nothing repaid before maturity.
        let (d, _) = issued_before(Amortization::Bullet, 1_200_000, 0.12, 30, 31);
        assert_eq!(d.balance, 1_200_000.0);
    }

    #[test]
    fn a_loan_issued_in_year_1_is_rolled_to_year_9999_in_closed_form() {
        // 0001-01 .. 9999-12 at 12 %: (1.01)^-119987 underflows to 0, so the
        // level payment is exactly P·r and nothing is repaid before maturity;
        // straight repays P/n a month.
        let (first, last) = (Month::parse("0001-01").unwrap(), Month::parse("9999-12").unwrap());
        for amortization in [Amortization::Bullet, Amortization::Straight, Amortization::Annuity] {
            let mut i = Instrument::new("x", DebtKind::TermLoan, Decimal::new(1_000_000, 0), 0.12, first, last);
            i.amortization = amortization;
            let d = Debt::new(&i, last);
            let k = last.since(first) - 1;
            let rolled = Debt::new(&i, first).balance_rolled(k);
            assert!(d.balance.is_finite() && (d.balance - rolled).abs() <= 1e-6, "{amortization:?}: {} vs {rolled}", d.balance);
        }
        // Matured before the start: nothing outstanding.
        let i = Instrument::new("x", DebtKind::TermLoan, Decimal::new(1_000_000, 0), 0.12, first, Month::parse("2000-01").unwrap());
        assert_eq!(Debt::new(&i, last).balance, 0.0);
    }
}
