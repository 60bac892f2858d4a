//! "What changed" matches list items by identity (model and deploy month of
//! a lot, a contract's name, a lease's tenant, an instrument's name and kind,
//! a raise's month), not by position: removing a middle lot reads as that
//! lot removed, an insertion as one item added, a reorder as one move, a
//! renamed lease as its tenant edited, and duplicates fall back to their
//! order. Each test asserts the exact lines a user reads: from the library,
//! through `floe compare` and in the app's Compare view.

mod common;

use common::{TempDir, floe_binary, month, repo_path, usd};
use floe::analysis::compare::what_changed;
use floe::model::{Lease, Lot, Scenario};

fn load(rel: &str) -> Scenario {
    floe::io::load_scenario(&repo_path(rel)).unwrap_or_else(|e| panic!("{e}"))
}

/// `keep_buying.ron`: seven lots, the second an Antminer S21 deployed 2025-02.
fn fleet_plan() -> Scenario {
    let s = load("saves/keep_buying.ron");
    assert_eq!((s.fleet[1].model.as_str(), s.fleet[1].deploy_month.to_string().as_str()), ("Antminer S21", "2025-02"));
    assert_eq!(s.fleet.len(), 7);
    s
}

#[test]
fn removing_a_middle_lot_reads_as_that_lot_removed() {
    let a = fleet_plan();
    let mut b = a.clone();
    b.fleet.remove(1);
    assert_eq!(what_changed(&a, &b), ["Lot 2 (Antminer S21, deployed 2025-02) removed"]);
    assert_eq!(what_changed(&b, &a), ["Lot 2 (Antminer S21, deployed 2025-02) added"]);
    // An edit of a lot after the removed one is named as plan A numbers it.
    b.fleet[3].units += 10;
    let units = |s: &Scenario, i: usize| floe::units::thousands(s.fleet[i].units as f64, 0);
    assert_eq!(
        what_changed(&a, &b),
        [
            format!("Lot 5 (Avalon A16XP) › Units: {} → {}", units(&a, 4), units(&b, 3)),
            "Lot 2 (Antminer S21, deployed 2025-02) removed".to_owned(),
        ]
    );
}

#[test]
fn a_lot_inserted_at_the_front_is_one_line() {
    let a = fleet_plan();
    let mut b = a.clone();
    b.fleet.insert(0, Lot::new("Antminer S23", 500, 318.0, 3498.0, usd(6000), month("2026-06")));
    assert_eq!(what_changed(&a, &b), ["Lot 1 (Antminer S23, deployed 2026-06) added"]);
}

#[test]
fn swapping_two_lots_is_one_move_and_no_field_change() {
    let a = fleet_plan();
    let mut b = a.clone();
    b.fleet.swap(2, 3);
    assert_eq!(what_changed(&a, &b), ["Lot 3 (Antminer S21 XP, deployed 2026-03) moved: now Lot 4"]);
    // A moved lot that is also edited: its edit, named as in plan A, and the move.
    b.fleet[3].uptime = 0.9;
    assert_eq!(
        what_changed(&a, &b),
        [
            format!("Lot 3 (Antminer S21 XP) › Uptime: {} % → 90 %", floe::units::plain(a.fleet[2].uptime * 100.0)),
            "Lot 3 (Antminer S21 XP, deployed 2026-03) moved: now Lot 4".to_owned(),
        ]
    );
}

#[test]
fn a_renamed_lease_reads_as_its_tenant_edited_and_a_new_one_as_added() {
    let a = load("saves/ai_pivot.ron");
    assert_eq!(a.hosting.len(), 1);
    let mut b = a.clone();
    b.hosting[0].tenant = "Hyperscaler B".to_owned();
    assert_eq!(
        what_changed(&a, &b),
        ["Lease 1 (AI cloud tenant (Fluidstack-like)) › Tenant: “AI cloud tenant (Fluidstack-like)” → “Hyperscaler B”"]
    );
    // Another lease altogether in its place: removed and added, not a list of field edits.
    let mut c = a.clone();
    c.hosting[0] = Lease::new("Small tenant", 5.0, month("2028-01"), 36, usd(90));
    c.hosting[0].flex_mining = !a.hosting[0].flex_mining;
    assert_eq!(what_changed(&a, &c), ["Lease 1 (AI cloud tenant (Fluidstack-like)) removed", "Lease 1 (Small tenant) added"]);
}

