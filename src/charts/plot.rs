//! The frame every chart shares: options, the month axis (labels, grid,
//! the whole horizon after a double-click reset), y grids on the 1-2-5
//! ladder, hover read-outs, stacked bands, halving markers and the y-axis
//! formats. The x axis is the month index; labels, grid and hover read-outs
//! show "YYYY-MM". Legends sit above the plot (never over data); every y
//! axis names its unit and period.

use super::calls::{self, Call};
use super::colors::ChartColors;
use super::legend::{self, Entry, Swatch};
use super::overlay::Overlay;
use crate::engine::{MonthRow, Projection};
use crate::schema;
use crate::units;
use egui::{Color32, Id, Rect, Ui};
use egui_plot::{FilledArea, GridInput, GridMark, HoverPosition, LineStyle, Plot, PlotBounds, PlotResponse, VLine};

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
    pub overlays: Vec<Overlay>,
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

/// Month grid: years (January) as major marks, quarters as minor ones.
pub(super) fn month_grid(p: &Projection) -> impl Fn(GridInput) -> Vec<GridMark> + 'static {
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
    pub(super) fn of<R>(name: &'static str, r: &PlotResponse<R>) -> Drawn {
        Drawn { name, rect: r.response.rect, bounds: *r.transform.bounds() }
    }
}

/// The x range of the whole horizon: half a month either side.
pub fn horizon(p: &Projection) -> (f64, f64) {
    (-0.5, p.months.len().max(1) as f64 - 0.5)
}

/// The unit of a schema column, for a y axis.
pub(super) fn unit_of(key: &str, fallback: &'static str) -> &'static str {
    schema::column(key).map_or(fallback, |c| c.unit)
}

/// A plot with the shared month axis (the whole horizon, also after a
/// double-click reset), the unit on the y axis, linked x and hover read-out.
pub(super) fn base<'a>(id: &str, p: &'a Projection, opts: &ChartOptions, height: f32, fmt_y: fn(f64) -> String, unit: &str) -> Plot<'a> {
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
        .label_formatter(move |pos: &HoverPosition| Some(hover_text(p, pos)))
        .pipe(navigable)
}

/// How every plot that can be explored is handled, in one place: the plain
/// mouse wheel is left to the panel around the plot (egui_plot would pan
/// with it, and a plot inside a scrolling panel then slid into an empty
/// grid while the panel scrolled); Ctrl+wheel zooms, a drag pans, a
/// right-button drag zooms to a box, and a double-click always brings the
/// default view back.
pub fn navigable(plot: Plot<'_>) -> Plot<'_> {
    plot.allow_scroll(false).allow_zoom(true).allow_drag(true).allow_boxed_zoom(true).allow_double_click_reset(true)
}

/// How a plot that is read, not explored (the tornado, the bridge), is
/// handled: no zoom, no pan, the wheel left to the panel around it.
pub fn fixed(plot: Plot<'_>) -> Plot<'_> {
    plot.allow_scroll(false).allow_zoom(false).allow_drag(false).allow_boxed_zoom(false).allow_double_click_reset(true)
}

/// `plot.pipe(f)`: a builder step in the middle of a chain.
trait Pipe: Sized {
    fn pipe(self, f: impl FnOnce(Self) -> Self) -> Self {
        f(self)
    }
}
impl Pipe for Plot<'_> {}

/// What hovering reads before a chart gives its series: the month alone.
fn hover_text(p: &Projection, pos: &HoverPosition) -> String {
    match pos {
        HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position } => month_label(p, position.x),
    }
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

/// The hover read-out of every chart: hovering anywhere shows the month
/// with every series' own value in the series' units (a stacked band reports
/// no nearest point in egui_plot, and its drawn top is a running sum anyway).
/// The lenders' `calls` of the month close the read-out.
pub(super) fn readout<'a>(
    plot: Plot<'a>,
    p: &'a Projection,
    fmt_y: fn(f64) -> String,
    calls: &'a [Call],
    breakdown: impl Fn(usize) -> Vec<(String, f64)> + 'a,
) -> Plot<'a> {
    let label = move |x: f64| readout_text(p, x, fmt_y, calls, &breakdown);
    plot.label_formatter(move |pos: &HoverPosition| match pos {
        HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position } => Some(label(position.x)),
    })
}

