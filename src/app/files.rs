//! File plumbing of the app: whether native file dialogs can work here, and
//! the crash-recovery autosave (a copy of the working scenario in the app's
//! data folder, written atomically while there are unsaved edits).
//!
//! Several floe windows may run at once, so the data folder has autosave
//! *slots*: `autosave.ron`, `autosave-1.ron`, … each with a lock file
//! (`autosave.lock`, `autosave-1.lock`, …). A running floe holds an
//! exclusive advisory lock (`File::try_lock`: `flock` on Unix, `LockFileEx`
//! on Windows) on its slot's lock file for as long as it runs; the system
//! drops the lock when the process ends, crash or not. So a copy whose lock
//! can be taken was left by a process that is gone (offer it back); one whose
//! lock is held belongs to a running window (leave it alone). A lock was
//! chosen over a pid file: a pid can be reused by another program after a
//! crash, and checking it needs `/proc` or a system call per platform.

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

/// Autosave slots in a data folder: as many floe windows at once, at most.
pub const SLOTS: usize = 16;

/// The autosave of slot `i` (slot 0 is [`autosave_path`]).
pub fn slot_path(data_dir: &Path, i: usize) -> PathBuf {
    if i == 0 { autosave_path(data_dir) } else { data_dir.join(format!("autosave-{i}.ron")) }
}

fn lock_path(data_dir: &Path, i: usize) -> PathBuf {
    data_dir.join(if i == 0 { "autosave.lock".to_owned() } else { format!("autosave-{i}.lock") })
}

/// Opens slot `i`'s lock file and takes its lock if no running floe holds
/// it: `Ok(Some(file))` (the lock lasts as long as the file is open),
/// `Ok(None)` when another process (or window) holds it.
fn try_lock_slot(data_dir: &Path, i: usize) -> std::io::Result<Option<std::fs::File>> {
    let f = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(lock_path(data_dir, i))?;
    match f.try_lock() {
        Ok(()) => Ok(Some(f)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Claims a slot for this window: the first free one holding a copy left
/// by a process that is gone (so it is offered back), else the first free
/// one. `None` when no lock file can be made (a read-only folder): the
/// window then uses slot 0 unlocked, as before slots existed.
pub fn claim_slot(data_dir: &Path) -> Option<(usize, std::fs::File)> {
    std::fs::create_dir_all(data_dir).ok()?;
    let mut first_free = None;
    for i in 0..SLOTS {
        let Ok(Some(lock)) = try_lock_slot(data_dir, i) else { continue };
        if std::fs::symlink_metadata(slot_path(data_dir, i)).is_ok() {
            return Some((i, lock));
        }
        if first_free.is_none() {
            first_free = Some((i, lock));
        }
    }
    first_free
}

/// The files other running floe windows hold unsaved work for (from the
/// autosaves of the slots whose locks are held), skipping slot `mine`.
pub fn files_with_work_elsewhere(data_dir: &Path, mine: Option<usize>) -> Vec<PathBuf> {
    (0..SLOTS)
        .filter(|i| Some(*i) != mine && slot_path(data_dir, *i).is_file())
        .filter(|i| matches!(try_lock_slot(data_dir, *i), Ok(None)))
        .filter_map(|i| crate::io::read_text(&slot_path(data_dir, i)).ok())
        .filter_map(|text| parse_autosave(&text).ok()?.file)
        .collect()
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
    write_autosave_slot(data_dir, 0, a)
}

/// [`write_autosave`] into slot `slot`.
pub fn write_autosave_slot(data_dir: &Path, slot: usize, a: &Autosave) -> std::io::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let text = autosave_text(a).map_err(|e| std::io::Error::other(e.to_string()))?;
    crate::io::write_atomic(&slot_path(data_dir, slot), text.as_bytes())
}

/// Looks for an autosave left by a session that did not end cleanly. One
/// that cannot be read is set aside (renamed with the time) and reported.
pub fn read_autosave(data_dir: &Path, now: &str) -> Found {
    read_autosave_slot(data_dir, 0, now)
}

/// [`read_autosave`] of slot `slot`.
pub fn read_autosave_slot(data_dir: &Path, slot: usize, now: &str) -> Found {
    let path = slot_path(data_dir, slot);
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
    remove_autosave_slot(data_dir, 0);
}

pub fn remove_autosave_slot(data_dir: &Path, slot: usize) {
    let _ = std::fs::remove_file(slot_path(data_dir, slot));
}
