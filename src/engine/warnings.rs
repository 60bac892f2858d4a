//! Constraint warnings: where a rule of the model silently changes the result
//! (machines left idle for want of power, a hosting lease that gets less power
//! than it reserves, a lot that economic shutdown keeps off for good, a lender
//! that calls its debt). They
//! are not errors: the projection is valid. Each one is read from the values
//! the engine itself computed (capacity, nameplate, reservations, each lot's
//! hashrate), names where it lives as a [`FieldPath`], and says what happens
//! in the user's words.

use super::financing::Acceleration;
use super::hosting::Shortfall;
use super::output::MonthRow;
use crate::model::field::{Block, DebtField, Item, LeaseField, List, LotField, item_words};
use crate::model::{FieldPath, Month, Scenario};

/// A constraint that changes the result, with where it lives and a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// The field or list the warning is about (its block is the editor section).
    pub at: FieldPath,
    /// What happens, in the user's words.
    pub text: String,
}

impl Warning {
    /// The block (editor section) the warning belongs to.
    pub fn block(&self) -> Block {
        self.at.block()
    }
}

/// Below this many MW a difference is rounding, not idle machines.
const TOLERANCE_MW: f64 = 1e-6;

/// Lots that economic shutdown keeps off are named one by one up to this
/// many; the rest share one warning (a plan with 60 such lots needs one line, not 60).
const MAX_LOTS_NAMED: usize = 5;

/// Every warning of a projection, in section order: fleet, then hosting.
/// `ran` says of each lot (file order) whether it hashed in any month;
/// `short` the leases' reservation shortfalls (file order).
pub(crate) fn warnings(
    s: &Scenario,
    months: &[MonthRow],
    ran: &[bool],
    short: &[Option<Shortfall>],
    accelerations: &[Acceleration],
) -> Vec<Warning> {
    let mut out = Vec::new();
    out.extend(idle_fleet(months));
    out.extend(lots_switched_off(s, months, ran));
    for (i, sh) in short.iter().enumerate() {
        if let Some(sh) = sh {
            out.push(lease_short(s, months, i, sh));
        }
    }
    out.extend(accelerations.iter().map(|a| accelerated(s, a)));
    out
}

/// (d) A lender called its debt after consecutive covenant breaches.
fn accelerated(s: &Scenario, a: &Acceleration) -> Warning {
    let name = item_words(Item { list: List::Debt, index: a.instrument }, s);
    let after = s.financing.debt.get(a.instrument).and_then(super::terms::accelerate_after).unwrap_or(0);
    Warning {
        at: FieldPath::Debt(a.instrument, DebtField::Name),
        text: format!(
            "{name} is accelerated in {}: after {after} month{} in breach of the covenant the lender calls the whole {} balance, repaid in cash that month.",
            s.start_month.offset(a.month),
            if after == 1 { "" } else { "s" },
            crate::units::usd(a.amount_usd)
        ),
    }
}

fn mw(v: f64) -> String {
    crate::units::thousands(v, 1)
}

/// "from 2027-03 until 2028-01", "from 2027-03 to the end of the plan", "in 2027-03".
fn stretch(months: &[MonthRow], first: usize, last: usize) -> String {
    let at = |i: usize| months.get(i).map(|r| r.month).unwrap_or_default();
    if first == last && last + 1 < months.len() {
        format!("in {}", at(first))
    } else if last + 1 >= months.len() {
        format!("from {} to the end of the plan", at(first))
    } else {
        format!("from {} until {}", at(first), at(last))
    }
}

