//! The summary figures (model.md "Summary figures (KPIs)"), computed from the
//! projected months.

use super::output::{Kpis, MonthRow};

/// The first row holding the highest value of `f` (rows where it is `None` are skipped).
fn peak(months: &[MonthRow], f: fn(&MonthRow) -> Option<f64>) -> Option<&MonthRow> {
    months.iter().filter(|r| f(r).is_some()).fold(None::<&MonthRow>, |best, r| match best {
        Some(b) if f(b) >= f(r) => Some(b),
        _ => Some(r),
    })
}

/// The KPIs of the projected `months`; `covenant` says whether a covenant is
/// set; free cash flow is discounted at `discount_rate` for the plan NPV.
pub(crate) fn kpis(months: &[MonthRow], covenant: bool, discount_rate: f64) -> Kpis {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Kpis::default();
    };
    let h = months.len();
    let total_btc: f64 = months.iter().map(|r| r.btc_mined).sum();
    let sum = |f: fn(&MonthRow) -> f64| months.iter().map(f).sum::<f64>();
    let annual_share_change =
        (first.hashrate_share > 0.0 && h > 1).then(|| (last.hashrate_share / first.hashrate_share).powf(12.0 / (h - 1) as f64) - 1.0);
    let min_cash = months.iter().min_by(|a, b| a.cash_usd.total_cmp(&b.cash_usd)).unwrap_or(first);
    let liquidity = |r: &MonthRow| r.cash_usd + r.btc_held * r.btc_price_usd;
    let min_liquidity = months.iter().min_by(|a, b| liquidity(a).total_cmp(&liquidity(b))).unwrap_or(first);
    let peak_leverage = peak(months, |r| r.leverage);
    let peak_net_leverage = peak(months, |r| r.net_leverage);
    let per_btc = |usd: f64| (total_btc > 0.0).then(|| usd / total_btc);
    let mining_energy = sum(|r| r.mining_energy_usd);
    // SG&A and interest are shared: mining carries its share of the horizon's revenue.
    let mining_income = sum(|r| r.mining_revenue_usd + r.curtailment_credit_usd);
    let all_income = mining_income + sum(|r| r.hosting_revenue_usd);
    let mining_share = if all_income == 0.0 { 1.0 } else { mining_income / all_income };
    let all_in = mining_energy
        + sum(|r| r.mining_opex_usd)
        + sum(|r| r.lot_depreciation_usd)
        + (sum(|r| r.sga_usd) + sum(|r| r.interest_usd)) * mining_share;
    Kpis {
        total_btc_mined: total_btc,
        share_first: first.hashrate_share,
        share_last: last.hashrate_share,
        annual_share_change,
        total_revenue_usd: sum(|r| r.mining_revenue_usd + r.hosting_revenue_usd + r.curtailment_credit_usd),
        total_ebitda_usd: sum(|r| r.ebitda_usd),
        min_cash_usd: min_cash.cash_usd,
        min_cash_month: Some(min_cash.month),
        peak_leverage: peak_leverage.and_then(|r| r.leverage),
        peak_leverage_month: peak_leverage.map(|r| r.month),
        peak_net_leverage: peak_net_leverage.and_then(|r| r.net_leverage),
        peak_net_leverage_month: peak_net_leverage.map(|r| r.month),
        first_distress_month: months.iter().find(|r| r.distress).map(|r| r.month),
        covenant_breach_months: covenant.then(|| months.iter().filter(|r| r.covenant_breach).count()),
        end_debt_usd: last.debt_usd,
        end_cash_usd: last.cash_usd,
        end_btc_held: last.btc_held,
        end_hold_share_capex_usd: last.hold_share_capex_usd,
        cash_cost_per_btc_usd: per_btc(mining_energy),
        all_in_cost_per_btc_usd: per_btc(all_in),
        liquidity_at_end_usd: liquidity(last),
        min_liquidity_usd: liquidity(min_liquidity),
        min_liquidity_month: Some(min_liquidity.month),
        treasury_btc_sold: sum(|r| r.treasury_btc_sold),
        total_net_income_usd: sum(|r| r.net_income_usd),
        npv_usd: super::returns::npv(discount_rate, months.iter().map(|r| r.free_cash_flow_usd)),
        first_acceleration_month: months.iter().find(|r| r.accelerated_debt_usd > 0.0).map(|r| r.month),
        tax_losses_at_end_usd: last.tax_losses_usd,
        total_btc_fair_value_change_usd: sum(|r| r.btc_fair_value_change_usd),
    }
}
