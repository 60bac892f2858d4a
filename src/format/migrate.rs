//! Reading any released format: the text is parsed with that version's own
//! frozen types, then stepped up one version at a time (0 → 1 → …) to the
//! newest format, which `newest` maps to the in-memory model. Each step is a
//! pure function from one version's file types to the next one's, so what an
//! old file means never depends on today's model.

use super::{newest, v0, v1};
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

/// Parses scenario text written in format `version` (at most the newest) and
/// brings it to the model.
pub(crate) fn read(version: u64, text: &str) -> Result<Scenario, FormatError> {
    let newest: newest::file::Scenario = match version {
        0 => step_0_to_1(from_ron::<v0::Scenario>(text)?),
        1 => from_ron::<v1::Scenario>(text)?,
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
    fn format_0_is_migrated_to_format_1() {
        let s = parse_valid(V0).unwrap();
        assert_eq!(s.format_version, 1);
        assert_eq!(s.horizon_months, 24);
        assert_eq!(s.fleet[0].uptime, 0.95);
        assert_eq!(s.opex.pool_fee, 0.02);
        assert_eq!(s.opex.tax_rate, 0.21);
        assert_eq!(s.opex.sga_usd_per_month.to_string(), "100000");
        // Saved again, it is format 1 and reads back equal.
        let text = to_text(&s).unwrap();
        assert!(text.contains("format_version: 1") && text.contains("horizon_months: 24") && !text.contains("percent"));
        assert_eq!(parse_valid(&text).unwrap(), s);
    }

    #[test]
    fn a_format_1_file_reads_through_its_frozen_types() {
        let text = include_str!("../../tests/data/reference.ron");
        let file: v1::Scenario = from_ron(text).unwrap();
        let s = read(1, text).unwrap();
        assert_eq!(newest::from_model(&s), file, "format 1 → model → format 1 is lossless");
        assert_eq!(s.fleet.len(), file.fleet.len());
    }

    #[test]
    fn format_0_with_a_format_1_field_is_refused_with_its_line() {
        let bad = V0.replace("horizon: 24,", "horizon_months: 24,");
        let e = crate::format::parse(&bad).unwrap_err();
        assert!(matches!(e, crate::format::FormatError::Parse { line: 5, .. }), "{e:?}");
    }
}