/// (a) Fleet nameplate above the mining capacity: the first stretch of months
/// with idle machines, how many MW at its start and at most.
fn idle_fleet(months: &[MonthRow]) -> Option<Warning> {
    let idle = |r: &MonthRow| {
        let gap = r.fleet_nameplate_mw - r.mining_capacity_mw;
        if gap > TOLERANCE_MW * r.fleet_nameplate_mw.max(1.0) { gap } else { 0.0 }
    };
    let first = months.iter().position(|r| idle(r) > 0.0)?;
    let len = months[first..].iter().take_while(|r| idle(r) > 0.0).count();
    let last = first + len - 1;
    let peak = months[first..=last].iter().map(idle).fold(0.0, f64::max);
    let later = months[last + 1..].iter().filter(|r| idle(r) > 0.0).count();
    let mut text = format!(
        "Fleet nameplate is above the mining power available: {} MW of machines stand idle {}",
        mw(idle(&months[first])),
        stretch(months, first, last)
    );
    if peak > idle(&months[first]) * (1.0 + 1e-9) {
        text.push_str(&format!(" (up to {} MW)", mw(peak)));
    }
    if later > 0 {
        text.push_str(&format!(", and again in {later} later month{}", if later == 1 { "" } else { "s" }));
    }
    text.push_str(". Mining power is what the contracts have left after hosting, plus flex MW.");
    Some(Warning { at: FieldPath::List(List::Fleet), text })
}

/// (c) A lot that never hashes although it is alive, with power left over in
/// at least one of its months: economic shutdown kept it off. Lots that only
/// lacked power are the idle-fleet warning's business.
fn lots_switched_off(s: &Scenario, months: &[MonthRow], ran: &[bool]) -> Vec<Warning> {
    let h = months.len();
    if !s.power.economic_shutdown || ran.is_empty() || s.power.curtailment_hours_per_month >= 28.0 * 24.0 {
        return Vec::new(); // a fully curtailed month hashes nothing whatever runs
    }
    // Months with power left over, counted up to each month: one pass, then O(1) per lot.
    let mut room_before = Vec::with_capacity(h + 1);
    room_before.push(0usize);
    for r in months {
        let room = r.mining_used_mw < r.mining_capacity_mw - TOLERANCE_MW;
        room_before.push(room_before.last().copied().unwrap_or(0) + usize::from(room));
    }
    let mut out = Vec::new();
    let mut more: Vec<usize> = Vec::new();
    for (i, lot) in s.fleet.iter().enumerate() {
        if lot.units <= 0 || lot.power_w <= 0.0 || lot.uptime <= 0.0 || lot.hashrate_ths <= 0.0 {
            continue; // it would hash nothing even when running
        }
        let deploy = lot.deploy_month.since(s.start_month).max(0);
        let end = lot.deploy_month.since(s.start_month).saturating_add(lot.life_months.max(1)).min(h as i64);
        if deploy >= end {
            continue; // not alive inside the horizon
        }
        let alive = deploy as usize..end as usize;
        if room_before[alive.end] == room_before[alive.start] {
            continue; // power ran out in every month it was alive: not shutdown's doing
        }
        let ran = ran.get(i).copied().unwrap_or(false);
        if !ran && out.len() >= MAX_LOTS_NAMED {
            more.push(i);
        } else if !ran {
            let name = item_words(Item { list: List::Fleet, index: i }, s);
            out.push(Warning {
                at: FieldPath::Lot(i, LotField::Model),
                text: format!(
                    "{name} never runs: economic shutdown switches it off in every month from {} to {} because its mining revenue per MWh does not cover the energy price.",
                    months[alive.start].month,
                    months[alive.end - 1].month
                ),
            });
        }
    }
    if let Some(&first) = more.first() {
        let numbers: Vec<String> = more.iter().take(12).map(|i| (i + 1).to_string()).collect();
        let tail = if more.len() > 12 { ", …" } else { "" };
        out.push(Warning {
            at: FieldPath::Lot(first, LotField::Model),
            text: format!(
                "{} more lot{} never run{} for the same reason: economic shutdown keeps {} off (lot{} {}{tail}).",
                more.len(),
                if more.len() == 1 { "" } else { "s" },
                if more.len() == 1 { "s" } else { "" },
                if more.len() == 1 { "it" } else { "them" },
                if more.len() == 1 { "" } else { "s" },
                numbers.join(", ")
            ),
        });
    }
    out
}

