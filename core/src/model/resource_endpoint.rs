//! Resource VPC endpoints: a consumer VPC's private way to one resource configuration
//! (aws-rules.md R-RC-05).

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::common::{Position, is_true, yes};
use super::id::{ResourceConfigurationId, ResourceEndpointId, SecurityGroupId, SubnetId, VpcId};

/// A VPC endpoint of type resource.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceEndpoint {
    pub id: ResourceEndpointId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub vpc: VpcId,
    pub resource_configuration: ResourceConfigurationId,
    pub subnets: Vec<SubnetId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupId>,
    /// Private DNS for the resource's name. Default true.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub private_dns: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}
