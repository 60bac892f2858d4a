//! KPI cards across the top of the centre panel: the summary figures of
//! `model.md` with their units; undefined figures say so.

use super::theme::ChartColors;
use crate::analysis::leverage::{self, LeverageNote};
use crate::engine::{KpiId, Kpis, Projection};
use crate::schema::{Kpi, KpiValue};
use egui::{RichText, Ui};

struct Card {
    title: &'static str,
    value: String,
    detail: String,
    tip: String,
    alert: bool,
}

/// The month KPI `key` as `in 2027-03`, or what its absence means.
fn in_month(k: &Kpis, id: KpiId, none: &str) -> String {
    match id.kpi().value(k) {
        KpiValue::Month(m) => format!("in {m}"),
        _ => none.to_owned(),
    }
}

/// A card showing one KPI, its tooltip saying how it is computed.
fn card(k: &Kpis, title: &'static str, id: KpiId, detail: String, alert: bool) -> Card {
    let f = id.kpi();
    Card { title, value: f.show_short(k), detail, tip: format!("{}: {}", f.label, f.help), alert }
}

fn cards(p: &Projection) -> Vec<Card> {
    let k = &p.kpis;
    let value = |id: KpiId| id.kpi().value(k).number();
    let (first, last, annual) = (KpiId::ShareFirst.kpi(), KpiId::ShareLast.kpi(), KpiId::AnnualShareChange.kpi());
    let note = leverage::note(p);
    vec![
        card(k, "BTC mined", KpiId::TotalBtcMined, "over the horizon".into(), false),
        // The melt rate joins the share card (its card made room for the income figures).
        Card {
            title: "Hashrate share",
            value: format!("{} › {}", first.show_short(k), last.show_short(k)),
            detail: match value(KpiId::AnnualShareChange) {
                Some(_) => format!("first › last; {} a year", annual.show_short(k)),
                None => "first › last month".into(),
            },
            tip: format!("{}\n{}\n{}: {}", first.help, last.help, annual.label, annual.help),
            alert: value(KpiId::AnnualShareChange).is_some_and(|v| v < 0.0),
        },
        card(k, "Total revenue", KpiId::TotalRevenueUsd, "mining, hosting, credits".into(), false),
        card(k, "Total EBITDA", KpiId::TotalEbitdaUsd, "over the horizon".into(), k.total_ebitda_usd < 0.0),
        card(k, "Total net income", KpiId::TotalNetIncomeUsd, "over the horizon".into(), k.total_net_income_usd < 0.0),
        card(
            k,
            "Liquidity at end",
            KpiId::LiquidityAtEndUsd,
            match k.min_liquidity_month {
                Some(m) => format!("low {} ({m})", KpiId::MinLiquidityUsd.kpi().show_short(k)),
                None => "cash + BTC at market".into(),
            },
            k.min_liquidity_usd < 0.0,
        )
        .with_tip_line(KpiId::MinLiquidityUsd.kpi())
        .with_tip_line(KpiId::TreasuryBtcSold.kpi()),
        // The first month below zero joins the minimum cash (the card it had makes room for the plan NPV).
        card(
            k,
            "Minimum cash",
            KpiId::MinCashUsd,
            match k.first_distress_month {
                Some(m) => format!("{}; below zero from {m}", in_month(k, KpiId::MinCashMonth, "")),
                None => format!("{}; never below zero", in_month(k, KpiId::MinCashMonth, "")),
            },
            k.min_cash_usd < 0.0,
        )
        .with_tip_line(KpiId::FirstDistressMonth.kpi()),
        card(
            k,
            "Plan NPV",
            KpiId::NpvUsd,
            match k.first_acceleration_month {
                Some(m) => format!("a lender calls its debt in {m}"),
                None => "free cash flow, discounted".into(),
            },
            k.first_acceleration_month.is_some(),
        )
        .with_tip_line(KpiId::FirstAccelerationMonth.kpi()),
        leverage_card(p, &note, false),
        leverage_card(p, &note, true),
        card(
            k,
            "Covenant breaches",
            KpiId::CovenantBreachMonths,
            if k.covenant_breach_months.is_some() { "debt above the covenant".into() } else { "none set in Financing".into() },
            value(KpiId::CovenantBreachMonths).is_some_and(|v| v > 0.0),
        ),
        card(
            k,
            "All-in cost / BTC",
            KpiId::AllInCostPerBtcUsd,
            value(KpiId::CashCostPerBtcUsd)
                .map_or("nothing mined".into(), |_| format!("cash cost {}", KpiId::CashCostPerBtcUsd.kpi().show_short(k))),
            false,
        )
        .with_tip_line(KpiId::CashCostPerBtcUsd.kpi()),
    ]
}

