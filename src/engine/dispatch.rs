//! Merit-order mining dispatch: energy slices (cheapest first) filled with the
//! alive lots (most efficient first), with economic shutdown and curtailment.

use crate::model::{Lot, Month};
use rust_decimal::prelude::ToPrimitive;

/// Mining capacity at one price: a contract's MW left after hosting, or a
/// hosting lease's idle (flex) MW.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Slice {
    pub mw: f64,
    pub price: f64,
}

/// A machine lot prepared for the monthly loop, advanced month by month.
#[derive(Clone, Debug)]
pub(crate) struct LotState {
    /// Position in the scenario's fleet list (ties in the merit order, output column).
    pub index: usize,
    pub deploy: i64,
    life: i64,
    /// units × TH/s per unit at age 0.
    #[cfg(test)]
    ths0: f64,
    uptime: f64,
    /// (1 - annual_degradation)^(1/12) and its inverse.
    monthly_factor: f64,
    inv_monthly_factor: f64,
    /// First projected month the lot can hash: max(deploy, 0).
    first: i64,
    /// Degradation factor `(1 - d)^(age / 12)` at the current age, and its inverse.
    factor: f64,
    inv_factor: f64,
    /// Nameplate J/TH and TH/s per facility MW, at age 0.
    jth0: f64,
    ths_per_mw0: f64,
    pub alive: bool,
    /// Facility MW at nameplate: units × W × mining PUE / 1e6.
    pub mw: f64,
    pub depreciation: f64,
    pub capex: f64,
}

impl LotState {
    pub fn new(index: usize, l: &Lot, start: Month, pue: f64) -> LotState {
        let units = l.units.max(0) as f64;
        let price = l.unit_price_usd.to_f64().unwrap_or(0.0);
        let life = l.life_months.max(1);
        let monthly_factor = (1.0 - l.annual_degradation).powf(1.0 / 12.0);
        let deploy = l.deploy_month.since(start);
        let first = deploy.max(0);
        // One power per projection: the factor at the first month it can hash.
        let factor = (1.0 - l.annual_degradation).powf((first - deploy) as f64 / 12.0);
        LotState {
            index,
            deploy,
            life,
            #[cfg(test)]
            ths0: units * l.hashrate_ths,
            uptime: l.uptime,
            monthly_factor,
            inv_monthly_factor: 1.0 / monthly_factor,
            first,
            factor,
            inv_factor: 1.0 / factor,
            jth0: l.power_w / l.hashrate_ths,
            ths_per_mw0: l.hashrate_ths * 1e6 / (l.power_w * pue),
            alive: false,
            mw: units * l.power_w * pue / 1e6,
            depreciation: units * price * (1.0 - l.salvage_fraction) / life as f64,
            capex: units * price,
        }
    }

    /// Moves the lot to month index `m`: alive flag, degraded hashrate, J/TH.
    pub fn advance(&mut self, m: i64) {
        let age = m - self.deploy;
        self.alive = age >= 0 && age < self.life;
        // Called for every month in order: one multiplication per month of age
        // (and none in the first month it can hash, set up in `new`).
        if self.alive && m > self.first {
            self.factor *= self.monthly_factor;
            self.inv_factor *= self.inv_monthly_factor;
        }
    }
}

/// What the dispatch reads of a lot each month, kept compact (40 bytes) and in
/// merit order so the monthly sort and dispatch walk contiguous memory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Hot {
    pub jth: f64,
    pub ths_per_mw: f64,
    pub mw: f64,
    pub uptime: f64,
    /// Position in the scenario's fleet list.
    pub index: usize,
    pub alive: bool,
}

impl LotState {
    pub fn hot(&self) -> Hot {
        Hot {
            jth: self.jth0 * self.inv_factor,
            ths_per_mw: self.ths_per_mw0 * self.factor,
            mw: self.mw,
            uptime: self.uptime,
            index: self.index,
            alive: self.alive,
        }
    }

