//! Validation: every rule of `scenario-format.md` and the guards of `model.md`,
//! returning every problem at once with the [`FieldPath`] it concerns. The
//! CLI, the file loader and the editor's inline messages all use this one
//! function.

use super::Month;
use super::Series;
use super::field::{ContractField, DebtField, FieldPath, FinancingField, LeaseField, LotField};
use super::field::{List, MarketField, OpexField, Part, PlanField, PowerField, RaiseField, Unit};
use super::scenario::*;
use std::fmt;

/// The rule a value breaks, with the value. Rendered in the file's units
/// ([`Problem::message`]) or in the units the editor shows
/// ([`Problem::message_as_edited`]: fractions as percentages).
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// Not a finite number (NaN or infinite).
    Finite {
        is: f64,
    },
    Between {
        lo: f64,
        hi: f64,
        is: f64,
    },
    AtLeast {
        lo: f64,
        is: f64,
    },
    AtMost {
        hi: f64,
        is: f64,
    },
    /// Strictly greater than `lo`.
    Above {
        lo: f64,
        is: f64,
    },
    /// Strictly less than `hi`.
    Below {
        hi: f64,
        is: f64,
    },
    /// Any other rule, in words.
    Text(String),
}

/// A number as a person reads it: no 300-digit expansions of tiny or huge values.
fn num(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-6..1e15).contains(&a) { format!("{v:e}") } else { format!("{v}") }
}

impl Rule {
    /// The rule in words, numbers shown in `unit` (`None`: as in the file).
    fn text(&self, unit: Option<Unit>) -> String {
        let show = |v: f64| match unit {
            Some(Unit::Percent) => format!("{} %", num((v * 100.0 * 1e9).round() / 1e9)),
            Some(Unit::Number(s) | Unit::Whole(s)) if !s.is_empty() => {
                format!("{}{}{s}", num(v), if s.starts_with(' ') { "" } else { " " })
            }
            Some(Unit::Money(s)) => format!("{} {s}", num(v)),
            _ => num(v),
        };
        match *self {
            Rule::Finite { is } => format!("must be a finite number (is {is})"),
            Rule::Between { lo, hi, is } => format!("must be between {} and {} (is {})", show(lo), show(hi), show(is)),
            Rule::AtLeast { lo, is } => format!("must be at least {} (is {})", show(lo), show(is)),
            Rule::AtMost { hi, is } => format!("must be at most {} (is {})", show(hi), show(is)),
            Rule::Above { lo, is } => format!("must be greater than {} (is {})", show(lo), show(is)),
            Rule::Below { hi, is } => format!("must be less than {} (is {})", show(hi), show(is)),
            Rule::Text(ref t) => t.clone(),
        }
    }
}

/// One thing wrong with a scenario: which field, and which rule it breaks.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub at: FieldPath,
    pub rule: Rule,
}

impl Problem {
    /// The field's path in the file: `fleet[2].uptime`.
    pub fn path(&self) -> String {
        self.at.file_path()
    }
    /// The rule in the file's units: `must be between 0 and 1 (is 1.5)`.
    pub fn message(&self) -> String {
        self.rule.text(None)
    }
    /// The rule in the units the editor shows: `must be between 0 % and 100 % (is 150 %)`.
    pub fn message_as_edited(&self) -> String {
        self.rule.text(Some(self.at.unit()))
    }
    /// A sentence a user reads: `Lot 3 (Antminer S21 XP) › Uptime must be between 0 % and 100 % (is 150 %)`.
    pub fn sentence(&self, s: &Scenario) -> String {
        format!("{} {}", self.at.words(s), self.message_as_edited())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message())
    }
}

/// Largest horizon the format allows (30 years).
pub const MAX_HORIZON: i64 = 360;
/// Curtailment cannot exceed the hours of the longest month.
pub const MAX_CURTAILMENT_HOURS: f64 = 744.0;

