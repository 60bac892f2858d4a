//! The projection engine: scenario in, monthly table + KPIs out, exactly as
//! `model.md` specifies. Pure (no I/O, no UI) and deterministic.
//!
//! Where Decimal lives: money *inputs* are exact `Decimal`s in the scenario
//! (they round-trip exactly through files); the engine converts each of them
//! to `f64` once per projection, with [`money`], and computes the whole
//! ledger in `f64`, like the independent implementation behind the expected
//! CSVs. Per-month Decimal arithmetic would cost milliseconds on a 360-month
//! scenario (each f64→Decimal conversion is ~400 ns here), against a 1 ms
//! budget for the whole projection. Instead of Decimal overflow, the engine
//! checks that every output number is finite and reports the first month and
//! column that is not as [`EngineError::NonFinite`].
//!
//! The monthly loop runs the steps of `model.md` in its order, one module each:
//! [`market`] (protocol and market) → [`power`] opens the contracts →
//! [`hosting`] reserves power and earns → [`fleet`] books and [`mining`]
//! dispatches the lots ([`dispatch`]) in what is left → [`financing`] steps
//! debt ([`debt`]) and equity → [`income`] → [`treasury`] (cash) → [`risk`]
//! (LTM window, leverage, covenant); [`kpis`] summarises the months and
//! [`warnings`] says where a constraint changed the result.
//! `docs/model.md` explains the model in words, step by step.

mod debt;
mod dispatch;
mod financing;
mod fleet;
mod hosting;
mod income;
mod kpis;
mod market;
mod mining;
mod output;
mod power;
pub mod protocol;
mod risk;
mod treasury;
mod warnings;

pub use market::MarketOverride;
pub use output::{CashFlows, Kpis, MonthRow, Projection};
pub use warnings::Warning;

use crate::model::{Month, Problem, Scenario, validate};
use financing::{Capital, CapitalMonth};
use fleet::{Fleet, FleetBooks};
use hosting::{Hosting, HostingMonth};
use income::{Income, IncomeTerms};
use market::{Market, MonthMarket};
use mining::{MiningMonth, MiningTerms};
use power::Contracts;
use risk::{Ltm, Position, RiskMonth};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt;
use treasury::{MonthCash, Treasury, TreasuryMonth};

/// Why a projection could not be produced.
#[derive(Clone, Debug, PartialEq)]
pub enum EngineError {
    /// The scenario does not pass validation.
    Invalid(Vec<Problem>),
    /// A number grew beyond what can be represented (e.g. a huge growth path).
    NonFinite { month: Month, column: &'static str },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::Invalid(p) => write!(
                f,
                "the scenario is not valid ({} problems; first: {})",
                p.len(),
                p.first().map(|p| p.to_string()).unwrap_or_default()
            ),
            EngineError::NonFinite { month, column } => {
                write!(
                    f,
                    "arithmetic overflow in {month}: {column} is not a finite number; check the growth paths and amounts for values too large to compute"
                )
            }
        }
    }
}

impl std::error::Error for EngineError {}

/// Validates then projects.
pub fn project(s: &Scenario) -> Result<Projection, EngineError> {
    let problems = validate(s);
    if !problems.is_empty() {
        return Err(EngineError::Invalid(problems));
    }
    project_validated(s)
}

