//! Scenario files that never lose work, driven through the app: atomic saves
//! that fail safely, the unsaved-changes guard, crash recovery, bad files
//! (error shown, scenario kept; invalid values: tests/files_issue9.rs), migration and refusal of newer formats,
//! review mode, and the in-app path dialog used when no system dialog exists.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use floe::app::commands::{Action, Command};
use floe::app::dialogs::Dialog;
use floe::app::prefs::Prefs;
use floe::app::{FloeApp, Startup};
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::TempDir;
use common::app::{app, click, command};

fn reference() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference.ron")
}

/// An edit through the UI: the pool fee field.
fn edit_pool_fee(h: &mut Harness<'static, FloeApp>, percent: f64) {
    h.get_by_role_and_label(Role::Button, "Opex").click();
    h.run();
    h.get_by_label("Pool fee").set_value_accesskit(percent);
    h.run();
}

#[test]
fn a_failed_save_keeps_the_old_file_byte_for_byte_and_the_edits() {
    let tmp = TempDir::new("files-failsave");
    let dir = tmp.0.clone();
    let file = dir.join("plan.ron");
    fs::copy(reference(), &file).unwrap();
    let before = fs::read(&file).unwrap();
    let mut h = app(Some(file.clone()), &dir);
    edit_pool_fee(&mut h, 3.0);
    // Make the write fail once its temporary file exists (as a full disk would).
    floe::io::fail_writes_on_this_thread(true);
    command(&mut h, Action::Save);
    floe::io::fail_writes_on_this_thread(false);
    assert_eq!(fs::read_dir(&dir).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp")).count(), 0);
    assert_eq!(fs::read(&file).unwrap(), before, "old file changed");
    assert!(h.state().doc.dirty(), "edits lost");
    assert!((h.state().doc.scenario.opex.pool_fee - 0.03).abs() < 1e-12);
    assert!(matches!(&h.state().dialog, Some(Dialog::Error { title, .. }) if title == "Could not save"));
    assert!(h.query_by_label_contains("The file on disk was not changed").is_some());
    // Once the obstacle is gone, Save works and records who saved it and when.
    click(&mut h, "Close");
    command(&mut h, Action::Save);
    assert!(!h.state().doc.dirty());
    let saved = floe::io::load_scenario(&file).unwrap();
    assert_eq!(saved.opex.pool_fee, 0.03);
    assert!(saved.saved_with.as_deref().is_some_and(|w| w.starts_with("floe ")));
    assert!(saved.saved_at.as_deref().is_some_and(|t| t.len() == 20 && t.ends_with('Z')));
}

#[test]
fn new_with_unsaved_edits_asks_and_cancel_keeps_them() {
    let tmp = TempDir::new("files-guard");
    let dir = tmp.0.clone();
    let mut h = app(Some(reference()), &dir);
    edit_pool_fee(&mut h, 3.0);
    let edited = h.state().doc.scenario.clone();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_some(), "guard dialog not shown");
    click(&mut h, "Cancel");
    assert_eq!(h.state().doc.scenario, edited);
    assert!(h.state().dialog.is_none());
    // Discard goes ahead.
    command(&mut h, Action::New);
    click(&mut h, "Discard");
    assert_eq!(h.state().doc.scenario.name, "Untitled plan");
    assert!(!h.state().doc.dirty());
}

