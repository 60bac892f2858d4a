//! Charts and reports out of the app: offscreen rendering of egui drawings to
//! pixels ([`render`]), PNG files ([`png`]), captioned chart images
//! ([`chart`]), the plan report ([`report`], its statements pages [`statements_page`]) and PDF pages with the words
//! of the drawing as a text layer ([`text`], [`pdf`]). Behind the `gui` feature:
//! the images are drawn by [`crate::charts`], the same code as the app's
//! charts; nothing here imports the app.
//!
//! Within: `render` (pixels and words of a frame) ← `png`, `pdf`;
//! `chart` ← `report` ← `statements_page` (its pages); no module here imports one that imports it.

pub mod chart;
pub mod pdf;
pub mod png;
pub mod render;
pub mod report;
pub mod risk_page;
pub mod statements_page;
pub mod text;

use crate::charts::{Chart, ChartInputs};
use std::path::{Path, PathBuf};

pub use render::{Offscreen, Rgba};

/// Writes `DIR/<key>.png` for each chart key (see [`Chart::keys`]); returns
/// the files written. Unknown keys are an error before anything is drawn.
pub fn charts_to_dir(
    off: &Offscreen,
    inputs: &ChartInputs,
    caption: &chart::Caption,
    keys: &[&str],
    scale: f32,
    dir: &Path,
) -> Result<Vec<PathBuf>, String> {
    let charts = keys
        .iter()
        .map(|k| {
            Chart::from_key(k).map(|c| (*k, c)).ok_or_else(|| format!("unknown chart {k:?}; the charts are {}", Chart::keys().join(", ")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (key, chart) in charts {
        let img = chart::render(off, chart, inputs, caption, scale)?;
        let path = dir.join(format!("{key}.png"));
        crate::io::write_atomic(&path, &png::encode(&img)?).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
