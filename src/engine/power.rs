//! Power capacity and who gets it (model.md "Power capacity and who gets it"):
//! the contracts active in a month with their escalated prices, the hosting
//! leases' reservations (cheapest contract first), and the mining capacity
//! left over as price slices for the dispatch.

use super::dispatch::Slice;
use super::money;
use crate::model::{Month, Power};

/// A contract prepared for the monthly loop.
struct Contract {
    start: i64,
    end: Option<i64>,
    capacity: f64,
    /// Escalated price in the month being projected (starts at month 0).
    price: f64,
    /// (1 + annual_escalation)^(1/12): the monthly step of `price`.
    step: f64,
}

/// What a hosting lease got from the contracts in one month.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Reservation {
    /// Facility MW reserved (at most the MW asked for).
    pub mw: f64,
    /// MW-weighted price of the reserved power, USD/MWh (0 when nothing was reserved).
    pub price: f64,
}

/// The power contracts, stepped month by month.
pub(crate) struct Contracts {
    contracts: Vec<Contract>,
    /// MW of each contract not yet reserved this month (0 when inactive).
    left: Vec<f64>,
    /// Each contract's price this month.
    price: Vec<f64>,
    /// Every contract, cheapest first this month (ties by file order);
    /// inactive ones have no MW `left`.
    order: Vec<usize>,
    /// Position in `order` of the first contract that may still have MW:
    /// leases take cheapest first, so every contract before it is exhausted
    /// for the rest of the month.
    cursor: usize,
    slices: Vec<Slice>,
    /// The month's flex slices in price order (scratch).
    flex: Vec<Slice>,
}

impl Contracts {
    pub fn new(p: &Power, start: Month) -> Contracts {
        let contracts: Vec<Contract> = p
            .contracts
            .iter()
            .map(|c| {
                let k = c.start_month.map_or(0, |m| m.since(start));
                Contract {
                    start: k,
                    end: c.end_month.map(|m| m.since(start)),
                    capacity: c.capacity_mw,
                    // Escalation runs from the contract's own start, k months after month 0 (k may be negative).
                    price: money(c.price_usd_per_mwh) * (1.0 + c.annual_escalation).powf(-k as f64 / 12.0),
                    step: (1.0 + c.annual_escalation).powf(1.0 / 12.0),
                }
            })
            .collect();
        let n = contracts.len();
        Contracts {
            contracts,
            left: vec![0.0; n],
            price: vec![0.0; n],
            order: (0..n).collect(),
            cursor: 0,
            slices: Vec::new(),
            flex: Vec::new(),
        }
    }

    /// Starts month `m` (call for m = 0, 1, 2, … in order): escalates prices and
    /// makes every active contract's whole capacity available.
    #[inline]
    pub fn open_month(&mut self, m: i64) {
        self.cursor = 0;
        for (i, c) in self.contracts.iter_mut().enumerate() {
            let active = m >= c.start && c.end.is_none_or(|e| m <= e);
            self.left[i] = if active { c.capacity } else { 0.0 };
            if m > 0 {
                c.price *= c.step; // one multiplication a month instead of a power
            }
            self.price[i] = c.price;
        }
        // Prices escalate at their own rates, so last month's order is nearly
        // right: an insertion sort fixes it in O(contracts + swaps).
        let price = &self.price;
        insertion_sort_by(&mut self.order, |&a, &b| price[a] < price[b] || (price[a] == price[b] && a < b));
    }

    /// Reserves up to `mw` facility MW, cheapest contract first.
    #[inline]
    pub fn reserve(&mut self, mw: f64) -> Reservation {
        let mut need = mw;
        let (mut reserved, mut cost) = (0.0, 0.0);
        while need > 0.0 {
            let Some(&c) = self.order.get(self.cursor) else { break };
            let take = need.min(self.left[c]);
            if take > 0.0 {
                self.left[c] -= take;
                need -= take;
                reserved += take;
                cost += take * self.price[c];
            }
            if self.left[c] > 0.0 {
                break; // `need` is met and this contract still has MW for the next lease
            }
            self.cursor += 1;
        }
        Reservation { mw: reserved, price: if reserved > 0.0 { cost / reserved } else { 0.0 } }
    }

    /// The month's mining capacity after the reservations: what each contract
    /// has left plus the leases' idle `flex` MW, as slices sorted by price
    /// (ties: contracts in file order, then the flex slices in their order).
    #[inline]
    pub fn mining_slices(&mut self, flex: &[Slice]) -> &[Slice] {
        self.flex.clear();
        self.flex.extend_from_slice(flex);
        insertion_sort_by(&mut self.flex, |a, b| a.price < b.price);
        // Merges the contracts (already in price order) with the sorted flex slices.
        self.slices.clear();
        let mut rest = self.flex.iter().copied().peekable();
        for &i in &self.order {
            let left = self.left[i];
            if left <= 0.0 {
                continue;
            }
            let price = self.price[i];
            while let Some(f) = rest.next_if(|f| f.price < price) {
                self.slices.push(f);
            }
            self.slices.push(Slice { mw: left, price });
        }
        self.slices.extend(rest);
        &self.slices
    }
}

