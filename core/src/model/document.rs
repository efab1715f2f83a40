//! The topology document: the JSON a person writes, the web app saves and a URL carries.
//!
//! Reading is versioned. [`load`] looks at `"version"` first and dispatches: version 1 reads into
//! [`Document`] directly. When the format changes, the version-1 types are frozen in a `v1`
//! module next to this one together with an upgrade into the new types, so that every document
//! written by an older vpcplay keeps loading.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};

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

/// How deeply JSON may nest (serde_json's own limit, kept here so messages can say it).
pub const MAX_NESTING: usize = 128;

/// A topology document, format version 1. Every list may be left out.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a vpcplay document")]
pub struct Document {
    /// Always [`CURRENT_VERSION`] once loaded.
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<Account>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpcs: Vec<Vpc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Subnet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<RouteTable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub internet_gateways: Vec<InternetGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nat_gateways: Vec<NatGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peerings: Vec<Peering>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefix_lists: Vec<PrefixList>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<Instance>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lambdas: Vec<Lambda>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub databases: Vec<Database>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancers: Vec<LoadBalancer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gateway_endpoints: Vec<GatewayEndpoint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interface_endpoints: Vec<InterfaceEndpoint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoint_services: Vec<EndpointService>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_networks: Vec<ServiceNetwork>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpc_associations: Vec<VpcAssociation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_associations: Vec<ServiceAssociation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_associations: Vec<ResourceAssociation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_network_endpoints: Vec<ServiceNetworkEndpoint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_groups: Vec<TargetGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_gateways: Vec<ResourceGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_configurations: Vec<ResourceConfiguration>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_endpoints: Vec<ResourceEndpoint>,
    /// The identity policies of the IAM roles and users that sign requests, one per principal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identity_policies: Vec<IdentityPolicy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
}

impl Document {
    /// An empty document of the current version.
    pub fn new() -> Self {
        Self {
            version: CURRENT_VERSION,
            ..Self::default()
        }
    }

    /// The document as pretty-printed JSON, in the current version.
    pub fn to_json(&self) -> String {
        super::codec::pretty(&self.to_json_compact())
    }

    /// The document as compact JSON, in the current version.
    pub fn to_json_compact(&self) -> String {
        super::codec::to_text(&WithVersion(self))
    }
}

/// Writes a document with its version set to the current one.
struct WithVersion<'a>(&'a Document);

impl Serialize for WithVersion<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.version == CURRENT_VERSION {
            self.0.serialize(s)
        } else {
            let mut doc = self.0.clone();
            doc.version = CURRENT_VERSION;
            doc.serialize(s)
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
                detail,
            } => {
                write!(f, "{detail} at line {line}, column {column}")
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
    match read_version(bytes)? {
        1 => super::codec::from_text::<Document>(bytes)
            .map(|mut doc| {
                doc.version = CURRENT_VERSION;
                doc
            })
            .map_err(|e| convert(&e)),
        found if found > CURRENT_VERSION => Err(LoadError::FutureVersion { found }),
        found => Err(LoadError::UnknownVersion { found }),
    }
}

/// The `version` of a document, read without reading the rest: every other field is skipped.
struct VersionProbe {
    version: Option<serde_json::Value>,
}

impl<'de> Deserialize<'de> for VersionProbe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = VersionProbe;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a vpcplay document: a JSON object with a `version`")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<VersionProbe, A::Error> {
                let mut version = None;
                while let Some(key) = map.next_key::<alloc::borrow::Cow<'de, str>>()? {
                    if key == "version" {
                        version = Some(map.next_value::<serde_json::Value>()?);
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                Ok(VersionProbe { version })
            }
        }

        d.deserialize_map(Visitor)
    }
}

fn read_version(bytes: &[u8]) -> Result<u64, LoadError> {
    let probe: VersionProbe = serde_json::from_slice(bytes).map_err(|e| convert(&e))?;
    let value = probe.version.ok_or(LoadError::MissingVersion)?;
    value.as_u64().ok_or_else(|| LoadError::BadVersion {
        found: value.to_string().chars().take(40).collect(),
    })
}

fn convert(e: &serde_json::Error) -> LoadError {
    let (line, column) = (e.line(), e.column());
    let detail = plain_words(&e.to_string());
    if detail.contains("recursion limit exceeded") {
        return LoadError::TooDeep { line, column };
    }
    match e.classify() {
        serde_json::error::Category::Data => LoadError::Invalid {
            line,
            column,
            detail,
        },
        _ => LoadError::NotJson {
            line,
            column,
            detail,
        },
    }
}

/// Strips serde_json's position suffix and replaces Rust type names with plain words.
fn plain_words(message: &str) -> String {
    let core = match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message),
        None => message,
    };
    let mut out: String = core.chars().take(400).collect();
    for (rust, words) in [
        ("expected u16", "expected a whole number from 0 to 65535"),
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        ("expected u64", "expected a whole number from 0 up"),
        ("expected f64", "expected a number"),
        ("expected a string", "expected text in quotes"),
    ] {
        if out.contains(rust) {
            out = out.replace(rust, words);
        }
    }
    out
}
