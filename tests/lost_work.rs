//! Issue 20 in the app: nothing typed or saved is lost or silently changed.
//! A number typed with a letter in it stays in its field (in its error
//! state) and the plan keeps the value from before that entry; an edit
//! that ends invalid greys the projection from before the edit; Save and
//! Save as on a plan with problems ask first; a file saved with problems
//! reopens with them; a second window neither offers nor touches the first
//! one's autosave, and opening a file the first one has unsaved work for
//! offers a read-only view.

#![cfg(feature = "gui")]

mod common;

use common::app::{app, command};
use common::{TempDir, repo_path};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use floe::app::FloeApp;
use floe::app::commands::{Action, Command};
use floe::app::dialogs::Dialog;
use floe::app::files;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

fn plan_in(dir: &Path) -> PathBuf {
    let file = dir.join("plan.ron");
    std::fs::copy(repo_path("tests/data/reference.ron"), &file).unwrap();
    file
}

/// The one input (not its label) named `label`.
fn input<'h>(h: &'h Harness<'static, FloeApp>, label: &'h str) -> egui_kittest::Node<'h> {
    let mut found: Vec<_> = h.query_all_by_label(label).filter(|n| n.accesskit_node().role() != Role::Label).collect();
    assert_eq!(found.len(), 1, "expected one input labelled {label:?}, found {}", found.len());
    found.remove(0)
}

fn open_opex(h: &mut Harness<'static, FloeApp>) {
    h.get_by_role_and_label(Role::Button, "Opex").click();
    h.run();
}

