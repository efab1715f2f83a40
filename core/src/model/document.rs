//! The topology document: the JSON a person writes, the web app saves and a URL carries.
//!
//! Reading is versioned. [`load`] looks at `"version"` first and dispatches: version 1 reads into
//! [`Document`] directly. When the format changes, the version-1 types are frozen in a `v1`
//! module next to this one together with an upgrade into the new types, so that every document
//! written by an older vpcplay keeps loading.

use alloc::string::{String, ToString};

use crate::json::{ErrorKind, JsonError, Node, Shape};
use alloc::vec::Vec;
use core::fmt;

use super::account::{Account, Region};
use super::compute::{Database, Instance, Lambda};
use super::endpoint::{GatewayEndpoint, InterfaceEndpoint};
use super::endpoint_service::EndpointService;
use super::flow::Flow;
use super::gateway::{InternetGateway, NatGateway};
use super::identity_policy::IdentityPolicy;
use super::lattice::{
    ResourceAssociation, Service, ServiceAssociation, ServiceNetwork, ServiceNetworkEndpoint,
    TargetGroup, VpcAssociation,
};
use super::load_balancer::LoadBalancer;
use super::peering::Peering;
use super::resource_configuration::ResourceConfiguration;
use super::resource_endpoint::ResourceEndpoint;
use super::resource_gateway::ResourceGateway;
use super::route_table::RouteTable;
use super::security_group::{PrefixList, SecurityGroup};
use super::subnet::Subnet;
use super::vpc::Vpc;

/// The version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u64 = 1;

/// The largest document accepted, in bytes. A generated topology of 20,000 objects is about
/// 5 MB; anything near this limit is not a topology a person can look at.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// How deeply JSON may nest in a document. A document needs about ten levels, an embedded
/// policy a few more.
pub const MAX_NESTING: usize = 128;

/// A topology document, format version 1. Every list may be left out.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Document {
    /// Always [`CURRENT_VERSION`] once loaded.
    pub version: u64,
    pub name: Option<String>,
    pub description: Option<String>,
    pub accounts: Vec<Account>,
    pub regions: Vec<Region>,
    pub vpcs: Vec<Vpc>,
    pub subnets: Vec<Subnet>,
    pub route_tables: Vec<RouteTable>,
    pub internet_gateways: Vec<InternetGateway>,
    pub nat_gateways: Vec<NatGateway>,
    pub peerings: Vec<Peering>,
    pub security_groups: Vec<SecurityGroup>,
    pub prefix_lists: Vec<PrefixList>,
    pub instances: Vec<Instance>,
    pub lambdas: Vec<Lambda>,
    pub databases: Vec<Database>,
    pub load_balancers: Vec<LoadBalancer>,
    pub gateway_endpoints: Vec<GatewayEndpoint>,
    pub interface_endpoints: Vec<InterfaceEndpoint>,
    pub endpoint_services: Vec<EndpointService>,
    pub service_networks: Vec<ServiceNetwork>,
    pub vpc_associations: Vec<VpcAssociation>,
    pub service_associations: Vec<ServiceAssociation>,
    pub resource_associations: Vec<ResourceAssociation>,
    pub service_network_endpoints: Vec<ServiceNetworkEndpoint>,
    pub services: Vec<Service>,
    pub target_groups: Vec<TargetGroup>,
    pub resource_gateways: Vec<ResourceGateway>,
    pub resource_configurations: Vec<ResourceConfiguration>,
    pub resource_endpoints: Vec<ResourceEndpoint>,
    /// The identity policies of the IAM roles and users that sign requests, one per principal.
    pub identity_policies: Vec<IdentityPolicy>,
    pub flows: Vec<Flow>,
    /// The diagnostic codes a document that must be refused is refused for, such as
    /// `port_range_invalid`: `vpcplay check` compares them with what validation finds in an
    /// `*.invalid.json` document. Validation ignores the field.
    pub expect_invalid: Vec<String>,
}

