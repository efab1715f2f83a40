//! VPC peering connections. A peering is drawn as a line between its two VPCs.

use alloc::string::String;

use serde::{Deserialize, Serialize};

use super::common::{is_true, yes};
use super::id::{PeeringId, VpcId};

/// A VPC peering connection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Peering {
    pub id: PeeringId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub requester: VpcId,
    pub accepter: VpcId,
    /// Whether the accepter accepted the request. Default true.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub accepted: bool,
}
