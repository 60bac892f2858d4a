//! Plan section: name, description, start month and horizon.

use super::grid;
use crate::app::widgets::Form;
use crate::model::Scenario;
use egui::Ui;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    grid(ui, "plan_grid", |ui| {
        f.text(ui, "name", "Name", "Shown in the title bar, charts and reports", &mut s.name);
        f.month(ui, "start_month", "Start month", "First projected month", &mut s.start_month);
        f.integer(ui, "horizon_months", "Horizon", "Months projected (1 to 360)", &mut s.horizon_months, " months");
    });
    ui.add_space(8.0);
    let label = ui.label("Description").on_hover_text("Notes and sources: comments in the file are lost on re-save, this is kept");
    ui.add_enabled_ui(!f.read_only, |ui| {
        ui.add(egui::TextEdit::multiline(&mut s.description).desired_rows(8).desired_width(f32::INFINITY)).labelled_by(label.id);
    });
    if let Some(w) = &s.saved_with {
        ui.label(
            egui::RichText::new(format!("Saved with {w}{}", s.saved_at.as_deref().map(|t| format!(" at {t}")).unwrap_or_default()))
                .weak()
                .small(),
        );
    }
}
