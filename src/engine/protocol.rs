//! Bitcoin protocol arithmetic: block subsidy across halvings.
//!
//! Source: Bitcoin Core `GetBlockSubsidy` (src/validation.cpp): 50 BTC halved
//! every 210,000 blocks (`consensus.nSubsidyHalvingInterval`), and zero from
//! the 64th halving on.

/// Blocks between halvings.
pub const HALVING_INTERVAL: f64 = 210_000.0;
/// Subsidy of the first era, BTC.
pub const INITIAL_SUBSIDY_BTC: f64 = 50.0;

/// Subsidy per block at `height`.
pub fn subsidy_per_block(height: f64) -> f64 {
    let era = (height / HALVING_INTERVAL).floor();
    if era >= 64.0 { 0.0 } else { INITIAL_SUBSIDY_BTC / 2f64.powi(era as i32) }
}

/// Total subsidy of the blocks `[height, height + blocks)`, split at every
/// halving (pieces may be fractional). Returns the subsidy and whether a
/// halving falls inside the range.
pub fn subsidy_btc(height: f64, blocks: f64) -> (f64, bool) {
    let end = height + blocks;
    let mut pos = height;
    let mut total = 0.0;
    let mut halving = false;
    while pos < end {
        let era = (pos / HALVING_INTERVAL).floor();
        if era >= 64.0 {
            break;
        }
        let next = (era + 1.0) * HALVING_INTERVAL;
        let piece_end = end.min(next);
        total += (piece_end - pos) * subsidy_per_block(pos);
        if piece_end < end {
            halving = true;
        }
        pos = piece_end;
    }
    (total, halving)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halving_splits_a_month() {
        // 4,320 blocks (30 days × 144) starting 1,000 blocks before height 1,050,000:
        // 1,000 blocks at 3.125 BTC = 3,125 BTC, then 3,320 blocks at 1.5625 = 5,187.5 BTC.
        let (s, h) = subsidy_btc(1_049_000.0, 4_320.0);
        assert!((s - 8_312.5).abs() < 1e-9, "{s}");
        assert!(h);
        // A month without a halving: 4,464 blocks × 3.125 = 13,950 BTC.
        let (s, h) = subsidy_btc(921_000.0, 4_464.0);
        assert_eq!((s, h), (13_950.0, false));
    }

    #[test]
    fn subsidy_ends_after_64_halvings() {
        assert_eq!(subsidy_per_block(64.0 * 210_000.0), 0.0);
        assert_eq!(subsidy_btc(63.0 * 210_000.0 + 10.0, 1e9).0, (210_000.0 - 10.0) * 50.0 / 2f64.powi(63));
    }
}
