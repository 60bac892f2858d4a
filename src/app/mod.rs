//! The desktop app (egui/eframe). Data flows one way: the editor changes the
//! scenario, [`document::Live`] re-validates and re-projects it, the KPI
//! cards, charts and table draw the projection. Menu, shortcuts and status
//! bar emit [`commands::Command`]s that [`FloeApp::handle`] carries out after
//! the frame.

pub mod charts;
pub mod commands;
pub mod dialogs;
pub mod document;
pub mod editor;
pub mod files;
pub mod kpis;
pub mod menu;
pub mod prefs;
pub mod status;
pub mod table;
pub mod widgets;

use crate::model::{Month, Scenario};
use crate::{io, report};
use commands::{Action, Command, PathPurpose};
use dialogs::Dialog;
use document::{Document, Live};
use egui::util::undoer::Undoer;
use egui::{RichText, Ui};
use prefs::Prefs;
use std::path::{Path, PathBuf};

/// The eframe storage key of the preferences.
const PREFS_KEY: &str = "floe_prefs";

/// How the app starts.
#[derive(Clone, Debug, Default)]
pub struct Startup {
    /// A scenario to open (from the command line).
    pub file: Option<PathBuf>,
    /// Reopen the last file when no file is given.
    pub reopen_last: bool,
    /// Folder for the crash-recovery autosave (`None`: no autosave). Tests
    /// pass a temporary folder; the app uses its data folder.
    pub data_dir: Option<PathBuf>,
    /// Use the in-app path dialog even if a native one may exist (tests).
    pub no_native_dialogs: bool,
}

pub struct FloeApp {
    pub doc: Document,
    pub live: Live,
    pub prefs: Prefs,
    undoer: Undoer<Scenario>,
    /// Review mode: every editor is locked and Save cannot overwrite the file.
    pub read_only: bool,
    pub dialog: Option<Dialog>,
    /// Field to jump to on the next frame.
    focus: Option<String>,
    pending: Vec<Command>,
    title: String,
    data_dir: Option<PathBuf>,
    native_dialogs: bool,
    /// Time and scenario of the last autosave.
    last_autosave: Option<(f64, Scenario)>,
    /// The window may close (the user answered the unsaved-changes guard).
    allow_close: bool,
}

impl FloeApp {
    /// A new app with `prefs`, opening `startup.file` (or the last file),
    /// and offering to restore an autosave left by a crash.
    pub fn new(ctx: &egui::Context, prefs: Prefs, startup: Startup) -> FloeApp {
        ctx.set_theme(prefs.theme.preference());
        let start = current_month();
        let mut app = FloeApp {
            doc: Document::new(Scenario::new_blank(start), None),
            live: Live::default(),
            prefs,
            undoer: Undoer::default(),
            read_only: false,
            dialog: None,
            focus: None,
            pending: Vec::new(),
            title: String::new(),
            data_dir: startup.data_dir,
            native_dialogs: !startup.no_native_dialogs && files::native_dialogs_available(),
            last_autosave: None,
            allow_close: false,
        };
        let file = startup.file.or_else(|| if startup.reopen_last { app.prefs.last_file.clone().filter(|p| p.is_file()) } else { None });
        if let Some(path) = file {
            app.open_path(&path);
        }
        if let Some(a) = app.data_dir.as_deref().and_then(files::read_autosave) {
            app.dialog = Some(Dialog::Restore { file: a.file, saved_at: a.saved_at });
        }
        app.live.update(&app.doc.scenario);
        app
    }

