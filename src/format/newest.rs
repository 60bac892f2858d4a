//! The newest file format's types (format 2) ⇄ the in-memory model: the only place that
//! knows both. Reading maps the newest format's file types into
//! `model::Scenario` (older formats are stepped up to the newest first, see
//! `migrate`); writing maps the model back. Each map is total and lossless
//! in both directions, so a plan saved and read back is equal.

use super::{v1, v2};
use crate::model::{self, FORMAT_VERSION};

/// The newest format's file types (the one the model maps to).
pub use super::v2 as file;

/// The newest file format's scenario → the model.
pub fn to_model(s: file::Scenario) -> model::Scenario {
    model::Scenario {
        format_version: FORMAT_VERSION,
        name: s.name,
        description: s.description,
        saved_with: s.saved_with,
        saved_at: s.saved_at,
        start_month: s.start_month,
        horizon_months: s.horizon_months,
        market: market_in(s.market),
        fleet: s.fleet.into_iter().map(lot_in).collect(),
        power: power_in(s.power),
        hosting: s.hosting.into_iter().map(lease_in).collect(),
        opex: model::Opex {
            pool_fee: s.opex.pool_fee,
            sga_usd_per_month: s.opex.sga_usd_per_month,
            tax_rate: s.opex.tax_rate,
            tax_loss_carryforward: s.opex.tax_loss_carryforward,
            loss_limit_fraction: s.opex.loss_limit_fraction,
            opening_tax_losses_usd: s.opex.opening_tax_losses_usd,
        },
        financing: financing_in(s.financing),
        valuation: model::Valuation { discount_rate: s.valuation.discount_rate },
    }
}

/// The model → the newest file format's scenario (written as `file::VERSION`).
pub fn from_model(s: &model::Scenario) -> file::Scenario {
    file::Scenario {
        format_version: file::VERSION,
        name: s.name.clone(),
        description: s.description.clone(),
        saved_with: s.saved_with.clone(),
        saved_at: s.saved_at.clone(),
        start_month: s.start_month,
        horizon_months: s.horizon_months,
        market: market_out(&s.market),
        fleet: s.fleet.iter().map(lot_out).collect(),
        power: power_out(&s.power),
        hosting: s.hosting.iter().map(lease_out).collect(),
        opex: v2::Opex {
            pool_fee: s.opex.pool_fee,
            sga_usd_per_month: s.opex.sga_usd_per_month,
            tax_rate: s.opex.tax_rate,
            tax_loss_carryforward: s.opex.tax_loss_carryforward,
            loss_limit_fraction: s.opex.loss_limit_fraction,
            opening_tax_losses_usd: s.opex.opening_tax_losses_usd,
        },
        financing: financing_out(&s.financing),
        valuation: v2::Valuation { discount_rate: s.valuation.discount_rate },
    }
}

fn path_in(p: v1::Path) -> model::Series {
    match p {
        v1::Path::Growth { start, annual_growth } => model::Series::Growth { start, annual_growth },
        v1::Path::Points(points) => model::Series::Points(points),
    }
}

fn path_out(p: &model::Series) -> v1::Path {
    match p {
        model::Series::Growth { start, annual_growth } => v1::Path::Growth { start: *start, annual_growth: *annual_growth },
        model::Series::Points(points) => v1::Path::Points(points.clone()),
    }
}

fn market_in(m: v1::Market) -> model::Market {
    model::Market {
        btc_price_usd: path_in(m.btc_price_usd),
        network_hashrate_ehs: path_in(m.network_hashrate_ehs),
        fees_btc_per_block: path_in(m.fees_btc_per_block),
        start_block_height: m.start_block_height,
        blocks_per_day: m.blocks_per_day,
        new_hardware_usd_per_th: m.new_hardware_usd_per_th,
    }
}

fn market_out(m: &model::Market) -> v1::Market {
    v1::Market {
        btc_price_usd: path_out(&m.btc_price_usd),
        network_hashrate_ehs: path_out(&m.network_hashrate_ehs),
        fees_btc_per_block: path_out(&m.fees_btc_per_block),
        start_block_height: m.start_block_height,
        blocks_per_day: m.blocks_per_day,
        new_hardware_usd_per_th: m.new_hardware_usd_per_th,
    }
}

fn lot_in(l: v2::Lot) -> model::Lot {
    model::Lot {
        model: l.model,
        units: l.units,
        hashrate_ths: l.hashrate_ths,
        power_w: l.power_w,
        unit_price_usd: l.unit_price_usd,
        deploy_month: l.deploy_month,
        life_months: l.life_months,
        uptime: l.uptime,
        annual_degradation: l.annual_degradation,
        salvage_fraction: l.salvage_fraction,
        deposits: l.deposits.iter().map(|&(months_before, fraction)| model::Deposit { months_before, fraction }).collect(),
        sold_at_retirement: l.sold_at_retirement,
    }
}

