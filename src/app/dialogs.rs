//! Modal dialogs: about, shortcuts, errors, the unsaved-changes
//! guard, the in-app path prompt (when no native file dialog exists), the
//! question before replacing a file, the crash-recovery offer, the question
//! before saving a plan with problems, and the warning before opening a file
//! another floe window holds unsaved work for. A dialog answers with
//! commands for the app.

use super::commands::{Action, Command, OTHER_KEYS, PathPurpose};
use egui::{Id, Modal, RichText};
use std::path::PathBuf;

#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    About,
    Shortcuts,
    /// Something failed (open, save, export): what and why.
    Error {
        title: String,
        message: String,
    },
    /// Unsaved edits stand in the way of `then`.
    Unsaved {
        then: Box<Command>,
    },
    /// No native file dialog here: type or paste a path.
    PathPrompt {
        purpose: PathPurpose,
        text: String,
        error: Option<String>,
    },
    /// The chosen path holds a file already: replace it?
    ConfirmReplace {
        purpose: PathPurpose,
        path: PathBuf,
    },
    /// An autosave from a session that did not end cleanly.
    Restore {
        file: Option<PathBuf>,
        saved_at: String,
    },
    /// Save or Save as on a plan with problems: `count` problems, the
    /// `first` in words (and its field); `then` saves as it is.
    SaveProblems {
        count: usize,
        first: String,
        at: Option<crate::model::FieldPath>,
        then: Box<Command>,
    },
    /// Another running floe window has unsaved work for this file.
    OpenElsewhere {
        path: PathBuf,
    },
}

/// The dialog's answer this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Still open.
    Keep,
    /// Closed without anything to do.
    Close,
    /// Closed; carry these out.
    Run(Vec<Command>),
}

fn buttons(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    ui.add_space(8.0);
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), add);
}

/// The modal's id: one per kind of dialog, so egui's remembered size of a
/// wide one (the path prompt) does not carry over to a small one (About).
fn id(dialog: &Dialog) -> Id {
    Id::unique(("floe_dialog", std::mem::discriminant(dialog)))
}

/// Shows `dialog` (which may edit itself, e.g. typed text) and returns its answer.
pub fn show(ctx: &egui::Context, dialog: &mut Dialog) -> Outcome {
    let mut out = Outcome::Keep;
    let r = Modal::new(id(dialog)).show(ctx, |ui| {
        ui.set_max_width(600.0);
        out = match dialog {
            Dialog::About => {
                ui.heading("floe");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label("Scenario planner for Bitcoin miners: fleet, power, AI/HPC hosting and financing, month by month.");
                close_button(ui)
            }
            Dialog::Shortcuts => {
                shortcuts(ui);
                close_button(ui)
            }
            Dialog::Error { title, message } => {
                ui.heading(RichText::new(format!("⚠ {title}")).color(super::widgets::ERROR_COLOR));
                egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                    ui.add(egui::Label::new(RichText::new(message.as_str()).monospace()).wrap());
                });
                close_button(ui)
            }
            Dialog::Unsaved { then } => unsaved(ui, then),
            Dialog::PathPrompt { purpose, text, error } => path_prompt(ui, *purpose, text, error),
            Dialog::ConfirmReplace { purpose, path } => confirm_replace(ui, *purpose, path),
            Dialog::Restore { file, saved_at } => restore(ui, file.as_deref(), saved_at),
            Dialog::SaveProblems { count, first, at, then } => save_problems(ui, *count, first, *at, then),
            Dialog::OpenElsewhere { path } => open_elsewhere(ui, path),
        };
    });
    // Escape or a click outside closes only the informational dialogs.
    let informational = matches!(dialog, Dialog::About | Dialog::Shortcuts | Dialog::Error { .. });
    if out == Outcome::Keep && informational && r.should_close() {
        out = Outcome::Close;
    }
    out
}

fn close_button(ui: &mut egui::Ui) -> Outcome {
    let mut out = Outcome::Keep;
    buttons(ui, |ui| {
        if ui.button("Close").clicked() {
            out = Outcome::Close;
        }
    });
    out
}

