//! The request a policy is asked about: who calls, which action, on which resource, and the
//! condition keys of the request context.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use super::{arn, keys};
use crate::json::{self, Node, Pos, Shape};

/// Who makes the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    /// An unsigned request (R-AUTH-07): only `"Principal": "*"` matches it.
    Anonymous,
    /// A signed request from this principal: an IAM user or role ARN, an assumed-role session
    /// ARN, an account root ARN, or a service name.
    Principal(String),
}

impl fmt::Display for Caller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Caller::Anonymous => f.write_str("anonymous"),
            Caller::Principal(p) => f.write_str(p),
        }
    }
}

/// A request to authorize.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    caller: Caller,
    action: String,
    action_lowered: String,
    resource: String,
    // Keyed by `keys::normalize`; the value keeps the key as given and its values.
    context: BTreeMap<String, (String, Vec<String>)>,
}

impl Request {
    /// A request with no context keys beyond those the caller implies: `aws:PrincipalType`
    /// always, `aws:PrincipalArn` and `aws:PrincipalAccount` for a caller with an IAM ARN, and
    /// `aws:username` for an IAM user.
    /// Keys set later with [`Request::set`] replace these.
    pub fn new(caller: Caller, action: &str, resource: &str) -> Self {
        let mut request = Self {
            caller,
            action: action.to_string(),
            action_lowered: action.to_ascii_lowercase(),
            resource: resource.to_string(),
            context: BTreeMap::new(),
        };
        match request.caller.clone() {
            Caller::Anonymous => request.set("aws:PrincipalType", ["Anonymous"]),
            Caller::Principal(p) => {
                if let Some(kind) = arn::principal_type(&p) {
                    request.set("aws:PrincipalType", [kind]);
                }
                if let Some(parts) = arn::ArnParts::split(&p) {
                    if arn::is_account_id(parts.account) {
                        request.set("aws:PrincipalAccount", [parts.account]);
                    }
                    // IAM users carry their friendly name, the last segment of the ARN.
                    if parts.service == "iam"
                        && let Some(user) = parts.resource.strip_prefix("user/")
                        && let Some(name) = user.rsplit('/').next()
                    {
                        request.set("aws:username", [name]);
                    }
                    let principal_arn = arn::role_of_session(&p).unwrap_or(p.clone());
                    request.set("aws:PrincipalArn", [principal_arn]);
                }
            }
        }
        request
    }

    /// Sets a context key to one or more values, replacing what it held. An empty list leaves
    /// the key absent, as IAM treats an empty multivalued key.
    pub fn set<K, I, V>(&mut self, key: K, values: I)
    where
        K: AsRef<str>,
        I: IntoIterator<Item = V>,
        V: Into<String>,
    {
        let key = key.as_ref();
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        let normalized = keys::normalize(key).into_owned();
        if values.is_empty() {
            self.context.remove(&normalized);
        } else {
            self.context.insert(normalized, (key.to_string(), values));
        }
    }

    /// The same request with `key` set; see [`Request::set`].
    #[must_use]
    pub fn with<K, I, V>(mut self, key: K, values: I) -> Self
    where
        K: AsRef<str>,
        I: IntoIterator<Item = V>,
        V: Into<String>,
    {
        self.set(key, values);
        self
    }

    /// The caller.
    pub fn caller(&self) -> &Caller {
        &self.caller
    }

    /// The action, such as `vpc-lattice-svcs:Invoke`.
    pub fn action(&self) -> &str {
        &self.action
    }

    /// The action in ASCII lower case, for case-insensitive matching.
    pub(crate) fn action_lowered(&self) -> &str {
        &self.action_lowered
    }

    /// The resource ARN, such as `arn:aws:vpc-lattice:…:service/svc-0123/rates`.
    pub fn resource(&self) -> &str {
        &self.resource
    }

    /// The values of a context key, by its normalized name.
    pub(crate) fn get_normalized(&self, normalized: &str) -> Option<&[String]> {
        self.context.get(normalized).map(|(_, v)| v.as_slice())
    }

