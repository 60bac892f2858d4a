//! Form widgets of the scenario editor: one labelled row per field, with a
//! tooltip, a unit, an accessible name, and the field's validation message
//! inline. Every input is identified by its scenario field path
//! ([`FieldPath`]) so the status bar can jump to it; labels, tips and units
//! come from the field table in `model::field`.

use crate::model::field::{Item, List, Part, Unit};
use crate::model::{FieldPath, Month, Problem, Series};
use crate::units;
use egui::{Color32, ComboBox, DragValue, Response, RichText, TextEdit, Ui};
use rust_decimal::Decimal;
use std::str::FromStr;

/// The colour of validation messages (defined in [`super::theme`]).
pub const ERROR_COLOR: Color32 = super::theme::ERROR;

const MONTH_NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Gives a row's input its accessible name: tied to the visible label when
/// that is unique, or `label (scope)` inside lists.
pub struct Namer {
    pub name: String,
    label: Option<egui::Id>,
}

impl Namer {
    pub fn apply(&self, r: Response) -> Response {
        match self.label {
            Some(id) => r.labelled_by(id),
            None => r.accessible_name(self.name.clone()),
        }
    }
}

/// Everything a field row needs to know beyond its value.
pub struct Form<'a> {
    /// Current validation problems (for inline messages).
    pub problems: &'a [Problem],
    /// Review mode: every input is locked.
    pub read_only: bool,
    /// Field to focus and scroll to this frame (from the status bar).
    pub focus: Option<FieldPath>,
    /// Context appended to accessible names inside lists: `lot 2`.
    pub scope: String,
    /// The scenario's first month, for path editors.
    pub start: Month,
}

/// A field's tooltip: what it means and, for the fields a new lease or lot
/// fills in, the default and its source ([`crate::defaults::note`]).
pub fn tip(at: FieldPath) -> String {
    match crate::defaults::note(at) {
        Some(note) => format!("{}\n\n{note}", at.tip()),
        None => at.tip().to_owned(),
    }
}

/// The suffix a value is shown with (`" MW"`, `"$/MWh"`).
fn suffix(at: FieldPath) -> &'static str {
    match at.unit() {
        Unit::Number(s) | Unit::Whole(s) | Unit::Money(s) | Unit::Path(s) => s,
        _ => "",
    }
}

