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

/// Reads PNG bytes back (tests, the report's embedded charts).
pub fn decode(bytes: &[u8]) -> Result<Rgba, String> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().map_err(|e| format!("PNG: {e}"))?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("PNG: image too large")?];
    let info = reader.next_frame(&mut buf).map_err(|e| format!("PNG: {e}"))?;
    if info.color_type != png::ColorType::Rgba || info.bit_depth != png::BitDepth::Eight {
        return Err(format!("PNG: expected 8-bit RGBA, found {:?} {:?}", info.color_type, info.bit_depth));
    }
    buf.truncate(info.buffer_size());
    Ok(Rgba { width: info.width, height: info.height, pixels: buf })
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