    /// The values of a context key, if the request has it.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.get_normalized(&keys::normalize(key))
    }

    /// Every context key as given, with its values.
    pub fn context(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.context
            .values()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Sets the principal tag `key` (the `aws:PrincipalTag/<key>` context key).
    pub fn set_principal_tag(&mut self, key: &str, value: &str) {
        self.set(alloc::format!("aws:PrincipalTag/{key}"), [value]);
    }

    /// Reads a request file: `{"principal": "<arn>" | "anonymous", "action": "…",
    /// "resource": "…", "context": {"key": "value" | ["v1", "v2"]}}`, and optionally the
    /// principal's facts: `"principal_tags": {"team": "orders"}`, `"principal_account"`,
    /// `"principal_org_id"` and `"principal_is_aws_service": true | false`. Context values are
    /// strings, as in IAM's policy simulator; numbers and booleans are taken as their text. A key
    /// in `context` wins over the same key given as a principal fact.
    pub fn from_json(text: &str) -> Result<Self, RequestParseError> {
        let root = json::parse(text).map_err(|e| RequestParseError {
            pos: e.pos,
            pointer: e.pointer,
            message: alloc::format!("invalid JSON: {}", e.message),
        })?;
        let err = |node: &Node, pointer: &str, message: String| RequestParseError {
            pos: node.pos,
            pointer: pointer.to_string(),
            message,
        };
        let Shape::Object(members) = &root.value else {
            return Err(err(&root, "", String::from("a request must be an object")));
        };
        let field = |name: &str| -> Result<Option<(&Node, String)>, RequestParseError> {
            let Some(m) = members.iter().find(|m| m.key == name) else {
                return Ok(None);
            };
            match &m.node.value {
                Shape::String(s) => Ok(Some((&m.node, s.clone()))),
                other => Err(err(
                    &m.node,
                    &alloc::format!("/{name}"),
                    alloc::format!("`{name}` must be a string, not {}", other.kind()),
                )),
            }
        };
        if let Some(m) = members.iter().find(|m| !FIELDS.contains(&m.key.as_str())) {
            let mut pointer = String::new();
            json::push_pointer_key(&mut pointer, &m.key);
            return Err(RequestParseError {
                pos: m.key_pos,
                pointer,
                message: alloc::format!(
                    "unknown field `{}`: use `principal`, `action`, `resource`, `context`, `principal_tags`, `principal_account`, `principal_org_id` and `principal_is_aws_service`",
                    m.key
                ),
            });
        }
        let missing = |name: &str| err(&root, "", alloc::format!("the request has no `{name}`"));
        let (_, principal) = field("principal")?.ok_or_else(|| missing("principal"))?;
        let (_, action) = field("action")?.ok_or_else(|| missing("action"))?;
        let (_, resource) = field("resource")?.ok_or_else(|| missing("resource"))?;
        let caller = if principal.eq_ignore_ascii_case("anonymous") || principal.is_empty() {
            Caller::Anonymous
        } else {
            Caller::Principal(principal)
        };
        let mut request = Request::new(caller, &action, &resource);
        if let Some(m) = members.iter().find(|m| m.key == "principal_tags") {
            let Shape::Object(tags) = &m.node.value else {
                return Err(err(
                    &m.node,
                    "/principal_tags",
                    alloc::format!(
                        "`principal_tags` must be an object, not {}",
                        m.node.value.kind()
                    ),
                ));
            };
            for tag in tags {
                let Shape::String(value) = &tag.node.value else {
                    let mut pointer = String::from("/principal_tags");
                    json::push_pointer_key(&mut pointer, &tag.key);
                    return Err(err(
                        &tag.node,
                        &pointer,
                        alloc::format!(
                            "principal tag `{}` must hold a string, not {}",
                            tag.key,
                            tag.node.value.kind()
                        ),
                    ));
                };
                request.set_principal_tag(&tag.key, value);
            }
        }
        for (name, key) in [
            ("principal_account", "aws:PrincipalAccount"),
            ("principal_org_id", "aws:PrincipalOrgID"),
        ] {
            if let Some((_, value)) = field(name)? {
                request.set(key, [value]);
            }
        }
        if let Some(m) = members.iter().find(|m| m.key == "principal_is_aws_service") {
            let Shape::Bool(b) = &m.node.value else {
                return Err(err(
                    &m.node,
                    "/principal_is_aws_service",
                    alloc::format!(
                        "`principal_is_aws_service` must be `true` or `false`, not {}",
                        m.node.value.kind()
                    ),
                ));
            };
            request.set("aws:PrincipalIsAWSService", [b.to_string()]);
        }
        if let Some(m) = members.iter().find(|m| m.key == "context") {
            let Shape::Object(entries) = &m.node.value else {
                return Err(err(
                    &m.node,
                    "/context",
                    alloc::format!("`context` must be an object, not {}", m.node.value.kind()),
                ));
            };
            for entry in entries {
                let mut pointer = String::from("/context");
                json::push_pointer_key(&mut pointer, &entry.key);
                let scalar = |n: &Node| match &n.value {
                    Shape::String(s) | Shape::Number(s) => Ok(s.clone()),
                    Shape::Bool(b) => Ok(b.to_string()),
                    other => Err(err(
                        n,
                        &pointer,
                        alloc::format!(
                            "context key `{}` must hold a string or a list of strings, not {}",
                            entry.key,
                            other.kind()
                        ),
                    )),
                };
                let values = match &entry.node.value {
                    Shape::Array(items) => {
                        items.iter().map(scalar).collect::<Result<Vec<_>, _>>()?
                    }
                    _ => alloc::vec![scalar(&entry.node)?],
                };
                request.set(&entry.key, values);
            }
        }
        Ok(request)
    }
}

