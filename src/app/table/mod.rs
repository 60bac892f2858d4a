//! The monthly table as a financial statement: every output column of the
//! schema with its name and unit, grouped under header bands (Market,
//! Operations, Income statement, Cash and debt, Risk, and the network-wide
//! figures apart and muted), the period column frozen while the figures
//! scroll sideways, and a Monthly / Quarterly / Annual selector.
//!
//! Why a selector and not subtotal rows between the months: a CFO compares
//! like with like, quarter against quarter and year against year, down a
//! column. Quarter totals interleaved with months put numbers three times
//! larger every fourth line and break that scan; the periods themselves come
//! from [`crate::periods`] (flows summed, balances at period end, prices and
//! rates averaged), which the exporters can reuse.

mod layout;

use crate::engine::{MonthRow, Projection};
use crate::periods::{self, Period, PeriodRow};
use crate::schema::COLUMNS;
use egui::text::LayoutJob;
use egui::{Color32, FontId, Rect, RichText, TextFormat, Ui, UiBuilder, pos2, vec2};
use layout::{Band, DIVIDER_CHARS, FIRST_CHARS};

/// The rows of the chosen view: the months themselves, or their periods.
enum Rows<'a> {
    Months(&'a [MonthRow]),
    Periods(Vec<PeriodRow>),
}

impl Rows<'_> {
    fn len(&self) -> usize {
        match self {
            Rows::Months(m) => m.len(),
            Rows::Periods(p) => p.len(),
        }
    }
    /// The first column's text (`*` marks a partial period) and its tooltip.
    fn label(&self, i: usize, period: Period) -> (String, Option<String>) {
        match self {
            Rows::Months(m) => (m[i].month_label(), None),
            Rows::Periods(p) => {
                let r = &p[i];
                let star = if r.partial(period) { "*" } else { "" };
                let months = if r.months == 1 { "1 month".to_owned() } else { format!("{} months", r.months) };
                (format!("{}{star}", r.label), Some(format!("{} to {} ({months})", r.first, r.last)))
            }
        }
    }
    fn value(&self, i: usize, column: usize) -> Option<f64> {
        match self {
            Rows::Months(m) => (COLUMNS[column].get)(&m[i]),
            Rows::Periods(p) => p[i].values[column],
        }
    }
    fn any_partial(&self, period: Period) -> bool {
        matches!(self, Rows::Periods(p) if p.iter().any(|r| r.partial(period)))
    }
}

/// Colours and font of the table, from the current theme.
struct Look {
    font: FontId,
    normal: Color32,
    weak: Color32,
    negative: Color32,
    band_fill: [Color32; 2],
    background: Color32,
    /// Width of one character and height of one line, points.
    char_w: f32,
    row_h: f32,
}

impl Look {
    fn of(ui: &mut Ui) -> Look {
        let font = egui::TextStyle::Monospace.resolve(ui.style());
        let (char_w, row_h) = ui.fonts_mut(|f| (f.glyph_width(&font, '0'), f.row_height(&font)));
        let v = ui.visuals();
        Look {
            normal: v.text_color(),
            weak: v.weak_text_color(),
            negative: crate::app::theme::negative(v),
            // Shades of the text colour read on both themes (Light's faint background is nearly white).
            band_fill: [v.text_color().gamma_multiply(0.10), v.text_color().gamma_multiply(0.04)],
            background: v.panel_fill,
            font,
            char_w,
            row_h,
        }
    }

    fn push(&self, job: &mut LayoutJob, text: &str, color: Color32, background: Color32) {
        job.append(text, 0.0, TextFormat { font_id: self.font.clone(), color, background, ..Default::default() });
    }

    /// A line of the table: blank first column, then for each band its divider and `cell(column)` texts.
    fn line(&self, bands: &[Band], period: Period, mut cell: impl FnMut(usize) -> (String, Color32)) -> LayoutJob {
        let mut job = LayoutJob::default();
        job.wrap.max_width = f32::INFINITY; // a row is one line; the area scrolls sideways
        self.push(&mut job, &" ".repeat(FIRST_CHARS), self.normal, Color32::TRANSPARENT);
        for b in bands {
            self.push(
                &mut job,
                &format!("│{}", " ".repeat(DIVIDER_CHARS - 1 + layout::band_pad(b, period))),
                self.weak,
                Color32::TRANSPARENT,
            );
            for &i in &b.columns {
                let w = layout::width(&COLUMNS[i], period);
                let (text, color) = cell(i);
                // Right-aligned with one space before the next band's divider.
                let text = format!("{text:>inner$} ", inner = w - 1);
                self.push(&mut job, &text, if b.network { self.weak } else { color }, Color32::TRANSPARENT);
            }
        }
        job
    }

