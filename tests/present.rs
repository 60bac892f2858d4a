//! Presentation mode and sharing in the real app (egui_kittest, 1024×768 as a
//! projector): F11 opens the title slide with the menus and editor hidden,
//! arrows move between charts, Esc returns; the export menu's functions write
//! chart PNGs and the report; Copy table/chart never panic without a clipboard.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use floe::app::commands::Action;
use floe::app::prefs::Prefs;
use floe::app::present::{Presenter, Slide};
use floe::app::tabs::ChartTab;
use floe::app::{FloeApp, Startup};
use floe::charts::Chart;

mod common;
use common::{TempDir, repo_path};

fn app(plan: &str) -> Harness<'static, FloeApp> {
    let path = repo_path(plan);
    let mut h = Harness::builder().with_size([1024.0, 768.0]).build_eframe(move |cc| {
        FloeApp::new(&cc.egui_ctx, Prefs::default(), Startup { file: Some(path), no_native_dialogs: true, ..Default::default() })
    });
    h.run();
    h
}

fn key(h: &mut Harness<'static, FloeApp>, k: egui::Key) {
    h.key_press(k);
    h.run();
}

#[test]
fn f11_presents_arrows_move_between_charts_and_esc_returns() {
    let mut h = app("saves/ai_pivot.ron");
    let name = h.state().doc.scenario.name.clone();
    assert!(h.query_by_label("File").is_some(), "menu bar before");
    key(&mut h, egui::Key::F11);
    assert_eq!(h.state().present, Some(Presenter { index: 0 }));
    assert!(h.query_by_label("File").is_none(), "menus hidden while presenting");
    assert!(h.query_by_label("Scenario").is_none() && h.query_by_label("Fleet").is_none(), "editor hidden");
    assert!(h.query_by_label(&name).is_some(), "title slide shows the plan's name");
    assert_eq!(h.state().present.as_ref().unwrap().slide(), Slide::Title);

    key(&mut h, egui::Key::ArrowRight);
    assert_eq!(h.state().present.as_ref().unwrap().slide(), Slide::Chart(Chart::Share));
    assert!(h.query_all_by_label("Hashrate share").next().is_some(), "the chart's title is on the slide");
    // A live slide names its source, and is not "exported".
    assert!(h.query_by_label("floe, ai_pivot.ron").is_some(), "the slide's source line is missing");
    assert!(h.query_by_label_contains("exported").is_none(), "a live slide says it was exported");
    key(&mut h, egui::Key::ArrowRight);
    assert_eq!(h.state().present.as_ref().unwrap().slide(), Slide::Chart(Chart::Revenue));
    key(&mut h, egui::Key::ArrowLeft);
    assert_eq!(h.state().present.as_ref().unwrap().slide(), Slide::Chart(Chart::Share));
    for _ in 0..10 {
        key(&mut h, egui::Key::ArrowRight);
    }
    assert_eq!(h.state().present.as_ref().unwrap().slide(), Slide::Chart(Chart::Fleet), "stops at the last chart");

    key(&mut h, egui::Key::Escape);
    assert_eq!(h.state().present, None);
    assert!(h.query_by_label("File").is_some(), "menu bar back");
}

#[test]
fn the_slide_buttons_move_and_leave() {
    let mut h = app("saves/ice_cube.ron");
    h.state_mut().command(Action::Present);
    h.run();
    h.get_by_label("Next").click();
    h.run();
    assert_eq!(h.state().present, Some(Presenter { index: 1 }));
    h.get_by_label("Previous").click();
    h.run();
    assert_eq!(h.state().present, Some(Presenter { index: 0 }));
    h.get_by_label("Leave presentation").click();
    h.run();
    assert_eq!(h.state().present, None);
}

#[test]
fn export_functions_write_chart_pngs_and_the_report() {
    let tmp = TempDir::new("present-export");
    let mut h = app("saves/keep_buying.ron");
    h.state_mut().prefs.chart_tab = ChartTab::Chart(Chart::Cash);
    let app = h.state();
    for (scale, size) in [(1, (960, 540)), (2, (1920, 1080))] {
        let path = tmp.path(&format!("cash{scale}.png"));
        app.export_chart_file(&path, scale).unwrap();
        let img = floe::export::png::decode(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!((img.width, img.height), size);
        assert!(img.distinct_colours(64) >= 16);
    }
    let pdf = tmp.path("report.pdf");
    app.export_report_file(&pdf).unwrap();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let png = tmp.path("report.png");
    app.export_report_file(&png).unwrap();
    let img = floe::export::png::decode(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!(img.width, 1588);
}

#[test]
fn copy_table_is_the_kpi_table_on_a_chart_tab_and_the_monthly_table_on_the_table_tab() {
    let mut h = app("saves/ai_pivot.ron");
    let p = h.state().live.projection.clone().unwrap();
    h.state_mut().prefs.chart_tab = ChartTab::Chart(Chart::Revenue);
    assert_eq!(h.state().table_tsv(), Some(("KPI table", floe::tabular::kpi_tsv(&p))));
    h.state_mut().prefs.chart_tab = ChartTab::Table;
    assert_eq!(h.state().table_tsv(), Some(("monthly table", floe::tabular::monthly_tsv(&p))));
    // Without a clipboard (tests, Xvfb) copying is a notice, not a panic.
    for a in [Action::CopyTable, Action::CopyChart] {
        h.state_mut().notice = None;
        h.state_mut().command(a);
        h.run();
        let notice = h.state().notice.clone().unwrap_or_default();
        assert!(notice.starts_with("Copied") || notice.starts_with("Could not copy"), "{a:?}: {notice:?}");
    }
}

#[test]
fn review_mode_opens_on_the_report_with_the_read_only_editor_one_click_away() {
    let mut h = app("saves/ai_pivot.ron");
    assert!(h.query_by_label("Show the inputs (read-only editor)").is_none(), "no report view while editing");
    h.state_mut().command(Action::ToggleReview);
    h.run();
    assert!(h.state().showing_report());
    assert!(h.query_by_label("Key assumptions").is_some() && h.query_by_label("Summary figures").is_some());
    assert!(h.query_by_label("Total EBITDA").is_some(), "the KPI table is on the report");
    assert!(h.query_by_role_and_label(Role::Button, "Opex").is_none(), "the editor is hidden on the report");
    h.get_by_label("Show the inputs (read-only editor)").click();
    h.run();
    assert!(!h.state().showing_report() && h.state().read_only);
    assert!(h.query_by_role_and_label(Role::Button, "Opex").is_some(), "the editor is shown");
    h.get_by_label("Back to the report").click();
    h.run();
    assert!(h.state().showing_report());
}

#[test]
fn a_right_click_on_the_chart_opens_its_export_menu() {
    let mut h = app("saves/ai_pivot.ron");
    h.state_mut().prefs.show_editor = false;
    h.run();
    assert!(h.query_by_label("Export chart as PNG (2×)…").is_none());
    let (at, release) = (egui::pos2(600.0, 600.0), egui::Modifiers::NONE);
    let input = &mut h.input_mut().events;
    input.push(egui::Event::PointerMoved(at));
    for pressed in [true, false] {
        input.push(egui::Event::PointerButton { pos: at, button: egui::PointerButton::Secondary, pressed, modifiers: release });
    }
    h.run();
    h.get_by_label("Copy table").click();
    h.run();
    let notice = h.state().notice.clone().unwrap_or_default();
    assert!(notice.contains("KPI table") || notice.starts_with("Could not copy"), "{notice:?}");
}
