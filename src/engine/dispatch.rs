//! Mining dispatch (model.md "Mining dispatch"): the month's energy slices,
//! cheapest first, filled with the alive lots in merit order (most efficient
//! first), with economic shutdown and curtailment.

use super::fleet::{Classes, Lot};
use super::returns::Tracker;

/// Mining capacity at one price: a contract's MW left after hosting, or a
/// hosting lease's idle (flex) MW.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Slice {
    pub mw: f64,
    pub price: f64,
}

/// Totals of one month's dispatch.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Dispatch {
    /// TH/s after uptime and curtailment.
    pub effective_ths: f64,
    /// Mining energy cost, USD.
    pub energy_cost: f64,
    /// Σ MW × uptime of the running pieces (× curtailed hours × credit rate = credits).
    pub credit_mwh_factor: f64,
    /// Facility MW used by running pieces.
    pub used_mw: f64,
    /// Σ TH × J/TH and Σ TH of running pieces (before uptime), for the fleet's J/TH.
    pub weighted_jth: f64,
    pub running_ths: f64,
    /// Lots taken from the merit order (it stops where the capacity ends,
    /// or at the first lot that loses money).
    pub taken: usize,
}

/// What a month's dispatch credits to each tracked lot (an investment): its
/// contribution, from the pieces it runs in (model-v2.md "Investment returns").
pub(crate) struct LotCash<'a> {
    /// Mining revenue per effective TH/s this month: `BTC mined × price ÷ fleet effective TH/s`
    /// does not depend on the fleet (share × block reward ÷ fleet TH/s = reward ÷ network TH/s).
    pub usd_per_ths: f64,
    /// Curtailment credit per MW × uptime of the pieces: curtailed hours × credit rate.
    pub credit_per_mw: f64,
    /// Site opex per MW used.
    pub opex_per_mw: f64,
    /// Month index.
    pub m: usize,
    pub tracker: &'a mut Tracker,
    /// Per lot (file order): whether it has hashed in any month so far (for
    /// the warning about lots economic shutdown kept off).
    pub ran: &'a mut [bool],
}

impl LotCash<'_> {
    /// Credits nothing (no lot is tracked).
    #[cfg(test)]
    pub fn none(tracker: &mut Tracker) -> LotCash<'_> {
        LotCash { usd_per_ths: 0.0, credit_per_mw: 0.0, opex_per_mw: 0.0, m: 0, tracker, ran: &mut [] }
    }
}

/// The month's terms of the dispatch.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DispatchMonth<'a> {
    /// Month index since the start (which lots are alive).
    pub m: i64,
    /// Mining capacity, sorted by price.
    pub slices: &'a [Slice],
    /// `hashprice × (1 - pool_fee) / (0.024 × pue)` when economic shutdown is
    /// on: a lot runs in a slice only if `econ / J/TH >= price`.
    pub econ: Option<f64>,
    /// Curtailed hours (at most `hours`).
    pub curtailed_hours: f64,
    pub hours: f64,
}

