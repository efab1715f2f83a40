//! Tests that cross crate boundaries: the core's public API as its users see it, and (under
//! `e2e/`) the browser app driven like a person would.
