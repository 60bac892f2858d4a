//! The example scenarios shipped in `saves/`: each one loads, projects, tells
//! the story it was written for (the "melting ice cube", buying machines on
//! debt, pivoting to AI hosting) and survives a re-save unchanged. Every story
//! check is derived from the scenario's own inputs, never from pasted outputs.

use floe::engine::{self, Projection};
use floe::format;
use floe::io::load_scenario;
use floe::model::{Amortization, DebtKind, Scenario};
use rust_decimal::prelude::ToPrimitive;
use std::path::PathBuf;

fn saves_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves")
}

fn load(file: &str) -> Scenario {
    load_scenario(&saves_dir().join(file)).unwrap_or_else(|e| panic!("{e}"))
}

fn project(file: &str, s: &Scenario) -> Projection {
    engine::project(s).unwrap_or_else(|e| panic!("saves/{file}: {e}"))
}

/// Share in the last month as a fraction of the share in month 0.
fn retention(p: &Projection) -> f64 {
    assert!(p.kpis.share_first > 0.0, "no hashrate in month 0");
    p.kpis.share_last / p.kpis.share_first
}

/// Lots deployed inside the horizon (machines bought during the plan).
fn new_lots(s: &Scenario) -> usize {
    s.fleet.iter().filter(|l| l.deploy_month >= s.start_month).count()
}

fn assert_round_trip(file: &str) {
    let s = load(file);
    let text = format::to_text(&s).expect("serializes");
    let back = format::parse_valid(&text).unwrap_or_else(|e| panic!("saves/{file} re-saved does not load: {e}"));
    assert_eq!(back, s, "saves/{file}: re-saving changes the scenario");
    assert_eq!(format::to_text(&back).expect("serializes"), text, "saves/{file}: re-saved text is not stable");
}

