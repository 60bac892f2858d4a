//! Financing section: opening balance sheet, treasury policy, covenant,
//! interest on cash and bitcoin at fair value, debt instruments (with the
//! lender's acceleration trigger) and equity raises.

use super::{grid, list};
use crate::app::widgets::Form;
use crate::defaults::NewDebt;
use crate::model::field::{DebtField as D, FinancingField as F, List, Part, RaiseField as R};
use crate::model::{Amortization, DebtKind, EquityRaise, FieldPath, Financing, Instrument, Month, Scenario};
use egui::{ComboBox, Ui};
use rust_decimal::Decimal;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let start = s.start_month;
    let fin = &mut s.financing;
    opening(ui, f, fin);
    ui.add_space(8.0);
    debt(ui, f, fin, start);
    ui.add_space(8.0);
    raises(ui, f, fin, start);
}

/// Opening balance sheet, treasury policy and covenant.
fn opening(ui: &mut Ui, f: &mut Form, fin: &mut Financing) {
    ui.heading("Opening balance and treasury");
    let at = |x| FieldPath::Financing(x, Part::Whole);
    grid(ui, "financing_grid", |ui| {
        f.money(ui, at(F::OpeningCash), &mut fin.opening_cash_usd);
        f.number(ui, at(F::OpeningBtc), &mut fin.opening_btc, 1.0);
        f.number(ui, at(F::Shares), &mut fin.shares_outstanding, 1e5);
        f.path(ui, at(F::SharePrice), &mut fin.share_price_usd);
        f.percent(ui, at(F::BtcSold), &mut fin.btc_sell_fraction);
        f.money(ui, at(F::MinCash), &mut fin.min_cash_usd);
        f.opt_number(ui, at(F::Covenant), &mut fin.covenant_max_leverage, 3.5);
        f.percent(ui, at(F::CashInterest), &mut fin.cash_interest_rate);
        f.checkbox(ui, at(F::BtcFairValue), &mut fin.btc_fair_value);
    });
}

/// The debt instruments: a menu of kinds to add one, then one block each.
fn debt(ui: &mut Ui, f: &mut Form, fin: &mut Financing, start: Month) {
    ui.horizontal(|ui| {
        ui.heading("Debt");
        ui.add_enabled_ui(!f.read_only, |ui| {
            // A menu of kinds, each with the terms of the 2025 deals (their source on hover).
            let mut chosen = None;
            ui.menu_button("+ Instrument", |ui| {
                for k in NewDebt::ALL {
                    if ui.button(k.label()).on_hover_text(k.source()).clicked() {
                        chosen = Some(k);
                    }
                }
            })
            .response
            .on_hover_text("Add a loan or note (the lender's acceleration starts off: switch it on in the instrument)");
            if let Some(k) = chosen {
                let share = fin.share_price_usd.value_at(start, 0);
                let d = crate::defaults::instrument(k, fin.debt.len() + 1, start, share);
                fin.debt.push(d);
            }
        });
    });
    let share_now = fin.share_price_usd.value_at(start, 0);
    list(
        ui,
        f,
        &mut fin.debt,
        "instrument",
        List::Debt,
        |i, d| format!("{} · {} · {} · ${}", i + 1, d.name, d.kind.label(), crate::app::widgets::money_text(&d.principal_usd)),
        |ui, f, i, d| instrument(ui, f, i, d, share_now),
    );
}

