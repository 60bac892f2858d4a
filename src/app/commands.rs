//! What the user can ask for, and what the app does next.
//!
//! [`Action`] is the one table of user actions: the label, the keyboard
//! shortcuts and the menu place of each come from here, so the key handler,
//! the menus and Help › Keyboard shortcuts cannot disagree. [`Command`] is
//! what the UI queues for the dispatcher after the frame: a user action, or
//! an internal follow-up that carries data (a chosen path, a field to focus,
//! the answer of the unsaved-changes guard). This module imports no other
//! part of the app.

use crate::listed::listed_enum;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

listed_enum! {
    /// Everything a user can ask for from the menus or the keyboard, in
    /// menu order; `Action::ALL` lists them all, generated with the enum.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Action {
        New,
        Open,
        /// Open read-only for review (executives).
        OpenForReview,
        /// Open another plan beside this one, to compare.
        AddPlan,
        Save,
        SaveAs,
        ExportCsv,
        ExportJson,
        /// The current chart as a PNG (1× or 2×) / the plan report as PDF or PNG.
        ExportChart,
        ExportChart2x,
        ExportReport,
        /// The plan as an Excel workbook (with the plans open beside it, a Compare sheet).
        ExportWorkbook,
        /// The current chart as an image / the monthly or KPI table as TSV, to the clipboard.
        CopyChart,
        CopyTable,
        /// Presentation mode: one chart per slide, full screen.
        Present,
        /// Switch review (read-only) mode on or off.
        ToggleReview,
        Quit,
        Undo,
        Redo,
        Shortcuts,
        ModelNotes,
        About,
    }
}

/// The menus that hold actions (View holds preferences, not actions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Help,
}

impl Menu {
    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::View => "View",
            Menu::Help => "Help",
        }
    }
}

const CMD: Modifiers = Modifiers { command: true, ..Modifiers::NONE };
const CMD_SHIFT: Modifiers = Modifiers { command: true, shift: true, ..Modifiers::NONE };

