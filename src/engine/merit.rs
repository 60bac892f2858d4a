//! The merit order of the fleet's lots each month (model.md "Mining
//! dispatch"): J/TH ascending, ties by file position.
//!
//! Lots of one degradation class are scaled by the same factor each month,
//! so they never change order among themselves. With few classes the month's
//! order is therefore a merge of each class's fixed order, and the merge is
//! taken lazily: the dispatch stops where the capacity runs out, and the lots
//! after that point are never ordered at all. A merge step costs a look at
//! every class, so when the dispatch goes deep into the fleet (capacity to
//! spare), or with many classes, or with J/TH values so close that rounding
//! could tie them, the order is instead kept sorted from month to month (an
//! insertion sort of last month's order). Both give the same order, lot for lot.

use super::fleet::{Classes, Lot};

/// The most classes merged (the least of the class heads is picked by a
/// linear scan for every lot taken); a fleet with more keeps a sorted order.
const MERGE_CLASSES: usize = 8;

/// Scaled J/TH values the merge trusts: normal numbers well inside the
/// range of `f64`, where rounding a product cannot tie two different values
/// (see [`MeritOrder::new`]). A month whose scaled values leave this range
/// uses the sorted order.
const SAFE: std::ops::RangeInclusive<f64> = 1e-290..=1e290;

/// The fleet's merit order, kept between months.
pub(crate) struct MeritOrder {
    /// Every lot's rank, in the order of the last month that sorted them.
    ranks: Vec<Rank>,
    /// The lots grouped by class (class 0 first), each class in its own
    /// fixed order: J/TH at month 0, then file position.
    members: Vec<Member>,
    /// Per class: where its members are and their least and greatest J/TH at month 0.
    groups: Vec<Group>,
    /// Whether months may be merged (few classes, no near ties within a class).
    merge: bool,
    /// The merge's class heads, one per class, refilled every month.
    heads: Vec<Head>,
    /// How many lots last month's dispatch took from the order.
    taken: usize,
}

/// A lot in its class's fixed order.
#[derive(Clone, Copy, Debug)]
struct Member {
    jth_base: f64,
    lot: u32,
}

/// A class's members: `members[start..end]`, J/TH at month 0 in `lo..=hi`.
#[derive(Clone, Copy, Debug)]
struct Group {
    start: u32,
    end: u32,
    lo: f64,
    hi: f64,
}

impl MeritOrder {
    /// The merit order of `lots` (in file order), of the degradation classes `classes`.
    ///
    /// The merge is exact when, within each class, two lots either have the
    /// same J/TH at month 0 (then they stay tied, in file order) or differ by
    /// more than a relative 1e-12: a product rounds by at most a relative
    /// 2^-53 (about 1.1e-16) while it stays normal, so two values that far
    /// apart never round to the same scaled J/TH, and the class's fixed
    /// order stays its order by (scaled J/TH, file position) in every month.
    pub fn new(lots: &[Lot], classes: &Classes) -> MeritOrder {
        let ranks = ranks(lots);
        let classes = classes.jth_scale.len();
        let mut members: Vec<(usize, Member)> =
            lots.iter().enumerate().map(|(i, l)| (l.class, Member { jth_base: l.jth_base, lot: i as u32 })).collect();
        members.sort_by(|(ca, a), (cb, b)| ca.cmp(cb).then(a.jth_base.total_cmp(&b.jth_base)).then(a.lot.cmp(&b.lot)));
        let mut groups = vec![Group { start: 0, end: 0, lo: f64::INFINITY, hi: f64::NEG_INFINITY }; classes];
        let mut separated = true;
        for (i, &(class, m)) in members.iter().enumerate() {
            let Some(g) = groups.get_mut(class) else {
                separated = false;
                continue;
            };
            if g.start == g.end {
                g.start = i as u32;
            } else {
                let before = members[i - 1].1.jth_base;
                separated &= m.jth_base == before || m.jth_base > before * (1.0 + 1e-12);
            }
            g.end = i as u32 + 1;
            g.lo = g.lo.min(m.jth_base);
            g.hi = g.hi.max(m.jth_base);
            separated &= m.jth_base.is_normal() && m.jth_base > 0.0;
        }
        let merge = separated && classes <= MERGE_CLASSES && groups.iter().all(|g| g.start < g.end);
        let heads = vec![Head::NONE; if merge { classes } else { 0 }];
        let taken = lots.len();
        MeritOrder { ranks, members: members.into_iter().map(|(_, m)| m).collect(), groups, merge, heads, taken }
    }

