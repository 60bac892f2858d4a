//! Hand-checked tests of the mechanisms of `model.md` (format 1; format 2's
//! rules are in `mechanisms_v2.rs`), through the public
//! engine (`floe::engine::project`) on tiny scenarios built in code.
//!
//! Every expected value is worked out by hand from `model.md` in the comment
//! above its assertion. The mechanisms already unit-tested inside `src`
//! (halving split, annuity schedule, conversion at maturity, dispatch under
//! capacity, economic shutdown, curtailment, degradation) are not repeated.
//!
//! Common ground of every scenario ([`base`]): start 2026-04, BTC at $100,000,
//! network 1,000 EH/s, no fees, start height 900,000 (era 4: 3.125 BTC a
//! block, the next halving is 150,000 blocks away), economic shutdown off.
//! April has 30 days: 4,320 blocks, subsidy 13,500 BTC, 720 hours.
//! May has 31 days: 4,464 blocks, subsidy 13,950 BTC, 744 hours.
//! The standard machine ([`machines`]) is 100 TH/s at 2,000 W (20 J/TH),
//! uptime 1: 1,000 units are 2 MW (mining PUE 1) and 0.1 EH/s.

mod common;

use common::{assert_close, assert_series, month, usd};
use floe::engine::{Projection, project};
use floe::model::{Amortization, Contract, DebtKind, EquityRaise, Instrument, Lease, Lot, Money, Scenario, Series};

fn base(horizon: i64) -> Scenario {
    let mut s = Scenario::new_blank(month("2026-04"));
    s.horizon_months = horizon;
    s.market.btc_price_usd = Series::constant(100_000.0);
    s.market.network_hashrate_ehs = Series::constant(1_000.0);
    s.market.fees_btc_per_block = Series::constant(0.0);
    s.market.start_block_height = 900_000;
    s.market.new_hardware_usd_per_th = Money::ZERO;
    s.power.economic_shutdown = false;
    // Format 1's books (a format-1 file reads with these off): no loss pool, no fair value.
    s.opex.tax_loss_carryforward = false;
    s.financing.btc_fair_value = false;
    s
}

/// `units` machines of 100 TH/s at 2,000 W, uptime 1, free, deployed in `deploy`.
fn machines(units: i64, deploy: &str) -> Lot {
    let mut l = Lot::new("T100", units, 100.0, 2_000.0, Money::ZERO, month(deploy));
    l.uptime = 1.0;
    l.sold_at_retirement = false; // format 1: retired machines are not sold
    l
}

/// A passthrough lease without fit-out, PUE and ramp left at the format's defaults.
fn lease(tenant: &str, critical_it_mw: f64, start: &str, term: i64, rate: i64) -> Lease {
    Lease::new(tenant, critical_it_mw, month(start), term, usd(rate))
}

fn run(s: &Scenario) -> Projection {
    let p = project(s).unwrap_or_else(|e| panic!("projection failed: {e}"));
    assert_eq!(p.months.len(), s.horizon_months as usize);
    p
}

// ---------------------------------------------------------------- power

#[test]
fn hosting_reserves_cheapest_contracts_first_and_flex_lends_idle_power_at_its_weighted_price() {
    let mut s = base(2);
    // File order: the expensive contract first, so "cheapest first" is visible.
    s.power.contracts = vec![Contract::new("Grid", 10.0, usd(50)), Contract::new("Hydro", 10.0, usd(30))];
    let mut l = lease("AI", 10.0, "2026-04", 24, 0);
    l.pue = 1.5;
    l.utilization = 0.6;
    l.ramp_months = 2;
    l.flex_mining = true;
    s.hosting = vec![l];
    // 10,000 machines = 20 MW: more than mining can get, so all capacity is used.
    s.fleet = vec![machines(10_000, "2026-01")];
    let p = run(&s);

    // The lease reserves 10 MW × 1.5 = 15 MW, cheapest first: all 10 MW of
    // Hydro at $30, then 5 MW of Grid at $50. Weighted price of its slices:
    // (10 × 30 + 5 × 50) / 15 = 550 / 15 = $36.667/MWh. Mining keeps Grid's
    // other 5 MW at $50. (File order would have left 5 MW of Hydro at $30.)
    //
    // Month 0 (720 h): r = min(1, 1/2) = 0.5; flex = 15 × (1 − 0.6 × 0.5) = 10.5 MW.
    //   capacity = 10.5 + 5 = 15.5 MW, all used by the 20 MW fleet;
    //   energy = 10.5 × 720 × 550/15 + 5 × 720 × 50 = 277,200 + 180,000 = 457,200.
    //   TH/s = 15.5 MW × (100,000 TH/s per 2 MW) = 775,000 TH/s = 0.775 EH/s.
    // Month 1 (744 h): r = 1; flex = 15 × (1 − 0.6) = 6 MW; capacity 11 MW;
    //   energy = 6 × 744 × 550/15 + 5 × 744 × 50 = 163,680 + 186,000 = 349,680.
    //   TH/s = 11 × 50,000 = 550,000 TH/s = 0.55 EH/s.
    assert_series("mining capacity MW", &p, |r| r.mining_capacity_mw, &[15.5, 11.0]);
    assert_series("mining used MW", &p, |r| r.mining_used_mw, &[15.5, 11.0]);
    assert_series("power cost", &p, |r| r.power_cost_usd, &[457_200.0, 349_680.0]);
    assert_series("mining energy", &p, |r| r.mining_energy_usd, &[457_200.0, 349_680.0]);
    assert_series("fleet EH/s", &p, |r| r.fleet_hashrate_ehs, &[0.775, 0.55]);
    // Share = 0.775 / 1,000; BTC = share × 13,500 (April) = 10.4625.
    assert_close("BTC mined in month 0", p.months[0].btc_mined, 10.4625);
}

