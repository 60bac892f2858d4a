//! The plan report PDF carries its words as text: `pdftotext` (poppler, the
//! reader `.ci/run` installs) returns, in reading order, the plan's name,
//! the section headings, every key assumption, every KPI label, the values
//! of the figures this test works out itself from the monthly rows (sums,
//! minimum, last month, formatted here, not by floe's formatter), the
//! footnotes and the chart titles, for every shipped plan; the investments
//! table (heads, the horizon caveat, each row in order, its figures
//! formatted here) and a lender's call (its sentence, and its label on the
//! leverage and cash charts) for `tests/data/reference_v2.ron`; the
//! statements page (every line of both statements by year, each row read
//! as a row, figures in $ thousands formatted here; net income and cash at
//! the end also summed here from the monthly rows) for every shipped plan
//! and both worked examples. An image-only PDF fails these checks.

mod common;

use common::{TempDir, plan};
use floe::export::chart::Caption;
use floe::export::{Offscreen, pdf, report};
use floe::schema::KPIS;
use std::process::Command;

const PLANS: [&str; 3] = ["saves/ice_cube.ron", "saves/keep_buying.ron", "saves/ai_pivot.ron"];

/// Whitespace collapsed to single spaces (pdftotext breaks lines where the page does).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text poppler reads from `bytes`, whitespace collapsed.
fn pdftotext(dir: &TempDir, bytes: &[u8]) -> String {
    pdftotext_with(dir, bytes, &[])
}

/// The text poppler reads with `options` (`-raw`: in the order it was
/// written, which is the order a row of a table is read in).
fn pdftotext_with(dir: &TempDir, bytes: &[u8], options: &[&str]) -> String {
    let file = dir.path("report.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(options)
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    words(&String::from_utf8(out.stdout).expect("pdftotext writes UTF-8"))
}

/// Asserts each of `expected` occurs in `text`, each after the one before.
#[track_caller]
fn in_order(text: &str, expected: &[String], what: &str) {
    let mut at = 0;
    for e in expected {
        let e = words(e);
        match text[at..].find(&e) {
            Some(i) => at += i + e.len(),
            None if text.contains(&e) => panic!("{what}: {e:?} is out of order\n{text}"),
            None => panic!("{what}: {e:?} is missing\n{text}"),
        }
    }
}

fn caption(file: &str, name: &str) -> Caption {
    Caption { plan: name.to_owned(), source: format!("floe, {file}"), date: "2026-11-22".into() }
}

/// `1234567.891` with `decimals` and thousands grouped: `1,234,567.9` (the test's own formatter).
fn grouped(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (whole, frac) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out = format!("{out}.{f}");
    }
    if v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0') { format!("-{out}") } else { out }
}

fn dollars(v: f64) -> String {
    let g = grouped(v, 0);
    g.strip_prefix('-').map_or_else(|| format!("${g}"), |g| format!("-${g}"))
}

/// Each figure's label with its value as page 1 shows it (`BTC mined (1) 3,237.4 BTC`), for the
/// figures whose value follows from the monthly rows by a sum, a minimum or the last month.
fn kpi_lines(p: &floe::engine::Projection) -> Vec<String> {
    let m = &p.months;
    let (first, last) = (m.first().unwrap(), m.last().unwrap());
    let sum = |f: fn(&floe::engine::MonthRow) -> f64| m.iter().map(f).sum::<f64>();
    let min_cash = m.iter().map(|r| r.cash_usd).fold(f64::INFINITY, f64::min);
    let expected = [
        ("total_btc_mined", format!("{} BTC", grouped(sum(|r| r.btc_mined), 1))),
        ("share_first", format!("{:.3} %", first.hashrate_share * 100.0)),
        ("share_last", format!("{:.3} %", last.hashrate_share * 100.0)),
        ("total_revenue_usd", dollars(sum(|r| r.mining_revenue_usd + r.hosting_revenue_usd + r.curtailment_credit_usd))),
        ("total_ebitda_usd", dollars(sum(|r| r.ebitda_usd))),
        ("min_cash_usd", dollars(min_cash)),
        ("end_debt_usd", dollars(last.debt_usd)),
        ("end_cash_usd", dollars(last.cash_usd)),
        ("end_btc_held", format!("{} BTC", grouped(last.btc_held, 2))),
    ];
    expected
        .iter()
        .map(|(key, value)| {
            let i = KPIS.iter().position(|k| k.key == *key).unwrap_or_else(|| panic!("a KPI {key}"));
            format!("{} ({}) {value}", KPIS[i].label, i + 1)
        })
        .collect()
}

