//! The plan report for executives: the plan (name, story, key assumptions)
//! and its summary figures with footnoted definitions, then the four main
//! charts (a lender's call marked on leverage and cash), then, when the plan
//! has any, the returns on each investment and the lenders' calls in words,
//! then the risk page ([`super::risk_page`]) and the income and cash-flow statements by year ([`super::statements_page`]).
//! Drawn with egui offscreen (the same charts as on
//! screen), written as PNG (pages stacked) or PDF (one 2× image per page
//! under its words as selectable text).

use super::chart::{self, Caption};
use super::render::{Offscreen, Page, Rgba};
use super::{risk_page, statements_page};
use crate::charts::calls::Call;
use crate::charts::{self, Chart, ChartInputs, ChartOptions};
use crate::engine::{KpiId, Projection};
use crate::investments::{HEADS, HORIZON_CAVEAT, NONE_PAID, RowText};
use crate::model::{Scenario, Series};
use crate::schema::KPIS;
use crate::units;
use egui::text::LayoutJob;
use egui::{Align, FontSelection, Grid, RichText, TextStyle, TextWrapMode, Ui, Vec2, WidgetText, vec2};
use rust_decimal::prelude::ToPrimitive;
use std::path::Path;

/// A page in points: A4 portrait at 96 points per inch.
pub const PAGE: Vec2 = vec2(794.0, 1123.0);
/// Pixels per point of the pages (2×: sharp on paper and on a retina screen).
pub const SCALE: f32 = 2.0;
/// The description is cut to about this many characters (its first paragraph).
const STORY_CHARS: usize = 700;

fn money(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn path_text(p: &Series, unit: impl Fn(f64) -> String) -> String {
    match p {
        Series::Growth { start, annual_growth } if *annual_growth == 0.0 => format!("{} flat", unit(*start)),
        Series::Growth { start, annual_growth } => format!("{} growing {} a year", unit(*start), units::percent(*annual_growth, 1)),
        Series::Points(points) => points.iter().map(|(m, v)| format!("{} in {m}", unit(*v))).collect::<Vec<_>>().join(", "),
    }
}

/// The key assumptions as (topic, one or more lines), for the first page.
pub fn assumptions(s: &Scenario) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("Horizon", format!("{} for {} months", s.start_month, s.horizon_months)),
        ("BTC price", path_text(&s.market.btc_price_usd, units::usd)),
        ("Network hashrate", path_text(&s.market.network_hashrate_ehs, |v| format!("{} EH/s", units::thousands(v, 0)))),
    ];
    // Fleet by model: lots of the same model add up.
    let mut models: Vec<(&str, f64, f64, f64, String, String)> = Vec::new();
    for l in &s.fleet {
        let month = l.deploy_month.to_string();
        match models.iter_mut().find(|m| m.0 == l.model) {
            Some(m) => {
                m.1 += l.units as f64;
                m.2 += l.units as f64 * l.hashrate_ths / 1e6;
                m.4 = m.4.clone().min(month.clone());
                m.5 = m.5.clone().max(month);
            }
            None => models.push((
                &l.model,
                l.units as f64,
                l.units as f64 * l.hashrate_ths / 1e6,
                l.power_w / l.hashrate_ths,
                month.clone(),
                month,
            )),
        }
    }
    let fleet: Vec<String> = models
        .iter()
        .map(|(model, n, eh, jth, first, last)| {
            let when = if first == last { format!("from {first}") } else { format!("deployed {first} to {last}") };
            format!("{} × {model} ({} EH/s, {} J/TH), {when}", units::thousands(*n, 0), units::thousands(*eh, 2), units::thousands(*jth, 1))
        })
        .collect();
    out.push(("Fleet", if fleet.is_empty() { "no machines".to_owned() } else { fleet.join("\n") }));
    let power: Vec<String> = s
        .power
        .contracts
        .iter()
        .map(|c| {
            format!("{}: {} MW at {}/MWh", c.name, units::thousands(c.capacity_mw, 0), units::usd_decimals(money(c.price_usd_per_mwh), 2))
        })
        .collect();
    out.push(("Power", if power.is_empty() { "no contracts".to_owned() } else { power.join("\n") }));
    let hosting: Vec<String> = s
        .hosting
        .iter()
        .map(|l| {
            format!(
                "{}: {} MW IT at {}/kW-month for {} months from {}",
                l.tenant,
                units::thousands(l.critical_it_mw, 0),
                units::usd_decimals(money(l.rate_usd_per_kw_month), 0),
                l.term_months,
                l.start_month
            )
        })
        .collect();
    out.push(("AI hosting", if hosting.is_empty() { "none".to_owned() } else { hosting.join("\n") }));
    let f = &s.financing;
    let mut fin =
        vec![format!("Opening cash {}, {} BTC held", units::usd_compact(money(f.opening_cash_usd)), units::thousands(f.opening_btc, 0))];
    fin.extend(f.debt.iter().map(|d| {
        format!(
            "{} ({}): {} at {} from {} to {}",
            d.name,
            d.kind.label(),
            units::usd_compact(money(d.principal_usd)),
            units::percent(d.annual_rate, 2),
            d.issue_month,
            d.maturity_month
        )
    }));
    fin.extend(f.equity_raises.iter().map(|r| format!("Equity raise {} in {}", units::usd_compact(money(r.amount_usd)), r.month)));
    if let Some(c) = f.covenant_max_leverage {
        fin.push(format!("Covenant: leverage at most {}×", units::thousands(c, 1)));
    }
    out.push(("Financing", fin.join("\n")));
    out
}

