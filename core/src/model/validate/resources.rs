//! Resource gateways, resource configurations and resource endpoints.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::vec::Vec;

use super::Ctx;
use crate::model::common::{Protocol, is_private_v4};
use crate::model::diagnostic::Code;
use crate::model::kind::Kind;
use crate::model::resource_configuration::{
    ResourceConfiguration, ResourceConfigurationType as Type, ResourceDefinition,
};
use crate::model::resource_gateway::{IpAddressType, ResourceGateway};

/// Security groups per resource gateway (R-RGW-04).
const MAX_GATEWAY_GROUPS: usize = 5;

/// Resource gateways per VPC (R-RGW-03). The documentation disagrees with itself: the resource
/// gateway pages of the VPC Lattice and PrivateLink guides say "A VPC can have a maximum of 100
/// resource gateways", while the service quota table lists "Resource gateways per VPC: 500".
/// vpcplay warns above 100, the figure every reading allows, and names both in the message.
const MAX_GATEWAYS_PER_VPC: usize = 100;

pub(super) fn check(cx: &mut Ctx<'_>) {
    gateways(cx);
    configurations(cx);
    endpoints(cx);
}

fn gateways(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    let mut per_vpc: BTreeMap<&str, usize> = BTreeMap::new();
    for g in &doc.resource_gateways {
        let id = g.id.as_str();
        if !cx.refer(Kind::ResourceGateway, id, Kind::Vpc, g.vpc.as_str()) {
            continue;
        }
        let count = per_vpc.entry(g.vpc.as_str()).or_default();
        *count += 1;
        if *count == MAX_GATEWAYS_PER_VPC + 1 {
            cx.emit(
                Code::ResourceGatewayLimit,
                id,
                format!(
                    "VPC `{}` has more than {MAX_GATEWAYS_PER_VPC} resource gateways: the resource gateway guide allows 100 per VPC (the quota table says 500)",
                    g.vpc
                ),
            );
        }
        let subnets = cx.subnets_in_vpc(Kind::ResourceGateway, id, g.vpc.as_str(), &g.subnets);
        if g.subnets.is_empty() {
            cx.emit(
                Code::EndpointWithoutSubnets,
                id,
                format!("resource gateway `{id}` has no subnet: choose at least one"),
            );
        }
        for s in &subnets {
            if s.shared {
                cx.emit(
                    Code::ResourceGatewaySharedSubnet,
                    id,
                    format!("resource gateway `{id}` uses `{}`, a shared subnet: resource gateways cannot be created in shared subnets", s.id),
                );
            }
            let fits = match g.ip_address_type {
                IpAddressType::Ipv4 => s.has_ipv4(),
                IpAddressType::Ipv6 => s.has_ipv6() && !s.has_ipv4(),
                IpAddressType::Dualstack => s.has_ipv4() && s.has_ipv6(),
            };
            if !fits {
                let need = match g.ip_address_type {
                    IpAddressType::Ipv4 => "an IPv4 block",
                    IpAddressType::Ipv6 => "to be IPv6-only",
                    IpAddressType::Dualstack => "both IPv4 and IPv6 blocks",
                };
                cx.emit(
                    Code::ResourceGatewayIpType,
                    id,
                    format!(
                        "resource gateway `{id}` has address type `{}`, which needs subnet `{}` {need}",
                        g.ip_address_type.as_str(),
                        s.id
                    ),
                );
            }
        }
        cx.groups_in_vpc(
            Kind::ResourceGateway,
            id,
            g.vpc.as_str(),
            &g.security_groups,
        );
        if g.security_groups.len() > MAX_GATEWAY_GROUPS {
            cx.emit(
                Code::ResourceGatewaySecurityGroups,
                id,
                format!(
                    "resource gateway `{id}` has {} security groups: a resource gateway takes at most {MAX_GATEWAY_GROUPS}",
                    g.security_groups.len()
                ),
            );
        }
        if !(1..=62).contains(&g.ipv4_addresses_per_eni) {
            cx.emit(
                Code::ResourceGatewayAddresses,
                id,
                format!(
                    "resource gateway `{id}` asks for {} IPv4 addresses per interface: choose 1 to 62",
                    g.ipv4_addresses_per_eni
                ),
            );
        }
    }
}

fn shape_error(cx: &mut Ctx<'_>, id: &str, what: &str) {
    cx.emit(
        Code::ResourceConfigShape,
        id,
        format!("resource configuration `{id}` {what}"),
    );
}

