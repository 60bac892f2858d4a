//! The status bar: file name and unsaved marker, validation problems (click
//! one to jump to its field), and the time of the last projection.

use super::commands::Command;
use super::document::{Document, Live};
use super::widgets::ERROR_COLOR;
use egui::{RichText, Ui};

pub fn ui(ui: &mut Ui, doc: &Document, live: &Live, read_only: bool) -> Option<Command> {
    let mut out = None;
    ui.horizontal(|ui| {
        let marker = if doc.dirty() { " •" } else { "" };
        ui.label(format!("{}{marker}", doc.file_name()))
            .on_hover_text(doc.path.as_ref().map_or("Not saved yet".to_owned(), |p| p.display().to_string()));
        if read_only {
            ui.label(RichText::new("Review mode (read-only)").strong());
        }
        ui.separator();
        let n = live.problems.len();
        if n == 0 {
            ui.label(RichText::new("✔ valid").weak());
        } else {
            ui.menu_button(RichText::new(format!("⚠ {n} problem{}", if n == 1 { "" } else { "s" })).color(ERROR_COLOR), |ui| {
                for p in &live.problems {
                    if ui.button(p.sentence(&doc.scenario)).on_hover_text(format!("Go to the field ({})", p.at)).clicked() {
                        out = Some(Command::Focus(p.at));
                    }
                }
            });
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let us = live.elapsed.as_secs_f64() * 1e6;
            ui.label(RichText::new(format!("projected in {us:.0} µs")).weak()).on_hover_text("Time of the last full projection");
        });
    });
    out
}