/// The first paragraph of the description, cut to a readable length.
pub fn story(description: &str) -> String {
    let first = description.split("\n\n").next().unwrap_or_default().trim();
    if first.chars().count() <= STORY_CHARS {
        return first.to_owned();
    }
    let cut: String = first.chars().take(STORY_CHARS).collect();
    let end = cut.rfind(". ").map_or(cut.len(), |i| i + 1);
    format!("{} …", &cut[..end])
}

/// Whether the report of `p` has page 3: investments or lenders' calls to show.
pub fn has_returns_page(p: &Projection) -> bool {
    !(p.investments.is_empty() && p.accelerations.is_empty())
}

/// How many pages the report of `p` has: three when it has investments or
/// lenders' calls to show, else two; then the statements pages.
pub fn page_count(p: &Projection) -> usize {
    // The plan, the charts, the returns (if any), the risk page, the statements.
    let before = if has_returns_page(p) { 3 } else { 2 };
    before + 1 + statements_page::page_years(p).len()
}

fn header(ui: &mut Ui, s: &Scenario, caption: &Caption, (page, of): (usize, usize)) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Plan report · page {page} of {of}")).size(11.0).weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new(format!("{} · {}", caption.source, caption.date)).size(11.0).weak());
        });
    });
    ui.label(RichText::new(&s.name).size(24.0).strong());
}

/// The key assumptions as a two-column grid (topic, lines).
pub fn assumptions_grid(ui: &mut Ui, s: &Scenario) {
    assumptions_table(ui, s, false);
}

fn text_width(ui: &Ui, text: &RichText) -> f32 {
    WidgetText::from(text.clone()).into_galley(ui, Some(TextWrapMode::Extend), f32::INFINITY, TextStyle::Body).size().x
}

/// The widest of `texts` laid out in `ui`'s body font.
fn widest(ui: &Ui, texts: &[RichText]) -> f32 {
    texts.iter().map(|t| text_width(ui, t)).fold(0.0, f32::max)
}

/// A grid cell `width` wide with `text` against its right edge: on paper a
/// label sits next to its value, so the PDF's text layer reads as one line
/// (a reader joins words a short gap apart and splits a wide one).
fn right_label(ui: &mut Ui, width: f32, text: RichText) {
    let pad = (width - text_width(ui, &text)).max(0.0);
    let mut job = LayoutJob::default();
    text.append_to(&mut job, ui.style(), FontSelection::Default, Align::Center);
    if let Some(first) = job.sections.first_mut() {
        first.leading_space = pad;
    }
    ui.label(job);
}

