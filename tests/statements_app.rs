//! The Statements view, driven through the app (issue 18): it opens from
//! the centre panel's tabs by year, shows in each line's row and each
//! period's column the figure `floe::statements` computes for the plan on
//! screen (in $ thousands, negatives in parentheses), switches to quarters
//! and months with the partial periods starred and footnoted, gives each
//! line's definition on hover, and follows an edit made in the editor.
#![cfg(feature = "gui")]

mod common;

use common::app::{app, click};
use common::{TempDir, repo_path};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use floe::app::FloeApp;
use floe::app::central::CentralView;
use floe::periods::Period;
use floe::statements::{Line, Statement, Statements, line, shown, statements};

/// The statements of the plan the app holds, by `period`, worked out by the library.
fn expected(h: &Harness<'static, FloeApp>, period: Period) -> Statements {
    let s = h.state().doc.scenario.clone();
    let p = floe::engine::project(&s).expect("the plan projects");
    statements(&s, &p, period)
}

/// The text shown in the row of line `l` and the column headed `head`
/// (the heading nearest above the row: each statement repeats the periods).
fn cell(h: &Harness<'static, FloeApp>, l: &Line, head: &str) -> Option<String> {
    // "Net income" heads the cash flow too: the income statement's is the upper one.
    let mut rows: Vec<egui::Rect> = h.query_all_by_label(l.label).map(|n| n.rect()).collect();
    rows.sort_by(|a, b| a.top().total_cmp(&b.top()));
    let row = if l.statement == Statement::Income { rows[0] } else { rows[rows.len() - 1] };
    let label = l.label;
    let column = h
        .query_all_by_label(head)
        .map(|n| n.rect())
        .filter(|r| r.center().y < row.center().y)
        .max_by(|a, b| a.center().y.total_cmp(&b.center().y))?;
    let found = h
        .query_all_by_role(Role::Label)
        .filter(|n| (n.rect().center().y - row.center().y).abs() < 3.0 && n.rect().left() > row.right())
        .filter(|n| n.rect().left() < column.right() + 1.0 && n.rect().right() > column.left() - 1.0)
        .filter_map(|n| n.accesskit_node().label().or_else(|| n.accesskit_node().value()))
        .collect::<Vec<_>>();
    assert!(found.len() <= 1, "{label} / {head}: {found:?}");
    found.into_iter().next()
}

/// The cell of `key`'s line in period `k`, as the app shows it, and as the library says it should read.
#[track_caller]
fn assert_cell(h: &Harness<'static, FloeApp>, st: &Statements, key: &str, k: usize) -> String {
    let l = line(key).unwrap();
    let want = shown(st.value(key, k).unwrap());
    let head = st.periods[k].heading();
    assert_eq!(cell(h, l, &head).as_deref(), Some(want.as_str()), "{} in {head}", l.label);
    want
}

fn open(h: &mut Harness<'static, FloeApp>) {
    click(h, "Statements");
    assert_eq!(h.state().view, CentralView::Statements);
}

