//! Hostile scenarios of issue 8, built in memory (no multi-megabyte files in
//! the repository): each one hit a quadratic path of the engine before it was
//! fixed. Shared by `benches/hostile.rs` (timing) and `tests/engine_hostile.rs`
//! (correctness at small sizes).

use floe::model::{Amortization, Contract, DebtKind, Instrument, Lease, Lot, Money, Month, Scenario, Series};

fn month(s: &str) -> Month {
    Month::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn base(start: &str, horizon: i64) -> Scenario {
    let mut s = Scenario::new_blank(month(start));
    s.horizon_months = horizon;
    s.market.btc_price_usd = Series::constant(100_000.0);
    s.market.network_hashrate_ehs = Series::constant(1_000.0);
    s
}

/// `leases` hosting leases of 1 MW (passthrough, no fit-out, from the start)
/// over `contracts` contracts of 0 MW at $10/MWh followed by one 10 MW contract
/// at $40: every lease's reservation must get past the empty contracts.
pub fn leases_over_empty_contracts(leases: usize, contracts: usize, horizon: i64) -> Scenario {
    let mut s = base("2026-01", horizon);
    s.power.contracts = (0..contracts).map(|i| Contract::new(&format!("empty {i}"), 0.0, Money::new(10, 0))).collect();
    s.power.contracts.push(Contract::new("real", 10.0, Money::new(40, 0)));
    s.hosting = (0..leases)
        .map(|i| {
            let mut l = Lease::new(&format!("tenant {i}"), 1.0, month("2026-01"), 120, Money::new(100, 0));
            l.pue = 1.0;
            l.build_months = 0;
            l
        })
        .collect();
    s
}

/// `lots` one-unit lots whose efficiency order reverses over five years: lot
/// i is 20 × (1 + i/lots) J/TH and degrades 30 % − 25 % × i/lots a year, so
/// the most efficient lot at the start is the least efficient at month 60.
/// One 1 GW contract; economic shutdown off, so every lot runs.
pub fn crossing_lots(lots: usize, horizon: i64) -> Scenario {
    let mut s = base("2026-01", horizon);
    s.power.economic_shutdown = false;
    s.power.contracts = vec![Contract::new("grid", 1_000.0, Money::new(40, 0))];
    s.fleet = (0..lots)
        .map(|i| {
            let x = i as f64 / lots as f64;
            let mut l = Lot::new(&format!("lot {i}"), 1, 100.0, 2_000.0 * (1.0 + x), Money::ZERO, month("2024-01"));
            l.annual_degradation = 0.30 - 0.25 * x;
            l.life_months = 240;
            l
        })
        .collect();
    s
}

/// `loans` loans of 1,000,000 USD at 6 % issued 0001-01, maturing 9999-12,
/// seen from a 9999-12 start (one month): cycling through bullet, straight
/// and annuity. Each one's balance at the start is 119,987 months of schedule.
pub fn ancient_loans(loans: usize) -> Scenario {
    let mut s = base("9999-12", 1);
    s.financing.debt = (0..loans)
        .map(|i| {
            let mut d = Instrument::new(
                &format!("loan {i}"),
                DebtKind::TermLoan,
                Money::new(1_000_000, 0),
                0.06,
                month("0001-01"),
                month("9999-12"),
            );
            d.amortization = [Amortization::Bullet, Amortization::Straight, Amortization::Annuity][i % 3];
            d
        })
        .collect();
    s
}
