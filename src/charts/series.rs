//! Monthly series as plot points: one point per month at x = the month's
//! index, and runs of defined values for lines with gaps (net leverage is
//! undefined without positive LTM EBITDA).

use crate::engine::{MonthRow, Projection};

/// One point per month of `f`.
pub fn xs(p: &Projection, f: impl Fn(&MonthRow) -> f64) -> Vec<[f64; 2]> {
    p.months.iter().enumerate().map(|(i, r)| [i as f64, f(r)]).collect()
}

/// Runs of consecutive defined values, for lines with gaps.
pub fn segments(p: &Projection, f: impl Fn(&MonthRow) -> Option<f64>) -> Vec<Vec<[f64; 2]>> {
    segments_of(&p.months.iter().map(f).collect::<Vec<_>>())
}

/// Runs of consecutive defined values of a monthly series.
pub fn segments_of(values: &[Option<f64>]) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut run = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => run.push([i as f64, *v]),
            None if !run.is_empty() => out.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}
