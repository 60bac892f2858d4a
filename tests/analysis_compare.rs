//! Comparing plans (`floe::analysis::compare`): the KPI bridge adds up to
//! B − A for every numeric KPI, "what changed" speaks in the editor's words
//! and units, plans of different calendars get no bridge, and every field of
//! a scenario belongs to a bridge group.

mod common;

use common::repo_path;
use floe::analysis::compare::{self, Group};
use floe::analysis::{kpi_by_key, kpi_number, numeric_kpis};
use floe::model::field::{DebtField, FieldPath, LotField, PlanField, all_paths};
use floe::model::{Scenario, Series};

fn load(rel: &str) -> Scenario {
    floe::io::load_scenario(&repo_path(rel)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn bridge_steps_sum_to_the_difference_for_every_kpi() {
    let (a, b) = (load("saves/keep_buying.ron"), load("saves/ai_pivot.ron"));
    let (pa, pb) = (floe::engine::project(&a).unwrap(), floe::engine::project(&b).unwrap());
    let mut bridged = 0;
    for kpi in numeric_kpis() {
        let br = compare::bridge(&a, &b, kpi).unwrap();
        assert_eq!(br.steps.iter().map(|s| s.group).collect::<Vec<_>>(), compare::ORDER.to_vec(), "fixed order");
        assert_eq!(br.a, kpi_number(kpi, &pa.kpis), "{}: starts at A", kpi.key);
        assert_eq!(br.b, kpi_number(kpi, &pb.kpis), "{}: ends at B", kpi.key);
        let Some(total) = br.total else {
            assert!(br.a.is_none() || br.b.is_none(), "{}: no total although both are defined", kpi.key);
            continue;
        };
        let deltas: Option<Vec<f64>> = br.steps.iter().map(|s| s.delta).collect();
        let Some(deltas) = deltas else { continue };
        let sum: f64 = deltas.iter().sum();
        // Telescoping: exact in real numbers; in f64 within rounding of the largest value passed through.
        let scale = br.steps.iter().filter_map(|s| s.after).chain(br.a).fold(1.0f64, |m, v| m.max(v.abs()));
        assert!((sum - total).abs() <= 1e-12 * scale, "{}: steps sum to {sum}, B − A = {total}", kpi.key);
        assert_eq!(total, br.b.unwrap() - br.a.unwrap());
        bridged += 1;
    }
    assert!(bridged >= 10, "only {bridged} KPIs were bridged");
}

#[test]
fn a_change_in_one_group_shows_only_in_that_step() {
    let a = load("saves/ai_pivot.ron");
    let mut b = a.clone();
    b.power.contracts[0].price_usd_per_mwh += rust_decimal::Decimal::from(5);
    let br = compare::bridge(&a, &b, kpi_by_key("end_cash_usd").unwrap()).unwrap();
    for s in &br.steps {
        let d = s.delta.unwrap();
        if s.group == Group::Power {
            assert!(d < 0.0, "dearer power costs cash: {d}");
        } else {
            assert_eq!(d, 0.0, "{:?} did not change", s.group);
        }
    }
}

#[test]
fn what_changed_lists_a_lots_units_and_a_growth_rate_in_words() {
    let a = load("saves/keep_buying.ron");
    let mut b = a.clone();
    b.fleet[2].units = 9_000;
    b.market.btc_price_usd = match &a.market.btc_price_usd {
        Series::Growth { start, .. } => Series::Growth { start: *start, annual_growth: 0.05 },
        other => other.clone(),
    };
    b.hosting.push(floe::model::Lease::new("Tenant X", 10.0, a.start_month, 60, 120.into()));
    let changed = compare::what_changed(&a, &b);
    let units_line = format!("Lot 3 ({}) › Units: {} → 9,000", a.fleet[2].model, floe::units::thousands(a.fleet[2].units as f64, 0));
    assert!(changed.contains(&units_line), "{units_line:?} not in {changed:#?}");
    if let Series::Growth { annual_growth, .. } = a.market.btc_price_usd {
        let line = format!("Market › BTC price › growth per year: {} % → 5 %", floe::units::plain(annual_growth * 100.0));
        assert!(changed.contains(&line), "{line:?} not in {changed:#?}");
    }
    assert!(changed.contains(&"Lease 1 (Tenant X) added".to_owned()), "{changed:#?}");
    assert_eq!(changed.len(), 3, "{changed:#?}");
    assert!(compare::what_changed(&a, &a).is_empty(), "a plan does not differ from itself");
    let removed = compare::what_changed(&b, &a);
    assert!(removed.contains(&"Lease 1 (Tenant X) removed".to_owned()), "{removed:#?}");
}

#[test]
fn kpi_table_has_absolute_and_percent_differences() {
    let (a, b) = (load("saves/keep_buying.ron"), load("saves/ai_pivot.ron"));
    let (pa, pb) = (floe::engine::project(&a).unwrap(), floe::engine::project(&b).unwrap());
    let table = compare::kpi_table(&pa.kpis, &pb.kpis);
    assert_eq!(table.len(), floe::schema::KPIS.len());
    let row = table.iter().find(|r| r.key == "end_cash_usd").unwrap();
    let diff = pb.kpis.end_cash_usd - pa.kpis.end_cash_usd;
    assert_eq!(row.diff, Some(diff));
    assert_eq!(row.diff_pct, Some(diff / pa.kpis.end_cash_usd.abs()));
    let month_row = table.iter().find(|r| r.key == "min_cash_month").unwrap();
    assert_eq!(month_row.diff, None, "a month has no numeric difference");
}

#[test]
fn plans_with_different_calendars_get_no_bridge_and_say_why() {
    let a = load("saves/ai_pivot.ron");
    let mut b = a.clone();
    b.horizon_months -= 12;
    let e = compare::bridge(&a, &b, kpi_by_key("end_cash_usd").unwrap()).unwrap_err();
    assert!(e.contains("different horizons") && e.contains("no bridge"), "{e}");
    let mut c = a.clone();
    c.start_month = c.start_month.offset(1);
    let e = compare::no_bridge_reason(&a, &c).unwrap();
    assert!(e.contains("start in different months"), "{e}");
}

#[test]
fn every_scenario_field_belongs_to_a_bridge_group() {
    for rel in
        ["saves/ai_pivot.ron", "saves/keep_buying.ron", "saves/ice_cube.ron", "tests/data/reference.ron", "tests/data/reference_v2.ron"]
    {
        let s = load(rel);
        for p in all_paths(&s) {
            match (p, compare::group_of(p)) {
                // The discount rate is edited with the plan but is the cost of its capital.
                (FieldPath::Plan(PlanField::DiscountRate), g) => assert_eq!(g, Some(Group::Financing)),
                (FieldPath::Plan(_), None) => {}
                (FieldPath::Plan(_), Some(g)) => panic!("{p}: plan fields are not bridged, got {g:?}"),
                (_, None) => panic!("{p} has no bridge group"),
                (_, Some(g)) => {
                    assert_eq!(g, p.block(), "{p}: bridged with another block's assumptions");
                    assert!(compare::ORDER.contains(&g), "{p}: {g:?} is not a step of the bridge");
                }
            }
        }
    }
}

#[test]
fn applying_every_group_of_b_to_a_gives_b() {
    // If a new economic field were added outside the six groups, a plan that
    // differs only there would not be reached by the bridge: the last step
    // would then differ from a projection of "A with all groups of B".
    let (a, b) = (load("saves/keep_buying.ron"), load("saves/ai_pivot.ron"));
    let mut s = a.clone();
    s.market = b.market.clone();
    s.fleet = b.fleet.clone();
    s.power = b.power.clone();
    s.hosting = b.hosting.clone();
    s.opex = b.opex.clone();
    s.financing = b.financing.clone();
    s.valuation = b.valuation.clone();
    assert_eq!(floe::engine::project(&s).unwrap(), floe::engine::project(&b).unwrap());
}

#[test]
fn a_different_discount_rate_moves_only_the_financing_step_of_the_npv() {
    let a = load("tests/data/reference_v2.ron");
    let mut b = a.clone();
    b.valuation.discount_rate = a.valuation.discount_rate + 0.05;
    let br = compare::bridge(&a, &b, kpi_by_key("npv_usd").unwrap()).unwrap();
    assert!(br.total.unwrap() != 0.0, "the NPV depends on the rate");
    for s in &br.steps {
        if s.group == Group::Financing {
            assert_eq!(s.delta, br.total, "the whole difference is the rate's");
        } else {
            assert_eq!(s.delta, Some(0.0), "{:?} did not change", s.group);
        }
    }
    // The states in between are A with B's groups applied: the Financing step carries the rate.
    let mut state = a.clone();
    state.valuation = b.valuation.clone();
    assert_eq!(floe::engine::project(&state).unwrap().kpis.npv_usd, floe::engine::project(&b).unwrap().kpis.npv_usd);
    assert!(matches!(compare::group_of(FieldPath::Plan(PlanField::DiscountRate)), Some(Group::Financing)));
}

#[test]
fn what_changed_reads_the_format_2_inputs_in_words() {
    let a = load("tests/data/reference_v2.ron");
    let mut b = a.clone();
    b.valuation.discount_rate = 0.07;
    b.opex.tax_loss_carryforward = !a.opex.tax_loss_carryforward;
    b.opex.loss_limit_fraction = 0.6;
    b.financing.cash_interest_rate = 0.055;
    b.fleet[0].sold_at_retirement = !a.fleet[0].sold_at_retirement;
    b.fleet[0].deposits = floe::defaults::deposits();
    let acc = a.financing.debt.iter().position(|d| d.accelerate_after_breach_months.is_some()).expect("an instrument that accelerates");
    b.financing.debt[acc].accelerate_after_breach_months = None;
    let changed = compare::what_changed(&a, &b);
    let flag = |on: bool| if on { "on" } else { "off" };
    let lot = FieldPath::Lot(0, LotField::Deposits).words(&a);
    let expected = [
        format!("Plan › Discount rate: {} % → 7 %", floe::units::plain(a.valuation.discount_rate * 100.0)),
        format!("Opex › Loss carryforward: {} → {}", flag(a.opex.tax_loss_carryforward), flag(b.opex.tax_loss_carryforward)),
        format!("Opex › Loss limit: {} % → 60 %", floe::units::plain(a.opex.loss_limit_fraction * 100.0)),
        format!("Financing › Interest on cash: {} % → 5.5 %", floe::units::plain(a.financing.cash_interest_rate * 100.0)),
        format!("{lot}: none → 25 % 7 months before delivery, 35 % 6 months before, 40 % 1 month before"),
        format!(
            "{}: {} breach months → never",
            FieldPath::Debt(acc, DebtField::Accelerate).words(&a),
            a.financing.debt[acc].accelerate_after_breach_months.unwrap()
        ),
    ];
    assert!(a.fleet[0].deposits.is_empty(), "the test expects lot 1 without deposits");
    for line in &expected {
        assert!(changed.contains(line), "{line:?} not in {changed:#?}");
    }
    assert!(changed.iter().any(|l| l.contains("› Sold at retirement: ")), "{changed:#?}");
    assert_eq!(changed.len(), expected.len() + 1, "{changed:#?}");
}
