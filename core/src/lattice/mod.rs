//! VPC Lattice as hop rules of the trace: how a client VPC reaches a service network, how the
//! service's names resolve, the auth chain, listeners and rules, target groups and the choice of
//! a target. The walker hands over a request addressed to a service ([`trace_service`]); this
//! module returns the hops from there and the verdict, in the trace's own types.
//!
//! One file per concept: `connect` (association or service-network endpoint, R-SN-01..04),
//! `dns` (generated names and custom domains, R-SN-06), `auth` (R-AUTH-*), `listener`
//! (R-LIS-01, R-LIS-09), `rule_match` (R-LIS-02..08), `choose` (weights and round robin,
//! R-LIS-04, R-TG-02) and `target_group` (health, fail-open and target security groups, R-TG-*,
//! R-SN-05).

mod auth;
mod choose;
mod connect;
mod dns;
mod listener;
mod rule_match;
mod target_group;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::{IpAddr, Ipv4Addr};

pub use auth::{AuthLevel, Identities};
pub use choose::{pick_weighted, round_robin};
pub use listener::accepts;
pub use rule_match::{header_matches, matching_rule, method_matches, path_matches};
pub use target_group::{eligible, target_name};

use crate::model::Topology;
use crate::model::account::DEFAULT_REGION;
use crate::model::common::Protocol;
use crate::model::lattice::{Action, Service};
use crate::model::security_group::SecurityGroup;
use crate::model::subnet::Subnet;
use crate::model::vpc::Vpc;
use crate::net::Cidr;
use crate::net::security_group::{self, Direction, Peer};
use crate::trace::{Blocked, ComponentKind, Hop, Index, Packet, Request, Verdict};

/// A step continues or stops with a block.
pub(crate) type Step<T> = Result<T, Blocked>;

/// What the walker knows about the client when a request reaches a Lattice service.
#[derive(Clone, Copy, Debug)]
pub struct Client<'a, 't> {
    pub vpc: &'t Vpc,
    pub subnet: &'t Subnet,
    pub ip: IpAddr,
    /// The security groups on the client's network interface.
    pub groups: &'a [String],
}

/// The hops from the service onwards and the verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LatticeTrace {
    pub hops: Vec<Hop>,
    pub verdict: Verdict,
}

/// Follows `req` from `client` into the VPC Lattice service `service`. `identities` holds the
/// identity policies of signed callers by principal ARN and takes precedence over the
/// document's `identity_policies`; a caller with neither is assumed to be allowed by its own
/// account, and the hop says so.
pub fn trace_service(
    ix: &Index<'_>,
    client: &Client<'_, '_>,
    req: &Request,
    service: &Service,
    identities: &Identities,
    record: bool,
) -> LatticeTrace {
    let mut run = Run {
        ix,
        req,
        record,
        hops: Vec::new(),
        src: Some(client.ip),
        dst: None,
        port: req.port,
    };
    let verdict = run
        .service(client, service, identities)
        .unwrap_or_else(Verdict::Blocked);
    LatticeTrace {
        hops: run.hops,
        verdict,
    }
}

/// The state of one request through Lattice.
#[derive(Debug)]
pub(crate) struct Run<'i, 't> {
    pub(crate) ix: &'i Index<'t>,
    pub(crate) req: &'i Request,
    record: bool,
    pub(crate) hops: Vec<Hop>,
    pub(crate) src: Option<IpAddr>,
    pub(crate) dst: Option<IpAddr>,
    pub(crate) port: u16,
}

