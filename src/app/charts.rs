//! The charts. Each one is a function of `(projection, options, ui)` with no
//! app state inside, so the same code can draw a presentation slide, a
//! comparison overlay or an exported image. The x axis is the month index;
//! labels, grid and hover read-outs show "YYYY-MM".

use super::theme::ChartColors;
use crate::engine::{MonthRow, Projection};
use crate::units;
use egui::{Color32, Id, Ui};
use egui_plot::{Corner, FilledArea, GridInput, GridMark, HLine, HoverPosition, Legend, Line, LineStyle, Plot, PlotPoints, Span, VLine};
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
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions { height: 320.0, link_group: Id::unique("floe_charts"), covenant: None, show_halvings: true }
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

/// A plot with the shared month axis, legend, linked x and hover read-out.
fn base<'a>(id: &str, p: &'a Projection, opts: &ChartOptions, height: f32, fmt_y: fn(f64) -> String) -> Plot<'a> {
    Plot::new(id)
        .height(height)
        .legend(Legend::default().follow_insertion_order(true).position(Corner::LeftTop))
        .link_axis(opts.link_group, [true, false])
        .link_cursor(opts.link_group, [true, false])
        .y_axis_min_width(72.0)
        .x_axis_formatter(move |m: GridMark, _| month_label(p, m.value))
        .x_grid_spacer(month_grid(p))
        .y_axis_formatter(move |m: GridMark, _| fmt_y(m.value))
        .allow_scroll(false)
        .label_formatter(move |pos: &HoverPosition| match pos {
            HoverPosition::NearDataPoint { plot_name, position, .. } => {
                Some(format!("{plot_name}\n{}: {}", month_label(p, position.x), fmt_y(position.y)))
            }
            HoverPosition::Elsewhere { position } => Some(month_label(p, position.x)),
        })
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
pub fn share(ui: &mut Ui, p: &Projection, opts: &ChartOptions) {
    let c = ChartColors::of(ui.visuals());
    let s0 = p.months.first().map_or(0.0, |r| r.hashrate_share * 100.0);
    // The share usually starts high and melts: the legend goes top right.
    let plot = base("chart_share", p, opts, opts.height, fmt_pct)
        .legend(Legend::default().follow_insertion_order(true).position(Corner::RightTop));
    plot.include_y(0.0).show(ui, |pu| {
        pu.line(Line::new("Hashrate share", xs(p, |r| r.hashrate_share * 100.0)).color(c.series[0]).width(2.0));
        pu.line(Line::new("Hold month-0 share", PlotPoints::from(xs(p, |_| s0))).color(c.muted).style(LineStyle::dashed_dense()));
        halvings(pu, p, opts, c.muted);
    });
}

/// Cumulative stack of `series` as filled areas (bottom first).
/// A named, coloured monthly series of a stack.
type Series<'f> = (&'f str, Color32, &'f dyn Fn(&MonthRow) -> f64);

