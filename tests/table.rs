//! The monthly table as a financial statement, driven through the real app:
//! header bands, quarterly and annual subtotal rows, and the period column
//! that stays in view when the figures scroll sideways.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use floe::app::prefs::Prefs;
use floe::app::tabs::ChartTab;
use floe::app::{FloeApp, Startup};
use floe::periods::{Period, roll_up};
use std::path::PathBuf;

fn table_of(file: &str, size: [f32; 2]) -> Harness<'static, FloeApp> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves").join(file);
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), Startup { file: Some(path), ..Default::default() }));
    h.run();
    // The tab row may be cut at 1024 px (the layout's business): choose the tab as a click would.
    h.state_mut().prefs.chart_tab = ChartTab::Table;
    h.run();
    h
}

fn first_month(h: &Harness<'static, FloeApp>) -> String {
    h.state().live.projection.as_ref().expect("projected").months[0].month_label()
}

#[test]
fn the_header_bands_group_the_columns_and_set_the_network_apart() {
    let h = table_of("ai_pivot.ron", [1600.0, 1000.0]);
    for band in ["Market", "Operations", "Income statement", "Cash and debt", "Risk", "Network (all miners)"] {
        assert!(h.query_by_label_contains(&format!("│ {band}")).is_some(), "band {band:?} is shown");
    }
    // The column names and units are people's words, not CSV keys.
    assert!(h.query_by_label_contains("Mining revenue").is_some());
    assert!(h.query_by_label_contains("USD per month").is_some());
    assert!(h.query_by_label_contains("mining_revenue_usd").is_none());
}

#[test]
fn quarterly_and_annual_views_show_the_subtotal_rows() {
    let mut h = table_of("ai_pivot.ron", [1600.0, 1000.0]);
    let months = h.state().live.projection.as_ref().unwrap().months.clone();
    let quarters = roll_up(&months, Period::Quarter);
    assert!(h.query_by_label_contains(&quarters[0].label).is_none(), "monthly view first");

    h.get_by_role_and_label(Role::Button, "Quarterly").click();
    h.run();
    let q1 = &quarters[0];
    let star = if q1.partial(Period::Quarter) { "*" } else { "" };
    assert!(h.query_by_label_contains(&format!("{}{star} ", q1.label)).is_some(), "first quarter row {}", q1.label);
    assert!(h.query_by_label_contains("USD per quarter").is_some(), "units follow the period");
    // The row's figures are the quarter's: the sum of its months' mining revenue, as shown in the cell.
    let col = floe::schema::column("mining_revenue_usd").unwrap();
    let sum: f64 = months.iter().take(q1.months).map(|m| m.mining_revenue_usd).sum();
    let shown = col.show(Some(sum));
    assert!(h.query_all_by_label_contains(&shown).count() >= 1, "quarter sum {shown} is in a row");

    h.get_by_role_and_label(Role::Button, "Annual").click();
    h.run();
    let years = roll_up(&months, Period::Year);
    assert!(h.query_by_label_contains("USD at year end").is_some());
    let y = &years[1]; // a full calendar year
    assert!(!y.partial(Period::Year));
    assert!(h.query_by_label_contains(&format!("{} ", y.label)).is_some(), "year row {}", y.label);
}

#[test]
fn the_month_column_stays_in_view_when_the_figures_scroll_right() {
    let mut h = table_of("ice_cube.ron", [1024.0, 768.0]);
    let month = first_month(&h);
    if std::env::var("TABLE_SHOT").is_ok() {
        h.render().unwrap().save("/tmp/table-kt.png").unwrap();
    }
    let row_before = h.get_by_label_contains("│ Market").rect(); // the band line scrolls with the figures
    let month_before = h.get_by_label_contains(&format!("{month} ")).rect();
    for _ in 0..12 {
        h.get_by_label_contains(&format!("{month} ")).scroll_left(); // egui's ScrollLeft moves the content left: the columns further right come into view
        h.run();
    }
    if std::env::var("TABLE_SHOT").is_ok() {
        h.render().unwrap().save("/tmp/table-kt-scrolled.png").unwrap();
    }
    let row_after = h.get_by_label_contains("│ Market").rect();
    let month_after = h.get_by_label_contains(&format!("{month} ")).rect();
    assert!(row_after.left() < row_before.left() - 300.0, "the figures scrolled: {row_before:?} → {row_after:?}");
    assert!((month_after.left() - month_before.left()).abs() < 1.0, "the month stays put: {month_before:?} → {month_after:?}");
    assert!(month_after.left() >= 0.0 && month_after.right() <= 1024.0);
}