impl Form<'_> {
    fn name(&self, label: &str) -> String {
        let label = label.trim();
        if self.scope.is_empty() { label.to_owned() } else { format!("{label} ({})", self.scope) }
    }

    /// Lays out `label | widget` for the field `at` as a grid row, then its
    /// problems. `add` names its input(s) through the [`Namer`] it is given.
    pub fn row(&mut self, ui: &mut Ui, at: FieldPath, add: impl FnOnce(&mut Ui, &Namer) -> Response) -> Response {
        self.row_labelled(ui, at, at.label(), &tip(at), add)
    }

    /// [`Form::row`] with its own label and tip (the parts of a path).
    fn row_labelled(
        &mut self,
        ui: &mut Ui,
        at: FieldPath,
        label: &str,
        tip: &str,
        add: impl FnOnce(&mut Ui, &Namer) -> Response,
    ) -> Response {
        let label_resp = ui.label(label).on_hover_text(tip);
        let namer = Namer { name: self.name(label), label: self.scope.is_empty().then_some(label_resp.id) };
        let response = ui.add_enabled_ui(!self.read_only, |ui| ui.horizontal(|ui| add(ui, &namer).on_hover_text(tip)).inner).inner;
        name_unparsed(ui.ctx(), response.id, at, &namer.name);
        if self.focus == Some(at) {
            response.request_focus();
            response.scroll_to_me(Some(egui::Align::Center));
        }
        ui.end_row();
        self.messages(ui, at);
        response
    }

    /// One cell of a table row: the input named `name` (empty: `add` names
    /// its own inputs), locked in review mode, focused on request, with the
    /// field's tip on hover and its problems outlined.
    pub fn cell(&self, ui: &mut Ui, at: FieldPath, name: &str, add: impl FnOnce(&mut Ui) -> Response) -> Response {
        let r = ui
            .add_enabled_ui(!self.read_only, |ui| {
                let r = add(ui).on_hover_text(tip(at));
                if name.is_empty() { r } else { r.accessible_name(name) }
            })
            .inner;
        name_unparsed(ui.ctx(), r.id, at, if name.is_empty() { at.label() } else { name });
        let mine: Vec<String> = self.problems.iter().filter(|p| p.at == at).map(Problem::message_as_edited).collect();
        let r = if !mine.is_empty() {
            ui.painter().rect_stroke(r.rect.expand(1.0), 2.0, egui::Stroke::new(1.5, ERROR_COLOR), egui::StrokeKind::Outside);
            r.on_hover_text(mine.join("\n"))
        } else {
            r
        };
        if self.focus == Some(at) {
            r.request_focus();
            r.scroll_to_me(Some(egui::Align::Center));
        }
        r
    }

    /// Whether a list item must be open: it has problems or holds the focus target.
    pub fn item_open(&self, item: Item) -> bool {
        self.problems.iter().any(|p| p.at.item() == Some(item)) || self.focus.is_some_and(|f| f.item() == Some(item))
    }

    /// Inline validation messages of the field `at` (as grid rows), in the units it is edited in.
    pub fn messages(&self, ui: &mut Ui, at: FieldPath) {
        for p in self.problems.iter().filter(|p| p.at == at) {
            ui.label("");
            ui.label(RichText::new(format!("⚠ {}", p.message_as_edited())).color(ERROR_COLOR).small());
            ui.end_row();
        }
    }

    /// Messages about a list as a whole (too many items), above its items.
    pub fn list_messages(&self, ui: &mut Ui, list: List) {
        for p in self.problems.iter().filter(|p| p.at == FieldPath::List(list)) {
            ui.label(RichText::new(format!("⚠ {}", p.message_as_edited())).color(ERROR_COLOR).small());
        }
    }

    pub fn text(&mut self, ui: &mut Ui, at: FieldPath, value: &mut String) -> Response {
        self.row(ui, at, |ui, n| n.apply(ui.add(TextEdit::singleline(value).desired_width(260.0).min_size(egui::vec2(260.0, 0.0)))))
    }

    pub fn checkbox(&mut self, ui: &mut Ui, at: FieldPath, value: &mut bool) -> Response {
        self.row(ui, at, |ui, n| n.apply(ui.checkbox(value, "")))
    }

    /// A float with its unit suffix.
    pub fn number(&mut self, ui: &mut Ui, at: FieldPath, value: &mut f64, speed: f64) -> Response {
        self.row(ui, at, |ui, n| n.apply(number_widget(ui, value, suffix(at), speed)))
    }

    /// A fraction shown and edited as a percentage (`0.05` ↔ `5 %`).
    pub fn percent(&mut self, ui: &mut Ui, at: FieldPath, value: &mut f64) -> Response {
        self.row(ui, at, |ui, n| n.apply(percent_widget(ui, value)))
    }

    pub fn integer(&mut self, ui: &mut Ui, at: FieldPath, value: &mut i64) -> Response {
        // "1 month", not "1 months".
        let unit = match suffix(at) {
            " months" if *value == 1 => " month",
            s => s,
        };
        self.row(ui, at, |ui, n| n.apply(integer_widget(ui, value, unit, 0.25)))
    }

    /// Exact money, typed as text (thousands separators shown when not editing).
    pub fn money(&mut self, ui: &mut Ui, at: FieldPath, value: &mut Decimal) -> Response {
        self.row(ui, at, |ui, n| n.apply(money_widget(ui, at, value, suffix(at))))
    }

    pub fn month(&mut self, ui: &mut Ui, at: FieldPath, value: &mut Month) -> Response {
        self.row(ui, at, |ui, n| month_widget(ui, at, &n.name, value))
    }

    /// An optional month: a checkbox for `None` (with its meaning) and a month control.
    pub fn opt_month(&mut self, ui: &mut Ui, at: FieldPath, value: &mut Option<Month>, none_means: &str, default: Month) -> Response {
        let tip = at.tip();
        self.row(ui, at, |ui, n| {
            let mut none = value.is_none();
            let r = ui.checkbox(&mut none, none_means).on_hover_text(tip).accessible_name(format!("{} {none_means}", n.name));
            if r.changed() {
                *value = if none { None } else { Some(default) };
            }
            match value {
                Some(m) => month_widget(ui, at, &n.name, m) | r,
                None => r,
            }
        })
    }

    /// An optional float (e.g. a covenant): a checkbox and the value.
    pub fn opt_number(&mut self, ui: &mut Ui, at: FieldPath, value: &mut Option<f64>, default: f64) -> Response {
        let tip = at.tip();
        self.row(ui, at, |ui, n| {
            let mut on = value.is_some();
            let r = ui.checkbox(&mut on, "").on_hover_text(tip).accessible_name(format!("{} set", n.name));
            if r.changed() {
                *value = on.then_some(default);
            }
            match value {
                Some(v) => number_widget(ui, v, suffix(at), 0.05).accessible_name(n.name.clone()) | r,
                None => r,
            }
        })
    }

    /// A `Series`: growth (start + annual growth) or dated points.
    pub fn path(&mut self, ui: &mut Ui, at: FieldPath, value: &mut Series) {
        let start = self.start;
        let label = at.label();
        let unit = suffix(at);
        let name = self.name(label);
        self.row(ui, at, |ui, _| {
            let mut kind = matches!(value, Series::Points(_));
            let r = ComboBox::from_id_salt((at, "kind"))
                .selected_text(if kind { "Points" } else { "Growth" })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut kind, false, "Growth").on_hover_text("Start value compounding at an annual rate");
                    ui.selectable_value(&mut kind, true, "Points").on_hover_text("Dated values, linearly interpolated");
                })
                .response
                .accessible_name(format!("{name} kind"));
            if kind != matches!(value, Series::Points(_)) {
                *value = convert_path(value, kind, start);
            }
            r
        });
        match value {
            Series::Growth { start: s, annual_growth } => {
                let scope = std::mem::take(&mut self.scope);
                self.scope = if scope.is_empty() { label.to_owned() } else { format!("{label}, {scope}") };
                let speed = (s.abs() * 0.005).max(0.001);
                self.row_labelled(ui, at.with_part(Part::Start), "    Start", "Value in the first projected month", |ui, n| {
                    n.apply(number_widget(ui, s, unit, speed))
                });
                self.row_labelled(
                    ui,
                    at.with_part(Part::Growth),
                    "    Annual growth",
                    "Compound growth per year (above –100 %)",
                    |ui, n| n.apply(percent_widget(ui, annual_growth)),
                );
                self.scope = scope;
            }
            Series::Points(points) => {
                let mut action = None;
                let len = points.len();
                for (i, (m, v)) in points.iter_mut().enumerate() {
                    let here = at.with_part(Part::Point(i));
                    ui.label(format!("    point {}", i + 1));
                    ui.add_enabled_ui(!self.read_only, |ui| {
                        // Wrapped: in a narrow panel the ⬆ ⬇ ⎘ ✖ go under the point, not past the edge.
                        ui.horizontal_wrapped(|ui| {
                            let pname = format!("{name} point {}", i + 1);
                            month_widget(ui, here, &pname, m);
                            let r = number_widget(ui, v, unit, (v.abs() * 0.005).max(0.001)).accessible_name(format!("{pname} value"));
                            name_unparsed(ui.ctx(), r.id, here, &format!("{pname} value"));
                            if self.focus == Some(here) {
                                r.request_focus();
                                r.scroll_to_me(Some(egui::Align::Center));
                            }
                            // The four buttons go under the point together when they do not all fit beside it.
                            // (A grid cell offers more width than the panel shows: measure to the clip edge.)
                            if ui.clip_rect().right().min(ui.max_rect().right()) - ui.cursor().left() < TOOLBAR_WIDTH {
                                ui.end_row();
                            }
                            if let Some(a) = list_toolbar(ui, i, len, &pname) {
                                action = Some(a);
                            }
                        });
                    });
                    ui.end_row();
                    self.messages(ui, here);
                }
                ui.label("");
                ui.add_enabled_ui(!self.read_only, |ui| {
                    if ui
                        .small_button("+ point")
                        .on_hover_text("Add a point one year after the last")
                        .accessible_name(format!("Add {name} point"))
                        .clicked()
                    {
                        let (m, v) = points.last().copied().unwrap_or((start, 1.0));
                        points.push((if points.is_empty() { m } else { m.offset(12) }, v));
                    }
                });
                ui.end_row();
                // A path keeps at least one point (validation would refuse none).
                if let Some(a) = action
                    && !(matches!(a, ListAction::Remove(_)) && points.len() == 1)
                {
                    a.apply(points);
                }
            }
        }
    }
}

