//! The monthly table: every output column of `model.md`, scrollable, with a
//! sticky header and month order that can be reversed.

use crate::engine::{COLUMNS, Projection};
use crate::units;
use egui::{RichText, Ui};

/// Characters of a column: its header, at least 14, plus a gap.
fn width(column: &str) -> usize {
    column.len().max(14) + 2
}

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

/// Draws the table; `newest_first` reverses the month order. Each row is
/// one monospaced text (one widget, not one per cell), so a frame stays cheap.
pub fn ui(ui: &mut Ui, p: &Projection, newest_first: &mut bool) {
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let normal = ui.visuals().text_color();
    let negative = egui::Color32::from_rgb(0xE0, 0x6C, 0x4F);
    let row_h = ui.fonts_mut(|f| f.row_height(&font));
    let line = |cells: &mut dyn Iterator<Item = (String, usize, egui::Color32)>| {
        let mut job = egui::text::LayoutJob::default();
        job.wrap.max_width = f32::INFINITY; // a row is one line; the area scrolls sideways
        for (text, w, color) in cells {
            job.append(&format!("{text:>w$}"), 0.0, egui::TextFormat::simple(font.clone(), color));
        }
        job
    };
    egui::ScrollArea::horizontal().id_salt("table_h").auto_shrink([false, false]).show(ui, |ui| {
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                ui.label("Order:");
                let arrow = if *newest_first { "month ⏶" } else { "month ⏷" };
                if ui.button(RichText::new(arrow).strong()).on_hover_text("Reverse the month order").clicked() {
                    *newest_first = !*newest_first;
                }
            });
            let header = std::iter::once(("month".to_owned(), 7, normal))
                .chain(COLUMNS[1..].iter().map(|c| (c.replace('_', " "), width(c), normal)));
            ui.add(egui::Label::new(line(&mut header.into_iter())).extend());
            ui.separator();
            let n = p.months.len();
            egui::ScrollArea::vertical().id_salt("table_v").auto_shrink([false, false]).show_rows(ui, row_h, n, |ui, range| {
                for k in range {
                    let i = if *newest_first { n - 1 - k } else { k };
                    let r = &p.months[i];
                    let values = r.values();
                    let mut cells = std::iter::once((r.month_label(), 7, normal)).chain(
                        COLUMNS[1..]
                            .iter()
                            .zip(values)
                            .map(|(c, v)| (cell_text(c, v), width(c), if v.is_some_and(|v| v < 0.0) { negative } else { normal })),
                    );
                    ui.add(egui::Label::new(line(&mut cells)).extend());
                }
            });
        });
    });
}
