//! The app's state outside the document itself: edit history, selection, viewport.

pub mod history;

pub use history::History;
