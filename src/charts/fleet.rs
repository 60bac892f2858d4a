//! The fleet chart: hashrate by lot (stacked) against the hashrate needed to
//! hold month 0's share, the J/TH of the running fleet, and mining capacity
//! used vs available. Each lot keeps its colour by its position in the
//! scenario ([`lot_groups`]), whatever the other lots do.

use super::colors::ChartColors;
use super::legend::{self, Entry, Swatch};
use super::overlay;
use super::plot::{ChartOptions, Drawn, base, fmt_ehs, fmt_jth, fmt_mw, halvings, non_negative, readout};
use super::registry::Chart;
use super::series::{segments, xs};
use crate::engine::Projection;
use egui::{Color32, Ui};
use egui_plot::{FilledArea, Line, LineStyle};

/// At most this many lots are stacked one by one; the rest as "Other lots".
pub const SHOWN: usize = 10;

/// The stacked groups of the fleet chart, in scenario order: a lot that runs
/// at some month (`totals[i] > 0`) among the `SHOWN` largest gets its own band,
/// coloured by its position `i` in the scenario; the smaller ones share one
/// muted band. Lots that never run are left out.
pub fn lot_groups(totals: &[f64], names: &[String], c: &ChartColors) -> Vec<(String, Color32, Vec<usize>)> {
    let mut order: Vec<usize> = (0..totals.len()).filter(|&i| totals[i] > 0.0).collect();
    order.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]).then(a.cmp(&b)));
    let (shown, rest) = order.split_at(order.len().min(SHOWN));
    let mut shown = shown.to_vec();
    shown.sort_unstable();
    let mut groups: Vec<(String, Color32, Vec<usize>)> =
        shown.iter().map(|&i| (names.get(i).cloned().unwrap_or_else(|| format!("Lot {}", i + 1)), c.lot(i), vec![i])).collect();
    if !rest.is_empty() {
        let mut rest = rest.to_vec();
        rest.sort_unstable();
        groups.push((format!("Other lots ({})", rest.len()), c.muted, rest));
    }
    groups
}

/// Chart 5, three stacked plots sharing the month axis.
pub fn chart(ui: &mut Ui, p: &Projection, opts: &ChartOptions, lot_names: &[String]) -> Vec<Drawn> {
    let c = ChartColors::of(ui.visuals());
    let totals: Vec<f64> = (0..p.lots).map(|i| (0..p.months.len()).map(|m| p.lot_hashrate(m, i)).sum()).collect();
    let groups = lot_groups(&totals, lot_names, &c);
    let mut entries: Vec<Entry> = groups.iter().map(|(n, col, _)| Entry::new(n.clone(), *col, Swatch::Area)).collect();
    entries.push(Entry::new("Needed to hold month-0 share", c.foreground, Swatch::Dashed));
    entries.extend(overlay::entries(&opts.overlays, Chart::Fleet, &c));
    // The three plots share `opts.height` (legends included): half for the stack.
    let top = ui.cursor().top();
    let used = legend::show(ui, &entries);
    let h = ((opts.height - used) * 0.5).max(60.0);
    let group_value = |lots: &[usize], m: usize| lots.iter().map(|&i| p.lot_hashrate(m, i)).sum::<f64>();
    let lookup = groups.iter().map(|(n, _, l)| (n.clone(), l.clone())).collect::<Vec<_>>();
    let overlays = &opts.overlays;
    let plot = readout(base("chart_fleet", p, opts, h, fmt_ehs, "EH/s"), p, fmt_ehs, &[], move |m| {
        let mut rows: Vec<(String, f64)> =
            lookup.iter().map(|(n, lots)| (n.clone(), lots.iter().map(|&i| p.lot_hashrate(m, i)).sum())).collect();
        rows.retain(|(_, v)| *v > 0.0);
        rows.push(("Fleet".to_owned(), p.months[m].fleet_hashrate_ehs));
        rows.push(("Needed to hold month-0 share".to_owned(), p.months[m].hold_share_hashrate_ehs));
        rows.extend(overlay::at(overlays, Chart::Fleet, p, m));
        rows
    });
    let mut out = Vec::new();
    let resp =
        non_negative(plot, p.months.iter().all(|r| r.fleet_hashrate_ehs <= 0.0 && r.hold_share_hashrate_ehs <= 0.0)).show(ui, |pu| {
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
            overlay::draw(pu, &opts.overlays, Chart::Fleet, p, &c);
        });
    out.push(Drawn::of("chart_fleet", &resp));
    // J/TH and capacity below the stack; side by side when the height is short.
    let rest = opts.height - (ui.cursor().top() - top);
    let bottom = top + opts.height;
    let gap = ui.spacing().item_spacing.y;
    if rest >= 360.0 {
        // Half of what is left for each, the second legend counted like the first.
        out.push(efficiency(ui, p, opts, &c, |y, used| (bottom - y - used - 2.0 * gap) / 2.0));
        out.push(capacity(ui, p, opts, &c, |y, _| bottom - y - gap));
    } else {
        ui.columns(2, |cols| {
            out.push(efficiency(&mut cols[0], p, opts, &c, |y, _| bottom - y - gap));
            out.push(capacity(&mut cols[1], p, opts, &c, |y, _| bottom - y - gap));
        });
    }
    out
}