#[test]
fn open_and_quit_are_guarded_too_and_save_then_continues() {
    let tmp = TempDir::new("files-guard2");
    let dir = tmp.0.clone();
    let file = dir.join("plan.ron");
    fs::copy(reference(), &file).unwrap();
    let mut h = app(Some(file.clone()), &dir);
    edit_pool_fee(&mut h, 4.0);
    command(&mut h, Command::OpenPath(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/stress.ron")));
    assert!(matches!(h.state().dialog, Some(Dialog::Unsaved { .. })));
    click(&mut h, "Save");
    // Saved first, then opened.
    assert_eq!(floe::io::load_scenario(&file).unwrap().opex.pool_fee, 0.04);
    assert!(h.state().doc.scenario.name.starts_with("Stress"));
    // Quit with unsaved edits asks as well.
    edit_pool_fee(&mut h, 5.0);
    command(&mut h, Action::Quit);
    assert!(matches!(h.state().dialog, Some(Dialog::Unsaved { .. })));
}

#[test]
fn after_a_crash_the_autosave_is_offered_and_restores_the_work() {
    let tmp = TempDir::new("files-recover");
    let dir = tmp.0.clone();
    let file = dir.join("plan.ron");
    fs::copy(reference(), &file).unwrap();
    let edited = {
        let mut h = app(Some(file.clone()), &dir);
        edit_pool_fee(&mut h, 2.5);
        assert!(h.state_mut().autosave_now(1_000.0) || dir.join("autosave.ron").is_file());
        assert!(dir.join("autosave.ron").is_file(), "no autosave written");
        h.state().doc.scenario.clone()
        // The harness is dropped without Quit: a crash, as far as the files know.
    };
    let mut h = app(None, &dir);
    assert!(h.query_by_label("Recover unsaved work?").is_some(), "restore not offered");
    assert!(h.query_by_label(&file.display().to_string()).is_some(), "the offer does not name the file");
    click(&mut h, "Restore");
    assert_eq!(h.state().doc.scenario, edited);
    assert_eq!(h.state().doc.path.as_deref(), Some(file.as_path()));
    assert!(h.state().doc.dirty(), "restored work is not saved yet");
    // Saving it ends the recovery: no offer next time.
    command(&mut h, Action::Save);
    assert!(!dir.join("autosave.ron").exists());
    let h = app(None, &dir);
    assert!(h.query_by_label("Recover unsaved work?").is_none());
}

#[test]
fn every_bad_file_shows_its_error_and_keeps_the_scenario() {
    let tmp = TempDir::new("files-bad");
    let dir = tmp.0.clone();
    let good = fs::read_to_string(reference()).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("syntax.ron", good.replacen("name:", "name", 1).into_bytes(), ":6:"),
        ("unknown.ron", good.replacen("horizon_months: 60,", "horizon_months: 60, colour: 3,", 1).into_bytes(), "unknown field `colour`"),
        ("newer.ron", good.replacen("format_version: 1", "format_version: 3", 1).into_bytes(), "newer floe"),
        ("month.ron", good.replacen("\"2025-11\"", "\"2025-13\"", 1).into_bytes(), "is not a month"),
        ("empty.ron", Vec::new(), "empty"),
        ("garbage.ron", vec![0xff, 0xfe, 0x00, 0x13, 0x37, 0xc3, 0x28], "not a text file"),
        ("deep.ron", format!("(format_version: 1, name: {}", "[".repeat(50_000)).into_bytes(), "nested too deeply"),
    ];
    let mut h = app(Some(reference()), &dir);
    let before = h.state().doc.scenario.clone();
    for (name, bytes, expected) in cases {
        let p = dir.join(name);
        fs::write(&p, bytes).unwrap();
        command(&mut h, Command::OpenPath(p.clone()));
        let message = match &h.state().dialog {
            Some(Dialog::Error { message, .. }) => message.clone(),
            other => panic!("{name}: no error dialog: {other:?}"),
        };
        assert!(message.contains(&p.display().to_string()), "{name}: message does not name the file: {message}");
        assert!(message.contains(expected), "{name}: expected {expected:?} in {message}");
        assert_eq!(h.state().doc.scenario, before, "{name} replaced the scenario");
        assert!(h.query_by_label_contains(expected).is_some(), "{name}: the dialog does not show the error");
        click(&mut h, "Close");
    }
    // A file over the size cap is refused before it is read whole.
    let big = dir.join("big.ron");
    fs::File::create(&big).unwrap().set_len(floe::io::MAX_FILE_BYTES + 1).unwrap();
    command(&mut h, Command::OpenPath(big));
    assert!(matches!(&h.state().dialog, Some(Dialog::Error { message, .. }) if message.contains("too large")));
    assert_eq!(h.state().doc.scenario, before);
}

#[test]
fn a_format_0_file_is_migrated_on_open() {
    let tmp = TempDir::new("files-migrate");
    let dir = tmp.0.clone();
    let old = dir.join("old.ron");
    fs::write(
        &old,
        r#"(format_version: 0, name: "old plan", start_month: "2026-01", horizon: 24,
            market: (btc_price_usd: Growth(start: 100000.0, annual_growth: 0.0),
                     network_hashrate_ehs: Growth(start: 1000.0, annual_growth: 0.2), start_block_height: 930000),
            fleet: [(model: "S21", units: 100, hashrate_ths: 200.0, power_w: 3500.0, deploy_month: "2025-06", uptime_percent: 95.0)],
            opex: (pool_fee_percent: 2.0, tax_rate_percent: 21.0),
            financing: (shares_outstanding: 1000.0, share_price_usd: Growth(start: 5.0, annual_growth: 0.0)))"#,
    )
    .unwrap();
    let mut h = app(None, &dir);
    command(&mut h, Command::OpenPath(old.clone()));
    let s = &h.state().doc.scenario;
    assert_eq!((s.name.as_str(), s.horizon_months, s.fleet[0].uptime, s.opex.pool_fee), ("old plan", 24, 0.95, 0.02));
    assert!(h.state().live.projection.is_some());
    // Saving writes format 2, with format 1's behaviour written out.
    command(&mut h, Action::Save);
    let saved = fs::read_to_string(&old).unwrap();
    assert!(saved.contains("format_version: 2") && saved.contains("btc_fair_value: false"), "{saved}");
}

