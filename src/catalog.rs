//! Placeholder until the catalog branch lands (same API).
use crate::model::{Lot, Month};
use rust_decimal::Decimal;

pub struct AsicModel {
    pub model: String,
    pub hashrate_ths: f64,
    pub power_w: f64,
    pub unit_price_usd: Decimal,
    pub source: String,
}

impl AsicModel {
    pub fn j_per_th(&self) -> f64 {
        self.power_w / self.hashrate_ths
    }
    pub fn to_lot(&self, units: i64, deploy_month: Month) -> Lot {
        Lot::new(&self.model, units, self.hashrate_ths, self.power_w, self.unit_price_usd, deploy_month)
    }
}

pub fn catalog() -> &'static [AsicModel] {
    &[]
}
