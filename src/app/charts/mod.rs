//! The charts. Each one is a function of `(projection, options, ui)` with no
//! app state inside, so the same code can draw a presentation slide, a
//! comparison overlay or an exported image. The x axis is the month index;
//! labels, grid and hover read-outs show "YYYY-MM". Every chart shows the
//! whole horizon, and a double-click brings it back after a zoom; legends sit
//! above the plot (never over data); every y axis names its unit and period.
//! `leverage` and `fleet` hold the two charts with their own rules.

pub mod fleet;
pub mod legend;
pub mod leverage;
pub mod overlay;

use super::theme::ChartColors;
use crate::engine::{MonthRow, Projection};
use crate::schema;
use crate::units;
use egui::{Color32, Id, Rect, Ui};
use egui_plot::{
    FilledArea, GridInput, GridMark, HLine, HoverPosition, Line, LineStyle, Plot, PlotBounds, PlotPoints, PlotResponse, VLine,
};
use legend::{Entry, Swatch};
use serde::{Deserialize, Serialize};

/// The chart tabs of the centre panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ChartTab {
    #[default]
    Share,
    Revenue,
    Leverage,
    Cash,
    Fleet,
    Table,
}

impl ChartTab {
    pub const ALL: [ChartTab; 6] =
        [ChartTab::Share, ChartTab::Revenue, ChartTab::Leverage, ChartTab::Cash, ChartTab::Fleet, ChartTab::Table];
    pub fn title(self) -> &'static str {
        match self {
            ChartTab::Share => "Hashrate share",
            ChartTab::Revenue => "Revenue",
            ChartTab::Leverage => "Leverage",
            ChartTab::Cash => "Cash & debt",
            ChartTab::Fleet => "Fleet & power",
            ChartTab::Table => "Monthly table",
        }
    }
}

/// How to draw; no app state.
#[derive(Clone, Debug)]
pub struct ChartOptions {
    /// Plot height in points (a tab with several plots splits it).
    pub height: f32,
    /// Link x axes and cursors of all plots in this group.
    pub link_group: Id,
    /// Covenant line for the leverage chart.
    pub covenant: Option<f64>,
    /// Mark halvings with vertical lines.
    pub show_halvings: bool,
    /// Other plans drawn over the chart (comparison).
    pub overlays: Vec<overlay::Overlay>,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions { height: 320.0, link_group: Id::unique("floe_charts"), covenant: None, show_halvings: true, overlays: Vec::new() }
    }
}

/// Month label of index `x` counted from the projection's first month.
pub fn month_label(p: &Projection, x: f64) -> String {
    match p.months.first().map(|r| r.month) {
        Some(m0) => m0.offset(x.round() as i64).to_string(),
        None => format!("{x:.0}"),
    }
}

fn xs(p: &Projection, f: impl Fn(&MonthRow) -> f64) -> Vec<[f64; 2]> {
    p.months.iter().enumerate().map(|(i, r)| [i as f64, f(r)]).collect()
}

/// Month grid: years (January) as major marks, quarters as minor ones.
fn month_grid(p: &Projection) -> impl Fn(GridInput) -> Vec<GridMark> + 'static {
    let first_month = p.months.first().map(|r| r.month).map_or(1, |m| m.month() as i64);
    move |input: GridInput| {
        let (lo, hi) = input.bounds;
        let span = hi - lo;
        let minor = if span > 150.0 {
            12
        } else if span > 40.0 {
            3
        } else {
            1
        };
        let mut marks = Vec::new();
        let (start, end) = (lo.floor() as i64, hi.ceil() as i64);
        for x in start..=end {
            let moy = (first_month - 1 + x).rem_euclid(12); // 0 = January
            if moy == 0 {
                marks.push(GridMark { value: x as f64, step_size: 12.0 * if span > 150.0 { 5.0 } else { 1.0 } });
            } else if moy % minor == 0 && minor < 12 {
                marks.push(GridMark { value: x as f64, step_size: minor as f64 });
            }
        }
        marks
    }
}

/// One plot a chart drew: its name, where it is on screen and what it shows.
#[derive(Clone, Copy, Debug)]
pub struct Drawn {
    pub name: &'static str,
    pub rect: Rect,
    pub bounds: PlotBounds,
}

