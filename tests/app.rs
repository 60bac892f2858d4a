//! UI tests that drive the real app through egui_kittest: every field of the
//! format is reached by its accessible label and edited; edits move the
//! projection; lists grow and shrink; invalid input shows its message and
//! keeps the last charts; undo restores; every chart tab renders; snapshots.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use floe::app::commands::{Action, PathPurpose};
use floe::app::dialogs::Dialog;
use floe::app::prefs::Prefs;
use floe::app::{FloeApp, Startup};
use floe::model::{Amortization, DebtKind, Month, Scenario, Series};
use std::path::PathBuf;

mod common;
use common::TempDir;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

fn app_on(file: &str) -> Harness<'static, FloeApp> {
    let path = data(file);
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), Startup { file: Some(path), ..Default::default() }));
    h.run();
    h
}

fn month(s: &str) -> Month {
    Month::parse(s).unwrap()
}

/// How a field is edited.
enum Act {
    /// A number (DragValue; percent fields take percent).
    Num(f64),
    /// Text (text fields and money fields).
    Text(&'static str),
    /// Click (checkboxes, buttons).
    Click,
}

/// The one input widget whose accessible label is `label` (plain text labels
/// with the same words, like a KPI card title, are not inputs).
fn input<'h>(h: &'h Harness<'static, FloeApp>, label: &'h str) -> egui_kittest::Node<'h> {
    let mut found: Vec<_> = h.query_all_by_label(label).filter(|n| n.accesskit_node().role() != Role::Label).collect();
    assert_eq!(found.len(), 1, "expected one input labelled {label:?}, found {}", found.len());
    found.remove(0)
}

fn act(h: &mut Harness<'static, FloeApp>, label: &str, a: &Act) {
    let node = input(h, label);
    match a {
        Act::Num(v) => node.set_value_accesskit(*v),
        Act::Text(t) => node.set_text_value_accesskit(t),
        Act::Click => node.click(),
    }
    h.run();
    // Move the pointer away so a tooltip does not cover the next target.
    h.remove_cursor();
    h.run();
}

fn open_section(h: &mut Harness<'static, FloeApp>, title: &str) {
    h.get_by_role_and_label(Role::Button, title).click();
    h.run();
}

type Check = fn(&Scenario) -> bool;

/// Edits each field by its label and checks the scenario took the value.
fn edit_all(h: &mut Harness<'static, FloeApp>, fields: &[(&str, Act, Check)]) {
    for (label, a, check) in fields {
        act(h, label, a);
        assert!(check(&h.state().doc.scenario), "editing {label:?} did not reach the scenario");
    }
}

fn growth(p: &Series) -> (f64, f64) {
    match p {
        Series::Growth { start, annual_growth } => (*start, *annual_growth),
        Series::Points(_) => (f64::NAN, f64::NAN),
    }
}

