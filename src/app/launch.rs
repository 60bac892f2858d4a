//! Starting the desktop app: display detection (a friendly hint instead of
//! a raw windowing error), checking a file named on the command line, and
//! opening the eframe window.

use super::{FloeApp, Startup};
use crate::io;
use egui::{Vec2, vec2};
use std::path::PathBuf;

/// The size the window opens at before the screen is known; it fits a
/// 1024×768 projector with room for the title bar.
pub const FIRST_SIZE: Vec2 = vec2(1000.0, 700.0);
/// The size wanted on a large screen.
pub const FULL_SIZE: Vec2 = vec2(1500.0, 920.0);
/// Below this the panels cannot share the window.
pub const MIN_SIZE: Vec2 = vec2(640.0, 440.0);

/// floe's icon (assets/floe.png, 256 px, drawn by assets/make_icon.py), as
/// the window and the task bar show it; `None` if it could not be decoded.
pub fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/floe.png")).ok()
}

/// The window size for a screen of `monitor` points: the full size where it
/// fits, else what leaves room for the title bar, a task bar and a margin.
pub fn window_size_for(monitor: Vec2) -> Vec2 {
    let room = vec2(monitor.x * 0.94, monitor.y * 0.88);
    FULL_SIZE.min(room).max(MIN_SIZE.min(monitor))
}

/// The commands that fit the window to the screen once its size is known:
/// a first window grows to [`window_size_for`] the screen, a window larger than
/// the screen (restored from a bigger one) shrinks to it; both are centred.
/// `None` while the screen size is unknown; empty when nothing is to change.
pub fn fit_window(ctx: &egui::Context) -> Option<Vec<egui::ViewportCommand>> {
    let (monitor, inner) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect.map(|r| r.size())));
    let (monitor, inner) = (monitor.filter(|m| m.x > 1.0 && m.y > 1.0)?, inner?);
    let target = window_size_for(monitor);
    let first = (inner - FIRST_SIZE).length() < 2.0;
    let too_big = inner.x > monitor.x || inner.y > monitor.y * 0.95;
    if !first && !too_big {
        return Some(Vec::new());
    }
    let pos = ((monitor - target) * 0.5).max(Vec2::ZERO);
    Some(vec![egui::ViewportCommand::InnerSize(target), egui::ViewportCommand::OuterPosition(pos.to_pos2())])
}

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
    let mut viewport =
        egui::ViewportBuilder::default().with_title("floe").with_inner_size(FIRST_SIZE).with_min_inner_size(MIN_SIZE).with_app_id("floe");
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    let startup = Startup { reopen_last: file.is_none(), file, data_dir: eframe::storage_dir("floe"), no_native_dialogs: false };
    match eframe::run_native("floe", options, Box::new(move |cc| Ok(Box::new(FloeApp::from_creation(cc, startup))))) {
        Ok(()) => 0,
        Err(e) => {
            say(&format!("floe: could not open the app window: {e}\nTo project a scenario without a window: floe run FILE.ron"));
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_fits_a_projector_and_fills_a_large_screen_to_its_full_size() {
        let small = window_size_for(vec2(1024.0, 768.0));
        assert!(small.x <= 1024.0 * 0.95 && small.y <= 768.0 * 0.9, "{small:?}");
        assert!(small.x >= 900.0 && small.y >= 650.0, "{small:?} wastes the projector");
        let hd = window_size_for(vec2(1280.0, 720.0));
        assert!(hd.x <= 1280.0 && hd.y <= 720.0 * 0.9, "{hd:?}");
        assert_eq!(window_size_for(vec2(2560.0, 1440.0)), FULL_SIZE);
        // A tiny screen gets the whole screen's minimum, never more than the screen.
        let tiny = window_size_for(vec2(600.0, 400.0));
        assert!(tiny.x <= 600.0 && tiny.y <= 400.0, "{tiny:?}");
        const { assert!(FIRST_SIZE.x < 1024.0 && FIRST_SIZE.y < 768.0 * 0.95) };
    }

    #[test]
    fn the_window_icon_is_the_256_px_png_and_the_desktop_entry_names_it() {
        let icon = icon().expect("assets/floe.png decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Transparent corners (a rounded square), an opaque centre.
        assert_eq!(icon.rgba[3], 0, "top-left corner");
        assert_eq!(icon.rgba[(128 * 256 + 128) * 4 + 3], 255, "centre");
        let entry = include_str!("../../assets/floe.desktop");
        for line in ["Type=Application", "Name=floe", "Exec=floe %f", "Icon=floe"] {
            assert!(entry.lines().any(|l| l == line), "floe.desktop lacks {line:?}");
        }
    }
}
