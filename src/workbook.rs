//! The plan as an Excel workbook (`floe workbook`, issue 18): Summary (the
//! KPIs, formatted, and native charts of share, revenue, leverage and cash
//! drawn from the Monthly sheet), Assumptions (every input, grouped, with
//! units), Monthly (every column with units and number formats, header and
//! month column frozen), Income statement and Cash flow by year (subtotals as
//! live `SUM` formulas), Investments, and a Compare sheet when several plans
//! are given. Pure: bytes out; writing the file is the caller's.

use crate::engine::Projection;
use crate::model::Scenario;
use crate::model::field::{Part, Unit, all_paths, item_words};
use crate::periods::Period;
use crate::schema::{COLUMNS, KPIS, Kind, KpiValue};
use crate::statements::{LINES, Rule, Statement, Statements, statements};
use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format, Formula, Workbook, Worksheet, XlsxError};
use serde_json::Value;

/// One plan to write: its scenario and projection.
pub struct Plan<'a> {
    pub scenario: &'a Scenario,
    pub projection: &'a Projection,
}

/// The sheets of a one-plan workbook, in order (a Compare sheet follows with several plans).
pub const SHEETS: [&str; 6] = ["Summary", "Assumptions", "Monthly", "Income statement", "Cash flow", "Investments"];

/// Rows above the monthly figures on the Monthly sheet (label, unit).
const MONTHLY_HEAD: u32 = 2;

/// The workbook of the first plan; with more plans, a Compare sheet of all of them.
pub fn workbook(plans: &[Plan]) -> Result<Vec<u8>, String> {
    let first = plans.first().ok_or("no plan to write")?;
    build(first, plans).map_err(|e| format!("cannot build the workbook: {e}"))
}

fn build(p: &Plan, plans: &[Plan]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.push_worksheet(summary(p)?);
    wb.push_worksheet(assumptions(p.scenario)?);
    wb.push_worksheet(monthly(p.projection)?);
    let years = statements(p.scenario, p.projection, Period::Year);
    let income_rows = statement_rows(Statement::Income);
    wb.push_worksheet(statement_sheet(Statement::Income, &years, &income_rows)?);
    wb.push_worksheet(statement_sheet(Statement::CashFlow, &years, &income_rows)?);
    wb.push_worksheet(investments(p.projection)?);
    if plans.len() > 1 {
        wb.push_worksheet(compare(plans)?);
    }
    wb.save_to_buffer()
}

/// The number format of a kind with `decimals`.
fn num_format(kind: Kind, decimals: usize) -> String {
    let dec = if decimals == 0 { String::new() } else { format!(".{}", "0".repeat(decimals)) };
    match kind {
        Kind::Money => format!("#,##0{dec};-#,##0{dec}"),
        Kind::Percent => format!("0{dec}%"),
        Kind::Ratio => format!("0{dec}\"×\""),
        Kind::Month => "yyyy-mm".to_owned(),
        Kind::Btc | Kind::Count | Kind::Quantity => format!("#,##0{dec}"),
    }
}

fn bold() -> Format {
    Format::new().set_bold()
}

fn month_date(m: crate::model::Month) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(m.year() as u16, m.month() as u8, 1)
}

/// Summary: the plan, its KPIs with units and meaning, and the charts.
fn summary(p: &Plan) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("Summary")?;
    let s = p.scenario;
    ws.write_string_with_format(0, 0, &s.name, &bold().set_font_size(14))?;
    ws.write_string(1, 0, format!("Starts {}, {} months", s.start_month, s.horizon_months))?;
    for (c, h) in ["Figure", "Value", "Unit", "Meaning"].iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &bold())?;
    }
    for (i, k) in KPIS.iter().enumerate() {
        let row = 4 + i as u32;
        ws.write_string(row, 0, k.label)?;
        match k.value(&p.projection.kpis) {
            KpiValue::Number(v) => ws.write_number_with_format(row, 1, v, &Format::new().set_num_format(num_format(k.kind, k.decimals)))?,
            KpiValue::Month(m) => ws.write_datetime_with_format(row, 1, month_date(m)?, &Format::new().set_num_format("yyyy-mm"))?,
            KpiValue::Undefined => ws.write_string(row, 1, k.undefined)?,
        };
        ws.write_string(row, 2, k.unit)?;
        ws.write_string(row, 3, k.help)?;
    }
    ws.set_column_width(0, 32)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, 22)?;
    ws.set_column_width(3, 60)?;
    charts(&mut ws, p.projection.months.len() as u32)?;
    Ok(ws)
}