impl Action {
    /// The words of its menu entry and of its line in Help › Keyboard shortcuts.
    pub fn label(self) -> &'static str {
        match self {
            Action::New => "New",
            Action::Open => "Open…",
            Action::OpenForReview => "Open for review…",
            Action::AddPlan => "Compare with another plan…",
            Action::Save => "Save",
            Action::SaveAs => "Save as…",
            Action::ExportCsv => "Export monthly table as CSV…",
            Action::ExportJson => "Export projection as JSON…",
            Action::ExportChart => "Export chart as PNG…",
            Action::ExportChart2x => "Export chart as PNG (2×)…",
            Action::ExportReport => "Export report…",
            Action::ExportWorkbook => "Export workbook…",
            Action::CopyChart => "Copy chart",
            Action::CopyTable => "Copy table",
            Action::Present => "Present",
            Action::ToggleReview => "Review mode (read-only)",
            Action::Quit => "Quit",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::Shortcuts => "Keyboard shortcuts",
            Action::ModelNotes => "Model notes",
            Action::About => "About floe",
        }
    }

    /// Hover text of the menu entry, where the label needs one.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Action::OpenForReview => Some("Open read-only: every field locked, Save cannot overwrite the file"),
            Action::ToggleReview => Some("Lock every field; Save cannot overwrite the file"),
            Action::AddPlan => Some("Open a plan beside this one: its curves join the charts and the comparison shows what differs"),
            Action::ExportReport => Some("The plan report for executives, as PDF (or PNG)"),
            Action::ExportWorkbook => {
                Some("The plan as an Excel workbook: KPIs, assumptions, monthly figures, statements by year with formulas, charts")
            }
            Action::CopyChart => Some("The chart on screen as an image, to paste into a slide or an email"),
            Action::CopyTable => Some("The monthly table (or the KPI table on a chart tab) as tab-separated cells for a spreadsheet"),
            Action::Present => Some("One chart per slide with large fonts; arrows move, Esc leaves"),
            _ => None,
        }
    }

    /// Its menu, and its group there (menus put a separator between groups).
    pub fn menu(self) -> (Menu, u8) {
        match self {
            Action::New | Action::Open | Action::OpenForReview | Action::AddPlan => (Menu::File, 0),
            Action::Save | Action::SaveAs => (Menu::File, 1),
            Action::ExportCsv
            | Action::ExportJson
            | Action::ExportChart
            | Action::ExportChart2x
            | Action::ExportReport
            | Action::ExportWorkbook => (Menu::File, 2),
            Action::CopyChart | Action::CopyTable => (Menu::Edit, 1),
            Action::Present => (Menu::View, 0),
            Action::ToggleReview => (Menu::File, 3),
            Action::Quit => (Menu::File, 4),
            Action::Undo | Action::Redo => (Menu::Edit, 0),
            Action::Shortcuts | Action::ModelNotes | Action::About => (Menu::Help, 0),
        }
    }

    /// The shortcut shown in its menu entry.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let k = KeyboardShortcut::new;
        match self {
            Action::New => Some(k(CMD, Key::N)),
            Action::Open => Some(k(CMD, Key::O)),
            Action::Save => Some(k(CMD, Key::S)),
            Action::SaveAs => Some(k(CMD_SHIFT, Key::S)),
            Action::Quit => Some(k(CMD, Key::Q)),
            Action::Undo => Some(k(CMD, Key::Z)),
            Action::Redo => Some(k(CMD_SHIFT, Key::Z)),
            Action::Present => Some(k(Modifiers::NONE, Key::F11)),
            Action::OpenForReview
            | Action::AddPlan
            | Action::ExportCsv
            | Action::ExportJson
            | Action::ExportChart
            | Action::ExportChart2x
            | Action::ExportReport
            | Action::ExportWorkbook
            | Action::CopyChart
            | Action::CopyTable
            | Action::ToggleReview
            | Action::Shortcuts
            | Action::ModelNotes
            | Action::About => None,
        }
    }

    /// Further shortcuts that do the same (not shown in the menu).
    pub fn alternates(self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CMD, Key::Y)];
        match self {
            Action::Redo => &REDO,
            _ => &[],
        }
    }

    /// The shortcut and its alternates.
    pub fn shortcuts(self) -> impl Iterator<Item = KeyboardShortcut> {
        self.shortcut().into_iter().chain(self.alternates().iter().copied())
    }

    /// The menu hint, as the platform writes it (`Ctrl+S`, `⌘S`).
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcut().map(|s| ctx.format_shortcut(&s))
    }

    /// Every shortcut of the action (`Ctrl+Shift+Z / Ctrl+Y`), for Help.
    pub fn all_shortcuts_text(self, ctx: &egui::Context) -> Option<String> {
        let texts: Vec<String> = self.shortcuts().map(|s| ctx.format_shortcut(&s)).collect();
        (!texts.is_empty()).then(|| texts.join(" / "))
    }
}

/// Keys that are not actions, listed under the actions in Help › Keyboard shortcuts.
pub const OTHER_KEYS: [(&str, &str); 2] = [("Tab / Shift+Tab", "Next / previous field"), ("Drop a .ron file", "Open it")];

/// Consumes this frame's shortcut keys and returns their actions. Shortcuts
/// with more modifiers are tried first, so Ctrl+Shift+S is Save as, not Save.
pub fn from_shortcuts(ctx: &egui::Context) -> Vec<Action> {
    let mut table: Vec<(KeyboardShortcut, Action)> = Action::ALL.iter().flat_map(|&a| a.shortcuts().map(move |s| (s, a))).collect();
    let weight = |m: Modifiers| u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl) + u8::from(m.command) + u8::from(m.mac_cmd);
    table.sort_by_key(|(s, _)| std::cmp::Reverse(weight(s.modifiers)));
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (shortcut, action) in &table {
            if i.consume_shortcut(shortcut) {
                out.push(*action);
            }
        }
    });
    out
}

