//! The Returns view: does each purchase pay back? One row per lot and lease
//! first paid for inside the horizon (the engine's investments table) with
//! its first payment, cost, payback month, IRR and NPV, and the plan NPV.
//! Only months inside the horizon count, and the view says so. The words
//! of the table are [`crate::investments`] (the report shows the same).

use crate::engine::{KpiId, Projection};
use crate::investments::{HEADS, HORIZON_CAVEAT, NONE_PAID, RowText, numeric};
use egui::{RichText, Ui};

/// The whole view.
pub fn ui(ui: &mut Ui, p: &Projection) {
    egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
        let npv = KpiId::NpvUsd.kpi();
        ui.horizontal(|ui| {
            ui.heading("Returns on each investment");
        });
        ui.label(RichText::new(format!("{}: {}", npv.label, npv.show(&p.kpis))).strong()).on_hover_text(npv.help);
        ui.label(RichText::new(HORIZON_CAVEAT).small().weak());
        ui.add_space(8.0);
        if p.investments.is_empty() {
            ui.label(NONE_PAID);
            return;
        }
        table(ui, p);
    });
}

fn table(ui: &mut Ui, p: &Projection) {
    egui::Grid::new("investments").striped(true).num_columns(HEADS.len()).spacing([16.0, 4.0]).show(ui, |ui| {
        for (head, tip) in HEADS {
            ui.label(RichText::new(head).strong()).on_hover_text(tip);
        }
        ui.end_row();
        for i in &p.investments {
            let t = RowText::of(i);
            let late = RowText::late(i);
            for (col, cell) in t.cells().into_iter().enumerate() {
                if numeric(col) {
                    right(ui, cell);
                } else if col == 1 && late {
                    ui.label(RichText::new(cell).color(ui.visuals().warn_fg_color));
                } else {
                    ui.label(cell);
                }
            }
            ui.end_row();
        }
    });
}

/// A figure aligned to the right of its cell.
fn right(ui: &mut Ui, text: &str) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| ui.label(text));
}
