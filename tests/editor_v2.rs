//! The format-2 inputs in the app: a lot's deposits edited under the fleet
//! table, a new lot's sourced payment terms, and the notice that saving
//! moved a plan read in an older format to format 2 (said once).
#![cfg(feature = "gui")]

mod common;

use common::app::{app, click, command};
use common::{TempDir, repo_path};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use floe::app::FloeApp;
use floe::app::commands::Action;
use floe::model::Deposit;

fn terms(d: &[Deposit]) -> Vec<(i64, f64)> {
    d.iter().map(|x| (x.months_before, x.fraction)).collect()
}

/// Sets the number input labelled `label`, then moves the pointer away.
fn set(h: &mut Harness<'static, FloeApp>, label: &str, v: f64) {
    h.get_by_label(label).set_value_accesskit(v);
    h.run();
    h.remove_cursor();
    h.run();
}

fn deposits(h: &Harness<'static, FloeApp>, lot: usize) -> Vec<(i64, f64)> {
    terms(&h.state().doc.scenario.fleet[lot].deposits)
}

#[test]
fn a_lots_deposits_are_edited_under_the_fleet_table() {
    let tmp = TempDir::new("editor-v2-deposits");
    let mut h = app(Some(repo_path("tests/data/reference.ron")), &tmp.0);
    click(&mut h, "Fleet");
    assert!(deposits(&h, 0).is_empty(), "a format-1 lot has no deposits");
    assert!(h.query_by_label("Add deposit (lot 1)").is_none(), "the deposits editor starts closed");
    // The lot's cell opens its deposits (focused first, as Tab would: the table scrolls to it).
    h.get_by_label("Deposits (lot 1)").focus();
    h.run();
    h.get_by_label("Deposits (lot 1)").click();
    h.run();
    click(&mut h, "Add deposit (lot 1)");
    assert_eq!(deposits(&h, 0), vec![(1, 0.1)]);
    set(&mut h, "Months before (lot 1, deposit 1)", 4.0);
    set(&mut h, "Share of price (lot 1, deposit 1)", 30.0);
    let d = deposits(&h, 0);
    assert_eq!(d[0].0, 4);
    assert!((d[0].1 - 0.3).abs() < 1e-12, "{d:?}");
    // The sourced schedule in one click, then one deposit removed.
    click(&mut h, "Bitmain 2021 terms (lot 1)");
    assert_eq!(deposits(&h, 0), terms(&floe::defaults::deposits()));
    click(&mut h, "Remove deposit (lot 1, deposit 2)");
    assert_eq!(deposits(&h, 0), vec![(7, 0.25), (1, 0.40)]);
    assert!(h.query_by_label_contains("Paid before delivery: 65 % · on delivery").is_some(), "what is paid before delivery");
    assert!(h.query_by_label_contains("): 35 %").is_some(), "the rest is paid on delivery");
    // The projection follows: the deposits are capex before the deploy month.
    assert!(h.state().live.problems.is_empty());
    assert_eq!(h.state().live.projection.as_ref().unwrap(), &floe::engine::project(&h.state().doc.scenario).unwrap());
    click(&mut h, "No deposits (lot 1)");
    assert!(deposits(&h, 0).is_empty());
    click(&mut h, "Close deposits (lot 1)");
    assert!(h.query_by_label("Add deposit (lot 1)").is_none(), "closed");
}

#[test]
fn a_new_lot_is_ordered_now_on_bitmains_2021_terms_and_sold_at_retirement() {
    let tmp = TempDir::new("editor-v2-new-lot");
    let mut h = app(Some(repo_path("tests/data/reference.ron")), &tmp.0);
    click(&mut h, "Fleet");
    h.get_by_role_and_label(Role::Button, "+ Blank lot").click();
    h.run();
    let s = &h.state().doc.scenario;
    let lot = s.fleet.last().unwrap();
    assert_eq!(terms(&lot.deposits), vec![(7, 0.25), (6, 0.35), (1, 0.40)]);
    assert!(lot.sold_at_retirement);
    assert_eq!(lot.deploy_month, s.start_month.offset(floe::defaults::LOT_LEAD_MONTHS), "signed in the first month");
    assert!(h.state().live.problems.is_empty());
}

#[test]
fn saving_a_plan_read_in_format_1_says_once_that_it_is_now_format_2() {
    let tmp = TempDir::new("editor-v2-notice");
    let file = tmp.path("plan.ron");
    std::fs::copy(repo_path("tests/data/reference.ron"), &file).unwrap();
    let mut h = app(Some(file.clone()), &tmp.0);
    assert_eq!(h.state().notice, None);
    command(&mut h, Action::Save);
    let notice = h.state().notice.clone().expect("a notice after saving a format-1 plan");
    assert!(notice.contains("was format 1") && notice.contains("format 2"), "{notice}");
    assert!(h.query_by_label_contains("now saved in format 2").is_some(), "the notice is on screen");
    assert!(std::fs::read_to_string(&file).unwrap().contains("format_version: 2"));
    click(&mut h, "Dismiss");
    assert_eq!(h.state().notice, None);
    // Once: the next save says nothing.
    command(&mut h, Action::Save);
    assert_eq!(h.state().notice, None, "said once");
    // A plan already in format 2 is saved without a notice.
    let v2 = tmp.path("v2.ron");
    std::fs::copy(repo_path("tests/data/reference_v2.ron"), &v2).unwrap();
    command(&mut h, floe::app::commands::Command::OpenPath(v2));
    command(&mut h, Action::Save);
    assert_eq!(h.state().notice, None);
}
