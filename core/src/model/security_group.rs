//! Security groups and the prefix lists their rules may name.

use alloc::string::String;
use alloc::vec::Vec;

use super::common::{PortRange, Position, Protocol};
use super::id::{PrefixListId, SecurityGroupId, VpcId};
use crate::net::Cidr;

/// A security group: allow rules only, stateful (aws-rules.md R-VPC-03, R-VPC-04).
#[derive(Clone, Debug, PartialEq)]
pub struct SecurityGroup {
    pub id: SecurityGroupId,
    pub name: Option<String>,
    pub vpc: VpcId,
    pub ingress: Vec<SgRule>,
    /// Outbound rules. When absent, the rule AWS adds to every new group: all traffic to
    /// `0.0.0.0/0`. Write `[]` for a group that allows no outbound traffic.
    pub egress: Vec<SgRule>,
    pub position: Option<Position>,
}

crate::json_struct!(SecurityGroup {
    id: req,
    name: opt,
    vpc: req,
    ingress: fill,
    egress: fill(allow_all_egress()),
    position: opt,
});

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
#[derive(Clone, Debug, PartialEq)]
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

struct SgRuleRepr {
    protocol: Protocol,
    ports: Option<PortRange>,
    cidr: Option<Cidr>,
    security_group: Option<SecurityGroupId>,
    prefix_list: Option<PrefixListId>,
    description: Option<String>,
}

crate::json_struct!(SgRuleRepr {
    protocol: fill,
    ports: opt,
    cidr: opt,
    security_group: opt,
    prefix_list: opt,
    description: opt,
});

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

impl crate::model::codec::ToJson for SgRule {
    fn write_json(&self, out: &mut String) {
        crate::model::codec::ToJson::write_json(&SgRuleRepr::from(self.clone()), out);
    }
}

impl crate::model::codec::FromJson for SgRule {
    fn from_json(node: crate::json::Node) -> Result<Self, crate::json::JsonError> {
        let pos = node.pos;
        let repr = <SgRuleRepr as crate::model::codec::FromJson>::from_json(node)?;
        Self::try_from(repr).map_err(|m| crate::model::codec::invalid(pos, String::from(m)))
    }
}

/// A customer-managed prefix list: a named set of blocks.
///
/// AWS-managed prefix lists are named by their service name, such as
/// `com.amazonaws.us-east-1.s3` or `com.amazonaws.us-east-1.vpc-lattice`, and need no entry.
#[derive(Clone, Debug, PartialEq)]
pub struct PrefixList {
    pub id: PrefixListId,
    pub name: Option<String>,
    pub cidrs: Vec<Cidr>,
}

crate::json_struct!(PrefixList {
    id: req,
    name: opt,
    cidrs: req,
});

/// Whether a prefix-list name is one AWS manages (`com.amazonaws.<region>.<service>`).
pub fn is_aws_managed_prefix_list(name: &str) -> bool {
    name.starts_with("com.amazonaws.")
}