/// Each investment's row as the report's table reads it, its figures
/// formatted here: name, payback, IRR, NPV, cost, first payment, kind.
fn investment_rows(p: &floe::engine::Projection) -> Vec<String> {
    p.investments
        .iter()
        .map(|i| {
            let kind = match i.kind {
                floe::engine::InvestmentKind::Lot => "Machines",
                floe::engine::InvestmentKind::Lease => "Hosting fit-out",
            };
            let payback = match i.payback_month {
                Some(m) => format!("{m} ({} months)", m.since(i.first_month)),
                None if i.cost_usd > 0.0 => "not within the horizon".to_owned(),
                None => "—".to_owned(),
            };
            let irr = i.irr.map_or("n/m".to_owned(), |r| format!("{:.1} %", r * 100.0));
            format!("{} {payback} {irr} {} {} {} {kind}", i.name, dollars(i.npv_usd), dollars(i.cost_usd), i.first_month)
        })
        .collect()
}

/// Every figure's label with its footnote number, in the table's order.
fn kpi_labels() -> Vec<String> {
    KPIS.iter().enumerate().map(|(i, k)| format!("{} ({})", k.label, i + 1)).collect()
}

#[test]
fn every_shipped_plan_reads_as_text_in_reading_order() {
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text");
    for file in PLANS {
        let (s, p) = plan(file);
        let bytes = report::pdf_with(&off, &s, &p, &caption(file, &s.name)).unwrap();
        let text = pdftotext(&dir, &bytes);

        // The page order: name, assumptions, figures, definitions, then the charts.
        let mut outline = vec![s.name.clone(), "Key assumptions".into(), "Summary figures".into(), "Definitions".into(), s.name.clone()];
        outline.extend(floe::charts::Chart::in_report().iter().map(|t| t.title().to_owned()));
        in_order(&text, &outline, file);

        // Each topic next to its first line, every line in order.
        let mut lines = Vec::new();
        for (topic, value) in report::assumptions(&s) {
            let mut rows = value.lines();
            lines.push(format!("{topic} {}", rows.next().unwrap_or_default()));
            lines.extend(rows.map(str::to_owned));
        }
        in_order(&text, &lines, &format!("{file}: assumptions"));

        // The KPI table: every label in its order, and the values worked out here.
        in_order(&text, &kpi_labels(), &format!("{file}: KPI labels"));
        in_order(&text, &kpi_lines(&p), &format!("{file}: KPI table"));

        // The footnotes: number, label, unit, definition.
        let notes: Vec<String> = KPIS
            .iter()
            .enumerate()
            .map(|(i, k)| {
                format!("({}) {}{}: {}", i + 1, k.label, if k.unit.is_empty() { String::new() } else { format!(", {}", k.unit) }, k.help)
            })
            .collect();
        in_order(&text, &notes, &format!("{file}: footnotes"));

        // The investments table, when the plan has investments: each row in order.
        if !p.investments.is_empty() {
            in_order(&text, &["Returns on each investment".to_owned(), floe::investments::HORIZON_CAVEAT.into()], file);
            let raw = words(&pdftotext_with(&dir, &bytes, &["-raw"]));
            in_order(&raw, &investment_rows(&p), &format!("{file}: investments"));
        }
    }
}

