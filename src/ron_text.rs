//! RON text helpers shared by `format` and its `migrate` (both depend on this
//! module): the parser options, [`FormatError`], and the
//! translation of the parser's errors into the user's terms — the field path
//! (`fleet[0].units`), the common mistakes explained (a whole number expected,
//! a number written as text, how money is written, a missing field with the
//! line where its block starts) — with every quoted value cut short and every
//! list of problems bounded.

use crate::model::{FORMAT_VERSION, Problem};
use serde::Deserialize;
use std::fmt;

/// Problems shown in one message; the rest are counted ("…and N more").
pub const MAX_PROBLEMS_SHOWN: usize = 20;
/// Characters of a quoted value shown in a message.
pub const MAX_QUOTED_CHARS: usize = 80;
/// Characters of one message line (a problem or a parse message).
const MAX_LINE_CHARS: usize = 400;

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

/// `text` in double quotes, cut to [`MAX_QUOTED_CHARS`] characters ("…" marks the cut).
pub fn quote_cut(text: &str) -> String {
    let mut out: String = text.chars().take(MAX_QUOTED_CHARS).flat_map(char::escape_debug).collect();
    if text.chars().nth(MAX_QUOTED_CHARS).is_some() {
        out.push('…');
    }
    format!("\"{out}\"")
}

/// A message line with every quoted run (`"…"` or `` `…` ``) longer than
/// [`MAX_QUOTED_CHARS`] cut, and the whole line cut to a few hundred characters.
pub fn cut_line(message: &str) -> String {
    let mut out = String::new();
    let mut run = 0usize; // characters inside the current quote
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push(c);
            }
            Some(_) => {
                run += 1;
                if run <= MAX_QUOTED_CHARS {
                    out.push(c);
                } else if run == MAX_QUOTED_CHARS + 1 {
                    out.push('…');
                }
            }
            None => {
                if c == '"' || c == '`' {
                    quote = Some(c);
                    run = 0;
                }
                out.push(c);
            }
        }
    }
    if out.chars().count() > MAX_LINE_CHARS {
        out = out.chars().take(MAX_LINE_CHARS).collect::<String>() + "…";
    }
    out
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
    fn quotes_are_cut() {
        let long = "x".repeat(5_000_000);
        let q = quote_cut(&long);
        assert_eq!(q.chars().count(), MAX_QUOTED_CHARS + 3);
        assert!(q.ends_with("…\""));
        assert_eq!(quote_cut("a\"b"), "\"a\\\"b\"");
        let line = cut_line(&format!("name {long:?} is not a month"));
        assert!(line.len() < 200 && line.ends_with("\" is not a month"), "{line}");
    }

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
