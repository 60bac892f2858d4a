//! The app's layout on small screens, driven through egui_kittest: at
//! 1024×768 (a projector), 1280×720 and 800×500 every chart tab and every KPI
//! card is present and inside the window, and every chart draws a plot of a
//! usable height inside it; the editor panel keeps its width bounds; Tab in
//! the fleet grid brings the focused cell into view.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui::{Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use floe::app::prefs::Prefs;
use floe::app::tabs::ChartTab;
use floe::app::{FloeApp, Startup, editor_width_bounds};
use floe::charts::Chart;
use std::path::PathBuf;

mod common;

const KPI_TITLES: [&str; 12] = [
    "BTC mined",
    "Hashrate share",
    "Total revenue",
    "Total EBITDA",
    "Total net income",
    "Liquidity at end",
    "Minimum cash",
    "Plan NPV",
    "Peak leverage",
    "Peak net leverage",
    "Covenant breaches",
    "All-in cost / BTC",
];

fn app_at(w: f32, h: f32, save: &str) -> Harness<'static, FloeApp> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves").join(save);
    let mut harness = Harness::builder()
        .with_size([w, h])
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), Startup { file: Some(path), ..Default::default() }));
    harness.run();
    harness
}

/// `save` at `w`×`h` with the button `button` (a section or a view) clicked.
fn view_at(w: f32, h: f32, save: &str, button: &str) -> Harness<'static, FloeApp> {
    let mut app = app_at(w, h, save);
    app.get_by_role_and_label(Role::Button, button).click();
    app.run();
    app.run();
    app
}

/// ai_pivot with keep_buying open beside it, on the Compare view, at `w`×`h`.
fn compare_at(w: f32, h: f32) -> Harness<'static, FloeApp> {
    use floe::app::commands::{Command, PathPurpose};
    let mut app = app_at(w, h, "ai_pivot.ron");
    let other = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/keep_buying.ron");
    app.state_mut().command(Command::PathChosen(PathPurpose::AddPlan, other));
    app.run();
    app.get_by_role_and_label(Role::Button, "Compare").click();
    app.run();
    app.run();
    app
}

fn window(w: f32, h: f32) -> Rect {
    Rect::from_min_max(pos2(0.0, 0.0), pos2(w, h))
}

fn inside(r: Rect, win: Rect) -> bool {
    win.expand(0.5).contains_rect(r) && r.width() > 0.0 && r.height() > 0.0
}

/// Every KPI card title and chart tab is inside the window, and every chart
/// tab, clicked, draws its plots inside the window at a usable height.
fn everything_reachable(w: f32, h: f32, min_plot_height: f32) {
    let mut app = app_at(w, h, "ai_pivot.ron");
    let win = window(w, h);
    // On the revenue tab no legend repeats a card's title.
    app.get_by_role_and_label(Role::Button, Chart::Revenue.title()).click();
    app.run();
    for title in KPI_TITLES {
        let cards: Vec<Rect> =
            app.query_all_by_label(title).filter(|n| n.accesskit_node().role() == Role::Label).map(|n| n.rect()).collect();
        assert_eq!(cards.len(), 1, "{w}×{h}: KPI card {title:?} found {} times", cards.len());
        assert!(inside(cards[0], win), "{w}×{h}: KPI card {title:?} at {:?} is outside the window", cards[0]);
    }
    for tab in ChartTab::ALL {
        let button = app.get_by_role_and_label(Role::Button, tab.title());
        assert!(inside(button.rect(), win), "{w}×{h}: tab {:?} at {:?} is cut", tab.title(), button.rect());
        button.click();
        app.run();
        app.remove_cursor();
        app.run();
        assert_eq!(app.state().prefs.chart_tab, tab);
        if tab == ChartTab::Table {
            continue;
        }
        let drawn = app.state().charts_drawn.clone();
        assert!(!drawn.is_empty(), "{w}×{h}: {tab:?} drew nothing");
        for d in &drawn {
            assert!(inside(d.rect, win), "{w}×{h}: {tab:?} plot {} at {:?} leaves the window", d.name, d.rect);
            let min = if drawn.len() > 1 { 80.0 } else { min_plot_height };
            assert!(d.rect.height() >= min, "{w}×{h}: {tab:?} plot {} is {:.0} high", d.name, d.rect.height());
            assert!(
                d.rect.width() >= if drawn.len() > 1 { 200.0 } else { 400.0 },
                "{w}×{h}: {tab:?} plot {} is {:.0} wide",
                d.name,
                d.rect.width()
            );
        }
    }
}

