//! Where a value lives in a scenario. One typed [`FieldPath`] is what
//! validation reports, what the editor places each input and message by, and
//! what the status bar jumps to. It renders two ways: as the path in the file
//! (`fleet[2].uptime`) and as words a user reads
//! ("Lot 3 (Antminer S21 XP) › Uptime").
//!
//! Each block of the format has a field table below: the key in the file, the
//! label the editor shows, the unit the field is edited in, and its tooltip.
//! Nothing else in the project spells these out again.

use super::Scenario;
use std::fmt;

/// How a field is edited, so messages can speak in the same unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Text,
    /// On/off.
    Flag,
    /// One of a few choices (debt kind, amortization).
    Choice,
    /// A calendar month.
    Month,
    /// A fraction edited as a percentage (`0.05` ↔ `5 %`).
    Percent,
    /// A whole number, with its suffix (`" months"`).
    Whole(&'static str),
    /// A real number, with its suffix (`" MW"`).
    Number(&'static str),
    /// Exact money, with its unit (`"$/MWh"`).
    Money(&'static str),
    /// A value over time (growth or dated points), with the value's suffix.
    Path(&'static str),
}

/// Generates a field enum with its table: file key, label, unit, tooltip.
macro_rules! fields {
    ($(#[$doc:meta])* $name:ident { $($var:ident => $key:literal, $label:literal, $unit:expr, $tip:literal;)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($var),* }
        impl $name {
            /// Every field of the block, in file order.
            pub const ALL: &[$name] = &[$($name::$var),*];
            /// The field's key in the file.
            pub fn key(self) -> &'static str { match self { $($name::$var => $key),* } }
            /// The label the editor shows.
            pub fn label(self) -> &'static str { match self { $($name::$var => $label),* } }
            /// The unit the field is edited in.
            pub fn unit(self) -> Unit { match self { $($name::$var => $unit),* } }
            /// What the field means (the editor's tooltip).
            pub fn tip(self) -> &'static str { match self { $($name::$var => $tip),* } }
        }
    };
}

use Unit::*;

fields! {
    /// Top-level fields of a plan.
    PlanField {
        FormatVersion => "format_version", "Format version", Whole(""), "File format version";
        Name => "name", "Name", Text, "Shown in the title bar, charts and reports";
        Description => "description", "Description", Text, "Notes and sources: comments in the file are lost on re-save, this is kept";
        StartMonth => "start_month", "Start month", Month, "First projected month";
        Horizon => "horizon_months", "Horizon", Whole(" months"), "Months projected (1 to 360)";
        DiscountRate => "valuation.discount_rate", "Discount rate", Percent, "Annual rate at which cash flows are discounted for NPV";
    }
}

fields! {
    /// `market.*`
    MarketField {
        BtcPrice => "btc_price_usd", "BTC price", Path(" $"), "Bitcoin price in USD, per month";
        NetworkHashrate => "network_hashrate_ehs", "Network hashrate", Path(" EH/s"), "Global hashrate in EH/s, per month";
        FeesPerBlock => "fees_btc_per_block", "Fees per block", Path(" BTC"), "Average transaction fees per block, BTC";
        StartBlockHeight => "start_block_height", "Start block height", Whole(""),
            "Block height at the start of the first month (halvings every 210,000)";
        BlocksPerDay => "blocks_per_day", "Blocks per day", Number(""), "Average blocks found per day (144 at the 10-minute target)";
        NewHardwarePrice => "new_hardware_usd_per_th", "New hardware price", Money("$/TH"),
            "Price of new machines per TH/s, USD (for hold-share capex)";
    }
}

fields! {
    /// `fleet[i].*`
    LotField {
        Model => "model", "Model", Text, "Machine model name";
        Units => "units", "Units", Whole(""), "Machines in the lot";
        Hashrate => "hashrate_ths", "Hashrate", Number(" TH/s"), "Hashrate per machine, TH/s";
        Power => "power_w", "Power", Number(" W"), "Power per machine at the wall, W";
        UnitPrice => "unit_price_usd", "Price per unit", Money("$/unit"), "Price per machine, USD";
        DeployMonth => "deploy_month", "Deploy", Month,
            "Month the lot starts hashing (capex month); before the start = already owned";
        Life => "life_months", "Life", Whole(" months"), "Months until retired";
        Uptime => "uptime", "Uptime", Percent, "Share of hours hashing";
        Degradation => "annual_degradation", "Degradation", Percent, "Hashrate lost per year";
        Salvage => "salvage_fraction", "Salvage", Percent, "Salvage value as a share of price (depreciation)";
        Deposits => "deposits", "Deposits", Text,
            "Payments before delivery: (months before the deploy month, share of the price); the rest is paid on delivery";
        SoldAtRetirement => "sold_at_retirement", "Sold at retirement", Flag, "The lot is sold for its salvage value when it retires";
    }
}

fields! {
    /// `power.*` (the mining site)
    PowerField {
        Pue => "pue", "Mining PUE", Number(""), "Facility overhead factor of mining (≥ 1): facility MW = IT MW × PUE";
        CurtailmentHours => "curtailment_hours_per_month", "Curtailment", Number(" h/month"),
            "Demand-response pause of the running fleet, hours per month (≤ 744)";
        CurtailmentCredit => "curtailment_credit_usd_per_mwh", "Curtailment credit", Money("$/MWh"),
            "Paid per MWh not drawn during curtailment, USD";
        EconomicShutdown => "economic_shutdown", "Economic shutdown", Flag,
            "Switch off lots whose mining revenue per MWh does not cover the energy price";
        SiteOpex => "mining_opex_usd_per_mw_month", "Site opex", Money("$/MW-month"),
            "Site operating cost per running MW per month, USD";
    }
}

fields! {
    /// `power.contracts[i].*`
    ContractField {
        Name => "name", "Name", Text, "Contract name";
        Capacity => "capacity_mw", "Capacity", Number(" MW"), "Facility MW available under the contract";
        Price => "price_usd_per_mwh", "Price", Money("$/MWh"), "Energy price, USD per MWh";
        Escalation => "annual_escalation", "Escalation", Percent, "Price escalation per year, from the contract's start";
        Start => "start_month", "Start", Month, "First month of the contract";
        End => "end_month", "End", Month, "Last month included";
    }
}

fields! {
    /// `hosting[i].*`
    LeaseField {
        Tenant => "tenant", "Tenant", Text, "Who leases the capacity";
        CriticalIt => "critical_it_mw", "Critical IT", Number(" MW"), "Leased IT load, MW";
        Pue => "pue", "Hosting PUE", Number(""), "Facility overhead of the hosting site (≥ 1)";
        Start => "start_month", "Start", Month, "First month of revenue";
        Ramp => "ramp_months", "Ramp", Whole(" months"), "Months of linear ramp to full revenue (≥ 1)";
        Term => "term_months", "Term", Whole(" months"), "Contract length in months";
        Rate => "rate_usd_per_kw_month", "Rate", Money("$/kW-month"), "Revenue per kW of critical IT per month, USD";
        Escalation => "annual_escalation", "Escalation", Percent, "Rate escalation per year from the start";
        Passthrough => "power_passthrough", "Power passthrough", Flag, "The tenant pays the energy; off = the miner pays it";
        Utilization => "utilization", "Utilization", Percent, "Average IT load ÷ critical IT";
        FlexMining => "flex_mining", "Flex mining", Flag, "Idle hosting power runs miners";
        FitOut => "fit_out_usd_per_mw", "Fit-out", Money("$/MW"), "Conversion capex per critical MW, USD";
        Build => "build_months", "Build", Whole(" months"), "Months before the start over which fit-out is paid (0 = all at start)";
        Opex => "opex_fraction", "Hosting opex", Percent, "Operating cost as a share of hosting revenue";
    }
}

fields! {
    /// `opex.*`
    OpexField {
        PoolFee => "pool_fee", "Pool fee", Percent, "Share of mined BTC kept by the pool";
        Sga => "sga_usd_per_month", "SG&A", Money("$/month"), "Selling, general and administrative cost per month, USD";
        TaxRate => "tax_rate", "Tax rate", Percent, "Tax on positive taxable income (after carried losses, when carried forward)";
        LossCarryforward => "tax_loss_carryforward", "Loss carryforward", Flag, "Tax losses are carried forward to offset later taxable income";
        LossLimit => "loss_limit_fraction", "Loss limit", Percent, "Share of a month's taxable income a carried loss may offset";
        OpeningLosses => "opening_tax_losses_usd", "Opening tax losses", Money("$"), "Tax losses carried into the plan, USD";
    }
}

fields! {
    /// `financing.*` (opening balance sheet and treasury policy)
    FinancingField {
        OpeningCash => "opening_cash_usd", "Opening cash", Money("$"), "Cash at the start, USD";
        OpeningBtc => "opening_btc", "Opening BTC", Number(" BTC"), "BTC held at the start";
        Shares => "shares_outstanding", "Shares outstanding", Number(""), "Share count at the start";
        SharePrice => "share_price_usd", "Share price", Path(" $"), "Share price in USD, per month (conversions and raises)";
        BtcSold => "btc_sell_fraction", "BTC sold", Percent, "Share of mined BTC sold each month";
        MinCash => "min_cash_usd", "Minimum cash", Money("$"), "The treasury sells held BTC to keep at least this cash, USD";
        Covenant => "covenant_max_leverage", "Covenant", Number("×"), "Maximum debt ÷ LTM EBITDA (unchecked = no covenant)";
        CashInterest => "cash_interest_rate", "Interest on cash", Percent, "Annual rate earned on positive cash";
        BtcFairValue => "btc_fair_value", "BTC at fair value", Flag, "Bitcoin held is carried at the month's price, its change in net income";
    }
}

fields! {
    /// `financing.debt[i].*`
    DebtField {
        Name => "name", "Name", Text, "Instrument name";
        Kind => "kind", "Kind", Choice, "Term loan, secured note, equipment loan or convertible";
        ConversionPrice => "kind.conversion_price_usd", "Conversion price", Money("$/share"),
            "Share price at which the notes convert at maturity, USD";
        Principal => "principal_usd", "Principal", Money("$"), "Amount borrowed, USD";
        Coupon => "annual_rate", "Coupon", Percent, "Annual interest rate (30/360, monthly)";
        Issue => "issue_month", "Issue", Month, "Month of issue (proceeds); before the start = already outstanding";
        Maturity => "maturity_month", "Maturity", Month, "Month the remaining balance is repaid or converted";
        Amortization => "amortization", "Amortization", Choice,
            "Bullet: all at maturity; Straight: equal principal; Annuity: level payments";
        IssueCost => "issue_cost_fraction", "Issue cost", Percent, "Fees as a share of principal, paid at issue";
        Accelerate => "accelerate_after_breach_months", "Accelerated after", Whole(" breach months"),
            "The lender demands the whole balance after this many covenant-breach months in a row (unchecked = never): repaid in cash at the end of the next month, a convertible too";
    }
}

fields! {
    /// `financing.equity_raises[i].*`
    RaiseField {
        Month => "month", "Month", Month, "Month of the raise (before the start = already in the share count)";
        Amount => "amount_usd", "Amount", Money("$"), "Gross amount raised, USD";
        Discount => "discount", "Discount", Percent, "Discount to the share price (< 100 %)";
        Fees => "fee_fraction", "Fees", Percent, "Fees as a share of the amount";
    }
}

/// The lists of a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    Fleet,
    Contracts,
    Hosting,
    Debt,
    Raises,
}

impl List {
    pub fn file_path(self) -> &'static str {
        match self {
            List::Fleet => "fleet",
            List::Contracts => "power.contracts",
            List::Hosting => "hosting",
            List::Debt => "financing.debt",
            List::Raises => "financing.equity_raises",
        }
    }
    /// What one item of the list is called: `Lot`, `Contract`…
    pub fn item_word(self) -> &'static str {
        match self {
            List::Fleet => "Lot",
            List::Contracts => "Contract",
            List::Hosting => "Lease",
            List::Debt => "Instrument",
            List::Raises => "Raise",
        }
    }
    /// The list in words: `Fleet`, `Power › Contracts`…
    pub fn words(self) -> &'static str {
        match self {
            List::Fleet => "Fleet",
            List::Contracts => "Power › Contracts",
            List::Hosting => "Hosting",
            List::Debt => "Financing › Debt",
            List::Raises => "Financing › Equity raises",
        }
    }
}

