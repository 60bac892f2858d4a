//! The `floe` binary end to end (`CARGO_BIN_EXE_floe`): exit codes and
//! messages for every kind of bad scenario file (each must exit 2, name the
//! file, point at a line or a field, and never panic), a successful
//! `floe run` with CSV and JSON outputs, usage errors, an unwritable output
//! path, and `floe bench`.
//!
//! Needs the default build (the binary is built with the `gui` feature):
//! run with `cargo test --test cli`.

mod common;

use common::{TempDir, repo_path};
use std::path::Path;
use std::process::{Command, Output};

/// The monthly columns of `model.md` then `model-v2.md`, in order (written out here, not taken
/// from the engine, so a change on either side is caught).
const MODEL_COLUMNS: &str = "month,btc_price_usd,network_hashrate_ehs,subsidy_btc,fees_btc,\
hashprice_usd_per_ph_day,fleet_hashrate_ehs,hashrate_share,btc_mined,mining_revenue_usd,\
hosting_revenue_usd,curtailment_credit_usd,power_cost_usd,opex_usd,ebitda_usd,depreciation_usd,\
interest_usd,tax_usd,net_income_usd,capex_usd,debt_usd,cash_usd,btc_held,net_debt_usd,leverage,\
interest_coverage,shares_outstanding,hold_share_capex_usd,\
interest_income_usd,btc_fair_value_change_usd,tax_losses_usd,salvage_proceeds_usd,accelerated_debt_usd,\
mining_ebitda_usd,hosting_ebitda_usd,free_cash_flow_usd";

/// A small valid scenario with one machine lot; the bad files are edits of it.
const GOOD: &str = r#"(
    format_version: 1,
    name: "cli test",
    start_month: "2026-01",
    horizon_months: 12,
    market: (
        btc_price_usd: Growth(start: 100000.0, annual_growth: 0.0),
        network_hashrate_ehs: Points([("2026-01", 1000.0)]),
        start_block_height: 930000,
    ),
    fleet: [
        (
            model: "S21",
            units: 1000,
            hashrate_ths: 200.0,
            power_w: 3500.0,
            deploy_month: "2025-06",
            uptime: 0.97,
        ),
    ],
    power: (contracts: [(name: "PPA", capacity_mw: 10.0, price_usd_per_mwh: "40")]),
    financing: (shares_outstanding: 1000000.0, share_price_usd: Growth(start: 5.0, annual_growth: 0.0)),
)
"#;

