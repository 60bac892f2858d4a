//! A lot's deposits (format 2): payments of a share of its price some months
//! before delivery. In the fleet table each lot shows them as one compact
//! cell ("3 · 100 %"); clicking it opens this editor under the table for
//! that lot: one line per deposit (months before delivery, share of the
//! price, the month it falls in), the rest paid on delivery, and the
//! deposits' problems right under them.

use crate::app::widgets::{ERROR_COLOR, Form, percent_widget};
use crate::model::field::LotField;
use crate::model::{Deposit, FieldPath, Lot, Month};
use egui::{DragValue, RichText, Ui};

/// The cell's text: `none`, or the count and the share paid before delivery.
pub fn summary(d: &[Deposit]) -> String {
    if d.is_empty() {
        return "none".to_owned();
    }
    let total: f64 = d.iter().map(|x| x.fraction).sum();
    format!("{} · {}", d.len(), percent(total))
}

/// `0.35` → `35 %`.
fn percent(x: f64) -> String {
    format!("{} %", crate::units::plain((x * 100.0 * 1e6).round() / 1e6))
}

/// The lot whose deposits are open this frame: the focus target's when the
/// status bar jumps to a lot's deposits; else the one opened last (if it
/// still exists); else, when nothing is open, the first lot whose deposits
/// have a problem, so the problem shows next to its inputs.
pub fn open_lot(ui: &Ui, f: &Form, id: egui::Id, lots: usize) -> Option<usize> {
    if let Some(FieldPath::Lot(i, LotField::Deposits)) = f.focus {
        return Some(i);
    }
    let stored: Option<usize> = ui.data(|d| d.get_temp::<Option<usize>>(id)).flatten().filter(|&i| i < lots);
    stored.or_else(|| {
        f.problems.iter().find_map(|p| match p.at {
            FieldPath::Lot(i, LotField::Deposits) if i < lots => Some(i),
            _ => None,
        })
    })
}

/// The deposits editor of lot `i`; true when the user closed it.
pub fn ui(ui: &mut Ui, f: &Form, i: usize, lot: &mut Lot, start: Month) -> bool {
    let at = FieldPath::Lot(i, LotField::Deposits);
    let what = format!("lot {}", i + 1);
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            let title = format!("Deposits of lot {} ({}), delivered {}", i + 1, crate::model::field::cut(&lot.model, 40), lot.deploy_month);
            ui.label(RichText::new(title).strong()).on_hover_text(crate::app::widgets::tip(at));
            if ui.small_button("Close").on_hover_text("Hide the deposits").accessible_name(format!("Close deposits ({what})")).clicked() {
                close = true;
            }
        });
        ui.add_enabled_ui(!f.read_only, |ui| rows(ui, i, lot, start));
        ui.horizontal(|ui| {
            ui.add_enabled_ui(!f.read_only, |ui| buttons(ui, &what, lot));
        });
        let total: f64 = lot.deposits.iter().map(|d| d.fraction).sum();
        let rest = if total.is_finite() { percent((1.0 - total).max(0.0)) } else { "–".to_owned() };
        ui.label(RichText::new(format!("Paid before delivery: {} · on delivery ({}): {rest}", percent(total), lot.deploy_month)).weak())
            .on_hover_text("What is left of the price is paid in the deploy month");
        // This field's problems, right under its inputs.
        for p in f.problems.iter().filter(|p| p.at == at) {
            ui.label(RichText::new(format!("⚠ {}", p.message_as_edited())).color(ERROR_COLOR).small());
        }
    });
    close
}

/// One line per deposit: months before delivery, share of the price, its month, remove.
fn rows(ui: &mut Ui, i: usize, lot: &mut Lot, start: Month) {
    let deploy = lot.deploy_month;
    let mut remove = None;
    egui::Grid::new(("deposits_grid", i)).num_columns(4).spacing([10.0, 4.0]).show(ui, |ui| {
        for (k, d) in lot.deposits.iter_mut().enumerate() {
            let name = format!("lot {}, deposit {}", i + 1, k + 1);
            let unit = if d.months_before == 1 { " month before" } else { " months before" };
            ui.add(DragValue::new(&mut d.months_before).speed(0.1).suffix(unit))
                .on_hover_text("Months before the deploy month (at least 1)")
                .accessible_name(format!("Months before ({name})"));
            percent_widget(ui, &mut d.fraction)
                .on_hover_text("Share of the lot's price paid then")
                .accessible_name(format!("Share of price ({name})"));
            let when = deploy.offset(-d.months_before);
            let text = if when < start { format!("{when} (before the start: already paid)") } else { when.to_string() };
            ui.label(RichText::new(text).weak());
            if ui.small_button("✖").on_hover_text("Remove this deposit").accessible_name(format!("Remove deposit ({name})")).clicked() {
                remove = Some(k);
            }
            ui.end_row();
        }
    });
    if let Some(k) = remove {
        lot.deposits.remove(k);
    }
}

/// "+ deposit", the sourced schedule, and "no deposits".
fn buttons(ui: &mut Ui, what: &str, lot: &mut Lot) {
    if ui
        .small_button("+ deposit")
        .on_hover_text("Add a deposit a month before the earliest")
        .accessible_name(format!("Add deposit ({what})"))
        .clicked()
    {
        let months_before = lot.deposits.iter().map(|d| d.months_before).max().unwrap_or(0).max(0) + 1;
        let left = 1.0 - lot.deposits.iter().map(|d| d.fraction).sum::<f64>();
        let fraction = if left.is_finite() { left.clamp(0.0, 0.1) } else { 0.0 };
        lot.deposits.push(Deposit { months_before, fraction });
    }
    let bitmain = ui
        .small_button("Bitmain 2021 terms")
        .on_hover_text(crate::defaults::note(FieldPath::Lot(0, LotField::Deposits)).unwrap_or_default())
        .accessible_name(format!("Bitmain 2021 terms ({what})"));
    if bitmain.clicked() {
        lot.deposits = crate::defaults::deposits();
    }
    if ui
        .small_button("No deposits")
        .on_hover_text("Pay the whole price on delivery")
        .accessible_name(format!("No deposits ({what})"))
        .clicked()
    {
        lot.deposits.clear();
    }
}
