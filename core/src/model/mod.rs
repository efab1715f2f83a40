//! The topology model: every object kind of the playground, the versioned JSON document that
//! holds them, and validation against the rules AWS enforces when you create them.
//!
//! The flow is parse, validate, then pass the checked value:
//!
//! ```text
//! text ──load()──► Document ──Topology::try_from──► Topology (+ warnings)
//!                     │                 └─ errors ─► InvalidTopology { diagnostics }
//!                     └── validate() ──► Vec<Diagnostic>
//! ```
//!
//! Policies inside the model (endpoint policies, auth policies, identity policies) are kept as
//! JSON values; the policy engine reads them.

pub mod account;
pub mod codec;
pub mod common;
pub mod compute;
pub mod diagnostic;
pub mod document;
pub mod endpoint;
pub mod endpoint_service;
pub mod flow;
pub mod gateway;
pub mod id;
pub mod identity_policy;
pub mod kind;
pub mod lattice;
pub mod load_balancer;
pub mod peering;
pub mod resource_configuration;
pub mod resource_endpoint;
pub mod resource_gateway;
pub mod route_table;
pub mod security_group;
pub mod subnet;
pub mod synthetic;
pub mod topology;
mod validate;
pub mod vpc;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use document::{CURRENT_VERSION, Document, LoadError, MAX_DOCUMENT_BYTES, load, load_slice};
pub use kind::{Kind, Slot};
pub use topology::{InvalidTopology, OpenError, Topology};
pub use validate::validate;
