//! Why a request stops: a closed set of codes with stable names, in the manner of Reachability
//! Analyzer's explanation codes, so that tests, the command line and the browser use the same
//! words. A name, once published, never changes meaning.

macro_rules! reasons {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $rule:literal;)+) => {
        /// A stable reason code for a blocked request.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ReasonCode {
            $($(#[$doc])* $variant,)+
        }

        impl ReasonCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ReasonCode] = &[$(ReasonCode::$variant,)+];

            /// The stable name, such as `security_group_ingress_denied`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ReasonCode::$variant => $name,)+
                }
            }

            /// The aws-rules.md id a block with this code usually cites; empty for codes about
            /// the simulator itself.
            pub fn rule(self) -> &'static str {
                match self {
                    $(ReasonCode::$variant => $rule,)+
                }
            }

            /// The code with this stable name.
            pub fn from_name(name: &str) -> Option<ReasonCode> {
                match name {
                    $($name => Some(ReasonCode::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

reasons! {
    /// The request starts at something that cannot send traffic, or has no address.
    InvalidSource = "invalid_source", "";
    /// The destination is neither an object, an address nor a name the simulator knows.
    UnknownDestination = "unknown_destination", "";
    /// The destination is an object that does not receive traffic (a route table, a group).
    DestinationNotAddressable = "destination_not_addressable", "";
    /// The source VPC has DNS support turned off, so the Amazon resolver does not answer.
    DnsSupportDisabled = "dns_support_disabled", "R-IFE-05";
    /// The name does not resolve from the source VPC.
    DnsNameNotFound = "dns_name_not_found", "R-IFE-05";
    /// No route of the route table matches the destination.
    NoRoute = "no_route", "R-VPC-01";
    /// The destination address is in the VPC, but nothing there has it.
    AddressNotInUse = "address_not_in_use", "R-VPC-01";
    /// A security group's outbound rules do not allow the traffic.
    SecurityGroupEgressDenied = "security_group_egress_denied", "R-VPC-03";
    /// A security group's inbound rules do not allow the traffic.
    SecurityGroupIngressDenied = "security_group_ingress_denied", "R-VPC-03";
    /// The peering connection is not accepted.
    PeeringNotActive = "peering_not_active", "R-VPC-06";
    /// Traffic from a peered VPC may only reach addresses of the peer VPC itself.
    PeeringNotTransitive = "peering_not_transitive", "R-GWE-07";
    /// Traffic from outside the VPC tries to use the VPC's gateway endpoint.
    GatewayEndpointNotTransitive = "gateway_endpoint_not_transitive", "R-GWE-07";
    /// The gateway endpoint's policy does not allow the request.
    GatewayEndpointPolicyDenied = "gateway_endpoint_policy_denied", "R-EPP-01";
    /// The interface endpoint's policy does not allow the request.
    InterfaceEndpointPolicyDenied = "interface_endpoint_policy_denied", "R-EPP-01";
    /// The caller's identity policy does not allow a request to an AWS service through a gateway
    /// or interface endpoint: the endpoint policy never replaces it.
    IdentityPolicyDenied = "identity_policy_denied", "R-EPP-01";
    /// The route leads to the internet, and the internet gateway or NAT device cannot carry it.
    InternetUnreachable = "internet_unreachable", "R-GWE-03";
    /// The component carries TCP only, and the request is not TCP.
    ProtocolNotSupported = "protocol_not_supported", "R-IFE-04";
    /// The port is outside the resource configuration's port ranges.
    PortNotInRange = "port_not_in_range", "R-RC-03";
    /// The endpoint service provider has not accepted the endpoint's connection.
    EndpointConnectionNotAccepted = "endpoint_connection_not_accepted", "R-EPS-03";
    /// The endpoint connection was rejected, failed or was deleted.
    EndpointConnectionRejected = "endpoint_connection_rejected", "R-EPS-03";
    /// The consumer is not among the endpoint service's allowed principals. Validation refuses
    /// such an endpoint first (the diagnostic of the same name), so a valid topology never stops
    /// with it; the name stays, as every published name does.
    EndpointServicePrincipalNotAllowed = "endpoint_service_principal_not_allowed", "R-EPS-02";
    /// The load balancer has no listener on the port.
    LoadBalancerNoListener = "load_balancer_no_listener", "R-EPS-01";
    /// The load balancer has no registered target.
    LoadBalancerNoTarget = "load_balancer_no_target", "R-EPS-01";
    /// The source VPC is connected to no service network that holds the resource.
    ServiceNetworkNotConnected = "service_network_not_connected", "R-SN-02";
    /// The walk went through more components than any real path has: a routing loop.
    HopLimitExceeded = "hop_limit_exceeded", "R-VPC-01";
    /// No listener of the VPC Lattice service takes the request's port and protocol.
    LatticeNoListener = "lattice_no_listener", "R-LIS-01";
    /// A signed request to VPC Lattice did not authenticate.
    LatticeAuthenticationFailed = "lattice_authentication_failed", "R-AUTH-06";
    /// The caller's identity policy does not allow the VPC Lattice action.
    LatticeIdentityPolicyDenied = "lattice_identity_policy_denied", "R-AUTH-02";
    /// The service network's auth policy does not allow the request.
    LatticeServiceNetworkAuthDenied = "lattice_service_network_auth_denied", "R-AUTH-04";
    /// The service's auth policy does not allow the request.
    LatticeServiceAuthDenied = "lattice_service_auth_denied", "R-AUTH-04";
    /// The forward action leads to no target: no target registered, or every weight is zero.
    LatticeNoTargets = "lattice_no_targets", "R-TG-02";
}

impl crate::model::codec::ToJson for ReasonCode {
    fn write_json(&self, out: &mut alloc::string::String) {
        crate::json::write::string(out, self.as_str());
    }
}

impl core::fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        for code in ReasonCode::ALL {
            assert_eq!(ReasonCode::from_name(code.as_str()), Some(*code));
            let n = ReasonCode::ALL
                .iter()
                .filter(|c| c.as_str() == code.as_str())
                .count();
            assert_eq!(n, 1, "{code}");
        }
    }
}
