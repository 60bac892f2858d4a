//! Reading any released format: the text is parsed with that version's own
//! frozen types, then stepped up one version at a time (0 → 1 → …) to the
//! newest format, which `newest` maps to the in-memory model. Each step is a
//! pure function from one version's file types to the next one's, so what an
//! old file means never depends on today's model.

use super::{newest, v0, v1, v2};
use crate::model::Scenario;
use crate::ron_text::{FormatError, from_ron};

/// Format 0 → format 1: the renamed horizon, the percents as fractions.
pub fn step_0_to_1(s: v0::Scenario) -> v1::Scenario {
    let fleet = s
        .fleet
        .into_iter()
        .map(|l| v1::Lot {
            model: l.model,
            units: l.units,
            hashrate_ths: l.hashrate_ths,
            power_w: l.power_w,
            unit_price_usd: l.unit_price_usd,
            deploy_month: l.deploy_month,
            life_months: l.life_months,
            uptime: l.uptime_percent / 100.0,
            annual_degradation: l.annual_degradation,
            salvage_fraction: l.salvage_fraction,
        })
        .collect();
    v1::Scenario {
        format_version: v1::VERSION,
        name: s.name,
        description: s.description,
        saved_with: None,
        saved_at: None,
        start_month: s.start_month,
        horizon_months: s.horizon,
        market: s.market,
        fleet,
        power: s.power,
        hosting: s.hosting,
        opex: v1::Opex {
            pool_fee: s.opex.pool_fee_percent / 100.0,
            sga_usd_per_month: s.opex.sga_usd_per_month,
            tax_rate: s.opex.tax_rate_percent / 100.0,
        },
        financing: s.financing,
    }
}

/// Format 1 → format 2, with format 1's behaviour written out: no loss
/// carryforward, bitcoin not at fair value, no lot sold at retirement; the
/// other new fields take their defaults, which change nothing.
pub fn step_1_to_2(s: v1::Scenario) -> v2::Scenario {
    let fleet = s
        .fleet
        .into_iter()
        .map(|l| v2::Lot {
            model: l.model,
            units: l.units,
            hashrate_ths: l.hashrate_ths,
            power_w: l.power_w,
            unit_price_usd: l.unit_price_usd,
            deploy_month: l.deploy_month,
            life_months: l.life_months,
            uptime: l.uptime,
            annual_degradation: l.annual_degradation,
            salvage_fraction: l.salvage_fraction,
            deposits: Vec::new(),
            sold_at_retirement: false,
        })
        .collect();
    let f = s.financing;
    let debt = f
        .debt
        .into_iter()
        .map(|d| v2::Instrument {
            name: d.name,
            kind: d.kind,
            principal_usd: d.principal_usd,
            annual_rate: d.annual_rate,
            issue_month: d.issue_month,
            maturity_month: d.maturity_month,
            amortization: d.amortization,
            issue_cost_fraction: d.issue_cost_fraction,
            accelerate_after_breach_months: None,
        })
        .collect();
    v2::Scenario {
        format_version: v2::VERSION,
        name: s.name,
        description: s.description,
        saved_with: s.saved_with,
        saved_at: s.saved_at,
        start_month: s.start_month,
        horizon_months: s.horizon_months,
        market: s.market,
        fleet,
        power: s.power,
        hosting: s.hosting,
        opex: v2::Opex {
            pool_fee: s.opex.pool_fee,
            sga_usd_per_month: s.opex.sga_usd_per_month,
            tax_rate: s.opex.tax_rate,
            tax_loss_carryforward: false,
            ..v2::Opex::default()
        },
        financing: v2::Financing {
            opening_cash_usd: f.opening_cash_usd,
            opening_btc: f.opening_btc,
            shares_outstanding: f.shares_outstanding,
            share_price_usd: f.share_price_usd,
            btc_sell_fraction: f.btc_sell_fraction,
            min_cash_usd: f.min_cash_usd,
            covenant_max_leverage: f.covenant_max_leverage,
            cash_interest_rate: 0.0,
            btc_fair_value: false,
            debt,
            equity_raises: f.equity_raises,
        },
        valuation: v2::Valuation::default(),
    }
}

