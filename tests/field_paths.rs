//! Typed field paths end to end: every rule `validate()` checks is broken, one
//! at a time, on the reference plan; the problem must name the expected field,
//! and the app must show its message next to that field's input (the next grid
//! row, in the unit the field is edited in), or, for the fleet table, in the
//! lines under the table in words.
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use floe::app::commands::Command;
use floe::app::prefs::Prefs;
use floe::app::{FloeApp, Startup};
use floe::model::field::{
    ContractField as C, DebtField as D, FinancingField as F, LeaseField as L, LotField as Lt, MarketField as M, OpexField as O, Part,
    PlanField, PowerField as Pw, RaiseField as R,
};
use floe::model::{DebtKind, Deposit, FieldPath, Month, Scenario, Series, validate};
use rust_decimal::Decimal;
use std::path::PathBuf;

fn reference() -> Scenario {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference.ron");
    floe::io::load_scenario(&path).expect("reference plan loads")
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap()
}

fn neg() -> Decimal {
    Decimal::from(-1)
}

type Break = fn(&mut Scenario);

/// One broken rule per line: what to break and where the problem must point.
fn cases() -> Vec<(&'static str, Break, FieldPath)> {
    use FieldPath as At;
    let mk = |f| At::Market(f, Part::Whole);
    let fin = |f| At::Financing(f, Part::Whole);
    vec![
        ("horizon 0", |s| s.horizon_months = 0, At::Plan(PlanField::Horizon)),
        ("horizon 361", |s| s.horizon_months = 361, At::Plan(PlanField::Horizon)),
        (
            "BTC price start < 0",
            |s| s.market.btc_price_usd = Series::Growth { start: -1.0, annual_growth: 0.1 },
            At::Market(M::BtcPrice, Part::Start),
        ),
        (
            "BTC price growth -150 %",
            |s| s.market.btc_price_usd = Series::Growth { start: 1.0, annual_growth: -1.5 },
            At::Market(M::BtcPrice, Part::Growth),
        ),
        (
            "BTC price growth NaN",
            |s| s.market.btc_price_usd = Series::Growth { start: 1.0, annual_growth: f64::NAN },
            At::Market(M::BtcPrice, Part::Growth),
        ),
        (
            "network start 0",
            |s| s.market.network_hashrate_ehs = Series::Growth { start: 0.0, annual_growth: 0.1 },
            At::Market(M::NetworkHashrate, Part::Start),
        ),
        (
            "network point 0",
            |s| s.market.network_hashrate_ehs = Series::Points(vec![(m("2025-11"), 0.0)]),
            At::Market(M::NetworkHashrate, Part::Point(0)),
        ),
        (
            "fees point < 0",
            |s| s.market.fees_btc_per_block = Series::Points(vec![(m("2025-11"), -0.1)]),
            At::Market(M::FeesPerBlock, Part::Point(0)),
        ),
        ("fees no point", |s| s.market.fees_btc_per_block = Series::Points(vec![]), mk(M::FeesPerBlock)),
        (
            "fees same month",
            |s| s.market.fees_btc_per_block = Series::Points(vec![(m("2026-01"), 0.1), (m("2026-01"), 0.2)]),
            At::Market(M::FeesPerBlock, Part::Point(1)),
        ),
        (
            "fees out of order",
            |s| s.market.fees_btc_per_block = Series::Points(vec![(m("2027-01"), 0.1), (m("2026-01"), 0.2)]),
            At::Market(M::FeesPerBlock, Part::Point(1)),
        ),
        ("start block height < 0", |s| s.market.start_block_height = -1, mk(M::StartBlockHeight)),
        ("blocks per day 0", |s| s.market.blocks_per_day = 0.0, mk(M::BlocksPerDay)),
        ("new hardware price < 0", |s| s.market.new_hardware_usd_per_th = neg(), mk(M::NewHardwarePrice)),
        ("units < 0", |s| s.fleet[0].units = -1, At::Lot(0, Lt::Units)),
        ("hashrate 0", |s| s.fleet[0].hashrate_ths = 0.0, At::Lot(0, Lt::Hashrate)),
        ("power 0", |s| s.fleet[1].power_w = 0.0, At::Lot(1, Lt::Power)),
        ("unit price < 0", |s| s.fleet[0].unit_price_usd = neg(), At::Lot(0, Lt::UnitPrice)),
        ("life 0", |s| s.fleet[0].life_months = 0, At::Lot(0, Lt::Life)),
        ("uptime 150 %", |s| s.fleet[2].uptime = 1.5, At::Lot(2, Lt::Uptime)),
        ("degradation 100 %", |s| s.fleet[0].annual_degradation = 1.0, At::Lot(0, Lt::Degradation)),
        ("degradation < 0", |s| s.fleet[0].annual_degradation = -0.1, At::Lot(0, Lt::Degradation)),
        ("salvage 150 %", |s| s.fleet[0].salvage_fraction = 1.5, At::Lot(0, Lt::Salvage)),
        ("capacity < 0", |s| s.power.contracts[0].capacity_mw = -1.0, At::Contract(0, C::Capacity)),
        ("contract price < 0", |s| s.power.contracts[0].price_usd_per_mwh = neg(), At::Contract(0, C::Price)),
        ("contract escalation -100 %", |s| s.power.contracts[0].annual_escalation = -1.0, At::Contract(0, C::Escalation)),
        (
            "contract ends before it starts",
            |s| {
                s.power.contracts[0].start_month = Some(m("2027-01"));
                s.power.contracts[0].end_month = Some(m("2026-01"));
            },
            At::Contract(0, C::End),
        ),
        ("mining PUE < 1", |s| s.power.pue = 0.9, At::Power(Pw::Pue)),
        ("curtailment > 744 h", |s| s.power.curtailment_hours_per_month = 800.0, At::Power(Pw::CurtailmentHours)),
        ("curtailment credit < 0", |s| s.power.curtailment_credit_usd_per_mwh = neg(), At::Power(Pw::CurtailmentCredit)),
        ("site opex < 0", |s| s.power.mining_opex_usd_per_mw_month = neg(), At::Power(Pw::SiteOpex)),
        ("critical IT < 0", |s| s.hosting[0].critical_it_mw = -1.0, At::Lease(0, L::CriticalIt)),
        ("hosting PUE < 1", |s| s.hosting[0].pue = 0.5, At::Lease(0, L::Pue)),
        ("ramp 0", |s| s.hosting[0].ramp_months = 0, At::Lease(0, L::Ramp)),
        ("term 0", |s| s.hosting[0].term_months = 0, At::Lease(0, L::Term)),
        ("hosting rate < 0", |s| s.hosting[0].rate_usd_per_kw_month = neg(), At::Lease(0, L::Rate)),
        ("hosting escalation -200 %", |s| s.hosting[0].annual_escalation = -2.0, At::Lease(0, L::Escalation)),
        ("utilization 200 %", |s| s.hosting[0].utilization = 2.0, At::Lease(0, L::Utilization)),
        ("fit-out < 0", |s| s.hosting[0].fit_out_usd_per_mw = neg(), At::Lease(0, L::FitOut)),
        ("build < 0", |s| s.hosting[0].build_months = -1, At::Lease(0, L::Build)),
        ("hosting opex 200 %", |s| s.hosting[0].opex_fraction = 2.0, At::Lease(0, L::Opex)),
        ("pool fee 150 %", |s| s.opex.pool_fee = 1.5, At::Opex(O::PoolFee)),
        ("SG&A < 0", |s| s.opex.sga_usd_per_month = neg(), At::Opex(O::Sga)),
        ("tax rate 200 %", |s| s.opex.tax_rate = 2.0, At::Opex(O::TaxRate)),
        ("opening BTC < 0", |s| s.financing.opening_btc = -1.0, fin(F::OpeningBtc)),
        ("shares 0", |s| s.financing.shares_outstanding = 0.0, fin(F::Shares)),
        (
            "share price start 0",
            |s| s.financing.share_price_usd = Series::Growth { start: 0.0, annual_growth: 0.1 },
            At::Financing(F::SharePrice, Part::Start),
        ),
        ("BTC sold 150 %", |s| s.financing.btc_sell_fraction = 1.5, fin(F::BtcSold)),
        ("minimum cash < 0", |s| s.financing.min_cash_usd = neg(), fin(F::MinCash)),
        ("covenant 0", |s| s.financing.covenant_max_leverage = Some(0.0), fin(F::Covenant)),
        (
            "conversion price 0",
            |s| s.financing.debt[0].kind = DebtKind::Convertible { conversion_price_usd: Decimal::ZERO },
            At::Debt(0, D::ConversionPrice),
        ),
        ("principal < 0", |s| s.financing.debt[1].principal_usd = neg(), At::Debt(1, D::Principal)),
        ("coupon 200 %", |s| s.financing.debt[0].annual_rate = 2.0, At::Debt(0, D::Coupon)),
        ("maturity at issue", |s| s.financing.debt[0].maturity_month = s.financing.debt[0].issue_month, At::Debt(0, D::Maturity)),
        ("issue cost 200 %", |s| s.financing.debt[0].issue_cost_fraction = 2.0, At::Debt(0, D::IssueCost)),
        ("raise amount < 0", |s| s.financing.equity_raises[0].amount_usd = neg(), At::Raise(0, R::Amount)),
        ("raise discount 100 %", |s| s.financing.equity_raises[0].discount = 1.0, At::Raise(0, R::Discount)),
        ("raise fees 200 %", |s| s.financing.equity_raises[0].fee_fraction = 2.0, At::Raise(0, R::Fees)),
        // Format 2.
        ("discount rate -100 %", |s| s.valuation.discount_rate = -1.0, At::Plan(PlanField::DiscountRate)),
        ("loss limit 150 %", |s| s.opex.loss_limit_fraction = 1.5, At::Opex(O::LossLimit)),
        ("opening tax losses < 0", |s| s.opex.opening_tax_losses_usd = neg(), At::Opex(O::OpeningLosses)),
        ("interest on cash < 0", |s| s.financing.cash_interest_rate = -0.01, fin(F::CashInterest)),
        ("deposit 0 months before", |s| s.fleet[0].deposits = vec![Deposit { months_before: 0, fraction: 0.1 }], At::Lot(0, Lt::Deposits)),
        (
            "deposits over the price",
            |s| s.fleet[1].deposits = vec![Deposit { months_before: 6, fraction: 0.7 }, Deposit { months_before: 1, fraction: 0.5 }],
            At::Lot(1, Lt::Deposits),
        ),
        ("accelerate after 0 months", |s| s.financing.debt[1].accelerate_after_breach_months = Some(0), At::Debt(1, D::Accelerate)),
    ]
}

