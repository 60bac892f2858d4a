//! Merit-order mining dispatch: energy slices (cheapest first) filled with the
//! alive lots (most efficient first), with economic shutdown and curtailment.

use crate::model::Month;
use rust_decimal::prelude::ToPrimitive;

/// Mining capacity at one price: a contract's MW left after hosting, or a
/// hosting lease's idle (flex) MW.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Slice {
    pub mw: f64,
    pub price: f64,
}

/// Lots that lose the same share of hashrate per year degrade by the same
/// factor each month, so one monthly scalar per degradation rate ("class")
/// gives every lot's J/TH and TH/s per MW: no per-lot update in the monthly
/// loop, and lots of one class never change order among themselves.
pub(crate) struct Classes {
    /// (1 - d)^(1/12) per class.
    q: Vec<f64>,
    /// This month's q^-m (multiplies J/TH) and q^m (multiplies TH/s per MW).
    pub jth_scale: Vec<f64>,
    pub ths_scale: Vec<f64>,
}

impl Classes {
    /// Moves to month `m` (call for m = 0, 1, 2, … in order).
    pub fn set_month(&mut self, m: i64) {
        for c in 0..self.q.len() {
            if m == 0 {
                (self.jth_scale[c], self.ths_scale[c]) = (1.0, 1.0);
            } else {
                self.jth_scale[c] /= self.q[c];
                self.ths_scale[c] *= self.q[c];
            }
        }
    }
}

/// A lot as the dispatch sees it, kept in merit order between months.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Lot {
    /// J/TH at month 0 of its class scale: `J/TH(m) = jth_base × jth_scale[class](m)`.
    pub jth_base: f64,
    /// Likewise `TH/s per facility MW(m) = tpm_base × ths_scale[class](m)`.
    pub tpm_base: f64,
    pub class: usize,
    /// Hashes in months `deploy .. end` (indices since the start).
    pub deploy: i64,
    pub end: i64,
    /// Facility MW at nameplate: units × W × mining PUE / 1e6.
    pub mw: f64,
    pub uptime: f64,
    /// Position in the scenario's fleet list (ties in the merit order, output column).
    pub index: usize,
}

impl Lot {
    pub fn alive(&self, m: i64) -> bool {
        m >= self.deploy && m < self.end
    }
    pub fn jth(&self, c: &Classes) -> f64 {
        self.jth_base * c.jth_scale[self.class]
    }
}

/// What the ledger needs of a lot besides dispatch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LotBook {
    pub deploy: i64,
    pub end: i64,
    pub mw: f64,
    /// Monthly depreciation while alive, and the purchase in the deploy month.
    pub depreciation: f64,
    pub capex: f64,
}