#[test]
fn every_field_of_the_format_is_edited_by_its_label() {
    let mut h = app_on("reference.ron");

    open_section(&mut h, "Plan");
    edit_all(
        &mut h,
        &[
            ("Name", Act::Text("Edited plan"), |s| s.name == "Edited plan"),
            ("Start month year", Act::Num(2026.0), |s| s.start_month.year() == 2026),
            ("Horizon", Act::Num(48.0), |s| s.horizon_months == 48),
            ("Discount rate", Act::Num(8.0), |s| (s.valuation.discount_rate - 0.08).abs() < 1e-12),
            ("Description", Act::Text("New notes"), |s| s.description == "New notes"),
        ],
    );
    // The month of the year is picked from a list, never typed.
    h.get_by_label("Start month month").click();
    h.run();
    h.get_by_label("Mar").click();
    h.run();
    assert_eq!(h.state().doc.scenario.start_month, month("2026-03"));

    open_section(&mut h, "Market");
    edit_all(
        &mut h,
        &[
            ("Start (BTC price)", Act::Num(80_000.0), |s| growth(&s.market.btc_price_usd).0 == 80_000.0),
            ("Annual growth (BTC price)", Act::Num(10.0), |s| (growth(&s.market.btc_price_usd).1 - 0.10).abs() < 1e-12),
            ("Start (Network hashrate)", Act::Num(1_200.0), |s| growth(&s.market.network_hashrate_ehs).0 == 1_200.0),
            ("Annual growth (Network hashrate)", Act::Num(30.0), |s| (growth(&s.market.network_hashrate_ehs).1 - 0.30).abs() < 1e-12),
            (
                "Fees per block point 1 value",
                Act::Num(0.03),
                |s| matches!(&s.market.fees_btc_per_block, Series::Points(p) if p[0].1 == 0.03),
            ),
            (
                "Fees per block point 2 year",
                Act::Num(2029.0),
                |s| matches!(&s.market.fees_btc_per_block, Series::Points(p) if p[1].0.year() == 2029),
            ),
            ("Add Fees per block point", Act::Click, |s| matches!(&s.market.fees_btc_per_block, Series::Points(p) if p.len() == 3)),
            ("Remove Fees per block point 3", Act::Click, |s| matches!(&s.market.fees_btc_per_block, Series::Points(p) if p.len() == 2)),
            (
                "Duplicate Fees per block point 1",
                Act::Click,
                |s| matches!(&s.market.fees_btc_per_block, Series::Points(p) if p.len() == 3 && p[0] == p[1]),
            ),
            (
                "Move down Fees per block point 2",
                Act::Click,
                |s| matches!(&s.market.fees_btc_per_block, Series::Points(p) if p.len() == 3 && p[2].1 == 0.03 && p[1].0.year() == 2029),
            ),
            (
                "Remove Fees per block point 3",
                Act::Click,
                |s| matches!(&s.market.fees_btc_per_block, Series::Points(p) if p.len() == 2 && p[1].0.year() == 2029),
            ),
            ("Start block height", Act::Num(925_000.0), |s| s.market.start_block_height == 925_000),
            ("Blocks per day", Act::Num(145.0), |s| s.market.blocks_per_day == 145.0),
            ("New hardware price", Act::Text("15.50"), |s| s.market.new_hardware_usd_per_th.to_string() == "15.50"),
        ],
    );

    open_section(&mut h, "Fleet");
    edit_all(
        &mut h,
        &[
            ("Model (lot 1)", Act::Text("S19 XP refurb"), |s| s.fleet[0].model == "S19 XP refurb"),
            ("Units (lot 1)", Act::Num(25_000.0), |s| s.fleet[0].units == 25_000),
            ("TH/s (lot 1)", Act::Num(141.0), |s| s.fleet[0].hashrate_ths == 141.0),
            ("W (lot 1)", Act::Num(3_000.0), |s| s.fleet[0].power_w == 3_000.0),
            ("$/unit (lot 1)", Act::Text("4,000.50"), |s| s.fleet[0].unit_price_usd.to_string() == "4000.50"),
            ("Deploy (lot 1) year", Act::Num(2024.0), |s| s.fleet[0].deploy_month.year() == 2024),
            ("Life (lot 1)", Act::Num(66.0), |s| s.fleet[0].life_months == 66),
            ("Uptime (lot 1)", Act::Num(95.0), |s| (s.fleet[0].uptime - 0.95).abs() < 1e-12),
            ("Degradation (lot 1)", Act::Num(4.0), |s| (s.fleet[0].annual_degradation - 0.04).abs() < 1e-12),
            ("Salvage (lot 1)", Act::Num(10.0), |s| (s.fleet[0].salvage_fraction - 0.10).abs() < 1e-12),
        ],
    );
    // Read from format 1: not sold at retirement. The last column: focused
    // first, as Tab would, so the table scrolls to it.
    assert!(!h.state().doc.scenario.fleet[0].sold_at_retirement);
    input(&h, "Sold at retirement (lot 1)").focus();
    h.run();
    act(&mut h, "Sold at retirement (lot 1)", &Act::Click);
    assert!(h.state().doc.scenario.fleet[0].sold_at_retirement);

    open_section(&mut h, "Power");
    act(&mut h, "Show contract 2", &Act::Click);
    edit_all(
        &mut h,
        &[
            ("Mining PUE", Act::Num(1.1), |s| s.power.pue == 1.1),
            ("Curtailment", Act::Num(30.0), |s| s.power.curtailment_hours_per_month == 30.0),
            ("Curtailment credit", Act::Text("100"), |s| s.power.curtailment_credit_usd_per_mwh.to_string() == "100"),
            ("Economic shutdown", Act::Click, |s| !s.power.economic_shutdown),
            ("Site opex", Act::Text("11000"), |s| s.power.mining_opex_usd_per_mw_month.to_string() == "11000"),
            ("Name (contract 2)", Act::Text("Grid"), |s| s.power.contracts[1].name == "Grid"),
            ("Capacity (contract 2)", Act::Num(120.0), |s| s.power.contracts[1].capacity_mw == 120.0),
            ("Price (contract 2)", Act::Text("50"), |s| s.power.contracts[1].price_usd_per_mwh.to_string() == "50"),
            ("Escalation (contract 2)", Act::Num(1.0), |s| (s.power.contracts[1].annual_escalation - 0.01).abs() < 1e-12),
            ("Start (contract 2) from the plan start", Act::Click, |s| s.power.contracts[1].start_month.is_some()),
            ("Start (contract 2) year", Act::Num(2027.0), |s| s.power.contracts[1].start_month.is_some_and(|m| m.year() == 2027)),
            ("End (contract 2) year", Act::Num(2030.0), |s| s.power.contracts[1].end_month.is_some_and(|m| m.year() == 2030)),
            ("End (contract 2) open-ended", Act::Click, |s| s.power.contracts[1].end_month.is_none()),
        ],
    );

    open_section(&mut h, "Hosting (AI/HPC)");
    act(&mut h, "Show lease 1", &Act::Click);
    edit_all(
        &mut h,
        &[
            ("Tenant (lease 1)", Act::Text("GPU cloud"), |s| s.hosting[0].tenant == "GPU cloud"),
            ("Critical IT (lease 1)", Act::Num(80.0), |s| s.hosting[0].critical_it_mw == 80.0),
            ("Hosting PUE (lease 1)", Act::Num(1.25), |s| s.hosting[0].pue == 1.25),
            ("Start (lease 1) year", Act::Num(2027.0), |s| s.hosting[0].start_month.year() == 2027),
            ("Ramp (lease 1)", Act::Num(4.0), |s| s.hosting[0].ramp_months == 4),
            ("Term (lease 1)", Act::Num(96.0), |s| s.hosting[0].term_months == 96),
            ("Rate (lease 1)", Act::Text("140"), |s| s.hosting[0].rate_usd_per_kw_month.to_string() == "140"),
            ("Escalation (lease 1)", Act::Num(2.0), |s| (s.hosting[0].annual_escalation - 0.02).abs() < 1e-12),
            ("Power passthrough (lease 1)", Act::Click, |s| !s.hosting[0].power_passthrough),
            ("Utilization (lease 1)", Act::Num(80.0), |s| (s.hosting[0].utilization - 0.8).abs() < 1e-12),
            ("Flex mining (lease 1)", Act::Click, |s| !s.hosting[0].flex_mining),
            ("Fit-out (lease 1)", Act::Text("9000000"), |s| s.hosting[0].fit_out_usd_per_mw.to_string() == "9000000"),
            ("Build (lease 1)", Act::Num(10.0), |s| s.hosting[0].build_months == 10),
            ("Hosting opex (lease 1)", Act::Num(15.0), |s| (s.hosting[0].opex_fraction - 0.15).abs() < 1e-12),
        ],
    );

    open_section(&mut h, "Opex");
    edit_all(
        &mut h,
        &[
            ("Pool fee", Act::Num(2.0), |s| (s.opex.pool_fee - 0.02).abs() < 1e-12),
            ("SG&A", Act::Text("5,500,000"), |s| s.opex.sga_usd_per_month.to_string() == "5500000"),
            ("Tax rate", Act::Num(25.0), |s| (s.opex.tax_rate - 0.25).abs() < 1e-12),
            ("Loss carryforward", Act::Click, |s| s.opex.tax_loss_carryforward),
            ("Loss limit", Act::Num(70.0), |s| (s.opex.loss_limit_fraction - 0.7).abs() < 1e-12),
            ("Opening tax losses", Act::Text("12,000,000"), |s| s.opex.opening_tax_losses_usd.to_string() == "12000000"),
        ],
    );

    open_section(&mut h, "Financing");
    act(&mut h, "Show instrument 1", &Act::Click);
    act(&mut h, "Show raise 1", &Act::Click);
    edit_all(
        &mut h,
        &[
            ("Opening cash", Act::Text("250000000"), |s| s.financing.opening_cash_usd.to_string() == "250000000"),
            ("Opening BTC", Act::Num(1500.0), |s| s.financing.opening_btc == 1500.0),
            ("Shares outstanding", Act::Num(410_000_000.0), |s| s.financing.shares_outstanding == 410_000_000.0),
            ("Start (Share price)", Act::Num(11.0), |s| growth(&s.financing.share_price_usd).0 == 11.0),
            ("Annual growth (Share price)", Act::Num(15.0), |s| (growth(&s.financing.share_price_usd).1 - 0.15).abs() < 1e-12),
            ("BTC sold", Act::Num(70.0), |s| (s.financing.btc_sell_fraction - 0.7).abs() < 1e-12),
            ("Minimum cash", Act::Text("40000000"), |s| s.financing.min_cash_usd.to_string() == "40000000"),
            ("Covenant", Act::Num(4.5), |s| s.financing.covenant_max_leverage == Some(4.5)),
            ("Covenant set", Act::Click, |s| s.financing.covenant_max_leverage.is_none()),
            ("Interest on cash", Act::Num(4.0), |s| (s.financing.cash_interest_rate - 0.04).abs() < 1e-12),
            ("BTC at fair value", Act::Click, |s| s.financing.btc_fair_value),
            ("Name (instrument 1)", Act::Text("2030 converts"), |s| s.financing.debt[0].name == "2030 converts"),
            (
                "Conversion price (instrument 1)",
                Act::Text("19.5"),
                |s| matches!(s.financing.debt[0].kind, DebtKind::Convertible { conversion_price_usd } if conversion_price_usd.to_string() == "19.5"),
            ),
            ("Principal (instrument 1)", Act::Text("450000000"), |s| s.financing.debt[0].principal_usd.to_string() == "450000000"),
            ("Coupon (instrument 1)", Act::Num(3.0), |s| (s.financing.debt[0].annual_rate - 0.03).abs() < 1e-12),
            ("Issue (instrument 1) year", Act::Num(2024.0), |s| s.financing.debt[0].issue_month.year() == 2024),
            ("Maturity (instrument 1) year", Act::Num(2031.0), |s| s.financing.debt[0].maturity_month.year() == 2031),
            ("Issue cost (instrument 1)", Act::Num(1.5), |s| (s.financing.debt[0].issue_cost_fraction - 0.015).abs() < 1e-12),
            ("Accelerated after (instrument 1) set", Act::Click, |s| s.financing.debt[0].accelerate_after_breach_months == Some(3)),
            ("Accelerated after (instrument 1)", Act::Num(2.0), |s| s.financing.debt[0].accelerate_after_breach_months == Some(2)),
            ("Month (raise 1) year", Act::Num(2027.0), |s| s.financing.equity_raises[0].month.year() == 2027),
            ("Amount (raise 1)", Act::Text("200000000"), |s| s.financing.equity_raises[0].amount_usd.to_string() == "200000000"),
            ("Discount (raise 1)", Act::Num(4.0), |s| (s.financing.equity_raises[0].discount - 0.04).abs() < 1e-12),
            ("Fees (raise 1)", Act::Num(2.5), |s| (s.financing.equity_raises[0].fee_fraction - 0.025).abs() < 1e-12),
        ],
    );
    // Kind and amortization are picked from lists.
    h.get_by_label("Amortization (instrument 1)").click();
    h.run();
    h.get_by_label("Annuity").click();
    h.run();
    assert_eq!(h.state().doc.scenario.financing.debt[0].amortization, Amortization::Annuity);
    h.get_by_label("Kind (instrument 1)").click();
    h.run();
    h.get_by_label("Secured note").click();
    h.run();
    assert_eq!(h.state().doc.scenario.financing.debt[0].kind, DebtKind::SecuredNote);

    // A path switches kind: the network hashrate becomes dated points.
    open_section(&mut h, "Market");
    h.get_by_label("Network hashrate kind").click();
    h.run();
    h.get_by_label("Points").click();
    h.run();
    assert!(matches!(h.state().doc.scenario.market.network_hashrate_ehs, Series::Points(ref p) if p.len() == 2));

    // After all of it, the charts show the projection of what the editor shows.
    let expected = floe::engine::project(&h.state().doc.scenario).unwrap();
    assert_eq!(h.state().live.projection.as_ref(), Some(&expected));
}