/// The accessible name of the input that edits `at` (as the editor names it).
fn input_name(at: FieldPath) -> String {
    let in_list = |label: &str, kind: &str, i: usize| format!("{label} ({kind} {})", i + 1);
    let month = |name: String, is_month: bool| if is_month { format!("{name} year") } else { name };
    let path_part = |label: &str, part: Part| match part {
        Part::Whole => format!("{label} kind"),
        Part::Start => format!("Start ({label})"),
        Part::Growth => format!("Annual growth ({label})"),
        Part::Point(i) => format!("{label} point {} value", i + 1),
    };
    match at {
        FieldPath::Market(f @ (M::BtcPrice | M::NetworkHashrate | M::FeesPerBlock), part) => path_part(f.label(), part),
        FieldPath::Financing(F::SharePrice, part) => path_part(F::SharePrice.label(), part),
        FieldPath::Lot(i, f) => {
            let column = match f {
                Lt::Hashrate => "TH/s",
                Lt::Power => "W",
                Lt::UnitPrice => "$/unit",
                other => other.label(),
            };
            format!("{column} (lot {})", i + 1)
        }
        FieldPath::Contract(i, f) => month(in_list(f.label(), "contract", i), matches!(f, C::Start | C::End)),
        FieldPath::Lease(i, f) => month(in_list(f.label(), "lease", i), f == L::Start),
        FieldPath::Debt(i, f) => month(in_list(f.label(), "instrument", i), matches!(f, D::Issue | D::Maturity)),
        FieldPath::Raise(i, f) => month(in_list(f.label(), "raise", i), f == R::Month),
        other => other.label().to_owned(),
    }
}

