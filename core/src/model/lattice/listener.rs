//! Listeners and their rules: matches on path, method and headers; weighted forwards and fixed
//! responses (aws-rules.md R-LIS-01..09).

use alloc::string::String;
use alloc::vec::Vec;

use crate::model::id::{ListenerId, RuleId, TargetGroupId};

/// A listener's protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListenerProtocol {
    Http,
    Https,
    /// TLS passthrough: the connection is forwarded unterminated (R-LIS-09).
    TlsPassthrough,
}

crate::json_enum!(ListenerProtocol {
    Http = "http",
    Https = "https",
    TlsPassthrough = "tls_passthrough",
});

impl ListenerProtocol {
    /// The name used in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Http => "http",
            Self::Https => "https",
            Self::TlsPassthrough => "tls_passthrough",
        }
    }
}

/// A listener of a service.
#[derive(Clone, Debug, PartialEq)]
pub struct Listener {
    pub id: ListenerId,
    pub name: Option<String>,
    pub protocol: ListenerProtocol,
    /// The port; 80 for HTTP and 443 otherwise when absent.
    pub port: Option<u16>,
    /// What happens when no rule matches (R-LIS-02).
    pub default_action: Action,
    pub rules: Vec<Rule>,
}

crate::json_struct!(Listener {
    id: req,
    name: opt,
    protocol: req,
    port: opt,
    default_action: req,
    rules: opt,
});

impl Listener {
    /// The port, with the protocol's default filled in.
    pub fn effective_port(&self) -> u16 {
        self.port.unwrap_or(match self.protocol {
            ListenerProtocol::Http => 80,
            ListenerProtocol::Https | ListenerProtocol::TlsPassthrough => 443,
        })
    }
}

/// A listener rule, evaluated in priority order, lowest first (R-LIS-03).
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub id: RuleId,
    pub name: Option<String>,
    /// 1 to 100.
    pub priority: u32,
    pub matches: RuleMatch,
    pub action: Action,
}

crate::json_struct!(Rule {
    id: req,
    name: opt,
    priority: req,
    matches as "match": fill,
    action: req,
});

/// The conditions of a rule; all given conditions must hold.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RuleMatch {
    /// The HTTP method, matched exactly and case-sensitively (R-LIS-07).
    pub method: Option<String>,
    pub path: Option<PathMatch>,
    /// At most five (R-LIS-06).
    pub headers: Vec<HeaderMatch>,
}

crate::json_struct!(RuleMatch {
    method: opt,
    path: opt,
    headers: opt,
});

impl RuleMatch {
    /// Whether the rule has no condition at all.
    pub fn is_empty(&self) -> bool {
        self.method.is_none() && self.path.is_none() && self.headers.is_empty()
    }
}

/// How a value is compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StringMatch {
    Exact(String),
    Prefix(String),
    Contains(String),
}

/// A path condition: `{"prefix": "/orders"}` or `{"exact": "/health", "case_sensitive": true}`.
/// Paths match prefix or exact, not case-sensitive unless asked (R-LIS-08).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathMatch {
    pub value: StringMatch,
    pub case_sensitive: bool,
}

/// A header condition: `{"name": "x-tenant", "exact": "blue"}`; prefix, exact or contains, not
/// case-sensitive unless asked (R-LIS-06).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderMatch {
    pub name: String,
    pub value: StringMatch,
    pub case_sensitive: bool,
}

struct MatchRepr {
    name: Option<String>,
    exact: Option<String>,
    prefix: Option<String>,
    contains: Option<String>,
    case_sensitive: bool,
}

crate::json_struct!(MatchRepr {
    name: opt,
    exact: opt,
    prefix: opt,
    contains: opt,
    case_sensitive: opt,
});

impl MatchRepr {
    fn value(
        exact: Option<String>,
        prefix: Option<String>,
        contains: Option<String>,
    ) -> Option<StringMatch> {
        match (exact, prefix, contains) {
            (Some(v), None, None) => Some(StringMatch::Exact(v)),
            (None, Some(v), None) => Some(StringMatch::Prefix(v)),
            (None, None, Some(v)) => Some(StringMatch::Contains(v)),
            _ => None,
        }
    }