fn shortcuts(ui: &mut egui::Ui) {
    ui.heading("Keyboard shortcuts");
    let ctx = ui.ctx().clone();
    let actions = Action::ALL.iter().filter_map(|a| Some((a.all_shortcuts_text(&ctx)?, a.label())));
    let rows: Vec<(String, &str)> = actions.chain(OTHER_KEYS.iter().map(|(k, w)| ((*k).to_owned(), *w))).collect();
    egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
        for (k, what) in rows {
            ui.label(RichText::new(k).monospace());
            ui.label(what);
            ui.end_row();
        }
    });
}

fn unsaved(ui: &mut egui::Ui, then: &Command) -> Outcome {
    let mut out = Outcome::Keep;
    ui.heading("Unsaved changes");
    ui.label("This plan has changes that are not saved. Save them first?");
    buttons(ui, |ui| {
        if ui.button("Cancel").clicked() {
            out = Outcome::Close;
        }
        if ui.button("Discard").on_hover_text("Throw the unsaved changes away").clicked() {
            out = Outcome::Run(vec![Command::Force(Box::new(then.clone()))]);
        }
        if ui.button("Save").clicked() {
            out = Outcome::Run(vec![Command::SaveThen(Box::new(then.clone()))]);
        }
    });
    out
}

fn path_prompt(ui: &mut egui::Ui, purpose: PathPurpose, text: &mut String, error: &mut Option<String>) -> Outcome {
    let mut out = Outcome::Keep;
    ui.heading(purpose.title());
    ui.label("No system file dialog is available here: type or paste the path of the file.");
    let label = ui.label("Path");
    let r = ui.add(egui::TextEdit::singleline(text).desired_width(560.0).hint_text("/path/to/plan.ron")).labelled_by(label.id);
    if r.changed() {
        // The message was about the path as it was; the user is fixing it.
        *error = None;
    }
    if let Some(e) = error {
        ui.label(RichText::new(format!("⚠ {e}")).color(super::widgets::ERROR_COLOR));
    }
    if purpose.opens() && ron_file_list(ui, text) {
        *error = None;
    }
    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut ok = false;
    buttons(ui, |ui| {
        if ui.button("Cancel").clicked() {
            out = Outcome::Close;
        }
        ok = ui.button(if purpose.opens() { "Open" } else { "Save" }).clicked();
    });
    if ok || enter {
        let path = PathBuf::from(text.trim());
        let parent_ok = path.parent().is_none_or(|p| p.as_os_str().is_empty() || p.is_dir());
        *error = if text.trim().is_empty() {
            Some("type a path".into())
        } else if purpose.opens() && !path.is_file() {
            Some(format!("{} is not a file", path.display()))
        } else if !purpose.opens() && !parent_ok {
            Some(format!("the folder of {} does not exist", path.display()))
        } else {
            None
        };
        if error.is_none() {
            out = Outcome::Run(vec![Command::PathChosen(purpose, path)]);
        }
    }
    out
}

/// The folder a typed path points into: the path itself when it is a
/// folder, else its parent.
pub fn prompt_folder(text: &str) -> Option<PathBuf> {
    let path = PathBuf::from(text.trim());
    if path.is_dir() {
        return Some(path);
    }
    path.parent().filter(|p| p.is_dir()).map(std::path::Path::to_owned)
}

/// The `.ron` files of a folder, sorted by name.
pub fn ron_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron")).collect();
    files.sort();
    files
}

/// Lists the `.ron` files of the folder the typed path points into; a click
/// puts that file's path in the field. True when one was clicked.
fn ron_file_list(ui: &mut egui::Ui, text: &mut String) -> bool {
    let Some(dir) = prompt_folder(text) else { return false };
    let files = ron_files(&dir);
    ui.add_space(4.0);
    if files.is_empty() {
        ui.weak(format!("No .ron files in {}", dir.display()));
        return false;
    }
    ui.label(format!("Plans in {}:", dir.display()));
    let mut picked = false;
    egui::ScrollArea::vertical().max_height(180.0).id_salt("prompt_files").show(ui, |ui| {
        for f in files {
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let chosen = f == std::path::Path::new(text.trim());
            if ui.selectable_label(chosen, format!("📄 {name}")).clicked() {
                *text = f.display().to_string();
                picked = true;
            }
        }
    });
    picked
}

