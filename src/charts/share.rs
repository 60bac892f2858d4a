//! Chart 1, hashrate share: the plan's share of the network against the
//! share it had in month 0, with halving markers.

use super::colors::ChartColors;
use super::legend::{self, Entry, Swatch};
use super::overlay;
use super::plot::{ChartOptions, Drawn, base, fmt_pct, halving_entry, halvings, non_negative, readout, unit_of};
use super::registry::Chart;
use super::series::xs;
use crate::engine::Projection;
use egui::Ui;
use egui_plot::{Line, LineStyle, PlotPoints};

/// Chart 1, hashrate share, with the hold-share line and halving markers.
pub fn chart(ui: &mut Ui, p: &Projection, opts: &ChartOptions) -> Vec<Drawn> {
    let c = ChartColors::of(ui.visuals());
    let empty = p.months.iter().all(|r| r.hashrate_share <= 0.0);
    let s0 = p.months.first().map_or(0.0, |r| r.hashrate_share * 100.0);
    let mut entries =
        vec![Entry::new("Hashrate share", c.series[0], Swatch::Line), Entry::new("Hold month-0 share", c.muted, Swatch::Dashed)];
    entries.extend(halving_entry(p, opts, &c));
    entries.extend(overlay::entries(&opts.overlays, Chart::Share, &c));
    let h = (opts.height - legend::show(ui, &entries)).max(80.0);
    let overlays = &opts.overlays;
    let plot = base("chart_share", p, opts, h, fmt_pct, unit_of("hashrate_share", "% of network"));
    let plot = readout(plot, p, fmt_pct, &[], move |m| {
        let mut rows = vec![("Hashrate share".to_owned(), p.months[m].hashrate_share * 100.0), ("Hold month-0 share".to_owned(), s0)];
        rows.extend(overlay::at(overlays, Chart::Share, p, m));
        rows
    });
    let resp = non_negative(plot, empty).show(ui, |pu| {
        pu.line(Line::new("Hashrate share", xs(p, |r| r.hashrate_share * 100.0)).color(c.series[0]).width(2.0));
        pu.line(Line::new("Hold month-0 share", PlotPoints::from(xs(p, |_| s0))).color(c.muted).style(LineStyle::dashed_dense()));
        halvings(pu, p, opts, c.muted);
        overlay::draw(pu, &opts.overlays, Chart::Share, p, &c);
    });
    vec![Drawn::of("chart_share", &resp)]
}
