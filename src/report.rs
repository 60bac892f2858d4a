//! Reports of a projection: the monthly CSV and JSON of the CLI, and the
//! human-readable KPI summary. Text in, text out (writing files is `io`).

use crate::engine::Projection;
use crate::schema::{COLUMNS, KPIS, KpiValue, MONTH_KEY};
use crate::units;
use serde_json::{Map, Value, json};

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
            if let Some(v) = (c.get)(row) {
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
    let doc = json!({"scenario": name, "kpis": Value::Object(kpis), "months": months});
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
