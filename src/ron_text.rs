//! RON text helpers shared by `format` and its `migrate` (both depend on this
//! module): the parser options, [`FormatError`], and the
//! translation of the parser's errors into the user's terms — the field path
//! (`fleet[0].units`), the common mistakes explained (a whole number expected,
//! a number written as text, how money is written, a missing field with the
//! line where its block starts; `ron_path` finds and words them) — with every
//! quoted value cut short and every list of problems bounded.
//!
//! Dependencies go one way: this module uses `ron_path` and `text_cut`;
//! `ron_path` uses only `text_cut`.

use crate::model::{FORMAT_VERSION, Problem};
pub use crate::text_cut::{MAX_QUOTED_CHARS, cut_line, quote_cut};
use serde::Deserialize;
use std::fmt;

/// Problems shown in one message; the rest are counted ("…and N more").
pub const MAX_PROBLEMS_SHOWN: usize = 20;
/// Why a scenario text could not be turned into a valid scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum FormatError {
    /// The text is not valid RON for the format (stops at the first error).
    Parse { line: usize, col: usize, message: String },
    /// Written by a newer floe.
    NewerVersion { found: u64 },
    /// Parsed, but values break the rules (every problem at once).
    Invalid(Vec<Problem>),
    /// The scenario could not be written as text (never written to a file).
    Serialize(String),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Parse { line, col, message } => {
                write!(f, "line {line}, column {col}: {}", cut_line(message))
            }
            FormatError::NewerVersion { found } => write!(
                f,
                "format_version {found} was written by a newer floe; this floe reads format versions up to {FORMAT_VERSION}. Update floe to open it."
            ),
            FormatError::Invalid(problems) => write_problems(f, "", problems),
            FormatError::Serialize(e) => write!(f, "the scenario could not be written as text: {}", cut_line(e)),
        }
    }
}

impl std::error::Error for FormatError {}

/// "N problem(s):" then one indented line per problem (each line prefixed by
/// `prefix`), at most [`MAX_PROBLEMS_SHOWN`], then "…and N more".
pub fn write_problems(f: &mut fmt::Formatter<'_>, prefix: &str, problems: &[Problem]) -> fmt::Result {
    write!(f, "{} problem{}:", problems.len(), if problems.len() == 1 { "" } else { "s" })?;
    for p in problems.iter().take(MAX_PROBLEMS_SHOWN) {
        write!(f, "\n  {prefix}{}", cut_line(&p.to_string()))?;
    }
    if problems.len() > MAX_PROBLEMS_SHOWN {
        write!(f, "\n  …and {} more", problems.len() - MAX_PROBLEMS_SHOWN)?;
    }
    Ok(())
}

/// Parser options: the default recursion limit (128) refuses deeply nested
/// input instead of overflowing the stack; no extensions, so the text means
/// what it says.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
}

/// Parses any RON-deserializable type with the scenario options; errors are in the user's terms.
pub fn from_ron<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, FormatError> {
    ron_options().from_str(text).map_err(|e| parse_error(text, e))
}

/// The parser's error at its line:col, explained with the field path where one is known.
pub fn parse_error(text: &str, e: ron::error::SpannedError) -> FormatError {
    let (line, col) = (e.span.start.line, e.span.start.col);
    let at = byte_offset(text, line, col);
    let ctx = crate::ron_path::context_at(text, at);
    let message = crate::ron_path::explain(text, at, &ctx, &e.code);
    FormatError::Parse { line, col, message: cut_line(&message) }
}

/// Byte offset of a 1-based line and character column (clamped to the text).
fn byte_offset(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
    start + rest.char_indices().nth(col.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_count_characters() {
        let t = "ab\nçd\n";
        assert_eq!(byte_offset(t, 1, 1), 0);
        assert_eq!(byte_offset(t, 2, 2), 5);
        assert_eq!(byte_offset(t, 9, 9), t.len());
        assert_eq!(byte_offset(t, 1, 99), 2);
        assert_eq!(byte_offset(t, 2, 3), 6);
    }
}
