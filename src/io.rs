//! File access: reading scenarios with a size cap, and atomic writes (temp
//! file in the same folder, fsync, rename) so a failed save never damages the
//! file that was there.

use crate::format::{self, FormatError};
use crate::model::Scenario;
use std::fmt;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Largest scenario file read (a plan is a few KiB; this stops a wrong or
/// hostile file from exhausting memory).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a scenario file could not be loaded; always names the file.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

#[derive(Debug)]
pub enum LoadErrorKind {
    Io(std::io::Error),
    TooLarge(u64),
    NotText,
    Format(FormatError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path.display();
        match &self.kind {
            LoadErrorKind::Io(e) => write!(f, "{p}: cannot read: {e}"),
            LoadErrorKind::TooLarge(n) => {
                write!(f, "{p}: {n} bytes is too large for a scenario (limit {} MiB)", MAX_FILE_BYTES / 1024 / 1024)
            }
            LoadErrorKind::NotText => write!(f, "{p}: not a text file (not UTF-8): is this a floe scenario (.ron)?"),
            LoadErrorKind::Format(FormatError::Parse { line, col, message }) => {
                write!(f, "{p}:{line}:{col}: {message}")
            }
            LoadErrorKind::Format(FormatError::Invalid(problems)) => {
                write!(f, "{p}: {} invalid value{}:", problems.len(), if problems.len() == 1 { "" } else { "s" })?;
                for pr in problems {
                    write!(f, "\n  {p}: {pr}")?;
                }
                Ok(())
            }
            LoadErrorKind::Format(e) => write!(f, "{p}: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads a text file of at most [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let err = |kind| LoadError { path: path.to_owned(), kind };
    let file = File::open(path).map_err(|e| err(LoadErrorKind::Io(e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| err(LoadErrorKind::Io(e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = fs::metadata(path).map(|m| m.len()).unwrap_or(bytes.len() as u64);
        return Err(err(LoadErrorKind::TooLarge(size)));
    }
    String::from_utf8(bytes).map_err(|_| err(LoadErrorKind::NotText))
}

/// Reads, parses (migrating older formats) and validates a scenario file.
pub fn load_scenario(path: &Path) -> Result<Scenario, LoadError> {
    let text = read_text(path)?;
    format::parse_valid(&text).map_err(|e| LoadError { path: path.to_owned(), kind: LoadErrorKind::Format(e) })
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// flushed and fsynced, then renamed over the target. On any error the old
/// file is untouched and the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// [`write_atomic`] with the content produced by `fill` (tests inject failures here).
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut File) -> std::io::Result<()>) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".to_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        fill(&mut f)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Saves a scenario atomically as pretty RON.
pub fn save_scenario(path: &Path, s: &Scenario) -> std::io::Result<()> {
    write_atomic(path, format::to_text(s).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("floe-io-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn failed_write_keeps_old_file_byte_for_byte() {
        let d = temp_dir("fail");
        let target = d.join("plan.ron");
        fs::write(&target, b"old contents\n").unwrap();
        let r = write_atomic_with(&target, |f| {
            f.write_all(b"half a new fi")?;
            Err(std::io::Error::other("disk full (injected)"))
        });
        assert!(r.is_err());
        assert_eq!(fs::read(&target).unwrap(), b"old contents\n");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1, "temporary file left behind");
        write_atomic(&target, b"new\n").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new\n");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn size_cap_refuses_huge_files() {
        let d = temp_dir("big");
        let p = d.join("big.ron");
        let f = File::create(&p).unwrap();
        f.set_len(MAX_FILE_BYTES + 10).unwrap();
        match read_text(&p) {
            Err(LoadError { kind: LoadErrorKind::TooLarge(n), .. }) => assert_eq!(n, MAX_FILE_BYTES + 10),
            other => panic!("{other:?}"),
        }
        fs::remove_dir_all(&d).unwrap();
    }
}
