//! The Returns view: does each purchase pay back? One row per lot and lease
//! first paid for inside the horizon (the engine's investments table) with
//! its first payment, cost, payback month, IRR and NPV, and the plan NPV.
//! Only months inside the horizon count, and the view says so.

use crate::engine::{Investment, InvestmentKind, KpiId, Projection};
use crate::schema::{self, Kind};
use crate::units;
use egui::{RichText, Ui};

/// The caveat every reader of the table needs.
pub const HORIZON_CAVEAT: &str = "Only months inside the horizon count: a machine or lease that earns past the last month shows a lower return here than it will earn, and nothing after the horizon is valued (no terminal value).";

/// One investment as the table shows it: name, kind, first payment, cost,
/// payback, IRR, NPV, and a line for the tooltip.
#[derive(Clone, Debug, PartialEq)]
pub struct RowText {
    pub name: String,
    pub kind: &'static str,
    pub first: String,
    pub cost: String,
    pub payback: String,
    pub irr: String,
    pub npv: String,
}

impl RowText {
    pub fn of(i: &Investment) -> RowText {
        let payback = match i.payback_month {
            Some(m) => format!("{m} ({} months)", m.since(i.first_month)),
            None if i.cost_usd > 0.0 => "not within the horizon".to_owned(),
            None => "—".to_owned(),
        };
        RowText {
            name: i.name.clone(),
            kind: match i.kind {
                InvestmentKind::Lot => "Machines",
                InvestmentKind::Lease => "Hosting fit-out",
            },
            first: i.first_month.to_string(),
            cost: units::usd(i.cost_usd),
            payback,
            irr: i.irr.map_or_else(|| "n/m".to_owned(), |r| schema::show(Kind::Percent, 1, r)),
            npv: units::usd(i.npv_usd),
        }
    }
}

/// The whole view.
pub fn ui(ui: &mut Ui, p: &Projection) {
    egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
        let npv = KpiId::NpvUsd.kpi();
        ui.horizontal(|ui| {
            ui.heading("Returns on each investment");
        });
        ui.label(RichText::new(format!("{}: {}", npv.label, npv.show(&p.kpis))).strong()).on_hover_text(npv.help);
        ui.label(RichText::new(HORIZON_CAVEAT).small().weak());
        ui.add_space(8.0);
        if p.investments.is_empty() {
            ui.label("No machine lot or hosting lease is paid for inside the horizon: lots and leases paid for before the start are sunk and have no return here.");
            return;
        }
        table(ui, p);
    });
}

fn table(ui: &mut Ui, p: &Projection) {
    let heads = [
        ("Investment", "Lot: model and delivery month; lease: the tenant"),
        ("Kind", "Machines bought, or a site fitted out for a hosting tenant"),
        ("First payment", "Month of its first payment (the first deposit, or delivery; the first fit-out month)"),
        ("Cost", "Its payments inside the horizon"),
        ("Payback", "First month its cumulative cash flow since the first payment is back to zero or above"),
        (
            "IRR",
            "Annual internal rate of return of its cash flows inside the horizon; n/m when they never turn positive or lose almost everything",
        ),
        ("NPV", "Its cash flows discounted to the plan start at the plan's discount rate"),
    ];
    egui::Grid::new("investments").striped(true).num_columns(heads.len()).spacing([16.0, 4.0]).show(ui, |ui| {
        for (head, tip) in heads {
            ui.label(RichText::new(head).strong()).on_hover_text(tip);
        }
        ui.end_row();
        for i in &p.investments {
            let t = RowText::of(i);
            ui.label(&t.name);
            ui.label(t.kind);
            ui.label(&t.first);
            right(ui, &t.cost);
            let late = i.payback_month.is_none() && i.cost_usd > 0.0;
            ui.label(if late { RichText::new(&t.payback).color(ui.visuals().warn_fg_color) } else { RichText::new(&t.payback) });
            right(ui, &t.irr);
            right(ui, &t.npv);
            ui.end_row();
        }
    });
}

/// A figure aligned to the right of its cell.
fn right(ui: &mut Ui, text: &str) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| ui.label(text));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Month;

    fn inv(payback: Option<&str>, irr: Option<f64>, cost: f64) -> Investment {
        Investment {
            kind: InvestmentKind::Lot,
            name: "Antminer S21 XP (2026-04)".into(),
            index: 2,
            first_month: Month::parse("2026-02").unwrap(),
            cost_usd: cost,
            payback_month: payback.map(|m| Month::parse(m).unwrap()),
            irr,
            npv_usd: 5_052_333.91,
        }
    }

    #[test]
    fn a_row_reads_as_finance_writes_it() {
        let t = RowText::of(&inv(Some("2027-02"), Some(0.6688276384), 22_400_000.0));
        assert_eq!(t.first, "2026-02");
        assert_eq!(t.cost, "$22,400,000");
        assert_eq!(t.payback, "2027-02 (12 months)");
        assert_eq!(t.irr, "66.9 %");
        assert_eq!(t.npv, "$5,052,334");
        assert_eq!(t.kind, "Machines");
    }

    #[test]
    fn a_lot_that_does_not_pay_back_says_so_plainly() {
        let t = RowText::of(&inv(None, None, 69_390_000.0));
        assert_eq!(t.payback, "not within the horizon");
        assert_eq!(t.irr, "n/m");
    }
}