/// The Monthly sheet's column (0-based, after the month column) of a column key.
fn monthly_col(key: &str) -> u16 {
    1 + COLUMNS.iter().position(|c| c.key == key).unwrap_or(0) as u16
}

/// Native charts of share, revenue, leverage and cash from the Monthly sheet.
fn charts(ws: &mut Worksheet, months: u32) -> Result<(), XlsxError> {
    let (r0, r1) = (MONTHLY_HEAD, MONTHLY_HEAD + months.max(1) - 1);
    let specs: [(&str, ChartType, &[&str], &str); 4] = [
        ("Hashrate share", ChartType::Line, &["hashrate_share"], "0.00%"),
        ("Revenue", ChartType::ColumnStacked, &["mining_revenue_usd", "hosting_revenue_usd", "curtailment_credit_usd"], "#,##0"),
        ("Leverage", ChartType::Line, &["leverage"], "0.0\"×\""),
        ("Cash and debt", ChartType::Line, &["cash_usd", "debt_usd"], "#,##0"),
    ];
    for (i, (title, kind, keys, fmt)) in specs.iter().enumerate() {
        let mut chart = Chart::new(*kind);
        chart.title().set_name(*title);
        for key in *keys {
            let c = monthly_col(key);
            chart.add_series().set_categories(("Monthly", r0, 0, r1, 0)).set_values(("Monthly", r0, c, r1, c)).set_name(("Monthly", 0, c));
        }
        chart.y_axis().set_num_format(*fmt);
        chart.x_axis().set_num_format("yyyy-mm");
        ws.insert_chart(3 + 16 * (i as u32 / 2), 5 + 8 * (i as u16 % 2), &chart)?;
    }
    Ok(())
}

/// Monthly: every column of the CSV with its label and unit; header and month frozen.
fn monthly(p: &Projection) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("Monthly")?;
    let head = bold().set_text_wrap();
    ws.write_string_with_format(0, 0, "Month", &head)?;
    ws.write_string(1, 0, "")?;
    let formats: Vec<Format> = COLUMNS.iter().map(|c| Format::new().set_num_format(num_format(c.kind, c.decimals))).collect();
    for (j, c) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, 1 + j as u16, c.label, &head)?;
        ws.write_string(1, 1 + j as u16, c.unit)?;
    }
    let month_fmt = Format::new().set_num_format("yyyy-mm");
    for (i, r) in p.months.iter().enumerate() {
        let row = MONTHLY_HEAD + i as u32;
        ws.write_datetime_with_format(row, 0, month_date(r.month)?, &month_fmt)?;
        for (j, c) in COLUMNS.iter().enumerate() {
            if let Some(v) = (c.get)(r) {
                ws.write_number_with_format(row, 1 + j as u16, v, &formats[j])?;
            }
        }
    }
    ws.set_column_range_width(1, COLUMNS.len() as u16, 15)?;
    ws.set_row_height(0, 32)?;
    ws.set_freeze_panes(MONTHLY_HEAD, 1)?;
    Ok(ws)
}

/// The sheet row of each line of `statement`, with the section headings between.
fn statement_rows(statement: Statement) -> Vec<(&'static str, u32)> {
    let mut rows = Vec::new();
    let mut row = 3u32;
    let mut section = "";
    for l in LINES.iter().filter(|l| l.statement == statement) {
        if l.section != section {
            section = l.section;
            row += 1;
        }
        rows.push((l.key, row));
        row += 1;
    }
    rows
}

/// A1 column letters of a 0-based column.
fn col_name(mut c: u16) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (c % 26) as u8) as char);
        if c < 26 {
            return s;
        }
        c = c / 26 - 1;
    }
}

