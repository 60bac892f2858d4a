//! The format-2 inputs (model-v2.md) as the engine reads them, in one place:
//! the books' terms of the plan (interest on cash, the tax-loss pool, bitcoin
//! at fair value, the discount rate) and each lot's deposits and sale at
//! retirement, each instrument's acceleration. A format-1 plan reaches the
//! engine migrated, with the format-1 behaviour written out.

use super::money;
use crate::model::{Instrument, Lot, Scenario};

/// The plan-wide terms of the format-2 books.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct BookTerms {
    /// Annual rate earned on positive opening cash.
    pub cash_interest_rate: f64,
    /// Fair-value change of the BTC held is part of net income.
    pub btc_fair_value: bool,
    /// Tax losses are carried forward in a pool.
    pub carryforward: bool,
    /// Share of taxable income a carried loss may offset.
    pub loss_limit: f64,
    /// Losses carried into the plan, USD.
    pub opening_losses: f64,
    /// Annual discount rate for NPV.
    pub discount_rate: f64,
}

impl BookTerms {
    pub fn new(s: &Scenario) -> BookTerms {
        BookTerms {
            cash_interest_rate: s.financing.cash_interest_rate,
            btc_fair_value: s.financing.btc_fair_value,
            carryforward: s.opex.tax_loss_carryforward,
            loss_limit: s.opex.loss_limit_fraction,
            opening_losses: money(s.opex.opening_tax_losses_usd),
            discount_rate: s.valuation.discount_rate,
        }
    }
}

/// A lot's deposits as `(months before delivery, fraction of the price)`.
pub(crate) fn deposits(l: &Lot) -> impl Iterator<Item = (i64, f64)> + '_ {
    l.deposits.iter().map(|d| (d.months_before, d.fraction))
}

/// Whether a lot is sold for its salvage value when it retires.
pub(crate) fn sold_at_retirement(l: &Lot) -> bool {
    l.sold_at_retirement
}

/// After how many consecutive breach months the lender accelerates, if ever.
pub(crate) fn accelerate_after(i: &Instrument) -> Option<i64> {
    i.accelerate_after_breach_months
}
