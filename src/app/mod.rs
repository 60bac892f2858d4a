//! The desktop app (egui/eframe): its state and its frame. Data flows one
//! way: the editor changes the scenario, [`document::Live`] re-validates and
//! re-projects it, the KPI cards, charts and table draw the projection. Menu,
//! shortcuts, dialogs and status bar emit [`commands::Command`]s that
//! [`FloeApp::handle`] (in `actions`) carries out after the frame.
//!
//! Modules by role: `actions` (file actions, dispatch), `central` (central
//! panel), `autosave` (crash recovery), `launch` (window, display detection),
//! `tabs` (the centre panel's tabs and views), `commands` (the action table),
//! `menu`, `status`, `dialogs`, `editor`, `export_menu` (chart and report
//! files, clipboard, presenting), `table`, `kpis`, `statements` (the Statements view), `theme` (colours). The
//! charts themselves are [`crate::charts`], dates [`crate::clock`].

mod actions;
mod autosave;
pub mod central;
pub mod commands;
pub mod compare;
pub mod dialogs;
pub mod document;
pub mod editor;
mod export_menu;
pub mod files;
pub mod kpis;
mod launch;
pub mod menu;
pub mod notes;
pub mod plans;
pub mod prefs;
pub mod present;
mod report_view;
pub mod returns;
pub mod risk;
pub mod statements;
pub mod status;
pub mod table;
pub mod tabs;
pub mod theme;
pub mod widgets;

use crate::clock::current_month;
use crate::model::Scenario;
use commands::{Action, Command};
use dialogs::Dialog;
use document::{Document, Live};
use egui::Ui;
use egui::util::undoer::Undoer;
use prefs::Prefs;
use std::path::PathBuf;

pub use launch::launch;

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
    focus: Option<crate::model::FieldPath>,
    pending: Vec<Command>,
    title: String,
    data_dir: Option<PathBuf>,
    native_dialogs: bool,
    /// Time and scenario of the last autosave.
    last_autosave: Option<(f64, Scenario)>,
    /// Time of the last failed autosave, while writes fail.
    autosave_failed_at: Option<f64>,
    /// Plans open beside the edited one, to compare.
    pub plans: plans::Plans,
    /// Charts, Compare or Risk under the tabs.
    pub view: tabs::CentralView,
    pub compare_view: compare::CompareView,
    pub risk_view: risk::RiskView,
    pub statements_view: statements::StatementsView,
    /// Help › Model notes is open (a window beside the plan, not a dialog).
    pub notes_open: bool,
    /// The window may close (the user answered the unsaved-changes guard).
    allow_close: bool,
    /// Frames left to fit the window to the screen (0: done or given up).
    fit_tries: u32,
    /// The plots the central panel drew last frame (for layout tests).
    pub charts_drawn: Vec<crate::charts::Drawn>,
    /// Presentation mode: the slide showing (`None`: the normal window).
    pub present: Option<present::Presenter>,
    /// The last notice (copied, exported, no clipboard), shown until dismissed.
    pub notice: Option<String>,
    /// Review mode opens on the report; false once the user asks for the inputs.
    pub report_view: bool,
    /// Another plan replaced the edited one: typed entries kept in the
    /// editor's fields belong to the old one and go on the next frame.
    forget_entries: bool,
    /// Save and Save as go ahead despite problems (the user said so).
    save_anyway: bool,
    /// Marks this process's claim on the autosave and the open file.
    pub(crate) lock: autosave::Locks,
}

/// The editor panel's width bounds `(min, default, max)` in a window `width`
/// points wide: the centre keeps room for the KPI cards and a chart.
pub fn editor_width_bounds(width: f32) -> (f32, f32, f32) {
    let min = 280f32.min(width * 0.45);
    let max = (width - 440.0).max(min);
    let default = (width * 0.4).clamp(min, max.min(600.0).max(min));
    (min, default, max)
}

