//! Power section: contracts (capacity, price, escalation, term) and the
//! site-wide mining settings (PUE, curtailment, economic shutdown, site opex).

use super::{grid, item};
use crate::app::widgets::{Form, list_toolbar};
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
    let len = pw.contracts.len();
    let mut action = None;
    for (i, c) in pw.contracts.iter_mut().enumerate() {
        let what = format!("contract {}", i + 1);
        let title = format!("{} · {} · {} MW @ ${}/MWh", i + 1, c.name, c.capacity_mw, c.price_usd_per_mwh);
        let open = f.item_open(&format!("power.contracts[{i}]"));
        let read_only = f.read_only;
        let a = item(
            ui,
            ("contract", i),
            open,
            &what,
            title,
            |ui| ui.add_enabled_ui(!read_only, |ui| list_toolbar(ui, i, len, &what)).inner,
            |ui| {
                f.scope = what.clone();
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
                f.scope.clear();
            },
        );
        if let Some(Some(a)) = a {
            action = Some(a);
        }
    }
    if let Some(a) = action {
        a.apply(&mut pw.contracts);
    }
}
