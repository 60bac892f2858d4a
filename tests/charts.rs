//! The charts drawn headless through `charts::draw` in an egui_kittest
//! harness: every chart opens on the whole horizon, and after a pan a
//! double-click brings the whole horizon back (on `ice_cube`, whose ratios
//! stop being defined early, the axis used to stop at 2028-04).
#![cfg(feature = "gui")]

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use floe::charts::{self, Chart, ChartOptions, Drawn};
use floe::engine::Projection;
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

fn harness(p: &'static Projection) -> Harness<'static, State> {
    Harness::builder().with_size([1000.0, 700.0]).with_step_dt(1.0 / 60.0).build_ui_state(
        move |ui, s: &mut State| {
            let opts = ChartOptions { height: ui.available_height() - 8.0, ..Default::default() };
            s.drawn = charts::draw(ui, s.tab, p, &opts, &[]);
        },
        State { tab: Chart::Share, drawn: Vec::new() },
    )
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
    let mut h = harness(p);
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
