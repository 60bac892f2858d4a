//! The income statement of a month (model.md "Income statement, month m" and
//! model-v2.md): power cost, opex, EBITDA and its mining and hosting
//! segments, depreciation, taxable income, tax after the loss pool, the
//! bitcoin fair-value change and net income, from the revenue, energy, opex,
//! depreciation, interest and interest income the earlier steps booked.

use super::money;
use super::output::MonthRow;
use super::state::State;
use super::terms::BookTerms;
use crate::model::Scenario;

/// The scenario's overheads, tax and books, read once.
pub(crate) struct IncomeTerms {
    sga: f64,
    tax_rate: f64,
    books: BookTerms,
}

impl IncomeTerms {
    pub fn new(s: &Scenario) -> IncomeTerms {
        IncomeTerms { sga: money(s.opex.sga_usd_per_month), tax_rate: s.opex.tax_rate, books: BookTerms::new(s) }
    }

    /// Books the month's income statement below revenue; moves the loss pool.
    #[inline]
    pub fn book(&self, state: &mut State, r: &mut MonthRow) {
        r.sga_usd = self.sga;
        r.power_cost_usd = r.mining_energy_usd + r.hosting_energy_usd;
        r.opex_usd = r.mining_opex_usd + r.hosting_opex_usd + self.sga;
        r.ebitda_usd = r.mining_revenue_usd + r.hosting_revenue_usd + r.curtailment_credit_usd - r.power_cost_usd - r.opex_usd;
        r.mining_ebitda_usd = r.mining_revenue_usd + r.curtailment_credit_usd - r.mining_energy_usd - r.mining_opex_usd;
        r.hosting_ebitda_usd = r.hosting_revenue_usd - r.hosting_opex_usd - r.hosting_energy_usd;
        r.depreciation_usd = r.lot_depreciation_usd + r.fit_out_depreciation_usd;
        let taxable = r.ebitda_usd - r.depreciation_usd - r.interest_usd + r.interest_income_usd;
        r.tax_usd = self.tax(taxable, &mut state.loss_pool);
        r.tax_losses_usd = state.loss_pool;
        // The coins held at the month's start, carried from last month's price to this one's.
        let price_before = state.btc_price.unwrap_or(r.btc_price_usd);
        r.btc_fair_value_change_usd = state.btc_held * (r.btc_price_usd - price_before);
        let fair_value = if self.books.btc_fair_value { r.btc_fair_value_change_usd } else { 0.0 };
        r.net_income_usd = taxable - r.tax_usd + fair_value;
    }

    /// The tax on `taxable` income after the loss pool (model-v2.md "Taxes with a loss carryforward").
    #[inline]
    fn tax(&self, taxable: f64, pool: &mut f64) -> f64 {
        if !self.books.carryforward {
            return self.tax_rate * taxable.max(0.0);
        }
        if taxable <= 0.0 {
            *pool -= taxable;
            return 0.0;
        }
        let used = pool.min(self.books.loss_limit * taxable);
        *pool -= used;
        self.tax_rate * (taxable - used)
    }
}
