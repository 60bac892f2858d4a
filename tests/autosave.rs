//! The crash-recovery autosave goes through the scenario format like any
//! file: it is a readable scenario file with a header, older formats are
//! migrated, newer or damaged copies are reported and set aside without
//! touching the plan on screen, and a failed write is reported, not dropped.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use floe::app::FloeApp;
use floe::app::commands::Command;
use floe::app::dialogs::Dialog;
use floe::app::files::{self, Autosave};
use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::app::app;
use common::{TempDir, repo_path};

/// A plan file in `dir`, a copy of the reference example.
fn plan_in(dir: &Path) -> PathBuf {
    let file = dir.join("plan.ron");
    fs::copy(repo_path("tests/data/reference.ron"), &file).unwrap();
    file
}

/// Changes the plan as an edit would (the pool fee), without the UI.
fn edit(h: &mut Harness<'static, FloeApp>, pool_fee: f64) {
    h.state_mut().doc.scenario.opex.pool_fee = pool_fee;
    h.run();
}

fn error_dialog(h: &Harness<'static, FloeApp>) -> Option<(String, String)> {
    match &h.state().dialog {
        Some(Dialog::Error { title, message }) => Some((title.clone(), message.clone())),
        _ => None,
    }
}

/// Files in `dir` whose name starts with `prefix`.
fn named(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    v.sort();
    v
}

#[test]
fn the_autosave_is_a_scenario_file_with_its_origin_in_comments() {
    let tmp = TempDir::new("autosave-format");
    let file = plan_in(&tmp.0);
    let mut h = app(Some(file.clone()), &tmp.0);
    edit(&mut h, 0.035);
    // The frame may have written it already (the first copy is due at once).
    assert!(h.state_mut().autosave_now(100.0) || files::autosave_path(&tmp.0).is_file(), "no autosave written for unsaved work");
    let text = fs::read_to_string(files::autosave_path(&tmp.0)).unwrap();
    // Any scenario reader takes it: the header is comments.
    let s = floe::format::parse_valid(&text).expect("the autosave is not a valid scenario file");
    assert_eq!(s, h.state().doc.scenario);
    assert!(text.starts_with("// floe autosave"), "{}", &text[..80]);
    let back = files::parse_autosave(&text).unwrap();
    assert_eq!(back.file.as_deref(), Some(file.as_path()));
    assert!(back.saved_at.len() >= 20 && back.saved_at.contains('T'), "saved_at {:?}", back.saved_at);
}

#[test]
fn odd_file_names_survive_the_header() {
    let scenario = floe::io::load_scenario(&repo_path("tests/data/reference.ron")).unwrap();
    for name in ["/tmp/plan \"final\".ron", "/tmp/two\nlines.ron", "/tmp/naïve ☃ \\ plan.ron", "/tmp/x.ron\n// file: \"/etc/passwd\""] {
        let a = Autosave { file: Some(PathBuf::from(name)), saved_at: "2026-11-22T06:00:00Z".into(), scenario: scenario.clone() };
        let text = files::autosave_text(&a).unwrap();
        assert_eq!(files::parse_autosave(&text).unwrap(), a, "{name:?}");
    }
    let never_saved = Autosave { file: None, saved_at: "2026-11-22T06:00:00Z".into(), scenario };
    assert_eq!(files::parse_autosave(&files::autosave_text(&never_saved).unwrap()).unwrap(), never_saved);
}

#[test]
fn an_older_format_autosave_is_migrated_and_offered() {
    let tmp = TempDir::new("autosave-v0");
    let old = r#"// floe autosave: unsaved work, kept in case the app does not close cleanly
// saved_at: 2026-01-02T03:04:05Z
(format_version: 0, name: "old plan", start_month: "2026-01", horizon: 24,
    market: (btc_price_usd: Growth(start: 100000.0, annual_growth: 0.0),
             network_hashrate_ehs: Growth(start: 1000.0, annual_growth: 0.2), start_block_height: 930000),
    fleet: [(model: "S21", units: 100, hashrate_ths: 200.0, power_w: 3500.0, deploy_month: "2025-06", uptime_percent: 95.0)],
    opex: (pool_fee_percent: 2.0, tax_rate_percent: 21.0),
    financing: (shares_outstanding: 1000.0, share_price_usd: Growth(start: 5.0, annual_growth: 0.0)))"#;
    fs::write(files::autosave_path(&tmp.0), old).unwrap();
    let mut h = app(None, &tmp.0);
    assert!(matches!(&h.state().dialog, Some(Dialog::Restore { saved_at, file: None }) if saved_at == "2026-01-02T03:04:05Z"));
    h.get_by_role_and_label(Role::Button, "Restore").click();
    h.run();
    let s = &h.state().doc.scenario;
    assert_eq!(
        (s.name.as_str(), s.format_version, s.horizon_months, s.fleet[0].uptime),
        ("old plan", floe::model::FORMAT_VERSION, 24, 0.95)
    );
    assert!(h.state().doc.dirty() && h.state().doc.path.is_none());
}

