//! The ASIC catalog: nameplate specs and a typical unit price of the mining
//! machines a plan can pick from, each with the source of its figures.
//!
//! The data lives in `assets/asic_catalog.ron` (hand-editable, compiled into
//! the binary). A catalog entry turns into a fleet lot with
//! [`AsicModel::to_lot`]; the lot is then an ordinary scenario input, so later
//! catalog changes never alter a saved plan.

use crate::model::{Lot, Month};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Deserialize;
use std::sync::OnceLock;

/// The catalog text shipped with the app.
const CATALOG_RON: &str = include_str!("../assets/asic_catalog.ron");

/// One machine model of the catalog.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsicModel {
    /// Vendor and model, e.g. "Antminer S21".
    pub model: String,
    /// Nameplate hashrate per machine, TH/s.
    pub hashrate_ths: f64,
    /// Nameplate power per machine at the wall, W.
    pub power_w: f64,
    /// Typical price of one new machine, USD.
    pub unit_price_usd: Decimal,
    /// Where the spec and the price come from (with any "unverified" flag).
    pub source: String,
}

impl AsicModel {
    /// Efficiency, joules per terahash (W per TH/s).
    pub fn j_per_th(&self) -> f64 {
        self.power_w / self.hashrate_ths
    }

    /// Price per unit of hashrate, USD per TH/s.
    pub fn usd_per_th(&self) -> f64 {
        self.unit_price_usd.to_f64().unwrap_or(0.0) / self.hashrate_ths
    }

    /// A lot of `units` of this machine hashing from `deploy_month`, with the
    /// format's defaults for life, uptime, degradation and salvage.
    pub fn to_lot(&self, units: i64, deploy_month: Month) -> Lot {
        Lot::new(&self.model, units, self.hashrate_ths, self.power_w, self.unit_price_usd, deploy_month)
    }
}

/// Parses catalog text (a RON list of [`AsicModel`]).
pub fn parse_catalog(text: &str) -> Result<Vec<AsicModel>, ron::error::SpannedError> {
    ron::from_str(text)
}

/// The shipped catalog, parsed once. A catalog that does not parse (a build
/// with a broken asset; the unit tests below rule that out) reads as empty
/// rather than bringing the app down.
pub fn catalog() -> &'static [AsicModel] {
    static CATALOG: OnceLock<Vec<AsicModel>> = OnceLock::new();
    CATALOG.get_or_init(|| parse_catalog(CATALOG_RON).unwrap_or_default())
}

/// The catalog entry named exactly `model`, if any.
pub fn find(model: &str) -> Option<&'static AsicModel> {
    catalog().iter().find(|m| m.model == model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalog_parses_with_all_models() {
        let models = parse_catalog(CATALOG_RON).unwrap_or_else(|e| panic!("assets/asic_catalog.ron: {e}"));
        assert_eq!(models.len(), 13);
        assert_eq!(catalog(), models.as_slice());
        let mut names: Vec<&str> = models.iter().map(|m| m.model.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 13, "duplicate model names");
    }

    #[test]
    fn every_entry_is_complete() {
        for m in catalog() {
            assert!(m.hashrate_ths > 0.0 && m.hashrate_ths.is_finite(), "{}: hashrate", m.model);
            assert!(m.power_w > 0.0 && m.power_w.is_finite(), "{}: power", m.model);
            assert!(m.unit_price_usd > Decimal::ZERO, "{}: price", m.model);
            assert!(!m.source.trim().is_empty(), "{}: source", m.model);
            // Every machine of the table lies in a plausible efficiency band.
            assert!((10.0..=35.0).contains(&m.j_per_th()), "{}: {} J/TH", m.model, m.j_per_th());
        }
    }

    #[test]
    fn s21_spec_and_derived_figures() {
        let s21 = find("Antminer S21").expect("S21 in the catalog");
        assert_eq!((s21.hashrate_ths, s21.power_w), (200.0, 3500.0));
        assert!((s21.j_per_th() - 17.5).abs() < 1e-12);
        assert!((s21.usd_per_th() - 14.0).abs() < 1e-9, "S21 is priced at its $14/TH preorder");
        let month = Month::parse("2026-03").unwrap();
        let lot = s21.to_lot(1000, month);
        assert_eq!((lot.model.as_str(), lot.units, lot.deploy_month), ("Antminer S21", 1000, month));
        assert_eq!((lot.hashrate_ths, lot.power_w, lot.unit_price_usd), (200.0, 3500.0, s21.unit_price_usd));
    }

    #[test]
    fn quoted_prices_match_domain_facts() {
        let per_th = |name: &str| find(name).map(AsicModel::usd_per_th);
        assert!((per_th("Antminer S19 XP").unwrap() - 24.0).abs() < 1e-9);
        assert!((per_th("Antminer S21 XP").unwrap() - 25.70).abs() < 1e-9);
        for unverified in ["Antminer S21 XP Hydro", "Whatsminer M66S"] {
            assert!(find(unverified).unwrap().source.contains("unverified"), "{unverified}");
        }
    }

    #[test]
    fn broken_catalog_is_an_error_not_a_panic() {
        assert!(parse_catalog("[(model: \"x\")]").is_err());
        assert!(
            parse_catalog("[(model: \"x\", hashrate_ths: 1.0, power_w: 1.0, unit_price_usd: \"1\", source: \"s\", colour: 1)]").is_err()
        );
    }
}