    /// Records how many lots this month's dispatch took from the order: the
    /// next month merges only if that many merge steps (each a look at every
    /// class) cost less than keeping the whole order sorted.
    #[inline]
    pub fn taken(&mut self, lots: usize) {
        self.taken = lots;
    }

    /// This month's merit order for `c` (the classes moved to the month):
    /// `(J/TH, lot index)` pairs, most efficient first.
    ///
    /// Merged when last month's dispatch took `t` lots with `2 × t × classes
    /// ≤ 3 × lots`. Measured on `benches/large.ron` and on variants of it: a
    /// merge step cost about half of what keeping one lot sorted costs, so
    /// the break-even is near `t × classes = 2 × lots`; the rule leans to the
    /// sorted order.
    #[inline]
    pub fn month<'a>(&'a mut self, c: &'a Classes) -> Order<'a> {
        let in_range = |(k, g): (usize, &Group)| {
            let s = c.jth_scale[k];
            SAFE.contains(&(g.lo * s)) && SAFE.contains(&(g.hi * s))
        };
        let cheaper = self.taken.saturating_mul(2 * self.groups.len()) <= self.ranks.len().saturating_mul(3);
        if self.merge && cheaper && self.groups.iter().enumerate().all(in_range) {
            for (k, (g, head)) in self.groups.iter().zip(&mut self.heads).enumerate() {
                let first = self.members[g.start as usize];
                *head = Head { key: key(first.jth_base * c.jth_scale[k], first.lot), at: g.start, end: g.end, class: k as u32 };
            }
            let n = self.heads.len();
            Order::Merge(Merge { members: &self.members, scale: &c.jth_scale, heads: &mut self.heads, n })
        } else {
            merit_order(&mut self.ranks, c);
            Order::Sorted(self.ranks.iter())
        }
    }

    /// Whether months are merged (when their scaled J/TH stay in range).
    #[cfg(test)]
    fn merges(&self) -> bool {
        self.merge
    }
}

/// A month's merit order, most efficient lot first: `(J/TH, lot index)`.
pub(crate) enum Order<'a> {
    /// Merged lazily from the classes.
    Merge(Merge<'a>),
    /// Sorted in full.
    Sorted(std::slice::Iter<'a, Rank>),
}

impl Iterator for Order<'_> {
    type Item = (f64, usize);

    #[inline]
    fn next(&mut self) -> Option<(f64, usize)> {
        match self {
            Order::Merge(m) => m.next(),
            Order::Sorted(r) => r.next().map(Rank::place),
        }
    }
}

/// The next lot of one class in the merge: its key at this month's scale.
#[derive(Clone, Copy, Debug)]
struct Head {
    key: i128,
    /// Its place in `members`, and the end of its class there.
    at: u32,
    end: u32,
    class: u32,
}

impl Head {
    const NONE: Head = Head { key: 0, at: 0, end: 0, class: 0 };
}

/// The classes' fixed orders merged by this month's key: the least head
/// goes next, then its class's next lot takes its place.
pub(crate) struct Merge<'a> {
    members: &'a [Member],
    scale: &'a [f64],
    /// `heads[..n]`: the classes with lots left.
    heads: &'a mut [Head],
    n: usize,
}