/// Format 2 → format 1 when nothing is lost: the plan says exactly what
/// [`step_1_to_2`] writes out for a format-1 plan (format 1's behaviour, the
/// other new fields at their defaults). `None` otherwise. The tests use it to
/// show that reading a format-1 file loses nothing.
pub fn step_2_to_1(s: &v2::Scenario) -> Option<v1::Scenario> {
    let o = &s.opex;
    let f = &s.financing;
    let plain_lot = |l: &v2::Lot| l.deposits.is_empty() && !l.sold_at_retirement;
    let format_1 = !o.tax_loss_carryforward
        && o.loss_limit_fraction == v2::DEFAULT_LOSS_LIMIT_FRACTION
        && o.opening_tax_losses_usd.is_zero()
        && f.cash_interest_rate == 0.0
        && !f.btc_fair_value
        && f.debt.iter().all(|d| d.accelerate_after_breach_months.is_none())
        && s.fleet.iter().all(plain_lot)
        && s.valuation == v2::Valuation::default();
    if !format_1 {
        return None;
    }
    let lot = |l: &v2::Lot| v1::Lot {
        model: l.model.clone(),
        units: l.units,
        hashrate_ths: l.hashrate_ths,
        power_w: l.power_w,
        unit_price_usd: l.unit_price_usd,
        deploy_month: l.deploy_month,
        life_months: l.life_months,
        uptime: l.uptime,
        annual_degradation: l.annual_degradation,
        salvage_fraction: l.salvage_fraction,
    };
    let instrument = |d: &v2::Instrument| v1::Instrument {
        name: d.name.clone(),
        kind: d.kind,
        principal_usd: d.principal_usd,
        annual_rate: d.annual_rate,
        issue_month: d.issue_month,
        maturity_month: d.maturity_month,
        amortization: d.amortization,
        issue_cost_fraction: d.issue_cost_fraction,
    };
    Some(v1::Scenario {
        format_version: v1::VERSION,
        name: s.name.clone(),
        description: s.description.clone(),
        saved_with: s.saved_with.clone(),
        saved_at: s.saved_at.clone(),
        start_month: s.start_month,
        horizon_months: s.horizon_months,
        market: s.market.clone(),
        fleet: s.fleet.iter().map(lot).collect(),
        power: s.power.clone(),
        hosting: s.hosting.clone(),
        opex: v1::Opex { pool_fee: o.pool_fee, sga_usd_per_month: o.sga_usd_per_month, tax_rate: o.tax_rate },
        financing: v1::Financing {
            opening_cash_usd: f.opening_cash_usd,
            opening_btc: f.opening_btc,
            shares_outstanding: f.shares_outstanding,
            share_price_usd: f.share_price_usd.clone(),
            btc_sell_fraction: f.btc_sell_fraction,
            min_cash_usd: f.min_cash_usd,
            covenant_max_leverage: f.covenant_max_leverage,
            debt: f.debt.iter().map(instrument).collect(),
            equity_raises: f.equity_raises.clone(),
        },
    })
}

