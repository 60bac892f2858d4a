//! The comparison view: the edited plan beside the plans open next to it
//! (`plans`): key figures side by side with their differences, the
//! assumptions that differ in words, and the bridge of one figure from the
//! edited plan to another, one assumption group at a time. Every number comes
//! from `analysis::compare`; this module only lays it out. The bridge runs
//! seven projections, so it is kept until one of its inputs changes; so are
//! the lines of what changed.

use super::plans::Plans;
use super::theme::ChartColors;
use crate::analysis::{self, compare};
use crate::engine::Projection;
use crate::model::Scenario;
use crate::schema::{self, KPIS};
use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

/// What the view shows, and the last bridge computed.
pub struct CompareView {
    /// The KPI bridged (a key of `schema::KPIS`).
    pub kpi: &'static str,
    /// Which shown plan the edited one is compared with in detail.
    pub with: usize,
    cache: Option<(Scenario, Scenario, &'static str, Result<compare::Bridge, String>)>,
    /// What changed between the last two plans compared.
    changed: Option<(Scenario, Scenario, Vec<String>)>,
    /// How wide the key figures were last frame (0: not drawn yet): the
    /// detail goes beside them when the rest of the panel holds it.
    figures_width: f32,
}

impl Default for CompareView {
    fn default() -> Self {
        CompareView { kpi: analysis::DEFAULT_KPI, with: 0, cache: None, changed: None, figures_width: 0.0 }
    }
}

impl CompareView {
    /// The bridge from `a` to `b` for the chosen KPI, computed only when
    /// the plans or the KPI changed since the last call.
    pub fn bridge(&mut self, a: &Scenario, b: &Scenario) -> &Result<compare::Bridge, String> {
        let stale = self.cache.as_ref().is_none_or(|(ca, cb, k, _)| ca != a || cb != b || *k != self.kpi);
        if stale {
            let result = analysis::kpi_by_key(self.kpi).and_then(|kpi| compare::bridge(a, b, kpi));
            self.cache = Some((a.clone(), b.clone(), self.kpi, result));
        }
        &self.cache.as_ref().expect("just filled").3
    }

    /// What changed from `a` to `b`, worked out again only when either changed.
    pub fn what_changed(&mut self, a: &Scenario, b: &Scenario) -> &[String] {
        if self.changed.as_ref().is_none_or(|(ca, cb, _)| ca != a || cb != b) {
            self.changed = Some((a.clone(), b.clone(), compare::what_changed(a, b)));
        }
        &self.changed.as_ref().expect("just filled").2
    }
}

/// The whole view. `edited` is the plan in the editor (its projection, if
/// it is valid now).
pub fn ui(ui: &mut Ui, edited: (&Scenario, Option<&Projection>), plans: &mut Plans, view: &mut CompareView) {
    let (scenario, projection) = edited;
    let Some(p) = projection else {
        ui.label("Fix the problems in the editor to compare this plan.");
        return;
    };
    let shown: Vec<usize> = plans.others.iter().enumerate().filter(|(_, o)| o.shown).map(|(i, _)| i).collect();
    if shown.is_empty() {
        ui.label("Tick a plan in the bar above to compare it with this one.");
        return;
    }
    if !shown.contains(&view.with) {
        view.with = shown[0];
    }
    // Down the page; only the figures scroll sideways (with several plans
    // they are wider than a projector), so the text wraps and the bridge
    // takes the width in view rather than the widest line's. A wide panel
    // puts the detail (what changed, the bridge) beside the figures instead.
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let figures_width = view.figures_width;
        if figures_width > 0.0 && ui.available_width() - figures_width - 24.0 >= DETAIL_MIN_WIDTH {
            ui.horizontal_top(|ui| {
                view.figures_width = ui.vertical(|ui| key_figures(ui, scenario, p, plans, &shown)).inner;
                ui.add_space(24.0);
                ui.vertical(|ui| {
                    ui.set_width(ui.available_width());
                    what_changed(ui, scenario, plans, &shown, view);
                });
            });
        } else {
            view.figures_width = key_figures(ui, scenario, p, plans, &shown);
            ui.add_space(12.0);
            what_changed(ui, scenario, plans, &shown, view);
        }
        // The bridge takes the whole width below: it has a bar and a label per group.
        ui.add_space(12.0);
        bridge_ui(ui, scenario, &plans.others[view.with].scenario, view);
    });
}

