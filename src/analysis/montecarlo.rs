//! Monte Carlo risk: BTC price paths around the plan's own path,
//! `P_m = path_m · exp(σ·√(1/12)·S_m − σ²·m/24)` with `S_m` a sum of m
//! independent standard normals (`S_0 = 0`), so each month's price has the
//! plan's value as its mean. Optionally the network hashrate follows the
//! price: `N_m = net_m · (P_{m−lag} / path_{m−lag})^elasticity` (months
//! before the lag keep the plan's value).
//!
//! Paths run in parallel (rayon); each keeps its monthly cash, net leverage
//! and price as `f32` for the fans (bounded by [`MAX_PATH_MONTHS`]); path i draws from its own stream seeded by
//! the seed and i ([`SplitMix64::for_path`]), so a seed gives the same result
//! whatever the thread count. The scenario is validated once, and each path
//! is projected with [`engine::project_with_market`] (no clone). A run can be
//! cancelled through an `AtomicBool` and reports the paths done through an
//! `AtomicUsize`, so an app can run it in the background.

use super::rng::SplitMix64;
use crate::engine::{self, MarketOverride, Projection};
use crate::model::{Month, Scenario, validate};
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Most paths a run accepts.
pub const MAX_PATHS: usize = 100_000;
/// Most path-months a run keeps (3 series × 4 bytes each: 60 MB), e.g. 13,888 paths of 360 months.
pub const MAX_PATH_MONTHS: usize = 5_000_000;
/// The percentiles of the fan charts.
pub const PERCENTILES: [f64; 5] = [0.05, 0.25, 0.50, 0.75, 0.95];

/// Network hashrate that follows the BTC price.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetworkFollow {
    /// % change of network hashrate per % change of price (in logs).
    pub elasticity: f64,
    /// Months the network takes to react.
    pub lag_months: usize,
}

/// What to simulate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    pub paths: usize,
    /// Annual volatility of the BTC price (0.6 = 60 %).
    pub vol: f64,
    pub seed: u64,
    /// `None`: the network keeps the plan's path.
    pub network: Option<NetworkFollow>,
}

impl Default for Config {
    fn default() -> Self {
        Config { paths: 10_000, vol: 0.6, seed: 1, network: None }
    }
}

/// Why a run gave no result.
#[derive(Clone, Debug, PartialEq)]
pub enum McError {
    /// Bad settings or an invalid scenario: the message says which.
    Input(String),
    /// A path could not be projected (overflow): the engine's message.
    Engine(String),
    Cancelled,
}

impl std::fmt::Display for McError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            McError::Input(m) | McError::Engine(m) => f.write_str(m),
            McError::Cancelled => f.write_str("cancelled"),
        }
    }
}

/// Cumulative risk at the end of a plan year.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct YearRisk {
    /// 1 = the first twelve months.
    pub year: usize,
    /// Last month of that year (or of the plan).
    pub through: String,
    /// Share of paths with cash below 0 in some month up to then.
    pub p_out_of_cash: f64,
    /// Share of paths with a covenant breach in some month up to then.
    pub p_covenant_breach: f64,
    /// Share of paths in which a lender called its debt in some month up to then (format 2).
    pub p_acceleration: f64,
}

/// The fan of one series: per month, the values at [`PERCENTILES`]
/// (`None` where no path defines the value, e.g. net leverage without positive EBITDA).
pub type Fan = Vec<Option<[f64; 5]>>;

/// The result of a run.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct McResult {
    pub paths: usize,
    pub vol: f64,
    pub seed: u64,
    pub months: Vec<String>,
    pub cash_usd: Fan,
    /// Over the paths where it is defined that month.
    pub net_leverage: Fan,
    pub btc_price_usd: Fan,
    /// Share of paths with cash below 0 in at least one month.
    pub p_out_of_cash: f64,
    /// Share of paths with at least one covenant breach month (0 without a covenant).
    pub p_covenant_breach: f64,
    pub has_covenant: bool,
    /// Share of paths in which a lender called its debt (0 when no instrument can be called).
    pub p_acceleration: f64,
    /// Some instrument's lender accelerates after breaches.
    pub can_accelerate: bool,
    pub by_year: Vec<YearRisk>,
}

/// Checks the settings; the message names the setting.
pub fn check(cfg: &Config) -> Result<(), String> {
    if cfg.paths == 0 || cfg.paths > MAX_PATHS {
        return Err(format!("paths must be between 1 and {MAX_PATHS}, not {}", cfg.paths));
    }
    if !(cfg.vol.is_finite() && (0.0..=5.0).contains(&cfg.vol)) {
        return Err(format!("volatility must be between 0 and 5 (500 %/yr), not {}", cfg.vol));
    }
    if let Some(n) = cfg.network
        && !(n.elasticity.is_finite() && (-10.0..=10.0).contains(&n.elasticity) && n.lag_months <= 360)
    {
        return Err("network elasticity must be between -10 and 10 and its lag at most 360 months".to_owned());
    }
    Ok(())
}

