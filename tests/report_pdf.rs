//! The plan report: the PDF opens in a real PDF reader (poppler's `pdftoppm`)
//! and renders to non-blank A4 pages; the report image of a shipped plan
//! matches its snapshot (`tests/snapshots/report_ai_pivot.png`, half size;
//! refresh with `UPDATE_SNAPSHOTS=1`).

mod common;

use common::{TempDir, floe_binary, plan, repo_path};
use floe::export::{Offscreen, Rgba, chart::Caption, png, report};
use std::process::Command;

/// Fraction of pixels darker than light grey (text, lines, fills).
fn ink(img: &Rgba) -> f64 {
    let dark = img.pixels.chunks_exact(4).filter(|p| (p[0] as u32 + p[1] as u32 + p[2] as u32) < 600).count();
    dark as f64 / (img.width * img.height) as f64
}

#[test]
fn floe_report_pdf_renders_in_poppler_to_four_non_blank_pages() {
    let dir = TempDir::new("report-pdf");
    let pdf = dir.path("report.pdf");
    let run =
        floe_binary().args(["report", repo_path("saves/ice_cube.ron").to_str().unwrap(), "--out", pdf.to_str().unwrap()]).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let prefix = dir.path("page");
    let pdftoppm = Command::new("pdftoppm").args(["-png", "-r", "50"]).arg(&pdf).arg(&prefix).output();
    let pdftoppm = pdftoppm.expect("pdftoppm (Debian package poppler-utils) is installed");
    assert!(pdftoppm.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&pdftoppm.stderr));
    // The summary, the charts, the risk page, the statements (ice_cube has no investments page).
    for n in 1..=4 {
        let page = png::decode(&std::fs::read(dir.path(&format!("page-{n}.png"))).unwrap()).unwrap();
        // A4 at 50 dpi: 8.27 × 11.69 inches.
        assert_eq!((page.width, page.height), (414, 585), "page {n}");
        let ink = ink(&page);
        assert!(ink > 0.02, "page {n} is blank ({ink:.4} ink)");
    }
    assert!(!dir.path("page-5.png").exists(), "four pages");
}

#[test]
fn floe_report_refuses_an_unknown_format_with_exit_2() {
    let run = floe_binary().args(["report", repo_path("saves/ice_cube.ron").to_str().unwrap(), "--out", "report.docx"]).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains(".pdf or .png"));
}

/// Half size by averaging 2×2 blocks (keeps the snapshot file small).
fn half(img: &Rgba) -> Rgba {
    let (w, h) = (img.width / 2, img.height / 2);
    let mut pixels = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h as usize {
        for x in 0..w as usize {
            for c in 0..4 {
                let at = |dx: usize, dy: usize| img.pixels[((2 * y + dy) * img.width as usize + 2 * x + dx) * 4 + c] as u32;
                pixels.push(((at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4) as u8);
            }
        }
    }
    Rgba { width: w, height: h, pixels }
}

#[test]
fn report_image_of_ai_pivot_matches_its_snapshot() {
    let (s, p) = plan("saves/ai_pivot.ron");
    let caption = Caption { plan: s.name.clone(), source: "floe, ai_pivot.ron".into(), date: "2026-11-22".into() };
    let pages = report::pages(&Offscreen::new().expect("a graphics adapter"), &s, &p, &caption).unwrap();
    let img = half(&report::stack(&pages));
    // Four A4 pages: ai_pivot has investments, so its report has page 3, then its statements.
    assert_eq!(pages.len(), report::page_count(&p));
    assert_eq!((img.width, img.height), (794, 5 * 1123));
    let path = repo_path("tests/snapshots/report_ai_pivot.png");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, png::encode(&img).unwrap()).unwrap();
    }
    let old =
        png::decode(&std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (create with UPDATE_SNAPSHOTS=1)", path.display()))).unwrap();
    assert_eq!((old.width, old.height), (img.width, img.height), "size changed");
    let differing = old
        .pixels
        .chunks_exact(4)
        .zip(img.pixels.chunks_exact(4))
        .filter(|(a, b)| a.iter().zip(*b).any(|(x, y)| x.abs_diff(*y) > 32))
        .count();
    let share = differing as f64 / (img.width * img.height) as f64;
    if share > 0.002 {
        std::fs::write(path.with_extension("new.png"), png::encode(&img).unwrap()).unwrap();
        panic!(
            "report differs from its snapshot in {:.2} % of the pixels; see {}",
            share * 100.0,
            path.with_extension("new.png").display()
        );
    }
}
