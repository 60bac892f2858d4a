//! Figures that explain themselves (issue 19): the leverage cards name the
//! months where leverage is not meaningful and say "no debt" without debt;
//! Compare shows changes of percentages in percentage points, in the app and
//! in `floe compare` (formatted as the app formats it, raw in `--json`); an
//! empty plan shows no negative axes, no "-0.00" and no "1 lots".

use floe::analysis::leverage;

mod common;
use common::{TempDir, floe_binary, plan, repo_path};

#[test]
fn keep_buying_has_no_meaningful_leverage_from_2028_12_to_the_end() {
    let (_, p) = plan("saves/keep_buying.ron");
    let n = leverage::note(&p);
    assert!(!n.no_debt);
    // The monthly rows agree: LTM EBITDA ≤ 0 (leverage None) exactly from 2028-12 on.
    let first_nm = p.months.iter().position(|r| r.leverage.is_none()).unwrap();
    assert_eq!(p.months[first_nm].month.to_string(), "2028-12");
    assert!(p.months[first_nm..].iter().all(|r| r.ltm_ebitda_usd <= 0.0));
    assert_eq!(n.not_meaningful_words().as_deref(), Some("n/m 2028-12 – end"));
    // Its peak (182× in 2028-11) is arithmetic on an LTM EBITDA near zero.
    assert!(p.kpis.peak_leverage.unwrap() > leverage::NEAR_ZERO_MULTIPLE);
    assert!(n.peak_near_zero);
}

#[test]
fn a_plan_with_debt_and_healthy_ebitda_has_no_note() {
    // stress.ron peaks at 5.34× with LTM EBITDA positive throughout.
    let (_, p) = plan("tests/data/stress.ron");
    let n = leverage::note(&p);
    assert!(!n.no_debt && !n.peak_near_zero && !n.peak_net_near_zero && n.not_meaningful.is_empty(), "{n:?}");
    // ai_pivot's peak (93× in its first year, before the tenant pays) is flagged.
    assert!(leverage::note(&plan("saves/ai_pivot.ron").1).peak_near_zero);
}

#[test]
fn floe_compare_prints_figures_as_the_app_does_and_json_keeps_raw_numbers() {
    let dir = TempDir::new("figures-cli");
    let json = dir.path("cmp.json");
    let (a, b) = (repo_path("saves/keep_buying.ron"), repo_path("saves/ai_pivot.ron"));
    let o = floe_binary()
        .arg("compare")
        .args([a.as_os_str(), b.as_os_str()])
        .args(["--kpi".as_ref(), "total_revenue_usd".as_ref(), "--json".as_ref(), json.as_os_str()])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let line = |key: &str| out.lines().find(|l| l.starts_with(&format!("{key}: "))).unwrap().to_owned();
    // Thousands separators and units, as on the app's cards.
    assert!(line("total_revenue_usd").contains("| diff +$381,254,866 |"), "{}", line("total_revenue_usd"));
    assert!(line("total_btc_mined").contains("diff −2,042.4 BTC"), "{}", line("total_btc_mined"));
    // A share changes in percentage points, with no percent of a percent.
    let share = line("share_last");
    assert!(share.contains("diff −0.560 pp | n/m"), "{share}");
    assert_eq!(out.lines().find(|l| l.starts_with("bridge_total: ")), Some("bridge_total: +$381,254,866"));
    assert!(!out.contains("diff -381254866"), "{out}");
    // The JSON keeps the raw numbers.
    let j: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let row = j["kpis"].as_array().unwrap().iter().find(|r| r["key"] == "total_revenue_usd").unwrap();
    let raw = row["diff"].as_f64().unwrap();
    assert!((raw - 381_254_866.0).abs() < 1.0 && raw.fract() != 0.0, "{raw}");
    let share = j["kpis"].as_array().unwrap().iter().find(|r| r["key"] == "share_last").unwrap();
    assert!(share["diff"].as_f64().unwrap() < 0.0 && share["diff_pct"].is_null(), "{share}");
}

#[cfg(feature = "gui")]
mod app {
    use super::*;
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    use floe::app::commands::Action;
    use floe::charts::Chart;

    #[test]
    fn keep_buyings_leverage_card_names_the_months_where_leverage_is_not_meaningful() {
        let dir = TempDir::new("figures-kb");
        let h = common::app::app(Some(repo_path("saves/keep_buying.ron")), &dir.0);
        // Both cards (gross and net) name the months, on a line of their own.
        assert_eq!(h.query_all_by_label_contains("\nn/m 2028-12 – end").count(), 2);
        assert!(h.query_by_label("in 2028-11: EBITDA near zero\nn/m 2028-12 – end").is_some());
        assert!(h.query_by_label("net cash, in 2028-01\nn/m 2028-12 – end").is_some());
        assert!(h.query_by_label("no debt").is_none());
    }

    #[test]
    fn an_empty_plan_says_no_debt_and_shows_no_meaningless_figures() {
        let dir = TempDir::new("figures-empty");
        let mut h = common::app::app(Some(repo_path("saves/ai_pivot.ron")), &dir.0);
        common::app::command(&mut h, Action::New);
        assert!(h.state().doc.scenario.fleet.is_empty());
        assert_eq!(h.query_all_by_label("no debt").count(), 2, "both leverage cards say no debt");
        assert!(h.query_by_label_contains("×").is_none(), "a leverage multiple is shown");
        for tab in [Chart::Share, Chart::Fleet] {
            h.get_by_role_and_label(Role::Button, tab.title()).click();
            h.run();
            for d in &h.state().charts_drawn {
                let (lo, hi) = (d.bounds.min()[1], d.bounds.max()[1]);
                // A margin below zero, never a range around it.
                assert!(lo > -0.1 * hi && lo <= 0.0 && hi >= 0.9, "{}: y from {lo} to {hi}", d.name);
            }
        }
        h.get_by_label("Fleet").click();
        h.run();
        assert!(h.query_by_label_contains("0 lots · 0 machines · 0.00 EH/s nameplate").is_some());
        for bad in ["-0.00", "−0.00", "-0.0 ", "1 lots"] {
            assert!(h.query_by_label_contains(bad).is_none(), "{bad:?} shown");
        }
        h.get_by_role_and_label(Role::Button, "+ Blank lot").click();
        h.run();
        assert!(h.query_by_label_contains("1 lot · 1,000 machines").is_some(), "one lot, singular");
    }

    #[test]
    fn compare_shows_a_change_of_share_in_percentage_points() {
        let dir = TempDir::new("figures-compare");
        let mut h = common::app::app(Some(repo_path("saves/keep_buying.ron")), &dir.0);
        h.state_mut().plans.add(floe::app::plans::OtherPlan::load(&repo_path("saves/ai_pivot.ron")).unwrap()).unwrap();
        h.state_mut().view = floe::app::central::CentralView::Compare;
        h.run();
        assert!(h.query_by_label("−0.560 pp").is_some(), "last month's share falls 0.560 points");
        assert!(h.query_by_label("−19.1 pp").is_some(), "the annual share change in points");
        assert!(h.query_by_label("+$381,254,866").is_some(), "money keeps dollars");
        assert!(h.query_by_label("+56.9 %").is_some(), "money keeps its relative change");
    }
}