#[test]
fn review_mode_locks_the_editor_and_never_overwrites_the_file() {
    let tmp = TempDir::new("files-review");
    let dir = tmp.0.clone();
    let file = dir.join("plan.ron");
    fs::copy(reference(), &file).unwrap();
    let bytes = fs::read(&file).unwrap();
    let mut h = app(None, &dir);
    // No system dialog here: File → Open for review asks for a path in the app.
    command(&mut h, Action::OpenForReview);
    assert!(h.query_by_label("Open a scenario for review (read-only)").is_some());
    h.get_by_label("Path").set_text_value_accesskit(&file.display().to_string());
    h.run();
    click(&mut h, "Open");
    assert!(h.state().read_only);
    assert_eq!(h.state().doc.path.as_deref(), Some(file.as_path()));
    // The description is shown prominently.
    let desc = h.state().doc.scenario.description.clone();
    assert!(h.query_by_label(&desc).is_some());
    // Review opens on the report; the read-only editor is one click away.
    assert!(h.state().showing_report());
    click(&mut h, "Show the inputs (read-only editor)");
    // Editors are locked: an edit attempt changes nothing.
    let before = h.state().doc.scenario.clone();
    h.get_by_role_and_label(Role::Button, "Opex").click();
    h.run();
    let field = h.get_by_label("Pool fee");
    assert!(field.accesskit_node().is_disabled(), "pool fee is editable in review mode");
    field.set_value_accesskit(9.0);
    h.run();
    assert_eq!(h.state().doc.scenario, before);
    // Save does not overwrite the file.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(fs::read(&file).unwrap(), bytes);
    assert!(matches!(&h.state().dialog, Some(Dialog::Error { title, .. }) if title == "Review mode"));
}

