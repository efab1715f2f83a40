//! Subnets: a slice of a VPC's address space in one Availability Zone.

use alloc::string::String;

use super::common::Position;
use super::id::{RouteTableId, SubnetId, VpcId, ZoneId};
use crate::net::Cidr;

/// A subnet.
#[derive(Clone, Debug, PartialEq)]
pub struct Subnet {
    pub id: SubnetId,
    pub name: Option<String>,
    pub vpc: VpcId,
    /// The Availability Zone, by zone id.
    pub zone: ZoneId,
    /// The subnet's block: IPv4, or IPv6 for an IPv6-only subnet.
    pub cidr: Cidr,
    /// An IPv6 block next to an IPv4 `cidr`, making the subnet dual-stack.
    pub ipv6_cidr: Option<Cidr>,
    /// The associated route table; the VPC's main route table when absent.
    pub route_table: Option<RouteTableId>,
    /// Shared with this account from another account through AWS RAM.
    pub shared: bool,
    pub position: Option<Position>,
}

crate::json_struct!(Subnet {
    id: req,
    name: opt,
    vpc: req,
    zone: req,
    cidr: req,
    ipv6_cidr: opt,
    route_table: opt,
    shared: opt,
    position: opt,
});

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
