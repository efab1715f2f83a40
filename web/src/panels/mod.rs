//! The panels around the canvas: palette, inspector, diagnostics, toolbar, shortcuts.

pub mod diagnostics;
pub mod inspector;
pub mod palette;
pub mod shortcuts;
pub mod toolbar;