fn lot_out(l: &model::Lot) -> v2::Lot {
    v2::Lot {
        model: l.model.clone(),
        units: l.units,
        hashrate_ths: l.hashrate_ths,
        power_w: l.power_w,
        unit_price_usd: l.unit_price_usd,
        deploy_month: l.deploy_month,
        life_months: l.life_months,
        uptime: l.uptime,
        annual_degradation: l.annual_degradation,
        salvage_fraction: l.salvage_fraction,
        deposits: l.deposits.iter().map(|d| (d.months_before, d.fraction)).collect(),
        sold_at_retirement: l.sold_at_retirement,
    }
}

fn power_in(p: v1::Power) -> model::Power {
    model::Power {
        contracts: p
            .contracts
            .into_iter()
            .map(|k| model::Contract {
                name: k.name,
                capacity_mw: k.capacity_mw,
                price_usd_per_mwh: k.price_usd_per_mwh,
                annual_escalation: k.annual_escalation,
                start_month: k.start_month,
                end_month: k.end_month,
            })
            .collect(),
        pue: p.pue,
        curtailment_hours_per_month: p.curtailment_hours_per_month,
        curtailment_credit_usd_per_mwh: p.curtailment_credit_usd_per_mwh,
        economic_shutdown: p.economic_shutdown,
        mining_opex_usd_per_mw_month: p.mining_opex_usd_per_mw_month,
    }
}

fn power_out(p: &model::Power) -> v1::Power {
    v1::Power {
        contracts: p
            .contracts
            .iter()
            .map(|k| v1::Contract {
                name: k.name.clone(),
                capacity_mw: k.capacity_mw,
                price_usd_per_mwh: k.price_usd_per_mwh,
                annual_escalation: k.annual_escalation,
                start_month: k.start_month,
                end_month: k.end_month,
            })
            .collect(),
        pue: p.pue,
        curtailment_hours_per_month: p.curtailment_hours_per_month,
        curtailment_credit_usd_per_mwh: p.curtailment_credit_usd_per_mwh,
        economic_shutdown: p.economic_shutdown,
        mining_opex_usd_per_mw_month: p.mining_opex_usd_per_mw_month,
    }
}

fn lease_in(l: v1::Lease) -> model::Lease {
    model::Lease {
        tenant: l.tenant,
        critical_it_mw: l.critical_it_mw,
        pue: l.pue,
        start_month: l.start_month,
        ramp_months: l.ramp_months,
        term_months: l.term_months,
        rate_usd_per_kw_month: l.rate_usd_per_kw_month,
        annual_escalation: l.annual_escalation,
        power_passthrough: l.power_passthrough,
        utilization: l.utilization,
        flex_mining: l.flex_mining,
        fit_out_usd_per_mw: l.fit_out_usd_per_mw,
        build_months: l.build_months,
        opex_fraction: l.opex_fraction,
    }
}

fn lease_out(l: &model::Lease) -> v1::Lease {
    v1::Lease {
        tenant: l.tenant.clone(),
        critical_it_mw: l.critical_it_mw,
        pue: l.pue,
        start_month: l.start_month,
        ramp_months: l.ramp_months,
        term_months: l.term_months,
        rate_usd_per_kw_month: l.rate_usd_per_kw_month,
        annual_escalation: l.annual_escalation,
        power_passthrough: l.power_passthrough,
        utilization: l.utilization,
        flex_mining: l.flex_mining,
        fit_out_usd_per_mw: l.fit_out_usd_per_mw,
        build_months: l.build_months,
        opex_fraction: l.opex_fraction,
    }
}

fn kind_in(k: v1::DebtKind) -> model::DebtKind {
    match k {
        v1::DebtKind::TermLoan => model::DebtKind::TermLoan,
        v1::DebtKind::SecuredNote => model::DebtKind::SecuredNote,
        v1::DebtKind::EquipmentLoan => model::DebtKind::EquipmentLoan,
        v1::DebtKind::Convertible { conversion_price_usd } => model::DebtKind::Convertible { conversion_price_usd },
    }
}

fn kind_out(k: model::DebtKind) -> v1::DebtKind {
    match k {
        model::DebtKind::TermLoan => v1::DebtKind::TermLoan,
        model::DebtKind::SecuredNote => v1::DebtKind::SecuredNote,
        model::DebtKind::EquipmentLoan => v1::DebtKind::EquipmentLoan,
        model::DebtKind::Convertible { conversion_price_usd } => v1::DebtKind::Convertible { conversion_price_usd },
    }
}

fn amortization_in(a: v1::Amortization) -> model::Amortization {
    match a {
        v1::Amortization::Bullet => model::Amortization::Bullet,
        v1::Amortization::Straight => model::Amortization::Straight,
        v1::Amortization::Annuity => model::Amortization::Annuity,
    }
}

