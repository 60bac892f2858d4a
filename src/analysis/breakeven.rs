//! Breakeven multiples of the whole BTC price path (the smallest multiple at
//! which cash never goes below 0, and the smallest with no covenant breach),
//! and goal seek: the value of one input that brings a KPI to a target.
//!
//! Both search by bisection. Breakeven assumes nothing about the plan beyond
//! "holds at the upper end": it checks 0× and 100× first. Goal seek does not
//! assume monotonicity either: it scans the range for a sign change of
//! `KPI − target` first, then bisects inside the first bracket found.

use super::{kpi_number, numeric_kpis};
use crate::engine::{self, MarketOverride, Projection};
use crate::model::{Scenario, validate};
use crate::schema::Kpi;
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

/// The highest multiple tried: above it the answer is "none".
pub const MAX_MULTIPLE: f64 = 100.0;
/// Bisection stops when the bracket is this small relative to its top.
pub const TOLERANCE: f64 = 1e-4;

/// A breakeven multiple of the BTC price path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Multiple {
    /// Holds even at 0× (no BTC revenue at all).
    Zero,
    /// The smallest multiple that holds (within [`TOLERANCE`]).
    At(f64),
    /// Fails even at [`MAX_MULTIPLE`]×.
    Never,
}

impl Multiple {
    /// `0`, `0.623` or `none`, as the CLI prints it.
    pub fn text(self) -> String {
        match self {
            Multiple::Zero => "0".to_owned(),
            Multiple::At(x) => format!("{x:.4}"),
            Multiple::Never => "none".to_owned(),
        }
    }
    pub fn value(self) -> Option<f64> {
        match self {
            Multiple::Zero => Some(0.0),
            Multiple::At(x) => Some(x),
            Multiple::Never => None,
        }
    }
}

/// Both breakeven multiples, with the plan's price path they multiply.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Breakeven {
    pub cash: Multiple,
    /// `None` when the plan has no covenant (nothing to breach).
    pub covenant: Option<Multiple>,
    /// The plan's BTC price in its first month, USD.
    pub plan_first_usd: f64,
    /// The plan's BTC price averaged over the horizon, USD.
    pub plan_mean_usd: f64,
}

/// A breakeven multiple in dollars: the BTC price it means.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Dollars {
    /// Price in the first month, USD.
    pub first_month_usd: f64,
    /// Price averaged over the horizon, USD.
    pub mean_usd: f64,
}

impl Breakeven {
    /// The BTC price a multiple stands for (`None` when it fails at every multiple tried).
    pub fn dollars(&self, m: Multiple) -> Option<Dollars> {
        m.value().map(|x| Dollars { first_month_usd: x * self.plan_first_usd, mean_usd: x * self.plan_mean_usd })
    }

    /// "0.52× the plan's price path: $45,760 in the first month, $61,200 on average
    /// over the horizon", or what the edge cases mean.
    pub fn words(&self, m: Multiple) -> String {
        let usd = crate::units::usd;
        match (m, self.dollars(m)) {
            (Multiple::Zero, _) => "0× the plan's price path: holds even with no BTC revenue at all".to_owned(),
            (Multiple::At(x), Some(d)) => format!(
                "{x:.2}× the plan's price path: {} in the first month, {} on average over the horizon",
                usd(d.first_month_usd),
                usd(d.mean_usd)
            ),
            _ => format!("no price up to {MAX_MULTIPLE}× the plan's path"),
        }
    }
}

/// Projects a valid `s` with its BTC price path multiplied by `k`.
pub fn project_scaled(s: &Scenario, base: &[f64], k: f64, buf: &mut Vec<f64>) -> Result<Projection, String> {
    buf.clear();
    buf.extend(base.iter().map(|p| p * k));
    engine::project_with_market(s, &MarketOverride { btc_price_usd: Some(buf), network_hashrate_ehs: None }).map_err(|e| e.to_string())
}

/// Cash never below 0.
pub fn cash_holds(p: &Projection) -> bool {
    p.months.iter().all(|r| r.cash_usd >= 0.0)
}

/// No month in covenant breach.
pub fn covenant_holds(p: &Projection) -> bool {
    p.months.iter().all(|r| !r.covenant_breach)
}