/// The part of a path-valued field (`Growth` or `Points`) a value sits in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Part {
    /// The field as a whole (every field that is not a path uses this).
    #[default]
    Whole,
    /// `Growth`'s start value.
    Start,
    /// `Growth`'s annual growth.
    Growth,
    /// The value of `Points`' point `i` (0-based).
    Point(usize),
}

/// The blocks of the format, in file order (the editor's sections; the
/// app remembers the open one, hence serde).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Block {
    #[default]
    Plan,
    Market,
    Fleet,
    Power,
    Hosting,
    Opex,
    Financing,
}

impl Block {
    pub const ALL: [Block; 7] = [Block::Plan, Block::Market, Block::Fleet, Block::Power, Block::Hosting, Block::Opex, Block::Financing];

    /// The block's key in the file (`plan` for the top-level fields).
    pub fn key(self) -> &'static str {
        match self {
            Block::Plan => "plan",
            Block::Market => "market",
            Block::Fleet => "fleet",
            Block::Power => "power",
            Block::Hosting => "hosting",
            Block::Opex => "opex",
            Block::Financing => "financing",
        }
    }

    /// The block's name as the editor's section title.
    pub fn title(self) -> &'static str {
        match self {
            Block::Plan => "Plan",
            Block::Market => "Market",
            Block::Fleet => "Fleet",
            Block::Power => "Power",
            Block::Hosting => "Hosting (AI/HPC)",
            Block::Opex => "Opex",
            Block::Financing => "Financing",
        }
    }
}

