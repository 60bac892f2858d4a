//! Property tests of the engine on generated scenarios (proptest).
//!
//! The generator builds valid scenarios that exercise every input kind: non-empty
//! lists of lots, power contracts, hosting leases, debt instruments and equity
//! raises; both `Series` kinds; months before the start (pre-start lots,
//! instruments issued before the start, raises before the start, leases already
//! running); every debt kind and amortization; fleets larger than the power
//! contracts (binding capacity); economic shutdown on and off; BTC price paths
//! that reach 0; horizons 1..=120.
//!
//! Properties: the generated scenario passes `validate`; `project` returns Ok
//! (and does not panic); every number of every row is finite; the cash
//! identity (previous cash + `flows.total()` = cash); the BTC identity
//! (previous BTC + mined − sold = held); the hashrate share is in 0..=1 when
//! the fleet's nameplate hashrate is below the network's; debt is never negative.

mod common;

use floe::engine::{MonthRow, project};
use floe::model::{
    Amortization, Contract, DebtKind, Deposit, EquityRaise, Financing, Instrument, Lease, Lot, Market, Money, Month, Opex, Power, Scenario,
    Series, validate,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::prelude::ToPrimitive;

fn money(cents: i64) -> Money {
    Money::new(cents, 2)
}

/// Month offsets from the scenario start (resolved once the start is known).
type Offset = i64;

fn at(start: Month, offset: Offset) -> Month {
    start.offset(offset)
}

/// A path spec: `Growth(start, growth)` or dated points (offsets, values).
#[derive(Clone, Debug)]
enum PathSpec {
    Growth(f64, f64),
    Points(Vec<(Offset, f64)>),
}

impl PathSpec {
    fn build(&self, start: Month) -> Series {
        match self {
            PathSpec::Growth(s, g) => Series::Growth { start: *s, annual_growth: *g },
            PathSpec::Points(p) => Series::Points(p.iter().map(|(o, v)| (at(start, *o), *v)).collect()),
        }
    }
}

/// Distinct, sorted month offsets (1..=4 of them) in -24..150.
fn point_offsets() -> impl Strategy<Value = Vec<Offset>> {
    proptest::collection::btree_set(-24i64..150, 1..=4).prop_map(|s| s.into_iter().collect())
}

/// A path whose values lie in `lo..hi` (`lo > 0` keeps it strictly positive);
/// `zero` also allows exact zeros (a BTC price crash).
fn path(lo: f64, hi: f64, growth: std::ops::Range<f64>, zero: bool) -> impl Strategy<Value = PathSpec> {
    // The edge value: exactly 0 where allowed, else the smallest value.
    let value = prop_oneof![4 => lo..hi, 1 => Just(if zero { 0.0 } else { lo })];
    prop_oneof![
        (value.clone(), growth).prop_map(|(s, g)| PathSpec::Growth(s, g)),
        point_offsets().prop_flat_map(move |offsets| {
            let n = offsets.len();
            proptest::collection::vec(value.clone(), n).prop_map(move |vals| PathSpec::Points(offsets.iter().copied().zip(vals).collect()))
        }),
    ]
}

#[derive(Clone, Debug)]
struct LotSpec {
    units: i64,
    hashrate_ths: f64,
    power_w: f64,
    price_cents: i64,
    deploy: Offset,
    life: i64,
    uptime: f64,
    degradation: f64,
    salvage: f64,
}

prop_compose! {
    fn lot()(
        units in prop_oneof![1 => Just(0i64), 9 => 1i64..40_000],
        hashrate_ths in 10.0f64..600.0,
        power_w in 500.0f64..6_000.0,
        price_cents in 0i64..1_000_000,
        deploy in -80i64..130,
        life in 1i64..80,
        uptime in prop_oneof![0.0f64..=1.0, Just(1.0), Just(0.0)],
        degradation in prop_oneof![Just(0.0f64), 0.0f64..0.6],
        salvage in 0.0f64..=1.0,
    ) -> LotSpec {
        LotSpec { units, hashrate_ths, power_w, price_cents, deploy, life, uptime, degradation, salvage }
    }
}

#[derive(Clone, Debug)]
struct ContractSpec {
    capacity_mw: f64,
    price_cents: i64,
    escalation: f64,
    start: Option<Offset>,
    /// Months from the contract's start to its end month.
    length: Option<i64>,
}

prop_compose! {
    fn contract()(
        capacity_mw in prop_oneof![1 => Just(0.0f64), 9 => 0.0f64..120.0],
        price_cents in 0i64..15_000,
        escalation in -0.2f64..0.3,
        start in proptest::option::of(-40i64..80),
        length in proptest::option::of(0i64..100),
    ) -> ContractSpec {
        ContractSpec { capacity_mw, price_cents, escalation, start, length }
    }
}

#[derive(Clone, Debug)]
struct LeaseSpec {
    critical_it_mw: f64,
    pue: f64,
    start: Offset,
    ramp: i64,
    term: i64,
    rate_cents: i64,
    escalation: f64,
    passthrough: bool,
    utilization: f64,
    flex: bool,
    fit_out_cents: i64,
    build: i64,
    opex_fraction: f64,
}

prop_compose! {
    fn lease()(
        (critical_it_mw, pue, start, ramp, term) in (0.0f64..80.0, 1.0f64..1.8, -40i64..100, 1i64..18, 1i64..130),
        (rate_cents, escalation, passthrough, utilization) in (0i64..30_000, -0.1f64..0.2, any::<bool>(), 0.0f64..=1.0),
        (flex, fit_out_cents, build, opex_fraction) in (any::<bool>(), 0i64..1_500_000_000, 0i64..30, 0.0f64..=1.0),
    ) -> LeaseSpec {
        LeaseSpec { critical_it_mw, pue, start, ramp, term, rate_cents, escalation, passthrough, utilization, flex, fit_out_cents, build, opex_fraction }
    }
}

#[derive(Clone, Debug)]
struct DebtSpec {
    kind: DebtKind,
    principal_cents: i64,
    rate: f64,
    issue: Offset,
    tenor: i64,
    amortization: Amortization,
    issue_cost: f64,
}

fn debt_kind() -> impl Strategy<Value = DebtKind> {
    prop_oneof![
        Just(DebtKind::TermLoan),
        Just(DebtKind::SecuredNote),
        Just(DebtKind::EquipmentLoan),
        (1i64..6_000).prop_map(|c| DebtKind::Convertible { conversion_price_usd: money(c) }),
    ]
}

prop_compose! {
    fn debt()(
        kind in debt_kind(),
        principal_cents in 0i64..100_000_000_000,
        rate in prop_oneof![1 => Just(0.0f64), 4 => 0.0f64..0.25],
        issue in -70i64..130,
        tenor in 1i64..80,
        amortization in prop_oneof![Just(Amortization::Bullet), Just(Amortization::Straight), Just(Amortization::Annuity)],
        issue_cost in 0.0f64..0.1,
    ) -> DebtSpec {
        DebtSpec { kind, principal_cents, rate, issue, tenor, amortization, issue_cost }
    }
}

#[derive(Clone, Debug)]
struct RaiseSpec {
    month: Offset,
    amount_cents: i64,
    discount: f64,
    fee: f64,
}

prop_compose! {
    fn raise()(month in -30i64..130, amount_cents in 0i64..50_000_000_000, discount in 0.0f64..0.9, fee in 0.0f64..0.1) -> RaiseSpec {
        RaiseSpec { month, amount_cents, discount, fee }
    }
}

#[derive(Clone, Debug)]
struct Spec {
    start: (i32, u32),
    horizon: i64,
    btc_price: PathSpec,
    network: PathSpec,
    fees: PathSpec,
    share_price: PathSpec,
    start_block_height: i64,
    blocks_per_day: f64,
    new_hw_cents: i64,
    lots: Vec<LotSpec>,
    contracts: Vec<ContractSpec>,
    leases: Vec<LeaseSpec>,
    debts: Vec<DebtSpec>,
    raises: Vec<RaiseSpec>,
    /// pue, curtailment hours, credit cents, economic shutdown, site opex cents
    power: (f64, f64, i64, bool, i64),
    /// pool fee, SG&A cents, tax rate
    opex: (f64, i64, f64),
    /// opening cash cents, opening BTC, shares, sell fraction, min cash cents, covenant
    financing: (i64, f64, f64, f64, i64, Option<f64>),
}

prop_compose! {
    fn spec()(
        (start, horizon, start_block_height, blocks_per_day, new_hw_cents) in (
            (2015i32..2035, 1u32..=12),
            prop_oneof![1 => Just(1i64), 1 => Just(120i64), 8 => 1i64..=120],
            prop_oneof![0i64..1_500_000, 13_000_000i64..13_500_000],
            100.0f64..200.0,
            0i64..5_000,
        ),
        (btc_price, network, fees, share_price) in (
            path(1.0, 300_000.0, -0.95..2.0, true),
            path(0.5, 4_000.0, -0.6..1.5, false),
            path(0.0, 2.0, -0.5..0.5, true),
            path(0.1, 60.0, -0.7..1.0, false),
        ),
        (lots, contracts, leases, debts, raises) in (
            proptest::collection::vec(lot(), 1..=4),
            proptest::collection::vec(contract(), 1..=3),
            proptest::collection::vec(lease(), 1..=3),
            proptest::collection::vec(debt(), 1..=4),
            proptest::collection::vec(raise(), 1..=3),
        ),
        power in (1.0f64..1.6, prop_oneof![Just(0.0f64), 0.0f64..=744.0], 0i64..30_000, any::<bool>(), 0i64..3_000_000),
        opex in (0.0f64..0.05, 0i64..2_000_000_000, 0.0f64..0.4),
        financing in (
            0i64..200_000_000_000,
            0.0f64..10_000.0,
            1e6f64..1e9,
            0.0f64..=1.0,
            0i64..20_000_000_000,
            proptest::option::of(0.5f64..10.0),
        ),
    ) -> Spec {
        Spec { start, horizon, btc_price, network, fees, share_price, start_block_height, blocks_per_day, new_hw_cents,
               lots, contracts, leases, debts, raises, power, opex, financing }
    }
}

impl Spec {
    fn build(&self) -> Scenario {
        let start = Month::new(self.start.0, self.start.1).expect("valid start");
        let mut s = Scenario::new_blank(start);
        s.name = "generated".to_owned();
        s.horizon_months = self.horizon;
        s.market = Market {
            btc_price_usd: self.btc_price.build(start),
            network_hashrate_ehs: self.network.build(start),
            fees_btc_per_block: self.fees.build(start),
            start_block_height: self.start_block_height,
            blocks_per_day: self.blocks_per_day,
            new_hardware_usd_per_th: money(self.new_hw_cents),
        };
        s.fleet = self
            .lots
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut lot = Lot::new(&format!("lot {i}"), l.units, l.hashrate_ths, l.power_w, money(l.price_cents), at(start, l.deploy));
                lot.life_months = l.life;
                lot.uptime = l.uptime;
                lot.annual_degradation = l.degradation;
                lot.salvage_fraction = l.salvage;
                lot
            })
            .collect();
        let (pue, curtailment, credit, shutdown, site_opex) = self.power;
        s.power = Power {
            contracts: self
                .contracts
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let mut k = Contract::new(&format!("contract {i}"), c.capacity_mw, money(c.price_cents));
                    k.annual_escalation = c.escalation;
                    k.start_month = c.start.map(|o| at(start, o));
                    let from = c.start.unwrap_or(0);
                    k.end_month = c.length.map(|n| at(start, from + n));
                    k
                })
                .collect(),
            pue,
            curtailment_hours_per_month: curtailment,
            curtailment_credit_usd_per_mwh: money(credit),
            economic_shutdown: shutdown,
            mining_opex_usd_per_mw_month: money(site_opex),
        };
        s.hosting = self
            .leases
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut x = Lease::new(&format!("tenant {i}"), l.critical_it_mw, at(start, l.start), l.term, money(l.rate_cents));
                x.pue = l.pue;
                x.ramp_months = l.ramp;
                x.annual_escalation = l.escalation;
                x.power_passthrough = l.passthrough;
                x.utilization = l.utilization;
                x.flex_mining = l.flex;
                x.fit_out_usd_per_mw = money(l.fit_out_cents);
                x.build_months = l.build;
                x.opex_fraction = l.opex_fraction;
                x
            })
            .collect();
        let (pool_fee, sga, tax) = self.opex;
        s.opex = Opex { pool_fee, sga_usd_per_month: money(sga), tax_rate: tax, ..Opex::default() };
        let (cash, btc, shares, sell, min_cash, covenant) = self.financing;
        s.financing = Financing {
            opening_cash_usd: money(cash),
            opening_btc: btc,
            shares_outstanding: shares,
            share_price_usd: self.share_price.build(start),
            btc_sell_fraction: sell,
            min_cash_usd: money(min_cash),
            covenant_max_leverage: covenant,
            cash_interest_rate: 0.0,
            btc_fair_value: true,
            debt: self
                .debts
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let mut x = Instrument::new(
                        &format!("debt {i}"),
                        d.kind,
                        money(d.principal_cents),
                        d.rate,
                        at(start, d.issue),
                        at(start, d.issue + d.tenor),
                    );
                    x.amortization = d.amortization;
                    x.issue_cost_fraction = d.issue_cost;
                    x
                })
                .collect(),
            equity_raises: self
                .raises
                .iter()
                .map(|r| {
                    let mut x = EquityRaise::new(at(start, r.month), money(r.amount_cents));
                    x.discount = r.discount;
                    x.fee_fraction = r.fee;
                    x
                })
                .collect(),
        };
        s
    }
}

