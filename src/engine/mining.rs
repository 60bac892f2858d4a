//! The month's mining (model.md "Mining dispatch", from the slices to BTC):
//! runs the dispatch with economic shutdown and curtailment, then turns the
//! fleet's effective hashrate into share, BTC mined, mining revenue, energy
//! cost, curtailment credits and site opex.

use super::dispatch::{DispatchMonth, LotCash, Slice, dispatch};
use super::fleet::Fleet;
use super::market::MonthMarket;
use super::merit::{Order, Rank};
use super::money;
use super::output::MonthRow;
use super::returns::Tracker;
use crate::model::Scenario;

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
        tracker: &mut Tracker,
        row: &mut MonthRow,
    ) {
        let econ = self.economic_shutdown.then(|| mkt.hashprice * (1.0 - self.pool_fee) / (0.024 * self.pue));
        let curtailed_hours = self.curtailment_hours.min(mkt.hours);
        let month = DispatchMonth { m: mkt.m, slices, econ, curtailed_hours, hours: mkt.hours };
        // Revenue per effective TH/s: (subsidy + fees) × (1 − pool fee) × price ÷ network TH/s.
        let reward = (mkt.subsidy_btc + mkt.fees_btc) * (1.0 - self.pool_fee) * mkt.btc_price;
        let mut cash = LotCash {
            usd_per_ths: reward / (mkt.network_ehs * 1e6),
            credit_per_mw: curtailed_hours * self.credit_usd_per_mwh,
            opex_per_mw: self.site_opex_usd_per_mw_month,
            m: mkt.m as usize,
            tracker,
            ran: &mut fleet.ran,
        };
        // One dispatch loop per kind of order, each with its own iterator inlined.
        let (lots, classes) = (&fleet.lots, &fleet.classes);
        let d = match fleet.order.month(classes) {
            Order::Merge(merge) => dispatch(merge, lots, classes, &month, lot_ehs, &mut cash),
            Order::Sorted(sorted) => dispatch(sorted.map(Rank::place), lots, classes, &month, lot_ehs, &mut cash),
        };
        fleet.order.taken(d.taken);
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
    }
}
