//! The Risk view computes its tornado, two-way table and breakeven off the
//! UI thread: right after an edit the view says it is updating (the earlier
//! figures greyed beneath), and once the work settles every figure shown
//! is what `floe::analysis` gives for the edited plan. Rapid edits end on
//! the last plan's figures; a new KPI or shock is recomputed the same way;
//! goal seek still answers for the plan on screen.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use floe::analysis::{self, breakeven, sensitivity};
use floe::app::FloeApp;
use floe::app::central::CentralView;
use floe::app::risk::{cell_text, show_kpi};
use floe::model::Scenario;

mod common;
use common::{TempDir, repo_path};

const UPDATING: &str = "Updating…";

/// The app on the reference plan with the Risk tab open and settled
/// (Monte Carlo's own reruns off: they are tested elsewhere).
fn risk_app(dir: &TempDir) -> Harness<'static, FloeApp> {
    let mut h = common::app::app(Some(repo_path("tests/data/reference.ron")), &dir.0);
    h.state_mut().risk_view.monte_carlo.auto = false;
    h.get_by_role_and_label(Role::Button, "Risk").click();
    h.step();
    assert_eq!(h.state().view, CentralView::Risk);
    common::app::settle_risk(&mut h);
    h
}

fn statement(kpi: &floe::schema::Kpi, v: Option<f64>) -> String {
    format!("{} in the plan: {};", kpi.label, show_kpi(kpi, v))
}

/// Every figure the view shows for `s` at `kpi_key` and `shock` is on screen.
fn shows_figures_of(h: &Harness<'static, FloeApp>, s: &Scenario, kpi_key: &str, shock: f64) {
    let kpi = analysis::kpi_by_key(kpi_key).unwrap();
    let t = sensitivity::tornado(s, kpi, shock).unwrap();
    assert!(h.query_by_label_contains(&statement(kpi, t.base)).is_some(), "missing: {}", statement(kpi, t.base));
    let pct = (shock * 100.0).round();
    assert!(h.query_by_label_contains(&format!("moved down and up by {pct} %")).is_some(), "the tornado does not say its shock ({pct} %)");
    let w = sensitivity::two_way(s, kpi, shock).unwrap();
    for (r, row) in w.cells.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let text = if (r, c) == w.base { format!("[{}]", cell_text(kpi, *v)) } else { cell_text(kpi, *v) };
            assert!(h.query_all_by_label(&text).count() >= 1, "two-way cell ({r}, {c}) missing: {text}");
        }
    }
    let b = breakeven::breakeven(s).unwrap();
    let cash = common::app::cash_breakeven_words(&b);
    assert!(h.query_by_label(&cash).is_some(), "missing: {cash}");
    assert!(h.query_by_label_contains(UPDATING).is_none(), "still marked as updating once settled");
}

fn scaled_price(s: &Scenario, k: f64) -> Scenario {
    let mut t = s.clone();
    sensitivity::scale_path(&mut t.market.btc_price_usd, k);
    t
}

#[test]
fn an_edit_shows_updating_then_the_edited_plans_figures() {
    let dir = TempDir::new("risk-bg-edit");
    let mut h = risk_app(&dir);
    let before = h.state().doc.scenario.clone();
    shows_figures_of(&h, &before, analysis::DEFAULT_KPI, 0.2);
    let kpi = analysis::kpi_by_key(analysis::DEFAULT_KPI).unwrap();
    let old = statement(kpi, sensitivity::tornado(&before, kpi, 0.2).unwrap().base);

    let edited = scaled_price(&before, 1.5);
    h.state_mut().doc.scenario = edited.clone();
    h.step();
    // The frame of the edit: marked as updating, the earlier figures (greyed)
    // under the mark, and not yet the new ones.
    assert!(h.state().risk_view.updating());
    assert!(h.query_all_by_label_contains(UPDATING).count() >= 1, "no updating mark after the edit");
    assert!(h.query_by_label_contains(&old).is_some(), "the earlier tornado vanished instead of being greyed: {old}");
    let new = statement(kpi, sensitivity::tornado(&edited, kpi, 0.2).unwrap().base);
    assert_ne!(new, old);
    assert!(h.query_by_label_contains(&new).is_none(), "the new figure cannot be there in the frame of the edit");
    // The note lies over the greyed figures: nothing below them moves when they come back current.
    let find_at = h.get_by_role_and_label(Role::Button, "Find").rect();

    common::app::settle_risk(&mut h);
    assert_eq!(h.state().doc.scenario, edited);
    shows_figures_of(&h, &edited, analysis::DEFAULT_KPI, 0.2);
    assert!(h.query_by_label_contains(&old).is_none(), "an earlier figure is still shown");
    assert_eq!(h.get_by_role_and_label(Role::Button, "Find").rect(), find_at, "the view moved when its figures came back");
}

