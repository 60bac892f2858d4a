//! Hostile and unlucky input to the `floe` binary (issue 8): arguments that
//! are not UTF-8 or absurd, stdout closed early or on a full device, inputs
//! that are not regular files, outputs that are the input, one output of two
//! failing, and the parser's messages in the user's terms (field path,
//! line:col, bounded length).
//!
//! Run with `cargo test --test hostile`.

mod common;

use common::{TempDir, repo_path};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn floe<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_floe")).args(args).stdin(Stdio::null()).output().expect("run the floe binary")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn reference() -> PathBuf {
    repo_path("tests/data/reference.ron")
}

fn reference_text() -> String {
    std::fs::read_to_string(reference()).expect("reference scenario")
}

/// The reference scenario with `from` (which must occur) replaced by `to`, written into `dir`.
fn edited(dir: &TempDir, name: &str, from: &str, to: &str) -> PathBuf {
    let good = reference_text();
    assert!(good.contains(from), "test bug: {from:?} not in the reference scenario");
    let path = dir.path(name);
    std::fs::write(&path, good.replacen(from, to, 1)).expect("write temp file");
    path
}

/// `floe run FILE` refuses with exit 2; returns stderr, checked for no panic.
fn refused(file: &Path) -> String {
    let out = floe(&[Path::new("run").as_os_str(), file.as_os_str()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}: exit {:?}; stderr:\n{stderr}", file.display(), out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty());
    stderr
}

#[test]
fn a_full_stdout_is_exit_1_with_a_message() {
    let dev_full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(dev_full) = dev_full else { return }; // not every system has /dev/full
    for args in [vec!["run", reference().to_str().expect("UTF-8")], vec!["--help"], vec!["--version"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_floe"))
            .args(&args)
            .stdout(dev_full.try_clone().expect("dup"))
            .stderr(Stdio::piped())
            .output()
            .expect("run floe");
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("cannot write to standard output"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_floe"))
        .args(["run", reference().to_str().expect("UTF-8")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run floe");
    // The reader goes away before floe writes its summary, as `| head -c 1` would after one byte.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "a closed pipe is not an error: {stderr}");
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_a_path() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new("hostile-nonutf8");
    let name = std::ffi::OsStr::from_bytes(b"plan-\xff\xfe.ron");
    let path = dir.0.join(name);
    std::fs::copy(reference(), &path).expect("copy");
    let out = floe(&[std::ffi::OsStr::new("run"), path.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("BTC mined"));
    // As an output name too.
    let csv = dir.0.join(std::ffi::OsStr::from_bytes(b"out-\xff.csv"));
    let out = floe(&[std::ffi::OsStr::new("run"), path.as_os_str(), std::ffi::OsStr::new("--csv"), csv.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&csv).expect("CSV written").starts_with("month,"));
    // A flag that is not UTF-8 is a usage error.
    let flag = std::ffi::OsStr::from_bytes(b"--c\xffv");
    let out = floe(&[std::ffi::OsStr::new("run"), path.as_os_str(), flag]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unknown option") && stderr.contains("usage"), "{stderr}");
}

#[test]
fn absurd_iteration_counts_are_refused() {
    let file = reference();
    for n in ["18446744073709551615", "1000001", "99999999999999999999999999999"] {
        let out = floe(&["bench", file.to_str().expect("UTF-8"), "--iterations", n]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{n}: {stderr}");
        assert!(stderr.contains("--iterations") && stderr.contains("at most 1000000"), "{n}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read() {
    let dir = TempDir::new("hostile-kinds");
    let fifo = dir.path("plan.ron");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    // If the FIFO were opened for reading this would block forever.
    let stderr = refused(&fifo);
    assert!(stderr.contains(&format!("{}: is a named pipe (FIFO), not a file", fifo.display())), "{stderr}");
    let stderr = refused(&dir.0);
    assert!(stderr.contains("is a folder, not a file"), "{stderr}");
    let stderr = refused(Path::new("/dev/zero"));
    assert!(stderr.contains("/dev/zero: is a device, not a file"), "{stderr}");
}

#[test]
fn an_output_that_is_the_input_is_refused() {
    let dir = TempDir::new("hostile-self");
    let me = dir.path("me.ron");
    std::fs::copy(reference(), &me).expect("copy");
    let before = std::fs::read(&me).expect("read");
    let spelled = dir.0.join(".").join("me.ron");
    for (flag, out_path) in [("--csv", &me), ("--json", &spelled)] {
        let out = floe(&["run", me.to_str().expect("UTF-8"), flag, out_path.to_str().expect("UTF-8")]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("is the scenario being read"), "{stderr}");
        assert_eq!(std::fs::read(&me).expect("read"), before, "the scenario was overwritten");
    }
    // Both outputs on one file: the second would silently replace the first.
    let out_path = dir.path("out.txt");
    let out = floe(&[
        "run",
        me.to_str().expect("UTF-8"),
        "--csv",
        out_path.to_str().expect("UTF-8"),
        "--json",
        out_path.to_str().expect("UTF-8"),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--csv and --json both name"), "{stderr}");
    assert!(!out_path.exists());
}

#[test]
fn each_output_reports_its_own_success_or_failure() {
    let dir = TempDir::new("hostile-two");
    let csv = dir.path("out.csv");
    let json = dir.path("no-such-folder").join("out.json");
    let out = floe(&[
        "run",
        reference().to_str().expect("UTF-8"),
        "--csv",
        csv.to_str().expect("UTF-8"),
        "--json",
        json.to_str().expect("UTF-8"),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("wrote {}", csv.display())), "{stderr}");
    assert!(stderr.contains(&format!("cannot write {}", json.display())), "{stderr}");
    assert!(std::fs::read_to_string(&csv).expect("CSV written").starts_with("month,"));
    assert!(!json.exists());
    // A device as an output is refused by kind, not replaced.
    let out = floe(&["run", reference().to_str().expect("UTF-8"), "--csv", "/dev/null"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("/dev/null") && stderr.contains("is a device"), "{stderr}");
}

/// The message for a parse error: `FILE:LINE:COL: MESSAGE`; returns (line, message).
fn parse_message(file: &Path) -> (usize, String) {
    let stderr = refused(file);
    let prefix = format!("error: {}:", file.display());
    let rest = stderr.strip_prefix(&prefix).unwrap_or_else(|| panic!("no {prefix} in:\n{stderr}"));
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts.next().and_then(|l| l.parse().ok()).unwrap_or_else(|| panic!("no line in:\n{stderr}"));
    let col: Option<usize> = parts.next().and_then(|c| c.parse().ok());
    assert!(col.is_some(), "no column in:\n{stderr}");
    (line, parts.next().unwrap_or_default().trim().to_owned())
}

#[test]
fn a_fraction_where_a_whole_number_belongs() {
    let dir = TempDir::new("hostile-whole");
    let f = edited(&dir, "a.ron", "units: 30000,", "units: 15000.5,");
    let (line, message) = parse_message(&f);
    assert_eq!(line, 23);
    assert_eq!(message, "fleet[0].units: expected a whole number, found 15000.5");
    let f = edited(&dir, "b.ron", "units: 40000,", "units: 4e4,");
    assert_eq!(parse_message(&f).1, "fleet[1].units: expected a whole number, found 4e4");
}

#[test]
fn a_missing_comma_names_the_field_before_it() {
    let dir = TempDir::new("hostile-comma");
    let f = edited(&dir, "a.ron", "hashrate_ths: 140.0,", "hashrate_ths: 140.0");
    let (line, message) = parse_message(&f);
    assert_eq!(line, 25);
    assert_eq!(message, "fleet[0].hashrate_ths: expected a comma after the value 140.0 (each field ends with `,`)");
}

#[test]
fn a_number_written_as_text() {
    let dir = TempDir::new("hostile-text");
    let f = edited(&dir, "a.ron", "pue: 1.08,", "pue: \"1.05\",");
    let (line, message) = parse_message(&f);
    assert_eq!(line, 78);
    assert_eq!(message, "power.pue: expected a number, found the text \"1.05\": write it without quotes");
    let f = edited(&dir, "b.ron", "units: 30000,", "units: \"30000\",");
    assert_eq!(parse_message(&f).1, "fleet[0].units: expected a whole number, found the text \"30000\": write it without quotes");
}

#[test]
fn money_with_separators_signs_or_suffixes() {
    let dir = TempDir::new("hostile-money");
    for (i, (from, to, path, shown)) in [
        ("unit_price_usd: \"4200\"", "unit_price_usd: \"3,360.00\"", "fleet[0].unit_price_usd", "\"3,360.00\""),
        ("sga_usd_per_month: \"6000000\"", "sga_usd_per_month: \"$2.5M\"", "opex.sga_usd_per_month", "\"$2.5M\""),
    ]
    .into_iter()
    .enumerate()
    {
        let f = edited(&dir, &format!("m{i}.ron"), from, to);
        let (_, message) = parse_message(&f);
        assert!(message.starts_with(&format!("{path}: money is written as a plain decimal")), "{message}");
        assert!(message.contains("no currency sign, thousands separators or suffixes"), "{message}");
        assert!(message.contains(&format!("found {shown}")), "{message}");
    }
}

#[test]
fn a_missing_field_is_named_by_its_path_and_block_line() {
    let dir = TempDir::new("hostile-missing");
    let good = reference_text();
    let cut: String = good.lines().filter(|l| !l.contains("start_block_height")).map(|l| format!("{l}\n")).collect();
    let f = dir.path("a.ron");
    std::fs::write(&f, cut).expect("write");
    let (_, message) = parse_message(&f);
    assert_eq!(message, "market (line 11): missing field start_block_height");
    let f = edited(&dir, "b.ron", "units: 30000,", "");
    assert_eq!(parse_message(&f).1, "fleet[0] (line 21): missing field units");
}

#[test]
fn long_values_and_many_problems_are_cut() {
    let dir = TempDir::new("hostile-bounded");
    // A 5-million-character month is not echoed whole.
    let f = edited(&dir, "a.ron", "start_month: \"2025-11\"", &format!("start_month: \"{}\"", "9".repeat(5_000_000)));
    let stderr = refused(&f);
    assert!(stderr.len() < 1_000, "{} bytes of stderr", stderr.len());
    assert!(stderr.contains("start_month") && stderr.contains('…'), "{stderr}");
    // 5,000 invalid lots: the first 20 problems, then a count.
    let f = edited(&dir, "b.ron", "fleet: [", &format!("fleet: [{}", BAD_LOT.repeat(5_000)));
    let stderr = refused(&f);
    assert!(stderr.lines().count() <= 23, "{} lines:\n{stderr}", stderr.lines().count());
    assert!(stderr.contains("fleet[0].uptime") && stderr.contains("…and 4980 more"), "{stderr}");
}

/// A lot whose uptime is out of range.
const BAD_LOT: &str = "(model: \"S\", units: 1, hashrate_ths: 100.0, power_w: 3000.0, deploy_month: \"2025-01\", uptime: 1.5),";

#[test]
fn validation_refuses_what_would_mislead_or_overflow_later() {
    let dir = TempDir::new("hostile-validate");
    // The horizon would run past 9999-12 (months used to clamp: every row labelled 9999-12).
    let f = edited(&dir, "a.ron", "start_month: \"2025-11\"", "start_month: \"9999-12\"");
    let stderr = refused(&f);
    assert!(stderr.contains("start_month: with a horizon of 60 months the plan would run past 9999-12"), "{stderr}");
    // A tiny positive hashrate is refused by validation, not by an overflow later.
    let f = edited(&dir, "b.ron", "hashrate_ths: 140.0", "hashrate_ths: 1e-320");
    let stderr = refused(&f);
    assert!(stderr.contains("fleet[0].hashrate_ths: must be at least 0.001 (is 1e-320)"), "{stderr}");
    // Too many lots: one message naming the cap and why.
    let f = edited(&dir, "c.ron", "fleet: [", &format!("fleet: [{}", BAD_LOT.repeat(10_001)));
    let stderr = refused(&f);
    assert!(stderr.contains("fleet: has 10004 items; at most 10000 are allowed (a plan has a few dozen"), "{stderr}");
    assert!(!stderr.contains("uptime"), "{stderr}");
}
