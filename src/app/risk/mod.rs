//! The Risk view: what moves a key figure and what it takes to break the
//! plan. A tornado of the drivers and a BTC price × network growth table for
//! a chosen KPI and the breakeven multiples of the BTC price path (computed
//! in the background by `background`), goal seek, and Monte Carlo odds of
//! running out of cash (in `montecarlo`, also in the background). Every
//! number comes from `analysis`; this module lays it out, and marks a
//! figure that is not yet for the plan on screen as updating.

mod background;
mod montecarlo;
mod seek;

use super::theme::ChartColors;
use crate::analysis::{self, breakeven, sensitivity};
use crate::model::Scenario;
use crate::schema::{self, Kind, Kpi};
use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot};

use background::Key;
pub use montecarlo::MonteCarlo;
pub use seek::GoalSeek;

/// The state of the Risk view.
pub struct RiskView {
    /// The KPI of the tornado and the table (a key of `schema::KPIS`).
    pub kpi: &'static str,
    /// The shock, in whole percent (20 = ±20 %).
    pub shock_pct: u32,
    /// The tornado, the table and the breakeven, computed off the UI thread.
    sensitivity: background::Sensitivity,
    pub seek: GoalSeek,
    pub monte_carlo: MonteCarlo,
}

impl Default for RiskView {
    fn default() -> Self {
        RiskView {
            kpi: analysis::DEFAULT_KPI,
            shock_pct: 20,
            sensitivity: background::Sensitivity::default(),
            seek: GoalSeek::default(),
            monte_carlo: MonteCarlo::default(),
        }
    }
}

impl RiskView {
    /// Some figure of the tornado, the table or the breakeven is not yet
    /// for the plan, KPI and shock last shown (the view says "Updating…").
    pub fn updating(&self) -> bool {
        self.sensitivity.updating()
    }
}

/// What the view asks the app to do.
pub enum RiskAction {
    /// Goal seek's answer, applied to the edited plan (one undo step).
    Apply(breakeven::Input, f64),
}

/// A KPI value as the cards show it.
pub fn show_kpi(kpi: &Kpi, v: Option<f64>) -> String {
    v.map_or_else(|| kpi.undefined.to_owned(), |v| schema::show(kpi.kind, kpi.decimals, v))
}

/// The KPI picker shared by the view's tools.
/// `labelled` is the label the picker is read with (screen readers, tests).
pub fn kpi_picker(ui: &mut Ui, id: &str, key: &mut &'static str, labelled: egui::Id) {
    let label = analysis::kpi_by_key(key).map_or(*key, |k| k.label);
    egui::ComboBox::from_id_salt(id)
        .selected_text(label)
        .show_ui(ui, |ui| {
            for k in analysis::numeric_kpis() {
                ui.selectable_value(key, k.key, k.label).on_hover_text(k.help);
            }
        })
        .response
        .labelled_by(labelled);
}

/// The whole view for the edited plan `s` (valid: `valid`), at frame time `now`.
pub fn ui(ui: &mut Ui, s: &Scenario, valid: bool, view: &mut RiskView, now: f64) -> Option<RiskAction> {
    if !valid {
        ui.label("Fix the problems in the editor to see the risk of this plan.");
        return None;
    }
    let mut out = None;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let what = ui.label(RichText::new("What moves").strong());
            kpi_picker(ui, "risk_kpi", &mut view.kpi, what.id);
            let shock = ui.label("when each driver is shocked by ±");
            ui.add(egui::DragValue::new(&mut view.shock_pct).range(1..=90).suffix(" %"))
                .labelled_by(shock.id)
                .on_hover_text("Each driver is multiplied by 1 − shock and 1 + shock, one at a time");
        });
        let Ok(kpi) = analysis::kpi_by_key(view.kpi) else { return };
        let key: Key = (s.clone(), view.kpi, view.shock_pct);
        let sens = &mut view.sensitivity;
        sens.tick(&key, ui.ctx());
        kept(ui, sens.tornado.as_ref(), &key, |ui, t| match t {
            Ok(t) => tornado_chart(ui, t, kpi),
            Err(e) => {
                ui.label(format!("No tornado: {e}"));
            }
        });
        ui.add_space(8.0);
        ui.label(RichText::new(format!("{} by BTC price and network growth", kpi.label)).strong());
        kept(ui, sens.two_way.as_ref(), &key, |ui, t| match t {
            Ok(t) => two_way_table(ui, t, kpi),
            Err(e) => {
                ui.label(format!("No table: {e}"));
            }
        });
        ui.add_space(12.0);
        ui.heading("Breakeven BTC price");
        kept(ui, sens.breakeven.as_ref(), &key.0, breakeven_ui);
        ui.add_space(12.0);
        ui.heading("Goal seek");
        out = seek::ui(ui, s, &mut view.seek).map(|(input, v)| RiskAction::Apply(input, v));
        ui.add_space(12.0);
        ui.heading("Monte Carlo");
        montecarlo::ui(ui, s, &mut view.monte_carlo, now);
    });
    out
}

