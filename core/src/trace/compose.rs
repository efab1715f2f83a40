//! The request composer: the text a person types into a request form becomes a flow request, or
//! one message per field that is wrong, so the form can show each message next to its field.
//!
//! The browser's composer and saved flows share this: a flow opens in the form through
//! [`Draft::of`], and whatever the form sends can be saved as a flow unchanged.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::IpAddr;

use crate::model::Topology;
use crate::model::flow::{Principal, Request, RequestProtocol};
use crate::model::id::{AccountId, ObjectId};

/// A field of the request form. Names are stable: the browser marks fields by them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    From,
    To,
    Protocol,
    Port,
    Method,
    Path,
    Query,
    Headers,
    Principal,
    PrincipalTags,
    PrincipalOrgId,
    Account,
    SourceIp,
    Seed,
}

impl Field {
    /// The field's stable name, such as `port`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::From => "from",
            Self::To => "to",
            Self::Protocol => "protocol",
            Self::Port => "port",
            Self::Method => "method",
            Self::Path => "path",
            Self::Query => "query",
            Self::Headers => "headers",
            Self::Principal => "principal",
            Self::PrincipalTags => "principal_tags",
            Self::PrincipalOrgId => "principal_org_id",
            Self::Account => "account",
            Self::SourceIp => "source_ip",
            Self::Seed => "seed",
        }
    }
}

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// The request form as typed: every field is text, checked only by [`Draft::check`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub from: String,
    pub to: String,
    /// `tcp`, `udp`, `http`, `https`, `grpc` or `tls`.
    pub protocol: String,
    /// Empty for the protocol's usual port.
    pub port: String,
    pub method: String,
    pub path: String,
    /// The query string, with or without the leading `?`.
    pub query: String,
    /// One `Name: value` per line; names keep the case they were typed in.
    pub headers: String,
    /// An IAM principal ARN, or empty or `anonymous` for an unsigned caller.
    pub principal: String,
    /// Whether the request is SigV4-signed; `None` for the default (signed exactly when a
    /// principal is given).
    pub signed: Option<bool>,
    /// The caller's principal tags, one `key=value` a line.
    pub principal_tags: String,
    /// The caller's AWS Organizations id (`aws:PrincipalOrgID`); empty for the account's.
    pub principal_org_id: String,
    /// Whether the caller is an AWS service principal (`aws:PrincipalIsAWSService`).
    pub principal_is_aws_service: Option<bool>,
    /// The calling account; empty for the source's.
    pub account: String,
    /// The source address; empty for the source object's.
    pub source_ip: String,
    /// The seed for every choice the trace makes; empty for 0.
    pub seed: String,
}

/// Whether `name` is an HTTP header name (an RFC 9110 token).
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn protocol_of(name: &str) -> Option<RequestProtocol> {
    Some(match name.trim().to_ascii_lowercase().as_str() {
        "tcp" => RequestProtocol::Tcp,
        "udp" => RequestProtocol::Udp,
        "" | "http" => RequestProtocol::Http,
        "https" => RequestProtocol::Https,
        "grpc" => RequestProtocol::Grpc,
        "tls" => RequestProtocol::Tls,
        _ => return None,
    })
}

/// The name a protocol is written with.
pub fn protocol_name(p: RequestProtocol) -> &'static str {
    match p {
        RequestProtocol::Tcp => "tcp",
        RequestProtocol::Udp => "udp",
        RequestProtocol::Http => "http",
        RequestProtocol::Https => "https",
        RequestProtocol::Grpc => "grpc",
        RequestProtocol::Tls => "tls",
    }
}