/// The J/TH of the running fleet.
fn efficiency(ui: &mut Ui, p: &Projection, opts: &ChartOptions, c: &ChartColors, height: impl FnOnce(f32, f32) -> f32) -> Drawn {
    let used = legend::show(ui, &[Entry::new("J/TH of the running fleet", c.series[5], Swatch::Line)]);
    let h = height(ui.cursor().top(), used).max(40.0);
    let empty = p.months.iter().all(|r| r.fleet_j_per_th.is_none());
    let plot = readout(base("chart_jth", p, opts, h, fmt_jth, "J/TH"), p, fmt_jth, &[], move |m| {
        p.months[m].fleet_j_per_th.map(|v| ("J/TH of the running fleet".to_owned(), v)).into_iter().collect()
    });
    let resp = non_negative(plot, empty).show(ui, |pu| {
        for seg in segments(p, |r| r.fleet_j_per_th) {
            pu.line(Line::new("J/TH of the running fleet", seg).color(c.series[5]).width(2.0));
        }
    });
    Drawn::of("chart_jth", &resp)
}

/// Mining capacity available and used against the fleet's nameplate.
fn capacity(ui: &mut Ui, p: &Projection, opts: &ChartOptions, c: &ChartColors, height: impl FnOnce(f32, f32) -> f32) -> Drawn {
    let used = legend::show(
        ui,
        &[
            Entry::new("Mining capacity available", c.muted, Swatch::Line),
            Entry::new("Capacity used", c.series[2], Swatch::Line),
            Entry::new("Fleet nameplate", c.series[0], Swatch::Dashed),
        ],
    );
    let h = height(ui.cursor().top(), used).max(40.0);
    let empty = p.months.iter().all(|r| r.mining_capacity_mw <= 0.0 && r.fleet_nameplate_mw <= 0.0);
    let plot = readout(base("chart_capacity", p, opts, h, fmt_mw, "MW"), p, fmt_mw, &[], move |m| {
        let r = &p.months[m];
        vec![
            ("Mining capacity available".to_owned(), r.mining_capacity_mw),
            ("Capacity used".to_owned(), r.mining_used_mw),
            ("Fleet nameplate".to_owned(), r.fleet_nameplate_mw),
        ]
    });
    let resp = non_negative(plot, empty).show(ui, |pu| {
        pu.line(Line::new("Mining capacity available", xs(p, |r| r.mining_capacity_mw)).color(c.muted).width(2.0));
        pu.line(Line::new("Capacity used", xs(p, |r| r.mining_used_mw)).color(c.series[2]).width(2.0));
        pu.line(Line::new("Fleet nameplate", xs(p, |r| r.fleet_nameplate_mw)).color(c.series[0]).style(LineStyle::dashed_dense()));
    });
    Drawn::of("chart_capacity", &resp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::Visuals;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("L{i}")).collect()
    }

    #[test]
    fn a_lot_keeps_its_colour_when_another_drops_out() {
        let c = ChartColors::of(&Visuals::dark());
        let before = lot_groups(&[5.0, 3.0, 4.0, 1.0], &names(4), &c);
        // Lot 1 never runs any more: the others keep their colours.
        let after = lot_groups(&[5.0, 0.0, 4.0, 1.0], &names(4), &c);
        let colour = |g: &[(String, Color32, Vec<usize>)], n: &str| g.iter().find(|x| x.0 == n).map(|x| x.1);
        assert_eq!(after.len(), 3);
        assert!(colour(&after, "L1").is_none());
        for n in ["L0", "L2", "L3"] {
            assert_eq!(colour(&before, n), colour(&after, n), "{n} changed colour");
        }
        // Keyed to the position in the scenario, and distinct among the first lots.
        assert_eq!(colour(&after, "L2"), Some(c.lot(2)));
        assert_ne!(c.lot(0), c.lot(1));
    }

    #[test]
    fn the_smallest_lots_beyond_the_shown_ones_share_one_band() {
        let c = ChartColors::of(&Visuals::light());
        let totals: Vec<f64> = (0..SHOWN + 3).map(|i| 100.0 - i as f64).collect();
        let g = lot_groups(&totals, &names(SHOWN + 3), &c);
        assert_eq!(g.len(), SHOWN + 1);
        let last = g.last().unwrap();
        assert_eq!((last.0.as_str(), last.1, last.2.clone()), ("Other lots (3)", c.muted, vec![SHOWN, SHOWN + 1, SHOWN + 2]));
        // A lot's name falls back to its 1-based number.
        assert_eq!(lot_groups(&[1.0], &[], &c)[0].0, "Lot 1");
    }
}
