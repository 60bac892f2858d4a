//! File access: reading scenarios (regular files only, with a size cap) and
//! atomic writes (a temp file beside the target, fsync, rename) so a failed
//! save never damages the file that was there. Writes keep the target's
//! permissions, go through symlinks to their target, never touch a file floe
//! did not create, and work for the longest names the file system allows.

use crate::format::{self, FormatError};
use crate::model::Scenario;
use std::cell::Cell;
use std::fmt;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
    /// Not a regular file: says what it is ("a folder", "a named pipe (FIFO)").
    NotAFile(&'static str),
    TooLarge(u64),
    NotText,
    Format(FormatError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.path.display();
        match &self.kind {
            LoadErrorKind::Io(e) => write!(f, "{p}: cannot read: {e}"),
            LoadErrorKind::NotAFile(what) => write!(f, "{p}: is {what}, not a file"),
            LoadErrorKind::TooLarge(n) => {
                write!(f, "{p}: {n} bytes is too large for a scenario (limit {} MiB)", MAX_FILE_BYTES / 1024 / 1024)
            }
            LoadErrorKind::NotText => write!(f, "{p}: not a text file (not UTF-8): is this a floe scenario (.ron)?"),
            LoadErrorKind::Format(FormatError::Parse { line, col, message }) => {
                write!(f, "{p}:{line}:{col}: {}", crate::ron_text::cut_line(message))
            }
            LoadErrorKind::Format(FormatError::Invalid(problems)) => {
                write!(f, "{p}: ")?;
                crate::ron_text::write_problems(f, &format!("{p}: "), problems)
            }
            LoadErrorKind::Format(e) => write!(f, "{p}: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// What a path that is not a regular file is, in words; `None` for a regular file.
fn non_file_kind(m: &fs::Metadata) -> Option<&'static str> {
    let t = m.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Reads a regular text file of at most [`MAX_FILE_BYTES`]. Folders, named
/// pipes and devices are refused by kind before opening (opening a FIFO
/// would block until someone writes to it).
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let err = |kind| LoadError { path: path.to_owned(), kind };
    let meta = fs::metadata(path).map_err(|e| err(LoadErrorKind::Io(e)))?;
    if let Some(what) = non_file_kind(&meta) {
        return Err(err(LoadErrorKind::NotAFile(what)));
    }
    let file = File::open(path).map_err(|e| err(LoadErrorKind::Io(e)))?;
    // The path may have been swapped between the check and the open.
    if let Some(what) = file.metadata().ok().as_ref().and_then(non_file_kind) {
        return Err(err(LoadErrorKind::NotAFile(what)));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| err(LoadErrorKind::Io(e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(err(LoadErrorKind::TooLarge(meta.len().max(bytes.len() as u64))));
    }
    String::from_utf8(bytes).map_err(|_| err(LoadErrorKind::NotText))
}

/// The leading comment block of a scenario file's text: its first lines
/// while they are `//` comments (blank lines between them kept), each
/// ending with a newline; empty when the file starts with anything else.
pub fn leading_comments(text: &str) -> String {
    let mut block = String::new();
    let mut pending_blank = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("//") {
            if !block.is_empty() {
                block.push_str(&pending_blank);
            }
            pending_blank.clear();
            block.push_str(line.trim_end());
            block.push('\n');
        } else if t.is_empty() {
            pending_blank.push('\n');
        } else {
            break;
        }
    }
    block
}

/// Reads, parses (migrating older formats) and validates a scenario file.
pub fn load_scenario(path: &Path) -> Result<Scenario, LoadError> {
    let text = read_text(path)?;
    format::parse_valid(&text).map_err(|e| LoadError { path: path.to_owned(), kind: LoadErrorKind::Format(e) })
}

/// Reads and parses (migrating older formats) a scenario file without
/// validating its values: the app opens such a file with its problems
/// flagged, ready to fix. Headless commands use [`load_scenario`].
pub fn load_scenario_unchecked(path: &Path) -> Result<Scenario, LoadError> {
    load_scenario_versioned(path).map(|(s, _)| s)
}

/// [`load_scenario_unchecked`], with the format version the file was written in.
pub fn load_scenario_versioned(path: &Path) -> Result<(Scenario, u32), LoadError> {
    let text = read_text(path)?;
    format::parse_versioned(&text).map_err(|e| LoadError { path: path.to_owned(), kind: LoadErrorKind::Format(e) })
}

/// [`load_scenario_versioned`] with the file's leading `//` comments
/// ([`leading_comments`]), the file read once: what the app keeps of a plan
/// it opens, so that saving it writes the comments back.
pub fn load_scenario_with_comments(path: &Path) -> Result<(Scenario, u32, String), LoadError> {
    let text = read_text(path)?;
    let (s, version) = format::parse_versioned(&text).map_err(|e| LoadError { path: path.to_owned(), kind: LoadErrorKind::Format(e) })?;
    Ok((s, version, leading_comments(&text)))
}

/// Whether `a` and `b` name the same existing file (through links and
/// different spellings of the path).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
    }
}

/// Follows symlinks from `path` to the file they finally name (which may not exist yet).
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_owned();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other(format!("{}: too many levels of symbolic links", path.display())))
}

