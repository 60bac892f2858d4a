//! The decision commands: `floe compare`, `floe sensitivity`,
//! `floe breakeven` and `floe montecarlo` (issue 10). Each prints
//! `key: value` lines and writes its full result as JSON with `--json OUT`.
//! Bad input (unknown KPI, out-of-range setting, bad file) exits 2.

use super::{EXIT_BAD_INPUT, EXIT_FAILURE, eprint_line, failed, load, print_out, refuse_inputs, shown};
use crate::analysis::{self, breakeven, compare, montecarlo, sensitivity};
use crate::{engine, io, units};
use serde_json::json;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A decision command and its settings.
#[derive(Clone, Debug, PartialEq)]
pub enum Decide {
    Compare {
        a: PathBuf,
        b: PathBuf,
        kpi: String,
        json: Option<PathBuf>,
    },
    Sensitivity {
        file: PathBuf,
        kpi: String,
        shock: f64,
        json: Option<PathBuf>,
    },
    Breakeven {
        file: PathBuf,
        json: Option<PathBuf>,
    },
    /// `budget`: seconds after which the run stops with the paths done.
    MonteCarlo {
        file: PathBuf,
        config: montecarlo::Config,
        budget: f64,
        json: Option<PathBuf>,
    },
}

/// Seconds `floe montecarlo` runs at most by default: long enough for the
/// default 10,000 paths on typical plans, short of a wait that looks hung.
pub const DEFAULT_TIME_BUDGET: f64 = 60.0;
/// The longest time budget accepted (a day).
const MAX_TIME_BUDGET: f64 = 86_400.0;
/// Seconds between two progress lines on stderr (the first after as long).
const PROGRESS_SECONDS: f64 = 2.0;

fn time_budget(v: &OsString) -> Result<f64, String> {
    let what = "a number of seconds above 0 (at most 86400)";
    let t: f64 = number("--time-budget", v, what)?;
    if t.is_finite() && t > 0.0 && t <= MAX_TIME_BUDGET { Ok(t) } else { Err(format!("--time-budget needs {what}, not {}", shown(v))) }
}

fn number<T: std::str::FromStr>(flag: &str, v: &OsString, what: &str) -> Result<T, String> {
    v.to_str().and_then(|t| t.trim().parse().ok()).ok_or_else(|| format!("{flag} needs {what}, not {}", shown(v)))
}

/// Parses the arguments after `cmd` (one of compare, sensitivity, breakeven, montecarlo).
pub fn parse(cmd: &str, args: &[OsString]) -> Result<Decide, String> {
    let (mut kpi, mut json, mut shock) = (analysis::DEFAULT_KPI.to_owned(), None, 0.2);
    let mut config = montecarlo::Config::default();
    let mut budget = DEFAULT_TIME_BUDGET;
    let flags: &[&str] = match cmd {
        "compare" => &["--kpi", "--json"],
        "sensitivity" => &["--kpi", "--shock", "--json"],
        "breakeven" => &["--json"],
        _ => &["--paths", "--vol", "--seed", "--time-budget", "--json"],
    };
    let files = super::parse_flags(cmd, args, flags, false, |flag, v| {
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
            "--time-budget" => budget = time_budget(v)?,
            _ => config.seed = number(flag, v, "a whole number from 0 to 18446744073709551615")?,
        }
        Ok(())
    })?;
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
        _ => Decide::MonteCarlo { file: file(), config, budget, json },
    })
}

/// A delta or KPI for a `key: value` line: plain number or `undefined`.
fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "undefined".to_owned(), units::plain)
}

