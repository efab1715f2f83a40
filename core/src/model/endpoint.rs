//! Gateway and interface VPC endpoints (the consumer side).

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::common::{Position, is_true, yes};
use super::id::{
    EndpointServiceId, GatewayEndpointId, InterfaceEndpointId, RouteTableId, SecurityGroupId,
    SubnetId, VpcId,
};

/// A gateway endpoint: a prefix-list route to Amazon S3 or DynamoDB in the chosen route tables
/// (aws-rules.md R-GWE-01, R-GWE-02).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GatewayEndpoint {
    pub id: GatewayEndpointId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub vpc: VpcId,
    /// The service name, such as `com.amazonaws.us-east-1.s3`.
    pub service: String,
    /// The route tables that receive the prefix-list route.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<RouteTableId>,
    /// The endpoint policy as IAM policy JSON; the full-access default when absent (R-EPP-02).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// What an interface endpoint connects to: an AWS service by name, or an endpoint service in the
/// document. Written `{"aws": "com.amazonaws.us-east-1.sqs"}` or
/// `{"endpoint_service": "vpce-svc-orders"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointTarget {
    Aws(String),
    EndpointService(EndpointServiceId),
}

/// An interface endpoint: a network interface in each chosen subnet (aws-rules.md R-IFE-01).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterfaceEndpoint {
    pub id: InterfaceEndpointId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub vpc: VpcId,
    pub service: EndpointTarget,
    /// One subnet per Availability Zone.
    pub subnets: Vec<SubnetId>,
    /// The groups on the endpoint's interfaces; the VPC's default group when empty (R-IFE-03).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroupId>,
    /// Private DNS for the service's name. Default true.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub private_dns: bool,
    /// The endpoint policy as IAM policy JSON; the full-access default when absent (R-EPP-02).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// The AWS service a service name such as `com.amazonaws.us-east-1.s3` names, with its Region:
/// `Some(("us-east-1", "s3"))`.
pub fn split_service_name(name: &str) -> Option<(&str, &str)> {
    let rest = name.strip_prefix("com.amazonaws.")?;
    let (region, service) = rest.split_once('.')?;
    if region.is_empty() || service.is_empty() {
        return None;
    }
    Some((region, service))
}