    fn from_value(name: Option<String>, value: StringMatch, case_sensitive: bool) -> Self {
        let (exact, prefix, contains) = match value {
            StringMatch::Exact(v) => (Some(v), None, None),
            StringMatch::Prefix(v) => (None, Some(v), None),
            StringMatch::Contains(v) => (None, None, Some(v)),
        };
        Self {
            name,
            exact,
            prefix,
            contains,
            case_sensitive,
        }
    }
}

impl TryFrom<MatchRepr> for PathMatch {
    type Error = &'static str;

    fn try_from(r: MatchRepr) -> Result<Self, Self::Error> {
        if r.name.is_some() || r.contains.is_some() {
            return Err("a path match is `exact` or `prefix`, with no `name` or `contains`");
        }
        let value = MatchRepr::value(r.exact, r.prefix, None)
            .ok_or("a path match names exactly one of `exact` or `prefix`")?;
        Ok(Self {
            value,
            case_sensitive: r.case_sensitive,
        })
    }
}

impl From<PathMatch> for MatchRepr {
    fn from(m: PathMatch) -> Self {
        Self::from_value(None, m.value, m.case_sensitive)
    }
}

impl TryFrom<MatchRepr> for HeaderMatch {
    type Error = &'static str;

    fn try_from(r: MatchRepr) -> Result<Self, Self::Error> {
        let name = r.name.ok_or("a header match needs the header `name`")?;
        let value = MatchRepr::value(r.exact, r.prefix, r.contains)
            .ok_or("a header match names exactly one of `exact`, `prefix` or `contains`")?;
        Ok(Self {
            name,
            value,
            case_sensitive: r.case_sensitive,
        })
    }
}

impl From<HeaderMatch> for MatchRepr {
    fn from(m: HeaderMatch) -> Self {
        Self::from_value(Some(m.name), m.value, m.case_sensitive)
    }
}

impl crate::model::codec::ToJson for PathMatch {
    fn write_json(&self, out: &mut String) {
        crate::model::codec::ToJson::write_json(&MatchRepr::from(self.clone()), out);
    }
}

impl crate::model::codec::FromJson for PathMatch {
    fn from_json(node: crate::json::Node) -> Result<Self, crate::json::JsonError> {
        let pos = node.pos;
        let repr = <MatchRepr as crate::model::codec::FromJson>::from_json(node)?;
        Self::try_from(repr).map_err(|m| crate::model::codec::invalid(pos, String::from(m)))
    }
}

impl crate::model::codec::ToJson for HeaderMatch {
    fn write_json(&self, out: &mut String) {
        crate::model::codec::ToJson::write_json(&MatchRepr::from(self.clone()), out);
    }
}

impl crate::model::codec::FromJson for HeaderMatch {
    fn from_json(node: crate::json::Node) -> Result<Self, crate::json::JsonError> {
        let pos = node.pos;
        let repr = <MatchRepr as crate::model::codec::FromJson>::from_json(node)?;
        Self::try_from(repr).map_err(|m| crate::model::codec::invalid(pos, String::from(m)))
    }
}

/// What a rule or listener does with a request: `{"forward": [...]}` or
/// `{"fixed_response": {"status": 404}}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Forward to target groups by weight (R-LIS-04).
    Forward(Vec<WeightedTarget>),
    /// Answer with a status code and no target (R-LIS-05).
    FixedResponse(FixedResponse),
}

crate::json_oneof!(Action {
    Forward = "forward",
    FixedResponse = "fixed_response",
});

/// A target group and its weight in a forward action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeightedTarget {
    pub target_group: TargetGroupId,
    /// 0 to 999. Default 100.
    pub weight: u32,
}

crate::json_struct!(WeightedTarget {
    target_group: req,
    weight: fill(100),
});

/// A fixed response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedResponse {
    pub status: u16,
}

crate::json_struct!(FixedResponse { status: req });
