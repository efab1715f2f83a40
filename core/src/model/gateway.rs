//! Internet and NAT gateways.

use alloc::string::String;

use super::common::Position;
use super::id::{InternetGatewayId, NatGatewayId, SubnetId, VpcId};

/// An internet gateway, attached to at most one VPC.
#[derive(Clone, Debug, PartialEq)]
pub struct InternetGateway {
    pub id: InternetGatewayId,
    pub name: Option<String>,
    /// The VPC it is attached to; detached when absent.
    pub vpc: Option<VpcId>,
    pub position: Option<Position>,
}

crate::json_struct!(InternetGateway {
    id: req,
    name: opt,
    vpc: opt,
    position: opt,
});

/// A NAT gateway in a subnet.
#[derive(Clone, Debug, PartialEq)]
pub struct NatGateway {
    pub id: NatGatewayId,
    pub name: Option<String>,
    pub subnet: SubnetId,
    /// Public connectivity (reaches the internet through an internet gateway); `false` for a
    /// private NAT gateway.
    pub public: bool,
    pub position: Option<Position>,
}

crate::json_struct!(NatGateway {
    id: req,
    name: opt,
    subnet: req,
    public: or(true),
    position: opt,
});