/// Most machine lots in a plan. Real plans have a few dozen items per list;
/// the caps keep every file under the size cap projected in well under 2 s
/// and the editor responsive.
pub const MAX_LOTS: usize = 10_000;
/// Most power contracts, hosting leases, debt instruments or equity raises.
pub const MAX_ITEMS: usize = 1_000;
/// Most points in one dated path (a century of monthly values).
pub const MAX_POINTS: usize = 1_200;
/// How far a lot's deposit fractions may add up past 1 by rounding alone.
const DEPOSIT_SUM_TOLERANCE: f64 = 1e-9;
/// Smallest hashrate per machine (1 GH/s). Smaller positive values are typos,
/// and would overflow per-TH columns later instead of being refused here.
pub const MIN_HASHRATE_THS: f64 = 0.001;
/// Smallest power per machine, in watts.
pub const MIN_POWER_W: f64 = 1.0;
/// Smallest network hashrate (1 TH/s, in EH/s).
pub const MIN_NETWORK_HASHRATE_EHS: f64 = 1e-6;

/// Why the caps exist, for the message.
const CAP_WHY: &str = "a plan has a few dozen; the cap keeps a projection quick";

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, at: FieldPath, rule: Rule) {
        self.problems.push(Problem { at, rule });
    }
    fn text(&mut self, at: FieldPath, message: impl Into<String>) {
        self.push(at, Rule::Text(message.into()));
    }

    /// Finite and inside `lo..=hi` (either bound optional).
    fn range(&mut self, at: FieldPath, v: f64, lo: Option<f64>, hi: Option<f64>) {
        if !v.is_finite() {
            return self.push(at, Rule::Finite { is: v });
        }
        match (lo, hi) {
            (Some(lo), Some(hi)) if v < lo || v > hi => self.push(at, Rule::Between { lo, hi, is: v }),
            (Some(lo), None) if v < lo => self.push(at, Rule::AtLeast { lo, is: v }),
            (None, Some(hi)) if v > hi => self.push(at, Rule::AtMost { hi, is: v }),
            _ => {}
        }
    }
    fn fraction(&mut self, at: FieldPath, v: f64) {
        self.range(at, v, Some(0.0), Some(1.0));
    }
    fn non_negative(&mut self, at: FieldPath, v: f64) {
        self.range(at, v, Some(0.0), None);
    }
    fn positive(&mut self, at: FieldPath, v: f64) {
        self.range(at, v, None, None);
        if v.is_finite() && v <= 0.0 {
            self.push(at, Rule::Above { lo: 0.0, is: v });
        }
    }
    /// A fraction that must stay below 1 (degradation, discount).
    fn below_one(&mut self, at: FieldPath, v: f64) {
        self.range(at, v, Some(0.0), None);
        if v >= 1.0 {
            self.push(at, Rule::Below { hi: 1.0, is: v });
        }
    }
    /// Annual growth or escalation: finite and above -1 (a -100 % year has no monthly rate).
    fn growth(&mut self, at: FieldPath, v: f64) {
        self.range(at, v, None, None);
        if v.is_finite() && v <= -1.0 {
            self.push(at, Rule::Above { lo: -1.0, is: v });
        }
    }
    fn money_non_negative(&mut self, at: FieldPath, v: Money) {
        if v.is_sign_negative() && !v.is_zero() {
            self.text(at, format!("must not be negative (is {v})"));
        }
    }
    /// A positive value at least `min` (zero and negatives are `positive`'s to report).
    fn minimum(&mut self, at: FieldPath, v: f64, min: f64) {
        if v.is_finite() && v > 0.0 && v < min {
            self.push(at, Rule::AtLeast { lo: min, is: v });
        }
    }
    /// A list of at most `max` items; returns whether it is within the cap (its items are checked only then).
    fn count(&mut self, at: FieldPath, n: usize, max: usize) -> bool {
        if n > max {
            self.text(at, format!("has {n} items; at most {max} are allowed ({CAP_WHY})"));
        }
        n <= max
    }
    fn int_at_least(&mut self, at: FieldPath, v: i64, lo: i64) {
        if v < lo {
            self.push(at, Rule::AtLeast { lo: lo as f64, is: v as f64 });
        }
    }

    /// A path whose values must stay `> 0` (`strict`) or `>= 0`; `at` is the whole field.
    fn path(&mut self, at: FieldPath, p: &Series, strict: bool) {
        let sign = |c: &mut Checker, at: FieldPath, v: f64| {
            if strict { c.positive(at, v) } else { c.non_negative(at, v) }
        };
        match p {
            Series::Growth { start, annual_growth } => {
                sign(self, at.with_part(Part::Start), *start);
                self.growth(at.with_part(Part::Growth), *annual_growth);
            }
            Series::Points(points) => {
                if points.is_empty() {
                    self.text(at, "needs at least one point");
                }
                if points.len() > MAX_POINTS {
                    return self.text(at, format!("has {} points; at most {MAX_POINTS} are allowed ({CAP_WHY})", points.len()));
                }
                for (i, (_, v)) in points.iter().enumerate() {
                    sign(self, at.with_part(Part::Point(i)), *v);
                }
                for (i, w) in points.windows(2).enumerate() {
                    let here = at.with_part(Part::Point(i + 1));
                    if w[1].0 == w[0].0 {
                        self.text(here, format!("two points in the same month ({})", w[1].0));
                    } else if w[1].0 < w[0].0 {
                        self.text(here, format!("points must be in month order ({} comes after {})", w[1].0, w[0].0));
                    }
                }
            }
        }
    }
}

