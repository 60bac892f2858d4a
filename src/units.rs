//! Number formatting shared by the CLI summary, tables and charts: thousands
//! separators, compact suffixes (k, M, B), percentages, hashrate units.

/// Inserts thousands separators in a plain decimal text: `-1234567.5` → `-1,234,567.5`.
pub fn group_digits(text: &str) -> String {
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `1234567.891` with 2 decimals → `1,234,567.89`.
pub fn thousands(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "n/a".to_owned();
    }
    let out = group_digits(&format!("{:.*}", decimals, v.abs()));
    let negative = v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0');
    if negative { format!("-{out}") } else { out }
}

/// Compact: `1.23 B`, `45.6 M`, `7.8 k`, `512`.
pub fn compact(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_owned();
    }
    let a = v.abs();
    let (scaled, suffix) = if a >= 1e12 {
        (v / 1e12, " T")
    } else if a >= 1e9 {
        (v / 1e9, " B")
    } else if a >= 1e6 {
        (v / 1e6, " M")
    } else if a >= 1e3 {
        (v / 1e3, " k")
    } else {
        (v, "")
    };
    let digits = if scaled.abs() >= 100.0 {
        0
    } else if scaled.abs() >= 10.0 {
        1
    } else {
        2
    };
    format!("{scaled:.digits$}{suffix}")
}

/// `$1.23 B` (compact USD).
pub fn usd_compact(v: f64) -> String {
    if v < 0.0 { format!("-${}", compact(-v)) } else { format!("${}", compact(v)) }
}

/// `$1,234,567` (whole dollars with separators).
pub fn usd(v: f64) -> String {
    usd_decimals(v, 0)
}

/// `$1,234,567.89` with `decimals`; a value that rounds to zero has no sign.
pub fn usd_decimals(v: f64, decimals: usize) -> String {
    let digits = thousands(v.abs(), decimals);
    if v < 0.0 && digits.chars().any(|c| c.is_ascii_digit() && c != '0') { format!("-${digits}") } else { format!("${digits}") }
}

/// Fraction as percent: `0.0123` → `1.23 %`.
pub fn percent(v: f64, decimals: usize) -> String {
    format!("{:.*} %", decimals, v * 100.0)
}

/// Hashrate given in EH/s, with a unit that fits: `12.3 EH/s`, `850 PH/s`.
pub fn hashrate_ehs(v: f64) -> String {
    if v.abs() >= 1.0 || v == 0.0 { format!("{} EH/s", trim(v, 2)) } else { format!("{} PH/s", trim(v * 1000.0, 1)) }
}

fn trim(v: f64, decimals: usize) -> String {
    thousands(v, decimals)
}

/// Plain decimal for CSV: no separators, no exponent, at most 10 decimals,
/// trailing zeros dropped (`95000`, `0.0098796208`).
pub fn plain(v: f64) -> String {
    let mut s = format!("{v:.10}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" { "0".to_owned() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(thousands(1234567.891, 2), "1,234,567.89");
        assert_eq!(thousands(-999.4, 0), "-999");
        assert_eq!(thousands(-0.001, 0), "0");
        assert_eq!(thousands(100.0, 0), "100");
        assert_eq!(compact(1_234_000_000.0), "1.23 B");
        assert_eq!(compact(-45_600_000.0), "-45.6 M");
        assert_eq!(usd_compact(-2_500.0), "-$2.50 k");
        assert_eq!(usd(1_000_000.4), "$1,000,000");
        assert_eq!(percent(0.01234, 2), "1.23 %");
        assert_eq!(plain(95000.0), "95000");
        assert_eq!(plain(0.00987962081234), "0.0098796208");
        assert_eq!(plain(-0.0), "0");
        assert_eq!(plain(1e20), "100000000000000000000");
        assert_eq!(hashrate_ehs(0.85), "850.0 PH/s");
        assert_eq!(hashrate_ehs(12.345), "12.35 EH/s");
    }
}
