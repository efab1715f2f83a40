//! The VPC Lattice auth chain (aws-rules.md R-AUTH-01..11): the caller's identity policy, then
//! the service network's auth policy, then the service's. A level whose auth type is NONE is
//! skipped; AWS_IAM without a policy denies everything; an explicit deny at any level wins over
//! allows at every level. Unsigned callers are anonymous and have no identity policy; a signed
//! request that does not authenticate fails before any policy.
//!
//! Choices where the documentation is silent or shorthand (aws-rules.md section K):
//! - TLS passthrough services are authorized for `vpc-lattice-svcs:Connect` on the service ARN;
//!   HTTP and HTTPS services for `Invoke` on `<service ARN><path>` (gap 7).
//! - `RequestHeader/<name>` keys carry the header name in lowercase, so a policy written with a
//!   lowercase name matches whatever case the client sent (gap 5).
//! - `aws:SourceIp` is absent: VPC Lattice carries the request across a service network, and
//!   IAM leaves the key out for requests through VPC endpoints (gap 6).
//! - `RequestPath` is supplied, as the Service Authorization Reference lists it (gap 8).
//! - A signed request is authenticated only when some level uses AWS_IAM. A signature without a
//!   principal, or a signed payload (an `x-amz-content-sha256` header other than
//!   `UNSIGNED-PAYLOAD`), does not authenticate (R-AUTH-06).
//! - A signed caller's identity policy comes from [`Identities`] (by principal ARN) or else from
//!   the document's `identity_policies`, and is asked through `crate::policy::identity_finding`,
//!   the same evaluation and words as on endpoint paths: a caller with neither is taken to be
//!   allowed by its own account, an identity policy that does not parse allows nothing, and an
//!   anonymous caller's hop says that no identity policy is evaluated (R-AUTH-07).

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::{Client, Run, Step, region_of};
use crate::model::flow::{Principal, RequestProtocol};
use crate::model::lattice::{AuthType, Listener, ListenerProtocol, Service};
use crate::policy::{
    Caller, DecisionKind, Policy, Request as PolicyRequest, decide, identity_finding,
};
use crate::trace::index::{ParsedPolicy, PolicyOf};
use crate::trace::{Blocked, ComponentKind, ReasonCode};

/// Identity policies of signed callers, by principal ARN.
pub type Identities = BTreeMap<String, Policy>;

/// A level of the chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthLevel {
    Identity,
    ServiceNetwork,
    Service,
}

impl AuthLevel {
    fn code(self) -> ReasonCode {
        match self {
            Self::Identity => ReasonCode::LatticeIdentityPolicyDenied,
            Self::ServiceNetwork => ReasonCode::LatticeServiceNetworkAuthDenied,
            Self::Service => ReasonCode::LatticeServiceAuthDenied,
        }
    }

    /// What the level's policy is attached to.
    fn owner(self) -> &'static str {
        match self {
            Self::Identity => "principal",
            Self::ServiceNetwork => "service network",
            Self::Service => "service",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Self::Identity => "identity policy",
            Self::ServiceNetwork => "service network auth policy",
            Self::Service => "service auth policy",
        }
    }
}

/// What one level made of the request.
#[derive(Clone, Debug)]
struct Finding {
    level: AuthLevel,
    at: String,
    kind: DecisionKind,
    /// The deciding statement, or why the level decided without one.
    why: String,
    cites: &'static str,
    /// The hop's words when the level says them itself.
    what: Option<String>,
}

