//! The income statement of a month (model.md "Income statement, month m"):
//! power cost, opex, EBITDA, depreciation, tax and net income, from the
//! revenue, energy, opex, depreciation and interest the earlier steps booked.

use super::money;
use super::output::MonthRow;
use crate::model::Scenario;

/// The scenario's overheads and tax, read once.
pub(crate) struct IncomeTerms {
    sga: f64,
    tax_rate: f64,
}

impl IncomeTerms {
    pub fn new(s: &Scenario) -> IncomeTerms {
        IncomeTerms { sga: money(s.opex.sga_usd_per_month), tax_rate: s.opex.tax_rate }
    }

    /// Books the month's income statement below revenue.
    #[inline]
    pub fn book(&self, r: &mut MonthRow) {
        r.sga_usd = self.sga;
        r.power_cost_usd = r.mining_energy_usd + r.hosting_energy_usd;
        r.opex_usd = r.mining_opex_usd + r.hosting_opex_usd + self.sga;
        r.ebitda_usd = r.mining_revenue_usd + r.hosting_revenue_usd + r.curtailment_credit_usd - r.power_cost_usd - r.opex_usd;
        r.depreciation_usd = r.lot_depreciation_usd + r.fit_out_depreciation_usd;
        let ebt = r.ebitda_usd - r.depreciation_usd - r.interest_usd;
        r.tax_usd = self.tax_rate * ebt.max(0.0);
        r.net_income_usd = ebt - r.tax_usd;
    }
}
