//! The report's risk page: breakeven in dollars and as a multiple of the BTC
//! price path, Monte Carlo odds of running out of cash and of a lender's
//! call by year with the fan chart of cash, and the tornado of liquidity at
//! end. Every figure comes from `analysis` ([`RiskFigures::of`]); Monte Carlo
//! runs a modest, seeded number of paths so the report is quick and the same
//! every time. `report` puts it under the page header, after the returns page.

use crate::analysis::breakeven::{self, Breakeven, Multiple};
use crate::analysis::montecarlo::{self, Config, Fan, McResult};
use crate::analysis::sensitivity::{self, Tornado};
use crate::charts::colors::ChartColors;
use crate::engine::KpiId;
use crate::model::Scenario;
use crate::units;
use egui::{Grid, RichText, Sense, Ui, vec2};
use egui_plot::{Legend, Line, Plot, PlotPoints, Polygon};
use std::sync::atomic::{AtomicBool, AtomicUsize};

/// Monte Carlo paths on the risk page (seeded: the same report every time).
pub const REPORT_PATHS: usize = 200;
/// The seed of the report's Monte Carlo.
pub const REPORT_SEED: u64 = 1;
/// The tornado's shock on the risk page (±20 %).
pub const REPORT_SHOCK: f64 = 0.2;

/// The risk page's figures, each with why it is missing.
pub struct RiskFigures {
    pub breakeven: Result<Breakeven, String>,
    pub tornado: Result<Tornado, String>,
    pub monte_carlo: Result<McResult, String>,
}

/// The Monte Carlo settings of the report.
pub fn report_config() -> Config {
    Config { paths: REPORT_PATHS, seed: REPORT_SEED, ..Config::default() }
}

impl RiskFigures {
    /// Computes the figures of a valid `s` (an invalid one gives the reason in each).
    pub fn of(s: &Scenario) -> RiskFigures {
        let liquidity = KpiId::LiquidityAtEndUsd.kpi();
        let mc = montecarlo::run(s, &report_config(), &AtomicBool::new(false), &AtomicUsize::new(0)).map_err(|e| e.to_string());
        RiskFigures { breakeven: breakeven::breakeven(s), tornado: sensitivity::tornado(s, liquidity, REPORT_SHOCK), monte_carlo: mc }
    }
}

/// A share as the page writes it: `12.3 %`.
pub fn pct(p: f64) -> String {
    format!("{:.1} %", p * 100.0)
}

/// The breakeven sentence of one test (cash, covenant), in dollars and as a multiple.
pub fn breakeven_sentence(b: &Breakeven, m: Multiple, what: &str) -> String {
    match m {
        Multiple::At(_) => format!("{what} while BTC stays above {}.", b.words(m)),
        _ => format!("{what}: {}.", b.words(m)),
    }
}

/// The risk page's body (the report draws the header above it).
pub fn page(ui: &mut Ui, r: &RiskFigures) {
    ui.add_space(6.0);
    ui.label(RichText::new("Risk").size(18.0).strong());
    ui.label(RichText::new("Breakeven BTC price").size(16.0).strong());
    match &r.breakeven {
        Ok(b) => {
            ui.label(RichText::new(breakeven_sentence(b, b.cash, "Cash stays at or above zero")).size(12.5));
            match b.covenant {
                Some(m) => ui.label(RichText::new(breakeven_sentence(b, m, "The covenant holds every month")).size(12.5)),
                None => ui.label(RichText::new("No covenant is set, so none can be breached.").size(12.5)),
            };
            ui.label(
                RichText::new("The whole BTC price path scaled by one multiple; the smallest multiple that holds, to 0.01 %.")
                    .size(9.5)
                    .weak(),
            );
        }
        Err(e) => {
            ui.label(format!("No breakeven: {e}"));
        }
    }
    ui.add_space(8.0);
    monte_carlo(ui, &r.monte_carlo);
    ui.add_space(8.0);
    tornado(ui, &r.tornado);
}

