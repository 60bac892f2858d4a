//! The monthly table: every output column of the schema with its name, unit
//! and decimals, scrollable, with a sticky header and month order that can be
//! reversed.

use crate::engine::Projection;
use crate::schema::{COLUMNS, Column};
use egui::{RichText, Ui};

/// Characters of a column: its label or unit, at least 12, plus a gap.
fn width(c: &Column) -> usize {
    c.label.chars().count().max(c.unit.chars().count()).max(12) + 2
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
            let weak = ui.visuals().weak_text_color();
            let labels =
                std::iter::once(("Month".to_owned(), 7, normal)).chain(COLUMNS.iter().map(|c| (c.label.to_owned(), width(c), normal)));
            ui.add(egui::Label::new(line(&mut labels.into_iter())).extend());
            let units = std::iter::once((String::new(), 7, weak)).chain(COLUMNS.iter().map(|c| (c.unit.to_owned(), width(c), weak)));
            ui.add(egui::Label::new(line(&mut units.into_iter())).extend());
            ui.separator();
            let n = p.months.len();
            egui::ScrollArea::vertical().id_salt("table_v").auto_shrink([false, false]).show_rows(ui, row_h, n, |ui, range| {
                for k in range {
                    let i = if *newest_first { n - 1 - k } else { k };
                    let r = &p.months[i];
                    let mut cells = std::iter::once((r.month_label(), 7, normal)).chain(COLUMNS.iter().map(|c| {
                        let v = (c.get)(r);
                        (c.show(v), width(c), if v.is_some_and(|v| v < 0.0) { negative } else { normal })
                    }));
                    ui.add(egui::Label::new(line(&mut cells)).extend());
                }
            });
        });
    });
}
