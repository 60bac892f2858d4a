//! Where in a scenario a parse error happened, in the user's terms: a light
//! scan of the RON text up to the error position recovers the enclosing
//! blocks (`fleet[0]`, `market`), the field being written and the line where
//! each block starts; [`explain`] turns the parser's error into a sentence
//! with that path. The scan never fails: on text it does not understand it
//! simply knows less.

use crate::text_cut::{MAX_QUOTED_CHARS, quote_cut};

/// One open block: `(`, `[` or `{`.
#[derive(Clone, Debug)]
struct Frame {
    /// What the block is the value of: a field name or a list index.
    label: Option<Label>,
    bracket: u8,
    /// Elements seen so far (commas at this level).
    count: usize,
    /// The field whose value is being written, with the offset where the value starts.
    key: Option<(String, usize)>,
    /// 1-based line of the opening bracket.
    line: usize,
}

#[derive(Clone, Debug)]
enum Label {
    Field(String),
    Index(usize),
}

/// The blocks and field open at one position of the text.
#[derive(Debug, Default)]
pub struct Context {
    frames: Vec<Frame>,
}

impl Context {
    /// Path of the innermost block (`fleet[0]`), empty at the top level.
    fn block_path(&self) -> String {
        let mut path = String::new();
        for f in self.frames.iter().skip(1) {
            match &f.label {
                Some(Label::Field(name)) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                Some(Label::Index(i)) => path.push_str(&format!("[{i}]")),
                None => {}
            }
        }
        path
    }

    /// Path of the field being written (`fleet[0].units`), or of the block.
    fn field_path(&self) -> String {
        let mut path = self.block_path();
        if let Some((key, _)) = self.frames.last().and_then(|f| f.key.as_ref()) {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
        }
        path
    }

    /// Offset where the value of the current field starts.
    fn value_start(&self) -> Option<usize> {
        self.frames.last().and_then(|f| f.key.as_ref()).map(|(_, at)| *at)
    }
}

/// Scans `text[..at]` for the blocks and field open at `at`.
pub fn context_at(text: &str, at: usize) -> Context {
    let mut scan = Scanner { text, b: &text.as_bytes()[..at.min(text.len())], i: 0, line: 1, ident: None, ctx: Context::default() };
    while scan.i < scan.b.len() {
        scan.step();
    }
    scan.ctx
}

/// The state of [`context_at`]'s scan: a position in the text, its line,
/// and the blocks open so far.
struct Scanner<'a> {
    text: &'a str,
    /// The text up to the position asked about.
    b: &'a [u8],
    i: usize,
    line: usize,
    /// An identifier just read, waiting to see whether a `:` makes it a field name.
    ident: Option<String>,
    ctx: Context,
}