#[test]
fn flex_is_capped_by_what_the_lease_reserved_and_a_short_lease_keeps_its_revenue() {
    let mut s = base(1);
    s.power.contracts = vec![Contract::new("Only", 9.0, usd(40))];
    let mut a = lease("A", 10.0, "2026-04", 24, 100);
    a.pue = 1.5;
    a.utilization = 0.2;
    a.flex_mining = true;
    let mut b = lease("B", 5.0, "2026-04", 24, 100);
    b.pue = 1.5;
    b.utilization = 0.0;
    b.flex_mining = true;
    s.hosting = vec![a, b];
    s.fleet = vec![machines(10_000, "2026-01")];
    let p = run(&s);
    let r = &p.months[0];

    // Lease A wants 10 × 1.5 = 15 MW and gets the whole 9 MW contract.
    // Idle = 15 × (1 − 0.2 × 1) = 12 MW, capped at the 9 MW it reserved, at $40.
    // Lease B (file order: second) finds nothing left: flex = min(7.5, 0) = 0.
    // Mining: 9 MW × 720 h × $40 = $259,200 (passthrough: no hosting energy).
    assert_close("mining capacity", r.mining_capacity_mw, 9.0);
    assert_close("power cost", r.power_cost_usd, 259_200.0);
    // Revenue is unchanged by the shortfall:
    // A: 10 MW × 1,000 × $100 = $1,000,000; B: 5 × 1,000 × 100 = $500,000.
    assert_close("hosting revenue", r.hosting_revenue_usd, 1_500_000.0);
}

// ---------------------------------------------------------------- hosting

#[test]
fn hosting_ramp_term_and_non_passthrough_energy() {
    let mut s = base(5);
    s.power.contracts = vec![Contract::new("PPA", 20.0, usd(40))];
    let mut l = lease("AI", 10.0, "2026-04", 4, 100);
    l.pue = 1.2;
    l.ramp_months = 3;
    l.power_passthrough = false;
    l.utilization = 0.5;
    l.opex_fraction = 0.1;
    s.hosting = vec![l];
    let p = run(&s);

    // Active months 0..=3 (term 4); r = 1/3, 2/3, 1, 1, then inactive.
    // Revenue = 10 × 1,000 × $100 × r = 1,000,000 × r.
    let third = 1_000_000.0 / 3.0;
    assert_series("hosting revenue", &p, |r| r.hosting_revenue_usd, &[third, 2.0 * third, 1e6, 1e6, 0.0]);
    // It reserves 10 × 1.2 = 12 MW of the $40 contract: weighted price $40.
    // Energy = 10 × 1.2 × 0.5 × r × hours × 40 = 240 × r × hours:
    //   m0: 240 × 1/3 × 720 = 57,600      m1: 240 × 2/3 × 744 = 119,040
    //   m2: 240 × 720 = 172,800           m3: 240 × 744 = 178,560     m4: 0
    let energy = [57_600.0, 119_040.0, 172_800.0, 178_560.0, 0.0];
    assert_series("power cost", &p, |r| r.power_cost_usd, &energy);
    // Opex = 10 % of revenue; EBITDA = revenue − energy − opex:
    //   m0: 333,333.33 − 57,600 − 33,333.33 = 242,400
    //   m1: 666,666.67 − 119,040 − 66,666.67 = 480,960
    //   m2: 1,000,000 − 172,800 − 100,000 = 727,200
    //   m3: 1,000,000 − 178,560 − 100,000 = 721,440
    assert_series("opex", &p, |r| r.opex_usd, &[third / 10.0, 2.0 * third / 10.0, 1e5, 1e5, 0.0]);
    assert_series("ebitda", &p, |r| r.ebitda_usd, &[242_400.0, 480_960.0, 727_200.0, 721_440.0, 0.0]);

    // With passthrough the tenant pays the energy: nothing booked.
    s.hosting[0].power_passthrough = true;
    let p = run(&s);
    assert_series("power cost with passthrough", &p, |r| r.power_cost_usd, &[0.0; 5]);
}

