//! A hop cites the rule that decided it, and its words say which fact applied: the VPC's default
//! security group put on an interface that was given none (aws-rules.md R-IFE-03,
//! https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html) and what
//! that group admits (R-VPC-05,
//! https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html); a group that
//! was given to an interface endpoint (R-IFE-02,
//! https://docs.aws.amazon.com/vpc/latest/userguide/vpce-interface.html); an endpoint service's
//! private DNS name that is not verified (R-EPS-05,
//! https://docs.aws.amazon.com/vpc/latest/privatelink/modify-endpoint-service.html); a VPC
//! Lattice level whose auth type is NONE, which evaluates no policy (R-AUTH-04, R-AUTH-05,
//! https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html).

use std::path::PathBuf;

use vpcplay_core::model::Topology;
use vpcplay_core::trace::{Blocked, ComponentKind, Hop, Request, Trace, Verdict, trace};

const DIR: &str = "s67-hops-cite-the-deciding-fact";

fn flow(file: &str, name: &str) -> Trace {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(DIR)
        .join(file);
    let topology = Topology::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let flow = topology
        .document()
        .flows
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no flow `{name}`"));
    trace(&topology, &Request::from(&flow.request))
}

fn blocked(t: &Trace) -> &Blocked {
    match &t.verdict {
        Verdict::Blocked(b) => b,
        _ => panic!("blocked expected: {t:#?}"),
    }
}

fn hop<'t>(t: &'t Trace, kind: ComponentKind, component: &str) -> &'t Hop {
    t.hops
        .iter()
        .find(|h| h.kind == kind && h.component == component)
        .unwrap_or_else(|| panic!("no {kind:?} hop at `{component}`: {t:#?}"))
}

#[test]
fn the_default_group_that_applied_is_cited_and_named() {
    let t = flow(
        "topology.json",
        "the default group stops a client outside it",
    );
    let b = blocked(&t);
    assert_eq!(b.at, "vpc-app/default");
    assert_eq!(b.rule, "R-VPC-05", "{b:?}");
    assert!(
        b.message
            .contains("no security group was given to `vpce-default`"),
        "{b:?}"
    );
    assert!(b.message.contains("its own members"), "{b:?}");

    let t = flow("topology.json", "the default group admits its own member");
    assert_eq!(t.verdict.outcome(), "delivered", "{t:#?}");
    let sg = hop(&t, ComponentKind::SecurityGroup, "vpc-app/default");
    // The instance's own (default) group lets the request out; the endpoint's lets it in.
    let inbound = t
        .hops
        .iter()
        .find(|h| h.kind == ComponentKind::SecurityGroup && h.what.contains("inbound"))
        .unwrap_or(sg);
    assert_eq!(inbound.cites, "R-IFE-03", "{inbound:?}");
    assert!(
        inbound
            .what
            .contains("no security group was given to `vpce-default`"),
        "{inbound:?}"
    );
}

#[test]
fn a_group_that_was_given_is_cited_as_given() {
    let t = flow("topology.json", "the given group admits the client");
    assert_eq!(t.verdict.outcome(), "delivered", "{t:#?}");
    let sg = hop(&t, ComponentKind::SecurityGroup, "sg-endpoint");
    assert_eq!(sg.cites, "R-IFE-02", "{sg:?}");
    assert!(sg.what.contains("given to `vpce-given`"), "{sg:?}");

    let t = flow("topology.json", "the given group stops a client outside it");
    let b = blocked(&t);
    assert_eq!(
        (b.at.as_str(), b.rule),
        ("sg-endpoint", "R-IFE-02"),
        "{b:?}"
    );
}

#[test]
fn an_unverified_private_dns_name_is_the_reason() {
    let t = flow(
        "topology.json",
        "an unverified private DNS name does not resolve",
    );
    let b = blocked(&t);
    assert_eq!(b.rule, "R-EPS-05", "{b:?}");
    assert!(b.message.contains("vpce-svc-orders"), "{b:?}");
    assert!(b.message.contains("not verified"), "{b:?}");
}

#[test]
fn a_level_with_auth_type_none_says_no_policy_was_evaluated() {
    let t = flow(
        "network-auth-none.json",
        "GET from vpc-quarantine passes the NONE level",
    );
    assert_eq!(t.verdict.outcome(), "delivered", "{t:#?}");
    let sn = hop(&t, ComponentKind::AuthPolicy, "sn-main");
    assert!(sn.what.contains("NONE"), "{sn:?}");
    assert!(sn.what.contains("no auth policy is evaluated"), "{sn:?}");
    assert!(!sn.what.contains("allows the request"), "{sn:?}");
    assert!(
        sn.rule.as_deref().unwrap().contains("not applied"),
        "the attached policy is named as ignored: {sn:?}"
    );
    assert_eq!(sn.cites, "R-AUTH-05", "{sn:?}");
    let svc = hop(&t, ComponentKind::AuthPolicy, "svc-orders");
    assert!(svc.what.contains("allows the request"), "{svc:?}");
}
