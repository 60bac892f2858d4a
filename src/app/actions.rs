//! File actions and command dispatch: opening, saving and exporting through
//! the native or in-app path dialog, and [`FloeApp::handle`], which carries
//! out each queued [`Command`] (behind the unsaved-changes guard) and each
//! user [`Action`].

use super::commands::{Action, Command, PathPurpose};
use super::dialogs::Dialog;
use super::document::Document;
use super::{FloeApp, files, plans};
use crate::clock::{current_month, utc_now_rfc3339};
use crate::{io, tabular};
use egui::util::undoer::Undoer;
use std::path::{Path, PathBuf};

impl FloeApp {
    pub(super) fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.forget_entries = true;
        self.undoer = Undoer::default();
        // The charts of the old plan must not stand for the new one.
        self.live.forget();
        self.live.update(&self.doc.scenario);
        self.clear_autosave();
    }

    /// Opens an untitled copy of a shipped example (it was validated when
    /// floe was built; a failure here is still shown, never a panic).
    pub fn open_example(&mut self, i: usize) {
        let Some(e) = crate::examples::ALL.get(i) else { return };
        match e.scenario() {
            Ok(s) => {
                self.read_only = false;
                self.replace_document(Document::new(s, None));
            }
            Err(err) => {
                self.dialog = Some(Dialog::Error { title: "Could not open the example".into(), message: format!("{}: {err}", e.file) })
            }
        }
    }

    /// Opens a file; on an error that leaves nothing to edit (unreadable,
    /// not a scenario, a newer format) the scenario on screen stays as it was
    /// and the error is shown with its line and column. A scenario with
    /// invalid values opens with its problems flagged and the first one in
    /// view, ready to fix.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match io::load_scenario_with_comments(path) {
            Ok((s, version, comments)) => {
                self.prefs.remember(path);
                let mut doc = Document::new(s, Some(path.to_owned()));
                (doc.read_version, doc.comments) = (version, comments);
                self.replace_document(doc);
                self.focus = self.live.problems.first().map(|p| p.at);
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error { title: "Could not open the file".into(), message: e.to_string() });
                false
            }
        }
    }

    /// Opens `path` for editing unless another running floe window holds
    /// unsaved work for it: then says so and offers a read-only view.
    pub fn open_for_editing(&mut self, path: &Path) -> bool {
        if let Some(dir) = &self.data_dir {
            let mine = self.lock.held().then_some(self.lock.slot);
            if files::files_with_work_elsewhere(dir, mine).iter().any(|f| io::same_file(f, path)) {
                self.dialog = Some(Dialog::OpenElsewhere { path: path.to_owned() });
                return false;
            }
        }
        self.open_path(path)
    }

    /// Save and Save as on a plan with problems (validation problems, or
    /// typed numbers that do not parse) ask first: true when they did, and
    /// `then` (the save) runs again once the user says "Save as it is".
    fn ask_before_saving_problems(&mut self, ctx: &egui::Context, then: Command) -> bool {
        if self.save_anyway {
            return false;
        }
        let count = self.live.problems.len() + self.live.unparsed.len();
        let first = match (self.live.unparsed.first(), self.live.problems.first()) {
            (Some(u), _) => (u.sentence(), u.at),
            (None, Some(p)) => (p.sentence(&self.doc.scenario), Some(p.at)),
            (None, None) => return false,
        };
        // A field still being typed into ends its edit now, so what would be
        // saved is what the dialog says (the value from before the entry).
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
        self.dialog = Some(Dialog::SaveProblems { count, first: first.0, at: first.1, then: Box::new(then) });
        true
    }

    /// Opens `path` beside the edited plan, for comparison (refreshing it if
    /// it is open already); the edited plan's own file is not added twice.
    pub fn add_plan(&mut self, path: &Path) {
        if self.doc.path.as_deref().is_some_and(|p| io::same_file(p, path)) {
            let message = format!("{} is the plan being edited. Open another plan to compare with it.", path.display());
            self.dialog = Some(Dialog::Error { title: "Already open".into(), message });
            return;
        }
        match plans::OtherPlan::load(path).and_then(|p| self.plans.add(p)) {
            Ok(()) => self.prefs.remember(path),
            Err(message) => self.dialog = Some(Dialog::Error { title: "Could not open the plan to compare".into(), message }),
        }
    }

    /// The plan beside the editor at `i` becomes the edited plan; the edited
    /// plan, as saved in its file, takes its place in the list (unsaved
    /// edits were saved or discarded by the guard before this).
    fn edit_plan(&mut self, i: usize) {
        if i >= self.plans.others.len() {
            return;
        }
        let chosen = self.plans.others.remove(i);
        if let (Some(path), Some(saved)) = (self.doc.path.clone(), self.doc.saved.clone())
            && let Ok(mut leaving) = plans::OtherPlan::from_scenario(path, saved)
        {
            (leaving.comments, leaving.read_version) = (std::mem::take(&mut self.doc.comments), self.doc.read_version);
            self.plans.others.insert(i, leaving);
        }
        self.prefs.remember(&chosen.path);
        // Its comments and format come along: saving it keeps the one and notices the other.
        let mut doc = Document::new(chosen.scenario, Some(chosen.path));
        (doc.comments, doc.read_version) = (chosen.comments, chosen.read_version);
        self.replace_document(doc);
        self.read_only = false;
    }

    /// Saves to `path` atomically; on failure the old file is untouched, the
    /// edits stay on screen and the error is shown.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let mut s = self.doc.scenario.clone();
        s.saved_with = Some(format!("floe {}", env!("CARGO_PKG_VERSION")));
        s.saved_at = Some(utc_now_rfc3339());
        match io::save_scenario_with_comments(path, &s, &self.doc.comments) {
            Ok(()) => {
                self.doc.scenario.saved_with = s.saved_with.clone();
                self.doc.scenario.saved_at = s.saved_at.clone();
                self.doc.saved = Some(self.doc.scenario.clone());
                self.doc.path = Some(path.to_owned());
                self.prefs.remember(path);
                self.clear_autosave();
                if let Some(n) = self.doc.moved_up_notice(path) {
                    self.notice = Some(n);
                }
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not save".into(),
                    message: format!("{}: {e}\n\nThe file on disk was not changed; your edits are still here.", path.display()),
                });
                false
            }
        }
    }

    /// The folder file prompts start in, as an absolute path that exists:
    /// the last folder used, else the open file's, else the user's
    /// documents or home folder (never a path relative to wherever floe
    /// was started from).
    pub(super) fn start_dir(&self) -> PathBuf {
        let open_file_dir = self.doc.path.as_ref().and_then(|p| p.parent()).map(Path::to_owned);
        let candidates = [self.prefs.last_dir.clone(), open_file_dir];
        candidates.into_iter().flatten().filter(|d| d.is_dir()).find_map(|d| std::path::absolute(&d).ok()).unwrap_or_else(user_folder)
    }

    /// Asks for a path: the native dialog where one exists, else the in-app prompt.
    pub(super) fn ask_path(&mut self, purpose: PathPurpose) -> Option<PathBuf> {
        if !self.native_dialogs {
            let text = match purpose {
                PathPurpose::Open | PathPurpose::OpenForReview | PathPurpose::AddPlan => format!("{}/", self.start_dir().display()),
                _ => self.default_path(purpose).display().to_string(),
            };
            self.dialog = Some(Dialog::PathPrompt { purpose, text, error: None });
            return None;
        }
        let default = self.default_path(purpose);
        let name = default.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let dialog = rfd::FileDialog::new().set_directory(self.start_dir());
        match purpose {
            PathPurpose::Open | PathPurpose::OpenForReview | PathPurpose::AddPlan => {
                dialog.add_filter("floe scenario", &["ron"]).pick_file()
            }
            PathPurpose::SaveAs => dialog.add_filter("floe scenario", &["ron"]).set_file_name(name).save_file(),
            PathPurpose::ExportCsv => dialog.add_filter("CSV", &["csv"]).set_file_name(name).save_file(),
            PathPurpose::ExportJson => dialog.add_filter("JSON", &["json"]).set_file_name(name).save_file(),
            PathPurpose::ExportChart(_) => dialog.add_filter("PNG image", &["png"]).set_file_name(name).save_file(),
            PathPurpose::ExportReport => {
                dialog.add_filter("PDF", &["pdf"]).add_filter("PNG image", &["png"]).set_file_name(name).save_file()
            }
            PathPurpose::ExportWorkbook => dialog.add_filter("Excel workbook", &["xlsx"]).set_file_name(name).save_file(),
        }
    }

    pub(super) fn default_path(&self, purpose: PathPurpose) -> PathBuf {
        let stem = self.doc.path.as_ref().and_then(|p| p.file_stem()).map_or("plan".to_owned(), |s| s.to_string_lossy().into_owned());
        let ext = match purpose {
            PathPurpose::ExportCsv => "csv",
            PathPurpose::ExportJson => "json",
            PathPurpose::ExportChart(_) => return self.export_default_path(purpose, &stem),
            PathPurpose::ExportReport => "pdf",
            PathPurpose::ExportWorkbook => "xlsx",
            _ => "ron",
        };
        let dir = self.doc.path.as_ref().and_then(|p| p.parent()).filter(|d| d.is_dir()).map(Path::to_owned);
        let dir = dir.and_then(|d| std::path::absolute(d).ok()).unwrap_or_else(|| self.start_dir());
        dir.join(format!("{stem}.{ext}"))
    }

    /// Carries out what a chosen path was for.
    pub(super) fn path_chosen(&mut self, purpose: PathPurpose, path: &Path) {
        match purpose {
            PathPurpose::Open => {
                if self.open_for_editing(path) {
                    self.read_only = false;
                }
            }
            PathPurpose::OpenForReview => {
                if self.open_path(path) {
                    self.read_only = true;
                }
            }
            PathPurpose::AddPlan => self.add_plan(path),
            PathPurpose::SaveAs => {
                self.save_to(path);
            }
            PathPurpose::ExportChart(_) | PathPurpose::ExportReport | PathPurpose::ExportWorkbook => self.write_export(purpose, path),
            PathPurpose::ExportCsv | PathPurpose::ExportJson => {
                let Some(p) = &self.live.projection else { return };
                let json = purpose == PathPurpose::ExportJson;
                let text = if json { tabular::json(&self.doc.scenario.name, p) } else { tabular::csv(p) };
                if let Err(e) = io::write_atomic(path, text.as_bytes()) {
                    self.dialog = Some(Dialog::Error { title: "Could not export".into(), message: format!("{}: {e}", path.display()) });
                }
            }
        }
    }

    pub(super) fn choose(&mut self, purpose: PathPurpose) {
        if let Some(p) = self.ask_path(purpose) {
            self.path_chosen(purpose, &p);
        }
    }

    /// Carries out one command.
    pub fn handle(&mut self, ctx: &egui::Context, c: Command) {
        if c.replaces_document() && self.doc.dirty() && !self.read_only {
            self.dialog = Some(Dialog::Unsaved { then: Box::new(c) });
            return;
        }
        match c {
            Command::Force(c) => self.perform(ctx, *c),
            other => self.perform(ctx, other),
        }
    }

    pub(super) fn perform(&mut self, ctx: &egui::Context, c: Command) {
        match c {
            Command::Do(a) => self.act(ctx, a),
            Command::OpenPath(p) => {
                self.open_for_editing(&p);
            }
            Command::OpenExample(i) => self.open_example(i),
            Command::SaveThen(then) => {
                if self.ask_before_saving_problems(ctx, Command::SaveThen(then.clone())) {
                    return;
                }
                self.act(ctx, Action::Save);
                if !self.doc.dirty() {
                    self.perform(ctx, *then);
                }
            }
            Command::PathChosen(purpose, path) => {
                if !purpose.opens() && path.exists() {
                    self.dialog = Some(Dialog::ConfirmReplace { purpose, path });
                } else {
                    self.path_chosen(purpose, &path);
                }
            }
            Command::Replace(purpose, path) => self.path_chosen(purpose, &path),
            Command::Focus(path) => self.focus = Some(path),
            Command::Force(c) => self.perform(ctx, *c),
            Command::RestoreAutosave => self.restore_autosave(),
            Command::DiscardAutosave => self.discard_autosave(),
            Command::SaveAnyway(c) => {
                self.save_anyway = true;
                self.perform(ctx, *c);
                self.save_anyway = false;
            }
            Command::EditPlan(i) => self.edit_plan(i),
            Command::ClosePlan(i) => {
                if i < self.plans.others.len() {
                    self.plans.others.remove(i);
                }
            }
        }
    }

    /// Carries out one user action.
    pub(super) fn act(&mut self, ctx: &egui::Context, a: Action) {
        match a {
            Action::New => {
                let start = current_month();
                self.read_only = false;
                self.replace_document(Document::new(crate::defaults::plan(start), None));
            }
            Action::Open => self.choose(PathPurpose::Open),
            Action::OpenForReview => self.choose(PathPurpose::OpenForReview),
            Action::AddPlan => self.choose(PathPurpose::AddPlan),
            Action::Save if !self.read_only && self.ask_before_saving_problems(ctx, Command::Do(a)) => {}
            Action::SaveAs if self.ask_before_saving_problems(ctx, Command::Do(a)) => {}
            Action::Save => match self.doc.path.clone() {
                Some(p) if !self.read_only => {
                    self.save_to(&p);
                }
                Some(_) => {
                    self.dialog = Some(Dialog::Error {
                        title: "Review mode".into(),
                        message: "This plan is open for review: Save would overwrite the file you received.\nUse File › Save as… to keep your own copy, or leave review mode (File › Review mode).".into(),
                    })
                }
                None => self.choose(PathPurpose::SaveAs),
            },
            Action::SaveAs => self.choose(PathPurpose::SaveAs),
            Action::ExportCsv => self.choose(PathPurpose::ExportCsv),
            Action::ExportJson => self.choose(PathPurpose::ExportJson),
            Action::ExportChart
            | Action::ExportChart2x
            | Action::ExportReport
            | Action::ExportWorkbook
            | Action::CopyChart
            | Action::CopyTable
            | Action::Present => {
                self.export_menu_action(ctx, a)
            }
            Action::Quit => {
                self.clear_autosave();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Action::Undo => {
                if !self.read_only
                    && let Some(s) = self.undoer.undo(&self.doc.edits()).cloned()
                {
                    self.doc.restore_edits(&s);
                }
            }
            Action::Redo => {
                if !self.read_only
                    && let Some(s) = self.undoer.redo(&self.doc.edits()).cloned()
                {
                    self.doc.restore_edits(&s);
                }
            }
            Action::ToggleReview => self.read_only = !self.read_only,
            Action::Shortcuts => self.dialog = Some(Dialog::Shortcuts),
            Action::ModelNotes => self.notes_open = true,
            Action::About => self.dialog = Some(Dialog::About),
        }
    }
}

/// The user's documents folder (`$HOME/Documents` or `%USERPROFILE%\Documents`)
/// when it exists, else the home folder, else the current folder, absolute.
pub(crate) fn user_folder() -> PathBuf {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from).filter(|h| h.is_dir());
    let dir = match home {
        Some(h) if h.join("Documents").is_dir() => h.join("Documents"),
        Some(h) => h,
        None => PathBuf::from("."),
    };
    std::path::absolute(&dir).unwrap_or(dir)
}
