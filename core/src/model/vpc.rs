//! The VPC: address space, DNS attributes, owner and Region.

use alloc::string::String;
use alloc::vec::Vec;

use super::common::Position;
use super::id::{AccountId, RegionId, VpcId};
use crate::net::Cidr;

/// A VPC.
#[derive(Clone, Debug, PartialEq)]
pub struct Vpc {
    pub id: VpcId,
    pub name: Option<String>,
    /// The owner; the document's default account when absent.
    pub account: Option<AccountId>,
    /// The Region; the document's default Region when absent.
    pub region: Option<RegionId>,
    /// The address blocks, IPv4 first. A VPC always has a primary IPv4 block and may add more
    /// IPv4 blocks and IPv6 blocks.
    pub cidrs: Vec<Cidr>,
    /// `enableDnsSupport`: the Amazon-provided resolver answers in this VPC. Default true.
    pub dns_support: bool,
    /// `enableDnsHostnames`. Default true, as the console's VPC wizard sets it (the API default
    /// for a non-default VPC is false: write `false` to model that).
    pub dns_hostnames: bool,
    pub position: Option<Position>,
}

crate::json_struct!(Vpc {
    id: req,
    name: opt,
    account: opt,
    region: opt,
    cidrs: req,
    dns_support: or(true),
    dns_hostnames: or(true),
    position: opt,
});

impl Vpc {
    /// The IPv4 blocks.
    pub fn ipv4_cidrs(&self) -> impl Iterator<Item = &Cidr> {
        self.cidrs.iter().filter(|c| c.net().addr().is_ipv4())
    }

    /// Whether some block of the VPC wholly holds `block`.
    pub fn holds(&self, block: &Cidr) -> bool {
        self.cidrs.iter().any(|c| c.contains(block))
    }
}
