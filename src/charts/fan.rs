//! The shapes of a Monte Carlo fan (P5, P25, median, P75, P95 by month),
//! shared by the app's Risk tab and the report's risk page. Pure geometry:
//! no widgets, so the same points draw on screen and on paper.

use crate::analysis::montecarlo::Fan;

/// The band between percentile columns `lo` and `hi` as one quadrilateral
/// per month step (egui fills only convex polygons, and a whole band is not
/// convex); a step with an undefined month is left out.
pub fn band_quads(fan: &Fan, lo: usize, hi: usize) -> Vec<Vec<[f64; 2]>> {
    fan.windows(2)
        .enumerate()
        .filter_map(|(m, w)| {
            let (a, b) = (w[0]?, w[1]?);
            let x = m as f64;
            Some(vec![[x, a[lo]], [x + 1.0, b[lo]], [x + 1.0, b[hi]], [x, a[hi]]])
        })
        .collect()
}

/// The median line: one point per month where the fan is defined.
pub fn median(fan: &Fan) -> Vec<[f64; 2]> {
    fan.iter().enumerate().filter_map(|(m, q)| q.map(|q| [m as f64, q[2]])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_is_one_quadrilateral_per_defined_step_and_the_median_skips_gaps() {
        let fan: Fan = vec![Some([1.0, 2.0, 3.0, 4.0, 5.0]), Some([2.0, 3.0, 4.0, 5.0, 6.0]), None, Some([0.0; 5])];
        let quads = band_quads(&fan, 0, 4);
        assert_eq!(quads, vec![vec![[0.0, 1.0], [1.0, 2.0], [1.0, 6.0], [0.0, 5.0]]]);
        assert_eq!(median(&fan), vec![[0.0, 3.0], [1.0, 4.0], [3.0, 0.0]]);
    }
}
