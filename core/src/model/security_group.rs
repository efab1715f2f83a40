//! Security groups and the prefix lists their rules may name.

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use super::common::{PortRange, Position, Protocol, cidr_text};
use super::id::{PrefixListId, SecurityGroupId, VpcId};
use crate::net::Cidr;

/// A security group: allow rules only, stateful (aws-rules.md R-VPC-03, R-VPC-04).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    pub id: SecurityGroupId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub vpc: VpcId,
    #[serde(default)]
    pub ingress: Vec<SgRule>,
    /// Outbound rules. When absent, the rule AWS adds to every new group: all traffic to
    /// `0.0.0.0/0`. Write `[]` for a group that allows no outbound traffic.
    #[serde(default = "allow_all_egress")]
    pub egress: Vec<SgRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

/// The outbound rule AWS adds to every new security group: all traffic to `0.0.0.0/0`.
pub fn allow_all_egress() -> Vec<SgRule> {
    "0.0.0.0/0"
        .parse::<Cidr>()
        .into_iter()
        .map(|any| SgRule {
            protocol: Protocol::All,
            ports: None,
            peer: SgPeer::Cidr(any),
            description: None,
        })
        .collect()
}

/// One rule: protocol, ports, and the peer (source for ingress, destination for egress).
///
/// Written flat: `{"protocol": "tcp", "ports": 443, "cidr": "10.0.0.0/16"}`, with exactly one of
/// `cidr`, `security_group` or `prefix_list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SgRuleRepr", into = "SgRuleRepr")]
pub struct SgRule {
    pub protocol: Protocol,
    /// The ports; every port when absent.
    pub ports: Option<PortRange>,
    pub peer: SgPeer,
    pub description: Option<String>,
}

/// The other side of a security group rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SgPeer {
    Cidr(Cidr),
    SecurityGroup(SecurityGroupId),
    PrefixList(PrefixListId),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SgRuleRepr {
    #[serde(default)]
    protocol: Protocol,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ports: Option<PortRange>,
    #[serde(
        default,
        with = "cidr_text::option",
        skip_serializing_if = "Option::is_none"
    )]
    cidr: Option<Cidr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    security_group: Option<SecurityGroupId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prefix_list: Option<PrefixListId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl TryFrom<SgRuleRepr> for SgRule {
    type Error = &'static str;

    fn try_from(r: SgRuleRepr) -> Result<Self, Self::Error> {
        let peer = match (r.cidr, r.security_group, r.prefix_list) {
            (Some(c), None, None) => SgPeer::Cidr(c),
            (None, Some(g), None) => SgPeer::SecurityGroup(g),
            (None, None, Some(p)) => SgPeer::PrefixList(p),
            _ => {
                return Err(
                    "a security group rule names exactly one of `cidr`, `security_group` or `prefix_list`",
                );
            }
        };
        Ok(Self {
            protocol: r.protocol,
            ports: r.ports,
            peer,
            description: r.description,
        })
    }
}

impl From<SgRule> for SgRuleRepr {
    fn from(r: SgRule) -> Self {
        let (cidr, security_group, prefix_list) = match r.peer {
            SgPeer::Cidr(c) => (Some(c), None, None),
            SgPeer::SecurityGroup(g) => (None, Some(g), None),
            SgPeer::PrefixList(p) => (None, None, Some(p)),
        };
        Self {
            protocol: r.protocol,
            ports: r.ports,
            cidr,
            security_group,
            prefix_list,
            description: r.description,
        }
    }
}

/// A customer-managed prefix list: a named set of blocks.
///
/// AWS-managed prefix lists are named by their service name, such as
/// `com.amazonaws.us-east-1.s3` or `com.amazonaws.us-east-1.vpc-lattice`, and need no entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrefixList {
    pub id: PrefixListId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(with = "cidr_text::list")]
    pub cidrs: Vec<Cidr>,
}

/// Whether a prefix-list name is one AWS manages (`com.amazonaws.<region>.<service>`).
pub fn is_aws_managed_prefix_list(name: &str) -> bool {
    name.starts_with("com.amazonaws.")
}
