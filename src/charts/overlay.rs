//! Other plans drawn over a chart, for comparison: one dashed line per plan
//! with the chart's headline series (from the registry: share, EBITDA, net
//! leverage, cash, fleet hashrate), placed by calendar month so plans that start in other
//! months line up, each in its own colour and legend entry.

use super::colors::ChartColors;
use super::legend::{Entry, Swatch};
use super::registry::Chart;
use super::series::segments_of;
use crate::engine::Projection;
use egui::Color32;
use egui_plot::{Line, LineStyle};
use std::sync::Arc;

/// A plan drawn over the charts.
#[derive(Clone, Debug)]
pub struct Overlay {
    /// The plan's name in the legend.
    pub name: String,
    pub projection: Arc<Projection>,
    /// Its place in the list of plans (its colour follows it).
    pub index: usize,
}

/// The overlay's points on `base`'s month axis (x = months since `base`
/// starts), in runs of defined values.
pub fn points(chart: Chart, base: &Projection, other: &Projection) -> Vec<Vec<[f64; 2]>> {
    let (Some(b0), Some(o0)) = (base.months.first(), other.months.first()) else { return Vec::new() };
    let shift = o0.month.since(b0.month) as f64;
    let values: Vec<Option<f64>> = other.months.iter().map(chart.headline().value).collect();
    segments_of(&values).into_iter().map(|run| run.into_iter().map(|[x, y]| [x + shift, y]).collect()).collect()
}

/// Each overlay's headline value in month `m` of `base` (by calendar
/// month), for the hover read-out; plans without that month are left out.
pub fn at(overlays: &[Overlay], chart: Chart, base: &Projection, m: usize) -> Vec<(String, f64)> {
    let Some(b0) = base.months.first() else { return Vec::new() };
    let what = chart.headline().name;
    overlays
        .iter()
        .filter_map(|o| {
            let o0 = o.projection.months.first()?;
            let i = usize::try_from(m as i64 - o0.month.since(b0.month)).ok()?;
            let v = (chart.headline().value)(o.projection.months.get(i)?)?;
            Some((format!("{}: {what}", o.name), v))
        })
        .collect()
}

/// The colour of the plan at `index` in the list.
pub fn color(c: &ChartColors, index: usize) -> Color32 {
    c.series[(6 + index) % c.series.len()]
}

/// Legend entries of the overlays of a chart.
pub fn entries(overlays: &[Overlay], chart: Chart, c: &ChartColors) -> Vec<Entry> {
    let what = chart.headline().name;
    overlays.iter().map(|o| Entry::new(format!("{}: {what}", o.name), color(c, o.index), Swatch::Dashed)).collect()
}

/// Draws the overlays of a chart.
pub fn draw(pu: &mut egui_plot::PlotUi, overlays: &[Overlay], chart: Chart, base: &Projection, c: &ChartColors) {
    draw_within(pu, overlays, chart, base, c, (f64::NEG_INFINITY, f64::INFINITY));
}

/// Draws the overlays of a chart with a clipped axis, held to `(lo, hi)`.
pub fn draw_within(pu: &mut egui_plot::PlotUi, overlays: &[Overlay], chart: Chart, base: &Projection, c: &ChartColors, range: (f64, f64)) {
    let what = chart.headline().name;
    for o in overlays {
        for run in points(chart, base, &o.projection) {
            let run: Vec<[f64; 2]> = run.into_iter().map(|[x, y]| [x, y.clamp(range.0, range.1)]).collect();
            pu.line(Line::new(format!("{}: {what}", o.name), run).color(color(c, o.index)).width(1.8).style(LineStyle::dashed_dense()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn projection(start: &str) -> Projection {
        let text =
            include_str!("../../tests/data/reference.ron").replacen("start_month: \"2025-11\"", &format!("start_month: \"{start}\""), 1);
        crate::engine::project(&crate::format::parse_valid(&text).unwrap()).unwrap()
    }

    #[test]
    fn an_overlay_is_placed_by_calendar_month() {
        let base = projection("2025-11");
        let later = projection("2026-02");
        let runs = points(Chart::Cash, &base, &later);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0][0], [3.0, later.months[0].cash_usd]);
        assert_eq!(runs[0].len(), later.months.len());
        // Undefined months (net leverage without positive EBITDA) split the line.
        let lev = points(Chart::Leverage, &base, &base);
        let defined = base.months.iter().filter(|r| r.net_leverage.is_some()).count();
        assert_eq!(lev.iter().map(Vec::len).sum::<usize>(), defined);
        // Hovering month 5 of the base reads month 2 of the later plan.
        let o = Overlay { name: "Later".into(), projection: std::sync::Arc::new(later.clone()), index: 0 };
        assert_eq!(at(std::slice::from_ref(&o), Chart::Cash, &base, 5), vec![("Later: cash".to_owned(), later.months[2].cash_usd)]);
        assert!(at(&[o], Chart::Cash, &base, 1).is_empty(), "before the later plan starts");
    }
}