#[test]
fn at_1024_by_768_every_chart_tab_and_kpi_card_is_reachable() {
    everything_reachable(1024.0, 768.0, 250.0);
}

#[test]
fn at_1280_by_720_every_chart_tab_and_kpi_card_is_reachable() {
    everything_reachable(1280.0, 720.0, 250.0);
}

#[test]
fn at_800_by_500_the_charts_stay_visible() {
    let (w, h) = (800.0, 500.0);
    let mut app = app_at(w, h, "ai_pivot.ron");
    for tab in [Chart::Leverage, Chart::Fleet].map(ChartTab::Chart) {
        app.get_by_role_and_label(Role::Button, tab.title()).click();
        app.run();
        let drawn = app.state().charts_drawn.clone();
        assert!(!drawn.is_empty(), "{tab:?} drew nothing");
        for d in &drawn {
            assert!(inside(d.rect, window(w, h)), "{tab:?} plot {} at {:?} leaves the window", d.name, d.rect);
            assert!(d.rect.height() >= 50.0, "{tab:?} plot {} is {:.0} high", d.name, d.rect.height());
        }
    }
}

#[test]
fn the_editor_panel_keeps_room_for_the_charts() {
    for w in [640.0, 800.0, 1024.0, 1280.0, 1600.0, 2560.0] {
        let (min, default, max) = editor_width_bounds(w);
        assert!(min <= default && default <= max, "{w}: {min} {default} {max}");
        assert!(min >= 250.0 || min >= w * 0.4, "{w}: the editor can shrink to {min}");
        assert!(w - max >= 300.0, "{w}: the editor can squeeze the centre to {}", w - max);
        assert!(default <= 600.0);
    }
    // The app opens with the editor inside those bounds: the KPI cards start to its right.
    let app = app_at(1024.0, 768.0, "ai_pivot.ron");
    let (min, _, max) = editor_width_bounds(1024.0);
    let card = app.query_all_by_label("BTC mined").find(|n| n.accesskit_node().role() == Role::Label).unwrap().rect();
    assert!(card.left() >= min && card.left() <= max + 40.0, "the centre starts at {}", card.left());
}

#[test]
fn tab_in_the_fleet_grid_scrolls_the_focused_cell_into_view() {
    let mut app = view_at(1024.0, 768.0, "ai_pivot.ron", "Fleet");
    let first = app.get_by_label("Model (lot 1)");
    first.focus();
    app.run();
    let last = "Salvage (lot 1)";
    assert!(
        app.get_by_label(last).rect().left() > app.query_all_by_label("BTC mined").next().unwrap().rect().left(),
        "the grid fits: nothing to scroll"
    );
    for _ in 0..40 {
        if app.get_by_label(last).is_focused() {
            break;
        }
        app.key_press(egui::Key::Tab);
        app.run();
    }
    let node = app.get_by_label(last);
    assert!(node.is_focused(), "Tab never reached {last}");
    let card_left = app.query_all_by_label("BTC mined").find(|n| n.accesskit_node().role() == Role::Label).unwrap().rect().left();
    assert!(node.rect().right() <= card_left, "{last} at {:?} is hidden behind the centre panel (starts at {card_left})", node.rect());
    assert!(node.rect().left() >= 0.0, "{last} scrolled off the left edge: {:?}", node.rect());
}

