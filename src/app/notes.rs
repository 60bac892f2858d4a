//! Help › Model notes: the project's own explanation of the model
//! (`docs/model.md`, built into the binary) shown in a window of the app. A small reader
//! for the Markdown that page uses: headings, paragraphs, bullet lists,
//! tables (shown as one wrapped line a row), code blocks, `code`, **bold**
//! and *italics*.

use egui::text::LayoutJob;
use egui::{FontId, RichText, TextFormat, Ui};

/// The model documentation, as shipped.
pub const MODEL_MD: &str = include_str!("../../docs/model.md");

/// One block of the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(usize, String),
    Paragraph(String),
    Bullet(String),
    Table(Vec<Vec<String>>),
    Code(String),
}

/// Splits Markdown text into blocks; lines of a paragraph or bullet are
/// joined, table separator rows (`|---|`) dropped.
pub fn parse(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = md.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_end();
        if t.trim().is_empty() {
            continue;
        }
        if t.starts_with("```") {
            let mut code = Vec::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                code.push(l);
            }
            out.push(Block::Code(code.join("\n")));
        } else if let Some(level) = heading_level(t) {
            out.push(Block::Heading(level, t[level..].trim().to_owned()));
        } else if t.trim_start().starts_with('|') {
            let mut rows = vec![cells(t)];
            while let Some(l) = lines.next_if(|l| l.trim_start().starts_with('|')) {
                if !l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                    rows.push(cells(l));
                }
            }
            out.push(Block::Table(rows));
        } else if let Some(rest) = bullet(t) {
            let mut text = rest.to_owned();
            while let Some(l) = lines.next_if(|l| continues(l) && l.starts_with("  ")) {
                text.push(' ');
                text.push_str(l.trim());
            }
            out.push(Block::Bullet(text));
        } else {
            let mut text = t.trim().to_owned();
            while let Some(l) = lines.next_if(|l| continues(l)) {
                text.push(' ');
                text.push_str(l.trim());
            }
            out.push(Block::Paragraph(text));
        }
    }
    out
}

fn heading_level(t: &str) -> Option<usize> {
    let n = t.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&n).then_some(n).filter(|&n| t[n..].starts_with(' '))
}

fn bullet(t: &str) -> Option<&str> {
    let s = t.trim_start();
    s.strip_prefix("- ").or_else(|| s.strip_prefix("* ")).or_else(|| {
        // "1. text"
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        (digits > 0).then(|| s[digits..].strip_prefix(". ")).flatten().map(|_| s)
    })
}

/// Whether a line carries on the paragraph or bullet above it.
fn continues(l: &str) -> bool {
    let t = l.trim();
    !t.is_empty() && heading_level(t).is_none() && !t.starts_with('|') && !t.starts_with("```") && bullet(l).is_none()
}

fn cells(row: &str) -> Vec<String> {
    row.trim().trim_matches('|').split('|').map(|c| c.trim().to_owned()).collect()
}