fn assumptions_table(ui: &mut Ui, s: &Scenario, paper: bool) {
    let rows = assumptions(s);
    let topics: Vec<RichText> = rows.iter().map(|(topic, _)| RichText::new(*topic).strong()).collect();
    let width = widest(ui, &topics);
    Grid::new("report_assumptions").num_columns(2).spacing([if paper { 4.0 } else { 16.0 }, 4.0]).striped(true).show(ui, |ui| {
        for (topic, (_, lines)) in topics.into_iter().zip(rows) {
            if paper {
                // As tall as its lines, so the topic stands by the first one.
                let rows = lines.lines().count().max(1);
                right_label(ui, width, RichText::new(format!("{}{}", topic.text(), "\n".repeat(rows - 1))).strong());
            } else {
                ui.label(topic);
            }
            ui.label(lines);
            ui.end_row();
        }
    });
}

/// The summary figures: label (with its footnote number on paper, its
/// definition on hover on screen), value, unit.
pub fn kpi_grid(ui: &mut Ui, p: &Projection, paper: bool) {
    let rows: Vec<(usize, &crate::schema::Kpi)> = KPIS.iter().enumerate().collect();
    let grid = |ui: &mut Ui, id: &str, rows: &[(usize, &crate::schema::Kpi)]| {
        let labels: Vec<RichText> = rows.iter().map(|(i, k)| RichText::new(format!("{} ({})", k.label, i + 1))).collect();
        let width = widest(ui, &labels);
        // On paper the rows are close enough for a PDF reader to see each
        // column as one block, read top to bottom.
        let (spacing, min_row) = if paper { ([4.0, 2.0], 15.0) } else { ([12.0, 2.0], ui.spacing().interact_size.y) };
        // A value wider than the rest of the column wraps ("n/m (no positive LTM EBITDA)").
        let room = (ui.available_width() - width - spacing[0]).max(40.0);
        Grid::new(id).num_columns(3).spacing(spacing).min_row_height(min_row).striped(true).show(ui, |ui| {
            for ((_, k), label) in rows.iter().zip(labels) {
                if paper {
                    // On paper the unit and period are in the footnote; the
                    // label stands by the value's first line.
                    let value = WidgetText::from(RichText::new(k.show(&p.kpis)).strong().monospace()).into_galley(
                        ui,
                        Some(TextWrapMode::Wrap),
                        room,
                        TextStyle::Body,
                    );
                    let lines = value.rows.len().max(1);
                    right_label(ui, width, RichText::new(format!("{}{}", label.text(), "\n".repeat(lines - 1))));
                    ui.label(value);
                } else {
                    ui.label(k.label).on_hover_text(k.help);
                    ui.label(RichText::new(k.show(&p.kpis)).strong().monospace());
                    ui.label(RichText::new(k.unit).weak());
                }
                ui.end_row();
            }
        });
    };
    if paper {
        // Two columns on paper: the page keeps room for the definitions.
        let half = rows.len().div_ceil(2);
        ui.columns(2, |cols| {
            grid(&mut cols[0], "report_kpis_a", &rows[..half]);
            grid(&mut cols[1], "report_kpis_b", &rows[half..]);
        });
    } else {
        grid(ui, "report_kpis", &rows);
    }
}

/// Page 1: the plan, its assumptions and its summary figures.
pub fn page_one(ui: &mut Ui, s: &Scenario, p: &Projection, caption: &Caption) {
    header(ui, s, caption, (1, page_count(p)));
    let text = story(&s.description);
    if !text.is_empty() {
        ui.label(RichText::new(text).size(12.5));
    }
    ui.add_space(10.0);
    ui.label(RichText::new("Key assumptions").size(16.0).strong());
    assumptions_table(ui, s, true);
    ui.add_space(10.0);
    ui.label(RichText::new("Summary figures").size(16.0).strong());
    kpi_grid(ui, p, true);
    ui.add_space(8.0);
    ui.label(RichText::new("Definitions").size(12.0).strong());
    // Two columns of footnotes, balanced by length, keep page 1 to one page.
    let notes: Vec<String> = KPIS
        .iter()
        .enumerate()
        .map(|(i, k)| {
            format!("({}) {}{}: {}", i + 1, k.label, if k.unit.is_empty() { String::new() } else { format!(", {}", k.unit) }, k.help)
        })
        .collect();
    let total: usize = notes.iter().map(String::len).sum();
    let mut before = 0;
    let first_right = notes
        .iter()
        .position(|n| {
            before += n.len();
            before > total / 2
        })
        .map_or(notes.len(), |i| i + 1);
    ui.columns(2, |cols| {
        for (i, note) in notes.iter().enumerate() {
            let col = &mut cols[usize::from(i >= first_right)];
            col.spacing_mut().item_spacing.y = 1.0;
            col.label(RichText::new(note).size(9.0).weak());
        }
    });
}

