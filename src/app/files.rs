//! File plumbing of the app: whether native file dialogs can work here, and
//! the crash-recovery autosave (a copy of the working scenario in the app's
//! data folder, written atomically while there are unsaved edits).

use crate::model::Scenario;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Whether a native file dialog can be shown. rfd asks the XDG desktop portal
/// over D-Bus and falls back to zenity; with neither it returns nothing, just
/// as on Cancel, so the app must know beforehand and offer its own dialog.
pub fn native_dialogs_available() -> bool {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return true;
    }
    let on_path = |exe: &str| std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(exe).is_file()));
    let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let portal = ["/usr/libexec/xdg-desktop-portal", "/usr/lib/xdg-desktop-portal"].iter().any(|p| Path::new(p).exists());
    on_path("zenity") || (session_bus && portal)
}

/// The autosave file: the scenario with where it came from and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Autosave {
    /// The file the work belongs to (`None`: never saved).
    pub file: Option<PathBuf>,
    /// UTC time of the autosave, RFC 3339.
    pub saved_at: String,
    pub scenario: Scenario,
}

pub const AUTOSAVE_NAME: &str = "autosave.ron";
/// Seconds between autosaves while there are unsaved edits.
pub const AUTOSAVE_SECONDS: f64 = 5.0;

pub fn autosave_path(data_dir: &Path) -> PathBuf {
    data_dir.join(AUTOSAVE_NAME)
}

/// Writes the autosave atomically.
pub fn write_autosave(data_dir: &Path, a: &Autosave) -> std::io::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let config = ron::ser::PrettyConfig::new().struct_names(false);
    let text = ron::ser::to_string_pretty(a, config).map_err(std::io::Error::other)?;
    crate::io::write_atomic(&autosave_path(data_dir), text.as_bytes())
}

/// Reads an autosave left by a session that did not end cleanly.
pub fn read_autosave(data_dir: &Path) -> Option<Autosave> {
    let text = crate::io::read_text(&autosave_path(data_dir)).ok()?;
    // Even a working state with validation problems is the user's work: offer it.
    ron::Options::default().from_str(&text).ok()
}

pub fn remove_autosave(data_dir: &Path) {
    let _ = std::fs::remove_file(autosave_path(data_dir));
}