fn projection(h: &Harness<'static, FloeApp>) -> floe::engine::Projection {
    h.state().live.projection.clone().expect("a projection")
}

#[test]
fn changing_a_lots_units_moves_the_kpis() {
    let mut h = app_on("reference.ron");
    open_section(&mut h, "Fleet");
    let before = projection(&h).kpis.total_btc_mined;
    act(&mut h, "Units (lot 3)", &Act::Num(30_000.0));
    assert_eq!(h.state().doc.scenario.fleet[2].units, 30_000);
    let after = projection(&h).kpis.total_btc_mined;
    assert!(after > before, "doubling the S21 XP Hydro lot should mine more: {before} -> {after}");
    // The KPI card shows the new figure.
    let text = floe::units::thousands(after, 1);
    assert!(h.query_by_label(&text).is_some(), "KPI card with {text} not found");
    // And the projection is that of the edited scenario.
    assert_eq!(projection(&h), floe::engine::project(&h.state().doc.scenario).unwrap());
}

#[test]
fn lots_contracts_leases_instruments_and_raises_are_added_and_removed() {
    let mut h = app_on("reference.ron");
    let counts = |h: &Harness<'static, FloeApp>| {
        let s = &h.state().doc.scenario;
        (s.fleet.len(), s.power.contracts.len(), s.hosting.len(), s.financing.debt.len(), s.financing.equity_raises.len())
    };
    assert_eq!(counts(&h), (3, 2, 1, 4, 1));

    open_section(&mut h, "Fleet");
    act(&mut h, "+ Blank lot", &Act::Click);
    assert_eq!(counts(&h).0, 4);
    // A lot's row actions sit in its "…" menu, which stays in view beside the model.
    let lot_action = |h: &mut Harness<'static, FloeApp>, action: &str, lot: usize| {
        act(h, &format!("Actions lot {lot}"), &Act::Click);
        act(h, &format!("{action} lot {lot}"), &Act::Click);
        assert!(h.query_by_label(&format!("{action} lot {lot}")).is_none(), "the menu closes after {action}");
    };
    lot_action(&mut h, "Duplicate", 1);
    assert_eq!(counts(&h).0, 5);
    assert_eq!(h.state().doc.scenario.fleet[1], h.state().doc.scenario.fleet[0]);
    lot_action(&mut h, "Move down", 3);
    assert_eq!(h.state().doc.scenario.fleet[3].model, "Antminer S21");
    lot_action(&mut h, "Remove", 5);
    assert_eq!(counts(&h).0, 4, "remove lot 5");
    lot_action(&mut h, "Remove", 2);
    assert_eq!(counts(&h).0, 3);
    // The catalog picker fills a lot from the ASIC catalog.
    input(&h, "Add lot from catalog").click();
    h.run();
    h.get_by_label_contains("Antminer S21 Pro  ·").click();
    h.run();
    let lot = h.state().doc.scenario.fleet.last().unwrap().clone();
    assert_eq!((lot.model.as_str(), lot.hashrate_ths, lot.power_w), ("Antminer S21 Pro", 234.0, 3510.0));

    open_section(&mut h, "Power");
    act(&mut h, "+ Contract", &Act::Click);
    assert_eq!(counts(&h).1, 3);
    act(&mut h, "Remove contract 1", &Act::Click);
    assert_eq!(counts(&h).1, 2);
    assert_eq!(h.state().doc.scenario.power.contracts[0].name, "Grid, fixed tariff");

    open_section(&mut h, "Hosting (AI/HPC)");
    act(&mut h, "+ Lease", &Act::Click);
    assert_eq!(counts(&h).2, 2);
    act(&mut h, "Remove lease 1", &Act::Click);
    assert_eq!(counts(&h).2, 1);

    open_section(&mut h, "Financing");
    act(&mut h, "+ Instrument", &Act::Click);
    act(&mut h, "Other loan (enter its terms)", &Act::Click);
    act(&mut h, "+ Raise", &Act::Click);
    assert_eq!((counts(&h).3, counts(&h).4), (5, 2));
    act(&mut h, "Remove instrument 2", &Act::Click);
    act(&mut h, "Remove raise 1", &Act::Click);
    assert_eq!((counts(&h).3, counts(&h).4), (4, 1));
    assert_eq!(h.state().doc.scenario.financing.debt[1].name, "S21 XP equipment loan");

    // Every change reached the projection.
    assert_eq!(projection(&h), floe::engine::project(&h.state().doc.scenario).unwrap());
}

