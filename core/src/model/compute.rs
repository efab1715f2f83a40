//! Where requests start and end: instances and other network interfaces, Lambda functions and
//! RDS databases.

use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::common::{Position, is_false};
use super::id::{AccountId, DatabaseId, InstanceId, LambdaId, RegionId, SecurityGroupId, SubnetId};

/// What kind of workload owns a network interface.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum InstanceKind {
    /// An EC2 instance.
    #[default]
    Instance,
    /// A bare elastic network interface.
    Eni,
    /// An ECS task (awsvpc mode); registers with target groups by IP.
    EcsTask,
    /// An EKS pod; registers with target groups by IP.
    EksPod,
}

impl InstanceKind {
    /// The words used in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Instance => "instance",
            Self::Eni => "network interface",
            Self::EcsTask => "ECS task",
            Self::EksPod => "EKS pod",
        }
    }
}

/// A workload with one network interface in a subnet: an EC2 instance, an ENI, an ECS task or an
/// EKS pod.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub id: InstanceId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "is_default_kind")]
    pub kind: InstanceKind,
    pub subnet: SubnetId,
    /// The private address; the trace picks one from the subnet when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpAddr>,
    /// Security groups on the interface; the VPC's default group when empty (the trace decides).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupId>,
    /// The IAM role the workload signs requests with, as an ARN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

fn is_default_kind(k: &InstanceKind) -> bool {
    *k == InstanceKind::Instance
}

/// A Lambda function, as a VPC Lattice target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lambda {
    pub id: LambdaId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<RegionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// An RDS database instance or cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Database {
    pub id: DatabaseId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The engine, such as `postgres` or `aurora-mysql`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    pub subnet: SubnetId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<IpAddr>,
    /// The listening port. Default 5432.
    #[serde(default = "default_db_port")]
    pub port: u16,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupId>,
    /// Reachable from the internet; such a database cannot back a resource configuration
    /// (aws-rules.md R-RC-04).
    #[serde(default, skip_serializing_if = "is_false")]
    pub publicly_accessible: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

fn default_db_port() -> u16 {
    5432
}
