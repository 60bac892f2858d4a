//! The menu bar: File, Edit, View, Help. Emits commands; view toggles change
//! the UI preferences directly (they are not part of the scenario).

use super::charts::ChartTab;
use super::commands::Command;
use super::dialogs::Dialog;
use super::prefs::{Prefs, Theme};
use egui::Ui;

/// What the menu needs to know to enable its items.
pub struct MenuView {
    pub can_undo: bool,
    pub can_redo: bool,
    pub has_projection: bool,
    /// Review mode: Save is off.
    pub read_only: bool,
}

pub fn ui(ui: &mut Ui, prefs: &mut Prefs, view: &MenuView) -> Vec<Command> {
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("New").clicked() {
                out.push(Command::New);
            }
            if ui.button("Open…").clicked() {
                out.push(Command::Open);
            }
            if ui.button("Open for review…").on_hover_text("Open read-only: every field locked, Save cannot overwrite the file").clicked()
            {
                out.push(Command::OpenForReview);
            }
            ui.menu_button("Open recent", |ui| {
                if prefs.recent.is_empty() {
                    ui.label("No recent files");
                }
                for p in &prefs.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        out.push(Command::OpenPath(p.clone()));
                    }
                }
            });
            ui.separator();
            if ui.add_enabled(!view.read_only, egui::Button::new("Save")).clicked() {
                out.push(Command::Save);
            }
            if ui.button("Save as…").clicked() {
                out.push(Command::SaveAs);
            }
            ui.menu_button("Export…", |ui| {
                if ui.add_enabled(view.has_projection, egui::Button::new("Monthly table as CSV…")).clicked() {
                    out.push(Command::ExportCsv);
                }
                if ui.add_enabled(view.has_projection, egui::Button::new("Projection as JSON…")).clicked() {
                    out.push(Command::ExportJson);
                }
            });
            ui.separator();
            let mut review = view.read_only;
            if ui.checkbox(&mut review, "Review mode (read-only)").clicked() {
                out.push(Command::ToggleReview);
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                out.push(Command::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            if ui.add_enabled(view.can_undo, egui::Button::new("Undo")).clicked() {
                out.push(Command::Undo);
            }
            if ui.add_enabled(view.can_redo, egui::Button::new("Redo")).clicked() {
                out.push(Command::Redo);
            }
        });
        ui.menu_button("View", |ui| {
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
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts").clicked() {
                out.push(Command::ShowDialog(Dialog::Shortcuts));
            }
            if ui.button("Model notes").clicked() {
                out.push(Command::ShowDialog(Dialog::ModelNotes));
            }
            if ui.button("About floe").clicked() {
                out.push(Command::ShowDialog(Dialog::About));
            }
        });
    });
    out
}
