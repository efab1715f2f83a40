//! The route-table step: picks the route for the destination (longest prefix match over the
//! implied local routes, the listed routes and the gateway endpoints' prefix-list routes) and
//! follows its target (aws-rules.md R-VPC-01, R-VPC-02, R-GWE-02..07).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::IpAddr;

use super::hop::ComponentKind;
use super::reason::ReasonCode;
use super::verdict::{Blocked, Verdict};
use super::walk::{Step, Walker};
use crate::model::endpoint::GatewayEndpoint;
use crate::model::route_table::RouteTarget;
use crate::model::vpc::Vpc;
use crate::net::route::{Candidate, RouteOrigin, longest_prefix_match};

/// What a chosen route leads to.
#[derive(Clone, Copy, Debug)]
enum Next<'t> {
    Local,
    Listed(&'t RouteTarget),
    Gateway(&'t GatewayEndpoint),
}

impl<'i, 't> Walker<'i, 't> {
    /// Routes the packet from the current subnet toward `ip`.
    pub(crate) fn route(&mut self, ip: IpAddr) -> Step<Verdict> {
        let ix = self.ix;
        let t = ix.topology;
        let subnet = self.subnet;
        self.tick(subnet.id.as_str())?;
        let vpc: &'t Vpc = t.vpc(subnet.vpc.as_str()).ok_or_else(|| {
            Blocked::new(
                subnet.id.as_str(),
                ReasonCode::NoRoute,
                format!("`{}` is in no VPC", subnet.id),
            )
        })?;
        let table = ix.route_table_of(subnet.id.as_str());
        let mut candidates: Vec<Candidate<Next<'t>>> = vpc
            .cidrs
            .iter()
            .map(|c| Candidate {
                block: *c,
                origin: RouteOrigin::Static,
                target: Next::Local,
            })
            .collect();
        if let Some(table) = table {
            for r in &table.routes {
                let target = match r.target {
                    RouteTarget::Local => Next::Local,
                    ref other => Next::Listed(other),
                };
                candidates.push(Candidate {
                    block: r.destination,
                    origin: RouteOrigin::Static,
                    target,
                });
            }
            for g in ix.gateway_routes(table.id.as_str()) {
                for block in ix.prefix_list(&g.service).unwrap_or(&[]) {
                    candidates.push(Candidate {
                        block: *block,
                        origin: RouteOrigin::PrefixList,
                        target: Next::Gateway(g),
                    });
                }
            }
        }
        let table_id = table.map_or(subnet.id.as_str(), |t| t.id.as_str());
        let Some(chosen) = longest_prefix_match(candidates, ip) else {
            return Err(Blocked::new(
                table_id,
                ReasonCode::NoRoute,
                format!("no route in `{table_id}` matches {ip}"),
            ));
        };
        let cites = match chosen.target {
            Next::Gateway(_) => "R-GWE-04",
            _ => "R-VPC-01",
        };
        self.hop(ComponentKind::RouteTable, table_id, cites, || {
            let route_text = match chosen.target {
                Next::Local => format!("{} -> local", chosen.block),
                Next::Listed(target) => format!("{} -> {}", chosen.block, target_id(target)),
                Next::Gateway(g) => {
                    format!("prefix list {} ({}) -> {}", g.service, chosen.block, g.id)
                }
            };
            (
                format!("{ip} takes the most specific matching route, {route_text}"),
                Some(route_text),
            )
        });
        self.note(|h| {
            let (prefix_list, target) = match chosen.target {
                Next::Local | Next::Listed(RouteTarget::Local) => (None, String::from("local")),
                Next::Listed(target) => (None, target_id(target)),
                Next::Gateway(g) => (Some(g.service.clone()), g.id.to_string()),
            };
            h.route = Some(super::hop::RouteTaken {
                table: String::from(table_id),
                destination: chosen.block.to_string(),
                prefix_list,
                target,
            });
        });
        match chosen.target {
            Next::Local => self.arrive(vpc, ip),
            Next::Gateway(g) => self.gateway_endpoint(g, vpc),
            Next::Listed(RouteTarget::Local) => self.arrive(vpc, ip),
            Next::Listed(RouteTarget::Peering(p)) => self.peering(p.as_str(), vpc, ip),
            Next::Listed(RouteTarget::InternetGateway(g)) => {
                let id = g.as_str();
                let attached = t
                    .internet_gateway(id)
                    .and_then(|g| g.vpc.as_ref())
                    .is_some_and(|v| *v == vpc.id);
                if !attached {
                    return Err(Blocked::new(
                        id,
                        ReasonCode::InternetUnreachable,
                        format!(
                            "the internet gateway `{id}` is not attached to `{}`",
                            vpc.id
                        ),
                    ));
                }
                self.hop(ComponentKind::InternetGateway, id, "", || {
                    (
                        format!("the internet gateway {id} passes the packet to the internet"),
                        None,
                    )
                });
                self.internet(id, ip)
            }
            Next::Listed(RouteTarget::NatGateway(n)) => {
                let id = n.as_str();
                let nat = t.nat_gateway(id).ok_or_else(|| {
                    Blocked::new(
                        id,
                        ReasonCode::NoRoute,
                        format!("`{id}` is not in the document"),
                    )
                })?;
                let nat_subnet = t.subnet(nat.subnet.as_str()).ok_or_else(|| {
                    Blocked::new(id, ReasonCode::NoRoute, format!("`{id}` is in no subnet"))
                })?;
                self.src = ix.address(id, nat_subnet.id.as_str()).or(self.src);
                self.src_groups.clear();
                let public = nat.public;
                self.hop(ComponentKind::NatGateway, id, "", || {
                    let kind = if public { "public" } else { "private" };
                    (format!("the {kind} NAT gateway {id} rewrites the source to its own address and forwards from {}", nat_subnet.id), None)
                });
                if !public && self.is_public(ip) {
                    return Err(Blocked::new(
                        id,
                        ReasonCode::InternetUnreachable,
                        format!(
                            "`{id}` is a private NAT gateway: it does not reach internet addresses such as {ip}"
                        ),
                    ));
                }
                self.subnet = nat_subnet;
                self.route(ip)
            }
            Next::Listed(RouteTarget::Instance(i)) => {
                let id = i.as_str();
                let appliance = t
                    .instance(id)
                    .and_then(|i| t.subnet(i.subnet.as_str()))
                    .ok_or_else(|| {
                        Blocked::new(id, ReasonCode::NoRoute, format!("`{id}` is in no subnet"))
                    })?;
                self.hop(ComponentKind::Instance, id, "", || {
                    (
                        format!(
                            "the appliance {id} forwards the packet from {}",
                            appliance.id
                        ),
                        None,
                    )
                });
                self.subnet = appliance;
                self.route(ip)
            }
        }
    }

    fn is_public(&self, ip: IpAddr) -> bool {
        match ip {
            IpAddr::V4(v4) => !crate::model::common::is_private_v4(v4),
            IpAddr::V6(v6) => (v6.segments()[0] & 0xfe00) != 0xfc00,
        }
    }

    /// Crosses a peering connection. Only addresses of the peer VPC itself are reachable: the
    /// peer's gateways and gateway endpoints are not extended to this VPC (R-GWE-07).
    fn peering(&mut self, id: &str, from: &'t Vpc, ip: IpAddr) -> Step<Verdict> {
        let t = self.ix.topology;
        let p = t.peering(id).ok_or_else(|| {
            Blocked::new(
                id,
                ReasonCode::NoRoute,
                format!("`{id}` is not in the document"),
            )
        })?;
        if !p.accepted {
            return Err(Blocked::new(
                id,
                ReasonCode::PeeringNotActive,
                format!("the peering connection `{id}` is not accepted, so it carries no traffic"),
            ));
        }
        let other = if p.requester == from.id {
            &p.accepter
        } else {
            &p.requester
        };
        let peer = t.vpc(other.as_str()).ok_or_else(|| {
            Blocked::new(
                id,
                ReasonCode::NoRoute,
                format!("`{other}` is not in the document"),
            )
        })?;
        let peer_id = peer.id.as_str();
        self.hop(ComponentKind::Peering, id, "", || {
            (
                format!("the peering connection {id} carries the packet into {peer_id}"),
                None,
            )
        });
        if peer.cidrs.iter().any(|c| c.net().contains(&ip)) {
            return self.arrive(peer, ip);
        }
        let ix = self.ix;
        let endpoint = ix
            .doc
            .gateway_endpoints
            .iter()
            .filter(|g| g.vpc == peer.id)
            .find(|g| {
                ix.prefix_list(&g.service)
                    .is_some_and(|b| b.iter().any(|c| c.net().contains(&ip)))
            });
        if let Some(g) = endpoint {
            return Err(Blocked::new(
                g.id.as_str(),
                ReasonCode::GatewayEndpointNotTransitive,
                format!(
                    "{ip} is in the prefix list of `{}`, a gateway endpoint of `{peer_id}`: endpoint connections cannot be extended out of a VPC, so traffic from `{}` through `{id}` cannot use it",
                    g.id, from.id
                ),
            ));
        }
        Err(Blocked::new(
            id,
            ReasonCode::PeeringNotTransitive,
            format!(
                "{ip} is not in `{peer_id}`: a peering connection only reaches addresses of the peer VPC itself"
            ),
        ))
    }
}

fn target_id(t: &RouteTarget) -> String {
    match t {
        RouteTarget::Local => String::from("local"),
        RouteTarget::InternetGateway(g) => g.to_string(),
        RouteTarget::NatGateway(n) => n.to_string(),
        RouteTarget::Peering(p) => p.to_string(),
        RouteTarget::Instance(i) => i.to_string(),
    }
}