/// A result computed in the background: shown as it is when it is for
/// `current`; greyed, under an "Updating…" note laid over its top right
/// corner (so nothing moves when it comes back current), when it is for an
/// earlier plan, KPI or shock; "Updating…" alone before the first one
/// arrives. The worker wakes the UI when a piece is ready, so no repaint is
/// requested here.
fn kept<K: PartialEq, V>(ui: &mut Ui, kept: Option<&(K, V)>, current: &K, show: impl FnOnce(&mut Ui, &V)) {
    match kept {
        Some((k, v)) if k == current => show(ui, v),
        Some((_, v)) => {
            let section = ui
                .scope(|ui| {
                    ui.multiply_opacity(0.4);
                    show(ui, v);
                })
                .response
                .rect;
            // In the part of the section in view (the table can be wider than the panel).
            let visible = section.intersect(ui.clip_rect());
            let mut over = ui.new_child(egui::UiBuilder::new().max_rect(visible).layout(egui::Layout::right_to_left(egui::Align::Min)));
            let visuals = over.visuals().clone();
            egui::Frame::new().fill(visuals.window_fill).stroke(visuals.window_stroke).inner_margin(6.0).corner_radius(4.0).show(
                &mut over,
                |ui| {
                    ui.add(egui::Label::new(RichText::new(UPDATING).strong()).extend())
                        .on_hover_text("The figures beneath are being recomputed in the background for the plan on screen");
                },
            );
        }
        None => {
            ui.label(RichText::new("Updating… computing the figures for this plan.").strong());
        }
    }
}

/// The note over figures that are not yet for the plan on screen.
pub const UPDATING: &str = "Updating… these figures are from before your last change";

fn tornado_chart(ui: &mut Ui, t: &sensitivity::Tornado, kpi: &'static Kpi) {
    let Some(base) = t.base else {
        ui.label(format!("{} is not defined for this plan: nothing to shock.", kpi.label));
        return;
    };
    let colors = ChartColors::of(ui.visuals());
    let n = t.bars.len();
    let (mut down, mut up) = (Vec::new(), Vec::new());
    for (i, b) in t.bars.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        if let Some(low) = b.low {
            down.push(Bar::new(y, low - base).base_offset(base).name(format!("{}: {}", b.label, show_kpi(kpi, Some(low)))));
        }
        if let Some(high) = b.high {
            up.push(Bar::new(y, high - base).base_offset(base).name(format!("{}: {}", b.label, show_kpi(kpi, Some(high)))));
        }
    }
    let labels: Vec<&'static str> = t.bars.iter().rev().map(|b| b.label).collect();
    let pct = (t.shock * 100.0).round();
    ui.label(format!(
        "{} in the plan: {}; each bar shows it with one driver moved down and up by {pct} %.",
        kpi.label,
        show_kpi(kpi, Some(base))
    ));
    crate::charts::plot::fixed(Plot::new("tornado"))
        .height(30.0 * n as f32 + 60.0)
        .legend(Legend::default().position(egui_plot::Corner::RightBottom))
        .y_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).map_or(String::new(), |l| (*l).to_owned())
            } else {
                String::new()
            }
        })
        .y_axis_min_width(160.0)
        // Money ticks compact ($1.5 B): whole-dollar ticks were too wide to
        // place on a large plan and none showed. Steps on the 1-2-5 ladder.
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|g: egui_plot::GridInput| crate::charts::plot::nice_steps(g.base_step_size)))
        .x_axis_formatter(move |mark, _| match kpi.kind {
            Kind::Money => crate::units::usd_compact(mark.value),
            _ => schema::show(kpi.kind, kpi.decimals, mark.value),
        })
        .x_axis_label(format!("{} ({})", kpi.label, kpi.unit))
        .show(ui, |pu| {
            // Hover shows the bar's own words ("Hosting rate: $534,341,173"), not its raw length.
            let words = || Box::new(|b: &egui_plot::Bar, _: &BarChart| b.name.clone()) as Box<dyn Fn(&egui_plot::Bar, &BarChart) -> String>;
            pu.bar_chart(
                BarChart::new(format!("driver × {:.2} (−{pct} %)", 1.0 - t.shock), down)
                    .horizontal()
                    .width(0.6)
                    .color(colors.negative)
                    .element_formatter(words()),
            );
            pu.bar_chart(
                BarChart::new(format!("driver × {:.2} (+{pct} %)", 1.0 + t.shock), up)
                    .horizontal()
                    .width(0.6)
                    .color(colors.series[1])
                    .element_formatter(words()),
            );
        });
    for b in &t.bars {
        if let Some(note) = &b.note {
            ui.label(RichText::new(format!("{}: {note}", b.label)).weak());
        }
    }
}

/// The colour of a cell: green above the base, red below, stronger further away.
fn cell_color(v: f64, base: f64, spread: f64, colors: &ChartColors) -> Color32 {
    if spread <= 0.0 {
        return Color32::TRANSPARENT;
    }
    let t = ((v - base) / spread).clamp(-1.0, 1.0) as f32;
    let c = if t >= 0.0 { colors.series[2] } else { colors.negative };
    c.gamma_multiply(0.15 + 0.45 * t.abs())
}

