//! The monthly table's layout, without widgets: the header bands (schema
//! groups, with the network-wide columns set apart in their own band) and the
//! width of every column in characters of the monospaced font.

use crate::periods::{self, Period};
use crate::schema::{COLUMNS, Column, Group};

/// Characters of the frozen first column (`2026-01`, `2026 Q1*`, `2026*`) with its gap.
pub const FIRST_CHARS: usize = 10;

/// Characters of the divider that opens each band (`│ `).
pub const DIVIDER_CHARS: usize = 2;

/// A header band: a group of columns read together.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub title: &'static str,
    /// Figures of the whole network, not of the company: drawn muted.
    pub network: bool,
    /// Indices into [`COLUMNS`], in table order.
    pub columns: Vec<usize>,
}

/// The bands in statement order (Market, Operations, Income statement, Cash
/// and debt, Risk), the company's figures only, then the network-wide ones.
pub fn bands() -> Vec<Band> {
    let mut out: Vec<Band> = Group::ALL
        .iter()
        .map(|&g| Band {
            title: g.title(),
            network: false,
            columns: COLUMNS.iter().enumerate().filter(|(_, c)| c.group == g && !c.network).map(|(i, _)| i).collect(),
        })
        .filter(|b| !b.columns.is_empty())
        .collect();
    let network: Vec<usize> = COLUMNS.iter().enumerate().filter(|(_, c)| c.network).map(|(i, _)| i).collect();
    if !network.is_empty() {
        out.push(Band { title: "Network (all miners)", network: true, columns: network });
    }
    out
}

/// Characters of a column in a period's view: its label, its unit or a
/// large value (13 characters: `-$999,999,999`), plus a gap.
pub fn width(c: &Column, period: Period) -> usize {
    c.label.chars().count().max(periods::unit(c, period).chars().count()).max(13) + 2
}

/// Characters of a band: its divider and its columns, at least its title.
pub fn band_width(b: &Band, period: Period) -> usize {
    let cols: usize = b.columns.iter().map(|&i| width(&COLUMNS[i], period)).sum();
    DIVIDER_CHARS + cols.max(b.title.chars().count() + 1)
}

/// Extra characters before a band's first column when its title is wider than its columns.
pub fn band_pad(b: &Band, period: Period) -> usize {
    let cols: usize = b.columns.iter().map(|&i| width(&COLUMNS[i], period)).sum();
    band_width(b, period) - DIVIDER_CHARS - cols
}

/// The column under character `x` of a line (counted from the line's start), if any.
pub fn column_at(bands: &[Band], period: Period, x: usize) -> Option<usize> {
    let mut at = FIRST_CHARS;
    for b in bands {
        at += DIVIDER_CHARS + band_pad(b, period);
        for &i in &b.columns {
            let w = width(&COLUMNS[i], period);
            if (at..at + w).contains(&x) {
                return Some(i);
            }
            at += w;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_is_in_one_band_and_the_network_ones_are_apart() {
        let b = bands();
        let mut all: Vec<usize> = b.iter().flat_map(|b| b.columns.clone()).collect();
        all.sort();
        assert_eq!(all, (0..COLUMNS.len()).collect::<Vec<_>>(), "each column exactly once");
        let titles: Vec<&str> = b.iter().map(|b| b.title).collect();
        assert_eq!(titles, ["Market", "Operations", "Income statement", "Cash and debt", "Risk", "Network (all miners)"]);
        let net = b.last().unwrap();
        assert!(net.network);
        let keys: Vec<&str> = net.columns.iter().map(|&i| COLUMNS[i].key).collect();
        assert!(keys.contains(&"subsidy_btc") && keys.contains(&"network_hashrate_ehs"), "{keys:?}");
        assert!(b[..b.len() - 1].iter().all(|b| !b.network && b.columns.iter().all(|&i| !COLUMNS[i].network)));
    }

    #[test]
    fn column_at_finds_the_column_under_a_character() {
        let b = bands();
        let first = b[0].columns[0];
        let start = FIRST_CHARS + DIVIDER_CHARS + band_pad(&b[0], Period::Month);
        assert_eq!(column_at(&b, Period::Month, start), Some(first));
        assert_eq!(column_at(&b, Period::Month, 0), None, "the month column");
        let total: usize = FIRST_CHARS + b.iter().map(|b| band_width(b, Period::Quarter)).sum::<usize>();
        let last = *b.last().unwrap().columns.last().unwrap();
        assert_eq!(column_at(&b, Period::Quarter, total - 1), Some(last));
        assert_eq!(column_at(&b, Period::Quarter, total), None);
    }
}