/// Focuses the field, selects what it holds and types `text` one key a frame, as a person does.
fn type_into(h: &mut Harness<'static, FloeApp>, label: &str, text: &str) {
    input(h, label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    for c in text.chars() {
        input(h, label).type_text(&c.to_string());
        h.run();
    }
}

/// The text a field shows (its accessible value).
fn shown(h: &Harness<'static, FloeApp>, label: &str) -> String {
    input(h, label).value().unwrap_or_default()
}

#[test]
fn money_typed_with_a_letter_is_kept_and_never_committed_in_part() {
    let tmp = TempDir::new("lost-money");
    let file = plan_in(&tmp.0);
    let mut h = app(Some(file.clone()), &tmp.0);
    open_opex(&mut h);
    let before = h.state().doc.scenario.opex.sga_usd_per_month;
    type_into(&mut h, "SG&A", "3,36O");
    // Tab leaves the field: nothing reverts, nothing partial is committed.
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(h.state().doc.scenario.opex.sga_usd_per_month, before, "a partial amount was committed");
    assert_ne!(h.state().doc.scenario.opex.sga_usd_per_month, Decimal::from(336));
    assert_eq!(shown(&h, "SG&A"), "3,36O", "the typed text is not kept");
    assert!(h.query_by_label("not a number").is_some(), "no error state on screen");
    let unparsed = &h.state().live.unparsed;
    assert_eq!(unparsed.len(), 1, "{unparsed:?}");
    assert!(unparsed[0].sentence().starts_with("SG&A: \"3,36O\" is not a number"), "{}", unparsed[0].sentence());
    assert!(h.query_by_label_contains("Showing the plan without the entry").is_some());
    // Clicking elsewhere and back does not revert it either; fixing it commits the amount.
    open_opex(&mut h);
    open_opex(&mut h);
    assert_eq!(shown(&h, "SG&A"), "3,36O");
    type_into(&mut h, "SG&A", "3,360");
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(h.state().doc.scenario.opex.sga_usd_per_month, Decimal::from(3360));
    assert!(h.state().live.unparsed.is_empty());
    assert_eq!(shown(&h, "SG&A"), "3,360");
}

#[test]
fn a_number_field_keeps_a_word_and_the_plan_keeps_its_value() {
    let tmp = TempDir::new("lost-drag");
    let mut h = app(Some(plan_in(&tmp.0)), &tmp.0);
    open_opex(&mut h);
    let before = h.state().doc.scenario.opex.pool_fee;
    type_into(&mut h, "Pool fee", "2O");
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(h.state().doc.scenario.opex.pool_fee, before, "the 2 before the letter was committed");
    assert_eq!(shown(&h, "Pool fee"), "2O");
    assert_eq!(h.state().live.unparsed.len(), 1);
    // Saving now asks, and names the entry.
    command(&mut h, Action::Save);
    match &h.state().dialog {
        Some(Dialog::SaveProblems { count: 1, first, .. }) => assert!(first.contains("\"2O\" is not a number"), "{first}"),
        other => panic!("Save did not ask: {other:?}"),
    }
    h.get_by_role_and_label(Role::Button, "Go back").click();
    h.run();
    // Fixed: the number is committed and the field is a number field again.
    type_into(&mut h, "Pool fee", "2");
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(h.state().doc.scenario.opex.pool_fee, 0.02);
    assert!(h.state().live.unparsed.is_empty());
}

/// Typing 150 into a percentage capped at 100: the greyed projection is
/// the plan before the edit, not the 15 % typed on the way.
#[test]
fn an_edit_that_ends_invalid_greys_the_projection_from_before_it() {
    let tmp = TempDir::new("lost-lastvalid");
    let mut h = app(Some(plan_in(&tmp.0)), &tmp.0);
    open_opex(&mut h);
    let original = floe::engine::project(&h.state().doc.scenario).unwrap().kpis;
    let mut at_15 = h.state().doc.scenario.clone();
    at_15.opex.pool_fee = 0.15;
    let at_15 = floe::engine::project(&at_15).unwrap().kpis;
    assert_ne!(original, at_15);
    type_into(&mut h, "Pool fee", "150");
    h.key_press(egui::Key::Tab);
    h.run();
    let live = &h.state().live;
    assert!(!live.problems.is_empty() && live.stale, "150 % should be invalid and the projection greyed");
    assert_eq!(live.projection.as_ref().unwrap().kpis, original, "the greyed projection is not the plan before the edit");
}

#[test]
fn save_and_save_as_with_problems_ask_first_and_the_file_reopens_with_them() {
    let tmp = TempDir::new("lost-save");
    let file = plan_in(&tmp.0);
    let on_disk = std::fs::read(&file).unwrap();
    let mut h = app(Some(file.clone()), &tmp.0);
    open_opex(&mut h);
    input(&h, "Pool fee").set_value_accesskit(150.0);
    h.run();
    assert!(!h.state().live.problems.is_empty());
    for a in [Action::Save, Action::SaveAs] {
        command(&mut h, a);
        match &h.state().dialog {
            Some(Dialog::SaveProblems { count: 1, first, .. }) => assert!(first.contains("Pool fee"), "{first}"),
            other => panic!("{a:?} did not ask: {other:?}"),
        }
        assert!(h.query_by_label_contains("The plan has 1 problem").is_some(), "the question is not on screen");
        h.get_by_role_and_label(Role::Button, "Go back").click();
        h.run();
        assert!(h.state().dialog.is_none());
        assert_eq!(std::fs::read(&file).unwrap(), on_disk, "{a:?} saved without asking");
    }
    command(&mut h, Action::Save);
    h.get_by_role_and_label(Role::Button, "Save as it is").click();
    h.run();
    assert!(!h.state().doc.dirty(), "Save as it is did not save");
    assert_ne!(std::fs::read(&file).unwrap(), on_disk);
    drop(h);
    // Reopened: the problem is next to its field, and the reason there is no projection shows.
    let mut h = app(Some(file.clone()), &tmp.0);
    assert_eq!(h.state().live.problems.len(), 1);
    assert!(h.state().live.projection.is_none());
    h.run();
    assert!(h.query_by_label_contains("No projection yet").is_some(), "no reason for the missing projection");
    assert!(h.query_all_by_label_contains("⚠").count() >= 1, "no inline problem");
    // `floe run` on it still exits 2 with the message.
    let o = common::floe_binary().arg("run").arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("pool_fee"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_second_window_neither_offers_nor_touches_the_first_windows_autosave() {
    let tmp = TempDir::new("lost-two");
    let file = plan_in(&tmp.0);
    let mut first = app(Some(file.clone()), &tmp.0);
    first.state_mut().doc.scenario.opex.pool_fee = 0.027;
    first.run();
    assert!(first.state_mut().autosave_now(100.0) || files::autosave_path(&tmp.0).is_file());
    let copy = std::fs::read(files::autosave_path(&tmp.0)).unwrap();
    // A second floe starts while the first runs: nothing to restore.
    let mut second = app(None, &tmp.0);
    assert!(second.state().dialog.is_none(), "offered the first window's work: {:?}", second.state().dialog);
    assert_eq!(std::fs::read(files::autosave_path(&tmp.0)).unwrap(), copy);
    // Its own unsaved work goes to its own copy.
    second.state_mut().doc.scenario.opex.pool_fee = 0.033;
    second.run();
    assert!(second.state_mut().autosave_now(100.0) || files::slot_path(&tmp.0, 1).is_file(), "no copy of the second window's work");
    assert_eq!(std::fs::read(files::autosave_path(&tmp.0)).unwrap(), copy, "the second window wrote over the first one's copy");
    // Opening the file the first window has unsaved work for says so and offers a read-only view.
    // (Force: the second window's own unsaved edits are discarded, as after "Discard".)
    command(&mut second, Command::Force(Box::new(Command::OpenPath(file.clone()))));
    assert!(matches!(&second.state().dialog, Some(Dialog::OpenElsewhere { path }) if *path == file), "{:?}", second.state().dialog);
    assert!(second.query_by_label_contains("is open in another floe window with unsaved changes").is_some());
    assert_eq!(second.state().doc.scenario.opex.pool_fee, 0.033, "the plan on screen changed before the answer");
    second.get_by_role_and_label(Role::Button, "Open read-only").click();
    second.run();
    assert!(second.state().read_only && second.state().doc.path.as_deref() == Some(file.as_path()));
    // The first window crashes: its copy is offered to the next floe.
    drop(first);
    let third = app(None, &tmp.0);
    assert!(matches!(third.state().dialog, Some(Dialog::Restore { .. })), "{:?}", third.state().dialog);
}

/// The report's case: a lot's price 3,360 typed with a letter O for the
/// zero. Today it became 336 on Tab and Save wrote it without a word.
#[test]
fn a_lot_price_typed_with_a_letter_o_is_not_saved_as_the_digits_before_it() {
    let tmp = TempDir::new("lost-lotprice");
    let file = plan_in(&tmp.0);
    let mut h = app(Some(file.clone()), &tmp.0);
    h.get_by_role_and_label(Role::Button, "Fleet").click();
    h.run();
    let before = h.state().doc.scenario.fleet[0].unit_price_usd;
    type_into(&mut h, "$/unit (lot 1)", "3,36O");
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(h.state().doc.scenario.fleet[0].unit_price_usd, before, "336 was committed");
    assert_eq!(shown(&h, "$/unit (lot 1)"), "3,36O");
    // Save asks, naming the field; "Save as it is" writes the price from before the entry.
    command(&mut h, Action::Save);
    match &h.state().dialog {
        Some(Dialog::SaveProblems { count: 1, first, .. }) => assert!(first.starts_with("$/unit (lot 1): \"3,36O\""), "{first}"),
        other => panic!("Save did not ask: {other:?}"),
    }
    h.get_by_role_and_label(Role::Button, "Save as it is").click();
    h.run();
    let saved = floe::io::load_scenario(&file).unwrap();
    assert_eq!(saved.fleet[0].unit_price_usd, before);
    // Units and life (whole numbers) keep a word too.
    let units = h.state().doc.scenario.fleet[0].units;
    type_into(&mut h, "Units (lot 1)", "1O");
    h.key_press(egui::Key::Tab);
    h.run();
    assert_eq!(h.state().doc.scenario.fleet[0].units, units);
    assert_eq!(shown(&h, "Units (lot 1)"), "1O");
}
