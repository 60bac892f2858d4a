//! Issue 20 on the command line: every command answers and no output lands
//! on an input. `report` and `export` refuse an output that is (a link to)
//! the scenario being read; `sensitivity` never panics on a plan `run`
//! accepts (an overflowing shock is a per-driver "not computable");
//! `montecarlo` shows progress and stops at its time budget with the paths
//! done; `compare` never prints "inf %".

mod common;

use common::{TempDir, floe_binary, repo_path};
use std::path::Path;
use std::process::Output;

fn floe(args: &[&str]) -> Output {
    floe_binary().args(args).output().expect("run the floe binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// The reference plan with `from` replaced by `to` (once, checked), written to `dir/name`.
fn variant(dir: &TempDir, name: &str, edits: &[(&str, &str)]) -> std::path::PathBuf {
    let mut t = std::fs::read_to_string(repo_path("tests/data/reference.ron")).unwrap();
    for (from, to) in edits {
        assert!(t.contains(from), "{from} not in reference.ron");
        t = t.replacen(from, to, 1);
    }
    let p = dir.path(name);
    std::fs::write(&p, t).unwrap();
    p
}

#[cfg(unix)]
#[test]
fn report_refuses_an_output_that_links_to_the_scenario() {
    let dir = TempDir::new("out-link-report");
    let plan = dir.path("plan.ron");
    std::fs::copy(repo_path("tests/data/reference.ron"), &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let link = dir.path("out.pdf");
    std::os::unix::fs::symlink(&plan, &link).unwrap();
    let o = floe(&["report", s(&plan), "--out", s(&link)]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("is the scenario being read"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before, "the scenario was changed");
}

#[cfg(unix)]
#[test]
fn export_refuses_a_chart_file_that_links_to_the_scenario() {
    let dir = TempDir::new("out-link-export");
    let plan = dir.path("plan.ron");
    std::fs::copy(repo_path("tests/data/reference.ron"), &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let charts = dir.path("charts");
    std::fs::create_dir(&charts).unwrap();
    std::os::unix::fs::symlink(&plan, charts.join("cash.png")).unwrap();
    let o = floe(&["export", s(&plan), "--out", s(&charts), "--charts", "share,cash"]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("cash.png is the scenario being read"), "{err}");
    assert_eq!(std::fs::read(&plan).unwrap(), before, "the scenario was changed");
    assert!(!charts.join("share.png").exists(), "nothing is written when one output is refused");
}

#[cfg(unix)]
#[test]
fn compare_and_run_outputs_follow_the_same_rule() {
    let dir = TempDir::new("out-link-cmp");
    let a = dir.path("a.ron");
    std::fs::copy(repo_path("tests/data/reference.ron"), &a).unwrap();
    let link = dir.path("cmp.json");
    std::os::unix::fs::symlink(&a, &link).unwrap();
    let o = floe(&["compare", s(&a), s(&repo_path("saves/ai_pivot.ron")), "--json", s(&link)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("is a scenario being read"));
    let o = floe(&["run", s(&a), "--csv", s(&link)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("is the scenario being read"));
}

/// Each money driver near the largest decimal: `run` accepts the plan,
/// `sensitivity` answers (exit 0) with that driver "not computable" and the
/// other drivers' numbers.
#[test]
fn sensitivity_answers_when_a_shock_overflows_a_money_input() {
    let dir = TempDir::new("sens-overflow");
    let huge = "\"70000000000000000000000000000\"";
    let cases = [
        ("hardware_price", ("new_hardware_usd_per_th: \"14.00\"", format!("new_hardware_usd_per_th: {huge}"))),
        ("hosting_rate", ("rate_usd_per_kw_month: \"150.00\"", format!("rate_usd_per_kw_month: {huge}"))),
    ];
    for (driver, (from, to)) in &cases {
        let plan = variant(&dir, &format!("{driver}.ron"), &[(from, to)]);
        let run = floe(&["run", s(&plan)]);
        if run.status.code() != Some(0) {
            // The engine refuses this plan; the case is about plans `run` accepts.
            assert!(!text(&run.stderr).contains("panicked"), "{}", text(&run.stderr));
            continue;
        }
        let o = floe(&["sensitivity", s(&plan)]);
        let (out, err) = (text(&o.stdout), text(&o.stderr));
        assert_eq!(o.status.code(), Some(0), "{driver}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        let line = out.lines().find(|l| l.starts_with(&format!("tornado: {driver}:"))).unwrap_or_else(|| panic!("{out}"));
        assert!(line.contains("not computable"), "{line}");
        let numbers = out.lines().filter(|l| l.starts_with("tornado: btc_price:")).any(|l| !l.contains("undefined"));
        assert!(numbers, "the other drivers still answer:\n{out}");
    }
}

#[test]
fn sensitivity_answers_at_the_largest_shock() {
    let o = floe(&["sensitivity", s(&repo_path("tests/data/reference.ron")), "--shock", "0.99"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).lines().filter(|l| l.starts_with("tornado: ")).count(), 8);
}

#[test]
fn montecarlo_stops_at_its_time_budget_with_the_paths_done() {
    // 13,000 paths of the 360-month, 200-lot plan take over a minute: far beyond 3 s (progress shows every 2 s).
    let plan = repo_path("benches/large.ron");
    let o = floe(&["montecarlo", s(&plan), "--paths", "13000", "--time-budget", "3"]);
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert_eq!(o.status.code(), Some(0), "{err}");
    let value = |k: &str| out.lines().find_map(|l| l.strip_prefix(&format!("{k}: "))).unwrap_or_else(|| panic!("no {k} in {out}"));
    assert_eq!(value("stopped_early"), "true", "{out}");
    assert_eq!(value("paths_requested"), "13000");
    let done: usize = value("paths").parse().unwrap();
    assert!(done > 0 && done < 13_000, "{done}");
    let p: f64 = value("p_out_of_cash").parse().unwrap();
    assert!((0.0..=1.0).contains(&p), "{p}");
    assert!(err.contains("stopped early") && err.contains(&format!("after {done} of 13000 paths")), "{err}");
    assert!(err.contains("montecarlo: ") && err.contains("of 13000 paths after"), "progress on stderr: {err}");
}

#[test]
fn montecarlo_within_its_budget_does_not_stop_early() {
    let o = floe(&["montecarlo", s(&repo_path("tests/data/reference.ron")), "--paths", "300"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(out.contains("paths: 300\n") && out.contains("stopped_early: false\n"), "{out}");
    for bad in ["0", "-1", "x", "inf", "100000"] {
        let o = floe(&["montecarlo", s(&repo_path("tests/data/reference.ron")), "--time-budget", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(text(&o.stderr).contains("--time-budget"), "{}", text(&o.stderr));
    }
}

/// A KPI that is tiny in A (the smallest BTC holding, all mined BTC sold)
/// and not in B: its change is "n/m", not "+inf %".
#[test]
fn compare_prints_no_infinite_percentage() {
    let dir = TempDir::new("cmp-inf");
    let a = variant(&dir, "a.ron", &[("opening_btc: 2000.0", "opening_btc: 5e-324"), ("btc_sell_fraction: 0.8", "btc_sell_fraction: 1.0")]);
    let b = repo_path("tests/data/reference.ron");
    for (x, y) in [(a.as_path(), b.as_path()), (b.as_path(), a.as_path())] {
        let o = floe(&["compare", s(x), s(y)]);
        let out = text(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(!out.contains("inf"), "{out}");
        if x == a.as_path() {
            let line = out.lines().find(|l| l.starts_with("end_btc_held: ")).unwrap();
            assert!(line.ends_with("| n/m"), "{line}");
        }
        assert!(!out.contains("NaN"), "{out}");
    }
}
