//! The command line: argument parsing and the headless commands `run` and
//! `bench`. Exit codes: 0 success, 2 bad input or usage, 1 failure while
//! running (an output that cannot be written, an engine overflow).

use crate::{engine, io, report};
use std::path::PathBuf;
use std::time::Instant;

pub const USAGE: &str = "\
usage:
  floe                      open the app
  floe FILE.ron             open the app on a scenario
  floe run FILE.ron [--csv OUT.csv] [--json OUT.json]
                            project headless and print the KPI summary
  floe bench FILE.ron [--iterations N]
                            time N full projections (default 1000), print the median
  floe --help | --version";

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    App(Option<PathBuf>),
    Run { file: PathBuf, csv: Option<PathBuf>, json: Option<PathBuf> },
    Bench { file: PathBuf, iterations: usize },
    Help,
    Version,
}

/// Exit code for bad input or usage.
pub const EXIT_BAD_INPUT: i32 = 2;
/// Exit code for a failure while running.
pub const EXIT_FAILURE: i32 = 1;

/// Parses the arguments after the program name.
pub fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some(first) = args.first() else {
        return Ok(Command::App(None));
    };
    match first.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "run" | "bench" => {
            let mut file = None;
            let (mut csv, mut json, mut iterations) = (None, None, 1000usize);
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                let mut value = |flag: &str| it.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
                match a.as_str() {
                    "--csv" if first == "run" => csv = Some(PathBuf::from(value("--csv")?)),
                    "--json" if first == "run" => json = Some(PathBuf::from(value("--json")?)),
                    "--iterations" if first == "bench" => {
                        let v = value("--iterations")?;
                        iterations = v
                            .parse()
                            .ok()
                            .filter(|n| *n > 0)
                            .ok_or_else(|| format!("--iterations needs a whole number above 0, not {v:?}"))?;
                    }
                    flag if flag.starts_with('-') => {
                        return Err(format!("unknown option {flag:?} for `floe {first}`"));
                    }
                    path if file.is_none() => file = Some(PathBuf::from(path)),
                    extra => return Err(format!("unexpected argument {extra:?}")),
                }
            }
            let file = file.ok_or_else(|| format!("`floe {first}` needs a scenario file"))?;
            Ok(if first == "run" { Command::Run { file, csv, json } } else { Command::Bench { file, iterations } })
        }
        flag if flag.starts_with('-') => Err(format!("unknown option {flag:?}")),
        path if args.len() == 1 => Ok(Command::App(Some(PathBuf::from(path)))),
        _ => Err(format!("unexpected arguments after {first:?}")),
    }
}

/// Runs a headless command; returns the exit code. `App` is not handled here.
pub fn execute(cmd: &Command) -> i32 {
    match cmd {
        Command::Help => {
            println!("floe {}: scenario planner for Bitcoin miners\n\n{USAGE}", env!("CARGO_PKG_VERSION"));
            0
        }
        Command::Version => {
            println!("floe {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Command::Run { file, csv, json } => run(file, csv.as_deref(), json.as_deref()),
        Command::Bench { file, iterations } => bench(file, *iterations),
        Command::App(_) => {
            eprintln!("floe: this build has no desktop app (built without the `gui` feature)\n\n{USAGE}");
            EXIT_BAD_INPUT
        }
    }
}

fn load(file: &std::path::Path) -> Result<crate::model::Scenario, i32> {
    io::load_scenario(file).map_err(|e| {
        eprintln!("error: {e}");
        EXIT_BAD_INPUT
    })
}

fn run(file: &std::path::Path, csv: Option<&std::path::Path>, json: Option<&std::path::Path>) -> i32 {
    let scenario = match load(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let projection = match engine::project(&scenario) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            return EXIT_FAILURE;
        }
    };
    let outputs = [(csv, report::csv(&projection)), (json, report::json(&scenario.name, &projection))];
    for (path, text) in outputs {
        if let Some(path) = path
            && let Err(e) = io::write_atomic(path, text.as_bytes())
        {
            eprintln!("error: cannot write {}: {e}", path.display());
            return EXIT_FAILURE;
        }
    }
    print!("{}", report::summary(&scenario.name, &projection));
    0
}

fn bench(file: &std::path::Path, iterations: usize) -> i32 {
    let scenario = match load(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let t = Instant::now();
        let p = engine::project_validated(&scenario);
        let us = t.elapsed().as_secs_f64() * 1e6;
        if let Err(e) = std::hint::black_box(p) {
            eprintln!("error: {}: {e}", file.display());
            return EXIT_FAILURE;
        }
        times.push(us);
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!("projection_us: {median:.1}");
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_commands() {
        assert_eq!(parse_args(&[]), Ok(Command::App(None)));
        assert_eq!(parse_args(&args(&["x.ron"])), Ok(Command::App(Some("x.ron".into()))));
        assert_eq!(
            parse_args(&args(&["run", "x.ron", "--csv", "o.csv"])),
            Ok(Command::Run { file: "x.ron".into(), csv: Some("o.csv".into()), json: None })
        );
        assert_eq!(parse_args(&args(&["bench", "x.ron", "--iterations", "5"])), Ok(Command::Bench { file: "x.ron".into(), iterations: 5 }));
        assert!(parse_args(&args(&["run", "x.ron", "--iterations", "5"])).is_err());
        assert!(parse_args(&args(&["run"])).is_err());
        assert!(parse_args(&args(&["run", "x.ron", "--csv"])).is_err());
        assert!(parse_args(&args(&["bench", "x.ron", "--iterations", "0"])).is_err());
        assert!(parse_args(&args(&["--frobnicate"])).is_err());
    }
}
