//! KPI cards across the top of the centre panel: the summary figures of
//! `model.md` with their units; undefined figures say so.

use crate::engine::Projection;
use crate::units;
use egui::{Color32, RichText, Ui};

struct Card {
    title: &'static str,
    value: String,
    detail: String,
    tip: &'static str,
    alert: bool,
}

fn cards(p: &Projection) -> Vec<Card> {
    let k = &p.kpis;
    let month = |m: Option<crate::model::Month>| m.map_or("–".to_owned(), |m| m.to_string());
    vec![
        Card {
            title: "BTC mined",
            value: units::thousands(k.total_btc_mined, 1),
            detail: "BTC over the horizon".into(),
            tip: "Total BTC mined, after pool fees",
            alert: false,
        },
        Card {
            title: "Hashrate share",
            value: format!("{} › {}", units::percent(k.share_first, 3), units::percent(k.share_last, 3)),
            detail: "now › end".into(),
            tip: "Fleet hashrate ÷ network hashrate in the first and last month",
            alert: k.share_last < k.share_first * 0.5,
        },
        Card {
            title: "Annual share change",
            value: k.annual_share_change.map_or("n/a".into(), |v| format!("{:+.1} %", v * 100.0)),
            detail: "compound per year".into(),
            tip: "(share_last ÷ share_first)^(12 ÷ (months − 1)) − 1; n/a when the first share is 0 or the horizon is one month",
            alert: k.annual_share_change.is_some_and(|v| v < 0.0),
        },
        Card {
            title: "Minimum cash",
            value: units::usd_compact(k.min_cash_usd),
            detail: format!("in {}", month(k.min_cash_month)),
            tip: "Lowest month-end cash after treasury BTC sales",
            alert: k.min_cash_usd < 0.0,
        },
        Card {
            title: "Peak leverage",
            value: k.peak_leverage.map_or("n/m".into(), |v| format!("{v:.2}×")),
            detail: k.peak_leverage_month.map_or("no positive LTM EBITDA".into(), |m| format!("in {m}")),
            tip: "Highest debt ÷ LTM EBITDA over the months where it is meaningful",
            alert: false,
        },
        Card {
            title: "Covenant breaches",
            value: k.covenant_breach_months.map_or("no covenant".into(), |n| n.to_string()),
            detail: "months".into(),
            tip: "Months with debt above the covenant multiple of LTM EBITDA (or EBITDA not positive)",
            alert: k.covenant_breach_months.is_some_and(|n| n > 0),
        },
        Card {
            title: "First distress",
            value: month(k.first_distress_month),
            detail: if k.first_distress_month.is_some() { "cash below zero".into() } else { "cash never negative".into() },
            tip: "First month-end with negative cash",
            alert: k.first_distress_month.is_some(),
        },
        Card {
            title: "All-in cost / BTC",
            value: k.all_in_cost_per_btc_usd.map_or("n/a".into(), units::usd),
            detail: k.cash_cost_per_btc_usd.map_or("nothing mined".into(), |v| format!("cash cost {}", units::usd(v))),
            tip: "(Mining energy + site opex + lot depreciation + (SG&A + interest) × mining share of revenue) ÷ BTC mined; cash cost = mining energy ÷ BTC mined",
            alert: false,
        },
    ]
}

/// The KPI cards in as many columns as fit (rows wrap on narrow windows).
pub fn ui(ui: &mut Ui, p: &Projection) {
    const MIN_W: f32 = 160.0;
    const GAP: f32 = 8.0;
    let cards = cards(p);
    let avail = ui.available_width();
    let cols = (((avail + GAP) / (MIN_W + GAP)).floor() as usize).clamp(1, cards.len());
    let card_w = (avail - GAP * (cols - 1) as f32) / cols as f32;
    for row in cards.chunks(cols) {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = GAP;
            for c in row {
                card(ui, c, card_w);
            }
        });
        ui.add_space(GAP / 2.0);
    }
}

fn card(ui: &mut Ui, c: &Card, width: f32) {
    egui::Frame::group(ui.style()).inner_margin(8.0).corner_radius(6.0).show(ui, |ui| {
        ui.set_width(width - 18.0);
        ui.vertical(|ui| {
            ui.label(RichText::new(c.title).small().weak()).on_hover_text(c.tip);
            let value = RichText::new(&c.value).size(18.0).strong();
            ui.label(if c.alert { value.color(Color32::from_rgb(0xE0, 0x6C, 0x4F)) } else { value }).on_hover_text(c.tip);
            ui.label(RichText::new(&c.detail).small().weak());
        });
    });
}
