//! The projection engine: scenario in, monthly table + KPIs out, exactly as
//! `model.md` specifies. Pure (no I/O, no UI) and deterministic.
//!
//! Where Decimal lives: money *inputs* are exact `Decimal`s in the scenario
//! (they round-trip exactly through files); the engine converts each of them
//! to `f64` once per projection, in [`prepare`]-time, and computes the whole
//! ledger in `f64`, like the independent implementation behind the expected
//! CSVs. Per-month Decimal arithmetic would cost milliseconds on a 360-month
//! scenario (each f64→Decimal conversion is ~400 ns here), against a 1 ms
//! budget for the whole projection. Instead of Decimal overflow, the engine
//! checks that every output number is finite and reports the first month and
//! column that is not as [`EngineError::NonFinite`].

mod debt;
mod dispatch;
mod output;
pub mod protocol;

pub use output::{COLUMNS, CashFlows, KpiValue, Kpis, MonthRow, Projection};

use crate::model::{Month, Problem, Scenario, validate};
use debt::Debt;
use dispatch::{Slice, dispatch, merit_order};
use rust_decimal::prelude::ToPrimitive;
use std::fmt;

/// Why a projection could not be produced.
#[derive(Clone, Debug, PartialEq)]
pub enum EngineError {
    /// The scenario does not pass validation.
    Invalid(Vec<Problem>),
    /// A number grew beyond what can be represented (e.g. a huge growth path).
    NonFinite { month: Month, column: &'static str },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::Invalid(p) => write!(
                f,
                "the scenario is not valid ({} problems; first: {})",
                p.len(),
                p.first().map(|p| p.to_string()).unwrap_or_default()
            ),
            EngineError::NonFinite { month, column } => {
                write!(
                    f,
                    "arithmetic overflow in {month}: {column} is not a finite number; check the growth paths and amounts for values too large to compute"
                )
            }
        }
    }
}

impl std::error::Error for EngineError {}

/// Validates then projects.
pub fn project(s: &Scenario) -> Result<Projection, EngineError> {
    let problems = validate(s);
    if !problems.is_empty() {
        return Err(EngineError::Invalid(problems));
    }
    project_validated(s)
}