    /// From eframe: preferences come from its storage, the autosave goes to its data folder.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, startup: Startup) -> FloeApp {
        let prefs = cc.storage.and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY)).unwrap_or_default();
        FloeApp::new(&cc.egui_ctx, prefs, startup)
    }

    /// Queues a command (as the menu would).
    pub fn command(&mut self, c: impl Into<Command>) {
        self.pending.push(c.into());
    }

    /// Quit was carried out: the window may close.
    pub fn quitting(&self) -> bool {
        self.allow_close
    }

    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.undoer = Undoer::default();
        self.live.update(&self.doc.scenario);
        self.clear_autosave();
    }

    /// Opens a file; on any error the scenario on screen stays as it was and
    /// the error is shown with its line, column or field.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match io::load_scenario(path) {
            Ok(s) => {
                self.prefs.remember(path);
                self.replace_document(Document::new(s, Some(path.to_owned())));
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error { title: "Could not open the file".into(), message: e.to_string() });
                false
            }
        }
    }

    /// Saves to `path` atomically; on failure the old file is untouched, the
    /// edits stay on screen and the error is shown.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let mut s = self.doc.scenario.clone();
        s.saved_with = Some(format!("floe {}", env!("CARGO_PKG_VERSION")));
        s.saved_at = Some(utc_now_rfc3339());
        match io::save_scenario(path, &s) {
            Ok(()) => {
                self.doc.scenario.saved_with = s.saved_with.clone();
                self.doc.scenario.saved_at = s.saved_at.clone();
                self.doc.saved = Some(self.doc.scenario.clone());
                self.doc.path = Some(path.to_owned());
                self.prefs.remember(path);
                self.clear_autosave();
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

    fn start_dir(&self) -> PathBuf {
        self.prefs.last_dir.clone().filter(|d| d.is_dir()).unwrap_or_else(|| PathBuf::from("saves"))
    }

    /// Asks for a path: the native dialog where one exists, else the in-app prompt.
    fn ask_path(&mut self, purpose: PathPurpose) -> Option<PathBuf> {
        if !self.native_dialogs {
            let text = match purpose {
                PathPurpose::Open | PathPurpose::OpenForReview => format!("{}/", self.start_dir().display()),
                _ => self.default_path(purpose).display().to_string(),
            };
            self.dialog = Some(Dialog::PathPrompt { purpose, text, error: None });
            return None;
        }
        let default = self.default_path(purpose);
        let name = default.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let dialog = rfd::FileDialog::new().set_directory(self.start_dir());
        match purpose {
            PathPurpose::Open | PathPurpose::OpenForReview => dialog.add_filter("floe scenario", &["ron"]).pick_file(),
            PathPurpose::SaveAs => dialog.add_filter("floe scenario", &["ron"]).set_file_name(name).save_file(),
            PathPurpose::ExportCsv => dialog.add_filter("CSV", &["csv"]).set_file_name(name).save_file(),
            PathPurpose::ExportJson => dialog.add_filter("JSON", &["json"]).set_file_name(name).save_file(),
        }
    }

    fn default_path(&self, purpose: PathPurpose) -> PathBuf {
        let stem = self.doc.path.as_ref().and_then(|p| p.file_stem()).map_or("plan".to_owned(), |s| s.to_string_lossy().into_owned());
        let ext = match purpose {
            PathPurpose::ExportCsv => "csv",
            PathPurpose::ExportJson => "json",
            _ => "ron",
        };
        let dir = self.doc.path.as_ref().and_then(|p| p.parent()).map(Path::to_owned).unwrap_or_else(|| self.start_dir());
        dir.join(format!("{stem}.{ext}"))
    }

    /// Carries out what a chosen path was for.
    fn path_chosen(&mut self, purpose: PathPurpose, path: &Path) {
        match purpose {
            PathPurpose::Open => {
                if self.open_path(path) {
                    self.read_only = false;
                }
            }
            PathPurpose::OpenForReview => {
                if self.open_path(path) {
                    self.read_only = true;
                }
            }
            PathPurpose::SaveAs => {
                self.save_to(path);
            }
            PathPurpose::ExportCsv | PathPurpose::ExportJson => {
                let Some(p) = &self.live.projection else { return };
                let json = purpose == PathPurpose::ExportJson;
                let text = if json { report::json(&self.doc.scenario.name, p) } else { report::csv(p) };
                if let Err(e) = io::write_atomic(path, text.as_bytes()) {
                    self.dialog = Some(Dialog::Error { title: "Could not export".into(), message: format!("{}: {e}", path.display()) });
                }
            }
        }
    }

    fn choose(&mut self, purpose: PathPurpose) {
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

    fn perform(&mut self, ctx: &egui::Context, c: Command) {
        match c {
            Command::Do(a) => self.act(ctx, a),
            Command::OpenPath(p) => {
                self.open_path(&p);
            }
            Command::SaveThen(then) => {
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
            Command::RestoreAutosave => {
                if let Some(a) = self.data_dir.as_deref().and_then(files::read_autosave) {
                    self.doc = Document { scenario: a.scenario, path: a.file, saved: None };
                    self.undoer = Undoer::default();
                    self.read_only = false;
                    self.live.update(&self.doc.scenario);
                }
            }
            Command::DiscardAutosave => self.clear_autosave(),
        }
    }

    /// Carries out one user action.
    fn act(&mut self, ctx: &egui::Context, a: Action) {
        match a {
            Action::New => {
                let start = current_month();
                self.read_only = false;
                self.replace_document(Document::new(Scenario::new_blank(start), None));
            }
            Action::Open => self.choose(PathPurpose::Open),
            Action::OpenForReview => self.choose(PathPurpose::OpenForReview),
            Action::Save => match self.doc.path.clone() {
                Some(p) if !self.read_only => {
                    self.save_to(&p);
                }
                Some(_) => {
                    self.dialog = Some(Dialog::Error {
                        title: "Review mode".into(),
                        message: "This plan is open for review: Save would overwrite the file you received.\nUse File → Save as… to keep your own copy, or leave review mode (File → Review mode).".into(),
                    })
                }
                None => self.choose(PathPurpose::SaveAs),
            },
            Action::SaveAs => self.choose(PathPurpose::SaveAs),
            Action::ExportCsv => self.choose(PathPurpose::ExportCsv),
            Action::ExportJson => self.choose(PathPurpose::ExportJson),
            Action::Quit => {
                self.clear_autosave();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Action::Undo => {
                if !self.read_only
                    && let Some(s) = self.undoer.undo(&self.doc.scenario)
                {
                    self.doc.scenario = s.clone();
                }
            }
            Action::Redo => {
                if !self.read_only
                    && let Some(s) = self.undoer.redo(&self.doc.scenario)
                {
                    self.doc.scenario = s.clone();
                }
            }
            Action::ToggleReview => self.read_only = !self.read_only,
            Action::Shortcuts => self.dialog = Some(Dialog::Shortcuts),
            Action::ModelNotes => self.dialog = Some(Dialog::ModelNotes),
            Action::About => self.dialog = Some(Dialog::About),
        }
    }

    fn clear_autosave(&mut self) {
        if let Some(d) = &self.data_dir {
            files::remove_autosave(d);
        }
        self.last_autosave = None;
    }

    /// Writes the crash-recovery copy now if there are unsaved edits that
    /// are not in it yet. Called every few seconds; public for tests.
    pub fn autosave_now(&mut self, now: f64) -> bool {
        let Some(dir) = self.data_dir.clone() else { return false };
        if !self.doc.dirty() || self.last_autosave.as_ref().is_some_and(|(_, s)| s == &self.doc.scenario) {
            return false;
        }
        let a = files::Autosave { file: self.doc.path.clone(), saved_at: utc_now_rfc3339(), scenario: self.doc.scenario.clone() };
        match files::write_autosave(&dir, &a) {
            Ok(()) => {
                self.last_autosave = Some((now, a.scenario));
                true
            }
            Err(_) => false, // the next attempt will try again; the work is still on screen
        }
    }

    /// The window title: unsaved marker, plan name, file name, review flag.
    pub fn window_title(&self) -> String {
        let marker = if self.doc.dirty() { "• " } else { "" };
        let review = if self.read_only { " [review]" } else { "" };
        format!("{marker}{} — {}{review} — floe", self.doc.scenario.name, self.doc.file_name())
    }

    fn central(&mut self, ui: &mut Ui) {
        if self.read_only {
            review_banner(ui, &self.doc.scenario);
        }
        let Some(p) = &self.live.projection else {
            ui.centered_and_justified(|ui| {
                ui.label(self.live.stale_reason().unwrap_or_else(|| "Fix the problems in the editor to see the projection.".into()));
            });
            return;
        };
        if let Some(reason) = self.live.stale_reason() {
            egui::Frame::new().fill(widgets::ERROR_COLOR.gamma_multiply(0.25)).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(format!("⚠ {reason}")).strong());
            });
            ui.add_space(4.0);
        }
        ui.scope(|ui| {
            if self.live.stale {
                ui.multiply_opacity(0.4);
            }
            if self.prefs.show_kpis {
                kpis::ui(ui, p);
                ui.add_space(6.0);
            }
            ui.horizontal(|ui| {
                for tab in charts::ChartTab::ALL {
                    ui.selectable_value(&mut self.prefs.chart_tab, tab, tab.title());
                }
            });
            ui.separator();
            if self.prefs.chart_tab == charts::ChartTab::Table {
                table::ui(ui, p, &mut self.prefs.table_newest_first);
            } else {
                let opts = charts::ChartOptions {
                    height: (ui.available_height() - 8.0).max(200.0),
                    covenant: self.doc.scenario.financing.covenant_max_leverage,
                    ..Default::default()
                };
                let names: Vec<String> = self.doc.scenario.fleet.iter().map(|l| format!("{} ({})", l.model, l.deploy_month)).collect();
                charts::draw(ui, self.prefs.chart_tab, p, &opts, &names);
            }
        });
    }
}

/// Review mode: the plan's name and description first, prominently.
fn review_banner(ui: &mut Ui, s: &Scenario) {
    egui::Frame::group(ui.style()).inner_margin(10.0).corner_radius(6.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new("🔒 Review").strong());
            ui.heading(&s.name);
        });
        if let Some(w) = &s.saved_with {
            ui.label(
                RichText::new(format!("Saved with {w}{}", s.saved_at.as_deref().map(|t| format!(" at {t}")).unwrap_or_default()))
                    .weak()
                    .small(),
            );
        }
        egui::ScrollArea::vertical().id_salt("review_description").max_height(150.0).show(ui, |ui| {
            ui.label(if s.description.is_empty() { "(no description)" } else { s.description.as_str() });
        });
    });
    ui.add_space(6.0);
}

