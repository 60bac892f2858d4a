//! PDF output with krilla (the maintained high-level PDF writer of the Rust
//! ecosystem, used by Typst): one A4 page per rendered page, its image
//! filling the page and its words on top as a transparent text layer at the
//! positions egui laid them out ([`super::text`]), so the page looks exactly
//! like the image and its text can be selected, searched and read aloud.
//! The layer's fonts are egui's own (Ubuntu Light, Hack, Noto Emoji, emoji
//! icon font: their licences allow embedding), subset by krilla.

use super::render::Page;
use super::text::Run;
use krilla::Document;
use krilla::geom::{Point, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size as FontSize};

/// A4 in PDF points (1/72 inch).
pub const A4: (f32, f32) = (595.28, 841.89);

/// A font of the text layer: krilla's handle and the bytes to look glyphs up in.
struct Face {
    font: Font,
    bytes: egui::epaint::text::Blob,
}

impl Face {
    fn skrifa(&self) -> Option<skrifa::FontRef<'_>> {
        skrifa::FontRef::from_index((*self.bytes).as_ref(), 0).ok()
    }

    fn glyph(&self, c: char) -> Option<skrifa::GlyphId> {
        self.skrifa()?.charmap().map(c)
    }
}

/// egui's default fonts, the text faces first (proportional, monospace), then
/// the fallbacks for symbols and emoji.
fn faces() -> Result<Vec<Face>, String> {
    let defs = egui::FontDefinitions::default();
    ["Ubuntu-Light", "Hack", "NotoEmoji-Regular", "emoji-icon-font"]
        .iter()
        .filter_map(|name| defs.font_data.get(*name))
        .map(|data| {
            let bytes = data.font.clone();
            let font = Font::new(krilla::Data::from(bytes.clone()), data.index).ok_or("PDF: cannot read egui's font")?;
            Ok(Face { font, bytes })
        })
        .collect()
}

/// The font size (em, points) that gives `face` the row height `line_height`,
/// and how far that face's advances are from the ones egui laid out.
fn fit(face: &Face, run: &Run) -> Option<(f32, f32)> {
    let f = face.skrifa()?;
    let m = f.metrics(FontSize::unscaled(), LocationRef::default());
    let row = (m.ascent - m.descent + m.leading) / m.units_per_em as f32;
    if row <= 0.0 {
        return None;
    }
    let em = run.line_height / row;
    let widths = f.glyph_metrics(FontSize::unscaled(), LocationRef::default());
    let mut err = 0.0;
    for g in &run.glyphs {
        let w = face.glyph(g.chr).and_then(|id| widths.advance_width(id)).map_or(em, |w| w / m.units_per_em as f32 * em);
        err += (w - g.advance).abs();
    }
    Some((em, err))
}

/// Which of the two text faces (proportional, monospace) `run` was laid out
/// in, judged by its advances, and its font size in points.
fn text_face(faces: &[Face], run: &Run) -> Option<(usize, f32)> {
    let fits = faces.iter().take(2).enumerate().filter_map(|(i, f)| fit(f, run).map(|(em, err)| (i, em, err)));
    let (i, em, _) = fits.min_by(|a, b| a.2.total_cmp(&b.2))?;
    (em.is_finite() && em > 0.0).then_some((i, em))
}

/// Draws `run` on `surface` (in page points) as invisible text: the text face
/// whose advances match egui's best, each character in the first face that
/// has it, each glyph at egui's position.
fn draw_run(surface: &mut Surface<'_>, faces: &[Face], run: &Run) {
    let Some((main, em)) = text_face(faces, run) else { return };
    // Segments of consecutive characters drawn with the same face.
    let face_of = |c: char| {
        if faces[main].glyph(c).is_some() { Some(main) } else { (0..faces.len()).find(|&i| faces[i].glyph(c).is_some()) }
    };
    let (sin, cos) = run.angle.sin_cos();
    surface.push_transform(&Transform::from_row(cos, sin, -sin, cos, run.origin.x, run.origin.y));
    let mut i = 0;
    while i < run.glyphs.len() {
        let Some(fi) = face_of(run.glyphs[i].chr) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < run.glyphs.len() && face_of(run.glyphs[j].chr) == Some(fi) {
            j += 1;
        }
        let seg = &run.glyphs[i..j];
        let text: String = seg.iter().map(|g| g.chr).collect();
        let mut glyphs = Vec::with_capacity(seg.len());
        let mut at = 0;
        for (k, g) in seg.iter().enumerate() {
            let next = seg.get(k + 1).map_or(g.x + g.advance, |n| n.x);
            let len = g.chr.len_utf8();
            let id = faces[fi].glyph(g.chr).map_or(0, |id| id.to_u32());
            glyphs.push(KrillaGlyph::new(GlyphId::new(id), (next - g.x) / em, 0.0, 0.0, 0.0, at..at + len, None));
            at += len;
        }
        surface.draw_glyphs(Point::from_xy(seg[0].x, 0.0), &glyphs, faces[fi].font.clone(), &text, em, false);
        i = j;
    }
    surface.pop();
}

/// A PDF with one A4 page per page, each image filling its page under its
/// invisible text layer.
pub fn write(pages: &[Page], title: &str) -> Result<Vec<u8>, String> {
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new().title(title.to_owned()).language("en".to_owned()).creator(format!("floe {}", env!("CARGO_PKG_VERSION"))),
    );
    let size = Size::from_wh(A4.0, A4.1).ok_or("PDF: bad page size")?;
    let faces = faces()?;
    for p in pages {
        let png = super::png::encode(&p.image)?;
        let image = Image::from_png(png.into(), true).map_err(|e| format!("PDF image: {e}"))?;
        let mut page = doc.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        surface.draw_image(image, size);
        if p.size.x > 0.0 && p.size.y > 0.0 {
            surface.set_fill(Some(Fill { opacity: NormalizedF32::ZERO, ..Fill::default() }));
            surface.push_transform(&Transform::from_scale(A4.0 / p.size.x, A4.1 / p.size.y));
            for run in &p.text {
                draw_run(&mut surface, &faces, run);
            }
            surface.pop();
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("PDF: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{FontId, Pos2};

    /// `text` laid out by egui in `font`, as a run.
    fn run(text: &str, font: FontId) -> Run {
        let ctx = egui::Context::default();
        let mut galley = None;
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            galley = Some(ui.painter().layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::BLACK));
        });
        out.textures_delta.clear();
        let shape = egui::epaint::ClippedShape::new(
            egui::Rect::EVERYTHING,
            egui::Shape::galley(Pos2::new(10.0, 10.0), galley.unwrap(), egui::Color32::BLACK),
        );
        super::super::text::runs(&[shape]).remove(0)
    }

    #[test]
    fn each_run_is_written_in_the_face_and_size_egui_laid_it_out_in() {
        let faces = faces().unwrap();
        for size in [9.0, 12.5, 24.0] {
            let (face, em) = text_face(&faces, &run("Summary figures (12)", FontId::proportional(size))).unwrap();
            assert_eq!(face, 0, "Ubuntu for proportional text at {size}");
            assert!((em - size).abs() < 0.08 * size, "em {em} for {size}");
            let (face, em) = text_face(&faces, &run("$1,050,887,959", FontId::monospace(size))).unwrap();
            assert_eq!(face, 1, "Hack for monospace text at {size}");
            assert!((em - size).abs() < 0.08 * size, "em {em} for {size}");
        }
    }
}
