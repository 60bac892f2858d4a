//! File plumbing of the app: whether native file dialogs can work here, and
//! the crash-recovery autosave (a copy of the working scenario in the app's
//! data folder, written atomically while there are unsaved edits).

use crate::model::Scenario;
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

/// The crash-recovery copy: the scenario, the file it belongs to and when
/// it was written.
///
/// On disk it is an ordinary scenario file (written by `format::to_text`,
/// read back through `format::parse`: the version gate and migrations apply
/// as to any file) that starts with comment lines naming its origin:
///
/// ```text
/// // floe autosave: unsaved work, kept in case the app does not close cleanly
/// // saved_at: 2026-11-22T06:00:00Z
/// // file: "/home/ana/plans/ice_cube.ron"
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Autosave {
    /// The file the work belongs to (`None`: never saved).
    pub file: Option<PathBuf>,
    /// UTC time of the autosave, RFC 3339.
    pub saved_at: String,
    pub scenario: Scenario,
}

/// What was found in the data folder at start-up.
#[derive(Debug)]
pub enum Found {
    /// No autosave: the last session ended cleanly.
    Nothing,
    /// Work to offer back.
    Work(Box<Autosave>),
    /// An autosave that cannot be read (damaged, from a newer floe, not
    /// text). It was moved to `set_aside` (when that worked) so it is
    /// neither lost nor offered again.
    Unreadable { message: String, set_aside: Option<PathBuf> },
}

pub const AUTOSAVE_NAME: &str = "autosave.ron";
/// Seconds between autosaves while there are unsaved edits.
pub const AUTOSAVE_SECONDS: f64 = 5.0;
const HEADER: &str = "// floe autosave: unsaved work, kept in case the app does not close cleanly";
const SAVED_AT: &str = "// saved_at: ";
const FILE: &str = "// file: ";

pub fn autosave_path(data_dir: &Path) -> PathBuf {
    data_dir.join(AUTOSAVE_NAME)
}

/// The autosave's text: the header comments, then the scenario as any
/// scenario file. A path that is not UTF-8 cannot be written in the text and
/// is left out (the work itself is kept; it restores as not yet saved).
pub fn autosave_text(a: &Autosave) -> Result<String, crate::format::FormatError> {
    let mut text = format!("{HEADER}\n{SAVED_AT}{}\n", a.saved_at.replace(['\n', '\r'], " "));
    if let Some(file) = a.file.as_deref().and_then(Path::to_str) {
        let quoted = ron::to_string(file).map_err(|e| crate::format::FormatError::Serialize(e.to_string()))?;
        text.push_str(&format!("{FILE}{quoted}\n"));
    }
    text.push_str(&crate::format::to_text(&a.scenario)?);
    Ok(text)
}

/// Reads autosave text: the header for its origin, the rest as a scenario
/// file of any supported version. Values are not validated: work in
/// progress may hold problems, and it is still the user's work.
pub fn parse_autosave(text: &str) -> Result<Autosave, crate::format::FormatError> {
    let mut saved_at = String::from("an unknown time");
    let mut file = None;
    for line in text.lines().take_while(|l| l.starts_with("//")) {
        if let Some(t) = line.strip_prefix(SAVED_AT) {
            saved_at = t.trim().to_owned();
        } else if let Some(q) = line.strip_prefix(FILE) {
            file = ron::from_str::<String>(q.trim()).ok().map(PathBuf::from);
        }
    }
    let scenario = crate::format::parse(text)?;
    Ok(Autosave { file, saved_at, scenario })
}

/// Writes the autosave atomically, creating the data folder if needed.
pub fn write_autosave(data_dir: &Path, a: &Autosave) -> std::io::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let text = autosave_text(a).map_err(|e| std::io::Error::other(e.to_string()))?;
    crate::io::write_atomic(&autosave_path(data_dir), text.as_bytes())
}

/// Looks for an autosave left by a session that did not end cleanly. One
/// that cannot be read is set aside (renamed with the time) and reported.
pub fn read_autosave(data_dir: &Path, now: &str) -> Found {
    let path = autosave_path(data_dir);
    if std::fs::symlink_metadata(&path).is_err() {
        return Found::Nothing;
    }
    let read = crate::io::read_text(&path).and_then(|text| {
        parse_autosave(&text).map_err(|e| crate::io::LoadError { path: path.clone(), kind: crate::io::LoadErrorKind::Format(e) })
    });
    let message = match read {
        Ok(a) => return Found::Work(Box::new(a)),
        Err(e) => e.to_string(),
    };
    let stamp: String = now.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let aside = data_dir.join(format!("autosave-unreadable-{stamp}.ron"));
    let set_aside = std::fs::rename(&path, &aside).is_ok().then_some(aside);
    Found::Unreadable { message, set_aside }
}

pub fn remove_autosave(data_dir: &Path) {
    let _ = std::fs::remove_file(autosave_path(data_dir));
}
