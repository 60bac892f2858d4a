//! The fleet's lots (model.md "Mining dispatch", lots and degradation, and the
//! lot part of "Income statement": depreciation and capex): each lot prepared
//! once for the dispatch and for the ledger, with degradation grouped in
//! classes so that no lot is updated month by month.

use super::money;
use super::output::MonthRow;
use super::returns::Tracker;
use crate::model::Month;
use std::collections::HashMap;

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
    #[inline]
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

/// A lot as the dispatch sees it (in file order; [`super::merit::MeritOrder`] keeps the merit order).
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
    /// Its slot among the investments whose cash flows are tracked, if any.
    pub invest: Option<usize>,
}

impl Lot {
    pub fn alive(&self, m: i64) -> bool {
        m >= self.deploy && m < self.end
    }
}

/// What the ledger needs of a lot besides dispatch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LotBook {
    pub deploy: i64,
    pub end: i64,
    pub mw: f64,
    /// Monthly depreciation while alive.
    pub depreciation: f64,
}

/// A lot's payments for its machines as `(month index since the start, USD)`:
/// each deposit `fraction × units × price` in `deploy − months_before`, then
/// the rest in the deploy month (model-v2.md "Machine deposits"). Months
/// before the start are included (they are sunk).
pub(crate) fn payments(l: &crate::model::Lot, start: Month) -> impl Iterator<Item = (i64, f64)> + '_ {
    let price = l.units.max(0) as f64 * money(l.unit_price_usd);
    let deploy = l.deploy_month.since(start);
    let paid: f64 = super::terms::deposits(l).map(|(_, f)| f).sum();
    let rest = if super::terms::deposits(l).next().is_none() { price } else { (1.0 - paid) * price };
    super::terms::deposits(l).map(move |(before, f)| (deploy.saturating_sub(before), f * price)).chain(std::iter::once((deploy, rest)))
}

/// Adds `usd` to month `m` of a horizon-long series; months outside it are left out.
pub(crate) fn add_at(series: &mut [f64], m: i64, usd: f64) {
    if let Some(v) = usize::try_from(m).ok().and_then(|i| series.get_mut(i)) {
        *v += usd;
    }
}

/// A lot's retirement sale `(month index, USD)` when it is sold at retirement
/// (model-v2.md "Salvage sold at retirement"); the month may lie outside the horizon.
pub(crate) fn salvage_sale(l: &crate::model::Lot, start: Month) -> Option<(i64, f64)> {
    let retire = l.deploy_month.since(start).saturating_add(l.life_months.max(1));
    super::terms::sold_at_retirement(l).then(|| (retire, l.units.max(0) as f64 * money(l.unit_price_usd) * l.salvage_fraction))
}

/// Prepares the fleet: dispatch records (in file order), ledger records and classes.
pub(crate) fn prepare(fleet: &[crate::model::Lot], start: Month, pue: f64) -> (Vec<Lot>, Vec<LotBook>, Classes) {
    let mut class_of: HashMap<u64, usize> = HashMap::new();
    let mut classes = Classes { q: Vec::new(), jth_scale: Vec::new(), ths_scale: Vec::new() };
    let mut lots = Vec::with_capacity(fleet.len());
    let mut books = Vec::with_capacity(fleet.len());
    for l in fleet {
        let class = *class_of.entry(l.annual_degradation.to_bits()).or_insert_with(|| {
            classes.q.push((1.0 - l.annual_degradation).powf(1.0 / 12.0));
            classes.jth_scale.push(1.0);
            classes.ths_scale.push(1.0);
            classes.q.len() - 1
        });
        let units = l.units.max(0) as f64;
        let price = money(l.unit_price_usd);
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
            invest: None,
        });
        books.push(LotBook {
            deploy,
            end: deploy.saturating_add(life),
            mw,
            depreciation: units * price * (1.0 - l.salvage_fraction) / life as f64,
        });
    }
    (lots, books, classes)
}

/// Totals of the alive lots, which change only in event months.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Alive {
    /// Depreciation of the alive lots.
    depreciation: f64,
    /// Nameplate facility MW of the alive lots.
    nameplate_mw: f64,
}

/// The fleet: lots in merit order for the dispatch, and their books.
pub(crate) struct Fleet {
    /// Dispatch records, in file order.
    pub lots: Vec<Lot>,
    /// The lots' merit order, kept between months.
    pub order: super::merit::MeritOrder,
    /// Per lot (file order): whether it has hashed in any month yet.
    pub ran: Vec<bool>,
    pub classes: Classes,
    books: Vec<LotBook>,
    /// Months in which a lot starts or retires (the only months the book totals change).
    events: Vec<bool>,
    /// Machine payments (deposits and balances) per month of the horizon.
    capex: Vec<f64>,
    /// Retired machines sold per month of the horizon.
    salvage: Vec<f64>,
    /// Totals of the alive lots, as of the last event month.
    alive: Alive,
}

impl Fleet {
    /// The fleet of a plan; each lot whose first payment falls inside the
    /// horizon is entered in `tracker` as an investment, with its payments.
    pub fn new(fleet: &[crate::model::Lot], start: Month, pue: f64, horizon: usize, tracker: &mut Tracker) -> Fleet {
        let (mut lots, books, classes) = prepare(fleet, start, pue);
        let (mut capex, mut salvage) = (vec![0.0; horizon], vec![0.0; horizon]);
        let mut pays = Vec::new();
        let mut invest = Vec::with_capacity(fleet.len());
        for (index, l) in fleet.iter().enumerate() {
            pays.clear();
            pays.extend(payments(l, start));
            for &(m, usd) in &pays {
                add_at(&mut capex, m, usd);
            }
            let sale = salvage_sale(l, start);
            if let Some((m, usd)) = sale {
                add_at(&mut salvage, m, usd);
            }
            invest.push(tracker.lot(l, index, &pays, sale));
        }
        for (l, slot) in lots.iter_mut().zip(invest) {
            l.invest = slot;
        }
        let mut events = vec![false; horizon];
        for b in &books {
            for e in [b.deploy, b.end] {
                if let Some(slot) = usize::try_from(e).ok().and_then(|i| events.get_mut(i)) {
                    *slot = true;
                }
            }
        }
        let order = super::merit::MeritOrder::new(&lots, &classes);
        let ran = vec![false; lots.len()];
        Fleet { lots, order, ran, classes, books, events, capex, salvage, alive: Alive::default() }
    }

    /// Books month `m`'s lot depreciation, nameplate MW and salvage proceeds,
    /// and adds the machine payments of the month to its capex (call for m =
    /// 0, 1, 2, … in order).
    /// Moves the degradation classes to month `m` as well.
    #[inline]
    pub fn month(&mut self, m: usize, row: &mut MonthRow) {
        let (mi, event) = (m as i64, self.events.get(m).copied().unwrap_or(false));
        if m == 0 || event {
            self.alive = Alive::default();
            for b in self.books.iter().filter(|b| mi >= b.deploy && mi < b.end) {
                self.alive.depreciation += b.depreciation;
                self.alive.nameplate_mw += b.mw;
            }
        }
        self.classes.set_month(mi);
        row.lot_depreciation_usd = self.alive.depreciation;
        row.fleet_nameplate_mw = self.alive.nameplate_mw;
        row.capex_usd += self.capex.get(m).copied().unwrap_or(0.0);
        row.salvage_proceeds_usd = self.salvage.get(m).copied().unwrap_or(0.0);
    }
}
