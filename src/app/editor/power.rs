//! Power section: contracts (capacity, price, escalation, term) and the
//! site-wide mining settings (PUE, curtailment, economic shutdown, site opex).

use super::{grid, list};
use crate::app::widgets::Form;
use crate::model::{Contract, Scenario};
use egui::Ui;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let start = s.start_month;
    let pw = &mut s.power;
    ui.heading("Mining site");
    grid(ui, "power_grid", |ui| {
        f.number(
            ui,
            "power.pue",
            "Mining PUE",
            "Facility overhead factor of mining (≥ 1): facility MW = IT MW × PUE",
            &mut pw.pue,
            "",
            0.005,
        );
        f.number(
            ui,
            "power.curtailment_hours_per_month",
            "Curtailment",
            "Demand-response pause of the running fleet, hours per month (≤ 744)",
            &mut pw.curtailment_hours_per_month,
            " h/month",
            0.5,
        );
        f.money(
            ui,
            "power.curtailment_credit_usd_per_mwh",
            "Curtailment credit",
            "Paid per MWh not drawn during curtailment, USD",
            &mut pw.curtailment_credit_usd_per_mwh,
            "$/MWh",
        );
        f.checkbox(
            ui,
            "power.economic_shutdown",
            "Economic shutdown",
            "Switch off lots whose mining revenue per MWh does not cover the energy price",
            &mut pw.economic_shutdown,
        );
        f.money(
            ui,
            "power.mining_opex_usd_per_mw_month",
            "Site opex",
            "Site operating cost per running MW per month, USD",
            &mut pw.mining_opex_usd_per_mw_month,
            "$/MW-month",
        );
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.heading("Contracts");
        ui.add_enabled_ui(!f.read_only, |ui| {
            if ui.button("+ Contract").on_hover_text("Add a power contract").clicked() {
                pw.contracts.push(Contract::new(&format!("Contract {}", pw.contracts.len() + 1), 50.0, rust_decimal::Decimal::from(45)));
            }
        });
    });
    list(
        ui,
        f,
        &mut pw.contracts,
        "contract",
        "power.contracts",
        |i, c| format!("{} · {} · {} MW @ ${}/MWh", i + 1, c.name, c.capacity_mw, c.price_usd_per_mwh),
        |ui, f, i, c| {
            let p = |x: &str| format!("power.contracts[{i}].{x}");
            grid(ui, ("contract_grid", i), |ui| {
                f.text(ui, &p("name"), "Name", "Contract name", &mut c.name);
                f.number(ui, &p("capacity_mw"), "Capacity", "Facility MW available under the contract", &mut c.capacity_mw, " MW", 0.5);
                f.money(ui, &p("price_usd_per_mwh"), "Price", "Energy price, USD per MWh", &mut c.price_usd_per_mwh, "$/MWh");
                f.percent(
                    ui,
                    &p("annual_escalation"),
                    "Escalation",
                    "Price escalation per year, from the contract's start",
                    &mut c.annual_escalation,
                );
                f.opt_month(
                    ui,
                    &p("start_month"),
                    "Start",
                    "First month of the contract",
                    &mut c.start_month,
                    "from the plan start",
                    start,
                );
                f.opt_month(ui, &p("end_month"), "End", "Last month included", &mut c.end_month, "open-ended", start.offset(60));
            });
        },
    );
}
