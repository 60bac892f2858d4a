//! The Statements view: the plan's income statement and cash-flow statement
//! by month, quarter or year, as finance staff read them. The figures are
//! [`crate::statements`]'s (this module only lays them out): proportional
//! font, figures right-aligned in $ thousands, negatives in parentheses,
//! subtotals bold over a rule, partial periods starred with a footnote, the
//! line labels frozen on the left while the periods scroll sideways, and
//! each line's definition (the one `docs/model.md` gives) on hover.

use crate::engine::Projection;
use crate::model::Scenario;
use crate::periods::Period;
use crate::statements::{LINES, Line, SHOWN_IN, Statement, Statements, shown, statements};
use egui::{Align, Color32, Layout, Rect, Response, RichText, Sense, Ui, UiBuilder, pos2, vec2};

/// The view's state: the period picked, and the statements last shown.
pub struct StatementsView {
    pub period: Period,
    /// The statements shown, and the fingerprint of the projection they
    /// were made from: recomputed when the projection or the period changes,
    /// so while the plan is being fixed they stay those of the projection on
    /// screen (greyed), made with the scenario that projection came from.
    shown: Option<(Fingerprint, Statements)>,
}

/// What tells one projection from another: its months, and the sums of its
/// cash, net income and cash flows (bit for bit).
#[derive(Clone, Copy, PartialEq)]
struct Fingerprint(usize, [u64; 3]);

impl Fingerprint {
    fn of(p: &Projection) -> Fingerprint {
        let sum = |f: fn(&crate::engine::MonthRow) -> f64| p.months.iter().map(f).sum::<f64>().to_bits();
        Fingerprint(p.months.len(), [sum(|r| r.cash_usd), sum(|r| r.net_income_usd), sum(|r| r.flows.total())])
    }
}

impl Default for StatementsView {
    fn default() -> Self {
        StatementsView { period: Period::Year, shown: None }
    }
}

/// One row of the table.
#[derive(Clone, Copy)]
enum Row {
    /// The statement's title, with the periods' headings.
    Title(Statement),
    Section(&'static str),
    Line(&'static Line),
    Gap,
}

/// The rows, in order: each statement's title, its sections and lines.
fn rows() -> Vec<Row> {
    let mut out = Vec::new();
    for st in Statement::ALL {
        if !out.is_empty() {
            out.push(Row::Gap);
        }
        out.push(Row::Title(st));
        let mut section = "";
        for l in LINES.iter().filter(|l| l.statement == st) {
            if l.section != section {
                section = l.section;
                out.push(Row::Section(section));
            }
            out.push(Row::Line(l));
        }
    }
    out
}

/// Sizes of the table, points.
struct Sizes {
    row_h: f32,
    label_w: f32,
    col_w: f32,
    /// Width of `)`: a positive figure stands that far from the right edge,
    /// so its digits line up with those of a negative one.
    paren_w: f32,
    indent: f32,
}

impl Sizes {
    fn of(ui: &Ui, st: &Statements) -> Sizes {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let width = |text: &str| ui.painter().layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE).size().x;
        let indent = 14.0;
        let label_w = LINES.iter().map(|l| width(l.label)).fold(width(Statement::CashFlow.title()), f32::max) + indent + 16.0;
        let mut col_w = st.periods.iter().map(|h| width(&h.heading())).fold(width("(000,000)"), f32::max);
        for l in LINES {
            if let Some(row) = st.row(l.key) {
                col_w = row.iter().map(|v| width(&shown(*v))).fold(col_w, f32::max);
            }
        }
        let row_h = ui.painter().layout_no_wrap("0".into(), font.clone(), Color32::WHITE).size().y + 6.0;
        Sizes { row_h, label_w, col_w: col_w + 22.0, paren_w: width(")"), indent }
    }
}

impl StatementsView {
    /// Draws the view for `p`, the projection of `s` (when the plan on
    /// screen is invalid, `p` is an earlier plan's, kept while it is unchanged).
    pub fn ui(&mut self, ui: &mut Ui, s: &Scenario, p: &Projection) {
        self.picker(ui);
        let print = Fingerprint::of(p);
        if !self.shown.as_ref().is_some_and(|(f, st)| *f == print && st.period == self.period) {
            self.shown = Some((print, statements(s, p, self.period)));
        }
        let Some((_, st)) = &self.shown else { return };
        ui.separator();
        if st.periods.is_empty() {
            ui.label("The plan has no months to report.");
            return;
        }
        let note = st.partial_note();
        let sizes = Sizes::of(ui, st);
        // The footnote stays in view under the table.
        let note_h = if note.is_some() { 2.0 * sizes.row_h } else { 0.0 };
        let max_height = (ui.available_height() - note_h).max(4.0 * sizes.row_h);
        ui.scope(|ui| table(ui, st, &sizes, max_height));
        if let Some(note) = note {
            ui.add_space(4.0);
            ui.label(RichText::new(note).weak());
        }
    }

    /// The title, the period picker and the unit.
    fn picker(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Statements by").strong());
            ui.separator();
            for (v, word) in [(Period::Month, "Month"), (Period::Quarter, "Quarter"), (Period::Year, "Year")] {
                ui.selectable_value(&mut self.period, v, word).on_hover_text(format!("One column per calendar {}", v.noun()));
            }
            ui.separator();
            ui.label(RichText::new(format!("{SHOWN_IN}; (1,234) is negative; – is nil")).weak())
                .on_hover_text("Every figure is the sum of its months, except the cash at the start and at the end of each period");
        });
    }
}

