//! The plan report PDF carries its words as text: `pdftotext` (poppler, the
//! reader `.ci/run` installs) returns, in reading order, the plan's name,
//! the section headings, every key assumption, every KPI label with the
//! value the engine computed (formatted as the report shows it, read
//! through the library here), the footnotes and the chart titles, for
//! every shipped plan. An image-only PDF fails these checks.

mod common;

use common::{TempDir, plan};
use floe::export::chart::Caption;
use floe::export::{Offscreen, pdf, report};
use floe::schema::KPIS;
use std::process::Command;

const PLANS: [&str; 3] = ["saves/ice_cube.ron", "saves/keep_buying.ron", "saves/ai_pivot.ron"];

/// Whitespace collapsed to single spaces (pdftotext breaks lines where the page does).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text poppler reads from `bytes`, whitespace collapsed.
fn pdftotext(dir: &TempDir, bytes: &[u8]) -> String {
    let file = dir.path("report.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext (Debian package poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    words(&String::from_utf8(out.stdout).expect("pdftotext writes UTF-8"))
}

/// Asserts each of `expected` occurs in `text`, each after the one before.
#[track_caller]
fn in_order(text: &str, expected: &[String], what: &str) {
    let mut at = 0;
    for e in expected {
        let e = words(e);
        match text[at..].find(&e) {
            Some(i) => at += i + e.len(),
            None if text.contains(&e) => panic!("{what}: {e:?} is out of order\n{text}"),
            None => panic!("{what}: {e:?} is missing\n{text}"),
        }
    }
}

fn caption(file: &str, name: &str) -> Caption {
    Caption { plan: name.to_owned(), source: format!("floe, {file}"), date: "2026-11-22".into() }
}

/// Every label with its value, as on page 1: `BTC mined (1) 3,237.4 BTC`.
fn kpi_lines(p: &floe::engine::Projection) -> Vec<String> {
    KPIS.iter().enumerate().map(|(i, k)| format!("{} ({}) {}", k.label, i + 1, k.show(&p.kpis))).collect()
}

#[test]
fn every_shipped_plan_reads_as_text_in_reading_order() {
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text");
    for file in PLANS {
        let (s, p) = plan(file);
        let bytes = report::pdf_with(&off, &s, &p, &caption(file, &s.name)).unwrap();
        let text = pdftotext(&dir, &bytes);

        // The page order: name, assumptions, figures, definitions, then the charts.
        let mut outline = vec![s.name.clone(), "Key assumptions".into(), "Summary figures".into(), "Definitions".into(), s.name.clone()];
        outline.extend(floe::charts::Chart::in_report().iter().map(|t| t.title().to_owned()));
        in_order(&text, &outline, file);

        // Each topic next to its first line, every line in order.
        let mut lines = Vec::new();
        for (topic, value) in report::assumptions(&s) {
            let mut rows = value.lines();
            lines.push(format!("{topic} {}", rows.next().unwrap_or_default()));
            lines.extend(rows.map(str::to_owned));
        }
        in_order(&text, &lines, &format!("{file}: assumptions"));

        // The KPI table: each label with its value, the KPIs in their order.
        in_order(&text, &kpi_lines(&p), &format!("{file}: KPI table"));

        // The footnotes: number, label, unit, definition.
        let notes: Vec<String> = KPIS
            .iter()
            .enumerate()
            .map(|(i, k)| {
                format!("({}) {}{}: {}", i + 1, k.label, if k.unit.is_empty() { String::new() } else { format!(", {}", k.unit) }, k.help)
            })
            .collect();
        in_order(&text, &notes, &format!("{file}: footnotes"));
    }
}

#[test]
fn the_values_are_the_engines_own() {
    // A changed plan reads its own figures: the text follows the projection.
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text-values");
    let (mut s, _) = plan("saves/ice_cube.ron");
    s.name = "Ice cube at half the BTC price".into();
    match &mut s.market.btc_price_usd {
        floe::model::Path::Growth { start, .. } => *start /= 2.0,
        floe::model::Path::Points(points) => points.iter_mut().for_each(|(_, v)| *v /= 2.0),
    }
    let p = floe::engine::project(&s).unwrap();
    let (_, before) = plan("saves/ice_cube.ron");
    let revenue = KPIS.iter().position(|k| k.key == "total_revenue_usd").expect("a total revenue KPI");
    assert_ne!(KPIS[revenue].show(&p.kpis), KPIS[revenue].show(&before.kpis), "halving the price changes the revenue");
    let text = pdftotext(&dir, &report::pdf_with(&off, &s, &p, &caption("ice_cube.ron", &s.name)).unwrap());
    in_order(&text, &[s.name.clone()], "name");
    in_order(&text, &kpi_lines(&p), "KPI table");
}

#[test]
fn an_image_only_pdf_has_no_text_to_find() {
    // The check above fails on the pages alone (the report before its text layer).
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text-images");
    let (s, p) = plan("saves/ai_pivot.ron");
    let mut pages = report::pages_with_text(&off, &s, &p, &caption("ai_pivot.ron", &s.name)).unwrap();
    assert!(pages.iter().all(|page| !page.text.is_empty()), "the pages have words");
    pages.iter_mut().for_each(|page| page.text.clear());
    let text = pdftotext(&dir, &pdf::write(&pages, &s.name).unwrap());
    assert!(!text.contains(&s.name) && !text.contains(KPIS[0].label), "{text}");
}