impl Drawn {
    fn of<R>(name: &'static str, r: &PlotResponse<R>) -> Drawn {
        Drawn { name, rect: r.response.rect, bounds: *r.transform.bounds() }
    }
}

/// The x range of the whole horizon: half a month either side.
pub fn horizon(p: &Projection) -> (f64, f64) {
    (-0.5, p.months.len().max(1) as f64 - 0.5)
}

/// The unit of a schema column, for a y axis.
fn unit_of(key: &str, fallback: &'static str) -> &'static str {
    schema::column(key).map_or(fallback, |c| c.unit)
}

/// A plot with the shared month axis (the whole horizon, also after a
/// double-click reset), the unit on the y axis, linked x and hover read-out.
fn base<'a>(id: &str, p: &'a Projection, opts: &ChartOptions, height: f32, fmt_y: fn(f64) -> String, unit: &str) -> Plot<'a> {
    let (x0, x1) = horizon(p);
    Plot::new(id)
        .height(height)
        .default_x_bounds(x0, x1)
        .link_axis(opts.link_group, [true, false])
        .link_cursor(opts.link_group, [true, false])
        .y_axis_min_width(72.0)
        .y_axis_label(unit.to_owned())
        .x_axis_formatter(move |m: GridMark, _| month_label(p, m.value))
        .x_grid_spacer(month_grid(p))
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|g: egui_plot::GridInput| nice_steps(g.base_step_size)))
        .y_axis_formatter(move |m: GridMark, _| fmt_y(m.value))
        .allow_scroll(false)
        .label_formatter(move |pos: &HoverPosition| match pos {
            HoverPosition::NearDataPoint { plot_name, position, .. } => {
                Some(format!("{plot_name}\n{}: {}", month_label(p, position.x), fmt_y(position.y)))
            }
            HoverPosition::Elsewhere { position } => Some(month_label(p, position.x)),
        })
}

/// Three nested grid steps on the 1-2-5 ladder, the finest at least
/// `min_step`. Powers of ten alone (egui_plot's default) jump from steps too
/// dense to label to one wider than a short chart's range, which left the
/// report's share chart with a single "0.000 %" tick.
pub fn nice_steps(min_step: f64) -> [f64; 3] {
    if !(min_step.is_finite() && min_step > 0.0) {
        return [1.0, 2.0, 10.0];
    }
    let decade = |x: f64| 10f64.powf(x.log10().floor());
    let p = decade(min_step);
    let m = min_step / p;
    let fine = p * if m <= 1.0 + 1e-9 {
        1.0
    } else if m <= 2.0 + 1e-9 {
        2.0
    } else if m <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    // 1 ➡ 2, 2 ➡ 10, 5 ➡ 10: each step a multiple of the one below, and
    // the labelled step stays dense enough to give an axis several labels.
    let up = |s: f64| if (s / decade(s) - 2.0).abs() < 1e-6 { s * 5.0 } else { s * 2.0 };
    let mid = up(fine);
    [fine, mid, up(mid)]
}

/// Hover read-out for stacked charts: a stacked band reports no nearest point
/// in egui_plot, and its drawn top is a running sum anyway, so hovering
/// anywhere shows the month with every series' own value.
fn stacked<'a>(
    plot: Plot<'a>,
    p: &'a Projection,
    fmt_y: fn(f64) -> String,
    breakdown: impl Fn(usize) -> Vec<(String, f64)> + 'a,
) -> Plot<'a> {
    let label = move |x: f64| {
        let m = x.round().max(0.0) as usize;
        let mut text = month_label(p, x);
        if m < p.months.len() {
            for (name, v) in breakdown(m) {
                text.push_str(&format!("\n{name}: {}", fmt_y(v)));
            }
        }
        text
    };
    plot.label_formatter(move |pos: &HoverPosition| match pos {
        HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position } => Some(label(position.x)),
    })
}

/// The revenue chart's read-out for month `m`: each series' own value.
pub(crate) fn revenue_breakdown(p: &Projection, m: usize) -> Vec<(String, f64)> {
    let Some(r) = p.months.get(m) else { return Vec::new() };
    [
        (MINING_REVENUE, r.mining_revenue_usd),
        (HOSTING_REVENUE, r.hosting_revenue_usd),
        (CURTAILMENT_CREDITS, r.curtailment_credit_usd),
        ("Power cost", r.power_cost_usd),
        ("Opex", r.opex_usd),
        ("EBITDA", r.ebitda_usd),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_owned(), v))
    .collect()
}

