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
use crate::schema::{KPIS, Kind, Kpi};
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
        Group::Financing => {
            to.financing = from.financing.clone();
            to.valuation = from.valuation.clone();
        }
    }
}

/// The bridge group of a scenario field; `None` for the plan's own fields
/// (name, notes, format version: no effect; start month and horizon: a
/// difference there means no bridge). The discount rate, edited with the
/// plan, is the cost of the plan's capital: it is bridged with financing.
pub fn group_of(p: FieldPath) -> Option<Group> {
    if p == FieldPath::Plan(field::PlanField::DiscountRate) {
        return Some(Group::Financing);
    }
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
    /// (B − A) ÷ |A|, when both are numbers, A ≠ 0 and the ratio is finite
    /// (A tiny next to the change would make it infinite: not meaningful);
    /// never for a percentage (its change is [`KpiRow::diff`] in points).
    pub diff_pct: Option<f64>,
}

/// A change in the KPI's own terms, with its sign (`+$1,234`, `−0.25×`);
/// a share, rate or ratio in percent changes by percentage points
/// (`+0.19 pp`), never by a percent of a percent.
pub fn diff_text(kpi: &Kpi, d: f64) -> String {
    let text = match kpi.kind {
        Kind::Percent => format!("{} pp", units::thousands(d.abs() * 100.0, kpi.decimals)),
        Kind::Btc => format!("{} BTC", units::thousands(d.abs(), kpi.decimals)),
        Kind::Count if !kpi.unit.is_empty() => format!("{} {}", units::thousands(d.abs(), kpi.decimals), kpi.unit),
        kind => crate::schema::show(kind, kpi.decimals, d.abs()),
    };
    let zero = !text.chars().any(|c| c.is_ascii_digit() && c != '0');
    if zero || d == 0.0 {
        text
    } else if d > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}

/// A relative change: `+12.5 %`, `−1,705.6 %`.
pub fn pct_text(p: f64) -> String {
    let text = format!("{} %", units::thousands((p * 100.0).abs(), 1));
    let zero = !text.chars().any(|c| c.is_ascii_digit() && c != '0');
    if zero {
        text
    } else if p > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
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
                diff_pct: va
                    .zip(diff)
                    .filter(|(x, _)| *x != 0.0 && k.kind != Kind::Percent)
                    .map(|(x, d)| d / x.abs())
                    .filter(|p| p.is_finite()),
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

/// A lot's deposits in words: `25 % 7 months before delivery, 35 % 6
/// months before, 40 % 1 month before` (`none` without any), in file order.
pub fn deposits_words(d: &[crate::model::Deposit]) -> String {
    if d.is_empty() {
        return "none".to_owned();
    }
    let parts: Vec<String> = d
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let months = if x.months_before == 1 { "month" } else { "months" };
            let tail = if k == 0 { " delivery" } else { "" };
            format!("{} % {} {months} before{tail}", number_text((x.fraction * 100.0 * 1e6).round() / 1e6), x.months_before)
        })
        .collect();
    parts.join(", ")
}