    /// The band titles, each on its own shade.
    fn band_line(&self, bands: &[Band], period: Period) -> LayoutJob {
        let mut job = LayoutJob::default();
        job.wrap.max_width = f32::INFINITY;
        self.push(&mut job, &" ".repeat(FIRST_CHARS), self.normal, Color32::TRANSPARENT);
        for (k, b) in bands.iter().enumerate() {
            let w = layout::band_width(b, period) - DIVIDER_CHARS;
            let color = if b.network { self.weak } else { self.normal };
            self.push(&mut job, "│ ", self.weak, self.band_fill[k % 2]);
            self.push(&mut job, &format!("{:<w$}", b.title), color, self.band_fill[k % 2]);
        }
        job
    }

    /// The title of the band whose start has scrolled out of view on the
    /// left, kept just right of the frozen column (`x`: sideways offset, points).
    fn sticky_band(&self, ui: &mut Ui, bands: &[Band], period: Period, line: Rect, x: f32) {
        let mut start = FIRST_CHARS;
        let seen = FIRST_CHARS as f32 + x / self.char_w; // first character after the frozen column
        for (k, b) in bands.iter().enumerate() {
            let end = start + layout::band_width(b, period);
            if (start as f32) < seen && seen < end as f32 {
                let left = ui.clip_rect().left().max(line.left()) + FIRST_CHARS as f32 * self.char_w;
                let chars = (end as f32 - seen).min(b.title.chars().count() as f32 + DIVIDER_CHARS as f32);
                let cell = Rect::from_min_size(pos2(left, line.top()), vec2(chars * self.char_w, line.height()));
                ui.painter().rect_filled(cell, 0.0, self.band_fill[k % 2]);
                let color = if b.network { self.weak } else { self.normal };
                let text = RichText::new(format!("│ {}", b.title)).font(self.font.clone()).color(color);
                let mut child = ui.new_child(UiBuilder::new().max_rect(cell).layout(egui::Layout::left_to_right(egui::Align::Center)));
                child.set_clip_rect(cell.intersect(ui.clip_rect()));
                child.add(egui::Label::new(text).extend());
                return;
            }
            start = end;
        }
    }

    /// Paints the frozen first column over a line at the viewport's left edge, on `fill` (the row's stripe).
    fn frozen(&self, ui: &mut Ui, line: Rect, text: RichText, tip: Option<&str>, fill: Color32) -> egui::Response {
        let left = ui.clip_rect().left().max(line.left());
        let cell = Rect::from_min_size(pos2(left, line.top()), vec2(FIRST_CHARS as f32 * self.char_w, line.height().max(self.row_h)));
        // Cover the gap between lines too, as the row stripes do.
        let back = cell.expand2(vec2(0.0, ui.spacing().item_spacing.y / 2.0));
        ui.painter().rect_filled(back, 0.0, self.background);
        ui.painter().rect_filled(back, 0.0, fill);
        let mut child = ui.new_child(UiBuilder::new().max_rect(cell).layout(egui::Layout::left_to_right(egui::Align::Center)));
        let r = child.add(egui::Label::new(text.font(self.font.clone())).extend());
        match tip {
            Some(t) => r.on_hover_text(t),
            None => r,
        }
    }
}

/// The view the table shows (kept for the session in the UI's memory).
fn period_id(ui: &Ui) -> egui::Id {
    ui.scope_id().with("table_period")
}

/// Draws the table; `newest_first` reverses the row order.
pub fn ui(ui: &mut Ui, p: &Projection, newest_first: &mut bool) {
    let mut period: Period = ui.data(|d| d.get_temp(period_id(ui))).unwrap_or_default();
    let before = period;
    ui.horizontal(|ui| {
        for v in Period::ALL {
            ui.selectable_value(&mut period, v, v.title()).on_hover_text(match v {
                Period::Month => "One row per month",
                Period::Quarter => "Calendar quarters: flows summed, balances at quarter end, prices and rates averaged",
                Period::Year => "Calendar years: flows summed, balances at year end, prices and rates averaged",
            });
        }
        ui.separator();
        ui.label("Order:");
        let arrow = if *newest_first { format!("{} ⏶", period.noun()) } else { format!("{} ⏷", period.noun()) };
        if ui.button(RichText::new(arrow).strong()).on_hover_text("Reverse the order of the rows").clicked() {
            *newest_first = !*newest_first;
        }
    });
    if period != before {
        let id = period_id(ui);
        ui.data_mut(|d| d.insert_temp(id, period));
    }
    let rows = match period {
        Period::Month => Rows::Months(&p.months),
        _ => Rows::Periods(periods::roll_up(&p.months, period)),
    };
    if rows.any_partial(period) {
        ui.label(RichText::new(format!("* partial {}: the plan starts or ends inside it", period.noun())).weak().small());
    }
    table(ui, &rows, period, *newest_first);
}