/// Leverage at a projector's size, Dark and Light: the picture to look at.
fn leverage_snapshot(w: f32, h: f32, theme: floe::app::prefs::Theme, name: &str) {
    // The harness reports the system theme; the app's preference follows it here.
    let system = if theme == floe::app::prefs::Theme::Light { egui::Theme::Light } else { egui::Theme::Dark };
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/ai_pivot.ron");
    let prefs = Prefs { theme, chart_tab: ChartTab::Chart(Chart::Leverage), ..Prefs::default() };
    let mut app = Harness::builder()
        .with_size([w, h])
        .with_theme(system)
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, prefs.clone(), Startup { file: Some(path), ..Default::default() }));
    app.run();
    common::app::mask_timing(&mut app);
    app.snapshot(name);
}

#[test]
fn leverage_at_1024_by_768_dark_snapshot() {
    leverage_snapshot(1024.0, 768.0, floe::app::prefs::Theme::Dark, "layout_1024x768_leverage_dark");
}

#[test]
fn leverage_at_1024_by_768_light_snapshot() {
    leverage_snapshot(1024.0, 768.0, floe::app::prefs::Theme::Light, "layout_1024x768_leverage_light");
}

/// A list item's title stops before its toolbar: at 1024×768 the lease's long
/// title ran under the move buttons. Cut, it still reads in full on hover.
#[test]
fn a_long_list_item_title_stops_before_its_buttons() {
    let mut app = app_at(1024.0, 768.0, "ai_pivot.ron");
    app.get_by_label("Hosting (AI/HPC)").click();
    app.run();
    app.run();
    let title = app
        .query_all_by_label_contains("AI cloud tenant")
        .find(|n| n.accesskit_node().role() == Role::Label)
        .map(|n| n.rect())
        .expect("the lease's title");
    for button in ["Move up lease 1", "Move down lease 1", "Duplicate lease 1", "Remove lease 1"] {
        let b = app.get_by_label(button).rect();
        assert!(!title.intersects(b), "title {title:?} runs under {button:?} at {b:?}");
        assert!(inside(b, window(1024.0, 768.0)), "{button:?} at {b:?}");
    }
    assert!(title.width() > 100.0, "the title keeps a readable width: {title:?}");
}

/// Where the editor panel ends: the left edge of the first chart tab, just
/// right of it (the panel's own id is salted by its parent ui).
fn editor_width(h: &Harness<'static, FloeApp>) -> f32 {
    h.get_all_by_label(floe::charts::Chart::Share.title()).map(|n| n.rect().left()).fold(f32::MAX, f32::min)
}

#[test]
fn the_editor_panel_keeps_one_width_across_its_sections() {
    for (w, hgt) in [(1024.0, 768.0), (1600.0, 1000.0)] {
        let mut h = app_at(w, hgt, "ai_pivot.ron");
        let mut widths = Vec::new();
        for sec in floe::app::editor::Section::ALL {
            h.state_mut().prefs.editor.section = sec;
            h.run();
            h.run();
            widths.push((sec.title(), editor_width(&h)));
        }
        let first = widths[0].1;
        assert!(widths.iter().all(|(_, x)| (x - first).abs() < 1.0), "at {w}×{hgt} the editor changes width: {widths:?}");
    }
}

/// Opens the Risk view at 1024×768 and waits for its background figures.
fn risk_at_1024() -> Harness<'static, FloeApp> {
    let mut app = app_at(1024.0, 768.0, "ai_pivot.ron");
    app.state_mut().risk_view.monte_carlo.auto = false;
    app.get_by_role_and_label(Role::Button, "Risk").click();
    app.step();
    app.step();
    common::app::settle_risk(&mut app);
    app
}

/// The two-way table's every column, the last included, fits the central
/// panel at 1024×768: no cell needs the sideways scroll.
#[test]
fn at_1024_by_768_the_two_way_table_shows_its_last_column() {
    use floe::analysis::{self, sensitivity};
    let app = risk_at_1024();
    let win = window(1024.0, 768.0);
    let kpi = analysis::kpi_by_key(analysis::DEFAULT_KPI).unwrap();
    let t = sensitivity::two_way(&app.state().doc.scenario, kpi, 0.2).unwrap();
    let last = *t.growth_factors.last().unwrap();
    let header = app.query_all_by_label(&format!("× {last:.2}")).map(|n| n.rect()).next().expect("the last column's header");
    assert!(inside(header, win), "the last column's header at {header:?} is cut");
    for row in &t.cells {
        let text = floe::app::risk::cell_text(kpi, *row.last().unwrap());
        let cell = app.query_all_by_label_contains(&text).map(|n| n.rect()).next().unwrap_or_else(|| panic!("cell {text:?}"));
        assert!(inside(cell, win), "the last column's cell {text:?} at {cell:?} is cut");
    }
}