/// The peak (net) leverage card: "no debt" without debt; a peak above
/// [`leverage::NEAR_ZERO_MULTIPLE`] names its cause (LTM EBITDA near zero);
/// the months where leverage is n/m are named under the value, one
/// line each (the tooltip says what n/m means and lists every run).
fn leverage_card(p: &Projection, note: &LeverageNote, net: bool) -> Card {
    let k = &p.kpis;
    let (title, id, month, near_zero) = if net {
        ("Peak net leverage", KpiId::PeakNetLeverage, KpiId::PeakNetLeverageMonth, note.peak_net_near_zero)
    } else {
        ("Peak leverage", KpiId::PeakLeverage, KpiId::PeakLeverageMonth, note.peak_near_zero)
    };
    let f = id.kpi();
    let mut tip = format!("{}: {}", f.label, f.help);
    if note.no_debt {
        tip.push_str("\nNo month carries debt: there is no leverage to show.");
        return Card { title, value: "no debt".into(), detail: "nothing borrowed".into(), tip, alert: false };
    }
    let mut lines = Vec::new();
    match (id.kpi().value(k).number(), in_month(k, month, "")) {
        (Some(v), when) if net && v < 0.0 => lines.push(format!("net cash, {when}")),
        (Some(_), when) if near_zero => lines.push(format!("{when}: EBITDA near zero")),
        (Some(_), when) => lines.push(when),
        (None, _) => {}
    }
    if near_zero {
        tip.push_str(&format!(
            "\nAbove {}× LTM EBITDA is below {} % of the debt: the multiple is arithmetic on an EBITDA near zero.",
            leverage::NEAR_ZERO_MULTIPLE,
            100.0 / leverage::NEAR_ZERO_MULTIPLE
        ));
    }
    match note.not_meaningful_words() {
        Some(nm) => {
            tip.push_str(&format!("\nn/m (LTM EBITDA ≤ 0): {}", note.all_spans_words()));
            lines.push(nm);
        }
        None if lines.is_empty() => lines.push("no positive LTM EBITDA".into()),
        None => {}
    }
    let value = f.show_short(k);
    Card { title, value, detail: lines.join("\n"), tip, alert: near_zero }
}

impl Card {
    fn with_tip_line(mut self, f: &Kpi) -> Card {
        self.tip = format!("{}\n{}: {}", self.tip, f.label, f.help);
        self
    }
}

/// The KPI cards in as many columns as fit (rows wrap on narrow windows):
/// four columns of twelve cards at 1024×768 leave the charts their height.
pub fn ui(ui: &mut Ui, p: &Projection) {
    const MIN_W: f32 = 138.0;
    const GAP: f32 = 8.0;
    let cards = cards(p);
    let avail = ui.available_width();
    let cols = (((avail + GAP) / (MIN_W + GAP)).floor() as usize).clamp(1, cards.len());
    let card_w = (avail - GAP * (cols - 1) as f32) / cols as f32;
    for row in cards.chunks(cols) {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = GAP;
            for c in row {
                draw_card(ui, c, card_w, if card_w < 160.0 { 15.0 } else { 18.0 });
            }
        });
        ui.add_space(GAP / 2.0);
    }
}

fn draw_card(ui: &mut Ui, c: &Card, width: f32, value_size: f32) {
    egui::Frame::group(ui.style()).inner_margin(8.0).corner_radius(6.0).show(ui, |ui| {
        ui.set_width(width - 18.0);
        ui.vertical(|ui| {
            ui.label(RichText::new(c.title).small().weak()).on_hover_text(&c.tip);
            let value = RichText::new(&c.value).size(value_size).strong();
            let alert = ChartColors::of(ui.visuals()).alert;
            ui.label(if c.alert { value.color(alert) } else { value }).on_hover_text(&c.tip);
            ui.label(RichText::new(&c.detail).small().weak());
        });
    });
}