thread_local! {
    /// Test hook: writes on this thread fail after creating the temp file.
    static FAIL_WRITES: Cell<bool> = const { Cell::new(false) };
}

/// Makes every atomic write on the calling thread fail (after its temp file
/// is created) until called with `false`. For tests of failed saves; a real
/// full disk cannot be arranged portably.
#[doc(hidden)]
pub fn fail_writes_on_this_thread(fail: bool) {
    FAIL_WRITES.with(|f| f.set(fail));
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// flushed and fsynced, then renamed over the target. On any error the old
/// file is untouched and the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Temp names are short (a 255-byte target name still fits) and unique per
/// process and call.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);
/// Names tried before giving up when temp names are taken by other files.
const TEMP_ATTEMPTS: usize = 100;

/// Creates a new temp file in `dir` (never opening an existing one), with
/// `mode` on Unix; returns it and its path.
fn create_temp(dir: &Path, mode: Option<u32>) -> std::io::Result<(File, PathBuf)> {
    let mut last = None;
    for _ in 0..TEMP_ATTEMPTS {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".floe-{}-{n}.tmp", std::process::id()));
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(mode) = mode {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        match opts.open(&tmp) {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary file name")))
}

/// [`write_atomic`] with the content produced by `fill` (tests inject failures here).
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut File) -> std::io::Result<()>) -> std::io::Result<()> {
    // A symlink stays a symlink: the file it points to is replaced.
    let target = resolve_links(path)?;
    let existing = match fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(what) = existing.as_ref().and_then(non_file_kind) {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("is {what}, not a file")));
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    #[cfg(unix)]
    let mode = existing.as_ref().map(|m| std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o7777);
    #[cfg(not(unix))]
    let mode = None;
    let (f, tmp) = create_temp(&dir, mode)?;
    let result = (|| {
        let mut f = f;
        if let Some(m) = &existing {
            // The umask may have removed bits from the mode given at creation.
            f.set_permissions(m.permissions())?;
        }
        if FAIL_WRITES.with(Cell::get) {
            return Err(std::io::Error::other("write failed (injected by a test)"));
        }
        fill(&mut f)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, &target)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        // Only the temp file this call created is ever removed.
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Saves a scenario atomically as pretty RON. A scenario that cannot be
/// written as text is an error; nothing is written.
pub fn save_scenario(path: &Path, s: &Scenario) -> std::io::Result<()> {
    save_scenario_with_comments(path, s, "")
}

/// [`save_scenario`] with `comments` (a block of `//` lines, as
/// [`leading_comments`] gives) at the top of the file.
pub fn save_scenario_with_comments(path: &Path, s: &Scenario, comments: &str) -> std::io::Result<()> {
    let mut text = leading_comments(comments);
    text.push_str(&format::to_text(s).map_err(std::io::Error::other)?);
    write_atomic(path, text.as_bytes())
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
    fn leading_comments_are_the_first_comment_lines() {
        assert_eq!(leading_comments("// a\n//b  \n\n// c\n(\n// not this\n)"), "// a\n//b\n\n// c\n");
        assert_eq!(leading_comments("(\n    name: \"x\",\n)"), "");
        assert_eq!(leading_comments("\n\n// late\n("), "// late\n");
        assert_eq!(leading_comments(""), "");
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

    #[test]
    fn a_stale_file_with_a_temp_name_is_neither_used_nor_deleted() {
        let d = temp_dir("stale");
        let target = d.join("plan.ron");
        // Squat on the next temp names this process would pick.
        let next = TEMP_COUNTER.load(Ordering::Relaxed);
        let squatted: Vec<PathBuf> = (next..next + 5).map(|n| d.join(format!(".floe-{}-{n}.tmp", std::process::id()))).collect();
        for p in &squatted {
            fs::write(p, b"not floe's").unwrap();
        }
        write_atomic(&target, b"new\n").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new\n");
        // A failed write removes only its own temp file.
        fail_writes_on_this_thread(true);
        let r = write_atomic(&target, b"newer\n");
        fail_writes_on_this_thread(false);
        assert!(r.is_err());
        assert_eq!(fs::read(&target).unwrap(), b"new\n");
        for p in &squatted {
            assert_eq!(fs::read(p).unwrap(), b"not floe's", "{} was touched", p.display());
        }
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1 + squatted.len());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_255_byte_name_can_be_written() {
        let d = temp_dir("long");
        let target = d.join(format!("{}.ron", "p".repeat(251)));
        assert_eq!(target.file_name().unwrap().len(), 255);
        write_atomic(&target, b"a\n").unwrap();
        write_atomic(&target, b"b\n").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"b\n");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn folders_are_refused_by_kind_for_reading_and_writing() {
        let d = temp_dir("kind");
        let e = read_text(&d).unwrap_err();
        assert!(e.to_string().contains("is a folder, not a file"), "{e}");
        let e = write_atomic(&d, b"x").unwrap_err();
        assert!(e.to_string().contains("is a folder"), "{e}");
        assert!(d.is_dir());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn same_file_sees_through_spellings() {
        let d = temp_dir("same");
        let a = d.join("a.ron");
        fs::write(&a, b"x").unwrap();
        assert!(same_file(&a, &d.join(".").join("a.ron")));
        assert!(!same_file(&a, &d.join("b.ron")));
        fs::write(d.join("b.ron"), b"x").unwrap();
        assert!(!same_file(&a, &d.join("b.ron")));
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let d = temp_dir("perm");
        let target = d.join("private.ron");
        for mode in [0o600, 0o640, 0o664] {
            fs::write(&target, b"old").unwrap();
            fs::set_permissions(&target, fs::Permissions::from_mode(mode)).unwrap();
            write_atomic(&target, b"new").unwrap();
            assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, mode);
            assert_eq!(fs::read(&target).unwrap(), b"new");
        }
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_written_through() {
        let d = temp_dir("link");
        fs::create_dir(d.join("real")).unwrap();
        let real = d.join("real").join("plan.ron");
        fs::write(&real, b"old").unwrap();
        let link = d.join("plan.ron");
        std::os::unix::fs::symlink("real/plan.ron", &link).unwrap();
        let link2 = d.join("again.ron");
        std::os::unix::fs::symlink(&link, &link2).unwrap();
        write_atomic(&link2, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert!(fs::symlink_metadata(&link2).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");
        // The temp file went beside the target, and is gone.
        assert_eq!(fs::read_dir(d.join("real")).unwrap().count(), 1);
        assert_eq!(fs::read_dir(&d).unwrap().count(), 3);
        // A loop of links is an error, not a hang.
        let (x, y) = (d.join("x"), d.join("y"));
        std::os::unix::fs::symlink(&y, &x).unwrap();
        std::os::unix::fs::symlink(&x, &y).unwrap();
        assert!(write_atomic(&x, b"z").is_err());
        fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let d = temp_dir("fifo");
        let fifo = d.join("plan.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
        let e = read_text(&fifo).unwrap_err();
        assert!(e.to_string().contains("is a named pipe (FIFO), not a file"), "{e}");
        let e = write_atomic(&fifo, b"x").unwrap_err();
        assert!(e.to_string().contains("named pipe"), "{e}");
        let e = read_text(Path::new("/dev/null")).unwrap_err();
        assert!(e.to_string().contains("is a device, not a file"), "{e}");
        fs::remove_dir_all(&d).unwrap();
    }
}
