//! One step of a trace: the component the packet passed, what happened there in plain words, the
//! packet as seen there, and the rule or policy statement that applied.

use alloc::string::String;
use core::net::IpAddr;

use serde::Serialize;

/// The kind of component a hop is at. Names are stable: the browser picks icons by them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
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

/// The packet as a component sees it, after any address rewrite before it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Packet {
    pub source: Option<IpAddr>,
    pub destination: Option<IpAddr>,
    /// `tcp` or `udp`.
    pub protocol: &'static str,
    pub port: u16,
    /// The proxy protocol v2 header a Network Load Balancer puts in front of the connection, from
    /// the load balancer onward; absent when the load balancer sends none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proxy_protocol: Option<ProxyProtocol>,
}

/// What a proxy protocol v2 header tells the target: the consumer's own address, which the
/// packet's source no longer shows, and the VPC endpoint the connection came through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProxyProtocol {
    pub source: IpAddr,
    pub vpce_id: String,
}

/// One hop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// The component's id, or a name such as an AWS service name.
    pub component: String,
    pub kind: ComponentKind,
    /// What happened here, in plain words.
    pub what: String,
    pub packet: Packet,
    /// The route, security group rule or policy statement that applied, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The aws-rules.md id behind this hop's behaviour.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub cites: &'static str,
}
