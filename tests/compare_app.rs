//! Several plans open at once: plans added beside the edited one, shown or
//! hidden, swapped into the editor through the unsaved-changes guard, and
//! closed, driven through the app.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use floe::app::FloeApp;
use floe::app::commands::{Action, Command, PathPurpose};
use floe::app::dialogs::Dialog;
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::app::{click, command};
use common::{TempDir, repo_path};

fn app(file: PathBuf, data_dir: &Path) -> egui_kittest::Harness<'static, FloeApp> {
    common::app::app(Some(file), data_dir)
}

/// Copies of the two worked examples in a scratch folder.
fn two_plans(tmp: &TempDir) -> (PathBuf, PathBuf) {
    let a = tmp.0.join("reference.ron");
    let b = tmp.0.join("stress.ron");
    fs::copy(repo_path("tests/data/reference.ron"), &a).unwrap();
    fs::copy(repo_path("tests/data/stress.ron"), &b).unwrap();
    (a, b)
}

#[test]
fn a_plan_added_through_the_file_menu_opens_beside_the_edited_one() {
    let tmp = TempDir::new("compare-add");
    let (a, b) = two_plans(&tmp);
    let mut h = app(a.clone(), &tmp.0);
    assert!(h.query_by_label("Comparison").is_none(), "no plan bar with one plan");
    command(&mut h, Action::AddPlan);
    h.get_by_label("Path").set_text_value_accesskit(&b.display().to_string());
    h.run();
    click(&mut h, "Open");
    let s = h.state();
    assert_eq!(s.plans.others.len(), 1);
    assert_eq!(s.doc.path.as_deref(), Some(a.as_path()), "the edited plan changed");
    let other = &s.plans.others[0];
    assert_eq!(*other.projection, floe::engine::project(&floe::io::load_scenario(&b).unwrap()).unwrap());
    let title = other.title();
    assert!(title.contains("stress.ron"), "{title}");
    // The bar shows it, ticked (shown on the charts); unticking hides it.
    h.get_by_role_and_label(Role::CheckBox, &title).click();
    h.run();
    assert!(!h.state().plans.others[0].shown);
    // Adding it again refreshes it instead of opening it twice.
    command(&mut h, Command::PathChosen(PathPurpose::AddPlan, b.clone()));
    assert_eq!(h.state().plans.others.len(), 1);
    // The edited plan's own file is not added beside itself.
    command(&mut h, Command::PathChosen(PathPurpose::AddPlan, a.clone()));
    assert!(matches!(&h.state().dialog, Some(Dialog::Error { title, .. }) if title == "Already open"));
    assert_eq!(h.state().plans.others.len(), 1);
}

#[test]
fn a_plan_that_cannot_be_read_is_reported_and_nothing_changes() {
    let tmp = TempDir::new("compare-bad");
    let (a, _) = two_plans(&tmp);
    let bad = tmp.0.join("bad.ron");
    fs::write(&bad, fs::read_to_string(&a).unwrap().replacen("uptime: 0.96", "uptime: 1.5", 1)).unwrap();
    let mut h = app(a, &tmp.0);
    let before = h.state().doc.scenario.clone();
    command(&mut h, Command::PathChosen(PathPurpose::AddPlan, bad.clone()));
    match &h.state().dialog {
        Some(Dialog::Error { message, .. }) => {
            assert!(message.contains("bad.ron") && message.contains("uptime"), "{message}");
            // Every problem, worded as a headless load words it.
            assert_eq!(message, &floe::io::load_scenario(&bad).unwrap_err().to_string());
        }
        other => panic!("no error: {other:?}"),
    }
    assert!(h.state().plans.others.is_empty());
    assert_eq!(h.state().doc.scenario, before);
}