#[test]
fn without_a_system_dialog_open_and_save_as_use_the_in_app_prompt() {
    let tmp = TempDir::new("files-prompt");
    let dir = tmp.0.clone();
    let mut h = app(Some(reference()), &dir);
    command(&mut h, Action::SaveAs);
    assert!(h.query_by_label("No system file dialog is available here: type or paste the path of the file.").is_some());
    // A folder that does not exist is refused in the dialog.
    h.get_by_label("Path").set_text_value_accesskit("/nonexistent-folder/x.ron");
    h.run();
    click(&mut h, "Save");
    assert!(h.query_by_label_contains("does not exist").is_some());
    let target = dir.join("copy.ron");
    h.get_by_label("Path").set_text_value_accesskit(&target.display().to_string());
    h.run();
    click(&mut h, "Save");
    assert_eq!(floe::io::load_scenario(&target).unwrap().name, h.state().doc.scenario.name);
    assert_eq!(h.state().doc.path.as_deref(), Some(target.as_path()));
    assert_eq!(h.state().prefs.recent.first().map(|p| p.file_name()), Some(target.file_name()));
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_opens() {
    let tmp = TempDir::new("files-drop");
    let dir = tmp.0.clone();
    let mut h = app(Some(reference()), &dir);
    let stress = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/stress.ron");
    h.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(stress.clone())));
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(stress.as_path()));
    assert!(h.state().doc.scenario.name.starts_with("Stress"));
}

#[test]
fn closing_the_window_with_unsaved_edits_asks_first() {
    let tmp = TempDir::new("files-close");
    let dir = tmp.0.clone();
    let mut h = app(Some(reference()), &dir);
    edit_pool_fee(&mut h, 3.0);
    h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    h.run();
    assert!(matches!(h.state().dialog, Some(Dialog::Unsaved { .. })), "closing did not ask");
    click(&mut h, "Cancel");
    assert!((h.state().doc.scenario.opex.pool_fee - 0.03).abs() < 1e-12, "edits lost");
}

#[test]
fn preferences_persist_through_eframe_storage_but_never_the_scenario() {
    let tmp = TempDir::new("files-prefs");
    let dir = tmp.0.clone();
    let file = dir.join("plan.ron");
    fs::copy(reference(), &file).unwrap();
    let mut h = app(Some(file.clone()), &dir);
    h.state_mut().prefs.theme = floe::app::prefs::Theme::Light;
    h.state_mut().prefs.show_kpis = false;
    h.state_mut().prefs.chart_tab = floe::app::tabs::ChartTab::Chart(floe::charts::Chart::Cash);
    // What eframe would store, through the app's own `save`.
    #[derive(Default)]
    struct Memory(std::collections::HashMap<String, String>);
    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }
    let mut storage = Memory::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let stored: String = storage.0.values().cloned().collect();
    assert!(!stored.contains("financing"), "the scenario leaked into UI storage");
    let prefs: Prefs = eframe::get_value(&storage, "floe_prefs").expect("prefs stored");
    assert_eq!(prefs.theme, floe::app::prefs::Theme::Light);
    assert!(!prefs.show_kpis);
    assert_eq!(prefs.chart_tab, floe::app::tabs::ChartTab::Chart(floe::charts::Chart::Cash));
    assert_eq!(prefs.last_file.as_deref().and_then(|p| p.file_name()), file.file_name());
    // A new app with those preferences reopens the last file.
    let startup = Startup { file: None, reopen_last: true, data_dir: Some(dir.clone()), no_native_dialogs: true };
    let mut h2 = Harness::builder().with_size([1600.0, 1000.0]).build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, prefs, startup));
    h2.run();
    assert_eq!(h2.state().doc.path.as_deref().and_then(|p| p.file_name()), file.file_name());
}

#[test]
fn the_window_title_names_the_plan_and_the_file_and_marks_unsaved_work() {
    let tmp = TempDir::new("files-title");
    let dir = tmp.0.clone();
    let mut h = app(Some(reference()), &dir);
    let title = h.state().window_title();
    assert_eq!(title, "Reference: hold the line, then pivot 100 MW to AI — reference.ron — floe");
    edit_pool_fee(&mut h, 3.0);
    assert!(h.state().window_title().starts_with("• Reference"), "{}", h.state().window_title());
    command(&mut h, Action::ToggleReview);
    assert!(h.state().window_title().contains("[review]"));
}
