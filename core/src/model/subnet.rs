//! Subnets: a slice of a VPC's address space in one Availability Zone.

use alloc::string::String;

use serde::{Deserialize, Serialize};

use super::common::{Position, cidr_text, is_false};
use super::id::{RouteTableId, SubnetId, VpcId, ZoneId};
use crate::net::Cidr;

/// A subnet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    pub id: SubnetId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub vpc: VpcId,
    /// The Availability Zone, by zone id.
    pub zone: ZoneId,
    /// The subnet's block: IPv4, or IPv6 for an IPv6-only subnet.
    #[serde(with = "cidr_text")]
    pub cidr: Cidr,
    /// An IPv6 block next to an IPv4 `cidr`, making the subnet dual-stack.
    #[serde(
        default,
        with = "cidr_text::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub ipv6_cidr: Option<Cidr>,
    /// The associated route table; the VPC's main route table when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_table: Option<RouteTableId>,
    /// Shared with this account from another account through AWS RAM.
    #[serde(default, skip_serializing_if = "is_false")]
    pub shared: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

impl Subnet {
    /// Whether the subnet has an IPv4 block.
    pub fn has_ipv4(&self) -> bool {
        self.cidr.net().addr().is_ipv4()
    }

    /// Whether the subnet has an IPv6 block.
    pub fn has_ipv6(&self) -> bool {
        self.cidr.net().addr().is_ipv6() || self.ipv6_cidr.is_some()
    }

    /// The subnet's blocks.
    pub fn cidrs(&self) -> impl Iterator<Item = &Cidr> {
        core::iter::once(&self.cidr).chain(self.ipv6_cidr.iter())
    }
}
