//! Presentation mode (F11 or View › Present): the editors and menus hide and
//! one slide fills the window: a title slide with the plan's name and
//! description, then one chart per slide with large fonts. Arrow keys (and
//! Page Up/Down, Space) move between slides; Esc or F11 leaves.

use super::FloeApp;
use crate::charts::{Chart, ChartInputs};
use crate::export::chart::{self, Caption};
use egui::{Align, Key, Layout, RichText, Ui};

/// How much larger text is on a slide.
pub const TEXT_SCALE: f32 = 1.6;

/// The slides: the title, then the charts in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    Title,
    Chart(Chart),
}

/// The presentation's state: which slide shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Presenter {
    pub index: usize,
}

impl Presenter {
    pub fn slides() -> Vec<Slide> {
        std::iter::once(Slide::Title).chain(Chart::ALL.map(Slide::Chart)).collect()
    }
    pub fn slide(&self) -> Slide {
        let slides = Presenter::slides();
        slides[self.index.min(slides.len() - 1)]
    }
    pub fn next(&mut self) {
        self.index = (self.index + 1).min(Presenter::slides().len() - 1);
    }
    pub fn previous(&mut self) {
        self.index = self.index.saturating_sub(1);
    }
}

/// What the slide's keys asked for.
enum Step {
    Stay,
    Leave,
}

fn keys(ui: &Ui, p: &mut Presenter) -> Step {
    ui.input_mut(|i| {
        if i.consume_key(egui::Modifiers::NONE, Key::Escape) {
            return Step::Leave;
        }
        for k in [Key::ArrowRight, Key::ArrowDown, Key::PageDown, Key::Space] {
            if i.consume_key(egui::Modifiers::NONE, k) {
                p.next();
            }
        }
        for k in [Key::ArrowLeft, Key::ArrowUp, Key::PageUp] {
            if i.consume_key(egui::Modifiers::NONE, k) {
                p.previous();
            }
        }
        Step::Stay
    })
}

/// Every text style of `ui` `factor` times larger (axis labels and legends too).
fn enlarge(ui: &mut Ui, factor: f32) {
    for font in ui.style_mut().text_styles.values_mut() {
        font.size *= factor;
    }
}

impl FloeApp {
    /// Starts presenting on the title slide (full screen where the platform allows).
    pub fn start_presenting(&mut self, ctx: &egui::Context) {
        self.present = Some(Presenter::default());
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    pub fn stop_presenting(&mut self, ctx: &egui::Context) {
        self.present = None;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
    }

    /// Draws the current slide into the central panel.
    pub(super) fn present_ui(&mut self, ui: &mut Ui) {
        let Some(p) = self.present.as_mut() else { return };
        if let Step::Leave = keys(ui, p) {
            self.stop_presenting(&ui.ctx().clone());
            return;
        }
        let (slide, index, count) = (p.slide(), p.index, Presenter::slides().len());
        let mut step = None;
        ui.with_layout(Layout::bottom_up(Align::Center), |ui| {
            ui.horizontal(|ui| {
                if ui.button("Previous").on_hover_text("Left arrow").clicked() {
                    step = Some(false);
                }
                ui.label(RichText::new(format!("{} / {count}", index + 1)).weak());
                if ui.button("Next").on_hover_text("Right arrow").clicked() {
                    step = Some(true);
                }
                ui.separator();
                if ui.button("Leave presentation").on_hover_text("Esc").clicked() {
                    step = Some(true);
                    self.present = None;
                }
            });
            ui.with_layout(Layout::top_down(Align::Min), |ui| {
                enlarge(ui, TEXT_SCALE);
                let s = &self.doc.scenario;
                match (slide, self.live.projection.as_ref()) {
                    (Slide::Title, _) => title_slide(ui, &s.name, &s.description),
                    (Slide::Chart(c), Some(proj)) => {
                        // A live slide is not an export: no "exported <date>".
                        let caption = Caption { date: String::new(), ..Caption::new(&s.name, self.doc.path.as_deref()) };
                        chart::page(ui, c, &ChartInputs::of(s, proj), &caption, TEXT_SCALE);
                    }
                    (Slide::Chart(_), None) => {
                        ui.centered_and_justified(|ui| ui.label("No projection: the plan has problems to fix in the editor (Esc)."));
                    }
                }
            });
        });
        match (step, self.present.as_mut()) {
            (Some(_), None) => self.stop_presenting(&ui.ctx().clone()),
            (Some(true), Some(p)) => p.next(),
            (Some(false), Some(p)) => p.previous(),
            _ => {}
        }
    }
}

fn title_slide(ui: &mut Ui, name: &str, description: &str) {
    ui.add_space(ui.available_height() * 0.2);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new(name).size(40.0).strong());
        ui.add_space(24.0);
        let story = crate::export::report::story(description);
        ui.set_max_width(ui.available_width().min(1100.0));
        ui.label(RichText::new(story).size(20.0));
        ui.add_space(24.0);
        ui.label(RichText::new("Right arrow: next slide · Esc: leave").weak());
    });
}
