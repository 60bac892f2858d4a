//! Leverage and risk metrics of a month (model.md "Leverage and risk metrics,
//! month m"): the trailing-twelve-month window, gross and net leverage,
//! interest coverage, the covenant test, net debt and hold-share capex.

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

/// The balance-sheet position a month's risk metrics read.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Position {
    pub debt: f64,
    pub cash: f64,
    pub btc_held: f64,
    pub btc_price: f64,
}

/// A month's risk metrics.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct RiskMonth {
    pub net_debt: f64,
    pub ltm: LtmTotals,
    pub leverage: Option<f64>,
    pub net_leverage: Option<f64>,
    pub interest_coverage: Option<f64>,
    pub covenant_breach: bool,
}

impl RiskMonth {
    #[inline]
    pub fn new(pos: &Position, ltm: LtmTotals, covenant: Option<f64>) -> RiskMonth {
        let net_debt = pos.debt - pos.cash - pos.btc_held * pos.btc_price;
        let per_ebitda = |x: f64| (ltm.ebitda > 0.0).then(|| x / ltm.ebitda);
        let leverage = per_ebitda(pos.debt);
        RiskMonth {
            net_debt,
            ltm,
            leverage,
            net_leverage: per_ebitda(net_debt),
            interest_coverage: (ltm.interest > 0.0).then(|| ltm.ebitda / ltm.interest),
            covenant_breach: covenant.is_some_and(|cov| pos.debt > 0.0 && leverage.is_none_or(|l| l > cov)),
        }
    }
}

/// The hashrate month 0's share would need at this network hashrate, EH/s,
/// and what the missing part would cost in new machines.
#[inline]
pub(crate) fn hold_share(share0: f64, network_ehs: f64, fleet_ehs: f64, usd_per_th: f64) -> (f64, f64) {
    let ehs = share0 * network_ehs;
    (ehs, (ehs * 1e6 - fleet_ehs * 1e6).max(0.0) * usd_per_th)
}
