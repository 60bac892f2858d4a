//! A projection as text tables: the monthly CSV and JSON of the CLI, the
//! tab-separated tables for the clipboard, and the human-readable KPI summary.
//! Text in, text out (writing files is `io`). Numbers in CSV and TSV are
//! clean: money to the cent, BTC to the satoshi, other kinds to 9 significant
//! digits, and never further than [`CLEAN_REL`] from the exact value.

use crate::engine::Projection;
use crate::schema::{COLUMNS, KPIS, Kind, KpiValue, MONTH_KEY};
use serde_json::{Map, Value, json};

/// The largest relative distance between a written number and the exact one.
/// Where rounding to the cent or the satoshi would move a small value further,
/// more decimals are kept.
pub const CLEAN_REL: f64 = 5e-7;

/// The decimals a kind is written with before the closeness check: cents,
/// satoshis, whole counts; `None` is "9 significant digits".
fn base_decimals(kind: Kind) -> Option<usize> {
    match kind {
        Kind::Money => Some(2),
        Kind::Btc => Some(8),
        Kind::Count | Kind::Month => Some(0),
        Kind::Ratio | Kind::Percent | Kind::Quantity => None,
    }
}

/// `v` as a plain decimal (no grouping, `.` separator, no exponent) of its kind,
/// without float noise: `4638939.4169999994` as money is `4638939.42`.
pub fn clean(kind: Kind, v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v == 0.0 {
        return "0".to_owned();
    }
    let significant = |digits: i32| (digits - 1 - v.abs().log10().floor() as i32).clamp(0, 17) as usize;
    let mut decimals = base_decimals(kind).unwrap_or_else(|| significant(9));
    let mut text = format!("{v:.decimals$}");
    while decimals < 17 {
        let back: f64 = text.parse().unwrap_or(f64::NAN);
        if (back - v).abs() <= CLEAN_REL * v.abs() {
            break;
        }
        decimals += 1;
        text = format!("{v:.decimals$}");
    }
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(trimmed);
    }
    if text == "-0" { "0".to_owned() } else { text }
}

/// One cell of the monthly table: clean number of its kind, empty when undefined.
fn cell(kind: Kind, v: Option<f64>) -> String {
    v.map(|v| clean(kind, v)).unwrap_or_default()
}

/// The monthly table as CSV with the exact columns of `model.md`.
pub fn csv(p: &Projection) -> String {
    let mut out = String::with_capacity(64 + p.months.len() * 400);
    out.push_str(MONTH_KEY);
    for c in &COLUMNS {
        out.push(',');
        out.push_str(c.key);
    }
    out.push('\n');
    for row in &p.months {
        out.push_str(&row.month_label());
        for c in &COLUMNS {
            out.push(',');
            out.push_str(&cell(c.kind, (c.get)(row)));
        }
        out.push('\n');
    }
    out
}

/// The header of the investments CSV (model-v2.md "Investment returns").
pub const INVESTMENT_COLUMNS: [&str; 7] = ["kind", "name", "first_month", "cost_usd", "payback_month", "irr", "npv_usd"];

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

