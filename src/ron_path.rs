//! Where in a scenario a parse error happened, in the user's terms: a light
//! scan of the RON text up to the error position recovers the enclosing
//! blocks (`fleet[0]`, `market`), the field being written and the line where
//! each block starts; [`explain`] turns the parser's error into a sentence
//! with that path. The scan never fails: on text it does not understand it
//! simply knows less.

use crate::ron_text::quote_cut;

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
    let b = &text.as_bytes()[..at.min(text.len())];
    let mut ctx = Context::default();
    let (mut i, mut line) = (0usize, 1usize);
    // An identifier just read, waiting to see whether a `:` makes it a field name.
    let mut ident: Option<String> = None;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if b[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        line += usize::from(b[i] == b'\n');
                        i += 1;
                    }
                }
            }
            b'"' => {
                ident = None;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    line += usize::from(b[i] == b'\n');
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'r' if matches!(b.get(i + 1), Some(b'#' | b'"')) => {
                ident = None;
                let hashes = b[i + 1..].iter().take_while(|&&h| h == b'#').count();
                i += 1 + hashes;
                if b.get(i) == Some(&b'"') {
                    let mut end = vec![b'"'];
                    end.extend(std::iter::repeat_n(b'#', hashes));
                    i += 1;
                    while i < b.len() && !b[i..].starts_with(&end) {
                        line += usize::from(b[i] == b'\n');
                        i += 1;
                    }
                    i += end.len();
                }
            }
            b':' => {
                if let (Some(name), Some(f)) = (ident.take(), ctx.frames.last_mut())
                    && f.bracket == b'('
                {
                    f.key = Some((name, i + 1));
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                ident = None;
                let label = ctx.frames.last().and_then(|p| match (p.bracket, &p.key) {
                    (b'[', _) => Some(Label::Index(p.count)),
                    (_, Some((k, _))) => Some(Label::Field(k.clone())),
                    _ => None,
                });
                ctx.frames.push(Frame { label, bracket: c, count: 0, key: None, line });
                i += 1;
            }
            b')' | b']' | b'}' => {
                ident = None;
                ctx.frames.pop();
                i += 1;
            }
            b',' => {
                ident = None;
                if let Some(f) = ctx.frames.last_mut() {
                    f.count += 1;
                    f.key = None;
                }
                i += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                ident = Some(text[start..i].to_owned());
            }
            c if c.is_ascii_digit() || c == b'.' || c == b'-' || c == b'+' => {
                ident = None;
                i += 1;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                    i += 1;
                }
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                ident = None;
                i += 1;
            }
        }
    }
    ctx
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
    let short: String = v.chars().take(crate::ron_text::MAX_QUOTED_CHARS).collect();
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
