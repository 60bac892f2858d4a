//! Sensitivity, breakeven, goal seek and Monte Carlo (`floe::analysis`):
//! tornado signs make economic sense, a breakeven multiple is the boundary,
//! goal seek's answer hits its target, and Monte Carlo is reproducible,
//! independent of the thread count, centred on the plan's price path and
//! exactly the deterministic projection at zero volatility.

mod common;

use common::repo_path;
use floe::analysis::breakeven::{self, Input, Multiple, SeekError};
use floe::analysis::montecarlo::{self, Config, McError, NetworkFollow};
use floe::analysis::sensitivity::{self, Driver};
use floe::analysis::{kpi_by_key, kpi_number};
use floe::engine::{self, MarketOverride};
use floe::model::Scenario;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

fn load(rel: &str) -> Scenario {
    floe::io::load_scenario(&repo_path(rel)).unwrap_or_else(|e| panic!("{e}"))
}

fn run(s: &Scenario, cfg: &Config) -> Result<montecarlo::McResult, McError> {
    montecarlo::run(s, cfg, &AtomicBool::new(false), &AtomicUsize::new(0))
}

#[test]
fn no_override_is_the_plain_projection() {
    let s = load("saves/ai_pivot.ron");
    let plain = engine::project(&s).unwrap();
    assert_eq!(engine::project_with_market(&s, &MarketOverride::default()).unwrap(), plain);
    let price = s.market.btc_price_usd.values(s.start_month, s.horizon_months as usize);
    let doubled: Vec<f64> = price.iter().map(|p| 2.0 * p).collect();
    let over = engine::project_with_market(&s, &MarketOverride { btc_price_usd: Some(&doubled), network_hashrate_ehs: None }).unwrap();
    let mut t = s.clone();
    sensitivity::scale_path(&mut t.market.btc_price_usd, 2.0);
    let scaled = engine::project(&t).unwrap();
    for (a, b) in over.months.iter().zip(&scaled.months) {
        assert!((a.cash_usd - b.cash_usd).abs() <= 1e-6 * b.cash_usd.abs().max(1.0), "{}: {} vs {}", a.month, a.cash_usd, b.cash_usd);
    }
    assert!(over.kpis.end_cash_usd > plain.kpis.end_cash_usd);
}

#[test]
fn tornado_signs_make_sense_and_bars_are_sorted() {
    let s = load("saves/ai_pivot.ron");
    let t = sensitivity::tornado(&s, kpi_by_key("end_cash_usd").unwrap(), 0.2).unwrap();
    assert_eq!(t.bars.len(), 8);
    assert_eq!(t.base, Some(engine::project(&s).unwrap().kpis.end_cash_usd));
    let bar = |d: Driver| t.bars.iter().find(|b| b.driver == d).unwrap();
    let up = |d: Driver| {
        let b = bar(d);
        (b.low.unwrap(), b.high.unwrap())
    };
    let (l, h) = up(Driver::BtcPrice);
    assert!(h > t.base.unwrap() && t.base.unwrap() > l, "higher BTC price, more end cash: {l} {h}");
    let (l, h) = up(Driver::PowerPrice);
    assert!(h < l, "dearer power, less cash: {l} {h}");
    let (l, h) = up(Driver::HostingRate);
    assert!(h > l, "higher hosting rate, more cash: {l} {h}");
    let (l, h) = up(Driver::InterestRate);
    assert!(h < l, "higher interest, less cash: {l} {h}");
    let (l, h) = up(Driver::NetworkGrowth);
    assert!(h < l, "faster network growth, less cash: {l} {h}");
    assert!(t.bars.windows(2).all(|w| w[0].impact >= w[1].impact), "sorted by impact");
    let btc = sensitivity::tornado(&s, kpi_by_key("total_btc_mined").unwrap(), 0.2).unwrap();
    let u = btc.bars.iter().find(|b| b.driver == Driver::Uptime).unwrap();
    assert!(u.high.unwrap() > u.low.unwrap(), "more uptime, more BTC mined");
}