/// `|a - e| <= rel * max(|a|, |e|, scale)` or `|a - e| <= abs`.
fn near(a: f64, e: f64, scale: f64, rel: f64, abs: f64) -> bool {
    let d = (a - e).abs();
    d <= rel * a.abs().max(e.abs()).max(scale) || d <= abs
}

/// Every number a row carries: the CSV values, the cash flows and the detail.
fn row_numbers(r: &MonthRow) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = floe::schema::COLUMNS.iter().filter_map(|c| (c.get)(r).map(|v| (c.key.to_owned(), v))).collect();
    let f = &r.flows;
    let named = [
        ("flows.mined_btc_sold_usd", f.mined_btc_sold_usd),
        ("flows.hosting_revenue_usd", f.hosting_revenue_usd),
        ("flows.curtailment_credit_usd", f.curtailment_credit_usd),
        ("flows.power_cost_usd", f.power_cost_usd),
        ("flows.opex_usd", f.opex_usd),
        ("flows.interest_usd", f.interest_usd),
        ("flows.tax_usd", f.tax_usd),
        ("flows.capex_usd", f.capex_usd),
        ("flows.debt_proceeds_usd", f.debt_proceeds_usd),
        ("flows.principal_repaid_usd", f.principal_repaid_usd),
        ("flows.equity_proceeds_usd", f.equity_proceeds_usd),
        ("flows.treasury_btc_sold_usd", f.treasury_btc_sold_usd),
        ("flows.total()", f.total()),
        ("mining_energy_usd", r.mining_energy_usd),
        ("mining_opex_usd", r.mining_opex_usd),
        ("hosting_opex_usd", r.hosting_opex_usd),
        ("sga_usd", r.sga_usd),
        ("lot_depreciation_usd", r.lot_depreciation_usd),
        ("mining_capacity_mw", r.mining_capacity_mw),
        ("mining_used_mw", r.mining_used_mw),
        ("fleet_nameplate_mw", r.fleet_nameplate_mw),
        ("fleet_j_per_th", r.fleet_j_per_th.unwrap_or(0.0)),
        ("hold_share_hashrate_ehs", r.hold_share_hashrate_ehs),
        ("ltm_ebitda_usd", r.ltm_ebitda_usd),
        ("treasury_btc_sold", r.treasury_btc_sold),
    ];
    out.extend(named.iter().map(|(n, v)| ((*n).to_owned(), *v)));
    out
}