/// The policy request for a Lattice call, with the condition keys the request supplies.
pub(crate) fn policy_request(
    run: &Run<'_, '_>,
    client: &Client<'_, '_>,
    service: &Service,
    network: &str,
    listener: &Listener,
) -> PolicyRequest {
    let ix = run.ix;
    let req = run.req;
    let t = ix.topology;
    let region = region_of(t, service.region.as_ref());
    let account = ix.account_or_default(service.account.as_ref());
    let service_arn = format!(
        "arn:aws:vpc-lattice:{region}:{account}:service/{}",
        service.id
    );
    let sn = t.service_network(network);
    let sn_region = region_of(t, sn.and_then(|n| n.region.as_ref()));
    let sn_account = ix.account_or_default(sn.and_then(|n| n.account.as_ref()));
    let network_arn =
        format!("arn:aws:vpc-lattice:{sn_region}:{sn_account}:servicenetwork/{network}");
    let tcp = listener.protocol == ListenerProtocol::TlsPassthrough;
    let (action, resource) = if tcp {
        ("vpc-lattice-svcs:Connect", service_arn.clone())
    } else {
        (
            "vpc-lattice-svcs:Invoke",
            format!("{service_arn}{}", path_only(&req.path)),
        )
    };
    let caller = caller(req);
    let mut pr = PolicyRequest::new(caller.clone(), action, &resource);
    pr.set("vpc-lattice-svcs:Port", [req.port.to_string()]);
    pr.set("vpc-lattice-svcs:ServiceArn", [service_arn]);
    pr.set("vpc-lattice-svcs:ServiceNetworkArn", [network_arn]);
    pr.set("vpc-lattice-svcs:SourceVpc", [client.vpc.id.as_str()]);
    pr.set(
        "vpc-lattice-svcs:SourceVpcOwnerAccount",
        [ix.account_of_vpc(client.vpc)],
    );
    if !tcp && req.protocol != RequestProtocol::Tcp {
        pr.set("vpc-lattice-svcs:RequestMethod", [req.method.as_str()]);
        pr.set("vpc-lattice-svcs:RequestPath", [path_only(&req.path)]);
        for (name, value) in &req.headers {
            pr.set(
                format!(
                    "vpc-lattice-svcs:RequestHeader/{}",
                    name.to_ascii_lowercase()
                ),
                [value.as_str()],
            );
        }
        let mut query: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (k, v) in req
            .query
            .split('&')
            .filter(|s| !s.is_empty())
            .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
        {
            query.entry(k).or_default().push(v);
        }
        for (k, vs) in query {
            pr.set(format!("vpc-lattice-svcs:RequestQueryString/{k}"), vs);
        }
    }
    if let Caller::Principal(arn) = &caller
        && let Some(acct) = crate::policy::ArnParts::split(arn).map(|p| p.account)
        && let Some(org) = ix
            .doc
            .accounts
            .iter()
            .find(|a| a.id.as_str() == acct)
            .and_then(|a| a.org.as_deref())
    {
        pr.set("aws:PrincipalOrgID", [org]);
    }
    // Facts the request states about its principal win over what the document implies.
    req.set_principal_facts(&mut pr);
    pr
}

fn path_only(path: &str) -> &str {
    path.split_once('?').map_or(path, |(p, _)| p)
}

/// An unsigned request is anonymous whatever principal it names (R-AUTH-07).
fn caller(req: &crate::trace::Request) -> Caller {
    match (&req.principal, req.signed) {
        (Principal::Arn(a), true) => Caller::Principal(a.clone()),
        _ => Caller::Anonymous,
    }
}