/// Sorts `v` stably by `less`, in O(len + swaps): for the short, nearly
/// sorted lists of a month (contracts, flex slices), cheaper than a general sort.
fn insertion_sort_by<T: Copy>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Contract;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// The reservation as model.md words it: walk every active contract cheapest first.
    fn reserve_by_walking(left: &mut [f64], price: &[f64], mw: f64) -> Reservation {
        let mut order: Vec<usize> = (0..left.len()).collect();
        order.sort_by(|&a, &b| price[a].total_cmp(&price[b]).then(a.cmp(&b)));
        let (mut need, mut reserved, mut cost) = (mw, 0.0, 0.0);
        for c in order {
            let take = need.min(left[c]);
            if need > 0.0 && take > 0.0 {
                left[c] -= take;
                need -= take;
                reserved += take;
                cost += take * price[c];
            }
        }
        Reservation { mw: reserved, price: if reserved > 0.0 { cost / reserved } else { 0.0 } }
    }

    proptest! {
        #[test]
        fn the_cursor_reserves_what_walking_every_contract_reserves(
            contracts in prop::collection::vec((prop_oneof![Just(0.0), 0.0f64..50.0], 1i64..6), 0..40),
            leases in prop::collection::vec(prop_oneof![Just(0.0), 0.0f64..80.0], 0..40),
        ) {
            let start = Month::parse("2026-01").unwrap();
            let p = Power {
                contracts: contracts.iter().map(|&(mw, usd)| Contract::new("c", mw, Decimal::new(usd * 10, 0))).collect(),
                ..Power::default()
            };
            let mut power = Contracts::new(&p, start);
            power.open_month(0);
            let price: Vec<f64> = contracts.iter().map(|&(_, usd)| (usd * 10) as f64).collect();
            let mut left: Vec<f64> = contracts.iter().map(|&(mw, _)| mw).collect();
            for &mw in &leases {
                let expected = reserve_by_walking(&mut left, &price, mw);
                prop_assert_eq!(power.reserve(mw), expected);
            }
            prop_assert_eq!(&power.left, &left);
        }
    }

    proptest! {
        /// Month after month, with contracts starting, ending and escalating at
        /// their own rates (so the price order changes), the slices equal the
        /// definition: every contract with MW left (file order) then the flex
        /// slices, stably sorted by price.
        #[test]
        fn slices_are_the_contracts_and_flex_sorted_by_price(
            contracts in prop::collection::vec((0.0f64..20.0, 1i64..80, -0.3f64..0.6, 0i64..12, 0i64..24), 0..12),
            flex in prop::collection::vec((0.0f64..5.0, 1i64..80), 0..4),
            lease in 0.0f64..30.0,
        ) {
            let start = Month::parse("2026-01").unwrap();
            let p = Power {
                contracts: contracts
                    .iter()
                    .map(|&(mw, usd, esc, from, len)| {
                        let mut c = Contract::new("c", mw, Decimal::new(usd, 0));
                        c.annual_escalation = esc;
                        c.start_month = Some(start.offset(from));
                        c.end_month = Some(start.offset(from + len));
                        c
                    })
                    .collect(),
                ..Power::default()
            };
            let flex: Vec<Slice> = flex.iter().map(|&(mw, usd)| Slice { mw, price: usd as f64 }).collect();
            let mut power = Contracts::new(&p, start);
            for m in 0..40 {
                power.open_month(m);
                power.reserve(lease);
                let mut expected: Vec<Slice> =
                    (0..contracts.len()).filter(|&i| power.left[i] > 0.0).map(|i| Slice { mw: power.left[i], price: power.price[i] }).collect();
                expected.extend_from_slice(&flex);
                expected.sort_by(|a, b| a.price.total_cmp(&b.price));
                prop_assert_eq!(power.mining_slices(&flex), &expected[..], "month {}", m);
            }
        }
    }

    #[test]
    fn leases_on_many_empty_contracts_get_the_one_that_has_power() {
        // 500 contracts of 0 MW at $10, then one of 5 MW at $40: three leases of 2 MW
        // get 2, 2 and the last 1 MW, all at $40; a fourth gets nothing (price 0).
        let mut p = Power { contracts: (0..500).map(|_| Contract::new("empty", 0.0, Decimal::new(10, 0))).collect(), ..Power::default() };
        p.contracts.push(Contract::new("real", 5.0, Decimal::new(40, 0)));
        let mut power = Contracts::new(&p, Month::parse("2026-01").unwrap());
        power.open_month(0);
        let got: Vec<Reservation> = (0..4).map(|_| power.reserve(2.0)).collect();
        let r = |mw, price| Reservation { mw, price };
        assert_eq!(got, vec![r(2.0, 40.0), r(2.0, 40.0), r(1.0, 40.0), r(0.0, 0.0)]);
        assert!(power.mining_slices(&[]).is_empty(), "nothing is left for mining");
    }
}