impl<'t> Run<'_, 't> {
    /// Adds a hop; the text is built only when the trace records hops.
    pub(crate) fn hop(
        &mut self,
        kind: ComponentKind,
        component: &str,
        cites: &'static str,
        text: impl FnOnce() -> (String, Option<String>),
    ) {
        if !self.record {
            return;
        }
        let (what, rule) = text();
        self.hops.push(Hop {
            component: component.to_string(),
            kind,
            what,
            packet: Packet {
                source: self.src,
                destination: self.dst,
                protocol: "tcp",
                port: self.port,
                proxy_protocol: None,
            },
            rule,
            cites,
            route: None,
            dns: None,
        });
    }

    fn service(
        &mut self,
        client: &Client<'_, 't>,
        service: &'t Service,
        ids: &Identities,
    ) -> Step<Verdict> {
        let connection = connect::find(self.ix, client.vpc, service);
        dns::resolve(self, client, service, connection.as_ref())?;
        let connection = connect::require(service, client.vpc, connection)?;
        connect::enter(self, client, &connection)?;
        let listener = listener::select(self, service)?;
        auth::check(self, client, service, connection.network, listener, ids)?;
        let (action, decided_by) = rule_match::route(self, listener);
        match action {
            Action::FixedResponse(f) => {
                let at = decided_by.to_string();
                Ok(Verdict::FixedResponse {
                    at,
                    status: f.status,
                })
            }
            Action::Forward(weighted) => {
                // After the service network the packet comes from VPC Lattice (R-SN-05).
                self.src = Some(IpAddr::V4(lattice_source(self.req.seed)));
                let group = choose::forward(self, decided_by, weighted)?;
                target_group::deliver(self, group)
            }
        }
    }
}

/// The Region of an object that may name one.
pub(crate) fn region_of<'t>(
    t: &'t Topology,
    region: Option<&'t crate::model::id::RegionId>,
) -> &'t str {
    region
        .map(|r| r.as_str())
        .or_else(|| t.document().regions.first().map(|r| r.id.as_str()))
        .unwrap_or(DEFAULT_REGION)
}

/// The name of the VPC Lattice managed prefix list of a Region.
pub fn lattice_prefix_list_name(region: &str) -> String {
    alloc::format!("com.amazonaws.{region}.vpc-lattice")
}

/// The blocks VPC Lattice traffic comes from and service names resolve to: `169.254.171.0/24`
/// and `fd00:ec2:80::/64` (R-SN-06).
pub fn lattice_blocks() -> Vec<Cidr> {
    ["169.254.171.0/24", "fd00:ec2:80::/64"]
        .iter()
        .filter_map(|b| b.parse().ok())
        .collect()
}

/// The address a request from VPC Lattice to a target comes from, one of the managed prefix
/// list's, chosen by the seed.
pub(crate) fn lattice_source(seed: u64) -> Ipv4Addr {
    let host = u8::try_from(crate::sim::rng::mix(seed) % 254).unwrap_or(0);
    Ipv4Addr::new(169, 254, 171, host.saturating_add(1))
}

/// The link-local address a service's name resolves to from an associated VPC (R-SN-06).
pub(crate) fn service_address(service: &str) -> IpAddr {
    let h = crate::net::address::stable_hash(service.as_bytes());
    let host = u8::try_from(h % 254).unwrap_or(0);
    IpAddr::V4(Ipv4Addr::new(169, 254, 171, host.saturating_add(1)))
}

/// Checks `groups` in one direction against a peer, with the VPC Lattice managed prefix list of
/// `region` known (the document's own list of that name wins). `Ok` holds the rule that allowed
/// the traffic, in words.
pub(crate) fn check_groups(
    ix: &Index<'_>,
    groups: &[&SecurityGroup],
    direction: Direction,
    peer: Peer<'_>,
    port: u16,
    region: &str,
) -> Option<String> {
    let name = lattice_prefix_list_name(region);
    let blocks = lattice_blocks();
    let lists = |n: &str| -> Option<&[Cidr]> {
        match ix.prefix_list(n) {
            Some(b) => Some(b),
            None if n == name => Some(blocks.as_slice()),
            None => None,
        }
    };
    security_group::evaluate(
        groups.iter().copied(),
        direction,
        Protocol::Tcp,
        port,
        peer,
        &lists,
    )
    .map(|a| a.text)
}
