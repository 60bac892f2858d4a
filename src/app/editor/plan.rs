//! Plan section: name, description, start month, horizon and the discount
//! rate the plan's returns are valued at (format 2).

use super::grid;
use crate::app::widgets::Form;
use crate::model::field::PlanField;
use crate::model::{FieldPath, Scenario};
use egui::Ui;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let at = FieldPath::Plan;
    grid(ui, "plan_grid", |ui| {
        f.text(ui, at(PlanField::Name), &mut s.name);
        f.month(ui, at(PlanField::StartMonth), &mut s.start_month);
        f.integer(ui, at(PlanField::Horizon), &mut s.horizon_months);
        f.percent(ui, at(PlanField::DiscountRate), &mut s.valuation.discount_rate);
    });
    ui.add_space(8.0);
    let d = PlanField::Description;
    let label = ui.label(d.label()).on_hover_text(d.tip());
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
