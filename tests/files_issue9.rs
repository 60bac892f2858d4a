//! Files as finance staff use them: a plan with invalid values opens with its
//! problems flagged (the command line still refuses it), Save As onto an
//! existing file asks first, a save leaves nothing to undo, and Help ›
//! Model notes shows docs/model.md.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use floe::app::FloeApp;
use floe::app::commands::{Action, Command};
use floe::app::dialogs::Dialog;
use floe::app::editor::Section;
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::app::{app, click, command};
use common::{TempDir, repo_path};

/// The reference plan with `from` replaced by `to`, written to `dir/name`.
fn variant(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let text = fs::read_to_string(repo_path("tests/data/reference.ron")).unwrap();
    assert!(text.contains(from), "{from} not in the reference plan");
    let p = dir.join(name);
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
    p
}

#[test]
fn a_plan_with_invalid_values_opens_flagged_and_ready_to_fix() {
    let tmp = TempDir::new("issue9-invalid");
    let bad = variant(&tmp.0, "range.ron", "uptime: 0.96", "uptime: 1.5");
    // The command line still refuses it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_floe")).arg("run").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fleet[0].uptime"));
    // The app opens it over another plan: the file is on screen, no old charts.
    let mut h = app(Some(repo_path("tests/data/stress.ron")), &tmp.0);
    assert!(h.state().live.projection.is_some());
    command(&mut h, Command::OpenPath(bad.clone()));
    assert!(h.state().dialog.is_none(), "{:?}", h.state().dialog);
    assert_eq!(h.state().doc.path.as_deref(), Some(bad.as_path()));
    assert_eq!(h.state().doc.scenario.fleet[0].uptime, 1.5);
    assert!(!h.state().doc.dirty(), "nothing was edited yet");
    assert!(h.state().live.projection.is_none(), "the charts of the previous plan are still shown");
    // The problem is flagged in the user's words, its field in view.
    let sentence = "must be between 0 % and 100 % (is 150 %)";
    assert_eq!(h.state().live.problems.len(), 1);
    // Next to its field and in the banner, in the same words.
    assert!(h.query_all_by_label_contains(sentence).count() >= 2, "the problem is not shown next to its field and in the banner");
    assert!(h.query_by_label_contains("No projection yet").is_some());
    assert_eq!(h.state().prefs.editor.section, Section::Fleet);
    // Fixed, it projects; saved, it reopens anywhere.
    h.state_mut().doc.scenario.fleet[0].uptime = 0.96;
    h.run();
    assert!(h.state().live.problems.is_empty() && h.state().live.projection.is_some());
    command(&mut h, Action::Save);
    assert!(floe::io::load_scenario(&bad).is_ok());
}

#[test]
fn a_file_that_does_not_parse_still_leaves_the_plan_alone() {
    let tmp = TempDir::new("issue9-syntax");
    let bad = variant(&tmp.0, "syntax.ron", "name:", "name");
    let mut h = app(Some(repo_path("tests/data/reference.ron")), &tmp.0);
    let before = h.state().doc.scenario.clone();
    command(&mut h, Command::OpenPath(bad));
    assert!(matches!(&h.state().dialog, Some(Dialog::Error { .. })));
    assert_eq!(h.state().doc.scenario, before);
    assert!(h.state().live.projection.is_some());
}

#[test]
fn save_as_onto_an_existing_file_asks_before_replacing_it() {
    let tmp = TempDir::new("issue9-replace");
    let existing = tmp.0.join("other.ron");
    fs::write(&existing, "keep me").unwrap();
    let mut h = app(Some(repo_path("tests/data/reference.ron")), &tmp.0);
    let typed = |h: &mut Harness<'static, FloeApp>| {
        command(h, Action::SaveAs);
        h.get_by_label("Path").set_text_value_accesskit(&existing.display().to_string());
        h.run();
        click(h, "Save");
    };
    // In the in-app prompt: asked, and Cancel keeps the file.
    typed(&mut h);
    assert!(matches!(&h.state().dialog, Some(Dialog::ConfirmReplace { path, .. }) if path == &existing));
    assert!(h.query_by_label_contains("already exists").is_some());
    click(&mut h, "Cancel");
    assert_eq!(fs::read_to_string(&existing).unwrap(), "keep me");
    assert_ne!(h.state().doc.path.as_deref(), Some(existing.as_path()));
    // Asked again, Replace writes the plan there.
    typed(&mut h);
    click(&mut h, "Replace");
    assert_eq!(floe::io::load_scenario(&existing).unwrap().name, h.state().doc.scenario.name);
    assert_eq!(h.state().doc.path.as_deref(), Some(existing.as_path()));
    // The path chosen another way (a native dialog) is checked the same way.
    command(&mut h, Command::PathChosen(floe::app::commands::PathPurpose::SaveAs, existing.clone()));
    assert!(matches!(&h.state().dialog, Some(Dialog::ConfirmReplace { .. })));
}

#[test]
fn right_after_a_save_undo_does_not_mark_the_plan_unsaved() {
    let tmp = TempDir::new("issue9-undo");
    let file = tmp.0.join("plan.ron");
    fs::copy(repo_path("tests/data/reference.ron"), &file).unwrap();
    let mut h = app(Some(file.clone()), &tmp.0);
    command(&mut h, Action::Save);
    assert!(h.state().doc.scenario.saved_at.is_some(), "the save stamps the plan");
    assert!(!h.state().doc.dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(!h.state().doc.dirty(), "Undo with nothing to undo marked the plan unsaved");
    // A real edit before the save is still undone (and that is unsaved).
    let saved = h.state().doc.scenario.clone();
    h.state_mut().doc.scenario.opex.pool_fee = 0.031;
    h.run();
    command(&mut h, Action::Save);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.scenario.opex.pool_fee, saved.opex.pool_fee);
    assert!(h.state().doc.dirty());
    assert!(h.state().doc.scenario.saved_at.is_some(), "undo dropped the save stamp");
}

#[test]
fn help_model_notes_shows_the_model_page_shipped_in_docs() {
    let tmp = TempDir::new("issue9-notes");
    let mut h = app(Some(repo_path("tests/data/reference.ron")), &tmp.0);
    click(&mut h, "Help");
    h.get_by_label(Action::ModelNotes.label()).click();
    h.run();
    assert!(h.state().notes_open && h.state().dialog.is_none());
    let page = fs::read_to_string(repo_path("docs/model.md")).unwrap();
    // Every heading of docs/model.md is on screen, without its Markdown marks.
    for heading in page.lines().filter(|l| l.starts_with('#')) {
        let words = heading.trim_start_matches('#').trim();
        assert!(h.query_by_label(words).is_some(), "heading {words:?} is not shown");
    }
    // The window fits the app (long table rows wrap) and closes.
    let title = h.get_by_label("Model notes").rect();
    assert!(title.max.x <= 1600.0 && title.min.y >= 0.0, "the window is off screen at {title:?}");
    let heading = h.get_by_label("How floe computes a plan").rect();
    assert!(heading.max.x <= 1600.0, "{heading:?}");
    h.get_by_role_and_label(Role::Button, "Close window").click();
    h.run();
    assert!(!h.state().notes_open);
}

#[test]
fn help_about_shows_the_version() {
    let tmp = TempDir::new("issue19-about");
    let mut h = app(Some(repo_path("tests/data/reference.ron")), &tmp.0);
    click(&mut h, "Help");
    h.get_by_label(Action::About.label()).click();
    h.run();
    let version = format!("Version {}", env!("CARGO_PKG_VERSION"));
    assert!(h.query_by_label(&version).is_some(), "Help › About floe does not show {version:?}");
}
