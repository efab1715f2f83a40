//! Gateway endpoints, interface endpoints and endpoint services.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::vec::Vec;

use super::{Ctx, zones_repeated};
use crate::model::diagnostic::Code;
use crate::model::endpoint::{EndpointTarget, split_service_name};
use crate::model::endpoint_service::Verification;
use crate::model::kind::Kind;
use crate::model::load_balancer::LoadBalancerType;

pub(super) fn check(cx: &mut Ctx<'_>) {
    gateway_endpoints(cx);
    interface_endpoints(cx);
    endpoint_services(cx);
}

fn gateway_endpoints(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    // (route table, service) -> the endpoint that already routes the service there.
    let mut routes: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for e in &doc.gateway_endpoints {
        let id = e.id.as_str();
        if !cx.refer(Kind::GatewayEndpoint, id, Kind::Vpc, e.vpc.as_str()) {
            continue;
        }
        let Some(vpc) = cx.vpc(e.vpc.as_str()) else {
            continue;
        };
        match split_service_name(&e.service) {
            Some((_, service)) if service == "s3" || service == "dynamodb" => {}
            _ => cx.emit(
                Code::GatewayEndpointService,
                id,
                format!(
                    "gateway endpoint `{id}` names the service `{}`: gateway endpoints exist only for Amazon S3 and DynamoDB, such as `com.amazonaws.us-east-1.s3`",
                    e.service
                ),
            ),
        }
        let (_, vpc_region) = cx.vpc_home(vpc);
        if let Some((region, _)) = split_service_name(&e.service)
            && region != vpc_region
        {
            cx.emit(
                Code::GatewayEndpointRegion,
                id,
                format!(
                    "gateway endpoint `{id}` names `{}` in Region `{region}`, but VPC `{}` is in `{vpc_region}`: gateway endpoints work only in their own Region",
                    e.service, vpc.id
                ),
            );
        }
        for rt in &e.route_tables {
            if !cx.refer(Kind::GatewayEndpoint, id, Kind::RouteTable, rt.as_str()) {
                continue;
            }
            if let Some(table) = cx.route_table(rt.as_str())
                && table.vpc != e.vpc
            {
                cx.emit(
                    Code::WrongVpc,
                    id,
                    format!("gateway endpoint `{id}` is in VPC `{}`, but its route table `{rt}` is in VPC `{}`", e.vpc, table.vpc),
                );
            }
            if let Some(first) = routes.insert((rt.as_str(), e.service.as_str()), id) {
                cx.emit(
                    Code::GatewayEndpointRouteConflict,
                    id,
                    format!(
                        "route table `{rt}` already routes `{}` through gateway endpoint `{first}`: a route table takes one endpoint route per service",
                        e.service
                    ),
                );
            }
        }
    }
}

fn interface_endpoints(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    for e in &doc.interface_endpoints {
        let id = e.id.as_str();
        if !cx.refer(Kind::InterfaceEndpoint, id, Kind::Vpc, e.vpc.as_str()) {
            continue;
        }
        let subnets = cx.subnets_in_vpc(Kind::InterfaceEndpoint, id, e.vpc.as_str(), &e.subnets);
        if e.subnets.is_empty() {
            cx.emit(
                Code::EndpointWithoutSubnets,
                id,
                format!("interface endpoint `{id}` has no subnet: choose at least one"),
            );
        }
        if let Some((a, b)) = zones_repeated(&subnets) {
            cx.emit(
                Code::EndpointSubnetPerZone,
                id,
                format!(
                    "interface endpoint `{id}` has subnets `{}` and `{}` in the same zone `{}`: choose one subnet per Availability Zone",
                    a.id, b.id, a.zone
                ),
            );
        }
        cx.groups_in_vpc(
            Kind::InterfaceEndpoint,
            id,
            e.vpc.as_str(),
            &e.security_groups,
        );
        super::workload::group_count(cx, Kind::InterfaceEndpoint, id, &e.security_groups);
        let Some(vpc) = cx.vpc(e.vpc.as_str()) else {
            continue;
        };
        if e.private_dns {
            private_dns(cx, Kind::InterfaceEndpoint, id, vpc);
        }
        let EndpointTarget::EndpointService(sid) = &e.service else {
            continue;
        };
        if !cx.refer(
            Kind::InterfaceEndpoint,
            id,
            Kind::EndpointService,
            sid.as_str(),
        ) {
            continue;
        }
        let Some(service) = cx.endpoint_service(sid.as_str()) else {
            continue;
        };
        let (consumer, vpc_region) = cx.vpc_home(vpc);
        // The control plane refuses an endpoint from an account no allowed principal admits
        // (R-EPS-02). A connection the service lists was made while the account was allowed,
        // and removing a permission does not affect it (R-EPS-04).
        if !service.admits(consumer) && service.connection(id).is_none() {
            cx.emit(
                Code::EndpointServicePrincipalNotAllowed,
                id,
                format!(
                    "interface endpoint `{id}` is in account {consumer}, which no allowed principal of endpoint service `{sid}` admits: AWS refuses to create the endpoint until the provider allows the account (such as `arn:aws:iam::{consumer}:root`)"
                ),
            );
        }
        let service_region = cx.region_or_default(service.region.as_ref());
        if service_region != vpc_region {
            cx.emit(
                Code::CrossRegionEndpoint,
                id,
                format!(
                    "interface endpoint `{id}` in `{vpc_region}` reaches endpoint service `{sid}` in `{service_region}`: this needs cross-Region access enabled on the service (older documentation says endpoints work within one Region only)"
                ),
            );
        }
        let mut service_zones = BTreeSet::new();
        for lb in &service.load_balancers {
            if let Some(lb) = cx.load_balancer(lb.as_str()) {
                for s in &lb.subnets {
                    if let Some(s) = cx.subnet(s.as_str()) {
                        service_zones.insert(s.zone.as_str());
                    }
                }
            }
        }
        if !service_zones.is_empty()
            && !subnets.is_empty()
            && !subnets
                .iter()
                .any(|s| service_zones.contains(s.zone.as_str()))
        {
            let zones: Vec<&str> = service_zones.into_iter().collect();
            cx.emit(
                Code::EndpointServiceZones,
                id,
                format!(
                    "interface endpoint `{id}` has no subnet in a zone of endpoint service `{sid}` (`{}`): consumers see only the zones they share with the provider",
                    zones.join("`, `")
                ),
            );
        }
    }
}