fn monte_carlo(ui: &mut Ui, r: &Result<McResult, String>) {
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            ui.label(RichText::new("Monte Carlo").size(16.0).strong());
            ui.label(format!("No Monte Carlo: {e}"));
            return;
        }
    };
    ui.label(RichText::new("Monte Carlo: the odds by year").size(16.0).strong());
    ui.label(
        RichText::new(format!(
            "{} paths of the BTC price around the plan's path at {} annual volatility (seed {}); the network keeps the plan's path.",
            r.paths,
            units::percent(r.vol, 0),
            r.seed
        ))
        .size(10.5)
        .weak(),
    );
    let mut overall = format!("Out of cash at least once: {}.", pct(r.p_out_of_cash));
    overall += &if r.can_accelerate {
        format!(" A lender calls its debt at least once: {}.", pct(r.p_acceleration))
    } else {
        " No instrument can be called by its lender.".to_owned()
    };
    ui.label(RichText::new(overall).size(12.5).strong());
    Grid::new("report_mc_years").num_columns(4).spacing([18.0, 2.0]).striped(true).show(ui, |ui| {
        for head in ["Year", "Through", "Out of cash", "Lender's call"] {
            ui.label(RichText::new(head).size(11.0).strong());
        }
        ui.end_row();
        for y in &r.by_year {
            ui.label(RichText::new(format!("Year {}", y.year)).size(11.0));
            ui.label(RichText::new(&y.through).size(11.0));
            ui.label(RichText::new(pct(y.p_out_of_cash)).size(11.0));
            ui.label(RichText::new(if r.can_accelerate { pct(y.p_acceleration) } else { "n/a".to_owned() }).size(11.0));
            ui.end_row();
        }
    });
    ui.add_space(4.0);
    ui.label(RichText::new("Cash (USD, end of month)").size(12.0).strong());
    fan_chart(ui, &r.cash_usd, &r.months);
}

/// The cash fan on paper: P5–P95 and P25–P75 bands and the median.
fn fan_chart(ui: &mut Ui, fan: &Fan, months: &[String]) {
    let c = ChartColors::of(ui.visuals()).series[1];
    let quads = |lo: usize, hi: usize| crate::charts::fan::band_quads(fan, lo, hi);
    let median = crate::charts::fan::median(fan);
    let labels = months.to_vec();
    Plot::new("report_mc_cash")
        .height(190.0)
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 { labels.get(i as usize).cloned().unwrap_or_default() } else { String::new() }
        })
        .y_axis_formatter(|mark, _| units::usd_compact(mark.value))
        .y_axis_min_width(64.0)
        .show(ui, |pu| {
            for (name, lo, hi, alpha) in [("P5–P95", 0, 4, 0.15), ("P25–P75", 1, 3, 0.3)] {
                for q in quads(lo, hi) {
                    let band = Polygon::new(name, PlotPoints::from(q)).fill_color(c.gamma_multiply(alpha));
                    pu.polygon(band.stroke(egui::Stroke::NONE).allow_hover(false));
                }
            }
            pu.line(Line::new("median", PlotPoints::from(median)).color(c).width(2.0));
        });
}

/// The tornado of liquidity at end: one row per driver, low and high side
/// as figures (selectable text) and as a bar around the plan's value.
fn tornado(ui: &mut Ui, t: &Result<Tornado, String>) {
    let kpi = KpiId::LiquidityAtEndUsd.kpi();
    ui.label(RichText::new(format!("What moves {}", kpi.label.to_lowercase())).size(16.0).strong());
    let t = match t {
        Ok(t) => t,
        Err(e) => {
            ui.label(format!("No tornado: {e}"));
            return;
        }
    };
    let Some(base) = t.base else {
        ui.label(format!("{} is not defined for this plan.", kpi.label));
        return;
    };
    ui.label(
        RichText::new(format!(
            "Each driver {} down and up; the plan: {}. {}.",
            units::percent(t.shock, 0),
            units::usd_compact(base),
            kpi.help
        ))
        .size(10.5)
        .weak(),
    );
    let spread = t.bars.iter().flat_map(|b| [b.low, b.high]).flatten().map(|v| (v - base).abs()).fold(0.0, f64::max);
    let colors = ChartColors::of(ui.visuals());
    Grid::new("report_tornado").num_columns(4).spacing([12.0, 2.0]).striped(true).show(ui, |ui| {
        for head in ["Driver", "Down", "Up", ""] {
            ui.label(RichText::new(head).size(11.0).strong());
        }
        ui.end_row();
        for b in &t.bars {
            let show = |v: Option<f64>| v.map_or("n/a".to_owned(), units::usd_compact);
            ui.label(RichText::new(b.label).size(11.0));
            ui.label(RichText::new(show(b.low)).size(11.0));
            ui.label(RichText::new(show(b.high)).size(11.0));
            let (rect, _) = ui.allocate_exact_size(vec2(240.0, 12.0), Sense::hover());
            let x = |v: f64| rect.center().x + if spread > 0.0 { ((v - base) / spread) as f32 * rect.width() / 2.0 } else { 0.0 };
            for v in [b.low, b.high].into_iter().flatten() {
                let c = if v < base { colors.negative } else { colors.series[2] };
                let (a, z) = (x(base).min(x(v)), x(base).max(x(v)));
                ui.painter().rect_filled(egui::Rect::from_x_y_ranges(a..=z.max(a + 1.0), rect.y_range()), 1.0, c);
            }
            ui.painter().vline(rect.center().x, rect.y_range(), egui::Stroke::new(1.0, ui.visuals().text_color()));
            ui.end_row();
        }
    });
}
