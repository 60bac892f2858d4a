//! Investment returns (model-v2.md "Investment returns"): present value at
//! the plan's discount rate, payback month and IRR of a monthly cash-flow
//! series, and the investments table built from each lot's and lease's flows.

use crate::model::Month;

/// The discount factor of month `m` since the start: `(1 + d)^(m / 12)`.
#[inline]
pub(crate) fn discount_factor(annual_rate: f64, m: usize) -> f64 {
    (1.0 + annual_rate).powf(m as f64 / 12.0)
}

/// `Σ flows[m] / (1 + d)^(m / 12)`, months counted from the plan start.
/// The factor of each whole year is one `powi`; within a year the twelve
/// monthly factors are worked out once (no `powf` per month).
pub(crate) fn npv(annual_rate: f64, flows: impl IntoIterator<Item = f64>) -> f64 {
    let within: [f64; 12] = std::array::from_fn(|k| discount_factor(annual_rate, k));
    let year = 1.0 + annual_rate;
    let mut sum = 0.0;
    let mut year_factor = 1.0;
    for (m, cf) in flows.into_iter().enumerate() {
        let k = m % 12;
        if k == 0 && m > 0 {
            year_factor = year.powi((m / 12) as i32);
        }
        sum += cf / (year_factor * within[k]);
    }
    sum
}

/// The index of the first month in which the cumulative sum of `flows` is
/// `>= 0` after having been negative; `None` when it never is, or never was
/// negative.
pub(crate) fn payback(flows: &[f64]) -> Option<usize> {
    let mut cumulative = 0.0;
    let mut was_negative = false;
    for (k, cf) in flows.iter().enumerate() {
        cumulative += cf;
        if cumulative < 0.0 {
            was_negative = true;
        } else if was_negative {
            return Some(k);
        }
    }
    None
}

/// `Σ flows[k] / (1 + r)^k` at the monthly rate `r`, by Horner's rule in `1 / (1 + r)`.
fn npv_monthly(r: f64, flows: &[f64]) -> f64 {
    let x = 1.0 / (1.0 + r);
    flows.iter().rev().fold(0.0, |acc, cf| acc * x + cf)
}

/// Bisects `(low, high]`, where `NPV(low) > 0 >= NPV(high)`, to within 1e-9 in r.
fn bisect(flows: &[f64], mut low: f64, mut high: f64) -> f64 {
    while high - low > 1e-9 {
        let mid = 0.5 * (low + high);
        if npv_monthly(mid, flows) > 0.0 {
            low = mid;
        } else {
            high = mid;
        }
    }
    high
}

/// The grid of the downward search: `r_j = 1 - 0.001 j` for j = 1 ..= [`LAST_STEP`] (r = -0.5).
fn grid(j: usize) -> f64 {
    1.0 - 0.001 * j as f64
}
const LAST_STEP: usize = 1500;

/// The first grid step j in `first..=last` with `NPV(r_j) > 0`: the same
/// answer as trying each step in turn, but a run of steps is skipped when a
/// bound shows no NPV in it can be positive (positive flows discounted at the
/// run's lowest rate plus negative flows at its highest).
fn first_positive_step(flows: &[f64], first: usize, last: usize) -> Option<usize> {
    if last - first >= 16 {
        let (x_low, x_high) = (1.0 / (1.0 + grid(first)), 1.0 / (1.0 + grid(last)));
        let horner = |x: f64, keep: fn(f64) -> f64| flows.iter().rev().fold(0.0, |acc, &cf| acc * x + keep(cf));
        let (gain, loss) = (horner(x_high, |cf| cf.max(0.0)), horner(x_low, |cf| cf.min(0.0)));
        // Skip only when the bound is clearly below zero (rounding cannot make a step positive).
        if gain + loss < -1e-9 * (gain - loss) {
            return None;
        }
        let mid = (first + last) / 2;
        return first_positive_step(flows, first, mid).or_else(|| first_positive_step(flows, mid + 1, last));
    }
    (first..=last).find(|&j| npv_monthly(grid(j), flows) > 0.0)
}

/// The annual IRR `(1 + r)^12 - 1` for the largest monthly rate `r >= -0.5`
/// at which the flows' NPV is zero (k = months since the first flow), found
/// as model-v2.md prescribes; `None` when undefined.
pub(crate) fn irr(flows: &[f64]) -> Option<f64> {
    let r = if npv_monthly(1.0, flows) > 0.0 {
        // Double r from 1 until NPV(r) <= 0; 2^30 is the last rate tried.
        let mut r = 1.0_f64;
        loop {
            r *= 2.0;
            if npv_monthly(r, flows) <= 0.0 {
                break bisect(flows, r / 2.0, r);
            }
            if r >= (1u64 << 30) as f64 {
                return None;
            }
        }
    } else {
        // Step down from 1 by 0.001 to the first r with NPV(r) > 0; -0.5 is the last tried.
        let j = first_positive_step(flows, 1, LAST_STEP)?;
        bisect(flows, grid(j), grid(j) + 0.001)
    };
    Some((1.0 + r).powi(12) - 1.0)
}

