//! Chart 2, revenue: the stack of mining revenue, AI hosting revenue and
//! curtailment credits against power cost and opex, with EBITDA on top; the
//! hover read-out gives each series' own value, not the stack's top.

use super::colors::ChartColors;
use super::legend::{self, Entry, Swatch};
use super::overlay;
use super::plot::{ChartOptions, Drawn, base, fmt_usd, halving_entry, halvings, readout, stack, unit_of, with_data};
use super::registry::Chart;
use super::series::xs;
use crate::engine::Projection;
use egui::Ui;
use egui_plot::Line;

/// The revenue chart's read-out for month `m`: each series' own value.
pub fn breakdown(p: &Projection, m: usize) -> Vec<(String, f64)> {
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

/// Chart 2, revenue stack (mining, hosting, curtailment credits) against power cost and opex; EBITDA.
pub fn chart(ui: &mut Ui, p: &Projection, opts: &ChartOptions) -> Vec<Drawn> {
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
    entries.extend(overlay::entries(&opts.overlays, Chart::Revenue, &c));
    let h = (opts.height - legend::show(ui, &entries)).max(80.0);
    let plot = base("chart_revenue", p, opts, h, fmt_usd, unit_of("mining_revenue_usd", "USD per month"));
    let overlays = &opts.overlays;
    let plot = readout(plot, p, fmt_usd, &[], move |m| {
        let mut rows = breakdown(p, m);
        rows.extend(overlay::at(overlays, Chart::Revenue, p, m));
        rows
    });
    let resp = plot.include_y(0.0).show(ui, |pu| {
        stack(pu, p, &areas);
        for (name, color, f) in &lines {
            let width = if *name == "EBITDA" { 2.5 } else { 1.5 };
            pu.line(Line::new(*name, xs(p, f)).color(*color).width(width));
        }
        halvings(pu, p, opts, c.muted);
        overlay::draw(pu, &opts.overlays, Chart::Revenue, p, &c);
    });
    vec![Drawn::of("chart_revenue", &resp)]
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
        let rows = breakdown(&p, m);
        let get = |name: &str| rows.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
        assert_eq!(get("AI hosting revenue"), Some(r.hosting_revenue_usd));
        assert_eq!(get("Curtailment credits"), Some(r.curtailment_credit_usd));
        assert_eq!(get("Mining revenue"), Some(r.mining_revenue_usd));
        assert_eq!(get("EBITDA"), Some(r.ebitda_usd));
        assert!(breakdown(&p, 10_000).is_empty());
    }
}
