//! The tabs of the centre panel: [`ChartTab`], one per chart of the
//! registry ([`crate::charts::Chart`]) then the monthly table, and
//! [`CentralView`], the chart tabs or Compare, Risk, Returns or Statements. A chart tab is saved
//! in the preferences under its own name (`Share`, …, `Table`), as before
//! the registry existed, so a saved choice of tab survives the change.

use crate::charts::Chart;
use serde::de::{self, Deserializer, EnumAccess, VariantAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// What the central panel shows under the tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CentralView {
    /// The chart or table of the chosen chart tab.
    #[default]
    Charts,
    /// The edited plan beside the plans open next to it.
    Compare,
    /// Sensitivity, breakeven, goal seek and Monte Carlo.
    Risk,
    /// Payback, IRR and NPV of each lot and lease bought inside the horizon.
    Returns,
    /// The income statement and the cash-flow statement by period.
    Statements,
}

/// A chart tab of the centre panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartTab {
    Chart(Chart),
    Table,
}

impl Default for ChartTab {
    fn default() -> Self {
        ChartTab::Chart(Chart::default())
    }
}

impl From<Chart> for ChartTab {
    fn from(c: Chart) -> Self {
        ChartTab::Chart(c)
    }
}

/// How many tabs there are: the charts and the table.
const COUNT: usize = Chart::ALL.len() + 1;

impl ChartTab {
    /// Every tab, in order: the registry's charts, then the table. Built
    /// from [`Chart::ALL`], so no chart can be missing.
    pub const ALL: [ChartTab; COUNT] = {
        let mut all = [ChartTab::Table; COUNT];
        let mut i = 0;
        while i < Chart::ALL.len() {
            all[i] = ChartTab::Chart(Chart::ALL[i]);
            i += 1;
        }
        all
    };

    /// Each tab's name in the preferences, in [`ChartTab::ALL`] order.
    const NAMES: [&'static str; COUNT] = {
        let mut names = ["Table"; COUNT];
        let mut i = 0;
        while i < Chart::ALL.len() {
            names[i] = Chart::NAMES[i];
            i += 1;
        }
        names
    };

    pub fn title(self) -> &'static str {
        match self {
            ChartTab::Chart(c) => c.title(),
            ChartTab::Table => "Monthly table",
        }
    }

    /// The chart the tab shows (`None`: the table).
    pub fn chart(self) -> Option<Chart> {
        match self {
            ChartTab::Chart(c) => Some(c),
            ChartTab::Table => None,
        }
    }

    /// Its position in [`ChartTab::ALL`]. An exhaustive match: a new kind
    /// of tab does not build until it has a place (and `ALL`, `NAMES` and
    /// `COUNT` above must then list it).
    pub fn index(self) -> usize {
        match self {
            ChartTab::Chart(c) => c.index(),
            ChartTab::Table => Chart::ALL.len(),
        }
    }

    /// Its name in the preferences.
    pub fn name(self) -> &'static str {
        ChartTab::NAMES[self.index()]
    }

    /// The tab saved under `name`.
    pub fn from_name(name: &str) -> Option<ChartTab> {
        ChartTab::NAMES.iter().position(|n| *n == name).map(|i| ChartTab::ALL[i])
    }
}

/// Written as a unit variant named after the tab, exactly what the derived
/// impl of the former `enum ChartTab { Share, …, Table }` wrote.
impl Serialize for ChartTab {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit_variant("ChartTab", self.index() as u32, self.name())
    }
}

impl<'de> Deserialize<'de> for ChartTab {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_enum("ChartTab", &ChartTab::NAMES, TabVisitor)
    }
}

struct TabVisitor;

impl<'de> Visitor<'de> for TabVisitor {
    type Value = ChartTab;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a chart tab")
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<ChartTab, A::Error> {
        let (TabName(tab), variant) = data.variant()?;
        variant.unit_variant()?;
        Ok(tab)
    }
}

/// The variant identifier of a tab: its name, or its index.
struct TabName(ChartTab);

impl<'de> Deserialize<'de> for TabName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = TabName;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a chart tab's name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TabName, E> {
                ChartTab::from_name(v).map(TabName).ok_or_else(|| E::unknown_variant(v, &ChartTab::NAMES))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<TabName, E> {
                let i = usize::try_from(v).ok().filter(|&i| i < COUNT);
                i.map(|i| TabName(ChartTab::ALL[i])).ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &"a tab index"))
            }
        }
        d.deserialize_identifier(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tab_is_listed_once_in_its_place() {
        for (i, tab) in ChartTab::ALL.into_iter().enumerate() {
            assert_eq!(tab.index(), i, "{tab:?}");
            assert_eq!(ChartTab::from_name(tab.name()), Some(tab));
        }
        // Every kind of tab: each chart of the registry, and the table.
        for c in Chart::ALL {
            assert_eq!(ChartTab::ALL[ChartTab::from(c).index()], ChartTab::Chart(c));
        }
        assert_eq!(ChartTab::ALL[ChartTab::Table.index()], ChartTab::Table);
    }

    #[test]
    fn saved_tabs_keep_the_names_they_had() {
        // The preferences file (RON) of earlier versions: these names must still load.
        let old = ["Share", "Revenue", "Leverage", "Cash", "Fleet", "Table"];
        assert_eq!(ChartTab::ALL.len(), old.len());
        for (tab, name) in ChartTab::ALL.into_iter().zip(old) {
            assert_eq!(ron::to_string(&tab).unwrap(), name);
            assert_eq!(ron::from_str::<ChartTab>(name).unwrap(), tab);
        }
        assert_eq!(ChartTab::default(), ChartTab::Chart(Chart::Share));
        assert!(ron::from_str::<ChartTab>("Pie").is_err());
        assert_eq!(serde_json::to_string(&ChartTab::Table).unwrap(), "\"Table\"");
        assert_eq!(serde_json::from_str::<ChartTab>("\"Cash\"").unwrap(), ChartTab::Chart(Chart::Cash));
    }
}