fn amortization_out(a: model::Amortization) -> v1::Amortization {
    match a {
        model::Amortization::Bullet => v1::Amortization::Bullet,
        model::Amortization::Straight => v1::Amortization::Straight,
        model::Amortization::Annuity => v1::Amortization::Annuity,
    }
}

fn instrument_in(d: v2::Instrument) -> model::Instrument {
    model::Instrument {
        name: d.name,
        kind: kind_in(d.kind),
        principal_usd: d.principal_usd,
        annual_rate: d.annual_rate,
        issue_month: d.issue_month,
        maturity_month: d.maturity_month,
        amortization: amortization_in(d.amortization),
        issue_cost_fraction: d.issue_cost_fraction,
        accelerate_after_breach_months: d.accelerate_after_breach_months,
    }
}

fn instrument_out(d: &model::Instrument) -> v2::Instrument {
    v2::Instrument {
        name: d.name.clone(),
        kind: kind_out(d.kind),
        principal_usd: d.principal_usd,
        annual_rate: d.annual_rate,
        issue_month: d.issue_month,
        maturity_month: d.maturity_month,
        amortization: amortization_out(d.amortization),
        issue_cost_fraction: d.issue_cost_fraction,
        accelerate_after_breach_months: d.accelerate_after_breach_months,
    }
}

fn financing_in(f: v2::Financing) -> model::Financing {
    model::Financing {
        opening_cash_usd: f.opening_cash_usd,
        opening_btc: f.opening_btc,
        shares_outstanding: f.shares_outstanding,
        share_price_usd: path_in(f.share_price_usd),
        btc_sell_fraction: f.btc_sell_fraction,
        min_cash_usd: f.min_cash_usd,
        covenant_max_leverage: f.covenant_max_leverage,
        cash_interest_rate: f.cash_interest_rate,
        btc_fair_value: f.btc_fair_value,
        debt: f.debt.into_iter().map(instrument_in).collect(),
        equity_raises: f
            .equity_raises
            .into_iter()
            .map(|r| model::EquityRaise { month: r.month, amount_usd: r.amount_usd, discount: r.discount, fee_fraction: r.fee_fraction })
            .collect(),
    }
}

fn financing_out(f: &model::Financing) -> v2::Financing {
    v2::Financing {
        opening_cash_usd: f.opening_cash_usd,
        opening_btc: f.opening_btc,
        shares_outstanding: f.shares_outstanding,
        share_price_usd: path_out(&f.share_price_usd),
        btc_sell_fraction: f.btc_sell_fraction,
        min_cash_usd: f.min_cash_usd,
        covenant_max_leverage: f.covenant_max_leverage,
        cash_interest_rate: f.cash_interest_rate,
        btc_fair_value: f.btc_fair_value,
        debt: f.debt.iter().map(instrument_out).collect(),
        equity_raises: f
            .equity_raises
            .iter()
            .map(|r| v1::EquityRaise { month: r.month, amount_usd: r.amount_usd, discount: r.discount, fee_fraction: r.fee_fraction })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{self, Lease, Lot, Month, Power};

    /// The model's constructors fill in exactly what a file of the newest
    /// format reads for the fields it leaves out: one value for each default.
    #[test]
    fn constructors_fill_in_the_newest_formats_defaults() {
        let text = r#"(format_version: 2, name: "d", start_month: "2026-01", horizon_months: 12,
            market: (btc_price_usd: Growth(start: 1.0, annual_growth: 0.0),
                     network_hashrate_ehs: Growth(start: 1.0, annual_growth: 0.0), start_block_height: 1),
            fleet: [(model: "S", units: 1, hashrate_ths: 1.0, power_w: 1.0, unit_price_usd: "2", deploy_month: "2026-01")],
            hosting: [(tenant: "T", critical_it_mw: 1.0, start_month: "2026-01", term_months: 2, rate_usd_per_kw_month: "3")],
            financing: (shares_outstanding: 1.0, share_price_usd: Growth(start: 1.0, annual_growth: 0.0)))"#;
        let s = crate::format::parse(text).unwrap();
        let m = Month::parse("2026-01").unwrap();
        // Read as format 2 (format 1 would write out its own behaviour: lots not sold).
        assert_eq!(s.fleet[0], Lot::new("S", 1, 1.0, 1.0, 2.into(), m));
        assert_eq!(s.hosting[0], Lease::new("T", 1.0, m, 2, 3.into()));
        assert_eq!(s.power, Power::default());
        assert_eq!(s.market.blocks_per_day, model::DEFAULT_BLOCKS_PER_DAY);
        assert_eq!(s.fleet[0].uptime, super::v1::DEFAULT_UPTIME);
        assert_eq!((s.opex.clone(), s.valuation.clone()), (model::Opex::default(), model::Valuation::default()));
        assert_eq!(s.opex.loss_limit_fraction, super::file::DEFAULT_LOSS_LIMIT_FRACTION);
        assert!(s.financing.btc_fair_value && s.financing.cash_interest_rate == 0.0);
    }
}
