//! What the walker looks up, computed once per topology: who owns each address in each VPC,
//! the addresses the document leaves out, DNS records, prefix lists, route tables by subnet and
//! the default security group of each VPC, and every auth, endpoint and identity policy parsed. A
//! reachability matrix or a batch run builds it once for all its requests.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::IpAddr;

use crate::model::Topology;
use crate::model::account::{DEFAULT_ACCOUNT, DEFAULT_REGION};
use crate::model::common::Protocol;
use crate::model::compute::{Database, Instance};
use crate::model::document::Document;
use crate::model::endpoint::{
    EndpointTarget, GatewayEndpoint, InterfaceEndpoint, split_service_name,
};
use crate::model::endpoint_service::Verification;
use crate::model::gateway::NatGateway;
use crate::model::id::SecurityGroupId;
use crate::model::lattice::{ResourceAssociation, Service};
use crate::model::load_balancer::LoadBalancer;
use crate::model::resource_configuration::ResourceDefinition;
use crate::model::resource_endpoint::ResourceEndpoint;
use crate::model::resource_gateway::ResourceGateway;
use crate::model::route_table::RouteTable;
use crate::model::security_group::{SecurityGroup, SgPeer, SgRule, allow_all_egress};
use crate::model::subnet::Subnet;
use crate::model::vpc::Vpc;
use crate::net::Cidr;
use crate::net::address::derive_host;
use crate::net::aws_ranges::known_aws_prefix_lists;
use crate::net::dns::{DnsTable, Scope};
use crate::policy::{Policy, PolicyParseError, parse_policy};

/// A policy of the document, parsed, or why its JSON does not parse.
pub type ParsedPolicy = Result<Policy, PolicyParseError>;

/// What a policy of the document is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PolicyOf {
    /// The auth policy of a service network.
    ServiceNetwork,
    /// The auth policy of a VPC Lattice service.
    Service,
    /// The endpoint policy of a gateway endpoint.
    GatewayEndpoint,
    /// The endpoint policy of an interface endpoint.
    InterfaceEndpoint,
}