#[test]
fn hosting_escalation_counts_months_since_the_hosting_start() {
    let mut s = base(7);
    // Started 6 months before the scenario (2025-10), ramp 1, 21 % a year.
    let mut l = lease("AI", 10.0, "2025-10", 60, 100);
    l.annual_escalation = 0.21;
    s.hosting = vec![l];
    let p = run(&s);
    // Month 0: k = 6 → 1,000,000 × 1.21^(6/12) = 1,000,000 × 1.1 = 1,100,000.
    // Month 6: k = 12 → 1,000,000 × 1.21 = 1,210,000.
    assert_close("revenue in month 0", p.months[0].hosting_revenue_usd, 1_100_000.0);
    assert_close("revenue in month 6", p.months[6].hosting_revenue_usd, 1_210_000.0);
}

#[test]
fn fit_out_capex_is_spread_over_the_build_months_and_depreciated_over_the_term() {
    let mut s = base(4);
    s.financing.opening_cash_usd = usd(20_000_000);
    // A: 10 MW × $1,000,000 = $10M, built over the 4 months before 2026-06
    // (2026-02, 03, 04, 05), i.e. $2.5M a month; 02 and 03 are already paid.
    let mut a = lease("A", 10.0, "2026-06", 20, 0);
    a.fit_out_usd_per_mw = usd(1_000_000);
    a.build_months = 4;
    // B: 1 MW × $3,000,000 with build_months 0: paid whole in its start month (2026-07).
    let mut b = lease("B", 1.0, "2026-07", 10, 0);
    b.fit_out_usd_per_mw = usd(3_000_000);
    b.build_months = 0;
    s.hosting = vec![a, b];
    let p = run(&s);

    // Capex: m0 (04) 2.5M, m1 (05) 2.5M, m2 (06) 0, m3 (07) B's 3M.
    assert_series("capex", &p, |r| r.capex_usd, &[2.5e6, 2.5e6, 0.0, 3e6]);
    // Depreciation while active: A 10M / 20 = 500k from m2; B 3M / 10 = 300k from m3.
    assert_series("depreciation", &p, |r| r.depreciation_usd, &[0.0, 0.0, 5e5, 8e5]);
    // Cash: 20M − 2.5M − 2.5M − 0 − 3M (depreciation is not cash).
    assert_series("cash", &p, |r| r.cash_usd, &[17.5e6, 15e6, 15e6, 12e6]);
    assert_series("net income", &p, |r| r.net_income_usd, &[0.0, 0.0, -5e5, -8e5]);
}

// ---------------------------------------------------------------- machines

#[test]
fn pre_start_lot_has_no_capex_and_a_lot_deployed_in_the_horizon_pays_in_its_deploy_month() {
    let mut s = base(3);
    s.financing.opening_cash_usd = usd(10_000_000);
    s.power.contracts = vec![Contract::new("PPA", 100.0, usd(50))];
    // Old: deployed 2024-05 (23 months before the start), life 24: alive in
    // month 0 only (age 23), retired from month 1 (age 24).
    let mut old = machines(1_000, "2024-05");
    old.unit_price_usd = usd(2_400);
    old.life_months = 24;
    old.salvage_fraction = 0.25;
    // New: 500 units at $3,000 deployed 2026-06 (month 2), life 48.
    let mut new = machines(500, "2026-06");
    new.unit_price_usd = usd(3_000);
    s.fleet = vec![old, new];
    let p = run(&s);

    // Capex only in the deploy month of the new lot: 500 × 3,000 = 1.5M.
    assert_series("capex", &p, |r| r.capex_usd, &[0.0, 0.0, 1.5e6]);
    // Depreciation: old 1,000 × 2,400 × (1 − 0.25) / 24 = 75,000 while alive;
    // new 500 × 3,000 / 48 = 31,250 from month 2.
    assert_series("depreciation", &p, |r| r.depreciation_usd, &[75_000.0, 0.0, 31_250.0]);
    // Fleet: 0.1 EH/s, nothing, 500 × 100 TH/s = 0.05 EH/s.
    assert_series("fleet EH/s", &p, |r| r.fleet_hashrate_ehs, &[0.1, 0.0, 0.05]);
    // BTC: 0.1/1,000 × 13,500 = 1.35; 0; 0.05/1,000 × 13,500 (June) = 0.675.
    assert_series("BTC mined", &p, |r| r.btc_mined, &[1.35, 0.0, 0.675]);
    // Energy: 2 MW × 720 × 50 = 72,000; 0; 1 MW × 720 × 50 = 36,000.
    assert_series("power cost", &p, |r| r.power_cost_usd, &[72_000.0, 0.0, 36_000.0]);
    // Cash (all mined BTC sold): 10M + 135,000 − 72,000 = 10,063,000; unchanged;
    // then + 67,500 − 36,000 − 1,500,000 = 8,594,500.
    assert_series("cash", &p, |r| r.cash_usd, &[10_063_000.0, 10_063_000.0, 8_594_500.0]);
}