/// One item of a list: `Lot 3` is `Item { list: Fleet, index: 2 }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Item {
    pub list: List,
    pub index: usize,
}

/// Where a value lives in a scenario (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldPath {
    Plan(PlanField),
    Market(MarketField, Part),
    Lot(usize, LotField),
    Power(PowerField),
    Contract(usize, ContractField),
    Lease(usize, LeaseField),
    Opex(OpexField),
    Financing(FinancingField, Part),
    Debt(usize, DebtField),
    Raise(usize, RaiseField),
    /// A list as a whole (too many items).
    List(List),
}

impl FieldPath {
    /// The field's key, label, unit and tip (for a list: its name).
    fn entry(self) -> (&'static str, &'static str, Unit, &'static str) {
        macro_rules! e {
            ($f:expr) => {
                ($f.key(), $f.label(), $f.unit(), $f.tip())
            };
        }
        match self {
            FieldPath::Plan(f) => e!(f),
            FieldPath::Market(f, _) => e!(f),
            FieldPath::Lot(_, f) => e!(f),
            FieldPath::Power(f) => e!(f),
            FieldPath::Contract(_, f) => e!(f),
            FieldPath::Lease(_, f) => e!(f),
            FieldPath::Opex(f) => e!(f),
            FieldPath::Financing(f, _) => e!(f),
            FieldPath::Debt(_, f) => e!(f),
            FieldPath::Raise(_, f) => e!(f),
            FieldPath::List(l) => (l.file_path(), l.words(), Text, ""),
        }
    }