/// Starts the app on a plan with `autosave` left in the data folder and
/// checks: an error naming the problem, the plan untouched, the copy set
/// aside byte for byte and not offered again.
fn refused(autosave: &[u8], expect_in_message: &str) -> String {
    let tmp = TempDir::new("autosave-bad");
    let file = plan_in(&tmp.0);
    let on_disk = floe::io::load_scenario(&file).unwrap();
    fs::write(files::autosave_path(&tmp.0), autosave).unwrap();
    let mut h = app(Some(file.clone()), &tmp.0);
    let (title, message) = error_dialog(&h).unwrap_or_else(|| panic!("no error shown; dialog {:?}", h.state().dialog));
    assert_eq!(title, "Could not read the autosave");
    assert!(message.contains(expect_in_message), "{message}");
    assert!(h.query_by_label_contains(expect_in_message).is_some(), "the message is not on screen");
    // The plan on screen is the file's, unchanged and saved.
    assert_eq!(h.state().doc.scenario, on_disk);
    assert_eq!(h.state().doc.path.as_deref(), Some(file.as_path()));
    assert!(!h.state().doc.dirty());
    // The copy is kept aside, not lost, and named in the message.
    assert!(!files::autosave_path(&tmp.0).exists());
    let aside = named(&tmp.0, "autosave-unreadable-");
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read(&aside[0]).unwrap(), autosave);
    assert!(message.contains(&aside[0].display().to_string()), "{message}");
    // Next start: nothing offered, nothing reported.
    h.state_mut().command(Command::DiscardAutosave);
    drop(h);
    let h = app(Some(file), &tmp.0);
    assert!(h.state().dialog.is_none(), "{:?}", h.state().dialog);
    message
}

#[test]
fn a_damaged_autosave_is_reported_with_its_line_and_set_aside() {
    let good = {
        let s = floe::io::load_scenario(&repo_path("tests/data/reference.ron")).unwrap();
        files::autosave_text(&Autosave { file: None, saved_at: "2026-11-22T06:00:00Z".into(), scenario: s }).unwrap()
    };
    // Cut in the middle, as a crash during a non-atomic copy would leave it.
    let cut = &good[..good.len() / 2];
    let message = refused(cut.as_bytes(), "Unexpected end of RON");
    // It names the line where the text stops.
    let after = message.split("autosave.ron:").nth(1).expect("no file:line in the message");
    let line: usize = after.split(':').next().unwrap().parse().expect("no line number");
    assert!(line.abs_diff(cut.lines().count()) <= 1, "line {line} of {}", cut.lines().count());
}

#[test]
fn an_autosave_from_a_newer_floe_is_reported_and_set_aside() {
    let text = fs::read_to_string(repo_path("tests/data/reference.ron")).unwrap().replacen("format_version: 1", "format_version: 7", 1);
    refused(text.as_bytes(), "format_version 7");
}

#[test]
fn an_autosave_that_is_not_text_is_reported_and_set_aside() {
    refused(&[0xff, 0xfe, 0x00, 0x41], "not UTF-8");
}

#[test]
fn a_failed_autosave_is_reported_once_and_retried() {
    let tmp = TempDir::new("autosave-fail");
    let file = plan_in(&tmp.0);
    let mut h = app(Some(file), &tmp.0);
    floe::io::fail_writes_on_this_thread(true);
    edit(&mut h, 0.031); // the frame tries the first copy at once
    assert!(!h.state_mut().autosave_now(10.0));
    let (title, message) = error_dialog(&h).expect("a failed autosave is not reported");
    assert_eq!(title, "Autosave failed");
    assert!(message.contains("autosave.ron") && message.contains("nothing was lost"), "{message}");
    assert!(!files::autosave_path(&tmp.0).exists());
    // The work stays on screen; a second failure does not pile up dialogs.
    assert_eq!(h.state().doc.scenario.opex.pool_fee, 0.031);
    h.state_mut().dialog = None;
    edit(&mut h, 0.032);
    assert!(!h.state_mut().autosave_now(20.0));
    assert!(h.state().dialog.is_none(), "reported again: {:?}", h.state().dialog);
    // Once writes work again, the copy is written.
    floe::io::fail_writes_on_this_thread(false);
    assert!(h.state_mut().autosave_now(30.0));
    let back = files::parse_autosave(&fs::read_to_string(files::autosave_path(&tmp.0)).unwrap()).unwrap();
    assert_eq!(back.scenario.opex.pool_fee, 0.032);
}
#[test]
fn opening_a_file_at_start_keeps_the_work_a_crash_left() {
    let tmp = TempDir::new("autosave-open");
    let file = plan_in(&tmp.0);
    let edited = {
        let mut h = app(Some(file.clone()), &tmp.0);
        edit(&mut h, 0.027);
        assert!(h.state_mut().autosave_now(50.0) || files::autosave_path(&tmp.0).is_file());
        h.state().doc.scenario.clone()
    }; // dropped without Quit: a crash
    // `floe plan.ron` after the crash: the plan opens and the work is offered.
    let mut h = app(Some(file.clone()), &tmp.0);
    assert!(matches!(h.state().dialog, Some(Dialog::Restore { .. })), "{:?}", h.state().dialog);
    h.get_by_role_and_label(Role::Button, "Restore").click();
    h.run();
    assert_eq!(h.state().doc.scenario, edited);
    assert_eq!(h.state().doc.path.as_deref(), Some(file.as_path()));
    // Discarding the restored work (opening the file again) ends the recovery.
    h.state_mut().command(Command::Force(Box::new(Command::OpenPath(file.clone()))));
    h.run();
    assert!(!files::autosave_path(&tmp.0).exists(), "the restored copy outlived its work");
}
