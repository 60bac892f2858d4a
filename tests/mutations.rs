//! Property test on mutated copies of the shipped plans (`saves/*.ron`): byte
//! flips, truncations, digit swaps, extreme numbers, bad months, deep nesting,
//! Unicode, duplicated and deleted lines — one to four at a time.
//!
//! Properties: parse + validate + project never panics; every refusal (parse,
//! validation or engine) has a non-empty message; a parse message keeps its
//! line:col (line ≥ 1); every message stays bounded (at most 20 problems
//! shown, each line cut), however large the mutant.

use floe::format::{FormatError, parse_valid};
use floe::ron_text::MAX_PROBLEMS_SHOWN;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

const SAVES: [&str; 3] =
    [include_str!("../saves/ai_pivot.ron"), include_str!("../saves/ice_cube.ron"), include_str!("../saves/keep_buying.ron")];

/// Longest message accepted: the problem header, 20 problems of at most a
/// few hundred characters each, and the "…and N more" line.
const MAX_MESSAGE_CHARS: usize = 600 * (MAX_PROBLEMS_SHOWN + 2);

const NUMBERS: [&str; 14] = [
    "1e308",
    "-1e308",
    "1e-320",
    "-0.0",
    "0",
    "-1",
    "NaN",
    "inf",
    "-inf",
    "18446744073709551616",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999999999999999",
    "4294967296",
];

const MONTHS: [&str; 10] = ["0000-01", "0001-01", "9999-12", "10000-01", "2026-00", "2026-13", "-001-01", "2026-1", " 2026-01", "9999-99"];

const JUNK: [&str; 8] = ["é", "\u{202e}", "💥", "\0", "\"", "/*", "r#\"", ",,"];

#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the byte at a position (fraction of the length) by another.
    ByteFlip(f64, u8),
    /// Keep only this fraction of the text.
    Truncate(f64),
    /// Replace the n-th digit (modulo their count) by another digit.
    Digit(usize, u8),
    /// Replace the n-th number by an extreme one.
    Number(usize, usize),
    /// Replace the n-th month by a bad one.
    Month(usize, usize),
    /// Insert this many `[` (and maybe as many `]`) at a position.
    Nest(f64, usize, bool),
    /// Insert a troublesome string at a position.
    Junk(f64, usize),
    /// Duplicate or delete the n-th line.
    Line(usize, bool),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64, any::<u8>()).prop_map(|(p, b)| Mutation::ByteFlip(p, b)),
        (0.0..1.0f64).prop_map(Mutation::Truncate),
        (any::<usize>(), 0..10u8).prop_map(|(n, d)| Mutation::Digit(n, d)),
        (any::<usize>(), 0..NUMBERS.len()).prop_map(|(n, k)| Mutation::Number(n, k)),
        (any::<usize>(), 0..MONTHS.len()).prop_map(|(n, k)| Mutation::Month(n, k)),
        (0.0..1.0f64, 1..20_000usize, any::<bool>()).prop_map(|(p, d, c)| Mutation::Nest(p, d, c)),
        (0.0..1.0f64, 0..JUNK.len()).prop_map(|(p, k)| Mutation::Junk(p, k)),
        (any::<usize>(), any::<bool>()).prop_map(|(n, d)| Mutation::Line(n, d)),
    ]
}

/// Byte ranges of runs matching `is_part` that start where `starts` holds.
fn runs(b: &[u8], starts: impl Fn(u8) -> bool, is_part: impl Fn(u8) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if starts(b[i]) && (i == 0 || !is_part(b[i - 1])) {
            let s = i;
            while i < b.len() && is_part(b[i]) {
                i += 1;
            }
            out.push((s, i.max(s + 1)));
        } else {
            i += 1;
        }
    }
    out
}

fn at(len: usize, p: f64) -> usize {
    ((len as f64 * p) as usize).min(len)
}

