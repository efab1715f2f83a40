//! VPCs, subnets, route tables, internet and NAT gateways, and peerings.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::vec::Vec;

use super::Ctx;
use crate::model::diagnostic::Code;
use crate::model::kind::Kind;
use crate::model::route_table::RouteTarget;
use crate::net::Cidr;

pub(super) fn check(cx: &mut Ctx<'_>) {
    vpcs(cx);
    subnets(cx);
    route_tables(cx);
    gateways(cx);
    peerings(cx);
}

fn vpcs(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    for vpc in &doc.vpcs {
        let id = vpc.id.as_str();
        cx.account(Kind::Vpc, id, vpc.account.as_ref());
        cx.region(Kind::Vpc, id, vpc.region.as_ref());
        if vpc.ipv4_cidrs().next().is_none() {
            cx.emit(
                Code::VpcMissingIpv4,
                id,
                format!(
                    "VPC `{id}` has no IPv4 block: every VPC starts with one, such as `10.0.0.0/16`"
                ),
            );
        }
        for c in vpc.ipv4_cidrs() {
            if !(16..=28).contains(&c.prefix_len()) {
                cx.emit(
                    Code::VpcCidrSize,
                    id,
                    format!(
                        "VPC `{id}` has the block `{c}`: IPv4 VPC blocks are between /16 and /28"
                    ),
                );
            }
        }
        if let Some((a, b)) = first_overlap(vpc.cidrs.iter()) {
            cx.emit(
                Code::VpcCidrOverlap,
                id,
                format!("VPC `{id}` has the overlapping blocks `{a}` and `{b}`"),
            );
        }
    }
}

/// The first pair of overlapping blocks, found by sorting: in a sorted list of CIDR blocks an
/// overlap always shows against the widest block seen so far.
/// The blocks are sorted as `(block, "")` pairs: the same type the subnet check sorts, so the
/// browser bundle carries one copy of the sorting code for both.
pub(super) fn first_overlap<'c>(blocks: impl Iterator<Item = &'c Cidr>) -> Option<(Cidr, Cidr)> {
    let mut sorted: Vec<(Cidr, &str)> = blocks.map(|c| (*c, "")).collect();
    sorted.sort();
    let mut widest: Option<Cidr> = None;
    for (c, _) in sorted {
        match widest {
            Some(w) if w.overlaps(&c) => return Some((w, c)),
            _ => widest = Some(c),
        }
    }
    None
}

fn subnets(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    for s in &doc.subnets {
        let id = s.id.as_str();
        if !cx.refer(Kind::Subnet, id, Kind::Vpc, s.vpc.as_str()) {
            continue;
        }
        let Some(vpc) = cx.vpc(s.vpc.as_str()) else {
            continue;
        };
        for block in s.cidrs() {
            if !vpc.holds(block) {
                cx.emit(
                    Code::SubnetOutsideVpc,
                    id,
                    format!(
                        "subnet `{id}` has the block `{block}`, which is not inside any block of VPC `{}`",
                        vpc.id
                    ),
                );
            }
        }
        let (_, region) = cx.vpc_home(vpc);
        if let Some(r) = cx.declared_region(region)
            && !r.zones.is_empty()
            && !r.zones.iter().any(|z| z == &s.zone)
        {
            cx.emit(
                Code::ZoneNotInRegion,
                id,
                format!(
                    "subnet `{id}` is in zone `{}`, which is not a zone of Region `{region}`",
                    s.zone
                ),
            );
        }
        if let Some(rt) = &s.route_table
            && cx.refer(Kind::Subnet, id, Kind::RouteTable, rt.as_str())
            && let Some(table) = cx.route_table(rt.as_str())
            && table.vpc != s.vpc
        {
            cx.emit(
                Code::WrongVpc,
                id,
                format!(
                    "subnet `{id}` is in VPC `{}`, but its route table `{rt}` is in VPC `{}`",
                    s.vpc, table.vpc
                ),
            );
        }
    }
    let by_vpc = core::mem::take(&mut cx.subnets_by_vpc);
    for (vpc, subnets) in &by_vpc {
        let mut blocks: Vec<(Cidr, &str)> = subnets
            .iter()
            .flat_map(|s| s.cidrs().map(move |c| (*c, s.id.as_str())))
            .collect();
        blocks.sort();
        let mut widest: Option<(Cidr, &str)> = None;
        for (c, sid) in blocks {
            match widest {
                Some((w, wid)) if w.overlaps(&c) => cx.emit(
                    Code::SubnetOverlap,
                    sid,
                    format!(
                        "subnet `{sid}` (`{c}`) overlaps subnet `{wid}` (`{w}`) in VPC `{vpc}`"
                    ),
                ),
                _ => widest = Some((c, sid)),
            }
        }
    }
    cx.subnets_by_vpc = by_vpc;
}

