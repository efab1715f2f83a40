//! Every reason code, exercised: one document with a component for each way a request can stop,
//! and a table of requests with the code and component each must stop at.

use std::collections::BTreeSet;
use std::path::PathBuf;

use vpcplay_core::model::Topology;
use vpcplay_core::model::flow::{Principal, RequestProtocol};
use vpcplay_core::trace::{ReasonCode, Request, Verdict, trace};

fn document() -> &'static str {
    r#"{
        "version": 1,
        "regions": [{"id": "us-east-1", "zones": ["use1-az1"]}],
        "vpcs": [
            {"id": "vpc-a", "cidrs": ["10.1.0.0/16"]},
            {"id": "vpc-b", "cidrs": ["10.2.0.0/16"]},
            {"id": "vpc-c", "cidrs": ["10.3.0.0/16"], "dns_support": false, "dns_hostnames": false}
        ],
        "subnets": [
            {"id": "sub-a1", "vpc": "vpc-a", "zone": "use1-az1", "cidr": "10.1.1.0/24", "route_table": "rtb-a"},
            {"id": "sub-a3", "vpc": "vpc-a", "zone": "use1-az1", "cidr": "10.1.3.0/24", "route_table": "rtb-loop"},
            {"id": "sub-b1", "vpc": "vpc-b", "zone": "use1-az1", "cidr": "10.2.1.0/24"},
            {"id": "sub-c1", "vpc": "vpc-c", "zone": "use1-az1", "cidr": "10.3.1.0/24"}
        ],
        "route_tables": [
            {"id": "rtb-a", "vpc": "vpc-a", "routes": [
                {"destination": "10.2.0.0/16", "target": {"peering": "pcx-ab"}},
                {"destination": "10.99.0.0/16", "target": {"peering": "pcx-ab"}},
                {"destination": "10.3.0.0/16", "target": {"peering": "pcx-ac"}},
                {"destination": "192.168.0.0/16", "target": {"instance": "i-loop"}},
                {"destination": "0.0.0.0/0", "target": {"internet_gateway": "igw-a"}}
            ]},
            {"id": "rtb-loop", "vpc": "vpc-a", "routes": [
                {"destination": "192.168.0.0/16", "target": {"instance": "i-loop"}}
            ]}
        ],
        "internet_gateways": [{"id": "igw-a", "vpc": "vpc-a"}],
        "peerings": [
            {"id": "pcx-ab", "requester": "vpc-a", "accepter": "vpc-b"},
            {"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-c", "accepted": false}
        ],
        "security_groups": [
            {"id": "sg-a", "vpc": "vpc-a", "ingress": [{"protocol": "all", "cidr": "10.0.0.0/8"}], "egress": [{"protocol": "all", "cidr": "0.0.0.0/0"}]},
            {"id": "sg-b", "vpc": "vpc-b", "ingress": [{"protocol": "all", "cidr": "10.0.0.0/8"}], "egress": [{"protocol": "all", "cidr": "0.0.0.0/0"}]}
        ],
        "instances": [
            {"id": "i-a1", "subnet": "sub-a1", "ip": "10.1.1.10", "security_groups": ["sg-a"]},
            {"id": "i-loop", "subnet": "sub-a3", "ip": "10.1.3.10", "security_groups": ["sg-a"]},
            {"id": "i-b1", "subnet": "sub-b1", "ip": "10.2.1.10", "security_groups": ["sg-b"]},
            {"id": "i-c1", "subnet": "sub-c1", "ip": "10.3.1.10"}
        ],
        "lambdas": [{"id": "lam-1"}],
        "gateway_endpoints": [{
            "id": "vpce-s3", "vpc": "vpc-a", "service": "com.amazonaws.us-east-1.s3", "route_tables": ["rtb-a"],
            "policy": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::allowed/*"}]}
        }],
        "load_balancers": [
            {"id": "nlb-empty", "type": "nlb", "vpc": "vpc-b", "subnets": ["sub-b1"], "listener_ports": [443]},
            {"id": "nlb-8443", "type": "nlb", "vpc": "vpc-b", "subnets": ["sub-b1"], "listener_ports": [8443], "targets": [{"instance": "i-b1"}]}
        ],
        "endpoint_services": [
            {"id": "es-rejected", "load_balancers": ["nlb-8443"], "allowed_principals": ["*"], "connections": [{"endpoint": "vpce-rejected", "state": "rejected"}]},
            {"id": "es-8443", "load_balancers": ["nlb-8443"], "connections": [{"endpoint": "vpce-8443", "state": "available"}]},
            {"id": "es-empty", "load_balancers": ["nlb-empty"], "connections": [{"endpoint": "vpce-empty", "state": "available"}]}
        ],
        "interface_endpoints": [
            {"id": "vpce-sqs", "vpc": "vpc-a", "service": {"aws": "com.amazonaws.us-east-1.sqs"}, "subnets": ["sub-a1"], "security_groups": ["sg-a"],
             "policy": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}]}},
            {"id": "vpce-rejected", "vpc": "vpc-a", "service": {"endpoint_service": "es-rejected"}, "subnets": ["sub-a1"], "security_groups": ["sg-a"], "private_dns": false},
            {"id": "vpce-8443", "vpc": "vpc-a", "service": {"endpoint_service": "es-8443"}, "subnets": ["sub-a1"], "security_groups": ["sg-a"], "private_dns": false},
            {"id": "vpce-empty", "vpc": "vpc-a", "service": {"endpoint_service": "es-empty"}, "subnets": ["sub-a1"], "security_groups": ["sg-a"], "private_dns": false}
        ],
        "services": [{"id": "svc-orders"}]
    }"#
}

struct Case {
    from: &'static str,
    to: &'static str,
    protocol: RequestProtocol,
    port: u16,
    host: Option<&'static str>,
    query: &'static str,
    code: ReasonCode,
    at: &'static str,
}

const fn case(
    from: &'static str,
    to: &'static str,
    protocol: RequestProtocol,
    port: u16,
    code: ReasonCode,
    at: &'static str,
) -> Case {
    Case {
        from,
        to,
        protocol,
        port,
        host: None,
        query: "",
        code,
        at,
    }
}

fn cases() -> Vec<Case> {
    use ReasonCode as R;
    use RequestProtocol::{Https, Tcp, Udp};
    vec![
        case("lam-1", "i-a1", Tcp, 22, R::InvalidSource, "lam-1"),
        case("rtb-a", "i-a1", Tcp, 22, R::InvalidSource, "rtb-a"),
        case("i-a1", "not a name", Tcp, 22, R::UnknownDestination, "dns"),
        case(
            "i-a1",
            "rtb-a",
            Tcp,
            22,
            R::DestinationNotAddressable,
            "rtb-a",
        ),
        case(
            "i-c1",
            "sqs.us-east-1.amazonaws.com",
            Https,
            443,
            R::DnsSupportDisabled,
            "vpc-c",
        ),
        case(
            "i-a1",
            "nothing.example.com",
            Https,
            443,
            R::DnsNameNotFound,
            "dns",
        ),
        case("i-a1", "10.1.0.99", Tcp, 22, R::AddressNotInUse, "vpc-a"),
        case("i-a1", "10.3.1.10", Tcp, 22, R::PeeringNotActive, "pcx-ac"),
        case(
            "i-a1",
            "10.99.0.1",
            Tcp,
            22,
            R::PeeringNotTransitive,
            "pcx-ab",
        ),
        case(
            "i-a1",
            "10.200.0.1",
            Tcp,
            22,
            R::InternetUnreachable,
            "igw-a",
        ),
        case(
            "i-a1",
            "192.168.1.1",
            Tcp,
            22,
            R::HopLimitExceeded,
            "sub-a3",
        ),
        case(
            "i-a1",
            "vpce-sqs",
            Udp,
            443,
            R::ProtocolNotSupported,
            "vpce-sqs",
        ),
        case(
            "i-a1",
            "es-rejected",
            Tcp,
            8443,
            R::EndpointConnectionRejected,
            "es-rejected",
        ),
        case(
            "i-a1",
            "es-8443",
            Tcp,
            443,
            R::LoadBalancerNoListener,
            "nlb-8443",
        ),
        case(
            "i-a1",
            "es-empty",
            Tcp,
            443,
            R::LoadBalancerNoTarget,
            "nlb-empty",
        ),
        case(
            "i-a1",
            "svc-orders",
            Https,
            443,
            R::ServiceNetworkNotConnected,
            "svc-orders",
        ),
        case("i-b1", "i-a1", Tcp, 22, R::NoRoute, "sub-b1"),
        Case {
            host: Some("denied.s3.us-east-1.amazonaws.com"),
            ..case(
                "i-a1",
                "52.216.1.1",
                Https,
                443,
                R::GatewayEndpointPolicyDenied,
                "vpce-s3",
            )
        },
        Case {
            query: "Action=DeleteQueue",
            ..case(
                "i-a1",
                "sqs.us-east-1.amazonaws.com",
                Https,
                443,
                R::InterfaceEndpointPolicyDenied,
                "vpce-sqs",
            )
        },
    ]
}

fn request(c: &Case) -> Request {
    let mut r = Request::new(c.from, c.to, c.protocol, Some(c.port));
    r.principal = Principal::Arn("arn:aws:iam::111111111111:role/app".into());
    r.signed = true;
    r.path = "/key".into();
    if let Some(h) = c.host {
        r.headers.insert("host".into(), h.into());
    }
    r.query = c.query.into();
    r
}

fn topology() -> Topology {
    Topology::from_json(document()).unwrap_or_else(|e| panic!("{e:#?}"))
}

#[test]
fn each_case_stops_where_and_why_expected() {
    let t = topology();
    for c in cases() {
        let got = trace(&t, &request(&c));
        let Verdict::Blocked(b) = &got.verdict else {
            panic!(
                "{} -> {}: expected {}, got {:?}",
                c.from, c.to, c.code, got.verdict
            );
        };
        assert_eq!(
            (b.code, b.at.as_str()),
            (c.code, c.at),
            "{} -> {}: {}",
            c.from,
            c.to,
            b.message
        );
        assert!(!b.message.is_empty());
    }
}

#[test]
fn the_allowed_calls_get_through() {
    let t = topology();
    let ok = [
        Case {
            host: Some("allowed.s3.us-east-1.amazonaws.com"),
            ..case(
                "i-a1",
                "52.216.1.1",
                RequestProtocol::Https,
                443,
                ReasonCode::NoRoute,
                "",
            )
        },
        Case {
            query: "Action=SendMessage",
            ..case(
                "i-a1",
                "sqs.us-east-1.amazonaws.com",
                RequestProtocol::Https,
                443,
                ReasonCode::NoRoute,
                "",
            )
        },
        case(
            "i-a1",
            "10.2.1.10",
            RequestProtocol::Tcp,
            22,
            ReasonCode::NoRoute,
            "",
        ),
        case(
            "i-a1",
            "es-8443",
            RequestProtocol::Tcp,
            8443,
            ReasonCode::NoRoute,
            "",
        ),
    ];
    for c in ok {
        let got = trace(&t, &request(&c));
        assert_eq!(
            got.verdict.outcome(),
            "delivered",
            "{} -> {}: {:?}",
            c.from,
            c.to,
            got.verdict
        );
    }
}

#[test]
fn every_reason_code_is_exercised() {
    let mut seen: BTreeSet<&str> = cases().iter().map(|c| c.code.as_str()).collect();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        for file in std::fs::read_dir(entry.unwrap().path()).unwrap() {
            texts.push(std::fs::read_to_string(file.unwrap().path()).unwrap());
        }
    }
    for code in ReasonCode::ALL {
        if texts
            .iter()
            .any(|t| t.contains(&format!("\"reason\": \"{}\"", code.as_str())))
        {
            seen.insert(code.as_str());
        }
    }
    // Codes of the Lattice layer (listeners, auth, target groups) are exercised by its own tests.
    // An endpoint from an account the endpoint service does not allow is refused by validation
    // before any trace (R-EPS-02), with the diagnostic of the same name: a `*.invalid.json` of
    // the corpus expects it.
    let refused_first = |c: &str| {
        c == "endpoint_service_principal_not_allowed"
            && texts
                .iter()
                .any(|t| t.contains("\"expect_invalid\"") && t.contains(c))
    };
    let lattice_layer = |c: &str| c.starts_with("lattice_") || refused_first(c);
    let missing: Vec<&str> = ReasonCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(c) && !lattice_layer(c))
        .collect();
    assert!(
        missing.is_empty(),
        "reason codes without a test: {missing:?}"
    );
}
