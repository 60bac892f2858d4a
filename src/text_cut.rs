//! Cutting text short in messages: a value quoted from a file or a command
//! line, or a whole message line, never runs to megabytes. Used by the
//! parse-error messages (`ron_text`, `ron_path`) and the command line.

/// Characters of a quoted value shown in a message.
pub const MAX_QUOTED_CHARS: usize = 80;
/// Characters of one message line (a problem or a parse message).
pub const MAX_LINE_CHARS: usize = 400;

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
}