#[test]
fn mined_btc_after_pool_fee_is_partly_sold_and_partly_held() {
    let mut s = base(1);
    s.power.contracts = vec![Contract::new("PPA", 100.0, usd(50))];
    s.fleet = vec![machines(1_000, "2026-01")];
    s.opex.pool_fee = 0.02;
    s.financing.btc_sell_fraction = 0.8;
    s.financing.opening_btc = 10.0;
    let p = run(&s);
    let r = &p.months[0];
    // Hashprice = 13,500 / 30 × 100,000 / (1,000 × 1,000) = $45 /PH/day.
    assert_close("hashprice", r.hashprice_usd_per_ph_day, 45.0);
    // BTC = 1e-4 × 13,500 × (1 − 0.02) = 1.323; revenue 132,300.
    assert_close("BTC mined", r.btc_mined, 1.323);
    assert_close("mining revenue", r.mining_revenue_usd, 132_300.0);
    // Sold 80 %: 1.0584 BTC = $105,840; held 10 + 0.2646 = 10.2646.
    assert_close("mined BTC sold", r.flows.mined_btc_sold_usd, 105_840.0);
    assert_close("BTC held", r.btc_held, 10.2646);
    // Cash = 105,840 − 72,000 energy = 33,840; EBITDA = 132,300 − 72,000 = 60,300.
    assert_close("cash", r.cash_usd, 33_840.0);
    assert_close("ebitda", r.ebitda_usd, 60_300.0);
    // Net debt = 0 − 33,840 − 10.2646 × 100,000 = −1,060,300.
    assert_close("net debt", r.net_debt_usd, -1_060_300.0);
}

#[test]
fn hold_share_capex_prices_the_hashrate_needed_to_keep_month_0_share() {
    let mut s = base(3);
    s.market.network_hashrate_ehs =
        Series::Points(vec![(month("2026-04"), 1_000.0), (month("2026-05"), 1_200.0), (month("2026-06"), 800.0)]);
    s.market.new_hardware_usd_per_th = usd(15);
    s.power.contracts = vec![Contract::new("PPA", 100.0, Money::ZERO)];
    s.fleet = vec![machines(1_000, "2026-01")];
    let p = run(&s);
    // s0 = 0.1 / 1,000 = 1e-4; the fleet stays at 0.1 EH/s.
    // m0: needs 1e-4 × 1,000 = 0.1 EH/s: nothing to buy.
    // m1: needs 1e-4 × 1,200 = 0.12 EH/s: (0.12 − 0.1) × 1e6 = 20,000 TH/s × $15 = $300,000.
    // m2: needs 0.08 EH/s < 0.1: max(0, negative) = 0.
    assert_series("hold-share EH/s", &p, |r| r.hold_share_hashrate_ehs, &[0.1, 0.12, 0.08]);
    assert_series("hold-share capex", &p, |r| r.hold_share_capex_usd, &[0.0, 300_000.0, 0.0]);
    // Share melts then recovers: 0.1/1,000, 0.1/1,200, 0.1/800.
    assert_series("share", &p, |r| r.hashrate_share, &[1e-4, 0.1 / 1_200.0, 0.1 / 800.0]);
    assert_close("KPI: hold-share capex in the last month", p.kpis.end_hold_share_capex_usd, 0.0);
}

// ---------------------------------------------------------------- income statement

#[test]
fn tax_is_charged_only_on_positive_ebt() {
    let mut s = base(2);
    s.opex.tax_rate = 0.25;
    s.opex.sga_usd_per_month = usd(400_000);
    // One month of hosting: $1,000,000 in month 0, nothing in month 1.
    s.hosting = vec![lease("AI", 10.0, "2026-04", 1, 100)];
    let p = run(&s);
    // m0: EBT = 1,000,000 − 400,000 = 600,000 → tax 150,000, net 450,000.
    // m1: EBT = −400,000 → tax 0 (no credit), net −400,000.
    assert_series("tax", &p, |r| r.tax_usd, &[150_000.0, 0.0]);
    assert_series("tax paid", &p, |r| r.flows.tax_usd, &[150_000.0, 0.0]);
    assert_series("net income", &p, |r| r.net_income_usd, &[450_000.0, -400_000.0]);
    // Cash: 1,000,000 − 400,000 − 150,000 = 450,000; then − 400,000 = 50,000.
    assert_series("cash", &p, |r| r.cash_usd, &[450_000.0, 50_000.0]);
}

// ---------------------------------------------------------------- leverage

/// 10 MW at $100/kW-month ramping over 3 months (EBITDA 1/3 M, 2/3 M, then
/// 1 M a month) and a $12M term loan at 12 % issued before the start
/// (interest 12M × 0.12 / 12 = $120,000 a month, no proceeds, bullet).
fn ltm_scenario(horizon: i64) -> Scenario {
    let mut s = base(horizon);
    let mut l = lease("AI", 10.0, "2026-04", 120, 100);
    l.ramp_months = 3;
    s.hosting = vec![l];
    s.financing.debt = vec![Instrument::new("Loan", DebtKind::TermLoan, usd(12_000_000), 0.12, month("2025-04"), month("2030-04"))];
    s.financing.opening_cash_usd = usd(1_000_000);
    s
}

