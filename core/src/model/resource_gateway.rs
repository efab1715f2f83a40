//! Resource gateways: the point where traffic to a resource configuration enters the resource's
//! VPC (aws-rules.md R-RGW-01..07).

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::common::Position;
use super::id::{ResourceGatewayId, SecurityGroupId, SubnetId, VpcId};

/// The address family a resource gateway uses toward resources (R-RGW-05).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum IpAddressType {
    #[default]
    Ipv4,
    Ipv6,
    Dualstack,
}

impl IpAddressType {
    /// The name used in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ipv4 => "ipv4",
            Self::Ipv6 => "ipv6",
            Self::Dualstack => "dualstack",
        }
    }
}

/// A resource gateway in a VPC.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceGateway {
    pub id: ResourceGatewayId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub vpc: VpcId,
    pub subnets: Vec<SubnetId>,
    /// At most five (R-RGW-04).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupId>,
    #[serde(default, skip_serializing_if = "is_ipv4")]
    pub ip_address_type: IpAddressType,
    /// IPv4 addresses per network interface, 1 to 62. Default 16 (R-RGW-06).
    #[serde(
        default = "default_addresses",
        skip_serializing_if = "is_default_addresses"
    )]
    pub ipv4_addresses_per_eni: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

fn is_ipv4(t: &IpAddressType) -> bool {
    *t == IpAddressType::Ipv4
}

fn default_addresses() -> u32 {
    16
}

fn is_default_addresses(n: &u32) -> bool {
    *n == 16
}