/// `text` with `code` and **bold** spans, in the body size.
fn inline(ui: &Ui, text: &str, size: f32) -> LayoutJob {
    let style = ui.style();
    let color = style.visuals.text_color();
    let strong = style.visuals.strong_text_color();
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    let (mut code, mut bold, mut italic) = (false, false, false);
    let mut rest = text;
    while !rest.is_empty() {
        let next = if code { rest.find('`') } else { rest.find(['`', '*']) };
        let end = next.unwrap_or(rest.len());
        if end > 0 {
            let font = if code { FontId::monospace(size * 0.95) } else { FontId::proportional(size) };
            let format = TextFormat {
                font_id: font,
                color: if bold { strong } else { color },
                italics: italic,
                background: if code { style.visuals.code_bg_color } else { egui::Color32::TRANSPARENT },
                ..Default::default()
            };
            job.append(&rest[..end], 0.0, format);
        }
        rest = &rest[end..];
        if let Some(r) = rest.strip_prefix('`') {
            code = !code;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("**") {
            bold = !bold;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('*') {
            italic = !italic;
            rest = r;
        }
    }
    job
}

/// The Model notes window: beside the plan (not a dialog), so the page can
/// be read while editing; it never outgrows the app's window.
pub fn window(ctx: &egui::Context, open: &mut bool) {
    let screen = ctx.content_rect();
    let size = egui::vec2((screen.width() - 80.0).clamp(240.0, 720.0), (screen.height() - 120.0).max(200.0));
    egui::Window::new("Model notes")
        .open(open)
        .default_size(size)
        .max_size(screen.size() - egui::vec2(16.0, 16.0))
        .vscroll(true)
        .show(ctx, |ui| self::ui(ui, MODEL_MD));
}

/// Draws the page (the caller puts it in a scroll area).
pub fn ui(ui: &mut Ui, md: &str) {
    let body = ui.style().text_styles.get(&egui::TextStyle::Body).map_or(14.0, |f| f.size);
    for block in parse(md) {
        match block {
            Block::Heading(level, text) => {
                ui.add_space(if level == 1 { 2.0 } else { 10.0 });
                let size = match level {
                    1 => body * 1.6,
                    2 => body * 1.3,
                    _ => body * 1.1,
                };
                ui.label(RichText::new(text).size(size).strong());
            }
            Block::Paragraph(text) => {
                ui.label(inline(ui, &text, body));
                ui.add_space(4.0);
            }
            Block::Bullet(text) => {
                ui.horizontal_top(|ui| {
                    ui.label("•");
                    // In a row, labels do not wrap unless told to.
                    ui.add(egui::Label::new(inline(ui, &text, body)).wrap());
                });
            }
            Block::Table(rows) => {
                // Rows as wrapped lines ("first cell — the others"): a grid
                // of long cells would not wrap and would widen the dialog.
                for (i, row) in rows.iter().enumerate() {
                    let line = match row.split_first() {
                        Some((first, rest)) if !rest.is_empty() => format!("**{first}** — {}", rest.join(" · ")),
                        _ => row.join(" · "),
                    };
                    let line = if i == 0 { line.replace("**", "") } else { line };
                    ui.label(inline(ui, &line, if i == 0 { body * 0.9 } else { body }));
                }
                ui.add_space(4.0);
            }
            Block::Code(text) => {
                ui.label(RichText::new(text).monospace());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_heading_and_table_of_the_model_page_is_read() {
        let blocks = parse(MODEL_MD);
        let headings = MODEL_MD.lines().filter(|l| heading_level(l).is_some()).count();
        assert_eq!(blocks.iter().filter(|b| matches!(b, Block::Heading(..))).count(), headings);
        assert!(matches!(&blocks[0], Block::Heading(1, t) if t == "How floe computes a plan"));
        // The monthly-columns table has a row per column of the schema (plus `month` and the header).
        let table = blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(rows) if rows.iter().any(|r| r[0] == "`btc_price_usd`") => Some(rows),
                _ => None,
            })
            .expect("no monthly-columns table");
        assert_eq!(table.len(), crate::schema::COLUMNS.len() + 2);
        // No Markdown table syntax leaks into the text.
        for b in &blocks {
            if let Block::Paragraph(t) | Block::Bullet(t) = b {
                assert!(!t.starts_with('|') && !t.starts_with('#'), "{t}");
            }
        }
    }

    #[test]
    fn paragraphs_bullets_and_code_are_told_apart() {
        let md = "# T\n\nfirst line\nsecond line\n\n- one\n  more\n- two\n1. three\n\n```\nx = 1\n```\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(
            parse(md),
            vec![
                Block::Heading(1, "T".into()),
                Block::Paragraph("first line second line".into()),
                Block::Bullet("one more".into()),
                Block::Bullet("two".into()),
                Block::Bullet("1. three".into()),
                Block::Code("x = 1".into()),
                Block::Table(vec![vec!["a".into(), "b".into()], vec!["1".into(), "2".into()]]),
            ]
        );
    }
}
