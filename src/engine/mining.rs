//! The month's mining (model.md "Mining dispatch", from the slices to BTC):
//! runs the dispatch with economic shutdown and curtailment, then turns the
//! fleet's effective hashrate into share, BTC mined, mining revenue, energy
//! cost, curtailment credits and site opex.

use super::dispatch::{Dispatch, DispatchMonth, Slice, dispatch, merit_order};
use super::fleet::Fleet;
use super::market::MonthMarket;
use super::money;
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

/// What mining did in one month.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct MiningMonth {
    pub dispatch: Dispatch,
    /// Fleet hashrate after uptime and curtailment, EH/s.
    pub fleet_ehs: f64,
    pub share: f64,
    pub btc: f64,
    pub revenue: f64,
    pub energy: f64,
    pub credits: f64,
    pub site_opex: f64,
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

    /// Mines month `m` with `fleet` (already moved to month `m`) in `slices`;
    /// stores each lot's effective EH/s in `lot_ehs` (indexed by file position).
    #[inline]
    pub fn month(&self, fleet: &mut Fleet, mkt: &MonthMarket, slices: &[Slice], lot_ehs: &mut [f64]) -> MiningMonth {
        let econ = self.economic_shutdown.then(|| mkt.hashprice * (1.0 - self.pool_fee) / (0.024 * self.pue));
        let curtailed_hours = self.curtailment_hours.min(mkt.hours);
        let month = DispatchMonth { m: mkt.m, slices, econ, curtailed_hours, hours: mkt.hours };
        merit_order(&mut fleet.lots, &fleet.classes);
        let d = dispatch(&fleet.lots, &fleet.classes, &month, lot_ehs);
        let fleet_ehs = d.effective_ths / 1e6;
        let share = fleet_ehs / mkt.network_ehs;
        let btc = share * (mkt.subsidy_btc + mkt.fees_btc) * (1.0 - self.pool_fee);
        MiningMonth {
            dispatch: d,
            fleet_ehs,
            share,
            btc,
            revenue: btc * mkt.btc_price,
            energy: d.energy_cost,
            credits: d.credit_mwh_factor * curtailed_hours * self.credit_usd_per_mwh,
            site_opex: d.used_mw * self.site_opex_usd_per_mw_month,
        }
    }
}