fn money(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

struct ContractP {
    start: i64,
    end: Option<i64>,
    capacity: f64,
    /// Escalated price in the month being projected (starts at month 0).
    price: f64,
    /// (1 + annual_escalation)^(1/12): the monthly step of `price`.
    step: f64,
}

struct LeaseP {
    start: i64,
    term: i64,
    ramp: f64,
    mw: f64,
    pue: f64,
    /// Escalated rate in the month being projected (`rate × (1+e)^(k/12)`, k may be negative).
    rate: f64,
    /// (1 + annual_escalation)^(1/12): the monthly step of `rate`.
    step: f64,
    passthrough: bool,
    utilization: f64,
    flex: bool,
    fit_out: f64,
    build: i64,
    opex_fraction: f64,
}

/// Projects a scenario that already passed [`validate`]. On an unvalidated
/// scenario it still never panics, but the numbers mean nothing.
pub fn project_validated(s: &Scenario) -> Result<Projection, EngineError> {
    let h = s.horizon_months.clamp(1, crate::model::MAX_HORIZON) as usize;
    let start = s.start_month;
    let mk = &s.market;
    let price = mk.btc_price_usd.series(start, h);
    let network = mk.network_hashrate_ehs.series(start, h);
    let fees_pb = mk.fees_btc_per_block.series(start, h);
    let share_price = s.financing.share_price_usd.series(start, h);
    let new_hw_per_th = money(mk.new_hardware_usd_per_th);

    let pw = &s.power;
    let pue = pw.pue;
    let curtail_hours = pw.curtailment_hours_per_month.max(0.0);
    let credit_rate = money(pw.curtailment_credit_usd_per_mwh);
    let site_opex_rate = money(pw.mining_opex_usd_per_mw_month);
    let pool_fee = s.opex.pool_fee;
    let sga = money(s.opex.sga_usd_per_month);
    let tax_rate = s.opex.tax_rate;

    let mut contracts: Vec<ContractP> = pw
        .contracts
        .iter()
        .map(|c| ContractP {
            start: c.start_month.map_or(0, |m| m.since(start)),
            end: c.end_month.map(|m| m.since(start)),
            capacity: c.capacity_mw,
            // Escalation runs from the contract's own start; k may be negative at month 0.
            price: money(c.price_usd_per_mwh)
                * (1.0 + c.annual_escalation).powf(-(c.start_month.map_or(0, |m| m.since(start))) as f64 / 12.0),
            step: (1.0 + c.annual_escalation).powf(1.0 / 12.0),
        })
        .collect();
    let mut leases: Vec<LeaseP> = s
        .hosting
        .iter()
        .map(|l| LeaseP {
            start: l.start_month.since(start),
            term: l.term_months,
            ramp: l.ramp_months.max(1) as f64,
            mw: l.critical_it_mw,
            pue: l.pue,
            rate: money(l.rate_usd_per_kw_month) * (1.0 + l.annual_escalation).powf(-(l.start_month.since(start)) as f64 / 12.0),
            step: (1.0 + l.annual_escalation).powf(1.0 / 12.0),
            passthrough: l.power_passthrough,
            utilization: l.utilization,
            flex: l.flex_mining,
            fit_out: l.critical_it_mw * money(l.fit_out_usd_per_mw),
            build: l.build_months.max(0),
            opex_fraction: l.opex_fraction,
        })
        .collect();
    // Dispatch records (kept in merit order), ledger records, degradation classes.
    let (mut lots, books, mut classes) = dispatch::prepare(&s.fleet, start, pue);
    // Months in which a lot starts or retires (the only months its ledger totals change).
    let mut lot_events = vec![false; h];
    for b in &books {
        for e in [b.deploy, b.end] {
            if let Ok(i) = usize::try_from(e)
                && i < h
            {
                lot_events[i] = true;
            }
        }
    }
    let mut debts: Vec<Debt> = s.financing.debt.iter().map(|d| Debt::new(d, start)).collect();
    let raises: Vec<(i64, f64, f64, f64)> =
        s.financing.equity_raises.iter().map(|r| (r.month.since(start), money(r.amount_usd), r.discount, r.fee_fraction)).collect();

    let n_lots = lots.len();
    let mut lot_hashrate_ehs = vec![0.0; h * n_lots];
    let mut months = Vec::with_capacity(h);

    let mut height = mk.start_block_height as f64;
    let mut cash = money(s.financing.opening_cash_usd);
    let mut btc_held = s.financing.opening_btc;
    let mut shares = s.financing.shares_outstanding;
    let sell_fraction = s.financing.btc_sell_fraction;
    let min_cash = money(s.financing.min_cash_usd);
    let covenant = s.financing.covenant_max_leverage;
    let mut ltm_e = [0.0f64; 12];
    let mut ltm_i = [0.0f64; 12];
    let mut share0 = 0.0;

    let (mut lot_dep, mut nameplate_mw) = (0.0, 0.0);
    let mut rem = vec![0.0f64; contracts.len()];
    let mut cprice = vec![0.0f64; contracts.len()];
    let mut corder: Vec<usize> = Vec::with_capacity(contracts.len());
    let mut slices: Vec<Slice> = Vec::with_capacity(contracts.len() + leases.len());
    let mut flex_slices: Vec<Slice> = Vec::with_capacity(leases.len());

    for m in 0..h {
        let mi = m as i64;
        let date = start.offset(mi);
        let days = date.days() as f64;
        let hours = 24.0 * days;
        let blocks = mk.blocks_per_day * days;
        let (subsidy, halving) = protocol::subsidy_btc(height, blocks);
        height += blocks;
        let fees = fees_pb[m] * blocks;
        let p = price[m];
        let n = network[m];
        let hashprice = (subsidy + fees) / days * p / (n * 1000.0);

        // Power contracts active this month, cheapest first.
        corder.clear();
        for (i, c) in contracts.iter_mut().enumerate() {
            let active = mi >= c.start && c.end.is_none_or(|e| mi <= e);
            rem[i] = if active { c.capacity } else { 0.0 };
            if mi > 0 {
                c.price *= c.step; // one multiplication a month instead of a power
            }
            cprice[i] = c.price;
            if active {
                corder.push(i);
            }
        }
        corder.sort_by(|&a, &b| cprice[a].total_cmp(&cprice[b]).then(a.cmp(&b)));

        // Hosting reserves first, in file order; idle hosting power can mine.
        slices.clear();
        flex_slices.clear();
        let (mut host_rev, mut host_opex, mut host_energy, mut fit_dep, mut capex) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for l in leases.iter_mut() {
            if mi > 0 {
                l.rate *= l.step;
            }
            let k = mi - l.start;
            // Fit-out capex: equal parts over the build months before the start.
            if l.build == 0 {
                if k == 0 {
                    capex += l.fit_out;
                }
            } else if (-l.build..0).contains(&k) {
                capex += l.fit_out / l.build as f64;
            }
            if k < 0 || k >= l.term {
                continue;
            }
            fit_dep += l.fit_out / l.term as f64;
            let r = ((k + 1) as f64 / l.ramp).min(1.0);
            let mut need = l.mw * l.pue;
            let (mut reserved, mut cost_mw) = (0.0, 0.0);
            for &c in &corder {
                if need <= 0.0 {
                    break;
                }
                let take = need.min(rem[c]);
                if take > 0.0 {
                    rem[c] -= take;
                    need -= take;
                    reserved += take;
                    cost_mw += take * cprice[c];
                }
            }
            let weighted = if reserved > 0.0 { cost_mw / reserved } else { 0.0 };
            let revenue = l.mw * 1000.0 * l.rate * r;
            host_rev += revenue;
            host_opex += l.opex_fraction * revenue;
            if !l.passthrough {
                host_energy += l.mw * l.pue * l.utilization * r * hours * weighted;
            }
            if l.flex {
                let idle = (l.mw * l.pue * (1.0 - l.utilization * r)).min(reserved);
                if idle > 0.0 {
                    flex_slices.push(Slice { mw: idle, price: weighted });
                }
            }
        }
        for (i, &left) in rem.iter().enumerate() {
            if left > 0.0 {
                slices.push(Slice { mw: left, price: cprice[i] });
            }
        }
        slices.extend_from_slice(&flex_slices);
        slices.sort_by(|a, b| a.price.total_cmp(&b.price));
        let mining_capacity_mw: f64 = slices.iter().map(|s| s.mw).sum();

        // Lots: depreciation, capex, and merit-order dispatch.
        // Lots: depreciation and nameplate change only when a lot starts or
        // retires, so they are summed again only in such months.
        if m == 0 || lot_events[m] {
            (lot_dep, nameplate_mw) = (0.0, 0.0);
            for b in books.iter().filter(|b| mi >= b.deploy && mi < b.end) {
                lot_dep += b.depreciation;
                nameplate_mw += b.mw;
            }
        }
        if lot_events[m] {
            capex += books.iter().filter(|b| b.deploy == mi).map(|b| b.capex).sum::<f64>();
        }
        classes.set_month(mi);
        let econ = pw.economic_shutdown.then(|| hashprice * (1.0 - pool_fee) / (0.024 * pue));
        let row_lot = &mut lot_hashrate_ehs[m * n_lots..(m + 1) * n_lots];
        merit_order(&mut lots, &classes);
        let d = dispatch(&lots, &classes, mi, &slices, econ, curtail_hours.min(hours), hours, row_lot);
        let c_hours = curtail_hours.min(hours);
        let mining_energy = d.energy_cost;
        let credits = d.credit_mwh_factor * c_hours * credit_rate;
        let mining_opex = d.used_mw * site_opex_rate;

        let fleet_ehs = d.effective_ths / 1e6;
        let share = fleet_ehs / n;
        if m == 0 {
            share0 = share;
        }
        let btc = share * (subsidy + fees) * (1.0 - pool_fee);
        let mining_rev = btc * p;
        let power_cost = mining_energy + host_energy;
        let opex = mining_opex + host_opex + sga;
        let ebitda = mining_rev + host_rev + credits - power_cost - opex;
        let depreciation = lot_dep + fit_dep;

        // Debt and equity.
        let (mut interest, mut proceeds, mut repaid) = (0.0, 0.0, 0.0);
        for dbt in debts.iter_mut() {
            let dm = dbt.step(mi, share_price[m]);
            interest += dm.interest;
            proceeds += dm.proceeds;
            repaid += dm.repaid;
            shares += dm.new_shares;
        }
        let mut equity = 0.0;
        for &(rm, amount, discount, fee) in &raises {
            if rm == mi {
                shares += amount / (share_price[m] * (1.0 - discount));
                equity += amount * (1.0 - fee);
            }
        }
        let ebt = ebitda - depreciation - interest;
        let tax = tax_rate * ebt.max(0.0);
        let net_income = ebt - tax;

        let mut flows = CashFlows {
            mined_btc_sold_usd: btc * sell_fraction * p,
            hosting_revenue_usd: host_rev,
            curtailment_credit_usd: credits,
            power_cost_usd: power_cost,
            opex_usd: opex,
            interest_usd: interest,
            tax_usd: tax,
            capex_usd: capex,
            debt_proceeds_usd: proceeds,
            principal_repaid_usd: repaid,
            equity_proceeds_usd: equity,
            treasury_btc_sold_usd: 0.0,
        };
        cash += flows.total();
        btc_held += btc * (1.0 - sell_fraction);
        let mut treasury_btc = 0.0;
        if cash < min_cash && btc_held > 0.0 && p > 0.0 {
            treasury_btc = btc_held.min((min_cash - cash) / p);
            btc_held -= treasury_btc;
            flows.treasury_btc_sold_usd = treasury_btc * p;
            cash += flows.treasury_btc_sold_usd;
        }

        let debt_total: f64 = debts.iter().map(|d| d.balance).sum();
        ltm_e[m % 12] = ebitda;
        ltm_i[m % 12] = interest;
        let count = (m + 1).min(12) as f64;
        let ltm_ebitda = ltm_e.iter().sum::<f64>() * 12.0 / count;
        let ltm_interest = ltm_i.iter().sum::<f64>() * 12.0 / count;
        let leverage = (ltm_ebitda > 0.0).then(|| debt_total / ltm_ebitda);
        let interest_coverage = (ltm_interest > 0.0).then(|| ltm_ebitda / ltm_interest);
        let covenant_breach = covenant.is_some_and(|cov| debt_total > 0.0 && leverage.is_none_or(|l| l > cov));
        let hold_share_ehs = share0 * n;

        let row = MonthRow {
            month: Some(date),
            btc_price_usd: p,
            network_hashrate_ehs: n,
            subsidy_btc: subsidy,
            fees_btc: fees,
            hashprice_usd_per_ph_day: hashprice,
            fleet_hashrate_ehs: fleet_ehs,
            hashrate_share: share,
            btc_mined: btc,
            mining_revenue_usd: mining_rev,
            hosting_revenue_usd: host_rev,
            curtailment_credit_usd: credits,
            power_cost_usd: power_cost,
            opex_usd: opex,
            ebitda_usd: ebitda,
            depreciation_usd: depreciation,
            interest_usd: interest,
            tax_usd: tax,
            net_income_usd: net_income,
            capex_usd: capex,
            debt_usd: debt_total,
            cash_usd: cash,
            btc_held,
            net_debt_usd: debt_total - cash - btc_held * p,
            leverage,
            interest_coverage,
            shares_outstanding: shares,
            hold_share_capex_usd: (hold_share_ehs * 1e6 - fleet_ehs * 1e6).max(0.0) * new_hw_per_th,
            halving,
            mining_energy_usd: mining_energy,
            mining_opex_usd: mining_opex,
            hosting_opex_usd: host_opex,
            sga_usd: sga,
            lot_depreciation_usd: lot_dep,
            mining_capacity_mw,
            mining_used_mw: d.used_mw,
            fleet_nameplate_mw: nameplate_mw,
            fleet_j_per_th: (d.effective_ths > 0.0).then(|| d.weighted_jth / d.running_ths),
            hold_share_hashrate_ehs: hold_share_ehs,
            ltm_ebitda_usd: ltm_ebitda,
            covenant_breach,
            distress: cash < 0.0,
            treasury_btc_sold: treasury_btc,
            flows,
        };
        check_finite(&row, date)?;
        months.push(row);
    }
    let kpis = kpis(&months);
    Ok(Projection { months, kpis, lot_hashrate_ehs, lots: n_lots })
}

fn check_finite(row: &MonthRow, month: Month) -> Result<(), EngineError> {
    for (i, v) in row.values().iter().enumerate() {
        if v.is_some_and(|v| !v.is_finite()) {
            return Err(EngineError::NonFinite { month, column: COLUMNS[i + 1] });
        }
    }
    let extra = [
        row.mining_energy_usd,
        row.mining_opex_usd,
        row.lot_depreciation_usd,
        row.mining_capacity_mw,
        row.fleet_nameplate_mw,
        row.hold_share_hashrate_ehs,
        row.ltm_ebitda_usd,
        row.flows.total(),
    ];
    if extra.iter().any(|v| !v.is_finite()) {
        return Err(EngineError::NonFinite { month, column: "detail" });
    }
    Ok(())
}

fn kpis(months: &[MonthRow]) -> Kpis {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Kpis::default();
    };
    let h = months.len();
    let total_btc: f64 = months.iter().map(|r| r.btc_mined).sum();
    let sum = |f: fn(&MonthRow) -> f64| months.iter().map(f).sum::<f64>();
    let annual_share_change =
        (first.hashrate_share > 0.0 && h > 1).then(|| (last.hashrate_share / first.hashrate_share).powf(12.0 / (h - 1) as f64) - 1.0);
    let min_cash = months.iter().min_by(|a, b| a.cash_usd.total_cmp(&b.cash_usd)).unwrap_or(first);
    // First month of the highest leverage (ties keep the earliest).
    let peak = months.iter().filter(|r| r.leverage.is_some()).fold(None::<&MonthRow>, |best, r| match best {
        Some(b) if b.leverage >= r.leverage => Some(b),
        _ => Some(r),
    });
    let per_btc = |usd: f64| (total_btc > 0.0).then(|| usd / total_btc);
    let mining_energy = sum(|r| r.mining_energy_usd);
    let all_in =
        mining_energy + sum(|r| r.mining_opex_usd) + sum(|r| r.sga_usd) + sum(|r| r.interest_usd) + sum(|r| r.lot_depreciation_usd);
    Kpis {
        total_btc_mined: total_btc,
        share_first: first.hashrate_share,
        share_last: last.hashrate_share,
        annual_share_change,
        total_revenue_usd: sum(|r| r.mining_revenue_usd + r.hosting_revenue_usd + r.curtailment_credit_usd),
        total_ebitda_usd: sum(|r| r.ebitda_usd),
        min_cash_usd: min_cash.cash_usd,
        min_cash_month: min_cash.month,
        peak_leverage: peak.and_then(|r| r.leverage),
        peak_leverage_month: peak.and_then(|r| r.month),
        first_distress_month: months.iter().find(|r| r.distress).and_then(|r| r.month),
        covenant_breach_months: months.iter().filter(|r| r.covenant_breach).count(),
        end_debt_usd: last.debt_usd,
        end_cash_usd: last.cash_usd,
        end_btc_held: last.btc_held,
        end_hold_share_capex_usd: last.hold_share_capex_usd,
        cash_cost_per_btc_usd: per_btc(mining_energy),
        all_in_cost_per_btc_usd: per_btc(all_in),
    }
}
