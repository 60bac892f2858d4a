//! Hosting section: AI/HPC leases (IT MW, rate, term, ramp, fit-out, flex mining).

use super::{grid, list};
use crate::app::widgets::Form;
use crate::model::{Lease, Scenario};
use egui::Ui;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let start = s.start_month;
    ui.horizontal(|ui| {
        ui.heading("Leases");
        ui.add_enabled_ui(!f.read_only, |ui| {
            if ui.button("+ Lease").on_hover_text("Add an AI/HPC hosting lease").clicked() {
                s.hosting.push(Lease::new(
                    &format!("Tenant {}", s.hosting.len() + 1),
                    50.0,
                    start.offset(12),
                    120,
                    rust_decimal::Decimal::from(150),
                ));
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
        "hosting",
        |i, l| format!("{} · {} · {} MW IT from {}", i + 1, l.tenant, l.critical_it_mw, l.start_month),
        |ui, f, i, l| {
            let p = |x: &str| format!("hosting[{i}].{x}");
            grid(ui, ("lease_grid", i), |ui| {
                f.text(ui, &p("tenant"), "Tenant", "Who leases the capacity", &mut l.tenant);
                f.number(ui, &p("critical_it_mw"), "Critical IT", "Leased IT load, MW", &mut l.critical_it_mw, " MW", 0.5);
                f.number(ui, &p("pue"), "Hosting PUE", "Facility overhead of the hosting site (≥ 1)", &mut l.pue, "", 0.005);
                f.month(ui, &p("start_month"), "Start", "First month of revenue", &mut l.start_month);
                f.integer(ui, &p("ramp_months"), "Ramp", "Months of linear ramp to full revenue (≥ 1)", &mut l.ramp_months, " months");
                f.integer(ui, &p("term_months"), "Term", "Contract length in months", &mut l.term_months, " months");
                f.money(
                    ui,
                    &p("rate_usd_per_kw_month"),
                    "Rate",
                    "Revenue per kW of critical IT per month, USD",
                    &mut l.rate_usd_per_kw_month,
                    "$/kW-month",
                );
                f.percent(ui, &p("annual_escalation"), "Escalation", "Rate escalation per year from the start", &mut l.annual_escalation);
                f.checkbox(
                    ui,
                    &p("power_passthrough"),
                    "Power passthrough",
                    "The tenant pays the energy; off = the miner pays it",
                    &mut l.power_passthrough,
                );
                f.percent(ui, &p("utilization"), "Utilization", "Average IT load ÷ critical IT", &mut l.utilization);
                f.checkbox(ui, &p("flex_mining"), "Flex mining", "Idle hosting power runs miners", &mut l.flex_mining);
                f.money(
                    ui,
                    &p("fit_out_usd_per_mw"),
                    "Fit-out",
                    "Conversion capex per critical MW, USD",
                    &mut l.fit_out_usd_per_mw,
                    "$/MW",
                );
                f.integer(
                    ui,
                    &p("build_months"),
                    "Build",
                    "Months before the start over which fit-out is paid (0 = all at start)",
                    &mut l.build_months,
                    " months",
                );
                f.percent(ui, &p("opex_fraction"), "Hosting opex", "Operating cost as a share of hosting revenue", &mut l.opex_fraction);
            });
        },
    );
}
