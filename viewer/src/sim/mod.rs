//! Where the packet stands at each hop: the playground's own `web/src/sim/path.rs`.
// Lints that hold back for the playground's exported API (`avoid-breaking-exported-api`) apply here,
// where the same items are private.
#![allow(dead_code, unreachable_pub, clippy::wrong_self_convention)]

#[path = "../../../web/src/sim/path.rs"]
pub mod path;
