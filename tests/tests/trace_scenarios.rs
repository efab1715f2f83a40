//! The conformance corpus under tests/scenarios (public scenarios S41–S59), run the way
//! `vpcplay check tests/scenarios` runs it, plus the parts of the scenarios an expectation cannot
//! state: which route was taken and which source address the target saw.

use std::path::PathBuf;

use vpcplay_core::model::Topology;
use vpcplay_core::trace::{
    ComponentKind, Index, ProxyProtocol, Request, Trace, Verdict, trace_with,
};

fn scenarios() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

#[test]
fn every_scenario_passes() {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let path = scenarios().display().to_string();
    let code = vpcplay_core::trace::cli::check_command(&[path], &mut out, &mut err);
    let out = String::from_utf8_lossy(&out);
    assert_eq!(code, 0, "{out}{}", String::from_utf8_lossy(&err));
    let last = out.lines().last().unwrap_or_default();
    assert!(last.ends_with(" passed, 0 failed"), "{out}");
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(passed >= 22, "{out}");
}

/// Traces the first flow of a scenario document.
fn first_flow(file: &str, flow: usize) -> Trace {
    let text = std::fs::read_to_string(scenarios().join(file)).unwrap();
    let topology = Topology::from_json(&text).unwrap();
    let ix = Index::build(&topology);
    let flow = &topology.document().flows[flow];
    trace_with(&ix, &Request::from(&flow.request))
}

fn route_rule(t: &Trace) -> String {
    t.hops
        .iter()
        .find(|h| h.kind == ComponentKind::RouteTable)
        .and_then(|h| h.rule.clone())
        .unwrap_or_default()
}

#[test]
fn routes_taken_in_gateway_endpoint_scenarios() {
    let cases: &[(&str, usize, &str)] = &[
        (
            "s49-gateway-endpoint-beats-nat-default-route/topology.json",
            0,
            "prefix list com.amazonaws.us-east-1.s3 (52.216.0.0/15) -> vpce-s3",
        ),
        (
            "s51-more-specific-route-beats-prefix-list/topology.json",
            0,
            "52.216.10.0/24 -> nat-1",
        ),
        (
            "s51-more-specific-route-beats-prefix-list/topology.json",
            1,
            "prefix list com.amazonaws.us-east-1.s3 (52.216.0.0/15) -> vpce-s3",
        ),
        (
            "s51-more-specific-route-beats-prefix-list/identical-range-route.json",
            0,
            "52.216.0.0/15 -> nat-1",
        ),
    ];
    for (file, flow, want) in cases {
        let t = first_flow(file, *flow);
        assert_eq!(route_rule(&t), *want, "{file} #{flow}");
    }
}

#[test]
fn s3_sees_the_private_source_through_the_gateway_endpoint() {
    let t = first_flow(
        "s49-gateway-endpoint-beats-nat-default-route/topology.json",
        0,
    );
    let hop = t
        .hops
        .iter()
        .find(|h| h.kind == ComponentKind::GatewayEndpoint)
        .unwrap();
    assert_eq!(hop.packet.source, Some("10.10.1.10".parse().unwrap()));
}

#[test]
fn provider_target_sees_the_load_balancer_node() {
    let t = first_flow("s59-endpoint-service-happy-path-source-ip/topology.json", 0);
    let Verdict::Delivered {
        target, address, ..
    } = &t.verdict
    else {
        panic!("{t:?}");
    };
    assert_eq!(
        (target.as_str(), *address),
        ("i-app", Some("10.5.1.20".parse().unwrap()))
    );
    let last = t.hops.last().unwrap();
    let source = last.packet.source.unwrap();
    assert!(source.to_string().starts_with("10.5.1."), "{source}");
    assert_ne!(source.to_string(), "10.0.1.10");
    assert!(t.hops.iter().all(|h| h.packet.proxy_protocol.is_none()));
}

#[test]
fn proxy_protocol_v2_carries_the_consumer_and_the_endpoint() {
    let t = first_flow(
        "s59-endpoint-service-happy-path-source-ip/proxy-protocol-v2.json",
        0,
    );
    let Verdict::Delivered {
        target, address, ..
    } = &t.verdict
    else {
        panic!("{t:?}");
    };
    assert_eq!(
        (target.as_str(), *address),
        ("i-app", Some("10.5.1.20".parse().unwrap()))
    );
    let header = ProxyProtocol {
        source: "10.0.1.10".parse().unwrap(),
        vpce_id: "vpce-1".to_string(),
    };
    let last = t.hops.last().unwrap();
    let source = last.packet.source.unwrap();
    assert!(source.to_string().starts_with("10.5.1."), "{source}");
    assert_eq!(last.packet.proxy_protocol.as_ref(), Some(&header));
    let at = t
        .hops
        .iter()
        .position(|h| h.kind == ComponentKind::LoadBalancer)
        .unwrap();
    let lb = &t.hops[at];
    assert!(
        lb.what.contains(
            "a proxy protocol v2 header carries the consumer's address 10.0.1.10 and the endpoint id vpce-1"
        ),
        "{}",
        lb.what
    );
    assert_eq!(lb.cites, "R-EPS-07");
    assert!(
        t.hops[..at]
            .iter()
            .all(|h| h.packet.proxy_protocol.is_none())
    );
    assert!(
        t.hops[at..]
            .iter()
            .all(|h| h.packet.proxy_protocol.as_ref() == Some(&header))
    );
    let json = t.to_json();
    assert!(
        json.contains(r#""proxy_protocol":{"source":"10.0.1.10","vpce_id":"vpce-1"}"#),
        "{json}"
    );
}
