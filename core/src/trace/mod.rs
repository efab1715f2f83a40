//! Request tracing: a request goes in, and out comes the path it takes, hop by hop, or the place
//! it stops and the rule that stopped it.
//!
//! ```text
//! Request ──► walk(&Index, &Request) ──► Trace { hops, verdict }
//!               │ DNS (net::dns), security groups (net::security_group),
//!               │ route tables (net::route), endpoints and resource gateways (privatelink)
//! ```
//!
//! The same topology, request and seed give the same trace on every platform: nothing here reads
//! a clock or draws randomness, and every map iterates in key order.

mod check;
mod check_distribution;
pub mod compose;
mod hop;
pub(crate) mod index;
mod matrix;
mod reason;
mod request;
mod routing;
mod verdict;
pub(crate) mod walk;

#[cfg(feature = "cli")]
pub mod cli;

use alloc::string::String;
use alloc::vec::Vec;

pub use check::{check_flow, compare, compare_trace, describe};
pub use hop::{ComponentKind, DnsAnswer, Hop, Packet, ProxyProtocol, RouteTaken};
pub use index::{Index, ParsedPolicy, PolicyOf};
pub use matrix::{Cell, Matrix, reach_to, reachability};
pub use reason::ReasonCode;
pub use request::Request;
pub use verdict::{Blocked, Verdict};
pub use walk::MAX_HOPS;

use crate::model::Topology;

/// The path of a request and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    pub hops: Vec<Hop>,
    pub verdict: Verdict,
}

crate::json_struct!(write Trace {
    hops: req,
    verdict: req,
});

impl Trace {
    /// The trace as compact JSON (the browser and `vpcplay trace --json` read this).
    pub fn to_json(&self) -> String {
        crate::model::codec::to_text(self)
    }
}

/// Traces one request through a topology.
pub fn trace(topology: &Topology, request: &Request) -> Trace {
    let ix = Index::build(topology);
    walk::walk(&ix, request, true)
}

/// Traces one request with lookups built beforehand (for many requests on one topology).
pub fn trace_with(index: &Index<'_>, request: &Request) -> Trace {
    walk::walk(index, request, true)
}