/// Converts a path to the other kind, keeping its values over the first years.
fn convert_path(p: &Series, to_points: bool, start: Month) -> Series {
    if to_points {
        Series::Points(vec![(start, p.value_at(start, 0)), (start.offset(24), p.value_at(start, 24))])
    } else {
        Series::Growth { start: p.value_at(start, 0), annual_growth: 0.0 }
    }
}

/// A value that is not a finite number (NaN or infinite, from a file) is shown
/// as text and left alone until the user types a number: a drag widget would
/// silently turn it into another value.
fn non_finite(ui: &mut Ui, value: &mut f64, scale: f64) -> Response {
    let id = ui.next_auto_id().with("non_finite");
    let mut text: String = ui.data(|d| d.get_temp(id)).unwrap_or_else(|| value.to_string());
    let r = ui.add(TextEdit::singleline(&mut text).desired_width(70.0).text_color(ERROR_COLOR));
    if r.changed()
        && let Ok(v) = text.trim().replace([',', '%'], "").parse::<f64>()
        && v.is_finite()
    {
        *value = v / scale;
    }
    ui.data_mut(|d| d.insert_temp(id, text));
    r
}

pub fn number_widget(ui: &mut Ui, value: &mut f64, unit: &str, speed: f64) -> Response {
    if !value.is_finite() {
        return non_finite(ui, value, 1.0);
    }
    // Numbers from 1,000 up (share counts, BTC, heights) read with separators; typing accepts them too.
    let parse = |t: &str| t.replace([',', ' ', '$'], "").parse().ok();
    guarded(ui, value, &parse, |drag| {
        let drag = drag.speed(speed).max_decimals(6).custom_formatter(|v, decimals| {
            if v.abs() >= 1_000.0 { units::thousands(v, if v.fract() == 0.0 { 0 } else { 2 }) } else { emath_format(v, decimals) }
        });
        // Dollars read as finance writes them: "$9.00", not "9.00 $".
        if unit.trim() == "$" { drag.prefix("$") } else { drag.suffix(unit) }
    })
}

