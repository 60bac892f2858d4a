//! The income statement of a month (model.md "Income statement, month m"):
//! revenue, power cost, opex, EBITDA, depreciation, interest, tax and net
//! income, from the month's mining, hosting, fleet books and debt.

use super::fleet::FleetBooks;
use super::hosting::HostingMonth;
use super::mining::MiningMonth;
use super::money;
use crate::model::Scenario;

/// The scenario's overheads and tax, read once.
pub(crate) struct IncomeTerms {
    pub sga: f64,
    tax_rate: f64,
}

impl IncomeTerms {
    pub fn new(s: &Scenario) -> IncomeTerms {
        IncomeTerms { sga: money(s.opex.sga_usd_per_month), tax_rate: s.opex.tax_rate }
    }
}

/// One month's income statement.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Income {
    pub mining_revenue: f64,
    pub hosting_revenue: f64,
    pub credits: f64,
    /// Mining energy plus hosting energy the company pays.
    pub power_cost: f64,
    /// Mining site opex + hosting opex + SG&A.
    pub opex: f64,
    pub ebitda: f64,
    /// Lot depreciation plus hosting fit-out depreciation.
    pub depreciation: f64,
    pub interest: f64,
    pub tax: f64,
    pub net_income: f64,
}

impl Income {
    #[inline]
    pub fn new(mining: &MiningMonth, hosting: &HostingMonth, lots: &FleetBooks, interest: f64, terms: &IncomeTerms) -> Income {
        let power_cost = mining.energy + hosting.energy;
        let opex = mining.site_opex + hosting.opex + terms.sga;
        let ebitda = mining.revenue + hosting.revenue + mining.credits - power_cost - opex;
        let depreciation = lots.depreciation + hosting.fit_out_depreciation;
        let ebt = ebitda - depreciation - interest;
        let tax = terms.tax_rate * ebt.max(0.0);
        Income {
            mining_revenue: mining.revenue,
            hosting_revenue: hosting.revenue,
            credits: mining.credits,
            power_cost,
            opex,
            ebitda,
            depreciation,
            interest,
            tax,
            net_income: ebt - tax,
        }
    }
}
