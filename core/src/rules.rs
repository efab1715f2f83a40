//! The AWS rules the simulator implements, by the id a hop or a block cites: a short title and
//! the page of the AWS documentation the rule rests on. Ids are those of the project's rule
//! reference (`R-VPC-01`, `R-AUTH-04`, …); the trace cites them, the browser links them.

/// A rule a hop can cite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub title: &'static str,
    /// The AWS documentation page behind the rule.
    pub url: &'static str,
}

/// Every rule, in the order of the reference.
pub const RULES: &[Rule] = &[
    Rule {
        id: "R-VPC-01",
        title: "Longest-prefix match",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html",
    },
    Rule {
        id: "R-VPC-02",
        title: "Tie-break order when prefixes are equal",
        url: "https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html",
    },
    Rule {
        id: "R-VPC-03",
        title: "Security groups are allow-only",
        url: "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    },
    Rule {
        id: "R-VPC-04",
        title: "Security groups are stateful",
        url: "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_SecurityGroups.html",
    },
    Rule {
        id: "R-VPC-05",
        title: "Default SG admits only its own members inbound",
        url: "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
    },
    Rule {
        id: "R-VPC-06",
        title: "Peering forbids overlapping IPv4 CIDRs",
        url: "https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html",
    },
    Rule {
        id: "R-GWE-01",
        title: "Only S3 and DynamoDB",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    },
    Rule {
        id: "R-GWE-02",
        title: "Routing is a prefix-list route in the subnet's route table",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    },
    Rule {
        id: "R-GWE-03",
        title: "Unassociated route tables do not use the endpoint",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    },
    Rule {
        id: "R-GWE-04",
        title: "Endpoint route vs 0.0.0.0/0 (LPM)",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    },
    Rule {
        id: "R-GWE-05",
        title: "Same Region only",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    },
    Rule {
        id: "R-GWE-06",
        title: "An identical-range route beats the endpoint route",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    },
    Rule {
        id: "R-GWE-07",
        title: "Not reachable from outside the VPC",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-ddb.html",
    },
    Rule {
        id: "R-GWE-08",
        title: "One endpoint route per service per route table",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    },
    Rule {
        id: "R-GWE-09",
        title: "Instance SG / NACL must still allow the traffic",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    },
    Rule {
        id: "R-GWE-10",
        title: "IP family (CONFLICT)",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-ddb.html",
    },
    Rule {
        id: "R-GWE-11",
        title: "Service sees the instance's private IP through a gateway endpoint",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-ddb.html",
    },
    Rule {
        id: "R-EPP-01",
        title: "Endpoint policy is an additional gate, never a grant over other policies",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html",
    },
    Rule {
        id: "R-EPP-02",
        title: "Default endpoint policy = full access; one policy per endpoint",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html",
    },
    Rule {
        id: "R-EPP-03",
        title: "Endpoints to non-AWS endpoint services: full access",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html",
    },
    Rule {
        id: "R-EPP-04",
        title: "Gateway endpoint policies: Principal must be `*`; scope with aws:PrincipalArn",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html#vpc-endpoint-policies-gateway",
    },
    Rule {
        id: "R-IFE-01",
        title: "One ENI per chosen subnet; one subnet per AZ",
        url: "https://docs.aws.amazon.com/vpc/latest/userguide/vpce-interface.html",
    },
    Rule {
        id: "R-IFE-02",
        title: "Endpoint ENI security group must allow the client (e.g. TCP 443)",
        url: "https://docs.aws.amazon.com/vpc/latest/userguide/vpce-interface.html",
    },
    Rule {
        id: "R-IFE-03",
        title: "No SG specified ⇒ VPC default SG",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
    },
    Rule {
        id: "R-IFE-04",
        title: "Interface endpoints are TCP only",
        url: "https://docs.aws.amazon.com/vpc/latest/userguide/vpce-interface.html",
    },
    Rule {
        id: "R-IFE-05",
        title: "Private DNS needs enableDnsHostnames + enableDnsSupport",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html",
    },
    Rule {
        id: "R-IFE-06",
        title: "Region (CONFLICT)",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html",
    },
    Rule {
        id: "R-EPS-01",
        title: "Endpoint services front an NLB or GWLB",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html",
    },
    Rule {
        id: "R-EPS-02",
        title: "Closed by default; allow principals explicitly",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/modify-endpoint-service.html",
    },
    Rule {
        id: "R-EPS-03",
        title: "Acceptance",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/modify-endpoint-service.html",
    },
    Rule {
        id: "R-EPS-04",
        title: "Revoking permission does not cut existing connections",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/modify-endpoint-service.html",
    },
    Rule {
        id: "R-EPS-05",
        title: "Private DNS name requires domain verification",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/modify-endpoint-service.html",
    },
    Rule {
        id: "R-EPS-06",
        title: "Only common AZs",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html",
    },
    Rule {
        id: "R-EPS-07",
        title: "Provider sees NLB node IPs as source",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html",
    },
    Rule {
        id: "R-EPS-08",
        title: "Everyone + auto-accept = effectively public",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/modify-endpoint-service.html",
    },
    Rule {
        id: "R-SN-01",
        title: "At most one direct VPC association; more via service-network endpoints",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-networks.html",
    },
    Rule {
        id: "R-SN-02",
        title: "Client VPC must be connected",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-networks.html",
    },
    Rule {
        id: "R-SN-03",
        title: "Service-network endpoint: one SN each, one subnet per AZ, client-initiated only",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-service-networks.html",
    },
    Rule {
        id: "R-SN-04",
        title: "Security groups on the VPC association (layer 2 of defense in depth)",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/access-management-overview.html",
    },
    Rule {
        id: "R-SN-05",
        title: "Targets must admit the VPC Lattice managed prefix list (incl. health checks)",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/security-groups.html",
    },
    Rule {
        id: "R-SN-06",
        title: "Service DNS names resolve to link-local / ULA addresses",
        url: "https://aws.amazon.com/blogs/networking-and-content-delivery/managing-dns-resolution-with-amazon-vpc-lattice-and-vpc-resources/",
    },
    Rule {
        id: "R-SN-07",
        title: "Quotas relevant to validation",
        url: "https://docs.aws.amazon.com/general/latest/gr/vpc-lattice-service.html",
    },
    Rule {
        id: "R-LIS-01",
        title: "Listener protocols and ports",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html",
    },
    Rule {
        id: "R-LIS-02",
        title: "Default rule has no conditions and runs when nothing matched",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html",
    },
    Rule {
        id: "R-LIS-03",
        title: "Priority order: lowest number first; default last (first match wins, not longest path)",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html",
    },
    Rule {
        id: "R-LIS-04",
        title: "Weighted forward",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html",
    },
    Rule {
        id: "R-LIS-05",
        title: "Fixed response",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html",
    },
    Rule {
        id: "R-LIS-06",
        title: "Header match: case-insensitive by default, optional case-sensitivity; prefix/exact/contains",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html",
    },
    Rule {
        id: "R-LIS-07",
        title: "Method match is exact and case sensitive",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html",
    },
    Rule {
        id: "R-LIS-08",
        title: "Path match: prefix or exact, no wildcards; comparison not case sensitive by default",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html",
    },
    Rule {
        id: "R-LIS-09",
        title: "TLS (passthrough) listener limits",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/tls-listeners.html",
    },
    Rule {
        id: "R-TG-01",
        title: "Target types (immutable): INSTANCE, IP, LAMBDA, ALB",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html",
    },
    Rule {
        id: "R-TG-02",
        title: "Round robin, and fail-open when all targets are unhealthy",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html",
    },
    Rule {
        id: "R-TG-03",
        title: "Only healthy targets otherwise; new target needs one passed check",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-group-health-checks.html",
    },
    Rule {
        id: "R-TG-04",
        title: "LAMBDA target group holds exactly one function",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html",
    },
    Rule {
        id: "R-TG-05",
        title: "Lambda constraints",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/lambda-functions.html",
    },
    Rule {
        id: "R-TG-06",
        title: "ALB targets: one internal ALB, same account & VPC, up to two Lattice services, port must match an ALB listener",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/alb-target.html",
    },
    Rule {
        id: "R-TG-07",
        title: "IP targets must be private IPs in the TG's VPC",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html",
    },
    Rule {
        id: "R-TG-08",
        title: "Target group must be in the service's account; one service per TG",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html",
    },
    Rule {
        id: "R-TG-09",
        title: "TCP target groups only with TLS listeners",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html",
    },
    Rule {
        id: "R-TG-10",
        title: "No Lattice health checks for LAMBDA and ALB target groups",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-group-health-checks.html",
    },
    Rule {
        id: "R-AUTH-01",
        title: "One auth policy per SN / service; SN policy does not cover resource configurations",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html",
    },
    Rule {
        id: "R-AUTH-02",
        title: "Auth policy AND identity-based policy must both allow (for authenticated callers)",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html",
    },
    Rule {
        id: "R-AUTH-03",
        title: "AWS_IAM is default-deny",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html#auth-policies-evaluation-logic",
    },
    Rule {
        id: "R-AUTH-04",
        title: "Evaluation chain: identity policy → SN policy → service policy; NONE skips a level; explicit deny wins",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html",
    },
    Rule {
        id: "R-AUTH-05",
        title: "AWS_IAM with no policy ⇒ everything denied; NONE disables the policy",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html",
    },
    Rule {
        id: "R-AUTH-06",
        title: "SigV4 / SigV4A",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html",
    },
    Rule {
        id: "R-AUTH-07",
        title: "Anonymous principals",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html",
    },
    Rule {
        id: "R-AUTH-08",
        title: "Lattice condition keys (case-sensitive keys)",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html#auth-policies-condition-keys",
    },
    Rule {
        id: "R-AUTH-09",
        title: "Resource format and types",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html",
    },
    Rule {
        id: "R-AUTH-10",
        title: "Actions: Invoke (HTTP/gRPC \"Service\") vs Connect (\"TCP Service\")",
        url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonvpclattice.html",
    },
    Rule {
        id: "R-AUTH-11",
        title: "Principal tags and org ID are supported",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html",
    },
    Rule {
        id: "R-IAM-01",
        title: "Default deny; explicit deny overrides allow",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html",
    },
    Rule {
        id: "R-IAM-02",
        title: "Missing context key",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    },
    Rule {
        id: "R-IAM-03",
        title: "String operators",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    },
    Rule {
        id: "R-IAM-04",
        title: "ARN operators",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    },
    Rule {
        id: "R-IAM-05",
        title: "...IfExists",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    },
    Rule {
        id: "R-IAM-06",
        title: "Null",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    },
    Rule {
        id: "R-IAM-07",
        title: "Set operators",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html",
    },
    Rule {
        id: "R-IAM-08",
        title: "IpAddress / aws:SourceIp",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    },
    Rule {
        id: "R-IAM-09",
        title: "Bool with a missing key does not match",
        url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    },
    Rule {
        id: "R-RC-01",
        title: "Types",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html",
    },
    Rule {
        id: "R-RC-02",
        title: "TCP only",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html",
    },
    Rule {
        id: "R-RC-03",
        title: "Port ranges are enforced",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html",
    },
    Rule {
        id: "R-RC-04",
        title: "Resource definition limits",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html",
    },
    Rule {
        id: "R-RC-05",
        title: "Access paths",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html",
    },
    Rule {
        id: "R-RGW-01",
        title: "SNAT to the resource gateway",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html",
    },
    Rule {
        id: "R-RGW-02",
        title: "AZ overlap",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html",
    },
    Rule {
        id: "R-RGW-03",
        title: "Count per VPC (CONFLICT)",
        url: "https://docs.aws.amazon.com/vpc/latest/privatelink/resource-gateway.html",
    },
    Rule {
        id: "R-RGW-04",
        title: "Security groups (≤5) control egress from the gateway to the resource",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html",
    },
    Rule {
        id: "R-RGW-05",
        title: "IP address type compatibility",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html",
    },
    Rule {
        id: "R-RGW-06",
        title: "NAT capacity",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html",
    },
    Rule {
        id: "R-RGW-07",
        title: "No shared subnets",
        url: "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html",
    },
];

/// The rule with this id, if the simulator knows it.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::ReasonCode;

    /// Every rule a reason code cites has a title and a link.
    #[test]
    fn every_cited_rule_is_known() {
        for code in ReasonCode::ALL {
            let id = code.rule();
            if !id.is_empty() {
                let r = rule(id)
                    .unwrap_or_else(|| panic!("{} cites unknown rule `{id}`", code.as_str()));
                assert!(r.url.starts_with("https://"), "{id}");
            }
        }
        let mut ids: alloc::vec::Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "rule ids are unique");
    }
}
