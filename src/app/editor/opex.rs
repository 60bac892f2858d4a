//! Opex section: pool fee, SG&A, tax rate.

use super::grid;
use crate::app::widgets::Form;
use crate::model::field::OpexField as O;
use crate::model::{FieldPath, Scenario};
use egui::Ui;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let o = &mut s.opex;
    grid(ui, "opex_grid", |ui| {
        f.percent(ui, FieldPath::Opex(O::PoolFee), &mut o.pool_fee);
        f.money(ui, FieldPath::Opex(O::Sga), &mut o.sga_usd_per_month);
        f.percent(ui, FieldPath::Opex(O::TaxRate), &mut o.tax_rate);
    });
}
