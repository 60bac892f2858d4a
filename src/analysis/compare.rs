//! Comparing two plans: the KPI table with absolute and % differences, what
//! changed between them in words (in the editor's labels and units), and the
//! KPI bridge: start from plan A, apply plan B's values one assumption group
//! at a time (market, fleet, power, hosting, opex, financing) and measure
//! each group's effect on a KPI. The last state is plan B itself (no
//! residual step), so the steps telescope to B − A: exactly in real numbers,
//! and within the rounding of the KPI's magnitude (~1e-15 relative) in f64.

use super::kpi_number;
use crate::engine::{self, Kpis};
use crate::model::field::{Block, FieldPath, Part, Unit, all_paths, item_words};
use crate::model::{Scenario, field};
use crate::schema::{KPIS, Kpi};
use crate::units;
use serde_json::Value;

/// The assumption groups of the bridge are the format's blocks; the plan's
/// own fields (name, notes, start and horizon) are not bridged.
pub use crate::model::field::Block as Group;

/// The bridge's groups, in its fixed order (file order after the plan's fields).
pub const ORDER: [Group; 6] = [Group::Market, Group::Fleet, Group::Power, Group::Hosting, Group::Opex, Group::Financing];

/// Copies group `g`'s assumptions from `from` into `to`.
fn apply(g: Group, to: &mut Scenario, from: &Scenario) {
    match g {
        Group::Plan => {}
        Group::Market => to.market = from.market.clone(),
        Group::Fleet => to.fleet = from.fleet.clone(),
        Group::Power => to.power = from.power.clone(),
        Group::Hosting => to.hosting = from.hosting.clone(),
        Group::Opex => to.opex = from.opex.clone(),
        Group::Financing => to.financing = from.financing.clone(),
    }
}

/// The bridge group of a scenario field; `None` for the plan's own fields
/// (name, notes, format version: no effect; start month and horizon: a
/// difference there means no bridge).
pub fn group_of(p: FieldPath) -> Option<Group> {
    Some(p.block()).filter(|b| *b != Block::Plan)
}

/// One line of the KPI table.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct KpiRow {
    pub key: &'static str,
    pub label: &'static str,
    /// As people read them (`n/m` when undefined).
    pub a: String,
    pub b: String,
    /// B − A, when both are numbers.
    pub diff: Option<f64>,
    /// (B − A) ÷ |A|, when both are numbers and A ≠ 0.
    pub diff_pct: Option<f64>,
}

/// The KPI table of two projections.
pub fn kpi_table(a: &Kpis, b: &Kpis) -> Vec<KpiRow> {
    KPIS.iter()
        .map(|k| {
            let (va, vb) = (kpi_number(k, a), kpi_number(k, b));
            let diff = va.zip(vb).map(|(x, y)| y - x);
            KpiRow {
                key: k.key,
                label: k.label,
                a: k.show(a),
                b: k.show(b),
                diff,
                diff_pct: va.zip(diff).filter(|(x, _)| *x != 0.0).map(|(x, d)| d / x.abs()),
            }
        })
        .collect()
}

/// One step of the bridge.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Step {
    pub group: Group,
    /// KPI after this step − before; `None` when either is undefined.
    pub delta: Option<f64>,
    /// The KPI after the step (`None`: undefined).
    pub after: Option<f64>,
}

/// The KPI bridge from A to B.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Bridge {
    pub kpi: &'static str,
    pub a: Option<f64>,
    pub b: Option<f64>,
    pub steps: Vec<Step>,
    /// B − A; `None` when either is undefined.
    pub total: Option<f64>,
}

/// Why two plans have no bridge, in words; `None` when they can be bridged.
pub fn no_bridge_reason(a: &Scenario, b: &Scenario) -> Option<String> {
    if a.start_month != b.start_month {
        return Some(format!("the plans start in different months ({} and {}): no bridge", a.start_month, b.start_month));
    }
    if a.horizon_months != b.horizon_months {
        return Some(format!("the plans cover different horizons ({} and {} months): no bridge", a.horizon_months, b.horizon_months));
    }
    None
}

/// The bridge of `kpi` from `a` to `b` (both valid). `Err`: why there is none.
pub fn bridge(a: &Scenario, b: &Scenario, kpi: &Kpi) -> Result<Bridge, String> {
    if let Some(why) = no_bridge_reason(a, b) {
        return Err(why);
    }
    let value = |s: &Scenario| engine::project(s).map(|p| kpi_number(kpi, &p.kpis)).map_err(|e| e.to_string());
    let start = value(a)?;
    let mut state = a.clone();
    let mut before = start;
    let mut steps = Vec::with_capacity(ORDER.len());
    for (i, g) in ORDER.iter().enumerate() {
        // The last state is B itself, so the steps end exactly at B's KPI.
        let after = if i + 1 == ORDER.len() {
            value(b)?
        } else {
            apply(*g, &mut state, b);
            value(&state).map_err(|e| format!("with {}'s {} assumptions: {e}", b.name, g.key()))?
        };
        steps.push(Step { group: *g, delta: before.zip(after).map(|(x, y)| y - x), after });
        before = after;
    }
    Ok(Bridge { kpi: kpi.key, a: start, b: before, steps, total: start.zip(before).map(|(x, y)| y - x) })
}

