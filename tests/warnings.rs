//! The app says when a constraint changes the result: an over-full fleet
//! shows its warning in the status bar and at the top of the Fleet section,
//! and the warning goes away once the fleet fits again. New leases and lots
//! added in the editor start with the sourced defaults, not zeros.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use floe::app::prefs::Prefs;
use floe::app::{FloeApp, Startup};
use floe::model::{Lot, Money};
use std::path::PathBuf;

fn app_on_shipped(file: &str) -> Harness<'static, FloeApp> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves").join(file);
    let mut h = Harness::builder()
        .with_size([1024.0, 768.0])
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), Startup { file: Some(path), ..Default::default() }));
    h.run();
    h
}

fn labels_containing(h: &Harness<'static, FloeApp>, text: &str) -> usize {
    h.query_all_by_label_contains(text).count()
}

#[test]
fn an_over_full_fleet_shows_its_warning_in_the_status_bar_and_the_fleet_section() {
    let mut h = app_on_shipped("ice_cube.ron");
    assert!(h.state().live.projection.as_ref().is_some_and(|p| p.warnings.is_empty()), "the shipped plan fits its power");
    assert_eq!(labels_containing(&h, "warning"), 0);

    // 1,000,000 machines of 3,500 W: 3,500 MW of nameplate, far above any contract of the plan.
    let start = h.state().doc.scenario.start_month;
    h.state_mut().doc.scenario.fleet.push(Lot::new("Antminer S21", 1_000_000, 200.0, 3500.0, Money::new(3000, 0), start));
    h.run();
    let warnings = h.state().live.projection.as_ref().map(|p| p.warnings.clone()).unwrap_or_default();
    assert!(!warnings.is_empty(), "the engine warns about the idle machines");
    assert!(warnings[0].text.contains("stand idle"), "{}", warnings[0].text);

    // The status bar gives the count and the first sentence.
    let status = format!("⚠ {} warning", warnings.len());
    assert_eq!(labels_containing(&h, &status), 1, "status bar shows {status:?}");
    // Clicking it opens the Fleet section, where the warning heads the section.
    h.get_by_label_contains(&status).click();
    h.run();
    assert_eq!(h.state().prefs.editor.section, floe::app::editor::Section::Fleet);
    assert!(labels_containing(&h, "stand idle") >= 2, "the warning shows in the Fleet section as well as the status bar");

    // Remove the lot: the warning goes.
    h.state_mut().doc.scenario.fleet.pop();
    h.run();
    assert_eq!(labels_containing(&h, "stand idle"), 0);
}

#[test]
fn a_lease_and_a_lot_added_in_the_editor_start_with_sourced_defaults() {
    let mut h = app_on_shipped("ice_cube.ron");
    h.get_by_label("Hosting (AI/HPC)").click();
    h.run();
    let before = h.state().doc.scenario.hosting.len();
    h.get_by_label("+ Lease").click();
    h.run();
    let s = h.state().doc.scenario.clone();
    assert_eq!(s.hosting.len(), before + 1);
    let l = s.hosting.last().unwrap();
    assert_eq!(l.fit_out_usd_per_mw, Money::from(floe::defaults::LEASE_FIT_OUT_USD_PER_MW));
    assert_eq!(l.opex_fraction, floe::defaults::LEASE_OPEX_FRACTION);
    assert_eq!(l.utilization, floe::defaults::LEASE_UTILIZATION);
    assert!(l.utilization < 1.0, "not the format's 100 %");
    assert!(h.state().live.problems.is_empty(), "the new lease is valid: {:?}", h.state().live.problems);
    // Opened, its one-month ramp reads "1 month".
    assert_eq!(l.ramp_months, 1);
    let n = before + 1;
    h.get_by_label(&format!("Show lease {n}")).click();
    h.run();
    let ramp = h.get_by_label(&format!("Ramp (lease {n})")).accesskit_node().value().map(|v| v.to_string());
    assert_eq!(ramp.as_deref(), Some("1 month"));

    h.get_by_label("Fleet").click();
    h.run();
    let lots = h.state().doc.scenario.fleet.len();
    h.get_by_label("+ Blank lot").click();
    h.run();
    let fleet = &h.state().doc.scenario.fleet;
    assert_eq!(fleet.len(), lots + 1);
    let lot = fleet.last().unwrap();
    assert_eq!(lot.uptime, floe::defaults::LOT_UPTIME);
    assert_eq!(lot.salvage_fraction, floe::defaults::LOT_SALVAGE_FRACTION);
    assert!(lot.salvage_fraction > 0.0, "not the format's 0");
    assert_eq!(lot.annual_degradation, floe::defaults::LOT_ANNUAL_DEGRADATION);
}

/// WCAG 2 contrast ratio of two sRGB colours (1 to 21).
fn contrast(a: egui::Color32, b: egui::Color32) -> f64 {
    let lum = |c: egui::Color32| {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn warning_text_reads_on_light_and_on_dark() {
    for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
        let w = floe::app::theme::warning(&visuals);
        let ratio = contrast(w, visuals.panel_fill);
        assert!(ratio >= 4.5, "warning {w:?} on {:?}: contrast {ratio:.2} (WCAG AA for text is 4.5)", visuals.panel_fill);
        assert_ne!(w, floe::app::theme::ERROR, "a warning does not look like an error");
    }
}

#[test]
fn a_new_instrument_is_chosen_by_kind_with_the_2025_terms() {
    let mut h = app_on_shipped("ice_cube.ron");
    h.get_by_label("Financing").click();
    h.run();
    let before = h.state().doc.scenario.financing.debt.len();
    for (entry, kind) in [("Secured note (7.75 %, 5 years)", "secured"), ("Convertible note (0 %, 30 % premium, 6 years)", "convertible")] {
        h.get_by_label("+ Instrument").click();
        h.run();
        h.get_by_label(entry).click();
        h.run();
        let s = h.state().doc.scenario.clone();
        let d = s.financing.debt.last().unwrap();
        match (kind, d.kind) {
            ("secured", floe::model::DebtKind::SecuredNote) => assert_eq!(d.annual_rate, floe::defaults::SECURED_NOTE_RATE),
            ("convertible", floe::model::DebtKind::Convertible { conversion_price_usd }) => {
                let share = s.financing.share_price_usd.value_at(s.start_month, 0);
                assert_eq!(conversion_price_usd, floe::defaults::conversion_price(share));
                assert!(conversion_price_usd > Money::from(0));
            }
            other => panic!("{entry}: {other:?}"),
        }
        assert!(h.state().live.problems.is_empty(), "{entry}: {:?}", h.state().live.problems);
    }
    assert_eq!(h.state().doc.scenario.financing.debt.len(), before + 2);
}