impl Iterator for Merge<'_> {
    type Item = (f64, usize);

    #[inline]
    fn next(&mut self) -> Option<(f64, usize)> {
        let heads = &mut self.heads[..self.n];
        let mut best = 0;
        for h in 1..heads.len() {
            if heads[h].key < heads[best].key {
                best = h;
            }
        }
        let head = heads.get_mut(best)?;
        let out = (jth_of(head.key), lot_of(head.key));
        head.at += 1;
        if head.at < head.end {
            let m = self.members[head.at as usize];
            head.key = key(m.jth_base * self.scale[head.class as usize], m.lot);
        } else {
            self.n -= 1;
            self.heads[best] = self.heads[self.n];
        }
        Some(out)
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
fn ranks(lots: &[Lot]) -> Vec<Rank> {
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
fn merit_order(ranks: &mut [Rank], c: &Classes) {
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

/// The J/TH a key was made of, bit for bit.
#[inline]
fn jth_of(key: i128) -> f64 {
    f64::from_bits(flip((key >> 32) as i64) as u64)
}

/// The file position a key was made of.
#[inline]
fn lot_of(key: i128) -> usize {
    key as u32 as usize
}

impl Rank {
    /// This month's J/TH (as set by the merit order).
    #[inline]
    pub fn jth(&self) -> f64 {
        jth_of(self.key)
    }

    /// The lot's index in the fleet.
    #[inline]
    pub fn lot(&self) -> usize {
        self.lot as usize
    }
    /// Its place as the dispatch reads it: `(J/TH, lot index)`.
    #[inline]
    pub fn place(&self) -> (f64, usize) {
        (self.jth(), self.lot())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fleet::prepare;
    use crate::model::Month;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

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
        let mut merit = MeritOrder::new(&lots, &c);
        assert!(merit.merges());
        c.set_month(0);
        let order: Vec<(f64, usize)> = merit.month(&c).collect();
        assert_eq!(order[0].1, 0);
        for m in 1..=6 {
            c.set_month(m);
        }
        let order: Vec<(f64, usize)> = merit.month(&c).collect();
        assert_eq!(order[0].1, 1, "the degraded lot falls behind");
        assert!((order[1].0 - 3000.0 / 90.0).abs() < 1e-9, "{}", order[1].0);
        let degraded = lots[0];
        assert!((degraded.tpm_base * c.ths_scale[degraded.class] - 30_000.0).abs() < 1e-6);
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

    /// The month's order as given when last month's dispatch took `taken`
    /// lots, with each J/TH checked against the lot's own.
    fn order_after(merit: &mut MeritOrder, taken: usize, lots: &[Lot], c: &Classes) -> Vec<usize> {
        merit.taken(taken);
        merit
            .month(c)
            .map(|(jth, i)| {
                assert_eq!(jth.to_bits(), (lots[i].jth_base * c.jth_scale[lots[i].class]).to_bits(), "lot {i}'s J/TH");
                i
            })
            .collect()
    }

    /// A fleet of `specs` (W, degradation, months deployed before the start), 100 TH/s a unit.
    fn lots_of(specs: &[(f64, f64, i64)]) -> (Vec<Lot>, Classes) {
        let start = Month::parse("2026-01").unwrap();
        let fleet: Vec<crate::model::Lot> = specs
            .iter()
            .map(|&(w, d, age)| {
                let mut l = crate::model::Lot::new("x", 1, 100.0, w, Decimal::ZERO, start.offset(-age));
                l.annual_degradation = d;
                l
            })
            .collect();
        let (lots, _, classes) = prepare(&fleet, start, 1.0);
        (lots, classes)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Up to 8 degradation classes are merged, and the merge gives the
        /// order of sorting from scratch, month after month: lots cross
        /// between classes, and equal J/TH (same watts, or classes meeting)
        /// go in file order. Months where the dispatch took the whole fleet
        /// are sorted instead, from wherever the sorted order was left.
        #[test]
        fn merged_months_equal_sorting_from_scratch(
            specs in prop::collection::vec((1usize..12, 0usize..8, 0i64..40), 1..80),
            deep in prop::collection::vec(prop::bool::weighted(0.3), 121),
        ) {
            let specs: Vec<(f64, f64, i64)> =
                specs.iter().map(|&(w, d, age)| (1500.0 + 250.0 * w as f64, 0.01 + 0.035 * d as f64, age)).collect();
            let (lots, mut c) = lots_of(&specs);
            let mut merit = MeritOrder::new(&lots, &c);
            // The merge is refused only for a near tie: two lots of a class a
            // few units in the last place apart (e.g. at 20 % a year, 2,500 W
            // deployed 12 months after 2,000 W: the same J/TH, computed two ways).
            let near_tie = lots.iter().any(|a| {
                lots.iter().any(|b| a.class == b.class && a.jth_base < b.jth_base && b.jth_base <= a.jth_base * (1.0 + 1e-12))
            });
            prop_assert_eq!(merit.merges(), !near_tie);
            for (m, &deep) in deep.iter().enumerate() {
                c.set_month(m as i64);
                let taken = if deep { lots.len() } else { 0 };
                merit.taken(taken);
                // (A fleet of one class, or a lot or two, still merges after a deep month.)
                let cheap = 2 * taken * c.jth_scale.len() <= 3 * lots.len();
                prop_assert_eq!(matches!(merit.month(&c), Order::Merge(_)), !near_tie && cheap, "month {}", m);
                prop_assert_eq!(order_after(&mut merit, taken, &lots, &c), from_scratch(&lots, &c), "month {}", m);
            }
        }
    }

    #[test]
    fn a_month_merges_when_the_dispatch_took_few_enough_lots_the_month_before() {
        // 40 lots in 4 classes: merged while 2 × taken × 4 ≤ 3 × 40, i.e. up to 15 lots taken.
        let specs: Vec<(f64, f64, i64)> = (0..40).map(|i| (2000.0 + 10.0 * i as f64, 0.01 * (i % 4) as f64, 0)).collect();
        let (lots, mut c) = lots_of(&specs);
        let mut merit = MeritOrder::new(&lots, &c);
        c.set_month(0);
        assert!(matches!(merit.month(&c), Order::Sorted(_)), "month 0 knows nothing of the dispatch: sorted");
        for (taken, merged) in [(0, true), (15, true), (16, false), (40, false), (3, true)] {
            merit.taken(taken);
            assert_eq!(matches!(merit.month(&c), Order::Merge(_)), merged, "{taken} lots taken");
        }
    }

    #[test]
    fn nine_classes_are_kept_sorted_instead() {
        let (lots, mut c) = crossing(9);
        let mut merit = MeritOrder::new(&lots, &c);
        assert!(!merit.merges());
        for m in 0..=60 {
            c.set_month(m);
            assert_eq!(order_after(&mut merit, 0, &lots, &c), from_scratch(&lots, &c), "month {m}");
        }
    }

    #[test]
    fn near_ties_within_a_class_are_kept_sorted_instead() {
        // Two lots of one class one unit in the last place apart: a scale could
        // round them to the same J/TH, where file order (lot 1 first) decides.
        let w = 3000.0_f64;
        // And the same J/TH computed two ways: at 20 % a year, 2,500 W deployed
        // 12 months after 2,000 W (33.66304203174818 and 33.663042031748176).
        for specs in [
            [(f64::from_bits(w.to_bits() + 1), 0.1, 0), (w, 0.1, 0), (2000.0, 0.0, 0)],
            [(2000.0, 0.2, 28), (2500.0, 0.2, 16), (2000.0, 0.0, 0)],
        ] {
            let (lots, mut c) = lots_of(&specs);
            let mut merit = MeritOrder::new(&lots, &c);
            assert!(!merit.merges(), "{specs:?}");
            for m in 0..=24 {
                c.set_month(m);
                assert_eq!(order_after(&mut merit, 0, &lots, &c), from_scratch(&lots, &c), "month {m}");
            }
        }
    }

    #[test]
    fn months_whose_scaled_jth_leave_the_safe_range_are_sorted_and_then_merged_again() {
        // A class losing all but 1e-10 of its hashrate a year: its J/TH scale
        // passes 1e290 after about 29 years (J/TH about 30 × 7^m), then overflows.
        let (lots, mut c) = lots_of(&[(3000.0, 1.0 - 1e-10, 0), (2000.0, 0.0, 0), (2500.0, 0.0, 0), (3000.0, 0.02, 0)]);
        let mut merit = MeritOrder::new(&lots, &c);
        assert!(merit.merges());
        let mut sorted_months = 0;
        for m in 0..=400 {
            c.set_month(m);
            let in_range = lots.iter().all(|l| SAFE.contains(&(l.jth_base * c.jth_scale[l.class])));
            sorted_months += usize::from(!in_range);
            merit.taken(0);
            assert_eq!(matches!(merit.month(&c), Order::Merge(_)), in_range, "month {m}");
            assert_eq!(order_after(&mut merit, 0, &lots, &c), from_scratch(&lots, &c), "month {m}");
        }
        assert!(sorted_months > 10 && sorted_months < 100, "{sorted_months} months out of range");
    }

    #[test]
    fn merit_order_month_by_month_equals_sorting_from_scratch_when_lots_cross() {
        // 400 lots: the first months need few swaps (insertion), later months
        // many (the swap budget runs out and the stable sort takes over); the
        // order is fully reversed by month 60.
        let (lots, mut c) = crossing(400);
        let mut merit = MeritOrder::new(&lots, &c);
        let mut first = None;
        for m in 0..=60 {
            c.set_month(m);
            let got = order_after(&mut merit, 0, &lots, &c);
            assert_eq!(got, from_scratch(&lots, &c), "month {m}");
            first = got.first().copied();
        }
        assert_eq!(first, Some(399), "the slowest-degrading lot leads at month 60");
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
        assert_eq!(MeritOrder::new(&lots, &c).month(&c).map(|(_, i)| i).collect::<Vec<_>>(), vec![1, 0, 2], "merged");
        let mut order = ranks(&lots);
        order.reverse();
        merit_order(&mut order, &c);
        assert_eq!(order.iter().map(|r| r.lot).collect::<Vec<_>>(), vec![1, 0, 2], "sorted");
    }
}
