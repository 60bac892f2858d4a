//! The statements by period (issue 18): on every shipped plan and every
//! worked example, the income statement's net income is the engine's, the
//! cash-flow sections add up to the change in cash, cash at the start plus
//! the change is the engine's cash at the end, periods chain, and the
//! quarterly and annual figures equal the monthly ones. `floe run
//! --statements` writes the same figures. The list of plans is every
//! `saves/*.ron` and every worked example (`tests/data/reference*.ron`,
//! `stress*.ron`), checked against the folders; the worked examples'
//! year-end cash and yearly net income also equal their frozen monthly
//! figures (`tests/data/*.expected.csv`, worked out apart from this code).

mod common;

use common::{TempDir, floe_binary, plan, repo_path};
use floe::engine::Projection;
use floe::model::Scenario;
use floe::periods::Period;
use floe::statements::{LINES, Rule, Statement, Statements, statements};

const PLANS: [&str; 7] = [
    "saves/ai_pivot.ron",
    "saves/ice_cube.ron",
    "saves/keep_buying.ron",
    "tests/data/reference.ron",
    "tests/data/stress.ron",
    "tests/data/reference_v2.ron",
    "tests/data/stress_v2.ron",
];

/// Equal to the cent's rounding: half a cent, or 1e-12 of the figure for very large ones.
#[track_caller]
fn tie(what: &str, a: f64, b: f64) {
    let tol = 0.005_f64.max(1e-12 * a.abs().max(b.abs()));
    assert!((a - b).abs() <= tol, "{what}: {a} vs {b} (diff {})", a - b);
}

fn sum(st: &Statements, keys: &[&str], k: usize) -> f64 {
    keys.iter().map(|key| st.value(key, k).unwrap()).sum()
}

/// The identities of one plan by one period, against the engine's months.
fn check_identities(name: &str, s: &Scenario, p: &Projection, period: Period) {
    let st = statements(s, p, period);
    let months: usize = st.periods.iter().map(|h| h.months).sum();
    assert_eq!(months, p.months.len(), "{name}: every month is in one period");
    let mut at = 0;
    for (k, head) in st.periods.iter().enumerate() {
        let rows = &p.months[at..at + head.months];
        let what = |line: &str| format!("{name} {} {line}", head.label);
        assert_eq!((head.first, head.last), (rows[0].month, rows[rows.len() - 1].month));
        tie(&what("net income = the engine's"), st.value("net_income_usd", k).unwrap(), rows.iter().map(|r| r.net_income_usd).sum());
        tie(&what("EBITDA = the engine's"), st.value("ebitda_usd", k).unwrap(), rows.iter().map(|r| r.ebitda_usd).sum());
        tie(&what("cash flow starts from net income"), st.value("cf_net_income_usd", k).unwrap(), st.value("net_income_usd", k).unwrap());
        let sections = sum(&st, &["operating_cash_flow_usd", "investing_cash_flow_usd", "financing_cash_flow_usd"], k);
        tie(&what("sections add up to the change"), sections, st.value("net_change_in_cash_usd", k).unwrap());
        tie(&what("change = the engine's cash flows"), sections, rows.iter().map(|r| r.flows.total()).sum());
        let (begin, end) = (st.value("cash_begin_usd", k).unwrap(), st.value("cash_end_usd", k).unwrap());
        tie(&what("begin + change = end"), begin + sections, end);
        tie(&what("end = the engine's cash"), end, rows[rows.len() - 1].cash_usd);
        let before = if at == 0 { rows[0].cash_usd - rows[0].flows.total() } else { p.months[at - 1].cash_usd };
        tie(&what("begin = the cash before"), begin, before);
        // Each subtotal is the sum of its lines.
        for l in LINES {
            if let Rule::Total(keys) = l.rule {
                tie(&what(l.key), st.value(l.key, k).unwrap(), sum(&st, keys, k));
            }
        }
        at += head.months;
    }
}

#[test]
fn identities_hold_on_every_plan_by_month_quarter_and_year() {
    for name in PLANS {
        let (s, p) = plan(name);
        for period in Period::ALL {
            check_identities(name, &s, &p, period);
        }
    }
}