    /// The label the editor shows for the field.
    pub fn label(self) -> &'static str {
        self.entry().1
    }

    /// What the field means (tooltip).
    pub fn tip(self) -> &'static str {
        self.entry().3
    }

    /// The unit this exact value is edited in (a path's growth is a percentage).
    pub fn unit(self) -> Unit {
        match (self.entry().2, self.part()) {
            (_, Part::Growth) => Percent,
            (Path(suffix), Part::Start | Part::Point(_)) => Number(suffix),
            (u, _) => u,
        }
    }

    pub fn part(self) -> Part {
        match self {
            FieldPath::Market(_, p) | FieldPath::Financing(_, p) => p,
            _ => Part::Whole,
        }
    }

    /// The same field without a path part (`market.btc_price_usd.points[2]` → `market.btc_price_usd`).
    pub fn whole(self) -> FieldPath {
        match self {
            FieldPath::Market(f, _) => FieldPath::Market(f, Part::Whole),
            FieldPath::Financing(f, _) => FieldPath::Financing(f, Part::Whole),
            other => other,
        }
    }

    /// This path-valued field's given part.
    pub fn with_part(self, part: Part) -> FieldPath {
        match self {
            FieldPath::Market(f, _) => FieldPath::Market(f, part),
            FieldPath::Financing(f, _) => FieldPath::Financing(f, part),
            other => other,
        }
    }

    /// The list item that holds the field, if any.
    pub fn item(self) -> Option<Item> {
        let (list, index) = match self {
            FieldPath::Lot(i, _) => (List::Fleet, i),
            FieldPath::Contract(i, _) => (List::Contracts, i),
            FieldPath::Lease(i, _) => (List::Hosting, i),
            FieldPath::Debt(i, _) => (List::Debt, i),
            FieldPath::Raise(i, _) => (List::Raises, i),
            _ => return None,
        };
        Some(Item { list, index })
    }

    /// The block (editor section) that holds the field.
    pub fn block(self) -> Block {
        match self {
            FieldPath::Plan(_) => Block::Plan,
            FieldPath::Market(..) => Block::Market,
            FieldPath::Lot(..) | FieldPath::List(List::Fleet) => Block::Fleet,
            FieldPath::Power(_) | FieldPath::Contract(..) | FieldPath::List(List::Contracts) => Block::Power,
            FieldPath::Lease(..) | FieldPath::List(List::Hosting) => Block::Hosting,
            FieldPath::Opex(_) => Block::Opex,
            FieldPath::Financing(..) | FieldPath::Debt(..) | FieldPath::Raise(..) | FieldPath::List(List::Debt | List::Raises) => {
                Block::Financing
            }
        }
    }

    /// The path in the file: `fleet[2].uptime`, `market.btc_price_usd.points[3]`.
    pub fn file_path(self) -> String {
        let key = self.entry().0;
        let head = match self {
            FieldPath::Plan(_) | FieldPath::List(_) => String::new(),
            FieldPath::Market(..) => "market.".to_owned(),
            FieldPath::Power(_) => "power.".to_owned(),
            FieldPath::Opex(_) => "opex.".to_owned(),
            FieldPath::Financing(..) => "financing.".to_owned(),
            _ => self.item().map(|it| format!("{}[{}].", it.list.file_path(), it.index)).unwrap_or_default(),
        };
        let tail = match self.part() {
            Part::Whole => String::new(),
            Part::Start => ".start".to_owned(),
            Part::Growth => ".annual_growth".to_owned(),
            Part::Point(i) => format!(".points[{i}]"),
        };
        format!("{head}{key}{tail}")
    }

    /// The path in words: `Lot 3 (Antminer S21 XP) › Uptime`, `Market › BTC price › growth per year`.
    /// `s` gives the items' names; an index past its list is named by number alone.
    pub fn words(self, s: &Scenario) -> String {
        let place = match self {
            FieldPath::Plan(_) => "Plan".to_owned(),
            FieldPath::Market(..) => "Market".to_owned(),
            FieldPath::Power(_) => "Power".to_owned(),
            FieldPath::Opex(_) => "Opex".to_owned(),
            FieldPath::Financing(..) => "Financing".to_owned(),
            FieldPath::List(l) => return l.words().to_owned(),
            _ => self.item().map(|it| item_words(it, s)).unwrap_or_default(),
        };
        let part = match self.part() {
            Part::Whole => String::new(),
            Part::Start => " › start value".to_owned(),
            Part::Growth => " › growth per year".to_owned(),
            Part::Point(i) => format!(" › point {}", i + 1),
        };
        format!("{place} › {}{part}", self.label())
    }
}