impl eframe::App for FloeApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.pending.extend(commands::from_shortcuts(ctx).into_iter().map(Command::Do));
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Files dropped on the window open (through the unsaved-changes guard).
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).filter(|p| !p.as_os_str().is_empty()).collect());
        if let Some(p) = dropped.into_iter().next() {
            self.pending.push(Command::OpenPath(p));
        }
        // Closing the window with unsaved edits asks first.
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.dirty() && !self.read_only {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved { then: Box::new(Command::Do(Action::Quit)) });
            } else {
                self.clear_autosave();
            }
        }
        let menu_view = menu::MenuView {
            can_undo: self.undoer.has_undo(&self.doc.scenario),
            can_redo: self.undoer.has_redo(&self.doc.scenario),
            has_projection: self.live.projection.is_some(),
            read_only: self.read_only,
        };
        egui::Panel::top("menu_bar").show(ui, |ui| {
            let cmds = menu::ui(ui, &mut self.prefs, &menu_view);
            self.pending.extend(cmds);
        });
        if self.prefs.show_status {
            egui::Panel::bottom("status_bar").show(ui, |ui| {
                if let Some(c) = status::ui(ui, &self.doc, &self.live, self.read_only) {
                    self.pending.push(c);
                }
            });
        }
        let focus = self.focus.take();
        if self.prefs.show_editor {
            egui::Panel::left("editor").resizable(true).default_size(600.0).min_size(320.0).show(ui, |ui| {
                if self.read_only {
                    // Review mode: the editor draws a copy that is thrown away, so no
                    // widget (or assistive-technology action) can change the plan.
                    let mut copy = self.doc.scenario.clone();
                    editor::ui(ui, &mut self.prefs.editor, &mut copy, &self.live.problems, true, focus.as_deref());
                } else {
                    editor::ui(ui, &mut self.prefs.editor, &mut self.doc.scenario, &self.live.problems, false, focus.as_deref());
                }
            });
        }
        // The editor may have changed the scenario: project before drawing the charts.
        self.live.update(&self.doc.scenario);
        egui::CentralPanel::default().show(ui, |ui| self.central(ui));

        if let Some(d) = &mut self.dialog {
            match dialogs::show(&ctx, d) {
                dialogs::Outcome::Keep => {}
                dialogs::Outcome::Close => self.dialog = None,
                dialogs::Outcome::Run(cmds) => {
                    self.dialog = None;
                    self.pending.extend(cmds);
                }
            }
        }

        // Undo points are taken once the scenario has been still for a moment.
        let now = ctx.input(|i| i.time);
        self.undoer.feed_state(now, &self.doc.scenario);

        let commands = std::mem::take(&mut self.pending);
        if !commands.is_empty() {
            // What they changed (a dialog, another document) shows on the next frame.
            ctx.request_repaint();
        }
        for c in commands {
            self.handle(&ctx, c);
        }
        self.live.update(&self.doc.scenario);

        // Crash recovery: a copy of unsaved work every few seconds.
        if self.doc.dirty() && self.data_dir.is_some() {
            let due = self.last_autosave.as_ref().is_none_or(|(t, _)| now - t >= files::AUTOSAVE_SECONDS);
            if due {
                self.autosave_now(now);
            }
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(files::AUTOSAVE_SECONDS));
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

