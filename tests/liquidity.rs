//! Liquidity, the figure the minimum-cash floor cannot hold up (issue 18):
//! the liquidity KPIs equal what the monthly columns say on every shipped
//! plan and worked example; the tools default to liquidity at end; the
//! two-way table knows which cells only the floor holds up; breakeven says
//! what its multiple means in dollars.

mod common;

use common::repo_path;
use floe::analysis::breakeven::{self, Multiple};
use floe::analysis::sensitivity::{self, Driver};
use floe::analysis::{self, kpi_by_key};
use floe::engine::{self, KpiId};
use floe::model::Scenario;

const PLANS: [&str; 7] = [
    "saves/ice_cube.ron",
    "saves/keep_buying.ron",
    "saves/ai_pivot.ron",
    "tests/data/reference.ron",
    "tests/data/stress.ron",
    "tests/data/reference_v2.ron",
    "tests/data/stress_v2.ron",
];

fn load(rel: &str) -> Scenario {
    floe::io::load_scenario(&repo_path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn the_liquidity_figures_are_what_the_monthly_columns_say() {
    let shipped: Vec<String> = std::fs::read_dir(repo_path("saves"))
        .unwrap()
        .map(|e| format!("saves/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".ron"))
        .collect();
    for p in &shipped {
        assert!(PLANS.contains(&p.as_str()), "{p} ships but is not checked here");
    }
    for rel in PLANS {
        let p = engine::project(&load(rel)).unwrap();
        let k = &p.kpis;
        // Worked out here from the columns: cash + BTC held × that month's price.
        let liquidity: Vec<f64> = p.months.iter().map(|r| r.cash_usd + r.btc_held * r.btc_price_usd).collect();
        let last = *liquidity.last().unwrap();
        assert!(close(k.liquidity_at_end_usd, last), "{rel}: {} vs {last}", k.liquidity_at_end_usd);
        let lowest = liquidity.iter().copied().fold(f64::INFINITY, f64::min);
        let first_lowest = liquidity.iter().position(|&v| v == lowest).unwrap();
        assert!(close(k.min_liquidity_usd, lowest), "{rel}: {} vs {lowest}", k.min_liquidity_usd);
        assert_eq!(k.min_liquidity_month, Some(p.months[first_lowest].month), "{rel}");
        let sold: f64 = p.months.iter().map(|r| r.flows.treasury_btc_sold_usd / r.btc_price_usd.max(f64::MIN_POSITIVE)).sum();
        assert!((k.treasury_btc_sold - sold).abs() <= 1e-6 * sold.max(1.0), "{rel}: {} vs {sold}", k.treasury_btc_sold);
        let net: f64 = p.months.iter().map(|r| r.net_income_usd).sum();
        assert!(close(k.total_net_income_usd, net), "{rel}");
        assert!(k.min_liquidity_usd <= k.liquidity_at_end_usd, "{rel}");
    }
}

#[test]
fn a_plan_that_sells_btc_for_its_floor_keeps_cash_flat_but_not_liquidity() {
    // keep_buying defends its minimum cash by selling BTC; a lower price path
    // leaves cash at end on the floor while liquidity falls.
    let s = load("saves/keep_buying.ron");
    let base = engine::project(&s).unwrap();
    assert!(base.kpis.treasury_btc_sold > 0.0, "keep_buying sells BTC for its floor");
    let mut low = s.clone();
    Driver::BtcPrice.apply(&mut low, 0.8).unwrap();
    let low = engine::project(&low).unwrap();
    assert!(low.kpis.liquidity_at_end_usd < base.kpis.liquidity_at_end_usd);
}

#[test]
fn the_tools_default_to_liquidity_at_end() {
    assert_eq!(analysis::DEFAULT_KPI, KpiId::LiquidityAtEndUsd.key());
    assert_eq!(analysis::DEFAULT_KPI, "liquidity_at_end_usd");
    let out = common::floe_binary().args(["sensitivity", &repo_path("saves/ai_pivot.ron").to_string_lossy()]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("liquidity_at_end_usd") || text.contains("Liquidity at end"), "{text}");
}

#[test]
fn two_way_cells_held_up_by_the_floor_are_marked_and_only_those() {
    let s = load("saves/keep_buying.ron");
    let cash = kpi_by_key("end_cash_usd").unwrap();
    let t = sensitivity::two_way(&s, cash, 0.2).unwrap();
    let mut marked = 0;
    for (r, row) in t.floor.iter().enumerate() {
        for (c, &on_floor) in row.iter().enumerate() {
            // The same cell worked out again: the treasury sold BTC in its last month.
            let mut cell = s.clone();
            Driver::BtcPrice.apply(&mut cell, t.price_factors[r]).unwrap();
            Driver::NetworkGrowth.apply(&mut cell, t.growth_factors[c]).unwrap();
            let p = engine::project(&cell).unwrap();
            let sold_last = p.months.last().unwrap().treasury_btc_sold > 0.0;
            assert_eq!(on_floor, sold_last, "cell {r},{c}");
            if on_floor {
                marked += 1;
                let floor = p.months.last().unwrap().cash_usd;
                assert!(close(t.cells[r][c].unwrap(), floor), "a floor cell shows the floor");
            }
        }
    }
    assert!(marked > 0, "keep_buying's cash at end sits on the floor in some cells");
    // Liquidity is never held up by the floor.
    let liq = sensitivity::two_way(&s, kpi_by_key("liquidity_at_end_usd").unwrap(), 0.2).unwrap();
    assert!(liq.floor.iter().flatten().all(|&f| !f));
}

#[test]
fn breakeven_says_what_its_multiple_means_in_dollars() {
    let s = load("saves/keep_buying.ron");
    let b = breakeven::breakeven(&s).unwrap();
    let Multiple::At(x) = b.cash else { panic!("keep_buying has a cash breakeven: {:?}", b.cash) };
    let path = s.market.btc_price_usd.values(s.start_month, s.horizon_months as usize);
    let mean = path.iter().sum::<f64>() / path.len() as f64;
    let d = b.dollars(b.cash).unwrap();
    assert!(close(d.first_month_usd, x * path[0]));
    assert!(close(d.mean_usd, x * mean));
    let words = b.words(b.cash);
    assert!(words.starts_with(&format!("{x:.2}× the plan's price path: $")), "{words}");
    assert!(words.contains(&floe::units::usd(x * path[0])) && words.contains(&floe::units::usd(x * mean)), "{words}");
    // The CLI prints the same sentence, and the JSON the dollars.
    let dir = std::env::temp_dir().join(format!("floe-breakeven-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("b.json");
    let out = common::floe_binary()
        .args(["breakeven", &repo_path("saves/keep_buying.ron").to_string_lossy(), "--json", &json.to_string_lossy()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("cash_breakeven: {words}")), "{text}");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let first = v["cash_breakeven_usd"]["first_month_usd"].as_f64().unwrap();
    assert!(close(first, x * path[0]), "{v}");
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(feature = "gui")]
#[test]
fn goal_seek_in_the_app_defaults_to_liquidity_at_end_too() {
    let view = floe::app::risk::RiskView::default();
    assert_eq!(view.kpi, "liquidity_at_end_usd");
    assert_eq!(view.seek.kpi, "liquidity_at_end_usd");
}
