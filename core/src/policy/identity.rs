//! The caller's identity-based policy as one link of an authorization, in the words every path
//! that AWS authorizes with IAM shares: VPC Lattice (aws-rules.md R-AUTH-02, "both auth policies
//! and identity-based policies need to have explicit allow statements",
//! https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html), and requests to an AWS
//! service through a gateway or interface endpoint (R-EPP-01, "An endpoint policy does not
//! override or replace identity-based policies or resource-based policies",
//! https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html). An explicit
//! deny wins (R-IAM-01).
//!
//! The trace's walker and the Lattice auth chain both ask [`identity_finding`] and write a hop
//! from the [`IdentityFinding`] it returns, so the two never import each other for it.
//!
//! Where AWS gives no identity policy to evaluate, the finding says so instead of inventing one:
//! - An unsigned request is anonymous (R-AUTH-07): it names no principal, so no identity policy
//!   is evaluated. The finding allows and says that only the other policies decide.
//! - A signed caller the document gives no identity policy for is taken to be allowed by its own
//!   account (a simulator choice: documents model networking first, and requiring an identity
//!   policy for every caller would refuse every request until one is written).
//! - An identity policy that does not parse allows nothing.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Caller, DecisionKind, Policy, PolicyParseError, Request, authorize, explain};

/// What the caller's identity policy made of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentityFinding {
    /// The principal's ARN, or `anonymous`: the component of the hop.
    pub principal: String,
    pub kind: DecisionKind,
    /// Whether a policy was evaluated: false for anonymous callers and callers without one.
    pub evaluated: bool,
    /// The deciding statement, or why the level decided without one.
    pub why: String,
    /// The aws-rules.md id that decided: R-IAM-01 for an explicit deny, else the path's rule.
    pub cites: &'static str,
}

impl IdentityFinding {
    /// The hop's words: what the identity policy did with the request.
    pub fn what(&self) -> String {
        let p = &self.principal;
        if !self.evaluated {
            return match self.kind {
                DecisionKind::Allow if p == "anonymous" => String::from(
                    "the request is unsigned (anonymous): it names no principal, so no identity policy is evaluated",
                ),
                DecisionKind::Allow => format!(
                    "no identity policy of `{p}` is given, so none is evaluated: the caller is taken to be allowed by its own account"
                ),
                _ => format!("the identity policy of `{p}` allows nothing"),
            };
        }
        let verdict = match self.kind {
            DecisionKind::Allow => "allows the request",
            DecisionKind::ImplicitDeny => "does not allow the request (implicit deny)",
            DecisionKind::ExplicitDeny => "explicitly denies the request",
        };
        format!("the identity policy of `{p}` {verdict}")
    }

    /// Whether the request may go on as far as this policy is concerned.
    pub fn allows(&self) -> bool {
        self.kind == DecisionKind::Allow
    }
}

/// Asks the identity policy `given` of the request's caller about `request`. `rule` is the id of
/// the rule that makes the identity policy count on this path (R-AUTH-02 for VPC Lattice,
/// R-EPP-01 through an endpoint); an explicit deny cites R-IAM-01.
pub fn identity_finding(
    given: Option<Result<&Policy, &PolicyParseError>>,
    request: &Request,
    rule: &'static str,
) -> IdentityFinding {
    let finding = |principal: &str, kind, evaluated, why: String| IdentityFinding {
        principal: String::from(principal),
        kind,
        evaluated,
        why,
        cites: if kind == DecisionKind::ExplicitDeny {
            "R-IAM-01"
        } else {
            rule
        },
    };
    let arn = match request.caller() {
        Caller::Anonymous => {
            return finding(
                "anonymous",
                DecisionKind::Allow,
                false,
                String::from(
                    "an anonymous caller has no identity policy; only the other policies decide",
                ),
            );
        }
        Caller::Principal(arn) => arn.as_str(),
    };
    match given {
        None => finding(
            arn,
            DecisionKind::Allow,
            false,
            format!(
                "no identity policy for `{arn}` is given; it is taken to allow {}",
                request.action()
            ),
        ),
        Some(Err(e)) => finding(
            arn,
            DecisionKind::ImplicitDeny,
            false,
            format!("the identity policy does not parse ({e}), so nothing allows the request"),
        ),
        Some(Ok(policy)) => {
            let (kind, why) = decide(policy, request);
            finding(arn, kind, true, why)
        }
    }
}

/// Evaluates one policy and says why, in words: the deciding statements, or for an implicit
/// deny what each statement missed.
pub fn decide(policy: &Policy, request: &Request) -> (DecisionKind, String) {
    let policies = core::slice::from_ref(policy);
    let decision = authorize(policies, request);
    let ex = explain(policies, request, &decision);
    let why = match decision.kind {
        DecisionKind::Allow | DecisionKind::ExplicitDeny => ex.message,
        DecisionKind::ImplicitDeny => {
            let misses: Vec<String> = ex
                .statements
                .iter()
                .map(|s| format!("{}: {}", s.statement, s.message))
                .collect();
            if misses.is_empty() {
                ex.message
            } else {
                format!("{} ({})", ex.message, misses.join("; "))
            }
        }
    };
    (decision.kind, why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::parse_policy;

    const ARN: &str = "arn:aws:iam::111111111111:role/app";

    fn request(caller: Caller) -> Request {
        Request::new(caller, "s3:GetObject", "arn:aws:s3:::reports/q3.csv")
    }

    #[test]
    fn anonymous_callers_have_no_identity_policy() {
        let f = identity_finding(None, &request(Caller::Anonymous), "R-EPP-01");
        assert!(f.allows() && !f.evaluated);
        assert_eq!(f.principal, "anonymous");
        assert!(
            f.what().contains("no identity policy is evaluated"),
            "{f:?}"
        );
    }

    #[test]
    fn decisions_and_citations() {
        let allow = parse_policy(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
        )
        .unwrap();
        let deny = parse_policy(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"No","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
        )
        .unwrap();
        let r = request(Caller::Principal(ARN.into()));
        let f = identity_finding(Some(Ok(&allow)), &r, "R-EPP-01");
        assert_eq!((f.kind, f.cites), (DecisionKind::Allow, "R-EPP-01"));
        assert!(f.why.contains("Read"), "{f:?}");
        let f = identity_finding(Some(Ok(&deny)), &r, "R-EPP-01");
        assert_eq!((f.kind, f.cites), (DecisionKind::ExplicitDeny, "R-IAM-01"));
        assert!(f.what().contains("explicitly denies"), "{f:?}");
        let f = identity_finding(None, &r, "R-AUTH-02");
        assert!(f.allows() && f.why.contains("taken to allow"), "{f:?}");
    }
}