/// The smallest multiple for which `holds` is true, by bisection.
fn search(s: &Scenario, base: &[f64], holds: fn(&Projection) -> bool) -> Result<Multiple, String> {
    let mut buf = Vec::with_capacity(base.len());
    let mut at = |k: f64| project_scaled(s, base, k, &mut buf).map(|p| holds(&p));
    if at(0.0)? {
        return Ok(Multiple::Zero);
    }
    if !at(MAX_MULTIPLE)? {
        return Ok(Multiple::Never);
    }
    let (mut lo, mut hi) = (0.0, MAX_MULTIPLE);
    while hi - lo > TOLERANCE * hi {
        let mid = 0.5 * (lo + hi);
        if at(mid)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(Multiple::At(hi))
}

/// The breakeven multiples of a scenario (validated here).
pub fn breakeven(s: &Scenario) -> Result<Breakeven, String> {
    if let Some(p) = validate(s).first() {
        return Err(format!("the scenario is not valid: {p}"));
    }
    let h = s.horizon_months.clamp(1, crate::model::MAX_HORIZON) as usize;
    let base = s.market.btc_price_usd.values(s.start_month, h);
    let cash = search(s, &base, cash_holds)?;
    let covenant = match s.financing.covenant_max_leverage {
        Some(_) => Some(search(s, &base, covenant_holds)?),
        None => None,
    };
    let plan_first_usd = base.first().copied().unwrap_or(0.0);
    let plan_mean_usd = if base.is_empty() { 0.0 } else { base.iter().sum::<f64>() / base.len() as f64 };
    Ok(Breakeven { cash, covenant, plan_first_usd, plan_mean_usd })
}

/// The input goal seek changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// `fleet[i].units` (whole machines).
    LotUnits(usize),
    /// `financing.debt[i].principal_usd`.
    DebtPrincipal(usize),
    /// `financing.equity_raises[i].amount_usd`.
    EquityRaise(usize),
    /// `hosting[i].critical_it_mw`.
    LeaseMw(usize),
    /// `hosting[i].rate_usd_per_kw_month` (for example the rate at which the plan NPV is zero).
    LeaseRate(usize),
    /// `power.contracts[i].capacity_mw`.
    ContractMw(usize),
}

impl Input {
    /// The input's current value, `None` when the item does not exist.
    pub fn get(self, s: &Scenario) -> Option<f64> {
        let money = |d: &Decimal| d.to_f64();
        match self {
            Input::LotUnits(i) => s.fleet.get(i).map(|l| l.units as f64),
            Input::DebtPrincipal(i) => s.financing.debt.get(i).and_then(|d| money(&d.principal_usd)),
            Input::EquityRaise(i) => s.financing.equity_raises.get(i).and_then(|r| money(&r.amount_usd)),
            Input::LeaseMw(i) => s.hosting.get(i).map(|l| l.critical_it_mw),
            Input::LeaseRate(i) => s.hosting.get(i).and_then(|l| money(&l.rate_usd_per_kw_month)),
            Input::ContractMw(i) => s.power.contracts.get(i).map(|c| c.capacity_mw),
        }
    }

    /// Sets the input (units rounded to whole machines, money to cents); false when the item does not exist.
    pub fn set(self, s: &mut Scenario, v: f64) -> bool {
        let cents = |v: f64| Decimal::from_f64(v).map(|d| d.round_dp(2)).unwrap_or_default();
        match self {
            Input::LotUnits(i) => s.fleet.get_mut(i).map(|l| l.units = v.round() as i64).is_some(),
            Input::DebtPrincipal(i) => s.financing.debt.get_mut(i).map(|d| d.principal_usd = cents(v)).is_some(),
            Input::EquityRaise(i) => s.financing.equity_raises.get_mut(i).map(|r| r.amount_usd = cents(v)).is_some(),
            Input::LeaseMw(i) => s.hosting.get_mut(i).map(|l| l.critical_it_mw = v).is_some(),
            Input::LeaseRate(i) => s.hosting.get_mut(i).map(|l| l.rate_usd_per_kw_month = cents(v)).is_some(),
            Input::ContractMw(i) => s.power.contracts.get_mut(i).map(|c| c.capacity_mw = v).is_some(),
        }
    }

    /// Whole numbers only (machine units).
    pub fn integer(self) -> bool {
        matches!(self, Input::LotUnits(_))
    }
}

