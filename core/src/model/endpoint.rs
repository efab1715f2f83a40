//! Gateway and interface VPC endpoints (the consumer side).

use alloc::string::String;
use alloc::vec::Vec;

use super::common::Position;
use super::id::{
    EndpointServiceId, GatewayEndpointId, InterfaceEndpointId, RouteTableId, SecurityGroupId,
    SubnetId, VpcId,
};

/// A gateway endpoint: a prefix-list route to Amazon S3 or DynamoDB in the chosen route tables
/// (aws-rules.md R-GWE-01, R-GWE-02).
#[derive(Clone, Debug, PartialEq)]
pub struct GatewayEndpoint {
    pub id: GatewayEndpointId,
    pub name: Option<String>,
    pub vpc: VpcId,
    /// The service name, such as `com.amazonaws.us-east-1.s3`.
    pub service: String,
    /// The route tables that receive the prefix-list route.
    pub route_tables: Vec<RouteTableId>,
    /// The endpoint policy as IAM policy JSON; the full-access default when absent (R-EPP-02).
    pub policy: Option<crate::json::Value>,
    pub position: Option<Position>,
}

crate::json_struct!(GatewayEndpoint {
    id: req,
    name: opt,
    vpc: req,
    service: req,
    route_tables: opt,
    policy: opt,
    position: opt,
});

/// What an interface endpoint connects to: an AWS service by name, or an endpoint service in the
/// document. Written `{"aws": "com.amazonaws.us-east-1.sqs"}` or
/// `{"endpoint_service": "vpce-svc-orders"}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointTarget {
    Aws(String),
    EndpointService(EndpointServiceId),
}

crate::json_oneof!(EndpointTarget {
    Aws = "aws",
    EndpointService = "endpoint_service",
});

/// An interface endpoint: a network interface in each chosen subnet (aws-rules.md R-IFE-01).
#[derive(Clone, Debug, PartialEq)]
pub struct InterfaceEndpoint {
    pub id: InterfaceEndpointId,
    pub name: Option<String>,
    pub vpc: VpcId,
    pub service: EndpointTarget,
    /// One subnet per Availability Zone.
    pub subnets: Vec<SubnetId>,
    /// The groups on the endpoint's interfaces; the VPC's default group when empty (R-IFE-03).
    pub security_groups: Vec<SecurityGroupId>,
    /// Private DNS for the service's name. Default true.
    pub private_dns: bool,
    /// The endpoint policy as IAM policy JSON; the full-access default when absent (R-EPP-02).
    pub policy: Option<crate::json::Value>,
    pub position: Option<Position>,
}

crate::json_struct!(InterfaceEndpoint {
    id: req,
    name: opt,
    vpc: req,
    service: req,
    subnets: req,
    security_groups: opt,
    private_dns: or(true),
    policy: opt,
    position: opt,
});

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