/// What an investment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InvestmentKind {
    /// A fleet lot: machines bought.
    Lot,
    /// A hosting lease: a site fitted out for a tenant.
    Lease,
}

impl InvestmentKind {
    /// `lot` or `lease`, as the investments CSV writes it.
    pub fn key(self) -> &'static str {
        match self {
            InvestmentKind::Lot => "lot",
            InvestmentKind::Lease => "lease",
        }
    }
}

/// One row of the investments table: a lot or lease whose first payment
/// falls inside the horizon, with its returns within the horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct Investment {
    pub kind: InvestmentKind,
    /// Lot: "model (deploy month)"; lease: the tenant.
    pub name: String,
    /// Position in the scenario's fleet or hosting list.
    pub index: usize,
    /// Month of the first payment.
    pub first_month: Month,
    /// Payments inside the horizon, USD.
    pub cost_usd: f64,
    /// First month the cumulative cash flow since the first payment turns non-negative.
    pub payback_month: Option<Month>,
    /// Annual IRR; `None` when undefined.
    pub irr: Option<f64>,
    /// Flows discounted from the plan start at the plan's discount rate, USD.
    pub npv_usd: f64,
}

/// An investment's monthly flows from its first payment on.
pub(crate) struct Flows<'a> {
    pub kind: InvestmentKind,
    pub name: String,
    pub index: usize,
    /// Month index of the first payment (inside the horizon).
    pub first: usize,
    /// Payments inside the horizon, USD.
    pub cost: f64,
    /// Net cash flow of months `first, first + 1, …` (payments negative); months after it are 0.
    pub flows: &'a [f64],
}

impl Flows<'_> {
    /// The table row, for a plan that starts in `start` discounted at `rate`.
    pub fn investment(&self, start: Month, rate: f64) -> Investment {
        Investment {
            kind: self.kind,
            name: self.name.clone(),
            index: self.index,
            first_month: start.offset(self.first as i64),
            cost_usd: self.cost,
            payback_month: payback(self.flows).map(|k| start.offset((self.first + k) as i64)),
            irr: irr(self.flows),
            npv_usd: npv(rate, self.flows.iter().copied()) / discount_factor(rate, self.first),
        }
    }
}

/// The cash flows of every lot and lease first paid for inside the horizon,
/// gathered month by month as the steps run (model-v2.md "Investment returns").
pub(crate) struct Tracker {
    start: Month,
    horizon: usize,
    items: Vec<Tracked>,
    /// Per lease (file order): its slot in `items`, if it is an investment.
    pub lease_slot: Vec<Option<usize>>,
}

#[derive(Clone, Debug, PartialEq)]
struct Tracked {
    kind: InvestmentKind,
    /// The lot's model or the lease's tenant.
    label: String,
    /// A lot's delivery month (its name is "model (month)").
    deploy: Option<Month>,
    index: usize,
    /// Month index of its first payment.
    first: usize,
    cost: f64,
    /// Its months `first ..`, up to the last one it can have a flow in, inside the horizon.
    flows: Vec<f64>,
}

impl Tracker {
    /// A tracker for a plan starting in `start` over `h` months; lots are
    /// entered by [`Tracker::lot`] (the fleet does it), then the leases by [`Tracker::leases`].
    pub fn new(start: Month, h: usize) -> Tracker {
        Tracker { start, horizon: h, items: Vec::new(), lease_slot: Vec::new() }
    }

    /// Enters the leases whose first fit-out month falls inside the horizon.
    pub fn leases(&mut self, hosting: &[crate::model::Lease]) {
        self.lease_slot = Vec::with_capacity(hosting.len());
        for (index, l) in hosting.iter().enumerate() {
            let first_fit_out = l.start_month.since(self.start) - l.build_months.max(0);
            let slot = self.inside(first_fit_out).map(|first| {
                let last = l.start_month.since(self.start).saturating_add(l.term_months.max(1));
                let end = self.end(last);
                self.push(InvestmentKind::Lease, (&l.tenant, None), index, first, end)
            });
            self.lease_slot.push(slot);
        }
    }

    /// `m` as a month index inside the horizon, if it is one.
    fn inside(&self, m: i64) -> Option<usize> {
        usize::try_from(m).ok().filter(|&m| m < self.horizon)
    }

    /// The month after the last one with a flow, capped at the horizon.
    fn end(&self, m: i64) -> usize {
        usize::try_from(m.max(0)).unwrap_or(0).min(self.horizon)
    }

