//! How an output figure is described: the types of the declarations in
//! [`super::output`] (a monthly column's kind, group, aggregation; a summary
//! figure's value) and the two macros that turn one line per figure into its
//! row or summary field, its id and its table entry.
//!
//! Nothing here formats numbers for people: that is [`crate::schema`].

use crate::model::Month;

/// What kind of number a column or KPI holds: it decides how it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// US dollars.
    Money,
    /// Bitcoin.
    Btc,
    /// A multiple (`×`): leverage, coverage.
    Ratio,
    /// A fraction shown as a percentage (`0.0123` → `1.23 %`).
    Percent,
    /// A whole count (months, shares).
    Count,
    /// A calendar month.
    Month,
    /// A physical quantity or rate with its unit (EH/s, USD/PH/day).
    Quantity,
}

/// How a column adds up over a quarter or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    /// Flows: the sum of the months.
    Sum,
    /// Balances: the value at the period's last month.
    End,
    /// Prices, rates and shares: the mean of the months.
    Mean,
}

/// The groups of the monthly table, in statement order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Market,
    Operations,
    IncomeStatement,
    CashAndDebt,
    Risk,
}

impl Group {
    pub const ALL: [Group; 5] = [Group::Market, Group::Operations, Group::IncomeStatement, Group::CashAndDebt, Group::Risk];
    pub fn title(self) -> &'static str {
        match self {
            Group::Market => "Market",
            Group::Operations => "Operations",
            Group::IncomeStatement => "Income statement",
            Group::CashAndDebt => "Cash and debt",
            Group::Risk => "Risk",
        }
    }
}

/// One numeric monthly output column (after `month`).
#[derive(Clone, Copy)]
pub struct Column {
    /// Which column this is (its position in [`super::COLUMNS`]).
    pub id: super::ColumnId,
    /// CSV header and JSON key (the names of `model.md`): the row field's name.
    pub key: &'static str,
    /// Name a person reads.
    pub label: &'static str,
    /// Unit and period: `USD per month`, `EH/s`, `BTC`.
    pub unit: &'static str,
    pub kind: Kind,
    /// Decimals shown in tables and cards.
    pub decimals: usize,
    pub group: Group,
    /// A figure of the whole network, not of the company.
    pub network: bool,
    pub aggregate: Aggregate,
    /// What it means.
    pub help: &'static str,
    /// The value of a month; `None` is undefined.
    pub get: fn(&super::MonthRow) -> Option<f64>,
}

/// A summary figure's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KpiValue {
    Number(f64),
    Month(Month),
    /// Not defined for this plan (shown as such, never as 0).
    Undefined,
}

impl KpiValue {
    pub fn number(self) -> Option<f64> {
        match self {
            KpiValue::Number(v) => Some(v),
            _ => None,
        }
    }
}

/// One summary figure of `model.md`.
#[derive(Clone, Copy)]
pub struct Kpi {
    /// Which figure this is (its position in [`super::KPIS`]).
    pub id: super::KpiId,
    /// JSON key and CLI name: the summary field's name.
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub kind: Kind,
    pub decimals: usize,
    /// How it is computed (tooltips, footnotes).
    pub help: &'static str,
    /// What an undefined value means, in words ("no covenant", "nothing mined").
    pub undefined: &'static str,
    pub get: fn(&super::Kpis) -> KpiValue,
}

impl Kpi {
    pub fn value(&self, k: &super::Kpis) -> KpiValue {
        (self.get)(k)
    }
}

/// A row field's value as a table cell: a number, or undefined.
pub trait Cell: Copy {
    fn cell(self) -> Option<f64>;
}
impl Cell for f64 {
    #[inline]
    fn cell(self) -> Option<f64> {
        Some(self)
    }
}
impl Cell for Option<f64> {
    #[inline]
    fn cell(self) -> Option<f64> {
        self
    }
}

/// A summary field's value as a [`KpiValue`].
pub trait IntoKpiValue: Copy {
    fn kpi_value(self) -> KpiValue;
}
impl IntoKpiValue for f64 {
    fn kpi_value(self) -> KpiValue {
        KpiValue::Number(self)
    }
}
impl IntoKpiValue for Option<f64> {
    fn kpi_value(self) -> KpiValue {
        self.map_or(KpiValue::Undefined, KpiValue::Number)
    }
}
impl IntoKpiValue for Option<usize> {
    fn kpi_value(self) -> KpiValue {
        self.map_or(KpiValue::Undefined, |n| KpiValue::Number(n as f64))
    }
}
impl IntoKpiValue for Option<Month> {
    fn kpi_value(self) -> KpiValue {
        self.map_or(KpiValue::Undefined, KpiValue::Month)
    }
}

/// The value given in a declaration, or the default when it is left out.
macro_rules! given_or {
    ($default:expr) => {
        $default
    };
    ($default:expr, $given:expr) => {
        $given
    };
}

