//! Saved requests ("flows") and the verdicts they are expected to reach.
//!
//! The request carries everything a trace needs — source, principal, destination, protocol,
//! port, HTTP method, path, headers and query, and the seed for any choice — so documents
//! written today keep working as the tracer grows.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::id::{AccountId, ObjectId};

/// A named request, optionally with the verdict it should reach.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The aws-rules.md ids the flow demonstrates, such as `R-SN-01`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    pub request: Request,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Expect>,
}

/// The protocol a request speaks.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RequestProtocol {
    Tcp,
    Udp,
    #[default]
    Http,
    Https,
    Grpc,
    Tls,
}

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

impl Serialize for Principal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Anonymous => s.serialize_str("anonymous"),
            Self::Arn(a) => s.serialize_str(a),
        }
    }
}

impl<'de> Deserialize<'de> for Principal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text == "anonymous" {
            Ok(Self::Anonymous)
        } else if text.starts_with("arn:") {
            Ok(Self::Arn(text))
        } else {
            Err(serde::de::Error::custom(
                "a principal is `anonymous` or an ARN such as `arn:aws:iam::111122223333:role/app`",
            ))
        }
    }
}

fn is_anonymous(p: &Principal) -> bool {
    *p == Principal::Anonymous
}

fn is_http(p: &RequestProtocol) -> bool {
    *p == RequestProtocol::Http
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A request to trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Where the request starts: an instance, network interface, ECS task, EKS pod or Lambda
    /// function, or a subnet (then give `source_ip`).
    pub from: ObjectId,
    /// The source address; the source object's address when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<IpAddr>,
    /// The calling account; the source's account when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountId>,
    #[serde(default, skip_serializing_if = "is_anonymous")]
    pub principal: Principal,
    /// Whether the request is SigV4-signed; true exactly when a principal is given, when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<bool>,
    /// Where it goes: an object id, a DNS name or an IP address.
    pub to: String,
    #[serde(default, skip_serializing_if = "is_http")]
    pub protocol: RequestProtocol,
    /// The destination port; the protocol's usual port when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// The HTTP method; `GET` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The HTTP path; `/` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// HTTP headers by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// The query string without the leading `?`, such as `region=eu&region=us`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub query: String,
    /// The seed for every choice the trace makes (target selection, weighted forwards).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub seed: u64,
}

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Reached a target.
    Delivered,
    /// A listener rule answered without a target.
    FixedResponse,
    /// A component stopped it.
    Blocked,
}

/// The verdict a flow should reach. Only the fields given are compared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub verdict: Outcome,
    /// For `delivered`: the target reached (an object id or an address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// For `fixed_response`: the status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// For `blocked`: the reason code, such as `security_group_denied`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For `blocked`: the id of the component that stopped the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// For a batch run: how many requests to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs: Option<u32>,
    /// For a batch run: the expected share of requests per target, in percent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub distribution: BTreeMap<String, u32>,
    /// For a batch run: how far each share may be off, in percentage points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<u32>,
}