/// The narrowest the column of what changed beside the figures may be.
const DETAIL_MIN_WIDTH: f32 = 400.0;

/// "Key figures" and the table of every KPI of the plans shown; the table's width.
fn key_figures(ui: &mut Ui, scenario: &Scenario, p: &Projection, plans: &Plans, shown: &[usize]) -> f32 {
    ui.heading("Key figures");
    egui::ScrollArea::horizontal().id_salt("compare_kpis_scroll").show(ui, |ui| kpi_grid(ui, scenario, p, plans, shown)).inner
}

/// Which plan the detail is about, and what changed in words.
fn what_changed(ui: &mut Ui, scenario: &Scenario, plans: &Plans, shown: &[usize], view: &mut CompareView) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.heading("Compared in detail with");
        // A long plan title is cut to the width in view (whole on hover):
        // at full length it widened the page past the window.
        let room = (ui.available_width() - 8.0).max(120.0);
        egui::ComboBox::from_id_salt("compare_with")
            .width(room.min(420.0))
            .truncate()
            .selected_text(plans.others[view.with].title())
            .show_ui(ui, |ui| {
                for &i in shown {
                    ui.selectable_value(&mut view.with, i, plans.others[i].title());
                }
            })
            .response
            .on_hover_text(plans.others[view.with].title())
            .labelled_by(label.id);
    });
    let other = &plans.others[view.with];
    ui.label(RichText::new("What changed (this plan ➡ the other)").strong());
    let lines = view.what_changed(scenario, &other.scenario);
    if lines.is_empty() {
        ui.label("No assumption differs.");
    }
    for line in lines {
        // egui's fonts have no "→" (it would show as a box).
        ui.label(format!("• {}", line.replace('→', "➡")));
    }
}

/// The table of key figures; its width.
fn kpi_grid(ui: &mut Ui, scenario: &Scenario, p: &Projection, plans: &Plans, shown: &[usize]) -> f32 {
    let tables: Vec<Vec<compare::KpiRow>> = shown.iter().map(|&i| compare::kpi_table(&p.kpis, &plans.others[i].projection.kpis)).collect();
    let grid = egui::Grid::new("compare_kpis").striped(true).num_columns(2 + 3 * shown.len()).show(ui, |ui| {
        ui.label(RichText::new("Figure").strong());
        // Short column heads (the file name); the full name on hover.
        ui.label(RichText::new("This plan").strong()).on_hover_text(&scenario.name);
        for &i in shown {
            let o = &plans.others[i];
            let file = o.path.file_name().map_or_else(|| o.title(), |n| n.to_string_lossy().into_owned());
            ui.label(RichText::new(file).strong()).on_hover_text(o.title());
            ui.label(RichText::new("Δ").strong());
            ui.label(RichText::new("Δ %").strong());
        }
        ui.end_row();
        for (k, kpi) in KPIS.iter().enumerate() {
            ui.label(kpi.label).on_hover_text(kpi.help);
            ui.label(&tables[0][k].a);
            for t in &tables {
                let row = &t[k];
                ui.label(&row.b);
                ui.label(row.diff.map_or("—".to_owned(), |d| compare::diff_text(kpi, d)));
                ui.label(row.diff_pct.map_or("—".to_owned(), compare::pct_text));
            }
            ui.end_row();
        }
    });
    grid.response.rect.width()
}

/// The bridge chart's accessible name.
pub const BRIDGE_LABEL: &str = "Bridge chart";

