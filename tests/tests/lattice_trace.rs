//! VPC Lattice traces through the core API: every Lattice reason code, the hops a delivered
//! request passes, identity policies (passed by principal ARN, and from the document), and batch
//! runs.

use std::path::Path;

use vpcplay_core::lattice::{Client, Identities, trace_service};
use vpcplay_core::model::Topology;
use vpcplay_core::model::flow::{Principal, RequestProtocol};
use vpcplay_core::policy::parse_policy;
use vpcplay_core::sim;
use vpcplay_core::trace::{ComponentKind, Index, ReasonCode, Request, Verdict, trace};

const DNS: &str = "svc-orders-0a1b2c3d.7d67968.vpc-lattice-svcs.us-east-1.on.aws";
const ROLE: &str = "arn:aws:iam::111111111111:role/rates-client";

fn scenario(name: &str) -> Topology {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name);
    Topology::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn request(to: &str) -> Request {
    Request::new("i-client", to, RequestProtocol::Http, None)
}

fn code(v: &Verdict) -> Option<&'static str> {
    match v {
        Verdict::Blocked(b) => Some(b.code.as_str()),
        _ => None,
    }
}

/// One case: a scenario file, an edit of the request, and the reason code it must stop with
/// (`None` for delivered).
type Case = (&'static str, fn(&mut Request), Option<&'static str>);

#[test]
fn reason_codes() {
    let cases: &[Case] = &[
        (
            "s01-lattice-happy-path-round-robin/topology.json",
            |_| {},
            None,
        ),
        (
            "s01-lattice-happy-path-round-robin/topology.json",
            |r| r.port = 8080,
            Some("lattice_no_listener"),
        ),
        (
            "s01-lattice-happy-path-round-robin/topology.json",
            |r| r.protocol = RequestProtocol::Https,
            Some("lattice_no_listener"),
        ),
        (
            "s39-invalid-sigv4-is-not-downgraded-to-anonymous/topology.json",
            |r| r.signed = true,
            Some("lattice_authentication_failed"),
        ),
        (
            "s21-aws-iam-without-auth-policy/topology.json",
            |_| {},
            Some("lattice_service_network_auth_denied"),
        ),
        (
            "s35-deny-with-stringnotequals-ifexists/topology.json",
            |_| {},
            Some("lattice_service_auth_denied"),
        ),
        (
            "s17-client-vpc-not-connected/topology.json",
            |r| r.from = "i-other".into(),
            Some("service_network_not_connected"),
        ),
        (
            "s19-target-sg-missing-lattice-prefix-list/topology.json",
            |_| {},
            Some("security_group_ingress_denied"),
        ),
        (
            "s13-lambda-behind-tls-listener/topology.json",
            |r| {
                r.from = "i-client".into();
                r.to = "orders.example.com".into();
            },
            None,
        ),
    ];
    for (file, edit, want) in cases {
        let t = scenario(file);
        let mut r = request(DNS);
        edit(&mut r);
        let got = trace(&t, &r);
        assert_eq!(code(&got.verdict), *want, "{file}: {got:#?}");
    }
}

#[test]
fn no_targets_when_every_weight_is_zero() {
    let mut doc = scenario("s09-weighted-forward-weight-zero/topology.json").into_document();
    let vpcplay_core::model::lattice::Action::Forward(ws) =
        &mut doc.services[0].listeners[0].default_action
    else {
        panic!("forward expected");
    };
    ws[0].weight = 0;
    let t = Topology::try_from(doc.clone()).unwrap();
    assert_eq!(
        code(&trace(&t, &request(DNS)).verdict),
        Some("lattice_no_targets")
    );
    doc.target_groups[0].targets.clear();
    let vpcplay_core::model::lattice::Action::Forward(ws) =
        &mut doc.services[0].listeners[0].default_action
    else {
        panic!("forward expected");
    };
    ws[0].weight = 1;
    let t = Topology::try_from(doc).unwrap();
    assert_eq!(
        code(&trace(&t, &request(DNS)).verdict),
        Some("lattice_no_targets")
    );
}