/// Every problem of `s`; empty when the scenario may be projected.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new() };
    c.plan(s);
    c.market(&s.market);
    c.fleet(&s.fleet);
    c.power(&s.power, s.start_month);
    c.hosting(&s.hosting);
    c.opex(&s.opex);
    c.financing(&s.financing);
    c.growth(FieldPath::Plan(PlanField::DiscountRate), s.valuation.discount_rate);
    c.problems
}

/// One check per block of the format, in file order.
impl Checker {
    fn plan(&mut self, s: &Scenario) {
        let at = FieldPath::Plan;
        if s.format_version != FORMAT_VERSION {
            self.text(at(PlanField::FormatVersion), format!("must be {FORMAT_VERSION} (is {})", s.format_version));
        }
        if !(1..=MAX_HORIZON).contains(&s.horizon_months) {
            self.push(at(PlanField::Horizon), Rule::Between { lo: 1.0, hi: MAX_HORIZON as f64, is: s.horizon_months as f64 });
        } else if let Some(last) = Month::new(9999, 12) {
            // Every month of the horizon must be a calendar month floe can name.
            let room = last.since(s.start_month) + 1;
            if s.horizon_months > room {
                self.text(
                    at(PlanField::StartMonth),
                    format!(
                        "with a horizon of {} months the plan would run past 9999-12, the last month a scenario can use: start in {} or earlier (is {})",
                        s.horizon_months,
                        last.offset(1 - s.horizon_months),
                        s.start_month
                    ),
                );
            }
        }
    }

    fn market(&mut self, m: &Market) {
        let at = |f| FieldPath::Market(f, Part::Whole);
        self.path(at(MarketField::BtcPrice), &m.btc_price_usd, false);
        let network = at(MarketField::NetworkHashrate);
        self.path(network, &m.network_hashrate_ehs, true);
        match &m.network_hashrate_ehs {
            Series::Growth { start, .. } => self.minimum(network.with_part(Part::Start), *start, MIN_NETWORK_HASHRATE_EHS),
            Series::Points(points) => {
                for (i, (_, v)) in points.iter().enumerate().take(MAX_POINTS) {
                    self.minimum(network.with_part(Part::Point(i)), *v, MIN_NETWORK_HASHRATE_EHS);
                }
            }
        }
        self.path(at(MarketField::FeesPerBlock), &m.fees_btc_per_block, false);
        self.int_at_least(at(MarketField::StartBlockHeight), m.start_block_height, 0);
        self.positive(at(MarketField::BlocksPerDay), m.blocks_per_day);
        self.money_non_negative(at(MarketField::NewHardwarePrice), m.new_hardware_usd_per_th);
    }