impl FloeApp {
    /// A new app with `prefs`, opening `startup.file` (or the last file),
    /// and offering to restore an autosave left by a crash.
    pub fn new(ctx: &egui::Context, prefs: Prefs, startup: Startup) -> FloeApp {
        ctx.set_theme(prefs.theme.preference());
        let start = current_month();
        let mut app = FloeApp {
            doc: Document::new(crate::defaults::plan(start), None),
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
            autosave_failed_at: None,
            plans: plans::Plans::default(),
            view: tabs::CentralView::default(),
            compare_view: compare::CompareView::default(),
            risk_view: risk::RiskView::default(),
            statements_view: statements::StatementsView::default(),
            notes_open: false,
            allow_close: false,
            fit_tries: 30,
            charts_drawn: Vec::new(),
            present: None,
            notice: None,
            report_view: true,
            forget_entries: false,
            save_anyway: false,
            lock: autosave::Locks::default(),
        };
        if let Some(dir) = &app.data_dir {
            app.lock = autosave::Locks::claim(dir);
        }
        let file = startup.file.or_else(|| if startup.reopen_last { app.prefs.last_file.clone().filter(|p| p.is_file()) } else { None });
        if let Some(path) = file {
            app.open_for_editing(&path);
        }
        app.look_for_autosave();
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

    /// Shows the open dialog and takes its answer.
    fn dialog_ui(&mut self, ctx: &egui::Context) {
        if let Some(d) = &mut self.dialog {
            match dialogs::show(ctx, d) {
                dialogs::Outcome::Keep => {}
                dialogs::Outcome::Close => self.dialog = None,
                dialogs::Outcome::Run(cmds) => {
                    self.dialog = None;
                    self.pending.extend(cmds);
                }
            }
        }
    }

    /// The window title: unsaved marker, plan name, file name, review flag.
    pub fn window_title(&self) -> String {
        let marker = if self.doc.dirty() { "• " } else { "" };
        let review = if self.read_only { " [review]" } else { "" };
        format!("{marker}{} — {}{review} — floe", self.doc.scenario.name, self.doc.file_name())
    }
}

impl eframe::App for FloeApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.pending.extend(commands::from_shortcuts(ctx).into_iter().map(Command::Do));
        // Fit the window to the screen once its size is known (a few frames at most).
        if self.fit_tries > 0 {
            self.fit_tries -= 1;
            if let Some(cmds) = launch::fit_window(ctx) {
                self.fit_tries = 0;
                for c in cmds {
                    ctx.send_viewport_cmd(c);
                }
            }
        }
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
            can_undo: self.undoer.has_undo(&self.doc.edits()),
            can_redo: self.undoer.has_redo(&self.doc.edits()),
            has_projection: self.live.projection.is_some(),
            read_only: self.read_only,
        };
        let presenting = self.present.is_some();
        if !presenting {
            egui::Panel::top("menu_bar").show(ui, |ui| {
                let cmds = menu::ui(ui, &mut self.prefs, &menu_view);
                self.pending.extend(cmds);
            });
        }
        if self.prefs.show_status && !presenting {
            egui::Panel::bottom("status_bar").show(ui, |ui| {
                if let Some(c) = status::ui(ui, &self.doc, &self.live, self.read_only) {
                    self.pending.push(c);
                }
            });
        }
        if std::mem::take(&mut self.forget_entries) {
            widgets::forget_unparsed(&ctx);
        }
        let focus = self.focus.take();
        if self.prefs.show_editor && !presenting && !self.showing_report() {
            let (min, default, max) = editor_width_bounds(ui.available_width());
            egui::Panel::left("editor").resizable(true).default_size(default).min_size(min).max_size(max).show(ui, |ui| {
                if self.read_only {
                    // Review mode: the editor draws a copy that is thrown away, so no
                    // widget (or assistive-technology action) can change the plan.
                    let mut copy = self.doc.scenario.clone();
                    editor::ui(ui, &mut self.prefs.editor, &mut copy, &self.live, true, focus);
                } else {
                    editor::ui(ui, &mut self.prefs.editor, &mut self.doc.scenario, &self.live, false, focus);
                }
            });
        }
        // The editor may have changed the scenario: project before drawing the
        // charts. An edit under way is the focused or dragged widget.
        self.live.set_edit(ctx.memory(|m| m.focused()).or_else(|| ctx.dragged_id()));
        self.live.set_unparsed(widgets::unparsed(&ctx));
        self.live.update(&self.doc.scenario);
        egui::CentralPanel::default().show(ui, |ui| {
            if presenting {
                self.present_ui(ui)
            } else if self.showing_report() {
                self.report_view_ui(ui)
            } else {
                self.central(ui)
            }
        });
        notes::window(&ctx, &mut self.notes_open);
        export_menu::notice_ui(&ctx, &mut self.notice);

        self.dialog_ui(&ctx);

        // Undo points are taken once the scenario has been still for a moment.
        let now = ctx.input(|i| i.time);
        self.undoer.feed_state(now, &self.doc.edits());

        let commands = std::mem::take(&mut self.pending);
        if !commands.is_empty() {
            // What they changed (a dialog, another document) shows on the next frame.
            ctx.request_repaint();
        }
        for c in commands {
            self.handle(&ctx, c);
        }
        self.live.update(&self.doc.scenario);

        self.autosave_tick(&ctx, now);
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
