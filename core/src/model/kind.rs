//! Object kinds and the id index: every object id in a document is unique across all kinds, so
//! one map from id to place answers "what is `x`?" for references, flows and the user interface.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use super::document::Document;

/// The kind of an object with an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Account,
    Region,
    Zone,
    Vpc,
    Subnet,
    RouteTable,
    InternetGateway,
    NatGateway,
    Peering,
    SecurityGroup,
    PrefixList,
    Instance,
    Lambda,
    Database,
    LoadBalancer,
    GatewayEndpoint,
    InterfaceEndpoint,
    EndpointService,
    ServiceNetwork,
    VpcAssociation,
    ServiceAssociation,
    ResourceAssociation,
    ServiceNetworkEndpoint,
    Service,
    Listener,
    Rule,
    TargetGroup,
    ResourceGateway,
    ResourceConfiguration,
    ResourceEndpoint,
}

impl Kind {
    /// The words a person uses for the kind.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Region => "Region",
            Self::Zone => "Availability Zone",
            Self::Vpc => "VPC",
            Self::Subnet => "subnet",
            Self::RouteTable => "route table",
            Self::InternetGateway => "internet gateway",
            Self::NatGateway => "NAT gateway",
            Self::Peering => "peering connection",
            Self::SecurityGroup => "security group",
            Self::PrefixList => "prefix list",
            Self::Instance => "instance",
            Self::Lambda => "Lambda function",
            Self::Database => "database",
            Self::LoadBalancer => "load balancer",
            Self::GatewayEndpoint => "gateway endpoint",
            Self::InterfaceEndpoint => "interface endpoint",
            Self::EndpointService => "endpoint service",
            Self::ServiceNetwork => "service network",
            Self::VpcAssociation => "VPC association",
            Self::ServiceAssociation => "service association",
            Self::ResourceAssociation => "resource association",
            Self::ServiceNetworkEndpoint => "service-network endpoint",
            Self::Service => "service",
            Self::Listener => "listener",
            Self::Rule => "listener rule",
            Self::TargetGroup => "target group",
            Self::ResourceGateway => "resource gateway",
            Self::ResourceConfiguration => "resource configuration",
            Self::ResourceEndpoint => "resource endpoint",
        }
    }

    /// The noun with its indefinite article: "an instance", "a VPC", "an internet gateway".
    pub fn a(self) -> alloc::string::String {
        let noun = self.noun();
        // Every noun that starts with a vowel sound starts with a lowercase vowel or "Availability".
        let an = noun.starts_with(['a', 'e', 'i', 'o', 'u']) || noun.starts_with("Availability");
        alloc::format!("{} {noun}", if an { "an" } else { "a" })
    }
}

#[cfg(test)]
mod article_tests {
    use super::Kind;

    #[test]
    fn nouns_take_the_article_they_are_spoken_with() {
        assert_eq!(Kind::Instance.a(), "an instance");
        assert_eq!(Kind::InternetGateway.a(), "an internet gateway");
        assert_eq!(Kind::InterfaceEndpoint.a(), "an interface endpoint");
        assert_eq!(Kind::EndpointService.a(), "an endpoint service");
        assert_eq!(Kind::Account.a(), "an account");
        assert_eq!(Kind::Zone.a(), "an Availability Zone");
        assert_eq!(Kind::Vpc.a(), "a VPC");
        assert_eq!(Kind::NatGateway.a(), "a NAT gateway");
        assert_eq!(Kind::Subnet.a(), "a subnet");
        assert_eq!(Kind::Lambda.a(), "a Lambda function");
    }
}

/// Where an object sits in the document: its kind and its position in its list (for listeners
/// and rules, the positions of the service and listener too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub kind: Kind,
    /// The position in the kind's list; for listeners and rules, the service's position.
    pub index: usize,
    /// For listeners and rules: the listener's position in its service.
    pub listener: usize,
    /// For rules: the rule's position in its listener.
    pub rule: usize,
}

/// Every object id of a document, and ids that occur twice.
#[derive(Debug)]
pub(crate) struct IdIndex<'a> {
    pub(crate) slots: BTreeMap<&'a str, Slot>,
    /// Ids seen more than once: the id, the later kind and the first kind.
    pub(crate) duplicates: Vec<(&'a str, Kind, Kind)>,
}

impl<'a> IdIndex<'a> {
    pub(crate) fn build(doc: &'a Document) -> Self {
        let mut ix = Self {
            slots: BTreeMap::new(),
            duplicates: Vec::new(),
        };
        macro_rules! add_all {
            ($($field:ident => $kind:ident),+ $(,)?) => {$(
                for (i, o) in doc.$field.iter().enumerate() {
                    ix.add(o.id.as_str(), Slot { kind: Kind::$kind, index: i, listener: 0, rule: 0 });
                }
            )+};
        }
        add_all! {
            vpcs => Vpc, subnets => Subnet, route_tables => RouteTable,
            internet_gateways => InternetGateway, nat_gateways => NatGateway, peerings => Peering,
            security_groups => SecurityGroup, prefix_lists => PrefixList, instances => Instance,
            lambdas => Lambda, databases => Database, load_balancers => LoadBalancer,
            gateway_endpoints => GatewayEndpoint, interface_endpoints => InterfaceEndpoint,
            endpoint_services => EndpointService, service_networks => ServiceNetwork,
            vpc_associations => VpcAssociation, service_associations => ServiceAssociation,
            resource_associations => ResourceAssociation,
            service_network_endpoints => ServiceNetworkEndpoint, services => Service,
            target_groups => TargetGroup, resource_gateways => ResourceGateway,
            resource_configurations => ResourceConfiguration, resource_endpoints => ResourceEndpoint,
        }
        for (s, service) in doc.services.iter().enumerate() {
            for (l, listener) in service.listeners.iter().enumerate() {
                ix.add(
                    listener.id.as_str(),
                    Slot {
                        kind: Kind::Listener,
                        index: s,
                        listener: l,
                        rule: 0,
                    },
                );
                for (r, rule) in listener.rules.iter().enumerate() {
                    ix.add(
                        rule.id.as_str(),
                        Slot {
                            kind: Kind::Rule,
                            index: s,
                            listener: l,
                            rule: r,
                        },
                    );
                }
            }
        }
        ix
    }

    fn add(&mut self, id: &'a str, slot: Slot) {
        if let Some(first) = self.slots.get(id) {
            self.duplicates.push((id, slot.kind, first.kind));
        } else {
            self.slots.insert(id, slot);
        }
    }

    pub(crate) fn get(&self, id: &str) -> Option<Slot> {
        self.slots.get(id).copied()
    }
}
