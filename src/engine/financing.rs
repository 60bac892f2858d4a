//! Debt and equity of a month (model.md "Debt and equity"): every instrument
//! stepped (interest, proceeds, repayments, conversions) and the equity
//! raises of the month, with the share count they leave.

use super::debt::Debt;
use super::money;
use super::output::MonthRow;
use crate::model::{EquityRaise, Financing, Month};

/// An equity raise prepared for the monthly loop.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PreparedRaise {
    /// Month index since the start (negative: already in the opening share count).
    month: i64,
    amount: f64,
    discount: f64,
    fee_fraction: f64,
}

impl PreparedRaise {
    fn new(r: &EquityRaise, start: Month) -> PreparedRaise {
        PreparedRaise { month: r.month.since(start), amount: money(r.amount_usd), discount: r.discount, fee_fraction: r.fee_fraction }
    }
}

/// The company's debt and share count, stepped month by month.
pub(crate) struct Capital {
    debts: Vec<Debt>,
    raises: Vec<PreparedRaise>,
    shares: f64,
    /// Every acceleration so far, in month order.
    pub accelerations: Vec<Acceleration>,
}

/// A lender that called its debt (model-v2.md "Covenant breach and acceleration").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Acceleration {
    /// The instrument's position in `financing.debt`.
    pub instrument: usize,
    /// Month index since the start.
    pub month: i64,
    /// The balance called and repaid, USD.
    pub amount_usd: f64,
}

impl Capital {
    pub fn new(f: &Financing, start: Month) -> Capital {
        Capital {
            debts: f.debt.iter().map(|d| Debt::new(d, start)).collect(),
            raises: f.equity_raises.iter().map(|r| PreparedRaise::new(r, start)).collect(),
            shares: f.shares_outstanding,
            accelerations: Vec::new(),
        }
    }

    /// Month `m` (call for m = 0, 1, 2, … in order) at that month's share
    /// price, after `breach_run` consecutive covenant breaches: books interest,
    /// debt and equity proceeds, principal repaid (accelerated balances
    /// included), the debt at month end and the shares outstanding.
    #[inline]
    pub fn month(&mut self, m: i64, share_price: f64, breach_run: i64, row: &mut MonthRow) {
        let (mut interest, mut proceeds, mut repaid, mut equity, mut accelerated) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (instrument, d) in self.debts.iter_mut().enumerate() {
            let dm = d.step(m, share_price, breach_run);
            if dm.accelerated > 0.0 {
                self.accelerations.push(Acceleration { instrument, month: m, amount_usd: dm.accelerated });
            }
            interest += dm.interest;
            proceeds += dm.proceeds;
            repaid += dm.repaid;
            accelerated += dm.accelerated;
            self.shares += dm.new_shares;
        }
        for r in self.raises.iter().filter(|r| r.month == m) {
            self.shares += r.amount / (share_price * (1.0 - r.discount));
            equity += r.amount * (1.0 - r.fee_fraction);
        }
        row.interest_usd = interest;
        row.accelerated_debt_usd = accelerated;
        row.flows.debt_proceeds_usd = proceeds;
        row.flows.principal_repaid_usd = repaid;
        row.flows.equity_proceeds_usd = equity;
        row.debt_usd = self.debts.iter().map(|d| d.balance).sum();
        row.shares_outstanding = self.shares;
    }
}
