//! Monthly rows rolled up into calendar quarters or years, the way a
//! financial statement reports them: flows are summed, balances are taken at
//! the period's last month, prices, rates and shares are averaged (each
//! column's [`Aggregate`] in the schema). Pure: the monthly table, and later
//! the CSV/TSV exporters, read the same periods.

use crate::engine::MonthRow;
use crate::model::Month;
use crate::schema::{Aggregate, COLUMNS, Column};

/// The length of a row of the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Period {
    #[default]
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Month, Period::Quarter, Period::Year];

    /// The selector's word: "Monthly", "Quarterly", "Annual".
    pub fn title(self) -> &'static str {
        match self {
            Period::Month => "Monthly",
            Period::Quarter => "Quarterly",
            Period::Year => "Annual",
        }
    }

    /// Months in a full period.
    pub fn months(self) -> usize {
        match self {
            Period::Month => 1,
            Period::Quarter => 3,
            Period::Year => 12,
        }
    }

    /// The noun of the period: "month", "quarter", "year".
    pub fn noun(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// Which period a month falls in, as a number that grows with time.
    fn key(self, m: Month) -> i64 {
        let y = m.year() as i64;
        match self {
            Period::Month => y * 12 + m.month() as i64,
            Period::Quarter => y * 4 + (m.month() as i64 - 1) / 3,
            Period::Year => y,
        }
    }

    /// The period's name from its first month: `2026-03`, `2026 Q1`, `2026`.
    pub fn label(self, m: Month) -> String {
        match self {
            Period::Month => m.to_string(),
            Period::Quarter => format!("{} Q{}", m.year(), (m.month() - 1) / 3 + 1),
            Period::Year => m.year().to_string(),
        }
    }
}

/// One quarter or year of the table (or one month, in the monthly view).
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodRow {
    /// `2026 Q1`, `2026`, or the month.
    pub label: String,
    /// First and last projected month inside the period.
    pub first: Month,
    pub last: Month,
    /// Projected months inside the period (fewer than a full period at the horizon's ends).
    pub months: usize,
    /// One value per [`COLUMNS`] entry; `None` is undefined (`n/m`).
    pub values: Vec<Option<f64>>,
}

impl PeriodRow {
    /// The period has fewer projected months than a full one (the plan starts or ends inside it).
    pub fn partial(&self, period: Period) -> bool {
        self.months < period.months()
    }
}

/// A column's value over `rows` (the months of one period), by its aggregate:
/// `Sum` adds the months, `End` takes the last month, `Mean` averages the
/// defined months. Undefined months make a sum undefined; a mean of no
/// defined month is undefined.
pub fn aggregate(c: &Column, rows: &[MonthRow]) -> Option<f64> {
    let mut values = rows.iter().map(|r| (c.get)(r));
    match c.aggregate {
        Aggregate::Sum => values.try_fold(0.0, |acc, v| v.map(|v| acc + v)),
        Aggregate::End => values.next_back().flatten(),
        Aggregate::Mean => {
            let (sum, n) = values.flatten().fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
            (n > 0).then(|| sum / n as f64)
        }
    }
}

/// The months of a projection split into calendar periods, oldest first:
/// each period's range of indices into `months` (never empty).
pub fn split(months: &[MonthRow], period: Period) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < months.len() {
        let key = period.key(months[start].month);
        let len = months[start..].iter().take_while(|r| period.key(r.month) == key).count();
        out.push(start..start + len);
        start += len;
    }
    out
}

/// The months of a projection grouped into calendar periods, oldest first.
pub fn roll_up(months: &[MonthRow], period: Period) -> Vec<PeriodRow> {
    split(months, period)
        .into_iter()
        .map(|range| {
            let rows = &months[range];
            PeriodRow {
                label: period.label(rows[0].month),
                first: rows[0].month,
                last: rows[rows.len() - 1].month,
                months: rows.len(),
                values: COLUMNS.iter().map(|c| aggregate(c, rows)).collect(),
            }
        })
        .collect()
}