#[test]
fn two_way_table_marks_the_base_case() {
    let s = load("saves/keep_buying.ron");
    let kpi = kpi_by_key("end_cash_usd").unwrap();
    let w = sensitivity::two_way(&s, kpi, 0.2).unwrap();
    assert_eq!((w.cells.len(), w.cells[0].len()), (5, 5));
    let (r, c) = w.base;
    assert_eq!((w.price_factors[r], w.growth_factors[c]), (1.0, 1.0));
    assert_eq!(w.cells[r][c], kpi_number(kpi, &engine::project(&s).unwrap().kpis));
    assert!(w.cells[4][c].unwrap() > w.cells[0][c].unwrap(), "higher price row, more cash");
}

#[test]
fn shocks_out_of_range_are_refused() {
    let s = load("saves/keep_buying.ron");
    for f in [0.0, 1.0, -0.2, f64::NAN] {
        assert!(sensitivity::tornado(&s, kpi_by_key("end_cash_usd").unwrap(), f).is_err(), "{f}");
    }
}

/// Asserts the multiple is the boundary: fails 0.5 % below, holds 0.5 % above.
fn assert_boundary(s: &Scenario, m: Multiple, holds: fn(&engine::Projection) -> bool) {
    let Multiple::At(x) = m else { panic!("expected a multiple, got {m:?}") };
    let base = s.market.btc_price_usd.values(s.start_month, s.horizon_months as usize);
    let mut buf = Vec::new();
    let below = breakeven::project_scaled(s, &base, x * 0.995, &mut buf).unwrap();
    let above = breakeven::project_scaled(s, &base, x * 1.005, &mut buf).unwrap();
    assert!(!holds(&below), "holds at 0.995 × {x}");
    assert!(holds(&above), "fails at 1.005 × {x}");
}

#[test]
fn breakeven_multiples_are_the_boundary() {
    let s = load("saves/ai_pivot.ron");
    let b = breakeven::breakeven(&s).unwrap();
    assert_boundary(&s, b.cash, breakeven::cash_holds);
    assert_eq!(b.covenant, None, "no covenant in this plan");
    let stress = load("tests/data/stress.ron");
    let b = breakeven::breakeven(&stress).unwrap();
    assert_boundary(&stress, b.cash, breakeven::cash_holds);
    assert_boundary(&stress, b.covenant.unwrap(), breakeven::covenant_holds);
}

#[test]
fn breakeven_says_zero_and_none() {
    // Plenty of cash and nothing to pay: holds even at 0×.
    let mut s = load("saves/ice_cube.ron");
    s.financing.opening_cash_usd = rust_decimal::Decimal::from(10_000_000_000i64);
    assert_eq!(breakeven::breakeven(&s).unwrap().cash, Multiple::Zero);
    // Debt far beyond anything the fleet can earn: fails even at 100×.
    let mut s = load("saves/keep_buying.ron");
    s.financing.debt[0].principal_usd = rust_decimal::Decimal::from(900_000_000_000_000i64);
    s.financing.debt[0].annual_rate = 0.5;
    assert_eq!(breakeven::breakeven(&s).unwrap().cash, Multiple::Never);
}

#[test]
fn goal_seek_answer_applied_hits_the_target() {
    let s = load("saves/ai_pivot.ron");
    let kpi = kpi_by_key("end_cash_usd").unwrap();
    let input = Input::DebtPrincipal(1);
    let current = input.get(&s).unwrap();
    let mut moved = s.clone();
    input.set(&mut moved, current * 1.3);
    let target = engine::project(&moved).unwrap().kpis.end_cash_usd - 1_234_567.0;
    let found = breakeven::goal_seek(&s, input, kpi, target, 0.0, current * 3.0).unwrap();
    assert_eq!(input.get(&found.scenario), Some(found.value));
    let applied = engine::project(&found.scenario).unwrap().kpis.end_cash_usd;
    assert_eq!(applied, found.kpi);
    assert!((applied - target).abs() <= 1.0, "end cash {applied} vs target {target}");
    let e = breakeven::goal_seek(&s, input, kpi, 1e15, 0.0, current * 3.0).unwrap_err();
    let SeekError::NotReached { message, .. } = e else { panic!("{e:?}") };
    assert!(message.contains("no value"), "{message}");
    assert!(matches!(breakeven::goal_seek(&s, Input::LeaseMw(9), kpi, 0.0, 0.0, 1.0), Err(SeekError::Input(_))));
}