fn two_way_table(ui: &mut Ui, t: &sensitivity::TwoWay, kpi: &'static Kpi) {
    let colors = ChartColors::of(ui.visuals());
    let base = t.cells.get(t.base.0).and_then(|r| r.get(t.base.1)).copied().flatten();
    let spread = t.cells.iter().flatten().flatten().map(|v| (v - base.unwrap_or(*v)).abs()).fold(0.0, f64::max);
    let factor = |f: f64| if (f - 1.0).abs() < 1e-9 { "plan".to_owned() } else { format!("× {f:.2}") };
    // Compact cells (full value on hover) and a sideways scroll: at 1024×768
    // the right-hand columns of whole-dollar cells were cut off.
    egui::ScrollArea::horizontal().id_salt("two_way_scroll").show(ui, |ui| {
        egui::Grid::new("two_way").num_columns(t.growth_factors.len() + 1).spacing([4.0, 4.0]).show(ui, |ui| {
            ui.label(RichText::new("BTC price ⬇  network growth ➡").weak());
            for &g in &t.growth_factors {
                ui.label(RichText::new(factor(g)).strong());
            }
            ui.end_row();
            for (r, row) in t.cells.iter().enumerate() {
                ui.label(RichText::new(factor(t.price_factors[r])).strong());
                for (c, v) in row.iter().enumerate() {
                    let full = show_kpi(kpi, *v);
                    let text = cell_text(kpi, *v);
                    let on_floor = t.floor.get(r).and_then(|row| row.get(c)).copied().unwrap_or(false);
                    let fill = match (v, base) {
                        // Held up by the floor: neither better nor worse, whatever the number says.
                        _ if on_floor => Color32::TRANSPARENT,
                        (Some(v), Some(b)) => cell_color(*v, b, spread, &colors),
                        _ => Color32::TRANSPARENT,
                    };
                    let is_base = (r, c) == t.base;
                    let shown = if on_floor { format!("{text} (floor)") } else { text };
                    let rich = if is_base { RichText::new(format!("[{shown}]")).strong() } else { RichText::new(shown) };
                    let mut hover = if is_base { format!("{full}: the plan as it is") } else { full };
                    if on_floor {
                        hover.push_str(FLOOR_NOTE);
                    }
                    egui::Frame::new().fill(fill).inner_margin(4.0).show(ui, |ui| {
                        ui.label(rich).on_hover_text(hover);
                    });
                }
                ui.end_row();
            }
        });
    });
    if kpi.kind == Kind::Money {
        ui.label(
            RichText::new("Green: better than the plan; red: worse (for cash-like figures). The plan's own cell is in brackets.").weak(),
        );
    }
    if t.floor.iter().flatten().any(|&f| f) {
        ui.label(RichText::new(format!("(floor), unshaded:{FLOOR_NOTE}")).weak());
    }
}

/// What a cell held up by the minimum-cash floor means.
const FLOOR_NOTE: &str = " the treasury sold BTC to keep the minimum cash, so this figure is the floor, not the plan's result; liquidity at end shows the difference";

/// A two-way table cell as shown: money compact (`$207.6 M`), anything
/// else as [`show_kpi`] writes it; the full value is the cell's hover text.
pub fn cell_text(kpi: &Kpi, v: Option<f64>) -> String {
    match v {
        Some(x) if kpi.kind == Kind::Money => compact_usd(x).unwrap_or_else(|| show_kpi(kpi, v)),
        _ => show_kpi(kpi, v),
    }
}

/// Millions and billions to a tenth (`$207.6 M`, `-$1.05 B`): differences
/// between cells stay visible and a row fits a projector. `None` below a
/// million (shown in full).
fn compact_usd(v: f64) -> Option<String> {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    if !a.is_finite() || a < 1e6 {
        None
    } else if a >= 1e9 {
        Some(format!("{sign}${:.2} B", a / 1e9))
    } else {
        Some(format!("{sign}${:.1} M", a / 1e6))
    }
}

fn breakeven_ui(ui: &mut Ui, b: &Result<breakeven::Breakeven, String>) {
    let b = match b {
        Ok(b) => b,
        Err(e) => {
            ui.label(format!("No breakeven: {e}"));
            return;
        }
    };
    ui.label(format!("Cash stays at or above zero at {}.", b.words(b.cash)))
        .on_hover_text("The smallest multiple of the whole BTC price path at which cash never goes below 0 (bisection to 0.01 %), and the BTC price it means");
    match b.covenant {
        Some(m) => ui.label(format!("The covenant holds every month at {}.", b.words(m))),
        None => ui.label("No covenant is set (Financing), so none can be breached."),
    };
}

#[cfg(test)]
mod tests {
    use super::compact_usd;

    #[test]
    fn compact_cells_keep_a_tenth_of_a_million() {
        assert_eq!(compact_usd(207_570_028.0).as_deref(), Some("$207.6 M"));
        assert_eq!(compact_usd(-1_049_000_000.0).as_deref(), Some("-$1.05 B"));
        assert_eq!(compact_usd(999_999.0), None, "below a million the value shows in full");
        assert_eq!(compact_usd(f64::NAN), None);
    }
}