fn confirm_replace(ui: &mut egui::Ui, purpose: PathPurpose, path: &std::path::Path) -> Outcome {
    let mut out = Outcome::Keep;
    ui.heading("Replace the file?");
    ui.label(format!("{} already exists. Replacing it overwrites what it holds now.", path.display()));
    buttons(ui, |ui| {
        if ui.button("Cancel").clicked() {
            out = Outcome::Close;
        }
        if ui.button("Replace").clicked() {
            out = Outcome::Run(vec![Command::Replace(purpose, path.to_owned())]);
        }
    });
    out
}

fn restore(ui: &mut egui::Ui, file: Option<&std::path::Path>, saved_at: &str) -> Outcome {
    let mut out = Outcome::Keep;
    ui.heading("Recover unsaved work?");
    ui.label("floe did not close cleanly last time. It kept a copy of the plan you were working on:");
    egui::Grid::new("restore_grid").num_columns(2).show(ui, |ui| {
        ui.label("Autosaved at");
        ui.label(RichText::new(saved_at).strong());
        ui.end_row();
        ui.label("Belongs to");
        ui.label(RichText::new(file.map_or("an unsaved plan".to_owned(), |p| p.display().to_string())).strong());
        ui.end_row();
    });
    buttons(ui, |ui| {
        if ui.button("Discard").on_hover_text("Delete the autosave").clicked() {
            out = Outcome::Run(vec![Command::DiscardAutosave]);
        }
        if ui.button("Restore").clicked() {
            out = Outcome::Run(vec![Command::RestoreAutosave]);
        }
    });
    out
}

fn save_problems(ui: &mut egui::Ui, count: usize, first: &str, at: Option<crate::model::FieldPath>, then: &Command) -> Outcome {
    let mut out = Outcome::Keep;
    ui.heading(RichText::new("⚠ This plan has problems").color(super::widgets::ERROR_COLOR));
    let what = if count == 1 { "1 problem".to_owned() } else { format!("{count} problems") };
    ui.label(format!("The plan has {what}; saved as it is, the file will not project until they are fixed. The first one:"));
    ui.label(RichText::new(first).strong());
    buttons(ui, |ui| {
        if ui.button("Save as it is").on_hover_text("Save the plan with its problems").clicked() {
            out = Outcome::Run(vec![Command::SaveAnyway(Box::new(then.clone()))]);
        }
        if ui.button("Go back").on_hover_text("Do not save; go to the first problem").clicked() {
            out = Outcome::Run(at.map(Command::Focus).into_iter().collect());
        }
    });
    out
}

fn open_elsewhere(ui: &mut egui::Ui, path: &std::path::Path) -> Outcome {
    let mut out = Outcome::Keep;
    ui.heading("Open in another window");
    ui.label(format!(
        "{} is open in another floe window with unsaved changes. Editing it here too could overwrite \
         one window's changes with the other's. You can open it read-only to look at the file as saved.",
        path.display()
    ));
    buttons(ui, |ui| {
        if ui.button("Cancel").clicked() {
            out = Outcome::Close;
        }
        if ui.button("Open read-only").clicked() {
            out = Outcome::Run(vec![Command::PathChosen(PathPurpose::OpenForReview, path.to_owned())]);
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_dialog_has_its_own_modal_id() {
        let error = |t: &str| Dialog::Error { title: t.into(), message: String::new() };
        assert_ne!(id(&Dialog::About), id(&Dialog::Shortcuts));
        assert_ne!(id(&Dialog::About), id(&error("x")));
        assert_eq!(id(&error("x")), id(&error("y")), "one kind, one id: its size is remembered");
    }
}