fn stack(pu: &mut egui_plot::PlotUi, p: &Projection, series: &[Series<'_>]) {
    let x: Vec<f64> = (0..p.months.len()).map(|i| i as f64).collect();
    let mut lower = vec![0.0; p.months.len()];
    for (name, color, f) in series {
        let upper: Vec<f64> = p.months.iter().zip(&lower).map(|(r, l)| l + f(r).max(0.0)).collect();
        pu.add(FilledArea::new(*name, &x, &lower, &upper).fill_color(color.gamma_multiply(0.55)).stroke(egui::Stroke::new(1.0, *color)));
        lower = upper;
    }
}

/// Chart 2, revenue stack (mining, hosting, curtailment credits) against power cost and opex; EBITDA.
pub fn revenue(ui: &mut Ui, p: &Projection, opts: &ChartOptions) {
    let c = ChartColors::of(ui.visuals());
    let plot = stacked(base("chart_revenue", p, opts, opts.height, fmt_usd), p, fmt_usd, move |m| revenue_breakdown(p, m));
    plot.include_y(0.0).show(ui, |pu| {
        stack(
            pu,
            p,
            &[
                (MINING_REVENUE, c.series[0], &|r| r.mining_revenue_usd),
                (HOSTING_REVENUE, c.series[1], &|r| r.hosting_revenue_usd),
                (CURTAILMENT_CREDITS, c.series[2], &|r| r.curtailment_credit_usd),
            ],
        );
        pu.line(Line::new("Power cost", xs(p, |r| r.power_cost_usd)).color(c.negative).width(1.5));
        pu.line(Line::new("Opex", xs(p, |r| r.opex_usd)).color(c.series[4]).width(1.5));
        pu.line(Line::new("EBITDA", xs(p, |r| r.ebitda_usd)).color(c.foreground).width(2.5));
        halvings(pu, p, opts, c.muted);
    });
}

/// Runs of consecutive defined values, for lines with gaps.
fn segments(p: &Projection, f: impl Fn(&MonthRow) -> Option<f64>) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut run = Vec::new();
    for (i, r) in p.months.iter().enumerate() {
        match f(r) {
            Some(v) => run.push([i as f64, v]),
            None if !run.is_empty() => out.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// Chart 3, leverage (debt / LTM EBITDA) with the covenant, and interest coverage;
/// months where a ratio is not meaningful are gaps, shaded "n/m".
pub fn leverage(ui: &mut Ui, p: &Projection, opts: &ChartOptions) {
    let c = ChartColors::of(ui.visuals());
    let (lo, hi) = ratio_view(p, opts.covenant);
    let plot = base("chart_leverage", p, opts, opts.height, fmt_x).default_y_bounds(lo, hi).auto_bounds([true, false]);
    plot.show(ui, |pu| {
        // Shade runs where leverage is undefined (LTM EBITDA <= 0).
        let mut i = 0;
        while i < p.months.len() {
            if p.months[i].leverage.is_none() {
                let j = (i..p.months.len()).find(|&j| p.months[j].leverage.is_some()).unwrap_or(p.months.len());
                pu.add(
                    Span::new("Leverage n/m (LTM EBITDA ≤ 0)", (i as f64 - 0.5)..=(j as f64 - 0.5)).fill(c.negative.gamma_multiply(0.12)),
                );
                i = j;
            } else {
                i += 1;
            }
        }
        for seg in segments(p, |r| r.leverage) {
            pu.line(Line::new("Debt / LTM EBITDA", seg).color(c.series[0]).width(2.0));
        }
        for seg in segments(p, |r| r.interest_coverage) {
            pu.line(Line::new("Interest coverage", seg).color(c.series[1]).width(1.5));
        }
        if let Some(cov) = opts.covenant {
            pu.hline(HLine::new(format!("Covenant {cov:.2}×"), cov).color(c.negative).style(LineStyle::dashed_dense()));
        }
        // Say where the line goes when its peak is above the default view.
        let peak = p.months.iter().enumerate().filter_map(|(i, r)| r.leverage.map(|l| (i, l))).max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, l)) = peak
            && l > hi
        {
            let text = format!("⬆ peak {l:.1}× in {} (above the view; scroll or zoom out)", month_label(p, i as f64));
            pu.text(
                egui_plot::Text::new("", egui_plot::PlotPoint::new(i as f64, hi * 0.97), text)
                    .color(c.series[0])
                    .anchor(egui::Align2::LEFT_TOP),
            );
        }
    });
}

/// The y range of the ratio chart: room for the covenant and most values,
/// without letting one huge ratio (tiny positive EBITDA) flatten the rest.
/// Larger values leave the view at the top; zoom out to see them.
fn ratio_view(p: &Projection, covenant: Option<f64>) -> (f64, f64) {
    let mut v: Vec<f64> = p.months.iter().flat_map(|r| [r.leverage, r.interest_coverage]).flatten().collect();
    v.sort_by(f64::total_cmp);
    let q = |f: f64| if v.is_empty() { 0.0 } else { v[((v.len() - 1) as f64 * f).round() as usize] };
    let hi = (q(0.85) * 1.3).max(covenant.unwrap_or(0.0) * 2.0).max(5.0);
    let lo = q(0.1).min(0.0).max(-hi);
    (lo, hi)
}

/// Chart 4, cash, debt and net debt (USD); BTC held below.
pub fn cash(ui: &mut Ui, p: &Projection, opts: &ChartOptions) {
    let c = ChartColors::of(ui.visuals());
    let h = (opts.height * 0.64).max(120.0);
    base("chart_cash", p, opts, h, fmt_usd).include_y(0.0).show(ui, |pu| {
        pu.line(Line::new("Cash", xs(p, |r| r.cash_usd)).color(c.series[2]).width(2.0));
        pu.line(Line::new("Debt", xs(p, |r| r.debt_usd)).color(c.negative).width(2.0));
        pu.line(Line::new("Net debt", xs(p, |r| r.net_debt_usd)).color(c.series[4]).width(1.5).style(LineStyle::dashed_dense()));
        pu.hline(HLine::new("Zero cash", 0.0).color(c.muted));
    });
    base("chart_btc_held", p, opts, opts.height - h - 8.0, fmt_btc).include_y(0.0).show(ui, |pu| {
        pu.line(Line::new("BTC held", xs(p, |r| r.btc_held)).color(c.series[0]).width(2.0));
    });
}

/// Chart 5, fleet: hashrate by lot (stacked) with the hold-share hashrate, then the
/// J/TH of the running fleet, then mining capacity used vs available.
pub fn fleet(ui: &mut Ui, p: &Projection, opts: &ChartOptions, lot_names: &[String]) {
    let c = ChartColors::of(ui.visuals());
    let h = (opts.height * 0.5).max(120.0);
    let small = ((opts.height - h) / 2.0 - 8.0).max(80.0);
    // The largest lots by hashrate, the rest grouped as "Other lots".
    const SHOWN: usize = 10;
    let totals: Vec<f64> = (0..p.lots).map(|i| (0..p.months.len()).map(|m| p.lot_hashrate(m, i)).sum()).collect();
    let mut order: Vec<usize> = (0..p.lots).filter(|&i| totals[i] > 0.0).collect();
    order.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]).then(a.cmp(&b)));
    let (shown, rest) = order.split_at(order.len().min(SHOWN));
    let mut shown = shown.to_vec();
    shown.sort_unstable();
    // The stacked groups: each shown lot alone, then the rest together.
    let mut groups: Vec<(String, Color32, Vec<usize>)> = shown
        .iter()
        .enumerate()
        .map(|(k, &i)| (lot_names.get(i).cloned().unwrap_or_else(|| format!("Lot {}", i + 1)), c.nth(k), vec![i]))
        .collect();
    if !rest.is_empty() {
        groups.push((format!("Other lots ({})", rest.len()), c.muted, rest.to_vec()));
    }
    let group_value = |lots: &[usize], m: usize| lots.iter().map(|&i| p.lot_hashrate(m, i)).sum::<f64>();
    let lookup = groups.iter().map(|(n, _, l)| (n.clone(), l.clone())).collect::<Vec<_>>();
    let plot = stacked(base("chart_fleet", p, opts, h, fmt_ehs), p, fmt_ehs, move |m| {
        let mut rows: Vec<(String, f64)> =
            lookup.iter().map(|(n, lots)| (n.clone(), lots.iter().map(|&i| p.lot_hashrate(m, i)).sum())).collect();
        rows.retain(|(_, v)| *v > 0.0);
        rows.push(("Fleet".to_owned(), p.months[m].fleet_hashrate_ehs));
        rows.push(("Needed to hold month-0 share".to_owned(), p.months[m].hold_share_hashrate_ehs));
        rows
    });
    plot.include_y(0.0).show(ui, |pu| {
        let x: Vec<f64> = (0..p.months.len()).map(|i| i as f64).collect();
        let mut lower = vec![0.0; p.months.len()];
        for (name, color, lots) in &groups {
            let upper: Vec<f64> = (0..p.months.len()).map(|m| lower[m] + group_value(lots, m)).collect();
            pu.add(
                FilledArea::new(name.clone(), &x, &lower, &upper)
                    .fill_color(color.gamma_multiply(0.55))
                    .stroke(egui::Stroke::new(1.0, *color)),
            );
            lower = upper;
        }
        pu.line(
            Line::new("Needed to hold month-0 share", xs(p, |r| r.hold_share_hashrate_ehs))
                .color(c.foreground)
                .style(LineStyle::dashed_dense()),
        );
        halvings(pu, p, opts, c.muted);
    });
    base("chart_jth", p, opts, small, fmt_jth).show(ui, |pu| {
        for seg in segments(p, |r| r.fleet_j_per_th) {
            pu.line(Line::new("J/TH of the running fleet", seg).color(c.series[5]).width(2.0));
        }
    });
    base("chart_capacity", p, opts, small, fmt_mw).include_y(0.0).show(ui, |pu| {
        pu.line(Line::new("Mining capacity available", xs(p, |r| r.mining_capacity_mw)).color(c.muted).width(2.0));
        pu.line(Line::new("Capacity used", xs(p, |r| r.mining_used_mw)).color(c.series[2]).width(2.0));
        pu.line(Line::new("Fleet nameplate", xs(p, |r| r.fleet_nameplate_mw)).color(c.series[0]).style(LineStyle::dashed_dense()));
    });
}

/// Draws the chart of `tab` (not the table).
pub fn draw(ui: &mut Ui, tab: ChartTab, p: &Projection, opts: &ChartOptions, lot_names: &[String]) {
    match tab {
        ChartTab::Share => share(ui, p, opts),
        ChartTab::Revenue => revenue(ui, p, opts),
        ChartTab::Leverage => leverage(ui, p, opts),
        ChartTab::Cash => cash(ui, p, opts),
        ChartTab::Fleet => fleet(ui, p, opts, lot_names),
        ChartTab::Table => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_revenue_read_out_gives_each_series_own_value_not_the_stack_top() {
        let s = crate::format::parse_valid(include_str!("../../tests/data/reference.ron")).unwrap();
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
}
