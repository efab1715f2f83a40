//! Every rule, as data: a base example, a patch that makes the rule fire, and a neighbouring
//! patch that keeps the document clean.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::json::{Limits, Value};

use crate::model::{Code, Severity, load, validate};

const GW: &str = include_str!("../../../../static/examples/gateway-endpoint.json");
const IF: &str = include_str!("../../../../static/examples/interface-endpoint.json");
const EPS: &str = include_str!("../../../../static/examples/endpoint-service.json");
const SN: &str = include_str!("../../../../static/examples/service-network.json");
const SVC: &str = include_str!("../../../../static/examples/lattice-service.json");
const TG: &str = include_str!("../../../../static/examples/target-groups.json");
const RGW: &str = include_str!("../../../../static/examples/resource-gateway.json");

type Patch<'a> = &'a [(&'a str, &'a str)];

/// Sets each JSON pointer to the JSON value; a last segment of `-` appends to an array.
fn apply(base: &str, patch: &[(&str, String)]) -> String {
    let mut doc = Value::parse(base, crate::model::codec::DOCUMENT_LIMITS).unwrap();
    for (pointer, value) in patch {
        let value = Value::parse(value, Limits::POLICY).unwrap_or_else(|e| panic!("{value}: {e}"));
        let (parent, last) = pointer.rsplit_once('/').unwrap();
        let target = doc
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("no {parent}"));
        match target {
            Value::Array(items) if last == "-" => items.push(value),
            Value::Array(items) => items[last.parse::<usize>().unwrap()] = value,
            object @ Value::Object(_) => object.insert(last, value),
            other => panic!("cannot set {pointer} in {other}"),
        }
    }
    doc.to_string()
}

fn codes(base: &str, patch: &[(&str, String)]) -> Vec<(Code, Severity)> {
    let text = apply(base, patch);
    let doc = load(&text).unwrap_or_else(|e| panic!("patched document does not load: {e}"));
    validate(&doc)
        .into_iter()
        .map(|d| (d.code, d.severity))
        .collect()
}

fn owned(p: Patch<'_>) -> Vec<(&str, String)> {
    p.iter().map(|(k, v)| (*k, (*v).to_string())).collect()
}

/// One helper for every rule: the code fires on `fires` and nothing fires on `passes`.
fn check(code: Code, base: &str, fires: &[(&str, String)], passes: &[(&str, String)]) {
    let found = codes(base, fires);
    assert!(
        found.iter().any(|(c, _)| *c == code),
        "`{code}` did not fire; found {found:?}"
    );
    let clean = codes(base, passes);
    assert!(
        clean.is_empty(),
        "neighbour of `{code}` is not clean: {clean:?}"
    );
}

const SIX: &str = r#"["sg-x","sg-x","sg-x","sg-x","sg-x","sg-x"]"#;

