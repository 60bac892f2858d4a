//! The leverage chart: gross leverage (debt ÷ LTM EBITDA) and net leverage
//! (net debt ÷ LTM EBITDA) over every month, with the covenant when one is
//! set. Ratios explode as LTM EBITDA nears zero, so the y axis is clipped at
//! a level the settled months fit under ([`clip_range`]) and every stretch
//! beyond it is marked with its peak and month ([`clipped_stretches`]). A
//! lender calling its debt after the breaches is marked in its month: a
//! vertical line, a label (instrument, month, amount) and a hover line.

use super::calls::Call;
use super::colors::ChartColors;
use super::legend::{self, Entry, Swatch};
use super::overlay;
use super::plot::{
    ChartOptions, Drawn, base, call_entry, call_hover, call_labels, call_lines, fmt_x, halving_entry, halvings, month_label,
};
use super::registry::Chart;
use super::series::segments_of;
use crate::engine::{MonthRow, Projection};
use egui::{Align2, Ui};
use egui_plot::{HLine, HoverPosition, Line, LineStyle, PlotPoint, Span, Text};

pub const GROSS: &str = "Debt / LTM EBITDA";
pub const NET: &str = "Net debt / LTM EBITDA";
/// The size of the peak notes.
const NOTE_SIZE: f32 = 13.0;

/// A run of consecutive months beyond the clipped axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stretch {
    /// First and last month index of the run.
    pub first: usize,
    pub last: usize,
    /// Month index and value of the most extreme month of the run.
    pub peak_month: usize,
    pub peak: f64,
    /// Above the top of the axis (or below its bottom).
    pub above: bool,
}

/// The smallest "nice" number (1, 2, 2.5, 5 × 10ⁿ) not below `v` (> 0).
pub fn nice_ceil(v: f64) -> f64 {
    if v.is_nan() || v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * p).find(|&n| n >= v * (1.0 - 1e-12)).unwrap_or(10.0 * p)
}

/// The y range `(lo, hi)` of the ratio axis for the defined values of `series`.
///
/// Values that fit under a cap show whole. The cap is the largest of 5×,
/// 2.5 × the median magnitude (the level most months sit at) and 1.5 × the
/// covenant; beyond it the axis is clipped. Net cash (negative) is shown
/// to its own depth under the same cap. Both ends are rounded out.
pub fn clip_range(series: &[&[Option<f64>]], covenant: Option<f64>) -> (f64, f64) {
    let mut v: Vec<f64> = series.iter().flat_map(|s| s.iter().flatten().copied()).filter(|x| x.is_finite()).collect();
    let cov = covenant.filter(|c| c.is_finite() && *c > 0.0).unwrap_or(0.0);
    if v.is_empty() {
        return (0.0, nice_ceil((cov * 1.2).max(5.0)));
    }
    let max = v.iter().copied().fold(f64::MIN, f64::max);
    let min = v.iter().copied().fold(f64::MAX, f64::min);
    let mut mags: Vec<f64> = v.drain(..).map(f64::abs).collect();
    mags.sort_by(f64::total_cmp);
    let median = mags[mags.len() / 2];
    let cap = 5f64.max(2.5 * median).max(1.5 * cov);
    let want = max.max(cov * 1.15).max(1.0);
    let hi = nice_ceil(want.min(cap));
    // Net cash has its own depth, under the same cap, rounded out to a
    // quarter of its nice number (−11.4 → −15, not −20).
    let lo = if min >= 0.0 {
        0.0
    } else {
        let depth = (-min).min(cap);
        let step = nice_ceil(depth) / 4.0;
        -(depth / step).ceil() * step
    };
    (lo, hi)
}

/// Every run of defined values above `hi` or below `lo`, with its peak.
/// An undefined month ends a run.
pub fn clipped_stretches(values: &[Option<f64>], lo: f64, hi: f64) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    let mut open: Option<Stretch> = None;
    for (i, v) in values.iter().enumerate() {
        let side = v.and_then(|x| {
            if x > hi {
                Some(true)
            } else if x < lo {
                Some(false)
            } else {
                None
            }
        });
        match (side, open.as_mut()) {
            (Some(above), Some(s)) if s.above == above => {
                s.last = i;
                let x = v.unwrap_or(s.peak);
                if (above && x > s.peak) || (!above && x < s.peak) {
                    s.peak = x;
                    s.peak_month = i;
                }
            }
            (side, _) => {
                out.extend(open.take());
                if let (Some(above), Some(x)) = (side, *v) {
                    open = Some(Stretch { first: i, last: i, peak_month: i, peak: x, above });
                }
            }
        }
    }
    out.extend(open);
    out
}

