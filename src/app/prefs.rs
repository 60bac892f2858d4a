//! UI preferences persisted by eframe between runs (never the scenario).

use super::editor::EditorState;
use super::tabs::ChartTab;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// The most recent files kept.
pub const MAX_RECENT: usize = 10;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: Theme,
    pub last_file: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    pub show_editor: bool,
    pub show_kpis: bool,
    pub show_status: bool,
    pub chart_tab: ChartTab,
    pub table_newest_first: bool,
    pub editor: EditorState,
    pub last_dir: Option<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            theme: Theme::System,
            last_file: None,
            recent: Vec::new(),
            show_editor: true,
            show_kpis: true,
            show_status: true,
            chart_tab: ChartTab::default(),
            table_newest_first: false,
            editor: EditorState::default(),
            last_dir: None,
        }
    }
}

impl Prefs {
    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &std::path::Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(MAX_RECENT);
        self.last_dir = path.parent().map(|d| d.to_owned());
        self.last_file = Some(path);
    }
}
