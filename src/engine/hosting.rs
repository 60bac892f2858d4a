//! Hosting (model.md "Hosting (AI/HPC)" and the hosting part of "Power
//! capacity and who gets it"): each lease reserves its power first, in file
//! order, then earns its rate on the ramped MW, pays its opex share and (unless
//! power is passed through) its energy; fit-out is capex before the start and
//! depreciates over the term; a flex lease lends its idle power to mining.

use super::dispatch::Slice;
use super::money;
use super::output::MonthRow;
use super::power::Contracts;
use super::returns::Tracker;
use crate::model::{Lease, Month};

/// A lease prepared for the monthly loop.
struct LeaseP {
    start: i64,
    term: i64,
    ramp: f64,
    mw: f64,
    pue: f64,
    /// Escalated rate in the month being projected (`rate × (1+e)^(k/12)`, k may be negative).
    rate: f64,
    /// (1 + annual_escalation)^(1/12): the monthly step of `rate`.
    step: f64,
    passthrough: bool,
    utilization: f64,
    flex: bool,
    fit_out: f64,
    build: i64,
    opex_fraction: f64,
}

/// Months in which a lease could not reserve all the MW it asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Shortfall {
    /// Facility MW the lease asks for (critical IT × hosting PUE).
    pub asked_mw: f64,
    /// First and last month index it was short, and its largest shortfall, MW.
    pub first: i64,
    pub last: i64,
    pub max_short_mw: f64,
}

/// The hosting leases, stepped month by month.
pub(crate) struct Hosting {
    leases: Vec<LeaseP>,
    /// This month's idle flex MW, one slice per flex lease that has some.
    flex: Vec<Slice>,
    /// Per lease (file order): the months its reservation fell short, if any.
    pub short: Vec<Option<Shortfall>>,
}

impl Hosting {
    pub fn new(leases: &[Lease], start: Month) -> Hosting {
        let leases: Vec<LeaseP> = leases
            .iter()
            .map(|l| LeaseP {
                start: l.start_month.since(start),
                term: l.term_months,
                ramp: l.ramp_months.max(1) as f64,
                mw: l.critical_it_mw,
                pue: l.pue,
                rate: money(l.rate_usd_per_kw_month) * (1.0 + l.annual_escalation).powf(-(l.start_month.since(start)) as f64 / 12.0),
                step: (1.0 + l.annual_escalation).powf(1.0 / 12.0),
                passthrough: l.power_passthrough,
                utilization: l.utilization,
                flex: l.flex_mining,
                fit_out: l.critical_it_mw * money(l.fit_out_usd_per_mw),
                build: l.build_months.max(0),
                opex_fraction: l.opex_fraction,
            })
            .collect();
        let flex = Vec::with_capacity(leases.len());
        let short = vec![None; leases.len()];
        Hosting { leases, flex, short }
    }

    /// Month `m` (call for m = 0, 1, 2, … in order, after `power.open_month(m)`):
    /// reserves each lease's power from `power` and books the month's hosting
    /// revenue, opex, energy and fit-out depreciation, and adds the fit-out
    /// paid to its capex.
    #[inline]
    /// Tracked leases (investments) get their month's cash flow in `tracker`.
    pub fn month(&mut self, m: i64, hours: f64, power: &mut Contracts, tracker: &mut Tracker, row: &mut MonthRow) {
        self.flex.clear();
        let (mut revenue_m, mut opex, mut energy, mut depreciation, mut capex) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (i, l) in self.leases.iter_mut().enumerate() {
            if m > 0 {
                l.rate *= l.step;
            }
            let k = m - l.start;
            // Fit-out capex: equal parts over the build months before the start.
            let fit_out = if l.build == 0 {
                if k == 0 { l.fit_out } else { 0.0 }
            } else if (-l.build..0).contains(&k) {
                l.fit_out / l.build as f64
            } else {
                0.0
            };
            capex += fit_out;
            let slot = tracker.lease_slot.get(i).copied().flatten();
            if k < 0 || k >= l.term {
                if let Some(slot) = slot {
                    tracker.add(slot, m as usize, -fit_out, fit_out);
                }
                continue;
            }
            depreciation += l.fit_out / l.term as f64;
            let ramp = ((k + 1) as f64 / l.ramp).min(1.0);
            let got = power.reserve(l.mw * l.pue);
            let missing = l.mw * l.pue - got.mw;
            if missing > 1e-9 * (l.mw * l.pue).max(1.0) {
                let s = self.short[i].get_or_insert(Shortfall { asked_mw: l.mw * l.pue, first: m, last: m, max_short_mw: 0.0 });
                s.last = m;
                s.max_short_mw = s.max_short_mw.max(missing);
            }
            let revenue = l.mw * 1000.0 * l.rate * ramp;
            let lease_opex = l.opex_fraction * revenue;
            let lease_energy = if l.passthrough { 0.0 } else { l.mw * l.pue * l.utilization * ramp * hours * got.price };
            revenue_m += revenue;
            opex += lease_opex;
            energy += lease_energy;
            if let Some(slot) = slot {
                tracker.add(slot, m as usize, revenue - lease_opex - lease_energy - fit_out, fit_out);
            }
            if l.flex {
                let idle = (l.mw * l.pue * (1.0 - l.utilization * ramp)).min(got.mw);
                if idle > 0.0 {
                    self.flex.push(Slice { mw: idle, price: got.price });
                }
            }
        }
        row.hosting_revenue_usd = revenue_m;
        row.hosting_opex_usd = opex;
        row.hosting_energy_usd = energy;
        row.fit_out_depreciation_usd = depreciation;
        row.capex_usd += capex;
    }

    /// This month's idle flex MW (after [`Hosting::month`]).
    #[inline]
    pub fn flex(&self) -> &[Slice] {
        &self.flex
    }
}
