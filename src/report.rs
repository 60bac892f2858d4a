//! Reports of a projection: the monthly CSV and JSON of the CLI, and the
//! human-readable KPI summary. Text in, text out (writing files is `io`).

use crate::engine::{COLUMNS, KpiValue, Projection};
use crate::units;
use serde_json::{Map, Value, json};

/// The monthly table as CSV with the exact columns of `model.md`.
pub fn csv(p: &Projection) -> String {
    let mut out = String::with_capacity(64 + p.months.len() * 400);
    out.push_str(&COLUMNS.join(","));
    out.push('\n');
    for row in &p.months {
        out.push_str(&row.month_label());
        for v in row.values() {
            out.push(',');
            if let Some(v) = v {
                out.push_str(&units::plain(v));
            }
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
    for (k, v) in p.kpis.entries() {
        kpis.insert(
            k.to_owned(),
            match v {
                KpiValue::Number(x) => number(x),
                KpiValue::Month(m) => Value::String(m.to_string()),
                KpiValue::Undefined => Value::Null,
            },
        );
    }
    let months: Vec<Value> = p
        .months
        .iter()
        .map(|row| {
            let mut obj = Map::new();
            obj.insert(COLUMNS[0].to_owned(), Value::String(row.month_label()));
            for (col, v) in COLUMNS[1..].iter().zip(row.values()) {
                obj.insert((*col).to_owned(), v.map_or(Value::Null, number));
            }
            Value::Object(obj)
        })
        .collect();
    let doc = json!({"scenario": name, "kpis": Value::Object(kpis), "months": months});
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// The KPI summary for a terminal: one aligned line per figure, with units.
pub fn summary(name: &str, p: &Projection) -> String {
    let k = &p.kpis;
    let first = p.months.first().map(|r| r.month_label()).unwrap_or_default();
    let last = p.months.last().map(|r| r.month_label()).unwrap_or_default();
    let n_a = || "n/a".to_owned();
    let month = |m: Option<crate::model::Month>| m.map_or("none".to_owned(), |m| m.to_string());
    let per_btc = |v: Option<f64>| v.map_or_else(n_a, |v| format!("{} /BTC", units::usd(v)));
    let lines: Vec<(&str, String)> = vec![
        ("Horizon", format!("{first} .. {last} ({} months)", p.months.len())),
        ("BTC mined", format!("{} BTC", units::thousands(k.total_btc_mined, 2))),
        ("Hashrate share", format!("{} -> {}", units::percent(k.share_first, 3), units::percent(k.share_last, 3))),
        ("Annual share change", k.annual_share_change.map_or_else(n_a, |v| units::percent(v, 1))),
        ("Total revenue", units::usd(k.total_revenue_usd)),
        ("Total EBITDA", units::usd(k.total_ebitda_usd)),
        ("Minimum cash", format!("{} in {}", units::usd(k.min_cash_usd), month(k.min_cash_month))),
        (
            "Peak leverage",
            k.peak_leverage
                .map_or_else(|| "n/m (no positive LTM EBITDA)".to_owned(), |v| format!("{v:.2}x in {}", month(k.peak_leverage_month))),
        ),
        ("First distress month", month(k.first_distress_month)),
        ("Covenant breach months", k.covenant_breach_months.map_or_else(|| "no covenant".to_owned(), |n| n.to_string())),
        ("Debt at end", units::usd(k.end_debt_usd)),
        ("Cash at end", units::usd(k.end_cash_usd)),
        ("BTC held at end", format!("{} BTC", units::thousands(k.end_btc_held, 2))),
        ("Hold-share capex (last month)", units::usd(k.end_hold_share_capex_usd)),
        ("Cash cost per BTC", per_btc(k.cash_cost_per_btc_usd)),
        ("All-in cost per BTC", per_btc(k.all_in_cost_per_btc_usd)),
    ];
    let width = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let mut out = format!("{name}\n");
    for (label, value) in lines {
        out.push_str(&format!("  {label:<width$}  {value}\n"));
    }
    out
}