/// The fields of a request file.
const FIELDS: &[&str] = &[
    "principal",
    "action",
    "resource",
    "context",
    "principal_tags",
    "principal_account",
    "principal_org_id",
    "principal_is_aws_service",
];

/// Why a request file cannot be used. The one error type of [`Request::from_json`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestParseError {
    /// Where the offending text starts.
    pub pos: Pos,
    /// The JSON pointer of the offending value.
    pub pointer: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for RequestParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.pos)?;
        if !self.pointer.is_empty() {
            write!(f, " (`{}`)", self.pointer)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl core::error::Error for RequestParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_facts_are_read_from_the_request_file() {
        // R-AUTH-11: VPC Lattice auth policies test `aws:PrincipalTag/*` and
        // `aws:PrincipalOrgID`; the IAM condition key reference lists `aws:PrincipalAccount` and
        // `aws:PrincipalIsAWSService` among the principal's keys.
        let r = Request::from_json(
            r#"{"principal": "arn:aws:sts::111122223333:assumed-role/app/s1",
                "action": "vpc-lattice-svcs:Invoke", "resource": "*",
                "principal_tags": {"team": "orders", "cost-center": "42"},
                "principal_account": "444455556666", "principal_org_id": "o-abc",
                "principal_is_aws_service": false}"#,
        )
        .unwrap();
        assert_eq!(
            r.get("aws:PrincipalTag/team"),
            Some(&[String::from("orders")][..])
        );
        assert_eq!(
            r.get("aws:principaltag/cost-center"),
            Some(&[String::from("42")][..])
        );
        assert_eq!(
            r.get("aws:PrincipalAccount"),
            Some(&[String::from("444455556666")][..])
        );
        assert_eq!(
            r.get("aws:PrincipalOrgID"),
            Some(&[String::from("o-abc")][..])
        );
        assert_eq!(
            r.get("aws:PrincipalIsAWSService"),
            Some(&[String::from("false")][..])
        );
        let e = Request::from_json(
            r#"{"principal": "anonymous", "action": "a:b", "resource": "*", "principal_tags": {"team": 1}}"#,
        )
        .unwrap_err();
        assert_eq!(e.pointer, "/principal_tags/team");
        assert_eq!(
            e.message,
            "principal tag `team` must hold a string, not a number"
        );
    }
}
