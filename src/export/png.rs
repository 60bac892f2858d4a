//! PNG encoding of rendered pixels (the `png` crate, already under eframe).

use super::render::Rgba;

/// The image as PNG bytes (8-bit RGBA).
pub fn encode(img: &Rgba) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, img.width, img.height);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(|e| format!("PNG: {e}"))?;
        writer.write_image_data(&img.pixels).map_err(|e| format!("PNG: {e}"))?;
    }
    Ok(out)
}

/// Reads 8-bit RGB or RGBA PNG bytes back (tests, pages rendered by other tools).
pub fn decode(bytes: &[u8]) -> Result<Rgba, String> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().map_err(|e| format!("PNG: {e}"))?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("PNG: image too large")?];
    let info = reader.next_frame(&mut buf).map_err(|e| format!("PNG: {e}"))?;
    buf.truncate(info.buffer_size());
    let pixels = match (info.color_type, info.bit_depth) {
        (png::ColorType::Rgba, png::BitDepth::Eight) => buf,
        (png::ColorType::Rgb, png::BitDepth::Eight) => buf.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
        (c, d) => return Err(format!("PNG: expected 8-bit RGB or RGBA, found {c:?} {d:?}")),
    };
    Ok(Rgba { width: info.width, height: info.height, pixels })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let img = Rgba { width: 2, height: 1, pixels: vec![255, 0, 0, 255, 0, 0, 255, 128] };
        assert_eq!(decode(&encode(&img).unwrap()).unwrap(), img);
    }
}
