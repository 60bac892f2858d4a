//! Starting the desktop app: display detection (a friendly hint instead of
//! a raw windowing error), checking a file named on the command line, and
//! opening the eframe window.

use super::{FloeApp, Startup};
use crate::io;
use std::path::PathBuf;

/// True when no display server is reachable (Linux/BSD without X11 or Wayland).
fn no_display() -> bool {
    cfg!(all(unix, not(target_os = "macos")))
        && ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"].iter().all(|v| std::env::var_os(v).is_none_or(|s| s.is_empty()))
}

/// Writes a line to stderr; a closed or full stderr is not a reason to panic.
fn say(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}

/// Opens the app window; returns the exit code.
pub fn launch(file: Option<PathBuf>) -> i32 {
    if no_display() {
        say("floe: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the app cannot open a window.\n\
             To project a scenario without a window:  floe run FILE.ron [--csv OUT.csv] [--json OUT.json]\n\
             See `floe --help` for all commands.");
        return 1;
    }
    // A file named on the command line that cannot be read is reported
    // before the window opens (one with invalid values opens, flagged).
    if let Some(f) = &file
        && let Err(e) = io::load_scenario_unchecked(f)
    {
        say(&format!("error: {e}"));
        return crate::cli::EXIT_BAD_INPUT;
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("floe")
            .with_inner_size([1500.0, 920.0])
            .with_min_inner_size([900.0, 600.0])
            .with_app_id("floe"),
        ..Default::default()
    };
    let startup = Startup { reopen_last: file.is_none(), file, data_dir: eframe::storage_dir("floe"), no_native_dialogs: false };
    match eframe::run_native("floe", options, Box::new(move |cc| Ok(Box::new(FloeApp::from_creation(cc, startup))))) {
        Ok(()) => 0,
        Err(e) => {
            say(&format!("floe: could not open the app window: {e}\nTo project a scenario without a window: floe run FILE.ron"));
            1
        }
    }
}
