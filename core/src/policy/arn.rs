//! Amazon Resource Names, as far as policies need them: the six colon-separated components,
//! component-wise wildcard matching for the `Arn*` condition operators, and what an IAM
//! principal ARN says about its account and kind.

use super::wildcard;

/// The six components of an ARN: `arn:partition:service:region:account:resource`. The
/// resource may itself hold colons and slashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArnParts<'a> {
    /// Always `arn` for a well-formed ARN (kept so that `ArnLike` can match it like the rest).
    pub scheme: &'a str,
    /// `aws`, `aws-cn`, `aws-us-gov`, …
    pub partition: &'a str,
    /// The service namespace: `iam`, `vpc-lattice`, `s3`, …
    pub service: &'a str,
    /// The Region, empty for global services.
    pub region: &'a str,
    /// The 12-digit account id, empty for some services.
    pub account: &'a str,
    /// Everything after the fifth colon.
    pub resource: &'a str,
}

impl<'a> ArnParts<'a> {
    /// Splits `text` into its six components, or `None` if it has fewer than five colons.
    pub fn split(text: &'a str) -> Option<Self> {
        let mut it = text.splitn(6, ':');
        Some(Self {
            scheme: it.next()?,
            partition: it.next()?,
            service: it.next()?,
            region: it.next()?,
            account: it.next()?,
            resource: it.next()?,
        })
    }

    /// The components in order.
    pub fn components(&self) -> [&'a str; 6] {
        [
            self.scheme,
            self.partition,
            self.service,
            self.region,
            self.account,
            self.resource,
        ]
    }
}

/// `ArnLike` / `ArnEquals`: each of the six components is matched on its own, case-sensitively,
/// with `*` and `?` wildcards (R-IAM-04). A value that is not an ARN matches nothing.
pub fn arn_like(pattern: &str, value: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let (Some(p), Some(v)) = (ArnParts::split(pattern), ArnParts::split(value)) else {
        return false;
    };
    p.components()
        .iter()
        .zip(v.components().iter())
        .all(|(p, v)| wildcard::matches(p, v))
}

/// Whether `text` is a 12-digit AWS account id.
pub(crate) fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// What kind of caller a principal ARN names, in the words of `aws:PrincipalType`.
pub(crate) fn principal_type(arn: &str) -> Option<&'static str> {
    let parts = ArnParts::split(arn)?;
    let r = parts.resource;
    if parts.service == "iam" && r == "root" {
        Some("Account")
    } else if parts.service == "iam" && r.starts_with("user/") {
        Some("User")
    } else if (parts.service == "sts" && r.starts_with("assumed-role/"))
        || (parts.service == "iam" && r.starts_with("role/"))
    {
        Some("AssumedRole")
    } else if parts.service == "sts" && r.starts_with("federated-user/") {
        Some("FederatedUser")
    } else {
        None
    }
}

/// For an assumed-role session ARN (`arn:aws:sts::111122223333:assumed-role/Name/session`),
/// the role's ARN (`arn:aws:iam::111122223333:role/Name`), which is what a policy names.
pub(crate) fn role_of_session(arn: &str) -> Option<alloc::string::String> {
    let parts = ArnParts::split(arn)?;
    if parts.service != "sts" {
        return None;
    }
    let rest = parts.resource.strip_prefix("assumed-role/")?;
    let (role, _session) = rest.rsplit_once('/')?;
    Some(alloc::format!(
        "arn:{}:iam::{}:role/{role}",
        parts.partition,
        parts.account
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arn_like_matches_component_by_component() {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
        let cases = [
            (
                "arn:aws:sns:REGION:123456789012:TOPIC-ID",
                "arn:aws:sns:REGION:123456789012:TOPIC-ID",
                true,
            ),
            (
                "arn:aws:sns:*:123456789012:*",
                "arn:aws:sns:us-east-1:123456789012:t",
                true,
            ),
            (
                "arn:aws:sns:*:123456789012:*",
                "arn:aws:sns:us-east-1:999999999999:t",
                false,
            ),
            // A `*` never spans a colon between components.
            ("arn:aws:*", "arn:aws:sns:us-east-1:123456789012:t", false),
            (
                "arn:aws:iam::*:role/*",
                "arn:aws:iam::123456789012:role/a/b",
                true,
            ),
            ("arn:aws:iam::*:role/*", "not an arn", false),
            ("arn:aws:IAM::*:*", "arn:aws:iam::1:root", false),
        ];
        for (p, v, want) in cases {
            assert_eq!(arn_like(p, v), want, "{p} vs {v}");
        }
    }

    #[test]
    fn principals() {
        assert_eq!(
            principal_type("arn:aws:iam::123456789012:root"),
            Some("Account")
        );
        assert_eq!(
            principal_type("arn:aws:iam::123456789012:user/a"),
            Some("User")
        );
        assert_eq!(
            role_of_session("arn:aws:sts::123456789012:assumed-role/app/i-1").as_deref(),
            Some("arn:aws:iam::123456789012:role/app")
        );
        assert!(is_account_id("123456789012"));
        assert!(!is_account_id("12345678901a"));
    }
}
