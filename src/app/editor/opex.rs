//! Opex section: pool fee, SG&A, tax rate.

use super::grid;
use crate::app::widgets::Form;
use crate::model::Scenario;
use egui::Ui;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let o = &mut s.opex;
    grid(ui, "opex_grid", |ui| {
        f.percent(ui, "opex.pool_fee", "Pool fee", "Share of mined BTC kept by the pool", &mut o.pool_fee);
        f.money(
            ui,
            "opex.sga_usd_per_month",
            "SG&A",
            "Selling, general and administrative cost per month, USD",
            &mut o.sga_usd_per_month,
            "$/month",
        );
        f.percent(ui, "opex.tax_rate", "Tax rate", "Tax on positive earnings before tax (no loss carry-forward)", &mut o.tax_rate);
    });
}
