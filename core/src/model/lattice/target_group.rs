//! VPC Lattice target groups and their targets (aws-rules.md R-TG-01..10).

use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::model::common::Position;
use crate::model::id::{
    AccountId, InstanceId, LambdaId, LoadBalancerId, RegionId, TargetGroupId, VpcId,
};

/// The kind of targets a group holds; fixed at creation (R-TG-01). There is no NLB type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetType {
    Instance,
    /// IP addresses; ECS tasks and EKS pods register this way.
    Ip,
    Lambda,
    /// One internal Application Load Balancer.
    Alb,
}

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetGroupProtocol {
    Http,
    Https,
    /// Only with TLS passthrough listeners (R-TG-09).
    Tcp,
}

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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetGroup {
    pub id: TargetGroupId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<RegionId>,
    #[serde(rename = "type")]
    pub kind: TargetType,
    /// The protocol to the targets; absent for Lambda target groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<TargetGroupProtocol>,
    /// The port to the targets; absent for Lambda target groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// The VPC of the targets; absent for Lambda target groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<VpcId>,
    /// Health check settings; the defaults of R-TG-03 when absent (none for Lambda and ALB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheck>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// Health check settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthCheck {
    #[serde(default = "crate::model::common::yes")]
    pub enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
}

/// What a target is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetRef {
    Instance(InstanceId),
    Ip(IpAddr),
    Lambda(LambdaId),
    LoadBalancer(LoadBalancerId),
}

/// The health of a registered target.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TargetHealth {
    #[default]
    Healthy,
    Unhealthy,
    /// Registered, no health check passed yet (R-TG-03).
    Initial,
    Unavailable,
    Draining,
}

/// A registered target: `{"instance": "i-1", "port": 8080, "health": "unhealthy"}`, naming
/// exactly one of `instance`, `ip`, `lambda` or `load_balancer`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TargetRepr", into = "TargetRepr")]
pub struct Target {
    pub to: TargetRef,
    /// The port; the group's port when absent.
    pub port: Option<u16>,
    pub health: TargetHealth,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    instance: Option<InstanceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ip: Option<IpAddr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lambda: Option<LambdaId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    load_balancer: Option<LoadBalancerId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    port: Option<u16>,
    #[serde(default, skip_serializing_if = "is_healthy")]
    health: TargetHealth,
}

fn is_healthy(h: &TargetHealth) -> bool {
    *h == TargetHealth::Healthy
}

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
