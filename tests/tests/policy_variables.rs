//! Policy variables in `Resource`, `NotResource` and the values of string and ARN conditions,
//! as tables of (policy version, statement, request, expected).
//!
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html: variables
//! are replaced only in `"Version": "2012-10-17"` policies; "If there is no value for a
//! variable, ... then that element fails to match"; a default is written
//! `${aws:PrincipalTag/team, 'company-wide'}`; `${*}`, `${?}` and `${$}` stand for a literal `*`,
//! `?` and `$`.

use vpcplay_core::policy::{Caller, Request, WarningCode, authorize, lint, parse_policy};

const ALICE: &str = "arn:aws:iam::123456789012:user/alice";
const BUCKET: &str = "arn:aws:s3:::home";

const V2012: Option<&str> = Some("2012-10-17");
const V2008: Option<&str> = Some("2008-10-17");
const NONE: Option<&str> = None;

/// A request from `ALICE` for `s3:GetObject` on `resource`, with these principal tags.
fn request(resource: &str, tags: &[(&str, &str)]) -> Request {
    let mut r = Request::new(Caller::Principal(ALICE.into()), "s3:GetObject", resource);
    for (k, v) in tags {
        r.set(format!("aws:PrincipalTag/{k}"), [*v]);
    }
    r
}

