//! Modal dialogs: about, keyboard shortcuts, model notes, and errors.

use super::commands::SHORTCUTS;
use egui::{Id, Modal, RichText};

#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    About,
    Shortcuts,
    ModelNotes,
    /// Something failed (open, save, export): what and why.
    Error {
        title: String,
        message: String,
    },
}

const MODEL_NOTES: &str = "\
floe projects a miner month by month (spec: model.md).
• Share = fleet hashrate ÷ network hashrate; BTC mined = share × (subsidy + fees) × (1 − pool fee). Halvings split inside a month.
• Hosting leases reserve power first, from the cheapest contracts; idle hosting power can run flex miners.
• Lots run in merit order (best J/TH first) on the cheapest energy; with economic shutdown a lot stops where its revenue per MWh is below the energy price.
• Curtailment pauses the running fleet and earns credits per MWh not drawn.
• Interest is 30/360 on the balance at the start of the month; annuities pay level amounts; convertibles convert at maturity when the share price reaches the conversion price.
• The treasury sells held BTC to keep minimum cash; cash may go negative (distress).
• Leverage = debt ÷ LTM EBITDA (annualised while fewer than 12 months are projected); n/m when LTM EBITDA ≤ 0.
• Hold-share capex: hardware spend that would keep month 0's share, at the new-hardware price per TH/s.
Money inputs are exact decimals in files; the engine computes in double precision.";

/// Shows `dialog`; returns false when it was closed.
pub fn show(ctx: &egui::Context, dialog: &Dialog) -> bool {
    let mut open = true;
    let r = Modal::new(Id::unique("floe_dialog")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        match dialog {
            Dialog::About => {
                ui.heading("floe");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label("Scenario planner for Bitcoin miners: fleet, power, AI/HPC hosting and financing, month by month.");
            }
            Dialog::Shortcuts => {
                ui.heading("Keyboard shortcuts");
                egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
                    for (k, what) in SHORTCUTS {
                        ui.label(RichText::new(k).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
            }
            Dialog::ModelNotes => {
                ui.heading("How the model works");
                ui.label(MODEL_NOTES);
            }
            Dialog::Error { title, message } => {
                ui.heading(RichText::new(format!("⚠ {title}")).color(super::widgets::ERROR_COLOR));
                egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                    ui.add(egui::Label::new(RichText::new(message).monospace()).wrap());
                });
            }
        }
        ui.add_space(8.0);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").clicked() {
                open = false;
            }
        });
    });
    open && !r.should_close()
}
