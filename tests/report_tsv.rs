//! The clipboard tables: the monthly TSV carries exactly the numbers of the
//! CSV (cell by cell, same rows), the KPI TSV one line per summary figure,
//! and CSV numbers are clean (no float noise) for every shipped plan.

mod common;

use common::repo_path;
use floe::schema::{COLUMNS, KPIS, KpiValue};

fn project(path: &str) -> floe::engine::Projection {
    let scenario = floe::io::load_scenario(&repo_path(path)).unwrap_or_else(|e| panic!("{e}"));
    floe::engine::project(&scenario).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const PLANS: [&str; 4] = ["saves/ai_pivot.ron", "saves/ice_cube.ron", "saves/keep_buying.ron", "tests/data/stress.ron"];

#[test]
fn monthly_tsv_has_the_same_numbers_as_the_csv() {
    for plan in PLANS {
        let p = project(plan);
        let csv = floe::tabular::csv(&p);
        let tsv = floe::tabular::monthly_tsv(&p);
        let csv_rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
        let tsv_rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
        assert_eq!(csv_rows.len(), p.months.len() + 1, "{plan}");
        assert_eq!(tsv_rows.len(), csv_rows.len(), "{plan}");
        // Header: labels with units, one per CSV column.
        assert_eq!(tsv_rows[0].len(), COLUMNS.len() + 1);
        for (c, title) in COLUMNS.iter().zip(&tsv_rows[0][1..]) {
            assert_eq!(*title, c.title());
        }
        for (r, (t, c)) in tsv_rows.iter().zip(&csv_rows).enumerate().skip(1) {
            assert_eq!(t, c, "{plan} row {r}");
        }
    }
}

#[test]
fn kpi_tsv_has_one_line_per_figure_with_the_summary_values() {
    let p = project("saves/ai_pivot.ron");
    let tsv = floe::tabular::kpi_tsv(&p);
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows[0], ["Figure", "Value", "Unit", "Definition"]);
    assert_eq!(rows.len(), KPIS.len() + 1);
    for (k, row) in KPIS.iter().zip(&rows[1..]) {
        assert_eq!(row.len(), 4, "{}", k.key);
        assert_eq!(row[0], k.label);
        match k.value(&p.kpis) {
            KpiValue::Number(v) => {
                let back: f64 = row[1].parse().unwrap_or_else(|e| panic!("{}: {:?} {e}", k.key, row[1]));
                assert!((back - v).abs() <= 1e-6 * v.abs(), "{}: {back} vs {v}", k.key);
            }
            KpiValue::Month(m) => assert_eq!(row[1], m.to_string()),
            KpiValue::Undefined => assert_eq!(row[1], k.undefined),
        }
    }
}

#[test]
fn csv_numbers_are_clean_and_close_to_the_projection() {
    for plan in PLANS {
        let p = project(plan);
        let csv = floe::tabular::csv(&p);
        for (line, row) in csv.lines().skip(1).zip(&p.months) {
            for (cellv, c) in line.split(',').skip(1).zip(&COLUMNS) {
                let Some(v) = (c.get)(row) else {
                    assert_eq!(cellv, "", "{plan} {}", c.key);
                    continue;
                };
                let back: f64 = cellv.parse().unwrap_or_else(|e| panic!("{plan} {}: {cellv:?} {e}", c.key));
                assert!((back - v).abs() <= 1e-6 * v.abs(), "{plan} {}: {cellv} vs {v}", c.key);
                let decimals = cellv.split('.').nth(1).map_or(0, str::len);
                // No float noise: nothing like 4638939.4169999994 (10 decimals on a large number).
                assert!(v.abs() < 1.0 || decimals <= 8, "{plan} {}: {cellv}", c.key);
            }
        }
    }
}

#[test]
fn the_comparison_tsv_has_each_plans_figures_and_the_differences() {
    let load = |f: &str| floe::engine::project(&floe::io::load_scenario(&common::repo_path(f)).unwrap()).unwrap();
    let (a, b, c) = (load("tests/data/reference.ron"), load("saves/ice_cube.ron"), load("saves/ai_pivot.ron"));
    let tsv = floe::tabular::compare_tsv(&[("A", &a), ("B\tx", &b), ("C", &c)]);
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows[0], ["Figure", "Unit", "A", "B x", "B x: difference", "B x: difference %", "C", "C: difference", "C: difference %"]);
    assert_eq!(rows.len(), 1 + floe::schema::KPIS.len());
    let table = floe::analysis::compare::kpi_table(&a.kpis, &b.kpis);
    for (row, (k, t)) in rows[1..].iter().zip(floe::schema::KPIS.iter().zip(&table)) {
        assert_eq!(row.len(), 9, "{}", k.label);
        assert_eq!(row[0], k.label);
        match (k.value(&a.kpis), t.diff) {
            (floe::schema::KpiValue::Number(va), Some(d)) => {
                let (ca, cd): (f64, f64) = (row[2].parse().unwrap(), row[4].parse().unwrap());
                assert!((ca - va).abs() <= 1e-6 * va.abs().max(1.0), "{}: {ca} vs {va}", k.label);
                assert!((cd - d).abs() <= 1e-6 * d.abs().max(1.0), "{}: {cd} vs {d}", k.label);
            }
            (_, None) => assert_eq!(row[4], "", "{}: a difference of undefined figures", k.label),
            _ => {}
        }
    }
}
