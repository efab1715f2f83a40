//! The panels around the canvas: palette, inspector and its policy test bench, diagnostics,
//! toolbar, shortcuts.

pub mod diagnostics;
pub mod inspector;
pub mod palette;
pub mod policy_bench;
pub mod shortcuts;
pub mod toolbar;