#[test]
fn the_values_are_the_engines_own() {
    // A changed plan reads its own figures: the text follows the projection.
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text-values");
    let (mut s, _) = plan("saves/ice_cube.ron");
    s.name = "Ice cube at half the BTC price".into();
    match &mut s.market.btc_price_usd {
        floe::model::Series::Growth { start, .. } => *start /= 2.0,
        floe::model::Series::Points(points) => points.iter_mut().for_each(|(_, v)| *v /= 2.0),
    }
    let p = floe::engine::project(&s).unwrap();
    let (_, before) = plan("saves/ice_cube.ron");
    assert_ne!(kpi_lines(&p), kpi_lines(&before), "halving the price changes the figures");
    let text = pdftotext(&dir, &report::pdf_with(&off, &s, &p, &caption("ice_cube.ron", &s.name)).unwrap());
    in_order(&text, &[s.name.clone()], "name");
    in_order(&text, &kpi_lines(&p), "KPI table");
}

#[test]
fn an_image_only_pdf_has_no_text_to_find() {
    // The check above fails on the pages alone (the report before its text layer).
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text-images");
    let (s, p) = plan("saves/ai_pivot.ron");
    let mut pages = report::pages_with_text(&off, &s, &p, &caption("ai_pivot.ron", &s.name)).unwrap();
    assert!(pages.iter().all(|page| !page.text.is_empty()), "the pages have words");
    pages.iter_mut().for_each(|page| page.text.clear());
    let text = pdftotext(&dir, &pdf::write(&pages, &s.name).unwrap());
    assert!(!text.contains(&s.name) && !text.contains(KPIS[0].label), "{text}");
}

#[test]
fn the_tests_own_formatter_groups_and_signs() {
    assert_eq!(grouped(1234567.891, 1), "1,234,567.9");
    assert_eq!(grouped(999.0, 0), "999");
    assert_eq!(grouped(-0.4, 0), "0");
    assert_eq!(dollars(-1234567.4), "-$1,234,567");
    assert_eq!(dollars(120_000_000.0), "$120,000,000");
}

#[test]
fn the_investments_and_a_lenders_call_read_as_text() {
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text-v2");
    let file = "tests/data/reference_v2.ron";
    let (s, p) = plan(file);
    assert!(!p.investments.is_empty() && !p.accelerations.is_empty(), "the plan has investments and a call");
    let bytes = report::pdf_with(&off, &s, &p, &caption(file, &s.name)).unwrap();
    let text = pdftotext(&dir, &bytes);
    let call = &floe::charts::calls::calls(&s, &p)[0];
    // The label by the marker on the leverage chart, then on the cash chart (page 2).
    let page_two = [s.name.clone(), "Leverage".into(), call.label(), "Cash & debt".into(), call.label()];
    in_order(&text, &page_two, "page 2: the call on the charts");
    // Page 3: the table's heading, NPV, caveat and heads; then the call in words.
    let npv = floe::engine::KpiId::NpvUsd.kpi();
    let page_three = vec![
        "Plan report · page 3 of 5".to_owned(),
        "Returns on each investment".into(),
        format!("{} at a {:.1} % discount rate: {}", npv.label, s.valuation.discount_rate * 100.0, dollars(p.kpis.npv_usd)),
        floe::investments::HORIZON_CAVEAT.into(),
        "Investment".into(),
        "First payment".into(),
        "Kind".into(),
        "Lenders calling their debt".into(),
        format!(
            "Term loan: the lender calls its debt in {} after 6 months in a row in breach of the covenant; the whole {} balance is repaid in cash that month.",
            p.kpis.first_acceleration_month.unwrap(),
            dollars(p.accelerations[0].amount_usd)
        ),
    ];
    in_order(&text, &page_three, "page 3");
    // Each row reads as a row in the order it was written (what copying or a
    // reader going through the text gets).
    let raw = words(&pdftotext_with(&dir, &bytes, &["-raw"]));
    let mut table = vec!["Investment Payback IRR NPV Cost First payment Kind".to_owned()];
    table.extend(investment_rows(&p));
    in_order(&raw, &table, "page 3: the investments table");
    // A plan without investments or calls has no returns page: the risk page and its statements follow the charts.
    let (s, p) = plan("saves/ice_cube.ron");
    assert!(p.investments.is_empty() && p.accelerations.is_empty());
    let text = pdftotext(&dir, &report::pdf_with(&off, &s, &p, &caption("ice_cube.ron", &s.name)).unwrap());
    assert!(text.contains("page 2 of 4") && !text.contains("Returns on each investment"), "{text}");
    in_order(&text, &["Plan report · page 3 of 4".to_owned(), "Breakeven BTC price".into()], "ice_cube: page 3, risk");
    in_order(&text, &["Plan report · page 4 of 4".to_owned(), "Financial statements by year".into()], "ice_cube: page 4");
}

