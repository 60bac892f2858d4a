//! The open document (scenario, file, saved state) and its live projection.
//! The projection is recomputed whenever the scenario differs from the one
//! last projected, so the charts always show the projection of the editor.

use crate::engine::{self, Projection};
use crate::model::{Problem, Scenario, validate};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The scenario being edited and where it lives.
pub struct Document {
    pub scenario: Scenario,
    pub path: Option<PathBuf>,
    /// The scenario as last saved or opened (`None`: never saved).
    pub saved: Option<Scenario>,
    /// The format version of the file as opened; an older one than the
    /// newest is moved up by the next save, which says so once.
    pub read_version: u32,
    /// The leading `//` comment block of the file as opened, written back
    /// at the top of the file on save (empty: none).
    pub comments: String,
}

impl Document {
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Document {
        let saved = Some(scenario.clone());
        Document { scenario, path, saved, read_version: crate::model::FORMAT_VERSION, comments: String::new() }
    }

    /// Unsaved edits exist.
    pub fn dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.scenario)
    }

    /// The scenario as undo sees it: the save stamp (`saved_with`,
    /// `saved_at`) is not an edit, so a save leaves nothing to undo.
    pub fn edits(&self) -> std::borrow::Cow<'_, Scenario> {
        if self.scenario.saved_with.is_none() && self.scenario.saved_at.is_none() {
            return std::borrow::Cow::Borrowed(&self.scenario);
        }
        let mut s = self.scenario.clone();
        (s.saved_with, s.saved_at) = (None, None);
        std::borrow::Cow::Owned(s)
    }

    /// Puts back an undo or redo state, keeping the save stamp.
    pub fn restore_edits(&mut self, state: &Scenario) {
        let stamp = (self.scenario.saved_with.take(), self.scenario.saved_at.take());
        self.scenario = state.clone();
        (self.scenario.saved_with, self.scenario.saved_at) = stamp;
    }

    /// The notice to give when this document was just saved to `path`, once:
    /// a plan read from an older format is now written in the newest one.
    pub fn moved_up_notice(&mut self, path: &std::path::Path) -> Option<String> {
        let from = self.read_version;
        if from >= crate::model::FORMAT_VERSION {
            return None;
        }
        self.read_version = crate::model::FORMAT_VERSION;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        Some(format!(
            "{name} was format {from} and is now saved in format {to}: floe versions that only read format {from} cannot open it.\nIt still computes as format {from} did: tax losses not carried forward, BTC not at fair value,\nits lots not sold at retirement (switch these on in Opex, Financing and Fleet).",
            to = crate::model::FORMAT_VERSION
        ))
    }

    /// File name for the title and status bar.
    pub fn file_name(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(|| "untitled".to_owned(), |n| n.to_string_lossy().into_owned())
    }
}

/// The last projection and why it may be stale.
#[derive(Default)]
pub struct Live {
    input: Option<Scenario>,
    /// Problems of the current scenario (empty when valid).
    pub problems: Vec<Problem>,
    /// The projection of the last valid scenario.
    pub projection: Option<Projection>,
    /// The current scenario is not what `projection` shows.
    pub stale: bool,
    /// Engine failure on a valid scenario (e.g. overflow).
    pub error: Option<String>,
    pub elapsed: Duration,
    /// Number of projections run (for tests and the status bar).
    pub runs: u64,
    /// Typed numbers that do not parse (the plan holds the values from
    /// before those entries): they count as problems.
    pub unparsed: Vec<super::widgets::Unparsed>,
    /// The widget being edited (focused or dragged), as egui names it.
    edit: Option<egui::Id>,
    /// The projection shown when the edit under way began (taken at its
    /// first change): an edit that ends invalid greys that one, never the
    /// projection of a keystroke on the way.
    before_edit: Option<Option<Projection>>,
}

impl Live {
    /// Which widget is being edited this frame (`None`: none). An edit ends
    /// when another widget, or none, takes over.
    pub fn set_edit(&mut self, edit: Option<egui::Id>) {
        if edit != self.edit {
            self.edit = edit;
            self.before_edit = None;
        }
    }

    /// The typed numbers that do not parse, this frame.
    pub fn set_unparsed(&mut self, unparsed: Vec<super::widgets::Unparsed>) {
        if unparsed != self.unparsed {
            self.unparsed = unparsed;
            self.stale = self.projection.is_some() && (!self.problems.is_empty() || self.error.is_some() || !self.unparsed.is_empty());
        }
    }

    /// The scenario cannot be projected: show the last valid projection,
    /// which during an edit is the one from before the edit began.
    fn keep_last_valid(&mut self) {
        if let Some(before) = &self.before_edit {
            self.projection = before.clone();
        }
        self.stale = self.projection.is_some();
    }

    /// Re-validates and re-projects when `s` changed since the last call.
    pub fn update(&mut self, s: &Scenario) {
        if self.input.as_ref() == Some(s) {
            return;
        }
        if self.edit.is_some() && self.before_edit.is_none() {
            self.before_edit = Some(self.projection.clone().filter(|_| self.input.is_some()));
        }
        self.input = Some(s.clone());
        self.problems = validate(s);
        self.error = None;
        if !self.problems.is_empty() {
            self.keep_last_valid();
            return;
        }
        let t = Instant::now();
        let result = engine::project_validated(s);
        self.elapsed = t.elapsed();
        self.runs += 1;
        match result {
            Ok(p) => {
                self.projection = Some(p);
                self.stale = self.projection.is_some() && !self.unparsed.is_empty();
            }
            Err(e) => {
                self.error = Some(e.to_string());
                self.keep_last_valid();
            }
        }
    }

    /// Drops the projection of another scenario (a file was opened).
    pub fn forget(&mut self) {
        self.input = None;
        self.before_edit = None;
        self.projection = None;
        self.stale = false;
        self.error = None;
    }

    /// Why the charts show an older projection, in the user's words (`s` names the items).
    pub fn stale_reason(&self, s: &crate::model::Scenario) -> Option<String> {
        let lead = if self.projection.is_some() { "Showing the last valid projection" } else { "No projection yet" };
        if let Some(e) = &self.error {
            return Some(format!("{lead}: {e}"));
        }
        let n = self.problems.len() + self.unparsed.len();
        let more = if n > 1 { format!(" (and {} more)", n - 1) } else { String::new() };
        if let Some(u) = self.unparsed.first() {
            let lead = if self.projection.is_some() { "Showing the plan without the entry" } else { lead };
            return Some(format!("{lead}: {}{more}", u.sentence()));
        }
        let first = self.problems.first()?;
        Some(format!("{lead}: {}{more}", first.sentence(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_read_in_an_older_format_is_said_to_move_up_once() {
        let s = crate::defaults::plan(crate::model::Month::new(2026, 1).unwrap());
        let path = std::path::Path::new("/plans/old.ron");
        for from in [0, 1] {
            let mut doc = Document::new(s.clone(), Some(path.to_owned()));
            doc.read_version = from;
            let n = doc.moved_up_notice(path).expect("a notice");
            assert!(n.starts_with(&format!("old.ron was format {from} and is now saved in format 2")), "{n}");
            assert_eq!(doc.moved_up_notice(path), None, "once");
        }
        assert_eq!(Document::new(s, None).moved_up_notice(path), None, "a format-2 plan moves nowhere");
    }
}
