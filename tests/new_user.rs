//! A new user's first minutes: the shipped examples open from the File menu
//! wherever floe is installed (as untitled copies, behind the unsaved-changes
//! guard), and an empty plan says what to do instead of drawing flat lines.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use floe::app::commands::Command;
use floe::app::dialogs::Dialog;
use floe::examples;

mod common;
use common::TempDir;
use common::app::{app, command};

#[test]
fn file_open_example_opens_an_untitled_copy_of_the_shipped_plan() {
    let tmp = TempDir::new("new-user-example");
    let mut h = app(None, &tmp.0);
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Open example").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "keep_buying.ron").click();
    h.run();
    let want = examples::ALL.iter().find(|e| e.file == "keep_buying.ron").unwrap().scenario().unwrap();
    assert_eq!(h.state().doc.scenario, want, "the example on screen is the shipped file");
    assert_eq!(h.state().doc.path, None, "untitled: Save asks where, the example itself is never overwritten");
    assert!(!h.state().doc.dirty());
    assert!(h.state().live.projection.is_some(), "its charts are drawn at once");
    let name = h.get_by_label("Name").accesskit_node().value().map(|v| v.to_string());
    assert!(name.is_some_and(|n| n.starts_with("Keep buying")), "its name is in the editor");
}

#[test]
fn opening_an_example_over_unsaved_edits_asks_first() {
    let tmp = TempDir::new("new-user-guard");
    let mut h = app(None, &tmp.0);
    h.state_mut().doc.scenario.name = "My own plan".into();
    h.run();
    command(&mut h, Command::OpenExample(0));
    assert!(matches!(h.state().dialog, Some(Dialog::Unsaved { .. })), "unsaved edits were not guarded");
    assert_eq!(h.state().doc.scenario.name, "My own plan", "nothing replaced before the user answers");
}

#[test]
fn an_empty_plan_says_what_to_do_and_leads_to_the_fleet() {
    let tmp = TempDir::new("new-user-empty");
    let mut h = app(None, &tmp.0);
    command(&mut h, floe::app::commands::Action::New);
    assert!(h.state().doc.scenario.fleet.is_empty() && h.state().doc.scenario.hosting.is_empty());
    let hint = "no machines and no hosting lease yet";
    assert!(h.query_by_label_contains(hint).is_some(), "the empty plan explains its flat curves");
    h.get_by_role_and_label(Role::Button, "Add machines (Fleet)").click();
    h.run();
    assert_eq!(h.state().prefs.editor.section, floe::app::editor::Section::Fleet);
    // Once a lot is added the hint goes.
    h.get_by_role_and_label(Role::Button, "+ Blank lot").click();
    h.run();
    assert_eq!(h.state().doc.scenario.fleet.len(), 1);
    assert!(h.query_by_label_contains(hint).is_none(), "a plan with machines shows its charts without the hint");
}

#[test]
fn amounts_read_as_finance_writes_them() {
    let tmp = TempDir::new("new-user-dollars");
    let mut h = app(Some(common::repo_path("saves/ice_cube.ron")), &tmp.0);
    h.get_by_label("Financing").click();
    h.run();
    // The share price path's start: "$9.00", not "9.00 $"; opening BTC with a separator.
    assert!(h.query_by_value("$9.00").is_some(), "the share price reads $9.00");
    assert!(h.query_by_value("9.00 $").is_none());
    assert!(h.query_by_value("1,500 BTC").is_some(), "opening BTC reads 1,500 BTC");
    h.get_by_label("Market").click();
    h.run();
    let height = h.state().doc.scenario.market.start_block_height;
    assert!(height > 900_000);
    let grouped = format!("{},{:03}", height / 1000, height % 1000);
    assert!(h.query_by_value(&grouped).is_some(), "the block height reads {grouped}");
    assert!(h.query_all_by_value("25.70").count() >= 1, "the hardware price shows its cents");
}
