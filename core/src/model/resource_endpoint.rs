//! Resource VPC endpoints: a consumer VPC's private way to one resource configuration
//! (aws-rules.md R-RC-05).

use alloc::string::String;
use alloc::vec::Vec;

use super::common::Position;
use super::id::{ResourceConfigurationId, ResourceEndpointId, SecurityGroupId, SubnetId, VpcId};

/// A VPC endpoint of type resource.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceEndpoint {
    pub id: ResourceEndpointId,
    pub name: Option<String>,
    pub vpc: VpcId,
    pub resource_configuration: ResourceConfigurationId,
    pub subnets: Vec<SubnetId>,
    pub security_groups: Vec<SecurityGroupId>,
    /// Private DNS for the resource's name. Default true.
    pub private_dns: bool,
    pub position: Option<Position>,
}

crate::json_struct!(ResourceEndpoint {
    id: req,
    name: opt,
    vpc: req,
    resource_configuration: req,
    subnets: req,
    security_groups: opt,
    private_dns: or(true),
    position: opt,
});
