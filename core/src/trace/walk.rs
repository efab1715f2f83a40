//! The walker: follows a request from its source through DNS, security groups and route tables
//! to the component that delivers or stops it. The per-concept hop rules live next to their
//! concepts (`net` for routes and groups, `privatelink` for endpoints, endpoint services and
//! resource gateways); this file joins them.
//!
//! A name or id that stands for a VPC Lattice service reaches [`Walker::lattice_service`], which
//! hands the request to `crate::lattice` (service networks, auth, listeners, rules, target
//! groups) and takes its hops and verdict back.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::IpAddr;

use super::Trace;
use super::hop::{ComponentKind, Hop, Packet, ProxyProtocol};
use super::index::{Answer, Index, Owner};
use super::reason::ReasonCode;
use super::request::Request;
use super::verdict::{Blocked, Verdict};
use crate::model::common::{Protocol, is_private_v4};
use crate::model::id::SecurityGroupId;
use crate::model::kind::Kind;
use crate::model::lattice::Service;
use crate::model::subnet::Subnet;
use crate::model::vpc::Vpc;
use crate::net::address::stable_hash;
use crate::net::dns::aws_service_name;
use crate::net::security_group::{self, Direction, Peer};

/// The most components a walk passes before it is called a loop.
pub const MAX_HOPS: u32 = 32;

/// A step either continues or stops the walk with a block.
pub(crate) type Step<T> = Result<T, Blocked>;

/// The rules a security-group check cites, by which fact decided it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GroupRules {
    /// A group that was given allows the traffic.
    pub(crate) allowed: &'static str,
    /// No group that was given allows the traffic.
    pub(crate) denied: &'static str,
    /// The interface was given no group, so the VPC's default group applies.
    pub(crate) defaulted: &'static str,
}

impl GroupRules {
    /// Instances, databases, load balancers: stateful allow-only groups (R-VPC-03, R-VPC-04);
    /// without a group, the VPC's default group (R-VPC-05).
    pub(crate) const PLAIN: Self = Self {
        allowed: "R-VPC-04",
        denied: "R-VPC-03",
        defaulted: "R-VPC-05",
    };
    /// An interface endpoint: its groups must admit the client (R-IFE-02); without a group, the
    /// VPC's default group (R-IFE-03).
    pub(crate) const INTERFACE_ENDPOINT: Self = Self {
        allowed: "R-IFE-02",
        denied: "R-IFE-02",
        defaulted: "R-IFE-03",
    };
    /// A resource or service-network endpoint: without a group, the VPC's default group
    /// (R-IFE-03 says so for every endpoint type).
    pub(crate) const ENDPOINT: Self = Self {
        allowed: "R-VPC-04",
        denied: "R-VPC-03",
        defaulted: "R-IFE-03",
    };
    /// The security groups of a VPC association (R-SN-04).
    pub(crate) const ASSOCIATION: Self = Self {
        allowed: "R-SN-04",
        denied: "R-SN-04",
        defaulted: "R-SN-04",
    };
}

