//! The checked topology: a document that passed validation, indexed by id. Evaluators take a
//! `&Topology`, so every reference they follow is known to resolve.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use super::compute::{Database, Instance, Lambda};
use super::diagnostic::Diagnostic;
use super::document::{Document, LoadError, load};
use super::endpoint::{GatewayEndpoint, InterfaceEndpoint};
use super::endpoint_service::EndpointService;
use super::gateway::{InternetGateway, NatGateway};
use super::kind::{IdIndex, Kind, Slot};
use super::lattice::{
    Listener, ResourceAssociation, Rule, Service, ServiceAssociation, ServiceNetwork,
    ServiceNetworkEndpoint, TargetGroup, VpcAssociation,
};
use super::load_balancer::LoadBalancer;
use super::peering::Peering;
use super::resource_configuration::ResourceConfiguration;
use super::resource_endpoint::ResourceEndpoint;
use super::resource_gateway::ResourceGateway;
use super::route_table::RouteTable;
use super::security_group::{PrefixList, SecurityGroup};
use super::subnet::Subnet;
use super::validate::validate;
use super::vpc::Vpc;

/// A validated document.
#[derive(Clone, Debug)]
pub struct Topology {
    doc: Document,
    // INVARIANT: every slot points at an object of its kind in `doc`, and every reference in
    // `doc` names an object of the right kind (validation found no error).
    ids: BTreeMap<String, Slot>,
    warnings: Vec<Diagnostic>,
}

/// Why a document is not a topology: the findings of validation, errors first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidTopology {
    pub diagnostics: Vec<Diagnostic>,
}

impl InvalidTopology {
    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

impl fmt::Display for InvalidTopology {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.errors().count();
        let noun = if n == 1 { "error" } else { "errors" };
        write!(f, "the topology has {n} {noun}")?;
        if let Some(first) = self.errors().next() {
            write!(f, "; the first: {first}")?;
        }
        Ok(())
    }
}

impl core::error::Error for InvalidTopology {}

/// Why text could not be opened as a topology.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// The text is not a readable document.
    Load(LoadError),
    /// The document breaks rules.
    Invalid(InvalidTopology),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Load(e) => fmt::Display::fmt(e, f),
            Self::Invalid(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl core::error::Error for OpenError {}

impl TryFrom<Document> for Topology {
    type Error = InvalidTopology;

    fn try_from(doc: Document) -> Result<Self, Self::Error> {
        let diagnostics = validate(&doc);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(InvalidTopology { diagnostics });
        }
        let ids = IdIndex::build(&doc)
            .slots
            .into_iter()
            .map(|(id, slot)| (id.to_string(), slot))
            .collect();
        Ok(Self {
            doc,
            ids,
            warnings: diagnostics,
        })
    }
}

macro_rules! getters {
    ($($fn_name:ident => $field:ident: $ty:ty = $kind:ident),+ $(,)?) => {$(
        /// The object with this id, if there is one of this kind.
        pub fn $fn_name(&self, id: &str) -> Option<&$ty> {
            let slot = self.slot(id)?;
            if slot.kind != Kind::$kind {
                return None;
            }
            self.doc.$field.get(slot.index)
        }
    )+};
}

impl Topology {
    /// Reads and validates a document.
    pub fn from_json(text: &str) -> Result<Self, OpenError> {
        let doc = load(text).map_err(OpenError::Load)?;
        Self::try_from(doc).map_err(OpenError::Invalid)
    }

    /// The document behind the topology.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Gives the document back, for editing.
    pub fn into_document(self) -> Document {
        self.doc
    }

    /// The warnings validation found.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Where the object with this id sits, and its kind.
    pub fn slot(&self, id: &str) -> Option<Slot> {
        self.ids.get(id).copied()
    }

    /// The kind of the object with this id.
    pub fn kind_of(&self, id: &str) -> Option<Kind> {
        self.slot(id).map(|s| s.kind)
    }

    /// The listener with this id and the service it belongs to.
    pub fn listener(&self, id: &str) -> Option<(&Service, &Listener)> {
        let slot = self.slot(id).filter(|s| s.kind == Kind::Listener)?;
        let service = self.doc.services.get(slot.index)?;
        Some((service, service.listeners.get(slot.listener)?))
    }

    /// The rule with this id, its listener and its service.
    pub fn rule(&self, id: &str) -> Option<(&Service, &Listener, &Rule)> {
        let slot = self.slot(id).filter(|s| s.kind == Kind::Rule)?;
        let service = self.doc.services.get(slot.index)?;
        let listener = service.listeners.get(slot.listener)?;
        Some((service, listener, listener.rules.get(slot.rule)?))
    }

    getters! {
        vpc => vpcs: Vpc = Vpc,
        subnet => subnets: Subnet = Subnet,
        route_table => route_tables: RouteTable = RouteTable,
        internet_gateway => internet_gateways: InternetGateway = InternetGateway,
        nat_gateway => nat_gateways: NatGateway = NatGateway,
        peering => peerings: Peering = Peering,
        security_group => security_groups: SecurityGroup = SecurityGroup,
        prefix_list => prefix_lists: PrefixList = PrefixList,
        instance => instances: Instance = Instance,
        lambda => lambdas: Lambda = Lambda,
        database => databases: Database = Database,
        load_balancer => load_balancers: LoadBalancer = LoadBalancer,
        gateway_endpoint => gateway_endpoints: GatewayEndpoint = GatewayEndpoint,
        interface_endpoint => interface_endpoints: InterfaceEndpoint = InterfaceEndpoint,
        endpoint_service => endpoint_services: EndpointService = EndpointService,
        service_network => service_networks: ServiceNetwork = ServiceNetwork,
        vpc_association => vpc_associations: VpcAssociation = VpcAssociation,
        service_association => service_associations: ServiceAssociation = ServiceAssociation,
        resource_association => resource_associations: ResourceAssociation = ResourceAssociation,
        service_network_endpoint => service_network_endpoints: ServiceNetworkEndpoint = ServiceNetworkEndpoint,
        service => services: Service = Service,
        target_group => target_groups: TargetGroup = TargetGroup,
        resource_gateway => resource_gateways: ResourceGateway = ResourceGateway,
        resource_configuration => resource_configurations: ResourceConfiguration = ResourceConfiguration,
        resource_endpoint => resource_endpoints: ResourceEndpoint = ResourceEndpoint,
    }
}
