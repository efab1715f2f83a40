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
    /// A one-line explanation for the tooltip.
    pub hint: &'static str,
}

impl PaletteItem {
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
    ($kind:ident, $name:literal, $label:literal, $concept:ident, $containers:expr, $hint:literal) => {
        PaletteItem {
            kind: Kind::$kind,
            name: $name,
            label: $label,
            concept: Concept::$concept,
            containers: $containers,
            hint: $hint,
        }
    };
}

/// Every kind that is drawn on the canvas, in palette order. Associations, peerings, listeners,
/// rules and targets are not here: they are connections and fields, made by dragging from one
/// object to another or in the inspector.
pub const PALETTE: &[PaletteItem] = &[
    item!(
        Vpc,
        "vpc",
        "VPC",
        Network,
        FREE,
        "An isolated network with its own address blocks"
    ),
    item!(
        Subnet,
        "subnet",
        "Subnet",
        Network,
        IN_VPC,
        "A slice of a VPC in one Availability Zone"
    ),
    item!(
        RouteTable,
        "route_table",
        "Route table",
        Network,
        IN_VPC,
        "Where a subnet's packets go"
    ),
    item!(
        SecurityGroup,
        "security_group",
        "Security group",
        Network,
        IN_VPC,
        "A stateful firewall for network interfaces"
    ),
    item!(
        InternetGateway,
        "internet_gateway",
        "Internet gateway",
        Network,
        IN_VPC,
        "A VPC's door to the internet"
    ),
    item!(
        NatGateway,
        "nat_gateway",
        "NAT gateway",
        Network,
        IN_SUBNET,
        "Outbound-only internet access for private subnets"
    ),
    item!(
        Instance,
        "instance",
        "Instance",
        Compute,
        IN_SUBNET,
        "An EC2 instance, network interface, ECS task or EKS pod"
    ),
    item!(
        Lambda,
        "lambda",
        "Lambda function",
        Compute,
        FREE,
        "A function Lattice can invoke as a target"
    ),
    item!(
        Database,
        "database",
        "RDS database",
        Compute,
        IN_SUBNET,
        "A database reachable through a resource configuration"
    ),
    item!(
        LoadBalancer,
        "load_balancer",
        "Load balancer",
        Compute,
        IN_VPC,
        "An ALB, NLB or Gateway Load Balancer"
    ),
    item!(
        GatewayEndpoint,
        "gateway_endpoint",
        "Gateway endpoint",
        PrivateLink,
        IN_VPC,
        "Private routes to S3 or DynamoDB"
    ),
    item!(
        InterfaceEndpoint,
        "interface_endpoint",
        "Interface endpoint",
        PrivateLink,
        IN_VPC,
        "Network interfaces that reach a service privately"
    ),
    item!(
        EndpointService,
        "endpoint_service",
        "Endpoint service",
        PrivateLink,
        FREE,
        "Your service behind a load balancer, offered through PrivateLink"
    ),
    item!(
        ServiceNetwork,
        "service_network",
        "Service network",
        Lattice,
        FREE,
        "A group of services and resources that VPCs connect to"
    ),
    item!(
        ServiceNetworkEndpoint,
        "service_network_endpoint",
        "Service-network endpoint",
        Lattice,
        IN_VPC,
        "Reach a service network through interface endpoints"
    ),
    item!(
        Service,
        "service",
        "Lattice service",
        Lattice,
        FREE,
        "Listeners and rules that route requests to target groups"
    ),
    item!(
        TargetGroup,
        "target_group",
        "Target group",
        Lattice,
        FREE,
        "Targets, their health, and how requests are spread"
    ),
    item!(
        ResourceGateway,
        "resource_gateway",
        "Resource gateway",
        Resources,
        IN_VPC,
        "Where traffic to shared resources enters a VPC"
    ),
    item!(
        ResourceConfiguration,
        "resource_configuration",
        "Resource configuration",
        Resources,
        FREE,
        "A database, domain or IP address shared through Lattice"
    ),
    item!(
        ResourceEndpoint,
        "resource_endpoint",
        "Resource endpoint",
        Resources,
        IN_VPC,
        "A VPC endpoint to one resource configuration"
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
