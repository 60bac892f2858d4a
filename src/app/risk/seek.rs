//! Goal seek in the Risk view: pick one input of the plan and a target for a
//! key figure; `analysis::breakeven::goal_seek` finds the input's value, and
//! "Apply" puts it into the plan (one undo step).

use super::{kpi_picker, show_kpi};
use crate::analysis::breakeven::Input;
use crate::analysis::{self, breakeven};
use crate::model::Scenario;
use crate::model::field::{Item, List, item_words};
use crate::schema::Kind;
use egui::{RichText, Ui};

/// The goal seek form and its last answer.
pub struct GoalSeek {
    pub input: Option<Input>,
    pub kpi: &'static str,
    /// The target in the KPI's display unit (percent for percentages).
    pub target: f64,
    pub low: f64,
    pub high: f64,
    /// The last answer, with the scenario it was found for.
    pub answer: Option<(Scenario, Result<breakeven::Found, breakeven::SeekError>)>,
}

impl Default for GoalSeek {
    fn default() -> Self {
        // Liquidity at end, like the tornado and the table (cash sits on the minimum-cash floor).
        GoalSeek { input: None, kpi: crate::analysis::DEFAULT_KPI, target: 50_000_000.0, low: 0.0, high: 0.0, answer: None }
    }
}

/// Every input goal seek can change in `s`, with its name in words.
pub fn inputs(s: &Scenario) -> Vec<(Input, String)> {
    let mut out = Vec::new();
    let words = |list, index| item_words(Item { list, index }, s);
    out.extend((0..s.fleet.len()).map(|i| (Input::LotUnits(i), format!("{} › Units", words(List::Fleet, i)))));
    out.extend((0..s.financing.debt.len()).map(|i| (Input::DebtPrincipal(i), format!("{} › Principal", words(List::Debt, i)))));
    out.extend((0..s.financing.equity_raises.len()).map(|i| (Input::EquityRaise(i), format!("{} › Amount", words(List::Raises, i)))));
    out.extend((0..s.hosting.len()).map(|i| (Input::LeaseMw(i), format!("{} › Critical IT MW", words(List::Hosting, i)))));
    out.extend((0..s.hosting.len()).map(|i| (Input::LeaseRate(i), format!("{} › Rate USD/kW-month", words(List::Hosting, i)))));
    out.extend((0..s.power.contracts.len()).map(|i| (Input::ContractMw(i), format!("{} › Capacity MW", words(List::Contracts, i)))));
    out
}

/// The form; returns the value to apply when the user asks for it.
pub fn ui(ui: &mut Ui, s: &Scenario, g: &mut GoalSeek) -> Option<(Input, f64)> {
    let choices = inputs(s);
    if choices.is_empty() {
        ui.label("The plan has no lot, note, raise, lease or contract to change.");
        return None;
    }
    if g.input.is_none_or(|i| i.get(s).is_none()) {
        g.input = Some(choices[0].0);
        g.high = 0.0;
    }
    let input = g.input.expect("set above");
    let current = input.get(s).unwrap_or(0.0);
    if g.high <= g.low {
        g.low = 0.0;
        g.high = (current * 3.0).max(1.0);
    }
    let name = choices.iter().find(|(i, _)| *i == input).map_or(String::new(), |(_, n)| n.clone());
    let Ok(kpi) = analysis::kpi_by_key(g.kpi) else { return None };
    let percent = kpi.kind == Kind::Percent;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Change");
        egui::ComboBox::from_id_salt("seek_input")
            .selected_text(&name)
            .show_ui(ui, |ui| {
                for (i, n) in &choices {
                    if ui.selectable_label(*i == input, n).clicked() {
                        g.input = Some(*i);
                        g.high = 0.0;
                    }
                }
            })
            .response
            .labelled_by(l.id);
        ui.label(format!("(now {})", crate::units::thousands(current, if input.integer() { 0 } else { 2 })));
        let l = ui.label("between");
        ui.add(egui::DragValue::new(&mut g.low).range(0.0..=f64::MAX).speed(current.max(1.0) * 0.01)).labelled_by(l.id);
        let l = ui.label("and");
        ui.add(egui::DragValue::new(&mut g.high).range(0.0..=f64::MAX).speed(current.max(1.0) * 0.01)).labelled_by(l.id);
    });
    let mut find = false;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("so that");
        kpi_picker(ui, "seek_kpi", &mut g.kpi, l.id);
        let target = ui.label("is");
        let suffix = match kpi.kind {
            Kind::Percent => " %",
            Kind::Ratio => " ×",
            Kind::Btc => " BTC",
            _ => "",
        };
        let prefix = if kpi.kind == Kind::Money { "$" } else { "" };
        let speed = g.target.abs().max(1.0) * 0.01;
        ui.add(egui::DragValue::new(&mut g.target).prefix(prefix).suffix(suffix).speed(speed)).labelled_by(target.id);
        find = ui.button("Find").clicked();
    });
    if find {
        let target = if percent { g.target / 100.0 } else { g.target };
        g.answer = Some((s.clone(), breakeven::goal_seek(s, input, kpi, target, g.low, g.high)));
    }
    let mut apply = None;
    match &g.answer {
        None => {}
        Some((at, _)) if at != s => {
            ui.label(RichText::new("The plan changed since the last search: press Find again.").weak());
        }
        Some((_, Ok(found))) => {
            let value = crate::units::thousands(found.value, if input.integer() { 0 } else { 2 });
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{name} = {value} gives {} {}", kpi.label, show_kpi(kpi, Some(found.kpi)))).strong());
                if ui.button("Apply to the plan").on_hover_text("Sets the value in the editor (Undo takes it back)").clicked() {
                    apply = Some((input, found.value));
                }
            });
        }
        Some((_, Err(breakeven::SeekError::Input(m)))) => {
            ui.label(format!("Cannot search: {m}"));
        }
        Some((_, Err(breakeven::SeekError::NotReached { closest_value, closest_kpi, message }))) => {
            ui.label(format!(
                "No value between {} and {} reaches the target: {message}. Closest: {} gives {}.",
                crate::units::thousands(g.low, 2),
                crate::units::thousands(g.high, 2),
                crate::units::thousands(*closest_value, 2),
                show_kpi(kpi, *closest_kpi)
            ));
        }
    }
    apply
}