#[test]
fn every_save_loads_and_projects() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(saves_dir())
        .expect("saves/ exists")
        .map(|e| e.expect("readable saves/ entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "expected the three shipped saves, found {files:?}");
    for path in &files {
        let s = load_scenario(path).unwrap_or_else(|e| panic!("{e}"));
        assert!(!s.description.trim().is_empty(), "{}: the description carries the sources", path.display());
        let p = engine::project(&s).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(p.months.len() as i64, s.horizon_months, "{}", path.display());
    }
}

#[test]
fn ice_cube_share_melts() {
    let s = load("ice_cube.ron");
    assert_eq!(new_lots(&s), 0, "the ice cube buys no machines");
    assert!(s.hosting.is_empty());
    let p = project("ice_cube.ron", &s);
    assert!(p.months.iter().all(|r| r.capex_usd == 0.0), "no capex in any month");

    let k = &p.kpis;
    assert!(k.share_last < 0.5 * k.share_first, "share {} -> {}: melted less than half", k.share_first, k.share_last);
    // It melts (the fleet still hashes at the end), not merely switched off,
    // and it melts every single month as the network grows.
    assert!(k.share_last > 0.0, "the fleet should still be hashing in the last month");
    for w in p.months.windows(2) {
        assert!(w[1].network_hashrate_ehs > w[0].network_hashrate_ehs);
        assert!(w[1].hashrate_share < w[0].hashrate_share, "share grew in {}", w[1].month_label());
    }
    assert!(k.first_distress_month.is_none(), "cash goes negative in {:?}", k.first_distress_month);
}

#[test]
fn keep_buying_holds_share_and_converts_at_maturity() {
    let s = load("keep_buying.ron");
    assert!(new_lots(&s) >= 3, "several lots deployed over the horizon");
    let equipment_loans = s
        .financing
        .debt
        .iter()
        .filter(|d| {
            d.kind == DebtKind::EquipmentLoan
                && d.issue_month >= s.start_month
                && matches!(d.amortization, Amortization::Straight | Amortization::Annuity)
        })
        .count();
    assert!(equipment_loans >= 2, "new lots are financed with amortizing equipment loans");

    // The convertible: a bullet note maturing inside the horizon, where the
    // share price path has reached the conversion price.
    let converts: Vec<_> = s.financing.debt.iter().filter(|d| matches!(d.kind, DebtKind::Convertible { .. })).collect();
    assert_eq!(converts.len(), 1);
    let note = converts[0];
    let DebtKind::Convertible { conversion_price_usd } = note.kind else { unreachable!() };
    assert_eq!(note.amortization, Amortization::Bullet, "the whole principal is outstanding at maturity");
    let m = note.maturity_month.since(s.start_month);
    assert!(m >= 1 && m < s.horizon_months, "the convertible matures inside the horizon");
    let conversion_price = conversion_price_usd.to_f64().unwrap();
    assert!(s.financing.share_price_usd.value_at(s.start_month, m) >= conversion_price, "share price below conversion price");
    assert!(s.financing.equity_raises.iter().all(|r| r.month != note.maturity_month));

    let p = project("keep_buying.ron", &s);
    let m = m as usize;
    let expected = note.principal_usd.to_f64().unwrap() / conversion_price;
    let jump = p.months[m].shares_outstanding - p.months[m - 1].shares_outstanding;
    assert!((jump - expected).abs() <= 1e-9 * expected, "shares jump {jump} in the maturity month, expected {expected}");
    // Nothing else moves the share count.
    for (i, w) in p.months.windows(2).enumerate() {
        if i + 1 != m {
            assert_eq!(w[1].shares_outstanding, w[0].shares_outstanding, "shares move in {}", w[1].month_label());
        }
    }
    assert!(p.months[m].debt_usd < p.months[m - 1].debt_usd, "the converted notes leave the debt");

    // The share holds up: most of it is kept, and at least twice as much of
    // it as the ice cube keeps in the same market.
    let ice = project("ice_cube.ron", &load("ice_cube.ron"));
    assert_eq!(s.market, load("ice_cube.ron").market, "the two stories share one market");
    let (kept, ice_kept) = (retention(&p), retention(&ice));
    assert!(kept >= 0.75, "keep_buying keeps only {kept:.3} of its share");
    assert!(kept >= 2.0 * ice_kept, "keep_buying keeps {kept:.3} of its share, the ice cube {ice_kept:.3}");
    assert!(p.kpis.first_distress_month.is_none(), "cash goes negative in {:?}", p.kpis.first_distress_month);
}

#[test]
fn ai_pivot_hosting_overtakes_mining() {
    let s = load("ai_pivot.ron");
    assert!(!s.hosting.is_empty());
    assert!(s.financing.debt.iter().any(|d| d.kind == DebtKind::SecuredNote && d.issue_month >= s.start_month));
    let p = project("ai_pivot.ron", &s);

    let last_year = &p.months[p.months.len() - 12..];
    let hosting: f64 = last_year.iter().map(|r| r.hosting_revenue_usd).sum();
    let mining: f64 = last_year.iter().map(|r| r.mining_revenue_usd).sum();
    assert!(mining > 0.0, "the miners still run");
    assert!(hosting > mining, "last 12 months: hosting {hosting:.0} USD, mining {mining:.0} USD");

    // A pivot, not a start-up: mining alone before the lease begins.
    let first_lease = s.hosting.iter().map(|l| l.start_month.since(s.start_month)).min().unwrap();
    assert!(first_lease > 0);
    assert!(p.months[..first_lease as usize].iter().all(|r| r.hosting_revenue_usd == 0.0 && r.mining_revenue_usd > 0.0));
    assert!(p.kpis.first_distress_month.is_none(), "cash goes negative in {:?}", p.kpis.first_distress_month);
}

#[test]
fn ice_cube_round_trips() {
    assert_round_trip("ice_cube.ron");
}

#[test]
fn keep_buying_round_trips() {
    assert_round_trip("keep_buying.ron");
}

#[test]
fn ai_pivot_round_trips() {
    assert_round_trip("ai_pivot.ron");
}
