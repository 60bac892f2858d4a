//! Chart 4, cash and debt: cash, debt and net debt in USD at month end, and
//! the BTC held in a plot of its own below (its unit is not USD). A lender
//! calling its debt is marked where the cash goes out: a vertical line, a
//! label with the instrument, month and amount, and a hover line.

use super::calls::Call;
use super::colors::ChartColors;
use super::legend::{self, Entry, Swatch};
use super::overlay;
use super::plot::{
    ChartOptions, Drawn, axis_name, base, call_entry, call_labels, call_lines, fmt_btc, fmt_usd, readout, unit_of, with_data,
};
use super::registry::Chart;
use super::series::xs;
use crate::engine::Projection;
use egui::Ui;
use egui_plot::{HLine, Line, LineStyle};

/// Chart 4, cash, debt and net debt (USD at month end) with the lenders'
/// `calls`; BTC held below.
pub fn chart(ui: &mut Ui, p: &Projection, opts: &ChartOptions, calls: &[Call]) -> Vec<Drawn> {
    let c = ChartColors::of(ui.visuals());
    let lines = with_data(
        p,
        &[("Cash", c.series[2], &|r| r.cash_usd), ("Debt", c.negative, &|r| r.debt_usd), ("Net debt", c.series[4], &|r| r.net_debt_usd)],
    );
    let mut entries: Vec<Entry> =
        lines.iter().map(|(n, col, _)| Entry::new(*n, *col, if *n == "Net debt" { Swatch::Dashed } else { Swatch::Line })).collect();
    entries.extend(call_entry(calls, &c));
    entries.extend(overlay::entries(&opts.overlays, Chart::Cash, &c));
    let top = ui.cursor().top();
    let total = (opts.height - legend::show(ui, &entries)).max(80.0);
    let btc = legend::has_data(p.months.iter().map(|r| Some(r.btc_held)));
    let h = if btc { (total * 0.64).max(60.0) } else { total };
    let mut out = Vec::new();
    let plot = base("chart_cash", p, opts, h, fmt_usd, axis_name(unit_of("cash_usd", "USD at month end"), "USD", h)).include_y(0.0);
    let overlays = &opts.overlays;
    let plot = readout(plot, p, fmt_usd, calls, move |m| {
        let r = &p.months[m];
        let mut rows = vec![("Cash".to_owned(), r.cash_usd), ("Debt".to_owned(), r.debt_usd), ("Net debt".to_owned(), r.net_debt_usd)];
        rows.extend(overlay::at(overlays, Chart::Cash, p, m));
        rows
    });
    let resp = plot.show(ui, |pu| {
        for (name, color, f) in &lines {
            let line = Line::new(*name, xs(p, f)).color(*color);
            pu.line(if *name == "Net debt" { line.width(1.5).style(LineStyle::dashed_dense()) } else { line.width(2.0) });
        }
        pu.hline(HLine::new("Zero", 0.0).color(c.muted));
        call_lines(pu, calls, c.alert);
        overlay::draw(pu, &opts.overlays, Chart::Cash, p, &c);
    });
    call_labels(ui, &resp, calls, &c, 0.0);
    out.push(Drawn::of("chart_cash", &resp));
    if btc {
        // Treasury BTC gets its own plot: its unit is not USD.
        legend::show(ui, &[Entry::new("BTC held", c.series[0], Swatch::Line)]);
        let hb = (opts.height - (ui.cursor().top() - top) - ui.spacing().item_spacing.y).max(40.0);
        let plot = base("chart_btc_held", p, opts, hb, fmt_btc, axis_name(unit_of("btc_held", "BTC at month end"), "BTC", hb));
        let resp =
            readout(plot, p, fmt_btc, &[], move |m| vec![("BTC held".to_owned(), p.months[m].btc_held)]).include_y(0.0).show(ui, |pu| {
                pu.line(Line::new("BTC held", xs(p, |r| r.btc_held)).color(c.series[0]).width(2.0));
            });
        out.push(Drawn::of("chart_btc_held", &resp));
    }
    out
}
