//! The condition keys the playground knows: VPC Lattice's own (R-AUTH-08, R-AUTH-10) and the
//! global `aws:` keys that matter for private networking, with their types.
//!
//! Key names are matched as IAM matches them: global `aws:` keys ignore case, while VPC Lattice
//! documents its keys as case-sensitive (R-AUTH-08), so any other key is compared exactly.

use alloc::borrow::Cow;

use super::ast::ValueKind;

/// What the playground knows about a condition key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    /// The key's documented name; for a prefix key, the part before the variable suffix.
    pub name: &'static str,
    /// Whether the key takes a suffix, such as `aws:PrincipalTag/team`.
    pub prefix: bool,
    /// The kind of value the key holds.
    pub kind: ValueKind,
    /// Whether a request may carry several values for it (IAM's `ArrayOf…` types).
    pub multivalued: bool,
}

const fn key(name: &'static str, kind: ValueKind) -> KeyInfo {
    KeyInfo {
        name,
        prefix: false,
        kind,
        multivalued: false,
    }
}

const fn prefix(name: &'static str, kind: ValueKind, multivalued: bool) -> KeyInfo {
    KeyInfo {
        name,
        prefix: true,
        kind,
        multivalued,
    }
}

const fn multi(name: &'static str, kind: ValueKind) -> KeyInfo {
    KeyInfo {
        name,
        prefix: false,
        kind,
        multivalued: true,
    }
}

use ValueKind::{Arn, Bool, Date, Ip, Numeric, String as Str};

/// The known keys.
pub const KNOWN_KEYS: &[KeyInfo] = &[
    // https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html#auth-policies-condition-keys
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonvpclatticeservices.html
    key("vpc-lattice-svcs:Port", Numeric),
    key("vpc-lattice-svcs:RequestMethod", Str),
    prefix("vpc-lattice-svcs:RequestHeader/", Str, false),
    prefix("vpc-lattice-svcs:RequestQueryString/", Str, true),
    key("vpc-lattice-svcs:RequestPath", Str),
    key("vpc-lattice-svcs:ServiceNetworkArn", Arn),
    key("vpc-lattice-svcs:ServiceArn", Arn),
    key("vpc-lattice-svcs:SourceVpc", Str),
    key("vpc-lattice-svcs:SourceVpcOwnerAccount", Str),
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
    key("aws:PrincipalOrgID", Str),
    multi("aws:PrincipalOrgPaths", Str),
    key("aws:PrincipalAccount", Str),
    key("aws:PrincipalArn", Arn),
    key("aws:PrincipalType", Str),
    key("aws:PrincipalIsAWSService", Bool),
    key("aws:PrincipalServiceName", Str),
    multi("aws:PrincipalServiceNamesList", Str),
    prefix("aws:PrincipalTag/", Str, false),
    key("aws:userid", Str),
    key("aws:username", Str),
    key("aws:SourceIp", Ip),
    key("aws:VpcSourceIp", Ip),
    key("aws:SecureTransport", Bool),
    key("aws:SourceVpc", Str),
    key("aws:SourceVpce", Str),
    key("aws:SourceAccount", Str),
    key("aws:SourceArn", Arn),
    key("aws:SourceOrgID", Str),
    multi("aws:SourceOrgPaths", Str),
    key("aws:ResourceAccount", Str),
    key("aws:ResourceOrgID", Str),
    multi("aws:ResourceOrgPaths", Str),
    prefix("aws:ResourceTag/", Str, false),
    prefix("aws:RequestTag/", Str, false),
    multi("aws:TagKeys", Str),
    key("aws:RequestedRegion", Str),
    key("aws:CurrentTime", Date),
    key("aws:EpochTime", Date),
    key("aws:TokenIssueTime", Date),
    key("aws:MultiFactorAuthPresent", Bool),
    key("aws:MultiFactorAuthAge", Numeric),
    key("aws:ViaAWSService", Bool),
    multi("aws:CalledVia", Str),
    key("aws:CalledViaFirst", Str),
    key("aws:CalledViaLast", Str),
];

fn has_prefix_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// The form in which a request context stores `key`: `aws:` keys in ASCII lower case (IAM
/// ignores their case), every other key as written.
pub(crate) fn normalize(key: &str) -> Cow<'_, str> {
    if has_prefix_ignore_case(key, "aws:") && key.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(key.to_ascii_lowercase())
    } else {
        Cow::Borrowed(key)
    }
}

/// What the playground knows about `key`, if anything.
pub(crate) fn lookup(key: &str) -> Option<&'static KeyInfo> {
    let global = has_prefix_ignore_case(key, "aws:");
    KNOWN_KEYS.iter().find(|info| {
        let same = |a: &str, b: &str| {
            if global {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        if info.prefix {
            key.len() > info.name.len()
                && key
                    .get(..info.name.len())
                    .is_some_and(|head| same(head, info.name))
        } else {
            same(key, info.name)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(normalize("aws:SourceIp"), "aws:sourceip");
        assert_eq!(
            normalize("vpc-lattice-svcs:SourceVpc"),
            "vpc-lattice-svcs:SourceVpc"
        );
        assert!(lookup("AWS:sourceip").is_some());
        assert!(lookup("vpc-lattice-svcs:sourcevpc").is_none());
        assert!(lookup("vpc-lattice-svcs:RequestQueryString/color").is_some_and(|k| k.multivalued));
        assert!(lookup("vpc-lattice-svcs:RequestQueryString/").is_none());
        assert!(lookup("aws:PrincipalTag/team").is_some());
    }
}
