//! The central panel: review banner, stale-projection banner, KPI cards,
//! chart tabs, and the chart or monthly table of the chosen tab.

use super::{FloeApp, charts, kpis, table, widgets};
use crate::model::Scenario;
use egui::{RichText, Ui};

impl FloeApp {
    pub(super) fn central(&mut self, ui: &mut Ui) {
        if self.read_only {
            review_banner(ui, &self.doc.scenario);
            if ui.button("Back to the report").clicked() {
                self.report_view = true;
            }
        }
        let Some(p) = &self.live.projection else {
            ui.centered_and_justified(|ui| {
                ui.label(
                    self.live
                        .stale_reason(&self.doc.scenario)
                        .unwrap_or_else(|| "Fix the problems in the editor to see the projection.".into()),
                );
            });
            return;
        };
        if let Some(reason) = self.live.stale_reason(&self.doc.scenario) {
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
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| super::share::chart_menu(ui, &mut self.pending));
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
                let chart = ui.scope(|ui| charts::draw(ui, self.prefs.chart_tab, p, &opts, &names)).response;
                chart.container_context_menu(|ui| super::share::chart_menu_items(ui, &mut self.pending));
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
