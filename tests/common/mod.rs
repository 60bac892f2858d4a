//! Helpers shared by the integration tests: repository paths, months, money
//! and the numeric comparison rule of `compare_csv.py`.

// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

#[cfg(feature = "gui")]
pub mod app;

use floe::model::{Money, Month};
use std::path::PathBuf;

/// A file in the repository, e.g. `repo_path("tests/data/reference.ron")`.
pub fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A repository plan, read, validated and projected (panics with the
/// message on bad test data).
pub fn plan(relative: &str) -> (floe::model::Scenario, floe::engine::Projection) {
    let s = floe::io::load_scenario(&repo_path(relative)).unwrap_or_else(|e| panic!("{e}"));
    let p = floe::engine::project(&s).unwrap_or_else(|e| panic!("{relative}: {e}"));
    (s, p)
}

/// The `floe` binary built for these tests.
pub fn floe_binary() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_floe"))
}

/// `"YYYY-MM"` → `Month` (panics on bad test input).
pub fn month(text: &str) -> Month {
    Month::parse(text).unwrap_or_else(|e| panic!("bad month in test: {e}"))
}

/// Whole dollars as `Money`.
pub fn usd(whole: i64) -> Money {
    Money::new(whole, 0)
}

/// The tolerance of `compare_csv.py`: `|a - e| <= 1e-6 * max(|e|, |a|)` or `|a - e| <= 1e-3`.
pub fn close(actual: f64, expected: f64) -> bool {
    let diff = (actual - expected).abs();
    diff <= 1e-6 * expected.abs().max(actual.abs()) || diff <= 1e-3
}

/// Asserts `actual` ≈ `expected` under [`close`], naming what is compared.
#[track_caller]
pub fn assert_close(what: &str, actual: f64, expected: f64) {
    assert!(close(actual, expected), "{what}: got {actual}, expected {expected} (diff {})", actual - expected);
}

/// A unique, empty scratch directory under the system temp dir; removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("floe-test-{tag}-{}-{nanos}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        TempDir(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Asserts one number per month for a column of `p` (compare_csv.py's rule).
#[track_caller]
pub fn assert_series(what: &str, p: &floe::engine::Projection, get: fn(&floe::engine::MonthRow) -> f64, expected: &[f64]) {
    assert_eq!(p.months.len(), expected.len(), "{what}: month count");
    for (m, (row, e)) in p.months.iter().zip(expected).enumerate() {
        assert_close(&format!("{what} in month {m}"), get(row), *e);
    }
}
