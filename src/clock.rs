//! Wall-clock helpers without a date crate: the current month (where a new
//! plan starts) and UTC now as RFC 3339 (for `saved_at` and the date of an
//! exported chart or report).

use crate::model::Month;

/// The current calendar month (UTC): where a new plan starts.
pub fn current_month() -> Month {
    Month::parse(&utc_now_rfc3339()[..7]).unwrap_or_default()
}

/// UTC now as RFC 3339 (`2026-11-21T19:53:33Z`), without a date crate.
pub fn utc_now_rfc3339() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    rfc3339(secs)
}

/// The UTC time `secs` seconds after 1970-01-01T00:00:00Z as RFC 3339.
pub fn rfc3339(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_unix_times_give_their_calendar_dates() {
        // Expectations from the calendar, not from this code (each checked
        // with GNU `date -u -d @SECS`): the epoch, the billennium, a leap
        // day, the last second before 2000, the Bitcoin genesis block and
        // the second before the epoch.
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_000_000_000), "2001-09-09T01:46:40Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(946_684_799), "1999-12-31T23:59:59Z");
        assert_eq!(rfc3339(1_231_006_505), "2009-01-03T18:15:05Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        // 2100 is not a leap year: 28 February is followed by 1 March.
        assert_eq!(rfc3339(4_107_456_000), "2100-02-28T00:00:00Z");
        assert_eq!(rfc3339(4_107_542_400), "2100-03-01T00:00:00Z");
    }

    #[test]
    fn now_is_today_in_rfc3339_form() {
        let t = utc_now_rfc3339();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z') && &t[10..11] == "T");
    }
}
