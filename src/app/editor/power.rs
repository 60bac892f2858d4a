//! Power section: contracts (capacity, price, escalation, term) and the
//! site-wide mining settings (PUE, curtailment, economic shutdown, site opex).

use super::{grid, list};
use crate::app::widgets::Form;
use crate::model::field::{ContractField as C, List, PowerField as Pw};
use crate::model::{Contract, FieldPath, Scenario};
use egui::Ui;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let start = s.start_month;
    let pw = &mut s.power;
    ui.heading("Mining site");
    let at = FieldPath::Power;
    grid(ui, "power_grid", |ui| {
        f.number(ui, at(Pw::Pue), &mut pw.pue, 0.005);
        f.number(ui, at(Pw::CurtailmentHours), &mut pw.curtailment_hours_per_month, 0.5);
        f.money(ui, at(Pw::CurtailmentCredit), &mut pw.curtailment_credit_usd_per_mwh);
        f.checkbox(ui, at(Pw::EconomicShutdown), &mut pw.economic_shutdown);
        f.money(ui, at(Pw::SiteOpex), &mut pw.mining_opex_usd_per_mw_month);
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
        List::Contracts,
        |i, c| format!("{} · {} · {} MW @ ${}/MWh", i + 1, c.name, c.capacity_mw, c.price_usd_per_mwh),
        |ui, f, i, c| {
            let p = |x| FieldPath::Contract(i, x);
            grid(ui, ("contract_grid", i), |ui| {
                f.text(ui, p(C::Name), &mut c.name);
                f.number(ui, p(C::Capacity), &mut c.capacity_mw, 0.5);
                f.money(ui, p(C::Price), &mut c.price_usd_per_mwh);
                f.percent(ui, p(C::Escalation), &mut c.annual_escalation);
                f.opt_month(ui, p(C::Start), &mut c.start_month, "from the plan start", start);
                f.opt_month(ui, p(C::End), &mut c.end_month, "open-ended", start.offset(60));
            });
        },
    );
}
