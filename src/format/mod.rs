//! Scenario text ⇄ `Scenario`: RON parsing with line/column errors, the
//! `format_version` gate (newer refused, older migrated), and the pretty,
//! diff-friendly writer. Pure: strings in, strings out; file access is `io`.
//!
//! Each released format is frozen as its own file types ([`v0`], [`v1`], [`v2`]);
//! [`migrate`] reads a file with its version's types and steps it up to the
//! newest format; [`newest`] maps the newest format to the in-memory model and
//! back. The model may change without changing what an old file means.

pub mod migrate;
pub mod newest;
pub mod v0;
pub mod v1;
pub mod v2;

use crate::model::{FORMAT_VERSION, Scenario, validate};
use serde::Deserialize;

pub use crate::ron_text::FormatError;
use crate::ron_text::{parse_error, ron_options};

/// Reads only `format_version`, ignoring everything else.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default, deserialize_with = "present")]
    format_version: Option<u64>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    u64::deserialize(d).map(Some)
}

/// Parses scenario text of any supported format version (older ones are
/// migrated) without validating values.
pub fn parse(text: &str) -> Result<Scenario, FormatError> {
    parse_versioned(text).map(|(s, _)| s)
}

/// [`parse`], with the format version the text was written in (the app
/// says once that saving moves an older plan to the newest format).
pub fn parse_versioned(text: &str) -> Result<(Scenario, u32), FormatError> {
    if text.trim().is_empty() {
        let message = format!("the file is empty: a floe scenario starts with `(format_version: {FORMAT_VERSION},`");
        return Err(FormatError::Parse { line: 1, col: 1, message });
    }
    // The probe is an internal type: its name must not reach the user.
    let probe: VersionProbe = ron_options().from_str(text).map_err(|e| match parse_error(text, e) {
        FormatError::Parse { line, col, message } => {
            FormatError::Parse { line, col, message: message.replace("struct `VersionProbe`", "a floe scenario") }
        }
        other => other,
    })?;
    match probe.format_version {
        None => Err(FormatError::Parse {
            line: 1,
            col: 1,
            message: format!("missing `format_version`: a floe scenario starts with `format_version: {FORMAT_VERSION},`"),
        }),
        Some(v) if v > FORMAT_VERSION as u64 => Err(FormatError::NewerVersion { found: v }),
        Some(v) => migrate::read(v, text).map(|s| (s, v as u32)),
    }
}

/// Parses and validates: the scenario is ready to project.
pub fn parse_valid(text: &str) -> Result<Scenario, FormatError> {
    let s = parse(text)?;
    let problems = validate(&s);
    if problems.is_empty() { Ok(s) } else { Err(FormatError::Invalid(problems)) }
}

/// Pretty RON in the newest format, fields in declaration order, one per
/// line, money as strings. An error is returned, never text that is not the
/// scenario (a save would write it over the user's file).
pub fn to_text(s: &Scenario) -> Result<String, FormatError> {
    let mut text = pretty(&newest::from_model(s))?;
    text.push('\n');
    Ok(text)
}

fn pretty<T: serde::Serialize>(file: &T) -> Result<String, FormatError> {
    let config = ron::ser::PrettyConfig::new().struct_names(false).indentor("    ").separate_tuple_members(false);
    ron::ser::to_string_pretty(file, config).map_err(|e| FormatError::Serialize(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"(
        format_version: 1,
        name: "m",
        start_month: "2026-01",
        horizon_months: 12,
        market: (
            btc_price_usd: Growth(start: 100000.0, annual_growth: 0.0),
            network_hashrate_ehs: Points([("2026-01", 1000.0)]),
            start_block_height: 930000,
        ),
        financing: (shares_outstanding: 1.0, share_price_usd: Growth(start: 1.0, annual_growth: 0.0)),
    )"#;

    #[test]
    fn defaults_fill_in() {
        let s = parse_valid(MINIMAL).unwrap();
        assert_eq!(s.market.blocks_per_day, 144.0);
        assert_eq!(s.power.pue, 1.0);
        assert!(s.power.economic_shutdown);
        assert_eq!(s.financing.btc_sell_fraction, 1.0);
        assert!(s.fleet.is_empty() && s.hosting.is_empty());
    }

    #[test]
    fn round_trip_is_equal_and_stable() {
        let s = parse_valid(MINIMAL).unwrap();
        let text = to_text(&s).unwrap();
        let back = parse_valid(&text).unwrap();
        assert_eq!(s, back);
        assert_eq!(text, to_text(&back).unwrap());
    }

    #[test]
    fn unknown_field_names_field_and_line() {
        let bad = MINIMAL.replace("horizon_months: 12,", "horizon_months: 12,\n        colour: 3,");
        match parse(&bad) {
            Err(FormatError::Parse { line, message, .. }) => {
                assert_eq!(line, 6);
                assert!(message.contains("colour"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_or_non_scenario_text_gets_a_plain_message() {
        for (text, expected) in
            [("", "the file is empty"), (" \n", "the file is empty"), ("[1]", "a floe scenario"), ("hello", "a floe scenario")]
        {
            match parse(text) {
                Err(FormatError::Parse { line: 1, message, .. }) => {
                    assert!(message.contains(expected) && !message.contains("VersionProbe"), "{text:?}: {message}")
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn newer_version_refused() {
        let bad = MINIMAL.replace("format_version: 1", "format_version: 3");
        assert_eq!(parse(&bad), Err(FormatError::NewerVersion { found: 3 }));
        assert!(parse(&bad).unwrap_err().to_string().contains("newer floe"));
    }

    #[test]
    fn money_accepts_numbers_and_writes_strings() {
        let t = MINIMAL.replace("start_block_height: 930000,", "start_block_height: 930000, new_hardware_usd_per_th: 14.25,");
        let s = parse_valid(&t).unwrap();
        assert_eq!(s.market.new_hardware_usd_per_th.to_string(), "14.25");
        assert!(to_text(&s).unwrap().contains("new_hardware_usd_per_th: \"14.25\""));
    }

    #[test]
    fn nan_and_inf_refused_by_validation() {
        let t = MINIMAL.replace("annual_growth: 0.0),\n            network", "annual_growth: NaN),\n            network");
        match parse_valid(&t) {
            Err(FormatError::Invalid(p)) => {
                assert_eq!(p[0].path(), "market.btc_price_usd.annual_growth")
            }
            other => panic!("{other:?}"),
        }
        let t = MINIMAL.replace("shares_outstanding: 1.0", "shares_outstanding: inf");
        match parse_valid(&t) {
            Err(FormatError::Invalid(p)) => assert_eq!(p[0].path(), "financing.shares_outstanding"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn deep_nesting_refused_not_overflowed() {
        let deep = format!("(format_version: 1, name: {}{})", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(parse(&deep), Err(FormatError::Parse { .. })));
    }
}