#[test]
fn goal_seek_on_whole_units_brackets_the_target() {
    let s = load("saves/keep_buying.ron");
    let kpi = kpi_by_key("total_btc_mined").unwrap();
    let input = Input::LotUnits(0);
    let units = input.get(&s).unwrap();
    let at = |u: f64| {
        let mut t = s.clone();
        input.set(&mut t, u);
        engine::project(&t).unwrap().kpis.total_btc_mined
    };
    let target = 0.5 * (at(units * 0.5) + at(units * 0.5 + 1.0));
    let found = breakeven::goal_seek(&s, input, kpi, target, 0.0, units * 2.0).unwrap();
    assert_eq!(found.value.fract(), 0.0, "whole machines");
    let (a, b) = (at(found.value - 1.0), at(found.value + 1.0));
    assert!(a.min(b) <= target && target <= a.max(b), "{a} … {b} should bracket {target}");
}

#[test]
fn monte_carlo_is_reproducible_and_independent_of_threads() {
    let s = load("tests/data/reference.ron");
    let cfg = Config { paths: 300, vol: 0.6, seed: 7, network: Some(NetworkFollow { elasticity: 0.5, lag_months: 3 }) };
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| run(&s, &cfg).unwrap());
    let three = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap().install(|| run(&s, &cfg).unwrap());
    assert_eq!(one, three);
    assert_eq!(run(&s, &cfg).unwrap(), one);
    let other = run(&s, &Config { seed: 8, ..cfg }).unwrap();
    assert_ne!(other.cash_usd, one.cash_usd, "another seed, other paths");
    assert_eq!(one.months.len(), s.horizon_months as usize);
    assert_eq!(one.by_year.len(), (s.horizon_months as usize).div_ceil(12));
    assert_eq!(one.by_year.last().unwrap().p_out_of_cash, one.p_out_of_cash);
    for band in one.cash_usd.iter().flatten() {
        assert!(band.windows(2).all(|w| w[0] <= w[1]), "percentiles in order: {band:?}");
    }
}

#[test]
fn mean_price_path_is_the_plans_path_within_sampling_error() {
    let s = load("tests/data/reference.ron");
    let cfg = Config { paths: 20_000, vol: 0.6, seed: 3, network: None };
    let base = s.market.btc_price_usd.values(s.start_month, s.horizon_months as usize);
    let mut sum = vec![0.0; base.len()];
    let mut sq = vec![0.0; base.len()];
    for i in 0..cfg.paths {
        let (p, _) = montecarlo::market_paths(&s, &cfg, i);
        assert_eq!(p[0], base[0], "S_0 = 0");
        for m in 0..p.len() {
            sum[m] += p[m];
            sq[m] += p[m] * p[m];
        }
    }
    let n = cfg.paths as f64;
    for m in 1..base.len() {
        let mean = sum[m] / n;
        let se = ((sq[m] / n - mean * mean) / n).sqrt();
        assert!((mean - base[m]).abs() < 4.0 * se, "month {m}: mean {mean}, path {}, se {se}", base[m]);
    }
}

#[test]
fn zero_volatility_is_exactly_the_deterministic_projection() {
    let s = load("tests/data/stress.ron");
    let det = engine::project(&s).unwrap();
    let cfg = Config { paths: 20, vol: 0.0, seed: 11, network: Some(NetworkFollow { elasticity: 1.0, lag_months: 0 }) };
    assert_eq!(montecarlo::simulate_path(&s, &cfg, 5).unwrap(), det);
    let r = run(&s, &cfg).unwrap();
    for (band, row) in r.cash_usd.iter().zip(&det.months) {
        assert_eq!(*band, Some([row.cash_usd as f32 as f64; 5]), "{}", row.month);
    }
    assert_eq!(r.p_out_of_cash, if det.kpis.first_distress_month.is_some() { 1.0 } else { 0.0 });
    assert_eq!(r.p_covenant_breach, if det.kpis.covenant_breach_months.unwrap_or(0) > 0 { 1.0 } else { 0.0 });
}