/// Where the request is headed after DNS.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target<'t> {
    Address(IpAddr),
    Lattice(&'t Service),
    ServiceNetworkResource(&'t crate::model::lattice::ResourceAssociation),
}

/// The state of one walk.
#[derive(Debug)]
pub(crate) struct Walker<'i, 't> {
    pub(crate) ix: &'i Index<'t>,
    pub(crate) req: &'i Request,
    pub(crate) record: bool,
    pub(crate) hops: Vec<Hop>,
    pub(crate) src: Option<IpAddr>,
    pub(crate) dst: Option<IpAddr>,
    /// The groups of the interface the packet currently leaves from, for group references.
    pub(crate) src_groups: Vec<String>,
    /// The proxy protocol v2 header the connection carries, once a load balancer added one.
    pub(crate) proxy_protocol: Option<ProxyProtocol>,
    /// The VPC and subnet the request started in.
    pub(crate) home_vpc: &'t Vpc,
    pub(crate) home_subnet: &'t Subnet,
    /// The subnet whose route table routes the packet next.
    pub(crate) subnet: &'t Subnet,
    /// The AWS service name the destination name pointed at, such as `com.amazonaws.us-east-1.s3`.
    pub(crate) aws_service: Option<String>,
    /// The first label of an AWS service name (an S3 bucket).
    pub(crate) name_prefix: Option<String>,
    pub(crate) steps: u32,
}

/// Runs a request through a topology.
pub(crate) fn walk(ix: &Index<'_>, req: &Request, record: bool) -> Trace {
    walk_from(ix, req, record, start(ix, req))
}

/// Runs a request whose source [`start`] already looked up, so that many requests from one
/// source (a row of the reachability matrix) look it up once.
pub(crate) fn walk_from<'t>(
    ix: &Index<'t>,
    req: &Request,
    record: bool,
    started: Step<Start<'t>>,
) -> Trace {
    let mut hops = Vec::new();
    let verdict = match started {
        Ok((subnet, vpc, src, groups)) => {
            let mut w = Walker {
                ix,
                req,
                record,
                hops: Vec::new(),
                src: Some(src),
                dst: None,
                src_groups: groups,
                proxy_protocol: None,
                home_vpc: vpc,
                home_subnet: subnet,
                subnet,
                aws_service: None,
                name_prefix: None,
                steps: 0,
            };
            let v = w.run().unwrap_or_else(Verdict::Blocked);
            hops = w.hops;
            v
        }
        Err(b) => Verdict::Blocked(b),
    };
    Trace { hops, verdict }
}

/// The source of a request: its subnet, VPC, address and security groups.
pub(crate) type Start<'t> = (&'t Subnet, &'t Vpc, IpAddr, Vec<String>);

/// Looks up the source of `req`.
pub(crate) fn start<'t>(ix: &Index<'t>, req: &Request) -> Step<Start<'t>> {
    let t = ix.topology;
    let from = req.from.as_str();
    let bad = |message: String| Blocked::new(from, ReasonCode::InvalidSource, message);
    let (subnet, ip, groups): (&Subnet, Option<IpAddr>, &[SecurityGroupId]) = match t.kind_of(from)
    {
        Some(Kind::Instance) => {
            let i = t
                .instance(from)
                .ok_or_else(|| bad(format!("`{from}` is not in the document")))?;
            let s = t
                .subnet(i.subnet.as_str())
                .ok_or_else(|| bad(format!("`{from}` has no subnet")))?;
            (
                s,
                req.source_ip.or(ix.address(from, s.id.as_str())),
                &i.security_groups,
            )
        }
        Some(Kind::Subnet) => {
            let s = t
                .subnet(from)
                .ok_or_else(|| bad(format!("`{from}` is not in the document")))?;
            (s, req.source_ip, &[])
        }
        Some(Kind::Lambda) => {
            return Err(bad(format!(
                "`{from}` is a Lambda function outside any VPC: it reaches only VPC Lattice services, which this build does not trace yet"
            )));
        }
        Some(other) => {
            return Err(bad(format!(
                "`{from}` is {}: requests start at an instance, network interface, task, pod or subnet",
                other.a()
            )));
        }
        None => return Err(bad(format!("`{from}` is not in the document"))),
    };
    let vpc = t
        .vpc(subnet.vpc.as_str())
        .ok_or_else(|| bad(format!("`{from}` is in no VPC")))?;
    let Some(ip) = ip else {
        return Err(bad(format!(
            "`{from}` has no address: give the request a `source_ip` inside {}",
            subnet.cidr
        )));
    };
    let groups = if t.kind_of(from) == Some(Kind::Subnet) {
        Vec::new()
    } else {
        ix.group_ids(vpc.id.as_str(), groups)
    };
    Ok((subnet, vpc, ip, groups))
}

