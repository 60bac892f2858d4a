//! The command line: argument parsing and the headless commands `run`,
//! `bench`, and (in [`present`]) `export` and `report`. Exit codes: 0 success, 2 bad input or usage, 1 failure while
//! running (an output that cannot be written, an engine overflow).
//!
//! Output never panics: stdout and stderr are written with `writeln!` and the
//! error handled. A closed pipe (`floe run x.ron | head -c 1`) ends quietly
//! with exit 0, as other command-line tools do; any other stdout error (a
//! full disk) is exit 1 with a message on stderr.

pub mod decide;
pub mod present;
pub mod workbook;

use crate::periods::Period;
use crate::{engine, io, statements, tabular};
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const USAGE: &str = concat!(
    "\
usage:
  floe                      open the app
  floe FILE.ron             open the app on a scenario
  floe run FILE.ron [--csv OUT.csv] [--json OUT.json] [--investments OUT.csv]
           [--statements OUT.csv [--period month|quarter|year]]
                            project headless and print the KPI summary; --investments writes
                            each purchase's payback, IRR and NPV; --statements the income and
                            cash-flow statements by period (default year)
  floe bench FILE.ron [--iterations N]
                            time N full projections (default 1000), print the median
  floe compare A.ron B.ron [--kpi NAME] [--json OUT]
                            KPI table, what changed, and the KPI bridge from A to B
  floe sensitivity FILE.ron [--kpi NAME] [--shock F] [--json OUT]
                            tornado of 8 drivers at ±F (default 0.2) and a two-way table
  floe breakeven FILE.ron [--json OUT]
                            BTC price multiples at which cash and the covenant hold
  floe montecarlo FILE.ron [--paths N] [--vol V] [--seed S] [--time-budget SECONDS] [--json OUT]
                            odds of running out of cash / breaching the covenant
                            (stops after SECONDS, default 60, with the paths done)
",
    "  floe export FILE.ron --out DIR [--charts share,revenue,leverage,cash,fleet] [--scale 1|2]
                            write DIR/<chart>.png for each chart (no display needed)
  floe report FILE.ron --out REPORT.pdf|REPORT.png
                            write the plan report for executives
  floe workbook FILE.ron [MORE.ron ...] --out PLAN.xlsx
                            the plan as an Excel workbook (a Compare sheet with several files)
",
    "  floe --help | --version"
);

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    App(Option<PathBuf>),
    Run { file: PathBuf, csv: Option<PathBuf>, json: Option<PathBuf>, investments: Option<PathBuf>, statements: Option<(PathBuf, Period)> },
    Bench { file: PathBuf, iterations: usize },
    Export { file: PathBuf, out: PathBuf, charts: Vec<String>, scale: u32 },
    Report { file: PathBuf, out: PathBuf },
    Workbook { files: Vec<PathBuf>, out: PathBuf },
    Decide(decide::Decide),
    Help,
    Version,
}

/// Exit code for bad input or usage.
pub const EXIT_BAD_INPUT: i32 = 2;
/// Exit code for a failure while running.
pub const EXIT_FAILURE: i32 = 1;
/// Most projections `floe bench` runs (a million takes minutes already; more
/// is a typo, and the timing buffer must stay small).
pub const MAX_ITERATIONS: usize = 1_000_000;

/// An argument for a message: lossy UTF-8, cut to about 80 characters.
fn shown(arg: &OsStr) -> String {
    crate::ron_text::quote_cut(&arg.to_string_lossy())
}

/// Parses the arguments after the program name (`std::env::args_os`): file
/// names may be any bytes; commands and flags must be UTF-8.
pub fn parse_args(args: &[OsString]) -> Result<Command, String> {
    let Some(first) = args.first() else {
        return Ok(Command::App(None));
    };
    match first.to_str() {
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("-V" | "--version") => Ok(Command::Version),
        Some(cmd @ ("export" | "report")) => present::parse(cmd, &args[1..]),
        Some("workbook") => workbook::parse(&args[1..]),
        Some(cmd @ ("run" | "bench")) => parse_run(cmd, &args[1..]),
        Some(cmd @ ("compare" | "sensitivity" | "breakeven" | "montecarlo")) => decide::parse(cmd, &args[1..]).map(Command::Decide),
        _ if is_flag(first) => Err(format!("unknown option {}", shown(first))),
        _ if args.len() == 1 => Ok(Command::App(Some(PathBuf::from(first)))),
        _ => Err(format!("unexpected arguments after {}", shown(first))),
    }
}

fn is_flag(a: &OsStr) -> bool {
    a.as_encoded_bytes().starts_with(b"-")
}