#[test]
fn ltm_is_annualised_while_fewer_than_12_months_are_projected() {
    let mut s = ltm_scenario(13);
    s.financing.covenant_max_leverage = Some(2.5);
    let p = run(&s);
    let third = 1_000_000.0 / 3.0;
    assert_close("interest", p.months[0].interest_usd, 120_000.0);
    assert_close("debt", p.months[0].debt_usd, 12e6);
    // m0: LTM = (1/3 M) × 12/1 = 4M     → leverage 12/4 = 3, coverage 4M / (120k × 12) = 2.7778
    // m1: LTM = (1/3 + 2/3) M × 12/2 = 6M → leverage 2,   coverage 6 / 1.44 = 4.1667
    // m2: LTM = 2M × 12/3 = 8M            → leverage 1.5, coverage 8 / 1.44 = 5.5556
    // m11: 12 months, no scaling: 1/3 + 2/3 + 10 × 1 = 11M → leverage 12/11
    // m12: window m1..m12: 2/3 + 11 × 1 = 11.6667M → leverage 12 / 11.6667 = 1.0286
    let expected_ltm = [(0, 4e6), (1, 6e6), (2, 8e6), (11, 11e6), (12, 11e6 + 2.0 * third)];
    for (m, ltm) in expected_ltm {
        let r = &p.months[m];
        assert_close(&format!("LTM EBITDA in month {m}"), r.ltm_ebitda_usd, ltm);
        assert_close(&format!("leverage in month {m}"), r.leverage.expect("defined"), 12e6 / ltm);
    }
    // LTM interest is 120k × 12 = 1.44M in every month (annualised alike).
    for (m, ltm) in [(0, 4e6), (1, 6e6), (2, 8e6), (11, 11e6)] {
        assert_close(&format!("coverage in month {m}"), p.months[m].interest_coverage.expect("defined"), ltm / 1.44e6);
    }
    // Covenant 2.5: only month 0 (leverage 3) is above it.
    let breaches: Vec<bool> = p.months.iter().map(|r| r.covenant_breach).collect();
    assert!(breaches[0] && breaches[1..].iter().all(|b| !b), "{breaches:?}");
    assert_eq!(p.kpis.covenant_breach_months, Some(1));
    // Peak leverage: 3 in the first month.
    assert_close("peak leverage", p.kpis.peak_leverage.expect("defined"), 3.0);
    assert_eq!(p.kpis.peak_leverage_month, Some(month("2026-04")));
}

#[test]
fn leverage_is_undefined_when_ltm_ebitda_is_not_positive_and_that_breaches_the_covenant() {
    let mut s = base(4);
    s.opex.sga_usd_per_month = usd(100_000);
    s.financing.opening_cash_usd = usd(5_000_000);
    s.financing.covenant_max_leverage = Some(3.0);
    // $1M bullet at 12 % from before the start, due in 2026-06 (month 2).
    s.financing.debt = vec![Instrument::new("Loan", DebtKind::TermLoan, usd(1_000_000), 0.12, month("2025-04"), month("2026-06"))];
    let p = run(&s);
    // EBITDA = −100,000 every month: LTM < 0 → leverage undefined.
    assert!(p.months.iter().all(|r| r.leverage.is_none()));
    // Coverage stays defined while there is interest: m0: −1.2M / (10,000 × 12) = −10.
    assert_close("coverage in month 0", p.months[0].interest_coverage.expect("defined"), -10.0);
    // Debt 1M, 1M, repaid at maturity in month 2 → 0, 0.
    assert_series("debt", &p, |r| r.debt_usd, &[1e6, 1e6, 0.0, 0.0]);
    // Breach: debt > 0 and leverage undefined in months 0 and 1; no debt afterwards.
    let breaches: Vec<bool> = p.months.iter().map(|r| r.covenant_breach).collect();
    assert_eq!(breaches, [true, true, false, false]);
    assert_eq!(p.kpis.covenant_breach_months, Some(2));
    assert_eq!((p.kpis.peak_leverage, p.kpis.peak_leverage_month), (None, None));
    assert!(p.months.iter().all(|r| r.net_leverage.is_none()), "net leverage is undefined alike");
    assert_eq!((p.kpis.peak_net_leverage, p.kpis.peak_net_leverage_month), (None, None));

    // LTM EBITDA of exactly 0 is not positive either: still undefined.
    s.opex.sga_usd_per_month = Money::ZERO;
    let p = run(&s);
    assert!(p.months.iter().all(|r| r.leverage.is_none()));
    assert_eq!(p.kpis.covenant_breach_months, Some(2));
    // Without a covenant there is nothing to breach: the count is undefined, not 0.
    s.financing.covenant_max_leverage = None;
    assert_eq!(run(&s).kpis.covenant_breach_months, None);
}

// ---------------------------------------------------------------- debt and equity

