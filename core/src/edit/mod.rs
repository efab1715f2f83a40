//! Edits a person makes on the canvas, as operations on a [`Document`]: create an object of a
//! kind with sensible defaults, connect two objects, move, delete.
//!
//! The browser editor calls these and never changes a document by itself, so what may contain
//! or connect to what — model knowledge — stays in the core. Every operation either succeeds or
//! leaves the document untouched and says why.

/// The one table of the kinds drawn on the canvas: each kind, its list in the document and the
/// type that list holds, in drawing order (containers before what they hold).
/// `drawn_lists!(m!(args))` expands to `m! { args; Vpc => vpcs: Vpc, … }`; the macros that walk or
/// pick a list are written on it, so none of them lists the kinds again.
macro_rules! drawn_lists {
    ($m:ident ! ($($args:tt)*)) => {
        $m! { $($args)* ;
            Vpc => vpcs: crate::model::vpc::Vpc,
            Subnet => subnets: crate::model::subnet::Subnet,
            RouteTable => route_tables: crate::model::route_table::RouteTable,
            SecurityGroup => security_groups: crate::model::security_group::SecurityGroup,
            InternetGateway => internet_gateways: crate::model::gateway::InternetGateway,
            NatGateway => nat_gateways: crate::model::gateway::NatGateway,
            Instance => instances: crate::model::compute::Instance,
            Lambda => lambdas: crate::model::compute::Lambda,
            Database => databases: crate::model::compute::Database,
            LoadBalancer => load_balancers: crate::model::load_balancer::LoadBalancer,
            GatewayEndpoint => gateway_endpoints: crate::model::endpoint::GatewayEndpoint,
            InterfaceEndpoint => interface_endpoints: crate::model::endpoint::InterfaceEndpoint,
            EndpointService => endpoint_services: crate::model::endpoint_service::EndpointService,
            ServiceNetwork => service_networks: crate::model::lattice::ServiceNetwork,
            ServiceNetworkEndpoint => service_network_endpoints:
                crate::model::lattice::ServiceNetworkEndpoint,
            Service => services: crate::model::lattice::Service,
            TargetGroup => target_groups: crate::model::lattice::TargetGroup,
            ResourceGateway => resource_gateways: crate::model::resource_gateway::ResourceGateway,
            ResourceConfiguration => resource_configurations:
                crate::model::resource_configuration::ResourceConfiguration,
            ResourceEndpoint => resource_endpoints:
                crate::model::resource_endpoint::ResourceEndpoint }
    };
}

pub mod clipboard;
mod connect;
mod create;
mod disconnect;
mod links;
mod object;
mod palette;
mod structure;

use alloc::string::String;
use core::fmt;

pub use connect::{Connection, connect};
pub use create::create;
pub use disconnect::disconnect;
pub use links::{Link, LinkKind, links};
pub use object::{duplicate, field, object_json, replace_object, set_field};
pub use palette::{Concept, PALETTE, PaletteItem, kind_by_name};
pub use structure::{
    children, delete, drawn, is_drawn, move_by, parent_of, placed, position_of, reparent,
    set_position, set_positions,
};

use crate::model::Kind;

#[cfg(doc)]
use crate::model::Document;

/// Why an edit was refused. The document is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// No object has this id.
    UnknownObject { id: String },
    /// An object of this kind must be placed inside one of another kind.
    NeedsContainer { kind: Kind, container: &'static str },
    /// The object cannot hold an object of this kind.
    WrongContainer {
        kind: Kind,
        container: Kind,
        expected: &'static str,
    },
    /// The two objects cannot be connected.
    CannotConnect { from: Kind, to: Kind, why: String },
    /// The connection exists already.
    AlreadyConnected { from: String, to: String },
    /// The kind is not drawn on the canvas, so it cannot be created there.
    NotDrawable { kind: Kind },
    /// The text written for an object is not a valid object of its kind.
    BadObject { detail: String },
    /// No free address block is left for the new object.
    NoFreeAddresses { container: String },
    /// The connection cannot be removed on its own.
    CannotDisconnect {
        from: String,
        to: String,
        why: String,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownObject { id } => write!(f, "no object has the id `{id}`"),
            Self::NeedsContainer { kind, container } => {
                write!(f, "{} goes inside {container}: drop it onto one", kind.a())
            }
            Self::WrongContainer {
                kind,
                container,
                expected,
            } => write!(
                f,
                "{} cannot go inside {}: it goes inside {expected}",
                kind.a(),
                container.a()
            ),
            Self::CannotConnect { why, .. } => f.write_str(why),
            Self::AlreadyConnected { from, to } => {
                write!(f, "`{from}` and `{to}` are already connected")
            }
            Self::NotDrawable { kind } => {
                write!(f, "{} is not drawn on the canvas", kind.a())
            }
            Self::BadObject { detail } => f.write_str(detail),
            Self::NoFreeAddresses { container } => {
                write!(
                    f,
                    "`{container}` has no free address block left for a new subnet"
                )
            }
            Self::CannotDisconnect { from, to, why } => {
                write!(f, "`{from}` → `{to}` stays connected: {why}")
            }
        }
    }
}

impl core::error::Error for EditError {}

#[cfg(test)]
mod tests;
