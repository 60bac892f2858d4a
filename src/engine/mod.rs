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
//! The monthly loop runs the steps of `model.md` in its order, one module each,
//! on one [`state::State`] carried from month to month (cash, BTC held, the
//! instruments, the LTM window). Each step writes its own figures into the
//! month's [`MonthRow`] and later steps read them from there:
//! [`market`] (protocol and market) → [`power`] opens the contracts →
//! [`hosting`] reserves power and earns → [`fleet`] books and [`mining`]
//! dispatches the lots ([`dispatch`]) in what is left → [`financing`] steps
//! debt ([`debt`]) and equity → [`income`] → [`treasury`] closes cash →
//! [`risk`] closes leverage and the covenant; [`kpis`] summarises the months and
//! [`warnings`] says where a constraint changed the result. What a month
//! reports is declared once, in [`output`] (see [`describe`]).
//! `docs/model.md` explains the model in words, step by step.

mod debt;
mod describe;
mod dispatch;
mod financing;
mod fleet;
mod hosting;
mod income;
mod kpis;
mod market;
mod merit;
mod mining;
mod output;
mod power;
pub mod protocol;
mod returns;
mod risk;
mod state;
mod terms;
mod treasury;
mod warnings;

pub use describe::{Aggregate, Column, Group, Kind, Kpi, KpiValue};
pub use financing::Acceleration;
pub use market::MarketOverride;
pub use output::{COLUMNS, CashFlows, ColumnId, KPIS, KpiId, Kpis, MonthRow, Projection};
pub use returns::{Investment, InvestmentKind, Investments};
pub use warnings::Warning;

use crate::model::{Month, Problem, Scenario, validate};
use fleet::Fleet;
use hosting::Hosting;
use income::IncomeTerms;
use market::Market;
use mining::MiningTerms;
use power::Contracts;
use returns::Tracker;
use risk::RiskTerms;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use state::State;
use std::fmt;
use treasury::Treasury;

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
    let mut tracker = Tracker::new(start, h);
    let mut fleet = Fleet::new(&s.fleet, start, s.power.pue, h, &mut tracker);
    tracker.leases(&s.hosting);
    let (mining, income, treasury, risk) = (MiningTerms::new(s), IncomeTerms::new(s), Treasury::new(s), RiskTerms::new(s));
    let mut state = State::open(s);

    let n_lots = fleet.lots.len();
    // Each month's row of the per-lot table is zeroed just before the dispatch
    // fills it (in cache), not the whole table up front.
    let mut lot_hashrate_ehs: Vec<f64> = Vec::with_capacity(h * n_lots);
    let mut months: Vec<MonthRow> = Vec::with_capacity(h);
    for m in 0..h {
        // Built in place: the row is large, and moving it into the table would copy it.
        months.push(MonthRow::default());
        let row = &mut months[m];
        let mkt = market.month(m);
        mkt.book(row);
        contracts.open_month(mkt.m);
        hosting.month(mkt.m, mkt.hours, &mut contracts, &mut tracker, row);
        let slices = contracts.mining_slices(hosting.flex());
        fleet.month(m, row);
        lot_hashrate_ehs.resize((m + 1) * n_lots, 0.0);
        let row_lot = &mut lot_hashrate_ehs[m * n_lots..];
        mining.month(&mut fleet, &mkt, slices, row_lot, &mut tracker, row);
        state.capital.month(mkt.m, mkt.share_price, state.breach_run, row);
        treasury.earn(&state, row);
        income.book(&mut state, row);
        treasury.close(&mut state, row);
        risk.close(&mut state, row);
        check_finite(row)?;
    }
    let discount_rate = terms::BookTerms::new(s).discount_rate;
    let kpis = kpis::kpis(&months, s.financing.covenant_max_leverage.is_some(), discount_rate);
    let accelerations = std::mem::take(&mut state.capital.accelerations);
    let warnings = warnings::warnings(s, &months, &fleet.ran, &hosting.short, &accelerations);
    let investments = tracker.table(discount_rate);
    Ok(Projection { months, kpis, lot_hashrate_ehs, lots: n_lots, warnings, investments, accelerations })
}

/// Refuses a month with a number that is not finite, naming the column (or
/// detail figure) by the label a person reads. One pass says whether every
/// figure is finite; they are looked at one by one only when one is not.
fn check_finite(row: &MonthRow) -> Result<(), EngineError> {
    if row.figures_finite() && row.flows.total().is_finite() {
        return Ok(());
    }
    let figures = || COLUMNS.iter().map(|c| (c.label, c.get)).chain(output::DETAIL.iter().copied());
    let bad = figures()
        .find(|(_, get)| get(row).is_some_and(|v| !v.is_finite()))
        .map(|(label, _)| label)
        .or_else(|| (!row.flows.total().is_finite()).then_some("Cash flows"));
    match bad {
        Some(column) => Err(EngineError::NonFinite { month: row.month, column }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overflow_names_the_figure_by_its_label() {
        let month = Month::new(2027, 3).unwrap();
        let row = MonthRow { month, ..Default::default() };
        assert_eq!(check_finite(&row), Ok(()));
        let bad = MonthRow { ebitda_usd: f64::INFINITY, ..row.clone() };
        assert_eq!(check_finite(&bad), Err(EngineError::NonFinite { month, column: "EBITDA" }));
        let bad = MonthRow { mining_energy_usd: f64::NAN, ..row.clone() };
        assert_eq!(check_finite(&bad), Err(EngineError::NonFinite { month, column: "Mining energy" }));
        let bad = MonthRow { net_leverage: Some(f64::NEG_INFINITY), ..row.clone() };
        assert_eq!(check_finite(&bad), Err(EngineError::NonFinite { month, column: "Net leverage" }));
        let mut bad = row.clone();
        bad.flows.capex_usd = f64::INFINITY;
        assert_eq!(check_finite(&bad), Err(EngineError::NonFinite { month, column: "Cash flows" }));
        let msg = EngineError::NonFinite { month, column: "EBITDA" }.to_string();
        assert!(msg.starts_with("arithmetic overflow in 2027-03: EBITDA is not a finite number"), "{msg}");
    }
}
