//! One step of a trace: the component the packet passed, what happened there in plain words, the
//! packet as seen there, and the rule or policy statement that applied.

use alloc::string::String;
use core::net::IpAddr;

/// The kind of component a hop is at. Names are stable: the browser picks icons by them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ComponentKind {
    Instance,
    Subnet,
    Lambda,
    Database,
    Dns,
    SecurityGroup,
    RouteTable,
    InternetGateway,
    NatGateway,
    Peering,
    GatewayEndpoint,
    InterfaceEndpoint,
    EndpointService,
    LoadBalancer,
    ResourceEndpoint,
    ResourceConfiguration,
    ResourceGateway,
    ServiceNetwork,
    VpcAssociation,
    Service,
    /// An AWS service's public or private front door (S3, SQS, …).
    AwsService,
    /// An address outside every VPC of the document.
    Internet,
    /// A VPC endpoint of type service network.
    ServiceNetworkEndpoint,
    /// A VPC Lattice auth policy, or the caller's identity policy.
    AuthPolicy,
    Listener,
    ListenerRule,
    TargetGroup,
}

crate::json_enum!(write ComponentKind {
    Instance = "instance",
    Subnet = "subnet",
    Lambda = "lambda",
    Database = "database",
    Dns = "dns",
    SecurityGroup = "security_group",
    RouteTable = "route_table",
    InternetGateway = "internet_gateway",
    NatGateway = "nat_gateway",
    Peering = "peering",
    GatewayEndpoint = "gateway_endpoint",
    InterfaceEndpoint = "interface_endpoint",
    EndpointService = "endpoint_service",
    LoadBalancer = "load_balancer",
    ResourceEndpoint = "resource_endpoint",
    ResourceConfiguration = "resource_configuration",
    ResourceGateway = "resource_gateway",
    ServiceNetwork = "service_network",
    VpcAssociation = "vpc_association",
    Service = "service",
    AwsService = "aws_service",
    Internet = "internet",
    ServiceNetworkEndpoint = "service_network_endpoint",
    AuthPolicy = "auth_policy",
    Listener = "listener",
    ListenerRule = "listener_rule",
    TargetGroup = "target_group",
});

/// The packet as a component sees it, after any address rewrite before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packet {
    pub source: Option<IpAddr>,
    pub destination: Option<IpAddr>,
    /// `tcp` or `udp`.
    pub protocol: &'static str,
    pub port: u16,
    /// The proxy protocol v2 header a Network Load Balancer puts in front of the connection, from
    /// the load balancer onward; absent when the load balancer sends none.
    pub proxy_protocol: Option<ProxyProtocol>,
}

crate::json_struct!(write Packet {
    source: req,
    destination: req,
    protocol: req,
    port: req,
    proxy_protocol: opt,
});

/// What a proxy protocol v2 header tells the target: the consumer's own address, which the
/// packet's source no longer shows, and the VPC endpoint the connection came through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyProtocol {
    pub source: IpAddr,
    pub vpce_id: String,
}

crate::json_struct!(write ProxyProtocol {
    source: req,
    vpce_id: req,
});

/// One hop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// The component's id, or a name such as an AWS service name.
    pub component: String,
    pub kind: ComponentKind,
    /// What happened here, in plain words.
    pub what: String,
    pub packet: Packet,
    /// The route, security group rule or policy statement that applied, in words.
    pub rule: Option<String>,
    /// The aws-rules.md id behind this hop's behaviour.
    pub cites: &'static str,
    /// At a route table: the route that forwarded the packet. Not written to JSON; `rule`
    /// says the same in words.
    pub route: Option<RouteTaken>,
    /// At DNS: the name asked and the addresses it resolved to. Not written to JSON; `what`
    /// says the same in words.
    pub dns: Option<DnsAnswer>,
}

crate::json_struct!(write Hop {
    component: req,
    kind: req,
    what: req,
    packet: req,
    rule: opt,
    cites: opt,
});

/// The route-table entry that forwarded a packet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteTaken {
    /// The route table's id (the subnet's id when its VPC has no table at all).
    pub table: String,
    /// The destination block, such as `0.0.0.0/0`.
    pub destination: String,
    /// For a gateway endpoint's route: the prefix list its destination is, such as
    /// `com.amazonaws.us-east-1.s3`.
    pub prefix_list: Option<String>,
    /// `local`, or the id of the gateway, peering, instance or gateway endpoint.
    pub target: String,
}

impl RouteTaken {
    /// Whether the route's destination is `text`: its block, or the prefix list it stands for.
    pub fn destination_is(&self, text: &str) -> bool {
        let text = text.trim();
        self.destination == text || self.prefix_list.as_deref() == Some(text)
    }
}

impl core::fmt::Display for RouteTaken {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.prefix_list {
            Some(list) => write!(
                f,
                "`{list}` ({}) -> `{}` in `{}`",
                self.destination, self.target, self.table
            ),
            None => write!(
                f,
                "{} -> `{}` in `{}`",
                self.destination, self.target, self.table
            ),
        }
    }
}

/// A DNS lookup a trace made: the name and every address it resolved to from the source VPC
/// (one per network interface of an endpoint, in subnet order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsAnswer {
    pub name: String,
    pub answer: alloc::vec::Vec<IpAddr>,
}
