//! Hand-checked tests of the rules `model-v2.md` adds (format 2), through the
//! public engine on tiny scenarios built in code. Every expected value is
//! worked out by hand in the comment above its assertion.
//!
//! Common ground ([`base`]): start 2026-04, BTC at $100,000 flat, network
//! 1,000 EH/s, no fees, no machines, no hosting, no tax, no SG&A, no cash,
//! every format-2 rule off unless the test turns it on.

mod common;

use common::{assert_close, assert_series, month, usd};
use floe::engine::{Projection, project};
use floe::model::{Amortization, DebtKind, Deposit, Instrument, Lease, Lot, Money, Scenario, Series};

fn base(horizon: i64) -> Scenario {
    let mut s = Scenario::new_blank(month("2026-04"));
    s.horizon_months = horizon;
    s.market.btc_price_usd = Series::constant(100_000.0);
    s.market.network_hashrate_ehs = Series::constant(1_000.0);
    s.market.fees_btc_per_block = Series::constant(0.0);
    s.market.start_block_height = 900_000;
    s.market.new_hardware_usd_per_th = Money::ZERO;
    s.power.economic_shutdown = false;
    s.opex.tax_loss_carryforward = false;
    s.financing.btc_fair_value = false;
    s.financing.cash_interest_rate = 0.0;
    s
}

/// A lease earning `rate` USD per kW-month on 1 MW from the start, no ramp, no fit-out, no opex:
/// $1,000 × rate of revenue (and EBITDA) every month.
fn earning(rate: i64) -> Lease {
    let mut l = Lease::new("Tenant", 1.0, month("2026-04"), 120, usd(rate));
    l.ramp_months = 1;
    l.build_months = 0;
    l
}

fn run(s: &Scenario) -> Projection {
    project(s).unwrap_or_else(|e| panic!("projection failed: {e}"))
}

// ---------------------------------------------------------------- taxes

#[test]
fn the_loss_pool_offsets_at_most_80_percent_of_taxable_income_until_it_runs_out() {
    let mut s = base(3);
    s.hosting = vec![earning(100)];
    s.opex.tax_rate = 0.2;
    s.opex.tax_loss_carryforward = true;
    s.opex.opening_tax_losses_usd = usd(150_000);
    let p = run(&s);
    // Taxable income $100,000 a month. Month 0: use min(150,000, 0.8 × 100,000) = 80,000,
    // pool 70,000, tax 0.2 × 20,000 = 4,000. Month 1: use min(70,000, 80,000) = 70,000,
    // pool 0, tax 0.2 × 30,000 = 6,000. Month 2: nothing left, tax 20,000.
    assert_series("tax", &p, |r| r.tax_usd, &[4_000.0, 6_000.0, 20_000.0]);
    assert_series("loss pool", &p, |r| r.tax_losses_usd, &[70_000.0, 0.0, 0.0]);
    // Net income = taxable income − tax.
    assert_series("net income", &p, |r| r.net_income_usd, &[96_000.0, 94_000.0, 80_000.0]);
    assert_close("pool at end", p.kpis.tax_losses_at_end_usd, 0.0);
}

#[test]
fn a_loss_month_adds_to_the_pool_and_without_carryforward_the_pool_never_moves() {
    let mut s = base(3);
    // Rent starts in month 1; SG&A $30,000 a month: month 0 loses 30,000, then +70,000 a month.
    let mut l = earning(100);
    l.start_month = month("2026-05");
    s.hosting = vec![l];
    s.opex.sga_usd_per_month = usd(30_000);
    s.opex.tax_rate = 0.25;
    s.opex.tax_loss_carryforward = true;
    let p = run(&s);
    // Month 0: pool 30,000, tax 0. Month 1: use min(30,000, 56,000) = 30,000, tax 0.25 × 40,000 = 10,000.
    // Month 2: tax 0.25 × 70,000 = 17,500.
    assert_series("loss pool", &p, |r| r.tax_losses_usd, &[30_000.0, 0.0, 0.0]);
    assert_series("tax", &p, |r| r.tax_usd, &[0.0, 10_000.0, 17_500.0]);

    s.opex.tax_loss_carryforward = false;
    s.opex.opening_tax_losses_usd = usd(5_000);
    let p = run(&s);
    // Format 1: tax on positive income only, and the pool stays at its opening 5,000.
    assert_series("tax without carryforward", &p, |r| r.tax_usd, &[0.0, 17_500.0, 17_500.0]);
    assert_series("pool without carryforward", &p, |r| r.tax_losses_usd, &[5_000.0, 5_000.0, 5_000.0]);
}

