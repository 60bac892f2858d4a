//! The hostile scenarios of issue 8 (once quadratic paths of the engine) at
//! small sizes, checked for *correct results*; their speed at full size is
//! the `hostile` criterion bench, never a timed test.

#[path = "../benches/common/hostile.rs"]
mod hostile;

use floe::engine::{Projection, project};

fn run(s: &floe::model::Scenario) -> Projection {
    project(s).unwrap_or_else(|e| panic!("projection failed: {e}"))
}

#[track_caller]
fn close(what: &str, got: f64, want: f64) {
    assert!((got - want).abs() <= 1e-9 * want.abs().max(1.0), "{what}: {got} != {want}");
}

#[test]
fn leases_past_empty_contracts_share_the_one_real_contract_in_file_order() {
    // 200 empty contracts, then 10 MW at $40. 30 leases of 1 MW (PUE 1):
    // the first 10 reserve 1 MW each, the other 20 get nothing but keep their
    // revenue: 30 × 1 MW × 1,000 kW × $100 = $3,000,000 a month; no MW is left for mining.
    let p = run(&hostile::leases_over_empty_contracts(30, 200, 2));
    for r in &p.months {
        close("hosting revenue", r.hosting_revenue_usd, 3_000_000.0);
        close("mining capacity", r.mining_capacity_mw, 0.0);
    }
    // 5 leases reserve 5 MW: 5 MW are left for mining.
    let p = run(&hostile::leases_over_empty_contracts(5, 200, 2));
    close("mining capacity", p.months[0].mining_capacity_mw, 5.0);
}

#[test]
fn lots_that_cross_run_in_this_months_merit_order() {
    // 60 lots, lot i at 20 × (1 + i/60) J/TH (2,000 × (1 + i/60) W, 100 TH/s),
    // degrading 30 % − 25 % × i/60 a year, deployed 24 months before the start.
    // With capacity for only part of the fleet, the lots that run in month m
    // are those with the lowest J/TH at age m + 24, computed here from scratch.
    let n = 60;
    let mut s = hostile::crossing_lots(n, 61);
    let total_mw: f64 = s.fleet.iter().map(|l| l.power_w / 1e6).sum();
    let capacity = total_mw / 2.0;
    s.power.contracts[0].capacity_mw = capacity;
    let p = run(&s);
    for m in [0usize, 20, 40, 60] {
        let age = (m + 24) as f64;
        let mut order: Vec<(f64, usize)> = (0..n)
            .map(|i| {
                let x = i as f64 / n as f64;
                let d: f64 = 0.30 - 0.25 * x;
                (2_000.0 * (1.0 + x) / (100.0 * (1.0 - d).powf(age / 12.0)), i)
            })
            .collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut left = capacity;
        for (_, i) in order {
            let mw = s.fleet[i].power_w / 1e6;
            let runs = p.lot_hashrate(m, i) > 0.0;
            if left >= mw {
                assert!(runs, "month {m}: lot {i} fits and must run");
            } else if left <= 0.0 {
                assert!(!runs, "month {m}: lot {i} comes after the capacity ran out");
            }
            left -= mw;
        }
    }
    // The order really reverses: lot 0 runs first at the start, not at all at month 60.
    assert!(p.lot_hashrate(0, 0) > 0.0 && p.lot_hashrate(60, 0) == 0.0);
    assert!(p.lot_hashrate(0, n - 1) == 0.0 && p.lot_hashrate(60, n - 1) > 0.0);
}

#[test]
fn loans_from_year_1_reach_year_9999_with_their_scheduled_balance() {
    // 6 loans of 1,000,000 at 6 % (0.5 % a month), 0001-01 .. 9999-12, start 9999-12:
    // n = 119,987 months, 119,986 of them already repaid on schedule.
    // Bullet: 1,000,000 left. Straight: 1,000,000 / 119,987 left. Annuity: the
    // level payment P·r/(1 − 1.005^−119987) is exactly P·r (the power underflows),
    // so no principal was repaid: 1,000,000 left.
    // Month 0 is the maturity: interest on the opening balance, the balance repaid.
    let p = run(&hostile::ancient_loans(6));
    let open = 2.0 * (1_000_000.0 + 1_000_000.0 / 119_987.0 + 1_000_000.0);
    let r = &p.months[0];
    close("interest", r.interest_usd, 0.005 * open);
    close("principal repaid", r.flows.principal_repaid_usd, open);
    close("debt at month end", r.debt_usd, 0.0);
}
