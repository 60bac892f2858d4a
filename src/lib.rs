//! floe: a scenario planner for Bitcoin miners.
//!
//! Data flows one way: file ([`io`]) → text ([`format`]) → [`model::Scenario`]
//! → [`model::validate`] → [`engine::project`] → [`engine::Projection`] →
//! text tables ([`tabular`], described by [`schema`]), charts ([`charts`]: a registry, and
//! their drawings behind the `gui` feature) and tables (the `app`, behind the `gui` feature).

pub mod analysis;
pub mod catalog;
pub mod charts;
pub mod cli;
pub mod clock;
pub mod defaults;
pub mod engine;
pub mod examples;
pub mod format;
pub mod investments;
pub mod io;
mod listed;
pub mod model;
pub mod periods;
pub mod ron_path;
pub mod ron_text;
pub mod schema;
pub mod statements;
pub mod tabular;
pub mod text_cut;
pub mod units;
pub mod workbook;

#[cfg(feature = "gui")]
pub mod app;
#[cfg(feature = "gui")]
pub mod export;
