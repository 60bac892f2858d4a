//! `Series`: an assumption that changes over time (BTC price, network hashrate,
//! fees, share price), given either as compound growth or as dated points.
//! `model.md` and the file format call these "paths"; the name here keeps
//! clear of `std::path::Path`.

use super::Month;
use serde::Serialize;

/// A value per month. See `model.md`, "Paths".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Series {
    /// `start * (1 + annual_growth)^(m / 12)`, m = months since the scenario start.
    Growth { start: f64, annual_growth: f64 },
    /// Linear interpolation in month index between dated points; flat before
    /// the first and after the last.
    Points(Vec<(Month, f64)>),
}

impl Series {
    pub const fn constant(value: f64) -> Series {
        Series::Growth { start: value, annual_growth: 0.0 }
    }

    /// The value at month index `m` (months since `start`, may be negative).
    /// An empty `Points` list (refused by validation) reads as 0.
    pub fn value_at(&self, start: Month, m: i64) -> f64 {
        match self {
            Series::Growth { start: s, annual_growth: g } => s * (1.0 + g).powf(m as f64 / 12.0),
            Series::Points(points) => {
                let Some(first) = points.first() else {
                    return 0.0;
                };
                let x = m as f64;
                let idx = |p: &(Month, f64)| p.0.since(start) as f64;
                if x <= idx(first) {
                    return first.1;
                }
                for w in points.windows(2) {
                    let (x0, x1) = (idx(&w[0]), idx(&w[1]));
                    if x <= x1 {
                        // A point's month gives its value exactly, and the fraction t < 1
                        // is formed before scaling, so rounding never leaves the range of
                        // the two values (a path of prices >= 0 never dips below 0).
                        if x >= x1 || x1 <= x0 {
                            return w[1].1;
                        }
                        let t = (x - x0) / (x1 - x0);
                        return w[0].1 + (w[1].1 - w[0].1) * t;
                    }
                }
                points[points.len() - 1].1
            }
        }
    }

    /// The values for months `0..horizon` (one allocation, no per-month search).
    pub fn values(&self, start: Month, horizon: usize) -> Vec<f64> {
        match self {
            Series::Growth { start: s, annual_growth: g } => {
                let l = (1.0 + g).ln() / 12.0;
                (0..horizon).map(|m| s * (l * m as f64).exp()).collect()
            }
            Series::Points(_) => (0..horizon).map(|m| self.value_at(start, m as i64)).collect(),
        }
    }

    /// Every number in the path, for finiteness and sign checks.
    pub fn numbers(&self) -> Vec<f64> {
        match self {
            Series::Growth { start, annual_growth } => vec![*start, *annual_growth],
            Series::Points(p) => p.iter().map(|(_, v)| *v).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    #[test]
    fn growth_compounds_monthly() {
        // 100 * 1.21^(6/12) = 100 * 1.1 = 110
        let p = Series::Growth { start: 100.0, annual_growth: 0.21 };
        assert!((p.value_at(m("2025-01"), 6) - 110.0).abs() < 1e-9);
        assert!((p.values(m("2025-01"), 7)[6] - 110.0).abs() < 1e-9);
    }

    #[test]
    fn points_stay_within_their_values() {
        // (b - a) * 3 / 3 rounds: 242688.89683043846 then 0.0 three months later
        // gave -2.9e-11 at the second point (a negative BTC price).
        let s = m("2015-01");
        let p = Series::Points(vec![(m("2014-10"), 242_688.896_830_438_46), (m("2015-01"), 0.0)]);
        assert_eq!(p.value_at(s, 0), 0.0);
        assert_eq!(p.values(s, 2), vec![0.0, 0.0]);
        // A strictly positive path stays strictly positive between its points.
        let p = Series::Points(vec![(m("2015-01"), 1000.0), (m("2045-01"), 1e-20)]);
        assert!(p.values(s, 361).iter().all(|v| *v > 0.0));
    }

    #[test]
    fn points_interpolate_and_hold() {
        // points at month index 2 (10.0) and 6 (30.0): index 4 is half way = 20
        let p = Series::Points(vec![(m("2025-03"), 10.0), (m("2025-07"), 30.0)]);
        let s = m("2025-01");
        assert_eq!(p.value_at(s, 0), 10.0);
        assert_eq!(p.value_at(s, 4), 20.0);
        assert_eq!(p.value_at(s, 5), 25.0);
        assert_eq!(p.value_at(s, 40), 30.0);
        assert_eq!(p.values(s, 8), vec![10.0, 10.0, 10.0, 15.0, 20.0, 25.0, 30.0, 30.0]);
    }
}
