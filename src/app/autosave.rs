//! The crash-recovery autosave of the app: a copy of unsaved work written
//! every few seconds, removed once the work is saved or discarded.

use super::clock::utc_now_rfc3339;
use super::{FloeApp, files};

impl FloeApp {
    pub(super) fn clear_autosave(&mut self) {
        if let Some(d) = &self.data_dir {
            files::remove_autosave(d);
        }
        self.last_autosave = None;
    }

    /// Writes the crash-recovery copy now if there are unsaved edits that
    /// are not in it yet. Called every few seconds; public for tests.
    pub fn autosave_now(&mut self, now: f64) -> bool {
        let Some(dir) = self.data_dir.clone() else { return false };
        if !self.doc.dirty() || self.last_autosave.as_ref().is_some_and(|(_, s)| s == &self.doc.scenario) {
            return false;
        }
        let a = files::Autosave { file: self.doc.path.clone(), saved_at: utc_now_rfc3339(), scenario: self.doc.scenario.clone() };
        match files::write_autosave(&dir, &a) {
            Ok(()) => {
                self.last_autosave = Some((now, a.scenario));
                true
            }
            Err(_) => false, // the next attempt will try again; the work is still on screen
        }
    }

    /// Once per frame: writes the copy when one is due, and wakes the app
    /// for the next one while there are unsaved edits.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context, now: f64) {
        if self.doc.dirty() && self.data_dir.is_some() {
            let due = self.last_autosave.as_ref().is_none_or(|(t, _)| now - t >= files::AUTOSAVE_SECONDS);
            if due {
                self.autosave_now(now);
            }
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(files::AUTOSAVE_SECONDS));
        }
    }
}
