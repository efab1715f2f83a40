//! Diagnostics: what validation found, in words a person can act on.

use alloc::string::String;
use core::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// AWS would refuse the configuration; the document does not become a topology.
    Error,
    /// AWS accepts it, but it likely does not do what was meant, or a documented limit is near.
    Warning,
}

crate::json_enum!(write Severity {
    Error = "error",
    Warning = "warning",
});

impl Severity {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $sev:ident, $rule:expr;)+) => {
        /// A stable diagnostic code. The names never change once released; tests, the command
        /// line and the user interface all speak them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)+
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The stable name, such as `subnet_outside_vpc`.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name,)+ }
            }

            /// How serious the finding is.
            pub fn severity(self) -> Severity {
                match self { $(Self::$variant => Severity::$sev,)+ }
            }

            /// The rule id of aws-rules.md behind the check, where there is one.
            pub fn rule(self) -> Option<&'static str> {
                match self { $(Self::$variant => $rule,)+ }
            }

            /// Looks a code up by its stable name.
            pub fn from_name(name: &str) -> Option<Self> {
                match name { $($name => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}

codes! {
    /// Two objects share an id; ids are unique across all kinds.
    DuplicateId = "duplicate_id", Error, None;
    /// A reference names no object, or an object of another kind.
    DanglingReference = "dangling_reference", Error, None;
    /// A reference crosses into another VPC where the object must be in the same VPC.
    WrongVpc = "wrong_vpc", Error, None;
    /// A subnet's Availability Zone is not one of its Region's zones.
    ZoneNotInRegion = "zone_not_in_region", Error, None;
    /// A VPC has no IPv4 block.
    VpcMissingIpv4 = "vpc_missing_ipv4", Error, None;
    /// An IPv4 VPC block is larger than /16 or smaller than /28.
    VpcCidrSize = "vpc_cidr_size", Error, None;
    /// Two blocks of one VPC overlap.
    VpcCidrOverlap = "vpc_cidr_overlap", Error, None;
    /// A subnet block is not inside a block of its VPC.
    SubnetOutsideVpc = "subnet_outside_vpc", Error, None;
    /// Two subnets of one VPC overlap.
    SubnetOverlap = "subnet_overlap", Error, None;
    /// A VPC has more than one main route table.
    MultipleMainRouteTables = "multiple_main_route_tables", Error, None;
    /// A `local` route's destination is not a block of the VPC.
    LocalRouteMismatch = "local_route_mismatch", Error, None;
    /// A route table has two routes with the same destination.
    DuplicateRoute = "duplicate_route", Error, None;
    /// More than one internet gateway is attached to a VPC.
    MultipleInternetGateways = "multiple_internet_gateways", Error, None;
    /// The two VPCs of a peering have overlapping IPv4 blocks.
    PeeringCidrOverlap = "peering_cidr_overlap", Error, Some("R-VPC-06");
    /// A peering connects a VPC to itself.
    PeeringSameVpc = "peering_same_vpc", Error, None;
    /// A network interface has more than five security groups.
    TooManySecurityGroups = "too_many_security_groups", Error, None;
    /// A security group rule's port range starts at 0 or runs backwards.
    PortRangeInvalid = "port_range_invalid", Error, None;
    /// A gateway endpoint names a service other than S3 or DynamoDB.
    GatewayEndpointService = "gateway_endpoint_service", Error, Some("R-GWE-01");
    /// A gateway endpoint names a service in another Region than its VPC.
    GatewayEndpointRegion = "gateway_endpoint_region", Error, Some("R-GWE-05");
    /// Two gateway endpoints for one service share a route table.
    GatewayEndpointRouteConflict = "gateway_endpoint_route_conflict", Error, Some("R-GWE-08");
    /// An interface endpoint has two subnets in one Availability Zone.
    EndpointSubnetPerZone = "endpoint_subnet_per_zone", Error, Some("R-IFE-01");
    /// An endpoint has no subnet.
    EndpointWithoutSubnets = "endpoint_without_subnets", Error, None;
    /// Private DNS on an endpoint in a VPC without DNS support and DNS hostnames.
    PrivateDnsNeedsVpcDns = "private_dns_needs_vpc_dns", Error, Some("R-IFE-05");
    /// An endpoint service fronts no load balancer, or one that is not an NLB or GWLB.
    EndpointServiceLoadBalancer = "endpoint_service_load_balancer", Error, Some("R-EPS-01");
    /// An interface endpoint shares no Availability Zone with its endpoint service.
    EndpointServiceZones = "endpoint_service_zones", Error, Some("R-EPS-06");
    /// An endpoint service lists a connection from an endpoint that targets another service.
    ConnectionMismatch = "connection_mismatch", Error, None;
    /// An interface endpoint from an account that no allowed principal of its endpoint service
    /// admits, with no connection the provider accepted before.
    EndpointServicePrincipalNotAllowed = "endpoint_service_principal_not_allowed", Error, Some("R-EPS-02");
    /// An endpoint service's private DNS name is not verified, so consumers cannot use it.
    PrivateDnsUnverified = "private_dns_unverified", Warning, Some("R-EPS-05");
    /// An endpoint service allows every principal and accepts automatically: effectively public.
    EndpointServicePublic = "endpoint_service_public", Warning, Some("R-EPS-08");
    /// An interface endpoint reaches an endpoint service in another Region.
    CrossRegionEndpoint = "cross_region_endpoint", Warning, Some("R-IFE-06");
    /// A VPC has more than one direct service-network association.
    MultipleServiceNetworkAssociations = "multiple_service_network_associations", Error, Some("R-SN-01");
    /// A VPC association has more than five security groups.
    AssociationSecurityGroups = "association_security_groups", Error, Some("R-SN-04");
    /// A service-network endpoint has two subnets in one Availability Zone.
    ServiceNetworkEndpointSubnetPerZone = "service_network_endpoint_subnet_per_zone", Error, Some("R-SN-03");
    /// An auth policy is attached while the auth type is `none`, so it is not applied.
    AuthPolicyIgnored = "auth_policy_ignored", Warning, Some("R-AUTH-05");
    /// Auth type `aws_iam` with no auth policy: every request is denied.
    AuthPolicyMissing = "auth_policy_missing", Warning, Some("R-AUTH-05");
    /// An auth policy is larger than 10 KB.
    AuthPolicyTooLarge = "auth_policy_too_large", Error, Some("R-SN-07");
    /// A service has more listeners than the default quota of 2.
    TooManyListeners = "too_many_listeners", Warning, Some("R-SN-07");
    /// A listener has more rules than the default quota of 10.
    TooManyRules = "too_many_rules", Warning, Some("R-SN-07");
    /// A target group has more targets than the quota of 1,000.
    TooManyTargets = "too_many_targets", Warning, Some("R-SN-07");
    /// A listener port is 0.
    ListenerPort = "listener_port", Error, Some("R-LIS-01");
    /// Two listeners of a service use the same port.
    DuplicateListenerPort = "duplicate_listener_port", Error, None;
    /// A rule priority is outside 1 to 100.
    RulePriority = "rule_priority", Error, Some("R-LIS-03");
    /// Two rules of a listener share a priority.
    DuplicateRulePriority = "duplicate_rule_priority", Error, Some("R-LIS-03");
    /// A rule has no condition; only the default action may have none.
    RuleWithoutMatch = "rule_without_match", Error, Some("R-LIS-02");
    /// A rule has more than five header matches.
    TooManyHeaderMatches = "too_many_header_matches", Error, Some("R-LIS-06");
    /// A forward weight is above 999.
    ForwardWeight = "forward_weight", Error, Some("R-LIS-04");
    /// A forward action names no target group.
    ForwardEmpty = "forward_empty", Error, Some("R-LIS-04");
    /// A fixed response status is not an HTTP status code.
    FixedResponseStatus = "fixed_response_status", Error, Some("R-LIS-05");
    /// A TLS passthrough listener on a service without a custom domain.
    TlsListenerNeedsCustomDomain = "tls_listener_needs_custom_domain", Error, Some("R-LIS-09");
    /// A TLS passthrough listener with rules or a non-forward default action.
    TlsListenerRules = "tls_listener_rules", Error, Some("R-LIS-09");
    /// A listener forwards to a target group of the wrong protocol.
    ListenerTargetGroupProtocol = "listener_target_group_protocol", Error, Some("R-TG-09");
    /// A rule forwards to a target group of another account.
    TargetGroupOtherAccount = "target_group_other_account", Error, Some("R-TG-08");
    /// A target group is used by listeners of two services.
    TargetGroupShared = "target_group_shared", Error, Some("R-TG-08");
    /// A Lambda target group holds more than one target.
    LambdaTargetCount = "lambda_target_count", Error, Some("R-TG-04");
    /// A Lambda function in another account or Region than its target group.
    LambdaPlacement = "lambda_placement", Error, Some("R-TG-05");
    /// A Network Load Balancer registered as a VPC Lattice target.
    NlbTarget = "nlb_target", Error, Some("R-TG-01");
    /// A target does not fit its target group's type.
    TargetTypeMismatch = "target_type_mismatch", Error, Some("R-TG-01");
    /// An ALB target breaks a rule of ALB target groups.
    AlbTarget = "alb_target", Error, Some("R-TG-06");
    /// An IP target is a public address.
    IpTargetPublic = "ip_target_public", Error, Some("R-TG-07");
    /// An IP target is outside the subnets of the target group's VPC.
    IpTargetOutsideVpc = "ip_target_outside_vpc", Error, Some("R-TG-07");
    /// A TCP target group of type `lambda`.
    TcpTargetGroupType = "tcp_target_group_type", Error, Some("R-TG-09");
    /// Health checks enabled on a Lambda or ALB target group.
    HealthCheckUnsupported = "health_check_unsupported", Error, Some("R-TG-10");
    /// A target group lacks (or, for Lambda, has) a VPC, protocol or port.
    TargetGroupShape = "target_group_shape", Error, None;
    /// A resource configuration lacks a part its type needs, or has one it must not.
    ResourceConfigShape = "resource_config_shape", Error, Some("R-RC-01");
    /// A child resource configuration shared on its own.
    ChildSharedDirectly = "child_shared_directly", Error, Some("R-RC-01");
    /// A resource configuration for a protocol other than TCP.
    ResourceConfigProtocol = "resource_config_protocol", Error, Some("R-RC-02");
    /// A resource configuration without ports, or with an invalid port range.
    ResourceConfigPorts = "resource_config_ports", Error, Some("R-RC-03");
    /// An ARN resource configuration for something other than an RDS database.
    ResourceConfigArnNotRds = "resource_config_arn_not_rds", Error, Some("R-RC-04");
    /// A resource configuration for a publicly accessible database.
    ResourceConfigPublicDatabase = "resource_config_public_database", Error, Some("R-RC-04");
    /// An IP resource configuration for an address outside the private ranges.
    ResourceConfigIpNotPrivate = "resource_config_ip_not_private", Error, Some("R-RC-04");
    /// A resource gateway with more than five security groups.
    ResourceGatewaySecurityGroups = "resource_gateway_security_groups", Error, Some("R-RGW-04");
    /// More than 100 resource gateways in a VPC.
    ResourceGatewayLimit = "resource_gateway_limit", Warning, Some("R-RGW-03");
    /// A resource gateway's address type does not fit its subnets.
    ResourceGatewayIpType = "resource_gateway_ip_type", Error, Some("R-RGW-05");
    /// A resource gateway in a shared subnet.
    ResourceGatewaySharedSubnet = "resource_gateway_shared_subnet", Error, Some("R-RGW-07");
    /// A resource gateway's IPv4 addresses per interface outside 1 to 62.
    ResourceGatewayAddresses = "resource_gateway_addresses", Error, Some("R-RGW-06");
    /// A resource endpoint shares no Availability Zone with the resource gateway.
    ResourceGatewayZoneOverlap = "resource_gateway_zone_overlap", Error, Some("R-RGW-02");
    /// With private DNS, a VPC reaches one resource configuration both ways.
    ResourceEndpointDnsConflict = "resource_endpoint_dns_conflict", Error, Some("R-RC-05");
    /// Two identity policies name the same principal.
    DuplicateIdentityPolicy = "duplicate_identity_policy", Error, None;
    /// An identity policy's principal is not an IAM role or user ARN.
    IdentityPolicyPrincipal = "identity_policy_principal", Error, None;
    /// Two flows share a name.
    DuplicateFlowName = "duplicate_flow_name", Error, None;
    /// A flow starts at an object that cannot send requests.
    FlowSource = "flow_source", Error, None;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl crate::model::codec::ToJson for Code {
    fn write_json(&self, out: &mut String) {
        crate::json::write::string(out, self.as_str());
    }
}

/// One finding about one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// The id of the object the finding is about (the flow name, for flows).
    pub object: String,
    /// What is wrong, in plain words, with ids in backticks.
    pub message: String,
    /// The rule id of aws-rules.md, such as `R-SN-01`.
    pub rule: Option<&'static str>,
}

crate::json_struct!(write Diagnostic {
    severity: req,
    code: req,
    object: req,
    message: req,
    rule: opt,
});

impl Diagnostic {
    /// A finding with the code's severity and rule.
    pub fn new(code: Code, object: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: code.severity(),
            code,
            object: object.into(),
            message: message.into(),
            rule: code.rule(),
        }
    }

    /// Whether the finding is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity.as_str(),
            self.code,
            self.object,
            self.message
        )?;
        if let Some(rule) = self.rule {
            write!(f, " ({rule})")?;
        }
        Ok(())
    }
}