#[test]
fn an_invalid_value_shows_its_message_and_keeps_the_last_charts() {
    let mut h = app_on("reference.ron");
    let good = projection(&h);
    open_section(&mut h, "Opex");
    act(&mut h, "Pool fee", &Act::Num(150.0)); // 150 % is not a fraction
    let problems = h.state().live.problems.clone();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].at, floe::model::FieldPath::Opex(floe::model::field::OpexField::PoolFee));
    // Inline, next to the field, in the unit the field is edited in.
    assert!(h.query_by_label("⚠ must be between 0 % and 100 % (is 150 %)").is_some());
    // The charts keep the last valid projection, greyed, with a banner.
    assert!(h.state().live.stale);
    assert_eq!(projection(&h), good);
    assert!(
        h.query_by_label_contains("Showing the last valid projection: Opex › Pool fee must be between 0 % and 100 % (is 150 %)").is_some()
    );
    // The status bar counts it; fixing it brings the charts back.
    assert!(h.query_by_label_contains("1 problem").is_some());
    act(&mut h, "Pool fee", &Act::Num(2.0));
    assert!(!h.state().live.stale && h.state().live.problems.is_empty());
    assert_ne!(projection(&h), good);
}

#[test]
fn undo_restores_and_redo_reapplies() {
    let mut h = app_on("reference.ron");
    let original = h.state().doc.scenario.clone();
    open_section(&mut h, "Opex");
    act(&mut h, "Tax rate", &Act::Num(30.0));
    let edited = h.state().doc.scenario.clone();
    assert_ne!(edited, original);
    assert!(h.state().doc.dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.scenario, original);
    assert!(!h.state().doc.dirty());
    assert_eq!(projection(&h), floe::engine::project(&original).unwrap());
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run();
    assert_eq!(h.state().doc.scenario, edited);
}