/// The value at a file path (`fleet[2].units`, `market.btc_price_usd.annual_growth`) in the scenario's JSON form.
fn lookup<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    let mut v = root;
    for token in path.split('.') {
        let (name, index) = match token.split_once('[') {
            Some((n, rest)) => (n, rest.strip_suffix(']').and_then(|i| i.parse::<usize>().ok())),
            None => (token, None),
        };
        // Enum variants (`Growth`, `Points`, `Convertible`) are one more level in JSON.
        v = match v {
            Value::Object(o) if o.contains_key(name) => &o[name],
            Value::Object(o) if o.len() == 1 => {
                let inner = o.values().next()?;
                match inner {
                    Value::Object(i) => i.get(name)?,
                    Value::Array(_) if name == "points" => inner,
                    _ => return None,
                }
            }
            _ => return None,
        };
        if let Some(i) = index {
            v = v.get(i)?;
            if let Some(pair) = v.as_array().filter(|p| p.len() == 2) {
                v = &pair[1];
            }
        }
    }
    Some(v)
}

fn number_text(v: f64) -> String {
    units::group_digits(&units::plain(v))
}

/// A value in the unit the editor uses for it.
fn shown(v: &Value, unit: Unit) -> String {
    let num = v.as_f64().or_else(|| v.as_str().and_then(|t| t.parse::<f64>().ok()));
    match (unit, num) {
        (_, _) if v.is_null() => "none".to_owned(),
        (Unit::Percent, Some(x)) => format!("{} %", number_text(x * 100.0)),
        (Unit::Whole(sfx) | Unit::Number(sfx), Some(x)) => format!("{}{sfx}", number_text(x)),
        (Unit::Money(u), Some(x)) => match u.strip_prefix('$') {
            Some(rest) => format!("${}{rest}", number_text(x)),
            None => format!("{} {u}", number_text(x)),
        },
        (Unit::Flag, _) => if v.as_bool() == Some(true) { "on" } else { "off" }.to_owned(),
        (Unit::Text, _) => format!("“{}”", field::cut(v.as_str().unwrap_or_default(), 40)),
        _ => match v {
            Value::String(t) => field::cut(t, 40),
            Value::Object(o) if o.len() == 1 => o.keys().next().cloned().unwrap_or_default(),
            other => field::cut(&other.to_string(), 60),
        },
    }
}

/// A path-valued field as a whole: `growth` or `N points`.
fn path_shape(v: &Value) -> String {
    match v.as_object().and_then(|o| o.iter().next()) {
        Some((k, inner)) if k == "Points" => format!("{} dated points", inner.as_array().map_or(0, Vec::len)),
        Some((k, _)) if k == "Growth" => "a growth rate".to_owned(),
        _ => "?".to_owned(),
    }
}

/// The assumptions that differ between `a` and `b`, one line each, in words.
pub fn what_changed(a: &Scenario, b: &Scenario) -> Vec<String> {
    let (Ok(ja), Ok(jb)) = (serde_json::to_value(a), serde_json::to_value(b)) else {
        return vec!["the plans cannot be compared field by field".to_owned()];
    };
    let in_b: std::collections::HashSet<FieldPath> = all_paths(b).into_iter().collect();
    let mut out = Vec::new();
    for p in all_paths(a) {
        if matches!(p, FieldPath::Plan(field::PlanField::FormatVersion)) || !in_b.contains(&p) {
            continue;
        }
        let path = p.file_path();
        let (Some(va), Some(vb)) = (lookup(&ja, &path), lookup(&jb, &path)) else { continue };
        if va == vb {
            continue;
        }
        let line = match p.part() {
            // A path's parts are listed one by one when both have them; the whole only when its shape changed.
            Part::Whole if matches!(p.unit(), Unit::Path(_)) => {
                let (sa, sb) = (path_shape(va), path_shape(vb));
                if sa == sb {
                    continue;
                }
                format!("{}: {sa} → {sb}", p.words(a))
            }
            Part::Whole if p == FieldPath::Plan(field::PlanField::Description) => format!("{}: notes changed", p.words(a)),
            _ => format!("{}: {} → {}", p.words(a), shown(va, p.unit()), shown(vb, p.unit())),
        };
        out.push(line);
    }
    let lists = [
        (field::List::Fleet, a.fleet.len(), b.fleet.len()),
        (field::List::Contracts, a.power.contracts.len(), b.power.contracts.len()),
        (field::List::Hosting, a.hosting.len(), b.hosting.len()),
        (field::List::Debt, a.financing.debt.len(), b.financing.debt.len()),
        (field::List::Raises, a.financing.equity_raises.len(), b.financing.equity_raises.len()),
    ];
    for (list, na, nb) in lists {
        for index in nb..na {
            out.push(format!("removed {}", item_words(field::Item { list, index }, a)));
        }
        for index in na..nb {
            out.push(format!("added {}", item_words(field::Item { list, index }, b)));
        }
    }
    out
}
