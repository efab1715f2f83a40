//! VPC peering connections. A peering is drawn as a line between its two VPCs.

use alloc::string::String;

use super::id::{PeeringId, VpcId};

/// A VPC peering connection.
#[derive(Clone, Debug, PartialEq)]
pub struct Peering {
    pub id: PeeringId,
    pub name: Option<String>,
    pub requester: VpcId,
    pub accepter: VpcId,
    /// Whether the accepter accepted the request. Default true.
    pub accepted: bool,
}

crate::json_struct!(Peering {
    id: req,
    name: opt,
    requester: req,
    accepter: req,
    accepted: or(true),
});