/// A whole number (months, units) with its unit; typed separators are accepted.
pub fn integer_widget<T: egui::emath::Numeric>(ui: &mut Ui, value: &mut T, unit: &str, speed: f64) -> Response {
    let grouped = |v: f64, _| if v.abs() >= 1_000.0 { units::thousands(v, 0) } else { format!("{v}") };
    let parse = |t: &str| t.replace([',', ' '], "").parse().ok();
    guarded(ui, value, &parse, |drag| drag.speed(speed).suffix(unit).custom_formatter(grouped))
}

/// What a number field holds while the user types into it: the value from
/// before the edit, and the typed text once the edit ended on something
/// that is not a number (the field then shows that text until it is fixed).
#[derive(Clone, Debug)]
struct Entry<V> {
    before: V,
    /// The last text typed that did not parse (while the edit goes on).
    failed: Option<String>,
    /// The edit ended on `failed`: the field shows it, in its error state.
    kept: bool,
}

/// A typed number that does not parse, kept in its field (see [`unparsed`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Unparsed {
    /// The field, when the row that drew it knows it.
    pub at: Option<FieldPath>,
    /// The field's name as its row shows it (`Unit price (lot 2)`).
    pub name: String,
    pub text: String,
}

impl Unparsed {
    /// `Unit price (lot 2): "3,36O" is not a number`.
    pub fn sentence(&self) -> String {
        let name = if self.name.is_empty() { "A number field" } else { &self.name };
        format!("{name}: {} is not a number; the plan keeps the value from before that entry", crate::ron_text::quote_cut(&self.text))
    }
}

fn registry_id() -> egui::Id {
    egui::Id::unique("floe_unparsed_entries")
}

