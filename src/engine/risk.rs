//! Leverage and risk metrics of a month (model.md "Leverage and risk metrics,
//! month m"): the trailing-twelve-month window, gross and net leverage,
//! interest coverage, the covenant test, net debt and hold-share capex.

use super::output::MonthRow;
use super::state::State;

/// Trailing twelve months of EBITDA and interest, annualised while fewer than
/// twelve months have been projected.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ltm {
    ebitda: [f64; 12],
    interest: [f64; 12],
    months: usize,
}

/// The window's annualised totals after a month.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct LtmTotals {
    pub ebitda: f64,
    pub interest: f64,
}

impl Ltm {
    /// Adds the next month and returns the window's annualised totals.
    #[inline]
    pub fn push(&mut self, ebitda: f64, interest: f64) -> LtmTotals {
        let slot = self.months % 12;
        self.ebitda[slot] = ebitda;
        self.interest[slot] = interest;
        self.months += 1;
        let count = self.months.min(12) as f64;
        LtmTotals { ebitda: self.ebitda.iter().sum::<f64>() * 12.0 / count, interest: self.interest.iter().sum::<f64>() * 12.0 / count }
    }
}

/// The covenant and hold-share terms, read once.
pub(crate) struct RiskTerms {
    /// Maximum debt / LTM EBITDA, if a covenant is set.
    covenant: Option<f64>,
    /// New hardware price, USD per TH/s (what holding the share would cost).
    new_hw_per_th: f64,
}

impl RiskTerms {
    pub fn new(s: &crate::model::Scenario) -> RiskTerms {
        RiskTerms { covenant: s.financing.covenant_max_leverage, new_hw_per_th: super::money(s.market.new_hardware_usd_per_th) }
    }

    /// Closes the month's risk metrics on its month-end position: the LTM
    /// window, net debt, gross and net leverage, interest coverage, the
    /// covenant test and the hold-share figures.
    #[inline]
    pub fn close(&self, state: &mut State, r: &mut MonthRow) {
        let ltm = state.ltm.push(r.ebitda_usd, r.interest_usd);
        r.ltm_ebitda_usd = ltm.ebitda;
        r.net_debt_usd = r.debt_usd - r.cash_usd - r.btc_held * r.btc_price_usd;
        let per_ebitda = |x: f64| (ltm.ebitda > 0.0).then(|| x / ltm.ebitda);
        r.leverage = per_ebitda(r.debt_usd);
        r.net_leverage = per_ebitda(r.net_debt_usd);
        r.interest_coverage = (ltm.interest > 0.0).then(|| ltm.ebitda / ltm.interest);
        r.covenant_breach = self.covenant.is_some_and(|cov| r.debt_usd > 0.0 && r.leverage.is_none_or(|l| l > cov));
        state.breach_run = if r.covenant_breach { state.breach_run + 1 } else { 0 };
        // Month 0's share is what holding the share means.
        let share0 = *state.share0.get_or_insert(r.hashrate_share);
        let ehs = share0 * r.network_hashrate_ehs;
        r.hold_share_hashrate_ehs = ehs;
        r.hold_share_capex_usd = (ehs * 1e6 - r.fleet_hashrate_ehs * 1e6).max(0.0) * self.new_hw_per_th;
    }
}
