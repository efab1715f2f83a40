//! Saved requests ("flows") and the verdicts they are expected to reach.
//!
//! The request carries everything a trace needs — source, principal, destination, protocol,
//! port, HTTP method, path, headers and query, and the seed for any choice — so documents
//! written today keep working as the tracer grows.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use super::id::{AccountId, ObjectId};

/// A named request, optionally with the verdict it should reach.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub name: String,
    pub description: Option<String>,
    /// The aws-rules.md ids the flow demonstrates, such as `R-SN-01`.
    pub rules: Vec<String>,
    pub request: Request,
    pub expect: Option<Expect>,
    /// Whether the playground asks the reader where the request will stop before it shows the
    /// answer (predict, then reveal).
    pub predict: bool,
}

crate::json_struct!(Flow {
    name: req,
    description: opt,
    rules: opt,
    request: req,
    expect: opt,
    predict: opt,
});

/// The protocol a request speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum RequestProtocol {
    Tcp,
    Udp,
    #[default]
    Http,
    Https,
    Grpc,
    Tls,
}

crate::json_enum!(RequestProtocol {
    Tcp = "tcp",
    Udp = "udp",
    Http = "http",
    Https = "https",
    Grpc = "grpc",
    Tls = "tls",
});

impl RequestProtocol {
    /// The port a request uses when it names none.
    pub fn default_port(self) -> Option<u16> {
        match self {
            Self::Http => Some(80),
            Self::Https | Self::Grpc | Self::Tls => Some(443),
            Self::Tcp | Self::Udp => None,
        }
    }

    /// Whether the request carries HTTP semantics (method, path, headers).
    pub fn is_http(self) -> bool {
        matches!(self, Self::Http | Self::Https | Self::Grpc)
    }
}

/// Who signs a request: an IAM principal ARN, or nobody (`"anonymous"`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Principal {
    #[default]
    Anonymous,
    Arn(String),
}

impl crate::model::codec::ToJson for Principal {
    fn write_json(&self, out: &mut String) {
        match self {
            Self::Anonymous => out.push_str("\"anonymous\""),
            Self::Arn(a) => crate::json::write::string(out, a),
        }
    }
}

impl crate::model::codec::FromJson for Principal {
    fn from_json(node: crate::json::Node) -> Result<Self, crate::json::JsonError> {
        let (pos, text) = crate::model::codec::text(node, "a principal in quotes")?;
        if text == "anonymous" {
            Ok(Self::Anonymous)
        } else if text.starts_with("arn:") {
            Ok(Self::Arn(text))
        } else {
            Err(crate::model::codec::invalid(
                pos,
                String::from(
                    "a principal is `anonymous` or an ARN such as `arn:aws:iam::111122223333:role/app`",
                ),
            ))
        }
    }
}

/// A request to trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Where the request starts: an instance, network interface, ECS task, EKS pod or Lambda
    /// function, or a subnet (then give `source_ip`).
    pub from: ObjectId,
    /// The source address; the source object's address when absent.
    pub source_ip: Option<IpAddr>,
    /// The calling account; the source's account when absent.
    pub account: Option<AccountId>,
    pub principal: Principal,
    /// Whether the request is SigV4-signed; true exactly when a principal is given, when absent.
    pub signed: Option<bool>,
    /// Where it goes: an object id, a DNS name or an IP address.
    pub to: String,
    pub protocol: RequestProtocol,
    /// The destination port; the protocol's usual port when absent.
    pub port: Option<u16>,
    /// The HTTP method; `GET` when absent.
    pub method: Option<String>,
    /// The HTTP path; `/` when absent.
    pub path: Option<String>,
    /// HTTP headers by name.
    pub headers: BTreeMap<String, String>,
    /// The query string without the leading `?`, such as `region=eu&region=us`.
    pub query: String,
    /// The seed for every choice the trace makes (target selection, weighted forwards).
    pub seed: u64,
    /// The signing principal's tags (user, role or session tags), the `aws:PrincipalTag/<key>`
    /// condition keys (R-AUTH-11).
    pub principal_tags: BTreeMap<String, String>,
    /// `aws:PrincipalOrgID`; the organization of the principal's account in the document when
    /// absent.
    pub principal_org_id: Option<String>,
    /// `aws:PrincipalIsAWSService`: whether the caller is an AWS service principal.
    pub principal_is_aws_service: Option<bool>,
}