fn configurations(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    for rc in &doc.resource_configurations {
        let id = rc.id.as_str();
        cx.account(Kind::ResourceConfiguration, id, rc.account.as_ref());
        cx.region(Kind::ResourceConfiguration, id, rc.region.as_ref());
        if let Some(g) = &rc.gateway {
            cx.refer(
                Kind::ResourceConfiguration,
                id,
                Kind::ResourceGateway,
                g.as_str(),
            );
        }
        if let Some(p) = &rc.parent
            && cx.refer(
                Kind::ResourceConfiguration,
                id,
                Kind::ResourceConfiguration,
                p.as_str(),
            )
            && let Some(parent) = cx.resource_configuration(p.as_str())
            && parent.kind != Type::Group
        {
            shape_error(
                cx,
                id,
                &format!(
                    "names `{p}` as its group, but `{p}` is of type `{}`",
                    parent.kind.as_str()
                ),
            );
        }
        let def = rc.definition.as_ref();
        match rc.kind {
            Type::Single | Type::Arn if rc.gateway.is_none() => {
                shape_error(
                    cx,
                    id,
                    &format!("of type `{}` needs a `gateway`", rc.kind.as_str()),
                );
            }
            Type::Group if rc.gateway.is_none() => {
                shape_error(cx, id, "of type `group` needs a `gateway`");
            }
            Type::Child if rc.parent.is_none() => {
                shape_error(cx, id, "of type `child` needs a `parent` group");
            }
            Type::Child if rc.gateway.is_some() => {
                shape_error(
                    cx,
                    id,
                    "of type `child` uses its group\'s gateway and takes no `gateway`",
                );
            }
            _ => {}
        }
        if rc.kind != Type::Child && rc.parent.is_some() {
            shape_error(
                cx,
                id,
                &format!(
                    "of type `{}` takes no `parent`: only children belong to a group",
                    rc.kind.as_str()
                ),
            );
        }
        match (rc.kind, def) {
            (Type::Group, Some(_)) => shape_error(
                cx,
                id,
                "of type `group` takes no `definition`: its children define the resources",
            ),
            (Type::Group, None) => {}
            (_, None) => shape_error(
                cx,
                id,
                &format!("of type `{}` needs a `definition`", rc.kind.as_str()),
            ),
            (
                Type::Single | Type::Child,
                Some(ResourceDefinition::Arn(_) | ResourceDefinition::Database(_)),
            ) => {
                shape_error(
                    cx,
                    id,
                    &format!(
                        "of type `{}` is defined by an IP address or a domain name; use type `arn` for an ARN",
                        rc.kind.as_str()
                    ),
                );
            }
            (Type::Arn, Some(ResourceDefinition::Ip(_) | ResourceDefinition::Domain(_))) => {
                shape_error(cx, id, "of type `arn` is defined by an ARN or a database");
            }
            _ => {}
        }
        if rc.protocol != Protocol::Tcp {
            cx.emit(
                Code::ResourceConfigProtocol,
                id,
                format!("resource configuration `{id}` uses protocol `{}`: resource configurations support TCP only", rc.protocol.as_str()),
            );
        }
        if rc.kind != Type::Group {
            if rc.port_ranges.is_empty() {
                cx.emit(Code::ResourceConfigPorts, id, format!("resource configuration `{id}` has no port range: give the ports consumers may use, such as `5432` or `1-65535`"));
            }
            for p in &rc.port_ranges {
                if !p.is_valid() {
                    cx.emit(Code::ResourceConfigPorts, id, format!("resource configuration `{id}` has the port range `{p}`: ports run from 1 to 65535, low to high"));
                }
            }
        }
        definition(cx, rc);
    }
}

fn definition(cx: &mut Ctx<'_>, rc: &ResourceConfiguration) {
    let id = rc.id.as_str();
    // R-RGW-05: the gateway reaches resources of its own family, whatever the address.
    if let Some(ResourceDefinition::Ip(ip)) = &rc.definition
        && let Some(g) = gateway_of(cx, rc)
    {
        let serves = match g.ip_address_type {
            IpAddressType::Ipv4 => ip.is_ipv4(),
            IpAddressType::Ipv6 => ip.is_ipv6(),
            IpAddressType::Dualstack => true,
        };
        if !serves {
            let (family, need) = if ip.is_ipv6() {
                ("an IPv6", "an IPv6 or dual-stack gateway")
            } else {
                ("an IPv4", "an IPv4 or dual-stack gateway")
            };
            cx.emit(
                Code::ResourceGatewayIpType,
                id,
                format!(
                    "resource configuration `{id}` names `{ip}`, {family} address, but its resource gateway `{}` has address type `{}`: it needs {need}",
                    g.id,
                    g.ip_address_type.as_str()
                ),
            );
        }
    }
    match &rc.definition {
        Some(ResourceDefinition::Arn(arn)) => {
            let mut parts = arn.splitn(4, ':');
            let rds = parts.next() == Some("arn") && parts.nth(1) == Some("rds");
            if !rds {
                cx.emit(Code::ResourceConfigArnNotRds, id, format!("resource configuration `{id}` names `{arn}`: ARN resource configurations support only Amazon RDS databases"));
            }
        }
        Some(ResourceDefinition::Database(db)) => {
            if cx.refer(Kind::ResourceConfiguration, id, Kind::Database, db.as_str())
                && cx
                    .database(db.as_str())
                    .is_some_and(|d| d.publicly_accessible)
            {
                cx.emit(Code::ResourceConfigPublicDatabase, id, format!("resource configuration `{id}` names `{db}`, a publicly accessible database: AWS refuses those"));
            }
        }
        Some(ResourceDefinition::Ip(core::net::IpAddr::V4(v4))) => {
            if !is_private_v4(*v4) {
                cx.emit(Code::ResourceConfigIpNotPrivate, id, format!("resource configuration `{id}` names `{v4}`, a public address: use an address in 10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12 or 192.168.0.0/16"));
            }
        }
        Some(ResourceDefinition::Ip(core::net::IpAddr::V6(v6))) => {
            let gateway = rc
                .gateway
                .as_ref()
                .and_then(|g| cx.resource_gateway(g.as_str()));
            if let Some(vpc) = gateway.and_then(|g| cx.vpc(g.vpc.as_str()))
                && !vpc
                    .cidrs
                    .iter()
                    .any(|c| c.net().contains(&core::net::IpAddr::V6(*v6)))
            {
                cx.emit(Code::ResourceConfigIpNotPrivate, id, format!("resource configuration `{id}` names `{v6}`, which is not an address of VPC `{}`: IPv6 resources must be in the gateway's VPC", vpc.id));
            }
        }
        Some(ResourceDefinition::Domain(_)) | None => {}
    }
}

