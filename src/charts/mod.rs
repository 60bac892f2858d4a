//! The charts of a plan, below both the app and the exports: the app's
//! chart tabs, its slides and report view, `floe export` and `floe report`
//! all read and draw them from here, and nothing here imports `app`,
//! `export` or `cli`.
//!
//! Layout (each module imports only the ones above it in this list):
//! - [`registry`]: what each chart is, once (key, title, units, headline
//!   series, in the report or not). Plain data, built without the GUI.
//! - [`calls`]: the lenders' calls (accelerations) the leverage and cash
//!   charts mark, and their words. Plain data too, built without the GUI.
//! - [`colors`], [`legend`]: chart colours per theme; legends above a plot.
//! - [`series`]: monthly series as plot points.
//! - [`overlay`]: other plans drawn over a chart (their headline series).
//! - [`plot`]: the frame every chart shares (month axis, y grids, hover).
//! - [`share`], [`revenue`], [`leverage`], [`cash`], [`fleet`]: one chart each.
//! - [`draw`]: how each chart of the registry is drawn (an exhaustive match).
//! - [`fan`]: the bands and median of a Monte Carlo fan (app and report).
//!
//! Everything but the registry and the calls draws with egui_plot and is
//! behind the `gui` feature.

pub mod calls;
pub mod registry;

#[cfg(feature = "gui")]
pub mod cash;
#[cfg(feature = "gui")]
pub mod colors;
#[cfg(feature = "gui")]
pub mod draw;
#[cfg(feature = "gui")]
pub mod fan;
#[cfg(feature = "gui")]
pub mod fleet;
#[cfg(feature = "gui")]
pub mod legend;
#[cfg(feature = "gui")]
pub mod leverage;
#[cfg(feature = "gui")]
pub mod overlay;
#[cfg(feature = "gui")]
pub mod plot;
#[cfg(feature = "gui")]
pub mod revenue;
#[cfg(feature = "gui")]
pub mod series;
#[cfg(feature = "gui")]
pub mod share;

pub use registry::{Chart, ChartSpec, Headline};

#[cfg(feature = "gui")]
pub use draw::{ChartInputs, draw};
#[cfg(feature = "gui")]
pub use plot::{ChartOptions, Drawn};
