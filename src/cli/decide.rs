//! The decision commands: `floe compare`, `floe sensitivity`,
//! `floe breakeven` and `floe montecarlo` (issue 10). Each prints
//! `key: value` lines and writes its full result as JSON with `--json OUT`.
//! Bad input (unknown KPI, out-of-range setting, bad file) exits 2.

use super::{EXIT_BAD_INPUT, EXIT_FAILURE, eprint_line, print_out, shown};
use crate::analysis::{self, breakeven, compare, montecarlo, sensitivity};
use crate::{engine, io, units};
use serde_json::json;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::time::Instant;

/// A decision command and its settings.
#[derive(Clone, Debug, PartialEq)]
pub enum Decide {
    Compare { a: PathBuf, b: PathBuf, kpi: String, json: Option<PathBuf> },
    Sensitivity { file: PathBuf, kpi: String, shock: f64, json: Option<PathBuf> },
    Breakeven { file: PathBuf, json: Option<PathBuf> },
    MonteCarlo { file: PathBuf, config: montecarlo::Config, json: Option<PathBuf> },
}

fn number<T: std::str::FromStr>(flag: &str, v: &OsString, what: &str) -> Result<T, String> {
    v.to_str().and_then(|t| t.trim().parse().ok()).ok_or_else(|| format!("{flag} needs {what}, not {}", shown(v)))
}

/// Parses the arguments after `cmd` (one of compare, sensitivity, breakeven, montecarlo).
pub fn parse(cmd: &str, args: &[OsString]) -> Result<Decide, String> {
    let mut files: Vec<PathBuf> = Vec::new();
    let (mut kpi, mut json, mut shock) = (analysis::DEFAULT_KPI.to_owned(), None, 0.2);
    let mut config = montecarlo::Config::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if !a.as_encoded_bytes().starts_with(b"-") {
            files.push(PathBuf::from(a));
            continue;
        }
        let flag = a.to_str().ok_or_else(|| format!("unknown option {} (not valid UTF-8) for `floe {cmd}`", shown(a)))?;
        let known = match cmd {
            "compare" => ["--kpi", "--json"].contains(&flag),
            "sensitivity" => ["--kpi", "--shock", "--json"].contains(&flag),
            "breakeven" => flag == "--json",
            _ => ["--paths", "--vol", "--seed", "--json"].contains(&flag),
        };
        if !known {
            return Err(format!("unknown option {} for `floe {cmd}`", crate::ron_text::quote_cut(flag)));
        }
        let v = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag {
            "--kpi" => kpi = analysis::kpi_by_key(v.to_str().unwrap_or_default())?.key.to_owned(),
            "--json" => json = Some(PathBuf::from(v)),
            "--shock" => {
                shock = number(flag, v, "a fraction between 0 and 1 (0.2 = ±20 %)")?;
                sensitivity::check_shock(shock)?;
            }
            "--paths" => {
                let n: u64 = number(flag, v, "a whole number of paths")?;
                config.paths = usize::try_from(n).unwrap_or(usize::MAX);
            }
            "--vol" => config.vol = number(flag, v, "an annual volatility as a fraction (0.6 = 60 %)")?,
            _ => config.seed = number(flag, v, "a whole number from 0 to 18446744073709551615")?,
        }
    }
    montecarlo::check(&config).map_err(|e| format!("--{e}"))?;
    let wanted = if cmd == "compare" { 2 } else { 1 };
    if files.len() != wanted {
        let what = if wanted == 2 { "two scenario files (A.ron B.ron)" } else { "one scenario file" };
        return Err(format!("`floe {cmd}` needs {what}, got {}", files.len()));
    }
    let mut files = files.into_iter();
    let mut file = || files.next().unwrap_or_default();
    Ok(match cmd {
        "compare" => Decide::Compare { a: file(), b: file(), kpi, json },
        "sensitivity" => Decide::Sensitivity { file: file(), kpi, shock, json },
        "breakeven" => Decide::Breakeven { file: file(), json },
        _ => Decide::MonteCarlo { file: file(), config, json },
    })
}

