//! What a new plan (File › New), a new hosting lease or a new fleet lot starts with:
//! figures from public deals and company reports (gathered in the project's
//! domain facts), each constant with its source, instead of zeros. These are
//! starting points for a person to edit, not the file format's defaults
//! (a field missing from a file reads as its format says: `format::v1` and
//! the other frozen formats; `model::DEFAULT_UPTIME` and its neighbours are
//! the newest format's, which `Lot::new` and `Lease::new` fill in).
//! Three figures the domain facts lack (a lease's utilisation, a lot's
//! salvage value and hashrate fade) come from other public reports, named in
//! their notes; `docs/model.md` ("Starting values") lists them all.

use crate::model::field::{DebtField, FinancingField, LeaseField, LotField, MarketField, OpexField, PlanField};
use crate::model::{DebtKind, Deposit, FieldPath, Instrument, Lease, Lot, Month, Scenario, Series};
use rust_decimal::Decimal;

/// Fit-out (conversion) capex per critical MW, USD: the middle of the
/// $8–11 M per critical MW quoted for HPC builds in 2025.
/// Source: domain-facts.md, "AI/HPC hosting deals" and "Hosting lease economics".
pub const LEASE_FIT_OUT_USD_PER_MW: i64 = 9_500_000;

/// Lease rate, USD per kW of critical IT per month: TeraWulf–Fluidstack,
/// $3.7 B over 10 years for > 200 MW (≈ $150/kW-month); the 2025 deals
/// span $100–160. Source: domain-facts.md, "AI/HPC hosting deals".
pub const LEASE_RATE_USD_PER_KW_MONTH: i64 = 150;

/// Hosting opex as a share of lease revenue: operating margins of 80–85 %
/// quoted for the 2025 leases, so opex 15–20 %; the middle.
/// Source: domain-facts.md, "Hosting lease economics".
pub const LEASE_OPEX_FRACTION: f64 = 0.175;

/// Months of build before the rent starts: Cipher–AWS rent begins about
/// nine months after signing. Source: domain-facts.md, "Hosting lease economics".
pub const LEASE_BUILD_MONTHS: i64 = 9;

/// Lease term: 10 years (TeraWulf–Fluidstack, Cipher–Fluidstack; others run
/// 12–15 years). Source: domain-facts.md, "AI/HPC hosting deals".
pub const LEASE_TERM_MONTHS: i64 = 120;

/// Critical IT of a new lease, MW: a first phase, well below the 168–500 MW
/// deals of 2025 (domain-facts.md), sized to a mid-size miner's site.
pub const LEASE_CRITICAL_IT_MW: f64 = 50.0;

/// Share of hours a machine hashes: realised ÷ energized hashrate,
/// CleanSpark 29.6 of 31.3 EH/s (95 %) in Oct 2024; MARA ran at 81 %.
/// Source: domain-facts.md, "Operating figures". A new lot in the editor
/// starts here; a lot whose file leaves `uptime` out reads as its format
/// says (0.97: `model::DEFAULT_UPTIME`, `format::v1::DEFAULT_UPTIME`).
pub const LOT_UPTIME: f64 = 0.95;

/// Average IT load over the leased critical IT: AI data centres report GPU
/// utilisation of 60–70 % (AIxEnergy, "The Utilization Paradox", 2025, citing
/// LBNL, Google and Microsoft studies), and data centres overall draw closer
/// to 50 % of their capacity on average (T. Norris, Power Policy, "The
/// Puzzle of Low Data Center Utilization Rates", 2025); an AI tenant's
/// cluster runs at the top of that range.
pub const LEASE_UTILIZATION: f64 = 0.70;

/// Resale value at the end of a machine's life, as a share of its price: a
/// used Antminer S19 sold for about $7,030 in March 2022 and about $427 two
/// years later (6 %), with about $356 expected after the 2024 halving
/// (Bloomberg, March 2024, citing Luxor); the new-generation price tier fell
/// from $101/TH to $15/TH within 2022 (domain-facts.md, ASIC prices).
pub const LOT_SALVAGE_FRACTION: f64 = 0.05;

/// Hashrate a lot loses per year on top of its uptime: none. Machines fail
/// and are repaired rather than fade (Compass Mining reported failure rates
/// of about 10 % on S19 XPs in April 2023, sent to repair and redeployed),
/// and the uptime default is realised ÷ energized hashrate, which already
/// counts the machines down for repair; a fade here would count them twice.
pub const LOT_ANNUAL_DEGRADATION: f64 = 0.0;