fn floe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_floe")).args(args).output().expect("run the floe binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a bad file's message must point at.
enum Points {
    /// `FILE:LINE:COL` with this line.
    Line(usize),
    /// A field path (or the field name) in the message.
    Field(&'static str),
    /// Only the file and this reason (no line or field exists, e.g. a missing file).
    Reason(&'static str),
}

/// `floe run` on `file` must exit 2, name the file, point where `points` says, and not panic.
fn assert_refused(case: &str, file: &Path, points: Points) {
    let out = floe(&["run", file.to_str().expect("UTF-8 temp path")]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{case}: exit status {:?}; stderr:\n{stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{case}: panicked:\n{stderr}");
    assert!(!stderr.contains("VersionProbe"), "{case}: an internal type name reached the user:\n{stderr}");
    let shown = file.display().to_string();
    assert!(stderr.contains(&shown), "{case}: the message does not name {shown}:\n{stderr}");
    match points {
        Points::Line(line) => {
            let prefix = format!("{shown}:{line}:");
            let at = stderr.find(&prefix).unwrap_or_else(|| panic!("{case}: no {prefix}COL in:\n{stderr}"));
            let col = &stderr[at + prefix.len()..];
            assert!(col.starts_with(|c: char| c.is_ascii_digit()), "{case}: no column after {prefix} in:\n{stderr}");
        }
        Points::Field(field) => assert!(stderr.contains(field), "{case}: the message does not name {field}:\n{stderr}"),
        Points::Reason(reason) => assert!(stderr.contains(reason), "{case}: the message does not say {reason:?}:\n{stderr}"),
    }
    assert!(out.stdout.is_empty(), "{case}: no summary on failure, got:\n{}", text(&out.stdout));
}

/// Writes `GOOD` with `from` replaced by `to` (which must occur) into `dir`.
fn edited(dir: &TempDir, name: &str, from: &str, to: &str) -> std::path::PathBuf {
    assert!(GOOD.contains(from), "test bug: {from:?} not in the good scenario");
    let path = dir.path(name);
    std::fs::write(&path, GOOD.replacen(from, to, 1)).expect("write temp file");
    path
}

#[test]
fn the_good_scenario_runs() {
    let dir = TempDir::new("cli-good");
    let path = edited(&dir, "good.ron", "cli test", "cli test");
    let out = floe(&["run", path.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn bad_files_exit_2_and_say_where() {
    let dir = TempDir::new("cli-bad");
    // Syntax error: a missing comma after the name (line 3 of GOOD).
    let f = edited(&dir, "syntax.ron", "name: \"cli test\",", "name: \"cli test\"");
    assert_refused("syntax error", &f, Points::Line(4));
    // Unknown field on line 4 (after `name`).
    let f = edited(&dir, "unknown.ron", "    start_month:", "    colour: 3,\n    start_month:");
    assert_refused("unknown field", &f, Points::Line(4));
    assert_refused("unknown field (named)", &f, Points::Field("colour"));
    // A file from a newer floe.
    let f = edited(&dir, "newer.ron", "format_version: 1", "format_version: 3");
    assert_refused("newer format_version", &f, Points::Field("format_version"));
    // Out of range.
    let f = edited(&dir, "uptime.ron", "uptime: 0.97", "uptime: 1.5");
    assert_refused("uptime 1.5", &f, Points::Field("fleet[0].uptime"));
    // NaN is parsed by RON, then refused by validation.
    let f = edited(&dir, "nan.ron", "uptime: 0.97", "uptime: NaN");
    assert_refused("NaN", &f, Points::Field("fleet[0].uptime"));
    // A month that does not exist, on line 4.
    let f = edited(&dir, "month.ron", "start_month: \"2026-01\"", "start_month: \"2026-13\"");
    assert_refused("bad month", &f, Points::Line(4));
    // Empty file.
    let f = dir.path("empty.ron");
    std::fs::write(&f, "").expect("write");
    assert_refused("empty file", &f, Points::Line(1));
    // Binary garbage (not UTF-8): there is no line or field, the message says what is wrong.
    let f = dir.path("garbage.ron");
    std::fs::write(&f, [0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x9f, 0x00, 0x01, 0xfa]).expect("write");
    assert_refused("binary garbage", &f, Points::Reason("not UTF-8"));
    // Missing file.
    let f = dir.path("does-not-exist.ron");
    assert_refused("missing file", &f, Points::Reason("cannot read"));
}

#[test]
fn run_writes_csv_and_json_and_prints_the_summary() {
    let dir = TempDir::new("cli-run");
    let (csv_path, json_path) = (dir.path("out.csv"), dir.path("out.json"));
    let scenario = repo_path("tests/data/reference.ron");
    let out = floe(&[
        "run",
        scenario.to_str().expect("UTF-8"),
        "--csv",
        csv_path.to_str().expect("UTF-8"),
        "--json",
        json_path.to_str().expect("UTF-8"),
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", text(&out.stderr));
    assert!(stdout.lines().any(|l| l.trim_start().starts_with("BTC mined") && l.contains("BTC")), "summary:\n{stdout}");
    assert!(stdout.contains("Peak leverage"), "summary:\n{stdout}");

    let csv = std::fs::read_to_string(&csv_path).expect("CSV written");
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(csv.lines().next(), Some(MODEL_COLUMNS));
    assert_eq!(rows.len(), 61, "header + 60 months");
    let leverage_col = MODEL_COLUMNS.split(',').position(|c| c == "leverage").expect("leverage column");

    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json_path).expect("JSON written")).expect("valid JSON");
    assert_eq!(json["scenario"], "Reference: hold the line, then pivot 100 MW to AI");
    assert!(json["kpis"].is_object(), "kpis: {}", json["kpis"]);
    assert!(json["kpis"]["total_btc_mined"].as_f64().is_some_and(|v| v > 0.0));
    let months = json["months"].as_array().expect("months array");
    assert_eq!(months.len(), 60);
    let mut undefined = 0;
    for (i, (m, row)) in months.iter().zip(&rows[1..]).enumerate() {
        assert_eq!(m["month"], row[0], "month {i}");
        let empty = row[leverage_col].is_empty();
        assert_eq!(m["leverage"].is_null(), empty, "month {i}: JSON leverage {} vs CSV {:?}", m["leverage"], row[leverage_col]);
        undefined += usize::from(empty);
    }
    assert!(undefined > 0, "the reference has months with undefined leverage");
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let scenario = repo_path("tests/data/reference.ron");
    for args in [vec!["run", scenario.to_str().expect("UTF-8"), "--frobnicate"], vec!["--frobnicate"], vec!["run"]] {
        let out = floe(&args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("usage"), "{args:?}: no usage in:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn unwritable_output_exits_1_and_names_the_path() {
    let dir = TempDir::new("cli-unwritable");
    let target = dir.path("no-such-folder").join("out.csv");
    let scenario = repo_path("tests/data/reference.ron");
    let out = floe(&["run", scenario.to_str().expect("UTF-8"), "--csv", target.to_str().expect("UTF-8")]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&target.display().to_string()), "the message does not name the path:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!target.exists());
}

#[test]
fn bench_prints_the_median_projection_time() {
    let scenario = repo_path("tests/data/reference.ron");
    let out = floe(&["bench", scenario.to_str().expect("UTF-8"), "--iterations", "5"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value = stdout
        .lines()
        .find_map(|l| l.strip_prefix("projection_us: "))
        .unwrap_or_else(|| panic!("no `projection_us: N` line in:\n{stdout}"));
    let us: f64 = value.trim().parse().unwrap_or_else(|e| panic!("{value:?} is not a number: {e}"));
    assert!(us.is_finite() && us > 0.0, "{us}");
}

#[test]
fn an_engine_overflow_exits_2_and_names_the_month_and_column_by_its_label() {
    let dir = TempDir::new("cli-overflow");
    // Valid (finite, growth above -100 %), but the price overflows f64 within a month.
    let file = edited(
        &dir,
        "overflow.ron",
        "btc_price_usd: Growth(start: 100000.0, annual_growth: 0.0)",
        "btc_price_usd: Growth(start: 1e300, annual_growth: 1e12)",
    );
    let out = floe(&["run", file.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "a plan that overflows is bad input; stderr:\n{stderr}");
    // By hand: P(m) = 1e300 × (1 + 1e12)^(m/12) ≈ 1e300 × 10^m. Hashprice = (subsidy + fees) / days × P
    // / (N × 1000), evaluated left to right; in 2026-07 (m = 6) the product 13,950 BTC / 31 days × 1e306
    // = 450 × 1e306 = 4.5e308 already exceeds f64::MAX (1.8e308) before the division. Earlier months stay finite.
    assert!(stderr.contains(&file.display().to_string()), "{stderr}");
    assert!(stderr.contains("arithmetic overflow in 2026-07: Hashprice is not a finite number"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[cfg(feature = "gui")]
#[test]
fn without_a_display_the_app_explains_and_points_to_floe_run() {
    let out = Command::new(env!("CARGO_BIN_EXE_floe"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .expect("run the floe binary");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(stderr.contains("no display found") && stderr.contains("floe run FILE.ron"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn run_writes_the_investments_table_of_a_format_2_plan() {
    let dir = TempDir::new("cli-investments");
    let out_path = dir.path("inv.csv");
    let file = repo_path("tests/data/stress_v2.ron");
    let out = floe(&["run", file.to_str().unwrap(), "--investments", out_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "stderr:\n{}", text(&out.stderr));
    let csv = std::fs::read_to_string(&out_path).expect("investments written");
    // The independent implementation's table, as compare_csv.py reads it (tests/examples.rs compares every cell).
    let expected = std::fs::read_to_string(repo_path("tests/data/stress_v2.investments.expected.csv")).unwrap();
    assert_eq!(csv.lines().next(), expected.lines().next(), "header");
    let names: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').nth(1).unwrap()).collect();
    assert_eq!(names, ["Antminer S21 XP (2026-04)", "Edge GPU pods"]);
    assert!(text(&out.stdout).contains("Plan NPV"), "the summary names the plan NPV");
    // Two outputs on one file are refused before anything is written.
    let same = dir.path("same.csv");
    let out = floe(&["run", file.to_str().unwrap(), "--csv", same.to_str().unwrap(), "--investments", same.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--csv and --investments both name"), "{}", text(&out.stderr));
    assert!(!same.exists());
}
