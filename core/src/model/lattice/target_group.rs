//! VPC Lattice target groups and their targets (aws-rules.md R-TG-01..10).

use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use crate::model::common::Position;
use crate::model::id::{
    AccountId, InstanceId, LambdaId, LoadBalancerId, RegionId, TargetGroupId, VpcId,
};

/// The kind of targets a group holds; fixed at creation (R-TG-01). There is no NLB type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TargetType {
    Instance,
    /// IP addresses; ECS tasks and EKS pods register this way.
    Ip,
    Lambda,
    /// One internal Application Load Balancer.
    Alb,
}

crate::json_enum!(TargetType {
    Instance = "instance",
    Ip = "ip",
    Lambda = "lambda",
    Alb = "alb",
});

impl TargetType {
    /// The name used in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Instance => "instance",
            Self::Ip => "ip",
            Self::Lambda => "lambda",
            Self::Alb => "alb",
        }
    }
}

/// The protocol a target group speaks to its targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TargetGroupProtocol {
    Http,
    Https,
    /// Only with TLS passthrough listeners (R-TG-09).
    Tcp,
}

crate::json_enum!(TargetGroupProtocol {
    Http = "http",
    Https = "https",
    Tcp = "tcp",
});

impl TargetGroupProtocol {
    /// The name used in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Http => "http",
            Self::Https => "https",
            Self::Tcp => "tcp",
        }
    }
}

/// A target group.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetGroup {
    pub id: TargetGroupId,
    pub name: Option<String>,
    pub account: Option<AccountId>,
    pub region: Option<RegionId>,
    pub kind: TargetType,
    /// The protocol to the targets; absent for Lambda target groups.
    pub protocol: Option<TargetGroupProtocol>,
    /// The port to the targets; absent for Lambda target groups.
    pub port: Option<u16>,
    /// The VPC of the targets; absent for Lambda target groups.
    pub vpc: Option<VpcId>,
    /// Health check settings; the defaults of R-TG-03 when absent (none for Lambda and ALB).
    pub health_check: Option<HealthCheck>,
    pub targets: Vec<Target>,
    pub position: Option<Position>,
}

crate::json_struct!(TargetGroup {
    id: req,
    name: opt,
    account: opt,
    region: opt,
    kind as "type": req,
    protocol: opt,
    port: opt,
    vpc: opt,
    health_check: opt,
    targets: opt,
    position: opt,
});

/// Health check settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HealthCheck {
    pub enabled: bool,
    pub path: Option<String>,
    pub port: Option<u16>,
}

crate::json_struct!(HealthCheck {
    enabled: fill(true),
    path: opt,
    port: opt,
});

/// What a target is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetRef {
    Instance(InstanceId),
    Ip(IpAddr),
    Lambda(LambdaId),
    LoadBalancer(LoadBalancerId),
}

/// The health of a registered target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum TargetHealth {
    #[default]
    Healthy,
    Unhealthy,
    /// Registered, no health check passed yet (R-TG-03).
    Initial,
    Unavailable,
    Draining,
}

crate::json_enum!(TargetHealth {
    Healthy = "healthy",
    Unhealthy = "unhealthy",
    Initial = "initial",
    Unavailable = "unavailable",
    Draining = "draining",
});

/// A registered target: `{"instance": "i-1", "port": 8080, "health": "unhealthy"}`, naming
/// exactly one of `instance`, `ip`, `lambda` or `load_balancer`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub to: TargetRef,
    /// The port; the group's port when absent.
    pub port: Option<u16>,
    pub health: TargetHealth,
}

struct TargetRepr {
    instance: Option<InstanceId>,
    ip: Option<IpAddr>,
    lambda: Option<LambdaId>,
    load_balancer: Option<LoadBalancerId>,
    port: Option<u16>,
    health: TargetHealth,
}

crate::json_struct!(TargetRepr {
    instance: opt,
    ip: opt,
    lambda: opt,
    load_balancer: opt,
    port: opt,
    health: opt,
});

impl TryFrom<TargetRepr> for Target {
    type Error = &'static str;

    fn try_from(r: TargetRepr) -> Result<Self, Self::Error> {
        let to = match (r.instance, r.ip, r.lambda, r.load_balancer) {
            (Some(i), None, None, None) => TargetRef::Instance(i),
            (None, Some(ip), None, None) => TargetRef::Ip(ip),
            (None, None, Some(l), None) => TargetRef::Lambda(l),
            (None, None, None, Some(lb)) => TargetRef::LoadBalancer(lb),
            _ => {
                return Err(
                    "a target names exactly one of `instance`, `ip`, `lambda` or `load_balancer`",
                );
            }
        };
        Ok(Self {
            to,
            port: r.port,
            health: r.health,
        })
    }
}

impl From<Target> for TargetRepr {
    fn from(t: Target) -> Self {
        let mut r = Self {
            instance: None,
            ip: None,
            lambda: None,
            load_balancer: None,
            port: t.port,
            health: t.health,
        };
        match t.to {
            TargetRef::Instance(i) => r.instance = Some(i),
            TargetRef::Ip(ip) => r.ip = Some(ip),
            TargetRef::Lambda(l) => r.lambda = Some(l),
            TargetRef::LoadBalancer(lb) => r.load_balancer = Some(lb),
        }
        r
    }
}

impl crate::model::codec::ToJson for Target {
    fn write_json(&self, out: &mut String) {
        crate::model::codec::ToJson::write_json(&TargetRepr::from(self.clone()), out);
    }
}

impl crate::model::codec::FromJson for Target {
    fn from_json(node: crate::json::Node) -> Result<Self, crate::json::JsonError> {
        let pos = node.pos;
        let repr = <TargetRepr as crate::model::codec::FromJson>::from_json(node)?;
        Self::try_from(repr).map_err(|m| crate::model::codec::invalid(pos, String::from(m)))
    }
}
