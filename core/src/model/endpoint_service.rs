//! Endpoint services: the provider side of PrivateLink.

use alloc::string::String;
use alloc::vec::Vec;

use super::common::Position;
use super::id::{AccountId, EndpointServiceId, InterfaceEndpointId, LoadBalancerId, RegionId};

/// An endpoint service in front of Network or Gateway Load Balancers (aws-rules.md R-EPS-01).
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointService {
    pub id: EndpointServiceId,
    pub name: Option<String>,
    pub account: Option<AccountId>,
    pub region: Option<RegionId>,
    pub load_balancers: Vec<LoadBalancerId>,
    /// Connection requests wait for the provider's acceptance. Default true (R-EPS-03).
    pub acceptance_required: bool,
    /// Principals (ARNs, or `*`) allowed to create endpoints; nobody when empty (R-EPS-02).
    pub allowed_principals: Vec<String>,
    /// The endpoint connections and their states.
    pub connections: Vec<Connection>,
    pub private_dns_name: Option<String>,
    /// The domain-ownership verification state of `private_dns_name` (R-EPS-05).
    pub private_dns_verification: Verification,
    pub position: Option<Position>,
}

crate::json_struct!(EndpointService {
    id: req,
    name: opt,
    account: opt,
    region: opt,
    load_balancers: req,
    acceptance_required: or(true),
    allowed_principals: opt,
    connections: opt,
    private_dns_name: opt,
    private_dns_verification: opt,
    position: opt,
});

impl EndpointService {
    /// Whether an allowed principal admits the account `account` to create an endpoint
    /// (aws-rules.md R-EPS-02, https://docs.aws.amazon.com/vpc/latest/privatelink/modify-endpoint-service.html).
    pub fn admits(&self, account: &str) -> bool {
        self.allowed_principals
            .iter()
            .any(|p| principal_admits(p, account))
    }

    /// The connection the service lists for `endpoint`, if any.
    pub fn connection(&self, endpoint: &str) -> Option<&Connection> {
        self.connections
            .iter()
            .find(|c| c.endpoint.as_str() == endpoint)
    }
}

/// Whether `principal` (an ARN or `*`) admits the account `account`: `*`, the account's root, or
/// a role or user of the account.
pub fn principal_admits(principal: &str, account: &str) -> bool {
    principal == "*"
        || principal
            .strip_prefix("arn:aws:iam::")
            .and_then(|rest| rest.split_once(':'))
            .is_some_and(|(acct, _)| acct == account)
}

/// An interface endpoint's connection to an endpoint service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    pub endpoint: InterfaceEndpointId,
    pub state: ConnectionState,
}

crate::json_struct!(Connection {
    endpoint: req,
    state: req,
});

/// The state of an endpoint connection, as the provider sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConnectionState {
    PendingAcceptance,
    Available,
    Rejected,
    Failed,
    Deleted,
}

crate::json_enum!(ConnectionState {
    PendingAcceptance = "pending_acceptance",
    Available = "available",
    Rejected = "rejected",
    Failed = "failed",
    Deleted = "deleted",
});

/// Domain-ownership verification of a private DNS name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Verification {
    #[default]
    Pending,
    Verified,
    Failed,
}

crate::json_enum!(Verification {
    Pending = "pending",
    Verified = "verified",
    Failed = "failed",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals() {
        let cases = [
            ("*", "111111111111", true),
            ("arn:aws:iam::111111111111:root", "111111111111", true),
            ("arn:aws:iam::111111111111:role/app", "111111111111", true),
            ("arn:aws:iam::222222222222:root", "111111111111", false),
            ("111111111111", "111111111111", false),
        ];
        for (p, a, want) in cases {
            assert_eq!(principal_admits(p, a), want, "{p} {a}");
        }
    }
}