crate::json_struct!(Document "a vpcplay document" {
    version: req,
    name: opt,
    description: opt,
    accounts: opt,
    regions: opt,
    vpcs: opt,
    subnets: opt,
    route_tables: opt,
    internet_gateways: opt,
    nat_gateways: opt,
    peerings: opt,
    security_groups: opt,
    prefix_lists: opt,
    instances: opt,
    lambdas: opt,
    databases: opt,
    load_balancers: opt,
    gateway_endpoints: opt,
    interface_endpoints: opt,
    endpoint_services: opt,
    service_networks: opt,
    vpc_associations: opt,
    service_associations: opt,
    resource_associations: opt,
    service_network_endpoints: opt,
    services: opt,
    target_groups: opt,
    resource_gateways: opt,
    resource_configurations: opt,
    resource_endpoints: opt,
    identity_policies: opt,
    flows: opt,
    expect_invalid: opt,
});

impl Document {
    /// An empty document of the current version.
    pub fn new() -> Self {
        Self {
            version: CURRENT_VERSION,
            ..Self::default()
        }
    }

    /// How many objects of every kind the document holds (drawn or not, flows included): a
    /// cheap measure of its size.
    pub fn object_count(&self) -> usize {
        self.accounts.len()
            + self.regions.len()
            + self.vpcs.len()
            + self.subnets.len()
            + self.route_tables.len()
            + self.internet_gateways.len()
            + self.nat_gateways.len()
            + self.peerings.len()
            + self.security_groups.len()
            + self.prefix_lists.len()
            + self.instances.len()
            + self.lambdas.len()
            + self.databases.len()
            + self.load_balancers.len()
            + self.gateway_endpoints.len()
            + self.interface_endpoints.len()
            + self.endpoint_services.len()
            + self.service_networks.len()
            + self.vpc_associations.len()
            + self.service_associations.len()
            + self.resource_associations.len()
            + self.service_network_endpoints.len()
            + self.services.len()
            + self.target_groups.len()
            + self.resource_gateways.len()
            + self.resource_configurations.len()
            + self.resource_endpoints.len()
            + self.identity_policies.len()
            + self.flows.len()
    }

    /// The document as pretty-printed JSON, in the current version.
    pub fn to_json(&self) -> String {
        super::codec::pretty(&self.to_json_compact())
    }

    /// The document as compact JSON, in the current version.
    pub fn to_json_compact(&self) -> String {
        if self.version == CURRENT_VERSION {
            super::codec::to_text(self)
        } else {
            let mut doc = self.clone();
            doc.version = CURRENT_VERSION;
            super::codec::to_text(&doc)
        }
    }
}

/// Why a document could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The input is empty or only whitespace.
    Empty,
    /// The input is larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge { bytes: usize },
    /// The input is not JSON.
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// The JSON nests deeper than [`MAX_NESTING`].
    TooDeep { line: usize, column: usize },
    /// The JSON has no `version`.
    MissingVersion,
    /// `version` is not a whole number.
    BadVersion { found: String },
    /// The document was written by a newer vpcplay.
    FutureVersion { found: u64 },
    /// No vpcplay ever wrote this version.
    UnknownVersion { found: u64 },
    /// The JSON does not have the shape of a document.
    Invalid {
        line: usize,
        column: usize,
        /// The JSON pointer of the offending value, such as `/vpcs/0/cidrs/1`.
        pointer: String,
        detail: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str(
                "the document is empty: a document is a JSON object such as `{\"version\": 1}`",
            ),
            Self::TooLarge { bytes } => write!(
                f,
                "the document is {bytes} bytes, more than the limit of {MAX_DOCUMENT_BYTES} bytes"
            ),
            Self::NotJson {
                line,
                column,
                detail,
            } => {
                write!(
                    f,
                    "the document is not valid JSON: {detail} at line {line}, column {column}"
                )
            }
            Self::TooDeep { line, column } => write!(
                f,
                "the document nests more than {MAX_NESTING} levels deep at line {line}, column {column}"
            ),
            Self::MissingVersion => {
                f.write_str("the document has no `version`: add `\"version\": 1` at the top level")
            }
            Self::BadVersion { found } => {
                write!(
                    f,
                    "`version` must be a whole number such as `1`, not `{found}`"
                )
            }
            Self::FutureVersion { found } => write!(
                f,
                "the document is version {found}, newer than this vpcplay reads (up to {CURRENT_VERSION}): update vpcplay to open it"
            ),
            Self::UnknownVersion { found } => write!(
                f,
                "version {found} is not a vpcplay document version: versions start at 1"
            ),
            Self::Invalid {
                line,
                column,
                pointer,
                detail,
            } => {
                if pointer.is_empty() {
                    write!(f, "{detail} at line {line}, column {column}")
                } else {
                    write!(f, "{detail} at `{pointer}`, line {line}, column {column}")
                }
            }
        }
    }
}