// ---------------------------------------------------------------- interest on cash

#[test]
fn interest_is_earned_on_positive_opening_cash_only() {
    let mut s = base(2);
    s.financing.opening_cash_usd = usd(1_200_000);
    s.financing.cash_interest_rate = 0.10;
    let p = run(&s);
    // Month 0: 1,200,000 × 10 % / 12 = 10,000; cash 1,210,000.
    // Month 1: 1,210,000 × 10 % / 12 = 10,083.33…; cash 1,220,083.33.
    assert_series("interest income", &p, |r| r.interest_income_usd, &[10_000.0, 1_210_000.0 * 0.1 / 12.0]);
    assert_series("cash", &p, |r| r.cash_usd, &[1_210_000.0, 1_210_000.0 + 1_210_000.0 * 0.1 / 12.0]);
    assert_series("net income", &p, |r| r.net_income_usd, &[10_000.0, 1_210_000.0 * 0.1 / 12.0]);

    // Overdrawn: SG&A takes cash below zero; no interest is earned (or charged) on it.
    s.financing.opening_cash_usd = usd(50_000);
    s.opex.sga_usd_per_month = usd(100_000);
    let p = run(&s);
    // Month 0: 50,000 × 10 % / 12 = 416.67; cash 50,000 + 416.67 − 100,000 = −49,583.33.
    // Month 1: opening cash negative: 0; cash −149,583.33.
    assert_series("interest income overdrawn", &p, |r| r.interest_income_usd, &[50_000.0 * 0.1 / 12.0, 0.0]);
    assert_series("cash overdrawn", &p, |r| r.cash_usd, &[50_000.0 / 120.0 - 50_000.0, 50_000.0 / 120.0 - 150_000.0]);
}

// ---------------------------------------------------------------- fair value

#[test]
fn fair_value_change_is_nil_in_month_0_and_follows_the_coins_left_after_a_treasury_sale() {
    let mut s = base(3);
    s.market.btc_price_usd =
        Series::Points(vec![(month("2026-04"), 100_000.0), (month("2026-05"), 110_000.0), (month("2026-06"), 99_000.0)]);
    s.financing.opening_btc = 10.0;
    s.financing.min_cash_usd = usd(500_000);
    s.financing.btc_fair_value = true;
    s.opex.tax_rate = 0.2;
    let p = run(&s);
    // Month 0: no change (the opening coins are carried at month 0's price). Cash 0 < 500,000:
    // the treasury sells 500,000 / 100,000 = 5 BTC at the month's price (no gain): 5 left.
    // Month 1: 5 × (110,000 − 100,000) = +50,000. Month 2: 5 × (99,000 − 110,000) = −55,000.
    assert_series("BTC held", &p, |r| r.btc_held, &[5.0, 5.0, 5.0]);
    assert_series("fair-value change", &p, |r| r.btc_fair_value_change_usd, &[0.0, 50_000.0, -55_000.0]);
    // In net income, never taxed.
    assert_series("net income", &p, |r| r.net_income_usd, &[0.0, 50_000.0, -55_000.0]);
    assert_series("tax", &p, |r| r.tax_usd, &[0.0, 0.0, 0.0]);
    assert_close("total fair-value change", p.kpis.total_btc_fair_value_change_usd, -5_000.0);
    // EBITDA and cash stay operating: no fair value there.
    assert_series("EBITDA", &p, |r| r.ebitda_usd, &[0.0, 0.0, 0.0]);
    assert_series("cash", &p, |r| r.cash_usd, &[500_000.0, 500_000.0, 500_000.0]);

    s.financing.btc_fair_value = false;
    let p = run(&s);
    // Reported, but not in net income (format 1).
    assert_series("fair-value change, off", &p, |r| r.btc_fair_value_change_usd, &[0.0, 50_000.0, -55_000.0]);
    assert_series("net income, off", &p, |r| r.net_income_usd, &[0.0, 0.0, 0.0]);
}

// ---------------------------------------------------------------- deposits and salvage

/// 1,000 machines at $1,000 (a $1,000,000 lot), 100 TH/s at 2,000 W, delivered in `deploy`.
fn lot(deploy: &str) -> Lot {
    let mut l = Lot::new("T100", 1_000, 100.0, 2_000.0, usd(1_000), month(deploy));
    l.uptime = 1.0;
    l.life_months = 48;
    l.salvage_fraction = 0.1;
    l.sold_at_retirement = false;
    l
}

