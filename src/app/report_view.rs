//! The report view: what review mode opens on. The executive's summary first
//! (name, description, key assumptions, summary figures with their
//! definitions on hover, the four main charts, the returns on each
//! investment and any lender calling its debt), with the read-only editor,
//! the report export and presentation mode one click away.

use super::FloeApp;
use super::commands::{Action, Command};
use crate::charts::{self, Chart, ChartInputs, ChartOptions};
use crate::export::report;
use egui::{RichText, Ui};

impl FloeApp {
    /// Review mode shows the report instead of the editor until the user asks for the inputs.
    pub fn showing_report(&self) -> bool {
        self.read_only && self.report_view
    }

    pub(super) fn report_view_ui(&mut self, ui: &mut Ui) {
        let s = &self.doc.scenario;
        ui.horizontal(|ui| {
            ui.label(RichText::new("Review").strong());
            if ui.button("Show the inputs (read-only editor)").clicked() {
                self.report_view = false;
            }
            for a in [Action::ExportReport, Action::Present] {
                if ui.button(a.label()).clicked() {
                    self.pending.push(Command::Do(a));
                }
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().id_salt("report_view").show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(1100.0));
            ui.heading(RichText::new(&s.name).size(24.0));
            egui::ScrollArea::vertical().id_salt("report_view_description").max_height(160.0).show(ui, |ui| {
                ui.label(if s.description.is_empty() { "(no description)" } else { s.description.as_str() });
            });
            ui.add_space(10.0);
            ui.label(RichText::new("Key assumptions").size(17.0).strong());
            report::assumptions_grid(ui, s);
            ui.add_space(10.0);
            let Some(p) = self.live.projection.as_ref() else {
                ui.label("No projection: the plan has problems (show the inputs to see them).");
                return;
            };
            ui.label(RichText::new("Summary figures").size(17.0).strong());
            ui.label(RichText::new("Hover a figure for its definition.").weak());
            report::kpi_grid(ui, p, false);
            let inputs = ChartInputs::of(s, p);
            for c in Chart::in_report() {
                ui.add_space(12.0);
                ui.label(RichText::new(c.title()).size(17.0).strong());
                ui.label(RichText::new(c.units()).weak());
                let opts = ChartOptions { height: 260.0, covenant: inputs.covenant, ..Default::default() };
                charts::draw(ui, c, &inputs, &opts);
            }
            if report::has_returns_page(p) {
                ui.add_space(12.0);
                report::returns_and_lenders(ui, s, p, &inputs.calls);
            }
        });
    }
}