#[test]
fn years_and_quarters_add_up_the_months() {
    for name in PLANS {
        let (s, p) = plan(name);
        let monthly = statements(&s, &p, Period::Month);
        for period in [Period::Quarter, Period::Year] {
            let st = statements(&s, &p, period);
            let mut at = 0;
            for (k, head) in st.periods.iter().enumerate() {
                let range = at..at + head.months;
                for l in LINES.iter().filter(|l| !matches!(l.rule, Rule::CashBegin) && l.key != "cash_end_usd") {
                    let months: f64 = monthly.row(l.key).unwrap()[range.clone()].iter().sum();
                    tie(&format!("{name} {} {}", head.label, l.key), st.value(l.key, k).unwrap(), months);
                }
                tie(
                    &format!("{name} {} cash at the end", head.label),
                    st.value("cash_end_usd", k).unwrap(),
                    monthly.row("cash_end_usd").unwrap()[range.end - 1],
                );
                tie(
                    &format!("{name} {} cash at the start", head.label),
                    st.value("cash_begin_usd", k).unwrap(),
                    monthly.row("cash_begin_usd").unwrap()[range.start],
                );
                at = range.end;
            }
            let last = st.periods.len() - 1;
            tie(
                &format!("{name}: the last period ends with the plan's cash"),
                st.value("cash_end_usd", last).unwrap(),
                p.kpis.end_cash_usd,
            );
        }
    }
}

#[test]
fn partial_first_and_last_years_are_marked() {
    // ai_pivot starts in December 2025 and runs 60 months: 2025 has one month, 2030 eleven.
    let (s, p) = plan("saves/ai_pivot.ron");
    assert_eq!((s.start_month.to_string(), s.horizon_months), ("2025-12".to_owned(), 60));
    let st = statements(&s, &p, Period::Year);
    let heads: Vec<(&str, usize, bool)> = st.periods.iter().map(|h| (h.label.as_str(), h.months, h.partial)).collect();
    assert_eq!(
        heads,
        [("2025", 1, true), ("2026", 12, false), ("2027", 12, false), ("2028", 12, false), ("2029", 12, false), ("2030", 11, true)]
    );
}

/// The lines that carry the format-2 mechanisms are exercised by the plans
/// above (otherwise the identities would prove little about them).
#[test]
fn the_plans_exercise_every_line() {
    let mut seen: Vec<&str> = Vec::new();
    for name in PLANS {
        let (s, p) = plan(name);
        let st = statements(&s, &p, Period::Month);
        for l in LINES {
            if st.row(l.key).unwrap().iter().any(|v| v.abs() > 1.0) && !seen.contains(&l.key) {
                seen.push(l.key);
            }
        }
    }
    let missing: Vec<&str> = LINES.iter().map(|l| l.key).filter(|k| !seen.contains(k)).collect();
    assert!(missing.is_empty(), "lines that are zero in every plan: {missing:?}");
    assert_eq!(
        LINES.iter().filter(|l| l.statement == Statement::Income).count()
            + LINES.iter().filter(|l| l.statement == Statement::CashFlow).count(),
        LINES.len()
    );
}

