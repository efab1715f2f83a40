//! Resource configurations: a resource (an address, a domain name or an RDS database) made
//! reachable through a resource gateway (aws-rules.md R-RC-01..05).

use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use super::common::{PortRange, Position, Protocol};
use super::id::{AccountId, DatabaseId, RegionId, ResourceConfigurationId, ResourceGatewayId};

/// The four kinds of resource configuration (R-RC-01).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

crate::json_enum!(ResourceConfigurationType {
    Single = "single",
    Group = "group",
    Child = "child",
    Arn = "arn",
});

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceDefinition {
    Ip(IpAddr),
    Domain(String),
    Arn(String),
    Database(DatabaseId),
}

crate::json_oneof!(ResourceDefinition {
    Ip = "ip",
    Domain = "domain",
    Arn = "arn",
    Database = "database",
});

/// A resource configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceConfiguration {
    pub id: ResourceConfigurationId,
    pub name: Option<String>,
    pub account: Option<AccountId>,
    pub region: Option<RegionId>,
    pub kind: ResourceConfigurationType,
    /// The resource gateway; a child uses its group's.
    pub gateway: Option<ResourceGatewayId>,
    /// The group a child belongs to.
    pub parent: Option<ResourceConfigurationId>,
    /// Only TCP is supported (R-RC-02). Default tcp.
    pub protocol: Protocol,
    /// The ports consumers may use (R-RC-03).
    pub port_ranges: Vec<PortRange>,
    /// The resource; absent for a group.
    pub definition: Option<ResourceDefinition>,
    pub position: Option<Position>,
}

crate::json_struct!(ResourceConfiguration {
    id: req,
    name: opt,
    account: opt,
    region: opt,
    kind as "type": req,
    gateway: opt,
    parent: opt,
    protocol: opt,
    port_ranges: opt,
    definition: opt,
    position: opt,
});