/// Prepares the fleet: dispatch records (in file order), ledger records and classes.
pub(crate) fn prepare(fleet: &[crate::model::Lot], start: Month, pue: f64) -> (Vec<Lot>, Vec<LotBook>, Classes) {
    let mut class_of: Vec<u64> = Vec::new();
    let mut classes = Classes { q: Vec::new(), jth_scale: Vec::new(), ths_scale: Vec::new() };
    let mut lots = Vec::with_capacity(fleet.len());
    let mut books = Vec::with_capacity(fleet.len());
    for (index, l) in fleet.iter().enumerate() {
        let bits = l.annual_degradation.to_bits();
        let class = class_of.iter().position(|&b| b == bits).unwrap_or_else(|| {
            class_of.push(bits);
            classes.q.push((1.0 - l.annual_degradation).powf(1.0 / 12.0));
            classes.jth_scale.push(1.0);
            classes.ths_scale.push(1.0);
            class_of.len() - 1
        });
        let units = l.units.max(0) as f64;
        let price = l.unit_price_usd.to_f64().unwrap_or(0.0);
        let life = l.life_months.max(1);
        let deploy = l.deploy_month.since(start);
        // Degradation factor at month m is (1 - d)^((m - deploy) / 12) = q^m × q^-deploy.
        let at_start = (1.0 - l.annual_degradation).powf(-(deploy as f64) / 12.0);
        let mw = units * l.power_w * pue / 1e6;
        lots.push(Lot {
            jth_base: l.power_w / l.hashrate_ths / at_start,
            tpm_base: l.hashrate_ths * 1e6 / (l.power_w * pue) * at_start,
            class,
            deploy,
            end: deploy.saturating_add(life),
            mw,
            uptime: l.uptime,
            index,
        });
        books.push(LotBook {
            deploy,
            end: deploy.saturating_add(life),
            mw,
            depreciation: units * price * (1.0 - l.salvage_fraction) / life as f64,
            capex: units * price,
        });
    }
    (lots, books, classes)
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

/// Puts `lots` in merit order for this month's class scales: J/TH
/// ascending, ties by file order. The order changes only where lots of
/// different classes cross, so an insertion sort from last month's order
/// costs O(lots).
pub(crate) fn merit_order(lots: &mut [Lot], c: &Classes) {
    // Validated inputs make every J/TH finite and positive, so `<` is a total order here.
    let before = |a: &Lot, b: &Lot| {
        let (ja, jb) = (a.jth(c), b.jth(c));
        ja < jb || (ja == jb && a.index < b.index)
    };
    for i in 1..lots.len() {
        let mut j = i;
        while j > 0 && before(&lots[j], &lots[j - 1]) {
            lots.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Dispatches the alive `lots` (in merit order) into `slices` (sorted by
/// price) and stores each running lot's effective hashrate in EH/s in
/// `lot_ehs[lot.index]` (entries of lots that do not run are left untouched).
/// `econ` is `hashprice × (1 - pool_fee) / (0.024 × pue)` when economic
/// shutdown is on: a lot runs in a slice only if `econ / J/TH >= price`.
/// `c` is the curtailed hours (at most `hours`).
pub(crate) fn dispatch(
    lots: &[Lot],
    classes: &Classes,
    m: i64,
    slices: &[Slice],
    econ: Option<f64>,
    c: f64,
    hours: f64,
    lot_ehs: &mut [f64],
) -> Dispatch {
    let mut out = Dispatch::default();
    let run_fraction = if hours > 0.0 { 1.0 - c / hours } else { 0.0 };
    let mut si = 0;
    let mut left = slices.first().map_or(0.0, |s| s.mw);
    for lot in lots {
        if si >= slices.len() {
            break; // capacity exhausted: no later lot runs
        }
        if !lot.alive(m) || lot.mw <= 0.0 {
            continue;
        }
        let jth = lot.jth(classes);
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
            if let Some(slot) = lot_ehs.get_mut(lot.index) {
                *slot = eff * 1e-6;
            }
            out.effective_ths += eff;
            out.energy_cost += lot_cost * lot.uptime * (hours - c);
            out.credit_mwh_factor += lot_w * lot.uptime;
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
    use rust_decimal::Decimal;

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
        let (mut lots, c) = fleet(&[(1000, 100.0, 3000.0), (1000, 200.0, 3000.0)]);
        merit_order(&mut lots, &c);
        assert_eq!((lots[0].index, lots[1].index), (1, 0), "15 J/TH before 30 J/TH");
        let mut ths = [0.0; 2];
        let out = dispatch(&lots, &c, 0, &[Slice { mw: 4.0, price: 50.0 }], None, 0.0, 720.0, &mut ths);
        assert!((ths[1] - 0.2).abs() < 1e-12); // 200,000 TH/s = 0.2 EH/s
        assert!((ths[0] - 0.1 / 3.0).abs() < 1e-12);
        assert!((out.energy_cost - 144_000.0).abs() < 1e-6);
        assert!((out.used_mw - 4.0).abs() < 1e-12);
    }

    #[test]
    fn economic_shutdown_switches_off_the_lot_that_loses_money() {
        // Hashprice $40/PH/day, no pool fee, PUE 1: revenue per MWh = 40 / (0.024 × J/TH).
        // 15 J/TH → $111.1/MWh, 30 J/TH → $55.6/MWh. Slice at $80: only the 15 J/TH lot runs.
        let (mut lots, c) = fleet(&[(1000, 100.0, 3000.0), (1000, 200.0, 3000.0)]);
        merit_order(&mut lots, &c);
        let econ = 40.0 / 0.024;
        let mut ths = [0.0; 2];
        let out = dispatch(&lots, &c, 0, &[Slice { mw: 10.0, price: 80.0 }], Some(econ), 0.0, 720.0, &mut ths);
        assert_eq!(ths[0], 0.0);
        assert!((ths[1] - 0.2).abs() < 1e-12);
        assert!((out.used_mw - 3.0).abs() < 1e-12);
        // At $50 both run.
        let out = dispatch(&lots, &c, 0, &[Slice { mw: 10.0, price: 50.0 }], Some(econ), 0.0, 720.0, &mut [0.0; 2]);
        assert!((out.used_mw - 6.0).abs() < 1e-12);
    }

    #[test]
    fn curtailment_pauses_hours_and_earns_credits() {
        // 3 MW lot, uptime 1, 720 h with 72 h curtailed: 90 % of TH/s,
        // energy 3 × 648 MWh, credit factor 3 MW (× 72 h × rate in the caller).
        let (lots, c) = fleet(&[(1000, 200.0, 3000.0)]);
        let out = dispatch(&lots, &c, 0, &[Slice { mw: 10.0, price: 40.0 }], None, 72.0, 720.0, &mut [0.0; 1]);
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
        let (mut lots, _, mut c) = prepare(&[a, b], start, 1.0);
        c.set_month(0);
        merit_order(&mut lots, &c);
        assert_eq!(lots[0].index, 0);
        for m in 1..=6 {
            c.set_month(m);
        }
        merit_order(&mut lots, &c);
        assert_eq!(lots[0].index, 1, "the degraded lot falls behind");
        let degraded = lots[1];
        assert!((degraded.jth(&c) - 3000.0 / 90.0).abs() < 1e-9, "{}", degraded.jth(&c));
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
        assert!((lots[0].jth(&c) - 3000.0 / 90.0).abs() < 1e-9);
        assert!(lots[0].alive(0) && !lots[0].alive(36));
    }
}
