//! Identity-based policies on every path AWS authorizes with IAM, not only VPC Lattice: a
//! request to S3 through a gateway endpoint or to an AWS service through an interface endpoint
//! needs the endpoint policy and the caller's identity policy to allow it, with no explicit deny
//! in either (aws-rules.md R-EPP-01, "An endpoint policy does not override or replace
//! identity-based policies or resource-based policies",
//! https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html; R-IAM-01).
//! The trace shows both: the endpoint-policy hop and the identity-policy hop.

use std::path::PathBuf;

use vpcplay_core::model::Topology;
use vpcplay_core::trace::{ComponentKind, Hop, ReasonCode, Request, Trace, Verdict, trace};

const FILE: &str = "s63-identity-policy-on-endpoint-paths/topology.json";
const READER: &str = "arn:aws:iam::111111111111:role/reader";
const WRITER: &str = "arn:aws:iam::111111111111:role/writer";

fn flow(name: &str) -> Trace {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(FILE);
    let topology = Topology::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let flow = topology
        .document()
        .flows
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no flow `{name}`"));
    trace(&topology, &Request::from(&flow.request))
}

fn hop<'t>(t: &'t Trace, kind: ComponentKind, component: &str) -> &'t Hop {
    t.hops
        .iter()
        .find(|h| h.kind == kind && h.component == component)
        .unwrap_or_else(|| panic!("no {kind:?} hop at `{component}`: {t:#?}"))
}

#[test]
fn gateway_endpoint_shows_both_policies() {
    let t = flow("reader reads a report");
    assert_eq!(t.verdict.outcome(), "delivered", "{t:#?}");
    let endpoint = hop(&t, ComponentKind::GatewayEndpoint, "vpce-s3");
    let identity = hop(&t, ComponentKind::AuthPolicy, READER);
    let e = t
        .hops
        .iter()
        .position(|h| std::ptr::eq(h, endpoint))
        .unwrap();
    let i = t
        .hops
        .iter()
        .position(|h| std::ptr::eq(h, identity))
        .unwrap();
    assert!(e < i, "the endpoint policy hop comes first: {t:#?}");
    assert!(
        t.hops
            .iter()
            .any(|h| h.kind == ComponentKind::GatewayEndpoint
                && h.cites == "R-EPP-01"
                && h.rule.as_deref().is_some_and(|r| r.contains("ReportsOnly"))),
        "{t:#?}"
    );
    assert_eq!(identity.cites, "R-EPP-01", "{identity:?}");
    assert!(identity.what.contains("identity policy"), "{identity:?}");
    assert!(identity.what.contains("allows"), "{identity:?}");
    assert!(
        identity.rule.as_deref().unwrap().contains("ReadAnyBucket"),
        "{identity:?}"
    );
}

#[test]
fn identity_policy_denies_through_a_gateway_endpoint() {
    let t = flow("reader cannot write a report");
    let Verdict::Blocked(b) = &t.verdict else {
        panic!("{t:#?}")
    };
    assert_eq!(b.code, ReasonCode::IdentityPolicyDenied);
    assert_eq!(b.at, READER);
    assert_eq!(b.rule, "R-EPP-01");
    assert!(b.message.contains("s3:PutObject"), "{b:?}");
    assert!(b.statement.is_some(), "{b:?}");
    // The endpoint policy allowed; its hop is there too.
    let endpoint = hop(&t, ComponentKind::GatewayEndpoint, "vpce-s3");
    assert!(endpoint.what.contains("allows"), "{endpoint:?}");

    let t = flow("writer is explicitly denied S3");
    let Verdict::Blocked(b) = &t.verdict else {
        panic!("{t:#?}")
    };
    assert_eq!(
        (b.code, b.at.as_str()),
        (ReasonCode::IdentityPolicyDenied, WRITER)
    );
    assert_eq!(b.rule, "R-IAM-01");
    assert!(b.statement.as_deref().unwrap().contains("NoS3"), "{b:?}");
    let identity = hop(&t, ComponentKind::AuthPolicy, WRITER);
    assert!(identity.what.contains("explicitly denies"), "{identity:?}");
}

#[test]
fn interface_endpoint_shows_both_policies() {
    let t = flow("writer sends to the queue");
    assert_eq!(t.verdict.outcome(), "delivered", "{t:#?}");
    let policy = t
        .hops
        .iter()
        .find(|h| h.kind == ComponentKind::InterfaceEndpoint && h.cites == "R-EPP-02")
        .unwrap_or_else(|| panic!("no endpoint-policy hop: {t:#?}"));
    assert!(
        policy
            .rule
            .as_deref()
            .unwrap()
            .contains("default endpoint policy"),
        "{policy:?}"
    );
    let identity = hop(&t, ComponentKind::AuthPolicy, WRITER);
    assert!(identity.what.contains("allows"), "{identity:?}");

    let t = flow("reader cannot send to the queue");
    let Verdict::Blocked(b) = &t.verdict else {
        panic!("{t:#?}")
    };
    assert_eq!(
        (b.code, b.at.as_str()),
        (ReasonCode::IdentityPolicyDenied, READER)
    );
    assert!(b.message.contains("sqs:SendMessage"), "{b:?}");
}

#[test]
fn anonymous_and_unlisted_callers_say_why_no_policy_was_evaluated() {
    let t = flow("anonymous read has no identity policy");
    assert_eq!(t.verdict.outcome(), "delivered", "{t:#?}");
    let identity = hop(&t, ComponentKind::AuthPolicy, "anonymous");
    assert!(
        identity.what.contains("no identity policy is evaluated"),
        "{identity:?}"
    );

    let t = flow("a role without an identity policy entry is taken to be allowed");
    assert_eq!(t.verdict.outcome(), "delivered", "{t:#?}");
    let identity = hop(
        &t,
        ComponentKind::AuthPolicy,
        "arn:aws:iam::111111111111:role/auditor",
    );
    assert!(
        identity.rule.as_deref().unwrap().contains("taken to allow"),
        "{identity:?}"
    );
}

#[test]
fn endpoint_policy_deny_still_names_the_endpoint() {
    let t = flow("reader cannot read another bucket");
    let Verdict::Blocked(b) = &t.verdict else {
        panic!("{t:#?}")
    };
    assert_eq!(
        (b.code, b.at.as_str()),
        (ReasonCode::GatewayEndpointPolicyDenied, "vpce-s3")
    );
    // The identity policy allowed; both decisions are in the trace.
    let identity = hop(&t, ComponentKind::AuthPolicy, READER);
    assert!(identity.what.contains("allows"), "{identity:?}");
}
