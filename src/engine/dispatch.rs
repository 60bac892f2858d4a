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

/// A lot's place in the merit order: this month's J/TH and the lot's
/// position in the fleet. The order is kept in these small records, so a
/// month that reorders lots moves 16 bytes a lot, not the lot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rank {
    /// This month's place: the J/TH in `f64::total_cmp`'s order, then the
    /// file position; one integer comparison orders two ranks.
    key: i128,
    /// The lot's [`Lot::jth_base`] and class, copied here so the monthly update reads no lot.
    jth_base: f64,
    class: u32,
    /// Index in the fleet (file order), which breaks ties.
    lot: u32,
}

/// The ranks of `lots` in file order (month 0's J/TH), to be put in merit order.
pub(crate) fn ranks(lots: &[Lot]) -> Vec<Rank> {
    // A fleet has far fewer than 2^32 lots and classes (validation caps the lots).
    lots.iter()
        .enumerate()
        .map(|(lot, l)| Rank { key: key(l.jth_base, lot as u32), jth_base: l.jth_base, class: l.class as u32, lot: lot as u32 })
        .collect()
}

/// Puts `ranks` (of `lots`, in file order) in merit order for this month's
/// class scales: J/TH ascending, ties by file order. The order changes only
/// where lots of different classes cross, so last month's order is nearly
/// sorted: an insertion sort fixes it in O(lots + swaps). When many lots
/// cross (a quadratic number of swaps), it hands over to std's stable sort
/// after a budget of swaps linear in the number of lots: O(lots × log lots) at worst.
#[inline]
pub(crate) fn merit_order(ranks: &mut [Rank], c: &Classes) {
    for r in ranks.iter_mut() {
        r.key = key(r.jth_base * c.jth_scale[r.class as usize], r.lot);
    }
    let mut budget = 4 * ranks.len() + 64;
    for i in 1..ranks.len() {
        if before(&ranks[i], &ranks[i - 1]) && !sink(ranks, i, &mut budget) {
            ranks.sort_by_key(|r| r.key);
            return;
        }
    }
}

/// `a` goes before `b` in the merit order: lower J/TH, ties by file order.
#[inline]
fn before(a: &Rank, b: &Rank) -> bool {
    a.key < b.key
}

/// The merit-order key of a lot at `jth` J/TH and file position `lot`: the
/// bits of `jth` turned into an integer that orders as `f64::total_cmp` does
/// (negative numbers have their magnitude bits flipped), then the position.
#[inline]
fn key(jth: f64, lot: u32) -> i128 {
    ((flip(jth.to_bits() as i64) as i128) << 32) | lot as i128
}

