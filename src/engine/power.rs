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
    /// Active contracts this month, cheapest first (ties by file order).
    order: Vec<usize>,
    /// Position in `order` of the first contract that may still have MW:
    /// leases take cheapest first, so every contract before it is exhausted
    /// for the rest of the month.
    cursor: usize,
    slices: Vec<Slice>,
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
        Contracts { contracts, left: vec![0.0; n], price: vec![0.0; n], order: Vec::with_capacity(n), cursor: 0, slices: Vec::new() }
    }

    /// Starts month `m` (call for m = 0, 1, 2, … in order): escalates prices and
    /// makes every active contract's whole capacity available.
    #[inline]
    pub fn open_month(&mut self, m: i64) {
        self.order.clear();
        self.cursor = 0;
        for (i, c) in self.contracts.iter_mut().enumerate() {
            let active = m >= c.start && c.end.is_none_or(|e| m <= e);
            self.left[i] = if active { c.capacity } else { 0.0 };
            if m > 0 {
                c.price *= c.step; // one multiplication a month instead of a power
            }
            self.price[i] = c.price;
            if active {
                self.order.push(i);
            }
        }
        let price = &self.price;
        self.order.sort_by(|&a, &b| price[a].total_cmp(&price[b]).then(a.cmp(&b)));
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
    /// has left plus the leases' idle `flex` MW, as slices sorted by price.
    #[inline]
    pub fn mining_slices(&mut self, flex: &[Slice]) -> &[Slice] {
        self.slices.clear();
        for (i, &left) in self.left.iter().enumerate() {
            if left > 0.0 {
                self.slices.push(Slice { mw: left, price: self.price[i] });
            }
        }
        self.slices.extend_from_slice(flex);
        self.slices.sort_by(|a, b| a.price.total_cmp(&b.price));
        &self.slices
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