/// Dispatches the alive `lots` in merit order (`order`: J/TH and file
/// position, most efficient first) into the month's
/// slices and stores each running lot's effective hashrate in EH/s in
/// `lot_ehs` at the lot's file position (entries of lots that do not run are left untouched),
/// and credits each running tracked lot with its contribution in `cash`.
#[inline]
pub(crate) fn dispatch(
    order: impl Iterator<Item = (f64, usize)>,
    lots: &[Lot],
    classes: &Classes,
    month: &DispatchMonth,
    lot_ehs: &mut [f64],
    cash: &mut LotCash,
) -> Dispatch {
    let DispatchMonth { m, slices, econ, curtailed_hours: c, hours } = *month;
    let mut out = Dispatch::default();
    let run_fraction = if hours > 0.0 { 1.0 - c / hours } else { 0.0 };
    let mut si = 0;
    let mut left = slices.first().map_or(0.0, |s| s.mw);
    for (jth, index) in order {
        out.taken += 1;
        if si >= slices.len() {
            break; // capacity exhausted: no later lot runs
        }
        let Some(lot) = lots.get(index) else { continue };
        if !lot.alive(m) || lot.mw <= 0.0 {
            continue;
        }
        let mut need = lot.mw;
        let (mut lot_w, mut lot_cost) = (0.0, 0.0);
        let mut uneconomic = false;
        while need > 0.0 && si < slices.len() {
            if left <= 0.0 {
                si += 1;
                left = slices.get(si).map_or(0.0, |s| s.mw);
                continue;
            }
            let slice = slices[si];
            // Runs only if revenue per MWh (econ / J/TH) covers the price;
            // otherwise it loses money here and in every pricier slice.
            if let Some(e) = econ
                && e < slice.price * jth
            {
                uneconomic = true;
                break;
            }
            let w = need.min(left);
            need -= w;
            left -= w;
            lot_w += w;
            lot_cost += w * slice.price;
        }
        if lot_w > 0.0 {
            let t = lot_w * lot.tpm_base * classes.ths_scale[lot.class];
            let eff = t * lot.uptime * run_fraction;
            if let Some(slot) = lot_ehs.get_mut(index) {
                *slot = eff * 1e-6;
            }
            if let Some(ran) = cash.ran.get_mut(index) {
                *ran |= eff > 0.0;
            }
            let energy_cost = lot_cost * lot.uptime * (hours - c);
            out.effective_ths += eff;
            out.energy_cost += energy_cost;
            out.credit_mwh_factor += lot_w * lot.uptime;
            if let Some(slot) = lot.invest {
                let contribution =
                    eff * cash.usd_per_ths + lot_w * lot.uptime * cash.credit_per_mw - energy_cost - lot_w * cash.opex_per_mw;
                cash.tracker.add(slot, cash.m, contribution, 0.0);
            }
            out.used_mw += lot_w;
            out.weighted_jth += t * jth;
            out.running_ths += t;
        }
        if uneconomic {
            break; // every later lot has a higher J/TH: it loses money too
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fleet::prepare;
    use crate::engine::merit::MeritOrder;
    use crate::model::Month;
    use rust_decimal::Decimal;

    fn at(slices: &[Slice], econ: Option<f64>, curtailed_hours: f64) -> DispatchMonth<'_> {
        DispatchMonth { m: 0, slices, econ, curtailed_hours, hours: 720.0 }
    }

    /// This month's merit order of `lots`: (J/TH, lot index), most efficient first.
    fn merit(lots: &[Lot], c: &Classes) -> Vec<(f64, usize)> {
        MeritOrder::new(lots, c).month(c).collect()
    }

    /// Lots of (units, TH/s, W) deployed at the start, uptime 1, PUE 1, at month 0.
    fn fleet(specs: &[(i64, f64, f64)]) -> (Vec<Lot>, Classes) {
        let start = Month::parse("2026-01").unwrap();
        let fleet: Vec<crate::model::Lot> = specs
            .iter()
            .map(|&(u, ths, w)| {
                let mut l = crate::model::Lot::new("t", u, ths, w, Decimal::ZERO, start);
                l.uptime = 1.0;
                l
            })
            .collect();
        let (lots, _, mut classes) = prepare(&fleet, start, 1.0);
        classes.set_month(0);
        (lots, classes)
    }

    #[test]
    fn capacity_limit_runs_the_efficient_lot_first() {
        // Lot A: 1,000 × 3,000 W × 100 TH/s = 3 MW, 30 J/TH.
        // Lot B: 1,000 × 3,000 W × 200 TH/s = 3 MW, 15 J/TH.
        // One 4 MW slice at $50: B runs whole (3 MW, 200,000 TH/s), A gets
        // the last 1 MW = 1/3 of its units: 100,000/3 TH/s.
        // 720 h, no curtailment: energy = 4 MW × 720 h × $50 = $144,000.
        let (lots, c) = fleet(&[(1000, 100.0, 3000.0), (1000, 200.0, 3000.0)]);
        let order = merit(&lots, &c);
        assert_eq!((order[0].1, order[1].1), (1, 0), "15 J/TH before 30 J/TH");
        let mut ths = [0.0; 2];
        let out = dispatch(
            order.iter().copied(),
            &lots,
            &c,
            &at(&[Slice { mw: 4.0, price: 50.0 }], None, 0.0),
            &mut ths,
            &mut LotCash::none(&mut Tracker::empty()),
        );
        assert!((ths[1] - 0.2).abs() < 1e-12); // 200,000 TH/s = 0.2 EH/s
        assert!((ths[0] - 0.1 / 3.0).abs() < 1e-12);
        assert!((out.energy_cost - 144_000.0).abs() < 1e-6);
        assert!((out.used_mw - 4.0).abs() < 1e-12);
    }

    #[test]
    fn economic_shutdown_switches_off_the_lot_that_loses_money() {
        // Hashprice $40/PH/day, no pool fee, PUE 1: revenue per MWh = 40 / (0.024 × J/TH).
        // 15 J/TH → $111.1/MWh, 30 J/TH → $55.6/MWh. Slice at $80: only the 15 J/TH lot runs.
        let (lots, c) = fleet(&[(1000, 100.0, 3000.0), (1000, 200.0, 3000.0)]);
        let order = merit(&lots, &c);
        let econ = 40.0 / 0.024;
        let mut ths = [0.0; 2];
        let out = dispatch(
            order.iter().copied(),
            &lots,
            &c,
            &at(&[Slice { mw: 10.0, price: 80.0 }], Some(econ), 0.0),
            &mut ths,
            &mut LotCash::none(&mut Tracker::empty()),
        );
        assert_eq!(ths[0], 0.0);
        assert!((ths[1] - 0.2).abs() < 1e-12);
        assert!((out.used_mw - 3.0).abs() < 1e-12);
        // At $50 both run.
        let out = dispatch(
            order.iter().copied(),
            &lots,
            &c,
            &at(&[Slice { mw: 10.0, price: 50.0 }], Some(econ), 0.0),
            &mut [0.0; 2],
            &mut LotCash::none(&mut Tracker::empty()),
        );
        assert!((out.used_mw - 6.0).abs() < 1e-12);
    }

    #[test]
    fn curtailment_pauses_hours_and_earns_credits() {
        // 3 MW lot, uptime 1, 720 h with 72 h curtailed: 90 % of TH/s,
        // energy 3 × 648 MWh, credit factor 3 MW (× 72 h × rate in the caller).
        let (lots, c) = fleet(&[(1000, 200.0, 3000.0)]);
        let order = merit(&lots, &c);
        let out = dispatch(
            order.iter().copied(),
            &lots,
            &c,
            &at(&[Slice { mw: 10.0, price: 40.0 }], None, 72.0),
            &mut [0.0; 1],
            &mut LotCash::none(&mut Tracker::empty()),
        );
        assert!((out.effective_ths - 180_000.0).abs() < 1e-6);
        assert!((out.energy_cost - 3.0 * 648.0 * 40.0).abs() < 1e-6);
        assert!((out.credit_mwh_factor - 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_lot_deployed_before_the_start_has_its_age_at_month_0() {
        // Deployed 12 months before the start with 10 % a year: factor 0.9 at month 0.
        let start = Month::parse("2026-01").unwrap();
        let mut l = crate::model::Lot::new("old", 1, 100.0, 3000.0, Decimal::ZERO, Month::parse("2025-01").unwrap());
        l.annual_degradation = 0.10;
        let (lots, _, mut c) = prepare(&[l], start, 1.0);
        c.set_month(0);
        assert!((lots[0].jth_base - 3000.0 / 90.0).abs() < 1e-9);
        assert!(lots[0].alive(0) && !lots[0].alive(36));
    }
}