const MINING_REVENUE: &str = "Mining revenue";
const HOSTING_REVENUE: &str = "AI hosting revenue";
const CURTAILMENT_CREDITS: &str = "Curtailment credits";

fn halvings(plot_ui: &mut egui_plot::PlotUi, p: &Projection, opts: &ChartOptions, color: Color32) {
    if !opts.show_halvings {
        return;
    }
    for (i, r) in p.months.iter().enumerate() {
        if r.halving {
            plot_ui.vline(VLine::new("Halving", i as f64).color(color).style(LineStyle::dashed_loose()));
        }
    }
}

fn fmt_pct(v: f64) -> String {
    if v.abs() >= 1.0 { format!("{v:.2} %") } else { format!("{v:.3} %") }
}
fn fmt_usd(v: f64) -> String {
    units::usd_compact(v)
}
fn fmt_x(v: f64) -> String {
    format!("{v:.2}×")
}
fn fmt_ehs(v: f64) -> String {
    units::hashrate_ehs(v)
}
fn fmt_btc(v: f64) -> String {
    format!("{} BTC", units::thousands(v, 1))
}
fn fmt_jth(v: f64) -> String {
    format!("{v:.1} J/TH")
}
fn fmt_mw(v: f64) -> String {
    format!("{} MW", units::thousands(v, 1))
}

/// Chart 1, hashrate share, with the hold-share line and halving markers.
pub fn share(ui: &mut Ui, p: &Projection, opts: &ChartOptions) -> Vec<Drawn> {
    let c = ChartColors::of(ui.visuals());
    let s0 = p.months.first().map_or(0.0, |r| r.hashrate_share * 100.0);
    let mut entries =
        vec![Entry::new("Hashrate share", c.series[0], Swatch::Line), Entry::new("Hold month-0 share", c.muted, Swatch::Dashed)];
    entries.extend(halving_entry(p, opts, &c));
    entries.extend(overlay::entries(&opts.overlays, ChartTab::Share, &c));
    let h = (opts.height - legend::show(ui, &entries)).max(80.0);
    let resp = base("chart_share", p, opts, h, fmt_pct, unit_of("hashrate_share", "% of network")).include_y(0.0).show(ui, |pu| {
        pu.line(Line::new("Hashrate share", xs(p, |r| r.hashrate_share * 100.0)).color(c.series[0]).width(2.0));
        pu.line(Line::new("Hold month-0 share", PlotPoints::from(xs(p, |_| s0))).color(c.muted).style(LineStyle::dashed_dense()));
        halvings(pu, p, opts, c.muted);
        overlay::draw(pu, &opts.overlays, ChartTab::Share, p, &c);
    });
    vec![Drawn::of("chart_share", &resp)]
}

/// The legend entry of the halving markers, when the horizon has one.
pub(super) fn halving_entry(p: &Projection, opts: &ChartOptions, c: &ChartColors) -> Option<Entry> {
    (opts.show_halvings && p.months.iter().any(|r| r.halving)).then(|| Entry::new("Halving", c.muted, Swatch::Dashed))
}

/// A named, coloured monthly series of a stack.
type Series<'f> = (&'f str, Color32, &'f dyn Fn(&MonthRow) -> f64);

/// Cumulative stack of `series` as filled areas (bottom first).
fn stack(pu: &mut egui_plot::PlotUi, p: &Projection, series: &[Series<'_>]) {
    let x: Vec<f64> = (0..p.months.len()).map(|i| i as f64).collect();
    let mut lower = vec![0.0; p.months.len()];
    for (name, color, f) in series {
        let upper: Vec<f64> = p.months.iter().zip(&lower).map(|(r, l)| l + f(r).max(0.0)).collect();
        pu.add(FilledArea::new(*name, &x, &lower, &upper).fill_color(color.gamma_multiply(0.55)).stroke(egui::Stroke::new(1.0, *color)));
        lower = upper;
    }
}

/// The series of a chart that have something to show (not zero all along).
fn with_data<'f>(p: &Projection, series: &[Series<'f>]) -> Vec<Series<'f>> {
    series.iter().filter(|(_, _, f)| legend::has_data(p.months.iter().map(|r| Some(f(r))))).copied().collect()
}