crate::json_struct!(Request {
    from: req,
    source_ip: opt,
    account: opt,
    principal: opt,
    signed: opt,
    to: req,
    protocol: opt,
    port: opt,
    method: opt,
    path: opt,
    headers: opt,
    query: opt,
    seed: opt,
    principal_tags: opt,
    principal_org_id: opt,
    principal_is_aws_service: opt,
});

impl Request {
    /// The destination port with the protocol's default filled in.
    pub fn effective_port(&self) -> Option<u16> {
        self.port.or(self.protocol.default_port())
    }

    /// Whether the request is signed, with the default filled in.
    pub fn is_signed(&self) -> bool {
        self.signed
            .unwrap_or(self.principal != Principal::Anonymous)
    }
}

/// The kind of outcome a trace reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// Reached a target.
    Delivered,
    /// A listener rule answered without a target.
    FixedResponse,
    /// A component stopped it.
    Blocked,
}

crate::json_enum!(Outcome {
    Delivered = "delivered",
    FixedResponse = "fixed_response",
    Blocked = "blocked",
});

/// The verdict a flow should reach. Only the fields given are compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expect {
    pub verdict: Outcome,
    /// For `delivered`: the target reached (an object id or an address).
    pub target: Option<String>,
    /// For `fixed_response`: the status code.
    pub status: Option<u16>,
    /// For `blocked`: the reason code, such as `security_group_denied`.
    pub reason: Option<String>,
    /// For `blocked`: the id of the component that stopped the request.
    pub at: Option<String>,
    /// For a batch run: how many requests to send.
    pub runs: Option<u32>,
    /// For a batch run: the expected share of requests per target, in percent.
    pub distribution: BTreeMap<String, u32>,
    /// For a batch run: how far each share may be off, in percentage points.
    pub tolerance: Option<u32>,
    /// For `delivered`: the source address the target sees, after every rewrite on the way
    /// (NAT gateway, VPC Lattice, load balancer, resource gateway).
    pub source_seen: Option<IpAddr>,
    /// A route the request takes: a route-table entry that forwarded it.
    pub route: Option<ExpectRoute>,
    /// A DNS answer the request gets: the name and the addresses it resolves to.
    pub dns: Option<ExpectDns>,
}

crate::json_struct!(Expect {
    verdict: req,
    target: opt,
    status: opt,
    reason: opt,
    at: opt,
    runs: opt,
    distribution: opt,
    tolerance: opt,
    source_seen: opt,
    route: opt,
    dns: opt,
});

/// A route the request should take. Only the fields given are compared; a trace meets it when
/// one of the route tables it passes forwarded by a route with all of them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ExpectRoute {
    /// The route table's id.
    pub table: Option<String>,
    /// The route's destination: a block such as `0.0.0.0/0`, or for a gateway endpoint's route
    /// its prefix list, such as `com.amazonaws.us-east-1.s3`.
    pub destination: Option<String>,
    /// Where the route points: `local`, or the id of a gateway, peering connection, instance or
    /// gateway endpoint.
    pub target: Option<String>,
}

crate::json_struct!(ExpectRoute {
    table: opt,
    destination: opt,
    target: opt,
});

/// A DNS answer the request should get.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ExpectDns {
    /// The name asked; the request's `to` when absent.
    pub name: Option<String>,
    /// Every address the name resolves to from the source VPC, in any order; not compared when
    /// absent.
    pub answer: Option<Vec<IpAddr>>,
}

crate::json_struct!(ExpectDns {
    name: opt,
    answer: opt,
});