#[test]
fn every_chart_tab_renders() {
    let mut h = app_on("reference.ron");
    for tab in floe::app::tabs::ChartTab::ALL {
        h.get_by_role_and_label(Role::Button, tab.title()).click();
        h.run();
        assert_eq!(h.state().prefs.chart_tab, tab);
    }
    // The table shows every month and can reverse its order (a row's text
    // starts with its month; a leverage card may name the month too).
    let row_of = |h: &Harness<'_, FloeApp>, month: &str| {
        h.query_all_by_label_contains(month).any(|n| n.accesskit_node().value().is_some_and(|l| l.starts_with(month)))
    };
    assert!(row_of(&h, "2025-11 "));
    h.get_by_label("month ⏷").click();
    h.run();
    assert!(h.state().prefs.table_newest_first);
    assert!(row_of(&h, "2030-10 "));
}

#[test]
fn a_problem_in_the_status_bar_jumps_to_its_field() {
    let mut h = app_on("reference.ron");
    open_section(&mut h, "Fleet");
    act(&mut h, "Uptime (lot 2)", &Act::Num(120.0));
    open_section(&mut h, "Plan");
    h.get_by_label_contains("1 problem").click();
    h.run();
    h.get_by_label("Lot 2 (Antminer S21) › Uptime must be between 0 % and 100 % (is 120 %)").click();
    h.run();
    assert_eq!(h.state().prefs.editor.section, floe::app::editor::Section::Fleet);
    assert!(input(&h, "Uptime (lot 2)").is_focused());
}

