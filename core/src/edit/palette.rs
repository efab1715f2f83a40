//! What a person can place on the canvas, grouped by the concept it belongs to, and where each
//! kind may be placed.

use crate::model::Kind;

/// The concept a palette item teaches, in the order the palette shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Concept {
    /// VPCs, subnets, route tables, gateways, security groups.
    Network,
    /// What sends and serves requests: instances, functions, databases, load balancers.
    Compute,
    /// Gateway and interface endpoints, endpoint services.
    PrivateLink,
    /// Service networks, services, target groups.
    Lattice,
    /// Resource gateways, configurations and endpoints.
    Resources,
}

impl Concept {
    /// The heading shown above the concept's items.
    pub fn title(self) -> &'static str {
        match self {
            Self::Network => "Network",
            Self::Compute => "Compute",
            Self::PrivateLink => "PrivateLink",
            Self::Lattice => "VPC Lattice",
            Self::Resources => "Resources",
        }
    }
}

/// One kind a person can drag onto the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaletteItem {
    pub kind: Kind,
    /// The kind's name in the document format (`vpc`, `target_group`, …).
    pub name: &'static str,
    /// The label under the icon.
    pub label: &'static str,
    pub concept: Concept,
    /// The kinds that may hold it; empty for objects that stand free on the canvas.
    pub containers: &'static [Kind],
}

impl PaletteItem {
    /// A one-line explanation for the tooltip. Kept out of [`PALETTE`] so that a build that never
    /// shows a palette (the embed viewer) leaves the words out.
    pub fn hint(&self) -> &'static str {
        match self.kind {
            Kind::Vpc => "An isolated network with its own address blocks",
            Kind::Subnet => "A slice of a VPC in one Availability Zone",
            Kind::RouteTable => "Where a subnet's packets go",
            Kind::SecurityGroup => "A stateful firewall for network interfaces",
            Kind::InternetGateway => "A VPC's door to the internet",
            Kind::NatGateway => "Outbound-only internet access for private subnets",
            Kind::Instance => "An EC2 instance, network interface, ECS task or EKS pod",
            Kind::Lambda => "A function Lattice can invoke as a target",
            Kind::Database => "A database reachable through a resource configuration",
            Kind::LoadBalancer => "An ALB, NLB or Gateway Load Balancer",
            Kind::GatewayEndpoint => "Private routes to S3 or DynamoDB",
            Kind::InterfaceEndpoint => "Network interfaces that reach a service privately",
            Kind::EndpointService => {
                "Your service behind a load balancer, offered through PrivateLink"
            }
            Kind::ServiceNetwork => "A group of services and resources that VPCs connect to",
            Kind::ServiceNetworkEndpoint => "Reach a service network through interface endpoints",
            Kind::Service => "Listeners and rules that route requests to target groups",
            Kind::TargetGroup => "Targets, their health, and how requests are spread",
            Kind::ResourceGateway => "Where traffic to shared resources enters a VPC",
            Kind::ResourceConfiguration => {
                "A database, domain or IP address shared through Lattice"
            }
            Kind::ResourceEndpoint => "A VPC endpoint to one resource configuration",
            _ => "",
        }
    }

    /// The containers in words: "a VPC", "a subnet".
    pub fn container_words(&self) -> &'static str {
        match self.containers {
            [Kind::Vpc] => "a VPC",
            [Kind::Subnet] => "a subnet",
            _ => "nothing",
        }
    }
}

const IN_VPC: &[Kind] = &[Kind::Vpc];
const IN_SUBNET: &[Kind] = &[Kind::Subnet];
const FREE: &[Kind] = &[];

macro_rules! item {
    ($kind:ident, $name:literal, $label:literal, $concept:ident, $containers:expr) => {
        PaletteItem {
            kind: Kind::$kind,
            name: $name,
            label: $label,
            concept: Concept::$concept,
            containers: $containers,
        }
    };
}

/// Every kind that is drawn on the canvas, in palette order. Associations, peerings, listeners,
/// rules and targets are not here: they are connections and fields, made by dragging from one
/// object to another or in the inspector.
pub const PALETTE: &[PaletteItem] = &[
    item!(Vpc, "vpc", "VPC", Network, FREE),
    item!(Subnet, "subnet", "Subnet", Network, IN_VPC),
    item!(RouteTable, "route_table", "Route table", Network, IN_VPC),
    item!(
        SecurityGroup,
        "security_group",
        "Security group",
        Network,
        IN_VPC
    ),
    item!(
        InternetGateway,
        "internet_gateway",
        "Internet gateway",
        Network,
        IN_VPC
    ),
    item!(NatGateway, "nat_gateway", "NAT gateway", Network, IN_SUBNET),
    item!(Instance, "instance", "Instance", Compute, IN_SUBNET),
    item!(Lambda, "lambda", "Lambda function", Compute, FREE),
    item!(Database, "database", "RDS database", Compute, IN_SUBNET),
    item!(
        LoadBalancer,
        "load_balancer",
        "Load balancer",
        Compute,
        IN_VPC
    ),
    item!(
        GatewayEndpoint,
        "gateway_endpoint",
        "Gateway endpoint",
        PrivateLink,
        IN_VPC
    ),
    item!(
        InterfaceEndpoint,
        "interface_endpoint",
        "Interface endpoint",
        PrivateLink,
        IN_VPC
    ),
    item!(
        EndpointService,
        "endpoint_service",
        "Endpoint service",
        PrivateLink,
        FREE
    ),
    item!(
        ServiceNetwork,
        "service_network",
        "Service network",
        Lattice,
        FREE
    ),
    item!(
        ServiceNetworkEndpoint,
        "service_network_endpoint",
        "Service-network endpoint",
        Lattice,
        IN_VPC
    ),
    item!(Service, "service", "Lattice service", Lattice, FREE),
    item!(TargetGroup, "target_group", "Target group", Lattice, FREE),
    item!(
        ResourceGateway,
        "resource_gateway",
        "Resource gateway",
        Resources,
        IN_VPC
    ),
    item!(
        ResourceConfiguration,
        "resource_configuration",
        "Resource configuration",
        Resources,
        FREE
    ),
    item!(
        ResourceEndpoint,
        "resource_endpoint",
        "Resource endpoint",
        Resources,
        IN_VPC
    ),
];

/// The palette item for a kind's document name (`vpc`, `target_group`, …).
pub fn kind_by_name(name: &str) -> Option<&'static PaletteItem> {
    PALETTE.iter().find(|p| p.name == name)
}

/// The palette item for a kind, when the kind is drawn.
pub(crate) fn item_for(kind: Kind) -> Option<&'static PaletteItem> {
    PALETTE.iter().find(|p| p.kind == kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        for (i, a) in PALETTE.iter().enumerate() {
            assert_eq!(kind_by_name(a.name).map(|p| p.kind), Some(a.kind));
            for b in &PALETTE[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.kind, b.kind);
            }
        }
        assert!(kind_by_name("vpcs").is_none());
    }

    #[test]
    fn containers_are_drawn_kinds() {
        for p in PALETTE {
            for c in p.containers {
                assert!(item_for(*c).is_some(), "{} sits in an undrawn kind", p.name);
            }
        }
    }
}
