//! How each chart of the registry is drawn: [`draw`] matches on
//! [`Chart`] exhaustively, so a chart added to the registry does not build
//! until it has a drawing. Each drawing is a function of its inputs (the
//! projection, the lot names, the lenders' calls), its options and the `ui`,
//! with no app state, so the same code draws the chart tab, a slide, the
//! report and an exported image.

use super::calls::{Call, calls};
use super::plot::{ChartOptions, Drawn};
use super::registry::Chart;
use super::{cash, fleet, leverage, revenue, share};
use crate::engine::Projection;
use crate::model::Scenario;
use egui::Ui;

/// Draws `chart` filling `ui`, from its arguments only; returns the plots drawn.
pub fn draw(ui: &mut Ui, chart: Chart, inputs: &ChartInputs, opts: &ChartOptions) -> Vec<Drawn> {
    let p = inputs.projection;
    match chart {
        Chart::Share => share::chart(ui, p, opts),
        Chart::Revenue => revenue::chart(ui, p, opts),
        Chart::Leverage => leverage::chart(ui, p, opts, &inputs.calls),
        Chart::Cash => cash::chart(ui, p, opts, &inputs.calls),
        Chart::Fleet => fleet::chart(ui, p, opts, &inputs.lot_names),
    }
}

/// What the charts of a plan are drawn from.
pub struct ChartInputs<'a> {
    pub projection: &'a Projection,
    /// "S21 XP (2026-01)" for each fleet lot, in file order.
    pub lot_names: Vec<String>,
    /// The leverage covenant line.
    pub covenant: Option<f64>,
    /// The lenders' calls the leverage and cash charts mark.
    pub calls: Vec<Call>,
}

impl<'a> ChartInputs<'a> {
    pub fn of(s: &Scenario, projection: &'a Projection) -> ChartInputs<'a> {
        ChartInputs { projection, lot_names: lot_names(s), covenant: s.financing.covenant_max_leverage, calls: calls(s, projection) }
    }
}

/// "S21 XP (2026-01)" for each fleet lot of `s`, in file order.
pub fn lot_names(s: &Scenario) -> Vec<String> {
    s.fleet.iter().map(|l| format!("{} ({})", l.model, l.deploy_month)).collect()
}