#[test]
fn main_screen_snapshot() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/ai_pivot.ron");
    let mut h = Harness::builder()
        .with_size([1400.0, 860.0])
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), Startup { file: Some(path), ..Default::default() }));
    h.run();
    h.get_by_role_and_label(Role::Button, "Revenue").click();
    h.run();
    common::app::mask_timing(&mut h);
    h.snapshot("main_ai_pivot_revenue");
}

#[test]
fn tab_moves_through_the_fields_in_order() {
    let mut h = app_on("reference.ron");
    open_section(&mut h, "Opex");
    input(&h, "Pool fee").focus();
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(input(&h, "SG&A").is_focused(), "Tab from Pool fee should reach SG&A");
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(input(&h, "Tax rate").is_focused(), "Tab from SG&A should reach Tax rate");
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    h.run();
    assert!(input(&h, "SG&A").is_focused(), "Shift+Tab goes back");
}

/// Nodes labelled exactly `label` sit on the same row as a node labelled `other`.
fn same_row(h: &Harness<'static, FloeApp>, label: &str, other: &str) -> bool {
    let ys = |l: &str| h.query_all_by_label(l).map(|n| n.rect().center().y).collect::<Vec<_>>();
    let others = ys(other);
    ys(label).iter().any(|y| others.iter().any(|o| (y - o).abs() < 4.0))
}

