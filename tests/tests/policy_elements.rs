//! Principal, Action and Resource (and their `Not` forms), the evaluation order, and the VPC
//! Lattice auth policy examples, as tables of (policy, request, expected decision).

use vpcplay_core::policy::{
    Caller, DecisionKind, Miss, Request, WhyNot, authorize, explain, parse_policy,
};

const ROLE: &str = "arn:aws:iam::123456789012:role/rates-client";
const SESSION: &str = "arn:aws:sts::123456789012:assumed-role/rates-client/i-0abc";
const OTHER: &str = "arn:aws:iam::444455556666:user/mallory";
const SVC: &str = "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0";

fn caller(who: &str) -> Caller {
    if who == "anonymous" {
        Caller::Anonymous
    } else {
        Caller::Principal(who.into())
    }
}

/// Evaluates one statement (without `Effect`, which is `Allow`) for a request.
fn applies(statement: &str, who: &str, action: &str, resource: &str) -> bool {
    let policy =
        format!(r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow",{statement}}}}}"#);
    let policy = parse_policy(&policy).unwrap_or_else(|e| panic!("{statement}: {e}"));
    authorize(&[policy], &Request::new(caller(who), action, resource)).is_allowed()
}

type Row<'a> = (&'a str, &'a str, &'a str, &'a str, bool);

fn check(rows: &[Row<'_>]) {
    let failures: Vec<String> = rows
        .iter()
        .enumerate()
        .filter(|(_, (st, who, action, resource, want))| {
            applies(st, who, action, resource) != *want
        })
        .map(|(i, (st, who, action, resource, want))| {
            format!("row {i}: {st} for {who} {action} {resource}: want {want}")
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn principal_element() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
    // https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html (R-AUTH-07: `*`
    // also matches anonymous callers).
    const A: &str = r#""Action":"*","Resource":"*""#;
    let p = |principal: &str| format!(r#""Principal":{principal},{A}"#);
    let np = |principal: &str| format!(r#""NotPrincipal":{principal},{A}"#);
    let rows: Vec<(String, &str, bool)> = vec![
        (p(r#""*""#), "anonymous", true),
        (p(r#""*""#), ROLE, true),
        (p(r#"{"AWS":"*"}"#), "anonymous", true),
        (p(r#"{"AWS":"123456789012"}"#), ROLE, true),
        (p(r#"{"AWS":"123456789012"}"#), OTHER, false),
        (p(r#"{"AWS":"123456789012"}"#), "anonymous", false),
        (
            p(r#"{"AWS":"arn:aws:iam::123456789012:root"}"#),
            SESSION,
            true,
        ),
        (p(&format!(r#"{{"AWS":["{ROLE}"]}}"#)), ROLE, true),
        (p(&format!(r#"{{"AWS":"{ROLE}"}}"#)), SESSION, true),
        (
            p(&format!(r#"{{"AWS":"{ROLE}"}}"#)),
            "arn:aws:sts::123456789012:assumed-role/other/s",
            false,
        ),
        (
            p(&format!(r#"{{"AWS":["{OTHER}","{ROLE}"]}}"#)),
            OTHER,
            true,
        ),
        (p(&format!(r#"{{"AWS":"{ROLE}"}}"#)), "anonymous", false),
        (
            p(r#"{"Service":"vpc-lattice.amazonaws.com"}"#),
            "vpc-lattice.amazonaws.com",
            true,
        ),
        (p(r#"{"Service":"vpc-lattice.amazonaws.com"}"#), ROLE, false),
        (
            p(r#"{"Federated":"cognito-identity.amazonaws.com"}"#),
            "cognito-identity.amazonaws.com",
            true,
        ),
        (
            p(
                r#"{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}"#,
            ),
            ROLE,
            false,
        ),
        (np(&format!(r#"{{"AWS":"{OTHER}"}}"#)), ROLE, true),
        (np(&format!(r#"{{"AWS":"{OTHER}"}}"#)), OTHER, false),
        (np(&format!(r#"{{"AWS":"{OTHER}"}}"#)), "anonymous", true),
        // No Principal element: an identity policy, which applies to its own identity.
        (A.into(), OTHER, true),
    ];
    let rows: Vec<Row<'_>> = rows
        .iter()
        .map(|(st, who, want)| (st.as_str(), *who, "vpc-lattice-svcs:Invoke", SVC, *want))
        .collect();
    check(&rows);
}

#[test]
fn not_principal_exempts_only_the_principals_it_names() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html:
    // an account ARN in `NotPrincipal` exempts the account principal, not the users and roles
    // in it, and a role ARN does not exempt the role's sessions, which must be named by their
    // assumed-role ARN. A row is true when the statement applies (its `Deny` would stop the call).
    const A: &str = r#""Action":"*","Resource":"*""#;
    let np = |principal: &str| format!(r#""NotPrincipal":{principal},{A}"#);
    const ROOT: &str = "arn:aws:iam::123456789012:root";
    let rows: Vec<(String, &str, bool)> = vec![
        // The account itself is exempt, by id or by root ARN.
        (np(r#"{"AWS":"123456789012"}"#), ROOT, false),
        (np(&format!(r#"{{"AWS":"{ROOT}"}}"#)), ROOT, false),
        // Its roles, users and sessions are not.
        (np(r#"{"AWS":"123456789012"}"#), ROLE, true),
        (np(&format!(r#"{{"AWS":"{ROOT}"}}"#)), SESSION, true),
        (
            np(&format!(r#"{{"AWS":"{ROOT}"}}"#)),
            "arn:aws:iam::123456789012:user/bob",
            true,
        ),
        // A role ARN exempts the role, not a session of it.
        (np(&format!(r#"{{"AWS":"{ROLE}"}}"#)), ROLE, false),
        (np(&format!(r#"{{"AWS":"{ROLE}"}}"#)), SESSION, true),
        // The session named exactly is exempt; another session of the same role is not.
        (
            np(&format!(r#"{{"AWS":["{SESSION}","{ROOT}"]}}"#)),
            SESSION,
            false,
        ),
        (
            np(&format!(r#"{{"AWS":["{SESSION}","{ROOT}"]}}"#)),
            "arn:aws:sts::123456789012:assumed-role/rates-client/i-0def",
            true,
        ),
        (np(r#"{"AWS":"123456789012"}"#), OTHER, true),
        (np(r#"{"AWS":"123456789012"}"#), "anonymous", true),
    ];
    let rows: Vec<Row<'_>> = rows
        .iter()
        .map(|(st, who, want)| (st.as_str(), *who, "vpc-lattice-svcs:Invoke", SVC, *want))
        .collect();
    check(&rows);
}

#[test]
fn action_element() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
    const R: &str = r#""Resource":"*""#;
    let rows = [
        (
            r#""Action":"vpc-lattice-svcs:Invoke","Resource":"*""#,
            "vpc-lattice-svcs:Invoke",
            true,
        ),
        (
            r#""Action":"VPC-Lattice-Svcs:invoke","Resource":"*""#,
            "vpc-lattice-svcs:Invoke",
            true,
        ),
        (
            r#""Action":"vpc-lattice-svcs:*","Resource":"*""#,
            "vpc-lattice-svcs:Connect",
            true,
        ),
        (
            r#""Action":"vpc-lattice-svcs:Conn?ct","Resource":"*""#,
            "vpc-lattice-svcs:Connect",
            true,
        ),
        (
            r#""Action":["s3:GetObject","vpc-lattice-svcs:Connect"],"Resource":"*""#,
            "vpc-lattice-svcs:Invoke",
            false,
        ),
        (r#""Action":"*","Resource":"*""#, "s3:GetObject", true),
        (
            r#""Action":"iam:*AccessKey*","Resource":"*""#,
            "iam:CreateAccessKey",
            true,
        ),
        (
            r#""NotAction":"vpc-lattice-svcs:Connect","Resource":"*""#,
            "vpc-lattice-svcs:Invoke",
            true,
        ),
        (
            r#""NotAction":"vpc-lattice-svcs:*","Resource":"*""#,
            "vpc-lattice-svcs:Invoke",
            false,
        ),
    ];
    let rows: Vec<Row<'_>> = rows
        .iter()
        .map(|(st, action, want)| (*st, ROLE, *action, SVC, *want))
        .collect();
    check(&rows);
    let _ = R;
}

#[test]
fn resource_element() {
    // https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html#auth-policies-resource-format
    // (R-AUTH-09: `<service ARN>/<path>`, `*/rates`, `*/*`).
    const A: &str = r#""Action":"vpc-lattice-svcs:Invoke""#;
    let rates = format!("{SVC}/rates");
    let r = |resource: &str| format!(r#"{A},"Resource":{resource}"#);
    let rows: Vec<(String, &str, bool)> = vec![
        (r(r#""*""#), &rates, true),
        (r(&format!(r#""{SVC}/*""#)), &rates, true),
        (r(&format!(r#""{SVC}/*""#)), SVC, false),
        (r(&format!(r#""{SVC}""#)), SVC, true),
        (r(r#""*/rates""#), &rates, true),
        (
            r(r#""*/rates""#),
            "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-1/payments",
            false,
        ),
        (r(r#""*/*""#), &rates, true),
        (
            r(
                r#""arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0/RATES""#,
            ),
            &rates,
            false,
        ),
        (r(r#"["*/payments","*/rates"]"#), &rates, true),
        (format!(r#"{A},"NotResource":"*/admin""#), &rates, true),
        (format!(r#"{A},"NotResource":"*/rates""#), &rates, false),
    ];
    let rows: Vec<Row<'_>> = rows
        .iter()
        .map(|(st, resource, want)| {
            (
                st.as_str(),
                ROLE,
                "vpc-lattice-svcs:Invoke",
                *resource,
                *want,
            )
        })
        .collect();
    check(&rows);
}

fn decide(policies: &[&str], request: &Request) -> DecisionKind {
    let parsed: Vec<_> = policies.iter().map(|p| parse_policy(p).unwrap()).collect();
    authorize(&parsed, request).kind
}

#[test]
fn explicit_deny_beats_allow_beats_implicit_deny() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
    // (R-IAM-01) and R-IAM-05: a Deny with `StringNotEqualsIfExists` still denies when the key
    // is absent.
    const ALLOW: &str =
        r#"{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}"#;
    const DENY_POST: &str = r#"{"Statement":{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*",
        "Condition":{"StringEquals":{"vpc-lattice-svcs:RequestMethod":"POST"}}}}"#;
    const DENY_OUTSIDE: &str = r#"{"Statement":{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*",
        "Condition":{"StringNotEqualsIfExists":{"aws:SourceVpc":"vpc-abc123"}}}}"#;
    let get = Request::new(caller(ROLE), "vpc-lattice-svcs:Invoke", SVC)
        .with("vpc-lattice-svcs:RequestMethod", ["GET"]);
    let post = get.clone().with("vpc-lattice-svcs:RequestMethod", ["POST"]);
    let outside = get.clone().with("aws:SourceVpc", ["vpc-other"]);
    let inside = get.clone().with("aws:SourceVpc", ["vpc-abc123"]);
    let rows: [(&[&str], &Request, DecisionKind); 8] = [
        (&[ALLOW], &get, DecisionKind::Allow),
        (&[ALLOW, DENY_POST], &get, DecisionKind::Allow),
        (&[ALLOW, DENY_POST], &post, DecisionKind::ExplicitDeny),
        (&[DENY_POST], &get, DecisionKind::ImplicitDeny),
        (&[], &get, DecisionKind::ImplicitDeny),
        (&[ALLOW, DENY_OUTSIDE], &inside, DecisionKind::Allow),
        (&[ALLOW, DENY_OUTSIDE], &get, DecisionKind::ExplicitDeny),
        (&[ALLOW, DENY_OUTSIDE], &outside, DecisionKind::ExplicitDeny),
    ];
    for (i, (policies, request, want)) in rows.iter().enumerate() {
        assert_eq!(decide(policies, request), *want, "row {i}");
    }
}

#[test]
fn lattice_auth_policy_examples() {
    // https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html#example-auth-policies
    // Example 1: principals of one organization.
    const ORG: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
        "Action":"vpc-lattice-svcs:Invoke","Resource":"*",
        "Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-123456example"]}}}]}"#;
    // Example 2: one IAM role, one service.
    let role = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":["{ROLE}"]}},
        "Action":"vpc-lattice-svcs:Invoke","Resource":["{SVC}/*"]}}]}}"#
    );
    // Example 3: authenticated principals from one VPC (R-AUTH-07).
    const VPC: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
        "Action":"vpc-lattice-svcs:Invoke","Resource":"*",
        "Condition":{"StringNotEquals":{"aws:PrincipalType":"Anonymous"},
                     "StringEquals":{"vpc-lattice-svcs:SourceVpc":"vpc-abc123"}}}]}"#;
    let rates = format!("{SVC}/rates");
    let signed = |who: &str| Request::new(caller(who), "vpc-lattice-svcs:Invoke", &rates);
    let anonymous = Request::new(Caller::Anonymous, "vpc-lattice-svcs:Invoke", &rates);
    let rows: Vec<(&str, Request, DecisionKind)> = vec![
        (
            ORG,
            signed(ROLE).with("aws:PrincipalOrgID", ["o-123456example"]),
            DecisionKind::Allow,
        ),
        (
            ORG,
            signed(ROLE).with("aws:PrincipalOrgID", ["o-other"]),
            DecisionKind::ImplicitDeny,
        ),
        (ORG, anonymous.clone(), DecisionKind::ImplicitDeny),
        (&role, signed(ROLE), DecisionKind::Allow),
        (&role, signed(SESSION), DecisionKind::Allow),
        (&role, signed(OTHER), DecisionKind::ImplicitDeny),
        (
            &role,
            Request::new(
                caller(ROLE),
                "vpc-lattice-svcs:Invoke",
                "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-other/rates",
            ),
            DecisionKind::ImplicitDeny,
        ),
        (
            VPC,
            signed(ROLE).with("vpc-lattice-svcs:SourceVpc", ["vpc-abc123"]),
            DecisionKind::Allow,
        ),
        (
            VPC,
            anonymous
                .clone()
                .with("vpc-lattice-svcs:SourceVpc", ["vpc-abc123"]),
            DecisionKind::ImplicitDeny,
        ),
        (
            VPC,
            signed(ROLE).with("vpc-lattice-svcs:SourceVpc", ["vpc-zzz"]),
            DecisionKind::ImplicitDeny,
        ),
    ];
    for (i, (policy, request, want)) in rows.iter().enumerate() {
        assert_eq!(decide(&[policy], request), *want, "row {i}");
    }
}

#[test]
fn the_explanation_names_the_element_that_did_not_match() {
    const POLICY: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"Role","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/rates-client"},"Action":"*","Resource":"*"},
        {"Sid":"Connect","Effect":"Allow","Principal":"*","Action":"vpc-lattice-svcs:Connect","Resource":"*"},
        {"Sid":"Rates","Effect":"Allow","Principal":"*","Action":"*","Resource":"*/rates"},
        {"Sid":"Get","Effect":"Allow","Principal":"*","Action":"*","Resource":"*",
         "Condition":{"StringEquals":{"vpc-lattice-svcs:RequestMethod":["GET","HEAD"]}}}]}"#;
    let policies = [parse_policy(POLICY).unwrap()];
    let request = Request::new(
        caller(OTHER),
        "vpc-lattice-svcs:Invoke",
        &format!("{SVC}/payments"),
    )
    .with("vpc-lattice-svcs:RequestMethod", ["POST"]);
    let decision = authorize(&policies, &request);
    assert_eq!(decision.kind, DecisionKind::ImplicitDeny);
    let misses: Vec<_> = decision.outcomes.iter().map(|o| o.miss).collect();
    assert_eq!(
        misses,
        [
            Some(Miss::Principal),
            Some(Miss::Action),
            Some(Miss::Resource),
            Some(Miss::Condition { index: 0 })
        ]
    );
    let e = explain(&policies, &request, &decision);
    let messages: Vec<&str> = e.statements.iter().map(|s| s.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "principal `arn:aws:iam::444455556666:user/mallory` is not among `arn:aws:iam::123456789012:role/rates-client`",
            "action `vpc-lattice-svcs:Invoke` is not among `vpc-lattice-svcs:Connect`",
            "resource `arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0/payments` is not among `*/rates`",
            "condition `StringEquals` on `vpc-lattice-svcs:RequestMethod` with `GET` or `HEAD` does not hold for the request's `POST`",
        ]
    );
    let Some(WhyNot::Condition { pointer, pos, .. }) = &e.statements[3].why_not else {
        panic!("a condition")
    };
    assert_eq!(
        pointer,
        "/Statement/3/Condition/StringEquals/vpc-lattice-svcs:RequestMethod"
    );
    assert_eq!((pos.line, pos.column), (6, 39));
    assert_eq!(e.statements[0].statement.sid.as_deref(), Some("Role"));
    assert_eq!(
        e.to_string().lines().next(),
        Some(
            "implicit_deny: implicitly denied: no statement allows `vpc-lattice-svcs:Invoke` on `arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0/payments` for `arn:aws:iam::444455556666:user/mallory`"
        )
    );
}
