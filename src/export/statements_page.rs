//! The report's statements pages: the income statement and the cash-flow
//! statement by calendar year, as the app's Statements view shows them
//! ([`crate::statements`]'s figures in $ thousands, negatives in
//! parentheses, partial years starred with a footnote). Up to
//! [`YEARS_PER_PAGE`] years a page; a longer plan takes more pages. The
//! words are a grid of labels, so the PDF's text layer reads each line as
//! a row: its label, then its figures.

use crate::engine::Projection;
use crate::periods::{self, Period};
use crate::statements::{LINES, SHOWN_IN, Statement, Statements, partial_note, shown};
use egui::text::LayoutJob;
use egui::{Align, FontSelection, Grid, RichText, TextStyle, TextWrapMode, Ui, WidgetText};
use std::ops::Range;

/// Years side by side on one page (A4 portrait).
pub const YEARS_PER_PAGE: usize = 8;
/// The type size of the tables.
const SIZE: f32 = 10.5;

/// The years shown on each statements page of `p`.
pub fn page_years(p: &Projection) -> Vec<Range<usize>> {
    let years = periods::split(&p.months, Period::Year).len();
    (0..years.div_ceil(YEARS_PER_PAGE)).map(|i| i * YEARS_PER_PAGE..((i + 1) * YEARS_PER_PAGE).min(years)).collect()
}

/// One statements page under the report's header: the years `years` of `st` (statements by year).
pub fn page(ui: &mut Ui, st: &Statements, years: Range<usize>) {
    ui.add_space(6.0);
    ui.label(RichText::new("Financial statements by year").size(16.0).strong());
    ui.label(RichText::new(format!("{SHOWN_IN}; (1,234) is negative; – is nil. Signs are those of cash.")).size(10.5).weak());
    ui.add_space(6.0);
    let widths = Widths::of(ui, st, years.clone());
    for statement in Statement::ALL {
        table(ui, st, statement, years.clone(), &widths);
        ui.add_space(10.0);
    }
    if let Some(note) = partial_note(st.period, &st.periods[years]) {
        ui.label(RichText::new(note).size(9.5).weak());
    }
}

/// Widths shared by both statements, so their columns line up: the
/// labels', a figure column's, a parenthesis'.
struct Widths {
    label: f32,
    figure: f32,
    paren: f32,
}

impl Widths {
    fn of(ui: &Ui, st: &Statements, years: Range<usize>) -> Widths {
        let mut cells: Vec<RichText> = st.periods[years.clone()].iter().map(|h| RichText::new(h.heading()).size(SIZE).strong()).collect();
        for l in LINES {
            if let Some(row) = st.row(l.key) {
                cells.extend(row[years.clone()].iter().map(|v| RichText::new(shown(*v)).size(SIZE).strong()));
            }
        }
        let labels: Vec<RichText> = LINES.iter().map(|l| RichText::new(format!("   {}", l.label)).size(SIZE).strong()).collect();
        Widths {
            label: widest(ui, &labels).max(widest(ui, &Statement::ALL.map(|s| RichText::new(s.title()).size(13.0).strong()))),
            figure: widest(ui, &cells).max(48.0),
            paren: widest(ui, &[RichText::new(")").size(SIZE).strong()]),
        }
    }
}

/// One statement as a grid: the title and the years' headings, then each
/// section's name and its lines, subtotals in strong type.
fn table(ui: &mut Ui, st: &Statements, statement: Statement, years: Range<usize>, w: &Widths) {
    let lines: Vec<_> = LINES.iter().filter(|l| l.statement == statement).collect();
    let (width, paren) = (w.figure, w.paren);
    Grid::new(("report_statement", statement.title()))
        .num_columns(1 + years.len())
        .spacing([10.0, 3.0])
        .min_row_height(13.0)
        .striped(true)
        .show(ui, |ui| {
            ui.scope(|ui| {
                ui.set_min_width(w.label);
                ui.label(RichText::new(statement.title()).size(13.0).strong());
            });
            for h in &st.periods[years.clone()] {
                right_label(ui, width - paren, RichText::new(h.heading()).size(SIZE).strong());
            }
            ui.end_row();
            let mut section = "";
            for l in lines {
                if l.section != section {
                    section = l.section;
                    ui.label(RichText::new(section).size(SIZE).italics().weak());
                    ui.end_row();
                }
                let strong = |t: RichText| if l.is_total() { t.strong() } else { t };
                let label = if l.is_total() { l.label.to_owned() } else { format!("   {}", l.label) };
                ui.label(strong(RichText::new(label).size(SIZE)));
                let row = st.row(l.key).unwrap_or_default();
                for v in &row[years.clone()] {
                    // A positive figure keeps a parenthesis' room on its right, as on the screen.
                    let text = shown(*v);
                    let w = if text.starts_with('(') { width } else { width - paren };
                    right_label(ui, w, strong(RichText::new(text).size(SIZE)));
                }
                ui.end_row();
            }
        });
}

/// The widest of `texts`, points.
fn widest(ui: &Ui, texts: &[RichText]) -> f32 {
    let width =
        |t: &RichText| WidgetText::from(t.clone()).into_galley(ui, Some(TextWrapMode::Extend), f32::INFINITY, TextStyle::Body).size().x;
    texts.iter().map(width).fold(0.0, f32::max)
}

/// `text` against the right edge of a cell `width` wide, as one run of
/// words with its label (a PDF reader reads a row as a line).
fn right_label(ui: &mut Ui, width: f32, text: RichText) {
    let pad = (width - widest(ui, std::slice::from_ref(&text))).max(0.0);
    let mut job = LayoutJob::default();
    text.append_to(&mut job, ui.style(), FontSelection::Default, Align::Center);
    if let Some(first) = job.sections.first_mut() {
        first.leading_space = pad;
    }
    ui.label(job);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::MonthRow;
    use crate::model::Month;

    #[test]
    fn a_long_plan_takes_a_page_for_every_eight_years() {
        let plan = |start: Month, months: i64| Projection {
            months: (0..months).map(|i| MonthRow { month: start.offset(i), ..Default::default() }).collect(),
            ..Default::default()
        };
        // 360 months from 2025-12: 2025 to 2055, 31 calendar years.
        let p = plan(Month::new(2025, 12).unwrap(), 360);
        assert_eq!(page_years(&p), vec![0..8, 8..16, 16..24, 24..31]);
        assert_eq!(page_years(&plan(Month::new(2026, 1).unwrap(), 96)), vec![0..8]);
        assert_eq!(page_years(&plan(Month::new(2026, 1).unwrap(), 1)), vec![0..1]);
    }
}
