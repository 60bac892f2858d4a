//! The menu bar: File, Edit, View, Help. The File, Edit and Help entries are
//! drawn from the action table ([`Action::ALL`]) with their shortcut hints;
//! View toggles change the UI preferences directly (they are not part of
//! the scenario).

use super::commands::{Action, Command, Menu};
use super::prefs::{Prefs, Theme};
use super::tabs::ChartTab;
use egui::Ui;

/// What the menu needs to know to enable its items.
pub struct MenuView {
    pub can_undo: bool,
    pub can_redo: bool,
    pub has_projection: bool,
    /// Review mode: Save is off.
    pub read_only: bool,
}

impl MenuView {
    fn enabled(&self, a: Action) -> bool {
        match a {
            Action::Save => !self.read_only,
            Action::ExportCsv
            | Action::ExportJson
            | Action::ExportChart
            | Action::ExportChart2x
            | Action::ExportReport
            | Action::ExportWorkbook => self.has_projection,
            Action::CopyChart | Action::CopyTable => self.has_projection,
            Action::Undo => self.can_undo,
            Action::Redo => self.can_redo,
            _ => true,
        }
    }
}

/// One menu entry of `a`: its label, its shortcut hint, its state.
fn entry(ui: &mut Ui, a: Action, view: &MenuView, out: &mut Vec<Command>) {
    let mut button =
        if a == Action::ToggleReview { egui::Button::selectable(view.read_only, a.label()) } else { egui::Button::new(a.label()) };
    if let Some(text) = a.shortcut_text(ui.ctx()) {
        button = button.shortcut_text(text);
    }
    let mut r = ui.add_enabled(view.enabled(a), button);
    if let Some(h) = a.hint() {
        r = r.on_hover_text(h);
    }
    if r.clicked() {
        out.push(Command::Do(a));
    }
}

/// The actions of `menu`, with separators between groups; `after_group` adds
/// entries that are not actions (e.g. the recent files) after a group.
fn entries(ui: &mut Ui, menu: Menu, view: &MenuView, out: &mut Vec<Command>, mut after_group: impl FnMut(&mut Ui, u8, &mut Vec<Command>)) {
    let mut group = None;
    for a in Action::ALL.into_iter().filter(|a| a.menu().0 == menu) {
        let g = a.menu().1;
        if let Some(prev) = group
            && prev != g
        {
            after_group(ui, prev, out);
            ui.separator();
        }
        group = Some(g);
        entry(ui, a, view, out);
    }
    if let Some(g) = group {
        after_group(ui, g, out);
    }
}

pub fn ui(ui: &mut Ui, prefs: &mut Prefs, view: &MenuView) -> Vec<Command> {
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(Menu::File.title(), |ui| {
            let recent = prefs.recent.clone();
            entries(ui, Menu::File, view, &mut out, |ui, group, out| {
                if group == Action::Open.menu().1 {
                    ui.menu_button("Open recent", |ui| {
                        if recent.is_empty() {
                            ui.label("No recent files");
                        }
                        for p in &recent {
                            if ui.button(p.display().to_string()).clicked() {
                                out.push(Command::OpenPath(p.clone()));
                            }
                        }
                    });
                    ui.menu_button("Open example", |ui| {
                        for (i, e) in crate::examples::ALL.iter().enumerate() {
                            let r = ui
                                .button(e.file)
                                .on_hover_text(format!("{}\n\nOpens an untitled copy: Save asks where to keep it.", e.title()));
                            if r.clicked() {
                                out.push(Command::OpenExample(i));
                            }
                        }
                    });
                }
            });
        });
        ui.menu_button(Menu::Edit.title(), |ui| entries(ui, Menu::Edit, view, &mut out, |_, _, _| {}));
        ui.menu_button("View", |ui| {
            entries(ui, Menu::View, view, &mut out, |_, _, _| {});
            ui.separator();
            ui.label("Theme");
            for t in [Theme::System, Theme::Light, Theme::Dark] {
                if ui.radio_value(&mut prefs.theme, t, format!("{t:?}")).clicked() {
                    ui.ctx().set_theme(t.preference());
                }
            }
            ui.separator();
            ui.label("Panels");
            ui.checkbox(&mut prefs.show_editor, "Scenario editor");
            ui.checkbox(&mut prefs.show_kpis, "KPI cards");
            ui.checkbox(&mut prefs.show_status, "Status bar");
            ui.separator();
            ui.label("Chart");
            for tab in ChartTab::ALL {
                ui.radio_value(&mut prefs.chart_tab, tab, tab.title());
            }
        });
        ui.menu_button(Menu::Help.title(), |ui| entries(ui, Menu::Help, view, &mut out, |_, _, _| {}));
    });
    out
}