/// Machines in a new lot.
pub const LOT_UNITS: i64 = 1000;

/// Months from signing to delivery of a new lot: floe's choice. The filed
/// terms (below) date the first payment from the signing and the others
/// from shipment; 7 months is the latest signing that keeps the three
/// payments in separate months (one before the 6-month instalment). A new
/// lot is signed in the plan's first month and delivered this many months
/// later, so every payment falls inside the plan (a lot delivered in the
/// first month would have paid its deposits before the start: sunk).
pub const LOT_LEAD_MONTHS: i64 = 7;

/// The deposit schedule of a new lot, `(months before delivery, share of the
/// price)`: Bitmain's 2021 terms as filed by MARA, 25 % within 7 days of
/// signing, 35 % at least 6 months before shipment, 40 % one month before
/// (domain-facts.md, "Format-2 facts"). Shipment is taken as the deploy
/// month; signing is [`LOT_LEAD_MONTHS`] before it. Nothing is left to pay on delivery.
pub const LOT_DEPOSITS: [(i64, f64); 3] = [(LOT_LEAD_MONTHS, 0.25), (6, 0.35), (1, 0.40)];

/// A new lot is sold for its salvage value when it retires: used machines
/// do sell (an S19 fetched about $427 in March 2024, Bloomberg citing
/// Luxor; domain-facts.md, "Used machines").
pub const LOT_SOLD_AT_RETIREMENT: bool = true;

/// [`LOT_DEPOSITS`] as a lot's deposits.
pub fn deposits() -> Vec<Deposit> {
    LOT_DEPOSITS.iter().map(|&(months_before, fraction)| Deposit { months_before, fraction }).collect()
}

/// The month a new lot ordered in `start` is delivered.
pub fn lot_delivery(start: Month) -> Month {
    start.offset(LOT_LEAD_MONTHS)
}

/// A new plan carries tax losses forward (US rule since 2018: indefinitely,
/// Tax Cuts and Jobs Act, section 13302; domain-facts.md, "Format-2 facts").
pub const PLAN_TAX_LOSS_CARRYFORWARD: bool = true;

/// Share of a period's taxable income a carried loss may offset: 80 %
/// (Tax Cuts and Jobs Act, section 13302).
pub const PLAN_LOSS_LIMIT_FRACTION: f64 = 0.8;

/// A new plan carries bitcoin at fair value through net income: ASU 2023-08,
/// required of US filers for years from 1 January 2025 (domain-facts.md,
/// "Format-2 facts").
pub const PLAN_BTC_FAIR_VALUE: bool = true;

/// Annual discount rate for NPV: a choice, no source (the format's default).
pub const PLAN_DISCOUNT_RATE: f64 = 0.10;

/// Annual interest earned on cash: 0, a choice (the format's default). US
/// Treasury bills yielded about 4 % in 2025, for context.
pub const PLAN_CASH_INTEREST_RATE: f64 = 0.0;

/// The covenant-breach months after which a lender accelerates, once the
/// user switches the trigger on: a choice, no source (a quarter, the period
/// covenants are usually tested over). New instruments leave it off.
pub const ACCELERATE_AFTER_MONTHS: i64 = 3;

/// The last BTC price in the domain facts: about $91,000 on 2026-01-12.
/// A new plan keeps it flat: the user sets the path they believe in.
pub const PLAN_BTC_PRICE_USD: f64 = 91_000.0;

/// Network hashrate, EH/s: the December 2025 monthly average (1,045 EH/s),
/// the last in the domain facts.
pub const PLAN_NETWORK_EHS: f64 = 1_045.0;

/// Yearly network growth: the last year's, 771 EH/s (December 2024, 30-day)
/// to 1,045 EH/s (December 2025), about 35 %.
pub const PLAN_NETWORK_GROWTH: f64 = 0.35;

/// Fees per block, BTC: 0.55–0.62 % of the 3.125 BTC block reward
/// (November 2025 – January 2026), about 0.02 BTC.
pub const PLAN_FEES_BTC_PER_BLOCK: f64 = 0.02;