/// Whether `to` reads as a DNS name: dot-separated labels of letters, digits and hyphens.
fn is_dns_name(to: &str) -> bool {
    let name = to.strip_suffix('.').unwrap_or(to);
    name.contains('.')
        && name.len() <= 253
        && name.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

impl Draft {
    /// The form filled in with a flow's request.
    pub fn of(r: &Request) -> Self {
        let mut headers = String::new();
        for (k, v) in &r.headers {
            if !headers.is_empty() {
                headers.push('\n');
            }
            headers.push_str(k);
            headers.push_str(": ");
            headers.push_str(v);
        }
        Self {
            from: r.from.as_str().to_string(),
            to: r.to.clone(),
            protocol: protocol_name(r.protocol).to_string(),
            port: r.port.map(|p| p.to_string()).unwrap_or_default(),
            method: r.method.clone().unwrap_or_default(),
            path: r.path.clone().unwrap_or_default(),
            query: r.query.clone(),
            headers,
            principal: match &r.principal {
                Principal::Anonymous => String::new(),
                Principal::Arn(a) => a.clone(),
            },
            signed: r.signed,
            principal_tags: r
                .principal_tags
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("\n"),
            principal_org_id: r.principal_org_id.clone().unwrap_or_default(),
            principal_is_aws_service: r.principal_is_aws_service,
            account: r
                .account
                .as_ref()
                .map(|a| a.as_str().to_string())
                .unwrap_or_default(),
            source_ip: r.source_ip.map(|ip| ip.to_string()).unwrap_or_default(),
            seed: if r.seed == 0 {
                String::new()
            } else {
                r.seed.to_string()
            },
        }
    }

    /// Checks every field against `topology`: the request, or what is wrong with each field
    /// (every wrong field, not only the first).
    pub fn check(&self, topology: &Topology) -> Result<Request, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: Field, message: String| errors.push(FieldError { field, message });

        let from = self.from.trim();
        let from_id = if from.is_empty() {
            fail(
                Field::From,
                String::from(
                    "choose where the request starts: click an object on the canvas or pick one",
                ),
            );
            None
        } else if topology.kind_of(from).is_none() {
            fail(Field::From, format!("no object `{from}` in this topology"));
            None
        } else {
            ObjectId::new(from).ok()
        };

        let to = self.to.trim();
        if to.is_empty() {
            fail(
                Field::To,
                String::from("give a destination: an object, a DNS name or an IP address"),
            );
        } else if topology.kind_of(to).is_none()
            && to.parse::<IpAddr>().is_err()
            && !is_dns_name(to)
        {
            fail(
                Field::To,
                format!("`{to}` is not an object of this topology, an IP address or a DNS name"),
            );
        }

        let protocol = protocol_of(&self.protocol);
        if protocol.is_none() {
            fail(
                Field::Protocol,
                format!(
                    "`{}` is not a protocol: use tcp, udp, http, https, grpc or tls",
                    self.protocol.trim()
                ),
            );
        }
        let protocol = protocol.unwrap_or_default();

        let port_text = self.port.trim();
        let port = if port_text.is_empty() {
            if protocol.default_port().is_none() {
                fail(
                    Field::Port,
                    format!("{} needs a port", protocol_name(protocol)),
                );
            }
            None
        } else {
            match port_text.parse::<u32>() {
                Ok(p @ 1..=65535) => u16::try_from(p).ok(),
                Ok(p) => {
                    fail(
                        Field::Port,
                        format!("port {p} is out of range: a port is a number from 1 to 65535"),
                    );
                    None
                }
                Err(_) => {
                    fail(
                        Field::Port,
                        format!("`{port_text}` is not a port: a port is a number from 1 to 65535"),
                    );
                    None
                }
            }
        };

        let http = protocol.is_http();
        let method = self.method.trim();
        if http && !method.is_empty() && !is_token(method) {
            fail(
                Field::Method,
                format!("`{method}` is not an HTTP method (letters such as GET or POST)"),
            );
        }
        let path = self.path.trim();
        if http && !path.is_empty() && !path.starts_with('/') {
            fail(
                Field::Path,
                format!("`{path}` is not a path: a path starts with `/`"),
            );
        }
        let query = self.query.trim();
        let query = query.strip_prefix('?').unwrap_or(query);
        if query.chars().any(char::is_whitespace) {
            fail(
                Field::Query,
                String::from("a query string has no spaces: write them as `%20`"),
            );
        }

        let mut headers = BTreeMap::new();
        for (n, line) in self.headers.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let Some((name, value)) = line.split_once(':') else {
                fail(
                    Field::Headers,
                    format!("line {}: `{line}` is not `Name: value`", n + 1),
                );
                continue;
            };
            let name = name.trim();
            if !is_token(name) {
                fail(
                    Field::Headers,
                    format!(
                        "line {}: `{name}` is not a header name (letters, digits and - only)",
                        n + 1
                    ),
                );
                continue;
            }
            if headers
                .keys()
                .any(|k: &String| k.eq_ignore_ascii_case(name))
            {
                fail(
                    Field::Headers,
                    format!("line {}: the header `{name}` is given twice", n + 1),
                );
                continue;
            }
            headers.insert(name.to_string(), value.trim().to_string());
        }
        if !http && !headers.is_empty() {
            fail(
                Field::Headers,
                format!("{} carries no HTTP headers", protocol_name(protocol)),
            );
        }

        let principal_text = self.principal.trim();
        let principal = if principal_text.is_empty() || principal_text == "anonymous" {
            Principal::Anonymous
        } else if crate::policy::ArnParts::split(principal_text).is_some() {
            Principal::Arn(principal_text.to_string())
        } else {
            fail(
                Field::Principal,
                format!(
                    "`{principal_text}` is not an ARN such as `arn:aws:iam::111122223333:role/app`, nor `anonymous`"
                ),
            );
            Principal::Anonymous
        };

        let mut principal_tags = BTreeMap::new();
        for (n, line) in self.principal_tags.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            match line.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() => {
                    principal_tags.insert(k.trim().to_string(), v.trim().to_string());
                }
                _ => fail(
                    Field::PrincipalTags,
                    format!("line {}: `{line}` is not `key=value`", n + 1),
                ),
            }
        }
        let org = self.principal_org_id.trim();
        let principal_org_id = if org.is_empty() {
            None
        } else if org.len() >= 12
            && org.strip_prefix("o-").is_some_and(|rest| {
                rest.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
        {
            Some(org.to_string())
        } else {
            fail(
                Field::PrincipalOrgId,
                format!("`{org}` is not an organization id such as `o-a1b2c3d4e5`"),
            );
            None
        };

        let account_text = self.account.trim();
        let account = if account_text.is_empty() {
            None
        } else if account_text.len() == 12 && account_text.bytes().all(|b| b.is_ascii_digit()) {
            AccountId::new(account_text).ok()
        } else {
            fail(
                Field::Account,
                format!("`{account_text}` is not an account id (12 digits)"),
            );
            None
        };

        let ip_text = self.source_ip.trim();
        let source_ip = if ip_text.is_empty() {
            None
        } else if let Ok(ip) = ip_text.parse::<IpAddr>() {
            Some(ip)
        } else {
            fail(Field::SourceIp, format!("`{ip_text}` is not an IP address"));
            None
        };

        let seed_text = self.seed.trim();
        let seed = if seed_text.is_empty() {
            0
        } else if let Ok(s) = seed_text.parse::<u64>() {
            s
        } else {
            fail(
                Field::Seed,
                format!("`{seed_text}` is not a seed (a whole number from 0)"),
            );
            0
        };

        let Some(from) = from_id else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let keep = |s: &str| (http && !s.is_empty()).then(|| s.to_string());
        Ok(Request {
            from,
            source_ip,
            account,
            principal,
            signed: self.signed,
            principal_tags,
            principal_org_id,
            principal_is_aws_service: self.principal_is_aws_service,
            to: to.to_string(),
            protocol,
            port,
            method: keep(method),
            path: keep(path),
            headers,
            query: if http {
                query.to_string()
            } else {
                String::new()
            },
            seed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
      "version": 1,
      "vpcs": [{ "id": "vpc-1", "cidrs": ["10.0.0.0/16"] }],
      "subnets": [{ "id": "sub-1", "vpc": "vpc-1", "cidr": "10.0.1.0/24", "zone": "use1-az1" }],
      "instances": [{ "id": "i-1", "subnet": "sub-1" }, { "id": "i-2", "subnet": "sub-1" }]
    }"#;

    fn topology() -> Topology {
        Topology::from_json(DOC).unwrap()
    }

    fn draft(from: &str, to: &str) -> Draft {
        Draft {
            from: from.into(),
            to: to.into(),
            protocol: "http".into(),
            ..Draft::default()
        }
    }

    fn fields(d: &Draft) -> Vec<(&'static str, String)> {
        match d.check(&topology()) {
            Ok(_) => Vec::new(),
            Err(es) => es
                .into_iter()
                .map(|e| (e.field.as_str(), e.message))
                .collect(),
        }
    }

    #[test]
    fn a_plain_request_passes_with_defaults() {
        let r = draft("i-1", "i-2").check(&topology()).unwrap();
        assert_eq!(r.from.as_str(), "i-1");
        assert_eq!(r.effective_port(), Some(80));
        assert_eq!(r.principal, Principal::Anonymous);
        assert!(!r.is_signed());
        // Destinations may also be names and addresses the topology does not hold.
        for to in ["10.0.1.99", "api.example.com", "fd00::1"] {
            assert!(draft("i-1", to).check(&topology()).is_ok(), "{to}");
        }
    }

    #[test]
    fn nonsense_is_refused_field_by_field() {
        let e = fields(&draft("", "i-2"));
        assert_eq!(e[0].0, "from");
        let e = fields(&draft("i-9", "i-2"));
        assert_eq!(
            e,
            [("from", "no object `i-9` in this topology".to_string())]
        );
        let e = fields(&draft("i-1", "nowhere"));
        assert_eq!(e[0].0, "to");
        assert!(e[0].1.contains("`nowhere`"), "{e:?}");
        let mut d = draft("i-1", "i-2");
        d.port = "70000".into();
        d.headers = "X-Ok: 1\nBroken header\nBad Name: x".into();
        d.principal = "root".into();
        d.account = "12".into();
        d.source_ip = "10.0.1".into();
        d.seed = "-1".into();
        d.path = "orders".into();
        let e = fields(&d);
        let names: Vec<&str> = e.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            names,
            [
                "port",
                "path",
                "headers",
                "headers",
                "principal",
                "account",
                "source_ip",
                "seed"
            ]
        );
        assert!(
            e[0].1.contains("70000") && e[0].1.contains("65535"),
            "{e:?}"
        );
        assert!(e[2].1.starts_with("line 2:"), "{e:?}");
        assert!(e[3].1.contains("`Bad Name`"), "{e:?}");
    }

    #[test]
    fn tcp_needs_a_port_and_carries_no_http() {
        let mut d = draft("i-1", "i-2");
        d.protocol = "TCP".into();
        assert_eq!(fields(&d)[0].0, "port");
        d.port = "5432".into();
        d.headers = "X-A: 1".into();
        assert_eq!(fields(&d)[0].0, "headers");
        d.headers.clear();
        d.method = "GET".into();
        let r = d.check(&topology()).unwrap();
        assert_eq!(r.method, None, "a tcp request keeps no method");
        d.protocol = "smtp".into();
        assert_eq!(fields(&d)[0].0, "protocol");
    }

    #[test]
    fn a_flow_round_trips_through_the_form_with_header_case_kept() {
        let mut d = draft("i-1", "api.example.com");
        d.protocol = "https".into();
        d.method = "DELETE".into();
        d.path = "/cart".into();
        d.query = "?a=1&b=2".into();
        d.headers = "X-Beta: YES\ncontent-type: text/plain".into();
        d.principal = "arn:aws:iam::111122223333:role/app".into();
        d.account = "111122223333".into();
        d.source_ip = "10.0.1.7".into();
        d.seed = "9".into();
        d.signed = Some(false);
        d.principal_tags = "team=blue\nenv = prod".into();
        d.principal_org_id = "o-a1b2c3d4e5".into();
        let r = d.check(&topology()).unwrap();
        assert_eq!(r.headers.get("X-Beta").map(String::as_str), Some("YES"));
        assert_eq!(r.query, "a=1&b=2");
        assert_eq!(
            r.principal_tags.get("env").map(String::as_str),
            Some("prod")
        );
        assert!(!r.is_signed());
        let again = Draft::of(&r).check(&topology()).unwrap();
        assert_eq!(again, r);
    }
}
