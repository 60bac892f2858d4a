//! Validation: every rule of `scenario-format.md` and the guards of `model.md`,
//! returning every problem at once with the field path it concerns. The CLI,
//! the file loader and the editor's inline messages all use this one function.

use super::Path;
use super::scenario::*;
use std::fmt;

/// One thing wrong with a scenario: which field, and which rule it breaks.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Field path as in the format table, with list indices: `fleet[2].uptime`.
    pub path: String,
    /// The rule, in words: `must be between 0 and 1 (is 1.2)`.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Largest horizon the format allows (30 years).
pub const MAX_HORIZON: i64 = 360;
/// Curtailment cannot exceed the hours of the longest month.
pub const MAX_CURTAILMENT_HOURS: f64 = 744.0;

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into() });
    }

    /// Finite and inside `lo..=hi` (either bound optional).
    fn range(&mut self, path: &str, v: f64, lo: Option<f64>, hi: Option<f64>) {
        if !v.is_finite() {
            self.push(path, format!("must be a finite number (is {v})"));
            return;
        }
        match (lo, hi) {
            (Some(lo), Some(hi)) if v < lo || v > hi => self.push(path, format!("must be between {lo} and {hi} (is {v})")),
            (Some(lo), None) if v < lo => self.push(path, format!("must be at least {lo} (is {v})")),
            (None, Some(hi)) if v > hi => self.push(path, format!("must be at most {hi} (is {v})")),
            _ => {}
        }
    }
    fn fraction(&mut self, path: &str, v: f64) {
        self.range(path, v, Some(0.0), Some(1.0));
    }
    fn non_negative(&mut self, path: &str, v: f64) {
        self.range(path, v, Some(0.0), None);
    }
    fn positive(&mut self, path: &str, v: f64) {
        self.range(path, v, None, None);
        if v.is_finite() && v <= 0.0 {
            self.push(path, format!("must be greater than 0 (is {v})"));
        }
    }
    /// Annual growth or escalation: finite and above -1 (a -100 % year has no monthly rate).
    fn growth(&mut self, path: &str, v: f64) {
        self.range(path, v, None, None);
        if v.is_finite() && v <= -1.0 {
            self.push(path, format!("must be greater than -1 (-100 % a year) (is {v})"));
        }
    }
    fn money_non_negative(&mut self, path: &str, v: Money) {
        if v.is_sign_negative() && !v.is_zero() {
            self.push(path, format!("must not be negative (is {v})"));
        }
    }
    fn int_at_least(&mut self, path: &str, v: i64, lo: i64) {
        if v < lo {
            self.push(path, format!("must be at least {lo} (is {v})"));
        }
    }

    /// A path whose values must stay `> 0` (`strict`) or `>= 0`.
    fn path(&mut self, path: &str, p: &Path, strict: bool) {
        let sign = |c: &mut Checker, at: &str, v: f64| {
            if strict { c.positive(at, v) } else { c.non_negative(at, v) }
        };
        match p {
            Path::Growth { start, annual_growth } => {
                sign(self, &format!("{path}.start"), *start);
                self.growth(&format!("{path}.annual_growth"), *annual_growth);
            }
            Path::Points(points) => {
                if points.is_empty() {
                    self.push(path, "needs at least one point");
                }
                for (i, (_, v)) in points.iter().enumerate() {
                    sign(self, &format!("{path}.points[{i}]"), *v);
                }
                for (i, w) in points.windows(2).enumerate() {
                    if w[1].0 == w[0].0 {
                        self.push(format!("{path}.points[{}]", i + 1), format!("two points in the same month ({})", w[1].0));
                    } else if w[1].0 < w[0].0 {
                        self.push(
                            format!("{path}.points[{}]", i + 1),
                            format!("points must be in month order ({} comes after {})", w[1].0, w[0].0),
                        );
                    }
                }
            }
        }
    }
}

