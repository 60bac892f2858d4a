//! The decision commands of the `floe` binary end to end: `compare`,
//! `sensitivity`, `breakeven` and `montecarlo` print their `key: value`
//! lines, write JSON with `--json`, and refuse bad input with exit 2 and a
//! message (unknown KPI with the valid names, out-of-range settings).

mod common;

use common::{TempDir, repo_path};
use std::process::{Command, Output};

fn floe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_floe")).args(args).output().expect("run the floe binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(rel: &str) -> String {
    repo_path(rel).to_string_lossy().into_owned()
}

/// The value of the first `key: value` line.
fn value<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines().find_map(|l| l.strip_prefix(&format!("{key}: "))).unwrap_or_else(|| panic!("no {key} in\n{out}"))
}

#[track_caller]
fn assert_bad_input(o: &Output, needle: &str) {
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(needle), "{needle:?} not in {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn compare_prints_the_kpi_table_and_a_bridge_of_six_steps() {
    let (a, b) = (path("saves/keep_buying.ron"), path("saves/ai_pivot.ron"));
    let dir = TempDir::new("compare");
    let json = dir.0.join("cmp.json");
    let o = floe(&["compare", &a, &b, "--kpi", "total_ebitda_usd", "--json", json.to_str().unwrap()]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(out.contains("end_cash_usd: "), "{out}");
    assert_eq!(value(&out, "bridge_kpi"), "total_ebitda_usd");
    let steps: Vec<&str> = out.lines().filter_map(|l| l.strip_prefix("bridge_step: ")).collect();
    let groups: Vec<&str> = steps.iter().map(|s| s.split(':').next().unwrap()).collect();
    assert_eq!(groups, ["market", "fleet", "power", "hosting", "opex", "financing"]);
    // The text shows dollars as the app does; the JSON keeps the raw numbers, whose steps sum to the total.
    assert!(steps.iter().all(|s| s.contains('$')), "{steps:?}");
    assert!(value(&out, "bridge_total").starts_with("+$"), "{out}");
    assert!(out.contains("changed: Lot 3 (Antminer S21 XP, deployed 2026-03) removed"), "{out}");
    let j: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(j["bridge"]["steps"].as_array().unwrap().len(), 6);
    let sum: f64 = j["bridge"]["steps"].as_array().unwrap().iter().map(|s| s["delta"].as_f64().unwrap()).sum();
    let total = j["bridge"]["total"].as_f64().unwrap();
    assert!((sum - total).abs() <= 1e-6 * total.abs(), "{sum} vs {total}");
    assert!(j["kpis"].as_array().unwrap().len() >= 10);
}

#[test]
fn compare_of_different_horizons_has_no_bridge_and_says_why() {
    let dir = TempDir::new("compare-h");
    let a = path("saves/ai_pivot.ron");
    let text_a = std::fs::read_to_string(&a).unwrap();
    let short = text_a.replacen("horizon_months: 60", "horizon_months: 48", 1);
    assert_ne!(short, text_a, "the example's horizon is 60 months");
    let b = dir.0.join("short.ron");
    std::fs::write(&b, short).unwrap();
    let o = floe(&["compare", &a, b.to_str().unwrap()]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(value(&out, "bridge").contains("different horizons"), "{out}");
    assert!(!out.contains("bridge_step"), "{out}");
}

#[test]
fn sensitivity_prints_eight_drivers_sorted_by_impact() {
    let o = floe(&["sensitivity", &path("saves/ai_pivot.ron"), "--shock", "0.1"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(value(&out, "kpi"), "liquidity_at_end_usd");
    let impacts: Vec<f64> =
        out.lines().filter(|l| l.starts_with("tornado: ")).map(|l| l.rsplit("impact ").next().unwrap().parse().unwrap()).collect();
    assert_eq!(impacts.len(), 8, "{out}");
    assert!(impacts.windows(2).all(|w| w[0] >= w[1]), "{impacts:?}");
    assert_eq!(out.lines().filter(|l| l.starts_with("two_way_row: ")).count(), 5);
    assert!(out.contains('['), "the base cell is marked: {out}");
}

#[test]
fn breakeven_prints_both_multiples() {
    let o = floe(&["breakeven", &path("tests/data/stress.ron")]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let cash: f64 = value(&out, "cash_breakeven_multiple").parse().unwrap();
    let cov: f64 = value(&out, "covenant_breakeven_multiple").parse().unwrap();
    assert!(cash > 0.0 && cash < 100.0 && cov > 0.0 && cov < 100.0, "{out}");
    let o = floe(&["breakeven", &path("saves/ai_pivot.ron")]);
    let out = text(&o.stdout);
    assert_eq!(value(&out, "covenant_breakeven_multiple"), "0", "no covenant: holds at 0×");
}

#[test]
fn montecarlo_prints_probabilities_and_is_reproducible() {
    let dir = TempDir::new("mc");
    let json = dir.0.join("mc.json");
    let file = path("tests/data/reference.ron");
    let args = ["montecarlo", &file, "--paths", "400", "--vol", "0.8", "--seed", "42"];
    let o = floe(&[&args[..], &["--json", json.to_str().unwrap()]].concat());
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    for key in ["p_out_of_cash", "p_covenant_breach"] {
        let p: f64 = value(&out, key).parse().unwrap();
        assert!((0.0..=1.0).contains(&p), "{key}: {p}");
    }
    let ms: f64 = value(&out, "elapsed_ms").parse().unwrap();
    assert!(ms >= 0.0);
    let again = text(&floe(&args).stdout);
    let strip = |s: &str| s.lines().filter(|l| !l.starts_with("elapsed_ms")).collect::<Vec<_>>().join("\n");
    assert_eq!(strip(&out), strip(&again), "same seed, same result");
    let j: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(j["result"]["paths"], 400);
    assert_eq!(j["result"]["cash_usd"].as_array().unwrap().len(), 60);
}

#[test]
fn bad_input_exits_2_with_a_message() {
    let f = path("tests/data/reference.ron");
    let o = floe(&["sensitivity", &f, "--kpi", "ebitdaa"]);
    assert_bad_input(&o, "unknown KPI");
    assert!(text(&o.stderr).contains("end_cash_usd") && text(&o.stderr).contains("peak_net_leverage"), "lists the valid names");
    assert_bad_input(&floe(&["compare", &f, "--kpi", "min_cash_month"]), "unknown KPI");
    assert_bad_input(&floe(&["montecarlo", &f, "--paths", "0"]), "paths");
    assert_bad_input(&floe(&["montecarlo", &f, "--paths", "99999999999999999999"]), "--paths");
    assert_bad_input(&floe(&["montecarlo", &f, "--paths", "10000000"]), "paths must be between 1 and");
    assert_bad_input(&floe(&["montecarlo", &f, "--vol", "-1"]), "vol");
    assert_bad_input(&floe(&["montecarlo", &f, "--seed", "x"]), "--seed");
    assert_bad_input(&floe(&["sensitivity", &f, "--shock", "1.5"]), "shock");
    assert_bad_input(&floe(&["compare", &f]), "two scenario files");
    assert_bad_input(&floe(&["breakeven", &f, "--paths", "3"]), "unknown option");
    assert_bad_input(&floe(&["breakeven", "/nonexistent/plan.ron"]), "plan.ron");
    assert_bad_input(&floe(&["breakeven", &f, "--json", &f]), "being read");
}
