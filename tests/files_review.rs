//! Files and review (issue 19), in the real app (egui_kittest): the in-app
//! file prompt suggests an absolute path whose folder exists, forgets its
//! error once the path is edited, and lists the folder's `.ron` files for
//! Open; saving keeps the file's leading `//` comments; review mode shows
//! every editing control disabled (and editing enables the same controls).
#![cfg(feature = "gui")]

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use floe::app::FloeApp;
use floe::app::commands::{Action, PathPurpose};
use floe::app::dialogs::Dialog;
use floe::app::editor::Section;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

struct TempDir(PathBuf);
impl TempDir {
    fn new(tag: &str) -> TempDir {
        let d = std::env::temp_dir().join(format!("floe-files-review-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        TempDir(d)
    }
}
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn prompt(h: &Harness<'static, FloeApp>) -> (PathPurpose, String, Option<String>) {
    match &h.state().dialog {
        Some(Dialog::PathPrompt { purpose, text, error }) => (*purpose, text.clone(), error.clone()),
        other => panic!("expected the path prompt, got {other:?}"),
    }
}

#[test]
fn the_prompt_suggests_an_absolute_path_in_a_folder_that_exists() {
    let data = TempDir::new("suggest");
    // A new plan: no file, no folder used yet.
    let mut h = common::app::app(None, &data.0);
    common::app::command(&mut h, Action::SaveAs);
    let (purpose, text, _) = prompt(&h);
    assert_eq!(purpose, PathPurpose::SaveAs);
    let path = PathBuf::from(&text);
    assert!(path.is_absolute() && path.parent().is_some_and(Path::is_dir), "{text}");
    assert!(path.extension().is_some_and(|x| x == "ron"), "{text}");
    // Saving there works (no "the folder … does not exist").
    let target = data.0.join("plan.ron");
    h.state_mut().dialog = Some(Dialog::PathPrompt { purpose, text: target.display().to_string(), error: None });
    h.run();
    common::app::click(&mut h, "Save");
    assert!(target.is_file(), "{:?}", h.state().dialog);
    // A plan that has a file: its folder, absolute, with its name.
    let mut h = common::app::app(Some(repo("saves/ice_cube.ron")), &data.0);
    common::app::command(&mut h, Action::SaveAs);
    let (_, text, _) = prompt(&h);
    assert_eq!(PathBuf::from(&text), repo("saves/ice_cube.ron"));
}

#[test]
fn the_prompt_forgets_its_error_once_the_path_is_edited() {
    let data = TempDir::new("error");
    let mut h = common::app::app(Some(repo("saves/ice_cube.ron")), &data.0);
    common::app::command(&mut h, Action::SaveAs);
    let bad = "/no-such-folder-floe/plan.ron".to_owned();
    h.state_mut().dialog = Some(Dialog::PathPrompt { purpose: PathPurpose::SaveAs, text: bad, error: None });
    h.run();
    common::app::click(&mut h, "Save");
    let (_, _, error) = prompt(&h);
    assert!(error.as_deref().is_some_and(|e| e.contains("does not exist")), "{error:?}");
    assert!(h.query_by_label_contains("does not exist").is_some(), "the error is shown");
    h.get_by_label("Path").focus();
    h.run();
    h.get_by_label("Path").type_text("x");
    h.run();
    let (_, text, error) = prompt(&h);
    assert!(text.ends_with('x'), "{text}");
    assert_eq!(error, None, "the error was about the path before the edit");
    assert!(h.query_by_label_contains("does not exist").is_none());
}

#[test]
fn open_lists_the_folders_ron_files_and_a_click_picks_one() {
    let data = TempDir::new("list");
    let plans = TempDir::new("list-plans");
    std::fs::copy(repo("saves/ice_cube.ron"), plans.0.join("b_plan.ron")).unwrap();
    std::fs::copy(repo("saves/ai_pivot.ron"), plans.0.join("a_plan.ron")).unwrap();
    std::fs::write(plans.0.join("notes.txt"), "not a plan").unwrap();
    let mut h = common::app::app(Some(repo("saves/ai_pivot.ron")), &data.0);
    common::app::command(&mut h, Action::Open);
    let (purpose, text, _) = prompt(&h);
    assert_eq!(purpose, PathPurpose::Open);
    assert!(PathBuf::from(&text).is_absolute(), "{text}");
    assert!(h.query_by_label("📄 ai_pivot.ron").is_some(), "the suggested folder's plans are listed");
    let text = format!("{}/", plans.0.display());
    h.state_mut().dialog = Some(Dialog::PathPrompt { purpose, text, error: None });
    h.run();
    assert!(h.query_by_label_contains("a_plan.ron").is_some() && h.query_by_label_contains("b_plan.ron").is_some());
    assert!(h.query_by_label_contains("notes.txt").is_none(), "only .ron files are listed");
    h.get_by_label_contains("b_plan.ron").click();
    h.run();
    assert_eq!(PathBuf::from(prompt(&h).1), plans.0.join("b_plan.ron"));
    common::app::click(&mut h, "Open");
    assert_eq!(h.state().doc.path.as_deref(), Some(plans.0.join("b_plan.ron").as_path()), "{:?}", h.state().dialog);
}

#[test]
fn saving_keeps_the_files_leading_comments() {
    let data = TempDir::new("comments");
    let file = data.0.join("commented.ron");
    let original = std::fs::read_to_string(repo("saves/ice_cube.ron")).unwrap();
    let header = "// My notes on this plan\n// second line\n\n// after a blank line\n";
    let body = original.trim_start_matches(|_| false);
    let body: String = body.lines().skip_while(|l| l.starts_with("//")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, format!("{header}{body}")).unwrap();
    let mut h = common::app::app(Some(file.clone()), &data.0);
    h.state_mut().doc.scenario.name = "Renamed".into();
    common::app::command(&mut h, Action::Save);
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.starts_with(header), "{}", &saved[..200.min(saved.len())]);
    assert_eq!(floe::format::parse(&saved).unwrap().name, "Renamed");
    // Saved again, the block is written once, not once more each save.
    let mut h = common::app::app(Some(file.clone()), &data.0);
    h.state_mut().doc.scenario.name = "Again".into();
    common::app::command(&mut h, Action::Save);
    let again = std::fs::read_to_string(&file).unwrap();
    assert!(again.starts_with(header) && again.matches("My notes").count() == 1, "{again}");
    assert_eq!(floe::io::leading_comments(&again), header);
    // A file without comments stays without.
    let plain = data.0.join("plain.ron");
    std::fs::write(&plain, &body).unwrap();
    let mut h = common::app::app(Some(plain.clone()), &data.0);
    h.state_mut().doc.scenario.name = "Plain".into();
    common::app::command(&mut h, Action::Save);
    assert!(std::fs::read_to_string(&plain).unwrap().starts_with('('));
}

/// Every control shown, as "role label", with whether it is enabled.
fn controls(h: &Harness<'static, FloeApp>) -> Vec<(String, bool)> {
    let roles = [Role::Button, Role::SpinButton, Role::TextInput, Role::CheckBox, Role::ComboBox, Role::Slider];
    let mut seen = Vec::new();
    for role in roles {
        for n in h.query_all_by_role(role) {
            let label = n.accesskit_node().label().unwrap_or_default();
            if !label.is_empty() {
                seen.push((format!("{role:?} {label}"), !n.accesskit_node().is_disabled()));
            }
        }
    }
    seen
}

/// The editor's controls of every section (those not shown with the
/// editor hidden, and not the section buttons), with whether enabled.
fn editor_controls(h: &mut Harness<'static, FloeApp>) -> Vec<(String, bool)> {
    let show = h.state().prefs.show_editor;
    h.state_mut().prefs.show_editor = false;
    h.run();
    let chrome: BTreeSet<String> = controls(h).into_iter().map(|(c, _)| c).collect();
    h.state_mut().prefs.show_editor = show;
    h.run();
    let mut seen = Vec::new();
    for sec in Section::ALL {
        h.get_by_role_and_label(Role::Button, sec.title()).click();
        h.run();
        let section_button = |c: &str| Section::ALL.iter().any(|s| c.starts_with(&format!("Button {}", s.title())));
        seen.extend(controls(h).into_iter().filter(|(c, _)| !chrome.contains(c) && !section_button(c)));
    }
    seen
}

#[test]
fn review_mode_disables_every_editing_control_and_editing_enables_them() {
    let data = TempDir::new("review");
    let mut h = common::app::app(Some(repo("saves/ai_pivot.ron")), &data.0);
    let editing = editor_controls(&mut h);
    common::app::command(&mut h, Action::ToggleReview);
    h.get_by_label("Show the inputs (read-only editor)").click();
    h.run();
    assert!(h.state().read_only);
    let review = editor_controls(&mut h);
    // Opening a lot's deposits only shows them: it stays enabled.
    let shows = |c: &str| c.starts_with("Button Deposits (lot ") || c == "Button Back to the report";
    let enabled: Vec<&String> = review.iter().filter(|(c, on)| *on && !shows(c)).map(|(c, _)| c).collect();
    assert!(enabled.is_empty(), "enabled in review mode: {enabled:?}");
    assert!(review.len() > 80, "the editor's controls were found: {}", review.len());
    assert!(review.iter().any(|(c, on)| c.starts_with("Button Deposits (lot 1") && *on));
    // While editing, the same controls are enabled (but moving the first
    // item up or the last down, which has nowhere to go).
    let review_set: BTreeSet<&String> = review.iter().map(|(c, _)| c).collect();
    let disabled: Vec<&String> = editing
        .iter()
        .filter(|(c, on)| !on && review_set.contains(c))
        .map(|(c, _)| c)
        .filter(|c| !c.starts_with("Button Move up") && !c.starts_with("Button Move down"))
        .collect();
    assert!(disabled.is_empty(), "disabled while editing: {disabled:?}");
    for key in ["Button Actions lot 1", "Button + Blank lot", "TextInput Name", "SpinButton Horizon"] {
        assert!(editing.iter().any(|(c, on)| c == key && *on), "{key} enabled while editing");
        assert!(review.iter().any(|(c, on)| c == key && !on), "{key} disabled in review");
    }
    // The deposits open read-only in review: their inputs disabled.
    h.get_by_role_and_label(Role::Button, "Fleet").click();
    h.run();
    // The column may be scrolled out of the panel's view: scrolled to first.
    h.get_by_label("Deposits (lot 1)").scroll_to_me();
    h.run();
    h.get_by_label("Deposits (lot 1)").click();
    h.run();
    assert!(h.query_by_label_contains("Deposits of lot 1").is_some(), "the deposits are shown");
    let deposit_inputs: Vec<(String, bool)> = controls(&h).into_iter().filter(|(c, _)| c.contains("deposit")).collect();
    assert!(deposit_inputs.iter().all(|(c, on)| !on || c.contains("Close")), "{deposit_inputs:?}");
}

/// A plan opened beside the edited one and then edited ("Edit plan") keeps
/// its file's leading comments when saved, and so does the plan that left
/// the editor when it comes back.
#[test]
fn switching_plans_keeps_each_files_comments() {
    use floe::app::commands::{Command, PathPurpose};
    let data = TempDir::new("switch-comments");
    let body = |name: &str| {
        let text = std::fs::read_to_string(repo(&format!("saves/{name}"))).unwrap();
        text.lines().skip_while(|l| l.starts_with("//")).map(|l| format!("{l}\n")).collect::<String>()
    };
    let (a, b) = (data.0.join("a.ron"), data.0.join("b.ron"));
    std::fs::write(&a, format!("// Notes on A\n{}", body("ice_cube.ron"))).unwrap();
    std::fs::write(&b, format!("// Notes on B\n// two lines\n{}", body("keep_buying.ron"))).unwrap();
    let mut h = common::app::app(Some(a.clone()), &data.0);
    common::app::command(&mut h, Command::PathChosen(PathPurpose::AddPlan, b.clone()));
    common::app::command(&mut h, Command::EditPlan(0));
    assert_eq!(h.state().doc.path.as_deref(), Some(b.as_path()));
    h.state_mut().doc.scenario.name = "B edited".into();
    common::app::command(&mut h, Action::Save);
    let saved = std::fs::read_to_string(&b).unwrap();
    assert!(saved.starts_with("// Notes on B\n// two lines\n"), "{}", &saved[..120.min(saved.len())]);
    // A comes back into the editor with its own comments.
    common::app::command(&mut h, Command::EditPlan(0));
    assert_eq!(h.state().doc.path.as_deref(), Some(a.as_path()));
    h.state_mut().doc.scenario.name = "A edited".into();
    common::app::command(&mut h, Action::Save);
    assert!(std::fs::read_to_string(&a).unwrap().starts_with("// Notes on A\n"));
}
