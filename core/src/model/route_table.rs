//! Route tables. The local routes of the VPC and the prefix-list routes of gateway endpoints are
//! implied (AWS adds them); the document lists the routes a person adds.

use alloc::string::String;
use alloc::vec::Vec;

use super::common::Position;
use super::id::{InstanceId, InternetGatewayId, NatGatewayId, PeeringId, RouteTableId, VpcId};
use crate::net::Cidr;

/// A route table.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteTable {
    pub id: RouteTableId,
    pub name: Option<String>,
    pub vpc: VpcId,
    /// The VPC's main route table, used by subnets that name no route table.
    pub main: bool,
    pub routes: Vec<Route>,
    pub position: Option<Position>,
}

crate::json_struct!(RouteTable {
    id: req,
    name: opt,
    vpc: req,
    main: opt,
    routes: opt,
    position: opt,
});

/// One route: a destination block and where matching traffic goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub destination: Cidr,
    pub target: RouteTarget,
}

crate::json_struct!(Route {
    destination: req,
    target: req,
});

/// Where a route sends traffic. Written `"local"` or `{"internet_gateway": "igw-1"}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteTarget {
    /// The VPC itself; the destination must be one of the VPC's blocks.
    Local,
    InternetGateway(InternetGatewayId),
    NatGateway(NatGatewayId),
    Peering(PeeringId),
    /// An instance or network interface (a virtual appliance).
    Instance(InstanceId),
}

/// Written `"local"`, or `{"internet_gateway": "igw-1"}` and the like.
impl crate::model::codec::ToJson for RouteTarget {
    fn write_json(&self, out: &mut String) {
        use crate::json::write::key;
        let (name, id) = match self {
            Self::Local => {
                out.push_str("\"local\"");
                return;
            }
            Self::InternetGateway(id) => ("internet_gateway", id.as_str()),
            Self::NatGateway(id) => ("nat_gateway", id.as_str()),
            Self::Peering(id) => ("peering", id.as_str()),
            Self::Instance(id) => ("instance", id.as_str()),
        };
        out.push('{');
        key(out, name);
        id.write_json(out);
        out.push('}');
    }
}

impl crate::model::codec::FromJson for RouteTarget {
    fn from_json(node: crate::json::Node) -> Result<Self, crate::json::JsonError> {
        use crate::model::codec::{field, invalid, needs_value, tagged};
        const NAMES: &[&str] = &[
            "local",
            "internet_gateway",
            "nat_gateway",
            "peering",
            "instance",
        ];
        let pos = node.pos;
        match tagged(node, NAMES)? {
            (0, None) => Ok(Self::Local),
            (1, Some(m)) => field(m).map(Self::InternetGateway),
            (2, Some(m)) => field(m).map(Self::NatGateway),
            (3, Some(m)) => field(m).map(Self::Peering),
            (4, Some(m)) => field(m).map(Self::Instance),
            (0, Some(m)) => Err(invalid(
                m.key_pos,
                String::from("`local` takes no value: write `\"local\"`"),
            )),
            (i, _) => Err(needs_value(pos, NAMES, i)),
        }
    }
}
