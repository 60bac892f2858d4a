//! Market section: BTC price, network hashrate, fees, block height, hardware price.

use super::grid;
use crate::app::widgets::Form;
use crate::model::Scenario;
use egui::Ui;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let m = &mut s.market;
    grid(ui, "market_grid", |ui| {
        f.path(ui, "market.btc_price_usd", "BTC price", "Bitcoin price in USD, per month", &mut m.btc_price_usd, " $");
        f.path(
            ui,
            "market.network_hashrate_ehs",
            "Network hashrate",
            "Global hashrate in EH/s, per month",
            &mut m.network_hashrate_ehs,
            " EH/s",
        );
        f.path(
            ui,
            "market.fees_btc_per_block",
            "Fees per block",
            "Average transaction fees per block, BTC",
            &mut m.fees_btc_per_block,
            " BTC",
        );
        f.integer(
            ui,
            "market.start_block_height",
            "Start block height",
            "Block height at the start of the first month (halvings every 210,000)",
            &mut m.start_block_height,
            "",
        );
        f.number(
            ui,
            "market.blocks_per_day",
            "Blocks per day",
            "Average blocks found per day (144 at the 10-minute target)",
            &mut m.blocks_per_day,
            "",
            0.1,
        );
        f.money(
            ui,
            "market.new_hardware_usd_per_th",
            "New hardware price",
            "Price of new machines per TH/s, USD (for hold-share capex)",
            &mut m.new_hardware_usd_per_th,
            "$/TH",
        );
    });
}