#[rustfmt::skip]
const CASES: &[(Code, &str, Patch<'_>, Patch<'_>)] = &[
    (Code::DuplicateId, GW, &[("/security_groups/-", r#"{"id":"vpce-s3","vpc":"vpc-app"}"#)], &[("/security_groups/-", r#"{"id":"sg-extra","vpc":"vpc-app"}"#)]),
    (Code::DanglingReference, GW, &[("/instances/0/subnet", r#""sub-nope""#)], &[("/instances/0/subnet", r#""sub-other-b""#)]),
    (Code::DanglingReference, GW, &[("/instances/0/subnet", r#""vpc-app""#)], &[]),
    (Code::DanglingReference, GW, &[("/vpcs/0/account", r#""999999999999""#)], &[("/vpcs/0/account", r#""111122223333""#)]),
    (Code::WrongVpc, EPS, &[("/instances/2/security_groups", r#"["sg-orders"]"#)], &[("/instances/2/security_groups", r#"["sg-consumer-endpoint"]"#)]),
    (Code::ZoneNotInRegion, GW, &[("/subnets/1/zone", r#""use1-az9""#)], &[("/subnets/1/zone", r#""use1-az1""#)]),
    (Code::VpcMissingIpv4, GW, &[("/vpcs/0/cidrs", r#"["2600:1f18::/56"]"#)], &[("/vpcs/0/cidrs", r#"["10.0.0.0/16","2600:1f18::/56"]"#)]),
    (Code::VpcCidrSize, GW, &[("/vpcs/0/cidrs", r#"["10.0.0.0/15"]"#)], &[("/vpcs/0/cidrs", r#"["10.0.0.0/16"]"#)]),
    (Code::VpcCidrOverlap, GW, &[("/vpcs/0/cidrs", r#"["10.0.0.0/16","10.0.128.0/17"]"#)], &[("/vpcs/0/cidrs", r#"["10.0.0.0/16","10.1.0.0/16"]"#)]),
    (Code::SubnetOutsideVpc, GW, &[("/subnets/1/cidr", r#""10.9.2.0/24""#)], &[("/subnets/1/cidr", r#""10.0.9.0/24""#)]),
    (Code::SubnetOverlap, GW, &[("/subnets/1/cidr", r#""10.0.1.128/25""#)], &[("/subnets/1/cidr", r#""10.0.3.128/25""#)]),
    (Code::MultipleMainRouteTables, GW, &[("/route_tables/1/main", "true")], &[("/route_tables/1/main", "false")]),
    (Code::LocalRouteMismatch, GW, &[("/route_tables/0/routes", r#"[{"destination":"10.1.0.0/16","target":"local"}]"#)], &[("/route_tables/0/routes", r#"[{"destination":"10.0.0.0/16","target":"local"}]"#)]),
    (Code::DuplicateRoute, GW, &[("/internet_gateways", r#"[{"id":"igw-1","vpc":"vpc-app"}]"#), ("/route_tables/0/routes", r#"[{"destination":"0.0.0.0/0","target":{"internet_gateway":"igw-1"}},{"destination":"0.0.0.0/0","target":{"internet_gateway":"igw-1"}}]"#)],
        &[("/internet_gateways", r#"[{"id":"igw-1","vpc":"vpc-app"}]"#), ("/route_tables/0/routes", r#"[{"destination":"0.0.0.0/0","target":{"internet_gateway":"igw-1"}},{"destination":"0.0.0.0/1","target":{"internet_gateway":"igw-1"}}]"#)]),
    (Code::WrongVpc, GW, &[("/internet_gateways", r#"[{"id":"igw-1"}]"#), ("/route_tables/0/routes", r#"[{"destination":"0.0.0.0/0","target":{"internet_gateway":"igw-1"}}]"#)],
        &[("/internet_gateways", r#"[{"id":"igw-1","vpc":"vpc-app"}]"#), ("/route_tables/0/routes", r#"[{"destination":"0.0.0.0/0","target":{"internet_gateway":"igw-1"}}]"#)]),
    (Code::MultipleInternetGateways, GW, &[("/internet_gateways", r#"[{"id":"igw-1","vpc":"vpc-app"},{"id":"igw-2","vpc":"vpc-app"}]"#)], &[("/internet_gateways", r#"[{"id":"igw-1","vpc":"vpc-app"},{"id":"igw-2"}]"#)]),
    (Code::PeeringCidrOverlap, EPS, &[("/peerings", r#"[{"id":"pcx-1","requester":"vpc-provider","accepter":"vpc-consumer"}]"#)], &[("/vpcs/1/cidrs", r#"["10.1.0.0/16"]"#), ("/subnets/2/cidr", r#""10.1.1.0/24""#), ("/instances/2/ip", r#""10.1.1.50""#), ("/security_groups/1/ingress", "[]"), ("/peerings", r#"[{"id":"pcx-1","requester":"vpc-provider","accepter":"vpc-consumer"}]"#)]),
    (Code::PeeringSameVpc, TG, &[("/peerings", r#"[{"id":"pcx-1","requester":"vpc-client","accepter":"vpc-client"}]"#)], &[("/peerings", r#"[{"id":"pcx-1","requester":"vpc-client","accepter":"vpc-backend"}]"#)]),
    (Code::TooManySecurityGroups, GW, &[("/security_groups/-", r#"{"id":"sg-x","vpc":"vpc-app"}"#), ("/instances/0/security_groups", SIX)], &[("/security_groups/-", r#"{"id":"sg-x","vpc":"vpc-app"}"#), ("/instances/0/security_groups", r#"["sg-x","sg-x","sg-x","sg-x","sg-x"]"#)]),
    (Code::PortRangeInvalid, GW, &[("/security_groups/0/ingress/0/ports", r#""30-20""#)], &[("/security_groups/0/ingress/0/ports", r#""20-30""#)]),
    (Code::GatewayEndpointService, GW, &[("/gateway_endpoints/0/service", r#""com.amazonaws.us-east-1.sqs""#)], &[("/gateway_endpoints/0/service", r#""com.amazonaws.us-east-1.dynamodb""#)]),
    (Code::GatewayEndpointRegion, GW, &[("/gateway_endpoints/0/service", r#""com.amazonaws.eu-west-1.s3""#)], &[("/gateway_endpoints/0/service", r#""com.amazonaws.us-east-1.s3""#)]),
    (Code::GatewayEndpointRouteConflict, GW, &[("/gateway_endpoints/-", r#"{"id":"vpce-s3-2","vpc":"vpc-app","service":"com.amazonaws.us-east-1.s3","route_tables":["rtb-private"]}"#)], &[("/gateway_endpoints/-", r#"{"id":"vpce-ddb","vpc":"vpc-app","service":"com.amazonaws.us-east-1.dynamodb","route_tables":["rtb-private"]}"#)]),
    (Code::EndpointSubnetPerZone, IF, &[("/subnets/1/zone", r#""use1-az1""#)], &[("/subnets/1/zone", r#""use1-az2""#)]),
    (Code::EndpointWithoutSubnets, IF, &[("/interface_endpoints/0/subnets", "[]")], &[("/interface_endpoints/0/subnets", r#"["sub-a"]"#)]),
    (Code::PrivateDnsNeedsVpcDns, IF, &[("/vpcs/0/dns_hostnames", "false")], &[("/vpcs/0/dns_hostnames", "false"), ("/interface_endpoints/0/private_dns", "false")]),
    (Code::EndpointServiceLoadBalancer, EPS, &[("/load_balancers/0/type", r#""alb""#)], &[("/load_balancers/0/type", r#""gwlb""#)]),
    (Code::EndpointServiceLoadBalancer, EPS, &[("/endpoint_services/0/load_balancers", "[]")], &[]),
    (Code::EndpointServiceZones, EPS, &[("/regions/0/zones/-", r#""use1-az3""#), ("/subnets/2/zone", r#""use1-az3""#)], &[("/regions/0/zones/-", r#""use1-az3""#), ("/subnets/2/zone", r#""use1-az2""#)]),
    (Code::ConnectionMismatch, EPS, &[("/interface_endpoints/-", r#"{"id":"vpce-other","vpc":"vpc-consumer","service":{"aws":"com.amazonaws.us-east-1.sqs"},"subnets":["sub-cons-a"]}"#), ("/endpoint_services/0/connections/-", r#"{"endpoint":"vpce-other","state":"available"}"#)],
        &[("/interface_endpoints/-", r#"{"id":"vpce-other","vpc":"vpc-consumer","service":{"aws":"com.amazonaws.us-east-1.sqs"},"subnets":["sub-cons-a"]}"#)]),
    (Code::PrivateDnsUnverified, EPS, &[("/endpoint_services/0/private_dns_verification", r#""pending""#)], &[("/endpoint_services/0/private_dns_verification", r#""verified""#)]),
    (Code::EndpointServicePublic, EPS, &[("/endpoint_services/0/allowed_principals", r#"["*"]"#), ("/endpoint_services/0/acceptance_required", "false")], &[("/endpoint_services/0/allowed_principals", r#"["*"]"#), ("/endpoint_services/0/acceptance_required", "true")]),
    // R-EPS-02: an account that is not an allowed principal cannot create an endpoint to the service.
    (Code::EndpointServicePrincipalNotAllowed, EPS, &[("/interface_endpoints/-", r#"{"id":"vpce-stranger","vpc":"vpc-stranger","service":{"endpoint_service":"vpce-svc-orders"},"subnets":["sub-stranger-a"]}"#)],
        &[("/interface_endpoints/-", r#"{"id":"vpce-stranger","vpc":"vpc-stranger","service":{"endpoint_service":"vpce-svc-orders"},"subnets":["sub-stranger-a"]}"#), ("/endpoint_services/0/allowed_principals/-", r#""arn:aws:iam::444444444444:role/ops""#)]),
    // R-EPS-04: removing a permission does not affect a connection accepted before.
    (Code::EndpointServicePrincipalNotAllowed, EPS, &[("/endpoint_services/0/allowed_principals", r#"["arn:aws:iam::333333333333:root"]"#), ("/endpoint_services/0/connections", r#"[{"endpoint":"vpce-partner","state":"pending_acceptance"}]"#)],
        &[("/endpoint_services/0/allowed_principals", r#"["arn:aws:iam::333333333333:root"]"#)]),
    (Code::CrossRegionEndpoint, EPS, &[("/regions/-", r#"{"id":"us-west-2"}"#), ("/endpoint_services/0/region", r#""us-west-2""#)], &[("/regions/-", r#"{"id":"us-west-2"}"#), ("/endpoint_services/0/region", r#""us-east-1""#)]),
    (Code::MultipleServiceNetworkAssociations, SN, &[("/vpc_associations/-", r#"{"id":"snva-2","service_network":"sn-shop","vpc":"vpc-web"}"#)], &[("/vpc_associations/-", r#"{"id":"snva-2","service_network":"sn-shop","vpc":"vpc-inventory"}"#)]),
    (Code::AssociationSecurityGroups, SN, &[("/security_groups/-", r#"{"id":"sg-x","vpc":"vpc-web"}"#), ("/vpc_associations/0/security_groups", SIX)], &[("/security_groups/-", r#"{"id":"sg-x","vpc":"vpc-web"}"#), ("/vpc_associations/0/security_groups", r#"["sg-x","sg-x","sg-x","sg-x","sg-x"]"#)]),
    (Code::ServiceNetworkEndpointSubnetPerZone, SN, &[("/subnets/-", r#"{"id":"sub-batch-2","vpc":"vpc-batch","zone":"use1-az1","cidr":"10.10.2.0/24"}"#), ("/service_network_endpoints/0/subnets", r#"["sub-batch","sub-batch-2"]"#)],
        &[("/subnets/-", r#"{"id":"sub-batch-2","vpc":"vpc-batch","zone":"use1-az2","cidr":"10.10.2.0/24"}"#), ("/service_network_endpoints/0/subnets", r#"["sub-batch","sub-batch-2"]"#)]),
    (Code::EndpointWithoutSubnets, SN, &[("/service_network_endpoints/0/subnets", "[]")], &[]),
    (Code::AuthPolicyIgnored, SN, &[("/service_networks/0/auth_type", r#""none""#)], &[("/service_networks/0/auth_type", r#""aws_iam""#)]),
    (Code::AuthPolicyMissing, SVC, &[("/services/0/auth_type", r#""aws_iam""#)], &[("/services/0/auth_type", r#""aws_iam""#), ("/services/0/auth_policy", r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#)]),
    (Code::TooManyListeners, SVC, &[("/services/0/listeners/-", r#"{"id":"l2","protocol":"http","port":8080,"default_action":{"fixed_response":{"status":404}}}"#), ("/services/0/listeners/-", r#"{"id":"l3","protocol":"http","port":8081,"default_action":{"fixed_response":{"status":404}}}"#)],
        &[("/services/0/listeners/-", r#"{"id":"l2","protocol":"http","port":8080,"default_action":{"fixed_response":{"status":404}}}"#)]),
    (Code::ListenerPort, SVC, &[("/services/0/listeners/0/port", "0")], &[("/services/0/listeners/0/port", "8443")]),
    (Code::DuplicateListenerPort, SVC, &[("/services/0/listeners/-", r#"{"id":"l2","protocol":"http","port":443,"default_action":{"fixed_response":{"status":404}}}"#)], &[("/services/0/listeners/-", r#"{"id":"l2","protocol":"http","port":8443,"default_action":{"fixed_response":{"status":404}}}"#)]),
    (Code::RulePriority, SVC, &[("/services/0/listeners/0/rules/2/priority", "101")], &[("/services/0/listeners/0/rules/2/priority", "100")]),
    (Code::DuplicateRulePriority, SVC, &[("/services/0/listeners/0/rules/1/priority", "5")], &[("/services/0/listeners/0/rules/1/priority", "6")]),
    (Code::RuleWithoutMatch, SVC, &[("/services/0/listeners/0/rules/0/match", "{}")], &[("/services/0/listeners/0/rules/0/match", r#"{"method":"PUT"}"#)]),
    (Code::TooManyHeaderMatches, SVC, &[("/services/0/listeners/0/rules/1/match/headers", r#"[{"name":"a","exact":"1"},{"name":"b","exact":"1"},{"name":"c","exact":"1"},{"name":"d","exact":"1"},{"name":"e","exact":"1"},{"name":"f","exact":"1"}]"#)],
        &[("/services/0/listeners/0/rules/1/match/headers", r#"[{"name":"a","exact":"1"},{"name":"b","prefix":"1"},{"name":"c","contains":"1"},{"name":"d","exact":"1"},{"name":"e","exact":"1","case_sensitive":true}]"#)]),
    (Code::ForwardWeight, SVC, &[("/services/0/listeners/0/rules/2/action/forward/0/weight", "1000")], &[("/services/0/listeners/0/rules/2/action/forward/0/weight", "999")]),
    (Code::ForwardEmpty, SVC, &[("/services/0/listeners/0/rules/2/action", r#"{"forward":[]}"#)], &[("/services/0/listeners/0/rules/2/action", r#"{"forward":[{"target_group":"tg-v1"}]}"#)]),
    (Code::FixedResponseStatus, SVC, &[("/services/0/listeners/0/default_action", r#"{"fixed_response":{"status":600}}"#)], &[("/services/0/listeners/0/default_action", r#"{"fixed_response":{"status":500}}"#)]),
    (Code::TlsListenerNeedsCustomDomain, SVC, &[(TCP_TG.0, TCP_TG.1), (TLS_LISTENER.0, TLS_LISTENER.1), ("/services/0/custom_domain", "null")], &[(TCP_TG.0, TCP_TG.1), (TLS_LISTENER.0, TLS_LISTENER.1)]),
    (Code::TlsListenerRules, SVC, &[(TCP_TG.0, TCP_TG.1), (TLS_LISTENER.0, TLS_LISTENER.1), ("/services/0/listeners/1/rules", r#"[{"id":"r-tls","priority":1,"match":{"method":"GET"},"action":{"forward":[{"target_group":"tg-tcp"}]}}]"#)], &[(TCP_TG.0, TCP_TG.1), (TLS_LISTENER.0, TLS_LISTENER.1)]),
    (Code::ListenerTargetGroupProtocol, SVC, &[("/target_groups/0/protocol", r#""tcp""#)], &[("/target_groups/0/protocol", r#""https""#)]),
    (Code::TargetGroupOtherAccount, SVC, &[("/target_groups/1/account", r#""999999999999""#)], &[("/target_groups/1/account", r#""111111111111""#)]),
    (Code::TargetGroupShared, TG, &[("/services/-", r#"{"id":"svc-2","listeners":[{"id":"l2","protocol":"http","default_action":{"forward":[{"target_group":"tg-web"}]}}]}"#)], &[("/services/-", r#"{"id":"svc-2","listeners":[{"id":"l2","protocol":"http","default_action":{"fixed_response":{"status":404}}}]}"#)]),
    (Code::LambdaTargetCount, TG, &[("/target_groups/2/targets/-", r#"{"lambda":"fn-thumbs"}"#)], &[]),
    (Code::LambdaPlacement, TG, &[("/regions/-", r#"{"id":"us-west-2"}"#), ("/lambdas/0/region", r#""us-west-2""#)], &[("/regions/-", r#"{"id":"us-west-2"}"#), ("/lambdas/0/region", r#""us-east-1""#)]),
    (Code::NlbTarget, TG, &[("/load_balancers/0/type", r#""nlb""#)], &[("/load_balancers/0/type", r#""alb""#)]),
    (Code::TargetTypeMismatch, TG, &[("/target_groups/0/targets/0", r#"{"ip":"10.50.1.10"}"#)], &[("/target_groups/0/targets/0", r#"{"instance":"i-web-1"}"#)]),
    (Code::TargetTypeMismatch, TG, &[("/target_groups/0/targets/0", r#"{"instance":"task-api"}"#)], &[]),
    (Code::AlbTarget, TG, &[("/load_balancers/0/scheme", r#""internet_facing""#)], &[("/load_balancers/0/scheme", r#""internal""#)]),
    (Code::AlbTarget, TG, &[("/target_groups/3/port", "8080")], &[("/target_groups/3/port", "80")]),
    (Code::IpTargetPublic, TG, &[("/target_groups/1/targets/0/ip", r#""8.8.8.8""#)], &[("/target_groups/1/targets/0/ip", r#""10.50.2.99""#)]),
    (Code::IpTargetOutsideVpc, TG, &[("/target_groups/1/targets/0/ip", r#""10.60.0.5""#)], &[("/target_groups/1/targets/0/ip", r#""10.50.2.99""#)]),
    (Code::TcpTargetGroupType, TG, &[("/target_groups/2/protocol", r#""tcp""#)], &[("/target_groups/2/health_check", r#"{"enabled":false}"#)]),
    (Code::HealthCheckUnsupported, TG, &[("/target_groups/2/health_check", r#"{"enabled":true}"#)], &[("/target_groups/2/health_check", r#"{"enabled":false}"#)]),
    (Code::TargetGroupShape, TG, &[("/target_groups/1/vpc", "null")], &[("/target_groups/1/vpc", r#""vpc-backend""#)]),
    (Code::ResourceConfigShape, RGW, &[("/resource_configurations/2/parent", "null")], &[("/resource_configurations/2/parent", r#""rcfg-licenses""#)]),
    (Code::ResourceConfigShape, RGW, &[("/resource_configurations/1/definition", r#"{"ip":"10.30.2.9"}"#)], &[]),
    (Code::ChildSharedDirectly, RGW, &[("/resource_associations/0/resource_configuration", r#""rcfg-license-1""#)], &[("/resource_associations/0/resource_configuration", r#""rcfg-licenses""#)]),
    (Code::ResourceConfigProtocol, RGW, &[("/resource_configurations/0/protocol", r#""udp""#)], &[("/resource_configurations/0/protocol", r#""tcp""#)]),
    (Code::ResourceConfigPorts, RGW, &[("/resource_configurations/0/port_ranges", r#"["6000-5000"]"#)], &[("/resource_configurations/0/port_ranges", r#"["5000-6000"]"#)]),
    (Code::ResourceConfigPorts, RGW, &[("/resource_configurations/0/port_ranges", "[]")], &[]),
    (Code::ResourceConfigArnNotRds, RGW, &[("/resource_configurations/0/definition", r#"{"arn":"arn:aws:s3:::bucket"}"#)], &[("/resource_configurations/0/definition", r#"{"arn":"arn:aws:rds:us-east-1:111111111111:db:sales"}"#)]),
    (Code::ResourceConfigPublicDatabase, RGW, &[("/databases/0/publicly_accessible", "true")], &[("/databases/0/publicly_accessible", "false")]),
    (Code::ResourceConfigIpNotPrivate, RGW, &[("/resource_configurations/2/definition", r#"{"ip":"54.1.2.3"}"#)], &[("/resource_configurations/2/definition", r#"{"ip":"100.64.0.9"}"#)]),
    (Code::ResourceGatewaySecurityGroups, RGW, &[("/resource_gateways/0/security_groups", r#"["sg-rgw","sg-rgw","sg-rgw","sg-rgw","sg-rgw","sg-rgw"]"#)], &[("/resource_gateways/0/security_groups", r#"["sg-rgw","sg-rgw","sg-rgw","sg-rgw","sg-rgw"]"#)]),
    (Code::ResourceGatewayIpType, RGW, &[("/resource_gateways/0/ip_address_type", r#""dualstack""#)], &[("/resource_gateways/0/ip_address_type", r#""ipv4""#)]),
    (Code::ResourceGatewaySharedSubnet, RGW, &[("/subnets/1/shared", "true")], &[("/subnets/1/shared", "false")]),
    (Code::ResourceGatewayAddresses, RGW, &[("/resource_gateways/0/ipv4_addresses_per_eni", "63")], &[("/resource_gateways/0/ipv4_addresses_per_eni", "62")]),
    (Code::ResourceGatewayZoneOverlap, RGW, &[("/resource_gateways/0/subnets", r#"["sub-data-b"]"#)], &[("/resource_gateways/0/subnets", r#"["sub-data-a"]"#)]),
    (Code::ResourceEndpointDnsConflict, RGW, &[(SNRA.0, SNRA.1), ("/service_network_endpoints", r#"[{"id":"vpce-sn","vpc":"vpc-analytics","service_network":"sn-data","subnets":["sub-an-a"]}]"#)],
        &[(SNRA.0, SNRA.1), ("/service_network_endpoints", r#"[{"id":"vpce-sn","vpc":"vpc-analytics","service_network":"sn-data","subnets":["sub-an-a"],"private_dns":false}]"#)]),
    (Code::DuplicateIdentityPolicy, SVC, &[("/identity_policies", r#"[{"principal":"arn:aws:iam::111111111111:role/app","policy":{}},{"principal":"arn:aws:iam::111111111111:role/app","policy":{}}]"#)], &[("/identity_policies", r#"[{"principal":"arn:aws:iam::111111111111:role/app","policy":{}},{"principal":"arn:aws:iam::111111111111:user/app","policy":{}}]"#)]),
    (Code::IdentityPolicyPrincipal, SVC, &[("/identity_policies", r#"[{"principal":"arn:aws:sts::111111111111:assumed-role/app/session","policy":{}}]"#)], &[("/identity_policies", r#"[{"principal":"arn:aws:iam::111111111111:role/app","policy":{}}]"#)]),
    (Code::IdentityPolicyPrincipal, SVC, &[("/identity_policies", r#"[{"principal":"arn:aws:iam::111111111111:group/devs","policy":{}}]"#)], &[]),
    (Code::DuplicateFlowName, GW, &[("/flows/1/name", r#""app reads a report""#)], &[("/flows/1/name", r#""another name""#)]),
    (Code::FlowSource, GW, &[("/flows/0/request/from", r#""vpc-app""#)], &[("/flows/0/request/from", r#""sub-private-a""#)]),
];

const TCP_TG: (&str, &str) = (
    "/target_groups/-",
    r#"{"id":"tg-tcp","type":"instance","protocol":"tcp","port":8443,"vpc":"vpc-checkout","targets":[{"instance":"i-v1"}]}"#,
);
const TLS_LISTENER: (&str, &str) = (
    "/services/0/listeners/-",
    r#"{"id":"lst-tls","protocol":"tls_passthrough","port":8443,"default_action":{"forward":[{"target_group":"tg-tcp"}]}}"#,
);
const SNRA: (&str, &str) = (
    "/resource_associations/-",
    r#"{"id":"snra-db","service_network":"sn-data","resource_configuration":"rcfg-sales-db"}"#,
);

#[test]
fn every_rule_fires_and_its_neighbour_passes() {
    for (code, base, fires, passes) in CASES {
        check(*code, base, &owned(fires), &owned(passes));
    }
}

fn many(n: usize, f: impl Fn(usize) -> String) -> String {
    let items: Vec<String> = (0..n).map(f).collect();
    format!("[{}]", items.join(","))
}

#[test]
fn counted_limits_fire_just_past_the_limit() {
    let rules = |n| {
        many(n, |i| {
            format!(
                r#"{{"id":"r{i}","priority":{},"match":{{"method":"GET"}},"action":{{"fixed_response":{{"status":404}}}}}}"#,
                i + 1
            )
        })
    };
    check(
        Code::TooManyRules,
        SVC,
        &[("/services/0/listeners/0/rules", rules(11))],
        &[("/services/0/listeners/0/rules", rules(10))],
    );

    let targets = |n| {
        many(n, |i| {
            format!(
                r#"{{"ip":"10.50.{}.{}","port":8080}}"#,
                1 + i % 2,
                1 + (i / 2) % 250
            )
        })
    };
    check(
        Code::TooManyTargets,
        TG,
        &[("/target_groups/1/targets", targets(1001))],
        &[("/target_groups/1/targets", targets(1000))],
    );

    // The example's own gateway first, then more gateways in the same VPC.
    let gateways = |n| {
        many(n, |i| {
            let id = if i == 0 {
                "rgw-data".to_string()
            } else {
                format!("rgw-{i}")
            };
            format!(r#"{{"id":"{id}","vpc":"vpc-data","subnets":["sub-data-a","sub-data-b"]}}"#)
        })
    };
    check(
        Code::ResourceGatewayLimit,
        RGW,
        &[("/resource_gateways", gateways(101))],
        &[("/resource_gateways", gateways(100))],
    );

    let big = "x".repeat(11 * 1024);
    check(
        Code::AuthPolicyTooLarge,
        SN,
        &[(
            "/service_networks/0/auth_policy/Statement/0/Resource",
            format!("\"{big}\""),
        )],
        &[(
            "/service_networks/0/auth_policy/Statement/0/Resource",
            "\"*\"".to_string(),
        )],
    );
}

#[test]
fn every_code_has_a_case() {
    let special = [
        Code::TooManyRules,
        Code::TooManyTargets,
        Code::ResourceGatewayLimit,
        Code::AuthPolicyTooLarge,
    ];
    for code in Code::ALL {
        assert!(
            special.contains(code) || CASES.iter().any(|(c, ..)| c == code),
            "no test case for `{code}`"
        );
        assert_eq!(Code::from_name(code.as_str()), Some(*code));
    }
}

#[test]
fn warnings_do_not_block_a_topology() {
    let text = apply(
        EPS,
        &owned(&[(
            "/endpoint_services/0/private_dns_verification",
            r#""pending""#,
        )]),
    );
    let topology = crate::model::Topology::from_json(&text).unwrap();
    assert_eq!(topology.warnings().len(), 1);
    assert!(topology.endpoint_service("vpce-svc-orders").is_some());
    assert!(topology.subnet("vpce-svc-orders").is_none());
    let text = apply(GW, &owned(&[("/instances/0/subnet", r#""sub-nope""#)]));
    let err = crate::model::Topology::from_json(&text).unwrap_err();
    assert!(
        err.to_string()
            .contains("unknown subnet `sub-nope` in instance `i-app`"),
        "{err}"
    );
}