#[test]
fn instruments_contracts_and_raises_match_by_identity() {
    let a = load("saves/ai_pivot.ron");
    let mut b = a.clone();
    b.financing.debt.remove(0);
    b.power.contracts.swap(0, 1);
    assert_eq!(
        what_changed(&a, &b),
        ["Contract 1 (Texas fixed-price PPA) moved: now Contract 2", "Instrument 1 (S21 equipment loan (2025), equipment loan) removed",]
    );
    let mut c = a.clone();
    c.financing.equity_raises.push(floe::model::EquityRaise::new(month("2027-06"), usd(50_000_000)));
    c.financing.equity_raises.insert(0, floe::model::EquityRaise::new(month("2026-06"), usd(20_000_000)));
    assert_eq!(what_changed(&a, &c), ["Raise 1 (2026-06) added", "Raise 2 (2027-06) added"]);
}

#[test]
fn duplicates_keep_the_unchanged_twin_and_otherwise_pair_in_order() {
    let a = fleet_plan();
    // Two lots with one identity: the second is a copy of Lot 2 with other units.
    let mut twins = a.clone();
    let mut copy = a.fleet[1].clone();
    copy.units = 1_234;
    twins.fleet.insert(2, copy);
    assert_eq!(what_changed(&a, &twins), ["Lot 3 (Antminer S21, deployed 2025-02) added"]);
    // Removing the first twin: the unchanged one stays matched, so the first is the one removed.
    let mut first_gone = twins.clone();
    first_gone.fleet.remove(1);
    assert_eq!(what_changed(&twins, &first_gone), ["Lot 2 (Antminer S21, deployed 2025-02) removed"]);
    // Both twins edited: nothing tells them apart, so they pair in their order.
    let mut both = twins.clone();
    both.fleet[1].units = 10;
    both.fleet[2].units = 20;
    let units = floe::units::thousands(twins.fleet[1].units as f64, 0);
    assert_eq!(
        what_changed(&twins, &both),
        [format!("Lot 2 (Antminer S21) › Units: {units} → 10"), "Lot 3 (Antminer S21) › Units: 1,234 → 20".to_owned()]
    );
}

#[test]
fn floe_compare_prints_the_same_lines() {
    let a = fleet_plan();
    let mut b = a.clone();
    b.fleet.remove(1);
    b.name = "Without the S21s".to_owned();
    let dir = TempDir::new("compare-identity");
    let pb = dir.0.join("b.ron");
    std::fs::write(&pb, floe::format::to_text(&b).unwrap()).unwrap();
    let out = floe_binary().args(["compare", repo_path("saves/keep_buying.ron").to_str().unwrap(), pb.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let changed: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("changed: ")).collect();
    let expected: Vec<String> = what_changed(&a, &b);
    assert_eq!(changed, expected.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(changed[1], "Lot 2 (Antminer S21, deployed 2025-02) removed", "{changed:?}");
}

#[cfg(feature = "gui")]
#[test]
fn the_apps_compare_view_lists_the_same_lines_and_follows_an_edit() {
    use egui_kittest::kittest::Queryable;
    let dir = TempDir::new("compare-identity-app");
    let a = fleet_plan();
    let mut b = a.clone();
    b.fleet.remove(1);
    let pb = dir.0.join("b.ron");
    std::fs::write(&pb, floe::format::to_text(&b).unwrap()).unwrap();
    let mut h = common::app::app(Some(repo_path("saves/keep_buying.ron")), &dir.0);
    h.state_mut().plans.add(floe::app::plans::OtherPlan::load(&pb).unwrap()).unwrap();
    h.state_mut().view = floe::app::central::CentralView::Compare;
    h.run();
    // egui's fonts have no "→": the view shows "➡".
    assert!(h.query_by_label("• Lot 2 (Antminer S21, deployed 2025-02) removed").is_some());
    assert!(h.query_by_label_contains("› Units").is_none(), "a removed lot read as edits of the lots after it");
    // An edit of the plan in the editor shows at once (the lines are kept only while both plans stay the same).
    h.state_mut().doc.scenario.fleet[4].units = 7;
    h.run();
    let line = format!("• Lot 5 (Avalon A16XP) › Units: 7 ➡ {}", floe::units::thousands(b.fleet[3].units as f64, 0));
    assert!(h.query_by_label(&line).is_some(), "missing: {line}");
}
