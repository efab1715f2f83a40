//! Service networks, the three kinds of association, and service-network endpoints.

use alloc::string::String;
use alloc::vec::Vec;

use crate::model::common::Position;
use crate::model::id::{
    AccountId, RegionId, ResourceAssociationId, ResourceConfigurationId, SecurityGroupId,
    ServiceAssociationId, ServiceId, ServiceNetworkEndpointId, ServiceNetworkId, SubnetId,
    VpcAssociationId, VpcId,
};

/// How a service network or service authorizes requests (aws-rules.md R-AUTH-03..05).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum AuthType {
    /// No auth policy is applied.
    #[default]
    None,
    /// The auth policy decides; with no policy everything is denied.
    AwsIam,
}

crate::json_enum!(AuthType {
    None = "none",
    AwsIam = "aws_iam",
});

/// A service network.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceNetwork {
    pub id: ServiceNetworkId,
    pub name: Option<String>,
    pub account: Option<AccountId>,
    pub region: Option<RegionId>,
    pub auth_type: AuthType,
    /// The auth policy as IAM policy JSON.
    pub auth_policy: Option<crate::json::Value>,
    pub position: Option<Position>,
}

crate::json_struct!(ServiceNetwork {
    id: req,
    name: opt,
    account: opt,
    region: opt,
    auth_type: opt,
    auth_policy: opt,
    position: opt,
});

/// A VPC's direct association with a service network (one per VPC, aws-rules.md R-SN-01).
#[derive(Clone, Debug, PartialEq)]
pub struct VpcAssociation {
    pub id: VpcAssociationId,
    pub service_network: ServiceNetworkId,
    pub vpc: VpcId,
    /// Security groups on the association; at most five (R-SN-04).
    pub security_groups: Vec<SecurityGroupId>,
}

crate::json_struct!(VpcAssociation {
    id: req,
    service_network: req,
    vpc: req,
    security_groups: opt,
});

/// A service's association with a service network.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceAssociation {
    pub id: ServiceAssociationId,
    pub service_network: ServiceNetworkId,
    pub service: ServiceId,
}

crate::json_struct!(ServiceAssociation {
    id: req,
    service_network: req,
    service: req,
});

/// A resource configuration's association with a service network.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceAssociation {
    pub id: ResourceAssociationId,
    pub service_network: ServiceNetworkId,
    pub resource_configuration: ResourceConfigurationId,
}

crate::json_struct!(ResourceAssociation {
    id: req,
    service_network: req,
    resource_configuration: req,
});

/// A VPC endpoint of type service network: one service network each, one subnet per
/// Availability Zone (aws-rules.md R-SN-03).
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceNetworkEndpoint {
    pub id: ServiceNetworkEndpointId,
    pub name: Option<String>,
    pub vpc: VpcId,
    pub service_network: ServiceNetworkId,
    pub subnets: Vec<SubnetId>,
    pub security_groups: Vec<SecurityGroupId>,
    /// Private DNS for the services and resources of the network. Default true.
    pub private_dns: bool,
    pub position: Option<Position>,
}

crate::json_struct!(ServiceNetworkEndpoint {
    id: req,
    name: opt,
    vpc: req,
    service_network: req,
    subnets: req,
    security_groups: opt,
    private_dns: or(true),
    position: opt,
});