/// Flips the magnitude bits of a negative number's bits (and undoes it).
#[inline]
fn flip(bits: i64) -> i64 {
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

impl Rank {
    /// This month's J/TH (as set by the merit order).
    #[inline]
    pub fn jth(&self) -> f64 {
        f64::from_bits(flip((self.key >> 32) as i64) as u64)
    }

    /// The lot's index in the fleet.
    #[inline]
    pub fn lot(&self) -> usize {
        self.lot as usize
    }
}

/// Moves `ranks[i]` left to its place among `ranks[..i]` (sorted), one swap
/// per place; false, with the swaps made so far, when `budget` runs out first.
#[cold]
fn sink(ranks: &mut [Rank], i: usize, budget: &mut usize) -> bool {
    let mut j = i;
    while j > 0 && before(&ranks[j], &ranks[j - 1]) {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        ranks.swap(j - 1, j);
        j -= 1;
    }
    true
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

/// Dispatches the alive `lots` in merit order (`ranks`) into the month's
/// slices and stores each running lot's effective hashrate in EH/s in
/// `lot_ehs` at the lot's file position (entries of lots that do not run are left untouched),
/// and credits each running tracked lot with its contribution in `cash`.
#[inline]
pub(crate) fn dispatch(
    ranks: &[Rank],
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
    for rank in ranks {
        let (jth, index) = (rank.jth(), rank.lot());
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
    use crate::model::Month;
    use rust_decimal::Decimal;

    fn at(slices: &[Slice], econ: Option<f64>, curtailed_hours: f64) -> DispatchMonth<'_> {
        DispatchMonth { m: 0, slices, econ, curtailed_hours, hours: 720.0 }
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
        let mut order = ranks(&lots);
        merit_order(&mut order, &c);
        assert_eq!((order[0].lot, order[1].lot), (1, 0), "15 J/TH before 30 J/TH");
        let mut ths = [0.0; 2];
        let out = dispatch(
            &order,
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
        let mut order = ranks(&lots);
        merit_order(&mut order, &c);
        let econ = 40.0 / 0.024;
        let mut ths = [0.0; 2];
        let out = dispatch(
            &order,
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
            &order,
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
        let order = ranks(&lots);
        let out = dispatch(
            &order,
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
    fn degradation_compounds_monthly_and_lots_cross_in_merit_order() {
        // Lot 0 degrades 19 % a year: after 6 months its factor is 0.81^(1/2) = 0.9,
        // so 100 TH/s at 3,000 W becomes 90 TH/s: 33.33 J/TH, 30,000 TH/s per MW.
        // Lot 1 (no degradation) is 31 J/TH: first at month 0 (30 < 31), second at month 6.
        let start = Month::parse("2026-01").unwrap();
        let mut a = crate::model::Lot::new("a", 1, 100.0, 3000.0, Decimal::ZERO, start);
        a.annual_degradation = 0.19;
        let b = crate::model::Lot::new("b", 1, 100.0, 3100.0, Decimal::ZERO, start);
        let (lots, _, mut c) = prepare(&[a, b], start, 1.0);
        let mut order = ranks(&lots);
        c.set_month(0);
        merit_order(&mut order, &c);
        assert_eq!(order[0].lot, 0);
        for m in 1..=6 {
            c.set_month(m);
        }
        merit_order(&mut order, &c);
        assert_eq!(order[0].lot, 1, "the degraded lot falls behind");
        assert!((order[1].jth() - 3000.0 / 90.0).abs() < 1e-9, "{}", order[1].jth());
        let degraded = lots[0];
        assert!((degraded.tpm_base * c.ths_scale[degraded.class] - 30_000.0).abs() < 1e-6);
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

    /// Lots whose J/TH order reverses over the months: the most efficient lot
    /// degrades fastest. `n` lots, lot i at 20 × (1 + i/n) J/TH degrading
    /// 30 % − 25 % × i/n a year, each its own class.
    fn crossing(n: usize) -> (Vec<Lot>, Classes) {
        let start = Month::parse("2026-01").unwrap();
        let fleet: Vec<crate::model::Lot> = (0..n)
            .map(|i| {
                let x = i as f64 / n as f64;
                let mut l = crate::model::Lot::new("x", 1, 100.0, 2000.0 * (1.0 + x), Decimal::ZERO, start);
                l.annual_degradation = 0.30 - 0.25 * x;
                l
            })
            .collect();
        let (lots, _, classes) = prepare(&fleet, start, 1.0);
        (lots, classes)
    }

    /// The merit order from scratch: (this month's J/TH, file position) of every lot, sorted.
    fn from_scratch(lots: &[Lot], c: &Classes) -> Vec<usize> {
        let mut keyed: Vec<(f64, usize)> = lots.iter().enumerate().map(|(i, l)| (l.jth_base * c.jth_scale[l.class], i)).collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        keyed.into_iter().map(|k| k.1).collect()
    }

    #[test]
    fn merit_order_month_by_month_equals_sorting_from_scratch_when_lots_cross() {
        // 400 lots: the first months need few swaps (insertion), later months
        // many (the swap budget runs out and the stable sort takes over); the
        // order is fully reversed by month 60.
        let (lots, mut c) = crossing(400);
        let mut order = ranks(&lots);
        for m in 0..=60 {
            c.set_month(m);
            merit_order(&mut order, &c);
            let got: Vec<usize> = order.iter().map(|r| r.lot as usize).collect();
            assert_eq!(got, from_scratch(&lots, &c), "month {m}");
        }
        assert_eq!(order.first().map(|r| r.lot), Some(399), "the slowest-degrading lot leads at month 60");
    }

    #[test]
    fn the_key_orders_as_total_cmp_then_file_position_and_gives_the_jth_back() {
        let values = [3.5, -0.0, 0.0, 1e-300, -2.0, f64::INFINITY, 33.333, 3.5, 17.0, -1e300, f64::MIN_POSITIVE];
        let mut by_key: Vec<(f64, u32)> = values.iter().enumerate().map(|(i, &v)| (v, i as u32)).collect();
        let mut expected = by_key.clone();
        by_key.sort_by_key(|&(v, i)| key(v, i));
        expected.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        assert_eq!(by_key.iter().map(|p| p.1).collect::<Vec<_>>(), expected.iter().map(|p| p.1).collect::<Vec<_>>());
        for (v, i) in expected {
            let r = Rank { key: key(v, i), jth_base: v, class: 0, lot: i };
            assert_eq!(r.jth().to_bits(), v.to_bits(), "{v} comes back bit for bit");
            assert_eq!(r.lot(), i as usize);
        }
    }

    #[test]
    fn merit_order_keeps_file_order_among_equal_lots() {
        // Lots 0 and 2 are identical (20 J/TH), lot 1 is 10 J/TH: order 1, 0, 2 from any start.
        let start = Month::parse("2026-01").unwrap();
        let f = |w: f64| crate::model::Lot::new("x", 1, 100.0, w, Decimal::ZERO, start);
        let (lots, _, mut c) = prepare(&[f(2000.0), f(1000.0), f(2000.0)], start, 1.0);
        c.set_month(0);
        let mut order = ranks(&lots);
        order.reverse();
        merit_order(&mut order, &c);
        assert_eq!(order.iter().map(|r| r.lot).collect::<Vec<_>>(), vec![1, 0, 2]);
    }
}