/// The plan's own BTC price and network series over the horizon.
struct Base {
    price: Vec<f64>,
    network: Vec<f64>,
}

impl Base {
    fn new(s: &Scenario) -> Base {
        let h = s.horizon_months.clamp(1, crate::model::MAX_HORIZON) as usize;
        Base { price: s.market.btc_price_usd.values(s.start_month, h), network: s.market.network_hashrate_ehs.values(s.start_month, h) }
    }
}

/// Fills `price` (and `network` when it follows) for path `index`.
fn draw(base: &Base, cfg: &Config, index: usize, price: &mut [f64], network: &mut [f64]) {
    let mut rng = SplitMix64::for_path(cfg.seed, index as u64);
    let step = cfg.vol * (1.0f64 / 12.0).sqrt();
    let mut s = 0.0;
    for (m, p) in price.iter_mut().enumerate() {
        if m > 0 {
            s += rng.normal();
        }
        *p = base.price[m] * (step * s - cfg.vol * cfg.vol * m as f64 / 24.0).exp();
    }
    if let Some(n) = cfg.network {
        for (m, net) in network.iter_mut().enumerate() {
            *net = match m.checked_sub(n.lag_months) {
                Some(k) if base.price[k] > 0.0 => base.network[m] * (price[k] / base.price[k]).powf(n.elasticity),
                _ => base.network[m],
            };
        }
    }
}

fn project_path(
    s: &Scenario,
    base: &Base,
    cfg: &Config,
    index: usize,
    price: &mut [f64],
    network: &mut [f64],
) -> Result<Projection, McError> {
    draw(base, cfg, index, price, network);
    let over = MarketOverride { btc_price_usd: Some(price), network_hashrate_ehs: cfg.network.map(|_| &network[..]) };
    engine::project_with_market(s, &over).map_err(|e| McError::Engine(format!("path {index}: {e}")))
}

/// The projection of path `index` alone (the same numbers a run uses); `s` must be valid.
pub fn simulate_path(s: &Scenario, cfg: &Config, index: usize) -> Result<Projection, McError> {
    let base = Base::new(s);
    let (mut price, mut network) = (base.price.clone(), base.network.clone());
    project_path(s, &base, cfg, index, &mut price, &mut network)
}

/// The BTC price path (and network path) of path `index`, as a run draws them.
pub fn market_paths(s: &Scenario, cfg: &Config, index: usize) -> (Vec<f64>, Vec<f64>) {
    let base = Base::new(s);
    let (mut price, mut network) = (base.price.clone(), base.network.clone());
    draw(&base, cfg, index, &mut price, &mut network);
    (price, network)
}

/// What one path leaves behind.
#[derive(Default)]
struct PathOut {
    first_out: Option<usize>,
    first_breach: Option<usize>,
    first_acceleration: Option<usize>,
}

/// Runs the simulation. `cancel` stops it early (→ [`McError::Cancelled`]);
/// `progress` counts the paths done.
pub fn run(s: &Scenario, cfg: &Config, cancel: &AtomicBool, progress: &AtomicUsize) -> Result<McResult, McError> {
    run_until(s, cfg, cancel, progress, &AtomicBool::new(false)).map(|(r, _)| r)
}

/// Paths run between two looks at the `stop` flag of [`run_until`]: on the
/// largest plan the caps accept a path takes about 0.1 s, so a time budget
/// is overrun by a few seconds at most.
const BATCH: usize = 64;