#[test]
fn rapid_edits_end_on_the_last_plans_figures() {
    let dir = TempDir::new("risk-bg-rapid");
    let mut h = risk_app(&dir);
    let base = h.state().doc.scenario.clone();
    // One edit per frame, as typing does: each frame asks any job for an
    // earlier plan to stop.
    for k in [1.1, 1.2, 1.3, 1.4, 0.7] {
        h.state_mut().doc.scenario = scaled_price(&base, k);
        h.step();
        assert!(h.state().risk_view.updating());
    }
    common::app::settle_risk(&mut h);
    shows_figures_of(&h, &scaled_price(&base, 0.7), analysis::DEFAULT_KPI, 0.2);
}

#[test]
fn a_new_kpi_or_shock_is_recomputed_in_the_background() {
    let dir = TempDir::new("risk-bg-kpi");
    let mut h = risk_app(&dir);
    let s = h.state().doc.scenario.clone();
    h.state_mut().risk_view.kpi = "total_ebitda_usd";
    h.state_mut().risk_view.shock_pct = 10;
    h.step();
    assert!(h.query_all_by_label_contains(UPDATING).count() >= 1, "no updating mark after a new KPI");
    common::app::settle_risk(&mut h);
    shows_figures_of(&h, &s, "total_ebitda_usd", 0.1);
}

#[test]
fn goal_seek_answers_for_the_plan_on_screen_while_updating() {
    let dir = TempDir::new("risk-bg-seek");
    let mut h = risk_app(&dir);
    let edited = {
        let mut t = h.state().doc.scenario.clone();
        t.fleet[0].units += 100;
        t
    };
    h.state_mut().doc.scenario = edited.clone();
    {
        let g = &mut h.state_mut().risk_view.seek;
        g.input = Some(breakeven::Input::LotUnits(0));
        g.kpi = "min_cash_usd";
        g.low = 0.0;
        g.high = edited.fleet[0].units as f64 * 4.0;
    }
    let kpi = analysis::kpi_by_key("min_cash_usd").unwrap();
    let target = analysis::kpi_of(&edited, kpi).unwrap().unwrap();
    h.state_mut().risk_view.seek.target = target;
    h.step();
    assert!(h.state().risk_view.updating());
    // Figures coming back from the background job between frames can move the button under the
    // pointer (the click then missed it now and then): press it again where it is now.
    for _ in 0..5 {
        h.get_by_role_and_label(Role::Button, "Find").click();
        h.step();
        h.step();
        if h.state().risk_view.seek.answer.is_some() {
            break;
        }
    }
    match &h.state().risk_view.seek.answer {
        Some((at, Ok(found))) => {
            assert_eq!(at, &edited, "goal seek searched another plan");
            assert_eq!(
                found.kpi,
                analysis::kpi_of(
                    &{
                        let mut t = edited.clone();
                        t.fleet[0].units = found.value.round() as i64;
                        t
                    },
                    kpi
                )
                .unwrap()
                .unwrap()
            );
        }
        other => panic!("no answer: {:?}", other.as_ref().map(|(_, r)| r.as_ref().err())),
    }
    assert!(h.query_by_label_contains("Apply to the plan").is_some());
}
