//! The month's mining (model.md "Mining dispatch", from the slices to BTC):
//! runs the dispatch with economic shutdown and curtailment, then turns the
//! fleet's effective hashrate into share, BTC mined, mining revenue, energy
//! cost, curtailment credits and site opex.

use super::dispatch::{DispatchMonth, LotRun, Slice, dispatch, merit_order};
use super::fleet::Fleet;
use super::market::MonthMarket;
use super::money;
use super::output::MonthRow;
use crate::model::Scenario;

/// The investments' cash flows, and the month's runs of the tracked lots.
pub(crate) struct Invest {
    pub tracker: super::returns::Tracker,
    pub runs: Vec<LotRun>,
}

/// The scenario's mining terms, read once.
pub(crate) struct MiningTerms {
    pool_fee: f64,
    pue: f64,
    economic_shutdown: bool,
    /// Curtailed hours per month asked for (>= 0; capped at each month's hours).
    curtailment_hours: f64,
    credit_usd_per_mwh: f64,
    site_opex_usd_per_mw_month: f64,
}

impl MiningTerms {
    pub fn new(s: &Scenario) -> MiningTerms {
        let pw = &s.power;
        MiningTerms {
            pool_fee: s.opex.pool_fee,
            pue: pw.pue,
            economic_shutdown: pw.economic_shutdown,
            curtailment_hours: pw.curtailment_hours_per_month.max(0.0),
            credit_usd_per_mwh: money(pw.curtailment_credit_usd_per_mwh),
            site_opex_usd_per_mw_month: money(pw.mining_opex_usd_per_mw_month),
        }
    }

    /// Mines month `m` with `fleet` (already moved to month `m`) in `slices`
    /// and books the month's mining figures; stores each lot's effective EH/s
    /// in `lot_ehs` (indexed by file position).
    #[inline]
    pub fn month(
        &self,
        fleet: &mut Fleet,
        mkt: &MonthMarket,
        slices: &[Slice],
        lot_ehs: &mut [f64],
        invest: &mut Invest,
        row: &mut MonthRow,
    ) {
        let econ = self.economic_shutdown.then(|| mkt.hashprice * (1.0 - self.pool_fee) / (0.024 * self.pue));
        let curtailed_hours = self.curtailment_hours.min(mkt.hours);
        let month = DispatchMonth { m: mkt.m, slices, econ, curtailed_hours, hours: mkt.hours };
        merit_order(&mut fleet.lots, &fleet.classes);
        invest.runs.clear();
        let d = dispatch(&fleet.lots, &fleet.classes, &month, lot_ehs, &mut invest.runs);
        let fleet_ehs = d.effective_ths / 1e6;
        let share = fleet_ehs / mkt.network_ehs;
        let btc = share * (mkt.subsidy_btc + mkt.fees_btc) * (1.0 - self.pool_fee);
        row.fleet_hashrate_ehs = fleet_ehs;
        row.hashrate_share = share;
        row.btc_mined = btc;
        row.mining_revenue_usd = btc * mkt.btc_price;
        row.mining_energy_usd = d.energy_cost;
        row.curtailment_credit_usd = d.credit_mwh_factor * curtailed_hours * self.credit_usd_per_mwh;
        row.mining_opex_usd = d.used_mw * self.site_opex_usd_per_mw_month;
        row.mining_capacity_mw = slices.iter().map(|s| s.mw).sum();
        row.mining_used_mw = d.used_mw;
        row.fleet_j_per_th = (d.effective_ths > 0.0).then(|| d.weighted_jth / d.running_ths);
        // Each tracked lot's contribution: its part of the BTC mined, its credits, less its energy and site opex.
        for run in &invest.runs {
            let revenue = if d.effective_ths > 0.0 { row.mining_revenue_usd * (run.effective_ths / d.effective_ths) } else { 0.0 };
            let credits = run.credit_mwh_factor * curtailed_hours * self.credit_usd_per_mwh;
            let cash = revenue + credits - run.energy_cost - run.used_mw * self.site_opex_usd_per_mw_month;
            invest.tracker.add(run.slot, mkt.m as usize, cash, 0.0);
        }
    }
}
