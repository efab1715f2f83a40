//! Endpoint services: the provider side of PrivateLink.

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::common::{Position, is_true, yes};
use super::id::{AccountId, EndpointServiceId, InterfaceEndpointId, LoadBalancerId, RegionId};

/// An endpoint service in front of Network or Gateway Load Balancers (aws-rules.md R-EPS-01).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointService {
    pub id: EndpointServiceId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<RegionId>,
    pub load_balancers: Vec<LoadBalancerId>,
    /// Connection requests wait for the provider's acceptance. Default true (R-EPS-03).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub acceptance_required: bool,
    /// Principals (ARNs, or `*`) allowed to create endpoints; nobody when empty (R-EPS-02).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_principals: Vec<String>,
    /// The endpoint connections and their states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connections: Vec<Connection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_dns_name: Option<String>,
    /// The domain-ownership verification state of `private_dns_name` (R-EPS-05).
    #[serde(default, skip_serializing_if = "is_pending")]
    pub private_dns_verification: Verification,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// An interface endpoint's connection to an endpoint service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    pub endpoint: InterfaceEndpointId,
    pub state: ConnectionState,
}

/// The state of an endpoint connection, as the provider sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionState {
    PendingAcceptance,
    Available,
    Rejected,
    Failed,
    Deleted,
}

/// Domain-ownership verification of a private DNS name.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    #[default]
    Pending,
    Verified,
    Failed,
}

fn is_pending(v: &Verification) -> bool {
    *v == Verification::Pending
}