impl core::error::Error for LoadError {}

/// Reads a document from text. See [`load_slice`].
pub fn load(text: &str) -> Result<Document, LoadError> {
    load_slice(text.as_bytes())
}

/// Reads a document from bytes: checks the size, reads the version, then reads the document in
/// that version's format and brings it up to the current one.
pub fn load_slice(bytes: &[u8]) -> Result<Document, LoadError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(LoadError::TooLarge { bytes: bytes.len() });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty);
    }
    let root = parse_tree(bytes)?;
    load_tree(root)
}

/// Reads a document's bytes into a JSON tree with positions, within the document limits.
pub(crate) fn parse_tree(bytes: &[u8]) -> Result<Node, LoadError> {
    crate::json::parse_bytes(bytes, super::codec::DOCUMENT_LIMITS).map_err(convert)
}

/// Reads a document from its JSON tree: the version first, then the document in that version's
/// format, brought up to the current one.
pub(crate) fn load_tree(root: Node) -> Result<Document, LoadError> {
    match read_version(&root)? {
        1 => <Document as super::codec::FromJson>::from_json(root)
            .map(|mut doc| {
                doc.version = CURRENT_VERSION;
                doc
            })
            .map_err(convert),
        found if found > CURRENT_VERSION => Err(LoadError::FutureVersion { found }),
        found => Err(LoadError::UnknownVersion { found }),
    }
}

/// The `version` of a document, read before anything else so that each version is read in its
/// own format.
fn read_version(root: &Node) -> Result<u64, LoadError> {
    let Shape::Object(members) = &root.value else {
        return Err(convert(super::codec::expected(
            root,
            "a vpcplay document: a JSON object with a `version`",
        )));
    };
    let node = members
        .iter()
        .find(|m| m.key == "version")
        .map(|m| &m.node)
        .ok_or(LoadError::MissingVersion)?;
    if let Shape::Number(text) = &node.value
        && text.bytes().all(|b| b.is_ascii_digit())
        && let Ok(v) = text.parse::<u64>()
    {
        return Ok(v);
    }
    Err(LoadError::BadVersion {
        found: node
            .clone()
            .into_value()
            .to_string()
            .chars()
            .take(40)
            .collect(),
    })
}

fn convert(e: JsonError) -> LoadError {
    let line = usize::try_from(e.pos.line).unwrap_or(usize::MAX);
    let column = usize::try_from(e.pos.column).unwrap_or(usize::MAX);
    match e.kind {
        ErrorKind::TooDeep => LoadError::TooDeep { line, column },
        ErrorKind::Shape => LoadError::Invalid {
            line,
            column,
            pointer: e.pointer,
            detail: e.message,
        },
        ErrorKind::Syntax | ErrorKind::TooLarge => LoadError::NotJson {
            line,
            column,
            detail: e.message,
        },
    }
}
