//! The chart registry: what each chart is, once. Its key (command line,
//! file names), title (tab, slide, page heading), units (subtitle), the
//! headline series a comparison overlay draws, and whether the plan report
//! shows it. Plain data over the engine's monthly rows, so it builds without
//! the GUI (the command line reads the keys); how each chart is drawn is
//! `charts::draw`, which matches on [`Chart`] exhaustively.

use crate::engine::MonthRow;
use crate::listed::listed_enum;

listed_enum! {
    /// A chart of a plan, in tab order.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum Chart {
        #[default]
        Share,
        Revenue,
        Leverage,
        Cash,
        Fleet,
    }
}

/// A monthly value of a projection (`None`: undefined that month).
pub type Reader = fn(&MonthRow) -> Option<f64>;

/// The series a chart's comparison overlay shows: its name and its monthly value.
#[derive(Clone, Copy, Debug)]
pub struct Headline {
    pub name: &'static str,
    pub value: Reader,
}

/// Everything about a chart except its drawing.
#[derive(Clone, Copy, Debug)]
pub struct ChartSpec {
    /// Its name on the command line and in file names (`--charts share`).
    pub key: &'static str,
    /// Its title on the tab, the slide and the report.
    pub title: &'static str,
    /// The units it shows, for its subtitle.
    pub units: &'static str,
    /// The series drawn over it for the other plans of a comparison.
    pub headline: Headline,
    /// Whether the plan report shows it (in [`Chart::ALL`] order).
    pub in_report: bool,
}

const SHARE: ChartSpec = ChartSpec {
    key: "share",
    title: "Hashrate share",
    units: "% of network hashrate, by month",
    headline: Headline { name: "hashrate share", value: |r| Some(r.hashrate_share * 100.0) },
    in_report: true,
};

const REVENUE: ChartSpec = ChartSpec {
    key: "revenue",
    title: "Revenue",
    units: "USD per month",
    headline: Headline { name: "EBITDA", value: |r| Some(r.ebitda_usd) },
    in_report: true,
};

const LEVERAGE: ChartSpec = ChartSpec {
    key: "leverage",
    title: "Leverage",
    units: "debt and net debt ÷ LTM EBITDA (×)",
    headline: Headline { name: "net leverage", value: |r| r.net_leverage },
    in_report: true,
};

const CASH: ChartSpec = ChartSpec {
    key: "cash",
    title: "Cash & debt",
    units: "USD at month end",
    headline: Headline { name: "cash", value: |r| Some(r.cash_usd) },
    in_report: true,
};

const FLEET: ChartSpec = ChartSpec {
    key: "fleet",
    title: "Fleet & power",
    units: "EH/s, J/TH and MW, by month",
    headline: Headline { name: "fleet hashrate", value: |r| Some(r.fleet_hashrate_ehs) },
    in_report: false,
};

impl Chart {
    /// The chart's entry in the registry.
    pub fn spec(self) -> &'static ChartSpec {
        match self {
            Chart::Share => &SHARE,
            Chart::Revenue => &REVENUE,
            Chart::Leverage => &LEVERAGE,
            Chart::Cash => &CASH,
            Chart::Fleet => &FLEET,
        }
    }

    pub fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn title(self) -> &'static str {
        self.spec().title
    }

    pub fn units(self) -> &'static str {
        self.spec().units
    }

    pub fn headline(self) -> Headline {
        self.spec().headline
    }

    /// The chart of a command-line key.
    pub fn from_key(key: &str) -> Option<Chart> {
        Chart::ALL.into_iter().find(|c| c.key() == key)
    }

    /// Every key, in tab order.
    pub fn keys() -> Vec<&'static str> {
        Chart::ALL.map(Chart::key).to_vec()
    }

    /// The charts of the plan report, in reading order.
    pub fn in_report() -> Vec<Chart> {
        Chart::ALL.into_iter().filter(|c| c.spec().in_report).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_titles_are_unique_and_keys_find_their_chart() {
        for (i, a) in Chart::ALL.iter().enumerate() {
            assert_eq!(Chart::from_key(a.key()), Some(*a));
            for b in &Chart::ALL[i + 1..] {
                assert_ne!(a.key(), b.key());
                assert_ne!(a.title(), b.title());
            }
            assert!(!a.units().is_empty() && !a.headline().name.is_empty());
        }
        assert_eq!(Chart::from_key("table"), None);
    }

    #[test]
    fn the_registry_holds_what_the_charts_showed_before() {
        // The command line, the report and the file names depend on these.
        assert_eq!(Chart::keys(), ["share", "revenue", "leverage", "cash", "fleet"]);
        assert_eq!(Chart::in_report(), [Chart::Share, Chart::Revenue, Chart::Leverage, Chart::Cash]);
        assert_eq!(Chart::Cash.title(), "Cash & debt");
        assert_eq!(Chart::Fleet.units(), "EH/s, J/TH and MW, by month");
    }

    #[test]
    fn the_headline_reads_the_monthly_row() {
        let s = crate::format::parse_valid(include_str!("../../tests/data/reference.ron")).unwrap();
        let p = crate::engine::project(&s).unwrap();
        let r = &p.months[12];
        assert_eq!((Chart::Share.headline().value)(r), Some(r.hashrate_share * 100.0));
        assert_eq!((Chart::Revenue.headline().value)(r), Some(r.ebitda_usd));
        assert_eq!((Chart::Leverage.headline().value)(r), r.net_leverage);
        assert_eq!((Chart::Cash.headline().value)(r), Some(r.cash_usd));
        assert_eq!((Chart::Fleet.headline().value)(r), Some(r.fleet_hashrate_ehs));
    }
}