/// Page 2: the charts the registry puts in the report (the four main ones).
pub fn page_two(ui: &mut Ui, s: &Scenario, inputs: &ChartInputs, caption: &Caption) {
    header(ui, s, caption, (2, page_count(inputs.projection)));
    ui.add_space(6.0);
    // Cash & debt stacks two plots (USD and BTC held): it gets a larger share.
    let weight = |c: Chart| if c == Chart::Cash { 1.3 } else { 0.9 };
    let shown = Chart::in_report();
    let room = (ui.available_height() - shown.len() as f32 * 44.0) / shown.iter().map(|&c| weight(c)).sum::<f32>();
    for c in shown {
        ui.label(RichText::new(c.title()).size(15.0).strong());
        ui.label(RichText::new(c.units()).size(10.5).weak());
        let h = room * weight(c);
        let opts = ChartOptions { height: h, covenant: inputs.covenant, ..Default::default() };
        ui.allocate_ui(vec2(ui.available_width(), h + 8.0), |ui| {
            charts::draw(ui, c, inputs, &opts);
        });
    }
}

/// Page 3: the returns on each investment (the Returns view's table, its
/// column definitions and the horizon caveat) and the lenders' calls.
pub fn page_three(ui: &mut Ui, s: &Scenario, p: &Projection, calls: &[Call], caption: &Caption) {
    header(ui, s, caption, (3, page_count(p)));
    ui.add_space(6.0);
    returns_and_lenders(ui, s, p, calls);
}

/// The returns on each investment and the lenders' calls: page 3, and the
/// app's report view under its charts.
pub fn returns_and_lenders(ui: &mut Ui, s: &Scenario, p: &Projection, calls: &[Call]) {
    ui.label(RichText::new("Returns on each investment").size(16.0).strong());
    let npv = KpiId::NpvUsd.kpi();
    let rate = units::percent(s.valuation.discount_rate, 1);
    ui.label(RichText::new(format!("{} at a {rate} discount rate: {}", npv.label, npv.show(&p.kpis))).size(12.5));
    ui.label(RichText::new(format!("Within the horizon. {HORIZON_CAVEAT}")).size(10.5).weak());
    ui.add_space(6.0);
    if p.investments.is_empty() {
        ui.label(RichText::new(NONE_PAID).size(12.0));
    } else {
        investments_table(ui, p);
        ui.add_space(6.0);
        ui.spacing_mut().item_spacing.y = 1.0;
        for (head, definition) in HEADS {
            ui.label(RichText::new(format!("{head}: {definition}.")).size(9.0).weak());
        }
        ui.spacing_mut().item_spacing.y = 4.0;
    }
    if !calls.is_empty() {
        ui.add_space(14.0);
        ui.label(RichText::new("Lenders calling their debt").size(16.0).strong());
        for call in calls {
            ui.label(RichText::new(call.sentence()).size(12.5));
        }
        ui.label(RichText::new("Marked on the leverage and cash charts (page 2).").size(10.5).weak());
    }
}

/// The investments as a grid on paper: heads, then one row each, figures
/// against the right edge of their column.
fn investments_table(ui: &mut Ui, p: &Projection) {
    let rows: Vec<RowText> = p.investments.iter().map(RowText::of).collect();
    let size = 11.0;
    let numeric = crate::investments::numeric;
    // Each figure column as wide as its widest cell, so figures line up on the right.
    let widths: Vec<f32> = (0..HEADS.len())
        .map(|col| {
            let cells: Vec<RichText> = std::iter::once(RichText::new(HEADS[col].0).size(size).strong())
                .chain(rows.iter().map(|r| RichText::new(r.cells()[col]).size(size)))
                .collect();
            widest(ui, &cells)
        })
        .collect();
    Grid::new("report_investments").num_columns(HEADS.len()).spacing([10.0, 3.0]).striped(true).show(ui, |ui| {
        for (col, (head, _)) in HEADS.iter().enumerate() {
            let text = RichText::new(*head).size(size).strong();
            if numeric(col) {
                right_label(ui, widths[col], text)
            } else {
                ui.label(text);
            }
        }
        ui.end_row();
        for r in &rows {
            for (col, cell) in r.cells().into_iter().enumerate() {
                let text = RichText::new(cell).size(size);
                if numeric(col) {
                    right_label(ui, widths[col], text)
                } else {
                    ui.label(text);
                }
            }
            ui.end_row();
        }
    });
}

