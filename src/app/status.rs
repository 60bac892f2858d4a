//! The status bar: file name and unsaved marker, validation problems (click
//! one to jump to its field), constraint warnings (count and the first one;
//! hover lists them all, click goes to the first one's section), and the time
//! of the last projection.

use super::commands::Command;
use super::document::{Document, Live};
use super::widgets::ERROR_COLOR;
use crate::engine::Warning;
use crate::model::field::cut;
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
        let n = live.problems.len() + live.unparsed.len();
        if n == 0 {
            ui.label(RichText::new("✔ valid").weak());
        } else {
            ui.menu_button(RichText::new(format!("⚠ {n} problem{}", if n == 1 { "" } else { "s" })).color(ERROR_COLOR), |ui| {
                for u in &live.unparsed {
                    let r = ui.button(u.sentence());
                    if let Some(at) = u.at
                        && r.on_hover_text(format!("Go to the field ({at})")).clicked()
                    {
                        out = Some(Command::Focus(at));
                    }
                }
                for p in &live.problems {
                    if ui.button(p.sentence(&doc.scenario)).on_hover_text(format!("Go to the field ({})", p.at)).clicked() {
                        out = Some(Command::Focus(p.at));
                    }
                }
            });
        }
        if let Some(c) = warnings(ui, live.projection.as_ref().filter(|_| !live.stale).map_or(&[], |p| &p.warnings)) {
            out = Some(c);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let us = live.elapsed.as_secs_f64() * 1e6;
            ui.label(RichText::new(format!("projected in {us:.0} µs")).weak()).on_hover_text("Time of the last full projection");
        });
    });
    out
}

/// The warnings' count and first sentence; a click goes to the first one's place.
fn warnings(ui: &mut Ui, w: &[Warning]) -> Option<Command> {
    let first = w.first()?;
    ui.separator();
    let n = w.len();
    let text = format!("⚠ {n} warning{}: {}", if n == 1 { "" } else { "s" }, cut(&first.text, 90));
    let color = super::theme::warning(ui.visuals());
    let r = ui.add(egui::Label::new(RichText::new(text).color(color)).truncate().sense(egui::Sense::click())).on_hover_ui(|ui| {
        ui.set_max_width(520.0);
        for w in w {
            ui.label(format!("⚠ {}", w.text));
        }
        ui.label(RichText::new("Click to go to the first one").weak());
    });
    r.clicked().then_some(Command::Focus(first.at))
}
