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
    pub deploy: i64,
    life: i64,
    units: f64,
    hashrate_ths: f64,
    power_w: f64,
    uptime: f64,
    /// (1 - annual_degradation)^(1/12)
    monthly_factor: f64,
    degradation: f64,
    /// Degradation factor at the current age, and the age it is for.
    factor: f64,
    factor_age: Option<i64>,
    pub alive: bool,
    /// Facility MW at nameplate: units × W × mining PUE / 1e6.
    pub mw: f64,
    /// Fleet TH/s of the lot at its current age (before uptime and curtailment).
    pub ths: f64,
    /// J/TH at the current age.
    pub jth: f64,
    pub depreciation: f64,
    pub capex: f64,
}

impl LotState {
    pub fn new(l: &Lot, start: Month, pue: f64) -> LotState {
        let units = l.units.max(0) as f64;
        let price = l.unit_price_usd.to_f64().unwrap_or(0.0);
        let life = l.life_months.max(1);
        LotState {
            deploy: l.deploy_month.since(start),
            life,
            units,
            hashrate_ths: l.hashrate_ths,
            power_w: l.power_w,
            uptime: l.uptime,
            monthly_factor: (1.0 - l.annual_degradation).powf(1.0 / 12.0),
            degradation: l.annual_degradation,
            factor: 1.0,
            factor_age: None,
            alive: false,
            mw: units * l.power_w * pue / 1e6,
            ths: units * l.hashrate_ths,
            jth: l.power_w / l.hashrate_ths,
            depreciation: units * price * (1.0 - l.salvage_fraction) / life as f64,
            capex: units * price,
        }
    }

    /// Moves the lot to month index `m`: alive flag, degraded hashrate, J/TH.
    pub fn advance(&mut self, m: i64) {
        let age = m - self.deploy;
        self.alive = age >= 0 && age < self.life;
        if !self.alive {
            return;
        }
        // One powf when the lot is first seen, then one multiplication a month.
        self.factor = match self.factor_age {
            Some(prev) if prev + 1 == age => self.factor * self.monthly_factor,
            _ if self.degradation == 0.0 => 1.0,
            _ => (1.0 - self.degradation).powf(age as f64 / 12.0),
        };
        self.factor_age = Some(age);
        let per_unit = self.hashrate_ths * self.factor;
        self.ths = self.units * per_unit;
        self.jth = self.power_w / per_unit;
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
    /// Facility MW of all alive lots at nameplate.
    pub nameplate_mw: f64,
    /// Σ TH × J/TH and Σ TH of running pieces (before uptime), for the fleet's J/TH.
    pub weighted_jth: f64,
    pub running_ths: f64,
}

/// Keeps the merit order between months (it changes only slowly, so an
/// insertion sort from last month's order costs O(lots)).
pub(crate) struct Dispatcher {
    order: Vec<usize>,
    /// Effective TH/s per lot in the last run.
    pub lot_effective_ths: Vec<f64>,
}

impl Dispatcher {
    pub fn new(lots: usize) -> Dispatcher {
        Dispatcher { order: (0..lots).collect(), lot_effective_ths: vec![0.0; lots] }
    }

