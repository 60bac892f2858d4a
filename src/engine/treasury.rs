//! Cash and treasury of a month (model.md "Cash and treasury, month m"): the
//! month's cash movements, the mined BTC kept, and the BTC the treasury sells
//! to defend minimum cash.

use super::financing::CapitalMonth;
use super::income::Income;
use super::money;
use super::output::CashFlows;
use crate::model::Financing;

/// Cash and BTC held, stepped month by month.
pub(crate) struct Treasury {
    pub cash: f64,
    pub btc_held: f64,
    sell_fraction: f64,
    min_cash: f64,
}

/// The month's cash side.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct TreasuryMonth {
    pub flows: CashFlows,
    /// BTC sold to defend minimum cash.
    pub btc_sold: f64,
}

/// What the month adds to the treasury besides the income statement.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MonthCash<'a> {
    pub income: &'a Income,
    pub capital: &'a CapitalMonth,
    pub btc_mined: f64,
    pub capex: f64,
    pub btc_price: f64,
}

impl Treasury {
    pub fn new(f: &Financing) -> Treasury {
        Treasury {
            cash: money(f.opening_cash_usd),
            btc_held: f.opening_btc,
            sell_fraction: f.btc_sell_fraction,
            min_cash: money(f.min_cash_usd),
        }
    }

    /// Books the month's cash movements, keeps the unsold BTC, then sells BTC if cash is below the minimum.
    #[inline]
    pub fn month(&mut self, c: &MonthCash) -> TreasuryMonth {
        let (inc, p) = (c.income, c.btc_price);
        let mut flows = CashFlows {
            mined_btc_sold_usd: c.btc_mined * self.sell_fraction * p,
            hosting_revenue_usd: inc.hosting_revenue,
            curtailment_credit_usd: inc.credits,
            power_cost_usd: inc.power_cost,
            opex_usd: inc.opex,
            interest_usd: inc.interest,
            tax_usd: inc.tax,
            capex_usd: c.capex,
            debt_proceeds_usd: c.capital.debt_proceeds,
            principal_repaid_usd: c.capital.principal_repaid,
            equity_proceeds_usd: c.capital.equity_proceeds,
            treasury_btc_sold_usd: 0.0,
        };
        self.cash += flows.total();
        self.btc_held += c.btc_mined * (1.0 - self.sell_fraction);
        let mut btc_sold = 0.0;
        if self.cash < self.min_cash && self.btc_held > 0.0 && p > 0.0 {
            btc_sold = self.btc_held.min((self.min_cash - self.cash) / p);
            self.btc_held -= btc_sold;
            flows.treasury_btc_sold_usd = btc_sold * p;
            self.cash += flows.treasury_btc_sold_usd;
        }
        TreasuryMonth { flows, btc_sold }
    }
}
