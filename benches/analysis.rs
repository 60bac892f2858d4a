//! Decision tools' speed targets (issue 10), on both cores: Monte Carlo
//! 10,000 paths × 60 months of the reference scenario (target ≤ 250 ms),
//! 10,000 × 360 months of `benches/large.ron` (reported), the tornado of
//! 8 drivers × 2 shocks on `benches/large.ron` (target ≤ 16 ms), and the
//! breakeven search on it.

use criterion::{Criterion, criterion_group, criterion_main};
use floe::analysis::{breakeven, kpi_by_key, montecarlo, sensitivity};
use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::time::Duration;

fn load(rel: &str) -> floe::model::Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    floe::io::load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn monte_carlo(c: &mut Criterion) {
    let mut g = c.benchmark_group("montecarlo");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for (name, file) in [("reference_10k_x_60m", "tests/data/reference.ron"), ("large_10k_x_360m", "benches/large.ron")] {
        let s = load(file);
        let cfg = montecarlo::Config { paths: 10_000, ..montecarlo::Config::default() };
        g.bench_function(name, |b| {
            b.iter(|| montecarlo::run(black_box(&s), &cfg, &AtomicBool::new(false), &AtomicUsize::new(0)).map(|r| r.p_out_of_cash))
        });
    }
    g.finish();
}

fn tornado(c: &mut Criterion) {
    let s = load("benches/large.ron");
    let kpi = kpi_by_key("end_cash_usd").unwrap_or_else(|e| panic!("{e}"));
    let mut g = c.benchmark_group("sensitivity");
    g.sample_size(20);
    g.bench_function("tornado_large_8x2", |b| b.iter(|| sensitivity::tornado(black_box(&s), kpi, 0.2).map(|t| t.bars.len())));
    g.bench_function("breakeven_large", |b| b.iter(|| breakeven::breakeven(black_box(&s)).map(|b| b.cash)));
    g.finish();
}

criterion_group!(benches, monte_carlo, tornado);
criterion_main!(benches);