fn load(file: &Path) -> Result<crate::model::Scenario, i32> {
    io::load_scenario(file).map_err(|e| {
        eprint_line(&format!("error: {e}"));
        EXIT_BAD_INPUT
    })
}

/// A delta or KPI for a `key: value` line: plain number or `undefined`.
fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "undefined".to_owned(), units::plain)
}

/// Writes the JSON result (refusing to overwrite an input) and prints `text`.
fn finish(inputs: &[&Path], json: Option<&Path>, value: serde_json::Value, text: &str) -> i32 {
    if let Some(out) = json {
        if inputs.iter().any(|i| io::same_file(i, out)) {
            eprint_line(&format!("error: {} is a scenario being read; choose another output file", out.display()));
            return EXIT_BAD_INPUT;
        }
        let body = serde_json::to_string_pretty(&value).unwrap_or_default();
        match io::write_atomic(out, body.as_bytes()) {
            Ok(()) => eprint_line(&format!("wrote {}", out.display())),
            Err(e) => {
                eprint_line(&format!("error: cannot write {}: {e}", out.display()));
                return EXIT_FAILURE;
            }
        }
    }
    print_out(text, 0)
}

fn fail(file: &Path, e: impl std::fmt::Display) -> i32 {
    eprint_line(&format!("error: {}: {e}", file.display()));
    EXIT_FAILURE
}

/// Runs a decision command; returns the exit code.
pub fn execute(d: &Decide) -> i32 {
    match d {
        Decide::Compare { a, b, kpi, json } => run_compare(a, b, kpi, json.as_deref()),
        Decide::Sensitivity { file, kpi, shock, json } => run_sensitivity(file, kpi, *shock, json.as_deref()),
        Decide::Breakeven { file, json } => run_breakeven(file, json.as_deref()),
        Decide::MonteCarlo { file, config, json } => run_montecarlo(file, config, json.as_deref()),
    }
}

fn run_compare(fa: &Path, fb: &Path, kpi: &str, json: Option<&Path>) -> i32 {
    let (sa, sb) = match (load(fa), load(fb)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(c), _) | (_, Err(c)) => return c,
    };
    let Ok(kpi) = analysis::kpi_by_key(kpi) else { return EXIT_BAD_INPUT };
    let pa = match engine::project(&sa) {
        Ok(p) => p,
        Err(e) => return fail(fa, e),
    };
    let pb = match engine::project(&sb) {
        Ok(p) => p,
        Err(e) => return fail(fb, e),
    };
    let table = compare::kpi_table(&pa.kpis, &pb.kpis);
    let changed = compare::what_changed(&sa, &sb);
    let mut out = format!("plan_a: {}\nplan_b: {}\n", sa.name, sb.name);
    for r in &table {
        let pct = r.diff_pct.map_or_else(|| "n/a".to_owned(), |p| format!("{:+.2} %", p * 100.0));
        out += &format!("{}: {} | {} | diff {} | {pct}\n", r.key, r.a, r.b, num(r.diff));
    }
    for c in &changed {
        out += &format!("changed: {c}\n");
    }
    out += &format!("bridge_kpi: {}\n", kpi.key);
    let bridge = compare::bridge(&sa, &sb, kpi);
    match &bridge {
        Ok(br) => {
            for s in &br.steps {
                out += &format!("bridge_step: {}: {}\n", s.group.key(), num(s.delta));
            }
            out += &format!("bridge_total: {}\n", num(br.total));
        }
        Err(why) => out += &format!("bridge: none: {why}\n"),
    }
    let value = json!({
        "plan_a": sa.name, "plan_b": sb.name, "kpis": table, "what_changed": changed,
        "bridge": bridge.as_ref().ok(), "no_bridge_reason": bridge.as_ref().err(),
    });
    finish(&[fa, fb], json, value, &out)
}

