//! Financing section: opening balance sheet, treasury policy, covenant, debt
//! instruments and equity raises.

use super::{grid, list};
use crate::app::widgets::Form;
use crate::model::{Amortization, DebtKind, EquityRaise, Instrument, Scenario};
use egui::{ComboBox, Ui};
use rust_decimal::Decimal;

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    let start = s.start_month;
    let fin = &mut s.financing;
    ui.heading("Opening balance and treasury");
    grid(ui, "financing_grid", |ui| {
        f.money(ui, "financing.opening_cash_usd", "Opening cash", "Cash at the start, USD", &mut fin.opening_cash_usd, "$");
        f.number(ui, "financing.opening_btc", "Opening BTC", "BTC held at the start", &mut fin.opening_btc, " BTC", 1.0);
        f.number(
            ui,
            "financing.shares_outstanding",
            "Shares outstanding",
            "Share count at the start",
            &mut fin.shares_outstanding,
            "",
            1e5,
        );
        f.path(
            ui,
            "financing.share_price_usd",
            "Share price",
            "Share price in USD, per month (conversions and raises)",
            &mut fin.share_price_usd,
            " $",
        );
        f.percent(ui, "financing.btc_sell_fraction", "BTC sold", "Share of mined BTC sold each month", &mut fin.btc_sell_fraction);
        f.money(
            ui,
            "financing.min_cash_usd",
            "Minimum cash",
            "The treasury sells held BTC to keep at least this cash, USD",
            &mut fin.min_cash_usd,
            "$",
        );
        f.opt_number(
            ui,
            "financing.covenant_max_leverage",
            "Covenant",
            "Maximum debt ÷ LTM EBITDA (unchecked = no covenant)",
            &mut fin.covenant_max_leverage,
            "×",
            3.5,
        );
    });

    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.heading("Debt");
        ui.add_enabled_ui(!f.read_only, |ui| {
            if ui.button("+ Instrument").on_hover_text("Add a loan or note").clicked() {
                fin.debt.push(Instrument::new(
                    &format!("Instrument {}", fin.debt.len() + 1),
                    DebtKind::TermLoan,
                    Decimal::from(100_000_000),
                    0.08,
                    start,
                    start.offset(36),
                ));
            }
        });
    });
    list(
        ui,
        f,
        &mut fin.debt,
        "instrument",
        "financing.debt",
        |i, d| format!("{} · {} · {} · ${}", i + 1, d.name, d.kind.label(), crate::app::widgets::money_text(&d.principal_usd)),
        |ui, f, i, d| {
            let p = |x: &str| format!("financing.debt[{i}].{x}");
            grid(ui, ("debt_grid", i), |ui| {
                f.text(ui, &p("name"), "Name", "Instrument name", &mut d.name);
                f.row(ui, &p("kind"), "Kind", "Term loan, secured note, equipment loan or convertible", |ui, n| {
                    let mut kind = d.kind;
                    let r = ComboBox::from_id_salt(p("kind")).selected_text(kind.label()).show_ui(ui, |ui| {
                        let conv = match d.kind {
                            DebtKind::Convertible { conversion_price_usd } => conversion_price_usd,
                            _ => Decimal::from(20),
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
                    f.money(
                        ui,
                        &p("kind.conversion_price_usd"),
                        "Conversion price",
                        "Share price at which the notes convert at maturity, USD",
                        conversion_price_usd,
                        "$/share",
                    );
                }
                f.money(ui, &p("principal_usd"), "Principal", "Amount borrowed, USD", &mut d.principal_usd, "$");
                f.percent(ui, &p("annual_rate"), "Coupon", "Annual interest rate (30/360, monthly)", &mut d.annual_rate);
                f.month(
                    ui,
                    &p("issue_month"),
                    "Issue",
                    "Month of issue (proceeds); before the start = already outstanding",
                    &mut d.issue_month,
                );
                f.month(ui, &p("maturity_month"), "Maturity", "Month the remaining balance is repaid or converted", &mut d.maturity_month);
                f.row(
                    ui,
                    &p("amortization"),
                    "Amortization",
                    "Bullet: all at maturity; Straight: equal principal; Annuity: level payments",
                    |ui, n| {
                        let r =
                            ComboBox::from_id_salt(p("amortization")).selected_text(format!("{:?}", d.amortization)).show_ui(ui, |ui| {
                                for a in [Amortization::Bullet, Amortization::Straight, Amortization::Annuity] {
                                    ui.selectable_value(&mut d.amortization, a, format!("{a:?}"));
                                }
                            });
                        n.apply(r.response)
                    },
                );
                f.percent(
                    ui,
                    &p("issue_cost_fraction"),
                    "Issue cost",
                    "Fees as a share of principal, paid at issue",
                    &mut d.issue_cost_fraction,
                );
            });
        },
    );

    ui.add_space(8.0);
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
        "financing.equity_raises",
        |i, r| format!("{} · {} · ${}", i + 1, r.month, crate::app::widgets::money_text(&r.amount_usd)),
        |ui, f, i, r| {
            let p = |x: &str| format!("financing.equity_raises[{i}].{x}");
            grid(ui, ("raise_grid", i), |ui| {
                f.month(ui, &p("month"), "Month", "Month of the raise (before the start = already in the share count)", &mut r.month);
                f.money(ui, &p("amount_usd"), "Amount", "Gross amount raised, USD", &mut r.amount_usd, "$");
                f.percent(ui, &p("discount"), "Discount", "Discount to the share price (< 100 %)", &mut r.discount);
                f.percent(ui, &p("fee_fraction"), "Fees", "Fees as a share of the amount", &mut r.fee_fraction);
            });
        },
    );
}