#[test]
fn every_shortcut_shows_in_its_menu_entry_and_in_help() {
    let mut h = app_on("reference.ron");
    let ctx = h.ctx.clone();
    let with_shortcut: Vec<Action> = Action::ALL.into_iter().filter(|a| a.shortcut().is_some()).collect();
    assert!(with_shortcut.len() >= 6, "the main file and edit actions have shortcuts");
    for a in &with_shortcut {
        let menu = a.menu().0.title();
        h.get_by_role_and_label(Role::Button, menu).click();
        h.run();
        let entry = format!("{} {}", a.label(), a.shortcut_text(&ctx).unwrap());
        assert!(h.query_by_label(&entry).is_some(), "the {menu} menu has no entry {entry:?}");
        h.get_by_role_and_label(Role::Button, menu).click();
        h.run();
        assert!(h.query_by_label(&entry).is_none(), "the {menu} menu did not close");
    }
    // Help › Keyboard shortcuts lists each one on the row of its action.
    h.get_by_role_and_label(Role::Button, "Help").click();
    h.run();
    h.get_by_label(Action::Shortcuts.label()).click();
    h.run();
    assert_eq!(h.state().dialog, Some(Dialog::Shortcuts));
    for a in &with_shortcut {
        let keys = a.all_shortcuts_text(&ctx).unwrap();
        assert!(keys.starts_with(&a.shortcut_text(&ctx).unwrap()));
        assert!(same_row(&h, &keys, a.label()), "Help › Keyboard shortcuts does not show {keys:?} next to {:?}", a.label());
    }
    assert!(same_row(&h, "Ctrl+Shift+Z / Ctrl+Y", "Redo"), "the alternate Redo key is listed");
}