/// A line's points cut into runs inside `[lo, hi]` and beyond it (`true`),
/// clamped to the axis; each run after the first starts at the last point of
/// the one before, so the pieces join.
pub fn clip_runs(points: &[[f64; 2]], lo: f64, hi: f64) -> Vec<(bool, Vec<[f64; 2]>)> {
    let mut out: Vec<(bool, Vec<[f64; 2]>)> = Vec::new();
    for &[x, y] in points {
        let clipped = y > hi || y < lo;
        let p = [x, y.clamp(lo, hi)];
        match out.last_mut() {
            Some((c, pts)) if *c == clipped => pts.push(p),
            Some((_, pts)) => {
                let joint = pts[pts.len() - 1];
                out.push((clipped, vec![joint, p]));
            }
            None => out.push((clipped, vec![p])),
        }
    }
    out
}

/// The note of a clipped stretch: `↑ 93.3× (2026-12)`.
pub fn stretch_label(p: &Projection, s: &Stretch) -> String {
    let arrow = if s.above { "⬆" } else { "⬇" };
    format!("{arrow} {} ({})", fmt_ratio(s.peak), month_label(p, s.peak_month as f64))
}

/// A note by the clipped edge: centred on month `x`, above or below the
/// axis, for the gross line (`Some(0)`), the net line (`Some(1)`) or both.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub x: f64,
    pub above: bool,
    pub series: Option<usize>,
    pub text: String,
}

/// The notes of the clipped stretches of the gross (`runs[0]`) and net
/// (`runs[1]`) lines, on one row per side. Notes that would overlap (each
/// character about `months_per_char` months wide) are merged into one:
/// `⬆ gross 93.3× / net 79.5× (2026-12)`; every note stays inside the
/// months `0..n` when it fits.
pub fn notes(p: &Projection, runs: [&[Stretch]; 2], months_per_char: f64) -> Vec<Note> {
    let n = p.months.len() as f64;
    // Where a note of `items` goes, and its half width, in months.
    let place = |items: &[(usize, &Stretch)]| {
        let half = note_text(p, items).chars().count() as f64 * months_per_char / 2.0;
        let xs = items.iter().map(|(_, s)| s.peak_month as f64);
        let mid = (xs.clone().fold(f64::MAX, f64::min) + xs.fold(f64::MIN, f64::max)) / 2.0;
        // Inside the plot when the note is narrower than it.
        (if 2.0 * half < n { mid.clamp(half - 0.5, n - 0.5 - half) } else { mid }, half)
    };
    let mut out = Vec::new();
    for above in [true, false] {
        let mut items: Vec<(usize, &Stretch)> =
            runs.iter().enumerate().flat_map(|(i, r)| r.iter().filter(|s| s.above == above).map(move |s| (i, s))).collect();
        items.sort_by_key(|(i, s)| (s.peak_month, *i));
        let mut groups: Vec<Vec<(usize, &Stretch)>> = items.into_iter().map(|item| vec![item]).collect();
        // Merge neighbours that overlap until none do.
        while let Some(k) = (1..groups.len()).find(|&k| {
            let ((a, ha), (b, hb)) = (place(&groups[k - 1]), place(&groups[k]));
            b - hb <= a + ha
        }) {
            let next = groups.remove(k);
            groups[k - 1].extend(next);
        }
        for g in groups {
            let (x, _) = place(&g);
            let series = if g.iter().all(|(i, _)| *i == g[0].0) { Some(g[0].0) } else { None };
            out.push(Note { x, above, series, text: note_text(p, &g) });
        }
    }
    out
}