/// A plot of a quantity that cannot be negative (share, hashrate, J/TH, MW)
/// starts at zero; with nothing to show (`empty`: an empty plan) it spans 0
/// to 1 instead of a range around zero with negative labels ("−20 EH/s").
pub(super) fn non_negative(plot: Plot<'_>, empty: bool) -> Plot<'_> {
    let plot = plot.include_y(0.0);
    if empty { plot.include_y(1.0) } else { plot }
}

/// The read-out at x: the month, each series' value, the calls of the month.
pub fn readout_text(
    p: &Projection,
    x: f64,
    fmt_y: fn(f64) -> String,
    calls: &[Call],
    breakdown: &dyn Fn(usize) -> Vec<(String, f64)>,
) -> String {
    let m = x.round().max(0.0) as usize;
    let mut text = month_label(p, x);
    if m < p.months.len() {
        for (name, v) in breakdown(m) {
            text.push_str(&format!("\n{name}: {}", fmt_y(v)));
        }
        text.push_str(&call_hover(calls, m));
    }
    text
}

pub(super) fn halvings(plot_ui: &mut egui_plot::PlotUi, p: &Projection, opts: &ChartOptions, color: Color32) {
    if !opts.show_halvings {
        return;
    }
    for (i, r) in p.months.iter().enumerate() {
        if r.halving {
            plot_ui.vline(VLine::new("Halving", i as f64).color(color).style(LineStyle::dashed_loose()));
        }
    }
}

pub(super) fn fmt_pct(v: f64) -> String {
    if v.abs() >= 1.0 { format!("{v:.2} %") } else { format!("{v:.3} %") }
}
pub(super) fn fmt_usd(v: f64) -> String {
    units::usd_compact(v)
}
pub(super) fn fmt_x(v: f64) -> String {
    format!("{v:.2}×")
}
pub(super) fn fmt_ehs(v: f64) -> String {
    units::hashrate_ehs(v)
}
pub(super) fn fmt_btc(v: f64) -> String {
    format!("{} BTC", units::thousands(v, 1))
}
pub(super) fn fmt_jth(v: f64) -> String {
    format!("{v:.1} J/TH")
}
pub(super) fn fmt_mw(v: f64) -> String {
    format!("{} MW", units::thousands(v, 1))
}

/// The size of the labels by the lenders' calls.
const CALL_LABEL_SIZE: f32 = 12.0;

/// A vertical line at each lender's call, drawn inside a plot's `show`; its
/// label is painted after the plot by [`call_labels`].
pub(super) fn call_lines(pu: &mut egui_plot::PlotUi, calls: &[Call], color: Color32) {
    for c in calls {
        pu.vline(VLine::new(c.label(), c.month as f64).color(color).width(1.6));
    }
}

/// How high the calls' labels may stack: this share of the plot's height.
const CALL_LABELS_SHARE: f32 = 1.0 / 3.0;

/// The label of each call by its line, along the bottom of the plot `resp`
/// drew, on a backing so it reads over shading and grid. A label goes right
/// of its line (left of it near the right edge); labels that would overlap
/// stack upward, within the lowest third of the plot ([`call_label_layout`]:
/// a short plot gets one label per month instead).
pub(super) fn call_labels<R>(ui: &Ui, resp: &PlotResponse<R>, calls: &[Call], c: &ChartColors, clear_bottom: f32) {
    let frame = *resp.transform.frame();
    let painter = ui.painter_at(frame);
    let lay_out = |labels: Vec<(usize, String)>| -> Vec<_> {
        labels
            .into_iter()
            .map(|(month, text)| {
                let x = resp.transform.position_from_point_x(month as f64);
                (x, painter.layout_no_wrap(text, egui::FontId::proportional(CALL_LABEL_SIZE), c.alert))
            })
            .collect()
    };
    let each = lay_out(calls.iter().map(|call| (call.month, call.label())).collect());
    let by_month = lay_out(calls::month_labels(calls));
    let sizes = |g: &[(f32, std::sync::Arc<egui::Galley>)]| -> Vec<(f32, egui::Vec2)> { g.iter().map(|(x, g)| (*x, g.size())).collect() };
    let (grouped, rects) = call_label_layout(frame, &sizes(&each), &sizes(&by_month), clear_bottom);
    for ((_, galley), rect) in (if grouped { by_month } else { each }).into_iter().zip(rects) {
        let Some(rect) = rect else { continue };
        painter.rect_filled(rect, 2.0, c.background.gamma_multiply(0.85));
        painter.galley(rect.min + egui::vec2(1.5, 1.5), galley, c.alert);
    }
}

/// Where the calls' labels go in the plot `frame`: one per call (`each`,
/// placed by [`call_label_rects`]) while their stack keeps to the lowest
/// [`CALL_LABELS_SHARE`] of the plot above the `clear_bottom` band, so they
/// cover little of the data; otherwise one per month (`by_month`), and a
/// month label that still rises above that share is left out (its marker,
/// the legend and the hover read-out still tell). Whether the month labels
/// are used, and their places.
pub(super) fn call_label_layout(
    frame: Rect,
    each: &[(f32, egui::Vec2)],
    by_month: &[(f32, egui::Vec2)],
    clear_bottom: f32,
) -> (bool, Vec<Option<Rect>>) {
    let limit = frame.bottom() - clear_bottom - frame.height() * CALL_LABELS_SHARE;
    let rects = call_label_rects(frame, each, clear_bottom);
    if rects.iter().flatten().all(|r| r.top() >= limit) {
        return (false, rects);
    }
    let rects = call_label_rects(frame, by_month, clear_bottom).into_iter().map(|r| r.filter(|r| r.top() >= limit)).collect();
    (true, rects)
}

/// Where each call's label goes in the plot `frame`: by its marker at `x`
/// (to its right, or to its left near the right edge), in rows stacked up
/// from the bottom, above a band `clear_bottom` points high kept for the
/// chart's own notes; `None` for a marker outside the frame.
pub(super) fn call_label_rects(frame: Rect, labels: &[(f32, egui::Vec2)], clear_bottom: f32) -> Vec<Option<Rect>> {
    let mut rows: Vec<f32> = Vec::new(); // the right edge of each row's last label
    labels
        .iter()
        .map(|&(x, size)| {
            if !(frame.left()..=frame.right()).contains(&x) {
                return None;
            }
            let left = if x + 4.0 + size.x <= frame.right() - 2.0 { x + 4.0 } else { (x - 4.0 - size.x).max(frame.left() + 2.0) };
            let row = rows.iter().position(|&right| right + 6.0 < left).unwrap_or(rows.len());
            if row == rows.len() {
                rows.push(0.0);
            }
            rows[row] = left + size.x;
            let top = frame.bottom() - clear_bottom - 4.0 - (row as f32 + 1.0) * (size.y + 3.0);
            Some(Rect::from_min_size(egui::pos2(left, top), size).expand(1.5))
        })
        .collect()
}

/// The hover lines of the calls in month `m` (none: empty).
pub(super) fn call_hover(calls: &[Call], m: usize) -> String {
    calls::at(calls, m).map(|c| format!("\n{}", c.hover())).collect()
}

/// The legend entry of the calls' markers, when a lender calls.
pub(super) fn call_entry(calls: &[Call], c: &ChartColors) -> Option<Entry> {
    (!calls.is_empty()).then(|| Entry::new("Debt called by its lender", c.alert, Swatch::Line))
}

/// The legend entry of the halving markers, when the horizon has one.
pub(super) fn halving_entry(p: &Projection, opts: &ChartOptions, c: &ChartColors) -> Option<Entry> {
    (opts.show_halvings && p.months.iter().any(|r| r.halving)).then(|| Entry::new("Halving", c.muted, Swatch::Dashed))
}

/// A named, coloured monthly series of a stack.
pub(super) type Series<'f> = (&'f str, Color32, &'f dyn Fn(&MonthRow) -> f64);

/// Cumulative stack of `series` as filled areas (bottom first).
pub(super) fn stack(pu: &mut egui_plot::PlotUi, p: &Projection, series: &[Series<'_>]) {
    let x: Vec<f64> = (0..p.months.len()).map(|i| i as f64).collect();
    let mut lower = vec![0.0; p.months.len()];
    for (name, color, f) in series {
        let upper: Vec<f64> = p.months.iter().zip(&lower).map(|(r, l)| l + f(r).max(0.0)).collect();
        pu.add(FilledArea::new(*name, &x, &lower, &upper).fill_color(color.gamma_multiply(0.55)).stroke(egui::Stroke::new(1.0, *color)));
        lower = upper;
    }
}

/// The series of a chart that have something to show (not zero all along).
pub(super) fn with_data<'f>(p: &Projection, series: &[Series<'f>]) -> Vec<Series<'f>> {
    series.iter().filter(|(_, _, f)| legend::has_data(p.months.iter().map(|r| Some(f(r))))).copied().collect()
}