/// `=SUM(B4:B6,B8)`: the lines `keys` of column `col`, contiguous rows as ranges.
fn sum_formula(keys: &[&str], rows: &[(&str, u32)], col: &str) -> String {
    let mut at: Vec<u32> = keys.iter().filter_map(|k| rows.iter().find(|(x, _)| x == k).map(|(_, r)| r + 1)).collect();
    at.sort_unstable();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < at.len() {
        let mut j = i;
        while j + 1 < at.len() && at[j + 1] == at[j] + 1 {
            j += 1;
        }
        parts.push(if i == j { format!("{col}{}", at[i]) } else { format!("{col}{}:{col}{}", at[i], at[j]) });
        i = j + 1;
    }
    format!("=SUM({})", parts.join(","))
}

/// An income statement or cash-flow sheet by year: items as values, totals as formulas.
fn statement_sheet(statement: Statement, st: &Statements, income_rows: &[(&str, u32)]) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(statement.title())?;
    ws.write_string_with_format(0, 0, format!("{} by year (USD)", statement.title()), &bold().set_font_size(13))?;
    ws.write_string_with_format(1, 0, "Year", &bold())?;
    ws.write_string(2, 0, "Months in the year")?;
    for (k, h) in st.periods.iter().enumerate() {
        let label = if h.partial { format!("{} (partial)", h.label) } else { h.label.clone() };
        ws.write_string_with_format(1, 1 + k as u16, label, &bold().set_align(rust_xlsxwriter::FormatAlign::Right))?;
        ws.write_number(2, 1 + k as u16, h.months as f64)?;
    }
    let rows = statement_rows(statement);
    let money = Format::new().set_num_format(num_format(Kind::Money, 0));
    let total = money.clone().set_bold().set_border_top(rust_xlsxwriter::FormatBorder::Thin);
    let mut section = "";
    for l in LINES.iter().filter(|l| l.statement == statement) {
        let row = rows.iter().find(|(k, _)| *k == l.key).map_or(0, |(_, r)| *r);
        if l.section != section {
            section = l.section;
            ws.write_string_with_format(row - 1, 0, section, &bold().set_italic())?;
        }
        ws.write_string_with_format(row, 0, l.label, &if l.is_total() { bold() } else { Format::new().set_indent(1) })?;
        for k in 0..st.periods.len() {
            let col = 1 + k as u16;
            let v = st.value(l.key, k).unwrap_or(0.0);
            let name = col_name(col);
            let formula = match l.rule {
                Rule::Total(keys) => Some(sum_formula(keys, &rows, &name)),
                Rule::Item(_) if l.key == "cf_net_income_usd" => {
                    income_rows.iter().find(|(k, _)| *k == "net_income_usd").map(|(_, r)| format!("='Income statement'!{name}{}", r + 1))
                }
                Rule::CashBegin if k > 0 => {
                    rows.iter().find(|(k, _)| *k == "cash_end_usd").map(|(_, r)| format!("={}{}", col_name(col - 1), r + 1))
                }
                _ => None,
            };
            let fmt = if l.is_total() { &total } else { &money };
            match formula {
                Some(f) => ws.write_formula_with_format(row, col, Formula::new(f).set_result(v.to_string()), fmt)?,
                None => ws.write_number_with_format(row, col, v, fmt)?,
            };
        }
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_range_width(1, st.periods.len().max(1) as u16, 16)?;
    ws.set_freeze_panes(3, 1)?;
    Ok(ws)
}

/// Investments: the lots and leases first paid for inside the horizon, with their returns.
fn investments(p: &Projection) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("Investments")?;
    // The columns and words of the app's Returns view and the report: the answers first.
    let heads = ["Investment", "Payback month", "IRR (per year)", "NPV (USD)", "Cost (USD)", "First payment", "Kind"];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold())?;
    }
    let (money, pct, month) = (
        Format::new().set_num_format(num_format(Kind::Money, 0)),
        Format::new().set_num_format("0.0%"),
        Format::new().set_num_format("yyyy-mm"),
    );
    for (i, inv) in p.investments.iter().enumerate() {
        let row = 1 + i as u32;
        let words = crate::investments::RowText::of(inv);
        ws.write_string(row, 0, &inv.name)?;
        match inv.payback_month {
            Some(m) => ws.write_datetime_with_format(row, 1, month_date(m)?, &month)?,
            None => ws.write_string(row, 1, &words.payback)?,
        };
        match inv.irr {
            Some(r) => ws.write_number_with_format(row, 2, r, &pct)?,
            None => ws.write_string(row, 2, &words.irr)?,
        };
        ws.write_number_with_format(row, 3, inv.npv_usd, &money)?;
        ws.write_number_with_format(row, 4, inv.cost_usd, &money)?;
        ws.write_datetime_with_format(row, 5, month_date(inv.first_month)?, &month)?;
        ws.write_string(row, 6, words.kind)?;
    }
    let note = 2 + p.investments.len() as u32;
    ws.write_string(note, 0, "Cash flows within the horizon only: a lot still earning after the last month shows less than it will earn.")?;
    ws.set_column_width(0, 36)?;
    ws.set_column_range_width(1, 6, 16)?;
    Ok(ws)
}