    /// Enters lot `index` (`l`), with its machine payments `pays` and its
    /// retirement sale, when its first payment falls inside the horizon; its slot.
    pub fn lot(&mut self, l: &crate::model::Lot, index: usize, pays: &[(i64, f64)], sale: Option<(i64, f64)>) -> Option<usize> {
        let first = self.inside(pays.iter().map(|&(m, _)| m).min()?)?;
        let retire = l.deploy_month.since(self.start).saturating_add(l.life_months.max(1));
        let slot = self.push(InvestmentKind::Lot, (&l.model, Some(l.deploy_month)), index, first, self.end(retire.saturating_add(1)));
        for &(m, usd) in pays {
            self.add_at(slot, m, -usd, usd);
        }
        if let Some((m, usd)) = sale {
            self.add_at(slot, m, usd, 0.0);
        }
        Some(slot)
    }

    /// A new item with months `first .. end` (at least one); its slot.
    fn push(&mut self, kind: InvestmentKind, name: (&str, Option<Month>), index: usize, first: usize, end: usize) -> usize {
        let flows = vec![0.0; end.saturating_sub(first).max(1)];
        self.items.push(Tracked { kind, label: name.0.to_owned(), deploy: name.1, index, first, cost: 0.0, flows });
        self.items.len() - 1
    }

    /// A tracker of nothing.
    #[cfg(test)]
    pub fn empty() -> Tracker {
        Tracker::new(Month::default(), 0)
    }

    /// Adds `cash` (negative: paid) to investment `slot` in month `m`; `paid` is the part that is a payment.
    #[inline]
    pub fn add(&mut self, slot: usize, m: usize, cash: f64, paid: f64) {
        self.add_at(slot, m as i64, cash, paid);
    }

    /// [`Tracker::add`] for a month that may lie outside the item's months (then nothing is added).
    #[inline]
    fn add_at(&mut self, slot: usize, m: i64, cash: f64, paid: f64) {
        let Some(item) = self.items.get_mut(slot) else { return };
        if let Some(v) = usize::try_from(m).ok().and_then(|m| m.checked_sub(item.first)).and_then(|k| item.flows.get_mut(k)) {
            *v += cash;
            item.cost += paid;
        }
    }

    /// The investments table, discounted at `rate`, worked out when first read.
    pub fn table(self, rate: f64) -> Investments {
        Investments { start: self.start, rate, items: self.items, rows: std::sync::OnceLock::new() }
    }
}

/// The investments table of a projection (a slice of [`Investment`]). The
/// monthly flows are gathered while projecting; payback, IRR and NPV are
/// worked out the first time the table is read, so projections that never
/// show it (Monte Carlo paths, sensitivities) do not pay for the IRR search.
#[derive(Clone, Debug, Default)]
pub struct Investments {
    start: Month,
    rate: f64,
    items: Vec<Tracked>,
    rows: std::sync::OnceLock<Vec<Investment>>,
}

impl Investments {
    fn rows(&self) -> &[Investment] {
        self.rows.get_or_init(|| {
            self.items
                .iter()
                .map(|t| {
                    let name = t.deploy.map_or_else(|| t.label.clone(), |m| format!("{} ({m})", t.label));
                    Flows { kind: t.kind, name, index: t.index, first: t.first, cost: t.cost, flows: &t.flows }
                        .investment(self.start, self.rate)
                })
                .collect()
        })
    }
}

impl std::ops::Deref for Investments {
    type Target = [Investment];
    fn deref(&self) -> &[Investment] {
        self.rows()
    }
}

impl<'a> IntoIterator for &'a Investments {
    type Item = &'a Investment;
    type IntoIter = std::slice::Iter<'a, Investment>;
    fn into_iter(self) -> Self::IntoIter {
        self.rows().iter()
    }
}