/// The text of one note for one or more stretches (sorted by month): the
/// lines named when both are in it, the month once when they share it.
fn note_text(p: &Projection, items: &[(usize, &Stretch)]) -> String {
    let [(first_series, first), ..] = items else { return String::new() };
    if items.len() == 1 {
        return stretch_label(p, first);
    }
    let named = items.iter().any(|(i, _)| i != first_series);
    let one_month = items.iter().all(|(_, s)| s.peak_month == first.peak_month);
    let parts: Vec<String> = items
        .iter()
        .map(|(i, s)| {
            let name = if !named {
                ""
            } else if *i == 0 {
                "gross "
            } else {
                "net "
            };
            let month = if one_month { String::new() } else { format!(" ({})", month_label(p, s.peak_month as f64)) };
            format!("{name}{}{month}", fmt_ratio(s.peak))
        })
        .collect();
    let arrow = if first.above { "⬆" } else { "⬇" };
    let month = if one_month { format!(" ({})", month_label(p, first.peak_month as f64)) } else { String::new() };
    format!("{arrow} {}{month}", parts.join(" / "))
}

/// The width in points of a peak note's average character, measured on a
/// typical note in the font it is drawn in (an estimate from the font size
/// was too narrow and a note near the left edge was cut).
fn note_char_width(ui: &Ui) -> f64 {
    let sample = "⬆ gross 93.3× / net 79.5× (2026-12)";
    let w =
        ui.ctx().fonts_mut(|f| f.layout_no_wrap(sample.to_owned(), egui::FontId::proportional(NOTE_SIZE), egui::Color32::WHITE).size().x);
    (w as f64 / sample.chars().count() as f64).max(0.6 * NOTE_SIZE as f64)
}