/// The figures in a scroll area both ways, the line labels painted over
/// them at the viewport's left edge (frozen while the periods scroll
/// sideways). Only the rows and columns in view are laid out.
fn table(ui: &mut Ui, st: &Statements, sz: &Sizes, max_height: f32) {
    let rows = rows();
    let height = rows.len() as f32 * sz.row_h;
    // Solid scroll bars, shown whenever there is more: the periods beyond the right edge are there to be found.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let scroll = egui::ScrollArea::both().id_salt("statements_table").auto_shrink([false, true]).max_height(max_height);
    scroll.show_viewport(ui, |ui, view| {
        let width = sz.label_w + st.periods.len() as f32 * sz.col_w + 8.0;
        let (area, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
        let visible_rows = (view.top() / sz.row_h).floor().max(0.0) as usize..((view.bottom() / sz.row_h).ceil() as usize).min(rows.len());
        let first = (view.left() / sz.col_w).floor().max(0.0) as usize;
        let last = (((view.right() - sz.label_w) / sz.col_w).ceil().max(0.0) as usize).min(st.periods.len());
        for i in visible_rows.clone() {
            let top = area.top() + i as f32 * sz.row_h;
            for k in first..last {
                let cell = Rect::from_min_size(pos2(area.left() + sz.label_w + k as f32 * sz.col_w, top), vec2(sz.col_w, sz.row_h));
                figure_cell(ui, cell, rows[i], st, k, sz);
            }
        }
        // The frozen labels, on the panel's colour over the figures scrolled under them.
        let left = area.left() + view.left();
        let column = Rect::from_min_size(pos2(left, area.top() + view.top()), vec2(sz.label_w, view.height()));
        ui.painter().rect_filled(column, 0.0, ui.visuals().panel_fill);
        for i in visible_rows {
            let cell = Rect::from_min_size(pos2(left, area.top() + i as f32 * sz.row_h), vec2(sz.label_w, sz.row_h));
            label_cell(ui, cell, rows[i], sz);
        }
    });
}

/// A child Ui filling `cell` (inside space already allocated), laid out with `layout`.
fn in_cell<R>(ui: &mut Ui, cell: Rect, layout: Layout, add: impl FnOnce(&mut Ui) -> R) -> R {
    let mut child = ui.new_child(UiBuilder::new().max_rect(cell).layout(layout));
    child.set_clip_rect(cell.intersect(ui.clip_rect()));
    add(&mut child)
}

fn label_cell(ui: &mut Ui, cell: Rect, row: Row, sz: &Sizes) {
    let left = Layout::left_to_right(Align::Center);
    match row {
        Row::Title(st) => {
            in_cell(ui, cell, left, |ui| text(ui, RichText::new(st.title()).size(15.0), true));
        }
        Row::Section(name) => {
            in_cell(ui, cell, left, |ui| ui.label(RichText::new(name).italics().weak()));
        }
        Row::Line(l) => {
            in_cell(ui, cell, left, |ui| {
                if !l.is_total() {
                    ui.add_space(sz.indent);
                }
                text(ui, RichText::new(l.label), l.is_total()).on_hover_text(l.help);
            });
        }
        Row::Gap => {}
    }
}

fn figure_cell(ui: &mut Ui, cell: Rect, row: Row, st: &Statements, k: usize, sz: &Sizes) {
    let right = Layout::right_to_left(Align::Center);
    match row {
        Row::Title(_) => {
            let head = &st.periods[k];
            in_cell(ui, cell, right, |ui| {
                ui.add_space(sz.paren_w);
                text(ui, RichText::new(head.heading()), true).on_hover_text(head.span());
            });
        }
        Row::Line(l) => {
            let v = st.value(l.key, k).unwrap_or(f64::NAN);
            let figure = shown(v);
            if l.is_total() {
                let y = cell.top() + 1.0;
                let stroke = ui.visuals().widgets.noninteractive.fg_stroke;
                ui.painter().hline(cell.left() + 8.0..=cell.right(), y, egui::Stroke::new(0.8, stroke.color.gamma_multiply(0.6)));
            }
            in_cell(ui, cell, right, |ui| {
                if !figure.starts_with('(') {
                    ui.add_space(sz.paren_w);
                }
                text(ui, RichText::new(figure), l.is_total());
            });
        }
        Row::Section(_) | Row::Gap => {}
    }
}

/// A label; `bold` paints it twice half a point apart (egui's fonts have
/// no bold face), which reads as bold without changing its width.
fn text(ui: &mut Ui, text: RichText, bold: bool) -> Response {
    let (pos, galley, response) = egui::Label::new(text).selectable(false).layout_in_ui(ui);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, ui.is_enabled(), galley.text()));
    if ui.is_rect_visible(response.rect) {
        let color = ui.visuals().text_color();
        if bold {
            ui.painter().galley(pos + vec2(0.55, 0.0), galley.clone(), color);
        }
        ui.painter().galley(pos, galley, color);
    }
    response
}
