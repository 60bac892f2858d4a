//! A screenshot tour of the app for reviewing its layout by eye: every view
//! of issue 19 at 1024×768 and 1600×1000, Light and Dark, rendered through
//! egui_kittest (the same UI code and fonts as the window) into `target/tour/`.
//!
//! `cargo run --example tour [VIEW]` (then look at the PNGs; nothing is asserted here,
//! the layout tests in `tests/layout.rs` assert).

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use floe::app::commands::{Action, Command, PathPurpose};
use floe::app::prefs::{Prefs, Theme};
use floe::app::{FloeApp, Startup};
use floe::charts::Chart;
use std::path::PathBuf;

fn save(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves").join(name)
}

fn app(w: f32, h: f32, theme: Theme, plan: &str) -> Harness<'static, FloeApp> {
    let system = if theme == Theme::Light { egui::Theme::Light } else { egui::Theme::Dark };
    let path = save(plan);
    let prefs = Prefs { theme, ..Prefs::default() };
    let mut app = Harness::builder()
        .with_size([w, h])
        .with_theme(system)
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, prefs.clone(), Startup { file: Some(path), ..Default::default() }));
    app.run();
    app
}

/// Clicks a button and lets the frames settle (a view with background work,
/// the Risk view, may keep repainting on a busy machine: that is no error here).
fn click(app: &mut Harness<'static, FloeApp>, label: &str) {
    app.get_by_role_and_label(Role::Button, label).click();
    app.run_ok();
    app.remove_cursor();
    app.run_ok();
}

/// Steps frames until the Risk view's background figures are in.
fn settle(app: &mut Harness<'static, FloeApp>) {
    let start = std::time::Instant::now();
    app.step();
    while app.state().risk_view.updating() && start.elapsed().as_secs() < 120 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.step();
    }
    app.step();
    app.run_ok();
}

fn main() {
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tour");
    std::fs::create_dir_all(&out).expect("target/tour");
    type View = (&'static str, &'static str, fn(&mut Harness<'static, FloeApp>));
    let views: [View; 10] = [
        ("share", "ai_pivot.ron", |_| {}),
        ("fleet_editor", "keep_buying.ron", |a| click(a, "Fleet")),
        ("market_editor", "ai_pivot.ron", |a| click(a, "Market")),
        ("leverage", "keep_buying.ron", |a| click(a, Chart::Leverage.title())),
        ("compare", "ai_pivot.ron", |a| {
            a.state_mut().command(Command::PathChosen(PathPurpose::AddPlan, save("keep_buying.ron")));
            a.run();
            click(a, "Compare");
        }),
        ("risk", "ai_pivot.ron", |a| {
            a.state_mut().risk_view.monte_carlo.auto = false;
            click(a, "Risk");
            settle(a);
        }),
        ("returns", "keep_buying.ron", |a| click(a, "Returns")),
        ("statements", "keep_buying.ron", |a| click(a, "Statements")),
        ("review_inputs", "ai_pivot.ron", |a| {
            a.state_mut().command(Action::ToggleReview);
            a.run();
            click(a, "Show the inputs (read-only editor)");
        }),
        ("review_report", "ai_pivot.ron", |a| {
            a.state_mut().command(Action::ToggleReview);
            a.run();
        }),
    ];
    // `cargo run --example tour -- fleet` renders the views whose name contains "fleet".
    let only = std::env::args().nth(1).unwrap_or_default();
    for (view, plan, go) in views.into_iter().filter(|v| v.0.contains(only.as_str())) {
        for (w, h) in [(1024.0, 768.0), (1600.0, 1000.0)] {
            for theme in [Theme::Light, Theme::Dark] {
                let mut a = app(w, h, theme, plan);
                go(&mut a);
                let name = format!("{view}_{w}x{h}_{theme:?}.png").to_lowercase();
                match a.render() {
                    Ok(img) => match img.save(out.join(&name)) {
                        Ok(()) => println!("wrote target/tour/{name}"),
                        Err(e) => eprintln!("{name}: {e}"),
                    },
                    Err(e) => eprintln!("{name}: {e}"),
                }
            }
        }
    }
}