/// The format-2 fields of a generated plan: `None` keeps format 1's
/// behaviour (what a migrated format-1 plan says), so both of the writer's
/// choices are exercised.
#[derive(Clone, Debug)]
struct V2Spec {
    /// carryforward, loss limit, opening losses (cents), cash interest, fair value, discount rate
    books: Option<(bool, f64, i64, f64, bool, f64)>,
    /// Per lot: deposits (distinct months before, fractions adding up to at most 1) and sold at retirement.
    lots: Vec<(Vec<(i64, f64)>, bool)>,
    /// Per instrument: months of breach before acceleration.
    accelerate: Vec<Option<i64>>,
}

fn lot_v2() -> impl Strategy<Value = (Vec<(i64, f64)>, bool)> {
    let deposits = proptest::collection::btree_set(1i64..36, 0..=3)
        .prop_flat_map(|months| {
            let n = months.len();
            (Just(months), proptest::collection::vec(0.0f64..=(1.0 / 3.0), n))
        })
        .prop_map(|(months, fractions)| months.into_iter().rev().zip(fractions).collect());
    (deposits, any::<bool>())
}

prop_compose! {
    fn v2_spec()(
        books in proptest::option::of((any::<bool>(), 0.0f64..=1.0, 0i64..50_000_000_000, 0.0f64..0.2, any::<bool>(), -0.99f64..1.0)),
        lots in proptest::collection::vec(lot_v2(), 4),
        accelerate in proptest::collection::vec(proptest::option::of(1i64..48), 4),
    ) -> V2Spec {
        V2Spec { books, lots, accelerate }
    }
}

