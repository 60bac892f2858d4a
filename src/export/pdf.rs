//! PDF output with krilla (the maintained high-level PDF writer of the Rust
//! ecosystem, used by Typst): one A4 page per rendered page image.

use super::render::Rgba;
use krilla::Document;
use krilla::geom::Size;
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

/// A4 in PDF points (1/72 inch).
pub const A4: (f32, f32) = (595.28, 841.89);

/// A PDF with one A4 page per image, each image filling its page.
pub fn write(pages: &[Rgba], title: &str) -> Result<Vec<u8>, String> {
    let mut doc = Document::new();
    doc.set_metadata(Metadata::new().title(title.to_owned()).creator(format!("floe {}", env!("CARGO_PKG_VERSION"))));
    let size = Size::from_wh(A4.0, A4.1).ok_or("PDF: bad page size")?;
    for img in pages {
        let png = super::png::encode(img)?;
        let image = Image::from_png(png.into(), true).map_err(|e| format!("PDF image: {e}"))?;
        let mut page = doc.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        surface.draw_image(image, size);
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("PDF: {e:?}"))
}