    fn fleet(&mut self, fleet: &[Lot]) {
        let lots = if self.count(FieldPath::List(List::Fleet), fleet.len(), MAX_LOTS) { fleet } else { &[] };
        for (i, lot) in lots.iter().enumerate() {
            let at = |f| FieldPath::Lot(i, f);
            self.int_at_least(at(LotField::Units), lot.units, 0);
            self.positive(at(LotField::Hashrate), lot.hashrate_ths);
            self.minimum(at(LotField::Hashrate), lot.hashrate_ths, MIN_HASHRATE_THS);
            self.positive(at(LotField::Power), lot.power_w);
            self.minimum(at(LotField::Power), lot.power_w, MIN_POWER_W);
            self.money_non_negative(at(LotField::UnitPrice), lot.unit_price_usd);
            self.int_at_least(at(LotField::Life), lot.life_months, 1);
            self.fraction(at(LotField::Uptime), lot.uptime);
            self.below_one(at(LotField::Degradation), lot.annual_degradation);
            self.fraction(at(LotField::Salvage), lot.salvage_fraction);
            self.deposits(at(LotField::Deposits), &lot.deposits);
        }
    }

    /// A lot's deposits: each `months_before` at least 1 and given once, each
    /// fraction in 0..=1, together at most 1 (with a rounding tolerance, so
    /// 0.1 + 0.2 + 0.7 is whole).
    fn deposits(&mut self, at: FieldPath, deposits: &[Deposit]) {
        if !self.count(at, deposits.len(), MAX_ITEMS) {
            return;
        }
        let mut fractions_valid = true;
        for (i, d) in deposits.iter().enumerate() {
            let n = i + 1;
            if d.months_before < 1 {
                self.text(at, format!("deposit {n}: months_before must be at least 1 (is {})", d.months_before));
            } else if deposits[..i].iter().any(|e| e.months_before == d.months_before) {
                self.text(at, format!("deposit {n}: months_before {} is given twice (each appears once)", d.months_before));
            }
            if !d.fraction.is_finite() || !(0.0..=1.0).contains(&d.fraction) {
                fractions_valid = false;
                self.text(at, format!("deposit {n}: fraction must be between 0 and 1 (is {})", num(d.fraction)));
            }
        }
        // The sum is checked once each fraction is (a fraction of 1.5 is reported once).
        let total: f64 = deposits.iter().map(|d| d.fraction).sum();
        if fractions_valid && total > 1.0 + DEPOSIT_SUM_TOLERANCE {
            self.text(at, format!("the deposit fractions add up to {}; at most 1 (the whole price)", num(total)));
        }
    }

    /// `plan_start`: where a contract without a start month starts.
    fn power(&mut self, pw: &Power, plan_start: Month) {
        let contracts = if self.count(FieldPath::List(List::Contracts), pw.contracts.len(), MAX_ITEMS) { &pw.contracts[..] } else { &[] };
        for (i, k) in contracts.iter().enumerate() {
            let at = |f| FieldPath::Contract(i, f);
            self.non_negative(at(ContractField::Capacity), k.capacity_mw);
            self.money_non_negative(at(ContractField::Price), k.price_usd_per_mwh);
            self.growth(at(ContractField::Escalation), k.annual_escalation);
            let start = k.start_month.unwrap_or(plan_start);
            if let Some(end) = k.end_month
                && end < start
            {
                self.text(at(ContractField::End), format!("must not be before the start month {start} (is {end})"));
            }
        }
        let at = FieldPath::Power;
        self.range(at(PowerField::Pue), pw.pue, Some(1.0), None);
        self.range(at(PowerField::CurtailmentHours), pw.curtailment_hours_per_month, Some(0.0), Some(MAX_CURTAILMENT_HOURS));
        self.money_non_negative(at(PowerField::CurtailmentCredit), pw.curtailment_credit_usd_per_mwh);
        self.money_non_negative(at(PowerField::SiteOpex), pw.mining_opex_usd_per_mw_month);
    }