fn set_unparsed(ctx: &egui::Context, id: egui::Id, text: Option<String>) {
    ctx.data_mut(|d| {
        let list = d.get_temp_mut_or_default::<Vec<(egui::Id, Unparsed)>>(registry_id());
        match (list.iter_mut().find(|(i, _)| *i == id), text) {
            (Some((_, u)), Some(text)) => u.text = text,
            (None, Some(text)) => list.push((id, Unparsed { at: None, name: String::new(), text })),
            (Some(_), None) => list.retain(|(i, _)| *i != id),
            (None, None) => {}
        }
    });
}

/// Names the unparsed entry of the widget `id` (if it holds one) after its row.
pub fn name_unparsed(ctx: &egui::Context, id: egui::Id, at: FieldPath, name: &str) {
    ctx.data_mut(|d| {
        let list = d.get_temp_mut_or_default::<Vec<(egui::Id, Unparsed)>>(registry_id());
        if let Some((_, u)) = list.iter_mut().find(|(i, _)| *i == id) {
            u.at = Some(at);
            name.clone_into(&mut u.name);
        }
    });
}

/// Every number field holding text that does not parse, in the order typed.
pub fn unparsed(ctx: &egui::Context) -> Vec<Unparsed> {
    ctx.data(|d| d.get_temp::<Vec<(egui::Id, Unparsed)>>(registry_id())).unwrap_or_default().into_iter().map(|(_, u)| u).collect()
}

/// Drops every kept entry (another plan replaced the one they were typed into).
pub fn forget_unparsed(ctx: &egui::Context) {
    ctx.data_mut(|d| {
        let list = d.get_temp::<Vec<(egui::Id, Unparsed)>>(registry_id()).unwrap_or_default();
        for (id, _) in list {
            d.remove::<Entry<f64>>(id.with("floe_entry"));
            d.remove::<(Entry<Decimal>, String)>(id.with("floe_entry"));
        }
        d.remove::<Vec<(egui::Id, Unparsed)>>(registry_id());
    });
}

