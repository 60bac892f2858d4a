//! Charts and reports out of the app: offscreen rendering of egui drawings to
//! pixels ([`render`]), PNG files ([`png`]), captioned chart images
//! ([`chart`]), the plan report ([`report`]) and PDF pages with the words
//! of the drawing as a text layer ([`text`], [`pdf`]). Behind the `gui` feature:
//! the images are drawn by the app's own chart code.

pub mod chart;
pub mod pdf;
pub mod png;
pub mod render;
pub mod report;
pub mod text;

use std::path::{Path, PathBuf};

pub use render::{Offscreen, Rgba};

/// Writes `DIR/<key>.png` for each chart key (see [`chart::KEYS`]); returns
/// the files written. Unknown keys are an error before anything is drawn.
pub fn charts_to_dir(
    off: &Offscreen,
    inputs: &chart::ChartInputs,
    caption: &chart::Caption,
    keys: &[&str],
    scale: f32,
    dir: &Path,
) -> Result<Vec<PathBuf>, String> {
    let tabs = keys
        .iter()
        .map(|k| {
            chart::from_key(k).map(|t| (*k, t)).ok_or_else(|| format!("unknown chart {k:?}; the charts are {}", chart::KEYS.join(", ")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (key, tab) in tabs {
        let img = chart::render(off, tab, inputs, caption, scale)?;
        let path = dir.join(format!("{key}.png"));
        crate::io::write_atomic(&path, &png::encode(&img)?).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