/// The one argument parser of every command: `args` (after `floe {cmd}`)
/// hold scenario files and flags from `flags`, each followed by its value.
/// `on_flag` gets each flag (as spelled) and its value in order, and may
/// refuse the value. With `one_file`, a second file is refused where it
/// stands; otherwise every file is returned for the command to count.
pub(super) fn parse_flags(
    cmd: &str,
    args: &[OsString],
    flags: &[&str],
    one_file: bool,
    mut on_flag: impl FnMut(&str, &OsString) -> Result<(), String>,
) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if !is_flag(a) {
            if one_file && !files.is_empty() {
                return Err(format!("unexpected argument {}", shown(a)));
            }
            files.push(PathBuf::from(a));
            continue;
        }
        let flag = a.to_str().ok_or_else(|| format!("unknown option {} (not valid UTF-8) for `floe {cmd}`", shown(a)))?;
        if !flags.contains(&flag) {
            return Err(format!("unknown option {} for `floe {cmd}`", crate::ron_text::quote_cut(flag)));
        }
        let long = if flag == "-o" { "--out" } else { flag };
        let value = it.next().ok_or_else(|| format!("{long} needs a value"))?;
        on_flag(flag, value)?;
    }
    Ok(files)
}

/// The single scenario file of a command that takes one.
fn one_file(cmd: &str, files: Vec<PathBuf>) -> Result<PathBuf, String> {
    files.into_iter().next().ok_or_else(|| format!("`floe {cmd}` needs a scenario file"))
}

/// Parses `floe run ...` or `floe bench ...` (`cmd`), given the arguments after it.
fn parse_run(cmd: &str, args: &[OsString]) -> Result<Command, String> {
    let (mut csv, mut json, mut investments, mut iterations) = (None, None, None, 1000usize);
    let (mut statements, mut period) = (None, None);
    let flags: &[&str] = if cmd == "run" { &["--csv", "--json", "--investments", "--statements", "--period"] } else { &["--iterations"] };
    let files = parse_flags(cmd, args, flags, true, |flag, v| {
        match flag {
            "--csv" => csv = Some(PathBuf::from(v)),
            "--json" => json = Some(PathBuf::from(v)),
            "--investments" => investments = Some(PathBuf::from(v)),
            "--statements" => statements = Some(PathBuf::from(v)),
            "--period" => period = Some(parse_period(v)?),
            _ => iterations = parse_iterations(v)?,
        }
        Ok(())
    })?;
    let file = one_file(cmd, files)?;
    if period.is_some() && statements.is_none() {
        return Err("--period goes with --statements OUT.csv".to_owned());
    }
    let statements = statements.map(|out| (out, period.unwrap_or(Period::Year)));
    Ok(if cmd == "run" { Command::Run { file, csv, json, investments, statements } } else { Command::Bench { file, iterations } })
}

fn parse_period(v: &OsStr) -> Result<Period, String> {
    match v.to_str() {
        Some("month") => Ok(Period::Month),
        Some("quarter") => Ok(Period::Quarter),
        Some("year") => Ok(Period::Year),
        _ => Err(format!("--period is month, quarter or year, not {}", shown(v))),
    }
}

fn parse_iterations(v: &OsStr) -> Result<usize, String> {
    let n: u128 = v
        .to_str()
        .and_then(|t| t.parse().ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("--iterations needs a whole number above 0, not {}", shown(v)))?;
    usize::try_from(n)
        .ok()
        .filter(|n| *n <= MAX_ITERATIONS)
        .ok_or_else(|| format!("--iterations {n} is too many: at most {MAX_ITERATIONS} (a million projections already take minutes)"))
}

/// Writes a line to stderr; an error there cannot be reported anywhere, so it is ignored.
pub fn eprint_line(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Writes `text` to stdout and flushes; returns the exit code for the outcome:
/// `ok` on success or a closed pipe, [`EXIT_FAILURE`] (with a message) otherwise.
fn print_out(text: &str, ok: i32) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ok,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ok,
        Err(e) => {
            eprint_line(&format!("error: cannot write to standard output: {e}"));
            EXIT_FAILURE
        }
    }
}