/// The header (bands, names, units) above the rows; both scroll sideways
/// together, the first column stays put.
fn table(ui: &mut Ui, rows: &Rows, period: Period, newest_first: bool) {
    let look = Look::of(ui);
    let bands = layout::bands();
    let spacing = ui.spacing().item_spacing.y;
    let header_h = 3.0 * look.row_h + 2.0 * spacing + 6.0;
    // Never wider than what is on screen, so the scroll bars stay in view.
    let area = ui.available_rect_before_wrap().intersect(ui.clip_rect()).intersect(ui.ctx().content_rect());
    let header_rect = Rect::from_min_size(area.min, vec2(area.width(), header_h));
    let body_rect = Rect::from_min_max(pos2(area.left(), header_rect.bottom()), area.max);
    ui.allocate_rect(area, egui::Sense::hover());

    // The body first, so the header follows its sideways scroll in the same frame.
    let n = rows.len();
    let stripe = look.band_fill[1];
    let body = ui.scope_builder(UiBuilder::new().max_rect(body_rect), |ui| {
        egui::ScrollArea::both().id_salt("table_body").auto_shrink([false, false]).show_rows(ui, look.row_h, n, |ui, range| {
            for k in range {
                let i = if newest_first { n - 1 - k } else { k };
                let job = look.line(&bands, period, |c| {
                    let v = rows.value(i, c);
                    (COLUMNS[c].show(v), if v.is_some_and(|v| v < 0.0) { look.negative } else { look.normal })
                });
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                let rect = Rect::from_min_size(ui.cursor().min, galley.size());
                if k % 2 == 1 {
                    ui.painter().rect_filled(rect.expand2(vec2(0.0, spacing / 2.0)), 0.0, stripe);
                }
                let r = ui.add(egui::Label::new(galley).extend());
                let (label, tip) = rows.label(i, period);
                let label = format!("{label:<w$}", w = FIRST_CHARS - 1); // padded like every cell
                let fill = if k % 2 == 1 { stripe } else { Color32::TRANSPARENT };
                look.frozen(ui, r.rect, RichText::new(label).color(look.normal), tip.as_deref(), fill);
            }
        })
    });
    let x = body.inner.state.clamped_offset().x;

    ui.scope_builder(UiBuilder::new().max_rect(header_rect), |ui| {
        egui::ScrollArea::horizontal()
            .id_salt("table_header")
            .scroll_source(egui::scroll_area::ScrollSource::NONE)
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
            .horizontal_scroll_offset(x)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                let r = ui.add(egui::Label::new(look.band_line(&bands, period)).extend());
                look.frozen(ui, r.rect, RichText::new(""), None, Color32::TRANSPARENT);
                look.sticky_band(ui, &bands, period, r.rect, x);
                let names = look.line(&bands, period, |c| (COLUMNS[c].label.to_owned(), look.normal));
                let r = ui.add(egui::Label::new(names).extend().sense(egui::Sense::hover()));
                let help = column_help(&look, &bands, period, &r);
                look.frozen(ui, r.rect, RichText::new(first_title(period)).strong(), None, Color32::TRANSPARENT);
                let units = look.line(&bands, period, |c| (periods::unit(&COLUMNS[c], period), look.weak));
                let u = ui.add(egui::Label::new(units).extend().sense(egui::Sense::hover()));
                let help = help.or_else(|| column_help(&look, &bands, period, &u));
                look.frozen(ui, u.rect, RichText::new(""), None, Color32::TRANSPARENT);
                if let Some(text) = help {
                    r.union(u).on_hover_text_at_pointer(text);
                }
                ui.separator();
            });
    });
}

/// "Month", "Quarter", "Year".
fn first_title(period: Period) -> &'static str {
    match period {
        Period::Month => "Month",
        Period::Quarter => "Quarter",
        Period::Year => "Year",
    }
}

/// The help of the column under the pointer on a header line.
fn column_help(look: &Look, bands: &[Band], period: Period, r: &egui::Response) -> Option<String> {
    let pos = r.hover_pos()?;
    let x = ((pos.x - r.rect.left()) / look.char_w).floor();
    let c = &COLUMNS[layout::column_at(bands, period, x.max(0.0) as usize)?];
    let how = match c.aggregate {
        crate::schema::Aggregate::Sum => "summed over the period",
        crate::schema::Aggregate::End => "at the period's end",
        crate::schema::Aggregate::Mean => "averaged over the period",
    };
    let how = if period == Period::Month { String::new() } else { format!(" ({how})") };
    Some(format!("{} ({}): {}{how}", c.label, periods::unit(c, period), c.help))
}
