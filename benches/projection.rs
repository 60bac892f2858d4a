//! Projection speed: the shared reference scenario (target ≤ 50 µs) and the
//! 360-month load scenario `benches/large.ron` (target ≤ 1 ms), each a full
//! projection from scratch; and `benches/large_spare_power.ron`, the same
//! plan with power to spare (the dispatch runs nearly every lot).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn load(rel: &str) -> floe::model::Scenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    floe::io::load_scenario(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn projection(c: &mut Criterion) {
    for (name, file) in [
        ("reference", "tests/data/reference.ron"),
        ("large_360m_200lots", "benches/large.ron"),
        ("large_spare_power", "benches/large_spare_power.ron"),
    ] {
        let s = load(file);
        c.bench_function(&format!("project/{name}"), |b| b.iter(|| floe::engine::project_validated(black_box(&s))));
    }
}

criterion_group!(benches, projection);
criterion_main!(benches);