/// keep_buying's lenders call four instruments, three of them in one month:
/// on the report's short leverage and cash charts a named label per call
/// would stack over the lines, so each month gets one short label (how many,
/// when, the sum called, formatted here), and the names are left to page 3.
#[test]
fn a_short_report_chart_labels_each_month_of_calls_once() {
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text-calls");
    let (s, p) = plan("saves/keep_buying.ron");
    let text = pdftotext(&dir, &report::pdf_with(&off, &s, &p, &caption("keep_buying.ron", &s.name)).unwrap());
    let page_two = &text[..text.find("page 3 of").expect("a page 3")];
    let mut months: Vec<i64> = p.accelerations.iter().map(|a| a.month).collect();
    months.dedup();
    assert_eq!((p.accelerations.len(), months.len()), (4, 2), "four calls in two months");
    for m in months {
        let called: Vec<f64> = p.accelerations.iter().filter(|a| a.month == m).map(|a| a.amount_usd).collect();
        let sum = format!("${:.1} M", called.iter().sum::<f64>() / 1e6);
        let count = if called.len() > 1 { format!("{} ", called.len()) } else { String::new() };
        let label = format!("{count}called {}: {sum}", p.months[m as usize].month);
        assert_eq!(page_two.matches(&label).count(), 2, "{label:?} once on each chart:\n{page_two}");
    }
    for call in floe::charts::calls::calls(&s, &p) {
        assert!(!page_two.contains(&call.label()), "{:?} is not on the short charts", call.label());
        assert!(text.contains(&call.sentence()), "page 3 names it: {:?}", call.sentence());
    }
}

/// A statements figure as the test writes it: thousands of dollars to the
/// unit, grouped, a negative in parentheses, nil as a dash.
fn thousands_paren(v: f64) -> String {
    if v.abs() < 0.005 {
        return "–".to_owned();
    }
    let k = (v / 1000.0).round();
    let g = grouped(k.abs(), 0);
    if k < 0.0 { format!("({g})") } else { g }
}

/// The monthly rows summed by calendar year here (flows), and the last month's cash of each year.
fn by_year(p: &floe::engine::Projection, f: fn(&floe::engine::MonthRow) -> f64) -> Vec<(i32, f64, f64)> {
    let mut out: Vec<(i32, f64, f64)> = Vec::new();
    for r in &p.months {
        let y = r.month.year();
        match out.last_mut() {
            Some(last) if last.0 == y => {
                last.1 += f(r);
                last.2 = r.cash_usd;
            }
            _ => out.push((y, f(r), r.cash_usd)),
        }
    }
    out
}

