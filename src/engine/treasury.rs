//! Cash and treasury of a month (model.md "Cash and treasury, month m" and
//! model-v2.md): interest earned on the opening cash, the month's cash
//! movements, the mined BTC kept, the BTC the treasury sells to defend
//! minimum cash, and free cash flow.

use super::money;
use super::output::{CashFlows, MonthRow};
use super::state::State;
use super::terms::BookTerms;
use crate::model::Scenario;

/// The treasury's terms, read once.
pub(crate) struct Treasury {
    sell_fraction: f64,
    min_cash: f64,
    /// Annual rate earned on positive opening cash.
    cash_rate: f64,
}

impl Treasury {
    pub fn new(s: &Scenario) -> Treasury {
        let f = &s.financing;
        Treasury { sell_fraction: f.btc_sell_fraction, min_cash: money(f.min_cash_usd), cash_rate: BookTerms::new(s).cash_interest_rate }
    }

    /// Books the interest earned on the month's opening cash (model-v2.md "Interest income on cash").
    #[inline]
    pub fn earn(&self, state: &State, r: &mut MonthRow) {
        r.interest_income_usd = state.cash.max(0.0) * self.cash_rate / 12.0;
    }

    /// Books the month's cash movements into the state's cash, keeps the
    /// unsold BTC, then sells BTC if cash is below the minimum; writes the
    /// month's cash, BTC held and cash flows.
    #[inline]
    pub fn close(&self, state: &mut State, r: &mut MonthRow) {
        let p = r.btc_price_usd;
        r.flows = CashFlows {
            mined_btc_sold_usd: r.btc_mined * self.sell_fraction * p,
            hosting_revenue_usd: r.hosting_revenue_usd,
            curtailment_credit_usd: r.curtailment_credit_usd,
            power_cost_usd: r.power_cost_usd,
            opex_usd: r.opex_usd,
            interest_usd: r.interest_usd,
            tax_usd: r.tax_usd,
            capex_usd: r.capex_usd,
            treasury_btc_sold_usd: 0.0,
            interest_income_usd: r.interest_income_usd,
            salvage_proceeds_usd: r.salvage_proceeds_usd,
            ..r.flows
        };
        state.cash += r.flows.total();
        state.btc_held += r.btc_mined * (1.0 - self.sell_fraction);
        let mut btc_sold = 0.0;
        if state.cash < self.min_cash && state.btc_held > 0.0 && p > 0.0 {
            btc_sold = state.btc_held.min((self.min_cash - state.cash) / p);
            state.btc_held -= btc_sold;
            r.flows.treasury_btc_sold_usd = btc_sold * p;
            state.cash += r.flows.treasury_btc_sold_usd;
        }
        r.treasury_btc_sold = btc_sold;
        r.cash_usd = state.cash;
        r.btc_held = state.btc_held;
        r.distress = state.cash < 0.0;
        r.free_cash_flow_usd = r.ebitda_usd - r.tax_usd - r.capex_usd + r.salvage_proceeds_usd;
        state.btc_price = Some(p);
    }
}