/// A `DragValue` (built by `build`) that never commits a partial value:
/// when an edit ends on text that `parse` refuses, the value goes back to
/// what it was before the edit and the field keeps showing the text, in
/// the error colour, until the user fixes it. Escape cancels the edit.
fn guarded<T: egui::emath::Numeric>(
    ui: &mut Ui,
    value: &mut T,
    parse: &dyn Fn(&str) -> Option<f64>,
    build: impl FnOnce(DragValue<'_>) -> DragValue<'_>,
) -> Response {
    let id = ui.next_auto_id();
    let key = id.with("floe_entry");
    let mut entry: Option<Entry<f64>> = ui.data(|d| d.get_temp(key));
    // Something else (undo, another plan) changed the value: the kept text is stale.
    if entry.as_ref().is_some_and(|e| e.kept && value.to_f64() != e.before) {
        entry = None;
        set_unparsed(ui.ctx(), id, None);
    }
    if let Some(e) = entry.as_mut().filter(|e| e.kept) {
        return kept_entry(ui, id, key, e, value, parse);
    }
    let old = value.to_f64();
    let seen = std::cell::RefCell::new(None::<(String, bool)>);
    let spy = |t: &str| {
        let v = parse(t);
        *seen.borrow_mut() = Some((t.to_owned(), v.is_some()));
        v
    };
    let r = ui.add(build(DragValue::new(value)).custom_parser(spy));
    if r.has_focus() {
        let mut e = entry.unwrap_or(Entry { before: old, failed: None, kept: false });
        if let Some((text, ok)) = seen.into_inner() {
            e.failed = (!ok).then_some(text);
        }
        if e.failed.is_some() {
            ui.label(RichText::new("not a number").color(ERROR_COLOR).small());
        }
        set_unparsed(ui.ctx(), id, e.failed.clone());
        ui.data_mut(|d| d.insert_temp(key, e));
    } else if let Some(mut e) = entry {
        // The edit ended (Tab, a click elsewhere, a dialog).
        let escaped = ui.input(|i| i.key_pressed(egui::Key::Escape));
        if escaped || e.failed.is_some() {
            *value = T::from_f64(e.before);
        }
        match e.failed.take().filter(|_| !escaped) {
            Some(text) => {
                set_unparsed(ui.ctx(), id, Some(text.clone()));
                ui.data_mut(|d| d.insert_temp(key, Entry { before: e.before, failed: Some(text), kept: true }));
            }
            None => {
                set_unparsed(ui.ctx(), id, None);
                ui.data_mut(|d| d.remove::<Entry<f64>>(key));
            }
        }
    }
    r
}

/// A field whose edit ended on text that is not a number: the text, in the
/// error colour, editable; a parsing text commits, and once the field is
/// left on one it becomes a number field again.
fn kept_entry<T: egui::emath::Numeric>(
    ui: &mut Ui,
    id: egui::Id,
    key: egui::Id,
    e: &mut Entry<f64>,
    value: &mut T,
    parse: &dyn Fn(&str) -> Option<f64>,
) -> Response {
    let mut text = e.failed.clone().unwrap_or_default();
    let bad = parse(&text).is_none();
    let edit = TextEdit::singleline(&mut text).id(id).desired_width(70.0).text_color_opt(bad.then_some(ERROR_COLOR));
    let mut r = ui.add(edit);
    let parsed = parse(&text);
    match parsed {
        Some(v) if r.changed() => *value = T::from_f64(v),
        None if r.changed() => *value = T::from_f64(e.before),
        _ => {}
    }
    if parsed.is_none() {
        ui.label(RichText::new("not a number").color(ERROR_COLOR).small());
    }
    set_unparsed(ui.ctx(), id, parsed.is_none().then(|| text.clone()));
    if parsed.is_some() && !r.has_focus() {
        ui.data_mut(|d| d.remove::<Entry<f64>>(key));
    } else {
        e.failed = Some(text);
        ui.data_mut(|d| d.insert_temp(key, e.clone()));
    }
    if r.changed() {
        r.mark_changed();
    }
    r
}

/// egui's own number format for small values (the `DragValue` default).
fn emath_format(v: f64, decimals: std::ops::RangeInclusive<usize>) -> String {
    egui::emath::format_with_decimals_in_range(v, decimals)
}

pub fn percent_widget(ui: &mut Ui, value: &mut f64) -> Response {
    if !value.is_finite() {
        return non_finite(ui, value, 100.0);
    }
    let shown = *value * 100.0;
    let mut pct = shown;
    let parse = |t: &str| t.trim().trim_end_matches('%').replace([',', ' '], "").replace('−', "-").parse().ok();
    let r = guarded(ui, &mut pct, &parse, |drag| drag.speed(0.05).max_decimals(4).suffix(" %"));
    if pct != shown {
        *value = pct / 100.0;
    }
    r
}

/// Text of a money amount while not being edited: `1,234,567.5`.
pub fn money_text(v: &Decimal) -> String {
    // Whole amounts without decimals; otherwise at least the cents
    // ("25.70", not "25.7"), and every digit the value holds beyond them.
    let v = v.normalize();
    let mut text = v.to_string();
    if v.scale() == 1 {
        text.push('0');
    }
    units::group_digits(&text)
}

/// Parses typed money: separators, `$` and spaces are ignored; `k`, `M`, `B` suffixes scale.
pub fn parse_money(text: &str) -> Option<Decimal> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, ',' | '$' | ' ' | '_')).collect();
    let (num, scale) = match cleaned.chars().last() {
        Some('k' | 'K') => (&cleaned[..cleaned.len() - 1], Decimal::from(1_000)),
        Some('m' | 'M') => (&cleaned[..cleaned.len() - 1], Decimal::from(1_000_000)),
        Some('b' | 'B') => (&cleaned[..cleaned.len() - 1], Decimal::from(1_000_000_000)),
        _ => (cleaned.as_str(), Decimal::ONE),
    };
    Decimal::from_str(num).ok()?.checked_mul(scale)
}

/// Money as a text field: while focused it edits a buffer; the value changes
/// whenever the buffer parses; otherwise it shows the value with separators.
pub fn money_widget(ui: &mut Ui, at: FieldPath, value: &mut Decimal, unit: &str) -> Response {
    money_widget_sized(ui, at, value, unit, 130.0)
}