/// The months where the ratio is not meaningful, as `first..end` runs.
pub fn nm_bands(gross: &[Option<f64>]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < gross.len() {
        if gross[i].is_none() {
            let j = (i..gross.len()).find(|&j| gross[j].is_some()).unwrap_or(gross.len());
            out.push(i..j);
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Moves each note that would be written over an n/m band beside it: ending
/// where the band starts when it fits there, else starting where it ends.
/// A note wider than the room on both sides stays where it was.
pub fn off_the_bands(notes: &mut [Note], bands: &[std::ops::Range<usize>], months_per_char: f64, n: f64) {
    for note in notes {
        let half = note.text.chars().count() as f64 * months_per_char / 2.0;
        for b in bands {
            let (start, end) = (b.start as f64 - 0.5, b.end as f64 - 0.5);
            if note.x + half <= start || note.x - half >= end {
                continue;
            }
            if start - 2.0 * half >= -0.5 {
                note.x = start - half;
            } else if end + 2.0 * half <= n - 0.5 {
                note.x = end + half;
            }
        }
    }
}

fn fmt_ratio(v: f64) -> String {
    if v.abs() >= 100.0 { format!("{v:.0}×") } else { format!("{v:.1}×") }
}

/// What hovering month `m` reads: both ratios unclipped, net cash named,
/// the covenant and the lenders' `calls` of the month.
pub fn readout(p: &Projection, m: usize, covenant: Option<f64>, calls: &[Call]) -> String {
    let Some(r) = p.months.get(m) else { return String::new() };
    let gross = r.leverage.map_or("n/m (LTM EBITDA ≤ 0)".to_owned(), |v| format!("{v:.2}×"));
    let net = match r.net_leverage {
        Some(v) if v < 0.0 => format!("{v:.2}× (net cash)"),
        Some(v) => format!("{v:.2}×"),
        None => "n/m (LTM EBITDA ≤ 0)".to_owned(),
    };
    let mut text = format!("{}\n{GROSS}: {gross}\n{NET}: {net}", r.month);
    if let Some(c) = covenant {
        text.push_str(&format!("\nCovenant: {c:.2}×"));
    }
    text + &call_hover(calls, m)
}

fn values(p: &Projection, f: fn(&MonthRow) -> Option<f64>) -> Vec<Option<f64>> {
    p.months.iter().map(f).collect()
}

/// Chart 3: gross and net leverage with the covenant; months where the ratio
/// is not meaningful are shaded "n/m"; clipped stretches carry their peak;
/// the lenders' `calls` are marked.
pub fn chart(ui: &mut Ui, p: &Projection, opts: &ChartOptions, calls: &[Call]) -> Vec<Drawn> {
    let c = ChartColors::of(ui.visuals());
    let gross = values(p, |r| r.leverage);
    let net = values(p, |r| r.net_leverage);
    let (lo, hi) = clip_range(&[&gross, &net], opts.covenant);
    let unit = crate::engine::ColumnId::Leverage.column().unit;
    let gross_color = c.series[0];
    let net_color = c.series[1];
    let mut entries = Vec::new();
    if legend::has_data(gross.iter().copied()) {
        entries.push(Entry::new(GROSS, gross_color, Swatch::Line));
    }
    if legend::has_data(net.iter().copied()) {
        entries.push(Entry::new(format!("{NET} (below 0: net cash)"), net_color, Swatch::Line));
    }
    if let Some(cov) = opts.covenant {
        entries.push(Entry::new(format!("Covenant {cov:.2}×"), c.negative, Swatch::Dashed));
    }
    if gross.iter().any(Option::is_none) {
        entries.push(Entry::new("n/m: LTM EBITDA ≤ 0", c.negative.gamma_multiply(0.4), Swatch::Area));
    }
    entries.extend(halving_entry(p, opts, &c));
    entries.extend(call_entry(calls, &c));
    entries.extend(overlay::entries(&opts.overlays, Chart::Leverage, &c));
    let used = legend::show(ui, &entries);
    let height = (opts.height - used).max(80.0);
    // Room above `hi` (and below `lo`) for the peak notes.
    let gross_runs = clipped_stretches(&gross, lo, hi);
    let net_runs = clipped_stretches(&net, lo, hi);
    let pad = (hi - lo) * 0.14;
    let top = if gross_runs.iter().chain(&net_runs).any(|s| s.above) { hi + pad } else { hi };
    let bottom = if gross_runs.iter().chain(&net_runs).any(|s| !s.above) { lo - pad } else { lo };
    // A note's character is about 0.6 of its size wide; the plot is the
    // chart's width less its y axis.
    let months_per_char = note_char_width(ui) * p.months.len().max(1) as f64 / (ui.available_width() as f64 - 80.0).max(100.0);
    let mut notes = notes(p, [&gross_runs, &net_runs], months_per_char);
    off_the_bands(&mut notes, &nm_bands(&gross), months_per_char, p.months.len() as f64);
    let covenant = opts.covenant;
    let overlays = &opts.overlays;
    let plot =
        base("chart_leverage", p, opts, height, fmt_x, unit).default_y_bounds(bottom, top).label_formatter(move |pos: &HoverPosition| {
            let (HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position }) = pos;
            let m = position.x.round().max(0.0) as usize;
            let others = overlay::at(overlays, Chart::Leverage, p, m).into_iter().map(|(n, v)| format!("\n{n}: {}", fmt_x(v)));
            Some(readout(p, m, covenant, calls) + &others.collect::<String>())
        });
    let resp = plot.show(ui, |pu| {
        for b in nm_bands(&gross) {
            pu.add(Span::new("n/m", (b.start as f64 - 0.5)..=(b.end as f64 - 0.5)).fill(c.negative.gamma_multiply(0.12)));
        }
        if lo < 0.0 {
            pu.hline(HLine::new("Zero", 0.0).color(c.muted).width(0.5));
        }
        for (name, vals, color, width) in [(NET, &net, net_color, 1.8), (GROSS, &gross, gross_color, 2.2)] {
            for seg in segments_of(vals) {
                // Along the clipped edge the line is dashed: the value is beyond it.
                for (clipped, pts) in clip_runs(&seg, lo, hi) {
                    let line = Line::new(name, pts).color(color).width(width);
                    pu.line(if clipped { line.style(LineStyle::dashed_loose()) } else { line });
                }
            }
        }
        overlay::draw_within(pu, &opts.overlays, Chart::Leverage, p, &c, (lo, hi));
        if let Some(cov) = covenant {
            pu.hline(HLine::new(format!("Covenant {cov:.2}×"), cov).color(c.negative).style(LineStyle::dashed_dense()));
        }
        // The peak notes on one row by the clipped edge, merged where they would overlap.
        for note in &notes {
            let (y, anchor) = if note.above { (hi + pad, Align2::CENTER_TOP) } else { (lo - pad, Align2::CENTER_BOTTOM) };
            let color = match note.series {
                Some(0) => gross_color,
                Some(_) => net_color,
                None => c.foreground,
            };
            let text = egui::RichText::new(&note.text).strong().size(NOTE_SIZE);
            pu.text(Text::new("", PlotPoint::new(note.x, y), text).color(color).anchor(anchor));
        }
        halvings(pu, p, opts, c.muted);
        call_lines(pu, calls, c.alert);
    });
    // The labels of the lenders' calls stand above the lower peak notes, not on them.
    let clear_bottom = if notes.iter().any(|n| !n.above) {
        let note_bottom = resp.transform.position_from_point(&PlotPoint::new(0.0, lo - pad)).y;
        (resp.transform.frame().bottom() - note_bottom + NOTE_SIZE * 1.4 + 2.0).max(0.0)
    } else {
        0.0
    };
    call_labels(ui, &resp, calls, &c, clear_bottom);
    vec![Drawn::of("chart_leverage", &resp)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_numbers_round_up() {
        assert_eq!(nice_ceil(4.2), 5.0);
        assert_eq!(nice_ceil(5.0), 5.0);
        assert_eq!(nice_ceil(21.0), 25.0);
        assert_eq!(nice_ceil(26.0), 50.0);
        assert_eq!(nice_ceil(0.3), 0.5);
        assert_eq!(nice_ceil(-3.0), 1.0);
        assert_eq!(nice_ceil(f64::NAN), 1.0);
    }

    #[test]
    fn values_that_fit_under_the_cap_show_whole() {
        let s = [Some(2.3), Some(1.1), None, Some(0.0)];
        assert_eq!(clip_range(&[&s], None), (0.0, 2.5));
        // The covenant is always in view.
        assert_eq!(clip_range(&[&s], Some(4.0)), (0.0, 5.0));
    }

    #[test]
    fn an_explosion_near_zero_ebitda_is_clipped_at_the_settled_level() {
        // 18 months of 60–93×, then 42 months around 7–8×.
        let mut s: Vec<Option<f64>> = (0..18).map(|i| Some(60.0 + i as f64 * 2.0)).collect();
        s.extend((0..42).map(|i| Some(7.0 + (i % 3) as f64 * 0.5)));
        let (lo, hi) = clip_range(&[&s], None);
        assert_eq!(lo, 0.0);
        assert!((7.5 * 1.3..=25.0).contains(&hi), "hi {hi}");
        let runs = clipped_stretches(&s, lo, hi);
        assert_eq!(runs.len(), 1);
        assert_eq!((runs[0].first, runs[0].last, runs[0].peak_month, runs[0].above), (0, 17, 17, true));
        assert_eq!(runs[0].peak, 94.0);
    }

    #[test]
    fn net_cash_is_clipped_below_and_marked() {
        // Deep net cash (ice_cube) is shown to the settled depth, not cut at
        // the small positive top: magnitudes 1..90, median 30, cap 75.
        let s = [Some(3.0), Some(-2.0), Some(-40.0), Some(-90.0), Some(-30.0), Some(1.0)];
        let (lo, hi) = clip_range(&[&s], None);
        assert_eq!((lo, hi), (-75.0, 5.0));
        let runs = clipped_stretches(&s, lo, hi);
        assert_eq!(runs, vec![Stretch { first: 3, last: 3, peak_month: 3, peak: -90.0, above: false }]);
        // Net cash that fits is shown down to a quarter step of its own size.
        assert_eq!(clip_range(&[&[Some(8.0), Some(-2.1)]], None), (-2.5, 10.0));
        assert_eq!(clip_range(&[&[Some(8.0), Some(9.0), Some(-11.4)]], None), (-15.0, 10.0));
    }

    #[test]
    fn a_line_is_cut_where_it_leaves_the_axis_and_the_pieces_join() {
        let pts = [[0.0, 50.0], [1.0, 30.0], [2.0, 8.0], [3.0, 6.0], [4.0, -20.0]];
        let runs = clip_runs(&pts, -5.0, 10.0);
        assert_eq!(
            runs,
            vec![
                (true, vec![[0.0, 10.0], [1.0, 10.0]]),
                (false, vec![[1.0, 10.0], [2.0, 8.0], [3.0, 6.0]]),
                (true, vec![[3.0, 6.0], [4.0, -5.0]]),
            ]
        );
        assert!(clip_runs(&[], 0.0, 1.0).is_empty());
    }

    #[test]
    fn every_stretch_is_found_and_undefined_months_split_them() {
        let s = [Some(50.0), Some(80.0), None, Some(60.0), Some(2.0), Some(30.0), Some(-9.0), Some(-7.0)];
        let runs = clipped_stretches(&s, -5.0, 10.0);
        let got: Vec<(usize, usize, usize, f64, bool)> = runs.iter().map(|r| (r.first, r.last, r.peak_month, r.peak, r.above)).collect();
        assert_eq!(got, vec![(0, 1, 1, 80.0, true), (3, 3, 3, 60.0, true), (5, 5, 5, 30.0, true), (6, 7, 6, -9.0, false)]);
        assert!(clipped_stretches(&[Some(1.0), None], 0.0, 5.0).is_empty());
    }

    /// keep_buying at a projector's plot width (about 8 px a character over
    /// ~560 px): its 182× note peaks the month its n/m band starts; it moves
    /// off the band and stays inside the months.
    #[test]
    fn keep_buying_peak_notes_stay_inside_and_off_the_n_m_band() {
        let s = crate::format::parse_valid(include_str!("../../saves/keep_buying.ron")).unwrap();
        let p = crate::engine::project(&s).unwrap();
        let gross = values(&p, |r| r.leverage);
        let net = values(&p, |r| r.net_leverage);
        let (lo, hi) = clip_range(&[&gross, &net], s.financing.covenant_max_leverage);
        let (g, n) = (clipped_stretches(&gross, lo, hi), clipped_stretches(&net, lo, hi));
        let bands = nm_bands(&gross);
        assert!(!bands.is_empty(), "keep_buying has n/m months");
        let len = p.months.len() as f64;
        for mpc in [8.0 * len / 560.0, 8.0 * len / 900.0] {
            let mut notes = notes(&p, [&g, &n], mpc);
            let before = notes.clone();
            off_the_bands(&mut notes, &bands, mpc, len);
            assert!(!notes.is_empty());
            for note in &notes {
                let half = note.text.chars().count() as f64 * mpc / 2.0;
                let (l, r) = (note.x - half, note.x + half);
                assert!(l >= -0.5 - 1e-9 && r <= len - 0.5 + 1e-9, "{note:?} leaves the months 0..{len} at {mpc}");
                for b in &bands {
                    assert!(r <= b.start as f64 - 0.5 + 1e-9 || l >= b.end as f64 - 0.5 - 1e-9, "{note:?} over the band {b:?} at {mpc}");
                }
            }
            assert!(notes != before, "the notes were over the band to begin with: {before:?}");
        }
    }

    #[test]
    fn the_leverage_of_ai_pivot_is_shown_for_every_month_with_its_peak_noted() {
        let s = crate::format::parse_valid(include_str!("../../saves/ai_pivot.ron")).unwrap();
        let p = crate::engine::project(&s).unwrap();
        let gross = values(&p, |r| r.leverage);
        let net = values(&p, |r| r.net_leverage);
        let (lo, hi) = clip_range(&[&gross, &net], None);
        let runs = clipped_stretches(&gross, lo, hi);
        let (peak_m, peak) = gross.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
        assert!(peak > hi, "the peak {peak} fits: nothing to mark");
        // The axis shows the settled months whole and the peak is noted.
        let last = gross.last().unwrap().unwrap();
        assert!(last < hi, "the last month {last} is clipped at {hi}");
        assert!(runs.iter().any(|r| r.peak_month == peak_m && r.peak == peak));
        let label = stretch_label(&p, runs.iter().find(|r| r.peak_month == peak_m).unwrap());
        assert!(label.starts_with('⬆') && label.contains(&p.months[peak_m].month.to_string()), "{label}");
        // Every month above the axis belongs to one marked stretch.
        for (i, v) in gross.iter().enumerate() {
            if v.is_some_and(|v| v > hi) {
                assert!(runs.iter().any(|r| (r.first..=r.last).contains(&i)), "month {i} clipped without a note");
            }
        }
    }

    fn ai_pivot() -> Projection {
        crate::engine::project(&crate::format::parse_valid(include_str!("../../saves/ai_pivot.ron")).unwrap()).unwrap()
    }

    #[test]
    fn gross_and_net_peaking_in_the_same_month_share_one_note() {
        let p = ai_pivot();
        let (gross, net) = (values(&p, |r| r.leverage), values(&p, |r| r.net_leverage));
        let (lo, hi) = clip_range(&[&gross, &net], None);
        let (g, n) = (clipped_stretches(&gross, lo, hi), clipped_stretches(&net, lo, hi));
        let top = |runs: &[Stretch]| *runs.iter().filter(|s| s.above).max_by(|a, b| a.peak.total_cmp(&b.peak)).unwrap();
        let (tg, tn) = (top(&g), top(&n));
        assert_eq!(tg.peak_month, tn.peak_month, "ai_pivot's gross and net peak together");
        // However wide the chart, the two would print on top of each other.
        for months_per_char in [0.05, 0.4, 2.0] {
            let notes = notes(&p, [&g, &n], months_per_char);
            let at: Vec<&Note> = notes.iter().filter(|x| x.text.contains(&fmt_ratio(tg.peak))).collect();
            assert_eq!(at.len(), 1, "{notes:?}");
            let month = month_label(&p, tg.peak_month as f64);
            assert_eq!(at[0].series, None);
            assert!(at[0].text.contains(&format!("gross {}", fmt_ratio(tg.peak))), "{}", at[0].text);
            assert!(at[0].text.contains(&format!("net {}", fmt_ratio(tn.peak))), "{}", at[0].text);
            assert_eq!(at[0].text.matches(&month).count(), 1, "{}", at[0].text);
            assert!(!notes.iter().any(|x| x.text.contains(&fmt_ratio(tn.peak)) && x != at[0]), "{notes:?}");
        }
    }

    #[test]
    fn notes_on_one_side_never_overlap_and_far_ones_stay_apart() {
        let p = ai_pivot();
        let n = p.months.len();
        let at = |m: usize, peak: f64, above: bool| Stretch { first: m, last: m, peak_month: m, peak, above };
        let gross = [at(2, 40.0, true), at(n / 2, 35.0, true), at(n - 3, 31.0, true), at(n / 2, -20.0, false)];
        let net = [at(4, 30.0, true), at(n / 2 + 1, 22.0, true), at(n - 1, -40.0, false)];
        let width = |x: &Note, mpc: f64| x.text.chars().count() as f64 * mpc;
        for mpc in [0.02, 0.1, 0.3, 0.6, 1.5] {
            let notes = notes(&p, [&gross, &net], mpc);
            // Every stretch is in a note, by its value.
            for s in gross.iter().chain(&net) {
                assert!(notes.iter().any(|x| x.above == s.above && x.text.contains(&fmt_ratio(s.peak))), "{s:?} lost at {mpc}: {notes:?}");
            }
            for side in [true, false] {
                let mut row: Vec<&Note> = notes.iter().filter(|x| x.above == side).collect();
                row.sort_by(|a, b| a.x.total_cmp(&b.x));
                for w in row.windows(2) {
                    let gap = (w[1].x - width(w[1], mpc) / 2.0) - (w[0].x + width(w[0], mpc) / 2.0);
                    assert!(gap > 0.0, "{:?} and {:?} overlap at {mpc}", w[0].text, w[1].text);
                }
            }
        }
        // On a wide chart the far stretches keep their own notes and colours.
        let wide = notes(&p, [&gross, &net], 0.02);
        assert_eq!(wide.iter().filter(|x| x.above).count(), 5, "{wide:?}");
        assert!(wide.iter().any(|x| x.series == Some(0) && x.text == stretch_label(&p, &gross[0])));
        // On a narrow one everything above merges into one note.
        let narrow = notes(&p, [&gross, &net], 1.5);
        assert_eq!(narrow.iter().filter(|x| x.above).count(), 1, "{narrow:?}");
    }

    #[test]
    fn hovering_says_net_cash_when_net_leverage_is_negative() {
        let s = crate::format::parse_valid(include_str!("../../tests/data/reference.ron")).unwrap();
        let mut p = crate::engine::project(&s).unwrap();
        p.months[3].net_leverage = Some(-1.5);
        p.months[3].leverage = None;
        let text = readout(&p, 3, Some(4.0), &[]);
        assert!(text.contains("-1.50× (net cash)") && text.contains("n/m") && text.contains("Covenant: 4.00×"), "{text}");
        assert!(readout(&p, 10_000, None, &[]).is_empty());
    }

    #[test]
    fn hovering_the_month_a_lender_calls_names_the_call() {
        let s = crate::format::parse_valid(include_str!("../../tests/data/reference_v2.ron")).unwrap();
        let p = crate::engine::project(&s).unwrap();
        let calls = crate::charts::calls::calls(&s, &p);
        let m = calls[0].month;
        assert!(readout(&p, m, Some(12.0), &calls).ends_with(&format!("\n{}", calls[0].hover())));
        assert!(!readout(&p, m + 1, Some(12.0), &calls).contains("called"));
    }
}
