//! The scenario editor (left panel): one section per part of the format,
//! each a module with a `ui` function that edits its slice of the scenario.
//! It never computes economics; derived figures (J/TH, $/TH) are unit
//! conversions of the inputs.

mod financing;
mod fleet;
mod hosting;
mod market;
mod opex;
mod plan;
mod power;

use super::document::Live;
use super::widgets::Form;
use crate::engine::Warning;
use crate::model::field::{Item, List};
use crate::model::{FieldPath, Problem, Scenario};
use egui::Ui;
use serde::{Deserialize, Serialize};

/// The editor's sections are the blocks of the format, in file order.
pub use crate::model::field::Block as Section;

/// Editor UI state (which section is open).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EditorState {
    pub section: Section,
}

/// Draws the editor for `s`, with the problems and constraint warnings of
/// `live`. `focus` is a field to jump to this frame.
pub fn ui(ui: &mut Ui, state: &mut EditorState, s: &mut Scenario, live: &Live, read_only: bool, focus: Option<FieldPath>) {
    let problems: &[Problem] = &live.problems;
    // Warnings belong to the projection shown; an edit that does not validate has none yet.
    let warnings: &[Warning] = live.projection.as_ref().filter(|_| !live.stale).map_or(&[], |p| &p.warnings);
    if let Some(at) = focus {
        state.section = at.block();
    }
    ui.horizontal_wrapped(|ui| {
        for sec in Section::ALL {
            let count = problems.iter().filter(|p| p.at.block() == sec).count();
            let text = if count > 0 { format!("{} ⚠{count}", sec.title()) } else { sec.title().to_owned() };
            ui.selectable_value(&mut state.section, sec, text);
        }
    });
    ui.separator();
    let mut form = Form { problems, read_only, focus, scope: String::new(), start: s.start_month };
    // Both ways: a section wider than the panel (Market's rows) scrolls
    // sideways instead of widening the panel, so the panel keeps one width
    // across its sections and the chart tabs beside it do not re-wrap.
    egui::ScrollArea::both().id_salt("editor_scroll").auto_shrink([false, false]).show(ui, |ui| {
        section_warnings(ui, warnings.iter().filter(|w| w.at.block() == state.section));
        section(ui, state.section, &mut form, s);
    });
}

/// The constraint warnings of a section, one line each, above its fields.
fn section_warnings<'w>(ui: &mut Ui, warnings: impl Iterator<Item = &'w Warning>) {
    let color = crate::app::theme::warning(ui.visuals());
    for w in warnings {
        ui.label(egui::RichText::new(format!("⚠ {}", w.text)).color(color))
            .on_hover_text("A warning, not an error: the plan is valid, but this constraint changes the result");
    }
}

fn section(ui: &mut Ui, sec: Section, form: &mut Form, s: &mut Scenario) {
    match sec {
        Section::Plan => plan::ui(ui, form, s),
        Section::Market => market::ui(ui, form, s),
        Section::Fleet => fleet::ui(ui, form, s),
        Section::Power => power::ui(ui, form, s),
        Section::Hosting => hosting::ui(ui, form, s),
        Section::Opex => opex::ui(ui, form, s),
        Section::Financing => financing::ui(ui, form, s),
    }
}

/// A two-column form grid.
pub(crate) fn grid(ui: &mut Ui, id: impl egui::AsIdSalt, add: impl FnOnce(&mut Ui)) {
    egui::Grid::new(id).num_columns(2).spacing([12.0, 6.0]).striped(false).show(ui, |ui| add(ui));
}

/// A list of scenario items (contracts, leases, instruments, raises), each a
/// collapsible block named `{kind} {n}` whose header carries the move,
/// duplicate and remove buttons. An item with a problem or the focus target
/// opens by itself; problems of the list as a whole come first.
pub(crate) fn list<T: Clone>(
    ui: &mut Ui,
    f: &mut Form,
    items: &mut Vec<T>,
    kind: &str,
    which: List,
    title: impl Fn(usize, &T) -> String,
    mut body: impl FnMut(&mut Ui, &mut Form, usize, &mut T),
) {
    f.list_messages(ui, which);
    let len = items.len();
    let mut action = None;
    for (i, it) in items.iter_mut().enumerate() {
        let what = format!("{kind} {}", i + 1);
        let open = f.item_open(Item { list: which, index: i });
        let read_only = f.read_only;
        let a = item(
            ui,
            (kind, i),
            open,
            &what,
            title(i, it),
            |ui| ui.add_enabled_ui(!read_only, |ui| super::widgets::list_toolbar(ui, i, len, &what)).inner,
            |ui| {
                f.scope = what.clone();
                body(ui, f, i, it);
                f.scope.clear();
            },
        );
        if let Some(Some(a)) = a {
            action = Some(a);
        }
    }
    if let Some(a) = action {
        a.apply(items);
    }
}

/// A list item as a collapsible block whose header carries the toolbar.
fn item<R>(
    ui: &mut Ui,
    id: impl egui::AsIdSalt,
    force_open: bool,
    what: &str,
    title: String,
    toolbar: impl FnOnce(&mut Ui) -> R,
    body: impl FnOnce(&mut Ui),
) -> Option<R> {
    let id = ui.make_persistent_id(id);
    let mut state = egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, false);
    if force_open {
        state.set_open(true);
    }
    let mut out = None;
    // The title gets what the toolbar (measured last frame) leaves and is cut
    // with "…" (full text on hover) rather than run under the buttons.
    let toolbar_w = id.with("toolbar_width");
    let (toggle, _, _) = state
        .show_header(ui, |ui| {
            let reserved = ui.data(|d| d.get_temp::<f32>(toolbar_w)).unwrap_or(140.0) + ui.spacing().item_spacing.x;
            let room = (ui.available_width() - reserved).max(40.0);
            ui.scope(|ui| {
                ui.set_max_width(room);
                ui.add(egui::Label::new(egui::RichText::new(title).strong()).truncate());
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                out = Some(toolbar(ui));
                let used = ui.min_rect().width();
                ui.data_mut(|d| d.insert_temp(toolbar_w, used));
            });
        })
        .body(|ui| body(ui));
    let _ = toggle.on_hover_text("Show or hide the details").accessible_name(format!("Show {what}"));
    out
}
