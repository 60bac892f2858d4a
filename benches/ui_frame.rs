//! CPU cost of one app frame (layout, editor, KPI cards, charts; no GPU
//! rendering) on the largest shipped scenario, through the egui_kittest
//! harness. Target: ≤ 8 ms per frame. Each chart tab is measured, since the
//! tab decides what is drawn.

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use floe::app::prefs::Prefs;
use floe::app::tabs::ChartTab;
use floe::app::{FloeApp, Startup};
use floe::charts::Chart;
use std::path::{Path, PathBuf};

/// The shipped scenario with the most lots (ties: the longest file).
fn largest_save() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
    let mut best: Option<(usize, u64, PathBuf)> = None;
    for entry in std::fs::read_dir(&dir).expect("saves/").flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "ron")
            && let Ok(s) = floe::io::load_scenario(&p)
        {
            let key = (s.fleet.len(), entry.metadata().map_or(0, |m| m.len()), p);
            if best.as_ref().is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
                best = Some(key);
            }
        }
    }
    best.expect("a scenario in saves/").2
}

fn frame(c: &mut Criterion) {
    let path = largest_save();
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), Startup { file: Some(path), ..Default::default() }));
    h.run();
    for tab in ChartTab::ALL {
        h.state_mut().prefs.chart_tab = tab;
        h.run();
        c.bench_function(&format!("app_frame/{tab:?}"), |b| b.iter(|| h.step()));
    }
    // A frame after an edit: validation and a full projection run too.
    h.state_mut().prefs.chart_tab = ChartTab::Chart(Chart::Fleet);
    let mut fee = 0.01;
    c.bench_function("app_frame/edit_then_Fleet", |b| {
        b.iter(|| {
            fee = if fee == 0.01 { 0.02 } else { 0.01 };
            h.state_mut().doc.scenario.opex.pool_fee = fee;
            h.step();
        })
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