/// Chart 2, revenue stack (mining, hosting, curtailment credits) against power cost and opex; EBITDA.
pub fn revenue(ui: &mut Ui, p: &Projection, opts: &ChartOptions) -> Vec<Drawn> {
    let c = ChartColors::of(ui.visuals());
    let areas = with_data(
        p,
        &[
            (MINING_REVENUE, c.series[0], &|r| r.mining_revenue_usd),
            (HOSTING_REVENUE, c.series[1], &|r| r.hosting_revenue_usd),
            (CURTAILMENT_CREDITS, c.series[2], &|r| r.curtailment_credit_usd),
        ],
    );
    let lines = with_data(
        p,
        &[
            ("Power cost", c.negative, &|r| r.power_cost_usd),
            ("Opex", c.series[4], &|r| r.opex_usd),
            ("EBITDA", c.foreground, &|r| r.ebitda_usd),
        ],
    );
    let mut entries: Vec<Entry> = areas.iter().map(|(n, col, _)| Entry::new(*n, *col, Swatch::Area)).collect();
    entries.extend(lines.iter().map(|(n, col, _)| Entry::new(*n, *col, Swatch::Line)));
    entries.extend(halving_entry(p, opts, &c));
    entries.extend(overlay::entries(&opts.overlays, ChartTab::Revenue, &c));
    let h = (opts.height - legend::show(ui, &entries)).max(80.0);
    let plot = base("chart_revenue", p, opts, h, fmt_usd, unit_of("mining_revenue_usd", "USD per month"));
    let plot = stacked(plot, p, fmt_usd, move |m| revenue_breakdown(p, m));
    let resp = plot.include_y(0.0).show(ui, |pu| {
        stack(pu, p, &areas);
        for (name, color, f) in &lines {
            let width = if *name == "EBITDA" { 2.5 } else { 1.5 };
            pu.line(Line::new(*name, xs(p, f)).color(*color).width(width));
        }
        halvings(pu, p, opts, c.muted);
        overlay::draw(pu, &opts.overlays, ChartTab::Revenue, p, &c);
    });
    vec![Drawn::of("chart_revenue", &resp)]
}

/// Runs of consecutive defined values, for lines with gaps.
fn segments(p: &Projection, f: impl Fn(&MonthRow) -> Option<f64>) -> Vec<Vec<[f64; 2]>> {
    segments_of(&p.months.iter().map(f).collect::<Vec<_>>())
}

/// Runs of consecutive defined values of a monthly series.
pub(crate) fn segments_of(values: &[Option<f64>]) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut run = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => run.push([i as f64, *v]),
            None if !run.is_empty() => out.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// Chart 4, cash, debt and net debt (USD at month end); BTC held below.
pub fn cash(ui: &mut Ui, p: &Projection, opts: &ChartOptions) -> Vec<Drawn> {
    let c = ChartColors::of(ui.visuals());
    let lines = with_data(
        p,
        &[("Cash", c.series[2], &|r| r.cash_usd), ("Debt", c.negative, &|r| r.debt_usd), ("Net debt", c.series[4], &|r| r.net_debt_usd)],
    );
    let mut entries: Vec<Entry> =
        lines.iter().map(|(n, col, _)| Entry::new(*n, *col, if *n == "Net debt" { Swatch::Dashed } else { Swatch::Line })).collect();
    entries.extend(overlay::entries(&opts.overlays, ChartTab::Cash, &c));
    let top = ui.cursor().top();
    let total = (opts.height - legend::show(ui, &entries)).max(80.0);
    let btc = legend::has_data(p.months.iter().map(|r| Some(r.btc_held)));
    let h = if btc { (total * 0.64).max(60.0) } else { total };
    let mut out = Vec::new();
    let resp = base("chart_cash", p, opts, h, fmt_usd, axis_name(unit_of("cash_usd", "USD at month end"), "USD", h)).include_y(0.0).show(
        ui,
        |pu| {
            for (name, color, f) in &lines {
                let line = Line::new(*name, xs(p, f)).color(*color);
                pu.line(if *name == "Net debt" { line.width(1.5).style(LineStyle::dashed_dense()) } else { line.width(2.0) });
            }
            pu.hline(HLine::new("Zero", 0.0).color(c.muted));
            overlay::draw(pu, &opts.overlays, ChartTab::Cash, p, &c);
        },
    );
    out.push(Drawn::of("chart_cash", &resp));
    if btc {
        // Treasury BTC gets its own plot: its unit is not USD.
        legend::show(ui, &[Entry::new("BTC held", c.series[0], Swatch::Line)]);
        let hb = (opts.height - (ui.cursor().top() - top) - ui.spacing().item_spacing.y).max(40.0);
        let resp = base("chart_btc_held", p, opts, hb, fmt_btc, axis_name(unit_of("btc_held", "BTC at month end"), "BTC", hb))
            .include_y(0.0)
            .show(ui, |pu| {
                pu.line(Line::new("BTC held", xs(p, |r| r.btc_held)).color(c.series[0]).width(2.0));
            });
        out.push(Drawn::of("chart_btc_held", &resp));
    }
    out
}