/// The words of a changed value of `p` whose own rendering is not enough:
/// a lot's deposits (from the plans), an instrument's acceleration when off.
fn special_words(p: FieldPath, s: &Scenario, v: &Value) -> Option<String> {
    match p {
        FieldPath::Lot(i, field::LotField::Deposits) => s.fleet.get(i).map(|l| deposits_words(&l.deposits)),
        FieldPath::Debt(_, field::DebtField::Accelerate) if v.is_null() => Some("never".to_owned()),
        _ => None,
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

/// How the items of one list of plan A correspond to those of plan B.
#[derive(Debug, Default, PartialEq)]
struct Matching {
    /// (index in A, index in B): the same item, maybe edited or moved.
    pairs: Vec<(usize, usize)>,
    /// Indices in A with no counterpart in B.
    removed: Vec<usize>,
    /// Indices in B with no counterpart in A.
    added: Vec<usize>,
    /// The pairs (index in A, index in B) whose item changed place
    /// relative to the others (the fewest that explain the new order).
    moved: Vec<(usize, usize)>,
}

/// What identifies an item of `list` in `s`: model and deploy month for a
/// lot, the name for a contract, the tenant for a lease, name and kind for
/// an instrument, the month for a raise.
fn identity(list: field::List, s: &Scenario, i: usize) -> String {
    use field::List;
    match list {
        List::Fleet => s.fleet.get(i).map(|l| format!("{}\u{0}{}", l.model, l.deploy_month)),
        List::Contracts => s.power.contracts.get(i).map(|c| c.name.clone()),
        List::Hosting => s.hosting.get(i).map(|l| l.tenant.clone()),
        List::Debt => s.financing.debt.get(i).map(|d| format!("{}\u{0}{}", d.name, d.kind.label())),
        List::Raises => s.financing.equity_raises.get(i).map(|r| r.month.to_string()),
    }
    .unwrap_or_default()
}

/// `Lot 2 (Antminer S21, deployed 2025-02)`: an item named by its number and what identifies it.
fn identity_words(list: field::List, s: &Scenario, i: usize) -> String {
    use field::List;
    let n = i + 1;
    let word = list.item_word();
    let named = |name: &str, extra: String| {
        let name = field::cut(name.trim(), 40);
        match (name.is_empty(), extra.is_empty()) {
            (true, true) => format!("{word} {n}"),
            (true, false) => format!("{word} {n} ({extra})"),
            (false, true) => format!("{word} {n} ({name})"),
            (false, false) => format!("{word} {n} ({name}, {extra})"),
        }
    };
    match list {
        List::Fleet => s.fleet.get(i).map(|l| named(&l.model, format!("deployed {}", l.deploy_month))),
        List::Debt => s.financing.debt.get(i).map(|d| named(&d.name, d.kind.label().to_lowercase())),
        _ => None,
    }
    .unwrap_or_else(|| item_words(field::Item { list, index: i }, s))
}

/// The items of `list` in the scenario's JSON form.
fn items(root: &Value, list: field::List) -> Vec<&Value> {
    let mut v = Some(root);
    for key in list.file_path().split('.') {
        v = v.and_then(|v| v.get(key));
    }
    v.and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default()
}

/// Two items that keep more than half of their fields: the same item with
/// its identity edited (a lease renamed, a lot's deploy month moved).
fn similar(a: &Value, b: &Value) -> bool {
    let (Some(oa), Some(ob)) = (a.as_object(), b.as_object()) else { return false };
    let keys: std::collections::BTreeSet<&String> = oa.keys().chain(ob.keys()).collect();
    let same = keys.iter().filter(|k| oa.get(k.as_str()) == ob.get(k.as_str())).count();
    2 * same > keys.len()
}

/// Matches items by identity. Among items sharing an identity (duplicates),
/// identical items pair first, then the rest in their order (position is
/// the fallback only there). Items left over on both sides between the same
/// matched neighbours pair when they are [`similar`]: an edit of the
/// identity itself, not a removal and an addition.
fn match_items(ka: &[String], kb: &[String], va: &[&Value], vb: &[&Value]) -> Matching {
    let (mut of_a, mut of_b) = (vec![None; ka.len()], vec![None; kb.len()]);
    fn pair(i: usize, j: usize, of_a: &mut [Option<usize>], of_b: &mut [Option<usize>]) {
        of_a[i] = Some(j);
        of_b[j] = Some(i);
    }
    for exact in [true, false] {
        for i in 0..ka.len() {
            if of_a[i].is_some() {
                continue;
            }
            let found = (0..kb.len()).find(|&j| of_b[j].is_none() && kb[j] == ka[i] && (!exact || va.get(i) == vb.get(j)));
            if let Some(j) = found {
                pair(i, j, &mut of_a, &mut of_b);
            }
        }
    }
    // The gap an unmatched item sits in: how many matched items precede it.
    let gap = |of: &[Option<usize>], i: usize| of[..i].iter().filter(|m| m.is_some()).count();
    let gaps_a: Vec<usize> = (0..ka.len()).map(|i| gap(&of_a, i)).collect();
    let gaps_b: Vec<usize> = (0..kb.len()).map(|j| gap(&of_b, j)).collect();
    for i in 0..ka.len() {
        if of_a[i].is_some() {
            continue;
        }
        let found = (0..kb.len())
            .find(|&j| of_b[j].is_none() && gaps_b[j] == gaps_a[i] && va.get(i).zip(vb.get(j)).is_some_and(|(x, y)| similar(x, y)));
        if let Some(j) = found {
            pair(i, j, &mut of_a, &mut of_b);
        }
    }
    let pairs: Vec<(usize, usize)> = of_a.iter().enumerate().filter_map(|(i, j)| j.map(|j| (i, j))).collect();
    let kept = longest_increasing(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    Matching {
        moved: pairs.iter().enumerate().filter(|(k, _)| !kept.contains(k)).map(|(_, p)| *p).collect(),
        removed: (0..ka.len()).filter(|&i| of_a[i].is_none()).collect(),
        added: (0..kb.len()).filter(|&j| of_b[j].is_none()).collect(),
        pairs,
    }
}

/// The positions in `seq` of one longest strictly increasing subsequence.
fn longest_increasing(seq: &[usize]) -> std::collections::HashSet<usize> {
    // tails[l]: the position ending the best increasing run of length l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (k, &v) in seq.iter().enumerate() {
        let l = tails.partition_point(|&t| seq[t] < v);
        prev[k] = l.checked_sub(1).map(|l| tails[l]);
        if l == tails.len() {
            tails.push(k);
        } else {
            tails[l] = k;
        }
    }
    let mut out = std::collections::HashSet::new();
    let mut at = tails.last().copied();
    while let Some(k) = at {
        out.insert(k);
        at = prev[k];
    }
    out
}

/// The same field of the item at index `j` of its list.
fn reindexed(p: FieldPath, j: usize) -> FieldPath {
    match p {
        FieldPath::Lot(_, f) => FieldPath::Lot(j, f),
        FieldPath::Contract(_, f) => FieldPath::Contract(j, f),
        FieldPath::Lease(_, f) => FieldPath::Lease(j, f),
        FieldPath::Debt(_, f) => FieldPath::Debt(j, f),
        FieldPath::Raise(_, f) => FieldPath::Raise(j, f),
        other => other,
    }
}

const LISTS: [field::List; 5] = [field::List::Fleet, field::List::Contracts, field::List::Hosting, field::List::Debt, field::List::Raises];

/// The assumptions that differ between `a` and `b`, one line each, in words.
/// List items are matched by identity (see [`identity`]), so removing a lot
/// reads as that lot removed, not as edits of every lot after it. Field
/// changes name the item as plan A numbers it; removed and moved items are
/// numbered as in A, added ones as in B.
pub fn what_changed(a: &Scenario, b: &Scenario) -> Vec<String> {
    let (Ok(ja), Ok(jb)) = (serde_json::to_value(a), serde_json::to_value(b)) else {
        return vec!["the plans cannot be compared field by field".to_owned()];
    };
    let matchings: Vec<(field::List, Matching)> = LISTS
        .iter()
        .map(|&list| {
            let (va, vb) = (items(&ja, list), items(&jb, list));
            let ka: Vec<String> = (0..va.len()).map(|i| identity(list, a, i)).collect();
            let kb: Vec<String> = (0..vb.len()).map(|j| identity(list, b, j)).collect();
            (list, match_items(&ka, &kb, &va, &vb))
        })
        .collect();
    let counterpart = |p: FieldPath| -> Option<FieldPath> {
        let Some(it) = p.item() else { return Some(p) };
        let m = &matchings.iter().find(|(l, _)| *l == it.list)?.1;
        m.pairs.iter().find(|(i, _)| *i == it.index).map(|&(_, j)| reindexed(p, j))
    };
    let in_b: std::collections::HashSet<FieldPath> = all_paths(b).into_iter().collect();
    let mut out = Vec::new();
    for p in all_paths(a) {
        if matches!(p, FieldPath::Plan(field::PlanField::FormatVersion)) {
            continue;
        }
        let Some(q) = counterpart(p).filter(|q| in_b.contains(q)) else { continue };
        let (Some(va), Some(vb)) = (lookup(&ja, &p.file_path()), lookup(&jb, &q.file_path())) else { continue };
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
            _ => {
                let word = |at: FieldPath, s: &Scenario, v: &Value| special_words(at, s, v).unwrap_or_else(|| shown(v, at.unit()));
                format!("{}: {} → {}", p.words(a), word(p, a, va), word(q, b, vb))
            }
        };
        out.push(line);
    }
    for (list, m) in &matchings {
        out.extend(m.removed.iter().map(|&i| format!("{} removed", identity_words(*list, a, i))));
        out.extend(m.added.iter().map(|&j| format!("{} added", identity_words(*list, b, j))));
        out.extend(m.moved.iter().map(|&(i, j)| format!("{} moved: now {} {}", identity_words(*list, a, i), list.item_word(), j + 1)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_beyond_any_percentage_has_none() {
        let a = Kpis { end_btc_held: 5e-324, end_cash_usd: 2.0, ..Kpis::default() };
        let b = Kpis { end_btc_held: 1000.0, end_cash_usd: 3.0, ..Kpis::default() };
        let row = |k: &str| kpi_table(&a, &b).into_iter().find(|r| r.key == k).unwrap();
        assert_eq!(row("end_btc_held").diff_pct, None, "{:?}", row("end_btc_held"));
        assert_eq!(row("end_btc_held").diff, Some(1000.0));
        assert_eq!(row("end_cash_usd").diff_pct, Some(0.5));
    }

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_fewest_moves_explain_a_new_order() {
        let one = |seq: &[usize]| longest_increasing(seq).len();
        assert_eq!(one(&[0, 1, 2, 3]), 4);
        assert_eq!(one(&[1, 0, 2]), 2);
        assert_eq!(one(&[3, 0, 1, 2]), 3, "one item moved to the front");
        assert_eq!(one(&[]), 0);
    }

    #[test]
    fn duplicates_pair_identical_items_first_then_by_order() {
        let (x1, x2, x3) = (serde_json::json!({"u": 1}), serde_json::json!({"u": 2}), serde_json::json!({"u": 3}));
        let m = match_items(&keys(&["x", "x"]), &keys(&["x"]), &[&x1, &x2], &[&x2]);
        assert_eq!((m.pairs, m.removed), (vec![(1, 0)], vec![0]), "the unchanged duplicate is kept");
        let m = match_items(&keys(&["x", "x"]), &keys(&["x", "x"]), &[&x1, &x2], &[&x3, &x1]);
        assert_eq!(m.pairs, vec![(0, 1), (1, 0)]);
        assert_eq!(m.moved.len(), 1);
    }
}
