//! A small seeded random number generator for Monte Carlo: SplitMix64
//! (Steele, Lea and Flood, 2014: a 64-bit counter passed through a mixing
//! function; passes BigCrush) and standard normals by the Box–Muller
//! transform. Each path gets its own stream, seeded from the run's seed and
//! the path index, so results never depend on how threads share the paths.

/// SplitMix64: `next` adds the golden-ratio increment and mixes the state.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
    /// The second normal of the last Box–Muller pair, not yet used.
    spare: Option<f64>,
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed, spare: None }
    }

    /// The stream of path `index` of a run seeded with `seed` (mixed twice so
    /// neighbouring paths and seeds start far apart).
    pub fn for_path(seed: u64, index: u64) -> SplitMix64 {
        SplitMix64::new(mix(mix(seed ^ GOLDEN).wrapping_add(index.wrapping_mul(GOLDEN))))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        mix(self.state)
    }

    /// Uniform in (0, 1]: never 0, so its logarithm is finite.
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A standard normal (mean 0, variance 1), Box–Muller.
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        let (u1, u2) = (self.uniform(), self.uniform());
        let r = (-2.0 * u1.ln()).sqrt();
        let t = std::f64::consts::TAU * u2;
        self.spare = Some(r * t.sin());
        r * t.cos()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normals_have_mean_zero_and_unit_variance() {
        let mut r = SplitMix64::for_path(42, 7);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        // standard error of the mean 1/sqrt(n) = 0.0022; of the variance sqrt(2/n) = 0.0032
        assert!(mean.abs() < 0.01, "{mean}");
        assert!((var - 1.0).abs() < 0.015, "{var}");
    }

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| SplitMix64::for_path(1, 0).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(SplitMix64::for_path(1, 0).next_u64(), SplitMix64::for_path(1, 1).next_u64());
        assert_ne!(SplitMix64::for_path(1, 0).next_u64(), SplitMix64::for_path(2, 0).next_u64());
    }
}