/// What a chosen path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    OpenForReview,
    /// A plan to open beside the edited one.
    AddPlan,
    SaveAs,
    ExportCsv,
    ExportJson,
    /// A chart image at this many pixels per point.
    ExportChart(u8),
    ExportReport,
    ExportWorkbook,
}

impl PathPurpose {
    pub fn title(self) -> &'static str {
        match self {
            PathPurpose::Open => "Open a scenario",
            PathPurpose::OpenForReview => "Open a scenario for review (read-only)",
            PathPurpose::AddPlan => "Open a plan to compare with this one",
            PathPurpose::SaveAs => "Save the scenario as",
            PathPurpose::ExportCsv => "Export the monthly table as CSV",
            PathPurpose::ExportJson => "Export the projection as JSON",
            PathPurpose::ExportChart(_) => "Export the chart as PNG",
            PathPurpose::ExportReport => "Export the plan report (.pdf or .png)",
            PathPurpose::ExportWorkbook => "Export the plan as an Excel workbook (.xlsx)",
        }
    }

    /// Reads the file (else: writes it).
    pub fn opens(self) -> bool {
        matches!(self, PathPurpose::Open | PathPurpose::OpenForReview | PathPurpose::AddPlan)
    }
}

/// What the dispatcher carries out after the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A user action (menu, shortcut).
    Do(Action),
    /// Open this file (recent files, a dropped file).
    OpenPath(PathBuf),
    /// Open a copy of the shipped example at this index of
    /// [`crate::examples::ALL`], untitled (Save asks where).
    OpenExample(usize),
    /// Jump to a field of the editor by its path.
    Focus(crate::model::FieldPath),
    /// Carry out a command without the unsaved-changes guard (after "Discard").
    Force(Box<Command>),
    /// Save, and only if that worked, carry out the command (after "Save").
    SaveThen(Box<Command>),
    /// A path typed in the in-app file dialog; asks before replacing a file.
    PathChosen(PathPurpose, PathBuf),
    /// A path whose existing file the user agreed to replace.
    Replace(PathPurpose, PathBuf),
    RestoreAutosave,
    DiscardAutosave,
    /// Carry out a save (Save, Save as, or Save then …) although the plan
    /// has problems (after "Save as it is").
    SaveAnyway(Box<Command>),
    /// Edit the plan open beside this one at this index (it swaps with the
    /// edited plan).
    EditPlan(usize),
    /// Close the plan open beside this one at this index.
    ClosePlan(usize),
}

impl From<Action> for Command {
    fn from(a: Action) -> Command {
        Command::Do(a)
    }
}

impl Command {
    /// Commands that would drop the scenario on screen: they ask first when
    /// there are unsaved edits.
    pub fn replaces_document(&self) -> bool {
        matches!(
            self,
            Command::Do(Action::New | Action::Open | Action::OpenForReview | Action::Quit)
                | Command::OpenPath(_)
                | Command::OpenExample(_)
                | Command::RestoreAutosave
                | Command::EditPlan(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let all: Vec<KeyboardShortcut> = Action::ALL.iter().flat_map(|a| a.shortcuts()).collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a:?} is bound twice");
        }
    }

    #[test]
    fn every_action_is_listed_once_in_menu_order() {
        // `ALL` is generated from the enum's own variants (see `listed_enum!`):
        // each one is there, once, at its own index.
        for (i, a) in Action::ALL.iter().enumerate() {
            assert_eq!(a.index(), i, "{a:?}");
            assert_eq!(format!("{a:?}"), Action::NAMES[i]);
        }
        assert_eq!((Action::ALL[0], Action::ALL[Action::ALL.len() - 1]), (Action::New, Action::About));
    }
}