    /// Dispatches the alive `lots` into `slices` (sorted by price).
    /// `econ` is `hashprice × (1 - pool_fee) / (0.024 × pue)` when economic
    /// shutdown is on: a lot runs in a slice only if `econ / J/TH >= price`.
    /// `c` is the curtailed hours (at most `hours`).
    pub fn run(&mut self, lots: &[LotState], slices: &[Slice], econ: Option<f64>, c: f64, hours: f64) -> Dispatch {
        // Merit order: J/TH ascending, ties by file order.
        let key = |i: usize| (lots[i].jth, i);
        for i in 1..self.order.len() {
            let mut j = i;
            while j > 0 && {
                let (a, b) = (key(self.order[j - 1]), key(self.order[j]));
                a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).is_gt()
            } {
                self.order.swap(j - 1, j);
                j -= 1;
            }
        }
        self.lot_effective_ths.iter_mut().for_each(|t| *t = 0.0);
        let mut out = Dispatch::default();
        let run_fraction = if hours > 0.0 { 1.0 - c / hours } else { 0.0 };
        let mut si = 0;
        let mut left = slices.first().map_or(0.0, |s| s.mw);
        for &i in &self.order {
            let lot = &lots[i];
            if !lot.alive || lot.mw <= 0.0 {
                continue;
            }
            out.nameplate_mw += lot.mw;
            let ths_per_mw = lot.ths / lot.mw;
            let mut need = lot.mw;
            while need > 0.0 && si < slices.len() {
                if left <= 0.0 {
                    si += 1;
                    left = slices.get(si).map_or(0.0, |s| s.mw);
                    continue;
                }
                let slice = slices[si];
                if let Some(e) = econ
                    && e / lot.jth < slice.price
                {
                    // Loses money on energy here and in every pricier slice.
                    break;
                }
                let w = need.min(left);
                need -= w;
                left -= w;
                let t = w * ths_per_mw;
                let eff = t * lot.uptime * run_fraction;
                self.lot_effective_ths[i] += eff;
                out.effective_ths += eff;
                out.energy_cost += w * lot.uptime * (hours - c) * slice.price;
                out.credit_mwh_factor += w * lot.uptime;
                out.used_mw += w;
                out.weighted_jth += t * lot.jth;
                out.running_ths += t;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn lot(units: i64, ths: f64, w: f64) -> LotState {
        let start = Month::parse("2026-01").unwrap();
        let mut l = Lot::new("t", units, ths, w, Decimal::ZERO, start);
        l.uptime = 1.0;
        let mut s = LotState::new(&l, start, 1.0);
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
        let lots = [lot(1000, 100.0, 3000.0), lot(1000, 200.0, 3000.0)];
        let mut d = Dispatcher::new(2);
        let out = d.run(&lots, &[Slice { mw: 4.0, price: 50.0 }], None, 0.0, 720.0);
        assert!((d.lot_effective_ths[1] - 200_000.0).abs() < 1e-6);
        assert!((d.lot_effective_ths[0] - 100_000.0 / 3.0).abs() < 1e-6);
        assert!((out.energy_cost - 144_000.0).abs() < 1e-6);
        assert!((out.used_mw - 4.0).abs() < 1e-12);
        assert!((out.nameplate_mw - 6.0).abs() < 1e-12);
    }

    #[test]
    fn economic_shutdown_switches_off_the_lot_that_loses_money() {
        // Hashprice $40/PH/day, no pool fee, PUE 1: revenue per MWh = 40 / (0.024 × J/TH).
        // 15 J/TH → $111.1/MWh, 30 J/TH → $55.6/MWh. Slice at $80: only the 15 J/TH lot runs.
        let lots = [lot(1000, 100.0, 3000.0), lot(1000, 200.0, 3000.0)];
        let mut d = Dispatcher::new(2);
        let econ = 40.0 / 0.024;
        let out = d.run(&lots, &[Slice { mw: 10.0, price: 80.0 }], Some(econ), 0.0, 720.0);
        assert_eq!(d.lot_effective_ths[0], 0.0);
        assert!((d.lot_effective_ths[1] - 200_000.0).abs() < 1e-6);
        assert!((out.used_mw - 3.0).abs() < 1e-12);
        // At $50 both run.
        let out = d.run(&lots, &[Slice { mw: 10.0, price: 50.0 }], Some(econ), 0.0, 720.0);
        assert!((out.used_mw - 6.0).abs() < 1e-12);
    }

    #[test]
    fn curtailment_pauses_hours_and_earns_credits() {
        // 3 MW lot, uptime 1, 720 h with 72 h curtailed: 90 % of TH/s,
        // energy 3 × 648 MWh, credit factor 3 MW (× 72 h × rate in the caller).
        let lots = [lot(1000, 200.0, 3000.0)];
        let mut d = Dispatcher::new(1);
        let out = d.run(&lots, &[Slice { mw: 10.0, price: 40.0 }], None, 72.0, 720.0);
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
        let mut s = LotState::new(&l, start, 1.0);
        for m in 0..=6 {
            s.advance(m);
        }
        assert!((s.ths - 90.0).abs() < 1e-9, "{}", s.ths);
        assert!((s.jth - 3000.0 / 90.0).abs() < 1e-9);
    }
}