/// Compare: every plan's KPIs side by side, the difference to the first as a formula, and what changed.
fn compare(plans: &[Plan]) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("Compare")?;
    ws.write_string_with_format(0, 0, "Figure", &bold())?;
    ws.write_string_with_format(0, 1, "Unit", &bold())?;
    for (j, p) in plans.iter().enumerate() {
        ws.write_string_with_format(0, 2 + j as u16, &p.scenario.name, &bold().set_text_wrap())?;
    }
    let last = 2 + plans.len() as u16 - 1;
    let diff_col = last + 1;
    ws.write_string_with_format(0, diff_col, "Last − first", &bold())?;
    for (i, k) in KPIS.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, k.label)?;
        ws.write_string(row, 1, k.unit)?;
        let fmt = Format::new().set_num_format(num_format(k.kind, k.decimals));
        let mut numbers = 0;
        let mut ends = (0.0, 0.0);
        for (j, p) in plans.iter().enumerate() {
            let col = 2 + j as u16;
            match k.value(&p.projection.kpis) {
                KpiValue::Number(v) => {
                    numbers += 1;
                    if j == 0 {
                        ends.0 = v;
                    }
                    ends.1 = v;
                    ws.write_number_with_format(row, col, v, &fmt)?
                }
                KpiValue::Month(m) => ws.write_datetime_with_format(row, col, month_date(m)?, &Format::new().set_num_format("yyyy-mm"))?,
                KpiValue::Undefined => ws.write_string(row, col, k.undefined)?,
            };
        }
        if numbers == plans.len() {
            let d = format!("{}{}-C{}", col_name(last), row + 1, row + 1);
            if k.kind == Kind::Percent {
                // A change of a share or rate is in percentage points, not a % of a %.
                let dec = if k.decimals == 0 { String::new() } else { format!(".{}", "0".repeat(k.decimals)) };
                let pp = Format::new().set_num_format(format!("+0{dec}\" pp\";-0{dec}\" pp\";0{dec}\" pp\""));
                let result = ((ends.1 - ends.0) * 100.0).to_string();
                ws.write_formula_with_format(row, diff_col, Formula::new(format!("=({d})*100")).set_result(result), &pp)?;
            } else {
                // The result is stored too: a program that does not recalculate on load shows it.
                let result = (ends.1 - ends.0).to_string();
                ws.write_formula_with_format(row, diff_col, Formula::new(format!("={d}")).set_result(result), &fmt)?;
            }
        }
    }
    let mut row = 2 + KPIS.len() as u32;
    for (j, p) in plans.iter().enumerate().skip(1) {
        ws.write_string_with_format(row, 0, format!("What changed from {} to plan {}", plans[0].scenario.name, j + 1), &bold())?;
        row += 1;
        for line in crate::analysis::compare::what_changed(plans[0].scenario, p.scenario) {
            ws.write_string(row, 0, line)?;
            row += 1;
        }
    }
    ws.set_column_width(0, 32)?;
    ws.set_column_width(1, 20)?;
    ws.set_column_range_width(2, diff_col, 20)?;
    ws.set_freeze_panes(1, 2)?;
    Ok(ws)
}