/// The fields of instrument `i`; `share_now` prices a new conversion.
fn instrument(ui: &mut Ui, f: &mut Form, i: usize, d: &mut Instrument, share_now: f64) {
    let p = |x| FieldPath::Debt(i, x);
    grid(ui, ("debt_grid", i), |ui| {
        f.text(ui, p(D::Name), &mut d.name);
        f.row(ui, p(D::Kind), |ui, n| {
            let mut kind = d.kind;
            let r = ComboBox::from_id_salt(p(D::Kind)).selected_text(kind.label()).show_ui(ui, |ui| {
                let conv = match d.kind {
                    DebtKind::Convertible { conversion_price_usd } => conversion_price_usd,
                    // The 2025 premium over the share price at issue.
                    _ => crate::defaults::conversion_price(share_now),
                };
                for k in [
                    DebtKind::TermLoan,
                    DebtKind::SecuredNote,
                    DebtKind::EquipmentLoan,
                    DebtKind::Convertible { conversion_price_usd: conv },
                ] {
                    let selected = std::mem::discriminant(&kind) == std::mem::discriminant(&k);
                    if ui.selectable_label(selected, k.label()).clicked() {
                        kind = k;
                    }
                }
            });
            if kind != d.kind {
                d.kind = kind;
            }
            n.apply(r.response)
        });
        if let DebtKind::Convertible { conversion_price_usd } = &mut d.kind {
            f.money(ui, p(D::ConversionPrice), conversion_price_usd);
        }
        f.money(ui, p(D::Principal), &mut d.principal_usd);
        f.percent(ui, p(D::Coupon), &mut d.annual_rate);
        f.month(ui, p(D::Issue), &mut d.issue_month);
        f.month(ui, p(D::Maturity), &mut d.maturity_month);
        f.row(ui, p(D::Amortization), |ui, n| {
            let r = ComboBox::from_id_salt(p(D::Amortization)).selected_text(format!("{:?}", d.amortization)).show_ui(ui, |ui| {
                for a in [Amortization::Bullet, Amortization::Straight, Amortization::Annuity] {
                    ui.selectable_value(&mut d.amortization, a, format!("{a:?}"));
                }
            });
            n.apply(r.response)
        });
        f.percent(ui, p(D::IssueCost), &mut d.issue_cost_fraction);
        accelerate(ui, f, p(D::Accelerate), &mut d.accelerate_after_breach_months);
    });
}

/// The acceleration trigger: a checkbox (off: the lender never calls the
/// debt early) and, when on, the breach months in a row that set it off.
fn accelerate(ui: &mut Ui, f: &mut Form, at: FieldPath, value: &mut Option<i64>) {
    f.row(ui, at, |ui, n| {
        let mut on = value.is_some();
        let r = ui.checkbox(&mut on, "").accessible_name(format!("{} set", n.name));
        if r.changed() {
            *value = on.then_some(crate::defaults::ACCELERATE_AFTER_MONTHS);
        }
        match value {
            Some(v) => {
                let unit = if *v == 1 { " breach month in a row" } else { " breach months in a row" };
                ui.add(egui::DragValue::new(v).speed(0.1).suffix(unit)).accessible_name(n.name.clone()) | r
            }
            None => {
                ui.label(egui::RichText::new("never").weak());
                r
            }
        }
    });
}

/// The equity raises: a button to add one, then one block each.
fn raises(ui: &mut Ui, f: &mut Form, fin: &mut Financing, start: Month) {
    ui.horizontal(|ui| {
        ui.heading("Equity raises");
        ui.add_enabled_ui(!f.read_only, |ui| {
            if ui.button("+ Raise").on_hover_text("Add an equity raise").clicked() {
                fin.equity_raises.push(EquityRaise::new(start.offset(6), Decimal::from(100_000_000)));
            }
        });
    });
    list(
        ui,
        f,
        &mut fin.equity_raises,
        "raise",
        List::Raises,
        |i, r| format!("{} · {} · ${}", i + 1, r.month, crate::app::widgets::money_text(&r.amount_usd)),
        |ui, f, i, r| {
            let p = |x| FieldPath::Raise(i, x);
            grid(ui, ("raise_grid", i), |ui| {
                f.month(ui, p(R::Month), &mut r.month);
                f.money(ui, p(R::Amount), &mut r.amount_usd);
                f.percent(ui, p(R::Discount), &mut r.discount);
                f.percent(ui, p(R::Fees), &mut r.fee_fraction);
            });
        },
    );
}
