//! Opex section: pool fee, SG&A, tax rate and the tax losses carried
//! forward (format 2: on/off, the share of income they may offset, the
//! losses carried into the plan).

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
        f.checkbox(ui, FieldPath::Opex(O::LossCarryforward), &mut o.tax_loss_carryforward);
        f.percent(ui, FieldPath::Opex(O::LossLimit), &mut o.loss_limit_fraction);
        f.money(ui, FieldPath::Opex(O::OpeningLosses), &mut o.opening_tax_losses_usd);
    });
}