/// [`money_widget`] with a given width. While focused it edits a buffer
/// and the value follows whenever the buffer parses; an edit that ends on
/// text that does not parse puts back the value from before the edit and
/// keeps the text, in the error colour, until it is fixed (as
/// [`number_widget`] does); Escape cancels the edit.
pub fn money_widget_sized(ui: &mut Ui, at: FieldPath, value: &mut Decimal, unit: &str, width: f32) -> Response {
    let id = ui.make_persistent_id(("money", at));
    let key = id.with("floe_entry");
    let mut entry: Option<(Entry<Decimal>, String)> = ui.data(|d| d.get_temp(key));
    // Something else (undo, another plan) changed the value: the kept text is stale.
    if entry.as_ref().is_some_and(|(e, _)| e.kept && *value != e.before) {
        entry = None;
    }
    let mut text = entry.as_ref().map_or_else(|| money_text(value), |(_, t)| t.clone());
    // A plain amount reads "$ 120,000,000"; rates keep their unit after ("$/MWh").
    let dollars = unit == "$";
    if dollars {
        ui.label(RichText::new("$").weak());
    }
    let shown_bad = entry.is_some() && parse_money(&text).is_none();
    // Never narrower than the amount it shows ("12,156.10" was cut to "12,156.1C").
    let font = egui::TextStyle::Body.resolve(ui.style());
    let needed = ui.ctx().fonts_mut(|f| f.layout_no_wrap(text.clone(), font, egui::Color32::WHITE).size().x) + 20.0;
    let width = width.max(needed);
    let edit = TextEdit::singleline(&mut text)
        .desired_width(width)
        .min_size(egui::vec2(width, 0.0))
        .id(id)
        .text_color_opt(shown_bad.then_some(ERROR_COLOR));
    let r = ui.add(edit);
    let parsed = parse_money(&text);
    let before = entry.as_ref().map_or(*value, |(e, _)| e.before);
    let editing = r.has_focus();
    let escaped = !editing && entry.is_some() && ui.input(|i| i.key_pressed(egui::Key::Escape));
    // An edit under way, or one that ended on text that is no number (a
    // change without focus comes from assistive technology or a paste).
    let alive = !escaped && (editing || (parsed.is_none() && (entry.is_some() || r.changed())));
    if escaped {
        *value = before;
    } else {
        // The plan holds the typed amount or, while it does not parse, the
        // amount from before the edit (never a partial one).
        match parsed {
            Some(v) if r.changed() && v != *value => *value = v,
            None if alive => *value = before,
            _ => {}
        }
    }
    if alive {
        ui.data_mut(|d| d.insert_temp(key, (Entry { before, failed: None, kept: !editing }, text.clone())));
    } else {
        ui.data_mut(|d| d.remove::<(Entry<Decimal>, String)>(key));
    }
    set_unparsed(ui.ctx(), r.id, (alive && parsed.is_none()).then(|| text.clone()));
    if !unit.is_empty() && !dollars {
        ui.label(RichText::new(unit).weak());
    }
    if alive && parsed.is_none() {
        ui.label(RichText::new("not a number").color(ERROR_COLOR).small());
    }
    r
}

/// Year and month controls (never free text).
pub fn month_widget(ui: &mut Ui, at: FieldPath, name: &str, value: &mut Month) -> Response {
    let mut year = value.year();
    let mut month = value.month();
    let parse = |t: &str| t.trim().parse::<i32>().ok().map(f64::from);
    let ry = guarded(ui, &mut year, &parse, |d| d.range(1990..=2100).speed(0.1)).accessible_name(format!("{name} year"));
    let rm = ComboBox::from_id_salt((at, "month_of_year"))
        .width(52.0)
        .selected_text(MONTH_NAMES[(month - 1) as usize])
        .show_ui(ui, |ui| {
            for (i, n) in MONTH_NAMES.iter().enumerate() {
                ui.selectable_value(&mut month, i as u32 + 1, *n);
            }
        })
        .response
        .accessible_name(format!("{name} month"));
    if let Some(m) = Month::new(year, month)
        && m != *value
    {
        *value = m;
    }
    ry | rm
}

/// A read-only derived value in a table or row (e.g. J/TH).
pub fn derived(ui: &mut Ui, text: String, tip: &str) -> Response {
    ui.label(RichText::new(text).weak()).on_hover_text(tip)
}

/// Moves, duplicates or removes list items; returned by list toolbars.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ListAction {
    Up(usize),
    Down(usize),
    Duplicate(usize),
    Remove(usize),
}

