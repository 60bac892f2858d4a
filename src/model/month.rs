//! Calendar months (`"YYYY-MM"`), the time unit of every scenario input and output row.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar month, stored as a month count (`year * 12 + month - 1`) so month
/// arithmetic is integer arithmetic. Years run from 1 to 9999.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Month(i32);

impl Month {
    /// The month `year-month` (month 1..=12); `None` when out of range.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        Some(Month(year * 12 + month as i32 - 1))
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// 1..=12
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    /// The month `n` months later (earlier for negative `n`), clamped to the
    /// supported years so that it never fails.
    pub fn offset(self, n: i64) -> Month {
        let lo = Month::new(1, 1).map_or(0, |m| m.0) as i64;
        let hi = Month::new(9999, 12).map_or(0, |m| m.0) as i64;
        Month((self.0 as i64 + n).clamp(lo, hi) as i32)
    }

    /// Months from `earlier` to `self` (negative when `self` is earlier).
    pub fn since(self, earlier: Month) -> i64 {
        self.0 as i64 - earlier.0 as i64
    }

    /// Number of days in this month (Gregorian calendar).
    pub fn days(self) -> u32 {
        match self.month() {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ => {
                let y = self.year();
                if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 { 29 } else { 28 }
            }
        }
    }

    /// Parses `"YYYY-MM"` exactly (four-digit year, two-digit month).
    pub fn parse(text: &str) -> Result<Month, String> {
        let bad = || format!("{text:?} is not a month: expected \"YYYY-MM\", e.g. \"2026-03\"");
        let b = text.as_bytes();
        if b.len() != 7 || b[4] != b'-' || !b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = text[..4].parse().map_err(|_| bad())?;
        let month: u32 = text[5..].parse().map_err(|_| bad())?;
        Month::new(year, month).ok_or_else(bad)
    }
}

impl Default for Month {
    /// 2026-01 (an arbitrary but valid month).
    fn default() -> Month {
        Month(2026 * 12)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl std::str::FromStr for Month {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Month::parse(s)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Month::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let m = Month::parse("2028-02").unwrap();
        assert_eq!((m.year(), m.month()), (2028, 2));
        assert_eq!(m.to_string(), "2028-02");
        assert_eq!(m.days(), 29);
        assert_eq!(Month::parse("2100-02").unwrap().days(), 28);
        assert_eq!(Month::parse("2000-02").unwrap().days(), 29);
        assert_eq!(m.offset(11).to_string(), "2029-01");
        assert_eq!(m.offset(-2).to_string(), "2027-12");
        assert_eq!(Month::parse("2029-01").unwrap().since(m), 11);
    }

    #[test]
    fn refuses_bad_text() {
        for bad in ["2028-13", "2028-00", "28-01", "2028/01", "2028-1", "abcd-ef", "", "2028-011", "0000-01"] {
            assert!(Month::parse(bad).is_err(), "{bad} accepted");
        }
    }
}
