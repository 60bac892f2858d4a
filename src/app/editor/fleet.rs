//! Fleet section: the machine lots as a table (with derived J/TH and $/TH)
//! and a picker that fills a new lot from the ASIC catalog. A lot's deposits
//! (a short list of its own) are a compact cell in its row that opens their
//! editor under the table ([`deposits`]).

mod deposits;

use crate::app::widgets::{Form, ListAction, derived, integer_widget, list_menu, month_widget, number_widget, percent_widget};
use crate::catalog;
use crate::model::field::{Block, LotField};
use crate::model::{FieldPath, Lot, Scenario};
use egui::{RichText, Ui};
use rust_decimal::prelude::ToPrimitive;

/// Column headers: short labels over the lot's fields (tips from the field
/// table) and the two derived columns.
enum Col {
    Field(&'static str, LotField),
    Derived(&'static str, &'static str),
}

const COLUMNS: [Col; 14] = [
    Col::Field("Model", LotField::Model),
    Col::Field("Units", LotField::Units),
    Col::Field("TH/s", LotField::Hashrate),
    Col::Field("W", LotField::Power),
    Col::Derived("J/TH", "Efficiency: W ÷ TH/s (derived)"),
    Col::Field("$/unit", LotField::UnitPrice),
    Col::Derived("$/TH", "Price per TH/s (derived)"),
    Col::Field("Deposits", LotField::Deposits),
    Col::Field("Deploy", LotField::DeployMonth),
    Col::Field("Life", LotField::Life),
    Col::Field("Uptime", LotField::Uptime),
    Col::Field("Degr./yr", LotField::Degradation),
    Col::Field("Salvage", LotField::Salvage),
    Col::Field("Sold", LotField::SoldAtRetirement),
];

pub fn ui(ui: &mut Ui, f: &mut Form, s: &mut Scenario) {
    add_buttons(ui, f, s);
    ui.add_space(4.0);
    summary(ui, s);
    ui.add_space(4.0);
    let open_id = ui.make_persistent_id("fleet_deposits_open");
    let mut open = deposits::open_lot(ui, f, open_id, s.fleet.len());
    let action = table(ui, f, &mut s.fleet, &mut open);
    if let Some(i) = open
        && let Some(lot) = s.fleet.get_mut(i)
    {
        ui.add_space(6.0);
        if deposits::ui(ui, f, i, lot, s.start_month) {
            open = None;
        }
    }
    // Messages under the table, one line per problem, naming the lot and field in words
    // (those of the deposits shown above sit with their editor).
    let shown_above = |at: FieldPath| open.is_some_and(|i| at == FieldPath::Lot(i, LotField::Deposits));
    for p in f.problems.iter().filter(|p| p.at.block() == Block::Fleet && !shown_above(p.at)) {
        ui.label(RichText::new(format!("⚠ {}", p.sentence(s))).color(crate::app::widgets::ERROR_COLOR).small());
    }
    if s.fleet.is_empty() {
        ui.label(RichText::new("No machines yet: add a lot from the catalog.").italics());
    }
    if let Some(a) = action {
        a.apply(&mut s.fleet);
        // The details follow no lot after a move or removal: closed.
        open = None;
    }
    ui.data_mut(|d| d.insert_temp(open_id, open));
}

/// "+ Add lot from catalog…" and "+ Blank lot".
fn add_buttons(ui: &mut Ui, f: &Form, s: &mut Scenario) {
    let start = s.start_month;
    ui.horizontal(|ui| {
        ui.add_enabled_ui(!f.read_only, |ui| {
            egui::ComboBox::from_id_salt("catalog_picker")
                .selected_text("+ Add lot from catalog…")
                .width(230.0)
                .show_ui(ui, |ui| {
                    for m in catalog::catalog() {
                        let text = format!(
                            "{}  ·  {} TH/s, {} W, {:.1} J/TH, ${}/unit",
                            m.model,
                            m.hashrate_ths,
                            m.power_w,
                            m.j_per_th(),
                            m.unit_price_usd
                        );
                        if ui.selectable_label(false, text).on_hover_text(&m.source).clicked() {
                            let delivery = crate::defaults::lot_delivery(start);
                            s.fleet.push(crate::defaults::operating(m.to_lot(crate::defaults::LOT_UNITS, delivery)));
                        }
                    }
                })
                .response
                .on_hover_text(format!(
                    "Fill a new lot from the ASIC catalog: 1,000 units ordered in the start month and delivered {} months later, paid by Bitmain's 2021 deposit schedule (hover the Deposits column for the source)",
                    crate::defaults::LOT_LEAD_MONTHS
                ))
                .accessible_name("Add lot from catalog");
            if ui.button("+ Blank lot").on_hover_text("Add an empty lot to fill in by hand (ordered now, with the default deposits)").clicked() {
                s.fleet.push(crate::defaults::operating(Lot::new(
                    "New machine",
                    1000,
                    200.0,
                    3500.0,
                    rust_decimal::Decimal::from(3000),
                    crate::defaults::lot_delivery(start),
                )));
            }
        });
    });
}

/// "3 lots · 12,000 machines · 2.40 EH/s nameplate" ("1 lot", "0 lots").
fn summary(ui: &mut Ui, s: &Scenario) {
    let total_units: i64 = s.fleet.iter().map(|l| l.units).sum();
    let total_ths: f64 = s.fleet.iter().map(|l| l.units as f64 * l.hashrate_ths).sum();
    ui.label(
        RichText::new(format!(
            "{} · {} machines · {} nameplate",
            match s.fleet.len() {
                1 => "1 lot".to_owned(),
                n => format!("{n} lots"),
            },
            crate::units::thousands(total_units as f64, 0),
            crate::units::hashrate_ehs(total_ths / 1e6)
        ))
        .weak(),
    );
}

/// The table of lots, one row each; returns the row button pressed (move, duplicate, remove).
/// `open`: the lot whose deposits are shown under the table (its cell toggles it).
///
/// Two grids side by side: the frozen one holds each lot's number and model
/// and never scrolls, so every row says which lot it is; the other holds the
/// rest and scrolls sideways. Both rows take one fixed height, so they line up.
fn table(ui: &mut Ui, f: &mut Form, fleet: &mut [Lot], open: &mut Option<usize>) -> Option<ListAction> {
    let mut action = None;
    let len = fleet.len();
    let row_height = ui.spacing().interact_size.y + 4.0;
    // A solid scroll bar takes its own space: a floating one would cover the last row's buttons.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let names = egui::Grid::new("fleet_names").striped(true).spacing([8.0, 4.0]).min_row_height(row_height).show(ui, |ui| {
            ui.label("#");
            ui.label(RichText::new("Model").strong()).on_hover_text(crate::app::widgets::tip(FieldPath::Lot(0, LotField::Model)));
            ui.label("");
            ui.end_row();
            for (i, lot) in fleet.iter_mut().enumerate() {
                ui.label(format!("{}", i + 1));
                f.cell(ui, FieldPath::Lot(i, LotField::Model), &format!("Model (lot {})", i + 1), |ui| {
                    ui.add(egui::TextEdit::singleline(&mut lot.model).desired_width(MODEL_WIDTH).min_size(egui::vec2(MODEL_WIDTH, 0.0)))
                });
                // Move, duplicate, remove: one small menu that stays in view, not four buttons to scroll to.
                ui.add_enabled_ui(!f.read_only, |ui| {
                    if let Some(a) = list_menu(ui, i, len, &format!("lot {}", i + 1)) {
                        action = Some(a);
                    }
                });
                ui.end_row();
            }
        });
        // A rule between the two parts, as tall as the table (a separator would run to the panel's foot).
        let x = names.response.rect.right() + 4.0;
        ui.painter().vline(x, names.response.rect.y_range(), ui.visuals().widgets.noninteractive.bg_stroke);
        ui.add_space(9.0);
        egui::ScrollArea::horizontal().id_salt("fleet_table_scroll").show(ui, |ui| {
            ui.spacing_mut().item_spacing.x = 8.0;
            let grid = egui::Grid::new("fleet_table").striped(true).spacing([8.0, 4.0]).min_row_height(row_height).show(ui, |ui| {
                header(ui);
                for (i, lot) in fleet.iter_mut().enumerate() {
                    lot_row(ui, f, i, lot, open);
                }
            });
            reveal_focused(ui, grid.response.rect);
        });
    });
    action
}

