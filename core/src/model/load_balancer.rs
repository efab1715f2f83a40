//! Elastic Load Balancing: application, network and gateway load balancers.

use alloc::string::String;
use alloc::vec::Vec;

use super::common::Position;
use super::id::{LoadBalancerId, SecurityGroupId, SubnetId, VpcId};
use super::lattice::target_group::Target;

/// The kind of load balancer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LoadBalancerType {
    /// Application Load Balancer.
    Alb,
    /// Network Load Balancer.
    Nlb,
    /// Gateway Load Balancer.
    Gwlb,
}

crate::json_enum!(LoadBalancerType {
    Alb = "alb",
    Nlb = "nlb",
    Gwlb = "gwlb",
});

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Scheme {
    #[default]
    Internal,
    InternetFacing,
}

crate::json_enum!(Scheme {
    Internal = "internal",
    InternetFacing = "internet_facing",
});

/// A load balancer in a VPC.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadBalancer {
    pub id: LoadBalancerId,
    pub name: Option<String>,
    pub kind: LoadBalancerType,
    pub scheme: Scheme,
    pub vpc: VpcId,
    /// One subnet per Availability Zone the load balancer serves.
    pub subnets: Vec<SubnetId>,
    pub security_groups: Vec<SecurityGroupId>,
    /// The ports its listeners accept.
    pub listener_ports: Vec<u16>,
    /// Where it forwards traffic.
    pub targets: Vec<Target>,
    /// Network Load Balancer target group attribute: each connection to a target starts with a
    /// proxy protocol version 2 header carrying the client's address and, through an endpoint
    /// service, the VPC endpoint id (aws-rules.md R-EPS-07).
    pub proxy_protocol_v2: bool,
    pub position: Option<Position>,
}

crate::json_struct!(LoadBalancer {
    id: req,
    name: opt,
    kind as "type": req,
    scheme: opt,
    vpc: req,
    subnets: opt,
    security_groups: opt,
    listener_ports: opt,
    targets: opt,
    proxy_protocol_v2: opt,
    position: opt,
});
