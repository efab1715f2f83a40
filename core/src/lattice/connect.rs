//! How a client VPC reaches a service network (aws-rules.md R-SN-01..04): through its one direct
//! VPC association, whose security groups decide which clients may use it, or through a VPC
//! endpoint of type service network with its own security groups. A service is reachable only
//! through a service network it is associated with.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Client, Run, Step, check_groups, region_of};
use crate::model::lattice::{Service, ServiceNetworkEndpoint, VpcAssociation};
use crate::model::vpc::Vpc;
use crate::net::security_group::{self, Direction, Peer};
use crate::trace::{Blocked, ComponentKind, Index, ReasonCode};

/// How the client VPC reaches the service network that holds the service.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Connection<'t> {
    pub(crate) network: &'t str,
    pub(crate) via: Via<'t>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Via<'t> {
    Association(&'t VpcAssociation),
    Endpoint(&'t ServiceNetworkEndpoint),
}

/// The service networks `service` is associated with, and the way `vpc` reaches one of them:
/// the direct association first, then a service-network endpoint.
pub(crate) fn find<'t>(ix: &Index<'t>, vpc: &Vpc, service: &Service) -> Option<Connection<'t>> {
    let doc = ix.doc;
    let networks: Vec<&'t str> = doc
        .service_associations
        .iter()
        .filter(|a| a.service == service.id)
        .map(|a| a.service_network.as_str())
        .collect();
    let association = doc
        .vpc_associations
        .iter()
        .find(|a| a.vpc == vpc.id && networks.contains(&a.service_network.as_str()))
        .map(|a| Connection {
            network: a.service_network.as_str(),
            via: Via::Association(a),
        });
    association.or_else(|| {
        doc.service_network_endpoints
            .iter()
            .find(|e| e.vpc == vpc.id && networks.contains(&e.service_network.as_str()))
            .map(|e| Connection {
                network: e.service_network.as_str(),
                via: Via::Endpoint(e),
            })
    })
}

/// Blocks when the client VPC has no way to the service (R-SN-02).
pub(crate) fn require<'t>(
    service: &Service,
    vpc: &Vpc,
    c: Option<Connection<'t>>,
) -> Step<Connection<'t>> {
    c.ok_or_else(|| {
        let id = service.id.as_str();
        Blocked::new(
            id,
            ReasonCode::ServiceNetworkNotConnected,
            format!(
                "`{}` is neither associated with nor has an endpoint to a service network that `{id}` is associated with",
                vpc.id
            ),
        )
    })
}

/// Passes the client's outbound rules, then the association's or endpoint's inbound rules.
pub(crate) fn enter(
    run: &mut Run<'_, '_>,
    client: &Client<'_, '_>,
    c: &Connection<'_>,
) -> Step<()> {
    let ix = run.ix;
    let vpc = client.vpc.id.as_str();
    let region = region_of(ix.topology, client.vpc.region.as_ref());
    let port = run.port;
    let dst = run.dst.unwrap_or(client.ip);
    let peer_groups: Vec<&str> = client.groups.iter().map(String::as_str).collect();
    if !client.groups.is_empty() {
        let groups: Vec<_> = peer_groups
            .iter()
            .filter_map(|g| ix.group(vpc, g))
            .collect();
        let peer = Peer {
            ip: dst,
            groups: &[],
        };
        let Some(rule) = check_groups(ix, &groups, Direction::Egress, peer, port, region) else {
            let at = peer_groups.first().copied().unwrap_or(vpc);
            return Err(Blocked::new(
                at,
                ReasonCode::SecurityGroupEgressDenied,
                format!(
                    "no outbound rule of {} allows tcp port {port} to {dst}",
                    peer_groups.join(", ")
                ),
            ));
        };
        let first = String::from(peer_groups.first().copied().unwrap_or(vpc));
        run.hop(ComponentKind::SecurityGroup, &first, "R-VPC-04", || {
            (format!("outbound tcp {port} to {dst} allowed"), Some(rule))
        });
    }
    let (id, kind, ids, what) = match c.via {
        Via::Association(a) => (
            a.id.as_str(),
            ComponentKind::VpcAssociation,
            &a.security_groups,
            "VPC association",
        ),
        Via::Endpoint(e) => (
            e.id.as_str(),
            ComponentKind::ServiceNetworkEndpoint,
            &e.security_groups,
            "service-network endpoint",
        ),
    };
    // An association without security groups admits every client of the VPC; an endpoint
    // without them has the VPC's default group (R-IFE-03).
    let groups = match c.via {
        Via::Association(_) if ids.is_empty() => Vec::new(),
        _ => ix.groups(vpc, ids),
    };
    let network = c.network;
    let src = client.ip;
    let defaulted = match c.via {
        Via::Endpoint(_) if ids.is_empty() => groups
            .first()
            .map(|g| security_group::default_applied(id, g.id.as_str())),
        _ => None,
    };
    let rule = if groups.is_empty() {
        None
    } else {
        let peer = Peer {
            ip: src,
            groups: &peer_groups,
        };
        let Some(rule) = check_groups(ix, &groups, Direction::Ingress, peer, port, region) else {
            let names: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
            let at = match names.as_slice() {
                [only] => *only,
                _ => id,
            };
            // Given none, the endpoint has the VPC's default group (R-IFE-03), whose only
            // inbound rule, unless the document writes it out, admits its members (R-VPC-05).
            let (message, cites) = match defaulted.as_deref() {
                Some(d) if ix.is_implicit_default(vpc, at) => (
                    format!(
                        "{d}, which admits inbound traffic only from its own members: tcp port {port} from {src} is not from one"
                    ),
                    "R-VPC-05",
                ),
                Some(d) => (
                    format!("{d}, and no inbound rule of it allows tcp port {port} from {src}"),
                    "R-IFE-03",
                ),
                None => (
                    format!(
                        "no inbound rule of {} on the {what} `{id}` allows tcp port {port} from {src}",
                        names.join(", ")
                    ),
                    "R-SN-04",
                ),
            };
            return Err(
                Blocked::new(at, ReasonCode::SecurityGroupIngressDenied, message).citing(cites),
            );
        };
        Some(rule)
    };
    let cites = match (c.via, &defaulted) {
        (Via::Association(_), _) => "R-SN-04",
        (Via::Endpoint(_), Some(_)) => "R-IFE-03",
        (Via::Endpoint(_), None) => "R-SN-03",
    };
    run.hop(kind, id, cites, || {
        let how = match (&rule, defaulted) {
            (Some(_), Some(d)) => format!("{d}, and it admits the client"),
            (Some(_), None) => String::from("its security groups admit the client"),
            (None, _) => {
                String::from("it has no security groups, so every client of the VPC may use it")
            }
        };
        (
            format!(
                "the {what} `{id}` carries the request into service network `{network}`; {how}"
            ),
            rule,
        )
    });
    Ok(())
}