/// Runs the chain and records one hop per level; blocks at the level that decided.
pub(crate) fn check(
    run: &mut Run<'_, '_>,
    client: &Client<'_, '_>,
    service: &Service,
    network: &str,
    listener: &Listener,
    identities: &Identities,
) -> Step<()> {
    let t = run.ix.topology;
    let sn = t.service_network(network);
    let sn_type = sn.map_or(AuthType::None, |n| n.auth_type);
    let iam = sn_type == AuthType::AwsIam || service.auth_type == AuthType::AwsIam;
    if !iam {
        let id = String::from(service.id.as_str());
        // No level evaluates a policy (R-AUTH-04); policies still attached are not applied
        // (R-AUTH-05), and the hop names them.
        let ix = run.ix;
        let attached: Vec<&str> = [
            sn.filter(|n| ix.policy(PolicyOf::ServiceNetwork, n.id.as_str()).is_some())
                .map(|n| n.id.as_str()),
            ix.policy(PolicyOf::Service, service.id.as_str())
                .map(|_| service.id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let (rule, cites) = if attached.is_empty() {
            (String::from("auth type NONE"), "R-AUTH-04")
        } else {
            (
                format!(
                    "auth type NONE: the auth policy attached to `{}` is not applied",
                    attached.join("` and `")
                ),
                "R-AUTH-05",
            )
        };
        run.hop(ComponentKind::AuthPolicy, &id, cites, || {
            (
                format!(
                    "the auth type of `{network}` and of `{id}` is NONE: no auth policy is evaluated"
                ),
                Some(rule),
            )
        });
        return Ok(());
    }
    authenticate(run)?;
    let pr = policy_request(run, client, service, network, listener);
    let mut findings = Vec::with_capacity(3);
    // The identity policy, in the words every path authorized with IAM shares (R-AUTH-02); an
    // anonymous caller has none, and its hop says so (R-AUTH-07).
    let given = match pr.caller() {
        Caller::Principal(arn) => identities
            .get(arn)
            .map(Ok)
            .or_else(|| run.ix.identity_policy(arn).map(Result::as_ref)),
        Caller::Anonymous => None,
    };
    let identity = identity_finding(given, &pr, "R-AUTH-02");
    findings.push(Finding {
        level: AuthLevel::Identity,
        at: identity.principal.clone(),
        kind: identity.kind,
        cites: if *pr.caller() == Caller::Anonymous {
            "R-AUTH-07"
        } else {
            identity.cites
        },
        what: Some(identity.what()),
        why: identity.why,
    });
    // The policies were parsed once with the index; a network missing from the document has none.
    let ix = run.ix;
    let sn_policy = sn.and_then(|n| ix.policy(PolicyOf::ServiceNetwork, n.id.as_str()));
    findings.push(level(
        AuthLevel::ServiceNetwork,
        network,
        sn_type,
        sn_policy,
        &pr,
    ));
    findings.push(level(
        AuthLevel::Service,
        service.id.as_str(),
        service.auth_type,
        ix.policy(PolicyOf::Service, service.id.as_str()),
        &pr,
    ));
    for f in &findings {
        let (what, why) = (f.what.clone().unwrap_or_else(|| describe(f)), f.why.clone());
        run.hop(ComponentKind::AuthPolicy, &f.at, f.cites, || {
            (what, Some(why))
        });
    }
    let explicit = findings
        .iter()
        .find(|f| f.kind == DecisionKind::ExplicitDeny);
    let implicit = findings
        .iter()
        .find(|f| f.kind == DecisionKind::ImplicitDeny);
    match explicit.or(implicit) {
        None => Ok(()),
        Some(f) => Err(Blocked::new(
            f.at.as_str(),
            f.level.code(),
            format!(
                "the {} of `{}` denies {} on {} for {}",
                f.level.noun(),
                f.at,
                pr.action(),
                pr.resource(),
                pr.caller()
            ),
        )
        .citing(f.cites)
        .with_statement(f.why.clone())),
    }
}

fn describe(f: &Finding) -> String {
    let verdict = match f.kind {
        DecisionKind::Allow => "allows the request",
        DecisionKind::ImplicitDeny => "does not allow the request (implicit deny)",
        DecisionKind::ExplicitDeny => "explicitly denies the request",
    };
    format!("the {} of `{}` {verdict}", f.level.noun(), f.at)
}

/// Signed requests must authenticate (R-AUTH-06).
fn authenticate(run: &Run<'_, '_>) -> Step<()> {
    let req = run.req;
    if !req.signed {
        return Ok(());
    }
    let fail = |why: String| {
        Blocked::new(
            req.from.as_str(),
            ReasonCode::LatticeAuthenticationFailed,
            why,
        )
    };
    if req.principal == Principal::Anonymous {
        return Err(fail(String::from(
            "the request is signed, but its signature names no principal that authenticates; VPC Lattice does not fall back to anonymous",
        )));
    }
    if let Some(v) = req.header("x-amz-content-sha256")
        && v != "UNSIGNED-PAYLOAD"
    {
        return Err(fail(format!(
            "the request signs its payload (`x-amz-content-sha256: {v}`); VPC Lattice needs `UNSIGNED-PAYLOAD`"
        )));
    }
    Ok(())
}

/// A service network or service level.
fn level(
    level: AuthLevel,
    id: &str,
    auth: AuthType,
    policy: Option<&ParsedPolicy>,
    pr: &PolicyRequest,
) -> Finding {
    let finding = |kind, why: String, cites| Finding {
        level,
        at: String::from(id),
        kind,
        why,
        cites,
        what: None,
    };
    match (auth, policy) {
        // NONE evaluates no policy at this level (R-AUTH-04); one that is attached is not
        // applied (R-AUTH-05).
        (AuthType::None, attached) => {
            let (why, cites) = match attached {
                Some(_) => (
                    format!(
                        "the auth policy attached to `{id}` is not applied: auth type NONE disables it"
                    ),
                    "R-AUTH-05",
                ),
                None => (
                    String::from("auth type NONE: the level is skipped"),
                    "R-AUTH-04",
                ),
            };
            Finding {
                what: Some(format!(
                    "the auth type of {} `{id}` is NONE: no auth policy is evaluated at this level",
                    level.owner()
                )),
                ..finding(DecisionKind::Allow, why, cites)
            }
        }
        (AuthType::AwsIam, None) => finding(
            DecisionKind::ImplicitDeny,
            String::from("auth type AWS_IAM with no auth policy denies every request"),
            "R-AUTH-05",
        ),
        (AuthType::AwsIam, Some(parsed)) => match parsed {
            Ok(p) => evaluate(level, id, p, pr, "R-AUTH-04"),
            Err(e) => finding(
                DecisionKind::ImplicitDeny,
                format!("the auth policy does not parse ({e}), so nothing allows the request"),
                "R-AUTH-03",
            ),
        },
    }
}

fn evaluate(
    level: AuthLevel,
    id: &str,
    policy: &Policy,
    pr: &PolicyRequest,
    cites: &'static str,
) -> Finding {
    let (kind, why) = decide(policy, pr);
    let cites = match kind {
        DecisionKind::ExplicitDeny => "R-IAM-01",
        DecisionKind::ImplicitDeny => "R-AUTH-03",
        DecisionKind::Allow => cites,
    };
    Finding {
        level,
        at: String::from(id),
        kind,
        why,
        cites,
        what: None,
    }
}
