//! Resource gateways: the point where traffic to a resource configuration enters the resource's
//! VPC (aws-rules.md R-RGW-01..07).

use alloc::string::String;
use alloc::vec::Vec;

use super::common::Position;
use super::id::{ResourceGatewayId, SecurityGroupId, SubnetId, VpcId};

/// The address family a resource gateway uses toward resources (R-RGW-05).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum IpAddressType {
    #[default]
    Ipv4,
    Ipv6,
    Dualstack,
}

crate::json_enum!(IpAddressType {
    Ipv4 = "ipv4",
    Ipv6 = "ipv6",
    Dualstack = "dualstack",
});

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
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceGateway {
    pub id: ResourceGatewayId,
    pub name: Option<String>,
    pub vpc: VpcId,
    pub subnets: Vec<SubnetId>,
    /// At most five (R-RGW-04).
    pub security_groups: Vec<SecurityGroupId>,
    pub ip_address_type: IpAddressType,
    /// IPv4 addresses per network interface, 1 to 62. Default 16 (R-RGW-06).
    pub ipv4_addresses_per_eni: u32,
    pub position: Option<Position>,
}

crate::json_struct!(ResourceGateway {
    id: req,
    name: opt,
    vpc: req,
    subnets: req,
    security_groups: opt,
    ip_address_type: opt,
    ipv4_addresses_per_eni: or(16),
    position: opt,
});