/// Every problem of `s`; empty when the scenario may be projected.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new() };
    if s.format_version != FORMAT_VERSION {
        c.push("format_version", format!("must be {FORMAT_VERSION} (is {})", s.format_version));
    }
    if !(1..=MAX_HORIZON).contains(&s.horizon_months) {
        c.push("horizon_months", format!("must be between 1 and {MAX_HORIZON} (is {})", s.horizon_months));
    }

    let m = &s.market;
    c.path("market.btc_price_usd", &m.btc_price_usd, false);
    c.path("market.network_hashrate_ehs", &m.network_hashrate_ehs, true);
    c.path("market.fees_btc_per_block", &m.fees_btc_per_block, false);
    c.int_at_least("market.start_block_height", m.start_block_height, 0);
    c.positive("market.blocks_per_day", m.blocks_per_day);
    c.money_non_negative("market.new_hardware_usd_per_th", m.new_hardware_usd_per_th);

    for (i, lot) in s.fleet.iter().enumerate() {
        let p = |f: &str| format!("fleet[{i}].{f}");
        c.int_at_least(&p("units"), lot.units, 0);
        c.positive(&p("hashrate_ths"), lot.hashrate_ths);
        c.positive(&p("power_w"), lot.power_w);
        c.money_non_negative(&p("unit_price_usd"), lot.unit_price_usd);
        c.int_at_least(&p("life_months"), lot.life_months, 1);
        c.fraction(&p("uptime"), lot.uptime);
        c.range(&p("annual_degradation"), lot.annual_degradation, Some(0.0), None);
        if lot.annual_degradation >= 1.0 {
            c.push(p("annual_degradation"), format!("must be less than 1 (is {})", lot.annual_degradation));
        }
        c.fraction(&p("salvage_fraction"), lot.salvage_fraction);
    }

    let pw = &s.power;
    for (i, k) in pw.contracts.iter().enumerate() {
        let p = |f: &str| format!("power.contracts[{i}].{f}");
        c.non_negative(&p("capacity_mw"), k.capacity_mw);
        c.money_non_negative(&p("price_usd_per_mwh"), k.price_usd_per_mwh);
        c.growth(&p("annual_escalation"), k.annual_escalation);
        let start = k.start_month.unwrap_or(s.start_month);
        if let Some(end) = k.end_month
            && end < start
        {
            c.push(p("end_month"), format!("must not be before the start month {start} (is {end})"));
        }
    }
    c.range("power.pue", pw.pue, Some(1.0), None);
    c.range("power.curtailment_hours_per_month", pw.curtailment_hours_per_month, Some(0.0), Some(MAX_CURTAILMENT_HOURS));
    c.money_non_negative("power.curtailment_credit_usd_per_mwh", pw.curtailment_credit_usd_per_mwh);
    c.money_non_negative("power.mining_opex_usd_per_mw_month", pw.mining_opex_usd_per_mw_month);

    for (i, l) in s.hosting.iter().enumerate() {
        let p = |f: &str| format!("hosting[{i}].{f}");
        c.non_negative(&p("critical_it_mw"), l.critical_it_mw);
        c.range(&p("pue"), l.pue, Some(1.0), None);
        c.int_at_least(&p("ramp_months"), l.ramp_months, 1);
        c.int_at_least(&p("term_months"), l.term_months, 1);
        c.money_non_negative(&p("rate_usd_per_kw_month"), l.rate_usd_per_kw_month);
        c.growth(&p("annual_escalation"), l.annual_escalation);
        c.fraction(&p("utilization"), l.utilization);
        c.money_non_negative(&p("fit_out_usd_per_mw"), l.fit_out_usd_per_mw);
        c.int_at_least(&p("build_months"), l.build_months, 0);
        c.fraction(&p("opex_fraction"), l.opex_fraction);
    }

    c.fraction("opex.pool_fee", s.opex.pool_fee);
    c.money_non_negative("opex.sga_usd_per_month", s.opex.sga_usd_per_month);
    c.fraction("opex.tax_rate", s.opex.tax_rate);

    let f = &s.financing;
    c.non_negative("financing.opening_btc", f.opening_btc);
    c.positive("financing.shares_outstanding", f.shares_outstanding);
    c.path("financing.share_price_usd", &f.share_price_usd, true);
    c.fraction("financing.btc_sell_fraction", f.btc_sell_fraction);
    c.money_non_negative("financing.min_cash_usd", f.min_cash_usd);
    if let Some(cov) = f.covenant_max_leverage {
        c.positive("financing.covenant_max_leverage", cov);
    }
    for (i, d) in f.debt.iter().enumerate() {
        let p = |x: &str| format!("financing.debt[{i}].{x}");
        if let DebtKind::Convertible { conversion_price_usd } = d.kind
            && conversion_price_usd <= Money::ZERO
        {
            c.push(p("kind.conversion_price_usd"), format!("must be greater than 0 (is {conversion_price_usd})"));
        }
        c.money_non_negative(&p("principal_usd"), d.principal_usd);
        c.fraction(&p("annual_rate"), d.annual_rate);
        if d.maturity_month <= d.issue_month {
            c.push(p("maturity_month"), format!("must be after the issue month {} (is {})", d.issue_month, d.maturity_month));
        }
        c.fraction(&p("issue_cost_fraction"), d.issue_cost_fraction);
    }
    for (i, r) in f.equity_raises.iter().enumerate() {
        let p = |x: &str| format!("financing.equity_raises[{i}].{x}");
        c.money_non_negative(&p("amount_usd"), r.amount_usd);
        c.range(&p("discount"), r.discount, Some(0.0), None);
        if r.discount >= 1.0 {
            c.push(p("discount"), format!("must be less than 1 (is {})", r.discount));
        }
        c.fraction(&p("fee_fraction"), r.fee_fraction);
    }
    c.problems
}

/// Problems of a field path or anything below it (`fleet` covers
/// `fleet[2].uptime`; `fleet[1]` does not cover `fleet[10]`).
pub fn problems_at<'a>(problems: &'a [Problem], path: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
    problems.iter().filter(move |p| p.path.strip_prefix(path).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '['])))
}
