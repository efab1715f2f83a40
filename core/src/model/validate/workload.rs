//! Security groups, prefix lists, and the workloads that carry them: instances, Lambda
//! functions, databases and load balancers.

use alloc::format;

use super::Ctx;
use crate::model::diagnostic::Code;
use crate::model::id::SecurityGroupId;
use crate::model::kind::Kind;
use crate::model::security_group::{SgPeer, is_aws_managed_prefix_list};

/// Security groups per network interface (the default quota).
const MAX_GROUPS_PER_INTERFACE: usize = 5;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    for g in &doc.security_groups {
        let id = g.id.as_str();
        cx.refer(Kind::SecurityGroup, id, Kind::Vpc, g.vpc.as_str());
        for rule in g.ingress.iter().chain(&g.egress) {
            if let Some(p) = rule.ports
                && !p.is_valid_for_security_group()
            {
                cx.emit(
                    Code::PortRangeInvalid,
                    id,
                    format!("security group `{id}` has the port range `{p}`: ports run from 0 to 65535, low to high"),
                );
            }
            match &rule.peer {
                SgPeer::Cidr(_) => {}
                SgPeer::SecurityGroup(other) => {
                    cx.refer(Kind::SecurityGroup, id, Kind::SecurityGroup, other.as_str());
                }
                SgPeer::PrefixList(pl) => {
                    if !is_aws_managed_prefix_list(pl.as_str()) {
                        cx.refer(Kind::SecurityGroup, id, Kind::PrefixList, pl.as_str());
                    }
                }
            }
        }
    }
    for i in &doc.instances {
        let id = i.id.as_str();
        if !cx.refer(Kind::Instance, id, Kind::Subnet, i.subnet.as_str()) {
            continue;
        }
        let Some(subnet) = cx.subnet(i.subnet.as_str()) else {
            continue;
        };
        cx.groups_in_vpc(Kind::Instance, id, subnet.vpc.as_str(), &i.security_groups);
        group_count(cx, Kind::Instance, id, &i.security_groups);
    }
    for l in &doc.lambdas {
        cx.account(Kind::Lambda, l.id.as_str(), l.account.as_ref());
        cx.region(Kind::Lambda, l.id.as_str(), l.region.as_ref());
    }
    for d in &doc.databases {
        let id = d.id.as_str();
        if !cx.refer(Kind::Database, id, Kind::Subnet, d.subnet.as_str()) {
            continue;
        }
        let Some(subnet) = cx.subnet(d.subnet.as_str()) else {
            continue;
        };
        cx.groups_in_vpc(Kind::Database, id, subnet.vpc.as_str(), &d.security_groups);
        group_count(cx, Kind::Database, id, &d.security_groups);
    }
    for lb in &doc.load_balancers {
        let id = lb.id.as_str();
        if !cx.refer(Kind::LoadBalancer, id, Kind::Vpc, lb.vpc.as_str()) {
            continue;
        }
        cx.subnets_in_vpc(Kind::LoadBalancer, id, lb.vpc.as_str(), &lb.subnets);
        cx.groups_in_vpc(Kind::LoadBalancer, id, lb.vpc.as_str(), &lb.security_groups);
        group_count(cx, Kind::LoadBalancer, id, &lb.security_groups);
    }
}

/// Reports more security groups than a network interface takes.
pub(super) fn group_count(cx: &mut Ctx<'_>, owner: Kind, id: &str, groups: &[SecurityGroupId]) {
    if groups.len() > MAX_GROUPS_PER_INTERFACE {
        cx.emit(
            Code::TooManySecurityGroups,
            id,
            format!(
                "{} `{id}` has {} security groups: a network interface takes at most {MAX_GROUPS_PER_INTERFACE}",
                owner.noun(),
                groups.len()
            ),
        );
    }
}
