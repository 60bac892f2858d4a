//! The app's colours, read from the current visuals (`ui.visuals()`), so a
//! figure drawn on the Light theme is as visible as on the Dark one. The
//! chart colours are [`crate::charts::colors`] (re-exported here for the KPI
//! cards, Compare and Risk); nothing else in the charts or the KPI cards
//! names a colour.

pub use crate::charts::colors::ChartColors;
use egui::{Color32, Visuals};

/// Validation errors: messages, outlines, the banner (reads on both themes).
pub const ERROR: Color32 = Color32::from_rgb(0xE0, 0x4F, 0x4F);

/// Warnings (a constraint changed the result; the plan is still valid), for the current theme.
pub fn warning(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0xF0, 0xB4, 0x3C) } else { Color32::from_rgb(0x9A, 0x5A, 0x00) }
}

/// Negative figures in the monthly table and alerts on the KPI cards, for the current theme.
pub fn negative(visuals: &Visuals) -> Color32 {
    ChartColors::of(visuals).negative
}