#[test]
fn a_deposit_before_the_start_is_sunk_and_the_rest_is_paid_on_schedule() {
    let mut s = base(4);
    let mut l = lot("2026-06");
    // 25 % three months before delivery (2026-03, before the start), 35 % one month before (2026-05).
    l.deposits = vec![Deposit { months_before: 3, fraction: 0.25 }, Deposit { months_before: 1, fraction: 0.35 }];
    s.fleet = vec![l];
    let p = run(&s);
    // Capex: 0; 350,000 in 2026-05; the remaining 40 % = 400,000 on delivery in 2026-06; 0.
    assert_series("capex", &p, |r| r.capex_usd, &[0.0, 350_000.0, 400_000.0, 0.0]);
    // Depreciation starts on delivery: 1,000,000 × (1 − 0.1) / 48 = 18,750 a month.
    assert_series("depreciation", &p, |r| r.depreciation_usd, &[0.0, 0.0, 18_750.0, 18_750.0]);
    // A deposit before the start makes the whole lot sunk: no investment row.
    assert!(p.investments.is_empty(), "{:?}", p.investments);

    // With both deposits inside the horizon it is an investment, first paid in its first deposit month.
    s.fleet[0].deploy_month = month("2026-07");
    let p = run(&s);
    assert_series("capex", &p, |r| r.capex_usd, &[250_000.0, 0.0, 350_000.0, 400_000.0]);
    assert_eq!(p.investments.len(), 1);
    let i = &p.investments[0];
    assert_eq!((i.name.as_str(), i.first_month), ("T100 (2026-07)", month("2026-04")));
    assert_close("cost", i.cost_usd, 1_000_000.0);
}

#[test]
fn a_lot_retiring_inside_the_horizon_is_sold_and_one_retiring_at_its_edge_is_not() {
    let mut s = base(3);
    let mut l = lot("2026-01");
    l.life_months = 5; // delivered before the start; retires (stops hashing) in 2026-06 = month 2
    l.sold_at_retirement = true;
    s.fleet = vec![l];
    let p = run(&s);
    // Salvage = 1,000 × $1,000 × 0.1 = 100,000 in month 2, as cash; no gain (it is the book value).
    assert_series("salvage", &p, |r| r.salvage_proceeds_usd, &[0.0, 0.0, 100_000.0]);
    assert_close("cash at end", p.months[2].cash_usd, 100_000.0 + p.months[..3].iter().map(|r| r.ebitda_usd - r.tax_usd).sum::<f64>());
    assert_series("net income has no gain", &p, |r| r.net_income_usd - (r.ebitda_usd - r.depreciation_usd), &[0.0, 0.0, 0.0]);
    // Free cash flow counts it.
    assert_close("FCF month 2", p.months[2].free_cash_flow_usd, p.months[2].ebitda_usd + 100_000.0);

    // Horizon of 2 months: the retirement month (2) is past the edge: no sale.
    s.horizon_months = 2;
    let p = run(&s);
    assert_series("salvage, edge", &p, |r| r.salvage_proceeds_usd, &[0.0, 0.0]);
    // Not marked sold: no sale either.
    s.horizon_months = 3;
    s.fleet[0].sold_at_retirement = false;
    let p = run(&s);
    assert_series("salvage, not sold", &p, |r| r.salvage_proceeds_usd, &[0.0, 0.0, 0.0]);
}

// ---------------------------------------------------------------- acceleration

fn loan(name: &str, principal: i64, issue: &str, maturity: &str, accelerate_after: Option<i64>) -> Instrument {
    let mut i = Instrument::new(name, DebtKind::TermLoan, usd(principal), 0.12, month(issue), month(maturity));
    i.amortization = Amortization::Bullet;
    i.accelerate_after_breach_months = accelerate_after;
    i
}