impl V2Spec {
    /// `s` with these format-2 fields (`s` as `Spec::build` makes it).
    fn apply(&self, s: &mut Scenario) {
        let Some((carry, limit, losses, cash_rate, fair, discount)) = self.books else {
            s.opex.tax_loss_carryforward = false;
            s.financing.btc_fair_value = false;
            s.fleet.iter_mut().for_each(|l| l.sold_at_retirement = false);
            return;
        };
        s.opex.tax_loss_carryforward = carry;
        s.opex.loss_limit_fraction = limit;
        s.opex.opening_tax_losses_usd = money(losses);
        s.financing.cash_interest_rate = cash_rate;
        s.financing.btc_fair_value = fair;
        s.valuation.discount_rate = discount;
        for (lot, (deposits, sold)) in s.fleet.iter_mut().zip(&self.lots) {
            lot.deposits = deposits.iter().map(|&(months_before, fraction)| Deposit { months_before, fraction }).collect();
            lot.sold_at_retirement = *sold;
        }
        for (d, a) in s.financing.debt.iter_mut().zip(&self.accelerate) {
            d.accelerate_after_breach_months = *a;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// A plan with every format-2 field set round-trips exactly through save
    /// and load (money, fractions and months alike), and the text is stable.
    /// It is always written as format 2.
    #[test]
    fn a_format_2_plan_round_trips_through_save_and_load(spec in spec(), v2 in v2_spec()) {
        let mut s = spec.build();
        v2.apply(&mut s);
        let problems = validate(&s);
        prop_assert!(problems.is_empty(), "generator produced an invalid scenario: {:?}", problems);
        let text = floe::format::to_text(&s).expect("writes");
        prop_assert!(text.contains("format_version: 2,"), "not written as format 2");
        let back = floe::format::parse_valid(&text).expect("reads back");
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(floe::format::to_text(&back).expect("writes"), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        // Failing cases are saved beside this file and replayed first.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/properties.proptest-regressions"
        )))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_scenarios_project_and_keep_the_identities(spec in spec()) {
        let s = spec.build();
        let problems = validate(&s);
        prop_assert!(problems.is_empty(), "generator produced an invalid scenario: {:?}", problems);

        let p = match project(&s) {
            Ok(p) => p,
            Err(e) => return Err(TestCaseError::fail(format!("project failed: {e}"))),
        };
        prop_assert_eq!(p.months.len(), s.horizon_months as usize);

        let start = s.start_month;
        let mut cash_prev = s.financing.opening_cash_usd.to_f64().unwrap_or(f64::NAN);
        let mut btc_prev = s.financing.opening_btc;
        for (m, r) in p.months.iter().enumerate() {
            prop_assert_eq!(r.month, start.offset(m as i64));
            for (name, v) in row_numbers(r) {
                prop_assert!(v.is_finite(), "month {}: {} is {}", m, name, v);
            }

            // Cash identity: previous closing cash (opening cash in month 0) + flows = cash.
            let expected_cash = cash_prev + r.flows.total();
            prop_assert!(
                near(r.cash_usd, expected_cash, 0.0, 1e-6, 1e-3),
                "month {}: cash {} but previous {} + flows {} = {}", m, r.cash_usd, cash_prev, r.flows.total(), expected_cash
            );

            // BTC identity: previous + mined − sold (mined BTC sold + treasury sales) = held.
            let mined_sold = if r.btc_price_usd > 0.0 {
                r.flows.mined_btc_sold_usd / r.btc_price_usd
            } else {
                prop_assert_eq!(r.flows.mined_btc_sold_usd, 0.0);
                prop_assert_eq!(r.treasury_btc_sold, 0.0, "no treasury sale at a price of 0");
                r.btc_mined * s.financing.btc_sell_fraction
            };
            let expected_btc = btc_prev + r.btc_mined - mined_sold - r.treasury_btc_sold;
            let scale = btc_prev.abs().max(r.btc_mined.abs());
            prop_assert!(
                near(r.btc_held, expected_btc, scale, 1e-9, 1e-9),
                "month {}: BTC held {} but {} + {} − {} − {} = {}",
                m, r.btc_held, btc_prev, r.btc_mined, mined_sold, r.treasury_btc_sold, expected_btc
            );
            prop_assert!(r.btc_held >= -1e-9, "month {}: negative BTC held {}", m, r.btc_held);

            // Share bounds: never negative; at most 1 when the fleet's nameplate
            // hashrate (undegraded, every alive lot) is below the network's.
            prop_assert!(r.hashrate_share >= 0.0, "month {}: share {}", m, r.hashrate_share);
            let nameplate_ehs: f64 = s
                .fleet
                .iter()
                .filter(|l| {
                    let age = start.offset(m as i64).since(l.deploy_month);
                    age >= 0 && age < l.life_months
                })
                .map(|l| l.units as f64 * l.hashrate_ths / 1e6)
                .sum();
            if nameplate_ehs < r.network_hashrate_ehs {
                prop_assert!(r.hashrate_share <= 1.0, "month {}: share {} with nameplate {} EH/s < network {}",
                    m, r.hashrate_share, nameplate_ehs, r.network_hashrate_ehs);
            }
            prop_assert!(r.debt_usd >= 0.0, "month {}: debt {}", m, r.debt_usd);

            cash_prev = r.cash_usd;
            btc_prev = r.btc_held;
        }
    }
}

#[test]
fn the_generator_covers_what_it_promises() {
    // A fixed sample of generated scenarios must exercise each feature the
    // property relies on; otherwise the property proves less than it claims.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = spec();
    let (mut points, mut growth, mut pre_lot, mut pre_debt, mut pre_raise, mut binding, mut shutdown_on, mut shutdown_off) =
        (false, false, false, false, false, false, false, false);
    let mut kinds = [false; 4];
    let mut amortizations = [false; 3];
    for _ in 0..256 {
        let s = strategy.new_tree(&mut runner).expect("generate").current().build();
        for p in [&s.market.btc_price_usd, &s.market.network_hashrate_ehs] {
            match p {
                Series::Points(_) => points = true,
                Series::Growth { .. } => growth = true,
            }
        }
        pre_lot |= s.fleet.iter().any(|l| l.deploy_month < s.start_month);
        pre_debt |= s.financing.debt.iter().any(|d| d.issue_month < s.start_month);
        pre_raise |= s.financing.equity_raises.iter().any(|r| r.month < s.start_month);
        let fleet_mw: f64 = s.fleet.iter().map(|l| l.units as f64 * l.power_w * s.power.pue / 1e6).sum();
        let contract_mw: f64 = s.power.contracts.iter().map(|c| c.capacity_mw).sum();
        binding |= fleet_mw > contract_mw;
        shutdown_on |= s.power.economic_shutdown;
        shutdown_off |= !s.power.economic_shutdown;
        for d in &s.financing.debt {
            kinds[match d.kind {
                DebtKind::TermLoan => 0,
                DebtKind::SecuredNote => 1,
                DebtKind::EquipmentLoan => 2,
                DebtKind::Convertible { .. } => 3,
            }] = true;
            amortizations[d.amortization as usize] = true;
        }
        assert!(!s.fleet.is_empty() && !s.power.contracts.is_empty() && !s.hosting.is_empty());
        assert!(!s.financing.debt.is_empty() && !s.financing.equity_raises.is_empty());
        assert!((1..=120).contains(&s.horizon_months));
    }
    assert!(points && growth, "both path kinds");
    assert!(pre_lot && pre_debt && pre_raise, "months before the start");
    assert!(binding, "a fleet larger than its power");
    assert!(shutdown_on && shutdown_off, "economic shutdown on and off");
    assert_eq!(kinds, [true; 4], "every debt kind");
    assert_eq!(amortizations, [true; 3], "every amortization");
}