#[test]
fn the_odds_of_a_lenders_call_by_year_follow_the_projection() {
    // keep_buying's lenders call their loans in 2028-12 (plan year 4, months 36..47): at zero
    // volatility every path is the plan, so the odds are 0 through year 3 and 1 from year 4 on.
    let s = load("saves/keep_buying.ron");
    let det = engine::project(&s).unwrap();
    let first = det.kpis.first_acceleration_month.expect("keep_buying's lenders call their loans");
    let m = first.since(s.start_month) as usize;
    let cfg = Config { paths: 8, vol: 0.0, seed: 3, network: None };
    let r = run(&s, &cfg).unwrap();
    assert!(r.can_accelerate);
    assert_eq!(r.p_acceleration, 1.0);
    for y in &r.by_year {
        assert_eq!(y.p_acceleration, if 12 * y.year > m { 1.0 } else { 0.0 }, "year {} through {}", y.year, y.through);
    }
    // With volatility the odds still never fall from one year to the next.
    let r = run(&s, &Config { paths: 64, vol: 0.8, seed: 9, network: None }).unwrap();
    assert!(r.by_year.windows(2).all(|w| w[0].p_acceleration <= w[1].p_acceleration));
    assert!(r.p_acceleration > 0.0 && r.p_acceleration <= 1.0, "{}", r.p_acceleration);
}

#[test]
fn network_follows_price_with_its_lag() {
    let s = load("tests/data/reference.ron");
    let cfg = Config { paths: 1, vol: 0.6, seed: 5, network: Some(NetworkFollow { elasticity: 1.0, lag_months: 2 }) };
    let base_p = s.market.btc_price_usd.values(s.start_month, s.horizon_months as usize);
    let base_n = s.market.network_hashrate_ehs.values(s.start_month, s.horizon_months as usize);
    let (p, n) = montecarlo::market_paths(&s, &cfg, 0);
    assert_eq!(&n[..2], &base_n[..2]);
    for m in 2..p.len() {
        let expect = base_n[m] * p[m - 2] / base_p[m - 2];
        assert!((n[m] - expect).abs() <= 1e-9 * expect, "month {m}");
    }
}

#[test]
fn monte_carlo_cancels_reports_progress_and_refuses_bad_settings() {
    let s = load("tests/data/reference.ron");
    let cfg = Config { paths: 50, ..Config::default() };
    let (cancel, progress) = (AtomicBool::new(true), AtomicUsize::new(0));
    assert_eq!(montecarlo::run(&s, &cfg, &cancel, &progress), Err(McError::Cancelled));
    cancel.store(false, Ordering::Relaxed);
    montecarlo::run(&s, &cfg, &cancel, &progress).unwrap();
    assert_eq!(progress.load(Ordering::Relaxed), 50);
    for bad in [Config { paths: 0, ..cfg }, Config { vol: -1.0, ..cfg }, Config { paths: montecarlo::MAX_PATHS + 1, ..cfg }] {
        assert!(matches!(run(&s, &bad), Err(McError::Input(_))), "{bad:?}");
    }
    let e = run(&s, &Config { paths: montecarlo::MAX_PATHS, ..cfg }).unwrap_err();
    assert!(matches!(&e, McError::Input(m) if m.contains("60-month")), "{e:?}");
    let mut invalid = s.clone();
    invalid.horizon_months = 0;
    assert!(matches!(run(&invalid, &cfg), Err(McError::Input(m)) if m.contains("horizon")));
}

#[test]
fn goal_seek_finds_the_hosting_rate_at_which_the_plan_npv_is_zero() {
    let s = load("saves/ai_pivot.ron");
    let npv = floe::analysis::kpi_by_key("npv_usd").expect("plan NPV is a KPI the tools offer");
    let before = engine::project(&s).unwrap().kpis.npv_usd;
    assert!(before < 0.0, "at $150/kW-month the pivot does not pay within the horizon: {before}");
    let found = floe::analysis::breakeven::goal_seek(&s, Input::LeaseRate(0), npv, 0.0, 100.0, 2000.0).unwrap();
    // The rate found, applied to the plan, brings its NPV to zero (within goal seek's tolerance).
    let after = engine::project(&found.scenario).unwrap().kpis.npv_usd;
    assert_eq!(after, found.kpi);
    assert!(after.abs() < 1e-3 * before.abs(), "NPV {after} at ${:.2}/kW-month", found.value);
    assert!(found.value > 150.0);
    assert_eq!(Input::LeaseRate(0).get(&found.scenario), Some((found.value * 100.0).round() / 100.0));
}