#[test]
fn breaches_before_an_instruments_issue_count_and_nothing_is_called_in_its_maturity_month() {
    let mut s = base(5);
    // No revenue, SG&A: LTM EBITDA is never positive, so with debt the covenant is breached every month.
    s.opex.sga_usd_per_month = usd(10_000);
    s.financing.opening_cash_usd = usd(10_000_000);
    s.financing.covenant_max_leverage = Some(3.0);
    s.financing.debt = vec![
        // Outstanding from before the start: breaches from month 0. Never accelerates.
        loan("Old notes", 1_000_000, "2026-01", "2030-01", None),
        // Issued in month 1 (2026-05); accelerates after 2 breach months.
        loan("New loan", 600_000, "2026-05", "2027-05", Some(2)),
        // Also after 2 breach months, but matures in month 2 (2026-06): repaid then, not called.
        loan("Bridge", 300_000, "2026-01", "2026-06", Some(2)),
    ];
    let p = run(&s);
    assert!(p.months.iter().all(|r| r.covenant_breach), "breach every month");
    // Breaches in months 0 and 1 (month 0 is before New loan's issue and counts): in month 2 the
    // lender calls New loan's whole balance, 600,000 (its interest, 600,000 × 1 %, paid as usual).
    // Bridge matures in month 2: repaid 300,000 at maturity, not accelerated. Nothing before month 2.
    assert_series("accelerated", &p, |r| r.accelerated_debt_usd, &[0.0, 0.0, 600_000.0, 0.0, 0.0]);
    assert_eq!(p.kpis.first_acceleration_month, Some(month("2026-06")));
    // Principal repaid in month 2: New loan 600,000 + Bridge 300,000 at maturity.
    assert_close("repaid in month 2", p.months[2].flows.principal_repaid_usd, 900_000.0);
    // Interest in month 2: Old 10,000 + New 6,000 + Bridge 3,000; in month 3 only Old's.
    assert_series("interest", &p, |r| r.interest_usd, &[13_000.0, 13_000.0, 19_000.0, 10_000.0, 10_000.0]);
    assert_series("debt", &p, |r| r.debt_usd, &[1_300_000.0, 1_900_000.0, 1_000_000.0, 1_000_000.0, 1_000_000.0]);
    // One acceleration, named among the warnings.
    assert_eq!(p.accelerations.len(), 1);
    assert_eq!((p.accelerations[0].instrument, p.accelerations[0].month), (1, 2));
    assert!(
        p.warnings.iter().any(|w| w.text.contains("New loan") && w.text.contains("2026-06") && w.text.contains("$600,000")),
        "{:?}",
        p.warnings
    );
}

#[test]
fn a_run_of_breaches_must_be_unbroken_and_a_convertible_is_repaid_not_converted() {
    let mut s = base(6);
    // Rent from month 2 on: LTM EBITDA turns positive and leverage falls under the covenant,
    // so the run of breaches stops at two months.
    let mut l = earning(1_000); // $1,000,000 a month
    l.start_month = month("2026-06");
    s.hosting = vec![l];
    s.opex.sga_usd_per_month = usd(10_000);
    s.financing.opening_cash_usd = usd(10_000_000);
    s.financing.covenant_max_leverage = Some(3.0);
    let mut c = Instrument::new(
        "Convertible",
        DebtKind::Convertible { conversion_price_usd: usd(1) },
        usd(500_000),
        0.0,
        month("2026-01"),
        month("2031-01"),
    );
    c.accelerate_after_breach_months = Some(3);
    s.financing.debt = vec![c];
    let p = run(&s);
    let breaches: Vec<bool> = p.months.iter().map(|r| r.covenant_breach).collect();
    assert_eq!(breaches, [true, true, false, false, false, false]);
    assert!(p.accelerations.is_empty() && p.kpis.first_acceleration_month.is_none());

    // Without the rent the breaches go on: called in month 3, repaid in cash (never converted,
    // although the share price, $10, is above the conversion price).
    s.hosting.clear();
    let p = run(&s);
    assert_series("accelerated", &p, |r| r.accelerated_debt_usd, &[0.0, 0.0, 0.0, 500_000.0, 0.0, 0.0]);
    assert_close("shares unchanged", p.months[5].shares_outstanding, s.financing.shares_outstanding);
}

// ---------------------------------------------------------------- segments and returns

#[test]
fn segments_add_up_to_ebitda_and_npv_discounts_free_cash_flow() {
    let s = floe::io::load_scenario(&common::repo_path("tests/data/reference_v2.ron")).unwrap();
    let p = run(&s);
    for r in &p.months {
        assert_close(&format!("segments in {}", r.month), r.mining_ebitda_usd + r.hosting_ebitda_usd - r.sga_usd, r.ebitda_usd);
        assert_close(&format!("FCF in {}", r.month), r.ebitda_usd - r.tax_usd - r.capex_usd + r.salvage_proceeds_usd, r.free_cash_flow_usd);
    }
    let d = s.valuation.discount_rate;
    let npv: f64 = p.months.iter().enumerate().map(|(m, r)| r.free_cash_flow_usd / (1.0 + d).powf(m as f64 / 12.0)).sum();
    assert_close("plan NPV", p.kpis.npv_usd, npv);
}