/// What holds an address inside a VPC.
#[derive(Clone, Copy, Debug)]
pub enum Owner<'t> {
    Instance(&'t Instance),
    Database(&'t Database),
    InterfaceEni(&'t InterfaceEndpoint, &'t Subnet),
    ResourceEni(&'t ResourceEndpoint, &'t Subnet),
    NlbNode(&'t LoadBalancer, &'t Subnet),
    GatewayEni(&'t ResourceGateway, &'t Subnet),
    Nat(&'t NatGateway),
}

/// What a DNS name stands for.
#[derive(Clone, Copy, Debug)]
pub enum Answer<'t> {
    InterfaceEndpoint(&'t InterfaceEndpoint),
    ResourceEndpoint(&'t ResourceEndpoint),
    ServiceNetworkResource(&'t ResourceAssociation),
    LatticeService(&'t Service),
}

/// The lookups of one topology.
#[derive(Debug)]
pub struct Index<'t> {
    pub topology: &'t Topology,
    pub doc: &'t Document,
    default_account: &'t str,
    default_region: &'t str,
    pub prefix_lists: BTreeMap<String, Vec<Cidr>>,
    /// By address first, so a lookup compares VPC ids only between equal addresses.
    owners: BTreeMap<(IpAddr, &'t str), Owner<'t>>,
    /// Addresses by `(object id, subnet id)`; for instances and databases the subnet is their own.
    addresses: BTreeMap<(&'t str, &'t str), IpAddr>,
    pub dns: DnsTable<Answer<'t>>,
    route_tables: BTreeMap<&'t str, &'t RouteTable>,
    /// Gateway endpoints by the route tables that carry their prefix-list route.
    gateway_routes: BTreeMap<&'t str, Vec<&'t GatewayEndpoint>>,
    default_groups: BTreeMap<&'t str, SecurityGroup>,
    /// Every attached policy, parsed once, by what it is attached to and that object's id.
    policies: BTreeMap<PolicyOf, BTreeMap<&'t str, ParsedPolicy>>,
    /// The document's identity policies, parsed once, by principal ARN.
    identities: BTreeMap<&'t str, ParsedPolicy>,
}

impl<'t> Index<'t> {
    /// Builds the lookups.
    pub fn build(topology: &'t Topology) -> Self {
        let doc = topology.document();
        let mut ix = Self {
            topology,
            doc,
            default_account: doc
                .accounts
                .first()
                .map_or(DEFAULT_ACCOUNT, |a| a.id.as_str()),
            default_region: doc
                .regions
                .first()
                .map_or(DEFAULT_REGION, |r| r.id.as_str()),
            prefix_lists: known_aws_prefix_lists()
                .map(|(n, c)| (String::from(n), c))
                .collect(),
            owners: BTreeMap::new(),
            addresses: BTreeMap::new(),
            dns: DnsTable::default(),
            route_tables: BTreeMap::new(),
            gateway_routes: BTreeMap::new(),
            default_groups: BTreeMap::new(),
            policies: BTreeMap::new(),
            identities: BTreeMap::new(),
        };
        for pl in &doc.prefix_lists {
            ix.prefix_lists
                .insert(String::from(pl.id.as_str()), pl.cidrs.clone());
        }
        ix.place_addresses();
        ix.index_routes();
        ix.index_dns();
        ix.index_default_groups();
        ix.index_policies();
        ix
    }

    fn index_policies(&mut self) {
        let doc = self.doc;
        let attached = doc
            .service_networks
            .iter()
            .map(|n| {
                (
                    PolicyOf::ServiceNetwork,
                    n.id.as_str(),
                    n.auth_policy.as_ref(),
                )
            })
            .chain(
                doc.services
                    .iter()
                    .map(|s| (PolicyOf::Service, s.id.as_str(), s.auth_policy.as_ref())),
            )
            .chain(
                doc.gateway_endpoints
                    .iter()
                    .map(|g| (PolicyOf::GatewayEndpoint, g.id.as_str(), g.policy.as_ref())),
            )
            .chain(doc.interface_endpoints.iter().map(|e| {
                (
                    PolicyOf::InterfaceEndpoint,
                    e.id.as_str(),
                    e.policy.as_ref(),
                )
            }));
        for p in &doc.identity_policies {
            self.identities
                .entry(p.principal.as_str())
                .or_insert_with(|| parse_policy(&p.policy.to_string()));
        }
        for (of, id, json) in attached {
            if let Some(json) = json {
                self.policies
                    .entry(of)
                    .or_default()
                    .entry(id)
                    .or_insert_with(|| parse_policy(&json.to_string()));
            }
        }
    }

    fn place_addresses(&mut self) {
        let doc = self.doc;
        let t = self.topology;
        // Addresses the document gives come first, so derived ones never take them.
        for i in &doc.instances {
            if let (Some(ip), Some(s)) = (i.ip, t.subnet(i.subnet.as_str())) {
                self.claim(s, i.id.as_str(), ip, Owner::Instance(i));
            }
        }
        for d in &doc.databases {
            if let (Some(ip), Some(s)) = (d.ip, t.subnet(d.subnet.as_str())) {
                self.claim(s, d.id.as_str(), ip, Owner::Database(d));
            }
        }
        for i in doc.instances.iter().filter(|i| i.ip.is_none()) {
            if let Some(s) = t.subnet(i.subnet.as_str()) {
                self.derive(s, i.id.as_str(), Owner::Instance(i));
            }
        }
        for d in doc.databases.iter().filter(|d| d.ip.is_none()) {
            if let Some(s) = t.subnet(d.subnet.as_str()) {
                self.derive(s, d.id.as_str(), Owner::Database(d));
            }
        }
        for e in &doc.interface_endpoints {
            for s in e.subnets.iter().filter_map(|s| t.subnet(s.as_str())) {
                self.derive(s, e.id.as_str(), Owner::InterfaceEni(e, s));
            }
        }
        for e in &doc.resource_endpoints {
            for s in e.subnets.iter().filter_map(|s| t.subnet(s.as_str())) {
                self.derive(s, e.id.as_str(), Owner::ResourceEni(e, s));
            }
        }
        for lb in &doc.load_balancers {
            for s in lb.subnets.iter().filter_map(|s| t.subnet(s.as_str())) {
                self.derive(s, lb.id.as_str(), Owner::NlbNode(lb, s));
            }
        }
        for g in &doc.resource_gateways {
            for s in g.subnets.iter().filter_map(|s| t.subnet(s.as_str())) {
                self.derive(s, g.id.as_str(), Owner::GatewayEni(g, s));
            }
        }
        for n in &doc.nat_gateways {
            if let Some(s) = t.subnet(n.subnet.as_str()) {
                self.derive(s, n.id.as_str(), Owner::Nat(n));
            }
        }
    }

    fn claim(&mut self, s: &'t Subnet, id: &'t str, ip: IpAddr, owner: Owner<'t>) {
        self.owners.entry((ip, s.vpc.as_str())).or_insert(owner);
        self.addresses.insert((id, s.id.as_str()), ip);
    }

    fn derive(&mut self, s: &'t Subnet, id: &'t str, owner: Owner<'t>) {
        let vpc = s.vpc.as_str();
        let key = format!("{id}@{}", s.id);
        let owners = &self.owners;
        if let Some(ip) = derive_host(&s.cidr, &key, |ip| owners.contains_key(&(ip, vpc))) {
            self.claim(s, id, ip, owner);
        }
    }

    fn index_routes(&mut self) {
        let doc = self.doc;
        let mains: BTreeMap<&str, &RouteTable> = doc
            .route_tables
            .iter()
            .filter(|r| r.main)
            .map(|r| (r.vpc.as_str(), r))
            .collect();
        for s in &doc.subnets {
            let table = match &s.route_table {
                Some(id) => self.topology.route_table(id.as_str()),
                None => mains.get(s.vpc.as_str()).copied(),
            };
            if let Some(table) = table {
                self.route_tables.insert(s.id.as_str(), table);
            }
        }
        for g in &doc.gateway_endpoints {
            for rt in &g.route_tables {
                self.gateway_routes.entry(rt.as_str()).or_default().push(g);
            }
        }
    }

    fn index_dns(&mut self) {
        let doc = self.doc;
        let t = self.topology;
        for e in &doc.interface_endpoints {
            let Some(vpc) = t.vpc(e.vpc.as_str()) else {
                continue;
            };
            let region = self.region_of_vpc(vpc);
            let private = e.private_dns && vpc.dns_support && vpc.dns_hostnames;
            let scope = Scope::Vpc(String::from(vpc.id.as_str()));
            match &e.service {
                EndpointTarget::Aws(name) => {
                    let label = split_service_name(name).map_or(name.as_str(), |(_, s)| s);
                    let public = format!("{}.{label}.{region}.vpce.amazonaws.com", e.id);
                    self.dns
                        .insert(&public, Scope::Public, Answer::InterfaceEndpoint(e));
                    if private && let Some((r, svc)) = split_service_name(name) {
                        let host = format!("{svc}.{r}.amazonaws.com");
                        self.dns
                            .insert(&host, scope.clone(), Answer::InterfaceEndpoint(e));
                        self.dns
                            .insert(&format!("*.{host}"), scope, Answer::InterfaceEndpoint(e));
                    }
                }
                EndpointTarget::EndpointService(es) => {
                    let public = format!("{}.{es}.{region}.vpce.amazonaws.com", e.id);
                    self.dns
                        .insert(&public, Scope::Public, Answer::InterfaceEndpoint(e));
                    let service = t.endpoint_service(es.as_str());
                    if let Some(s) = service
                        && private
                        && s.private_dns_verification == Verification::Verified
                        && let Some(name) = &s.private_dns_name
                    {
                        self.dns.insert(name, scope, Answer::InterfaceEndpoint(e));
                    }
                }
            }
        }
        for e in &doc.resource_endpoints {
            let Some(vpc) = t.vpc(e.vpc.as_str()) else {
                continue;
            };
            let region = self.region_of_vpc(vpc);
            let name = format!(
                "{}.{}.vpc-lattice-rsc.{region}.on.aws",
                e.id, e.resource_configuration
            );
            self.dns
                .insert(&name, Scope::Public, Answer::ResourceEndpoint(e));
            let rc = t.resource_configuration(e.resource_configuration.as_str());
            if e.private_dns
                && vpc.dns_support
                && vpc.dns_hostnames
                && let Some(ResourceDefinition::Domain(d)) = rc.and_then(|r| r.definition.as_ref())
            {
                let scope = Scope::Vpc(String::from(vpc.id.as_str()));
                self.dns.insert(d, scope, Answer::ResourceEndpoint(e));
            }
        }
        for a in &doc.resource_associations {
            let region = t
                .service_network(a.service_network.as_str())
                .and_then(|n| n.region.as_ref())
                .map_or(self.default_region, |r| r.as_str());
            let name = format!(
                "{}.{}.vpc-lattice-rsc.{region}.on.aws",
                a.id, a.resource_configuration
            );
            self.dns
                .insert(&name, Scope::Public, Answer::ServiceNetworkResource(a));
        }
        for s in &doc.services {
            let region = s
                .region
                .as_ref()
                .map_or(self.default_region, |r| r.as_str());
            self.dns.insert(
                &s.generated_dns_name(region),
                Scope::Public,
                Answer::LatticeService(s),
            );
            if let Some(d) = &s.custom_domain {
                self.dns.insert(d, Scope::Public, Answer::LatticeService(s));
            }
        }
    }

    fn index_default_groups(&mut self) {
        let doc = self.doc;
        for v in &doc.vpcs {
            let named = doc
                .security_groups
                .iter()
                .find(|g| g.vpc == v.id && g.name.as_deref() == Some("default"));
            let group = match named {
                Some(g) => g.clone(),
                None => {
                    let Ok(id) = SecurityGroupId::new(format!("{}/default", v.id)) else {
                        continue;
                    };
                    SecurityGroup {
                        id: id.clone(),
                        name: Some(String::from("default")),
                        vpc: v.id.clone(),
                        ingress: alloc::vec![SgRule {
                            protocol: Protocol::All,
                            ports: None,
                            peer: SgPeer::SecurityGroup(id),
                            description: None,
                        }],
                        egress: allow_all_egress(),
                        position: None,
                    }
                }
            };
            self.default_groups.insert(v.id.as_str(), group);
        }
    }

    /// The account that owns a VPC.
    pub fn account_of_vpc(&self, vpc: &'t Vpc) -> &'t str {
        vpc.account
            .as_ref()
            .map_or(self.default_account, |a| a.as_str())
    }

    /// The Region of a VPC.
    pub fn region_of_vpc(&self, vpc: &'t Vpc) -> &'t str {
        vpc.region
            .as_ref()
            .map_or(self.default_region, |r| r.as_str())
    }

    /// The account of an object that may name one.
    pub fn account_or_default(&self, account: Option<&'t crate::model::id::AccountId>) -> &'t str {
        account.map_or(self.default_account, |a| a.as_str())
    }

    /// What holds `ip` in `vpc`.
    pub fn owner(&self, vpc: &'t str, ip: IpAddr) -> Option<Owner<'t>> {
        self.owners.get(&(ip, vpc)).copied()
    }

    /// The address of `object` in `subnet`.
    pub fn address(&self, object: &str, subnet: &str) -> Option<IpAddr> {
        self.addresses.get(&(object, subnet)).copied()
    }

    /// The route table a subnet uses: its own, or its VPC's main table.
    pub fn route_table_of(&self, subnet: &str) -> Option<&'t RouteTable> {
        self.route_tables.get(subnet).copied()
    }

    /// The gateway endpoints whose prefix-list route is in `table`.
    pub fn gateway_routes(&self, table: &str) -> &[&'t GatewayEndpoint] {
        self.gateway_routes.get(table).map_or(&[], Vec::as_slice)
    }

    /// The blocks of a prefix list.
    pub fn prefix_list(&self, name: &str) -> Option<&[Cidr]> {
        self.prefix_lists.get(name).map(Vec::as_slice)
    }

    /// The groups on a network interface: the listed ones, or the VPC's default group.
    pub fn groups(&self, vpc: &str, ids: &'t [SecurityGroupId]) -> Vec<&SecurityGroup> {
        if ids.is_empty() {
            return self.default_groups.get(vpc).into_iter().collect();
        }
        ids.iter()
            .filter_map(|id| self.topology.security_group(id.as_str()))
            .collect()
    }

    /// The ids of the groups on an interface: the listed ones, or the VPC's default group.
    pub fn group_ids(&self, vpc: &str, ids: &[SecurityGroupId]) -> Vec<String> {
        if ids.is_empty() {
            return self
                .default_groups
                .get(vpc)
                .map(|g| String::from(g.id.as_str()))
                .into_iter()
                .collect();
        }
        ids.iter().map(|g| String::from(g.as_str())).collect()
    }

    /// Whether `id` is the default group of `vpc` that the document does not write out, whose
    /// only inbound rule admits its own members (R-VPC-05).
    pub fn is_implicit_default(&self, vpc: &str, id: &str) -> bool {
        self.topology.security_group(id).is_none()
            && self
                .default_groups
                .get(vpc)
                .is_some_and(|g| g.id.as_str() == id)
    }

    /// A group by id, including the implicit default group of `vpc`.
    pub fn group(&self, vpc: &str, id: &str) -> Option<&SecurityGroup> {
        self.topology
            .security_group(id)
            .or_else(|| self.default_groups.get(vpc).filter(|g| g.id.as_str() == id))
    }

    /// The policy attached to the object `id`, parsed; `None` when it has none.
    pub fn policy(&self, of: PolicyOf, id: &str) -> Option<&ParsedPolicy> {
        self.policies.get(&of)?.get(id)
    }

    /// The document's identity policy for the principal with this ARN, parsed.
    pub fn identity_policy(&self, principal: &str) -> Option<&ParsedPolicy> {
        self.identities.get(principal)
    }

    /// The AWS-managed prefix list that holds `ip`, by service name.
    pub fn aws_service_at(&self, ip: IpAddr) -> Option<&str> {
        self.prefix_lists
            .iter()
            .filter(|(name, _)| name.starts_with("com.amazonaws."))
            .find(|(_, blocks)| blocks.iter().any(|b| b.net().contains(&ip)))
            .map(|(name, _)| name.as_str())
    }
}