/// Reports private DNS on an endpoint in a VPC without both DNS attributes.
pub(super) fn private_dns(cx: &mut Ctx<'_>, owner: Kind, id: &str, vpc: &crate::model::vpc::Vpc) {
    if !(vpc.dns_support && vpc.dns_hostnames) {
        cx.emit(
            Code::PrivateDnsNeedsVpcDns,
            id,
            format!(
                "{} `{id}` enables private DNS, but VPC `{}` does not have both DNS support and DNS hostnames turned on",
                owner.noun(),
                vpc.id
            ),
        );
    }
}

fn endpoint_services(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    for s in &doc.endpoint_services {
        let id = s.id.as_str();
        cx.account(Kind::EndpointService, id, s.account.as_ref());
        cx.region(Kind::EndpointService, id, s.region.as_ref());
        if s.load_balancers.is_empty() {
            cx.emit(
                Code::EndpointServiceLoadBalancer,
                id,
                format!("endpoint service `{id}` has no load balancer: it needs a Network or Gateway Load Balancer"),
            );
        }
        for lb in &s.load_balancers {
            if !cx.refer(Kind::EndpointService, id, Kind::LoadBalancer, lb.as_str()) {
                continue;
            }
            if let Some(l) = cx.load_balancer(lb.as_str())
                && l.kind == LoadBalancerType::Alb
            {
                cx.emit(
                    Code::EndpointServiceLoadBalancer,
                    id,
                    format!("endpoint service `{id}` fronts `{lb}`, an Application Load Balancer: endpoint services need a Network or Gateway Load Balancer"),
                );
            }
        }
        for c in &s.connections {
            if !cx.refer(
                Kind::EndpointService,
                id,
                Kind::InterfaceEndpoint,
                c.endpoint.as_str(),
            ) {
                continue;
            }
            if let Some(e) = cx.interface_endpoint(c.endpoint.as_str())
                && e.service != EndpointTarget::EndpointService(s.id.clone())
            {
                cx.emit(
                    Code::ConnectionMismatch,
                    id,
                    format!("endpoint service `{id}` lists a connection from `{}`, which connects to another service", c.endpoint),
                );
            }
        }
        if let Some(name) = &s.private_dns_name
            && s.private_dns_verification != Verification::Verified
        {
            cx.emit(
                Code::PrivateDnsUnverified,
                id,
                format!("endpoint service `{id}` has the private DNS name `{name}`, not yet verified: consumers cannot use it until the domain is verified"),
            );
        }
        if !s.acceptance_required && s.allowed_principals.iter().any(|p| p == "*") {
            cx.emit(
                Code::EndpointServicePublic,
                id,
                format!("endpoint service `{id}` allows every principal and accepts every connection: anyone can reach its load balancer"),
            );
        }
    }
}