/// A y-axis name that fits a plot `height` points tall: the full unit
/// ("USD at month end") where it has room, else the short one ("USD"), so
/// two stacked short plots (the report's) do not run their names together.
pub(super) fn axis_name(full: &'static str, short: &'static str, height: f32) -> &'static str {
    // About 6.5 points a character at the axis font, plus the tick margins.
    if (full.chars().count() as f32) * 6.5 + 24.0 <= height { full } else { short }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn call_labels_stack_in_the_lowest_third_or_go_one_per_month() {
        // Four labels 200 × 16 at one month stack in four rows of 19 points.
        let label = egui::vec2(200.0, 16.0);
        let each = [(100.0, label); 4];
        let by_month = [(100.0, label), (400.0, label)];
        let frame = |h: f32| Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(800.0, h));
        // 400 high: the stack (about 80) keeps to the lowest third (133).
        let (grouped, rects) = call_label_layout(frame(400.0), &each, &by_month, 0.0);
        assert!(!grouped && rects.len() == 4 && rects.iter().all(Option::is_some), "{rects:?}");
        // 150 high: a third is 50, so the two month labels instead, side by side.
        let (grouped, rects) = call_label_layout(frame(150.0), &each, &by_month, 0.0);
        assert!(grouped && rects.len() == 2 && rects.iter().all(Option::is_some), "{rects:?}");
        assert!(rects.iter().flatten().all(|r| r.top() >= 100.0), "{rects:?}");
        // Above a band of 40 points for the notes, the third is counted from the band.
        let (_, raised) = call_label_layout(frame(150.0), &each, &by_month, 40.0);
        assert!(raised.iter().flatten().all(|r| r.bottom() <= 110.0 && r.top() >= 60.0), "{raised:?}");
        // 60 high: a third (20) is less than a row (about 24): no label at all.
        let (grouped, rects) = call_label_layout(frame(60.0), &each, &by_month, 0.0);
        assert!(grouped && rects.iter().all(Option::is_none), "{rects:?}");
    }

    #[test]
    fn a_short_plot_names_its_axis_briefly() {
        assert_eq!(axis_name("USD at month end", "USD", 300.0), "USD at month end");
        assert_eq!(axis_name("BTC at month end", "BTC", 40.0), "BTC");
    }
}
