//! CPU cost of one app frame with the Risk tab open on `benches/large.ron`
//! (360 months, 200 lots), through the egui_kittest harness: right after an
//! edit (the frame in which the user's keystroke lands), from an edit to
//! the edited plan's figures on screen, and when nothing changed. Monte Carlo's own reruns are switched off: it already runs in
//! the background.

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use floe::app::central::CentralView;
use floe::app::prefs::Prefs;
use floe::app::{FloeApp, Startup};
use std::path::Path;
use std::time::Duration;

fn frame(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/large.ron");
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), Startup { file: Some(path), ..Default::default() }));
    h.state_mut().risk_view.monte_carlo.auto = false;
    h.state_mut().view = CentralView::Risk;
    for _ in 0..3 {
        h.step();
    }
    let mut g = c.benchmark_group("risk_frame");
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    let mut fee = 0.01;
    g.bench_function("edit", |b| {
        b.iter(|| {
            fee = if fee == 0.01 { 0.02 } else { 0.01 };
            h.state_mut().doc.scenario.opex.pool_fee = fee;
            h.step();
        })
    });
    // From an edit to the figures of the edited plan on screen (frames
    // stepped while the background work runs).
    g.bench_function("edit_until_current", |b| {
        b.iter(|| {
            fee = if fee == 0.01 { 0.02 } else { 0.01 };
            h.state_mut().doc.scenario.opex.pool_fee = fee;
            h.step();
            while h.state().risk_view.updating() {
                std::thread::sleep(Duration::from_micros(200));
                h.step();
            }
        })
    });
    // Let any work under way finish before timing still frames.
    std::thread::sleep(Duration::from_secs(2));
    for _ in 0..3 {
        h.step();
    }
    g.bench_function("still", |b| b.iter(|| h.step()));
    g.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