impl<'i, 't> Walker<'i, 't> {
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
                protocol: self.req.transport().as_str(),
                port: self.req.port,
                proxy_protocol: self.proxy_protocol.clone(),
            },
            rule,
            cites,
            route: None,
            dns: None,
        });
    }

    /// Adds a fact to the hop just recorded (nothing when the trace records no hops).
    pub(crate) fn note(&mut self, fact: impl FnOnce(&mut Hop)) {
        if self.record
            && let Some(h) = self.hops.last_mut()
        {
            fact(h);
        }
    }

    /// Counts a component and stops a routing loop.
    pub(crate) fn tick(&mut self, at: &str) -> Step<()> {
        self.steps += 1;
        if self.steps > MAX_HOPS {
            return Err(Blocked::new(
                at,
                ReasonCode::HopLimitExceeded,
                format!(
                    "the request passed {MAX_HOPS} components without arriving: the routes form a loop"
                ),
            ));
        }
        Ok(())
    }

    pub(crate) fn delivered(
        &self,
        target: &str,
        kind: ComponentKind,
        address: Option<IpAddr>,
        port: u16,
    ) -> Verdict {
        Verdict::Delivered {
            target: target.to_string(),
            kind,
            address,
            port,
            source: self.src,
        }
    }

    fn run(&mut self) -> Step<Verdict> {
        let req: &'i Request = self.req;
        let from = req.from.as_str();
        let (src, subnet) = (self.src, self.home_subnet.id.as_str());
        self.hop(ComponentKind::Instance, from, "", || {
            let ip = src.map(|a| a.to_string()).unwrap_or_default();
            (
                format!("`{from}` ({ip}) in subnet {subnet} sends the request"),
                None,
            )
        });
        match self.destination()? {
            Target::Lattice(s) => self.lattice_service(s),
            Target::ServiceNetworkResource(a) => self.service_network_resource(a),
            Target::Address(ip) => {
                self.dst = Some(ip);
                self.leave_source(ip)?;
                self.route(ip)
            }
        }
    }

    /// Where `to` points: an address, an object, or a name resolved from the source VPC.
    fn destination(&mut self) -> Step<Target<'t>> {
        let req: &'i Request = self.req;
        let to = req.to.trim();
        if let Ok(ip) = to.parse::<IpAddr>() {
            if let Some(host) = self.req.header("host") {
                self.note_aws_name(&String::from(host));
            }
            return Ok(Target::Address(ip));
        }
        if self.ix.topology.kind_of(to).is_some() {
            return self.object_destination(to);
        }
        if to.is_empty() || to.contains(|c: char| c.is_whitespace() || c == '/' || c == ':') {
            return Err(Blocked::new(
                "dns",
                ReasonCode::UnknownDestination,
                format!(
                    "`{to}` is neither an object of the document, an IP address nor a DNS name"
                ),
            ));
        }
        self.resolve(to)
    }

    fn note_aws_name(&mut self, name: &str) {
        if let Some(n) = aws_service_name(name) {
            self.aws_service = Some(format!("com.amazonaws.{}.{}", n.region, n.service));
            self.name_prefix = n.prefix.map(ToString::to_string);
        }
    }

    fn resolve(&mut self, name: &str) -> Step<Target<'t>> {
        let vpc = self.home_vpc;
        let vpc_id = vpc.id.as_str();
        if !vpc.dns_support {
            return Err(Blocked::new(
                vpc_id,
                ReasonCode::DnsSupportDisabled,
                format!(
                    "`{vpc_id}` has DNS support turned off, so the Amazon-provided resolver does not answer `{name}`"
                ),
            ));
        }
        self.note_aws_name(name);
        let answer = self
            .ix
            .dns
            .lookup(name, vpc_id)
            .map(|(a, s)| (*a, s.clone()));
        let target = match answer {
            Some((Answer::InterfaceEndpoint(e), scope)) => {
                let ip = self
                    .endpoint_address(e.id.as_str(), &e.subnets)
                    .ok_or_else(|| {
                        Blocked::new(
                            e.id.as_str(),
                            ReasonCode::DnsNameNotFound,
                            format!("`{}` has no network interface", e.id),
                        )
                    })?;
                let zone = match scope {
                    crate::net::dns::Scope::Public => "the endpoint's regional name",
                    crate::net::dns::Scope::Vpc(_) => "the endpoint's private hosted zone",
                };
                let all = |w: &Self| w.endpoint_addresses(e.id.as_str(), &e.subnets);
                self.dns_hop(name, ip, format!("{zone} ({})", e.id), all);
                Target::Address(ip)
            }
            Some((Answer::ResourceEndpoint(e), _)) => {
                let ip = self
                    .endpoint_address(e.id.as_str(), &e.subnets)
                    .ok_or_else(|| {
                        Blocked::new(
                            e.id.as_str(),
                            ReasonCode::DnsNameNotFound,
                            format!("`{}` has no network interface", e.id),
                        )
                    })?;
                let all = |w: &Self| w.endpoint_addresses(e.id.as_str(), &e.subnets);
                self.dns_hop(name, ip, format!("the resource endpoint {}", e.id), all);
                Target::Address(ip)
            }
            Some((Answer::ServiceNetworkResource(a), _)) => {
                let n = String::from(name);
                let id = a.id.as_str();
                self.hop(ComponentKind::Dns, "dns", "R-RC-05", || {
                    (
                        format!("`{n}` is the service-network name of resource association {id}"),
                        None,
                    )
                });
                self.note_dns(name, |_| {
                    alloc::vec![crate::privatelink::association_address(a)]
                });
                Target::ServiceNetworkResource(a)
            }
            Some((Answer::LatticeService(s), _)) => Target::Lattice(s),
            None => {
                let Some(n) = aws_service_name(name) else {
                    return Err(self.unresolved(name));
                };
                let list = format!("com.amazonaws.{}.{}", n.region, n.service);
                let block = self.ix.prefix_list(&list).and_then(|b| b.first().copied());
                let fallback = "54.239.0.0/16".parse().ok();
                let Some(ip) = block
                    .or(fallback)
                    .and_then(|b| crate::net::address::host_at(&b, stable_hash(name.as_bytes())))
                else {
                    return Err(Blocked::new(
                        "dns",
                        ReasonCode::DnsNameNotFound,
                        format!("`{name}` does not resolve"),
                    ));
                };
                self.dns_hop(name, ip, String::from("the service's public name"), |_| {
                    alloc::vec![ip]
                });
                Target::Address(ip)
            }
        };
        Ok(target)
    }

    /// Why `name` does not resolve from the source VPC, citing the fact that decided: the
    /// private DNS name of an endpoint service that is not verified (R-EPS-05), or one the VPC
    /// has no endpoint with private DNS for (R-IFE-05), or a name nothing answers.
    fn unresolved(&self, name: &str) -> Blocked {
        use crate::model::endpoint::EndpointTarget;
        use crate::model::endpoint_service::Verification;
        let vpc = self.home_vpc.id.as_str();
        let ix = self.ix;
        let service = ix.doc.endpoint_services.iter().find(|s| {
            s.private_dns_name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        });
        let Some(s) = service else {
            return Blocked::new(
                "dns",
                ReasonCode::DnsNameNotFound,
                format!("`{name}` does not resolve from `{vpc}`"),
            );
        };
        let sid = s.id.as_str();
        let endpoint = ix.doc.interface_endpoints.iter().find(|e| {
            e.vpc.as_str() == vpc
                && matches!(&e.service, EndpointTarget::EndpointService(t) if t.as_str() == sid)
        });
        if s.private_dns_verification != Verification::Verified {
            let state = match s.private_dns_verification {
                Verification::Failed => "failed",
                _ => "pending",
            };
            let through = endpoint.map_or(String::new(), |e| format!(", even through `{}`", e.id));
            return Blocked::new(
                "dns",
                ReasonCode::DnsNameNotFound,
                format!(
                    "`{name}` is the private DNS name of endpoint service `{sid}`, which is not verified (verification {state}): consumers cannot use it until the provider verifies the domain, so it does not resolve from `{vpc}`{through}"
                ),
            )
            .citing("R-EPS-05");
        }
        let why = match endpoint {
            None => format!("`{vpc}` has no interface endpoint to it"),
            Some(e) => format!(
                "the interface endpoint `{}` does not have private DNS turned on in a VPC with DNS support and DNS hostnames",
                e.id
            ),
        };
        Blocked::new(
            "dns",
            ReasonCode::DnsNameNotFound,
            format!(
                "`{name}` is the private DNS name of endpoint service `{sid}`, which resolves only in a VPC with an endpoint to it and private DNS: {why}"
            ),
        )
        .citing("R-IFE-05")
    }

    /// A DNS hop: `name` resolved to `ip`, the address the request uses, among `answer`.
    fn dns_hop(
        &mut self,
        name: &str,
        ip: IpAddr,
        how: String,
        answer: impl FnOnce(&Self) -> Vec<IpAddr>,
    ) {
        let n = String::from(name);
        self.hop(ComponentKind::Dns, "dns", "R-IFE-05", || {
            (format!("`{n}` resolves to {ip} through {how}"), None)
        });
        self.note_dns(name, answer);
    }

    /// Records on the DNS hop just added the name asked and every address it resolved to.
    pub(crate) fn note_dns(&mut self, name: &str, answer: impl FnOnce(&Self) -> Vec<IpAddr>) {
        if !self.record {
            return;
        }
        let answer = answer(self);
        self.note(|h| {
            h.dns = Some(super::hop::DnsAnswer {
                name: String::from(name),
                answer,
            });
        });
    }

    /// The addresses of an endpoint's network interfaces, one per subnet, in subnet order.
    pub(crate) fn endpoint_addresses(
        &self,
        id: &str,
        subnets: &[crate::model::id::SubnetId],
    ) -> Vec<IpAddr> {
        subnets
            .iter()
            .filter_map(|s| self.ix.address(id, s.as_str()))
            .collect()
    }

    /// The address of an endpoint's interface in the source's zone, or its first one.
    pub(crate) fn endpoint_address(
        &self,
        id: &str,
        subnets: &[crate::model::id::SubnetId],
    ) -> Option<IpAddr> {
        let t = self.ix.topology;
        let zone = &self.home_subnet.zone;
        let same_zone = subnets
            .iter()
            .find(|s| t.subnet(s.as_str()).is_some_and(|s| s.zone == *zone));
        same_zone
            .or(subnets.first())
            .and_then(|s| self.ix.address(id, s.as_str()))
    }

    fn object_destination(&mut self, id: &str) -> Step<Target<'t>> {
        let ix = self.ix;
        let t = ix.topology;
        let not = |what: &str| {
            Blocked::new(
                id,
                ReasonCode::DestinationNotAddressable,
                format!("`{id}` is a {what}, which does not receive requests"),
            )
        };
        let kind = t.kind_of(id).ok_or_else(|| not("missing object"))?;
        let ip = match kind {
            Kind::Instance => t
                .instance(id)
                .and_then(|i| ix.address(id, i.subnet.as_str())),
            Kind::Database => t
                .database(id)
                .and_then(|d| ix.address(id, d.subnet.as_str())),
            Kind::InterfaceEndpoint => t
                .interface_endpoint(id)
                .and_then(|e| self.endpoint_address(id, &e.subnets)),
            Kind::ResourceEndpoint => t
                .resource_endpoint(id)
                .and_then(|e| self.endpoint_address(id, &e.subnets)),
            Kind::LoadBalancer => t
                .load_balancer(id)
                .and_then(|l| self.endpoint_address(id, &l.subnets)),
            Kind::Service => {
                let s = t.service(id).ok_or_else(|| not("service"))?;
                return Ok(Target::Lattice(s));
            }
            Kind::ResourceConfiguration => return self.resource_destination(id),
            Kind::EndpointService => {
                let home = self.home_vpc.id.as_str();
                let e = ix.doc.interface_endpoints.iter().find(|e| {
                    e.vpc.as_str() == home
                        && matches!(&e.service, crate::model::endpoint::EndpointTarget::EndpointService(s) if s.as_str() == id)
                });
                let Some(e) = e else {
                    return Err(Blocked::new(
                        id,
                        ReasonCode::DestinationNotAddressable,
                        format!(
                            "`{home}` has no interface endpoint for the endpoint service `{id}`"
                        ),
                    ));
                };
                self.endpoint_address(e.id.as_str(), &e.subnets)
            }
            other => return Err(not(other.noun())),
        };
        ip.map(Target::Address)
            .ok_or_else(|| not("component without an address"))
    }

    /// The way to a resource configuration: a resource endpoint in the source VPC, else a
    /// service network the source VPC is connected to.
    fn resource_destination(&mut self, id: &str) -> Step<Target<'t>> {
        let ix = self.ix;
        let t = ix.topology;
        let parent = t
            .resource_configuration(id)
            .and_then(|r| r.parent.as_ref())
            .map(|p| p.as_str());
        let holds = |rc: &str| rc == id || Some(rc) == parent;
        let home = self.home_vpc.id.as_str();
        if let Some(e) = ix
            .doc
            .resource_endpoints
            .iter()
            .find(|e| e.vpc.as_str() == home && holds(e.resource_configuration.as_str()))
            && let Some(ip) = self.endpoint_address(e.id.as_str(), &e.subnets)
        {
            return Ok(Target::Address(ip));
        }
        let assocs: Vec<_> = ix
            .doc
            .resource_associations
            .iter()
            .filter(|a| holds(a.resource_configuration.as_str()))
            .collect();
        let connected = assocs
            .iter()
            .find(|a| self.connection_to(a.service_network.as_str()).is_some());
        match connected.or(assocs.first()) {
            Some(a) => Ok(Target::ServiceNetworkResource(a)),
            None => Err(Blocked::new(
                id,
                ReasonCode::ServiceNetworkNotConnected,
                format!(
                    "`{home}` has no resource endpoint for `{id}`, and `{id}` is in no service network"
                ),
            )),
        }
    }

    /// The extension point for VPC Lattice services.
    fn lattice_service(&mut self, s: &Service) -> Step<Verdict> {
        let id = s.id.as_str();
        self.hop(ComponentKind::Service, id, "R-SN-02", || {
            (
                format!("the destination is the VPC Lattice service {id}"),
                None,
            )
        });
        let Some(ip) = self.src else {
            return Err(Blocked::new(
                id,
                ReasonCode::InvalidSource,
                String::from("the request has no source address"),
            ));
        };
        let client = crate::lattice::Client {
            vpc: self.home_vpc,
            subnet: self.home_subnet,
            ip,
            groups: &self.src_groups,
        };
        let t = crate::lattice::trace_service(
            self.ix,
            &client,
            self.req,
            s,
            &crate::lattice::Identities::new(),
            self.record,
        );
        self.hops.extend(t.hops);
        Ok(t.verdict)
    }

    /// Checks the outbound rules of the source's groups (R-VPC-03).
    pub(crate) fn leave_source_to(&mut self, ip: IpAddr) -> Step<()> {
        self.leave_source(ip)
    }

    fn leave_source(&mut self, ip: IpAddr) -> Step<()> {
        if self.src_groups.is_empty() {
            return Ok(());
        }
        let vpc = self.home_vpc.id.as_str();
        let ix = self.ix;
        // Taken out for the check (which does not read it) and put back, instead of copied.
        let ids = core::mem::take(&mut self.src_groups);
        let groups: Vec<_> = ids.iter().filter_map(|g| ix.group(vpc, g)).collect();
        let at = ids.first().map_or(vpc, String::as_str);
        let checked = self.check_groups(
            &groups,
            Direction::Egress,
            ip,
            &[],
            self.req.port,
            at,
            true,
            GroupRules::PLAIN,
        );
        self.src_groups = ids;
        checked
    }

    /// Checks `groups` in one direction against the peer, and records the rule that allowed it.
    /// `given` says whether the groups were given to the interface, or are the VPC's default
    /// group because none was; `rules` says which rule each outcome cites.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn check_groups(
        &mut self,
        groups: &[&crate::model::security_group::SecurityGroup],
        direction: Direction,
        peer_ip: IpAddr,
        peer_groups: &[&str],
        port: u16,
        owner: &str,
        given: bool,
        rules: GroupRules,
    ) -> Step<()> {
        let ix = self.ix;
        let lists = |name: &str| ix.prefix_list(name);
        let peer = Peer {
            ip: peer_ip,
            groups: peer_groups,
        };
        let proto = self.req.transport();
        let at = match groups {
            [only] => only.id.as_str(),
            _ => owner,
        };
        // The fact that put the groups here, in words, when it is not that they were given.
        let defaulted = (!given).then(|| security_group::default_applied(owner, at));
        match security_group::first_match(
            groups.iter().copied(),
            direction,
            proto,
            port,
            peer,
            &lists,
        ) {
            Some(allowed) => {
                let word = direction.word();
                let gid = allowed.group.id.as_str();
                let cites = match (&defaulted, direction) {
                    (Some(_), Direction::Ingress) => rules.defaulted,
                    (None, Direction::Ingress) => rules.allowed,
                    _ => "R-VPC-04",
                };
                let how = match (&defaulted, direction) {
                    (Some(d), _) => format!("{d}: "),
                    (None, Direction::Ingress) if rules.allowed != "R-VPC-04" => {
                        format!("the security group `{gid}` given to `{owner}`: ")
                    }
                    _ => String::new(),
                };
                self.hop(ComponentKind::SecurityGroup, gid, cites, || {
                    (
                        format!("{how}{word} {} {port} {} {peer_ip} allowed; the reply is allowed because the group is stateful", proto.as_str(), if direction == Direction::Ingress { "from" } else { "to" }),
                        Some(allowed.text()),
                    )
                });
                Ok(())
            }
            None => {
                let names: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
                let (code, word, dir) = match direction {
                    Direction::Ingress => {
                        (ReasonCode::SecurityGroupIngressDenied, "inbound", "from")
                    }
                    Direction::Egress => (ReasonCode::SecurityGroupEgressDenied, "outbound", "to"),
                };
                let vpc = groups.first().map_or("", |g| g.vpc.as_str());
                let (message, cites) = match &defaulted {
                    // The implicit default group admits inbound traffic only from its members.
                    Some(d)
                        if direction == Direction::Ingress && ix.is_implicit_default(vpc, at) =>
                    {
                        (
                            format!(
                                "{d}, which admits inbound traffic only from its own members: {} port {port} {dir} {peer_ip} is not from one",
                                proto.as_str()
                            ),
                            "R-VPC-05",
                        )
                    }
                    Some(d) => (
                        format!(
                            "{d}, and no {word} rule of it allows {} port {port} {dir} {peer_ip}",
                            proto.as_str()
                        ),
                        rules.defaulted,
                    ),
                    None => (
                        format!(
                            "no {word} rule of {} on `{owner}` allows {} port {port} {dir} {peer_ip}",
                            names.join(", "),
                            proto.as_str()
                        ),
                        if direction == Direction::Ingress {
                            rules.denied
                        } else {
                            "R-VPC-03"
                        },
                    ),
                };
                Err(Blocked::new(at, code, message).citing(cites))
            }
        }
    }

    /// Checks the inbound rules of a network interface with `ids` in `vpc`.
    pub(crate) fn admit(
        &mut self,
        vpc: &str,
        ids: &'t [SecurityGroupId],
        owner: &str,
        port: u16,
    ) -> Step<()> {
        self.admit_citing(vpc, ids, owner, port, GroupRules::PLAIN)
    }

    /// Checks the inbound rules of a network interface with `ids` in `vpc` (the VPC's default
    /// group when `ids` is empty), citing `rules`.
    pub(crate) fn admit_citing(
        &mut self,
        vpc: &str,
        ids: &'t [SecurityGroupId],
        owner: &str,
        port: u16,
        rules: GroupRules,
    ) -> Step<()> {
        let src = self.src.ok_or_else(|| {
            Blocked::new(
                owner,
                ReasonCode::InvalidSource,
                String::from("the request has no source address"),
            )
        })?;
        let ix = self.ix;
        let groups = ix.groups(vpc, ids);
        // Taken out for the check (which does not read it) and put back, instead of copied.
        let owned = core::mem::take(&mut self.src_groups);
        let peer: Vec<&str> = owned.iter().map(String::as_str).collect();
        let checked = self.check_groups(
            &groups,
            Direction::Ingress,
            src,
            &peer,
            port,
            owner,
            !ids.is_empty(),
            rules,
        );
        self.src_groups = owned;
        checked
    }

    /// Delivers to whatever holds `ip` inside `vpc`.
    pub(crate) fn arrive(&mut self, vpc: &'t Vpc, ip: IpAddr) -> Step<Verdict> {
        let vpc_id = vpc.id.as_str();
        self.tick(vpc_id)?;
        let port = self.req.port;
        match self.ix.owner(vpc_id, ip) {
            None => Err(Blocked::new(
                vpc_id,
                ReasonCode::AddressNotInUse,
                format!("no network interface in `{vpc_id}` has the address {ip}"),
            )),
            Some(Owner::Instance(i)) => {
                let id = i.id.as_str();
                self.admit(vpc_id, &i.security_groups, id, port)?;
                Ok(self.delivered(id, ComponentKind::Instance, Some(ip), port))
            }
            Some(Owner::Database(d)) => {
                let id = d.id.as_str();
                self.admit(vpc_id, &d.security_groups, id, port)?;
                Ok(self.delivered(id, ComponentKind::Database, Some(ip), port))
            }
            Some(Owner::InterfaceEni(e, s)) => self.interface_endpoint(e, s),
            Some(Owner::ResourceEni(e, s)) => self.resource_endpoint(e, s),
            Some(Owner::NlbNode(lb, s)) => self.load_balancer(lb, s, None),
            Some(Owner::GatewayEni(g, _)) => Err(Blocked::new(
                g.id.as_str(),
                ReasonCode::DestinationNotAddressable,
                format!(
                    "{ip} belongs to the resource gateway `{}`, which only sends traffic to resources",
                    g.id
                ),
            )),
            Some(Owner::Nat(n)) => Err(Blocked::new(
                n.id.as_str(),
                ReasonCode::DestinationNotAddressable,
                format!(
                    "{ip} belongs to the NAT gateway `{}`, which only forwards traffic",
                    n.id
                ),
            )),
        }
    }

    /// The internet side of an internet gateway.
    pub(crate) fn internet(&mut self, via: &str, ip: IpAddr) -> Step<Verdict> {
        let public = match ip {
            IpAddr::V4(v4) => !(is_private_v4(v4) || v4.is_loopback() || v4.is_link_local()),
            IpAddr::V6(v6) => (v6.segments()[0] & 0xfe00) != 0xfc00,
        };
        if !public {
            return Err(Blocked::new(
                via,
                ReasonCode::InternetUnreachable,
                format!(
                    "{ip} is a private address: the internet gateway `{via}` does not carry it"
                ),
            ));
        }
        let service = self
            .ix
            .aws_service_at(ip)
            .map(ToString::to_string)
            .or_else(|| self.aws_service.clone());
        let port = self.req.port;
        Ok(match service {
            Some(s) => {
                let name = s.clone();
                self.hop(ComponentKind::AwsService, &name, "R-GWE-03", || {
                    (
                        format!("reaches the public endpoint of {s} over the internet"),
                        None,
                    )
                });
                self.delivered(&name, ComponentKind::AwsService, Some(ip), port)
            }
            None => self.delivered("internet", ComponentKind::Internet, Some(ip), port),
        })
    }

    /// Whether the source VPC can reach a service network: a VPC association or a
    /// service-network endpoint (R-SN-02).
    pub(crate) fn connection_to(&self, network: &str) -> Option<Connection<'t>> {
        let home = self.home_vpc.id.as_str();
        let doc = self.ix.doc;
        if let Some(a) = doc
            .vpc_associations
            .iter()
            .find(|a| a.vpc.as_str() == home && a.service_network.as_str() == network)
        {
            return Some(Connection::Association(a));
        }
        doc.service_network_endpoints
            .iter()
            .find(|e| e.vpc.as_str() == home && e.service_network.as_str() == network)
            .map(Connection::Endpoint)
    }

    /// The transport as a security group names it.
    pub(crate) fn transport(&self) -> Protocol {
        self.req.transport()
    }
}

/// How a VPC is connected to a service network.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Connection<'t> {
    Association(&'t crate::model::lattice::VpcAssociation),
    Endpoint(&'t crate::model::lattice::ServiceNetworkEndpoint),
}
