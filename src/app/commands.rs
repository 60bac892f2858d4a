//! What the user asked for. The UI emits commands during the frame; one
//! place (`FloeApp::handle`) carries them out after it, so intent and effect
//! stay apart.

use std::path::PathBuf;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    New,
    Open,
    OpenPath(PathBuf),
    /// Open read-only for review (executives).
    OpenForReview,
    Save,
    SaveAs,
    ExportCsv,
    ExportJson,
    Quit,
    Undo,
    Redo,
    /// Switch review (read-only) mode on or off.
    ToggleReview,
    /// Jump to a field of the editor.
    Focus(crate::model::FieldPath),
    ShowDialog(super::dialogs::Dialog),
    /// Carry out a command without the unsaved-changes guard (after "Discard").
    Force(Box<Command>),
    /// Save, and only if that worked, carry out the command (after "Save").
    SaveThen(Box<Command>),
    /// A path typed in the in-app file dialog.
    PathChosen(super::dialogs::PathPurpose, PathBuf),
    RestoreAutosave,
    DiscardAutosave,
}

impl Command {
    /// Commands that would drop the scenario on screen: they ask first when
    /// there are unsaved edits.
    pub fn replaces_document(&self) -> bool {
        matches!(
            self,
            Command::New | Command::Open | Command::OpenPath(_) | Command::OpenForReview | Command::Quit | Command::RestoreAutosave
        )
    }
}

/// The keyboard shortcuts (shown in Help › Keyboard shortcuts).
pub const SHORTCUTS: [(&str, &str); 8] = [
    ("Ctrl+N", "New plan"),
    ("Ctrl+O", "Open…"),
    ("Ctrl+S", "Save"),
    ("Ctrl+Shift+S", "Save as…"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
    ("Tab / Shift+Tab", "Next / previous field"),
    ("Drop a .ron file", "Open it"),
];

/// Consumes the shortcut keys of this frame and returns their commands.
pub fn from_shortcuts(ctx: &egui::Context) -> Vec<Command> {
    use egui::{Key, KeyboardShortcut, Modifiers};
    let cmd = Modifiers::COMMAND;
    let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    let table = [
        (KeyboardShortcut::new(cmd_shift, Key::S), Command::SaveAs),
        (KeyboardShortcut::new(cmd_shift, Key::Z), Command::Redo),
        (KeyboardShortcut::new(cmd, Key::Y), Command::Redo),
        (KeyboardShortcut::new(cmd, Key::N), Command::New),
        (KeyboardShortcut::new(cmd, Key::O), Command::Open),
        (KeyboardShortcut::new(cmd, Key::S), Command::Save),
        (KeyboardShortcut::new(cmd, Key::Z), Command::Undo),
    ];
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (shortcut, command) in table {
            if i.consume_shortcut(&shortcut) {
                out.push(command);
            }
        }
    });
    out
}
