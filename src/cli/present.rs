//! The presenting commands: `floe export` (chart images) and `floe report`
//! (the plan report as PDF or PNG). Parsing works in every build; drawing
//! needs the `gui` feature (egui renders the images offscreen).

use super::{Command, EXIT_BAD_INPUT, EXIT_FAILURE, eprint_line, shown};
use crate::charts::Chart;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Parses `floe export ...` or `floe report ...` (`cmd`), given the arguments after it.
pub fn parse(cmd: &str, args: &[OsString]) -> Result<Command, String> {
    let (mut out, mut charts, mut scale) = (None, None, 1u32);
    let flags: &[&str] = if cmd == "export" { &["--out", "-o", "--charts", "--scale"] } else { &["--out", "-o"] };
    let files = super::parse_flags(cmd, args, flags, true, |flag, v| {
        match flag {
            "--charts" => charts = Some(parse_charts(v)?),
            "--scale" => scale = parse_scale(v)?,
            _ => out = Some(PathBuf::from(v)),
        }
        Ok(())
    })?;
    let file = super::one_file(cmd, files)?;
    let out = out.ok_or_else(|| format!("`floe {cmd}` needs --out {}", if cmd == "export" { "DIR" } else { "REPORT.pdf" }))?;
    if cmd == "export" {
        let charts = charts.unwrap_or_else(|| Chart::keys().into_iter().map(str::to_owned).collect());
        return Ok(Command::Export { file, out, charts, scale });
    }
    report_format(&out)?;
    Ok(Command::Report { file, out })
}

fn parse_charts(v: &std::ffi::OsStr) -> Result<Vec<String>, String> {
    let text = v.to_str().ok_or_else(|| format!("--charts {} is not valid UTF-8", shown(v)))?;
    let mut out: Vec<String> = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if Chart::from_key(name).is_none() {
            return Err(format!("unknown chart {}; the charts are {}", crate::ron_text::quote_cut(name), Chart::keys().join(", ")));
        }
        if !out.iter().any(|c| c == name) {
            out.push(name.to_owned());
        }
    }
    if out.is_empty() {
        return Err(format!("--charts needs at least one of {}", Chart::keys().join(", ")));
    }
    Ok(out)
}

fn parse_scale(v: &std::ffi::OsStr) -> Result<u32, String> {
    match v.to_str() {
        Some("1") => Ok(1),
        Some("2") => Ok(2),
        _ => Err(format!("--scale is 1 or 2, not {}", shown(v))),
    }
}

/// The report's format from the output's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Pdf,
    Png,
}

pub fn report_format(out: &Path) -> Result<ReportFormat, String> {
    match out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("pdf") => Ok(ReportFormat::Pdf),
        Some("png") => Ok(ReportFormat::Png),
        _ => Err(format!("--out {}: the report is written as .pdf or .png", out.display())),
    }
}

/// The scenario and its projection, or the exit code (reported).
fn load(file: &Path) -> Result<(crate::model::Scenario, crate::engine::Projection), i32> {
    let scenario = super::load(file)?;
    let projection = super::project(file, &scenario)?;
    Ok((scenario, projection))
}

