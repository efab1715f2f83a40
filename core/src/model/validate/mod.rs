//! Validation: every control-plane rule of aws-rules.md that a document can break, reported as
//! [`Diagnostic`]s.
//!
//! Validation is near-linear in the size of the document: objects are indexed by id once, and
//! checks that compare objects compare only the objects that meet (the subnets of one VPC, the
//! two VPCs of one peering), never every pair in the document.

mod endpoints;
mod flows;
mod identity_policies;
mod resources;
mod service;
mod service_network;
mod target_group;
mod vpc;
mod workload;

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::vec::Vec;

use super::account::{DEFAULT_ACCOUNT, DEFAULT_REGION, Region};
use super::compute::{Database, Instance, Lambda};
use super::diagnostic::{Code, Diagnostic};
use super::document::Document;
use super::endpoint::InterfaceEndpoint;
use super::endpoint_service::EndpointService;
use super::gateway::{InternetGateway, NatGateway};
use super::id::{AccountId, RegionId, SecurityGroupId, SubnetId};
use super::kind::{IdIndex, Kind};
use super::lattice::TargetGroup;
use super::load_balancer::LoadBalancer;
use super::peering::Peering;
use super::resource_configuration::ResourceConfiguration;
use super::resource_gateway::ResourceGateway;
use super::route_table::RouteTable;
use super::security_group::SecurityGroup;
use super::subnet::Subnet;
use super::vpc::Vpc;

/// Checks a document against the rules of AWS and of the format. Errors first, then warnings;
/// within each, in document order.
pub fn validate(doc: &Document) -> Vec<Diagnostic> {
    let mut cx = Ctx::new(doc);
    vpc::check(&mut cx);
    workload::check(&mut cx);
    endpoints::check(&mut cx);
    service_network::check(&mut cx);
    service::check(&mut cx);
    target_group::check(&mut cx);
    resources::check(&mut cx);
    identity_policies::check(&mut cx);
    flows::check(&mut cx);
    // Errors first, each severity in the order found (a partition, not a sort: a sort would be
    // one more copy of the standard library's sorting code in the browser bundle).
    let (mut out, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        cx.out.into_iter().partition(Diagnostic::is_error);
    out.extend(warnings);
    out
}

/// What the checks share: the document, its indexes and the findings so far.
pub(crate) struct Ctx<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) ix: IdIndex<'a>,
    pub(crate) out: Vec<Diagnostic>,
    accounts: BTreeSet<&'a str>,
    regions: BTreeMap<&'a str, &'a Region>,
    default_account: &'a str,
    default_region: &'a str,
    /// The subnets of each VPC, in document order.
    pub(crate) subnets_by_vpc: BTreeMap<&'a str, Vec<&'a Subnet>>,
}

