//! The central panel: review banner, stale-projection banner, KPI cards,
//! chart tabs, and the chart or monthly table of the chosen tab, or the
//! Compare, Risk, Returns or Statements view.

use super::commands::{Action, Command};
use super::editor::Section;
pub use super::tabs::CentralView;
use super::tabs::ChartTab;
use super::{FloeApp, compare, kpis, risk, table, widgets};
use crate::charts;
use crate::model::Scenario;
use egui::{RichText, Ui};

impl FloeApp {
    pub(super) fn central(&mut self, ui: &mut Ui) {
        if self.read_only && review_banner(ui, &self.doc.scenario) {
            self.report_view = true;
        }
        if let Some(c) = super::plans::bar(ui, &self.doc.scenario.name, &mut self.plans) {
            self.pending.push(c);
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
            // The cards never take more than about 40 % of the height (20 % on
            // a short window, where the tab bar wraps to a third line), so a
            // chart always has room; beyond it they scroll.
            // Compare and Risk have their own tables of figures.
            if self.prefs.show_kpis && self.view == CentralView::Charts {
                let h = ui.available_height();
                let max_h = (h * if h < 600.0 { 0.2 } else { 0.4 }).max(80.0);
                egui::ScrollArea::vertical().id_salt("kpi_cards").max_height(max_h).auto_shrink([false, true]).show(ui, |ui| {
                    kpis::ui(ui, p);
                });
                ui.add_space(4.0);
            }
            tab_bar(ui, &mut self.view, &mut self.prefs.chart_tab, &mut self.pending);
            ui.separator();
            if self.view == CentralView::Compare {
                self.charts_drawn.clear();
                if self.plans.others.is_empty() {
                    ui.label("Open another plan beside this one to compare them: its curves join the charts, and here you see the key figures side by side, what changed and a bridge of the difference.");
                    if ui.button(Action::AddPlan.label()).clicked() {
                        self.pending.push(Command::Do(Action::AddPlan));
                    }
                } else {
                    compare::ui(ui, (&self.doc.scenario, Some(p)), &mut self.plans, &mut self.compare_view);
                }
            } else if self.view == CentralView::Returns {
                self.charts_drawn.clear();
                super::returns::ui(ui, p);
            } else if self.view == CentralView::Statements {
                self.charts_drawn.clear();
                self.statements_view.ui(ui, &self.doc.scenario, p);
            } else if self.view == CentralView::Risk {
                self.charts_drawn.clear();
                let now = ui.input(|i| i.time);
                let valid = self.live.problems.is_empty() && self.live.error.is_none();
                if let Some(risk::RiskAction::Apply(input, v)) = risk::ui(ui, &self.doc.scenario, valid, &mut self.risk_view, now)
                    && !self.read_only
                {
                    input.set(&mut self.doc.scenario, v);
                }
            } else if let Some(chart) = self.prefs.chart_tab.chart() {
                if produces_nothing(&self.doc.scenario)
                    && let Some(section) = empty_plan_hint(ui, self.read_only)
                {
                    self.prefs.editor.section = section;
                    self.prefs.show_editor = true;
                }
                let opts = charts::ChartOptions {
                    height: (ui.available_height() - 8.0).max(140.0),
                    covenant: self.doc.scenario.financing.covenant_max_leverage,
                    overlays: self.plans.overlays(),
                    ..Default::default()
                };
                let inputs = charts::ChartInputs::of(&self.doc.scenario, p);
                let drawn = ui.scope(|ui| charts::draw(ui, chart, &inputs, &opts));
                self.charts_drawn = drawn.inner;
                drawn.response.container_context_menu(|ui| super::export_menu::chart_menu_items(ui, &mut self.pending));
            } else {
                self.charts_drawn.clear();
                table::ui(ui, p, &mut self.prefs.table_newest_first);
            }
        });
    }
}

/// The chart tabs, then Compare, Risk, Returns and Statements, and the Export menu. The
/// tabs wrap on a narrow window rather than being cut.
fn tab_bar(ui: &mut Ui, view: &mut CentralView, chart_tab: &mut ChartTab, pending: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        for tab in ChartTab::ALL {
            if ui.selectable_label(*view == CentralView::Charts && *chart_tab == tab, tab.title()).clicked() {
                (*view, *chart_tab) = (CentralView::Charts, tab);
            }
        }
        ui.separator();
        ui.selectable_value(view, CentralView::Compare, "Compare")
            .on_hover_text("This plan beside other plans: key figures, what changed, and a bridge of the difference");
        ui.selectable_value(view, CentralView::Risk, "Risk")
            .on_hover_text("What moves a key figure, the breakeven BTC price, goal seek and Monte Carlo odds");
        ui.selectable_value(view, CentralView::Returns, "Returns")
            .on_hover_text("Does each purchase pay back? Payback month, IRR and NPV of each lot and lease bought inside the horizon");
        ui.selectable_value(view, CentralView::Statements, "Statements")
            .on_hover_text("The income statement and the cash-flow statement by month, quarter or year");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| super::export_menu::chart_menu(ui, pending));
    });
}

/// Nothing in the plan produces anything: no machines, no hosting.
fn produces_nothing(s: &Scenario) -> bool {
    s.fleet.is_empty() && s.hosting.is_empty()
}

/// Above the flat charts of an empty plan: what to do next, with a way to
/// get there. Returns the editor section the user asked for.
fn empty_plan_hint(ui: &mut Ui, read_only: bool) -> Option<Section> {
    let mut go = None;
    egui::Frame::group(ui.style()).inner_margin(8.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("This plan has no machines and no hosting lease yet, so every curve is flat.").strong());
        ui.label("Add a lot of machines from the ASIC catalog, or a hosting lease; or open a shipped plan with File › Open example.");
        if !read_only {
            ui.horizontal_wrapped(|ui| {
                if ui.button("Add machines (Fleet)").clicked() {
                    go = Some(Section::Fleet);
                }
                if ui.button("Add a hosting lease (Hosting)").clicked() {
                    go = Some(Section::Hosting);
                }
            });
        }
    });
    ui.add_space(4.0);
    go
}

/// Review mode: the plan's name and description first, prominently, with
/// the way back to the report on the title's row. The description scrolls
/// in at most an eighth of the height, so on a projector the KPI cards keep
/// two rows above the tabs. True when "Back to the report" is clicked.
fn review_banner(ui: &mut Ui, s: &Scenario) -> bool {
    let description_h = (ui.available_height() * 0.125).clamp(40.0, 150.0);
    let mut back = false;
    egui::Frame::group(ui.style()).inner_margin(8.0).corner_radius(6.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("🔒 Review").strong());
            ui.heading(&s.name);
            back = ui.button("Back to the report").clicked();
        });
        if let Some(w) = &s.saved_with {
            ui.label(
                RichText::new(format!("Saved with {w}{}", s.saved_at.as_deref().map(|t| format!(" at {t}")).unwrap_or_default()))
                    .weak()
                    .small(),
            );
        }
        egui::ScrollArea::vertical().id_salt("review_description").max_height(description_h).show(ui, |ui| {
            ui.label(if s.description.is_empty() { "(no description)" } else { s.description.as_str() });
        });
    });
    ui.add_space(4.0);
    back
}