/// The gateway that serves a configuration: its own, or its group's for a child.
fn gateway_of<'a>(cx: &Ctx<'a>, rc: &'a ResourceConfiguration) -> Option<&'a ResourceGateway> {
    let own = rc.gateway.as_ref().or_else(|| {
        rc.parent
            .as_ref()
            .and_then(|p| cx.resource_configuration(p.as_str()))
            .and_then(|p| p.gateway.as_ref())
    })?;
    cx.resource_gateway(own.as_str())
}

fn endpoints(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    // (VPC, configuration) pairs reachable through a service-network endpoint with private DNS.
    let mut by_network: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for a in &doc.resource_associations {
        by_network
            .entry(a.service_network.as_str())
            .or_default()
            .push(a.resource_configuration.as_str());
    }
    let mut via_network: BTreeSet<(&str, &str)> = BTreeSet::new();
    for e in doc
        .service_network_endpoints
        .iter()
        .filter(|e| e.private_dns)
    {
        for rc in by_network
            .get(e.service_network.as_str())
            .into_iter()
            .flatten()
        {
            via_network.insert((e.vpc.as_str(), rc));
        }
    }
    for e in &doc.resource_endpoints {
        let id = e.id.as_str();
        if !cx.refer(Kind::ResourceEndpoint, id, Kind::Vpc, e.vpc.as_str()) {
            continue;
        }
        let subnets = cx.subnets_in_vpc(Kind::ResourceEndpoint, id, e.vpc.as_str(), &e.subnets);
        if e.subnets.is_empty() {
            cx.emit(
                Code::EndpointWithoutSubnets,
                id,
                format!("resource endpoint `{id}` has no subnet: choose at least one"),
            );
        }
        cx.groups_in_vpc(
            Kind::ResourceEndpoint,
            id,
            e.vpc.as_str(),
            &e.security_groups,
        );
        super::workload::group_count(cx, Kind::ResourceEndpoint, id, &e.security_groups);
        if e.private_dns
            && let Some(vpc) = cx.vpc(e.vpc.as_str())
        {
            super::endpoints::private_dns(cx, Kind::ResourceEndpoint, id, vpc);
        }
        let rc_id = e.resource_configuration.as_str();
        if !cx.refer(
            Kind::ResourceEndpoint,
            id,
            Kind::ResourceConfiguration,
            rc_id,
        ) {
            continue;
        }
        let Some(rc) = cx.resource_configuration(rc_id) else {
            continue;
        };
        if rc.kind == Type::Child {
            cx.emit(Code::ChildSharedDirectly, id, format!("resource endpoint `{id}` connects to the child configuration `{rc_id}`: connect to its group instead"));
        }
        if e.private_dns && via_network.contains(&(e.vpc.as_str(), rc_id)) {
            cx.emit(
                Code::ResourceEndpointDnsConflict,
                id,
                format!("VPC `{}` reaches `{rc_id}` through a service-network endpoint with private DNS already: with private DNS, a VPC cannot also have a resource endpoint for it", e.vpc),
            );
        }
        if let Some(gateway) = gateway_of(cx, rc) {
            let mut zones: BTreeSet<&str> = BTreeSet::new();
            for s in gateway.subnets.iter().filter_map(|s| cx.subnet(s.as_str())) {
                zones.insert(s.zone.as_str());
            }
            if !zones.is_empty()
                && !subnets.is_empty()
                && !subnets.iter().any(|s| zones.contains(s.zone.as_str()))
            {
                cx.emit(
                    Code::ResourceGatewayZoneOverlap,
                    id,
                    format!("resource endpoint `{id}` shares no Availability Zone with resource gateway `{}`: at least one zone must overlap", gateway.id),
                );
            }
        }
    }
}
