//! The vpcplay simulator core.
//!
//! Everything that knows about AWS networking lives here, and nothing else does: the browser app
//! (`vpcplay-web`) and the native `vpcplay` command line are thin shells around this crate.
//!
//! The crate is `no_std` + `alloc`: it reads no clock, touches no file system and draws no
//! randomness it was not handed, so the same input gives the same result on every platform.
//!
//! Layers, bottom to top:
//! - [`net`]: addresses, CIDR blocks and the arithmetic on them.
//! - [`json`]: the project's own JSON: a reader with positions and limits, a writer, and `Value`.
//! - [`model`]: every object kind, the versioned topology document, and validation against AWS rules.
//! - [`policy`]: IAM-style auth and endpoint policies, evaluated with an explanation.
//! - [`privatelink`]: hop rules of gateway and interface endpoints, endpoint services and resource gateways.
//! - [`trace`]: the request walker that joins the layers into hops and a verdict with reason codes.
//! - [`lattice`]: VPC Lattice hop rules: service-network connections, the auth chain, listeners, rules and target groups.
//! - [`sim`]: batch runs over seeded choices, with a seeded generator of its own.
//! - [`share`]: a whole document as the fragment of a link, compressed, with hard limits on what a link may cost.
//! - [`edit`]: the edits a person makes on the canvas, as operations on a document.

#![no_std]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod edit;
pub mod json;
pub mod lattice;
pub mod model;
pub mod net;
pub mod policy;
pub mod privatelink;
pub mod rules;
pub mod share;
pub mod sim;
pub mod trace;