fn route_tables(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    let mut mains: BTreeMap<&str, &str> = BTreeMap::new();
    for rt in &doc.route_tables {
        let id = rt.id.as_str();
        if !cx.refer(Kind::RouteTable, id, Kind::Vpc, rt.vpc.as_str()) {
            continue;
        }
        if rt.main
            && let Some(first) = mains.insert(rt.vpc.as_str(), id)
        {
            cx.emit(
                Code::MultipleMainRouteTables,
                id,
                format!(
                    "VPC `{}` has two main route tables, `{first}` and `{id}`",
                    rt.vpc
                ),
            );
        }
        let vpc = cx.vpc(rt.vpc.as_str());
        let mut seen = BTreeSet::new();
        for route in &rt.routes {
            let dest = route.destination;
            if !seen.insert(dest) {
                cx.emit(
                    Code::DuplicateRoute,
                    id,
                    format!("route table `{id}` has two routes to `{dest}`"),
                );
            }
            let target_vpc = match &route.target {
                RouteTarget::Local => {
                    if let Some(v) = vpc
                        && !v.cidrs.contains(&dest)
                    {
                        cx.emit(
                            Code::LocalRouteMismatch,
                            id,
                            format!("route table `{id}` has a local route to `{dest}`, which is not a block of VPC `{}`", v.id),
                        );
                    }
                    None
                }
                RouteTarget::InternetGateway(g) => {
                    if cx.refer(Kind::RouteTable, id, Kind::InternetGateway, g.as_str()) {
                        let gw = cx.internet_gateway(g.as_str());
                        match gw.and_then(|x| x.vpc.as_ref()) {
                            Some(v) => Some((g.as_str(), v.as_str())),
                            None => Some((g.as_str(), "")),
                        }
                    } else {
                        None
                    }
                }
                RouteTarget::NatGateway(n) => {
                    if cx.refer(Kind::RouteTable, id, Kind::NatGateway, n.as_str()) {
                        cx.nat_gateway(n.as_str())
                            .and_then(|x| cx.subnet(x.subnet.as_str()))
                            .map(|s| (n.as_str(), s.vpc.as_str()))
                    } else {
                        None
                    }
                }
                RouteTarget::Peering(p) => {
                    if cx.refer(Kind::RouteTable, id, Kind::Peering, p.as_str()) {
                        let peering = cx.peering(p.as_str());
                        match peering {
                            Some(x) if x.requester == rt.vpc || x.accepter == rt.vpc => None,
                            Some(x) => Some((p.as_str(), x.requester.as_str())),
                            None => None,
                        }
                    } else {
                        None
                    }
                }
                RouteTarget::Instance(i) => {
                    if cx.refer(Kind::RouteTable, id, Kind::Instance, i.as_str()) {
                        cx.instance(i.as_str())
                            .and_then(|x| cx.subnet(x.subnet.as_str()))
                            .map(|s| (i.as_str(), s.vpc.as_str()))
                    } else {
                        None
                    }
                }
            };
            if let Some((target, other)) = target_vpc
                && other != rt.vpc.as_str()
            {
                cx.emit(
                    Code::WrongVpc,
                    id,
                    format!("route table `{id}` of VPC `{}` routes `{dest}` to `{target}`, which is not in or attached to that VPC", rt.vpc),
                );
            }
        }
    }
}

fn gateways(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    let mut attached: BTreeMap<&str, &str> = BTreeMap::new();
    for g in &doc.internet_gateways {
        let id = g.id.as_str();
        if let Some(v) = &g.vpc
            && cx.refer(Kind::InternetGateway, id, Kind::Vpc, v.as_str())
            && let Some(first) = attached.insert(v.as_str(), id)
        {
            cx.emit(
                Code::MultipleInternetGateways,
                id,
                format!(
                    "VPC `{v}` has two internet gateways, `{first}` and `{id}`: a VPC takes one"
                ),
            );
        }
    }
    for n in &doc.nat_gateways {
        cx.refer(
            Kind::NatGateway,
            n.id.as_str(),
            Kind::Subnet,
            n.subnet.as_str(),
        );
    }
}

fn peerings(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    for p in &doc.peerings {
        let id = p.id.as_str();
        let a = cx.refer(Kind::Peering, id, Kind::Vpc, p.requester.as_str());
        let b = cx.refer(Kind::Peering, id, Kind::Vpc, p.accepter.as_str());
        if !(a && b) {
            continue;
        }
        if p.requester == p.accepter {
            cx.emit(
                Code::PeeringSameVpc,
                id,
                format!("peering `{id}` connects VPC `{}` to itself", p.requester),
            );
            continue;
        }
        let (Some(va), Some(vb)) = (cx.vpc(p.requester.as_str()), cx.vpc(p.accepter.as_str()))
        else {
            continue;
        };
        'outer: for x in va.ipv4_cidrs() {
            for y in vb.ipv4_cidrs() {
                if x.overlaps(y) {
                    cx.emit(
                        Code::PeeringCidrOverlap,
                        id,
                        format!(
                            "peering `{id}` joins VPC `{}` (`{x}`) and VPC `{}` (`{y}`), whose IPv4 blocks overlap: AWS fails such a peering",
                            va.id, vb.id
                        ),
                    );
                    break 'outer;
                }
            }
        }
    }
}