    fn hosting(&mut self, hosting: &[Lease]) {
        let leases = if self.count(FieldPath::List(List::Hosting), hosting.len(), MAX_ITEMS) { hosting } else { &[] };
        for (i, l) in leases.iter().enumerate() {
            let at = |f| FieldPath::Lease(i, f);
            self.non_negative(at(LeaseField::CriticalIt), l.critical_it_mw);
            self.range(at(LeaseField::Pue), l.pue, Some(1.0), None);
            self.int_at_least(at(LeaseField::Ramp), l.ramp_months, 1);
            self.int_at_least(at(LeaseField::Term), l.term_months, 1);
            self.money_non_negative(at(LeaseField::Rate), l.rate_usd_per_kw_month);
            self.growth(at(LeaseField::Escalation), l.annual_escalation);
            self.fraction(at(LeaseField::Utilization), l.utilization);
            self.money_non_negative(at(LeaseField::FitOut), l.fit_out_usd_per_mw);
            self.int_at_least(at(LeaseField::Build), l.build_months, 0);
            self.fraction(at(LeaseField::Opex), l.opex_fraction);
        }
    }

    fn opex(&mut self, o: &Opex) {
        self.fraction(FieldPath::Opex(OpexField::PoolFee), o.pool_fee);
        self.money_non_negative(FieldPath::Opex(OpexField::Sga), o.sga_usd_per_month);
        self.fraction(FieldPath::Opex(OpexField::TaxRate), o.tax_rate);
        self.fraction(FieldPath::Opex(OpexField::LossLimit), o.loss_limit_fraction);
        self.money_non_negative(FieldPath::Opex(OpexField::OpeningLosses), o.opening_tax_losses_usd);
    }

    fn financing(&mut self, f: &Financing) {
        let at = |x| FieldPath::Financing(x, Part::Whole);
        self.non_negative(at(FinancingField::OpeningBtc), f.opening_btc);
        self.positive(at(FinancingField::Shares), f.shares_outstanding);
        self.path(at(FinancingField::SharePrice), &f.share_price_usd, true);
        self.fraction(at(FinancingField::BtcSold), f.btc_sell_fraction);
        self.money_non_negative(at(FinancingField::MinCash), f.min_cash_usd);
        if let Some(cov) = f.covenant_max_leverage {
            self.positive(at(FinancingField::Covenant), cov);
        }
        self.non_negative(at(FinancingField::CashInterest), f.cash_interest_rate);
        let debt = if self.count(FieldPath::List(List::Debt), f.debt.len(), MAX_ITEMS) { &f.debt[..] } else { &[] };
        for (i, d) in debt.iter().enumerate() {
            self.instrument(i, d);
        }
        let raises = if self.count(FieldPath::List(List::Raises), f.equity_raises.len(), MAX_ITEMS) { &f.equity_raises[..] } else { &[] };
        for (i, r) in raises.iter().enumerate() {
            let at = |x| FieldPath::Raise(i, x);
            self.money_non_negative(at(RaiseField::Amount), r.amount_usd);
            self.below_one(at(RaiseField::Discount), r.discount);
            self.fraction(at(RaiseField::Fees), r.fee_fraction);
        }
    }

