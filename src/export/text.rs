//! The words on a rendered page: every glyph egui painted, read from the
//! frame's shapes before they become triangles, as runs of characters on one
//! baseline with the positions egui laid them out at. The PDF writes these
//! as a text layer over the page image, so the report can be selected,
//! searched, copied and read aloud.

use egui::emath::Rot2;
use egui::epaint::{ClippedShape, Shape, TextShape};
use egui::{Pos2, Rect, Vec2};

/// One character of a run: where it starts along the baseline (points from
/// the run's origin) and how far the next one starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    pub chr: char,
    pub x: f32,
    pub advance: f32,
}

/// Characters of one font size on one baseline, in points from the page's
/// top left. `angle` turns the run clockwise about its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The baseline at the left edge of the first glyph.
    pub origin: Pos2,
    pub angle: f32,
    /// The row height egui laid the characters out with (its font's row height).
    pub line_height: f32,
    pub glyphs: Vec<Glyph>,
}

impl Run {
    /// The characters of the run.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.chr).collect()
    }
}

/// Every run of visible text in a frame's shapes, in paint order. Glyphs
/// clipped away (outside their shape's clip rectangle) are left out, and so
/// are runs of nothing but spaces.
pub fn runs(shapes: &[ClippedShape]) -> Vec<Run> {
    let mut out = Vec::new();
    for clipped in shapes {
        let first = out.len();
        collect(&clipped.shape, clipped.clip_rect, &mut out);
        // A layer moved or zoomed after tessellation moves its words too.
        let t = clipped.transform_after_tessellation;
        for run in &mut out[first..] {
            run.origin = t * run.origin;
            run.line_height *= t.scaling;
            run.glyphs.iter_mut().for_each(|g| {
                g.x *= t.scaling;
                g.advance *= t.scaling;
            });
        }
    }
    out
}

fn collect(shape: &Shape, clip: Rect, out: &mut Vec<Run>) {
    match shape {
        Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, clip, out)),
        Shape::Text(t) => text_shape(t, clip, out),
        _ => {}
    }
}

fn text_shape(t: &TextShape, clip: Rect, out: &mut Vec<Run>) {
    if t.opacity_factor <= 0.0 {
        return;
    }
    let rot = Rot2::from_angle(t.angle);
    for row in &t.galley.rows {
        let mut run: Option<Run> = None;
        let mut baseline = f32::NAN;
        for g in &row.glyphs {
            // Along the unrotated galley, then turned about the shape's position.
            let local = row.pos.to_vec2() + g.pos.to_vec2();
            let at = t.pos + rot * local;
            let middle = t.pos + rot * (local + Vec2::new(g.advance_width / 2.0, -g.font_ascent / 3.0));
            let visible = t.angle != 0.0 || clip.contains(middle);
            let same = run.as_ref().is_some_and(|r| (r.line_height - g.font_height).abs() < 0.01) && (local.y - baseline).abs() < 0.01;
            if !visible || !same {
                out.extend(run.take().and_then(finish));
            }
            if !visible {
                continue;
            }
            let r = run.get_or_insert_with(|| {
                baseline = local.y;
                Run { origin: at, angle: t.angle, line_height: g.font_height, glyphs: Vec::new() }
            });
            let x = (rot.inverse() * (at - r.origin)).x;
            r.glyphs.push(Glyph { chr: g.chr, x, advance: g.advance_width });
        }
        out.extend(run.and_then(finish));
    }
}

