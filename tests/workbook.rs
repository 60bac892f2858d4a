//! The workbook read back (issue 18): its sheets in order, the Monthly
//! sheet's figures equal to the CSV's, the statements' subtotals written as
//! live SUM formulas, native charts drawn from the Monthly sheet, a Compare
//! sheet with two plans, and `floe workbook` writing the file.

mod common;

use common::{TempDir, floe_binary, plan, repo_path};
use floe::workbook::{Plan, SHEETS, workbook};
use std::collections::HashMap;
use std::io::Read;

/// Every part of the xlsx (a zip) by name.
fn parts(bytes: &[u8]) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the workbook is a zip");
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        if f.read_to_string(&mut text).is_ok() {
            out.insert(f.name().unwrap().to_string(), text);
        }
    }
    out
}

/// The sheet names in workbook order.
fn sheet_names(parts: &HashMap<String, String>) -> Vec<String> {
    parts["xl/workbook.xml"]
        .split("<sheet ")
        .skip(1)
        .map(|s| s.split("name=\"").nth(1).unwrap().split('"').next().unwrap().to_owned())
        .collect()
}

/// The numeric cells of a sheet: reference ("B3") → value.
fn numbers(sheet: &str) -> HashMap<String, f64> {
    let mut out = HashMap::new();
    for cell in sheet.split("<c r=\"").skip(1) {
        let r = cell.split('"').next().unwrap().to_owned();
        let head = cell.split('>').next().unwrap();
        if head.contains("t=\"s\"") || head.contains("t=\"str\"") {
            continue;
        }
        if let Some(v) = cell.split("<v>").nth(1).and_then(|v| v.split("</v>").next()) {
            out.insert(r, v.parse().unwrap());
        }
    }
    out
}

fn col_name(mut c: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (c % 26) as u8) as char);
        if c < 26 {
            return s;
        }
        c = c / 26 - 1;
    }
}

fn sheet(parts: &HashMap<String, String>, index: usize) -> &str {
    &parts[&format!("xl/worksheets/sheet{}.xml", index + 1)]
}

#[test]
fn the_workbook_holds_every_sheet_the_monthly_csv_formulas_and_charts() {
    let (s, p) = plan("tests/data/reference_v2.ron");
    let bytes = workbook(&[Plan { scenario: &s, projection: &p }]).unwrap();
    let parts = parts(&bytes);
    assert_eq!(sheet_names(&parts), SHEETS);
    // Monthly: every CSV cell, row for row, column for column (two header rows above).
    let monthly = numbers(sheet(&parts, 2));
    let csv = floe::tabular::csv(&p);
    let mut checked = 0;
    for (i, line) in csv.lines().skip(1).enumerate() {
        for (j, cell) in line.split(',').enumerate().skip(1) {
            let at = format!("{}{}", col_name(j), i + 3);
            match cell.parse::<f64>() {
                Ok(v) => {
                    let got = *monthly.get(&at).unwrap_or_else(|| panic!("no number at Monthly!{at}"));
                    assert!((got - v).abs() <= 0.005_f64.max(5e-7 * v.abs()), "Monthly!{at}: {got} vs csv {v}");
                    checked += 1;
                }
                Err(_) => assert!(!monthly.contains_key(&at), "Monthly!{at} should be empty (undefined)"),
            }
        }
    }
    assert_eq!(checked, csv.lines().skip(1).flat_map(|l| l.split(',').skip(1)).filter(|c| !c.is_empty()).count());
    assert!(sheet(&parts, 2).contains("<pane xSplit=\"1\" ySplit=\"2\""), "header and month column frozen");
    // Statements: subtotals are SUM formulas; the cash flow starts from the income statement's net income.
    let income = sheet(&parts, 3);
    let cash = sheet(&parts, 4);
    assert!(income.matches("<f>SUM(").count() >= 5 * 5, "{}", income.matches("<f>SUM(").count());
    assert!(cash.contains("<f>'Income statement'!B"), "cash flow's net income refers to the income statement");
    assert!(cash.matches("<f>SUM(").count() >= 5 * 5);
    // The cached results of the formulas are floe's figures.
    let years = floe::statements::statements(&s, &p, floe::periods::Period::Year);
    let cash_cells = numbers(cash);
    let end_row = cash.split("<c r=\"").filter(|c| c.contains("<f>SUM(")).last().unwrap().split('"').next().unwrap();
    let row: String = end_row.chars().skip_while(|c| c.is_ascii_alphabetic()).collect();
    let last_col = col_name(years.periods.len());
    let cached = cash_cells[&format!("{last_col}{row}")];
    assert!((cached - p.kpis.end_cash_usd).abs() < 0.01, "{cached} vs {}", p.kpis.end_cash_usd);
    // Charts: four native charts, drawn from the Monthly sheet.
    let charts: Vec<&String> = parts.iter().filter(|(k, _)| k.starts_with("xl/charts/chart")).map(|(_, v)| v).collect();
    assert_eq!(charts.len(), 4);
    assert!(charts.iter().all(|c| c.contains("<c:f>Monthly!$")), "series from the Monthly sheet");
    assert!(parts.contains_key("xl/drawings/drawing1.xml"));
}