/// Whether an `Allow` statement with `body` (everything but `Effect`) allows `request`.
fn allows(version: Option<&str>, body: &str, request: &Request) -> bool {
    let version = version.map_or(String::new(), |v| format!(r#""Version":"{v}","#));
    let policy = format!(r#"{{{version}"Statement":{{"Effect":"Allow",{body}}}}}"#);
    let policy = parse_policy(&policy).unwrap_or_else(|e| panic!("{policy}: {e}"));
    authorize(&[policy], request).is_allowed()
}

type Row<'a> = (Option<&'a str>, String, Request, bool);

fn check(rows: &[Row<'_>]) {
    let failures: Vec<String> = rows
        .iter()
        .enumerate()
        .filter(|(_, (v, body, r, want))| allows(*v, body, r) != *want)
        .map(|(i, (v, body, r, want))| {
            format!(
                "row {i}: {v:?} {body} for {} on {}: want {want}",
                r.caller(),
                r.resource()
            )
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn resource(pattern: &str) -> String {
    format!(r#""Action":"s3:*","Resource":"{pattern}""#)
}

fn not_resource(pattern: &str) -> String {
    format!(r#""Action":"s3:*","NotResource":"{pattern}""#)
}

fn condition(op: &str, key: &str, values: &str) -> String {
    format!(r#""Action":"s3:*","Resource":"*","Condition":{{"{op}":{{"{key}":{values}}}}}"#)
}

#[test]
fn variables_are_replaced_in_resource_only_in_2012_10_17_policies() {
    let home = format!("{BUCKET}/${{aws:username}}/*");
    check(&[
        (
            V2012,
            resource(&home),
            request(&format!("{BUCKET}/alice/a"), &[]),
            true,
        ),
        (
            V2012,
            resource(&home),
            request(&format!("{BUCKET}/bob/a"), &[]),
            false,
        ),
        // The key's name ignores case, as every `aws:` key does.
        (
            V2012,
            resource(&format!("{BUCKET}/${{AWS:UserName}}/*")),
            request(&format!("{BUCKET}/alice/a"), &[]),
            true,
        ),
        // In 2008-10-17 and versionless policies the text is literal.
        (
            V2008,
            resource(&home),
            request(&format!("{BUCKET}/alice/a"), &[]),
            false,
        ),
        (
            NONE,
            resource(&home),
            request(&format!("{BUCKET}/alice/a"), &[]),
            false,
        ),
        (
            V2008,
            resource(&home),
            request(&format!("{BUCKET}/${{aws:username}}/a"), &[]),
            true,
        ),
        // NotResource: every resource but alice's own folder.
        (
            V2012,
            not_resource(&home),
            request(&format!("{BUCKET}/alice/a"), &[]),
            false,
        ),
        (
            V2012,
            not_resource(&home),
            request(&format!("{BUCKET}/bob/a"), &[]),
            true,
        ),
        // Any key the request carries may be a variable.
        (
            V2012,
            resource(&format!("{BUCKET}/${{s3:prefix}}/*")),
            request(&format!("{BUCKET}/reports/a"), &[]).with("s3:prefix", ["reports"]),
            true,
        ),
    ]);
}

#[test]
fn principal_tags_defaults_and_missing_keys() {
    let team = format!("{BUCKET}/${{aws:PrincipalTag/team}}/*");
    let shared = format!("{BUCKET}/${{aws:PrincipalTag/team, 'shared'}}/*");
    check(&[
        (
            V2012,
            resource(&team),
            request(&format!("{BUCKET}/orders/a"), &[("team", "orders")]),
            true,
        ),
        (
            V2012,
            resource(&team),
            request(&format!("{BUCKET}/billing/a"), &[("team", "orders")]),
            false,
        ),
        // No tag and no default: the pattern matches nothing, not even its own text.
        (
            V2012,
            resource(&team),
            request(&format!("{BUCKET}/orders/a"), &[]),
            false,
        ),
        (
            V2012,
            resource(&team),
            request(&team.replace('*', "a"), &[]),
            false,
        ),
        (
            V2012,
            resource(&team),
            request(&format!("{BUCKET}//a"), &[]),
            false,
        ),
        // The default stands in for a missing tag, and only then.
        (
            V2012,
            resource(&shared),
            request(&format!("{BUCKET}/shared/a"), &[]),
            true,
        ),
        (
            V2012,
            resource(&shared),
            request(&format!("{BUCKET}/shared/a"), &[("team", "orders")]),
            false,
        ),
        (
            V2012,
            resource(&shared),
            request(&format!("{BUCKET}/orders/a"), &[("team", "orders")]),
            true,
        ),
        // A pattern that does not match leaves the others of the element to match.
        (
            V2012,
            format!(r#""Action":"s3:*","Resource":["{team}","{BUCKET}/public/*"]"#),
            request(&format!("{BUCKET}/public/a"), &[]),
            true,
        ),
        // A substituted value is text: a `*` in a tag is not a wildcard.
        (
            V2012,
            resource(&team),
            request(&format!("{BUCKET}/orders/a"), &[("team", "*")]),
            false,
        ),
        (
            V2012,
            resource(&team),
            request(&format!("{BUCKET}/*/a"), &[("team", "*")]),
            true,
        ),
    ]);
}

#[test]
fn escapes_stand_for_literal_characters_and_never_act_as_wildcards() {
    let star = format!("{BUCKET}/${{*}}");
    let one = format!("{BUCKET}/a${{?}}");
    let dollar = format!("{BUCKET}/${{$}}{{x}}");
    check(&[
        (
            V2012,
            resource(&star),
            request(&format!("{BUCKET}/*"), &[]),
            true,
        ),
        (
            V2012,
            resource(&star),
            request(&format!("{BUCKET}/x"), &[]),
            false,
        ),
        (
            V2012,
            resource(&one),
            request(&format!("{BUCKET}/a?"), &[]),
            true,
        ),
        (
            V2012,
            resource(&one),
            request(&format!("{BUCKET}/ab"), &[]),
            false,
        ),
        (
            V2012,
            resource(&dollar),
            request(&format!("{BUCKET}/${{x}}"), &[]),
            true,
        ),
        // In a 2008-10-17 policy `${*}` is the text itself, whose `*` is a wildcard.
        (
            V2008,
            resource(&star),
            request(&format!("{BUCKET}/${{x}}"), &[]),
            true,
        ),
        (
            V2012,
            condition("StringLike", "aws:PrincipalTag/p", r#""a${*}""#),
            request(BUCKET, &[("p", "a*")]),
            true,
        ),
        (
            V2012,
            condition("StringLike", "aws:PrincipalTag/p", r#""a${*}""#),
            request(BUCKET, &[("p", "ab")]),
            false,
        ),
        (
            V2012,
            condition("ArnLike", "aws:SourceArn", r#""arn:aws:s3:::b${*}""#),
            request(BUCKET, &[]).with("aws:SourceArn", ["arn:aws:s3:::bx"]),
            false,
        ),
        (
            V2012,
            condition("ArnLike", "aws:SourceArn", r#""arn:aws:s3:::b${*}""#),
            request(BUCKET, &[]).with("aws:SourceArn", ["arn:aws:s3:::b*"]),
            true,
        ),
    ]);
}

#[test]
fn variables_in_string_and_arn_condition_values() {
    check(&[
        (
            V2012,
            condition(
                "StringEquals",
                "aws:PrincipalTag/owner",
                r#""${aws:username}""#,
            ),
            request(BUCKET, &[("owner", "alice")]),
            true,
        ),
        (
            V2012,
            condition(
                "StringEquals",
                "aws:PrincipalTag/owner",
                r#""${aws:username}""#,
            ),
            request(BUCKET, &[("owner", "bob")]),
            false,
        ),
        (
            V2008,
            condition(
                "StringEquals",
                "aws:PrincipalTag/owner",
                r#""${aws:username}""#,
            ),
            request(BUCKET, &[("owner", "${aws:username}")]),
            true,
        ),
        (
            V2012,
            condition(
                "StringEqualsIgnoreCase",
                "aws:PrincipalTag/owner",
                r#""${aws:username}""#,
            ),
            request(BUCKET, &[("owner", "ALICE")]),
            true,
        ),
        (
            V2012,
            condition(
                "StringLike",
                "aws:PrincipalTag/project",
                r#""${aws:PrincipalTag/team}-*""#,
            ),
            request(BUCKET, &[("team", "orders"), ("project", "orders-2024")]),
            true,
        ),
        (
            V2012,
            condition(
                "StringLike",
                "aws:PrincipalTag/project",
                r#""${aws:PrincipalTag/team}-*""#,
            ),
            request(BUCKET, &[("team", "orders"), ("project", "billing-2024")]),
            false,
        ),
        // A missing variable skips its value; the other values still count.
        (
            V2012,
            condition(
                "StringEquals",
                "aws:PrincipalTag/owner",
                r#"["${aws:PrincipalTag/lead}", "carol"]"#,
            ),
            request(BUCKET, &[("owner", "carol")]),
            true,
        ),
        (
            V2012,
            condition(
                "StringEquals",
                "aws:PrincipalTag/owner",
                r#""${aws:PrincipalTag/lead}""#,
            ),
            request(BUCKET, &[("owner", "")]),
            false,
        ),
        // A value that never matches leaves a negated operator true.
        (
            V2012,
            condition(
                "StringNotEquals",
                "aws:PrincipalTag/owner",
                r#""${aws:PrincipalTag/lead}""#,
            ),
            request(BUCKET, &[("owner", "carol")]),
            true,
        ),
        (
            V2012,
            condition(
                "StringEquals",
                "aws:PrincipalTag/owner",
                r#""${aws:PrincipalTag/lead, 'carol'}""#,
            ),
            request(BUCKET, &[("owner", "carol")]),
            true,
        ),
        (
            V2012,
            condition(
                "ArnLike",
                "aws:SourceArn",
                r#""arn:aws:vpc-lattice:*:${aws:PrincipalAccount}:service/*""#,
            ),
            request(BUCKET, &[]).with(
                "aws:SourceArn",
                ["arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-1"],
            ),
            true,
        ),
        (
            V2012,
            condition(
                "ArnLike",
                "aws:SourceArn",
                r#""arn:aws:vpc-lattice:*:${aws:PrincipalAccount}:service/*""#,
            ),
            request(BUCKET, &[]).with(
                "aws:SourceArn",
                ["arn:aws:vpc-lattice:us-west-2:444455556666:service/svc-1"],
            ),
            false,
        ),
    ]);
}

#[test]
fn the_lint_flags_variables_that_will_not_be_replaced() {
    let codes = |text: &str| -> Vec<WarningCode> {
        lint(&parse_policy(text).unwrap())
            .iter()
            .map(|w| w.code)
            .collect()
    };
    let policy = |version: &str, resource: &str| {
        format!(
            r#"{{{version}"Statement":{{"Effect":"Allow","Action":"s3:*","Resource":"{resource}"}}}}"#
        )
    };
    let v2012 = r#""Version":"2012-10-17","#;
    let v2008 = r#""Version":"2008-10-17","#;
    assert_eq!(
        codes(&policy(v2012, "arn:aws:s3:::b/${aws:username}/*")),
        vec![]
    );
    assert_eq!(
        codes(&policy(v2008, "arn:aws:s3:::b/${aws:username}/*")),
        vec![WarningCode::VariableInOldVersion]
    );
    assert_eq!(
        codes(&policy("", "arn:aws:s3:::b/${aws:username}/*")),
        vec![
            WarningCode::MissingVersion,
            WarningCode::VariableInOldVersion
        ]
    );
    assert_eq!(
        codes(&policy(v2012, "arn:aws:s3:::b/${aws:usrname}/*")),
        vec![WarningCode::UnknownVariable]
    );
    // Escapes and defaults are not unknown keys.
    assert_eq!(
        codes(&policy(
            v2012,
            "arn:aws:s3:::b/${*}/${aws:PrincipalTag/team, 'shared'}"
        )),
        vec![]
    );
    let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*",
        "Condition":{"StringEquals":{"aws:PrincipalTag/owner":"${aws:user-name}"}}}}"#;
    let warnings = lint(&parse_policy(text).unwrap());
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, WarningCode::UnknownVariable);
    assert_eq!(
        warnings[0].pointer,
        "/Statement/Condition/StringEquals/aws:PrincipalTag~1owner"
    );
    assert_eq!(
        warnings[0].message,
        "unknown policy variable `${aws:user-name}`: check its spelling and case"
    );
}