#[test]
fn debt_issued_in_the_horizon_pays_net_proceeds_no_first_interest_and_straight_principal() {
    let mut s = base(4);
    let mut loan = Instrument::new("Loan", DebtKind::EquipmentLoan, usd(1_200_000), 0.12, month("2026-04"), month("2026-07"));
    loan.amortization = Amortization::Straight;
    loan.issue_cost_fraction = 0.02;
    s.financing.debt = vec![loan];
    let p = run(&s);
    // m0 (issue): proceeds 1.2M × 0.98 = 1,176,000; no interest; debt 1.2M.
    // n = 3 months: principal 400,000 in m1, m2, m3; interest on the opening balance at 1 %:
    //   m1: 12,000, debt 800k   m2: 8,000, debt 400k   m3: 4,000, debt 0.
    assert_series("interest", &p, |r| r.interest_usd, &[0.0, 12_000.0, 8_000.0, 4_000.0]);
    assert_series("debt", &p, |r| r.debt_usd, &[1.2e6, 8e5, 4e5, 0.0]);
    assert_series("proceeds", &p, |r| r.flows.debt_proceeds_usd, &[1_176_000.0, 0.0, 0.0, 0.0]);
    assert_series("principal repaid", &p, |r| r.flows.principal_repaid_usd, &[0.0, 4e5, 4e5, 4e5]);
    // Cash: 1,176,000 → −412,000 → 764,000; −408,000 → 356,000; −404,000 → −48,000.
    assert_series("cash", &p, |r| r.cash_usd, &[1_176_000.0, 764_000.0, 356_000.0, -48_000.0]);
    // Negative cash is distress; the KPIs find it.
    assert!(p.months[3].distress && !p.months[2].distress);
    assert_eq!(p.kpis.first_distress_month, Some(month("2026-07")));
    assert_close("min cash", p.kpis.min_cash_usd, -48_000.0);
    assert_eq!(p.kpis.min_cash_month, Some(month("2026-07")));
}

#[test]
fn convertible_in_the_money_adds_shares_and_moves_no_principal_cash() {
    let mut s = base(2);
    // $800k at 12 % from before the start, converts at $8 in 2026-05; share price $10.
    let kind = DebtKind::Convertible { conversion_price_usd: usd(8) };
    s.financing.debt = vec![Instrument::new("Converts", kind, usd(800_000), 0.12, month("2025-04"), month("2026-05"))];
    let p = run(&s);
    // Interest 800k × 1 % = 8,000 in both months; at maturity 800k / 8 = 100,000 new shares.
    assert_series("interest", &p, |r| r.interest_usd, &[8_000.0, 8_000.0]);
    assert_series("shares", &p, |r| r.shares_outstanding, &[100_000_000.0, 100_100_000.0]);
    assert_series("debt", &p, |r| r.debt_usd, &[8e5, 0.0]);
    assert_series("cash", &p, |r| r.cash_usd, &[-8_000.0, -16_000.0]);
}

#[test]
fn equity_raise_is_priced_at_a_discount_to_that_months_share_price_net_of_fees() {
    let mut s = base(2);
    // Share price $10 in 2026-04, $12 in 2026-06: $11 in 2026-05 (month 1).
    s.financing.share_price_usd = Series::Points(vec![(month("2026-04"), 10.0), (month("2026-06"), 12.0)]);
    let mut raise = EquityRaise::new(month("2026-05"), usd(10_450_000));
    raise.discount = 0.05;
    raise.fee_fraction = 0.02;
    // Dated before the start: already in the opening share count, ignored.
    let before = EquityRaise::new(month("2026-01"), usd(5_000_000));
    s.financing.equity_raises = vec![before, raise];
    let p = run(&s);
    // Price 11 × (1 − 0.05) = 10.45; shares += 10,450,000 / 10.45 = 1,000,000.
    // Cash += 10,450,000 × (1 − 0.02) = 10,241,000.
    assert_series("shares", &p, |r| r.shares_outstanding, &[100_000_000.0, 101_000_000.0]);
    assert_series("equity proceeds", &p, |r| r.flows.equity_proceeds_usd, &[0.0, 10_241_000.0]);
    assert_series("cash", &p, |r| r.cash_usd, &[0.0, 10_241_000.0]);
}

// ---------------------------------------------------------------- treasury

/// No operations, $500k SG&A a month, $3M cash, a $2M minimum, BTC at $100k.
fn treasury_scenario(opening_btc: f64) -> Scenario {
    let mut s = base(4);
    s.opex.sga_usd_per_month = usd(500_000);
    s.financing.opening_cash_usd = usd(3_000_000);
    s.financing.min_cash_usd = usd(2_000_000);
    s.financing.opening_btc = opening_btc;
    s
}

#[test]
fn treasury_sells_btc_to_defend_minimum_cash() {
    let p = run(&treasury_scenario(50.0));
    // m0: 3.0M − 0.5M = 2.5M ≥ 2M: no sale.
    // m1: 2.0M: not below the minimum: no sale.
    // m2: 1.5M < 2M: sell min(50, (2M − 1.5M) / 100k = 5) = 5 BTC → cash 2.0M, 45 BTC.
    // m3: the same again → 40 BTC.
    assert_series("treasury BTC sold", &p, |r| r.treasury_btc_sold, &[0.0, 0.0, 5.0, 5.0]);
    assert_series("treasury USD", &p, |r| r.flows.treasury_btc_sold_usd, &[0.0, 0.0, 5e5, 5e5]);
    assert_series("BTC held", &p, |r| r.btc_held, &[50.0, 50.0, 45.0, 40.0]);
    assert_series("cash", &p, |r| r.cash_usd, &[2.5e6, 2e6, 2e6, 2e6]);

    // Only 3 BTC: m2 sells min(3, 5) = 3 → 1.5M + 300k = 1.8M, nothing left;
    // m3: 1.3M with no BTC: no sale.
    let p = run(&treasury_scenario(3.0));
    assert_series("treasury BTC sold (3 BTC)", &p, |r| r.treasury_btc_sold, &[0.0, 0.0, 3.0, 0.0]);
    assert_series("BTC held (3 BTC)", &p, |r| r.btc_held, &[3.0, 3.0, 0.0, 0.0]);
    assert_series("cash (3 BTC)", &p, |r| r.cash_usd, &[2.5e6, 2e6, 1.8e6, 1.3e6]);

    // BTC at $0: nothing can be raised by selling, no sale happens.
    let mut s = treasury_scenario(50.0);
    s.market.btc_price_usd = Series::constant(0.0);
    let p = run(&s);
    assert!(p.months.iter().all(|r| r.treasury_btc_sold == 0.0 && r.btc_held == 50.0));
    assert_series("cash (price 0)", &p, |r| r.cash_usd, &[2.5e6, 2e6, 1.5e6, 1e6]);
}