/// Declares the monthly row. Each column line gives its id, its row field and
/// type, and its description; the macro writes the `MonthRow` struct (the
/// columns in CSV order, then the detail fields), `ColumnId` and `COLUMNS`.
/// A detail field with a label (`=> "label"`) is a number the engine checks
/// is finite, and an overflow in it is reported by that label.
macro_rules! declare_month_row {
    (
        columns {
            $( $(#[$cdoc:meta])* $cid:ident => $key:ident : $cty:ty {
                label: $label:literal, unit: $unit:literal, kind: $kind:ident, decimals: $dec:literal,
                group: $group:ident, $(network: $net:literal,)? aggregate: $agg:ident, help: $help:literal $(,)?
            } ),* $(,)?
        }
        detail {
            $( $(#[$ddoc:meta])* $dkey:ident : $dty:ty $(=> $dlabel:literal)? ),* $(,)?
        }
    ) => {
        /// One projected month: the CSV columns of `model.md` (declared in
        /// [`COLUMNS`]), then detail for charts, KPIs and checks.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct MonthRow {
            pub month: $crate::model::Month,
            $( $(#[$cdoc])* pub $key: $cty, )*
            $( $(#[$ddoc])* pub $dkey: $dty, )*
        }

        /// Every monthly column, by name; `id as usize` is its position in [`COLUMNS`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ColumnId { $( $cid ),* }

        impl ColumnId {
            /// Every column, in CSV order.
            pub const ALL: [ColumnId; [$(stringify!($cid)),*].len()] = [$(ColumnId::$cid),*];
            /// The column's description.
            pub fn column(self) -> &'static Column {
                &COLUMNS[self as usize]
            }
            /// The column's key (CSV header, JSON key).
            pub const fn key(self) -> &'static str {
                match self { $( ColumnId::$cid => stringify!($key) ),* }
            }
        }

        /// The monthly columns after `month`, in CSV order.
        pub const COLUMNS: [Column; [$(stringify!($cid)),*].len()] = [
            $( Column {
                id: ColumnId::$cid,
                key: stringify!($key),
                label: $label,
                unit: $unit,
                kind: Kind::$kind,
                decimals: $dec,
                group: Group::$group,
                network: given_or!(false $(, $net)?),
                aggregate: Aggregate::$agg,
                help: $help,
                get: |r| Cell::cell(r.$key),
            } ),*
        ];

        impl MonthRow {
            /// Whether every column and labelled detail figure is finite. The
            /// checks are joined with `&`, not `&&`: no branch per figure, no
            /// chain of additions, so the month's figures are checked side by side.
            #[inline]
            pub(crate) fn figures_finite(&self) -> bool {
                // A labelled detail figure is checked too (its label only names it).
                true $( & Cell::cell(self.$key).is_none_or(f64::is_finite) )* $( $( & { let _: &str = $dlabel; Cell::cell(self.$dkey).is_none_or(f64::is_finite) } )? )*
            }
        }

        /// The labelled detail numbers (beyond the CSV) the engine checks are finite.
        pub(crate) const DETAIL: &[(&str, fn(&MonthRow) -> Option<f64>)] = &[
            $( $( ($dlabel, |r| Cell::cell(r.$dkey)), )? )*
        ];
    };
}

/// Declares the summary figures. Each line gives its id, its summary field and
/// type, and its description; the macro writes `Kpis`, `KpiId` and `KPIS`.
macro_rules! declare_kpis {
    (
        $( $(#[$doc:meta])* $id:ident => $key:ident : $ty:ty {
            label: $label:literal, unit: $unit:literal, kind: $kind:ident, decimals: $dec:literal,
            help: $help:literal $(, undefined: $undef:literal)? $(,)?
        } ),* $(,)?
    ) => {
        /// The summary figures of `model.md` (declared in [`KPIS`]). `None` = undefined (shown as such).
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Kpis {
            $( $(#[$doc])* pub $key: $ty, )*
        }

        /// Every summary figure, by name; `id as usize` is its position in [`KPIS`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum KpiId { $( $id ),* }

        impl KpiId {
            /// Every figure, in summary order.
            pub const ALL: [KpiId; [$(stringify!($id)),*].len()] = [$(KpiId::$id),*];
            /// The figure's description.
            pub fn kpi(self) -> &'static Kpi {
                &KPIS[self as usize]
            }
            /// The figure's key (JSON key, CLI name).
            pub const fn key(self) -> &'static str {
                match self { $( KpiId::$id => stringify!($key) ),* }
            }
        }

        /// Every summary figure, in summary order.
        pub const KPIS: [Kpi; [$(stringify!($id)),*].len()] = [
            $( Kpi {
                id: KpiId::$id,
                key: stringify!($key),
                label: $label,
                unit: $unit,
                kind: Kind::$kind,
                decimals: $dec,
                help: $help,
                undefined: given_or!("" $(, $undef)?),
                get: |k| IntoKpiValue::kpi_value(k.$key),
            } ),*
        ];
    };
}

pub(crate) use {declare_kpis, declare_month_row, given_or};
