//! The crash-recovery autosave of the app: a copy of unsaved work written
//! every few seconds, removed once the work is saved or discarded; at start
//! the copy left by a session that did not end cleanly is offered back, and
//! one that cannot be read is reported and set aside. The copy is written and
//! read by the same format code as any scenario file (`files` has the
//! layout).

use super::dialogs::Dialog;
use super::document::Document;
use super::files::{self, Found};
use super::{FloeApp, Undoer};
use crate::clock::utc_now_rfc3339;

/// This window's autosave slot and the lock that marks it as owned by a
/// running floe (see `files` for the scheme).
#[derive(Default)]
pub struct Locks {
    /// Slot 0 without a lock when the folder allows no lock file.
    pub slot: usize,
    /// Held open for the life of the window: the lock is released when the
    /// process ends, crash or not.
    file: Option<std::fs::File>,
}

impl Locks {
    /// Claims a slot in `data_dir` (see [`files::claim_slot`]).
    pub fn claim(data_dir: &std::path::Path) -> Locks {
        match files::claim_slot(data_dir) {
            Some((slot, file)) => Locks { slot, file: Some(file) },
            None => Locks::default(),
        }
    }

    /// Whether this window holds a lock (false: a folder without lock files).
    pub fn held(&self) -> bool {
        self.file.is_some()
    }
}

impl FloeApp {
    /// The work this session autosaved is saved or discarded: its copy goes.
    /// A copy left by an earlier session is not this session's to remove
    /// (opening a file at start must not delete the work a crash left).
    pub(super) fn clear_autosave(&mut self) {
        if self.last_autosave.take().is_some() {
            self.discard_autosave();
        }
    }

    /// The user chose to throw the autosave away.
    pub(super) fn discard_autosave(&mut self) {
        if let Some(d) = &self.data_dir {
            files::remove_autosave_slot(d, self.lock.slot);
        }
        self.last_autosave = None;
    }

    /// Writes the crash-recovery copy now if there are unsaved edits that
    /// are not in it yet. Called every few seconds; public for tests. A
    /// failure is reported once (a dialog), then retried quietly until a
    /// write works again.
    pub fn autosave_now(&mut self, now: f64) -> bool {
        let Some(dir) = self.data_dir.clone() else { return false };
        if !self.doc.dirty() || self.last_autosave.as_ref().is_some_and(|(_, s)| s == &self.doc.scenario) {
            return false;
        }
        let a = files::Autosave { file: self.doc.path.clone(), saved_at: utc_now_rfc3339(), scenario: self.doc.scenario.clone() };
        match files::write_autosave_slot(&dir, self.lock.slot, &a) {
            Ok(()) => {
                self.last_autosave = Some((now, a.scenario));
                self.autosave_failed_at = None;
                true
            }
            Err(e) => {
                let first = self.autosave_failed_at.is_none();
                self.autosave_failed_at = Some(now);
                if first && self.dialog.is_none() {
                    let message = format!(
                        "{}: {e}\n\nYour work is still on screen and nothing was lost. floe tries again every {} seconds; \
                         to be safe, save the plan now (File › Save as…).",
                        files::slot_path(&dir, self.lock.slot).display(),
                        files::AUTOSAVE_SECONDS
                    );
                    self.dialog = Some(Dialog::Error { title: "Autosave failed".into(), message });
                } else if first {
                    self.autosave_failed_at = None; // report it once the open dialog is closed
                }
                false
            }
        }
    }

    /// Once per frame: writes the copy when one is due, and wakes the app
    /// for the next one while there are unsaved edits.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context, now: f64) {
        if self.doc.dirty() && self.data_dir.is_some() {
            let last = self.last_autosave.as_ref().map(|(t, _)| *t).into_iter().chain(self.autosave_failed_at).reduce(f64::max);
            if last.is_none_or(|t| now - t >= files::AUTOSAVE_SECONDS) {
                self.autosave_now(now);
            }
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(files::AUTOSAVE_SECONDS));
        }
    }

    /// At start (its slot claimed): offers back the work a crashed session
    /// left in this window's slot, or says why the copy it left cannot be
    /// used. A copy another running floe owns is never offered (its lock is
    /// held). The plan on screen is not touched.
    pub(super) fn look_for_autosave(&mut self) {
        let Some(dir) = self.data_dir.clone() else { return };
        match files::read_autosave_slot(&dir, self.lock.slot, &utc_now_rfc3339()) {
            Found::Nothing => {}
            Found::Work(a) => self.dialog = Some(Dialog::Restore { file: a.file, saved_at: a.saved_at }),
            Found::Unreadable { message, set_aside } => self.dialog = Some(unreadable(&message, set_aside.as_deref())),
        }
    }

    /// The user chose Restore: the work replaces the plan on screen (as
    /// unsaved edits of its file) unless the copy cannot be read any more.
    pub(super) fn restore_autosave(&mut self) {
        let Some(dir) = self.data_dir.clone() else { return };
        match files::read_autosave_slot(&dir, self.lock.slot, &utc_now_rfc3339()) {
            Found::Work(a) => {
                let a = *a;
                // From now on the copy is this session's: saving or
                // discarding the work removes it.
                self.last_autosave = Some((0.0, a.scenario.clone()));
                let comments = a.file.as_deref().and_then(|f| crate::io::read_text(f).ok()).map(|t| crate::io::leading_comments(&t));
                self.doc = Document {
                    scenario: a.scenario,
                    path: a.file,
                    saved: None,
                    read_version: crate::model::FORMAT_VERSION,
                    comments: comments.unwrap_or_default(),
                };
                self.forget_entries = true;
                self.undoer = Undoer::default();
                self.read_only = false;
                self.live.forget();
                self.live.update(&self.doc.scenario);
            }
            Found::Nothing => {
                let message = format!("{}: the file is gone.", files::slot_path(&dir, self.lock.slot).display());
                self.dialog = Some(Dialog::Error { title: "Could not restore the autosave".into(), message });
            }
            Found::Unreadable { message, set_aside } => self.dialog = Some(unreadable(&message, set_aside.as_deref())),
        }
    }
}

fn unreadable(message: &str, set_aside: Option<&std::path::Path>) -> Dialog {
    let kept = match set_aside {
        Some(p) => format!("It was kept as {} and will not be offered again.", p.display()),
        None => "It could not be moved aside either; it is left where it is.".to_owned(),
    };
    Dialog::Error {
        title: "Could not read the autosave".into(),
        message: format!(
            "The unsaved work left by an earlier session cannot be used:\n{message}\n\n{kept} The plan on screen is unchanged."
        ),
    }
}