/// The run without its trailing spaces; nothing if only spaces are left.
/// A ligature ("fi") is laid out as its first character carrying the whole
/// advance and zero-width continuations placed after it; here the
/// characters share the advance, so a reader sees them in order.
fn finish(mut run: Run) -> Option<Run> {
    while run.glyphs.last().is_some_and(|g| g.chr.is_whitespace()) {
        run.glyphs.pop();
    }
    let mut i = 0;
    while i < run.glyphs.len() {
        let n = 1 + run.glyphs[i + 1..].iter().take_while(|g| g.advance == 0.0 && !g.chr.is_whitespace()).count();
        let (x, share) = (run.glyphs[i].x, run.glyphs[i].advance / n as f32);
        for (k, g) in run.glyphs[i..i + n].iter_mut().enumerate() {
            g.x = x + share * k as f32;
            g.advance = share;
        }
        i += n;
    }
    run.glyphs.iter().any(|g| !g.chr.is_whitespace()).then_some(run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, FontId, Pos2};

    fn frame(add: impl FnMut(&mut egui::Ui)) -> Vec<ClippedShape> {
        let ctx = egui::Context::default();
        let input =
            || egui::RawInput { screen_rect: Some(Rect::from_min_size(Pos2::ZERO, egui::vec2(400.0, 300.0))), ..Default::default() };
        let mut add = add;
        let mut shapes = Vec::new();
        for _ in 0..2 {
            let mut out = ctx.run_ui(input(), &mut add);
            out.textures_delta.clear();
            shapes = out.shapes;
        }
        shapes
    }

    #[test]
    fn labels_come_out_as_runs_with_their_positions() {
        let shapes = frame(|ui| {
            ui.label("Summary figures");
            ui.label(egui::RichText::new("12.5 %").monospace());
        });
        let runs = runs(&shapes);
        let texts: Vec<String> = runs.iter().map(Run::text).collect();
        assert_eq!(texts, ["Summary figures", "12.5 %"]);
        // The second label is below the first; glyphs advance left to right.
        assert!(runs[1].origin.y > runs[0].origin.y + 5.0, "{runs:?}");
        let xs: Vec<f32> = runs[0].glyphs.iter().map(|g| g.x).collect();
        assert_eq!(xs[0], 0.0);
        assert!(xs.windows(2).all(|w| w[1] > w[0]), "{xs:?}");
        assert!(runs[0].line_height > 10.0);
    }

    fn text_of(s: &Shape) -> Vec<egui::epaint::text::Glyph> {
        match s {
            Shape::Text(t) => t.galley.rows.iter().flat_map(|r| r.glyphs.clone()).collect(),
            Shape::Vec(v) => v.iter().flat_map(text_of).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn a_ligature_reads_as_its_characters_in_order() {
        let shapes = frame(|ui| {
            ui.label("fixed fit-out");
        });
        // egui lays "fi" out as one glyph and a zero-width continuation.
        let mut laid = Vec::new();
        shapes.iter().for_each(|c| laid.extend(text_of(&c.shape)));
        assert!(laid.iter().any(|g: &egui::epaint::text::Glyph| g.advance_width == 0.0 && g.chr == 'i'), "no ligature: {laid:?}");
        let runs = runs(&shapes);
        assert_eq!(runs.iter().map(Run::text).collect::<Vec<_>>(), ["fixed fit-out"]);
        let g = &runs[0].glyphs;
        assert!(g.windows(2).all(|w| w[1].x > w[0].x) && g.iter().all(|g| g.advance > 0.0), "{g:?}");
    }

    #[test]
    fn a_moved_and_zoomed_layer_moves_and_zooms_its_words() {
        let shapes = frame(|ui| {
            ui.label("Peak leverage");
        });
        let plain = runs(&shapes);
        let zoomed: Vec<ClippedShape> = shapes
            .into_iter()
            .map(|mut c| {
                c.transform_after_tessellation = egui::emath::TSTransform::new(egui::vec2(100.0, 50.0), 2.0);
                c
            })
            .collect();
        let zoomed = runs(&zoomed);
        assert_eq!(zoomed[0].text(), plain[0].text());
        assert_eq!(zoomed[0].origin, Pos2::new(100.0 + 2.0 * plain[0].origin.x, 50.0 + 2.0 * plain[0].origin.y));
        assert_eq!(zoomed[0].line_height, 2.0 * plain[0].line_height);
        assert_eq!(zoomed[0].glyphs[3].x, 2.0 * plain[0].glyphs[3].x);
    }

    #[test]
    fn clipped_glyphs_and_invisible_text_are_left_out() {
        let shapes = frame(|ui| {
            let galley = ui.painter().layout_no_wrap("left rightmost".to_owned(), FontId::proportional(14.0), Color32::BLACK);
            let clip = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(25.0, 100.0));
            ui.painter().with_clip_rect(clip).galley(Pos2::new(2.0, 20.0), galley.clone(), Color32::BLACK);
            let mut hidden = TextShape::new(Pos2::new(2.0, 60.0), galley, Color32::BLACK);
            hidden.opacity_factor = 0.0;
            ui.painter().add(hidden);
        });
        let texts: Vec<String> = runs(&shapes).iter().map(Run::text).collect();
        assert_eq!(texts, ["left"]);
    }
}