/// Runs a headless command; returns the exit code. `App` is not handled here.
pub fn execute(cmd: &Command) -> i32 {
    match cmd {
        Command::Help => print_out(&format!("floe {}: scenario planner for Bitcoin miners\n\n{USAGE}\n", env!("CARGO_PKG_VERSION")), 0),
        Command::Version => print_out(&format!("floe {}\n", env!("CARGO_PKG_VERSION")), 0),
        Command::Run { file, csv, json, investments, statements } => {
            run(file, [csv, json, investments].map(Option::as_deref), statements.as_ref())
        }
        Command::Bench { file, iterations } => bench(file, *iterations),
        Command::Export { file, out, charts, scale } => present::export(file, out, charts, *scale),
        Command::Report { file, out } => present::report(file, out),
        Command::Workbook { files, out } => workbook::execute(files, out),
        Command::Decide(d) => decide::execute(d),
        Command::App(_) => {
            eprint_line(&format!("floe: this build has no desktop app (built without the `gui` feature)\n\n{USAGE}"));
            EXIT_BAD_INPUT
        }
    }
}

/// Reads a command's scenario; a file that cannot be used is reported (exit 2).
fn load(file: &Path) -> Result<crate::model::Scenario, i32> {
    io::load_scenario(file).map_err(|e| {
        eprint_line(&format!("error: {e}"));
        EXIT_BAD_INPUT
    })
}

/// Reports a failure while working on `file` (an engine overflow); exit 1.
fn failed(file: &Path, e: impl std::fmt::Display) -> i32 {
    eprint_line(&format!("error: {}: {e}", file.display()));
    EXIT_FAILURE
}

/// Projects a loaded scenario. A plan the engine refuses (invalid, or numbers
/// too large to compute) is bad input: reported with the file, exit 2.
fn project(file: &Path, scenario: &crate::model::Scenario) -> Result<engine::Projection, i32> {
    engine::project(scenario).map_err(|e| {
        eprint_line(&format!("error: {}: {e}", file.display()));
        EXIT_BAD_INPUT
    })
}

/// The rule every output follows: resolve where it lands (through links
/// and other spellings) and refuse it, exit 2, when that is an input file.
fn refuse_inputs(inputs: &[&Path], outputs: &[&Path]) -> Result<(), i32> {
    let Some(out) = outputs.iter().find(|o| inputs.iter().any(|i| io::same_file(i, o))) else { return Ok(()) };
    let which = if inputs.len() == 1 { "the scenario" } else { "a scenario" };
    eprint_line(&format!("error: {} is {which} being read; choose another output file", out.display()));
    Err(EXIT_BAD_INPUT)
}

/// One output of `floe run`: its flag, where it goes (if asked), how to write it.
type Output<'a> = (&'static str, Option<&'a Path>, &'a dyn Fn() -> String);