impl Scanner<'_> {
    /// Reads one token (or one byte) at `i`.
    fn step(&mut self) {
        let (b, i) = (self.b, self.i);
        match b[i] {
            b'\n' => {
                self.line += 1;
                self.i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => self.line_comment(),
            b'/' if b.get(i + 1) == Some(&b'*') => self.block_comment(),
            b'"' => self.string(),
            b'r' if matches!(b.get(i + 1), Some(b'#' | b'"')) => self.raw_string(),
            b':' => {
                if let (Some(name), Some(f)) = (self.ident.take(), self.ctx.frames.last_mut())
                    && f.bracket == b'('
                {
                    f.key = Some((name, i + 1));
                }
                self.i += 1;
            }
            c @ (b'(' | b'[' | b'{') => self.open(c),
            b')' | b']' | b'}' => {
                self.ident = None;
                self.ctx.frames.pop();
                self.i += 1;
            }
            b',' => {
                self.ident = None;
                if let Some(f) = self.ctx.frames.last_mut() {
                    f.count += 1;
                    f.key = None;
                }
                self.i += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => self.identifier(),
            c if c.is_ascii_digit() || c == b'.' || c == b'-' || c == b'+' => self.number(),
            c if c.is_ascii_whitespace() => self.i += 1,
            _ => {
                self.ident = None;
                self.i += 1;
            }
        }
    }

    fn line_comment(&mut self) {
        while self.i < self.b.len() && self.b[self.i] != b'\n' {
            self.i += 1;
        }
    }

    /// A `/* … */` comment, nested ones included.
    fn block_comment(&mut self) {
        let b = self.b;
        let mut depth = 0usize;
        while self.i < b.len() {
            if b[self.i..].starts_with(b"/*") {
                depth += 1;
                self.i += 2;
            } else if b[self.i..].starts_with(b"*/") {
                depth -= 1;
                self.i += 2;
                if depth == 0 {
                    break;
                }
            } else {
                self.line += usize::from(b[self.i] == b'\n');
                self.i += 1;
            }
        }
    }

    fn string(&mut self) {
        let b = self.b;
        self.ident = None;
        self.i += 1;
        while self.i < b.len() && b[self.i] != b'"' {
            self.line += usize::from(b[self.i] == b'\n');
            self.i += if b[self.i] == b'\\' { 2 } else { 1 };
        }
        self.i += 1;
    }

    /// `r"…"` or `r#"…"#` (any number of `#`).
    fn raw_string(&mut self) {
        let b = self.b;
        self.ident = None;
        let hashes = b[self.i + 1..].iter().take_while(|&&h| h == b'#').count();
        self.i += 1 + hashes;
        if b.get(self.i) == Some(&b'"') {
            let mut end = vec![b'"'];
            end.extend(std::iter::repeat_n(b'#', hashes));
            self.i += 1;
            while self.i < b.len() && !b[self.i..].starts_with(&end) {
                self.line += usize::from(b[self.i] == b'\n');
                self.i += 1;
            }
            self.i += end.len();
        }
    }

    /// An opening bracket: a new block, labelled by the field or list index it is the value of.
    fn open(&mut self, bracket: u8) {
        self.ident = None;
        let label = self.ctx.frames.last().and_then(|p| match (p.bracket, &p.key) {
            (b'[', _) => Some(Label::Index(p.count)),
            (_, Some((k, _))) => Some(Label::Field(k.clone())),
            _ => None,
        });
        self.ctx.frames.push(Frame { label, bracket, count: 0, key: None, line: self.line });
        self.i += 1;
    }

    fn identifier(&mut self) {
        let start = self.i;
        while self.i < self.b.len() && (self.b[self.i].is_ascii_alphanumeric() || self.b[self.i] == b'_') {
            self.i += 1;
        }
        self.ident = Some(self.text[start..self.i].to_owned());
    }

    fn number(&mut self) {
        self.ident = None;
        self.i += 1;
        while self.i < self.b.len() && (self.b[self.i].is_ascii_alphanumeric() || self.b[self.i] == b'.' || self.b[self.i] == b'_') {
            self.i += 1;
        }
    }
}

/// The value written at `start`: up to the next `,`, closing bracket or line end, cut short.
fn value_text(text: &str, start: usize) -> String {
    let rest = text.get(start..).unwrap_or("").trim_start();
    if let Some(inner) = rest.strip_prefix('"') {
        let end = inner.find('"').unwrap_or(inner.len());
        return quote_cut(&inner[..end]);
    }
    let end = rest.find([',', ')', ']', '}', '\n']).unwrap_or(rest.len());
    let v = rest[..end].trim();
    let short: String = v.chars().take(MAX_QUOTED_CHARS).collect();
    if short.len() < v.len() { short + "…" } else { short }
}

/// How money is written in a scenario file.
pub const MONEY_HELP: &str =
    "money is written as a plain decimal, like \"3360.00\" or 3360: no currency sign, thousands separators or suffixes such as M or k";

/// The parser's error `code` at byte `at`, explained in the user's terms.
pub fn explain(text: &str, at: usize, ctx: &Context, code: &ron::Error) -> String {
    use ron::Error as E;
    let field = ctx.field_path();
    let block = ctx.block_path();
    let named = |what: &str| if field.is_empty() { what.to_owned() } else { format!("{field}: {what}") };
    let value = ctx.value_start().map(|s| value_text(text, s)).unwrap_or_default();
    let next = text.get(at..).and_then(|t| t.chars().next());
    let prev = text.get(..at).and_then(|t| t.chars().next_back());
    let after_digit = prev.is_some_and(|c| c.is_ascii_digit());
    let quoted = ctx.value_start().and_then(|v| text.get(v..)).is_some_and(|t| t.trim_start().starts_with('"'));
    match code {
        // `units: 15000.5`: the integer ends at the `.` and the parser then wants a comma.
        E::ExpectedComma | E::ExpectedStructLikeEnd | E::ExpectedArrayEnd | E::ExpectedInteger | E::IntegerOutOfBounds
            if after_digit && matches!(next, Some('.' | 'e' | 'E')) && !field.is_empty() =>
        {
            named(&format!("expected a whole number, found {value}"))
        }
        E::ExpectedInteger | E::ExpectedFloat if quoted => {
            let kind = if matches!(code, E::ExpectedInteger) { "a whole number" } else { "a number" };
            named(&format!("expected {kind}, found the text {value}: write it without quotes"))
        }
        E::ExpectedInteger | E::InvalidIntegerDigit { .. } if !field.is_empty() => {
            named(&format!("expected a whole number, found {value}"))
        }
        E::ExpectedFloat => named(&format!("expected a number, found {value}")),
        E::IntegerOutOfBounds => named(&format!("the number {value} is too large")),
        E::InvalidValueForType { expected, .. } | E::Message(expected) if expected.contains("Decimal") => {
            named(&format!("{MONEY_HELP} (found {value})"))
        }
        E::MissingStructField { field: missing, .. } => {
            let line = ctx.frames.last().map_or(1, |f| f.line);
            let whose = if block.is_empty() { "the scenario".to_owned() } else { block };
            format!("{whose} (line {line}): missing field {missing}")
        }
        E::NoSuchStructField { expected, found, .. } => {
            let whose = if block.is_empty() { String::new() } else { format!(" in {block}") };
            format!("unknown field `{found}`{whose}; expected one of: {}", expected.join(", "))
        }
        E::DuplicateStructField { field: twice, .. } => {
            let whose = if block.is_empty() { String::new() } else { format!(" in {block}") };
            format!("field {twice} is written twice{whose}")
        }
        E::NoSuchEnumVariant { expected, found, .. } => named(&format!("unknown kind `{found}`; expected one of: {}", expected.join(", "))),
        E::ExpectedComma if !field.is_empty() && !value.is_empty() => {
            named(&format!("expected a comma after the value {value} (each field ends with `,`)"))
        }
        E::ExceededRecursionLimit => "the file is nested too deeply to be a scenario".to_owned(),
        E::Message(m) => named(m),
        other if field.is_empty() => other.to_string(),
        other => format!("{other} (in {field})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_blocks_lists_and_fields() {
        let t = "(a: 1, fleet: [(x: 1), (units: 15000.5, y: 2)], m: (p: Growth(start: 1)))";
        let at = t.find(".5").unwrap();
        let ctx = context_at(t, at);
        assert_eq!(ctx.field_path(), "fleet[1].units");
        assert_eq!(ctx.block_path(), "fleet[1]");
        let at = t.find("1)))").unwrap();
        assert_eq!(context_at(t, at).field_path(), "m.p.start");
        // Strings, comments and raw strings with brackets do not confuse the scan.
        let t = "(n: \"a(b[\", /* ( [ */ c: r#\"x)\"#, // ]\n d: [1, 2, ";
        assert_eq!(context_at(t, t.len()).block_path(), "d");
        assert_eq!(context_at(t, t.len()).frames.last().unwrap().count, 2);
    }

    #[test]
    fn hostile_text_never_panics() {
        for t in ["", ")))]]]", "r#", "r##\"", "\"\\", "/*", "é:(ü", "a:::(", "[[[[", "1.e+", "(x: r"] {
            for at in 0..=t.len() {
                if t.is_char_boundary(at) {
                    let ctx = context_at(t, at);
                    let _ = explain(t, at, &ctx, &ron::Error::ExpectedComma);
                }
            }
        }
    }
}
