//! Where requests start and end: instances and other network interfaces, Lambda functions and
//! RDS databases.

use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use super::common::Position;
use super::id::{AccountId, DatabaseId, InstanceId, LambdaId, RegionId, SecurityGroupId, SubnetId};

/// What kind of workload owns a network interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
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

crate::json_enum!(InstanceKind {
    Instance = "instance",
    Eni = "eni",
    EcsTask = "ecs_task",
    EksPod = "eks_pod",
});

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
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    pub id: InstanceId,
    pub name: Option<String>,
    pub kind: InstanceKind,
    pub subnet: SubnetId,
    /// The private address; the trace picks one from the subnet when absent.
    pub ip: Option<IpAddr>,
    /// Security groups on the interface; the VPC's default group when empty (the trace decides).
    pub security_groups: Vec<SecurityGroupId>,
    /// The IAM role the workload signs requests with, as an ARN.
    pub role: Option<String>,
    pub position: Option<Position>,
}

crate::json_struct!(Instance {
    id: req,
    name: opt,
    kind: opt,
    subnet: req,
    ip: opt,
    security_groups: opt,
    role: opt,
    position: opt,
});

/// A Lambda function, as a VPC Lattice target.
#[derive(Clone, Debug, PartialEq)]
pub struct Lambda {
    pub id: LambdaId,
    pub name: Option<String>,
    pub account: Option<AccountId>,
    pub region: Option<RegionId>,
    pub position: Option<Position>,
}

crate::json_struct!(Lambda {
    id: req,
    name: opt,
    account: opt,
    region: opt,
    position: opt,
});

/// An RDS database instance or cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct Database {
    pub id: DatabaseId,
    pub name: Option<String>,
    /// The engine, such as `postgres` or `aurora-mysql`.
    pub engine: Option<String>,
    pub subnet: SubnetId,
    pub ip: Option<IpAddr>,
    /// The listening port. Default 5432.
    pub port: u16,
    pub security_groups: Vec<SecurityGroupId>,
    /// Reachable from the internet; such a database cannot back a resource configuration
    /// (aws-rules.md R-RC-04).
    pub publicly_accessible: bool,
    pub position: Option<Position>,
}

crate::json_struct!(Database {
    id: req,
    name: opt,
    engine: opt,
    subnet: req,
    ip: opt,
    port: fill(default_db_port()),
    security_groups: opt,
    publicly_accessible: opt,
    position: opt,
});

fn default_db_port() -> u16 {
    5432
}
