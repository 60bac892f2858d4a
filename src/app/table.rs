//! The monthly table: every output column of `model.md`, scrollable, with a
//! sticky header and month order that can be reversed.

use crate::engine::{COLUMNS, Projection};
use crate::units;
use egui::{RichText, Ui};

const MONTH_W: f32 = 70.0;
const COL_W: f32 = 118.0;

/// Formats one cell for reading (the CSV keeps full precision).
pub fn cell_text(column: &str, v: Option<f64>) -> String {
    let Some(v) = v else { return "n/m".to_owned() };
    match column {
        "hashrate_share" => format!("{:.4} %", v * 100.0),
        "leverage" | "interest_coverage" => format!("{v:.2}×"),
        "btc_mined" | "btc_held" | "subsidy_btc" | "fees_btc" => units::thousands(v, 3),
        "network_hashrate_ehs" | "fleet_hashrate_ehs" => units::thousands(v, 3),
        "hashprice_usd_per_ph_day" => units::thousands(v, 2),
        "shares_outstanding" => units::thousands(v, 0),
        _ => units::thousands(v, 0),
    }
}

/// Draws the table; `newest_first` reverses the month order.
pub fn ui(ui: &mut Ui, p: &Projection, newest_first: &mut bool) {
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::horizontal().id_salt("table_h").auto_shrink([false, false]).show(ui, |ui| {
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                let arrow = if *newest_first { "month ⏶" } else { "month ⏷" };
                if ui
                    .add_sized([MONTH_W, row_h], egui::Button::new(RichText::new(arrow).strong()).frame(false))
                    .on_hover_text("Reverse the month order")
                    .clicked()
                {
                    *newest_first = !*newest_first;
                }
                for c in &COLUMNS[1..] {
                    ui.add_sized([COL_W, row_h], egui::Label::new(RichText::new(c.replace('_', " ")).strong().small()).wrap());
                }
            });
            ui.separator();
            let n = p.months.len();
            egui::ScrollArea::vertical().id_salt("table_v").auto_shrink([false, false]).show_rows(ui, row_h, n, |ui, range| {
                for k in range {
                    let i = if *newest_first { n - 1 - k } else { k };
                    let r = &p.months[i];
                    ui.horizontal(|ui| {
                        ui.add_sized([MONTH_W, row_h], egui::Label::new(r.month_label()));
                        for (c, v) in COLUMNS[1..].iter().zip(r.values()) {
                            let text = cell_text(c, v);
                            let rt = if v.is_some_and(|v| v < 0.0) {
                                RichText::new(text).color(egui::Color32::from_rgb(0xE0, 0x6C, 0x4F))
                            } else {
                                RichText::new(text)
                            };
                            ui.add_sized([COL_W, row_h], egui::Label::new(rt.monospace()).halign(egui::Align::RIGHT));
                        }
                    });
                }
            });
        });
    });
}