#[test]
fn two_plans_add_a_compare_sheet() {
    let (a, pa) = plan("saves/ice_cube.ron");
    let (b, pb) = plan("saves/keep_buying.ron");
    let bytes = workbook(&[Plan { scenario: &a, projection: &pa }, Plan { scenario: &b, projection: &pb }]).unwrap();
    let parts = parts(&bytes);
    let mut expected: Vec<String> = SHEETS.iter().map(|s| (*s).to_owned()).collect();
    expected.push("Compare".to_owned());
    assert_eq!(sheet_names(&parts), expected);
    let compare = numbers(sheet(&parts, 6));
    // Row 2 is the first KPI (BTC mined): plan A in C, plan B in D.
    assert!((compare["C2"] - pa.kpis.total_btc_mined).abs() < 1e-9);
    assert!((compare["D2"] - pb.kpis.total_btc_mined).abs() < 1e-9);
    assert!(sheet(&parts, 6).contains("<f>D2-C2</f>"));
    // The difference's result is stored, for programs that do not recalculate on load (LibreOffice).
    assert!((compare["E2"] - (pb.kpis.total_btc_mined - pa.kpis.total_btc_mined)).abs() < 1e-6, "{:?}", compare.get("E2"));
    // A change of a share is in percentage points: (B − A) × 100 under a "pp" format.
    let share_row = 2 + floe::schema::KPIS.iter().position(|k| k.key == "share_last").unwrap();
    assert!(sheet(&parts, 6).contains(&format!("<f>(D{share_row}-C{share_row})*100</f>")), "share change not in pp");
    let pp = compare[&format!("E{share_row}")];
    assert!((pp - (pb.kpis.share_last - pa.kpis.share_last) * 100.0).abs() < 1e-9, "{pp}");
    assert!(parts["xl/styles.xml"].contains("pp&quot;") || parts["xl/styles.xml"].contains("pp\""), "no pp number format");
}

#[test]
fn floe_workbook_writes_the_file_and_refuses_other_extensions() {
    let dir = TempDir::new("workbook");
    let out = dir.0.join("plan.xlsx");
    let file = repo_path("saves/ai_pivot.ron");
    let run = floe_binary().args(["workbook".as_ref(), file.as_os_str(), "--out".as_ref(), out.as_os_str()]).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(sheet_names(&parts(&std::fs::read(&out).unwrap())), SHEETS);
    let bad = dir.0.join("plan.csv");
    let run = floe_binary().args(["workbook".as_ref(), file.as_os_str(), "--out".as_ref(), bad.as_os_str()]).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains(".xlsx"));
    assert!(!bad.exists());
}

/// File › Export workbook… in the app: the action asks for a path (the
/// plan's name with `.xlsx`), and the chosen path gets the workbook; with a
/// plan open beside it, a Compare sheet.
#[cfg(feature = "gui")]
#[test]
fn the_app_exports_the_workbook_from_the_file_menu() {
    use floe::app::commands::{Action, Command, PathPurpose};
    use floe::app::dialogs::Dialog;
    let dir = TempDir::new("workbook-app");
    let mut h = common::app::app(Some(repo_path("saves/ai_pivot.ron")), &dir.0);
    assert_eq!(Action::ExportWorkbook.menu().0, floe::app::commands::Menu::File);
    common::app::command(&mut h, Action::ExportWorkbook);
    let asked = match &h.state().dialog {
        Some(Dialog::PathPrompt { purpose: PathPurpose::ExportWorkbook, text, .. }) => text.clone(),
        other => panic!("expected the path prompt, got {other:?}"),
    };
    assert!(asked.ends_with("ai_pivot.xlsx"), "{asked}");
    h.state_mut().dialog = None;
    let out = dir.0.join("from-app.xlsx");
    common::app::command(&mut h, Command::PathChosen(PathPurpose::ExportWorkbook, out.clone()));
    let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("no workbook written: {e}; notice {:?}", h.state().notice));
    assert_eq!(sheet_names(&parts(&bytes)), SHEETS);
    assert!(h.state().notice.as_deref().is_some_and(|n| n.contains("from-app.xlsx")), "{:?}", h.state().notice);
    // With a second plan open beside it, the Compare sheet follows.
    common::app::command(&mut h, Command::PathChosen(PathPurpose::AddPlan, repo_path("saves/ice_cube.ron")));
    let out2 = dir.0.join("compare.xlsx");
    common::app::command(&mut h, Command::PathChosen(PathPurpose::ExportWorkbook, out2.clone()));
    let names = sheet_names(&parts(&std::fs::read(&out2).unwrap()));
    assert_eq!(names.last().map(String::as_str), Some("Compare"), "{names:?}");
}

/// The Investments sheet has the app's and the report's columns in their
/// order (the answers first): each lot's NPV in D and its cost in E are the
/// engine's figures, and the first payment (F) is a date cell.
#[test]
fn the_investments_sheet_puts_the_answers_first() {
    let (s, p) = plan("saves/keep_buying.ron");
    assert!(p.investments.len() >= 2);
    let bytes = workbook(&[Plan { scenario: &s, projection: &p }]).unwrap();
    let parts = parts(&bytes);
    let cells = numbers(sheet(&parts, 5));
    for (i, inv) in p.investments.iter().enumerate() {
        let row = i + 2;
        assert!((cells[&format!("D{row}")] - inv.npv_usd).abs() < 0.01, "NPV of row {row}");
        assert!((cells[&format!("E{row}")] - inv.cost_usd).abs() < 0.01, "cost of row {row}");
        assert!(cells.contains_key(&format!("F{row}")), "first payment of row {row} is a date number");
    }
    let strings = &parts["xl/sharedStrings.xml"];
    let at = |t: &str| strings.find(&format!(">{t}<")).unwrap_or_else(|| panic!("{t} not in the sheet"));
    assert!(at("Payback month") < at("NPV (USD)") && at("NPV (USD)") < at("Cost (USD)"), "heads in the app's order");
    assert!(strings.contains(">not within the horizon<"), "the app's words for no payback");
}