/// (b) A lease whose reservation the contracts could not cover.
fn lease_short(s: &Scenario, months: &[MonthRow], i: usize, sh: &Shortfall) -> Warning {
    let name = item_words(Item { list: List::Hosting, index: i }, s);
    let (first, last) = (sh.first.max(0) as usize, sh.last.max(0) as usize);
    let when = if first == last {
        format!("in {}", month_at(months, first))
    } else {
        format!("between {} and {}", month_at(months, first), month_at(months, last))
    };
    Warning {
        at: FieldPath::Lease(i, LeaseField::CriticalIt),
        text: format!(
            "{name} reserves {} MW (critical IT × PUE) but the power contracts have only {} MW left for it {when} ({} MW short); its revenue is still booked in full.",
            mw(sh.asked_mw),
            mw((sh.asked_mw - sh.max_short_mw).max(0.0)),
            mw(sh.max_short_mw)
        ),
    }
}

fn month_at(months: &[MonthRow], i: usize) -> Month {
    months.get(i).map(|r| r.month).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::project;
    use crate::model::{Contract, Lease, Lot};
    use rust_decimal::Decimal;

    fn month(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    /// 12 months from 2026-01; BTC 95k, 1,100 EH/s: hashprice about $39/PH/day,
    /// so a 17.5 J/TH machine earns about $93/MWh and a 100 J/TH one about $16/MWh.
    fn plan(contracts: &[(f64, i64)]) -> Scenario {
        let mut s = Scenario::new_blank(month("2026-01"));
        s.horizon_months = 12;
        s.power.contracts = contracts.iter().map(|&(mw, usd)| Contract::new("grid", mw, Decimal::new(usd, 0))).collect();
        s
    }

    /// `units` machines of 200 TH/s at 3,500 W: 3.5 MW per 1,000 units at PUE 1.
    fn s21(units: i64, deploy: &str) -> Lot {
        Lot::new("Antminer S21", units, 200.0, 3500.0, Decimal::new(3000, 0), month(deploy))
    }

    fn warnings_of(s: &Scenario) -> Vec<Warning> {
        project(s).expect("valid plan").warnings
    }

    #[test]
    fn a_fleet_above_the_power_says_how_many_mw_stand_idle_and_from_when() {
        // 10 MW all year, plus 5 MW until June: 15 MW, then 10 MW from July.
        // Fleet: 4,000 S21 = 14 MW, joined in October by 1,000 more (3.5 MW).
        // Idle: 0 until June, 4 MW from July, 7.5 MW from October, to the end.
        let mut s = plan(&[(10.0, 40)]);
        let mut extra = Contract::new("summer", 5.0, Decimal::new(40, 0));
        extra.end_month = Some(month("2026-06"));
        s.power.contracts.push(extra);
        s.fleet = vec![s21(4000, "2026-01"), s21(1000, "2026-10")];
        let w = warnings_of(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].at, FieldPath::List(List::Fleet));
        assert_eq!(w[0].block(), Block::Fleet);
        assert!(w[0].text.contains("4.0 MW of machines stand idle from 2026-07 to the end of the plan"), "{}", w[0].text);
        assert!(w[0].text.contains("(up to 7.5 MW)"), "{}", w[0].text);
    }

    #[test]
    fn an_idle_stretch_that_ends_says_until_when() {
        // 14 MW of machines on 10 MW; a 5 MW contract starts in April: idle 4 MW in January to March.
        let mut s = plan(&[(10.0, 40)]);
        let mut later = Contract::new("new line", 5.0, Decimal::new(40, 0));
        later.start_month = Some(month("2026-04"));
        s.power.contracts.push(later);
        s.fleet = vec![s21(4000, "2026-01")];
        let w = warnings_of(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].text.contains("4.0 MW of machines stand idle from 2026-01 until 2026-03."), "{}", w[0].text);
    }

    #[test]
    fn a_fleet_that_fits_has_no_warning() {
        let mut s = plan(&[(14.0, 40)]);
        s.fleet = vec![s21(4000, "2026-01")]; // exactly 14 MW
        assert!(warnings_of(&s).is_empty());
    }

    #[test]
    fn a_lease_reserving_more_than_the_contracts_have_is_named_with_its_shortfall() {
        // 10 MW critical IT × PUE 1.3 = 13 MW asked, 10 MW of contracts: 3 MW short, from its start in March.
        let mut s = plan(&[(10.0, 40)]);
        s.hosting.push(Lease::new("CoreWeave", 10.0, month("2026-03"), 6, Decimal::new(100, 0)));
        let w = warnings_of(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].at, FieldPath::Lease(0, LeaseField::CriticalIt));
        assert_eq!(w[0].block(), Block::Hosting);
        let t = &w[0].text;
        assert!(t.starts_with("Lease 1 (CoreWeave) reserves 13.0 MW"), "{t}");
        assert!(t.contains("only 10.0 MW left for it between 2026-03 and 2026-08 (3.0 MW short)"), "{t}");
    }

    #[test]
    fn a_lease_the_contracts_cover_has_no_warning() {
        let mut s = plan(&[(13.0, 40)]);
        s.hosting.push(Lease::new("CoreWeave", 10.0, month("2026-03"), 6, Decimal::new(100, 0)));
        assert!(warnings_of(&s).is_empty());
    }

    #[test]
    fn a_lot_economic_shutdown_keeps_off_is_named_in_words() {
        // S21 (17.5 J/TH) runs at $40/MWh; an S9 (100 J/TH, earns ~$16/MWh) never does, with power to spare.
        let mut s = plan(&[(10.0, 40)]);
        s.fleet = vec![s21(1000, "2026-01"), Lot::new("Antminer S9", 1000, 13.5, 1350.0, Decimal::new(50, 0), month("2026-01"))];
        let w = warnings_of(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].at, FieldPath::Lot(1, LotField::Model));
        assert!(w[0].text.starts_with("Lot 2 (Antminer S9) never runs: economic shutdown switches it off"), "{}", w[0].text);
        // Without economic shutdown it runs: no warning.
        s.power.economic_shutdown = false;
        assert!(warnings_of(&s).is_empty());
    }

    #[test]
    fn many_lots_kept_off_are_named_five_by_five_then_counted() {
        // One S21 and eight S9s with power to spare: five S9s named, the other three in one line.
        let mut s = plan(&[(100.0, 40)]);
        s.fleet = vec![s21(1000, "2026-01")];
        for _ in 0..8 {
            s.fleet.push(Lot::new("Antminer S9", 100, 13.5, 1350.0, Decimal::new(50, 0), month("2026-01")));
        }
        let w = warnings_of(&s);
        assert_eq!(w.len(), MAX_LOTS_NAMED + 1, "{w:?}");
        assert!(w[0].text.starts_with("Lot 2 (Antminer S9) never runs"), "{}", w[0].text);
        assert!(w[4].text.starts_with("Lot 6 (Antminer S9) never runs"), "{}", w[4].text);
        assert_eq!(w[5].at, FieldPath::Lot(6, LotField::Model));
        assert!(w[5].text.starts_with("3 more lots never run for the same reason"), "{}", w[5].text);
        assert!(w[5].text.contains("(lots 7, 8, 9)"), "{}", w[5].text);
    }

    #[test]
    fn a_lot_kept_off_by_lack_of_power_is_not_blamed_on_shutdown() {
        // The S9 is economic at $5/MWh but the 3.5 MW contract is full with the S21: only the idle-fleet warning.
        let mut s = plan(&[(3.5, 5)]);
        s.fleet = vec![s21(1000, "2026-01"), Lot::new("Antminer S9", 2000, 13.5, 1350.0, Decimal::new(50, 0), month("2026-01"))];
        let w = warnings_of(&s);
        assert_eq!(w.iter().map(|w| w.at).collect::<Vec<_>>(), vec![FieldPath::List(List::Fleet)], "{w:?}");
        assert!(w[0].text.contains("2.7 MW of machines stand idle"), "{}", w[0].text);
    }
}