#[test]
fn a_custom_domain_resolves_only_in_connected_vpcs() {
    let mut doc = scenario("s17-client-vpc-not-connected/topology.json").into_document();
    doc.services[0].custom_domain = Some("orders.example.com".into());
    let t = Topology::try_from(doc).unwrap();
    let mut r = request("orders.example.com");
    r.from = "i-other".into();
    assert_eq!(code(&trace(&t, &r).verdict), Some("dns_name_not_found"));
    r.from = "i-client".into();
    assert_eq!(code(&trace(&t, &r).verdict), None);
}

#[test]
fn delivered_hops_name_listener_rule_group_target_and_statements() {
    let t = scenario("s25-explicit-deny-overrides-allow/topology.json");
    let mut r = request(DNS);
    r.principal = Principal::Arn(ROLE.into());
    r.signed = true;
    r.path = "/orders/1".into();
    let got = trace(&t, &r);
    assert_eq!(got.verdict.outcome(), "delivered", "{got:#?}");
    for kind in [
        ComponentKind::Dns,
        ComponentKind::VpcAssociation,
        ComponentKind::AuthPolicy,
        ComponentKind::Listener,
        ComponentKind::ListenerRule,
        ComponentKind::TargetGroup,
        ComponentKind::Instance,
    ] {
        assert!(
            got.hops.iter().any(|h| h.kind == kind),
            "no {kind:?} hop: {got:#?}"
        );
    }
    for h in got.hops.iter().filter(|h| {
        matches!(
            h.kind,
            ComponentKind::AuthPolicy
                | ComponentKind::Listener
                | ComponentKind::ListenerRule
                | ComponentKind::TargetGroup
        )
    }) {
        assert!(h.rule.is_some(), "hop without its rule: {h:?}");
    }
    let auth: Vec<_> = got
        .hops
        .iter()
        .filter(|h| h.kind == ComponentKind::AuthPolicy)
        .collect();
    assert_eq!(auth.len(), 3, "identity, network and service levels");
    assert!(
        auth[1].rule.as_deref().unwrap().contains("statement 0"),
        "{:?}",
        auth[1]
    );
}

#[test]
fn identity_policy_must_allow() {
    let t = scenario("s23-identity-policy-must-also-allow/topology.json");
    let ix = Index::build(&t);
    let vpc = t.vpc("vpc-client").unwrap();
    let subnet = t.subnet("sub-client-a").unwrap();
    let groups = vec![String::from("sg-client")];
    let client = Client {
        vpc,
        subnet,
        ip: "10.0.1.10".parse().unwrap(),
        groups: &groups,
    };
    let service = t.service("svc-orders").unwrap();
    let mut r = request(DNS);
    r.principal = Principal::Arn(ROLE.into());
    r.signed = true;
    r.path = "/rates".into();
    let cases = [
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
            Some(ReasonCode::LatticeIdentityPolicyDenied),
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"vpc-lattice-svcs:Invoke","Resource":"*"}]}"#,
            None,
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"vpc-lattice-svcs:*","Resource":"*","Condition":{"StringEquals":{"vpc-lattice-svcs:RequestMethod":"GET"}}}]}"#,
            Some(ReasonCode::LatticeIdentityPolicyDenied),
        ),
    ];
    for (policy, want) in cases {
        let mut ids = Identities::new();
        ids.insert(ROLE.into(), parse_policy(policy).unwrap());
        let got = trace_service(&ix, &client, &r, service, &ids, true);
        let code = match &got.verdict {
            Verdict::Blocked(b) => Some(b.code),
            _ => None,
        };
        assert_eq!(code, want, "{policy}: {got:#?}");
        if let Verdict::Blocked(b) = &got.verdict {
            assert!(b.statement.is_some(), "the block names what decided: {b:?}");
        }
    }
}