// ---------------------------------------------------------------- KPIs

/// One month: 1,000 machines (2 MW, $2,400 each, 24 months' life), 100 MW at $50/MWh, site opex $10,000/MW, SG&A $8,000, $1.2M at 12 %.
fn cost_scenario() -> Scenario {
    let mut s = base(1);
    s.power.contracts = vec![Contract::new("PPA", 100.0, usd(50))];
    let mut lot = machines(1_000, "2025-04");
    lot.unit_price_usd = usd(2_400);
    lot.life_months = 24;
    s.fleet = vec![lot];
    s.power.mining_opex_usd_per_mw_month = usd(10_000);
    s.opex.sga_usd_per_month = usd(8_000);
    s.financing.debt = vec![Instrument::new("Loan", DebtKind::TermLoan, usd(1_200_000), 0.12, month("2025-04"), month("2028-04"))];
    s
}

#[test]
fn kpi_cost_per_btc_and_totals() {
    let p = run(&cost_scenario());
    let k = &p.kpis;
    // BTC = 1e-4 × 13,500 = 1.35; revenue 135,000.
    // Energy 2 MW × 720 × 50 = 72,000; site opex 2 MW × 10,000 = 20,000; SG&A 8,000;
    // interest 1.2M × 1 % = 12,000; lot depreciation 1,000 × 2,400 / 24 = 100,000.
    assert_close("total BTC", k.total_btc_mined, 1.35);
    assert_close("total revenue", k.total_revenue_usd, 135_000.0);
    // EBITDA = 135,000 − 72,000 − 20,000 − 8,000 = 35,000.
    assert_close("total EBITDA", k.total_ebitda_usd, 35_000.0);
    // Cash cost = 72,000 / 1.35 = 53,333.33.
    assert_close("cash cost per BTC", k.cash_cost_per_btc_usd.expect("defined"), 72_000.0 / 1.35);
    // No hosting: mining share 1. All-in = (72,000 + 20,000 + 100,000 + (8,000 + 12,000) × 1) / 1.35 = 212,000 / 1.35.
    assert_close("all-in cost per BTC", k.all_in_cost_per_btc_usd.expect("defined"), 212_000.0 / 1.35);
    // One month: the annual share change is undefined (H − 1 = 0).
    assert_eq!(k.annual_share_change, None);
    // LTM EBITDA 35,000 × 12 = 420,000; leverage 1.2M / 420k = 2.857.
    assert_close("peak leverage", k.peak_leverage.expect("defined"), 1.2e6 / 420_000.0);
}

#[test]
fn kpi_all_in_cost_loads_sga_and_interest_by_the_mining_share_of_revenue() {
    // `cost_scenario` plus a passthrough lease of 1 MW at $45/kW-month: hosting revenue 45,000
    // (it reserves 1.3 MW of 100; the 2 MW fleet still runs whole). Mining revenue 135,000, no credits:
    // mining share = 135,000 / 180,000 = 0.75. All-in = (energy 72,000 + site opex 20,000 + lot
    // depreciation 100,000 + (SG&A 8,000 + interest 12,000) × 0.75) / 1.35 BTC = 207,000 / 1.35.
    let mut s = cost_scenario();
    s.hosting = vec![lease("AI", 1.0, "2026-04", 24, 45)];
    let k = run(&s).kpis;
    assert_close("total revenue", k.total_revenue_usd, 180_000.0);
    assert_close("all-in cost per BTC", k.all_in_cost_per_btc_usd.expect("defined"), 207_000.0 / 1.35);
    // The cash cost is mining energy alone: 72,000 / 1.35, unchanged by hosting.
    assert_close("cash cost per BTC", k.cash_cost_per_btc_usd.expect("defined"), 72_000.0 / 1.35);
    // Credits count as mining income: 72 h curtailed at $500/MWh. 648 of 720 h run: BTC 1.215,
    // revenue 121,500; energy 2 MW × 648 h × 50 = 64,800; credits 2 MW × 72 h × 500 = 72,000.
    // Share = 193,500 / (193,500 + 45,000); all-in = (64,800 + 20,000 + 100,000 + 20,000 × share) / 1.215.
    s.power.curtailment_hours_per_month = 72.0;
    s.power.curtailment_credit_usd_per_mwh = usd(500);
    let expected = (64_800.0 + 20_000.0 + 100_000.0 + 20_000.0 * 193_500.0 / 238_500.0) / 1.215;
    assert_close("all-in cost with credits", run(&s).kpis.all_in_cost_per_btc_usd.expect("defined"), expected);
    // BTC at $0, no hosting, no credit rate: no revenue at all, so the share is 1 (not 0/0).
    // All-in = (64,800 + 20,000 + 100,000 + 20,000) / 1.215 = 204,800 / 1.215.
    s.hosting.clear();
    s.power.curtailment_credit_usd_per_mwh = Money::ZERO;
    s.market.btc_price_usd = Series::constant(0.0);
    assert_close("all-in cost at price 0", run(&s).kpis.all_in_cost_per_btc_usd.expect("defined"), 204_800.0 / 1.215);
}