#[test]
fn the_statements_page_reads_line_by_line_for_every_plan() {
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text-statements");
    let files = [
        PLANS.as_slice(),
        &["tests/data/reference.ron", "tests/data/stress.ron", "tests/data/reference_v2.ron", "tests/data/stress_v2.ron"],
    ]
    .concat();
    for file in files {
        let (s, p) = plan(file);
        let bytes = report::pdf_with(&off, &s, &p, &caption(file, &s.name)).unwrap();
        let of = report::page_count(&p);
        let text = pdftotext(&dir, &bytes);
        in_order(&text, &[format!("Plan report · page {of} of {of}"), "Financial statements by year".into(), "$ thousands".into()], file);
        let raw = words(&pdftotext_with(&dir, &bytes, &["-raw"]));
        let st = floe::statements::statements(&s, &p, floe::periods::Period::Year);
        assert!(st.periods.len() <= floe::export::statements_page::YEARS_PER_PAGE, "{file}: one page of years");
        // The years summed here: the headings (a partial year starred), net income and cash at the end.
        let years = by_year(&p, |r| r.net_income_usd);
        let heads: Vec<String> = years
            .iter()
            .enumerate()
            .map(|(i, (y, _, _))| {
                let months = p.months.iter().filter(|r| r.month.year() == *y).count();
                assert!(i == 0 || i == years.len() - 1 || months == 12);
                format!("{y}{}", if months < 12 { "*" } else { "" })
            })
            .collect();
        let row = |label: &str, values: &[String]| format!("{label} {}", values.join(" "));
        let mut expected = vec![row("Income statement", &heads)];
        let mut cash_flow_started = false;
        for l in floe::statements::LINES {
            if l.statement == floe::statements::Statement::CashFlow && !cash_flow_started {
                cash_flow_started = true;
                expected.push(row("Cash flow", &heads));
            }
            let values: Vec<String> = st.row(l.key).unwrap().iter().map(|v| thousands_paren(*v)).collect();
            expected.push(row(l.label, &values));
        }
        in_order(&raw, &expected, &format!("{file}: the statements, row by row"));
        let net: Vec<String> = years.iter().map(|(_, v, _)| thousands_paren(*v)).collect();
        let cash: Vec<String> = years.iter().map(|(_, _, c)| thousands_paren(*c)).collect();
        in_order(&raw, &[row("Net income", &net), row("Cash at the end", &cash)], &format!("{file}: the monthly rows' years"));
        if heads.iter().any(|h| h.ends_with('*')) {
            assert!(text.contains("* Part of a year only:"), "{file}: the partial years are footnoted");
        }
    }
}

#[test]
fn the_statements_figures_are_written_as_finance_staff_write_them() {
    assert_eq!(thousands_paren(-1_234_567.0), "(1,235)");
    assert_eq!(thousands_paren(9_898_400.0), "9,898");
    assert_eq!(thousands_paren(0.0), "–");
}

#[test]
fn a_long_plan_has_its_years_on_more_statements_pages() {
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text-long");
    let (mut s, _) = plan("saves/ai_pivot.ron");
    s.horizon_months = 120; // 2025-12 to 2035-11: eleven calendar years
    let p = floe::engine::project(&s).unwrap();
    let bytes = report::pdf_with(&off, &s, &p, &caption("ai_pivot.ron", &s.name)).unwrap();
    let of = report::page_count(&p);
    assert_eq!(of, 6, "summary, charts, investments, risk, two pages of statements");
    let raw = words(&pdftotext_with(&dir, &bytes, &["-raw"]));
    let years = |from: i32, to: i32| (from..=to).map(|y| y.to_string()).collect::<Vec<_>>().join(" ");
    in_order(
        &raw,
        &[
            format!("page 5 of {of}"),
            format!("Income statement 2025* {}", years(2026, 2032)),
            format!("page 6 of {of}"),
            format!("Income statement {} 2035*", years(2033, 2034)),
            "* Part of a year only: 2035-01 to 2035-11 (11 months).".into(),
        ],
        "two statements pages",
    );
}