/// `floe run`: the summary, and the monthly CSV, the JSON, the investments
/// CSV and the statements CSV where asked.
fn run(file: &Path, [csv, json, investments]: [Option<&Path>; 3], statements: Option<&(PathBuf, Period)>) -> i32 {
    let scenario = match load(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let projection = match project(file, &scenario) {
        Ok(p) => p,
        Err(code) => return code,
    };
    // Every output is rendered in memory before any is written.
    let by_period = |period: Period| statements::statements(&scenario, &projection, period).csv();
    let render: [Output; 4] = [
        ("--csv", csv, &|| tabular::csv(&projection)),
        ("--json", json, &|| tabular::json(&scenario.name, &projection)),
        ("--investments", investments, &|| tabular::investments_csv(&projection)),
        ("--statements", statements.map(|(out, _)| out.as_path()), &|| statements.map_or_else(String::new, |(_, p)| by_period(*p))),
    ];
    let named: Vec<(&str, &Path)> = render.iter().filter_map(|(flag, path, _)| path.map(|p| (*flag, p))).collect();
    let outputs: Vec<(&Path, String)> = render.iter().filter_map(|(_, path, text)| path.map(|p| (p, text()))).collect();
    if let Err(code) = refuse_inputs(&[file], &outputs.iter().map(|(p, _)| *p).collect::<Vec<_>>()) {
        return code;
    }
    for (i, (fa, a)) in named.iter().enumerate() {
        if let Some((fb, _)) = named[i + 1..].iter().find(|(_, b)| a == b || io::same_file(a, b)) {
            eprint_line(&format!("error: {fa} and {fb} both name {}; choose a file for each", a.display()));
            return EXIT_BAD_INPUT;
        }
    }
    let mut code = 0;
    for (path, text) in &outputs {
        match io::write_atomic(path, text.as_bytes()) {
            Ok(()) => eprint_line(&format!("wrote {}", path.display())),
            Err(e) => {
                eprint_line(&format!("error: cannot write {}: {e}", path.display()));
                code = EXIT_FAILURE;
            }
        }
    }
    print_out(&tabular::summary(&scenario.name, &projection), 0).max(code)
}

fn bench(file: &Path, iterations: usize) -> i32 {
    let scenario = match load(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut times = Vec::with_capacity(iterations.min(MAX_ITERATIONS));
    for _ in 0..iterations {
        let t = Instant::now();
        let p = engine::project_validated(&scenario);
        let us = t.elapsed().as_secs_f64() * 1e6;
        if let Err(e) = std::hint::black_box(p) {
            return failed(file, e);
        }
        times.push(us);
    }
    times.sort_by(f64::total_cmp);
    let Some(median) = times.get(times.len() / 2) else { return EXIT_BAD_INPUT };
    print_out(&format!("projection_us: {median:.1}\n"), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn parses_commands() {
        assert_eq!(parse_args(&[]), Ok(Command::App(None)));
        assert_eq!(parse_args(&args(&["x.ron"])), Ok(Command::App(Some("x.ron".into()))));
        assert_eq!(
            parse_args(&args(&["run", "x.ron", "--csv", "o.csv"])),
            Ok(Command::Run { file: "x.ron".into(), csv: Some("o.csv".into()), json: None, investments: None, statements: None })
        );
        assert_eq!(parse_args(&args(&["bench", "x.ron", "--iterations", "5"])), Ok(Command::Bench { file: "x.ron".into(), iterations: 5 }));
        assert!(parse_args(&args(&["run", "x.ron", "--iterations", "5"])).is_err());
        assert!(parse_args(&args(&["run"])).is_err());
        assert!(parse_args(&args(&["run", "x.ron", "--csv"])).is_err());
        assert!(parse_args(&args(&["bench", "x.ron", "--iterations", "0"])).is_err());
        assert!(parse_args(&args(&["--frobnicate"])).is_err());
    }

    #[test]
    fn statements_take_a_period_defaulting_to_year() {
        let run = |a: &[&str]| parse_args(&args(a));
        let with = |p: Period| {
            Ok(Command::Run { file: "x.ron".into(), csv: None, json: None, investments: None, statements: Some(("s.csv".into(), p)) })
        };
        assert_eq!(run(&["run", "x.ron", "--statements", "s.csv"]), with(Period::Year));
        assert_eq!(run(&["run", "x.ron", "--period", "quarter", "--statements", "s.csv"]), with(Period::Quarter));
        assert_eq!(run(&["run", "x.ron", "--statements", "s.csv", "--period", "month"]), with(Period::Month));
        assert!(run(&["run", "x.ron", "--statements", "s.csv", "--period", "week"]).unwrap_err().contains("month, quarter or year"));
        assert!(run(&["run", "x.ron", "--period", "year"]).unwrap_err().contains("--statements"));
        assert!(run(&["bench", "x.ron", "--statements", "s.csv"]).is_err());
    }

    #[test]
    fn iterations_are_bounded() {
        let ok = parse_args(&args(&["bench", "x.ron", "--iterations", "1000000"]));
        assert_eq!(ok, Ok(Command::Bench { file: "x.ron".into(), iterations: MAX_ITERATIONS }));
        for n in ["1000001", "18446744073709551615", "340282366920938463463374607431768211456", "-1", "1e9"] {
            let e = parse_args(&args(&["bench", "x.ron", "--iterations", n])).unwrap_err();
            assert!(e.contains("--iterations"), "{n}: {e}");
        }
        let e = parse_args(&args(&["bench", "x.ron", "--iterations", "18446744073709551615"])).unwrap_err();
        assert!(e.contains("at most 1000000"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_paths_are_paths_and_non_utf8_flags_are_usage_errors() {
        use std::os::unix::ffi::OsStringExt;
        let name = OsString::from_vec(b"plan-\xff\xfe.ron".to_vec());
        let cmd = parse_args(&[OsString::from("run"), name.clone()]).unwrap();
        assert_eq!(cmd, Command::Run { file: PathBuf::from(&name), csv: None, json: None, investments: None, statements: None });
        assert_eq!(parse_args(std::slice::from_ref(&name)), Ok(Command::App(Some(PathBuf::from(&name)))));
        let flag = OsString::from_vec(b"--cs\xff".to_vec());
        let e = parse_args(&[OsString::from("run"), OsString::from("x.ron"), flag.clone()]).unwrap_err();
        assert!(e.contains("unknown option") && e.contains("UTF-8"), "{e}");
        assert!(parse_args(&[flag]).unwrap_err().contains("unknown option"));
    }

    #[test]
    fn long_arguments_are_cut_in_messages() {
        let long = "x".repeat(10_000);
        let e = parse_args(&args(&["run", "a.ron", &long])).unwrap_err();
        assert!(e.len() < 200, "{} bytes", e.len());
    }
}
