//! Elastic Load Balancing: application, network and gateway load balancers.

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::common::{Position, is_false};
use super::id::{LoadBalancerId, SecurityGroupId, SubnetId, VpcId};
use super::lattice::target_group::Target;

/// The kind of load balancer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadBalancerType {
    /// Application Load Balancer.
    Alb,
    /// Network Load Balancer.
    Nlb,
    /// Gateway Load Balancer.
    Gwlb,
}

impl LoadBalancerType {
    /// The words used in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Alb => "Application Load Balancer",
            Self::Nlb => "Network Load Balancer",
            Self::Gwlb => "Gateway Load Balancer",
        }
    }
}

/// Whether a load balancer faces the internet.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    #[default]
    Internal,
    InternetFacing,
}

/// A load balancer in a VPC.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadBalancer {
    pub id: LoadBalancerId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: LoadBalancerType,
    #[serde(default, skip_serializing_if = "is_internal")]
    pub scheme: Scheme,
    pub vpc: VpcId,
    /// One subnet per Availability Zone the load balancer serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<SubnetId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupId>,
    /// The ports its listeners accept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listener_ports: Vec<u16>,
    /// Where it forwards traffic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    /// Network Load Balancer target group attribute: each connection to a target starts with a
    /// proxy protocol version 2 header carrying the client's address and, through an endpoint
    /// service, the VPC endpoint id (aws-rules.md R-EPS-07).
    #[serde(default, skip_serializing_if = "is_false")]
    pub proxy_protocol_v2: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

fn is_internal(s: &Scheme) -> bool {
    *s == Scheme::Internal
}