/// A column's unit for a period: `USD per quarter`, `USD at year end`, `USD (quarter mean)`.
pub fn unit(c: &Column, period: Period) -> String {
    if period == Period::Month {
        return c.unit.to_owned();
    }
    let noun = period.noun();
    match c.aggregate {
        Aggregate::Sum if c.unit.contains("per month") => c.unit.replace("per month", &format!("per {noun}")),
        Aggregate::Sum => format!("{}, {noun} total", c.unit),
        Aggregate::End if c.unit.contains("month end") => c.unit.replace("month end", &format!("{noun} end")),
        Aggregate::End => format!("{} at {noun} end", c.unit),
        Aggregate::Mean => format!("{} ({noun} mean)", c.unit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::column;

    /// Months from `first` with mining revenue 1, 2, 3…, cash 10, 20, 30…,
    /// BTC price 100, 200, 300…, and leverage undefined in the second month.
    fn months(first: &str, n: usize) -> Vec<MonthRow> {
        let start = Month::parse(first).unwrap();
        (0..n)
            .map(|i| {
                let k = (i + 1) as f64;
                MonthRow {
                    month: start.offset(i as i64),
                    mining_revenue_usd: k,
                    cash_usd: 10.0 * k,
                    btc_price_usd: 100.0 * k,
                    leverage: (i != 1).then_some(k),
                    ..Default::default()
                }
            })
            .collect()
    }

    fn value(r: &PeriodRow, key: &str) -> Option<f64> {
        let i = COLUMNS.iter().position(|c| c.key == key).unwrap();
        r.values[i]
    }

    #[test]
    fn a_quarter_sums_flows_ends_balances_and_averages_prices() {
        let q = roll_up(&months("2026-01", 6), Period::Quarter);
        assert_eq!(q.len(), 2);
        assert_eq!((q[0].label.as_str(), q[1].label.as_str()), ("2026 Q1", "2026 Q2"));
        assert_eq!(value(&q[0], "mining_revenue_usd"), Some(1.0 + 2.0 + 3.0), "flow: the sum of its 3 months");
        assert_eq!(value(&q[1], "mining_revenue_usd"), Some(4.0 + 5.0 + 6.0));
        assert_eq!(value(&q[0], "cash_usd"), Some(30.0), "balance: the last month");
        assert_eq!(value(&q[1], "cash_usd"), Some(60.0));
        assert_eq!(value(&q[0], "btc_price_usd"), Some(200.0), "price: the mean");
        assert_eq!(value(&q[0], "leverage"), Some(3.0), "leverage is a period-end figure");
        assert!(!q[0].partial(Period::Quarter));
    }

    #[test]
    fn partial_first_and_last_quarters_hold_only_their_projected_months() {
        // 2026-02 .. 2026-08: Q1 has Feb and Mar, Q2 is whole, Q3 has Jul and Aug.
        let rows = months("2026-02", 7);
        let q = roll_up(&rows, Period::Quarter);
        assert_eq!(q.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(), ["2026 Q1", "2026 Q2", "2026 Q3"]);
        assert_eq!(q.iter().map(|r| r.months).collect::<Vec<_>>(), [2, 3, 2]);
        assert!(q[0].partial(Period::Quarter) && !q[1].partial(Period::Quarter) && q[2].partial(Period::Quarter));
        assert_eq!((q[0].first.to_string(), q[0].last.to_string()), ("2026-02".to_owned(), "2026-03".to_owned()));
        assert_eq!(value(&q[0], "mining_revenue_usd"), Some(1.0 + 2.0));
        assert_eq!(value(&q[2], "mining_revenue_usd"), Some(6.0 + 7.0));
        assert_eq!(value(&q[2], "cash_usd"), Some(70.0), "the last projected month, not the quarter's");
        assert_eq!(value(&q[0], "btc_price_usd"), Some(150.0), "the mean of the months that exist");
        // Every month is in exactly one quarter: the quarters' flows add up to the horizon's.
        let total: f64 = q.iter().filter_map(|r| value(r, "mining_revenue_usd")).sum();
        assert_eq!(total, rows.iter().map(|r| r.mining_revenue_usd).sum::<f64>());
    }

    #[test]
    fn years_follow_the_calendar() {
        let y = roll_up(&months("2026-11", 14), Period::Year);
        assert_eq!(y.iter().map(|r| (r.label.as_str(), r.months)).collect::<Vec<_>>(), [("2026", 2), ("2027", 12)]);
        assert_eq!(value(&y[1], "mining_revenue_usd"), Some((3..=14).sum::<i32>() as f64));
        assert_eq!(value(&y[1], "cash_usd"), Some(140.0));
    }

    #[test]
    fn the_monthly_view_is_the_months_themselves() {
        let rows = months("2026-01", 4);
        let m = roll_up(&rows, Period::Month);
        assert_eq!(m.len(), 4);
        assert_eq!(value(&m[1], "leverage"), None, "undefined stays undefined");
        assert_eq!(value(&m[3], "cash_usd"), Some(40.0));
        assert_eq!(m[2].label, "2026-03");
    }

    #[test]
    fn undefined_months_make_a_sum_undefined_and_are_left_out_of_a_mean() {
        let rows = months("2026-01", 3);
        let mut c = *column("leverage").unwrap();
        c.aggregate = Aggregate::Sum;
        assert_eq!(aggregate(&c, &rows), None);
        c.aggregate = Aggregate::Mean;
        assert_eq!(aggregate(&c, &rows), Some((1.0 + 3.0) / 2.0));
        c.aggregate = Aggregate::End;
        assert_eq!(aggregate(&c, &rows[..2]), None);
        assert_eq!(aggregate(&c, &[]), None);
    }

    #[test]
    fn units_name_the_period() {
        let u = |key: &str, p: Period| unit(column(key).unwrap(), p);
        assert_eq!(u("mining_revenue_usd", Period::Quarter), "USD per quarter");
        assert_eq!(u("cash_usd", Period::Year), "USD at year end");
        assert_eq!(u("btc_price_usd", Period::Quarter), "USD (quarter mean)");
        assert_eq!(u("leverage", Period::Year), "× LTM EBITDA at year end");
        assert_eq!(u("cash_usd", Period::Month), "USD at month end");
    }
}
