//! Internet and NAT gateways.

use alloc::string::String;

use serde::{Deserialize, Serialize};

use super::common::{Position, is_true, yes};
use super::id::{InternetGatewayId, NatGatewayId, SubnetId, VpcId};

/// An internet gateway, attached to at most one VPC.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternetGateway {
    pub id: InternetGatewayId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The VPC it is attached to; detached when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<VpcId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// A NAT gateway in a subnet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NatGateway {
    pub id: NatGatewayId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub subnet: SubnetId,
    /// Public connectivity (reaches the internet through an internet gateway); `false` for a
    /// private NAT gateway.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub public: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}
