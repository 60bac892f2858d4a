//! The Risk view, driven through the app: the tornado, the two-way table
//! and the breakeven sentence for the edited plan, goal seek found and
//! applied (one undo step), and Monte Carlo run in the background with its
//! odds shown, while the app keeps drawing frames.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use floe::analysis::{self, breakeven, sensitivity};
use floe::app::central::CentralView;
use floe::app::prefs::Prefs;
use floe::app::{FloeApp, Startup};
use std::time::{Duration, Instant};

mod common;
use common::repo_path;

fn app() -> Harness<'static, FloeApp> {
    let startup = Startup { file: Some(repo_path("tests/data/reference.ron")), ..Default::default() };
    let mut h =
        Harness::builder().with_size([1600.0, 1000.0]).build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), startup));
    h.run();
    h
}

/// Opens the Risk view; frames are stepped (Monte Carlo may be running).
fn risk(h: &mut Harness<'static, FloeApp>) {
    h.state_mut().risk_view.monte_carlo.auto = false;
    h.get_by_role_and_label(Role::Button, "Risk").click();
    h.step();
    h.step();
    assert_eq!(h.state().view, CentralView::Risk);
    common::app::settle_risk(h);
}

#[test]
fn the_tornado_table_and_breakeven_describe_the_edited_plan() {
    let mut h = app();
    risk(&mut h);
    let s = h.state().doc.scenario.clone();
    let kpi = analysis::kpi_by_key(analysis::DEFAULT_KPI).unwrap();
    let t = sensitivity::tornado(&s, kpi, 0.2).unwrap();
    // The plan's own value is stated above the bars.
    let stated = |v| format!("{} in the plan: {};", kpi.label, floe::app::risk::show_kpi(kpi, v));
    assert!(h.query_by_label_contains(&stated(t.base)).is_some(), "missing: {}", stated(t.base));
    // The two-way table's base cell is marked with the plan's own value.
    let table = sensitivity::two_way(&s, kpi, 0.2).unwrap();
    let base = table.cells[table.base.0][table.base.1];
    assert!(h.query_by_label(&format!("[{}]", floe::app::risk::cell_text(kpi, base))).is_some(), "base cell not marked");
    // Breakeven in words, with the multiple the library finds.
    let b = breakeven::breakeven(&s).unwrap();
    let expected = common::app::cash_breakeven_words(&b);
    assert!(h.query_by_label(&expected).is_some(), "missing: {expected}");
    // An edit moves the figures once the background work settles.
    h.state_mut().doc.scenario.market.btc_price_usd = {
        let mut p = s.market.btc_price_usd.clone();
        sensitivity::scale_path(&mut p, 1.5);
        p
    };
    common::app::settle_risk(&mut h);
    let t2 = sensitivity::tornado(&h.state().doc.scenario, kpi, 0.2).unwrap();
    assert_ne!(t2.base, t.base);
    assert!(h.query_by_label_contains(&stated(t2.base)).is_some(), "the tornado did not follow the edit");
}

#[test]
fn goal_seek_finds_a_value_and_applies_it_as_one_undo_step() {
    let mut h = app();
    risk(&mut h);
    let before = h.state().doc.scenario.clone();
    // A reachable target: minimum cash as it would be with half again as
    // many machines in the first lot.
    let kpi = analysis::kpi_by_key("min_cash_usd").unwrap();
    let target = {
        let mut t = before.clone();
        t.fleet[0].units = t.fleet[0].units * 3 / 2;
        analysis::kpi_of(&t, kpi).unwrap().unwrap()
    };
    {
        let g = &mut h.state_mut().risk_view.seek;
        g.input = Some(breakeven::Input::LotUnits(0));
        g.kpi = "min_cash_usd";
        g.target = target;
        g.low = 0.0;
        g.high = before.fleet[0].units as f64 * 4.0;
    }
    h.step();
    h.get_by_role_and_label(Role::Button, "Find").click();
    h.step();
    h.step();
    let found = match &h.state().risk_view.seek.answer {
        Some((_, Ok(f))) => f.clone(),
        other => panic!("no answer: {:?}", other.as_ref().map(|(_, r)| r.as_ref().err())),
    };
    h.get_by_role_and_label(Role::Button, "Apply to the plan").click();
    h.step();
    h.step();
    let after = h.state().doc.scenario.clone();
    assert_eq!(after.fleet[0].units as f64, found.value.round());
    let hit = analysis::kpi_of(&after, kpi).unwrap().unwrap();
    assert_eq!(hit, found.kpi, "the applied plan does not give the KPI goal seek reported");
    // Whole machines: within what one machine more or less changes.
    let step = {
        let mut t = after.clone();
        t.fleet[0].units += 1;
        (analysis::kpi_of(&t, kpi).unwrap().unwrap() - hit).abs()
    };
    assert!((hit - target).abs() <= step.max(1.0) * 1.01, "goal seek missed: {hit} vs {target}");
    assert!(h.state().doc.dirty());
    // Undo takes it back in one step.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.step();
    assert_eq!(h.state().doc.scenario.fleet[0].units, before.fleet[0].units);
}

#[test]
fn monte_carlo_runs_in_the_background_and_shows_its_odds() {
    let mut h = app();
    risk(&mut h);
    h.state_mut().risk_view.monte_carlo.config.paths = 500;
    h.state_mut().risk_view.monte_carlo.config.seed = 7;
    h.get_by_role_and_label(Role::Button, "Run now").click();
    h.step();
    // Frames keep coming while it runs; it ends within a generous bound.
    let start = Instant::now();
    while h.state().risk_view.monte_carlo.running().is_some() {
        assert!(start.elapsed() < Duration::from_secs(120), "the simulation did not finish");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.step();
    let s = h.state().doc.scenario.clone();
    let cfg = floe::analysis::montecarlo::Config { paths: 500, seed: 7, ..Default::default() };
    let expected = floe::analysis::montecarlo::run(&s, &cfg, &Default::default(), &Default::default()).unwrap();
    let line = format!("Out of cash at least once: {:.1} % of 500 paths", expected.p_out_of_cash * 100.0);
    assert!(h.query_by_label(&line).is_some(), "missing: {line}");
    assert!(h.query_by_label("Cash (USD, end of month)").is_some(), "no cash fan chart");
}

#[test]
fn a_run_can_be_cancelled_and_is_not_restarted_by_itself() {
    let mut h = app();
    risk(&mut h);
    // Large enough to be still running a frame later (within the memory bound).
    h.state_mut().risk_view.monte_carlo.config.paths = 80_000;
    h.state_mut().risk_view.monte_carlo.auto = true;
    h.get_by_role_and_label(Role::Button, "Run now").click();
    h.step();
    assert!(h.state().risk_view.monte_carlo.running().is_some());
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.step();
    assert!(h.state().risk_view.monte_carlo.running().is_none());
    // Later frames (the plan unchanged) do not start it again.
    std::thread::sleep(Duration::from_millis(900));
    h.step();
    h.step();
    assert!(h.state().risk_view.monte_carlo.running().is_none(), "a cancelled run restarted by itself");
}