#[test]
fn kpi_peak_net_leverage_is_the_highest_net_debt_over_ltm_ebitda_and_its_first_month() {
    // `ltm_scenario`: EBITDA 1/3 M, 2/3 M, 1 M; interest 120,000 a month; debt 12M; no tax, no BTC;
    // LTM EBITDA 4M, 6M, 8M. Cash from 1M: 1,213,333.33, 1,760,000, 2,640,000 → net debt
    // 10,786,666.67, 10,240,000, 9,360,000 → net leverage 2.696667, 1.706667, 1.17: peak in 2026-04.
    let mut s = ltm_scenario(3);
    let p = run(&s);
    let expected = [(12e6 - 1_213_333.0 - 1.0 / 3.0) / 4e6, (12e6 - 1_760_000.0) / 6e6, (12e6 - 2_640_000.0) / 8e6];
    assert_series("net leverage", &p, |r| r.net_leverage.unwrap_or(f64::NAN), &expected);
    assert_close("peak net leverage", p.kpis.peak_net_leverage.expect("defined"), expected[0]);
    assert_eq!(p.kpis.peak_net_leverage_month, Some(month("2026-04")));
    // 20M opening cash, net cash: net debt 12M − 20,213,333.33, − 20,760,000, − 21,640,000 → −2.053333, −1.46, −1.205;
    // the highest is the least negative, −1.205 in 2026-06, while gross leverage peaks at 12M / 4M = 3 in 2026-04.
    s.financing.opening_cash_usd = usd(20_000_000);
    let p = run(&s);
    assert_close("net leverage in month 0", p.months[0].net_leverage.expect("defined"), -(8_213_333.0 + 1.0 / 3.0) / 4e6);
    assert_close("peak net leverage (net cash)", p.kpis.peak_net_leverage.expect("defined"), -1.205);
    assert_eq!(p.kpis.peak_net_leverage_month, Some(month("2026-06")));
    assert_close("peak leverage", p.kpis.peak_leverage.expect("defined"), 3.0);
    assert_eq!(p.kpis.peak_leverage_month, Some(month("2026-04")));
    // The CSV columns do not change: net leverage is detail beyond them.
    assert!(floe::schema::column("net_leverage").is_none());
}

#[test]
fn kpi_annual_share_change_and_undefined_kpis() {
    // Fleet fixed at 0.1 EH/s, network 1,000 EH/s growing 21 % a year, 7 months.
    let mut s = base(7);
    s.market.network_hashrate_ehs = Series::Growth { start: 1_000.0, annual_growth: 0.21 };
    s.power.contracts = vec![Contract::new("PPA", 100.0, Money::ZERO)];
    s.fleet = vec![machines(1_000, "2026-01")];
    let p = run(&s);
    let k = &p.kpis;
    // s0 = 0.1 / 1,000 = 1e-4; month 6: N = 1,000 × 1.21^(6/12) = 1,100 → s6 = 0.1 / 1,100.
    // Annual change = (s6 / s0)^(12 / (7 − 1)) − 1 = (1 / 1.1)^2 − 1 = 1/1.21 − 1 = −0.17355.
    assert_close("share first", k.share_first, 1e-4);
    assert_close("share last", k.share_last, 0.1 / 1_100.0);
    let change = k.annual_share_change.expect("defined");
    assert!((change - (1.0 / 1.21 - 1.0)).abs() < 1e-12, "{change}");

    // A first share of 0 (the only lot starts in month 1): undefined, not 0 or infinity.
    s.fleet = vec![machines(1_000, "2026-05")];
    let p = run(&s);
    assert_eq!(p.kpis.share_first, 0.0);
    assert_eq!(p.kpis.annual_share_change, None);
    assert!(p.kpis.cash_cost_per_btc_usd.is_some(), "BTC was mined from month 1");

    // Nothing mined at all: both costs per BTC are undefined.
    s.fleet.clear();
    let p = run(&s);
    assert_eq!(p.kpis.total_btc_mined, 0.0);
    assert_eq!(p.kpis.cash_cost_per_btc_usd, None);
    assert_eq!(p.kpis.all_in_cost_per_btc_usd, None);
}