/// Equal when the flows and terms are (whether or not the table was read yet).
impl PartialEq for Investments {
    fn eq(&self, other: &Investments) -> bool {
        (self.start, self.rate, &self.items) == (other.start, other.rate, &other.items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn npv_discounts_by_whole_years_of_months() {
        // 110 paid 12 months after the start at 10 %/yr is worth 100 today.
        let mut flows = [0.0; 13];
        flows[12] = 110.0;
        assert!(close(npv(0.10, flows.iter().copied()), 100.0, 1e-9));
        // Month 6: 1.1^0.5 = 1.0488088…
        let mut flows = [0.0; 7];
        flows[6] = 1.1_f64.sqrt();
        assert!(close(npv(0.10, flows.iter().copied()), 1.0, 1e-12));
    }

    #[test]
    fn payback_is_the_first_crossing_after_a_negative_total() {
        assert_eq!(payback(&[-100.0, 30.0, 30.0, 40.0, -50.0]), Some(3), "-100, -70, -40, 0: month 3");
        assert_eq!(payback(&[-100.0, 30.0, 30.0]), None, "never back");
        assert_eq!(payback(&[0.0, 10.0]), None, "never negative: nothing paid");
        assert_eq!(payback(&[-10.0, 20.0, -30.0, 40.0]), Some(1), "the first crossing, even if it turns negative again");
    }

    #[test]
    fn irr_of_a_simple_loan_is_its_rate() {
        // Pay 100, get 101 a month later: 1 % a month, (1.01)^12 - 1 = 12.6825 % a year.
        let i = irr(&[-100.0, 101.0]).unwrap();
        assert!(close(i, 1.01_f64.powi(12) - 1.0, 1e-6), "{i}");
        // Pay 100, get 300 a month later: r = 2 (above 1, found by doubling).
        let i = irr(&[-100.0, 300.0]).unwrap();
        assert!(close(i, 3.0_f64.powi(12) - 1.0, 1e-6 * 3.0_f64.powi(12)), "{i}");
        // Pay 100, get 80 back: r = -0.2.
        let i = irr(&[-100.0, 80.0]).unwrap();
        assert!(close(i, 0.8_f64.powi(12) - 1.0, 1e-6), "{i}");
    }

    #[test]
    fn irr_takes_the_largest_of_two_roots() {
        // -100, +230, -132 = -100 (1 - 1.1x)(1 - 1.2x) with x = 1/(1+r): roots r = 0.1 and r = 0.2.
        let flows = [-100.0, 230.0, -132.0];
        assert!(npv_monthly(0.1, &flows).abs() < 1e-9 && npv_monthly(0.2, &flows).abs() < 1e-9);
        let i = irr(&flows).unwrap();
        assert!(close(i, 1.2_f64.powi(12) - 1.0, 1e-5), "the larger root, 20 % a month: {i}");
    }

    #[test]
    fn skipping_steps_finds_the_step_a_plain_walk_finds() {
        // Flows with one, two and three sign changes, roots spread over the grid.
        let mut cases: Vec<Vec<f64>> =
            vec![vec![-100.0, 230.0, -132.0], vec![-100.0, 40.0], vec![-100.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 5.0]];
        let mut seed = 7_u64;
        for n in [12, 60, 360] {
            for _ in 0..30 {
                let mut f = vec![0.0; n];
                f[0] = -1000.0;
                for (k, v) in f.iter_mut().enumerate().skip(1) {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let u = (seed >> 11) as f64 / (1u64 << 53) as f64;
                    *v = (u - 0.3) * 60.0 * if k > n * 3 / 4 { -1.0 } else { 1.0 };
                }
                cases.push(f);
            }
        }
        for f in &cases {
            let walk = (1..=LAST_STEP).find(|&j| npv_monthly(grid(j), f) > 0.0);
            assert_eq!(first_positive_step(f, 1, LAST_STEP), walk, "{f:?}");
        }
    }

    #[test]
    fn irr_is_undefined_when_the_flows_never_turn_positive_or_lose_almost_all() {
        assert_eq!(irr(&[-100.0, -10.0]), None);
        assert_eq!(irr(&[-100.0, 40.0]), None, "r = -0.6 is below -0.5");
        assert_eq!(irr(&[0.0, 0.0]), None);
    }

    #[test]
    fn an_investment_row_reads_its_flows_from_the_first_payment() {
        let start = Month::parse("2026-01").unwrap();
        let flows = [-100.0, 60.0, 60.0];
        let row =
            Flows { kind: InvestmentKind::Lot, name: "x".into(), index: 0, first: 1, cost: 100.0, flows: &flows }.investment(start, 0.0);
        assert_eq!(row.first_month, Month::parse("2026-02").unwrap());
        assert_eq!(row.cost_usd, 100.0);
        assert_eq!(row.payback_month, Month::parse("2026-04").ok());
        assert!(close(row.npv_usd, 20.0, 1e-12));
        // Discounted from the plan start: at 12 %/yr the flows of months 1, 2, 3.
        let row =
            Flows { kind: InvestmentKind::Lot, name: "x".into(), index: 0, first: 1, cost: 100.0, flows: &flows }.investment(start, 0.12);
        let expected: f64 = flows.iter().enumerate().map(|(k, cf)| cf / 1.12_f64.powf((k + 1) as f64 / 12.0)).sum();
        assert!(close(row.npv_usd, expected, 1e-9), "{} vs {expected}", row.npv_usd);
        // -100 + 60x + 60x² = 0 → x = 0.7287…, r = 1/x - 1 = 0.3722…/month.
        let x = (-60.0 + (3600.0_f64 + 24000.0).sqrt()) / 120.0;
        assert!(close(row.irr.unwrap(), (1.0 / x).powi(12) - 1.0, 1e-3), "{:?}", row.irr);
    }
}