/// The investments table as CSV: one row per lot, then per lease, first paid
/// for inside the horizon; an undefined payback month or IRR is empty.
pub fn investments_csv(p: &Projection) -> String {
    let mut out = INVESTMENT_COLUMNS.join(",");
    out.push('\n');
    for i in &p.investments {
        let fields = [
            i.kind.key().to_owned(),
            csv_field(&i.name),
            i.first_month.to_string(),
            clean(Kind::Money, i.cost_usd),
            i.payback_month.map(|m| m.to_string()).unwrap_or_default(),
            cell(Kind::Percent, i.irr),
            clean(Kind::Money, i.npv_usd),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// The monthly table as tab-separated values for a spreadsheet: a header of
/// labels with units, then one line per month with the same numbers as [`csv`].
pub fn monthly_tsv(p: &Projection) -> String {
    let mut out = String::with_capacity(64 + p.months.len() * 400);
    out.push_str("Month");
    for c in &COLUMNS {
        out.push('\t');
        out.push_str(&c.title());
    }
    out.push('\n');
    for row in &p.months {
        out.push_str(&row.month_label());
        for c in &COLUMNS {
            out.push('\t');
            out.push_str(&cell(c.kind, (c.get)(row)));
        }
        out.push('\n');
    }
    out
}

/// The KPI table as tab-separated values: `Figure, Value, Unit, Definition`;
/// an undefined figure says why in the value cell, a month is "YYYY-MM".
pub fn kpi_tsv(p: &Projection) -> String {
    let mut out = String::from("Figure\tValue\tUnit\tDefinition\n");
    for k in &KPIS {
        let value = match k.value(&p.kpis) {
            KpiValue::Number(v) => clean(k.kind, v),
            KpiValue::Month(m) => m.to_string(),
            KpiValue::Undefined => k.undefined.to_owned(),
        };
        let fields = [k.label, &value, k.unit, k.help].map(|f| f.replace(['\t', '\n'], " "));
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// Key figures of several plans side by side as tab-separated values:
/// `Figure, Unit, first plan`, then for each other plan its value, the
/// difference from the first and the difference in % (`analysis::compare`).
/// Numbers as in the CSV; an undefined figure or difference is empty.
pub fn compare_tsv(plans: &[(&str, &Projection)]) -> String {
    let Some(((first_name, first), others)) = plans.split_first() else { return String::new() };
    let clean_name = |n: &str| n.replace(['\t', '\n'], " ");
    let mut out = format!("Figure\tUnit\t{}", clean_name(first_name));
    for (name, _) in others {
        let name = clean_name(name);
        out.push_str(&format!("\t{name}\t{name}: difference\t{name}: difference %"));
    }
    out.push('\n');
    let tables: Vec<_> = others.iter().map(|(_, p)| crate::analysis::compare::kpi_table(&first.kpis, &p.kpis)).collect();
    let value = |k: &crate::schema::Kpi, p: &Projection| match k.value(&p.kpis) {
        KpiValue::Number(v) => clean(k.kind, v),
        KpiValue::Month(m) => m.to_string(),
        KpiValue::Undefined => String::new(),
    };
    for (i, k) in KPIS.iter().enumerate() {
        out.push_str(&format!("{}\t{}\t{}", k.label, k.unit, value(k, first)));
        for ((_, p), t) in others.iter().zip(&tables) {
            let row = &t[i];
            let diff = row.diff.map_or(String::new(), |d| clean(k.kind, d));
            let pct = row.diff_pct.map_or(String::new(), |d| clean(Kind::Ratio, d * 100.0));
            out.push_str(&format!("\t{}\t{diff}\t{pct}", value(k, p)));
        }
        out.push('\n');
    }
    out
}

fn number(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

/// `{"scenario": name, "kpis": {name: value}, "months": [{column: value}]}`;
/// undefined values are `null`, months are "YYYY-MM" strings.
pub fn json(name: &str, p: &Projection) -> String {
    let mut kpis = Map::new();
    for k in &KPIS {
        let v = match k.value(&p.kpis) {
            KpiValue::Number(x) => number(x),
            KpiValue::Month(m) => Value::String(m.to_string()),
            KpiValue::Undefined => Value::Null,
        };
        kpis.insert(k.key.to_owned(), v);
    }
    let months: Vec<Value> = p
        .months
        .iter()
        .map(|row| {
            let mut obj = Map::new();
            obj.insert(MONTH_KEY.to_owned(), Value::String(row.month_label()));
            for c in &COLUMNS {
                obj.insert(c.key.to_owned(), (c.get)(row).map_or(Value::Null, number));
            }
            Value::Object(obj)
        })
        .collect();
    let investments: Vec<Value> = p
        .investments
        .iter()
        .map(|i| {
            json!({
                "kind": i.kind.key(),
                "name": i.name,
                "first_month": i.first_month.to_string(),
                "cost_usd": number(i.cost_usd),
                "payback_month": i.payback_month.map(|m| m.to_string()),
                "irr": i.irr.map_or(Value::Null, number),
                "npv_usd": number(i.npv_usd),
            })
        })
        .collect();
    let doc = json!({"scenario": name, "kpis": Value::Object(kpis), "months": months, "investments": investments});
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// The KPI summary for a terminal: the horizon, then one aligned line per
/// summary figure, in the units people read (undefined figures say why).
pub fn summary(name: &str, p: &Projection) -> String {
    let first = p.months.first().map(|r| r.month_label()).unwrap_or_default();
    let last = p.months.last().map(|r| r.month_label()).unwrap_or_default();
    let mut lines = vec![("Horizon", format!("{first} .. {last} ({} months)", p.months.len()))];
    lines.extend(KPIS.iter().map(|k| (k.label, k.show(&p.kpis))));
    let width = lines.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
    let mut out = format!("{name}\n");
    for (label, value) in lines {
        out.push_str(&format!("  {label:<width$}  {value}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A float from its text (the noisy literals clippy would refuse).
    fn f(text: &str) -> f64 {
        text.parse().unwrap()
    }

    fn close(text: &str, v: f64) -> bool {
        let back: f64 = text.parse().unwrap();
        (back - v).abs() <= CLEAN_REL * v.abs()
    }

    #[test]
    fn money_is_written_to_the_cent_without_float_noise() {
        assert_eq!(clean(Kind::Money, f("4638939.4169999994")), "4638939.42");
        assert_eq!(clean(Kind::Money, f("12624188.5616511051")), "12624188.56");
        assert_eq!(clean(Kind::Money, f("-2220241.9123437963")), "-2220241.91");
        assert_eq!(clean(Kind::Money, 8984688.0), "8984688");
    }

    #[test]
    fn btc_is_written_to_the_satoshi() {
        assert_eq!(clean(Kind::Btc, f("132.8861953858")), "132.88619539");
        assert_eq!(clean(Kind::Btc, 86.4), "86.4");
    }

    #[test]
    fn ratios_keep_nine_significant_digits() {
        assert_eq!(clean(Kind::Percent, f("0.0098796208123")), "0.00987962081");
        assert_eq!(clean(Kind::Ratio, f("-0.923573166012")), "-0.923573166");
        assert_eq!(clean(Kind::Quantity, f("1122.8632013385")), "1122.8632");
    }

    #[test]
    fn small_money_keeps_the_digits_that_keep_it_close() {
        let v = 12.3456789;
        let text = clean(Kind::Money, v);
        assert!(close(&text, v), "{text}");
        assert_ne!(text, "12.35");
    }

    #[test]
    fn zero_negative_zero_and_non_finite() {
        assert_eq!(clean(Kind::Money, 0.0), "0");
        assert_eq!(clean(Kind::Money, -0.0), "0");
        assert_eq!(clean(Kind::Money, -0.001), "-0.001");
        assert_eq!(clean(Kind::Ratio, f64::NAN), "");
    }

    #[test]
    fn every_written_number_stays_within_the_bound() {
        let mut v = 1.234_567_891_234e-9;
        for kind in [Kind::Money, Kind::Btc, Kind::Ratio, Kind::Percent, Kind::Quantity, Kind::Count] {
            for _ in 0..40 {
                for x in [v, -v, v * 3.7] {
                    let text = clean(kind, x);
                    assert!(close(&text, x), "{kind:?} {x} -> {text}");
                }
                v *= 7.3;
            }
            v = 1.234_567_891_234e-9;
        }
    }
}
