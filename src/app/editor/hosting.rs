//! Hosting section: AI/HPC leases (IT MW, rate, term, ramp, fit-out, flex mining).

use super::{grid, list};
use crate::app::widgets::Form;
use crate::model::field::{LeaseField as L, List};
use crate::model::{FieldPath, Scenario};
use egui::Ui;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let start = s.start_month;
    ui.horizontal(|ui| {
        ui.heading("Leases");
        ui.add_enabled_ui(!f.read_only, |ui| {
            if ui
                .button("+ Lease")
                .on_hover_text("Add an AI/HPC hosting lease, with 2025 deal terms as defaults (hover a field for its source)")
                .clicked()
            {
                s.hosting.push(crate::defaults::lease(&format!("Tenant {}", s.hosting.len() + 1), start));
            }
        });
    });
    if s.hosting.is_empty() {
        ui.label(egui::RichText::new("No hosting leases: the whole site mines.").italics());
    }
    list(
        ui,
        f,
        &mut s.hosting,
        "lease",
        List::Hosting,
        |i, l| format!("{} · {} · {} MW IT from {}", i + 1, l.tenant, l.critical_it_mw, l.start_month),
        |ui, f, i, l| {
            let p = |x| FieldPath::Lease(i, x);
            grid(ui, ("lease_grid", i), |ui| {
                f.text(ui, p(L::Tenant), &mut l.tenant);
                f.number(ui, p(L::CriticalIt), &mut l.critical_it_mw, 0.5);
                f.number(ui, p(L::Pue), &mut l.pue, 0.005);
                f.month(ui, p(L::Start), &mut l.start_month);
                f.integer(ui, p(L::Ramp), &mut l.ramp_months);
                f.integer(ui, p(L::Term), &mut l.term_months);
                f.money(ui, p(L::Rate), &mut l.rate_usd_per_kw_month);
                f.percent(ui, p(L::Escalation), &mut l.annual_escalation);
                f.checkbox(ui, p(L::Passthrough), &mut l.power_passthrough);
                f.percent(ui, p(L::Utilization), &mut l.utilization);
                f.checkbox(ui, p(L::FlexMining), &mut l.flex_mining);
                f.money(ui, p(L::FitOut), &mut l.fit_out_usd_per_mw);
                f.integer(ui, p(L::Build), &mut l.build_months);
                f.percent(ui, p(L::Opex), &mut l.opex_fraction);
            });
        },
    );
}