/// Writes the JSON result (refusing to overwrite an input) and prints `text`.
fn finish(inputs: &[&Path], json: Option<&Path>, value: serde_json::Value, text: &str) -> i32 {
    if let Some(out) = json {
        if let Err(code) = refuse_inputs(inputs, &[out]) {
            return code;
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

/// Runs a decision command; returns the exit code.
pub fn execute(d: &Decide) -> i32 {
    match d {
        Decide::Compare { a, b, kpi, json } => run_compare(a, b, kpi, json.as_deref()),
        Decide::Sensitivity { file, kpi, shock, json } => run_sensitivity(file, kpi, *shock, json.as_deref()),
        Decide::Breakeven { file, json } => run_breakeven(file, json.as_deref()),
        Decide::MonteCarlo { file, config, budget, json } => run_montecarlo(file, config, *budget, json.as_deref()),
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
        Err(e) => return failed(fa, e),
    };
    let pb = match engine::project(&sb) {
        Ok(p) => p,
        Err(e) => return failed(fb, e),
    };
    let table = compare::kpi_table(&pa.kpis, &pb.kpis);
    let changed = compare::what_changed(&sa, &sb);
    let mut out = format!("plan_a: {}\nplan_b: {}\n", sa.name, sb.name);
    // Figures as the app shows them (separators, units, percentage points); `--json` keeps the raw numbers.
    let diff = |k: &crate::schema::Kpi, d: Option<f64>| d.map_or_else(|| "undefined".to_owned(), |d| compare::diff_text(k, d));
    for (r, k) in table.iter().zip(crate::schema::KPIS.iter()) {
        // A change that is no percentage (A is 0 or tiny next to it, or a percentage itself) is "n/m", never "inf %".
        let pct = r.diff_pct.filter(|p| p.is_finite()).map_or_else(|| "n/m".to_owned(), compare::pct_text);
        out += &format!("{}: {} | {} | diff {} | {pct}\n", r.key, r.a, r.b, diff(k, r.diff));
    }
    for c in &changed {
        out += &format!("changed: {c}\n");
    }
    out += &format!("bridge_kpi: {}\n", kpi.key);
    let bridge = compare::bridge(&sa, &sb, kpi);
    match &bridge {
        Ok(br) => {
            for s in &br.steps {
                out += &format!("bridge_step: {}: {}\n", s.group.key(), diff(kpi, s.delta));
            }
            out += &format!("bridge_total: {}\n", diff(kpi, br.total));
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
        (Err(e), _) | (_, Err(e)) => return failed(file, e),
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
        Err(e) => return failed(file, e),
    };
    let cov = b.covenant.unwrap_or(breakeven::Multiple::Zero);
    let mut out = format!("cash_breakeven_multiple: {}\ncovenant_breakeven_multiple: {}\n", b.cash.text(), cov.text());
    out += &format!("cash_breakeven: {}\n", b.words(b.cash));
    if let Some(c) = b.covenant {
        out += &format!("covenant_breakeven: {}\n", b.words(c));
    }
    if b.covenant.is_none() {
        out += "note: the plan has no covenant, so none can be breached\n";
    }
    let value = json!({
        "cash_breakeven_multiple": b.cash.value(),
        "cash_breakeven_usd": b.dollars(b.cash),
        "covenant_breakeven_multiple": cov.value(),
        "covenant_breakeven_usd": b.covenant.and_then(|c| b.dollars(c)),
        "plan_first_month_price_usd": b.plan_first_usd,
        "plan_mean_price_usd": b.plan_mean_usd,
        "has_covenant": b.covenant.is_some(),
        "max_multiple": breakeven::MAX_MULTIPLE,
        "relative_tolerance": breakeven::TOLERANCE,
    });
    finish(&[file], json, value, &out)
}

/// Runs the simulation on this thread while a watcher prints progress on
/// stderr every few seconds and stops it once `budget` seconds have passed.
fn simulate(
    s: &crate::model::Scenario,
    config: &montecarlo::Config,
    budget: f64,
) -> Result<(montecarlo::McResult, bool), montecarlo::McError> {
    let (cancel, progress, stop, done) = (AtomicBool::new(false), AtomicUsize::new(0), AtomicBool::new(false), AtomicBool::new(false));
    let start = Instant::now();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut next = PROGRESS_SECONDS;
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(20));
                let t = start.elapsed().as_secs_f64();
                if t >= budget {
                    stop.store(true, Ordering::Relaxed);
                }
                if t >= next {
                    next += PROGRESS_SECONDS;
                    let n = progress.load(Ordering::Relaxed);
                    eprint_line(&format!("montecarlo: {n} of {} paths after {t:.0} s (time budget {budget} s)", config.paths));
                }
            }
        });
        let r = montecarlo::run_until(s, config, &cancel, &progress, &stop);
        done.store(true, Ordering::Relaxed);
        r
    })
}

fn run_montecarlo(file: &Path, config: &montecarlo::Config, budget: f64, json: Option<&Path>) -> i32 {
    let s = match load(file) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let t = Instant::now();
    let r = simulate(&s, config, budget);
    let elapsed_ms = t.elapsed().as_secs_f64() * 1e3;
    let (r, stopped_early) = match r {
        Ok(r) => r,
        Err(montecarlo::McError::Input(e)) => {
            eprint_line(&format!("error: {}: {e}", file.display()));
            return EXIT_BAD_INPUT;
        }
        Err(e) => return failed(file, e),
    };
    if stopped_early {
        eprint_line(&format!(
            "montecarlo: stopped early: the time budget of {budget} s ran out after {} of {} paths; the odds below are over those paths \
             (--time-budget SECONDS allows longer)",
            r.paths, config.paths
        ));
    }
    let mut out = format!("paths: {}\npaths_requested: {}\nstopped_early: {stopped_early}\n", r.paths, config.paths);
    out += &format!("vol: {}\nseed: {}\n", r.vol, r.seed);
    out += &format!("p_out_of_cash: {}\np_covenant_breach: {}\n", units::plain(r.p_out_of_cash), units::plain(r.p_covenant_breach));
    out += &format!("p_acceleration: {}\n", units::plain(r.p_acceleration));
    for y in &r.by_year {
        out += &format!(
            "by_year: {} (through {}): p_out_of_cash {} | p_covenant_breach {} | p_acceleration {}\n",
            y.year,
            y.through,
            units::plain(y.p_out_of_cash),
            units::plain(y.p_covenant_breach),
            units::plain(y.p_acceleration)
        );
    }
    out += &format!("elapsed_ms: {elapsed_ms:.1}\n");
    let value = json!({
        "result": r, "elapsed_ms": elapsed_ms, "paths_requested": config.paths,
        "stopped_early": stopped_early, "time_budget_s": budget,
    });
    finish(&[file], json, value, &out)
}
