//! The desktop app (egui/eframe).

/// Opens the app window; returns the exit code.
pub fn launch(_path: Option<std::path::PathBuf>) -> i32 {
    eprintln!("floe: the desktop app is not built yet; use `floe run FILE.ron`");
    2
}
