//! Refused policies (with their position) and warnings for legal but suspicious policies.

use vpcplay_core::policy::{WarningCode, lint, parse_policy};

/// Parses `text`, expecting a refusal: (stable code, JSON pointer, line, column, message).
fn refused(text: &str) -> (&'static str, String, u32, u32, String) {
    let e = parse_policy(text).expect_err(text);
    (
        e.code(),
        e.pointer.clone(),
        e.pos.line,
        e.pos.column,
        e.to_string(),
    )
}

#[test]
fn refusals_point_at_the_offending_value() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
    let rows: &[(&str, &str, &str, u32, u32, &str)] = &[
        (
            "{\"Statement\": [\n  {\"Effect\": \"Allow\", \"Action\": \"*\",}\n]}",
            "invalid_json",
            "/Statement/0",
            2,
            37,
            "invalid JSON: expected a key in double quotes, found `}`",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Alow\", \"Action\": \"*\"}}",
            "unknown_effect",
            "/Statement/Effect",
            1,
            26,
            "unknown effect `Alow`: use `Allow` or `Deny`",
        ),
        (
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Resource\": \"*\"}]}",
            "missing_element",
            "/Statement/0",
            1,
            16,
            "the statement has no `Action` or `NotAction`",
        ),
        (
            "{\"Statement\": [{\"Action\": \"*\"}]}",
            "missing_element",
            "/Statement/0",
            1,
            16,
            "the statement has no `Effect`",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"NotAction\": \"s3:*\"}}",
            "conflicting_elements",
            "/Statement/NotAction",
            1,
            50,
            "a statement may have `Action` or `NotAction`, not both",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\",\n \"Condition\": {\"StringEqual\": {\"aws:SourceVpc\": \"vpc-1\"}}}}",
            "unknown_operator",
            "/Statement/Condition/StringEqual",
            2,
            16,
            "unknown condition operator `StringEqual`",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Condition\": {\"stringequals\": {\"k\": \"v\"}}}}",
            "unknown_operator",
            "/Statement/Condition/stringequals",
            1,
            64,
            "unknown condition operator `stringequals`: did you mean `StringEquals`?",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Condition\": {\"NullIfExists\": {\"k\": \"true\"}}}}",
            "invalid_operator",
            "/Statement/Condition/NullIfExists",
            1,
            64,
            "condition operator `NullIfExists` is not allowed: `Null` already tests whether the key exists, so it takes no `IfExists`",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Condition\": {\"NumericEquals\": {\"vpc-lattice-svcs:Port\": [\"443\", \"https\"]}}}}",
            "invalid_condition_value",
            "/Statement/Condition/NumericEquals/vpc-lattice-svcs:Port/1",
            1,
            115,
            "`NumericEquals` cannot compare `https`: it expects a number",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.300/8\"}}}}",
            "invalid_condition_value",
            "/Statement/Condition/IpAddress/aws:SourceIp",
            1,
            94,
            "`IpAddress` cannot compare `10.0.0.300/8`: it expects an IP address or a CIDR block such as `203.0.113.0/24`",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"Invoke\"}}",
            "invalid_action",
            "/Statement/Action",
            1,
            45,
            "`Invoke` is not an action: write `service:action`, such as `vpc-lattice-svcs:Invoke`, or `*`",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": [], \"Resource\": \"*\"}}",
            "empty_list",
            "/Statement/Action",
            1,
            45,
            "`Action` lists nothing",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Principal\": {\"AWS\": [\"arn:aws:iam::123456789012:role/*\"]}}}",
            "invalid_principal",
            "/Statement/Principal/AWS/0",
            1,
            72,
            "`arn:aws:iam::123456789012:role/*` is not a valid principal: wildcards are not allowed in principal ARNs: use `*` with the `aws:PrincipalArn` condition key",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Principal\": {\"Users\": \"x\"}}}",
            "unknown_principal_type",
            "/Statement/Principal/Users",
            1,
            64,
            "unknown principal type `Users`: use `AWS`, `Service`, `Federated` or `CanonicalUser`",
        ),
        (
            "{\"Version\": \"2012-10-18\", \"Statement\": []}",
            "unsupported_version",
            "/Version",
            1,
            13,
            "unsupported version `2012-10-18`: use `2012-10-17`",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resources\": \"*\"}}",
            "unknown_element",
            "/Statement/Resources",
            1,
            50,
            "unknown element `Resources`",
        ),
        (
            "{\"Statement\": {\"Effect\": \"Allow\", \"Effect\": \"Deny\", \"Action\": \"*\"}}",
            "invalid_json",
            "/Statement",
            1,
            35,
            "invalid JSON: duplicate key `Effect`",
        ),
        (
            "{\"Statement\": {\"Effect\": true, \"Action\": \"*\"}}",
            "wrong_type",
            "/Statement/Effect",
            1,
            26,
            "`Effect` must be a string, not a boolean",
        ),
        (
            "[]",
            "wrong_type",
            "",
            1,
            1,
            "the policy must be an object, not an array",
        ),
        (
            "{}",
            "missing_element",
            "",
            1,
            1,
            "the policy has no `Statement`",
        ),
    ];
    let mut failures = Vec::new();
    for (text, code, pointer, line, column, message) in rows {
        let got = refused(text);
        let want = (*code, pointer.to_string(), *line, *column);
        if (got.0, got.1.clone(), got.2, got.3) != want || !got.4.ends_with(message) {
            failures.push(format!("{text}\n  got  {got:?}\n  want {want:?} {message}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hostile_input_is_refused_cheaply() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(refused(&deep).4.contains("nest more than 64 levels"));
    let huge = format!("{{\"Id\": \"{}\"}}", "x".repeat(200_000));
    assert!(refused(&huge).4.contains("the limit is 131072"));
    let pattern = format!("{}b", "*a".repeat(500));
    let policy =
        format!(r#"{{"Statement":{{"Effect":"Allow","Action":"*","Resource":"{pattern}"}}}}"#);
    assert!(parse_policy(&policy).is_ok());
}

#[test]
fn warnings_like_access_analyzer() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
    let cond = |op: &str, key: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*",
            "Condition":{{"{op}":{{"{key}":"1"}}}}}}}}"#
        )
    };
    let rows: Vec<(String, Vec<WarningCode>)> = vec![
        (cond("StringEquals", "aws:SourceVpc"), vec![]),
        (cond("StringEquals", "aws:SourceVcp"), vec![WarningCode::UnknownConditionKey]),
        (cond("StringEquals", "vpc-lattice-svcs:sourceVpc"), vec![WarningCode::UnknownConditionKey]),
        (cond("ForAnyValue:StringEquals", "aws:PrincipalOrgID"), vec![WarningCode::SetQualifierOnSingleValuedKey]),
        (cond("StringEquals", "aws:TagKeys"), vec![WarningCode::MultivaluedKeyWithoutQualifier]),
        (cond("StringEquals", "vpc-lattice-svcs:RequestQueryString/color"), vec![WarningCode::MultivaluedKeyWithoutQualifier]),
        (cond("ForAnyValue:StringEquals", "vpc-lattice-svcs:RequestQueryString/color"), vec![]),
        (cond("ForAllValues:StringEquals", "aws:TagKeys"), vec![WarningCode::ForAllValuesAllowsMissingKey]),
        (cond("NumericEquals", "aws:SourceVpc"), vec![WarningCode::OperatorTypeMismatch]),
        (cond("NumericLessThan", "vpc-lattice-svcs:Port"), vec![]),
        (cond("Null", "aws:TagKeys").replace("\"1\"", "\"false\""), vec![]),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}"#.into(),
            vec![WarningCode::AllowPublicWithoutCondition],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}}"#.into(),
            vec![],
        ),
        (
            r#"{"Statement":[{"Sid":"A","Effect":"Deny","Action":"*"},{"Sid":"A","Effect":"Deny","Action":"*","Resource":"*"}]}"#.into(),
            vec![WarningCode::MissingVersion, WarningCode::MissingResource, WarningCode::DuplicateSid],
        ),
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
        (
            r#"{"Version":"2008-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::b/${aws:username}"}}"#.into(),
            vec![WarningCode::VariableInOldVersion],
        ),
        (cond("StringEquals", "aws:SourceVpc").replace("\"1\"", "\"${aws:SourceVcp}\""), vec![WarningCode::UnknownVariable]),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (i, (text, want)) in rows.iter().enumerate() {
        let policy = parse_policy(text).unwrap();
        let got: Vec<WarningCode> = lint(&policy).iter().map(|w| w.code).collect();
        assert_eq!(&got, want, "row {i}: {text}");
        seen.extend(got.iter().map(|c| c.as_str()));
    }
    // Every warning code has a row.
    let missing: Vec<&str> = WarningCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "warning codes without a row: {missing:?}"
    );
    let w = lint(&parse_policy(&cond("StringEquals", "aws:SourceVcp")).unwrap()).remove(0);
    assert_eq!(w.pointer, "/Statement/Condition/StringEquals/aws:SourceVcp");
    assert_eq!((w.pos.line, w.pos.column), (2, 42));
    assert_eq!(
        w.to_string(),
        "line 2, column 42 (`/Statement/Condition/StringEquals/aws:SourceVcp`): unknown condition key `aws:SourceVcp`: check its spelling and case"
    );
}
