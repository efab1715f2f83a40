//! Service networks, the three kinds of association, and service-network endpoints.

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::model::common::{Position, is_true, yes};
use crate::model::id::{
    AccountId, RegionId, ResourceAssociationId, ResourceConfigurationId, SecurityGroupId,
    ServiceAssociationId, ServiceId, ServiceNetworkEndpointId, ServiceNetworkId, SubnetId,
    VpcAssociationId, VpcId,
};

/// How a service network or service authorizes requests (aws-rules.md R-AUTH-03..05).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum AuthType {
    /// No auth policy is applied.
    #[default]
    None,
    /// The auth policy decides; with no policy everything is denied.
    AwsIam,
}

/// A service network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceNetwork {
    pub id: ServiceNetworkId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<RegionId>,
    #[serde(default, skip_serializing_if = "is_none_auth")]
    pub auth_type: AuthType,
    /// The auth policy as IAM policy JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_policy: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

pub(crate) fn is_none_auth(a: &AuthType) -> bool {
    *a == AuthType::None
}

/// A VPC's direct association with a service network (one per VPC, aws-rules.md R-SN-01).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpcAssociation {
    pub id: VpcAssociationId,
    pub service_network: ServiceNetworkId,
    pub vpc: VpcId,
    /// Security groups on the association; at most five (R-SN-04).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupId>,
}

/// A service's association with a service network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceAssociation {
    pub id: ServiceAssociationId,
    pub service_network: ServiceNetworkId,
    pub service: ServiceId,
}

/// A resource configuration's association with a service network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceAssociation {
    pub id: ResourceAssociationId,
    pub service_network: ServiceNetworkId,
    pub resource_configuration: ResourceConfigurationId,
}

/// A VPC endpoint of type service network: one service network each, one subnet per
/// Availability Zone (aws-rules.md R-SN-03).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceNetworkEndpoint {
    pub id: ServiceNetworkEndpointId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub vpc: VpcId,
    pub service_network: ServiceNetworkId,
    pub subnets: Vec<SubnetId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupId>,
    /// Private DNS for the services and resources of the network. Default true.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub private_dns: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}