#[test]
fn pressing_each_shortcut_carries_out_its_action() {
    let mut pressed = 0;
    for a in Action::ALL {
        for shortcut in a.shortcuts() {
            let tmp = TempDir::new("shortcut");
            let file = tmp.path("plan.ron");
            std::fs::copy(data("reference.ron"), &file).unwrap();
            let startup =
                Startup { file: Some(file.clone()), data_dir: Some(tmp.0.clone()), no_native_dialogs: true, ..Default::default() };
            let mut h = Harness::builder()
                .with_size([1600.0, 1000.0])
                .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), startup));
            h.run();
            let original = h.state().doc.scenario.clone();
            if matches!(a, Action::Save | Action::Undo | Action::Redo) {
                open_section(&mut h, "Opex");
                act(&mut h, "Tax rate", &Act::Num(30.0));
            }
            let edited = h.state().doc.scenario.clone();
            if a == Action::Redo {
                h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
                h.run();
                assert_eq!(h.state().doc.scenario, original);
            }
            h.key_press_modifiers(shortcut.modifiers, shortcut.logical_key);
            h.run();
            let s = &h.state();
            let what = format!("{a:?} by {shortcut:?}");
            let prompt = |p: PathPurpose| matches!(&s.dialog, Some(Dialog::PathPrompt { purpose, .. }) if *purpose == p);
            match a {
                Action::New => assert!(s.doc.scenario.name == "Untitled plan" && s.doc.path.is_none(), "{what}"),
                Action::Open => assert!(prompt(PathPurpose::Open), "{what}: {:?}", s.dialog),
                Action::SaveAs => assert!(prompt(PathPurpose::SaveAs), "{what}: {:?}", s.dialog),
                Action::Save => {
                    assert!(!s.doc.dirty(), "{what}");
                    assert_eq!(floe::io::load_scenario(&file).unwrap().opex.tax_rate, 0.30, "{what}");
                }
                Action::Quit => assert!(s.quitting(), "{what}"),
                Action::Undo => assert_eq!(s.doc.scenario, original, "{what}"),
                Action::Redo => assert_eq!(s.doc.scenario, edited, "{what}"),
                Action::Present => assert!(s.present.is_some(), "{what}"),
                Action::ExportChart
                | Action::ExportChart2x
                | Action::ExportReport
                | Action::ExportWorkbook
                | Action::CopyChart
                | Action::CopyTable => {
                    unreachable!()
                }
                Action::OpenForReview
                | Action::AddPlan
                | Action::ExportCsv
                | Action::ExportJson
                | Action::ToggleReview
                | Action::Shortcuts
                | Action::ModelNotes
                | Action::About => unreachable!("{a:?} has no shortcut"),
            }
            pressed += 1;
        }
    }
    assert_eq!(pressed, Action::ALL.iter().map(|a| a.shortcuts().count()).sum::<usize>());
}

#[test]
fn light_theme_revenue_snapshot_draws_ebitda_dark_on_light() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/ai_pivot.ron");
    let prefs = Prefs {
        theme: floe::app::prefs::Theme::Light,
        chart_tab: floe::app::tabs::ChartTab::Chart(floe::charts::Chart::Revenue),
        ..Prefs::default()
    };
    let mut h = Harness::builder()
        .with_size([1400.0, 860.0])
        .with_theme(egui::Theme::Light)
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, prefs, Startup { file: Some(path), ..Default::default() }));
    h.run();
    common::app::mask_timing(&mut h);
    h.snapshot("main_ai_pivot_revenue_light");
}
