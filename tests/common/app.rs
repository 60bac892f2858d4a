//! Driving the app in tests (egui_kittest): the app on a file with its
//! autosave in a scratch folder and no native dialogs, commands as the menus
//! send them, and clicks on buttons by their label.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use floe::app::commands::Command;
use floe::app::prefs::Prefs;
use floe::app::{FloeApp, Startup};
use std::path::{Path, PathBuf};

/// The app on `file` at 1600×1000, its autosave in `data_dir`, no native dialogs.
pub fn app(file: Option<PathBuf>, data_dir: &Path) -> Harness<'static, FloeApp> {
    let startup = Startup { file, reopen_last: false, data_dir: Some(data_dir.to_owned()), no_native_dialogs: true };
    let mut h =
        Harness::builder().with_size([1600.0, 1000.0]).build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), startup));
    h.run();
    h
}

/// Queues a command as a menu would, and runs the frames it takes.
pub fn command(h: &mut Harness<'static, FloeApp>, c: impl Into<Command>) {
    h.state_mut().command(c);
    h.run();
}

/// Clicks the button labelled `label`.
pub fn click(h: &mut Harness<'static, FloeApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

/// Masks the status bar's projection time for a snapshot: it changes from
/// run to run, and so does its width ("37 µs", "1204 µs"). The label is
/// right-aligned, so the mask reaches well to the left of where it ends.
pub fn mask_timing(h: &mut Harness<'static, FloeApp>) {
    if let Some(r) = h.query_by_label_contains("projected in").map(|n| n.rect()) {
        h.mask(egui::Rect::from_min_max(egui::pos2(r.right() - 260.0, r.top() - 2.0), egui::pos2(r.right() + 2.0, r.bottom() + 2.0)));
    }
}

/// Draws a frame (the Risk view sees the plan as it is now), then steps
/// frames until its background figures are for that plan, then draws once more.
pub fn settle_risk(h: &mut Harness<'static, FloeApp>) {
    use std::time::{Duration, Instant};
    h.step();
    let start = Instant::now();
    while h.state().risk_view.updating() {
        assert!(start.elapsed() < Duration::from_secs(120), "the risk figures never settled");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.step();
}

/// The cash breakeven sentence a user should read for `b`, written here
/// independently of the app's own wording code.
pub fn cash_breakeven_words(b: &floe::analysis::breakeven::Breakeven) -> String {
    use floe::analysis::breakeven::{MAX_MULTIPLE, Multiple};
    let usd = floe::units::usd;
    match b.cash {
        Multiple::At(x) => format!(
            "Cash stays at or above zero at {x:.2}× the plan's price path: {} in the first month, {} on average over the horizon.",
            usd(x * b.plan_first_usd),
            usd(x * b.plan_mean_usd)
        ),
        Multiple::Zero => "Cash stays at or above zero at 0× the plan's price path: holds even with no BTC revenue at all.".to_owned(),
        Multiple::Never => format!("Cash stays at or above zero at no price up to {MAX_MULTIPLE}× the plan's path."),
    }
}
