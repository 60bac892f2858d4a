//! What one month hands to the next: the company's balances and the history
//! the rules read (cash, BTC held and last month's price, the instruments
//! with their balances and share count, the tax-loss pool, the run of
//! covenant breaches, the trailing-twelve-month window, month 0's share). Opened
//! from the scenario before month 0; each step of a month reads it in the
//! order of `model.md` and the month's close moves it on, once.

use super::financing::Capital;
use super::money;
use super::risk::Ltm;
use crate::model::Scenario;

/// The state carried from month to month.
pub(crate) struct State {
    /// Cash at the end of the last closed month (the opening cash before month 0).
    pub cash: f64,
    /// BTC held at the end of the last closed month.
    pub btc_held: f64,
    /// Debt instruments (balances) and the share count.
    pub capital: Capital,
    /// Trailing twelve months of EBITDA and interest.
    pub ltm: Ltm,
    /// Month 0's hashrate share, once month 0 is closed.
    pub share0: Option<f64>,
    /// The last closed month's BTC price (`None` before month 0).
    pub btc_price: Option<f64>,
    /// Tax losses carried forward, USD.
    pub loss_pool: f64,
    /// Consecutive covenant breaches up to the last closed month.
    pub breach_run: i64,
}

impl State {
    /// The opening position of a scenario.
    pub fn open(s: &Scenario) -> State {
        State {
            cash: money(s.financing.opening_cash_usd),
            btc_held: s.financing.opening_btc,
            capital: Capital::new(&s.financing, s.start_month),
            ltm: Ltm::default(),
            share0: None,
            btc_price: None,
            loss_pool: super::terms::BookTerms::new(s).opening_losses,
            breach_run: 0,
        }
    }
}
