//! Chart legends drawn above the plot, outside its area, so they never cover
//! data; a series that is zero (or undefined) all along is left out.

use egui::{Color32, Stroke, Ui, vec2};

/// How a legend entry's swatch looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    Line,
    Dashed,
    Area,
}

/// One entry of a legend.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub name: String,
    pub color: Color32,
    pub swatch: Swatch,
}

impl Entry {
    pub fn new(name: impl Into<String>, color: Color32, swatch: Swatch) -> Entry {
        Entry { name: name.into(), color, swatch }
    }
}

/// True when a series has something to show: some month is defined and not zero.
pub fn has_data(values: impl IntoIterator<Item = Option<f64>>) -> bool {
    values.into_iter().any(|v| v.is_some_and(|v| v != 0.0 && v.is_finite()))
}

/// Draws the legend as one wrapped row across the full width; returns the height used.
pub fn show(ui: &mut Ui, entries: &[Entry]) -> f32 {
    if entries.is_empty() {
        return 0.0;
    }
    let top = ui.cursor().top();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        let row_start = ui.max_rect().left();
        for e in entries {
            // Swatch and name stay together: wrap before the swatch when the name would not fit.
            let text = egui::WidgetText::from(egui::RichText::new(&e.name).small());
            let galley = text.into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, egui::TextStyle::Small);
            let need = 18.0 + 6.0 + galley.size().x;
            if ui.cursor().left() > row_start + 1.0 && need > ui.available_size_before_wrap().x {
                ui.end_row();
            }
            let (rect, _) = ui.allocate_exact_size(vec2(18.0, 12.0), egui::Sense::hover());
            let painter = ui.painter();
            let mid = rect.left_center();
            match e.swatch {
                Swatch::Line => {
                    painter.line_segment([mid, mid + vec2(18.0, 0.0)], Stroke::new(2.5, e.color));
                }
                Swatch::Dashed => {
                    for k in 0..3 {
                        let x = k as f32 * 7.0;
                        painter.line_segment([mid + vec2(x, 0.0), mid + vec2(x + 4.0, 0.0)], Stroke::new(2.0, e.color));
                    }
                }
                Swatch::Area => {
                    painter.rect_filled(rect.shrink(1.0), 2.0, e.color.gamma_multiply(0.7));
                }
            }
            ui.label(galley);
            ui.add_space(8.0);
        }
    });
    ui.cursor().top() - top
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_zero_or_undefined_all_along_has_no_data() {
        assert!(!has_data([Some(0.0), None, Some(0.0)]));
        assert!(!has_data(std::iter::empty()));
        assert!(has_data([Some(0.0), Some(-1.0)]));
        assert!(has_data([None, Some(1e-9)]));
    }
}
