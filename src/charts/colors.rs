//! The colours of the charts, read from the current visuals
//! (`ui.visuals()`), so a series drawn on the Light theme is as visible as on
//! the Dark one. Charts take every colour from [`ChartColors::of`]; the app's
//! theme (KPI alerts, negative figures) builds on it.

use egui::{Color32, Visuals};

/// The colours of the charts for one theme.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartColors {
    /// Series colours, in order (lots, stacked revenue, lines).
    pub series: [Color32; 12],
    /// Costs, debt, the covenant and "not meaningful" shading.
    pub negative: Color32,
    /// Reference lines: halvings, zero, capacity available, "other lots".
    pub muted: Color32,
    /// The headline line drawn over a stack (EBITDA, hold-share hashrate):
    /// the text colour's contrast, never a fixed white or black.
    pub foreground: Color32,
    /// A KPI figure that warns (negative cash, distress, share melting).
    pub alert: Color32,
    /// What the plot is drawn on.
    pub background: Color32,
}

/// Bright colours for a dark background.
const DARK_SERIES: [Color32; 12] = [
    Color32::from_rgb(0xF2, 0x9D, 0x38), // bitcoin orange
    Color32::from_rgb(0x4C, 0x9A, 0xE8),
    Color32::from_rgb(0x5B, 0xBF, 0x7A),
    Color32::from_rgb(0xD9, 0x5F, 0x8E),
    Color32::from_rgb(0x9B, 0x7B, 0xE0),
    Color32::from_rgb(0x3F, 0xC1, 0xC9),
    Color32::from_rgb(0xC9, 0xB2, 0x3F),
    Color32::from_rgb(0xE0, 0x6C, 0x4F),
    Color32::from_rgb(0x7F, 0x9F, 0x5F),
    Color32::from_rgb(0x8C, 0x8C, 0xD9),
    Color32::from_rgb(0xB0, 0x70, 0x40),
    Color32::from_rgb(0x60, 0x80, 0xA0),
];

/// The same hues, darker, for a light background.
const LIGHT_SERIES: [Color32; 12] = [
    Color32::from_rgb(0xC4, 0x6A, 0x00), // bitcoin orange, deepened
    Color32::from_rgb(0x1F, 0x6F, 0xC2),
    Color32::from_rgb(0x2E, 0x8B, 0x4E),
    Color32::from_rgb(0xB8, 0x33, 0x6A),
    Color32::from_rgb(0x6A, 0x4F, 0xC0),
    Color32::from_rgb(0x1A, 0x8A, 0x92),
    Color32::from_rgb(0x8A, 0x7A, 0x10),
    Color32::from_rgb(0xC0, 0x45, 0x2A),
    Color32::from_rgb(0x55, 0x73, 0x3A),
    Color32::from_rgb(0x5A, 0x5A, 0xB8),
    Color32::from_rgb(0x8F, 0x50, 0x20),
    Color32::from_rgb(0x3D, 0x5F, 0x80),
];

impl ChartColors {
    /// The chart colours of `visuals` (Light or Dark, as the app shows now).
    pub fn of(visuals: &Visuals) -> ChartColors {
        let background = visuals.extreme_bg_color; // egui_plot's plot background
        if visuals.dark_mode {
            ChartColors {
                series: DARK_SERIES,
                negative: Color32::from_rgb(0xE0, 0x4F, 0x4F),
                muted: Color32::from_gray(0x90),
                foreground: Color32::from_gray(0xE0),
                alert: Color32::from_rgb(0xF0, 0x7A, 0x5C),
                background,
            }
        } else {
            ChartColors {
                series: LIGHT_SERIES,
                negative: Color32::from_rgb(0xC6, 0x28, 0x28),
                muted: Color32::from_gray(0x6E),
                foreground: Color32::from_gray(0x30),
                alert: Color32::from_rgb(0xB3, 0x36, 0x1A),
                background,
            }
        }
    }

    /// The colour of the `k`-th series of a stack (wraps around).
    pub fn nth(&self, k: usize) -> Color32 {
        self.series[k % self.series.len()]
    }

    /// The colour of the lot at position `i` of the scenario's fleet: keyed
    /// to the lot, not to its rank among the lots running.
    pub fn lot(&self, i: usize) -> Color32 {
        self.nth(i)
    }

    /// Every colour a chart draws a series or a line with.
    pub fn all(&self) -> Vec<(String, Color32)> {
        let mut out: Vec<(String, Color32)> = self.series.iter().enumerate().map(|(i, c)| (format!("series {i}"), *c)).collect();
        out.extend([
            ("negative".to_owned(), self.negative),
            ("muted".to_owned(), self.muted),
            ("foreground".to_owned(), self.foreground),
            ("alert".to_owned(), self.alert),
        ]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of an sRGB colour.
    fn luminance(c: Color32) -> f64 {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }

    /// WCAG 2 contrast ratio (1 to 21).
    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn contrast_is_computed_as_wcag_says() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn every_series_stands_out_on_light_and_on_dark() {
        for (theme, visuals) in [("Light", Visuals::light()), ("Dark", Visuals::dark())] {
            let c = ChartColors::of(&visuals);
            assert_eq!(c.background, visuals.extreme_bg_color);
            for (name, color) in c.all() {
                assert!(color.a() == 255, "{theme}: {name} is translucent");
                let ratio = contrast(color, c.background);
                assert!(ratio >= 3.0, "{theme}: {name} {color:?} has contrast {ratio:.2} on {:?}", c.background);
            }
        }
    }

    #[test]
    fn alert_figures_stand_out_on_the_panel_background_too() {
        // KPI cards are drawn on the panel, not on the plot background.
        for visuals in [Visuals::light(), Visuals::dark()] {
            let c = ChartColors::of(&visuals);
            let ratio = contrast(c.alert, visuals.panel_fill);
            assert!(ratio >= 3.0, "alert {:?} has contrast {ratio:.2} on {:?}", c.alert, visuals.panel_fill);
        }
    }

    #[test]
    fn the_lines_that_vanished_on_light_now_follow_the_theme() {
        // EBITDA and the hold-share hashrate were white on both themes.
        let light = ChartColors::of(&Visuals::light());
        let dark = ChartColors::of(&Visuals::dark());
        assert!(luminance(light.foreground) < 0.2 && luminance(dark.foreground) > 0.5);
    }
}
