//! The charts drawn headless through `charts::draw` in an egui_kittest
//! harness: every chart opens on the whole horizon, and after a pan a
//! double-click brings the whole horizon back (on `ice_cube`, whose ratios
//! stop being defined early, the axis used to stop at 2028-04); a lender's
//! call is marked on the leverage and cash charts with its words, and
//! hovering its month reads it (the words painted, read back from the frame);
//! the review report names the call and the investments.
#![cfg(feature = "gui")]

mod common;

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use floe::charts::{self, Chart, ChartInputs, ChartOptions, Drawn};
use floe::engine::Projection;
use floe::model::Scenario;
use std::path::PathBuf;

fn projection(save: &str) -> Projection {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves").join(save);
    let s = floe::io::load_scenario(&path).unwrap();
    floe::engine::project(&s).unwrap()
}

struct State {
    tab: Chart,
    drawn: Vec<Drawn>,
}

fn harness(inputs: &'static ChartInputs<'static>) -> Harness<'static, State> {
    Harness::builder().with_size([1000.0, 700.0]).with_step_dt(1.0 / 60.0).build_ui_state(
        move |ui, s: &mut State| {
            let opts = ChartOptions { height: ui.available_height() - 8.0, covenant: inputs.covenant, ..Default::default() };
            s.drawn = charts::draw(ui, s.tab, inputs, &opts);
        },
        State { tab: Chart::Share, drawn: Vec::new() },
    )
}

/// The plan's chart inputs, kept for the whole test.
fn inputs(s: Scenario) -> &'static ChartInputs<'static> {
    let p: &'static Projection = Box::leak(Box::new(floe::engine::project(&s).unwrap()));
    Box::leak(Box::new(ChartInputs::of(&s, p)))
}

/// The words the last frame painted, one string per run of text.
fn painted(h: &Harness<'static, State>) -> Vec<String> {
    floe::export::text::runs(&h.output().shapes).iter().map(|r| r.text()).collect()
}

fn assert_whole_horizon(d: &Drawn, n: usize, when: &str) {
    let (min, max) = (d.bounds.min()[0], d.bounds.max()[0]);
    assert!(min <= 0.0 && max >= (n - 1) as f64, "{} {when}: x axis shows {min:.1}..{max:.1}, not 0..{}", d.name, n - 1);
    assert!(max <= n as f64 + 1.0 && min >= -1.5, "{} {when}: x axis {min:.1}..{max:.1} is wider than the horizon", d.name);
}

fn click(h: &Harness<'static, State>, pos: Pos2, pressed: bool) {
    h.event(Event::PointerButton { pos, button: PointerButton::Primary, pressed, modifiers: Modifiers::NONE });
}

#[test]
fn every_chart_shows_the_whole_horizon_and_double_click_brings_it_back() {
    let p: &'static Projection = Box::leak(Box::new(projection("ice_cube.ron")));
    let n = p.months.len();
    let inputs: &'static ChartInputs<'static> =
        Box::leak(Box::new(ChartInputs { projection: p, lot_names: Vec::new(), covenant: None, calls: Vec::new() }));
    let mut h = harness(inputs);
    for tab in Chart::ALL {
        h.state_mut().tab = tab;
        h.run();
        let drawn = h.state().drawn.clone();
        assert!(!drawn.is_empty(), "{tab:?} drew no plot");
        for d in &drawn {
            assert_whole_horizon(d, n, "on opening");
        }
        // Pan the first plot to the right by dragging it.
        let d = drawn[0];
        let c = d.rect.center();
        h.hover_at(c);
        h.run();
        click(&h, c, true);
        h.run();
        for k in 1..=8 {
            h.hover_at(c - egui::vec2(30.0 * k as f32, 0.0));
            h.run();
        }
        click(&h, c - egui::vec2(240.0, 0.0), false);
        h.run();
        let panned = h.state().drawn[0];
        assert!(panned.bounds.min()[0] > 5.0, "{tab:?}: dragging did not pan ({:?})", panned.bounds);
        // Double-click: the whole horizon again, on every linked plot.
        h.hover_at(c);
        h.run();
        for pressed in [true, false, true, false] {
            click(&h, c, pressed);
            h.step();
        }
        h.run();
        for d in &h.state().drawn {
            assert_whole_horizon(d, n, "after double-click");
        }
        h.remove_cursor();
        h.run();
    }
}

#[test]
fn a_lenders_call_is_marked_on_the_leverage_and_cash_charts_and_hovering_its_month_reads_it() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference_v2.ron");
    let inputs = inputs(floe::io::load_scenario(&path).unwrap());
    let call = inputs.calls.first().expect("reference_v2's term loan is called").clone();
    assert_eq!(call.name, "Term loan");
    assert_eq!(call.when.to_string(), "2026-05", "its lender acts after 6 breach months");
    let mut h = harness(inputs);
    for tab in [Chart::Share, Chart::Revenue, Chart::Fleet] {
        h.state_mut().tab = tab;
        h.run();
        assert!(!painted(&h).contains(&call.label()), "{tab:?} marks no call");
    }
    for tab in [Chart::Leverage, Chart::Cash] {
        h.state_mut().tab = tab;
        h.run();
        let words = painted(&h);
        assert!(words.contains(&call.label()), "{tab:?}: no {:?} by the marker in {words:?}", call.label());
        assert!(words.iter().any(|w| w == "Debt called by its lender"), "{tab:?}: the legend names the marker: {words:?}");
        // Hover the marker's month, low in the plot (away from the lines).
        let d = h.state().drawn[0];
        let x = d.rect.left() + ((call.month as f64 - d.bounds.min()[0]) / d.bounds.width()) as f32 * d.rect.width();
        h.hover_at(Pos2::new(x, d.rect.bottom() - 40.0));
        h.run();
        let text = painted(&h).join("\n");
        assert!(text.contains(&call.hover()), "{tab:?}: hovering {} does not read {:?}:\n{text}", call.when, call.hover());
        // A month later the read-out has no call.
        let later = x + 3.0 * d.rect.width() / d.bounds.width() as f32;
        h.hover_at(Pos2::new(later, d.rect.bottom() - 40.0));
        h.run();
        let text = painted(&h).join("\n");
        assert!(!text.contains(&call.hover()), "{tab:?}: three months later still reads the call:\n{text}");
        h.remove_cursor();
        h.run();
    }
}