/// A y-axis name that fits a plot `height` points tall: the full unit
/// ("USD at month end") where it has room, else the short one ("USD"), so
/// two stacked short plots (the report's) do not run their names together.
fn axis_name(full: &'static str, short: &'static str, height: f32) -> &'static str {
    // About 6.5 points a character at the axis font, plus the tick margins.
    if (full.chars().count() as f32) * 6.5 + 24.0 <= height { full } else { short }
}

/// Draws the chart of `tab` (not the table) filling `ui`, from its arguments
/// only; returns the plots drawn.
pub fn draw(ui: &mut Ui, tab: ChartTab, p: &Projection, opts: &ChartOptions, lot_names: &[String]) -> Vec<Drawn> {
    match tab {
        ChartTab::Share => share(ui, p, opts),
        ChartTab::Revenue => revenue(ui, p, opts),
        ChartTab::Leverage => leverage::chart(ui, p, opts),
        ChartTab::Cash => cash(ui, p, opts),
        ChartTab::Fleet => fleet::chart(ui, p, opts, lot_names),
        ChartTab::Table => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_revenue_read_out_gives_each_series_own_value_not_the_stack_top() {
        let s = crate::format::parse_valid(include_str!("../../../tests/data/reference.ron")).unwrap();
        let p = crate::engine::project(&s).unwrap();
        let m = 20;
        let r = &p.months[m];
        let rows = revenue_breakdown(&p, m);
        let get = |name: &str| rows.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
        assert_eq!(get("AI hosting revenue"), Some(r.hosting_revenue_usd));
        assert_eq!(get("Curtailment credits"), Some(r.curtailment_credit_usd));
        assert_eq!(get("Mining revenue"), Some(r.mining_revenue_usd));
        assert_eq!(get("EBITDA"), Some(r.ebitda_usd));
        assert!(revenue_breakdown(&p, 10_000).is_empty());
    }

    #[test]
    fn grid_steps_climb_the_1_2_5_ladder_and_nest() {
        let close = |a: [f64; 3], b: [f64; 3]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12 * y.max(1.0));
        assert!(close(nice_steps(0.05), [0.05, 0.1, 0.2]), "{:?}", nice_steps(0.05));
        assert!(close(nice_steps(0.03), [0.05, 0.1, 0.2]));
        assert!(close(nice_steps(0.12), [0.2, 1.0, 2.0]));
        assert!(close(nice_steps(7.0), [10.0, 20.0, 100.0]));
        assert!(close(nice_steps(1.0), [1.0, 2.0, 10.0]));
        for min in [1e-4, 0.0037, 0.05, 0.3, 2.2, 48.0, 3.1e6] {
            let [a, b, c] = nice_steps(min);
            assert!(a >= min * (1.0 - 1e-9) && a < 2.5 * min, "{min}: finest {a}");
            for (lo, hi) in [(a, b), (b, c)] {
                let k = hi / lo;
                assert!((k - k.round()).abs() < 1e-9 && k.round() >= 2.0, "{min}: {hi} is a multiple of {lo}");
            }
        }
        assert_eq!(nice_steps(0.0), [1.0, 2.0, 10.0], "no step for an empty range: a harmless default");
    }

    #[test]
    fn a_short_plot_names_its_axis_briefly() {
        assert_eq!(axis_name("USD at month end", "USD", 300.0), "USD at month end");
        assert_eq!(axis_name("BTC at month end", "BTC", 40.0), "BTC");
    }
}
