//! The playground's pure layout code (`web/src/canvas/`), shared file for file so that the
//! viewer draws every object where the playground does. Parts of it (hit testing, snapping) only
//! the editor uses.
// Lints that hold back for the playground's exported API (`avoid-breaking-exported-api`) apply here,
// where the same items are private.
#![allow(dead_code, unreachable_pub, clippy::wrong_self_convention)]

#[path = "../../../web/src/canvas/geometry.rs"]
pub mod geometry;
#[path = "../../../web/src/canvas/label.rs"]
pub mod label;
#[path = "../../../web/src/canvas/layout.rs"]
pub mod layout;
