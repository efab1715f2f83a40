//! Resource configurations: a resource (an address, a domain name or an RDS database) made
//! reachable through a resource gateway (aws-rules.md R-RC-01..05).

use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::common::{PortRange, Position, Protocol};
use super::id::{AccountId, DatabaseId, RegionId, ResourceConfigurationId, ResourceGatewayId};

/// The four kinds of resource configuration (R-RC-01).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceConfigurationType {
    /// One IP address or domain name.
    Single,
    /// A collection of child configurations.
    Group,
    /// A member of a group; shared only through the group.
    Child,
    /// A resource provisioned by an AWS service, named by ARN.
    Arn,
}

impl ResourceConfigurationType {
    /// The name used in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Group => "group",
            Self::Child => "child",
            Self::Arn => "arn",
        }
    }
}

/// What the configuration points at: `{"ip": "10.0.3.7"}`, `{"domain": "db.example.internal"}`,
/// `{"arn": "arn:aws:rds:…"}` or `{"database": "rds-orders"}` (an RDS database in the document).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceDefinition {
    Ip(IpAddr),
    Domain(String),
    Arn(String),
    Database(DatabaseId),
}

/// A resource configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceConfiguration {
    pub id: ResourceConfigurationId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<RegionId>,
    #[serde(rename = "type")]
    pub kind: ResourceConfigurationType,
    /// The resource gateway; a child uses its group's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<ResourceGatewayId>,
    /// The group a child belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ResourceConfigurationId>,
    /// Only TCP is supported (R-RC-02). Default tcp.
    #[serde(default, skip_serializing_if = "is_tcp")]
    pub protocol: Protocol,
    /// The ports consumers may use (R-RC-03).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub port_ranges: Vec<PortRange>,
    /// The resource; absent for a group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<ResourceDefinition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

fn is_tcp(p: &Protocol) -> bool {
    *p == Protocol::Tcp
}