/// New hardware, USD per TH/s: the Antminer S21 XP at $25.70 (November 2025).
pub const PLAN_HARDWARE_USD_PER_TH: (i64, u32) = (2570, 2);

/// The 2024 halving: block 840,000 was found on 2024-04-20 (domain facts,
/// protocol), and blocks come at about 144 a day.
const HALVING_2024: (i32, u32, u32, i64) = (2024, 4, 20, 840_000);

/// The block height at the start of month `m`, counted from the 2024
/// halving at 144 blocks a day (so block 1,050,000, the next halving, falls
/// in spring 2028 as the domain facts expect). Never below 0.
pub fn block_height_at(m: Month) -> i64 {
    let (y, mo, day, height) = HALVING_2024;
    let anchor = Month::new(y, mo).unwrap_or(m);
    // Days from the anchor month's first day to `m`'s first day.
    let days: i64 = if m >= anchor {
        (0..m.since(anchor)).map(|k| i64::from(anchor.offset(k).days())).sum()
    } else {
        -(0..anchor.since(m)).map(|k| i64::from(m.offset(k).days())).sum::<i64>()
    };
    let days = days - i64::from(day - 1);
    (height + 144 * days).max(0)
}

/// A new, empty plan starting in `start`, with the market as the domain facts
/// last saw it and the block height of that month (a blank plan that kept
/// 2025's height would put the 2028 halving a year late).
pub fn plan(start: Month) -> Scenario {
    let mut s = Scenario::new_blank(start);
    let m = &mut s.market;
    m.btc_price_usd = Series::Growth { start: PLAN_BTC_PRICE_USD, annual_growth: 0.0 };
    m.network_hashrate_ehs = Series::Growth { start: PLAN_NETWORK_EHS, annual_growth: PLAN_NETWORK_GROWTH };
    m.fees_btc_per_block = Series::constant(PLAN_FEES_BTC_PER_BLOCK);
    m.start_block_height = block_height_at(start);
    m.new_hardware_usd_per_th = Decimal::new(PLAN_HARDWARE_USD_PER_TH.0, PLAN_HARDWARE_USD_PER_TH.1);
    s.opex.tax_loss_carryforward = PLAN_TAX_LOSS_CARRYFORWARD;
    s.opex.loss_limit_fraction = PLAN_LOSS_LIMIT_FRACTION;
    s.financing.btc_fair_value = PLAN_BTC_FAIR_VALUE;
    s.financing.cash_interest_rate = PLAN_CASH_INTEREST_RATE;
    s.valuation.discount_rate = PLAN_DISCOUNT_RATE;
    s
}

/// Coupon of a new senior secured note: TeraWulf's $3.2 B 7.75 % notes due
/// October 2030 (October 2025); secured notes for HPC builds priced at 7–8 %.
pub const SECURED_NOTE_RATE: f64 = 0.0775;

/// Term of a new secured note: five years (TeraWulf, Oct 2025 to Oct 2030;
/// Cipher Compute, Nov 2025 to Nov 2030).
pub const SECURED_NOTE_MONTHS: i64 = 60;

/// Coupon of a new convertible: 0 %, as most 2025 miner converts (MARA,
/// CleanSpark, TeraWulf's October issue, Cipher, IREN's 2031s); TeraWulf
/// (August) paid 1 %, Bitfarms 1.375 %.
pub const CONVERTIBLE_RATE: f64 = 0.0;

/// Conversion premium over the share price at issue: 2025 premiums
/// clustered at 27–40 % (Bitfarms 30 %, IREN 30 %, CleanSpark 27.5 %).
pub const CONVERTIBLE_PREMIUM: f64 = 0.30;

/// Term of a new convertible: about six years (2025 issues mature in
/// 2031–2032).
pub const CONVERTIBLE_MONTHS: i64 = 72;

/// Principal of a new instrument: a size to edit (2025 deals ran from
/// $500 M to $3.2 B for the largest miners).
pub const INSTRUMENT_PRINCIPAL_USD: i64 = 100_000_000;

/// The kinds of debt the editor offers with sourced terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewDebt {
    SecuredNote,
    Convertible,
    /// A loan whose terms the user enters (no public figure to start from).
    OtherLoan,
}

impl NewDebt {
    pub const ALL: [NewDebt; 3] = [NewDebt::SecuredNote, NewDebt::Convertible, NewDebt::OtherLoan];