#[test]
fn every_rule_names_its_field_and_shows_next_to_it() {
    let base = reference();
    assert!(validate(&base).is_empty());
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference.ron");
    let mut h: Harness<'static, FloeApp> = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |cc| FloeApp::new(&cc.egui_ctx, Prefs::default(), Startup { file: Some(path), ..Default::default() }));
    h.run();
    let cases = cases();
    for (what, break_it, expected) in &cases {
        let mut s = base.clone();
        break_it(&mut s);
        let problems = validate(&s);
        assert_eq!(problems.len(), 1, "{what}: {problems:?}");
        let p = &problems[0];
        assert_eq!(p.at, *expected, "{what}: {p}");
        assert_eq!(p.path(), expected.file_path());

        h.state_mut().doc.scenario = s.clone();
        h.run();
        h.state_mut().command(Command::Focus(p.at));
        h.run();
        h.remove_cursor();
        h.run();

        let name = input_name(p.at);
        let inputs: Vec<_> = h.query_all_by_label(&name).filter(|n| n.accesskit_node().role() != Role::Label).collect();
        assert_eq!(inputs.len(), 1, "{what}: expected one input named {name:?}");
        let field = inputs[0].rect();
        if let FieldPath::Lot(i, Lt::Deposits) = p.at {
            // A lot's deposits open their editor under the table, the problem under its inputs.
            let text = format!("⚠ {}", p.message_as_edited());
            let msg = h.get_by_label(&text).rect();
            let add = h.get_by_label(&format!("Add deposit (lot {})", i + 1)).rect();
            let gap = msg.top() - add.bottom();
            assert!(msg.top() > field.bottom() && (-2.0..40.0).contains(&gap), "{what}: {text:?} is {gap} px under the deposits' inputs");
        } else if let FieldPath::Lot(..) = p.at {
            // The fleet table lists its problems under the table, in words.
            let text = format!("⚠ {}", p.sentence(&s));
            let msg = h.get_by_label(&text).rect();
            assert!(msg.top() > field.bottom(), "{what}: {text:?} is not under the table");
        } else {
            let text = format!("⚠ {}", p.message_as_edited());
            let msg = h.get_by_label(&text).rect();
            let gap = msg.top() - field.bottom();
            assert!((-2.0..24.0).contains(&gap), "{what}: {text:?} is {gap} px from {name:?}, not on the next row");
            assert!((msg.left() - field.left()).abs() < 200.0, "{what}: {text:?} is not under {name:?}");
        }
    }
    // Every field that has a rule is covered at least once.
    let mut fields: Vec<FieldPath> = cases.iter().map(|c| c.2.whole()).collect();
    fields.sort_by_key(|f| f.file_path());
    fields.dedup();
    assert!(fields.len() >= 50, "only {} fields covered", fields.len());
}

#[test]
fn percent_fields_speak_in_percent_in_the_app_and_in_the_file_unit_in_the_cli() {
    let mut s = reference();
    s.fleet[2].uptime = 1.5;
    let p = &validate(&s)[0];
    assert_eq!(p.to_string(), "fleet[2].uptime: must be between 0 and 1 (is 1.5)");
    assert_eq!(p.sentence(&s), "Lot 3 (Antminer S21 XP Hydro) › Uptime must be between 0 % and 100 % (is 150 %)");
}
