//! Every condition operator, qualifier and suffix, as tables of (policy condition, request
//! values, expected). Each table cites the documentation page its examples come from.

use vpcplay_core::policy::{Caller, Request, authorize, parse_policy};

/// Whether `"Condition": {op: {key: values}}` holds when the request has `request` for `key`
/// (`None`: the request does not have the key).
fn holds(op: &str, key: &str, values: &str, request: Option<&[&str]>) -> bool {
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Principal":"*","Action":"*",
            "Resource":"*","Condition":{{"{op}":{{"{key}":{values}}}}}}}}}"#
    );
    let policy = parse_policy(&policy).unwrap_or_else(|e| panic!("{op} {key} {values}: {e}"));
    let mut req = Request::new(Caller::Anonymous, "vpc-lattice-svcs:Invoke", "arn:aws:x");
    if let Some(v) = request {
        req.set(key, v.iter().copied());
    }
    authorize(&[policy], &req).is_allowed()
}

type Row<'a> = (&'a str, &'a str, &'a str, Option<&'a [&'a str]>, bool);

fn check(rows: &[Row<'_>]) {
    let mut failures = Vec::new();
    for (i, (op, key, values, request, want)) in rows.iter().enumerate() {
        let got = holds(op, key, values, *request);
        if got != *want {
            failures.push(format!(
                "row {i}: {op} {{{key}: {values}}} with {request:?}: got {got}, want {want}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const ABSENT: Option<&[&str]> = None;

#[test]
fn string_operators() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
    const TAG: &str = "aws:PrincipalTag/job-category";
    check(&[
        (
            "StringEquals",
            TAG,
            r#""iamuser-admin""#,
            Some(&["iamuser-admin"]),
            true,
        ),
        (
            "StringEquals",
            TAG,
            r#""iamuser-admin""#,
            Some(&["dev-ops"]),
            false,
        ),
        (
            "StringEquals",
            TAG,
            r#""iamuser-admin""#,
            Some(&["IAMUser-Admin"]),
            false,
        ),
        ("StringEquals", TAG, r#""iamuser-admin""#, ABSENT, false),
        (
            "StringEquals",
            TAG,
            r#"["dev-ops","iamuser-admin"]"#,
            Some(&["iamuser-admin"]),
            true,
        ),
        (
            "StringNotEquals",
            TAG,
            r#""iamuser-admin""#,
            Some(&["dev-ops"]),
            true,
        ),
        (
            "StringNotEquals",
            TAG,
            r#""iamuser-admin""#,
            Some(&["iamuser-admin"]),
            false,
        ),
        ("StringNotEquals", TAG, r#"["a","b"]"#, Some(&["b"]), false),
        // R-IAM-02: a negated operator holds when the key is absent.
        ("StringNotEquals", TAG, r#""iamuser-admin""#, ABSENT, true),
        (
            "StringEqualsIgnoreCase",
            TAG,
            r#""iamuser-admin""#,
            Some(&["IAMUser-Admin"]),
            true,
        ),
        (
            "StringEqualsIgnoreCase",
            TAG,
            r#""iamuser-admin""#,
            Some(&["dev-ops"]),
            false,
        ),
        (
            "StringEqualsIgnoreCase",
            TAG,
            r#""iamuser-admin""#,
            ABSENT,
            false,
        ),
        (
            "StringNotEqualsIgnoreCase",
            TAG,
            r#""iamuser-admin""#,
            Some(&["IAMUSER-ADMIN"]),
            false,
        ),
        (
            "StringNotEqualsIgnoreCase",
            TAG,
            r#""iamuser-admin""#,
            Some(&["dev-ops"]),
            true,
        ),
        (
            "StringNotEqualsIgnoreCase",
            TAG,
            r#""iamuser-admin""#,
            ABSENT,
            true,
        ),
        (
            "StringLike",
            TAG,
            r#""iamuser-*""#,
            Some(&["iamuser-admin"]),
            true,
        ),
        (
            "StringLike",
            TAG,
            r#""iamuser-?dmin""#,
            Some(&["iamuser-admin"]),
            true,
        ),
        (
            "StringLike",
            TAG,
            r#""iamuser-*""#,
            Some(&["IAMUSER-admin"]),
            false,
        ),
        ("StringLike", TAG, r#""iamuser-*""#, ABSENT, false),
        (
            "StringNotLike",
            TAG,
            r#""iamuser-*""#,
            Some(&["dev-ops"]),
            true,
        ),
        (
            "StringNotLike",
            TAG,
            r#""iamuser-*""#,
            Some(&["iamuser-x"]),
            false,
        ),
        ("StringNotLike", TAG, r#""iamuser-*""#, ABSENT, true),
    ]);
}

#[test]
fn numeric_operators() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
    // (the page's example limits `s3:max-keys` to 10); the Lattice port is numeric too:
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonvpclatticeservices.html
    const K: &str = "s3:max-keys";
    const PORT: &str = "vpc-lattice-svcs:Port";
    check(&[
        ("NumericLessThanEquals", K, r#""10""#, Some(&["10"]), true),
        ("NumericLessThanEquals", K, r#""10""#, Some(&["11"]), false),
        ("NumericLessThanEquals", K, r#""10""#, ABSENT, false),
        ("NumericLessThan", K, "10", Some(&["9.5"]), true),
        ("NumericLessThan", K, "10", Some(&["10"]), false),
        ("NumericGreaterThan", K, "10", Some(&["11"]), true),
        ("NumericGreaterThan", K, "10", Some(&["10"]), false),
        ("NumericGreaterThanEquals", K, "10", Some(&["10"]), true),
        ("NumericGreaterThanEquals", K, "10", Some(&["-3"]), false),
        (
            "NumericEquals",
            PORT,
            r#"["443","8443"]"#,
            Some(&["443"]),
            true,
        ),
        ("NumericEquals", PORT, "443", Some(&["0443"]), true),
        ("NumericEquals", PORT, "443", Some(&["80"]), false),
        ("NumericEquals", PORT, "443", Some(&["https"]), false),
        ("NumericNotEquals", PORT, "443", Some(&["80"]), true),
        ("NumericNotEquals", PORT, "443", Some(&["443"]), false),
        ("NumericNotEquals", PORT, "443", ABSENT, true),
        // A request value that is not a number satisfies neither form.
        ("NumericNotEquals", PORT, "443", Some(&["https"]), false),
    ]);
}

#[test]
fn date_operators() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
    // (the page's example compares `aws:TokenIssueTime` with `2020-01-01T00:00:01Z`).
    const K: &str = "aws:TokenIssueTime";
    const T: &str = r#""2020-01-01T00:00:01Z""#;
    check(&[
        (
            "DateGreaterThan",
            K,
            T,
            Some(&["2020-01-01T00:00:02Z"]),
            true,
        ),
        (
            "DateGreaterThan",
            K,
            T,
            Some(&["2020-01-01T00:00:01Z"]),
            false,
        ),
        ("DateGreaterThan", K, T, ABSENT, false),
        (
            "DateGreaterThanEquals",
            K,
            T,
            Some(&["2020-01-01T00:00:01Z"]),
            true,
        ),
        ("DateLessThan", K, T, Some(&["2019-12-31"]), true),
        ("DateLessThan", K, T, Some(&["2021-01-01"]), false),
        ("DateLessThanEquals", K, T, Some(&["1577836801"]), true),
        (
            "DateEquals",
            K,
            T,
            Some(&["2020-01-01T01:00:01+01:00"]),
            true,
        ),
        ("DateEquals", K, T, Some(&["2020-01-01T00:00:02Z"]), false),
        ("DateNotEquals", K, T, Some(&["2020-01-01T00:00:02Z"]), true),
        (
            "DateNotEquals",
            K,
            T,
            Some(&["2020-01-01T00:00:01Z"]),
            false,
        ),
        ("DateNotEquals", K, T, ABSENT, true),
        (
            "DateLessThan",
            "aws:CurrentTime",
            r#""2030-01-01T00:00:00Z""#,
            Some(&["not a date"]),
            false,
        ),
    ]);
}

#[test]
fn bool_and_binary_operators() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
    // The page's table: `"Bool": {"aws:SecureTransport": "false"}` does not match a request
    // without the key (R-IAM-09).
    const K: &str = "aws:SecureTransport";
    check(&[
        ("Bool", K, r#""true""#, Some(&["true"]), true),
        ("Bool", K, r#""true""#, Some(&["false"]), false),
        ("Bool", K, "true", Some(&["TRUE"]), true),
        ("Bool", K, r#""false""#, Some(&["false"]), true),
        ("Bool", K, r#""false""#, ABSENT, false),
        ("BoolIfExists", K, r#""false""#, ABSENT, true),
        ("Bool", K, r#""true""#, Some(&["yes"]), false),
    ]);
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
    check(&[
        (
            "BinaryEquals",
            "key",
            r#""QmluYXJ5VmFsdWVJbkJhc2U2NA==""#,
            Some(&["QmluYXJ5VmFsdWVJbkJhc2U2NA=="]),
            true,
        ),
        (
            "BinaryEquals",
            "key",
            r#""QmluYXJ5VmFsdWVJbkJhc2U2NA==""#,
            Some(&["b3RoZXI="]),
            false,
        ),
        (
            "BinaryEquals",
            "key",
            r#""QmluYXJ5VmFsdWVJbkJhc2U2NA==""#,
            ABSENT,
            false,
        ),
    ]);
}

#[test]
fn ip_address_operators() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
    // `aws:SourceIp` is absent when the request comes through a VPC endpoint (R-IAM-08).
    const K: &str = "aws:SourceIp";
    const MIXED: &str = r#"["203.0.113.0/24","2001:DB8:1234:5678::/64"]"#;
    check(&[
        (
            "IpAddress",
            K,
            r#""203.0.113.0/24""#,
            Some(&["203.0.113.7"]),
            true,
        ),
        (
            "IpAddress",
            K,
            r#""203.0.113.0/24""#,
            Some(&["198.51.100.7"]),
            false,
        ),
        ("IpAddress", K, r#""203.0.113.0/24""#, ABSENT, false),
        (
            "IpAddress",
            K,
            r#""203.0.113.7""#,
            Some(&["203.0.113.7"]),
            true,
        ),
        (
            "IpAddress",
            K,
            r#""203.0.113.7""#,
            Some(&["203.0.113.8"]),
            false,
        ),
        (
            "IpAddress",
            K,
            MIXED,
            Some(&["2001:db8:1234:5678::1"]),
            true,
        ),
        (
            "IpAddress",
            K,
            MIXED,
            Some(&["2001:db8:1234:5679::1"]),
            false,
        ),
        (
            "IpAddress",
            K,
            r#""203.0.113.0/24""#,
            Some(&["not an ip"]),
            false,
        ),
        (
            "NotIpAddress",
            K,
            r#""203.0.113.0/24""#,
            Some(&["198.51.100.7"]),
            true,
        ),
        (
            "NotIpAddress",
            K,
            r#""203.0.113.0/24""#,
            Some(&["203.0.113.1"]),
            false,
        ),
        ("NotIpAddress", K, r#""203.0.113.0/24""#, ABSENT, true),
    ]);
}

#[test]
fn arn_operators() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
    // ArnEquals and ArnLike behave identically (R-IAM-04).
    const K: &str = "aws:SourceArn";
    const TOPIC: &str = r#""arn:aws:sns:REGION:123456789012:TOPIC-ID""#;
    const SVC: &str = "vpc-lattice-svcs:ServiceArn";
    check(&[
        (
            "ArnEquals",
            K,
            TOPIC,
            Some(&["arn:aws:sns:REGION:123456789012:TOPIC-ID"]),
            true,
        ),
        (
            "ArnEquals",
            K,
            TOPIC,
            Some(&["arn:aws:sns:REGION:123456789012:OTHER"]),
            false,
        ),
        ("ArnEquals", K, TOPIC, ABSENT, false),
        (
            "ArnLike",
            K,
            r#""arn:aws:sns:*:123456789012:*""#,
            Some(&["arn:aws:sns:us-east-1:123456789012:t"]),
            true,
        ),
        (
            "ArnEquals",
            K,
            r#""arn:aws:sns:*:123456789012:*""#,
            Some(&["arn:aws:sns:us-east-1:123456789012:t"]),
            true,
        ),
        (
            "ArnLike",
            K,
            r#""arn:aws:sns:*:123456789012:*""#,
            Some(&["arn:aws:sqs:us-east-1:123456789012:t"]),
            false,
        ),
        (
            "ArnLike",
            SVC,
            r#""arn:aws:vpc-lattice:*:*:service/svc-0123*""#,
            Some(&["arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0"]),
            true,
        ),
        (
            "ArnLike",
            K,
            r#""arn:aws:sns:*:123456789012:*""#,
            Some(&["not-an-arn"]),
            false,
        ),
        (
            "ArnNotEquals",
            K,
            TOPIC,
            Some(&["arn:aws:sns:REGION:123456789012:OTHER"]),
            true,
        ),
        (
            "ArnNotEquals",
            K,
            TOPIC,
            Some(&["arn:aws:sns:REGION:123456789012:TOPIC-ID"]),
            false,
        ),
        (
            "ArnNotLike",
            K,
            r#""arn:aws:sns:*:*:*""#,
            Some(&["arn:aws:sqs:r:1:q"]),
            true,
        ),
        ("ArnNotLike", K, r#""arn:aws:sns:*:*:*""#, ABSENT, true),
    ]);
}

#[test]
fn null_and_if_exists() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
    const ISSUED: &str = "aws:TokenIssueTime";
    const TYPE: &str = "ec2:InstanceType";
    const TYPES: &str = r#"["t1.*","t2.*","m3.*"]"#;
    check(&[
        ("Null", ISSUED, r#""true""#, ABSENT, true),
        (
            "Null",
            ISSUED,
            r#""true""#,
            Some(&["2020-01-01T00:00:00Z"]),
            false,
        ),
        (
            "Null",
            ISSUED,
            "false",
            Some(&["2020-01-01T00:00:00Z"]),
            true,
        ),
        ("Null", ISSUED, "false", ABSENT, false),
        ("StringLikeIfExists", TYPE, TYPES, ABSENT, true),
        ("StringLikeIfExists", TYPE, TYPES, Some(&["t2.micro"]), true),
        (
            "StringLikeIfExists",
            TYPE,
            TYPES,
            Some(&["m4.large"]),
            false,
        ),
        (
            "StringEqualsIfExists",
            "aws:SourceVpc",
            r#""vpc-1""#,
            ABSENT,
            true,
        ),
        (
            "NumericLessThanIfExists",
            "vpc-lattice-svcs:Port",
            "1024",
            ABSENT,
            true,
        ),
        (
            "ArnLikeIfExists",
            "aws:SourceArn",
            r#""arn:*:*:*:*:*""#,
            Some(&["x"]),
            false,
        ),
        (
            "IpAddressIfExists",
            "aws:SourceIp",
            r#""10.0.0.0/8""#,
            ABSENT,
            true,
        ),
        (
            "StringNotEqualsIfExists",
            "aws:SourceVpc",
            r#""vpc-1""#,
            ABSENT,
            true,
        ),
    ]);
}

#[test]
fn set_qualifiers() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ForAllValues
    const TAGS: &str = "aws:TagKeys";
    const ALLOWED: &str = r#"["environment","cost-center"]"#;
    const QUERY: &str = "vpc-lattice-svcs:RequestQueryString/color";
    check(&[
        (
            "ForAllValues:StringEquals",
            TAGS,
            ALLOWED,
            Some(&["environment"]),
            true,
        ),
        (
            "ForAllValues:StringEquals",
            TAGS,
            ALLOWED,
            Some(&["environment", "cost-center"]),
            true,
        ),
        (
            "ForAllValues:StringEquals",
            TAGS,
            ALLOWED,
            Some(&["environment", "dept"]),
            false,
        ),
        // R-IAM-07: ForAllValues holds when the request has no values at all.
        ("ForAllValues:StringEquals", TAGS, ALLOWED, ABSENT, true),
        ("ForAllValues:StringEquals", TAGS, ALLOWED, Some(&[]), true),
        (
            "ForAnyValue:StringEquals",
            TAGS,
            ALLOWED,
            Some(&["environment", "dept"]),
            true,
        ),
        (
            "ForAnyValue:StringEquals",
            TAGS,
            ALLOWED,
            Some(&["dept"]),
            false,
        ),
        ("ForAnyValue:StringEquals", TAGS, ALLOWED, ABSENT, false),
        (
            "ForAllValues:StringNotEquals",
            TAGS,
            ALLOWED,
            Some(&["dept", "owner"]),
            true,
        ),
        (
            "ForAllValues:StringNotEquals",
            TAGS,
            ALLOWED,
            Some(&["dept", "environment"]),
            false,
        ),
        (
            "ForAnyValue:StringNotEquals",
            TAGS,
            ALLOWED,
            Some(&["dept", "environment"]),
            true,
        ),
        (
            "ForAnyValue:StringNotEquals",
            TAGS,
            ALLOWED,
            Some(&["environment"]),
            false,
        ),
        (
            "ForAnyValue:StringLike",
            QUERY,
            r#""bl*""#,
            Some(&["red", "blue"]),
            true,
        ),
        (
            "ForAllValues:StringLike",
            QUERY,
            r#""bl*""#,
            Some(&["red", "blue"]),
            false,
        ),
        (
            "ForAnyValue:StringEqualsIfExists",
            QUERY,
            r#""blue""#,
            ABSENT,
            true,
        ),
        (
            "ForAnyValue:NumericGreaterThan",
            "k",
            "5",
            Some(&["1", "9"]),
            true,
        ),
        (
            "ForAllValues:NumericGreaterThan",
            "k",
            "5",
            Some(&["1", "9"]),
            false,
        ),
        (
            "ForAnyValue:IpAddress",
            "k",
            r#""10.0.0.0/8""#,
            Some(&["192.0.2.1", "10.1.1.1"]),
            true,
        ),
        (
            "ForAllValues:ArnLike",
            "k",
            r#""arn:aws:iam::*:role/*""#,
            Some(&["arn:aws:iam::1:role/a", "arn:aws:iam::2:role/b"]),
            true,
        ),
        // Without a qualifier a positive operator needs one value, a negated one all.
        (
            "StringEquals",
            TAGS,
            r#""environment""#,
            Some(&["dept", "environment"]),
            true,
        ),
        (
            "StringNotEquals",
            TAGS,
            r#""environment""#,
            Some(&["dept", "environment"]),
            false,
        ),
    ]);
}

#[test]
fn keys_in_a_block_are_anded_and_aws_keys_ignore_case() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
    let policy = parse_policy(
        r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
            "StringEquals":{"aws:PrincipalTag/team":"rates","vpc-lattice-svcs:RequestMethod":["GET","HEAD"]},
            "IpAddress":{"AWS:SOURCEIP":"10.0.0.0/8"}}}}"#,
    )
    .unwrap();
    let base = Request::new(Caller::Anonymous, "a:b", "r")
        .with("aws:principaltag/TEAM", ["rates"])
        .with("aws:SourceIp", ["10.1.2.3"]);
    let ok = base
        .clone()
        .with("vpc-lattice-svcs:RequestMethod", ["HEAD"]);
    assert!(authorize(std::slice::from_ref(&policy), &ok).is_allowed());
    let bad_method = base
        .clone()
        .with("vpc-lattice-svcs:RequestMethod", ["POST"]);
    assert!(!authorize(std::slice::from_ref(&policy), &bad_method).is_allowed());
    // Lattice keys are case-sensitive (R-AUTH-08).
    let wrong_case = base.with("vpc-lattice-svcs:requestmethod", ["GET"]);
    assert!(!authorize(&[policy], &wrong_case).is_allowed());
}