/// The risk page of keep_buying (a covenant, lenders that call): every
/// figure worked out here from projections the test runs itself: the
/// breakeven multiple × the plan's price path in dollars, the odds by year
/// counted over the report's seeded Monte Carlo paths one by one, and each
/// tornado bar's liquidity at end from the shocked plan's last month.
#[test]
fn the_risk_page_reads_as_text_with_its_figures() {
    use floe::analysis::{breakeven, montecarlo, sensitivity::Driver};
    use floe::export::risk_page::{REPORT_SHOCK, report_config};
    let off = Offscreen::new().expect("a graphics adapter");
    let dir = TempDir::new("report-text-risk");
    let file = "saves/keep_buying.ron";
    let (s, p) = plan(file);
    let text = pdftotext(&dir, &report::pdf_with(&off, &s, &p, &caption(file, &s.name)).unwrap());
    let of = report::page_count(&p);
    let at = of - floe::export::statements_page::page_years(&p).len();

    // Breakeven: the multiple from the analysis, the dollars from the plan's own path.
    let b = breakeven::breakeven(&s).unwrap();
    let prices = s.market.btc_price_usd.values(s.start_month, s.horizon_months as usize);
    let mean = prices.iter().sum::<f64>() / prices.len() as f64;
    let in_dollars = |m: breakeven::Multiple| {
        let x = m.value().unwrap();
        format!(
            "{x:.2}× the plan's price path: {} in the first month, {} on average over the horizon",
            dollars(x * prices[0]),
            dollars(x * mean)
        )
    };
    let mut expected = vec![
        format!("Plan report · page {at} of {of}"),
        "Breakeven BTC price".to_owned(),
        format!("Cash stays at or above zero while BTC stays above {}.", in_dollars(b.cash)),
        format!("The covenant holds every month while BTC stays above {}.", in_dollars(b.covenant.unwrap())),
    ];

    // Monte Carlo: each path projected alone, the odds by year counted here.
    let cfg = report_config();
    let paths: Vec<floe::engine::Projection> = (0..cfg.paths).map(|i| montecarlo::simulate_path(&s, &cfg, i).unwrap()).collect();
    let share = |hit: &dyn Fn(&floe::engine::Projection) -> bool| paths.iter().filter(|q| hit(q)).count() as f64 / paths.len() as f64;
    let pct = |v: f64| format!("{:.1} %", v * 100.0);
    let months = p.months.len();
    let all_out = share(&|q| q.months.iter().any(|r| r.cash_usd < 0.0));
    let all_called = share(&|q| q.months.iter().any(|r| r.accelerated_debt_usd > 0.0));
    expected.push(format!("Out of cash at least once: {}. A lender calls its debt at least once: {}.", pct(all_out), pct(all_called)));
    for (y, start) in (0..months).step_by(12).enumerate() {
        let end = (start + 12).min(months);
        let out = share(&|q| q.months[..end].iter().any(|r| r.cash_usd < 0.0));
        let called = share(&|q| q.months[..end].iter().any(|r| r.accelerated_debt_usd > 0.0));
        expected.push(format!("Year {} {} {} {}", y + 1, p.months[end - 1].month, pct(out), pct(called)));
    }
    expected.push("Cash (USD, end of month)".into());

    // The tornado of liquidity at end: each driver's shocked plan projected here.
    let liquidity = |t: &floe::model::Scenario| {
        let q = floe::engine::project(t).unwrap();
        let last = q.months.last().unwrap();
        last.cash_usd + last.btc_held * last.btc_price_usd
    };
    let mut bars: Vec<(&str, f64, f64)> = Driver::ALL
        .iter()
        .map(|d| {
            let shocked = |k: f64| {
                let mut t = s.clone();
                d.apply(&mut t, k).unwrap();
                liquidity(&t)
            };
            (d.label(), shocked(1.0 - REPORT_SHOCK), shocked(1.0 + REPORT_SHOCK))
        })
        .collect();
    bars.sort_by(|a, b| (b.2 - b.1).abs().total_cmp(&(a.2 - a.1).abs()));
    expected.push("What moves liquidity at end".into());
    // Compact dollars as floe writes them (`$173 M`); the figures are this test's.
    let compact = floe::units::usd_compact;
    expected.extend(bars.iter().map(|(label, low, high)| format!("{label} {} {}", compact(*low), compact(*high))));
    in_order(&text, &expected, "the risk page");
    assert!(all_out > 0.0 && all_called > 0.0, "keep_buying runs out of cash on some paths and lenders call");
}
