//! The vpcplay playground: a Leptos client-side app around `vpcplay-core`.
//!
//! This crate draws and reacts; it holds no networking semantics. Anything about how AWS behaves
//! belongs in the core, which this crate calls.

pub mod app;
pub mod canvas;
pub mod export;
pub mod gallery;
pub mod icons;
pub mod panels;
pub mod perf;
pub mod share;
pub mod sim;
pub mod state;

pub use app::App;