fn run_sensitivity(file: &Path, kpi: &str, shock: f64, json: Option<&Path>) -> i32 {
    let s = match load(file) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let Ok(kpi) = analysis::kpi_by_key(kpi) else { return EXIT_BAD_INPUT };
    let (t, w) = match (sensitivity::tornado(&s, kpi, shock), sensitivity::two_way(&s, kpi, shock)) {
        (Ok(t), Ok(w)) => (t, w),
        (Err(e), _) | (_, Err(e)) => return fail(file, e),
    };
    let mut out = format!("kpi: {}\nshock: {shock}\nbase: {}\n", kpi.key, num(t.base));
    for b in &t.bars {
        let note = b.note.as_ref().map_or(String::new(), |n| format!(" ({n})"));
        out +=
            &format!("tornado: {}: low {} | high {} | impact {}{note}\n", b.driver.key(), num(b.low), num(b.high), units::plain(b.impact));
    }
    out += "two_way: rows BTC price ×, columns network growth ×, [base]\n";
    out += &format!("two_way_columns: {}\n", w.growth_factors.iter().map(|f| format!("{f:.2}")).collect::<Vec<_>>().join(" | "));
    for (r, row) in w.cells.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, v)| if (r, c) == w.base { format!("[{}]", num(v.map(|v| v.round()))) } else { num(v.map(|v| v.round())) })
            .collect();
        out += &format!("two_way_row: {:.2}: {}\n", w.price_factors[r], cells.join(" | "));
    }
    finish(&[file], json, json!({ "tornado": t, "two_way": w }), &out)
}

fn run_breakeven(file: &Path, json: Option<&Path>) -> i32 {
    let s = match load(file) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let b = match breakeven::breakeven(&s) {
        Ok(b) => b,
        Err(e) => return fail(file, e),
    };
    let cov = b.covenant.unwrap_or(breakeven::Multiple::Zero);
    let mut out = format!("cash_breakeven_multiple: {}\ncovenant_breakeven_multiple: {}\n", b.cash.text(), cov.text());
    if b.covenant.is_none() {
        out += "note: the plan has no covenant, so none can be breached\n";
    }
    let value = json!({
        "cash_breakeven_multiple": b.cash.value(),
        "covenant_breakeven_multiple": cov.value(),
        "has_covenant": b.covenant.is_some(),
        "max_multiple": breakeven::MAX_MULTIPLE,
        "relative_tolerance": breakeven::TOLERANCE,
    });
    finish(&[file], json, value, &out)
}

fn run_montecarlo(file: &Path, config: &montecarlo::Config, json: Option<&Path>) -> i32 {
    let s = match load(file) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let t = Instant::now();
    let r = montecarlo::run(&s, config, &AtomicBool::new(false), &AtomicUsize::new(0));
    let elapsed_ms = t.elapsed().as_secs_f64() * 1e3;
    let r = match r {
        Ok(r) => r,
        Err(montecarlo::McError::Input(e)) => {
            eprint_line(&format!("error: {}: {e}", file.display()));
            return EXIT_BAD_INPUT;
        }
        Err(e) => return fail(file, e),
    };
    let mut out = format!("paths: {}\nvol: {}\nseed: {}\n", r.paths, r.vol, r.seed);
    out += &format!("p_out_of_cash: {}\np_covenant_breach: {}\n", units::plain(r.p_out_of_cash), units::plain(r.p_covenant_breach));
    for y in &r.by_year {
        out += &format!(
            "by_year: {} (through {}): p_out_of_cash {} | p_covenant_breach {}\n",
            y.year,
            y.through,
            units::plain(y.p_out_of_cash),
            units::plain(y.p_covenant_breach)
        );
    }
    out += &format!("elapsed_ms: {elapsed_ms:.1}\n");
    finish(&[file], json, json!({ "result": r, "elapsed_ms": elapsed_ms }), &out)
}