/// Compare at 1024×768 with keep_buying beside ai_pivot: the Δ % column and
/// the bridge chart are inside the window, not past a sideways scroll.
#[test]
fn at_1024_by_768_compare_shows_its_last_column_and_the_bridge() {
    let app = compare_at(1024.0, 768.0);
    let win = window(1024.0, 768.0);
    let pct = app.get_by_label("Δ %").rect();
    assert!(inside(pct, win), "the Δ % column's head at {pct:?} is cut");
    let bridge = app.get_by_label(floe::app::compare::BRIDGE_LABEL).rect();
    assert!(bridge.left() >= 0.0 && bridge.right() <= 1024.5, "the bridge chart at {bridge:?} is wider than the window");
    assert!(bridge.width() >= 400.0, "the bridge chart is {:.0} wide", bridge.width());
}

/// The bridge at 1024 px wide (tall enough to show it without scrolling):
/// every bar has its label under it, the two plans' included.
#[test]
fn at_1024_wide_every_bridge_bar_has_its_label() {
    let app = compare_at(1024.0, 2000.0);
    let bridge = app.get_by_label(floe::app::compare::BRIDGE_LABEL).rect();
    let texts = painted_texts(&app);
    let steps = floe::analysis::compare::bridge(
        &app.state().doc.scenario,
        &app.state().plans.others[0].scenario,
        floe::analysis::kpi_by_key(floe::analysis::DEFAULT_KPI).unwrap(),
    )
    .unwrap()
    .steps;
    let mut labels = vec!["This\nplan".to_owned(), "Other\nplan".to_owned()];
    labels.extend(steps.iter().map(|s| s.group.key().to_owned()));
    for label in &labels {
        let r = texts.iter().find(|(t, _)| t == label).map(|(_, r)| *r).unwrap_or_else(|| panic!("no axis label {label:?} in {texts:?}"));
        assert!(r.left() >= bridge.left() - 0.5 && r.right() <= bridge.right() + 0.5, "axis label {label:?} at {r:?} is outside the chart");
    }
}