macro_rules! finders {
    ($($fn_name:ident => $field:ident: $ty:ty = $kind:ident),+ $(,)?) => {$(
        /// The object with this id, if it exists and is of this kind.
        pub(crate) fn $fn_name(&self, id: &str) -> Option<&'a $ty> {
            let slot = self.ix.get(id)?;
            if slot.kind != Kind::$kind {
                return None;
            }
            self.doc.$field.get(slot.index)
        }
    )+};
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Document) -> Self {
        let ix = IdIndex::build(doc);
        let mut out = Vec::new();
        for (id, kind, first) in &ix.duplicates {
            let message = if kind == first {
                format!(
                    "two {}s have the id `{id}`: ids must be unique",
                    kind.noun()
                )
            } else {
                format!(
                    "the id `{id}` names both {} and {}: ids must be unique across all kinds",
                    first.a(),
                    kind.a()
                )
            };
            out.push(Diagnostic::new(Code::DuplicateId, *id, message));
        }
        let mut accounts = BTreeSet::new();
        for a in &doc.accounts {
            if !accounts.insert(a.id.as_str()) {
                out.push(Diagnostic::new(
                    Code::DuplicateId,
                    a.id.as_str(),
                    format!("the account `{}` is declared twice", a.id),
                ));
            }
        }
        let mut regions = BTreeMap::new();
        for r in &doc.regions {
            if regions.insert(r.id.as_str(), r).is_some() {
                out.push(Diagnostic::new(
                    Code::DuplicateId,
                    r.id.as_str(),
                    format!("the Region `{}` is declared twice", r.id),
                ));
            }
        }
        let mut subnets_by_vpc: BTreeMap<&str, Vec<&Subnet>> = BTreeMap::new();
        for s in &doc.subnets {
            subnets_by_vpc.entry(s.vpc.as_str()).or_default().push(s);
        }
        Self {
            doc,
            ix,
            out,
            accounts,
            regions,
            default_account: doc
                .accounts
                .first()
                .map_or(DEFAULT_ACCOUNT, |a| a.id.as_str()),
            default_region: doc
                .regions
                .first()
                .map_or(DEFAULT_REGION, |r| r.id.as_str()),
            subnets_by_vpc,
        }
    }

    /// Records a finding.
    pub(crate) fn emit(&mut self, code: Code, object: &str, message: alloc::string::String) {
        self.out.push(Diagnostic::new(code, object, message));
    }

    /// Checks that `id` names an object of kind `want`; reports a dangling reference otherwise.
    pub(crate) fn refer(&mut self, owner: Kind, owner_id: &str, want: Kind, id: &str) -> bool {
        match self.ix.get(id) {
            Some(slot) if slot.kind == want => true,
            Some(slot) => {
                self.emit(
                    Code::DanglingReference,
                    owner_id,
                    format!(
                        "{} `{owner_id}` names `{id}` as {}, but `{id}` is {}",
                        owner.noun(),
                        want.a(),
                        slot.kind.a()
                    ),
                );
                false
            }
            None => {
                self.emit(
                    Code::DanglingReference,
                    owner_id,
                    format!(
                        "unknown {} `{id}` in {} `{owner_id}`",
                        want.noun(),
                        owner.noun()
                    ),
                );
                false
            }
        }
    }

    /// Checks a list of references to subnets of one VPC: each exists and lies in `vpc`.
    /// Returns the subnets found.
    pub(crate) fn subnets_in_vpc(
        &mut self,
        owner: Kind,
        owner_id: &str,
        vpc: &str,
        ids: &'a [SubnetId],
    ) -> Vec<&'a Subnet> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            if !self.refer(owner, owner_id, Kind::Subnet, id.as_str()) {
                continue;
            }
            let Some(subnet) = self.subnet(id.as_str()) else {
                continue;
            };
            if subnet.vpc.as_str() == vpc {
                found.push(subnet);
            } else {
                self.emit(
                    Code::WrongVpc,
                    owner_id,
                    format!(
                        "{} `{owner_id}` is in VPC `{vpc}`, but its subnet `{id}` is in VPC `{}`",
                        owner.noun(),
                        subnet.vpc
                    ),
                );
            }
        }
        found
    }

    /// Checks a list of security group references: each exists and lies in `vpc`.
    pub(crate) fn groups_in_vpc(
        &mut self,
        owner: Kind,
        owner_id: &str,
        vpc: &str,
        ids: &'a [SecurityGroupId],
    ) {
        for id in ids {
            if !self.refer(owner, owner_id, Kind::SecurityGroup, id.as_str()) {
                continue;
            }
            if let Some(group) = self.security_group(id.as_str())
                && group.vpc.as_str() != vpc
            {
                self.emit(
                    Code::WrongVpc,
                    owner_id,
                    format!(
                        "{} `{owner_id}` is in VPC `{vpc}`, but its security group `{id}` is in VPC `{}`",
                        owner.noun(),
                        group.vpc
                    ),
                );
            }
        }
    }

    /// The account an object belongs to, checking that a named account is declared.
    pub(crate) fn account(
        &mut self,
        owner: Kind,
        owner_id: &str,
        named: Option<&'a AccountId>,
    ) -> &'a str {
        match named {
            Some(a) => {
                if !self.accounts.is_empty() && !self.accounts.contains(a.as_str()) {
                    self.emit(
                        Code::DanglingReference,
                        owner_id,
                        format!("unknown account `{a}` in {} `{owner_id}`", owner.noun()),
                    );
                }
                a.as_str()
            }
            None => self.default_account,
        }
    }

    /// The Region an object lives in, checking that a named Region is declared.
    pub(crate) fn region(
        &mut self,
        owner: Kind,
        owner_id: &str,
        named: Option<&'a RegionId>,
    ) -> &'a str {
        match named {
            Some(r) => {
                if !self.regions.is_empty() && !self.regions.contains_key(r.as_str()) {
                    self.emit(
                        Code::DanglingReference,
                        owner_id,
                        format!("unknown Region `{r}` in {} `{owner_id}`", owner.noun()),
                    );
                }
                r.as_str()
            }
            None => self.default_region,
        }
    }

    /// The account and Region of a VPC, without reporting anything.
    pub(crate) fn vpc_home(&self, vpc: &'a Vpc) -> (&'a str, &'a str) {
        (
            self.account_or_default(vpc.account.as_ref()),
            self.region_or_default(vpc.region.as_ref()),
        )
    }

    /// The declared Region with this id.
    pub(crate) fn declared_region(&self, id: &str) -> Option<&'a Region> {
        self.regions.get(id).copied()
    }

    /// The effective account of an object that names an optional account.
    pub(crate) fn account_or_default(&self, named: Option<&'a AccountId>) -> &'a str {
        named.map_or(self.default_account, |a| a.as_str())
    }

    /// The effective Region of an object that names an optional Region.
    pub(crate) fn region_or_default(&self, named: Option<&'a RegionId>) -> &'a str {
        named.map_or(self.default_region, |r| r.as_str())
    }

    finders! {
        vpc => vpcs: Vpc = Vpc,
        subnet => subnets: Subnet = Subnet,
        route_table => route_tables: RouteTable = RouteTable,
        internet_gateway => internet_gateways: InternetGateway = InternetGateway,
        nat_gateway => nat_gateways: NatGateway = NatGateway,
        peering => peerings: Peering = Peering,
        security_group => security_groups: SecurityGroup = SecurityGroup,
        instance => instances: Instance = Instance,
        lambda => lambdas: Lambda = Lambda,
        database => databases: Database = Database,
        load_balancer => load_balancers: LoadBalancer = LoadBalancer,
        interface_endpoint => interface_endpoints: InterfaceEndpoint = InterfaceEndpoint,
        endpoint_service => endpoint_services: EndpointService = EndpointService,
        target_group => target_groups: TargetGroup = TargetGroup,
        resource_gateway => resource_gateways: ResourceGateway = ResourceGateway,
        resource_configuration => resource_configurations: ResourceConfiguration = ResourceConfiguration,
    }
}

/// Reports subnets of one list that share an Availability Zone.
pub(crate) fn zones_repeated<'s>(subnets: &[&'s Subnet]) -> Option<(&'s Subnet, &'s Subnet)> {
    let mut seen: BTreeMap<&str, &Subnet> = BTreeMap::new();
    for s in subnets {
        if let Some(first) = seen.insert(s.zone.as_str(), s) {
            return Some((first, s));
        }
    }
    None
}

#[cfg(test)]
mod tests;