/// `Lot 3 (Antminer S21 XP)`: the item's 1-based number and, when it has one, its name.
pub fn item_words(it: Item, s: &Scenario) -> String {
    let name = match it.list {
        List::Fleet => s.fleet.get(it.index).map(|l| l.model.clone()),
        List::Contracts => s.power.contracts.get(it.index).map(|c| c.name.clone()),
        List::Hosting => s.hosting.get(it.index).map(|l| l.tenant.clone()),
        List::Debt => s.financing.debt.get(it.index).map(|d| d.name.clone()),
        List::Raises => s.financing.equity_raises.get(it.index).map(|r| r.month.to_string()),
    };
    let n = it.index + 1;
    match name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()) {
        Some(name) => format!("{} {n} ({})", it.list.item_word(), cut(&name, 40)),
        None => format!("{} {n}", it.list.item_word()),
    }
}

/// At most `max` characters of `text`, with `…` when cut.
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file_path())
    }
}

/// Every field path of a scenario's current shape (each list item's fields,
/// each point of each path), in file order. Tests use it to check that every
/// path renders and that the editor shows each one.
pub fn all_paths(s: &Scenario) -> Vec<FieldPath> {
    use crate::model::Series as P;
    let path_parts = |p: &P| -> Vec<Part> {
        match p {
            P::Growth { .. } => vec![Part::Whole, Part::Start, Part::Growth],
            P::Points(pts) => std::iter::once(Part::Whole).chain((0..pts.len()).map(Part::Point)).collect(),
        }
    };
    let mut out: Vec<FieldPath> = PlanField::ALL.iter().map(|&f| FieldPath::Plan(f)).collect();
    for &f in MarketField::ALL {
        let parts = match f {
            MarketField::BtcPrice => path_parts(&s.market.btc_price_usd),
            MarketField::NetworkHashrate => path_parts(&s.market.network_hashrate_ehs),
            MarketField::FeesPerBlock => path_parts(&s.market.fees_btc_per_block),
            _ => vec![Part::Whole],
        };
        out.extend(parts.into_iter().map(|p| FieldPath::Market(f, p)));
    }
    for i in 0..s.fleet.len() {
        out.extend(LotField::ALL.iter().map(|&f| FieldPath::Lot(i, f)));
    }
    out.extend(PowerField::ALL.iter().map(|&f| FieldPath::Power(f)));
    for i in 0..s.power.contracts.len() {
        out.extend(ContractField::ALL.iter().map(|&f| FieldPath::Contract(i, f)));
    }
    for i in 0..s.hosting.len() {
        out.extend(LeaseField::ALL.iter().map(|&f| FieldPath::Lease(i, f)));
    }
    out.extend(OpexField::ALL.iter().map(|&f| FieldPath::Opex(f)));
    for &f in FinancingField::ALL {
        let parts = if f == FinancingField::SharePrice { path_parts(&s.financing.share_price_usd) } else { vec![Part::Whole] };
        out.extend(parts.into_iter().map(|p| FieldPath::Financing(f, p)));
    }
    for (i, d) in s.financing.debt.iter().enumerate() {
        let convertible = matches!(d.kind, crate::model::DebtKind::Convertible { .. });
        out.extend(DebtField::ALL.iter().filter(|&&f| convertible || f != DebtField::ConversionPrice).map(|&f| FieldPath::Debt(i, f)));
    }
    for i in 0..s.financing.equity_raises.len() {
        out.extend(RaiseField::ALL.iter().map(|&f| FieldPath::Raise(i, f)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lot, Month};

    fn plan() -> Scenario {
        let mut s = Scenario::new_blank(Month::new(2026, 1).unwrap());
        s.fleet.push(Lot::new("Antminer S21 XP", 100, 270.0, 3645.0, 5000.into(), s.start_month));
        s.fleet.push(Lot::new("  ", 100, 270.0, 3645.0, 5000.into(), s.start_month));
        s
    }

    #[test]
    fn renders_as_file_path_and_as_words() {
        let s = plan();
        let at = FieldPath::Lot(0, LotField::Uptime);
        assert_eq!(at.file_path(), "fleet[0].uptime");
        assert_eq!(at.words(&s), "Lot 1 (Antminer S21 XP) › Uptime");
        assert_eq!(FieldPath::Lot(1, LotField::Units).words(&s), "Lot 2 › Units", "a blank name is left out");
        let g = FieldPath::Market(MarketField::BtcPrice, Part::Growth);
        assert_eq!(g.file_path(), "market.btc_price_usd.annual_growth");
        assert_eq!(g.words(&s), "Market › BTC price › growth per year");
        assert_eq!(g.unit(), Unit::Percent);
        assert_eq!(FieldPath::Market(MarketField::BtcPrice, Part::Point(3)).file_path(), "market.btc_price_usd.points[3]");
        assert_eq!(FieldPath::Debt(0, DebtField::ConversionPrice).file_path(), "financing.debt[0].kind.conversion_price_usd");
        assert_eq!(FieldPath::Plan(PlanField::Horizon).file_path(), "horizon_months");
        assert_eq!(FieldPath::Power(PowerField::Pue).words(&s), "Power › Mining PUE");
        assert_eq!(FieldPath::List(List::Contracts).file_path(), "power.contracts");
    }

    #[test]
    fn every_path_of_a_shipped_plan_is_distinct_and_in_its_block() {
        let text = include_str!("../../saves/ai_pivot.ron");
        let s = crate::format::parse(text).expect("shipped plan parses");
        let paths = all_paths(&s);
        let mut files: Vec<String> = paths.iter().map(|p| p.file_path()).collect();
        files.sort();
        files.dedup();
        assert_eq!(files.len(), paths.len(), "two fields render to the same file path");
        for p in &paths {
            let words = p.words(&s);
            assert!(!p.label().is_empty() && words.contains(p.label()), "{p}: {words}");
            let block_key = match p.block() {
                Block::Plan => "",
                Block::Market => "market.",
                Block::Fleet => "fleet",
                Block::Power => "power.",
                Block::Hosting => "hosting",
                Block::Opex => "opex.",
                Block::Financing => "financing.",
            };
            assert!(p.file_path().starts_with(block_key), "{p} is not in {:?}", p.block());
        }
    }

    #[test]
    fn long_names_are_cut() {
        let mut s = plan();
        s.fleet[0].model = "x".repeat(5000);
        let w = FieldPath::Lot(0, LotField::Model).words(&s);
        assert!(w.chars().count() < 70, "{w}");
        assert!(w.contains('…'));
    }
}