#[test]
fn edit_swaps_the_plans_through_the_unsaved_changes_guard() {
    let tmp = TempDir::new("compare-swap");
    let (a, b) = two_plans(&tmp);
    let mut h = app(a.clone(), &tmp.0);
    command(&mut h, Command::PathChosen(PathPurpose::AddPlan, b.clone()));
    let on_disk_a = floe::io::load_scenario(&a).unwrap();
    h.state_mut().doc.scenario.opex.pool_fee = 0.033;
    h.run();
    click(&mut h, "Edit plan");
    assert!(matches!(h.state().dialog, Some(Dialog::Unsaved { .. })), "unsaved edits were not guarded");
    click(&mut h, "Discard");
    let s = h.state();
    assert_eq!(s.doc.path.as_deref(), Some(b.as_path()));
    assert!(!s.doc.dirty());
    assert!(s.live.projection.is_some());
    // The plan that left the editor stays open beside it, as saved in its file.
    assert_eq!(s.plans.others.len(), 1);
    assert_eq!(s.plans.others[0].path, a);
    assert_eq!(s.plans.others[0].scenario, on_disk_a);
    // Closing it leaves the file alone and the bar goes away.
    click(&mut h, "🗙");
    assert!(h.state().plans.others.is_empty());
    assert_eq!(floe::io::load_scenario(&a).unwrap(), on_disk_a);
    assert!(h.query_by_label("Comparison").is_none());
}

#[test]
fn a_plan_beside_is_drawn_on_every_chart_and_compared_figure_by_figure() {
    let tmp = TempDir::new("compare-view");
    let (a, b) = two_plans(&tmp);
    let mut h = app(a, &tmp.0);
    command(&mut h, Command::PathChosen(PathPurpose::AddPlan, b));
    let title = h.state().plans.others[0].title();
    // Every chart has the other plan's line, named in its legend.
    for tab in floe::charts::Chart::ALL {
        click(&mut h, tab.title());
        let what = tab.headline().name;
        assert!(h.query_by_label(&format!("{title}: {what}")).is_some(), "{tab:?}: no legend entry for the other plan");
    }
    // Hidden, it leaves the charts.
    h.get_by_role_and_label(Role::CheckBox, &title).click();
    h.run();
    assert!(h.query_by_label(&format!("{title}: cash")).is_none());
    h.get_by_role_and_label(Role::CheckBox, &title).click();
    h.run();
    // The comparison: each KPI of both plans, what changed in words, the bridge.
    click(&mut h, "Compare");
    assert_eq!(h.state().view, floe::app::central::CentralView::Compare);
    let (pa, pb) = (h.state().live.projection.clone().unwrap(), h.state().plans.others[0].projection.clone());
    for kpi in &floe::schema::KPIS[..6] {
        assert!(h.query_by_label(kpi.label).is_some(), "no row for {}", kpi.label);
        assert!(h.query_all_by_label(&kpi.show(&pa.kpis)).count() >= 1, "{}: this plan's value missing", kpi.label);
        assert!(h.query_all_by_label(&kpi.show(&pb.kpis)).count() >= 1, "{}: the other plan's value missing", kpi.label);
    }
    // Copy table copies the comparison here.
    let (what, tsv) = h.state().table_tsv().unwrap();
    assert_eq!(what, "comparison table");
    assert!(tsv.lines().next().unwrap().contains(&format!("{title}: difference %")), "{tsv}");
    let changed = floe::analysis::compare::what_changed(&h.state().doc.scenario, &h.state().plans.others[0].scenario);
    assert!(!changed.is_empty());
    let shown = format!("• {}", changed[0].replace('→', "➡"));
    assert!(h.query_by_label(&shown).is_some(), "what changed is not listed: {shown}");
    // The bridge's steps add up to the difference shown as its total.
    let bridge = floe::analysis::compare::bridge(
        &h.state().doc.scenario,
        &h.state().plans.others[0].scenario,
        floe::analysis::kpi_by_key(floe::analysis::DEFAULT_KPI).unwrap(),
    );
    match bridge {
        Ok(b) => assert!(h.query_by_label_contains("Total: ").is_some(), "no bridge total for {b:?}"),
        Err(why) => assert!(h.query_by_label(&format!("No bridge: {why}.")).is_some(), "no reason shown: {why}"),
    }
}
