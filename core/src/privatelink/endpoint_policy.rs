//! Endpoint policies: an extra gate on requests through a gateway or interface endpoint to an
//! AWS service, never a grant over other policies (aws-rules.md R-EPP-01); the full-access
//! default when none is attached (R-EPP-02). The caller's identity policy is asked the same
//! request beside it, in the words the VPC Lattice auth chain uses (`crate::policy::identity`).

use alloc::format;
use alloc::string::{String, ToString};
use core::net::IpAddr;

use crate::model::endpoint::split_service_name;
use crate::model::flow::Principal;
use crate::policy::{Caller, DecisionKind, Request as PolicyRequest, authorize, identity_finding};
use crate::trace::index::{ParsedPolicy, PolicyOf};
use crate::trace::walk::{Step, Walker};
use crate::trace::{Blocked, ComponentKind, ReasonCode, Request};

/// The AWS API call a request stands for, as a policy sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiCall {
    /// Such as `s3:GetObject`.
    pub action: String,
    /// Such as `arn:aws:s3:::reports/q3.csv`, or `*` when the simulator cannot tell.
    pub resource: String,
}

/// The API call for a request to `service` (`s3`, `dynamodb`, `sqs`, …): the action from an
/// `x-amz-target` header or an `Action` query parameter, for S3 from the method; the resource,
/// for S3, from the bucket (the first label of the name, or of the `Host` header) and the path.
pub fn api_call(req: &Request, service: &str, bucket: Option<&str>) -> ApiCall {
    let from_target = req
        .header("x-amz-target")
        .and_then(|t| t.rsplit_once('.'))
        .map(|(_, op)| op.to_string());
    let from_query = req.query_param("Action").map(ToString::to_string);
    let s3_op = || {
        let op = match req.method.to_ascii_uppercase().as_str() {
            "PUT" | "POST" => "PutObject",
            "DELETE" => "DeleteObject",
            _ if req.path == "/" || req.path.is_empty() => "ListBucket",
            _ => "GetObject",
        };
        String::from(op)
    };
    let op = from_target.or(from_query).unwrap_or_else(|| {
        if service == "s3" {
            s3_op()
        } else {
            req.method.clone()
        }
    });
    let resource = match (service, bucket) {
        ("s3", Some(b)) if req.path.len() > 1 => format!("arn:aws:s3:::{b}{}", req.path),
        ("s3", Some(b)) => format!("arn:aws:s3:::{b}"),
        _ => String::from("*"),
    };
    ApiCall {
        action: format!("{service}:{op}"),
        resource,
    }
}

/// Why an endpoint policy let a request through or stopped it.
#[derive(Clone, Debug)]
pub(crate) struct PolicyOutcome {
    pub(crate) kind: DecisionKind,
    /// The deciding statement, or the reason in words.
    pub(crate) statement: String,
    /// The rule that decided: R-EPP-02 for the default policy, R-IAM-01 for an explicit deny,
    /// else R-EPP-01.
    pub(crate) cites: &'static str,
}

/// The policy request for a call through an endpoint in `vpc` with id `endpoint`: the caller
/// (anonymous unless signed), the call, `aws:SourceVpc`, `aws:SourceVpce`, `aws:VpcSourceIp` and
/// the facts the request states about its principal. The endpoint policy and the caller's
/// identity policy are asked the same request.
pub(crate) fn policy_request(
    req: &Request,
    call: &ApiCall,
    context: &[(&str, &str)],
    source_ip: Option<IpAddr>,
) -> PolicyRequest {
    let caller = match (&req.principal, req.signed) {
        (Principal::Arn(a), true) => Caller::Principal(a.clone()),
        _ => Caller::Anonymous,
    };
    let mut pr = PolicyRequest::new(caller, &call.action, &call.resource);
    for (k, v) in context {
        pr.set(k, [*v]);
    }
    if let Some(ip) = source_ip {
        pr.set("aws:VpcSourceIp", [ip.to_string()]);
    }
    req.set_principal_facts(&mut pr);
    pr
}

/// Evaluates an endpoint policy, parsed once with the trace index; the default full-access
/// policy when none is attached (R-EPP-02).
pub(crate) fn evaluate(policy: Option<&ParsedPolicy>, pr: &PolicyRequest) -> PolicyOutcome {
    let Some(policy) = policy else {
        return PolicyOutcome {
            kind: DecisionKind::Allow,
            statement: String::from("the default endpoint policy (full access)"),
            cites: "R-EPP-02",
        };
    };
    let parsed = match policy {
        Ok(p) => p,
        Err(e) => {
            return PolicyOutcome {
                kind: DecisionKind::ImplicitDeny,
                statement: format!("the endpoint policy does not parse: {e}"),
                cites: "R-EPP-01",
            };
        }
    };
    let decision = authorize(core::slice::from_ref(parsed), pr);
    let label = |i: usize| {
        let st = parsed.statements.iter().find(|s| s.index == i);
        match st.and_then(|s| s.sid.clone()) {
            Some(sid) => format!("statement `{sid}`"),
            None => format!("statement #{i}"),
        }
    };
    let statement = match decision.kind {
        DecisionKind::Allow | DecisionKind::ExplicitDeny => decision
            .deciding
            .first()
            .map(|s| {
                format!(
                    "{} ({}) of the endpoint policy",
                    label(s.statement),
                    decision.kind.as_str()
                )
            })
            .unwrap_or_default(),
        DecisionKind::ImplicitDeny => format!(
            "no statement of the endpoint policy allows {} on {} (implicit deny)",
            pr.action(),
            pr.resource()
        ),
    };
    PolicyOutcome {
        kind: decision.kind,
        statement,
        cites: if decision.kind == DecisionKind::ExplicitDeny {
            "R-IAM-01"
        } else {
            "R-EPP-01"
        },
    }
}

