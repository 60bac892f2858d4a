//! `floe workbook FILE.ron [MORE.ron …] --out PLAN.xlsx`: the plan as an
//! Excel workbook ([`crate::workbook`]); with more than one file, a Compare
//! sheet of all of them follows the first plan's sheets.

use super::{Command, EXIT_BAD_INPUT, EXIT_FAILURE, eprint_line};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Parses the arguments after `floe workbook`.
pub fn parse(args: &[OsString]) -> Result<Command, String> {
    let mut out = None;
    let files = super::parse_flags("workbook", args, &["--out", "-o"], false, |_, v| {
        out = Some(PathBuf::from(v));
        Ok(())
    })?;
    if files.is_empty() {
        return Err("`floe workbook` needs a scenario file".to_owned());
    }
    let out = out.ok_or("`floe workbook` needs --out PLAN.xlsx")?;
    if !out.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        return Err(format!("--out {}: the workbook is written as .xlsx", out.display()));
    }
    Ok(Command::Workbook { files, out })
}

/// Writes the workbook of `files` to `out`; returns the exit code.
pub fn execute(files: &[PathBuf], out: &Path) -> i32 {
    let mut loaded = Vec::with_capacity(files.len());
    for file in files {
        if crate::io::same_file(file, out) {
            eprint_line(&format!("error: {} is a scenario being read; choose another output file", out.display()));
            return EXIT_BAD_INPUT;
        }
        let s = match crate::io::load_scenario(file) {
            Ok(s) => s,
            Err(e) => {
                eprint_line(&format!("error: {e}"));
                return EXIT_BAD_INPUT;
            }
        };
        match crate::engine::project(&s) {
            Ok(p) => loaded.push((s, p)),
            Err(e) => {
                eprint_line(&format!("error: {}: {e}", file.display()));
                return EXIT_BAD_INPUT;
            }
        }
    }
    let plans: Vec<crate::workbook::Plan> = loaded.iter().map(|(s, p)| crate::workbook::Plan { scenario: s, projection: p }).collect();
    let written = crate::workbook::workbook(&plans)
        .and_then(|bytes| crate::io::write_atomic(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display())));
    match written {
        Ok(()) => {
            eprint_line(&format!("wrote {}", out.display()));
            0
        }
        Err(e) => {
            eprint_line(&format!("error: {e}"));
            EXIT_FAILURE
        }
    }
}