#[test]
fn the_view_shows_the_libraries_figures_by_year_then_quarter_then_month() {
    let tmp = TempDir::new("statements-view");
    let mut h = app(Some(repo_path("saves/keep_buying.ron")), &tmp.0);
    assert!(h.query_by_label("Income statement").is_none(), "the charts first");
    open(&mut h);
    assert_eq!(h.state().statements_view.period, Period::Year, "by year unless asked");
    assert!(h.query_by_label("Income statement").is_some() && h.query_by_label("Cash flow").is_some());
    assert!(h.query_by_label_contains("$ thousands").is_some(), "the unit is stated");

    // By year: keep_buying starts in December 2025, so 2025 is a partial year.
    let st = expected(&h, Period::Year);
    assert_eq!(st.periods[0].heading(), "2025*");
    for k in [0, 1, 2] {
        for key in ["total_revenue_usd", "ebitda_usd", "net_income_usd", "mining_energy_usd"] {
            assert_cell(&h, &st, key, k);
        }
    }
    // A cost reads as finance staff write it.
    assert!(assert_cell(&h, &st, "mining_energy_usd", 1).starts_with('('), "a cost in parentheses");
    assert!(h.query_by_label(&st.partial_note().unwrap()).is_some(), "the partial years are footnoted");

    // By quarter: the first quarter is partial, and each figure is the quarter's.
    click(&mut h, "Quarter");
    assert_eq!(h.state().statements_view.period, Period::Quarter);
    let st = expected(&h, Period::Quarter);
    assert_eq!(st.periods[0].heading(), "2025 Q4*");
    assert_eq!(h.query_all_by_label("2026 Q1").count(), 2, "each statement's heading");
    assert!(h.query_by_label("2026").is_none(), "quarters, not years");
    for k in [0, 1, 2] {
        assert_cell(&h, &st, "ebitda_usd", k);
        assert_cell(&h, &st, "total_revenue_usd", k);
    }
    assert!(h.query_by_label(&st.partial_note().unwrap()).is_some());

    // By month: whole months, no footnote.
    click(&mut h, "Month");
    let st = expected(&h, Period::Month);
    assert_eq!(st.periods[0].heading(), "2025-12");
    assert_cell(&h, &st, "ebitda_usd", 0);
    assert_cell(&h, &st, "mining_revenue_usd", 1);
    assert!(st.partial_note().is_none() && h.query_by_label_contains("* Part of a").is_none());
}

#[test]
fn each_line_says_what_it_is_on_hover() {
    let tmp = TempDir::new("statements-hover");
    let mut h = app(Some(repo_path("saves/ai_pivot.ron")), &tmp.0);
    open(&mut h);
    for key in ["ebitda_usd", "hosting_revenue_usd"] {
        let l = line(key).unwrap();
        assert!(h.query_by_label(l.help).is_none());
        h.get_by_label(l.label).hover();
        h.run();
        assert!(h.query_by_label(l.help).is_some(), "{}: its definition on hover", l.label);
        h.remove_cursor();
        h.run();
    }
}

#[test]
fn an_edit_in_the_editor_moves_the_statements() {
    let tmp = TempDir::new("statements-edit");
    let mut h = app(Some(repo_path("saves/keep_buying.ron")), &tmp.0);
    open(&mut h);
    let before = expected(&h, Period::Year);
    let old = assert_cell(&h, &before, "total_revenue_usd", 1);
    // A higher pool fee leaves less BTC mined: less revenue, every year.
    click(&mut h, "Opex");
    h.get_by_label("Pool fee").set_value_accesskit(10.0);
    h.run();
    h.remove_cursor();
    h.run();
    assert_eq!(h.state().view, CentralView::Statements);
    let after = expected(&h, Period::Year);
    assert!(after.value("total_revenue_usd", 1).unwrap() < before.value("total_revenue_usd", 1).unwrap());
    let new = assert_cell(&h, &after, "total_revenue_usd", 1);
    assert_ne!(new, old, "the view follows the edit");
    assert_cell(&h, &after, "net_income_usd", 1);
    assert_cell(&h, &after, "ebitda_usd", 2);
}

#[test]
fn at_1024_by_768_nothing_of_the_view_is_cut() {
    let startup = floe::app::Startup { file: Some(repo_path("saves/keep_buying.ron")), ..Default::default() };
    let mut h = Harness::builder()
        .with_size([1024.0, 768.0])
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, floe::app::prefs::Prefs::default(), startup));
    h.run();
    open(&mut h);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 768.0));
    let st = expected(&h, Period::Year);
    let note = st.partial_note().unwrap();
    for label in ["Month", "Quarter", "Year", "Income statement", "2025*", "Total revenue", note.as_str()] {
        let r = h.query_all_by_label(label).next().unwrap_or_else(|| panic!("{label} is shown")).rect();
        assert!(window.contains_rect(r), "{label} at {r:?} is cut by the window");
    }
    let unit = h.get_by_label_contains("$ thousands").rect();
    assert!(window.contains_rect(unit), "the unit at {unit:?}");
}
