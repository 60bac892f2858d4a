//! Hostile scenarios of issue 8 (each once a quadratic path of the engine),
//! at the sizes the issue reported: 8,000 leases over 8,000 empty contracts,
//! 140,000 lots crossing in merit order (60 and 360 months), 50,000 loans rolled from 0001-01 to
//! 9999-12. Target: each well under 2 s.

#[path = "common/hostile.rs"]
mod hostile;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn hostile_cases(c: &mut Criterion) {
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    let cases = [
        ("leases_8000_x_empty_contracts_8000", hostile::leases_over_empty_contracts(8_000, 8_000, 60)),
        ("crossing_lots_140000", hostile::crossing_lots(140_000, 60)),
        ("crossing_lots_140000_360m", hostile::crossing_lots(140_000, 360)),
        ("ancient_loans_50000", hostile::ancient_loans(50_000)),
    ];
    for (name, s) in cases {
        g.bench_function(name, |b| b.iter(|| floe::engine::project_validated(black_box(&s))));
    }
    g.finish();
}

criterion_group!(benches, hostile_cases);
criterion_main!(benches);
