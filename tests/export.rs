//! Headless chart images (`floe export`): each chart renders offscreen to a
//! PNG of the right size that is not blank, at 1× and 2×, through the library
//! and through the binary; bad arguments exit 2 and write nothing.

mod common;

use common::{TempDir, floe_binary, plan, repo_path};
use floe::charts::{Chart, ChartInputs};
use floe::export::{self, Offscreen, chart};

/// Pixels that are neither the page background nor near it: the drawing.
fn ink_fraction(img: &export::Rgba) -> f64 {
    let bg = &img.pixels[..4];
    let ink = img.pixels.chunks_exact(4).filter(|px| px.iter().zip(bg).take(3).any(|(a, b)| a.abs_diff(*b) > 40)).count();
    ink as f64 / (img.width * img.height) as f64
}

#[test]
fn every_chart_renders_a_captioned_non_blank_image_at_1x_and_2x() {
    let off = Offscreen::new().expect("a graphics adapter (Mesa llvmpipe)");
    let (s, p) = plan("saves/ai_pivot.ron");
    let inputs = ChartInputs::of(&s, &p);
    let caption = chart::Caption::new(&s.name, Some(std::path::Path::new("saves/ai_pivot.ron")));
    for c in Chart::ALL {
        let key = c.key();
        let img = chart::render(&off, c, &inputs, &caption, 1.0).unwrap();
        assert_eq!((img.width, img.height), (960, 540), "{key}");
        assert_eq!(img.pixels.len(), 960 * 540 * 4);
        assert!(img.distinct_colours(64) >= 16, "{key}: only {} colours", img.distinct_colours(64));
        let ink = ink_fraction(&img);
        assert!(ink > 0.02 && ink < 0.9, "{key}: {ink:.3} of the pixels drawn");
    }
    let big = chart::render(&off, Chart::Revenue, &inputs, &caption, 2.0).unwrap();
    assert_eq!((big.width, big.height), (1920, 1080));
    assert!(big.distinct_colours(64) >= 16);
}

#[test]
fn the_caption_is_drawn_where_the_header_and_footer_are() {
    // With and without a caption text the header band differs: the text is really drawn.
    let off = Offscreen::new().expect("a graphics adapter");
    let (s, p) = plan("saves/ice_cube.ron");
    let inputs = ChartInputs::of(&s, &p);
    let a = chart::Caption { plan: "Plan A".into(), source: "floe, a.ron".into(), date: "2026-01-01".into() };
    let b = chart::Caption { plan: "Another plan with a long name".into(), source: "floe, b.ron".into(), date: "2026-12-31".into() };
    let tab = Chart::Share;
    let (ia, ib) = (chart::render(&off, tab, &inputs, &a, 1.0).unwrap(), chart::render(&off, tab, &inputs, &b, 1.0).unwrap());
    let row = |img: &export::Rgba, y: std::ops::Range<usize>| img.pixels[y.start * 960 * 4..y.end * 960 * 4].to_vec();
    assert_ne!(row(&ia, 0..40), row(&ib, 0..40), "the plan name is in the header");
    assert_ne!(row(&ia, 510..540), row(&ib, 510..540), "source and date are in the footer");
}

#[test]
fn floe_export_writes_one_png_per_chart() {
    let dir = TempDir::new("export");
    let out = dir.path("charts");
    let run = floe_binary()
        .args(["export", repo_path("saves/keep_buying.ron").to_str().unwrap(), "--out", out.to_str().unwrap(), "--charts", "share,cash"])
        .args(["--scale", "2"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["cash.png", "share.png"]);
    for name in names {
        let img = export::png::decode(&std::fs::read(out.join(&name)).unwrap()).unwrap();
        assert_eq!((img.width, img.height), (1920, 1080), "{name}");
        assert!(img.distinct_colours(64) >= 16, "{name}");
    }
}

#[test]
fn floe_export_refuses_bad_input_with_exit_2() {
    let dir = TempDir::new("export-bad");
    let out = dir.path("charts");
    let good = repo_path("saves/ai_pivot.ron");
    let bad_file = dir.path("broken.ron");
    std::fs::write(&bad_file, "(format_version: 1, name: ").unwrap();
    let cases: [Vec<&str>; 4] = [
        vec!["export", good.to_str().unwrap(), "--out", out.to_str().unwrap(), "--charts", "pie"],
        vec!["export", good.to_str().unwrap(), "--out", out.to_str().unwrap(), "--scale", "3"],
        vec!["export", good.to_str().unwrap()],
        vec!["export", bad_file.to_str().unwrap(), "--out", out.to_str().unwrap()],
    ];
    for args in cases {
        let run = floe_binary().args(&args).output().unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&run.stderr));
        assert!(!String::from_utf8_lossy(&run.stderr).is_empty());
        assert!(!out.exists(), "{args:?} wrote something");
    }
    let stderr =
        String::from_utf8_lossy(&floe_binary().args(["export", bad_file.to_str().unwrap(), "--out", "x"]).output().unwrap().stderr)
            .into_owned();
    assert!(stderr.contains("broken.ron:1:"), "{stderr}");
}

/// Without any graphics adapter (here: only Metal allowed, which Linux lacks)
/// the export fails with exit 1 and a sentence, and writes nothing.
#[cfg(target_os = "linux")]
#[test]
fn floe_export_without_an_adapter_exits_1_with_a_clear_message() {
    let dir = TempDir::new("export-no-adapter");
    let out = dir.path("charts");
    let run = floe_binary()
        .env("WGPU_BACKEND", "metal")
        .args(["export", repo_path("saves/ai_pivot.ron").to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no usable graphics adapter"), "{stderr}");
    assert!(!out.exists());
}
