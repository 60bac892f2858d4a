//! The month's market (model.md "Time" and "Protocol and market, month m"):
//! calendar days and hours, blocks, subsidy across halvings, fees, the BTC
//! price and network hashrate paths, hashprice, and the share price path.
//!
//! A [`MarketOverride`] replaces the BTC price and/or network hashrate series
//! of a validated scenario (Monte Carlo paths, breakeven multiples) without
//! cloning it; absent, the scenario's own paths are used at no extra cost.

use super::output::MonthRow;
use super::protocol;
use crate::model::{Month, Scenario};

/// Everything about one month that does not depend on the company.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct MonthMarket {
    /// Month index since the start.
    pub m: i64,
    pub date: Month,
    pub days: f64,
    /// Calendar hours: 24 × days.
    pub hours: f64,
    pub blocks: f64,
    pub subsidy_btc: f64,
    /// A halving falls inside the month.
    pub halving: bool,
    pub fees_btc: f64,
    pub btc_price: f64,
    pub network_ehs: f64,
    /// USD per PH/s per day.
    pub hashprice: f64,
    pub share_price: f64,
}

impl MonthMarket {
    /// Writes the month's market columns.
    #[inline]
    pub fn book(&self, row: &mut MonthRow) {
        row.month = self.date;
        row.btc_price_usd = self.btc_price;
        row.network_hashrate_ehs = self.network_ehs;
        row.subsidy_btc = self.subsidy_btc;
        row.fees_btc = self.fees_btc;
        row.hashprice_usd_per_ph_day = self.hashprice;
        row.halving = self.halving;
    }
}

/// Monthly series that replace the scenario's own paths for one projection:
/// index m is month m of the horizon; a series shorter than the horizon reads
/// 0 past its end (so give the whole horizon).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MarketOverride<'a> {
    /// BTC price, USD, per month.
    pub btc_price_usd: Option<&'a [f64]>,
    /// Network hashrate, EH/s, per month.
    pub network_hashrate_ehs: Option<&'a [f64]>,
}

/// The market paths of a scenario, stepped month by month.
pub(crate) struct Market {
    start: Month,
    blocks_per_day: f64,
    /// Block height at the start of the next month to step.
    height: f64,
    price: Vec<f64>,
    network: Vec<f64>,
    fees_per_block: Vec<f64>,
    share_price: Vec<f64>,
}

impl Market {
    pub fn new(s: &Scenario, horizon: usize, over: &MarketOverride) -> Market {
        let (mk, start) = (&s.market, s.start_month);
        let series =
            |given: Option<&[f64]>, path: &crate::model::Series| given.map_or_else(|| path.values(start, horizon), <[f64]>::to_vec);
        Market {
            start,
            blocks_per_day: mk.blocks_per_day,
            height: mk.start_block_height as f64,
            price: series(over.btc_price_usd, &mk.btc_price_usd),
            network: series(over.network_hashrate_ehs, &mk.network_hashrate_ehs),
            fees_per_block: mk.fees_btc_per_block.values(start, horizon),
            share_price: s.financing.share_price_usd.values(start, horizon),
        }
    }

    /// Month `m` of the horizon; call for m = 0, 1, 2, … in order (the block height carries over).
    #[inline]
    pub fn month(&mut self, m: usize) -> MonthMarket {
        let date = self.start.offset(m as i64);
        let days = date.days() as f64;
        let blocks = self.blocks_per_day * days;
        let (subsidy_btc, halving) = protocol::subsidy_btc(self.height, blocks);
        self.height += blocks;
        let at = |v: &[f64]| v.get(m).copied().unwrap_or(0.0);
        let fees_btc = at(&self.fees_per_block) * blocks;
        let (btc_price, network_ehs) = (at(&self.price), at(&self.network));
        MonthMarket {
            m: m as i64,
            date,
            days,
            hours: 24.0 * days,
            blocks,
            subsidy_btc,
            halving,
            fees_btc,
            btc_price,
            network_ehs,
            hashprice: (subsidy_btc + fees_btc) / days * btc_price / (network_ehs * 1000.0),
            share_price: at(&self.share_price),
        }
    }
}
