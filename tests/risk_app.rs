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
    h.state_mut().risk_view.monte_carlo.config.seed = 7;
    // Frames keep coming while it runs; it ends within a generous bound.
    run_monte_carlo(&mut h);
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

/// Runs Monte Carlo (500 paths) to the end, frames stepped meanwhile.
fn run_monte_carlo(h: &mut Harness<'static, FloeApp>) {
    h.state_mut().risk_view.monte_carlo.config.paths = 500;
    h.get_by_role_and_label(Role::Button, "Run now").click();
    h.step();
    let start = Instant::now();
    while h.state().risk_view.monte_carlo.running().is_some() {
        assert!(start.elapsed() < Duration::from_secs(120), "the simulation did not finish");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
}

/// The fan plot `id`'s frame on screen and its bounds, as the last frame left them.
fn fan(h: &Harness<'static, FloeApp>, id: &str) -> (egui::Rect, egui_plot::PlotBounds) {
    let m = egui_plot::PlotMemory::load(&h.ctx, egui::Id::unique(id)).expect("the fan was drawn");
    (*m.transform().frame(), *m.transform().bounds())
}

/// Scrolls the Risk view (the wheel over a point above the fan) until the
/// fan that was at `frame` is inside the window.
fn bring_into_view(h: &mut Harness<'static, FloeApp>, frame: egui::Rect) {
    h.hover_at(egui::pos2(frame.center().x, 500.0));
    h.run();
    wheel(h, -(frame.bottom() - 800.0).max(0.0), egui::Modifiers::NONE);
    h.run();
}

fn wheel(h: &Harness<'static, FloeApp>, dy: f32, modifiers: egui::Modifiers) {
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers,
    });
}

#[test]
fn the_wheel_over_a_fan_scrolls_the_risk_view_ctrl_wheel_zooms_and_double_click_resets() {
    // Frames of 1/60 s: a double-click is two clicks within 0.3 s.
    let startup = Startup { file: Some(repo_path("tests/data/reference.ron")), ..Default::default() };
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(120)
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), startup));
    h.run();
    risk(&mut h);
    run_monte_carlo(&mut h);
    let (frame, _) = fan(&h, "mc_cash");
    bring_into_view(&mut h, frame);
    let (frame, bounds) = fan(&h, "mc_cash");
    // Over the cash fan, the plain wheel scrolls the view: the plot moves up
    // the screen and shows what it showed.
    let at = frame.center();
    h.hover_at(at);
    h.run();
    for _ in 0..4 {
        wheel(&h, -60.0, egui::Modifiers::NONE);
        h.run();
    }
    let (moved, after) = fan(&h, "mc_cash");
    assert!(moved.top() < frame.top() - 50.0, "the view did not scroll: the fan stayed at {:?} (was {frame:?})", moved);
    assert_eq!(after, bounds, "the wheel panned the plot");
    // Ctrl+wheel zooms the plot under the pointer.
    let at = moved.center();
    h.hover_at(at);
    h.run();
    wheel(&h, 120.0, egui::Modifiers::CTRL);
    h.run();
    let (_, zoomed) = fan(&h, "mc_cash");
    assert!(zoomed.width() < bounds.width() * 0.95, "Ctrl+wheel did not zoom: {zoomed:?} vs {bounds:?}");
    // A double-click brings the whole fan back.
    for pressed in [true, false, true, false] {
        h.event(egui::Event::PointerButton { pos: at, button: egui::PointerButton::Primary, pressed, modifiers: egui::Modifiers::NONE });
        h.step();
    }
    h.run();
    let (_, reset) = fan(&h, "mc_cash");
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs().max(1.0);
    assert!(
        close(reset.min()[0], bounds.min()[0]) && close(reset.max()[0], bounds.max()[0]) && close(reset.max()[1], bounds.max()[1]),
        "double-click did not reset: {reset:?} vs {bounds:?}"
    );
}

#[test]
fn hovering_a_fan_reads_its_percentiles_for_the_month() {
    let mut h = app();
    risk(&mut h);
    run_monte_carlo(&mut h);
    // Bring the fan into the window: scroll the view over its top.
    let (frame, _) = fan(&h, "mc_cash");
    bring_into_view(&mut h, frame);
    let (frame, bounds) = fan(&h, "mc_cash");
    assert!(frame.bottom() < 1000.0, "the fan is still below the window: {frame:?}");
    let month = 12usize;
    let x = frame.left() + ((month as f64 - bounds.min()[0]) / bounds.width()) as f32 * frame.width();
    h.hover_at(egui::pos2(x, frame.center().y));
    h.run();
    let r = match &h.state().risk_view.monte_carlo.result {
        Some((_, Ok(r))) => r.clone(),
        _ => panic!("no Monte Carlo result"),
    };
    let q = r.cash_usd[month].expect("cash is defined in month 12");
    let text: String = floe::export::text::runs(&h.output().shapes).iter().map(|r| r.text()).collect::<Vec<_>>().join("\n");
    assert!(text.contains(&r.months[month]), "the read-out names the month {}:\n{text}", r.months[month]);
    for (name, v) in [("P95", q[4]), ("median", q[2]), ("P5", q[0])] {
        let line = format!("{name}: {}", floe::units::usd_compact(v));
        assert!(text.contains(&line), "the read-out lacks {line:?}:\n{text}");
    }
}

#[test]
fn cash_at_end_cells_held_up_by_the_floor_are_marked_and_explained() {
    // keep_buying sells BTC to keep its minimum cash: with cash at end as the
    // figure, the two-way table marks the cells the floor holds up.
    let startup = Startup { file: Some(repo_path("saves/keep_buying.ron")), ..Default::default() };
    let mut h =
        Harness::builder().with_size([1600.0, 1000.0]).build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), startup));
    h.run();
    h.state_mut().risk_view.kpi = "end_cash_usd";
    risk(&mut h);
    let s = h.state().doc.scenario.clone();
    let kpi = analysis::kpi_by_key("end_cash_usd").unwrap();
    let t = sensitivity::two_way(&s, kpi, 0.2).unwrap();
    let marked = t.floor.iter().flatten().filter(|&&f| f).count();
    assert!(marked > 0, "keep_buying has floor cells");
    // Every floor cell reads "(floor)" after its figure; the others do not.
    let on_screen = h.query_all_by_label_contains("(floor)").count();
    assert!(on_screen > marked, "{on_screen} labels with (floor) for {marked} cells (the legend line too)");
    for (r, row) in t.cells.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let text = floe::app::risk::cell_text(kpi, *v);
            let text = if (r, c) == t.base { format!("[{text}") } else { text };
            let floor_label = h.query_all_by_label_contains(&text).any(|n| format!("{n:?}").contains("(floor)"));
            if t.floor[r][c] {
                assert!(floor_label, "cell ({r}, {c}) {text} is on the floor but not marked");
            }
        }
    }
    assert!(h.query_by_label_contains("so this figure is the floor, not the plan's result").is_some());
}