impl ListAction {
    pub fn apply<T: Clone>(self, list: &mut Vec<T>) {
        match self {
            ListAction::Up(i) if i > 0 && i < list.len() => list.swap(i - 1, i),
            ListAction::Down(i) if i + 1 < list.len() => list.swap(i, i + 1),
            ListAction::Duplicate(i) if i < list.len() => {
                let copy = list[i].clone();
                list.insert(i + 1, copy);
            }
            ListAction::Remove(i) if i < list.len() => {
                list.remove(i);
            }
            _ => {}
        }
    }
}

/// The four actions on list item `i` of `len`: (icon, name, enabled, action),
/// shared by [`list_toolbar`] and [`list_menu`].
fn list_actions(i: usize, len: usize) -> [(&'static str, &'static str, bool, ListAction); 4] {
    [
        ("⬆", "Move up", i > 0, ListAction::Up(i)),
        ("⬇", "Move down", i + 1 < len, ListAction::Down(i)),
        ("⎘", "Duplicate", true, ListAction::Duplicate(i)),
        ("✖", "Remove", true, ListAction::Remove(i)),
    ]
}

/// About the width of [`list_toolbar`]'s four small buttons, in points.
const TOOLBAR_WIDTH: f32 = 110.0;

/// The ⬆ ⬇ ⎘ ✖ buttons of list item `i` (named `… {what}` for tests and
/// screen readers), in that order on screen whatever the layout direction.
pub fn list_toolbar(ui: &mut Ui, i: usize, len: usize, what: &str) -> Option<ListAction> {
    let mut order: Vec<_> = list_actions(i, len).into_iter().collect();
    if ui.layout().main_dir() == egui::Direction::RightToLeft {
        order.reverse();
    }
    let mut action = None;
    for (icon, tip, enabled, a) in order {
        if ui.add_enabled(enabled, egui::Button::new(icon).small()).on_hover_text(tip).accessible_name(format!("{tip} {what}")).clicked() {
            action = Some(a);
        }
    }
    action
}

/// The same four actions as [`list_toolbar`] behind one small "…" button
/// (named `Actions {what}`), for a table row with no room for four buttons;
/// each entry has the toolbar button's name (`Move up {what}`, …).
pub fn list_menu(ui: &mut Ui, i: usize, len: usize, what: &str) -> Option<ListAction> {
    let mut action = None;
    let r = ui.menu_button("…", |ui| {
        for (icon, name, enabled, a) in list_actions(i, len) {
            if ui.add_enabled(enabled, egui::Button::new(format!("{icon} {name}"))).accessible_name(format!("{name} {what}")).clicked() {
                action = Some(a);
                ui.close();
            }
        }
    });
    r.response.on_hover_text("Move, duplicate or remove").accessible_name(format!("Actions {what}"));
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_text_round_trips() {
        for s in ["0", "5400.00", "-1234567.891", "300000000", "0.5"] {
            let d = Decimal::from_str(s).unwrap();
            assert_eq!(parse_money(&money_text(&d)), Some(d));
        }
        assert_eq!(money_text(&Decimal::from_str("1234567.50").unwrap()), "1,234,567.50");
        assert_eq!(money_text(&Decimal::from_str("25.7").unwrap()), "25.70");
        assert_eq!(money_text(&Decimal::from_str("120000000.00").unwrap()), "120,000,000");
        assert_eq!(money_text(&Decimal::from_str("0.125").unwrap()), "0.125");
        assert_eq!(parse_money("$1.5M"), Decimal::from_str("1500000").ok());
        assert_eq!(parse_money("12 k"), Decimal::from_str("12000").ok());
        assert_eq!(parse_money("abc"), None);
    }

    #[test]
    fn list_actions() {
        let mut v = vec![1, 2, 3];
        ListAction::Up(2).apply(&mut v);
        assert_eq!(v, [1, 3, 2]);
        ListAction::Duplicate(0).apply(&mut v);
        assert_eq!(v, [1, 1, 3, 2]);
        ListAction::Remove(3).apply(&mut v);
        ListAction::Down(0).apply(&mut v);
        ListAction::Down(2).apply(&mut v);
        assert_eq!(v, [1, 1, 3]);
    }
}