/// [`run`] that can also stop early and keep what it has: once `stop` is
/// set (a time budget ran out), the paths done so far (always the first
/// ones, at least one batch) make the result, exactly what a run of that
/// many paths gives; the flag says whether it stopped early.
pub fn run_until(
    s: &Scenario,
    cfg: &Config,
    cancel: &AtomicBool,
    progress: &AtomicUsize,
    stop: &AtomicBool,
) -> Result<(McResult, bool), McError> {
    check(cfg).map_err(McError::Input)?;
    let problems = validate(s);
    if let Some(p) = problems.first() {
        return Err(McError::Input(format!("the scenario is not valid: {p}")));
    }
    let base = Base::new(s);
    let h = base.price.len();
    let requested = cfg.paths;
    if requested.saturating_mul(h) > MAX_PATH_MONTHS {
        return Err(McError::Input(format!("paths: at most {} for a {h}-month plan (memory bound), not {requested}", MAX_PATH_MONTHS / h)));
    }
    // Path-major, f32: percentiles for charts do not need more, and 10,000 × 360 months stays ~43 MB.
    let mut cash = vec![0f32; requested * h];
    let mut netlev = vec![0f32; requested * h];
    let mut price_out = vec![0f32; requested * h];
    let mut outs: Vec<PathOut> = Vec::with_capacity(requested);
    let mut n = 0;
    while n < requested {
        if n > 0 && stop.load(Ordering::Relaxed) {
            break;
        }
        let end = (n + BATCH).min(requested);
        let (c, l, p) = (&mut cash[n * h..end * h], &mut netlev[n * h..end * h], &mut price_out[n * h..end * h]);
        let batch: Vec<Result<PathOut, McError>> = c
            .par_chunks_mut(h)
            .zip(l.par_chunks_mut(h))
            .zip(p.par_chunks_mut(h))
            .enumerate()
            .map_init(
                || (vec![0.0; h], base.network.clone()),
                |(price, network), (i, ((cash, netlev), pout))| {
                    if cancel.load(Ordering::Relaxed) {
                        return Err(McError::Cancelled);
                    }
                    let p = project_path(s, &base, cfg, n + i, price, network)?;
                    let out = record(&p, cash, netlev, pout);
                    progress.fetch_add(1, Ordering::Relaxed);
                    Ok(out)
                },
            )
            .collect();
        if cancel.load(Ordering::Relaxed) {
            return Err(McError::Cancelled);
        }
        for o in batch {
            outs.push(o?);
        }
        n = end;
    }
    for v in [&mut cash, &mut netlev, &mut price_out] {
        v.truncate(n * h);
    }
    let share = |f: &dyn Fn(&PathOut) -> bool| outs.iter().filter(|o| f(o)).count() as f64 / n as f64;
    let months: Vec<Month> = (0..h).map(|m| s.start_month.offset(m as i64)).collect();
    let by_year = (1..=h.div_ceil(12))
        .map(|y| {
            let end = (12 * y).min(h);
            YearRisk {
                year: y,
                through: months[end - 1].to_string(),
                p_out_of_cash: share(&|o| o.first_out.is_some_and(|m| m < end)),
                p_covenant_breach: share(&|o| o.first_breach.is_some_and(|m| m < end)),
                p_acceleration: share(&|o| o.first_acceleration.is_some_and(|m| m < end)),
            }
        })
        .collect();
    let result = McResult {
        paths: n,
        vol: cfg.vol,
        seed: cfg.seed,
        months: months.iter().map(|m| m.to_string()).collect(),
        cash_usd: fan(&cash, n, h),
        net_leverage: fan(&netlev, n, h),
        btc_price_usd: fan(&price_out, n, h),
        p_out_of_cash: share(&|o| o.first_out.is_some()),
        p_covenant_breach: share(&|o| o.first_breach.is_some()),
        has_covenant: s.financing.covenant_max_leverage.is_some(),
        p_acceleration: share(&|o| o.first_acceleration.is_some()),
        can_accelerate: s.financing.covenant_max_leverage.is_some()
            && s.financing.debt.iter().any(|d| d.accelerate_after_breach_months.is_some()),
        by_year,
    };
    Ok((result, n < requested))
}

/// Copies one path's months into its rows and notes its first bad months.
fn record(p: &Projection, cash: &mut [f32], netlev: &mut [f32], pout: &mut [f32]) -> PathOut {
    let mut out = PathOut::default();
    for (m, r) in p.months.iter().enumerate() {
        cash[m] = r.cash_usd as f32;
        netlev[m] = r.net_leverage.map_or(f32::NAN, |v| v as f32);
        pout[m] = r.btc_price_usd as f32;
        if r.cash_usd < 0.0 && out.first_out.is_none() {
            out.first_out = Some(m);
        }
        if r.covenant_breach && out.first_breach.is_none() {
            out.first_breach = Some(m);
        }
        if r.accelerated_debt_usd > 0.0 && out.first_acceleration.is_none() {
            out.first_acceleration = Some(m);
        }
    }
    out
}

/// Per month, the [`PERCENTILES`] of the paths' finite values (nearest rank).
fn fan(values: &[f32], n: usize, h: usize) -> Fan {
    (0..h)
        .into_par_iter()
        .map_init(Vec::new, |col: &mut Vec<f32>, m| {
            col.clear();
            col.extend((0..n).map(|i| values[i * h + m]).filter(|v| v.is_finite()));
            percentiles(col)
        })
        .collect()
}

/// The [`PERCENTILES`] of `v` (reordered), nearest rank; `None` when empty.
pub fn percentiles(v: &mut [f32]) -> Option<[f64; 5]> {
    if v.is_empty() {
        return None;
    }
    let mut out = [0.0; 5];
    for (o, q) in out.iter_mut().zip(PERCENTILES) {
        let k = (q * (v.len() - 1) as f64).round() as usize;
        let (_, x, _) = v.select_nth_unstable_by(k, f32::total_cmp);
        *o = f64::from(*x);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let mut v: Vec<f32> = (0..=100).rev().map(|i| i as f32).collect();
        assert_eq!(percentiles(&mut v), Some([5.0, 25.0, 50.0, 75.0, 95.0]));
        assert_eq!(percentiles(&mut []), None);
    }

    #[test]
    fn settings_are_checked() {
        assert!(check(&Config::default()).is_ok());
        assert!(check(&Config { paths: 0, ..Config::default() }).is_err());
        assert!(check(&Config { paths: MAX_PATHS + 1, ..Config::default() }).is_err());
        assert!(check(&Config { vol: f64::NAN, ..Config::default() }).is_err());
        assert!(check(&Config { vol: -0.1, ..Config::default() }).is_err());
    }
}