/// Parses scenario text written in format `version` (at most the newest) and
/// brings it to the model.
pub(crate) fn read(version: u64, text: &str) -> Result<Scenario, FormatError> {
    let newest: newest::file::Scenario = match version {
        0 => step_1_to_2(step_0_to_1(from_ron::<v0::Scenario>(text)?)),
        1 => step_1_to_2(from_ron::<v1::Scenario>(text)?),
        2 => from_ron::<v2::Scenario>(text)?,
        v => return Err(FormatError::Parse { line: 1, col: 1, message: format!("format_version {v} is not a floe scenario format") }),
    };
    Ok(newest::to_model(newest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{parse_valid, to_text};

    const V0: &str = r#"(
        format_version: 0,
        name: "old plan",
        start_month: "2026-01",
        horizon: 24,
        market: (
            btc_price_usd: Growth(start: 100000.0, annual_growth: 0.0),
            network_hashrate_ehs: Growth(start: 1000.0, annual_growth: 0.2),
            start_block_height: 930000,
        ),
        fleet: [
            (model: "S21", units: 100, hashrate_ths: 200.0, power_w: 3500.0, deploy_month: "2025-06", uptime_percent: 95.0),
            (model: "S19", units: 10, hashrate_ths: 95.0, power_w: 3250.0, deploy_month: "2024-06"),
        ],
        opex: (pool_fee_percent: 2.0, sga_usd_per_month: "100000", tax_rate_percent: 21.0),
        financing: (shares_outstanding: 1000.0, share_price_usd: Growth(start: 5.0, annual_growth: 0.0)),
    )"#;

    #[test]
    fn format_0_steps_to_format_1() {
        let v0: v0::Scenario = from_ron(V0).unwrap();
        let v1 = step_0_to_1(v0);
        assert_eq!(v1.format_version, 1);
        assert_eq!(v1.horizon_months, 24);
        assert_eq!((v1.fleet[0].uptime, v1.fleet[0].life_months), (0.95, 48));
        // An omitted uptime_percent was 97 %: format 1's 0.97.
        assert_eq!(v1.fleet[1].uptime, 0.97);
        assert_eq!((v1.opex.pool_fee, v1.opex.tax_rate), (0.02, 0.21));
        assert_eq!(v1.opex.sga_usd_per_month.to_string(), "100000");
        assert_eq!(v1.market.blocks_per_day, 144.0, "format 1's default for the blocks it shares");
    }

    #[test]
    fn format_0_is_migrated_and_saved_as_format_1() {
        let s = parse_valid(V0).unwrap();
        assert_eq!(s.format_version, crate::model::FORMAT_VERSION);
        assert_eq!(s.horizon_months, 24);
        assert_eq!(s.fleet[0].uptime, 0.95);
        assert_eq!(s.opex.pool_fee, 0.02);
        assert_eq!(s.opex.tax_rate, 0.21);
        assert_eq!(s.opex.sga_usd_per_month.to_string(), "100000");
        // Format 1's behaviour is written out on the way to format 2.
        assert!(!s.opex.tax_loss_carryforward && !s.financing.btc_fair_value && s.fleet.iter().all(|l| !l.sold_at_retirement));
        // Saved again, it is format 2 with format 1's behaviour written out, and reads back equal.
        let text = to_text(&s).unwrap();
        assert!(text.contains("format_version: 2") && text.contains("horizon_months: 24") && !text.contains("percent"));
        assert!(text.contains("tax_loss_carryforward: false") && text.contains("sold_at_retirement: false"));
        assert_eq!(parse_valid(&text).unwrap(), s);
    }

    const REFERENCE_V1: &str = include_str!("../../tests/data/reference.ron");
    const REFERENCE_V2: &str = include_str!("../../tests/data/reference_v2.ron");

    #[test]
    fn format_1_steps_to_format_2_with_format_1_behaviour_written_out() {
        let v1: v1::Scenario = from_ron(REFERENCE_V1).unwrap();
        let v2 = step_1_to_2(v1.clone());
        assert_eq!(v2.format_version, 2);
        assert!(!v2.opex.tax_loss_carryforward && !v2.financing.btc_fair_value);
        assert!(v2.fleet.iter().all(|l| !l.sold_at_retirement && l.deposits.is_empty()));
        assert!(v2.financing.debt.iter().all(|d| d.accelerate_after_breach_months.is_none()));
        assert_eq!((v2.opex.loss_limit_fraction, v2.financing.cash_interest_rate), (0.8, 0.0));
        assert!(v2.opex.opening_tax_losses_usd.is_zero());
        assert_eq!(v2.valuation.discount_rate, 0.10);
        assert_eq!((v2.fleet.len(), v2.financing.debt.len()), (v1.fleet.len(), v1.financing.debt.len()));
        // And back: format 1 holds it whole.
        assert_eq!(step_2_to_1(&v2), Some(v1));
    }

    #[test]
    fn a_format_1_file_reads_through_its_frozen_types() {
        let file: v1::Scenario = from_ron(REFERENCE_V1).unwrap();
        let s = read(1, REFERENCE_V1).unwrap();
        assert_eq!(step_2_to_1(&newest::from_model(&s)), Some(file), "format 1 → model → format 1 is lossless");
        assert!(!s.opex.tax_loss_carryforward && !s.financing.btc_fair_value);
        let text = to_text(&s).unwrap();
        assert!(text.starts_with("(\n    format_version: 2,"), "saving writes format 2: {}", &text[..40]);
        assert_eq!(parse_valid(&text).unwrap(), s);
    }

    #[test]
    fn a_format_2_file_reads_every_new_field() {
        let s = parse_valid(REFERENCE_V2).unwrap();
        assert!(s.opex.tax_loss_carryforward && s.financing.btc_fair_value);
        assert_eq!((s.opex.loss_limit_fraction, s.opex.opening_tax_losses_usd.to_string().as_str()), (0.8, "120000000"));
        assert_eq!((s.financing.cash_interest_rate, s.valuation.discount_rate), (0.04, 0.12));
        let lots: Vec<(usize, bool)> = s.fleet.iter().map(|l| (l.deposits.len(), l.sold_at_retirement)).collect();
        // The third lot leaves sold_at_retirement out: format 2's default, true.
        assert_eq!(lots, [(0, true), (0, false), (2, true), (2, true)]);
        assert_eq!((s.fleet[2].deposits[1].months_before, s.fleet[2].deposits[1].fraction), (3, 0.35));
        let acc: Vec<Option<i64>> = s.financing.debt.iter().map(|d| d.accelerate_after_breach_months).collect();
        assert_eq!(acc, [None, None, None, Some(6)]);
        // Saving writes format 2, and reads back equal.
        let text = to_text(&s).unwrap();
        assert!(text.contains("format_version: 2") && text.contains("                (6, 0.25),\n                (3, 0.35),\n"), "{text}");
        assert_eq!(parse_valid(&text).unwrap(), s);
        let stress = parse_valid(include_str!("../../tests/data/stress_v2.ron")).unwrap();
        assert_eq!(parse_valid(&to_text(&stress).unwrap()).unwrap(), stress);
    }

    #[test]
    fn a_format_2_field_in_a_format_1_file_is_refused_with_its_line() {
        let at = "        covenant_max_leverage: Some(4.0),\n";
        assert!(REFERENCE_V1.contains(at));
        let line = REFERENCE_V1[..REFERENCE_V1.find(at).unwrap()].lines().count() + 2;
        for field in ["btc_fair_value: true", "cash_interest_rate: 0.04"] {
            let bad = REFERENCE_V1.replace(at, &format!("{at}        {field},\n"));
            match crate::format::parse(&bad) {
                Err(FormatError::Parse { line: l, message, .. }) => {
                    assert_eq!(l, line, "{message}");
                    assert!(message.contains(&field[..field.find(':').unwrap()]) && message.contains("unknown field"), "{message}");
                }
                other => panic!("{field}: {other:?}"),
            }
        }
        // The same fields in a format-2 file are read.
        let good = REFERENCE_V1
            .replacen("format_version: 1", "format_version: 2", 1)
            .replace(at, &format!("{at}        btc_fair_value: false,\n"));
        assert!(!crate::format::parse(&good).unwrap().financing.btc_fair_value);
    }

    #[test]
    fn format_0_with_a_format_1_field_is_refused_with_its_line() {
        let bad = V0.replace("horizon: 24,", "horizon_months: 24,");
        let e = crate::format::parse(&bad).unwrap_err();
        assert!(matches!(e, crate::format::FormatError::Parse { line: 5, .. }), "{e:?}");
    }
}
