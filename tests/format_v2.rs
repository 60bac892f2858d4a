//! Format 2 on the model side: the shipped format-2 examples load and
//! validate, each new field's rule is reported at its field path, and files
//! of every version read through `io` (format 0 and 1 migrated with their own
//! behaviour written out).

use floe::model::{Deposit, FORMAT_VERSION, Scenario, validate};
use rust_decimal::Decimal;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

fn reference_v2() -> Scenario {
    floe::io::load_scenario(&data("reference_v2.ron")).expect("reference_v2 loads and validates")
}

fn deposits(d: &[(i64, f64)]) -> Vec<Deposit> {
    d.iter().map(|&(months_before, fraction)| Deposit { months_before, fraction }).collect()
}

#[test]
fn the_format_2_examples_load_and_validate() {
    for name in ["reference_v2.ron", "stress_v2.ron"] {
        let s = floe::io::load_scenario(&data(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(s.format_version, FORMAT_VERSION);
        assert!(s.opex.tax_loss_carryforward && s.financing.btc_fair_value, "{name}");
        assert!(s.fleet.iter().any(|l| !l.deposits.is_empty()), "{name} has deposits");
        assert!(s.financing.debt.iter().any(|d| d.accelerate_after_breach_months.is_some()), "{name} accelerates");
    }
    let stress = floe::io::load_scenario(&data("stress_v2.ron")).unwrap();
    assert_eq!(stress.valuation.discount_rate, 0.15);
    assert_eq!(stress.opex.opening_tax_losses_usd, Decimal::from(6_000_000));
}

type Break = fn(&mut Scenario);

#[test]
fn every_new_rule_names_its_field() {
    let cases: Vec<(&str, Break, &str, &str)> = vec![
        ("loss limit 150 %", |s| s.opex.loss_limit_fraction = 1.5, "opex.loss_limit_fraction", "must be between 0 and 1 (is 1.5)"),
        ("loss limit NaN", |s| s.opex.loss_limit_fraction = f64::NAN, "opex.loss_limit_fraction", "finite"),
        (
            "opening losses < 0",
            |s| s.opex.opening_tax_losses_usd = Decimal::from(-5),
            "opex.opening_tax_losses_usd",
            "must not be negative",
        ),
        ("cash interest < 0", |s| s.financing.cash_interest_rate = -0.01, "financing.cash_interest_rate", "at least 0"),
        ("cash interest inf", |s| s.financing.cash_interest_rate = f64::INFINITY, "financing.cash_interest_rate", "finite"),
        (
            "deposit fraction 150 %",
            |s| s.fleet[2].deposits = deposits(&[(6, 1.5)]),
            "fleet[2].deposits",
            "deposit 1: fraction must be between 0 and 1 (is 1.5)",
        ),
        (
            "deposit fraction < 0",
            |s| s.fleet[3].deposits = deposits(&[(6, 0.2), (2, -0.1)]),
            "fleet[3].deposits",
            "deposit 2: fraction must be between 0 and 1 (is -0.1)",
        ),
        (
            "deposits over the price",
            |s| s.fleet[2].deposits = deposits(&[(6, 0.6), (3, 0.6)]),
            "fleet[2].deposits",
            "add up to 1.2; at most 1",
        ),
        (
            "deposit at delivery",
            |s| s.fleet[2].deposits = deposits(&[(0, 0.2)]),
            "fleet[2].deposits",
            "deposit 1: months_before must be at least 1 (is 0)",
        ),
        (
            "deposit month twice",
            |s| s.fleet[2].deposits = deposits(&[(3, 0.2), (6, 0.1), (3, 0.1)]),
            "fleet[2].deposits",
            "deposit 3: months_before 3 is given twice",
        ),
        (
            "accelerate after 0",
            |s| s.financing.debt[3].accelerate_after_breach_months = Some(0),
            "financing.debt[3].accelerate_after_breach_months",
            "must be at least 1 (is 0)",
        ),
        ("discount -100 %", |s| s.valuation.discount_rate = -1.0, "valuation.discount_rate", "must be greater than -1 (is -1)"),
        ("discount NaN", |s| s.valuation.discount_rate = f64::NAN, "valuation.discount_rate", "finite"),
    ];
    let base = reference_v2();
    assert_eq!(validate(&base), vec![]);
    for (what, break_it, path, message) in cases {
        let mut s = base.clone();
        break_it(&mut s);
        let p = validate(&s);
        assert_eq!(p.len(), 1, "{what}: {p:?}");
        assert_eq!(p[0].path(), path, "{what}");
        assert!(p[0].message().contains(message), "{what}: {}", p[0]);
        assert!(!p[0].sentence(&s).is_empty());
    }
}

#[test]
fn values_at_the_edges_are_accepted() {
    let mut s = reference_v2();
    // Fractions that add up to 1 only up to rounding are whole.
    let fractions = [0.33, 0.56, 0.11];
    assert!(fractions.iter().sum::<f64>() > 1.0, "the sum rounds above 1");
    s.fleet[2].deposits = deposits(&[(9, fractions[0]), (6, fractions[1]), (3, fractions[2])]);
    s.fleet[3].deposits = deposits(&[(1, 1.0)]);
    s.valuation.discount_rate = -0.5;
    s.opex.loss_limit_fraction = 0.0;
    s.financing.debt[3].accelerate_after_breach_months = Some(1);
    s.financing.cash_interest_rate = 0.0;
    assert_eq!(validate(&s), vec![]);
}

#[test]
fn a_file_of_each_version_reads_as_format_2() {
    let dir = std::env::temp_dir().join(format!("floe-format-v2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let v0 = r#"(format_version: 0, name: "old", start_month: "2026-01", horizon: 12,
        market: (btc_price_usd: Growth(start: 100000.0, annual_growth: 0.0),
                 network_hashrate_ehs: Growth(start: 1000.0, annual_growth: 0.2), start_block_height: 930000),
        fleet: [(model: "S21", units: 10, hashrate_ths: 200.0, power_w: 3500.0, deploy_month: "2026-01")],
        opex: (tax_rate_percent: 21.0),
        financing: (shares_outstanding: 1.0, share_price_usd: Growth(start: 5.0, annual_growth: 0.0)))"#;
    let v1 = std::fs::read_to_string(data("reference.ron")).unwrap();
    let v2 = std::fs::read_to_string(data("reference_v2.ron")).unwrap();
    for (version, text) in [(0, v0.to_owned()), (1, v1), (2, v2)] {
        let file = dir.join(format!("v{version}.ron"));
        std::fs::write(&file, text).unwrap();
        let s = floe::io::load_scenario(&file).unwrap_or_else(|e| panic!("format {version}: {e}"));
        assert_eq!(s.format_version, FORMAT_VERSION, "format {version}");
        // Older files keep their behaviour; format 2 says its own.
        let older = version < 2;
        assert_eq!(s.opex.tax_loss_carryforward, !older, "format {version}");
        assert_eq!(s.financing.btc_fair_value, !older, "format {version}");
        assert_eq!(s.fleet[0].sold_at_retirement, !older, "format {version}");
        // Saved and read back: the same plan, as format 2.
        floe::io::save_scenario(&file, &s).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("format_version: 2,"), "format {version} saved as format 2");
        assert_eq!(floe::io::load_scenario(&file).unwrap(), s, "format {version}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