/// A money input as the `f64` the ledger computes in: the one place where
/// `Decimal` becomes `f64` (every money input fits; 0 if one ever did not).
pub(crate) fn money(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Projects a scenario that already passed [`validate`]. On an unvalidated
/// scenario it still never panics, but the numbers mean nothing.
pub fn project_validated(s: &Scenario) -> Result<Projection, EngineError> {
    project_with_market(s, &MarketOverride::default())
}

/// [`project_validated`] with the BTC price and/or network hashrate series
/// replaced by `over` (the scenario is neither cloned nor re-validated; the
/// series must be finite and ≥ 0, network > 0, as validation asks of paths).
pub fn project_with_market(s: &Scenario, over: &MarketOverride) -> Result<Projection, EngineError> {
    let h = s.horizon_months.clamp(1, crate::model::MAX_HORIZON) as usize;
    let start = s.start_month;
    let mut market = Market::new(s, h, over);
    let mut contracts = Contracts::new(&s.power, start);
    let mut hosting = Hosting::new(&s.hosting, start);
    let mut fleet = Fleet::new(&s.fleet, start, s.power.pue, h);
    let mut capital = Capital::new(&s.financing, start);
    let mut treasury = Treasury::new(&s.financing);
    let mut ltm = Ltm::default();
    let (mining_terms, income_terms) = (MiningTerms::new(s), IncomeTerms::new(s));
    let new_hw_per_th = money(s.market.new_hardware_usd_per_th);

    let n_lots = fleet.lots.len();
    let mut lot_hashrate_ehs = vec![0.0; h * n_lots];
    let mut months: Vec<MonthRow> = Vec::with_capacity(h);
    for m in 0..h {
        let mkt = market.month(m);
        contracts.open_month(mkt.m);
        let host = hosting.month(mkt.m, mkt.hours, &mut contracts);
        let slices = contracts.mining_slices(hosting.flex());
        let lots = fleet.month(m);
        let row_lot = &mut lot_hashrate_ehs[m * n_lots..(m + 1) * n_lots];
        let mining = mining_terms.month(&mut fleet, &mkt, slices, row_lot);
        let mining_capacity_mw: f64 = slices.iter().map(|s| s.mw).sum();
        let capital_m = capital.month(mkt.m, mkt.share_price);
        let income = Income::new(&mining, &host, &lots, capital_m.interest, &income_terms);
        let cash = treasury.month(&MonthCash {
            income: &income,
            capital: &capital_m,
            btc_mined: mining.btc,
            capex: host.capex + lots.capex,
            btc_price: mkt.btc_price,
        });
        let position = Position { debt: capital_m.debt, cash: treasury.cash, btc_held: treasury.btc_held, btc_price: mkt.btc_price };
        let risk = RiskMonth::new(&position, ltm.push(income.ebitda, income.interest), s.financing.covenant_max_leverage);
        let share0 = months.first().map_or(mining.share, |r| r.hashrate_share);
        let (hold_ehs, hold_capex) = risk::hold_share(share0, mkt.network_ehs, mining.fleet_ehs, new_hw_per_th);
        let parts = MonthParts {
            mkt: &mkt,
            host: &host,
            lots: &lots,
            mining: &mining,
            mining_capacity_mw,
            capital: &capital_m,
            income: &income,
            sga: income_terms.sga,
            cash: &cash,
            position: &position,
            risk: &risk,
            hold_share: (hold_ehs, hold_capex),
        };
        let row = month_row(&parts);
        check_finite(&row, mkt.date)?;
        months.push(row);
    }
    let kpis = kpis::kpis(&months, s.financing.covenant_max_leverage.is_some());
    let warnings = warnings::warnings(s, &months, &lot_hashrate_ehs, n_lots, &hosting.short);
    Ok(Projection { months, kpis, lot_hashrate_ehs, lots: n_lots, warnings })
}

/// Everything a month's row is made of, step by step.
struct MonthParts<'a> {
    mkt: &'a MonthMarket,
    host: &'a HostingMonth,
    lots: &'a FleetBooks,
    mining: &'a MiningMonth,
    mining_capacity_mw: f64,
    capital: &'a CapitalMonth,
    income: &'a Income,
    sga: f64,
    cash: &'a TreasuryMonth,
    position: &'a Position,
    risk: &'a RiskMonth,
    /// Hold-share hashrate (EH/s) and capex (USD).
    hold_share: (f64, f64),
}

fn month_row(p: &MonthParts) -> MonthRow {
    let (mkt, inc, d) = (p.mkt, p.income, &p.mining.dispatch);
    MonthRow {
        month: mkt.date,
        btc_price_usd: mkt.btc_price,
        network_hashrate_ehs: mkt.network_ehs,
        subsidy_btc: mkt.subsidy_btc,
        fees_btc: mkt.fees_btc,
        hashprice_usd_per_ph_day: mkt.hashprice,
        fleet_hashrate_ehs: p.mining.fleet_ehs,
        hashrate_share: p.mining.share,
        btc_mined: p.mining.btc,
        mining_revenue_usd: inc.mining_revenue,
        hosting_revenue_usd: inc.hosting_revenue,
        curtailment_credit_usd: inc.credits,
        power_cost_usd: inc.power_cost,
        opex_usd: inc.opex,
        ebitda_usd: inc.ebitda,
        depreciation_usd: inc.depreciation,
        interest_usd: inc.interest,
        tax_usd: inc.tax,
        net_income_usd: inc.net_income,
        capex_usd: p.cash.flows.capex_usd,
        debt_usd: p.position.debt,
        cash_usd: p.position.cash,
        btc_held: p.position.btc_held,
        net_debt_usd: p.risk.net_debt,
        leverage: p.risk.leverage,
        interest_coverage: p.risk.interest_coverage,
        shares_outstanding: p.capital.shares,
        hold_share_capex_usd: p.hold_share.1,
        halving: mkt.halving,
        mining_energy_usd: p.mining.energy,
        mining_opex_usd: p.mining.site_opex,
        hosting_opex_usd: p.host.opex,
        sga_usd: p.sga,
        lot_depreciation_usd: p.lots.depreciation,
        mining_capacity_mw: p.mining_capacity_mw,
        mining_used_mw: d.used_mw,
        fleet_nameplate_mw: p.lots.nameplate_mw,
        fleet_j_per_th: (d.effective_ths > 0.0).then(|| d.weighted_jth / d.running_ths),
        hold_share_hashrate_ehs: p.hold_share.0,
        ltm_ebitda_usd: p.risk.ltm.ebitda,
        net_leverage: p.risk.net_leverage,
        covenant_breach: p.risk.covenant_breach,
        distress: p.position.cash < 0.0,
        treasury_btc_sold: p.cash.btc_sold,
        flows: p.cash.flows,
    }
}

fn check_finite(row: &MonthRow, month: Month) -> Result<(), EngineError> {
    for c in &crate::schema::COLUMNS {
        if (c.get)(row).is_some_and(|v| !v.is_finite()) {
            return Err(EngineError::NonFinite { month, column: c.key });
        }
    }
    let extra = [
        row.mining_energy_usd,
        row.mining_opex_usd,
        row.lot_depreciation_usd,
        row.mining_capacity_mw,
        row.fleet_nameplate_mw,
        row.hold_share_hashrate_ehs,
        row.ltm_ebitda_usd,
        row.net_leverage.unwrap_or(0.0),
        row.flows.total(),
    ];
    if extra.iter().any(|v| !v.is_finite()) {
        return Err(EngineError::NonFinite { month, column: "detail" });
    }
    Ok(())
}