/// The value at a field's file path in the scenario's JSON (enum variants and `(month, value)` points unwrapped).
fn at<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    let mut v = root;
    for token in path.split('.') {
        let (name, index) = match token.split_once('[') {
            Some((n, i)) => (n, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (token, None),
        };
        v = match v {
            Value::Object(o) if o.contains_key(name) => &o[name],
            // An enum variant (`Growth`, `Points`, `Convertible`) is one more level.
            Value::Object(o) if o.len() == 1 => match o.values().next()? {
                Value::Object(inner) => inner.get(name)?,
                inner @ Value::Array(_) if name == "points" => inner,
                _ => return None,
            },
            _ => return None,
        };
        if let Some(i) = index {
            v = v.get(i)?;
        }
    }
    Some(v)
}

/// A field's unit as a short word for the Unit column.
fn unit_word(u: Unit) -> String {
    match u {
        Unit::Percent => "%".to_owned(),
        Unit::Whole(s) | Unit::Number(s) | Unit::Path(s) => s.trim().to_owned(),
        Unit::Money(s) => s.to_owned(),
        Unit::Month => "month".to_owned(),
        Unit::Flag => "yes / no".to_owned(),
        Unit::Text | Unit::Choice => String::new(),
    }
}

/// Writes one input's value: money exactly (Decimal), percentages as %, flags as yes/no.
fn write_value(ws: &mut Worksheet, row: u32, v: &Value, unit: Unit) -> Result<(), XlsxError> {
    let num = v.as_f64();
    match (unit, v) {
        (_, Value::Null) => ws.write_string(row, 2, "none")?,
        (Unit::Money(_), Value::String(t)) => match t.parse::<rust_decimal::Decimal>() {
            Ok(d) => ws.write_with_format(row, 2, d, &Format::new().set_num_format("#,##0.00"))?,
            Err(_) => ws.write_string(row, 2, t)?,
        },
        (Unit::Percent, _) if num.is_some() => {
            ws.write_number_with_format(row, 2, num.unwrap_or(0.0), &Format::new().set_num_format("0.00%"))?
        }
        (_, Value::Number(_)) => ws.write_number(row, 2, num.unwrap_or(0.0))?,
        (_, Value::Bool(b)) => ws.write_string(row, 2, if *b { "yes" } else { "no" })?,
        (_, Value::String(t)) => ws.write_string(row, 2, t)?,
        (_, Value::Object(o)) if o.len() == 1 => ws.write_string(row, 2, o.keys().next().map_or("", String::as_str))?,
        (_, Value::Array(a)) => ws.write_string(row, 2, format!("{} entries", a.len()))?,
        (_, other) => ws.write_string(row, 2, other.to_string())?,
    };
    Ok(())
}

/// Assumptions: every input of the plan, grouped by block and item, with its unit and file path.
fn assumptions(s: &Scenario) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("Assumptions")?;
    let json = serde_json::to_value(s).unwrap_or(Value::Null);
    for (c, h) in ["Group", "Input", "Value", "Unit", "In the file", "Meaning"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold())?;
    }
    let mut row = 1u32;
    let mut group = String::new();
    for path in all_paths(s) {
        let unit = path.unit();
        if path.part() == Part::Whole && matches!(unit, Unit::Path(_)) {
            continue; // its start and growth, or its points, are listed one by one
        }
        let g = match path.item() {
            Some(it) => item_words(it, s),
            None => path.block().title().to_owned(),
        };
        if g != group {
            row += 1;
            ws.write_string_with_format(row, 0, &g, &bold())?;
            group = g;
            row += 1;
        }
        let file = path.file_path();
        let Some(v) = at(&json, &file) else { continue };
        let (label, v) = match (path.part(), v.as_array()) {
            (Part::Point(_), Some(pair)) if pair.len() == 2 => (format!("{}, {}", path.label(), pair[0].as_str().unwrap_or("")), &pair[1]),
            (Part::Start, _) => (format!("{}, start", path.label()), v),
            (Part::Growth, _) => (format!("{}, growth per year", path.label()), v),
            _ => (path.label().to_owned(), v),
        };
        ws.write_string(row, 1, label)?;
        write_value(&mut ws, row, v, unit)?;
        ws.write_string(row, 3, unit_word(unit))?;
        ws.write_string(row, 4, &file)?;
        ws.write_string(row, 5, path.tip())?;
        row += 1;
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 30)?;
    ws.set_column_width(2, 18)?;
    ws.set_column_width(4, 36)?;
    ws.set_column_width(5, 60)?;
    ws.set_freeze_panes(1, 0)?;

    Ok(ws)
}