/// Applies `m` to the bytes of a plan (the result may not be UTF-8).
fn apply(b: &mut Vec<u8>, m: &Mutation) {
    match *m {
        Mutation::ByteFlip(p, byte) => {
            if !b.is_empty() {
                let i = at(b.len() - 1, p);
                b[i] = byte;
            }
        }
        Mutation::Truncate(p) => b.truncate(at(b.len(), p)),
        Mutation::Digit(n, d) => {
            let digits: Vec<usize> = (0..b.len()).filter(|&i| b[i].is_ascii_digit()).collect();
            if !digits.is_empty() {
                let i = digits[n % digits.len()];
                // Always a different digit.
                b[i] = if b[i] == b'0' + d { b'0' + (d + 1) % 10 } else { b'0' + d };
            }
        }
        Mutation::Number(n, k) => {
            let nums = runs(b, |c| c.is_ascii_digit(), |c| c.is_ascii_digit() || c == b'.');
            if !nums.is_empty() {
                let (s, e) = nums[n % nums.len()];
                b.splice(s..e, NUMBERS[k].bytes());
            }
        }
        Mutation::Month(n, k) => {
            let months: Vec<usize> = (0..b.len().saturating_sub(8))
                .filter(|&i| b[i] == b'"' && b[i + 5] == b'-' && b[i + 8] == b'"' && b[i + 1..i + 5].iter().all(u8::is_ascii_digit))
                .collect();
            if !months.is_empty() {
                let s = months[n % months.len()] + 1;
                b.splice(s..s + 7, MONTHS[k].bytes());
            }
        }
        Mutation::Nest(p, depth, close) => {
            let i = at(b.len(), p);
            let mut ins = "[".repeat(depth);
            if close {
                ins.push_str(&"]".repeat(depth));
            }
            b.splice(i..i, ins.bytes());
        }
        Mutation::Junk(p, k) => {
            let i = at(b.len(), p);
            b.splice(i..i, JUNK[k].bytes());
        }
        Mutation::Line(n, duplicate) => {
            let starts: Vec<usize> = std::iter::once(0).chain((0..b.len()).filter(|&i| b[i] == b'\n').map(|i| i + 1)).collect();
            let s = starts[n % starts.len()];
            let e = b[s..].iter().position(|&c| c == b'\n').map_or(b.len(), |i| s + i + 1);
            if duplicate {
                let line = b[s..e].to_vec();
                b.splice(s..s, line);
            } else {
                b.drain(s..e);
            }
        }
    }
}

/// What happened to one mutant: `Ok(())` if it projected, else the refusal message.
fn outcome(bytes: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(bytes) else { return Err("not UTF-8".to_owned()) };
    let s = match parse_valid(text) {
        Ok(s) => s,
        Err(e) => {
            if let FormatError::Parse { line, col, .. } = &e {
                assert!(*line >= 1 && *col >= 1, "parse error without a position: {e:?}");
            }
            return Err(e.to_string());
        }
    };
    floe::engine::project(&s).map(|_| ()).map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/mutations.proptest-regressions"
        )))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_plans_never_panic_and_every_refusal_is_explained(
        plan in 0..SAVES.len(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let mut bytes = SAVES[plan].as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        if let Err(message) = outcome(&bytes) {
            prop_assert!(!message.trim().is_empty(), "empty message");
            let chars = message.chars().count();
            prop_assert!(chars <= MAX_MESSAGE_CHARS, "{chars} characters:\n{message}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random RON-like text after a valid opening: the error translation (path scan, value
    /// quoting) never panics and always says something, with a position.
    #[test]
    fn random_ron_like_text_gets_a_message(tail in "[()\\[\\]{}:,\"r#/*\n a-z_0-9.é-]{0,300}") {
        let text = format!("(format_version: 1, name: \"x\", market: ({tail}");
        if let Err(e) = parse_valid(&text) {
            prop_assert!(!e.to_string().trim().is_empty());
            prop_assert!(e.to_string().chars().count() <= MAX_MESSAGE_CHARS);
        }
    }
}

#[test]
fn the_unmutated_plans_project() {
    for (i, plan) in SAVES.iter().enumerate() {
        assert_eq!(outcome(plan.as_bytes()), Ok(()), "saves plan {i}");
    }
}

#[test]
fn each_mutation_kind_changes_the_text() {
    let plan = SAVES[1].as_bytes();
    for m in [
        Mutation::ByteFlip(0.5, b'#'),
        Mutation::Truncate(0.5),
        Mutation::Digit(3, 9),
        Mutation::Number(2, 0),
        Mutation::Month(0, 2),
        Mutation::Nest(0.1, 3, true),
        Mutation::Junk(0.2, 2),
        Mutation::Line(4, false),
    ] {
        let mut b = plan.to_vec();
        apply(&mut b, &m);
        assert_ne!(b, plan, "{m:?} did nothing");
    }
}