#[test]
fn identity_policies_come_from_the_document() {
    let t = scenario("s23-identity-policy-must-also-allow/topology.json");
    let signed = |arn: &str| {
        let mut r = request(DNS);
        r.principal = Principal::Arn(arn.into());
        r.signed = true;
        r.path = "/rates".into();
        r
    };
    let got = trace(&t, &signed(ROLE));
    let Verdict::Blocked(b) = &got.verdict else {
        panic!("blocked expected: {got:#?}");
    };
    assert_eq!(b.code, ReasonCode::LatticeIdentityPolicyDenied);
    assert_eq!(b.at, ROLE);
    assert_eq!(b.rule, "R-AUTH-02");
    let identity = |arn: &str| {
        let got = trace(&t, &signed(arn));
        got.hops
            .into_iter()
            .find(|h| h.kind == ComponentKind::AuthPolicy && h.component == arn)
            .unwrap_or_else(|| panic!("no identity hop for {arn}"))
    };
    let allowed = identity("arn:aws:iam::111111111111:role/orders-client");
    assert!(allowed.what.contains("allows the request"), "{allowed:?}");
    assert!(!allowed.rule.unwrap().contains("taken to allow"));
    let assumed = identity("arn:aws:iam::111111111111:role/batch-client");
    assert!(
        assumed.rule.as_deref().unwrap().contains("taken to allow"),
        "a caller without an identity policy keeps the assumption: {assumed:?}"
    );

    // The same document through the API: a policy passed by principal ARN takes precedence.
    let ix = Index::build(&t);
    let groups = vec![String::from("sg-client")];
    let client = Client {
        vpc: t.vpc("vpc-client").unwrap(),
        subnet: t.subnet("sub-client-a").unwrap(),
        ip: "10.0.1.10".parse().unwrap(),
        groups: &groups,
    };
    let service = t.service("svc-orders").unwrap();
    let from_doc = trace_service(
        &ix,
        &client,
        &signed(ROLE),
        service,
        &Identities::new(),
        true,
    );
    assert!(matches!(
        &from_doc.verdict,
        Verdict::Blocked(b) if b.code == ReasonCode::LatticeIdentityPolicyDenied
    ));
    let mut ids = Identities::new();
    ids.insert(
        ROLE.into(),
        parse_policy(r#"{"Statement":[{"Effect":"Allow","Action":"vpc-lattice-svcs:Invoke","Resource":"*"}]}"#)
            .unwrap(),
    );
    let overridden = trace_service(&ix, &client, &signed(ROLE), service, &ids, true);
    assert!(
        !matches!(overridden.verdict, Verdict::Blocked(_)),
        "{overridden:#?}"
    );
}

#[test]
fn batch_runs_converge_to_the_weights() {
    let mut doc = scenario("s09-weighted-forward-weight-zero/topology.json").into_document();
    let vpcplay_core::model::lattice::Action::Forward(ws) =
        &mut doc.services[0].listeners[0].default_action
    else {
        panic!("forward expected");
    };
    ws[0].weight = 80;
    ws[1].weight = 20;
    let t = Topology::try_from(doc).unwrap();
    let cases: &[(u64, u32)] = &[(0, 1000), (42, 1000), (7, 5000)];
    for (seed, n) in cases {
        let d = sim::run(&t, &request(DNS), *n, *seed);
        assert_eq!(d.runs, *n);
        assert!((d.percent("tg-blue") - 80.0).abs() < 4.0, "{seed}: {d:?}");
        assert!((d.percent("tg-green") - 20.0).abs() < 4.0, "{seed}: {d:?}");
        assert_eq!(d.targets.values().sum::<u32>(), *n);
        assert_eq!(
            d,
            sim::run(&t, &request(DNS), *n, *seed),
            "same seed, same distribution"
        );
    }
}

#[test]
fn principal_tags_and_organization_reach_the_lattice_auth_policy() {
    // R-AUTH-11: "VPC Lattice supports access control based on any principal tags on the user,
    // role, or session tags using the aws:PrincipalTag/context variables."
    let t = scenario("s61-policy-variables-and-not-principal/topology.json");
    let mut r = request(DNS);
    r.principal = Principal::Arn(String::from(
        "arn:aws:sts::111111111111:assumed-role/app/i-client",
    ));
    r.signed = true;
    r.path = String::from("/teams/orders/1");
    assert_eq!(
        code(&trace(&t, &r).verdict),
        Some("lattice_service_auth_denied")
    );
    r.principal_tags
        .insert(String::from("team"), String::from("orders"));
    assert_eq!(code(&trace(&t, &r).verdict), None);
    r.principal_org_id = Some(String::from("o-bbbbbbbbbb"));
    assert_eq!(
        code(&trace(&t, &r).verdict),
        Some("lattice_service_auth_denied")
    );
    // An unsigned request is anonymous: the tags it names are no principal's.
    r.principal_org_id = None;
    r.signed = false;
    assert_eq!(
        code(&trace(&t, &r).verdict),
        Some("lattice_service_auth_denied")
    );
}