/// Every piece of text painted in the last frame, with where it was painted.
fn painted_texts(app: &Harness<'static, FloeApp>) -> Vec<(String, Rect)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(String, Rect)>) {
        match shape {
            egui::Shape::Text(t) => out.push((t.galley.text().to_owned(), t.visual_bounding_rect())),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &app.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// Review mode at 1024×768, on the inputs ("Show the inputs"): the plan's
/// title, its description, the third column of KPI cards and the Export
/// button are inside the window.
#[test]
fn at_1024_by_768_review_mode_inputs_fit() {
    let mut app = app_at(1024.0, 768.0, "ai_pivot.ron");
    app.state_mut().command(floe::app::commands::Action::ToggleReview);
    app.run();
    app.get_by_role_and_label(Role::Button, "Show the inputs (read-only editor)").click();
    app.run();
    app.run();
    let win = window(1024.0, 768.0);
    assert!(!app.state().report_view, "still on the report");
    let name = app.state().doc.scenario.name.clone();
    let title = app.query_all_by_label(&name).map(|n| n.rect()).next().expect("the title");
    assert!(inside(title, win), "the title at {title:?} is cut");
    let export = app.get_by_role_and_label(Role::Button, "Export").rect();
    assert!(inside(export, win), "Export at {export:?} is cut");
    let back = app.get_by_role_and_label(Role::Button, "Back to the report").rect();
    assert!(inside(back, win), "Back to the report at {back:?} is cut");
    let start = app.query_all_by_label_contains("STORY.").map(|n| n.rect()).next().expect("the description");
    assert!(start.top() >= title.bottom() && start.top() < 200.0, "the description starts at {start:?}");
    // Two rows of cards (the third column included) stand above the tab bar, not scrolled under it.
    let tabs_top = app.get_by_role_and_label(Role::Button, Chart::Share.title()).rect().top();
    for card in ["Total revenue", "Total net income", "Minimum cash"] {
        let r = app.query_all_by_label(card).find(|n| n.accesskit_node().role() == Role::Label).map(|n| n.rect()).expect(card);
        assert!(inside(r, win) && r.bottom() + 20.0 <= tabs_top, "card {card:?} at {r:?} is under the tabs (at {tabs_top})");
    }
}

/// The fleet table at 1024×768, scrolled sideways to its last column: each
/// lot's number and model stay in view in their own column at the table's
/// left, on their row, with no scrolled cell drawn under them.
#[test]
fn at_1024_by_768_the_fleet_table_keeps_each_lots_name_in_view() {
    let mut app = view_at(1024.0, 768.0, "ai_pivot.ron", "Fleet");
    let lots = app.state().doc.scenario.fleet.len();
    assert!(lots >= 2);
    app.get_by_label("Model (lot 1)").focus();
    app.run();
    for _ in 0..60 {
        if app.get_by_label("Salvage (lot 1)").is_focused() {
            break;
        }
        app.key_press(egui::Key::Tab);
        app.run();
    }
    assert!(app.get_by_label("Salvage (lot 1)").is_focused(), "Tab did not reach the last columns");
    app.run();
    let win = window(1024.0, 768.0);
    let card_left = app.query_all_by_label("BTC mined").find(|n| n.accesskit_node().role() == Role::Label).unwrap().rect().left();
    for i in 1..=lots {
        let name = app.get_by_label(&format!("Model (lot {i})")).rect();
        assert!(inside(name, win) && name.right() <= card_left && name.width() > 100.0, "lot {i}'s model at {name:?}");
        let salvage = app.get_by_label(&format!("Salvage (lot {i})")).rect();
        assert!(salvage.left() >= name.right(), "lot {i}: a scrolled cell at {salvage:?} is under the model at {name:?}");
        assert!((salvage.center().y - name.center().y).abs() < 2.0, "lot {i}'s model at {name:?} is not on its row {salvage:?}");
        let units = app.get_by_label(&format!("Units (lot {i})")).rect();
        assert!(units.right() <= name.right() + 12.0, "lot {i}: the table did not scroll past its first columns ({units:?})");
    }
}

/// keep_buying's leverage chart at 1024×768 and 1600×1000: a named label per
/// lender's call, clear of the peak notes (the lower ones sat under them).
#[test]
fn leverage_call_labels_stay_off_the_peak_notes() {
    for (w, hgt) in [(1024.0, 768.0), (1600.0, 1000.0)] {
        let mut app = app_at(w, hgt, "keep_buying.ron");
        app.get_by_role_and_label(Role::Button, Chart::Leverage.title()).click();
        app.run();
        app.remove_cursor();
        app.run();
        let texts = painted_texts(&app);
        let notes: Vec<Rect> = texts.iter().filter(|(t, _)| t.starts_with('⬇') || t.starts_with('⬆')).map(|(_, r)| *r).collect();
        let calls: Vec<Rect> = texts.iter().filter(|(t, _)| t.contains("called ")).map(|(_, r)| *r).collect();
        assert!(notes.iter().any(|r| r.center().y > hgt / 2.0), "{w}×{hgt}: keep_buying has no lower peak note: {texts:?}");
        // Tall enough for a named label per call (its four calls, three in one month).
        let named = texts.iter().filter(|(t, _)| t.contains("equipment loan") && t.contains(" called 20"));
        assert_eq!(named.count(), 4, "{w}×{hgt}: {texts:?}");
        for n in &notes {
            for c in &calls {
                assert!(!n.intersects(*c), "{w}×{hgt}: a call label at {c:?} is on the peak note at {n:?}");
            }
        }
    }
}

/// Every editor section at 1024×768 and 1600×1000: no button or input ends
/// past the editor panel's right edge (the Market path points' ⬆ ⬇ ⎘ ✖ did).
#[test]
fn every_editor_control_ends_inside_the_panel() {
    for (w, hgt) in [(1024.0, 768.0), (1600.0, 1000.0)] {
        for save in ["ai_pivot.ron", "keep_buying.ron"] {
            let mut h = app_at(w, hgt, save);
            for sec in floe::app::editor::Section::ALL {
                h.state_mut().prefs.editor.section = sec;
                h.run();
                h.run();
                let edge = editor_width(&h) - 4.0;
                for n in h.root().children_recursive() {
                    let role = n.accesskit_node().role();
                    if !matches!(role, Role::Button | Role::TextInput | Role::SpinButton | Role::ComboBox | Role::CheckBox) {
                        continue;
                    }
                    let r = n.rect();
                    if r.left() >= edge || r.bottom() < 60.0 || r.top() > hgt - 30.0 || r.width() <= 0.0 {
                        continue; // right of the panel (the charts), the top bars, or scrolled out of view
                    }
                    // A control inside a sideways scroll (the fleet table) may be scrolled past; others may not.
                    if sec == floe::app::editor::Section::Fleet && n.accesskit_node().label().is_some_and(|l| l.contains("(lot ")) {
                        continue;
                    }
                    assert!(
                        r.right() <= edge + 4.0,
                        "{w}×{hgt} {save} {:?}: {:?} {:?} ends at {:.0}, past the panel's edge at {:.0}",
                        sec,
                        role,
                        n.accesskit_node().label(),
                        r.right(),
                        edge + 4.0
                    );
                }
            }
        }
    }
}

/// Compare at 1600×1000 puts what changed beside the key figures (the right
/// half of the panel was empty), at 1024×768 under them; the bridge follows
/// at the panel's width either way.
#[test]
fn compare_puts_what_changed_beside_the_figures_when_there_is_room() {
    for (w, hgt, beside) in [(1600.0, 1000.0, true), (1024.0, 768.0, false)] {
        let app = compare_at(w, hgt);
        let pct = app.get_by_label("Δ %").rect();
        let changed = app.get_by_label("What changed (this plan ➡ the other)").rect();
        assert_eq!(changed.left() > pct.right(), beside, "{w}×{hgt}: what changed at {changed:?}, Δ % at {pct:?}");
        assert!(inside(changed, window(w, hgt)) || !beside, "{w}×{hgt}: what changed at {changed:?} is outside the window");
    }
}

/// The Returns view at 1024×768: the answers (payback, IRR, NPV) are in view
/// without scrolling sideways; the NPV column was past the window's edge.
#[test]
fn at_1024_by_768_returns_shows_payback_irr_and_npv() {
    let app = view_at(1024.0, 768.0, "keep_buying.ron", "Returns");
    let win = window(1024.0, 768.0);
    for head in ["Payback", "IRR", "NPV"] {
        let r = app.get_by_label(head).rect();
        assert!(inside(r, win), "the {head} head at {r:?} is outside the window");
    }
    let npv = floe::units::usd(app.state().live.projection.clone().unwrap().investments[0].npv_usd);
    let cell = app.get_by_label(&npv).rect();
    assert!(inside(cell, win), "the first NPV {npv} at {cell:?} is outside the window");
}

/// A money cell is as wide as its amount: keep_buying's S21 XP Hydro lots
/// cost $12,156.10 a unit, which the fleet table cut to "12,156.1C".
#[test]
fn a_money_cell_shows_its_whole_amount() {
    let app = view_at(1600.0, 1000.0, "keep_buying.ron", "Fleet");
    let lot =
        app.state().doc.scenario.fleet.iter().position(|l| l.unit_price_usd.to_string().starts_with("12156.1")).expect("a $12,156.10 lot")
            + 1;
    let cell = app.get_by_label(&format!("$/unit (lot {lot})")).rect();
    let texts = painted_texts(&app);
    let amount =
        texts.iter().find(|(t, r)| t == "12,156.10" && cell.contains(r.center())).map(|(_, r)| *r).expect("the amount painted in its cell");
    // The text sits inside the cell's margins with room for the last glyph.
    assert!(amount.right() + 6.0 <= cell.right() && amount.left() >= cell.left(), "the amount at {amount:?} is cut by its cell {cell:?}");
}