/// `floe export`: one PNG per chart in `out`.
pub fn export(file: &Path, out: &Path, charts: &[String], scale: u32) -> i32 {
    let (scenario, projection) = match load(file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    // Each chart lands in `out`; none may replace the scenario (a link there to it).
    let pngs: Vec<PathBuf> = charts.iter().map(|c| out.join(format!("{c}.png"))).collect();
    if let Err(code) = super::refuse_inputs(&[file], &pngs.iter().map(PathBuf::as_path).collect::<Vec<_>>()) {
        return code;
    }
    draw_charts(file, &scenario, &projection, out, charts, scale)
}

#[cfg(feature = "gui")]
fn draw_charts(file: &Path, s: &crate::model::Scenario, p: &crate::engine::Projection, out: &Path, charts: &[String], scale: u32) -> i32 {
    use crate::charts::ChartInputs;
    use crate::export::{self, chart};
    let off = match export::Offscreen::new() {
        Ok(o) => o,
        Err(e) => {
            eprint_line(&format!("error: {e}"));
            return EXIT_FAILURE;
        }
    };
    let keys: Vec<&str> = charts.iter().map(String::as_str).collect();
    let inputs = ChartInputs::of(s, p);
    match export::charts_to_dir(&off, &inputs, &chart::Caption::new(&s.name, Some(file)), &keys, scale as f32, out) {
        Ok(paths) => {
            paths.iter().for_each(|p| eprint_line(&format!("wrote {}", p.display())));
            0
        }
        Err(e) => {
            eprint_line(&format!("error: {e}"));
            EXIT_FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn draw_charts(_: &Path, _: &crate::model::Scenario, _: &crate::engine::Projection, _: &Path, _: &[String], _: u32) -> i32 {
    eprint_line("error: this build cannot draw images (built without the `gui` feature)");
    EXIT_FAILURE
}

/// `floe report`: the plan report as PDF or PNG.
pub fn report(file: &Path, out: &Path) -> i32 {
    let (scenario, projection) = match load(file) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let Ok(format) = report_format(out) else { return EXIT_BAD_INPUT };
    if let Err(code) = super::refuse_inputs(&[file], &[out]) {
        return code;
    }
    draw_report(file, &scenario, &projection, out, format)
}

#[cfg(feature = "gui")]
fn draw_report(file: &Path, s: &crate::model::Scenario, p: &crate::engine::Projection, out: &Path, format: ReportFormat) -> i32 {
    let bytes = match format {
        ReportFormat::Pdf => crate::export::report::pdf(s, p, Some(file)),
        ReportFormat::Png => crate::export::report::png(s, p, Some(file)),
    };
    match bytes.and_then(|b| crate::io::write_atomic(out, &b).map_err(|e| format!("cannot write {}: {e}", out.display()))) {
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

#[cfg(not(feature = "gui"))]
fn draw_report(_: &Path, _: &crate::model::Scenario, _: &crate::engine::Projection, _: &Path, _: ReportFormat) -> i32 {
    eprint_line("error: this build cannot draw reports (built without the `gui` feature)");
    EXIT_FAILURE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn parses_export_and_report() {
        let all: Vec<String> = ["share", "revenue", "leverage", "cash", "fleet"].map(str::to_owned).to_vec();
        assert_eq!(
            parse("export", &args(&["x.ron", "--out", "d"])),
            Ok(Command::Export { file: "x.ron".into(), out: "d".into(), charts: all, scale: 1 })
        );
        assert_eq!(
            parse("export", &args(&["x.ron", "--out", "d", "--charts", "cash,share,cash", "--scale", "2"])),
            Ok(Command::Export { file: "x.ron".into(), out: "d".into(), charts: vec!["cash".into(), "share".into()], scale: 2 })
        );
        assert_eq!(parse("report", &args(&["x.ron", "--out", "r.PDF"])), Ok(Command::Report { file: "x.ron".into(), out: "r.PDF".into() }));
    }

    #[test]
    fn bad_arguments_are_explained() {
        let e = |cmd: &str, a: &[&str]| parse(cmd, &args(a)).unwrap_err();
        assert!(e("export", &["x.ron"]).contains("--out"));
        assert!(e("export", &["--out", "d"]).contains("scenario file"));
        assert!(e("export", &["x.ron", "--out", "d", "--charts", "pie"]).contains("share, revenue"));
        assert!(e("export", &["x.ron", "--out", "d", "--charts", ","]).contains("at least one"));
        assert!(e("export", &["x.ron", "--out", "d", "--scale", "3"]).contains("1 or 2"));
        assert!(e("report", &["x.ron", "--out", "r.docx"]).contains(".pdf or .png"));
        assert!(e("report", &["x.ron", "--out", "r.pdf", "--scale", "2"]).contains("unknown option"));
    }
}
