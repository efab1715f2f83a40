//! The request a trace follows, with every default filled in.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};

use crate::model::common::Protocol;
use crate::model::flow::{self, Principal, RequestProtocol};

/// A request: who sends it from where, to what, how, and the seed for any choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The source object: an instance (or other network interface), a Lambda function, or a
    /// subnet together with `source_ip`.
    pub from: String,
    pub source_ip: Option<core::net::IpAddr>,
    /// The calling account; the source's when absent.
    pub account: Option<String>,
    pub principal: Principal,
    /// Whether the request carries a SigV4 signature.
    pub signed: bool,
    /// An object id, a DNS name or an IP address.
    pub to: String,
    pub protocol: RequestProtocol,
    pub port: u16,
    pub method: String,
    pub path: String,
    /// Header names in lowercase.
    pub headers: BTreeMap<String, String>,
    pub query: String,
    pub seed: u64,
}

crate::json_struct!(write Request {
    from: req,
    source_ip: opt,
    account: opt,
    principal: req,
    signed: req,
    to: req,
    protocol: req,
    port: req,
    method: req,
    path: req,
    headers: req,
    query: req,
    seed: req,
});

impl Request {
    /// A plain request from `from` to `to` with the protocol's defaults.
    pub fn new(from: &str, to: &str, protocol: RequestProtocol, port: Option<u16>) -> Self {
        Self {
            from: from.to_string(),
            source_ip: None,
            account: None,
            principal: Principal::Anonymous,
            signed: false,
            to: to.to_string(),
            protocol,
            port: port.or(protocol.default_port()).unwrap_or(0),
            method: String::from("GET"),
            path: String::from("/"),
            headers: BTreeMap::new(),
            query: String::new(),
            seed: 0,
        }
    }

    /// The transport the request travels on.
    pub fn transport(&self) -> Protocol {
        match self.protocol {
            RequestProtocol::Udp => Protocol::Udp,
            _ => Protocol::Tcp,
        }
    }

    /// A header by name, ignoring case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A query parameter's first value.
    pub fn query_param(&self, key: &str) -> Option<&str> {
        self.query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }
}

impl From<&flow::Request> for Request {
    fn from(r: &flow::Request) -> Self {
        Self {
            from: r.from.as_str().to_string(),
            source_ip: r.source_ip,
            account: r.account.as_ref().map(|a| a.as_str().to_string()),
            principal: r.principal.clone(),
            signed: r.is_signed(),
            to: r.to.clone(),
            protocol: r.protocol,
            port: r.effective_port().unwrap_or(0),
            method: r.method.clone().unwrap_or_else(|| String::from("GET")),
            path: r.path.clone().unwrap_or_else(|| String::from("/")),
            headers: r
                .headers
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
                .collect(),
            query: r.query.clone(),
            seed: r.seed,
        }
    }
}
