//! The worked examples: `tests/data/{reference,stress}.ron` are loaded from
//! the repository, projected, rendered with `floe::tabular::csv`, and compared
//! cell by cell with the expected CSVs of an independent implementation,
//! under the rule of `compare_csv.py` (same header, same rows; each cell equal
//! as text, or both numbers with `|a-e| <= 1e-6*max(|e|,|a|)` or
//! `|a-e| <= 1e-3`; an empty cell only matches an empty cell).

mod common;

use common::{close, repo_path};

/// Mismatches between two CSV texts; empty when they agree. Each entry names
/// the data row (1-based, with its month) and the column.
fn compare_csv(actual: &str, expected: &str) -> Vec<String> {
    compare_csv_as(actual, expected, false)
}

/// [`compare_csv`]; with `subset`, as `compare_csv.py --subset`: the actual
/// CSV may have more columns, and the expected ones are found by name (a
/// format-1 expected file against a format-2 projection).
fn compare_csv_as(actual: &str, expected: &str, subset: bool) -> Vec<String> {
    let parse = |text: &str| -> Vec<Vec<String>> {
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| l.split(',').map(str::to_owned).collect()).collect()
    };
    let (mut a, e) = (parse(actual), parse(expected));
    if subset
        && let (Some(a_head), Some(e_head)) = (a.first(), e.first())
        && let Some(pick) = e_head.iter().map(|c| a_head.iter().position(|h| h == c)).collect::<Option<Vec<usize>>>()
    {
        a = a.iter().map(|row| pick.iter().map(|&i| row.get(i).cloned().unwrap_or_default()).collect()).collect();
    }
    let mut out = Vec::new();
    let (Some(a_head), Some(e_head)) = (a.first(), e.first()) else {
        return vec![format!("empty CSV (actual {} lines, expected {} lines)", a.len(), e.len())];
    };
    if a_head != e_head {
        out.push(format!("header differs:\n  actual:   {}\n  expected: {}", a_head.join(","), e_head.join(",")));
        return out;
    }
    if a.len() != e.len() {
        out.push(format!("row count differs: actual {} data rows, expected {}", a.len() - 1, e.len() - 1));
    }
    for (r, (ar, er)) in a.iter().zip(&e).enumerate().skip(1) {
        let label = er.first().map_or("?", String::as_str);
        if ar.len() != er.len() {
            out.push(format!("row {r} ({label}): {} cells, expected {}", ar.len(), er.len()));
            continue;
        }
        for (c, (ac, ec)) in ar.iter().zip(er).enumerate() {
            let same = ac == ec
                || match (ac.parse::<f64>(), ec.parse::<f64>()) {
                    (Ok(x), Ok(y)) if !ac.is_empty() && !ec.is_empty() => close(x, y),
                    _ => false,
                };
            if !same {
                out.push(format!("row {r} ({label}), column {:?}: actual {ac:?}, expected {ec:?}", e_head[c]));
            }
        }
    }
    out
}

fn projection(name: &str) -> floe::engine::Projection {
    let ron = repo_path(&format!("tests/data/{name}.ron"));
    let scenario = floe::io::load_scenario(&ron).unwrap_or_else(|e| panic!("{e}"));
    floe::engine::project(&scenario).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Compares `actual` with `tests/data/{expected}`, as `compare_csv.py` does (`subset`: `--subset`).
fn check(name: &str, actual: &str, expected: &str, subset: bool) {
    let expected_path = repo_path(&format!("tests/data/{expected}"));
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
    let mismatches = compare_csv_as(actual, &expected, subset);
    if !mismatches.is_empty() {
        let shown: Vec<&str> = mismatches.iter().take(15).map(String::as_str).collect();
        panic!("{name}: {} mismatching cells; first ones:\n{}", mismatches.len(), shown.join("\n"));
    }
}

#[test]
fn reference_matches_expected_csv() {
    // A format-1 plan: its format-1 columns exactly as before, the format-2 columns beside them.
    check("reference", &floe::tabular::csv(&projection("reference")), "reference.expected.csv", true);
}

#[test]
fn stress_matches_expected_csv() {
    check("stress", &floe::tabular::csv(&projection("stress")), "stress.expected.csv", true);
}

#[test]
fn reference_v2_matches_expected_csv_and_investments() {
    let p = projection("reference_v2");
    check("reference_v2", &floe::tabular::csv(&p), "reference_v2.expected.csv", false);
    check("reference_v2 investments", &floe::tabular::investments_csv(&p), "reference_v2.investments.expected.csv", false);
}

#[test]
fn stress_v2_matches_expected_csv_and_investments() {
    let p = projection("stress_v2");
    check("stress_v2", &floe::tabular::csv(&p), "stress_v2.expected.csv", false);
    check("stress_v2 investments", &floe::tabular::investments_csv(&p), "stress_v2.investments.expected.csv", false);
}

#[test]
fn subset_finds_the_expected_columns_by_name() {
    let expected = "month,b\n2026-01,2\n";
    assert!(compare_csv_as("month,a,b\n2026-01,1,2\n", expected, true).is_empty());
    assert!(!compare_csv_as("month,a,b\n2026-01,1,2\n", expected, false).is_empty(), "without subset the headers differ");
    assert!(!compare_csv_as("month,a,b\n2026-01,2,1\n", expected, true).is_empty());
}

#[test]
fn comparator_names_row_and_column_and_applies_the_tolerance() {
    let expected = "month,a,leverage\n2026-01,100,\n2026-02,0.5,2\n";
    assert!(compare_csv(expected, expected).is_empty());
    // Within tolerance: relative 1e-6 of a large number, absolute 1e-3 of a small one.
    assert!(compare_csv("month,a,leverage\n2026-01,100.00009,\n2026-02,0.5009,2\n", expected).is_empty());
    // Out of tolerance, and a defined value where an empty one is expected.
    let bad = compare_csv("month,a,leverage\n2026-01,100.01,0\n2026-02,0.5,2\n", expected);
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(bad[0].contains("row 1 (2026-01)") && bad[0].contains("\"a\""), "{}", bad[0]);
    assert!(bad[1].contains("\"leverage\""), "{}", bad[1]);
    // Missing rows and different headers are reported.
    assert!(!compare_csv("month,a,leverage\n2026-01,100,\n", expected).is_empty());
    assert!(!compare_csv("month,b,leverage\n2026-01,100,\n2026-02,0.5,2\n", expected).is_empty());
}