    /// TH/s of the whole lot at its current age (before uptime and curtailment).
    #[cfg(test)]
    pub fn ths(&self) -> f64 {
        self.ths0 * self.factor
    }
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

/// Puts `lots` in merit order: J/TH ascending, ties by file order. They stay
/// in this order between months and it changes only slowly, so an insertion
/// sort costs O(lots).
/// `pos[lot index]` is kept pointing at each lot's record.
pub(crate) fn merit_order(lots: &mut [Hot], pos: &mut [usize]) {
    // Validated inputs make every J/TH finite and positive, so `<` is a total order here.
    let before = |a: &Hot, b: &Hot| a.jth < b.jth || (a.jth == b.jth && a.index < b.index);
    for i in 1..lots.len() {
        let mut j = i;
        while j > 0 && before(&lots[j], &lots[j - 1]) {
            lots.swap(j - 1, j);
            pos[lots[j].index] = j;
            pos[lots[j - 1].index] = j - 1;
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
pub(crate) fn dispatch(lots: &[Hot], slices: &[Slice], econ: Option<f64>, c: f64, hours: f64, lot_ehs: &mut [f64]) -> Dispatch {
    let mut out = Dispatch::default();
    let run_fraction = if hours > 0.0 { 1.0 - c / hours } else { 0.0 };
    let mut si = 0;
    let mut left = slices.first().map_or(0.0, |s| s.mw);
    for lot in lots {
        if si >= slices.len() {
            break; // capacity exhausted: no later lot runs
        }
        if !lot.alive || lot.mw <= 0.0 {
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
                && e < slice.price * lot.jth
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
            let t = lot_w * lot.ths_per_mw;
            let eff = t * lot.uptime * run_fraction;
            if let Some(slot) = lot_ehs.get_mut(lot.index) {
                *slot = eff * 1e-6;
            }
            out.effective_ths += eff;
            out.energy_cost += lot_cost * lot.uptime * (hours - c);
            out.credit_mwh_factor += lot_w * lot.uptime;
            out.used_mw += lot_w;
            out.weighted_jth += t * lot.jth;
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

    fn lot(index: usize, units: i64, ths: f64, w: f64) -> LotState {
        let start = Month::parse("2026-01").unwrap();
        let mut l = Lot::new("t", units, ths, w, Decimal::ZERO, start);
        l.uptime = 1.0;
        let mut s = LotState::new(index, &l, start, 1.0);
        s.advance(0);
        s
    }

    #[test]
    fn capacity_limit_runs_the_efficient_lot_first() {
        // Lot A: 1,000 × 3,000 W × 100 TH/s = 3 MW, 30 J/TH.
        // Lot B: 1,000 × 3,000 W × 200 TH/s = 3 MW, 15 J/TH.
        // One 4 MW slice at $50: B runs whole (3 MW, 200,000 TH/s), A gets
        // the last 1 MW = 1/3 of its units: 100,000/3 TH/s.
        // 720 h, no curtailment: energy = 4 MW × 720 h × $50 = $144,000.
        let mut lots = [lot(0, 1000, 100.0, 3000.0).hot(), lot(1, 1000, 200.0, 3000.0).hot()];
        let mut pos = [0, 1];
        merit_order(&mut lots, &mut pos);
        assert_eq!((lots[0].index, lots[1].index), (1, 0), "15 J/TH before 30 J/TH");
        assert_eq!(pos, [1, 0]);
        let mut ths = [0.0; 2];
        let out = dispatch(&lots, &[Slice { mw: 4.0, price: 50.0 }], None, 0.0, 720.0, &mut ths);
        assert!((ths[1] - 0.2).abs() < 1e-12); // 200,000 TH/s = 0.2 EH/s
        assert!((ths[0] - 0.1 / 3.0).abs() < 1e-12);
        assert!((out.energy_cost - 144_000.0).abs() < 1e-6);
        assert!((out.used_mw - 4.0).abs() < 1e-12);
    }

    #[test]
    fn economic_shutdown_switches_off_the_lot_that_loses_money() {
        // Hashprice $40/PH/day, no pool fee, PUE 1: revenue per MWh = 40 / (0.024 × J/TH).
        // 15 J/TH → $111.1/MWh, 30 J/TH → $55.6/MWh. Slice at $80: only the 15 J/TH lot runs.
        let mut lots = [lot(0, 1000, 100.0, 3000.0).hot(), lot(1, 1000, 200.0, 3000.0).hot()];
        merit_order(&mut lots, &mut [0, 1]);
        let econ = 40.0 / 0.024;
        let mut ths = [0.0; 2];
        let out = dispatch(&lots, &[Slice { mw: 10.0, price: 80.0 }], Some(econ), 0.0, 720.0, &mut ths);
        assert_eq!(ths[0], 0.0);
        assert!((ths[1] - 0.2).abs() < 1e-12);
        assert!((out.used_mw - 3.0).abs() < 1e-12);
        // At $50 both run.
        let out = dispatch(&lots, &[Slice { mw: 10.0, price: 50.0 }], Some(econ), 0.0, 720.0, &mut [0.0; 2]);
        assert!((out.used_mw - 6.0).abs() < 1e-12);
    }

    #[test]
    fn curtailment_pauses_hours_and_earns_credits() {
        // 3 MW lot, uptime 1, 720 h with 72 h curtailed: 90 % of TH/s,
        // energy 3 × 648 MWh, credit factor 3 MW (× 72 h × rate in the caller).
        let lots = [lot(0, 1000, 200.0, 3000.0).hot()];
        let out = dispatch(&lots, &[Slice { mw: 10.0, price: 40.0 }], None, 72.0, 720.0, &mut [0.0; 1]);
        assert!((out.effective_ths - 180_000.0).abs() < 1e-6);
        assert!((out.energy_cost - 3.0 * 648.0 * 40.0).abs() < 1e-6);
        assert!((out.credit_mwh_factor - 3.0).abs() < 1e-12);
    }

    #[test]
    fn degradation_compounds_monthly() {
        // 19 % a year: after 6 months the factor is 0.81^(1/2) = 0.9.
        let start = Month::parse("2026-01").unwrap();
        let mut l = Lot::new("t", 1, 100.0, 3000.0, Decimal::ZERO, start);
        l.annual_degradation = 0.19;
        let mut s = LotState::new(0, &l, start, 1.0);
        for m in 0..=6 {
            s.advance(m);
        }
        assert!((s.ths() - 90.0).abs() < 1e-9, "{}", s.ths());
        assert!((s.hot().jth - 3000.0 / 90.0).abs() < 1e-9);
    }
}