    /// The menu entry.
    pub fn label(self) -> &'static str {
        match self {
            NewDebt::SecuredNote => "Secured note (7.75 %, 5 years)",
            NewDebt::Convertible => "Convertible note (0 %, 30 % premium, 6 years)",
            NewDebt::OtherLoan => "Other loan (enter its terms)",
        }
    }

    /// Where the terms come from, for the menu entry's tooltip.
    pub fn source(self) -> &'static str {
        match self {
            NewDebt::SecuredNote => {
                "TeraWulf's $3.2 B 7.75 % senior secured notes due October 2030; HPC build notes priced at 7–8 % in 2025 (source: domain-facts.md, financing)"
            }
            NewDebt::Convertible => {
                "Most 2025 miner converts paid no coupon (MARA, CleanSpark, Cipher); premiums clustered at 27–40 % over the share price at issue; maturities 2031–2032 (source: domain-facts.md, convertible terms)"
            }
            NewDebt::OtherLoan => {
                "A term loan at 8 % for three years: placeholders with no public source; enter the terms you were offered"
            }
        }
    }
}

/// The conversion price of a new convertible: the share price at issue plus
/// the 2025 premium, to the cent.
pub fn conversion_price(share_price: f64) -> Decimal {
    Decimal::from_f64_retain(share_price * (1.0 + CONVERTIBLE_PREMIUM)).unwrap_or(Decimal::ZERO).round_dp(2)
}

/// A new instrument of kind `k`, the plan's `n`-th, issued in `issue`; a
/// convertible converts at `share_price` (the share price at issue) plus the premium.
pub fn instrument(k: NewDebt, n: usize, issue: Month, share_price: f64) -> Instrument {
    let principal = Decimal::from(INSTRUMENT_PRINCIPAL_USD);
    match k {
        NewDebt::SecuredNote => Instrument::new(
            &format!("Secured note {n}"),
            DebtKind::SecuredNote,
            principal,
            SECURED_NOTE_RATE,
            issue,
            issue.offset(SECURED_NOTE_MONTHS),
        ),
        NewDebt::Convertible => {
            let kind = DebtKind::Convertible { conversion_price_usd: conversion_price(share_price) };
            Instrument::new(&format!("Convertible note {n}"), kind, principal, CONVERTIBLE_RATE, issue, issue.offset(CONVERTIBLE_MONTHS))
        }
        NewDebt::OtherLoan => Instrument::new(&format!("Loan {n}"), DebtKind::TermLoan, principal, 0.08, issue, issue.offset(36)),
    }
}

/// A new lease named `tenant` whose rent starts 12 months after `start`
/// (the build and ramp of most of a year before it), with sourced terms.
pub fn lease(tenant: &str, start: Month) -> Lease {
    let mut l = Lease::new(tenant, LEASE_CRITICAL_IT_MW, start.offset(12), LEASE_TERM_MONTHS, Decimal::from(LEASE_RATE_USD_PER_KW_MONTH));
    l.fit_out_usd_per_mw = Decimal::from(LEASE_FIT_OUT_USD_PER_MW);
    l.opex_fraction = LEASE_OPEX_FRACTION;
    l.build_months = LEASE_BUILD_MONTHS;
    l.power_passthrough = true; // Hut 8's lease is triple-net: the tenant pays the power
    l.utilization = LEASE_UTILIZATION;
    l
}

/// `lot`'s operating figures and payment terms set to the sourced defaults
/// (the machine's own specs, price and deploy month are kept).
pub fn operating(mut lot: Lot) -> Lot {
    lot.uptime = LOT_UPTIME;
    lot.salvage_fraction = LOT_SALVAGE_FRACTION;
    lot.annual_degradation = LOT_ANNUAL_DEGRADATION;
    lot.deposits = deposits();
    lot.sold_at_retirement = LOT_SOLD_AT_RETIREMENT;
    lot
}