    /// `financing.debt[i]`.
    fn instrument(&mut self, i: usize, d: &Instrument) {
        let at = |x| FieldPath::Debt(i, x);
        if let DebtKind::Convertible { conversion_price_usd } = d.kind
            && conversion_price_usd <= Money::ZERO
        {
            self.text(at(DebtField::ConversionPrice), format!("must be greater than 0 (is {conversion_price_usd})"));
        }
        self.money_non_negative(at(DebtField::Principal), d.principal_usd);
        self.fraction(at(DebtField::Coupon), d.annual_rate);
        if d.maturity_month <= d.issue_month {
            self.text(at(DebtField::Maturity), format!("must be after the issue month {} (is {})", d.issue_month, d.maturity_month));
        }
        self.fraction(at(DebtField::IssueCost), d.issue_cost_fraction);
        if let Some(n) = d.accelerate_after_breach_months {
            self.int_at_least(at(DebtField::Accelerate), n, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Month;

    #[test]
    fn messages_speak_in_file_units_and_in_editor_units() {
        let mut s = Scenario::new_blank(Month::new(2026, 1).unwrap());
        s.fleet.push(Lot::new("Antminer S21 XP", 10, 270.0, 3645.0, 5000.into(), s.start_month));
        s.fleet[0].uptime = 1.5;
        s.power.curtailment_hours_per_month = 800.0;
        let p = validate(&s);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].to_string(), "fleet[0].uptime: must be between 0 and 1 (is 1.5)");
        assert_eq!(p[0].sentence(&s), "Lot 1 (Antminer S21 XP) › Uptime must be between 0 % and 100 % (is 150 %)");
        assert_eq!(p[1].message_as_edited(), "must be between 0 h/month and 744 h/month (is 800 h/month)");
    }

    #[test]
    fn tiny_and_huge_numbers_are_shown_short() {
        assert_eq!(num(1e-320), "1e-320");
        assert_eq!(num(2.5e300), "2.5e300");
        assert_eq!(num(0.25), "0.25");
        assert_eq!(num(0.0), "0");
    }

    fn blank_with_a_lot() -> Scenario {
        let mut s = Scenario::new_blank(Month::new(2026, 1).unwrap());
        s.fleet.push(Lot::new("S21", 10, 200.0, 3500.0, 5000.into(), s.start_month));
        assert_eq!(validate(&s), vec![]);
        s
    }

    #[test]
    fn every_month_of_the_horizon_is_a_calendar_month() {
        let mut s = blank_with_a_lot();
        s.start_month = Month::new(9999, 12).unwrap();
        s.horizon_months = 60;
        s.fleet[0].deploy_month = s.start_month;
        let p = validate(&s);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].path(), "start_month");
        assert!(p[0].message().contains("past 9999-12") && p[0].message().contains("start in 9995-01 or earlier"), "{}", p[0]);
        s.start_month = Month::new(9995, 1).unwrap();
        assert_eq!(validate(&s), vec![]);
        s.horizon_months = 1;
        s.start_month = Month::new(9999, 12).unwrap();
        assert_eq!(validate(&s), vec![]);
    }

    #[test]
    fn tiny_physical_inputs_are_refused() {
        let mut s = blank_with_a_lot();
        s.fleet[0].hashrate_ths = 1e-320;
        s.fleet[0].power_w = 0.5;
        s.market.network_hashrate_ehs = Series::Points(vec![(s.start_month, 1e-9)]);
        let p: Vec<String> = validate(&s).iter().map(|p| p.to_string()).collect();
        assert_eq!(
            p,
            [
                "market.network_hashrate_ehs.points[0]: must be at least 0.000001 (is 1e-9)",
                "fleet[0].hashrate_ths: must be at least 0.001 (is 1e-320)",
                "fleet[0].power_w: must be at least 1 (is 0.5)",
            ]
        );
        // Zero keeps its own message.
        s = blank_with_a_lot();
        s.fleet[0].hashrate_ths = 0.0;
        assert_eq!(validate(&s)[0].message(), "must be greater than 0 (is 0)");
    }

    #[test]
    fn lists_are_capped_with_the_cap_and_the_reason() {
        let mut s = blank_with_a_lot();
        s.fleet = vec![s.fleet[0].clone(); MAX_LOTS];
        assert_eq!(validate(&s), vec![]);
        s.fleet.push(s.fleet[0].clone());
        s.fleet[3].uptime = 7.0; // not reported: the list itself is refused
        let p = validate(&s);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].to_string(), format!("fleet: has 10001 items; at most 10000 are allowed ({CAP_WHY})"));
        let mut s = blank_with_a_lot();
        let k = Contract {
            name: "PPA".into(),
            capacity_mw: 1.0,
            price_usd_per_mwh: 40.into(),
            annual_escalation: 0.0,
            start_month: None,
            end_month: None,
        };
        s.power.contracts = vec![k; MAX_ITEMS + 1];
        assert_eq!(validate(&s)[0].path(), "power.contracts");
        let mut s = blank_with_a_lot();
        s.market.btc_price_usd = Series::Points((0..=MAX_POINTS as i64).map(|i| (s.start_month.offset(i), 1.0)).collect());
        let p = validate(&s);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].path(), "market.btc_price_usd");
        assert!(p[0].message().contains("at most 1200"), "{}", p[0]);
    }
}
