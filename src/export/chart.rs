//! One chart as an image for a slide or an email: the plan's name, the
//! chart's title and units above (from the chart registry), the chart drawn
//! by [`charts::draw`] (the same drawing as on screen), and a footer with the
//! source ("floe, plan.ron") and the export date.

use super::render::{Offscreen, Rgba};
use crate::charts::{self, Chart, ChartInputs, ChartOptions};
use egui::{Align, Context, Layout, RichText, Theme, Ui, Vec2, vec2};
use std::path::Path;

/// The size of an exported chart in points (16:9, a slide); pixels are this × scale.
pub const CHART_SIZE: Vec2 = vec2(960.0, 540.0);

/// What an exported image says about where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caption {
    /// The plan's name.
    pub plan: String,
    /// One line: "floe, ai_pivot.ron".
    pub source: String,
    /// The export date, "YYYY-MM-DD" (UTC); empty on a live slide.
    pub date: String,
}

impl Caption {
    /// The caption of plan `name` read from `file` (`None`: not saved yet), dated today.
    pub fn new(name: &str, file: Option<&Path>) -> Caption {
        let file = file.and_then(|f| f.file_name()).map_or_else(|| "unsaved plan".to_owned(), |f| f.to_string_lossy().into_owned());
        Caption { plan: name.to_owned(), source: format!("floe, {file}"), date: crate::clock::utc_now_rfc3339()[..10].to_owned() }
    }
}

/// Styles a context for export: the Light theme (slides and paper are white).
pub fn light(ctx: &Context) {
    ctx.set_theme(Theme::Light);
}

/// Draws the captioned chart into the whole of `ui`: header, chart, footer.
/// `text_scale` enlarges the text for presentation mode.
pub fn page(ui: &mut Ui, chart: Chart, inputs: &ChartInputs, caption: &Caption, text_scale: f32) {
    let fill = ui.visuals().panel_fill;
    egui::Frame::new().fill(fill).inner_margin(16.0 * text_scale.sqrt()).show(ui, |ui| {
        ui.set_min_size(ui.available_size());
        ui.label(RichText::new(&caption.plan).size(14.0 * text_scale).weak());
        ui.label(RichText::new(chart.title()).size(22.0 * text_scale).strong());
        ui.label(RichText::new(chart.units()).size(13.0 * text_scale));
        ui.add_space(6.0);
        let footer = 20.0 * text_scale;
        let height = (ui.available_height() - footer).max(120.0);
        let opts = ChartOptions { height, covenant: inputs.covenant, ..Default::default() };
        ui.allocate_ui(vec2(ui.available_width(), height), |ui| charts::draw(ui, chart, inputs, &opts));
        ui.with_layout(Layout::right_to_left(Align::Max), |ui| {
            let footer =
                if caption.date.is_empty() { caption.source.clone() } else { format!("{} · exported {}", caption.source, caption.date) };
            ui.label(RichText::new(footer).size(11.0 * text_scale).weak());
        });
    });
}

/// Renders one chart at `scale` (1 or 2) pixels per point.
pub fn render(off: &Offscreen, chart: Chart, inputs: &ChartInputs, caption: &Caption, scale: f32) -> Result<Rgba, String> {
    off.render(CHART_SIZE, scale, light, |ui| page(ui, chart, inputs, caption, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_names_the_file_not_its_folder() {
        let c = Caption::new("AI pivot", Some(Path::new("/home/x/saves/ai_pivot.ron")));
        assert_eq!(c.source, "floe, ai_pivot.ron");
        assert_eq!(c.date.len(), 10);
        assert_eq!(Caption::new("x", None).source, "floe, unsaved plan");
    }
}