#[test]
fn the_review_report_names_the_call_and_the_investments() {
    let tmp = common::TempDir::new("charts-review");
    let path = common::repo_path("tests/data/reference_v2.ron");
    let mut h = common::app::app(Some(path), &tmp.0);
    h.state_mut().read_only = true;
    h.state_mut().report_view = true;
    h.run();
    assert!(h.state().showing_report());
    let (s, p) = common::plan("tests/data/reference_v2.ron");
    let call = &charts::calls::calls(&s, &p)[0];
    for words in ["Returns on each investment", "Lenders calling their debt", call.sentence().as_str(), p.investments[0].name.as_str()] {
        assert!(h.query_by_label(words).is_some(), "the report view does not show {words:?}");
    }
}

/// Hovers month `m` of the plot `d`, halfway up, and returns the words painted.
fn hover_month(h: &mut Harness<'static, State>, d: &Drawn, m: usize) -> String {
    let x = d.rect.left() + ((m as f64 - d.bounds.min()[0]) / d.bounds.width()) as f32 * d.rect.width();
    // High in the plot: the read-out opens below the pointer.
    h.hover_at(Pos2::new(x, d.rect.top() + 0.2 * d.rect.height()));
    h.run();
    painted(h).join("\n")
}

#[test]
fn hovering_any_chart_reads_each_series_value_at_that_month_in_its_units() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference_v2.ron");
    let inputs = inputs(floe::io::load_scenario(&path).unwrap());
    let p = inputs.projection;
    let usd = floe::units::usd_compact;
    let mw = |v: f64| format!("{} MW", floe::units::thousands(v, 1));
    let pct = |v: f64| if v.abs() >= 1.0 { format!("{v:.2} %") } else { format!("{v:.3} %") };
    // For each plot: the lines its read-out must hold in month `r`.
    let expected = |name: &str, r: &floe::engine::MonthRow| -> Vec<String> {
        match name {
            "chart_share" => vec![format!("Hashrate share: {}", pct(r.hashrate_share * 100.0))],
            "chart_revenue" => vec![format!("Mining revenue: {}", usd(r.mining_revenue_usd)), format!("EBITDA: {}", usd(r.ebitda_usd))],
            "chart_cash" => {
                vec![
                    format!("Cash: {}", usd(r.cash_usd)),
                    format!("Debt: {}", usd(r.debt_usd)),
                    format!("Net debt: {}", usd(r.net_debt_usd)),
                ]
            }
            "chart_btc_held" => vec![format!("BTC held: {} BTC", floe::units::thousands(r.btc_held, 1))],
            "chart_fleet" => vec![format!("Fleet: {}", floe::units::hashrate_ehs(r.fleet_hashrate_ehs))],
            "chart_jth" => vec![format!("J/TH of the running fleet: {:.1} J/TH", r.fleet_j_per_th.unwrap_or(f64::NAN))],
            "chart_capacity" => {
                vec![format!("Capacity used: {}", mw(r.mining_used_mw)), format!("Mining capacity available: {}", mw(r.mining_capacity_mw))]
            }
            "chart_leverage" => {
                vec![format!("{}: {}", floe::charts::leverage::GROSS, r.leverage.map_or("n/m".to_owned(), |v| format!("{v:.2}×")))]
            }
            other => panic!("a plot the test does not know: {other}"),
        }
    };
    let mut h = harness(inputs);
    let mut checked = Vec::new();
    for tab in Chart::ALL {
        h.state_mut().tab = tab;
        h.run();
        for d in h.state().drawn.clone() {
            let text = hover_month(&mut h, &d, 14);
            // The read-out: a month, then "series: value" lines.
            let lines: Vec<&str> = text.lines().collect();
            let at = lines.windows(2).position(|w| p.months.iter().any(|r| r.month.to_string() == w[0]) && w[1].contains(": "));
            let Some(at) = at else { panic!("{}: hovering reads no value:\n{text}", d.name) };
            let r = p.months.iter().find(|r| r.month.to_string() == lines[at]).unwrap();
            assert!((12..=16).contains(&r.month.since(p.months[0].month)), "{}: hovered {} for month 14", d.name, r.month);
            for line in expected(d.name, r) {
                assert!(text.contains(&line), "{}: hovering {} does not read {line:?}:\n{text}", d.name, r.month);
            }
            checked.push(d.name);
            h.remove_cursor();
            h.run();
        }
    }
    assert_eq!(checked.len(), 8, "every plot of every chart: {checked:?}");
}