/// A goal seek's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub value: f64,
    /// The KPI with the value applied.
    pub kpi: f64,
    /// The scenario with the value applied.
    pub scenario: Scenario,
}

/// Why goal seek found nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum SeekError {
    /// Bad request (missing item, empty range, invalid scenario).
    Input(String),
    /// No value in the range brings the KPI to the target; the closest seen.
    NotReached { closest_value: f64, closest_kpi: Option<f64>, message: String },
}

/// Points scanned over the range to bracket the target before bisecting.
const SCAN: usize = 24;

/// Finds a value of `input` in `[lo, hi]` that brings `kpi` to `target`.
pub fn goal_seek(s: &Scenario, input: Input, kpi: &Kpi, target: f64, lo: f64, hi: f64) -> Result<Found, SeekError> {
    if input.get(s).is_none() {
        return Err(SeekError::Input(format!("{input:?}: no such item in the plan")));
    }
    if !(lo.is_finite() && hi.is_finite() && lo < hi && lo >= 0.0 && target.is_finite()) {
        return Err(SeekError::Input(format!("the range must be 0 ≤ low < high (finite), not {lo} … {hi}")));
    }
    if !numeric_kpis().any(|k| k.key == kpi.key) {
        return Err(SeekError::Input(format!("{} is not a numeric KPI", kpi.key)));
    }
    let mut work = s.clone();
    // KPI − target at v, None when undefined or the plan is not valid there.
    let mut eval = |v: f64| -> Option<f64> {
        input.set(&mut work, v);
        engine::project(&work).ok().and_then(|p| kpi_number(kpi, &p.kpis)).map(|k| k - target)
    };
    let snap = |v: f64| if input.integer() { v.round() } else { v };
    let xs: Vec<f64> = (0..=SCAN).map(|i| snap(lo + (hi - lo) * i as f64 / SCAN as f64)).collect();
    let fs: Vec<Option<f64>> = xs.iter().map(|&x| eval(x)).collect();
    let mut bracket = None;
    for i in 0..xs.len() {
        if fs[i] == Some(0.0) {
            bracket = Some((xs[i], xs[i]));
            break;
        }
        if i + 1 < xs.len()
            && let (Some(a), Some(b)) = (fs[i], fs[i + 1])
            && a.signum() != b.signum()
        {
            bracket = Some((xs[i], xs[i + 1]));
            break;
        }
    }
    let Some((mut a, mut b)) = bracket else {
        let (closest_value, closest_kpi) = xs
            .iter()
            .zip(&fs)
            .filter_map(|(x, f)| f.map(|f| (*x, f)))
            .min_by(|p, q| p.1.abs().total_cmp(&q.1.abs()))
            .map_or((lo, None), |(x, f)| (x, Some(f + target)));
        let message = format!(
            "no value of {input:?} between {lo} and {hi} brings {} to {target}; closest: {} at {closest_value}",
            kpi.label,
            closest_kpi.map_or("undefined".to_owned(), |k| k.to_string())
        );
        return Err(SeekError::NotReached { closest_value, closest_kpi, message });
    };
    let mut fa = eval(a).unwrap_or(0.0);
    for _ in 0..200 {
        let done = if input.integer() { b - a <= 1.0 } else { b - a <= 1e-9 * b.abs().max(1.0) };
        if done || fa == 0.0 {
            break;
        }
        let mid = snap(0.5 * (a + b));
        if mid == a || mid == b {
            break;
        }
        match eval(mid) {
            Some(fm) if fm.signum() == fa.signum() && fm != 0.0 => (a, fa) = (mid, fm),
            Some(0.0) => (a, b, fa) = (mid, mid, 0.0),
            _ => b = mid,
        }
    }
    // The end of the final bracket closer to the target.
    let fb = eval(b);
    let value = match fb {
        Some(fb) if fb.abs() < fa.abs() => b,
        _ => a,
    };
    let mut scenario = s.clone();
    input.set(&mut scenario, value);
    let value = input.get(&scenario).unwrap_or(value);
    let kpi_at = engine::project(&scenario).ok().and_then(|p| kpi_number(kpi, &p.kpis));
    match kpi_at {
        Some(k) => Ok(Found { value, kpi: k, scenario }),
        None => Err(SeekError::Input(format!("{} is undefined at the value found ({value})", kpi.label))),
    }
}