fn bridge_ui(ui: &mut Ui, a: &Scenario, b: &Scenario, view: &mut CompareView) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(RichText::new("Bridge of").strong());
        super::risk::kpi_picker(ui, "bridge_kpi", &mut view.kpi, label.id);
        ui.label("from this plan to the other, one group of assumptions at a time");
    });
    let Ok(kpi) = analysis::kpi_by_key(view.kpi) else { return };
    let colors = ChartColors::of(ui.visuals());
    let bridge = match view.bridge(a, b) {
        Ok(bridge) => bridge.clone(),
        Err(why) => {
            ui.label(format!("No bridge: {why}."));
            return;
        }
    };
    let (Some(start), Some(end)) = (bridge.a, bridge.b) else {
        ui.label(format!(
            "No bridge: {} is not defined for {}.",
            kpi.label,
            if bridge.a.is_none() { "this plan" } else { "the other plan" }
        ));
        return;
    };
    let show = |v: f64| schema::show(kpi.kind, kpi.decimals, v);
    let mut names = vec!["This plan".to_owned()];
    let mut bars = vec![Bar::new(0.0, start).fill(colors.series[1]).name(format!("This plan: {}", show(start)))];
    let mut level = start;
    let mut undefined = Vec::new();
    for (i, step) in bridge.steps.iter().enumerate() {
        names.push(step.group.key().to_owned());
        let x = (i + 1) as f64;
        match step.delta {
            Some(d) => {
                let color = if d >= 0.0 { colors.series[2] } else { colors.negative };
                bars.push(Bar::new(x, d).base_offset(level).fill(color).name(format!(
                    "{}: {}",
                    step.group.key(),
                    compare::diff_text(kpi, d)
                )));
                level += d;
            }
            None => {
                undefined.push(step.group.key());
                level = step.after.unwrap_or(level);
            }
        }
    }
    names.push("Other plan".to_owned());
    let last = names.len() as f64 - 1.0;
    bars.push(Bar::new(last, end).fill(colors.series[1]).name(format!("Other plan: {}", show(end))));
    // Every bar gets its label: one grid mark per bar, labels in two short
    // lines ("Other plan" on one line is wider than a bar at 1024 px and egui_plot drops
    // a label wider than its step), and room beside the end bars.
    let labels: Vec<String> = names.iter().map(|n| n.replacen(' ', "\n", 1)).collect();
    let marks = names.len();
    let x_axis = egui_plot::AxisHints::new_x().label_spacing(24.0..=32.0).formatter(move |mark, _| {
        let i = mark.value.round();
        if (mark.value - i).abs() < 1e-6 && i >= 0.0 { labels.get(i as usize).cloned().unwrap_or_default() } else { String::new() }
    });
    let plot = crate::charts::plot::fixed(Plot::new("bridge"))
        .height(260.0)
        .custom_x_axes(vec![x_axis])
        .x_grid_spacer(move |_| (0..marks).map(|i| egui_plot::GridMark { value: i as f64, step_size: 1.0 }).collect())
        .include_x(-0.6)
        .include_x(last + 0.6)
        // Money compact on the axis ($500 M): whole dollars took a third of the chart's width.
        .y_axis_formatter(move |mark, _| match kpi.kind {
            schema::Kind::Money => crate::units::usd_compact(mark.value),
            _ => schema::show(kpi.kind, kpi.decimals, mark.value),
        })
        .y_axis_label(format!("{} ({})", kpi.label, kpi.unit))
        .show(ui, |pu| pu.bar_chart(BarChart::new(kpi.label, bars).width(0.6)))
        .response;
    // Named for assistive technology (and the layout tests).
    ui.ctx().accesskit_node_builder(plot.id, |n| n.set_label(BRIDGE_LABEL));
    for step in &bridge.steps {
        let text = step.delta.map_or("not defined".to_owned(), |d| compare::diff_text(kpi, d));
        ui.label(format!("{}: {text}", step.group.key()));
    }
    if let Some(total) = bridge.total {
        ui.label(RichText::new(format!("Total: {}", compare::diff_text(kpi, total))).strong());
    }
    if !undefined.is_empty() {
        ui.label(format!("{} is not defined after the {} step(s): no bar for them.", kpi.label, undefined.join(", ")));
    }
}
