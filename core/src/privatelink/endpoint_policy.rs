//! Endpoint policies: an extra gate on requests through a gateway or interface endpoint to an
//! AWS service, never a grant over other policies (aws-rules.md R-EPP-01); the full-access
//! default when none is attached (R-EPP-02).

use alloc::format;
use alloc::string::{String, ToString};
use core::net::IpAddr;

use crate::model::endpoint::split_service_name;
use crate::model::flow::Principal;
use crate::policy::{Caller, DecisionKind, Request as PolicyRequest, authorize};
use crate::trace::Request;
use crate::trace::index::{ParsedPolicy, PolicyOf};
use crate::trace::walk::{Step, Walker};
use crate::trace::{Blocked, ReasonCode};

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
    pub(crate) allowed: bool,
    /// The deciding statement, or the reason in words.
    pub(crate) statement: String,
}

/// Evaluates an endpoint policy, parsed once with the trace index; the default full-access
/// policy when none is attached.
pub(crate) fn evaluate(
    policy: Option<&ParsedPolicy>,
    req: &Request,
    call: &ApiCall,
    context: &[(&str, &str)],
    source_ip: Option<IpAddr>,
) -> PolicyOutcome {
    let Some(policy) = policy else {
        return PolicyOutcome {
            allowed: true,
            statement: String::from("the default endpoint policy (full access)"),
        };
    };
    let parsed = match policy {
        Ok(p) => p,
        Err(e) => {
            return PolicyOutcome {
                allowed: false,
                statement: format!("the endpoint policy does not parse: {e}"),
            };
        }
    };
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
    let decision = authorize(core::slice::from_ref(parsed), &pr);
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
            call.action, call.resource
        ),
    };
    PolicyOutcome {
        allowed: decision.is_allowed(),
        statement,
    }
}

impl Walker<'_, '_> {
    /// Asks the policy of endpoint `id` (a gateway or interface endpoint in `vpc`, to the AWS
    /// service `service_name`) about the request. Returns the API call the request stands for
    /// and the deciding statement, or the block that names the endpoint and its statement.
    pub(crate) fn endpoint_policy(
        &self,
        of: PolicyOf,
        id: &str,
        vpc: &str,
        service_name: &str,
    ) -> Step<(ApiCall, String)> {
        let service = split_service_name(service_name).map_or(service_name, |(_, s)| s);
        let call = api_call(self.req, service, self.name_prefix.as_deref());
        let context = [("aws:SourceVpc", vpc), ("aws:SourceVpce", id)];
        let outcome = evaluate(self.ix.policy(of, id), self.req, &call, &context, self.src);
        if outcome.allowed {
            return Ok((call, outcome.statement));
        }
        let (reason, noun) = match of {
            PolicyOf::GatewayEndpoint => (ReasonCode::GatewayEndpointPolicyDenied, "gateway"),
            _ => (ReasonCode::InterfaceEndpointPolicyDenied, "interface"),
        };
        Err(Blocked::new(
            id,
            reason,
            format!(
                "the policy of the {noun} endpoint `{id}` does not allow {} on {}",
                call.action, call.resource
            ),
        )
        .with_statement(outcome.statement))
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
