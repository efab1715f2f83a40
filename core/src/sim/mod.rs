//! Simulation over many requests: a seeded generator of its own ([`rng`]) and batch runs that
//! send the same request with consecutive seeds and count where each one ends ([`batch`]), so
//! a weighted split or round robin can be shown converging to its configured shares.
//!
//! Nothing here reads a clock or an outside source of randomness: the seed is an input.

pub mod batch;
pub mod rng;

pub use batch::{Distribution, configured_weights, run, run_with};
pub use rng::SplitMix64;