#[test]
fn floe_run_writes_the_statements_csv() {
    let dir = TempDir::new("statements");
    let out = dir.0.join("q.csv");
    let file = repo_path("tests/data/reference_v2.ron");
    let status = floe_binary()
        .args(["run".as_ref(), file.as_os_str(), "--statements".as_ref(), out.as_os_str(), "--period".as_ref(), "quarter".as_ref()])
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    let (s, p) = plan("tests/data/reference_v2.ron");
    let st = statements(&s, &p, Period::Quarter);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let header: Vec<&str> = std::iter::once("line").chain(st.periods.iter().map(|h| h.label.as_str())).collect();
    assert_eq!(lines[0], header);
    assert_eq!(lines[1][0], "months_in_period");
    assert_eq!(
        lines[1][1..].iter().map(|m| m.parse::<usize>().unwrap()).collect::<Vec<_>>(),
        st.periods.iter().map(|h| h.months).collect::<Vec<_>>()
    );
    let keys: Vec<&str> = lines[2..].iter().map(|l| l[0]).collect();
    assert_eq!(keys, LINES.iter().map(|l| l.key).collect::<Vec<_>>());
    for key in [
        "net_income_usd",
        "operating_cash_flow_usd",
        "investing_cash_flow_usd",
        "financing_cash_flow_usd",
        "net_change_in_cash_usd",
        "cash_begin_usd",
        "cash_end_usd",
    ] {
        let row = lines.iter().find(|l| l[0] == key).unwrap_or_else(|| panic!("no {key} row"));
        assert_eq!(row.len(), header.len(), "{key}: one column per period");
        for (k, cell) in row[1..].iter().enumerate() {
            tie(&format!("csv {key} {k}"), cell.parse().unwrap(), st.value(key, k).unwrap());
        }
    }
    // A bad period is a usage error and writes nothing.
    let bad = dir.0.join("bad.csv");
    let status = floe_binary()
        .args(["run".as_ref(), file.as_os_str(), "--statements".as_ref(), bad.as_os_str(), "--period".as_ref(), "week".as_ref()])
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&status.stderr).contains("month, quarter or year"));
    assert!(!bad.exists());
}

#[test]
fn the_plans_are_every_shipped_plan_and_worked_example() {
    let mut found: Vec<String> = Vec::new();
    for (dir, keep) in
        [("saves", (|_: &str| true) as fn(&str) -> bool), ("tests/data", |n: &str| n.starts_with("reference") || n.starts_with("stress"))]
    {
        for entry in std::fs::read_dir(repo_path(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".ron") && keep(&name) {
                found.push(format!("{dir}/{name}"));
            }
        }
    }
    found.sort();
    let mut listed: Vec<String> = PLANS.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(listed, found, "the identities run on every shipped plan and worked example");
}

/// A column of a frozen monthly CSV by its header, one value per month (month, value).
fn csv_column(file: &str, column: &str) -> Vec<(String, f64)> {
    let text = std::fs::read_to_string(repo_path(file)).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = head.iter().position(|h| *h == column).unwrap_or_else(|| panic!("{file}: no {column}"));
    lines.map(|l| l.split(',').collect::<Vec<_>>()).map(|c| (c[0].to_owned(), c[at].parse().unwrap())).collect()
}

#[test]
fn the_worked_examples_years_equal_their_frozen_monthly_figures() {
    for name in ["reference", "reference_v2", "stress", "stress_v2"] {
        let (s, p) = plan(&format!("tests/data/{name}.ron"));
        let csv = format!("tests/data/{name}.expected.csv");
        let (income, cash) = (csv_column(&csv, "net_income_usd"), csv_column(&csv, "cash_usd"));
        assert_eq!(income.len(), p.months.len(), "{csv}: one row a month");
        let st = statements(&s, &p, Period::Year);
        for (k, head) in st.periods.iter().enumerate() {
            let year = head.label.as_str();
            let months: Vec<usize> = (0..income.len()).filter(|&i| income[i].0.starts_with(year)).collect();
            assert_eq!(months.len(), head.months, "{name} {year}");
            let net: f64 = months.iter().map(|&i| income[i].1).sum();
            let end = cash[*months.last().unwrap()].1;
            // The frozen files keep figures to the cent (and compare_csv.py's tolerance).
            common::assert_close(&format!("{name} {year} net income"), st.value("net_income_usd", k).unwrap(), net);
            common::assert_close(&format!("{name} {year} cash at the end"), st.value("cash_end_usd", k).unwrap(), end);
        }
    }
}

#[test]
fn docs_model_md_defines_every_line() {
    let doc = std::fs::read_to_string(repo_path("docs/model.md")).unwrap();
    let at = doc.find("## Statements by period").expect("docs/model.md has the statements section");
    let section = &doc[at..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    for l in LINES {
        assert!(section.contains(&format!("`{}`", l.key)), "docs/model.md does not define {}", l.key);
        assert!(!l.help.is_empty(), "{} has no hover text", l.key);
    }
}