fn framed(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let fill = ui.visuals().panel_fill;
    egui::Frame::new().fill(fill).inner_margin(36.0).show(ui, |ui| {
        ui.set_min_size(ui.available_size());
        ui.set_max_width(ui.available_width());
        add(ui);
    });
}

/// The pages ([`page_count`]) as images at [`SCALE`].
pub fn pages(off: &Offscreen, s: &Scenario, p: &Projection, caption: &Caption) -> Result<Vec<Rgba>, String> {
    Ok(pages_with_text(off, s, p, caption)?.into_iter().map(|page| page.image).collect())
}

/// The pages ([`page_count`]) as images at [`SCALE`] with the words they show.
pub fn pages_with_text(off: &Offscreen, s: &Scenario, p: &Projection, caption: &Caption) -> Result<Vec<Page>, String> {
    let inputs = ChartInputs::of(s, p);
    let mut out = vec![
        off.render_page(PAGE, SCALE, chart::light, |ui| framed(ui, |ui| page_one(ui, s, p, caption)))?,
        off.render_page(PAGE, SCALE, chart::light, |ui| framed(ui, |ui| page_two(ui, s, &inputs, caption)))?,
    ];
    if has_returns_page(p) {
        out.push(off.render_page(PAGE, SCALE, chart::light, |ui| framed(ui, |ui| page_three(ui, s, p, &inputs.calls, caption)))?);
    }
    let (risk, at) = (risk_page::RiskFigures::of(s), (out.len() + 1, page_count(p)));
    out.push(off.render_page(PAGE, SCALE, chart::light, |ui| {
        framed(ui, |ui| {
            header(ui, s, caption, at);
            risk_page::page(ui, &risk);
        })
    })?);
    statements_pages(off, s, p, caption, &mut out)?;
    Ok(out)
}

/// The statements pages (by year), after the others.
fn statements_pages(off: &Offscreen, s: &Scenario, p: &Projection, caption: &Caption, out: &mut Vec<Page>) -> Result<(), String> {
    let st = crate::statements::statements(s, p, crate::periods::Period::Year);
    let of = page_count(p);
    for years in statements_page::page_years(p) {
        let n = out.len() + 1;
        out.push(off.render_page(PAGE, SCALE, chart::light, |ui| {
            framed(ui, |ui| {
                header(ui, s, caption, (n, of));
                statements_page::page(ui, &st, years.clone());
            })
        })?);
    }
    Ok(())
}

/// Pages one under the other, as one image.
pub fn stack(pages: &[Rgba]) -> Rgba {
    let width = pages.iter().map(|p| p.width).max().unwrap_or(0);
    let mut pixels = Vec::new();
    for page in pages {
        for row in page.pixels.chunks_exact(page.width as usize * 4) {
            pixels.extend_from_slice(row);
            pixels.resize(pixels.len() + (width - page.width) as usize * 4, 255);
        }
    }
    Rgba { width, height: pages.iter().map(|p| p.height).sum(), pixels }
}

/// The report as one PNG (pages one under the other), captioned with `file` and today.
pub fn png(s: &Scenario, p: &Projection, file: Option<&Path>) -> Result<Vec<u8>, String> {
    let pages = pages(&Offscreen::new()?, s, p, &Caption::new(&s.name, file))?;
    super::png::encode(&stack(&pages))
}

/// The report as a PDF of A4 pages with selectable text, captioned with `file` and today.
pub fn pdf(s: &Scenario, p: &Projection, file: Option<&Path>) -> Result<Vec<u8>, String> {
    pdf_with(&Offscreen::new()?, s, p, &Caption::new(&s.name, file))
}

/// The report as a PDF drawn on `off` with `caption`.
pub fn pdf_with(off: &Offscreen, s: &Scenario, p: &Projection, caption: &Caption) -> Result<Vec<u8>, String> {
    super::pdf::write(&pages_with_text(off, s, p, caption)?, &s.name)
}
