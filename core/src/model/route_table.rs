//! Route tables. The local routes of the VPC and the prefix-list routes of gateway endpoints are
//! implied (AWS adds them); the document lists the routes a person adds.

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::common::{Position, cidr_text, is_false};
use super::id::{InstanceId, InternetGatewayId, NatGatewayId, PeeringId, RouteTableId, VpcId};
use crate::net::Cidr;

/// A route table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteTable {
    pub id: RouteTableId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub vpc: VpcId,
    /// The VPC's main route table, used by subnets that name no route table.
    #[serde(default, skip_serializing_if = "is_false")]
    pub main: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// One route: a destination block and where matching traffic goes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    #[serde(with = "cidr_text")]
    pub destination: Cidr,
    pub target: RouteTarget,
}

/// Where a route sends traffic. Written `"local"` or `{"internet_gateway": "igw-1"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteTarget {
    /// The VPC itself; the destination must be one of the VPC's blocks.
    Local,
    InternetGateway(InternetGatewayId),
    NatGateway(NatGatewayId),
    Peering(PeeringId),
    /// An instance or network interface (a virtual appliance).
    Instance(InstanceId),
}