/// The model column's width: the frozen column's, so the scrolled part keeps most of the panel.
const MODEL_WIDTH: f32 = 140.0;

/// The header row of the scrolled part: each column's label with its tip.
fn header(ui: &mut Ui) {
    for c in COLUMNS.iter().skip(1) {
        let (h, tip) = match c {
            // The field's tip with its default's source (any lot: the note is per field).
            Col::Field(h, f) => (*h, crate::app::widgets::tip(FieldPath::Lot(0, *f))),
            Col::Derived(h, tip) => (*h, (*tip).to_owned()),
        };
        ui.label(RichText::new(h).strong()).on_hover_text(tip);
    }
    ui.end_row();
}

/// The scrolled part of lot `i`'s row.
fn lot_row(ui: &mut Ui, f: &mut Form, i: usize, lot: &mut Lot, open: &mut Option<usize>) {
    let p = |x| FieldPath::Lot(i, x);
    let n = |x: &str| format!("{x} (lot {})", i + 1);
    f.cell(ui, p(LotField::Units), &n("Units"), |ui| integer_widget(ui, &mut lot.units, "", 10.0));
    f.cell(ui, p(LotField::Hashrate), &n("TH/s"), |ui| number_widget(ui, &mut lot.hashrate_ths, "", 0.5));
    f.cell(ui, p(LotField::Power), &n("W"), |ui| number_widget(ui, &mut lot.power_w, "", 5.0));
    let jth = lot.power_w / lot.hashrate_ths;
    derived(ui, if jth.is_finite() { format!("{jth:.1}") } else { "–".into() }, "Efficiency: W ÷ TH/s (derived)");
    f.cell(ui, p(LotField::UnitPrice), &n("$/unit"), |ui| {
        crate::app::widgets::money_widget_sized(ui, p(LotField::UnitPrice), &mut lot.unit_price_usd, "", 70.0)
    });
    let per_th = lot.unit_price_usd.to_f64().unwrap_or(0.0) / lot.hashrate_ths;
    derived(ui, if per_th.is_finite() { format!("{per_th:.2}") } else { "–".into() }, "Price per TH/s (derived)");
    let shown = *open == Some(i);
    // The button only shows the deposits under the table (read-only in
    // review mode), so a reviewer can open them too.
    let read_only = std::mem::replace(&mut f.read_only, false);
    let click = if read_only { "Click to see them under the table" } else { "Click to edit them under the table" };
    let r = f.cell(ui, p(LotField::Deposits), &n("Deposits"), |ui| {
        let text = format!("{} {}", if shown { "⏷" } else { "⏵" }, deposits::summary(&lot.deposits));
        ui.add(egui::Button::new(text).small().selected(shown)).on_hover_text(if lot.deposits.is_empty() {
            format!("No deposits: the whole price is paid on delivery.\n\n{click}")
        } else {
            format!("{}\n\n{click}", crate::analysis::compare::deposits_words(&lot.deposits))
        })
    });
    f.read_only = read_only;
    if r.clicked() {
        *open = if shown { None } else { Some(i) };
    }
    let name = n("Deploy");
    f.cell(ui, p(LotField::DeployMonth), "", |ui| {
        ui.horizontal(|ui| month_widget(ui, p(LotField::DeployMonth), &name, &mut lot.deploy_month)).inner
    });
    f.cell(ui, p(LotField::Life), &n("Life"), |ui| integer_widget(ui, &mut lot.life_months, " mo", 0.25));
    f.cell(ui, p(LotField::Uptime), &n("Uptime"), |ui| percent_widget(ui, &mut lot.uptime));
    f.cell(ui, p(LotField::Degradation), &n("Degradation"), |ui| percent_widget(ui, &mut lot.annual_degradation));
    f.cell(ui, p(LotField::Salvage), &n("Salvage"), |ui| percent_widget(ui, &mut lot.salvage_fraction));
    f.cell(ui, p(LotField::SoldAtRetirement), &n(LotField::SoldAtRetirement.label()), |ui| ui.checkbox(&mut lot.sold_at_retirement, ""));
    ui.end_row();
}

/// Tab moves the focus cell by cell, also into columns scrolled out of
/// view: a cell of the table that just took the focus is scrolled into view.
fn reveal_focused(ui: &Ui, table: egui::Rect) {
    let Some(id) = ui.memory(|m| m.focused()) else { return };
    if let Some(r) = ui.ctx().read_response(id)
        && r.gained_focus()
        && table.contains_rect(r.rect)
    {
        ui.scroll_to_rect(r.rect.expand(6.0), None);
    }
}
