//! What a projection reports, as people read it. The columns and summary
//! figures are declared once, in the engine ([`crate::engine::COLUMNS`],
//! [`crate::engine::KPIS`], re-exported here); this module finds them by key
//! and formats their values. The CSV and JSON writers, the CLI summary, the
//! KPI cards, the monthly table and the KPI pickers all read these tables;
//! nothing else lists the columns or the KPIs.

use crate::engine::Kpis;
pub use crate::engine::{Aggregate, COLUMNS, Column, ColumnId, Group, KPIS, Kind, Kpi, KpiId, KpiValue};
use crate::units;

/// The header of the first column: the calendar month, "YYYY-MM".
pub const MONTH_KEY: &str = "month";

/// The KPI with this key.
pub fn kpi(key: &str) -> Option<&'static Kpi> {
    KPIS.iter().find(|k| k.key == key)
}

/// The column with this key.
pub fn column(key: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.key == key)
}

/// A number shown as its kind asks, with `decimals` (tables, cards, summary).
pub fn show(kind: Kind, decimals: usize, v: f64) -> String {
    match kind {
        Kind::Money => units::usd_decimals(v, decimals),
        Kind::Percent => format!("{} %", units::thousands(v * 100.0, decimals)),
        Kind::Ratio => format!("{}×", units::thousands(v, decimals)),
        Kind::Btc | Kind::Count | Kind::Quantity | Kind::Month => units::thousands(v, decimals),
    }
}

impl Column {
    /// A cell as people read it; an undefined value is `n/m`.
    pub fn show(&self, v: Option<f64>) -> String {
        v.map_or_else(|| "n/m".to_owned(), |v| show(self.kind, self.decimals, v))
    }
    /// The header a person reads: label and unit.
    pub fn title(&self) -> String {
        format!("{} ({})", self.label, self.unit)
    }
}

impl Kpi {
    /// The value as people read it, with its unit where that helps.
    pub fn show(&self, k: &Kpis) -> String {
        match self.value(k) {
            KpiValue::Number(v) => match self.kind {
                Kind::Btc => format!("{} BTC", show(self.kind, self.decimals, v)),
                Kind::Count if !self.unit.is_empty() => format!("{} {}", show(self.kind, self.decimals, v), self.unit),
                _ => show(self.kind, self.decimals, v),
            },
            KpiValue::Month(m) => m.to_string(),
            KpiValue::Undefined => self.undefined.to_owned(),
        }
    }
    /// [`Kpi::show`] for a small card: money compact (`$1.23 B`), undefined as its first word (`n/m`).
    pub fn show_short(&self, k: &Kpis) -> String {
        match self.value(k) {
            KpiValue::Number(v) if self.kind == Kind::Money => units::usd_compact(v),
            KpiValue::Number(v) if self.kind == Kind::Btc => show(self.kind, self.decimals, v),
            KpiValue::Undefined => self.undefined.split(" (").next().unwrap_or_default().to_owned(),
            _ => self.show(k),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::MonthRow;

    #[test]
    fn keys_are_unique_and_columns_follow_the_model_order() {
        let mut keys: Vec<&str> = COLUMNS.iter().map(|c| c.key).chain(KPIS.iter().map(|k| k.key)).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is used twice");
        // model.md's column order then model-v2.md's, as the expected CSVs of the format-2 worked examples have it.
        let header = include_str!("../tests/data/reference_v2.expected.csv").lines().next().unwrap();
        let ours: Vec<&str> = std::iter::once(MONTH_KEY).chain(COLUMNS.iter().map(|c| c.key)).collect();
        assert_eq!(header.split(',').collect::<Vec<_>>(), ours);
    }

    #[test]
    fn ids_name_their_own_entries() {
        for (i, c) in COLUMNS.iter().enumerate() {
            assert_eq!(c.id as usize, i);
            assert_eq!(c.id.column().key, c.key);
            assert_eq!(ColumnId::ALL[i], c.id);
        }
        for (i, k) in KPIS.iter().enumerate() {
            assert_eq!(k.id as usize, i);
            assert_eq!(KpiId::ALL[i].kpi().key, k.key);
        }
        assert_eq!(KpiId::PeakLeverage.kpi().key, "peak_leverage");
        assert_eq!(ColumnId::CashUsd.column().label, "Cash");
    }

    #[test]
    fn each_column_reads_its_own_field() {
        let row = MonthRow { btc_price_usd: 1.0, cash_usd: 2.0, leverage: None, interest_coverage: Some(3.0), ..Default::default() };
        assert_eq!((column("btc_price_usd").unwrap().get)(&row), Some(1.0));
        assert_eq!((column("cash_usd").unwrap().get)(&row), Some(2.0));
        assert_eq!((column("leverage").unwrap().get)(&row), None);
        assert_eq!((column("interest_coverage").unwrap().get)(&row), Some(3.0));
        assert_eq!(column("hashrate_share").unwrap().show(Some(0.01236)), "1.236 %");
        assert_eq!(column("cash_usd").unwrap().show(Some(-1234567.4)), "-$1,234,567");
        assert_eq!(column("leverage").unwrap().show(None), "n/m");
    }
}