/// The default of a field of a new lease or lot and where it comes from, for
/// its tooltip; `None` for fields without a note.
pub fn note(at: FieldPath) -> Option<&'static str> {
    use LeaseField as L;
    Some(match at {
        FieldPath::Lease(_, L::FitOut) => {
            "Default: $9.5 M per critical MW, the middle of the $8–11 M quoted for HPC builds in 2025 (source: domain-facts.md, hosting deals and lease economics)"
        }
        FieldPath::Lease(_, L::Rate) => {
            "Default: $150 per kW-month, TeraWulf–Fluidstack ($3.7 B over 10 years); 2025 deals span $100–160 (source: domain-facts.md, hosting deals)"
        }
        FieldPath::Lease(_, L::Opex) => {
            "Default: 17.5 % of revenue, from the 80–85 % operating margins quoted for 2025 leases (source: domain-facts.md, lease economics)"
        }
        FieldPath::Lease(_, L::Build) => {
            "Default: 9 months; Cipher–AWS rent starts about nine months after signing (source: domain-facts.md, lease economics)"
        }
        FieldPath::Lease(_, L::Term) => {
            "Default: 120 months, as TeraWulf–Fluidstack and Cipher–Fluidstack (10 years); others run 12–15 years (source: domain-facts.md, hosting deals)"
        }
        FieldPath::Lease(_, L::Passthrough) => {
            "Default: on; Hut 8's lease is triple-net, the tenant pays the power (source: domain-facts.md)"
        }
        FieldPath::Lease(_, L::Utilization) => {
            "Default: 70 %: AI data centres report 60–70 % GPU utilisation (AIxEnergy 2025, citing LBNL, Google and Microsoft); data centres overall average nearer 50 % of capacity (T. Norris, Power Policy 2025). It sets the tenant's energy (when not passed through) and the idle power flex mining can use"
        }
        FieldPath::Lease(_, L::Escalation) => {
            "Default: 0 %: annual rent escalators are common (TeraWulf) but domain-facts.md gives no rate; set your own"
        }
        FieldPath::Market(MarketField::BtcPrice, _) => {
            "Default for a new plan: $91,000, flat: the price on 2026-01-12, the last in domain-facts.md (all-time high about $126,000 on 2025-10-06). Set the path you believe in"
        }
        FieldPath::Market(MarketField::NetworkHashrate, _) => {
            "Default for a new plan: 1,045 EH/s (December 2025 average) growing 35 % a year, as it did from December 2024 (771 EH/s) (source: domain-facts.md, network)"
        }
        FieldPath::Market(MarketField::FeesPerBlock, _) => {
            "Default for a new plan: 0.02 BTC, fees of 0.55–0.62 % of the 3.125 BTC reward, November 2025 – January 2026 (source: domain-facts.md, network)"
        }
        FieldPath::Market(MarketField::StartBlockHeight, _) => {
            "Default for a new plan: counted from block 840,000 (the halving of 2024-04-20) at 144 blocks a day, so the next halving (block 1,050,000) falls in spring 2028 (source: domain-facts.md, protocol)"
        }
        FieldPath::Market(MarketField::NewHardwarePrice, _) => {
            "Default for a new plan: $25.70 per TH/s, the Antminer S21 XP in November 2025 (source: domain-facts.md, ASIC prices)"
        }
        FieldPath::Debt(_, DebtField::Coupon) => {
            "Default for a new secured note: 7.75 %, TeraWulf's senior secured notes of October 2025 (HPC build notes priced at 7–8 %); for a new convertible: 0 %, as most 2025 miner converts (source: domain-facts.md, financing and convertible terms)"
        }
        FieldPath::Debt(_, DebtField::ConversionPrice) => {
            "Default for a new convertible: 30 % over the share price at issue; 2025 premiums clustered at 27–40 % (source: domain-facts.md, convertible terms)"
        }
        FieldPath::Lot(_, LotField::Uptime) => {
            "Default for a new lot: 95 %, CleanSpark's realised ÷ energized hashrate in Oct 2024 (MARA: 81 %) (source: domain-facts.md, operating figures)"
        }
        FieldPath::Lot(_, LotField::Degradation) => {
            "Default for a new lot: 0 % a year, on purpose: machines fail and are repaired rather than fade (about 10 % of S19 XPs failed in 2023 and went to repair: Compass Mining), and the 95 % uptime default (realised ÷ energized hashrate, domain-facts.md) already counts the machines down for repair. Enter a fade only for boards you will not repair"
        }
        FieldPath::Lot(_, LotField::Salvage) => {
            "Default for a new lot: 5 % of the price: a used Antminer S19 fetched about $427 in March 2024, 6 % of the $7,030 it sold for two years earlier (Bloomberg, citing Luxor); the new-generation price tier fell from $101/TH to $15/TH within 2022 (source: domain-facts.md, ASIC prices)"
        }
        FieldPath::Lot(_, LotField::Deposits) => {
            "Default for a new lot: 25 % 7 months before delivery, 35 % 6 months before, 40 % 1 month before, nothing on delivery: Bitmain's 2021 terms as filed by MARA (25 % within 7 days of signing, 35 % at least 6 months before shipment, 40 % one month before; source: domain-facts.md, format-2 facts). Signing is placed 7 months before delivery, floe's choice: the latest that keeps the three payments in separate months. A new lot is signed in the plan's first month, so it is delivered 7 months later"
        }
        FieldPath::Lot(_, LotField::SoldAtRetirement) => {
            "Default for a new lot: on; used machines sell (an S19 fetched about $427 in March 2024, Bloomberg citing Luxor; source: domain-facts.md, used machines). The sale brings in the salvage value, which is the lot's book value then: no gain"
        }
        FieldPath::Opex(OpexField::LossCarryforward) => {
            "Default for a new plan: on; US tax losses since 2018 are carried forward indefinitely (Tax Cuts and Jobs Act, section 13302; source: domain-facts.md, format-2 facts). A plan read from format 1 has it off, as format 1 computed tax"
        }
        FieldPath::Opex(OpexField::LossLimit) => {
            "Default for a new plan: 80 %, the US limit since 2018 (Tax Cuts and Jobs Act, section 13302; source: domain-facts.md, format-2 facts)"
        }
        FieldPath::Opex(OpexField::OpeningLosses) => "Default: $0; enter the net operating losses your last tax return carries forward",
        FieldPath::Financing(FinancingField::BtcFairValue, _) => {
            "Default for a new plan: on; US filers carry bitcoin at fair value from 2025 (ASU 2023-08; source: domain-facts.md, format-2 facts). The change is in net income, never in EBITDA, leverage or taxable income. A plan read from format 1 has it off"
        }
        FieldPath::Financing(FinancingField::CashInterest, _) => {
            "Default: 0 %, a choice, not a sourced figure: enter what your cash earns (US Treasury bills yielded about 4 % in 2025, for context)"
        }
        FieldPath::Plan(PlanField::DiscountRate) => {
            "Default: 10 %, a choice, not a sourced figure: use your own cost of capital. It values the plan's free cash flow (NPV) and each investment's NPV; nothing after the horizon counts"
        }
        FieldPath::Debt(_, DebtField::Accelerate) => {
            "Default: off (the lender never calls the debt early), as no public term fits a general rule. Acceleration is how 2022's miner distress unfolded: Iris Energy's equipment loans received default and acceleration notices demanding repayment in full (source: domain-facts.md, covenants and acceleration). Switched on, it starts at 3 months (a quarter), floe's choice"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Scenario, validate};

    fn start() -> Month {
        Month::parse("2026-01").unwrap()
    }

    #[test]
    fn a_new_lease_validates_and_carries_the_sourced_costs() {
        let mut s = Scenario::new_blank(start());
        s.hosting.push(lease("Tenant 1", start()));
        assert_eq!(validate(&s), vec![], "a new lease is valid as it comes");
        let l = &s.hosting[0];
        assert_eq!(l.fit_out_usd_per_mw, Decimal::from(9_500_000));
        assert!((8e6..=11e6).contains(&(LEASE_FIT_OUT_USD_PER_MW as f64)), "within the quoted build cost");
        assert!((0.15..=0.20).contains(&l.opex_fraction), "opex from the 80–85 % margins");
        assert!((100..=160).contains(&LEASE_RATE_USD_PER_KW_MONTH), "within the 2025 deals");
        assert_eq!((l.build_months, l.term_months), (9, 120));
        assert!(l.start_month > s.start_month, "rent starts after the build");
        assert!(l.critical_it_mw > 0.0);
    }

    #[test]
    fn a_new_catalog_lot_validates_with_the_sourced_operating_figures() {
        let mut s = Scenario::new_blank(start());
        let m = crate::catalog::find("Antminer S21").expect("S21 in the catalog");
        s.fleet.push(operating(m.to_lot(LOT_UNITS, start())));
        assert_eq!(validate(&s), vec![]);
        let lot = &s.fleet[0];
        assert_eq!((lot.uptime, lot.salvage_fraction, lot.annual_degradation), (0.95, 0.05, 0.0));
        assert!(lot.units > 0 && lot.unit_price_usd > Decimal::ZERO && lot.life_months > 0);
    }

    /// `0.7` as the editor shows it: `70 %`.
    fn percent(x: f64) -> String {
        format!("{} %", (x * 100.0).round())
    }

    #[test]
    fn every_default_the_editor_sets_has_a_note_naming_its_source_and_value() {
        for at in [LeaseField::FitOut, LeaseField::Rate, LeaseField::Opex, LeaseField::Build, LeaseField::Term, LeaseField::Passthrough] {
            let n = note(FieldPath::Lease(0, at)).unwrap_or_else(|| panic!("{at:?} has no note"));
            assert!(n.starts_with("Default: ") && n.contains("source: domain-facts.md"), "{at:?}: {n}");
        }
        // Each note states the value the editor puts in and where it comes from.
        let stated = [
            (FieldPath::Lot(2, LotField::Uptime), percent(LOT_UPTIME), "domain-facts.md"),
            (FieldPath::Lot(0, LotField::Salvage), percent(LOT_SALVAGE_FRACTION), "Bloomberg"),
            (FieldPath::Lot(0, LotField::Degradation), percent(LOT_ANNUAL_DEGRADATION), "Compass Mining"),
            (FieldPath::Lease(0, LeaseField::Utilization), percent(LEASE_UTILIZATION), "Power Policy"),
            (FieldPath::Lease(0, LeaseField::Opex), format!("{:.1} %", LEASE_OPEX_FRACTION * 100.0), "domain-facts.md"),
        ];
        for (at, value, source) in stated {
            let n = note(at).unwrap_or_else(|| panic!("{at:?} has no note"));
            assert!(n.contains(&format!(": {value}")), "{at:?} states {value}: {n}");
            assert!(n.contains(source), "{at:?} names {source}: {n}");
        }
        // Nothing the editor fills in is left at an unexplained format default.
        for at in
            [FieldPath::Lot(0, LotField::Salvage), FieldPath::Lot(0, LotField::Degradation), FieldPath::Lease(0, LeaseField::Utilization)]
        {
            assert!(!note(at).unwrap().contains("format default"), "{at:?}");
        }
        assert_eq!(note(FieldPath::Lot(0, LotField::Units)), None);
    }

    #[test]
    fn the_block_height_follows_the_2024_halving_and_puts_the_next_in_spring_2028() {
        let m = |t: &str| Month::parse(t).unwrap();
        assert_eq!(block_height_at(m("2024-05")), 840_000 + 144 * 11, "11 days after 2024-04-20");
        // The shipped plans' own estimate: about 921,000 at the start of November 2025.
        assert!((block_height_at(m("2025-11")) - 921_000).abs() < 1_000, "{}", block_height_at(m("2025-11")));
        let halving = (0..60).map(|k| m("2026-01").offset(k)).find(|&x| block_height_at(x) >= 1_050_000).unwrap();
        assert!((m("2028-03")..=m("2028-05")).contains(&halving), "block 1,050,000 by {halving}");
        assert_eq!(block_height_at(m("1990-01")), 0, "never negative");
    }

    #[test]
    fn a_new_plan_starting_later_still_halves_in_2028() {
        let s = plan(Month::parse("2026-11").unwrap());
        assert_eq!(validate(&s), vec![]);
        assert_eq!(s.market.new_hardware_usd_per_th, Decimal::new(2570, 2));
        let p = crate::engine::project(&s).unwrap();
        let subsidy = |t: &str| p.months.iter().find(|r| r.month == Month::parse(t).unwrap()).unwrap().subsidy_btc;
        assert!(subsidy("2028-07") < 0.6 * subsidy("2027-12"), "the subsidy halves in spring 2028, not a year later");
        for f in [MarketField::BtcPrice, MarketField::NetworkHashrate, MarketField::FeesPerBlock, MarketField::StartBlockHeight] {
            assert!(note(FieldPath::Market(f, Default::default())).is_some_and(|n| n.contains("domain-facts.md")), "{f:?}");
        }
    }

    #[test]
    fn new_instruments_carry_the_2025_terms() {
        let s = plan(start());
        let note = instrument(NewDebt::SecuredNote, 1, start(), 10.0);
        assert_eq!((note.kind, note.annual_rate, note.maturity_month.since(note.issue_month)), (DebtKind::SecuredNote, 0.0775, 60));
        let share = s.financing.share_price_usd.value_at(s.start_month, 0);
        let conv = instrument(NewDebt::Convertible, 2, start(), share);
        let DebtKind::Convertible { conversion_price_usd } = conv.kind else { panic!("{:?}", conv.kind) };
        let premium = conversion_price_usd.to_string().parse::<f64>().unwrap() / share - 1.0;
        assert!((0.27..=0.40).contains(&premium), "premium {premium} within the 2025 cluster");
        assert_eq!(conv.annual_rate, 0.0);
        for k in NewDebt::ALL {
            let mut t = s.clone();
            t.financing.debt.push(instrument(k, 1, start(), share));
            assert_eq!(validate(&t), vec![], "{k:?}");
        }
        assert!(NewDebt::SecuredNote.source().contains("domain-facts.md") && NewDebt::Convertible.source().contains("domain-facts.md"));
    }

    #[test]
    fn a_new_lot_pays_the_bitmain_2021_schedule_inside_the_plan_and_is_sold_at_retirement() {
        let mut s = plan(start());
        let m = crate::catalog::find("Antminer S21").expect("S21 in the catalog");
        let lot = operating(m.to_lot(LOT_UNITS, lot_delivery(start())));
        let terms: Vec<(i64, f64)> = lot.deposits.iter().map(|d| (d.months_before, d.fraction)).collect();
        assert_eq!(terms, vec![(7, 0.25), (6, 0.35), (1, 0.40)], "25 % at signing, 35 % 6 months before, 40 % 1 month before");
        assert!(lot.sold_at_retirement);
        assert_eq!(lot.deploy_month, start().offset(LOT_LEAD_MONTHS));
        s.fleet.push(lot.clone());
        assert_eq!(validate(&s), vec![]);
        // Signed in the first month: every payment is inside the plan, none on delivery.
        let p = crate::engine::project(&s).unwrap();
        let price = lot.units as f64 * lot.unit_price_usd.to_string().parse::<f64>().unwrap();
        let capex: Vec<f64> = p.months.iter().take(8).map(|r| r.capex_usd).collect();
        for (k, share) in [(0, 0.25), (1, 0.35), (6, 0.40), (7, 0.0)] {
            assert!((capex[k] - share * price).abs() < 1.0, "month {k}: {} for {share}", capex[k]);
        }
        let note = note(FieldPath::Lot(0, LotField::Deposits)).unwrap();
        assert!(note.contains("MARA") && note.contains("domain-facts.md") && note.contains("7 months"), "{note}");
    }

    #[test]
    fn a_new_plan_keeps_its_books_as_us_filers_do() {
        let s = plan(start());
        assert!(s.opex.tax_loss_carryforward && s.financing.btc_fair_value);
        assert_eq!(s.opex.loss_limit_fraction, 0.8);
        assert_eq!((s.financing.cash_interest_rate, s.valuation.discount_rate), (0.0, 0.10));
        let n = |at| note(at).unwrap_or_else(|| panic!("{at:?} has no note"));
        assert!(n(FieldPath::Opex(OpexField::LossLimit)).contains("section 13302"));
        assert!(n(FieldPath::Opex(OpexField::LossCarryforward)).contains("section 13302"));
        assert!(n(FieldPath::Financing(FinancingField::BtcFairValue, Default::default())).contains("ASU 2023-08"));
        // Where no source fits, the tip says the value is a choice.
        assert!(n(FieldPath::Plan(PlanField::DiscountRate)).contains("a choice"));
        assert!(n(FieldPath::Financing(FinancingField::CashInterest, Default::default())).contains("a choice"));
        // A new instrument leaves acceleration off, and its tip says what it means.
        for k in NewDebt::ALL {
            assert_eq!(instrument(k, 1, start(), 10.0).accelerate_after_breach_months, None, "{k:?}");
        }
        assert!(n(FieldPath::Debt(0, DebtField::Accelerate)).contains("Iris Energy"));
    }

    #[test]
    fn a_new_lease_uses_the_sourced_utilisation() {
        let l = lease("Tenant 1", start());
        assert_eq!(l.utilization, LEASE_UTILIZATION);
        assert!((0.5..=0.7).contains(&l.utilization), "between the data-centre average and the top of the AI range");
    }
}