/// The current calendar month (UTC): where a new plan starts.
pub fn current_month() -> Month {
    Month::parse(&utc_now_rfc3339()[..7]).unwrap_or_default()
}

/// UTC now as RFC 3339 (`2026-11-21T19:53:33Z`), without a date crate.
pub fn utc_now_rfc3339() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// True when no display server is reachable (Linux/BSD without X11 or Wayland).
fn no_display() -> bool {
    cfg!(all(unix, not(target_os = "macos")))
        && ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"].iter().all(|v| std::env::var_os(v).is_none_or(|s| s.is_empty()))
}

/// Opens the app window; returns the exit code.
pub fn launch(file: Option<PathBuf>) -> i32 {
    if no_display() {
        eprintln!(
            "floe: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the app cannot open a window.\n\
             To project a scenario without a window:  floe run FILE.ron [--csv OUT.csv] [--json OUT.json]\n\
             See `floe --help` for all commands."
        );
        return 1;
    }
    // A bad file named on the command line is reported before the window opens.
    if let Some(f) = &file
        && let Err(e) = io::load_scenario(f)
    {
        eprintln!("error: {e}");
        return crate::cli::EXIT_BAD_INPUT;
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("floe")
            .with_inner_size([1500.0, 920.0])
            .with_min_inner_size([900.0, 600.0])
            .with_app_id("floe"),
        ..Default::default()
    };
    let startup = Startup { reopen_last: file.is_none(), file, data_dir: eframe::storage_dir("floe"), no_native_dialogs: false };
    match eframe::run_native("floe", options, Box::new(move |cc| Ok(Box::new(FloeApp::from_creation(cc, startup))))) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("floe: could not open the app window: {e}\nTo project a scenario without a window: floe run FILE.ron");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_shape() {
        let t = super::utc_now_rfc3339();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z') && &t[10..11] == "T");
    }
}
