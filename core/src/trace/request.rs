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
    /// Header names as they were written; every lookup ignores case.
    pub headers: BTreeMap<String, String>,
    pub query: String,
    pub seed: u64,
    /// The signing principal's tags, the `aws:PrincipalTag/<key>` condition keys (R-AUTH-11).
    pub principal_tags: BTreeMap<String, String>,
    /// `aws:PrincipalOrgID`; the organization of the principal's account when absent.
    pub principal_org_id: Option<String>,
    /// `aws:PrincipalIsAWSService`, when given.
    pub principal_is_aws_service: Option<bool>,
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
    principal_tags: opt,
    principal_org_id: opt,
    principal_is_aws_service: opt,
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
            principal_tags: BTreeMap::new(),
            principal_org_id: None,
            principal_is_aws_service: None,
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

    /// Sets the principal's facts the request carries (tags, organization, whether it is an
    /// AWS service) in the context of a policy request. Only a signed caller has them: an
    /// anonymous request names no principal whose tags could count.
    pub(crate) fn set_principal_facts(&self, pr: &mut crate::policy::Request) {
        if !matches!(pr.caller(), crate::policy::Caller::Principal(_)) {
            return;
        }
        for (k, v) in &self.principal_tags {
            pr.set_principal_tag(k, v);
        }
        if let Some(org) = &self.principal_org_id {
            pr.set("aws:PrincipalOrgID", [org.as_str()]);
        }
        if let Some(b) = self.principal_is_aws_service {
            pr.set("aws:PrincipalIsAWSService", [b.to_string()]);
        }
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
            headers: r.headers.clone(),
            query: r.query.clone(),
            seed: r.seed,
            principal_tags: r.principal_tags.clone(),
            principal_org_id: r.principal_org_id.clone(),
            principal_is_aws_service: r.principal_is_aws_service,
        }
    }
}