impl Walker<'_, '_> {
    /// Asks the policy of endpoint `id` (a gateway or interface endpoint in `vpc`, to the AWS
    /// service `service_name`) and the caller's identity policy about the request: the endpoint
    /// policy never replaces the identity policy, so both must allow it and an explicit deny in
    /// either stops it (aws-rules.md R-EPP-01,
    /// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html; R-IAM-01).
    /// Records a hop for each; returns the API call the request stands for, or the block that
    /// names the endpoint or the principal and the statement that decided.
    pub(crate) fn endpoint_policy(
        &mut self,
        of: PolicyOf,
        id: &str,
        vpc: &str,
        service_name: &str,
    ) -> Step<ApiCall> {
        let service = split_service_name(service_name).map_or(service_name, |(_, s)| s);
        let call = api_call(self.req, service, self.name_prefix.as_deref());
        let context = [("aws:SourceVpc", vpc), ("aws:SourceVpce", id)];
        let pr = policy_request(self.req, &call, &context, self.src);
        let endpoint = evaluate(self.ix.policy(of, id), &pr);
        let given = match pr.caller() {
            Caller::Principal(arn) => self.ix.identity_policy(arn).map(Result::as_ref),
            Caller::Anonymous => None,
        };
        let identity = identity_finding(given, &pr, "R-EPP-01");
        let (kind, reason, noun) = match of {
            PolicyOf::GatewayEndpoint => (
                ComponentKind::GatewayEndpoint,
                ReasonCode::GatewayEndpointPolicyDenied,
                "gateway",
            ),
            _ => (
                ComponentKind::InterfaceEndpoint,
                ReasonCode::InterfaceEndpointPolicyDenied,
                "interface",
            ),
        };
        let verdict = match endpoint.kind {
            DecisionKind::Allow => "allows",
            DecisionKind::ImplicitDeny => "does not allow",
            DecisionKind::ExplicitDeny => "explicitly denies",
        };
        let (statement, cites) = (endpoint.statement.clone(), endpoint.cites);
        self.hop(kind, id, cites, || {
            (
                format!(
                    "the endpoint policy of {id} {verdict} {} on {}",
                    call.action, call.resource
                ),
                Some(statement),
            )
        });
        let (what, why) = (identity.what(), identity.why.clone());
        self.hop(
            ComponentKind::AuthPolicy,
            &identity.principal,
            identity.cites,
            || (what, Some(why)),
        );
        let endpoint_block = || {
            Blocked::new(
                id,
                reason,
                format!(
                    "the policy of the {noun} endpoint `{id}` does not allow {} on {}",
                    call.action, call.resource
                ),
            )
            .citing(endpoint.cites)
            .with_statement(endpoint.statement.clone())
        };
        let identity_block = || {
            Blocked::new(
                identity.principal.as_str(),
                ReasonCode::IdentityPolicyDenied,
                format!(
                    "the identity policy of `{}` does not allow {} on {}",
                    identity.principal, call.action, call.resource
                ),
            )
            .citing(identity.cites)
            .with_statement(identity.why.clone())
        };
        // An explicit deny anywhere wins; then the endpoint's implicit deny, then the caller's.
        match (endpoint.kind, identity.kind) {
            (DecisionKind::ExplicitDeny, _) => Err(endpoint_block()),
            (_, DecisionKind::ExplicitDeny) => Err(identity_block()),
            (DecisionKind::ImplicitDeny, _) => Err(endpoint_block()),
            (_, DecisionKind::ImplicitDeny) => Err(identity_block()),
            _ => Ok(call),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::flow::RequestProtocol;

    #[test]
    fn api_calls() {
        let mut r = Request::new("i", "x", RequestProtocol::Https, None);
        r.path = String::from("/q3.csv");
        let c = api_call(&r, "s3", Some("reports"));
        assert_eq!(
            (c.action.as_str(), c.resource.as_str()),
            ("s3:GetObject", "arn:aws:s3:::reports/q3.csv")
        );
        r.headers
            .insert("x-amz-target".into(), "DynamoDB_20120810.GetItem".into());
        assert_eq!(api_call(&r, "dynamodb", None).action, "dynamodb:GetItem");
        let mut q = Request::new("i", "x", RequestProtocol::Https, None);
        q.query = String::from("Action=SendMessage&QueueUrl=x");
        assert_eq!(api_call(&q, "sqs", None).action, "sqs:SendMessage");
    }
}
