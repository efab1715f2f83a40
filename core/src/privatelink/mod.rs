//! AWS PrivateLink and its neighbours, as hop rules of the trace: gateway endpoints (a
//! prefix-list route to S3 or DynamoDB), interface endpoints (network interfaces with security
//! groups and a policy), endpoint services (the provider side, behind a Network Load Balancer),
//! and resource configurations reached through resource gateways.
//!
//! Each file adds the steps of one concept to the trace walker; the walker decides when they run.

mod endpoint_policy;
mod endpoint_service;
mod gateway_endpoint;
mod interface_endpoint;
mod load_balancer;
mod resource_gateway;

pub(crate) use resource_gateway::association_address;

pub use endpoint_policy::{ApiCall, api_call};
