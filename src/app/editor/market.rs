//! Market section: BTC price, network hashrate, fees, block height, hardware price.

use super::grid;
use crate::app::widgets::Form;
use crate::model::field::{MarketField as M, Part};
use crate::model::{FieldPath, Scenario};
use egui::Ui;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let m = &mut s.market;
    let at = |field| FieldPath::Market(field, Part::Whole);
    grid(ui, "market_grid", |ui| {
        f.path(ui, at(M::BtcPrice), &mut m.btc_price_usd);
        f.path(ui, at(M::NetworkHashrate), &mut m.network_hashrate_ehs);
        f.path(ui, at(M::FeesPerBlock), &mut m.fees_btc_per_block);
        f.integer(ui, at(M::StartBlockHeight), &mut m.start_block_height);
        f.number(ui, at(M::BlocksPerDay), &mut m.blocks_per_day, 0.1);
        f.money(ui, at(M::NewHardwarePrice), &mut m.new_hardware_usd_per_th);
    });
}
