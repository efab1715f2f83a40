//! The request a policy is asked about: who calls, which action, on which resource, and the
//! condition keys of the request context.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use super::arn::{self, ArnParts};
use super::keys;
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
    // INVARIANT: sorted by, and unique in, the normalized key (`keys::normalize`); each entry
    // keeps the key as given and its values. A sorted list rather than a map: requests hold a
    // handful of keys, and the browser's bundle does without a map type of its own.
    context: Vec<(String, String, Vec<String>)>,
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
            context: Vec::new(),
        };
        match request.caller.clone() {
            Caller::Anonymous => request.set("aws:PrincipalType", ["Anonymous"]),
            Caller::Principal(p) => {
                if let Some(kind) = arn::principal_type(&p) {
                    request.set("aws:PrincipalType", [kind]);
                }
                if let Some(parts) = ArnParts::split(&p) {
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
        let at = self
            .context
            .binary_search_by(|(n, _, _)| n.as_str().cmp(&normalized));
        match (at, values.is_empty()) {
            (Ok(i), true) => {
                self.context.remove(i);
            }
            (Ok(i), false) => {
                if let Some(entry) = self.context.get_mut(i) {
                    *entry = (normalized, key.to_string(), values);
                }
            }
            (Err(_), true) => {}
            (Err(i), false) => self
                .context
                .insert(i, (normalized, key.to_string(), values)),
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
        let i = self
            .context
            .binary_search_by(|(n, _, _)| n.as_str().cmp(normalized))
            .ok()?;
        self.context.get(i).map(|(_, _, v)| v.as_slice())
    }

    /// The values of a context key, if the request has it.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        self.get_normalized(&keys::normalize(key))
    }

    /// Every context key as given, with its values.
    pub fn context(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.context
            .iter()
            .map(|(_, k, v)| (k.as_str(), v.as_slice()))
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

/// The request as a person types it in a form, one text per field. `principal` is an ARN, an
/// account id, a service name or `anonymous` (also when empty); `context` holds one `key=value`
/// per line, and a key given on several lines takes all its values (a multivalued key).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestForm<'a> {
    /// Who calls: `arn:aws:iam::123456789012:role/app`, `anonymous`, …
    pub principal: &'a str,
    /// The action, such as `vpc-lattice-svcs:Invoke`.
    pub action: &'a str,
    /// The resource ARN.
    pub resource: &'a str,
    /// Condition keys, one `key=value` a line; blank lines are skipped.
    pub context: &'a str,
}

/// A field of a [`RequestForm`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestField {
    /// [`RequestForm::principal`]
    Principal,
    /// [`RequestForm::action`]
    Action,
    /// [`RequestForm::resource`]
    Resource,
    /// [`RequestForm::context`]
    Context,
}

impl RequestField {
    /// The field's stable name: `principal`, `action`, `resource` or `context`.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestField::Principal => "principal",
            RequestField::Action => "action",
            RequestField::Resource => "resource",
            RequestField::Context => "context",
        }
    }
}

/// What is wrong with one field of a request form. The error type of [`Request::from_form`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestFormError {
    /// The field.
    pub field: RequestField,
    /// For the context, the line, from 1.
    pub line: Option<usize>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for RequestFormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl core::error::Error for RequestFormError {}

impl Request {
    /// Reads a request typed in a form, checking every field before giving up, so that each
    /// field can show its own problem. The request is the one [`Request::new`] makes, with the
    /// context keys set after the ones the caller implies.
    pub fn from_form(form: &RequestForm<'_>) -> Result<Self, Vec<RequestFormError>> {
        let mut errors = Vec::new();
        let mut fail = |field, line, message| {
            errors.push(RequestFormError {
                field,
                line,
                message,
            });
        };
        let caller = form_caller(form.principal.trim())
            .map_err(|m| fail(RequestField::Principal, None, m))
            .ok();
        let action = form.action.trim();
        if let Err(m) = form_action(action) {
            fail(RequestField::Action, None, m);
        }
        let resource = form.resource.trim();
        if resource.is_empty() {
            fail(
                RequestField::Resource,
                None,
                String::from("give the resource's ARN, such as `arn:aws:s3:::bucket/key`"),
            );
        } else if let Err(m) = form_arn(resource) {
            fail(RequestField::Resource, None, m);
        }
        // Keyed by `keys::normalize`, in the order first given.
        let mut context: Vec<(String, &str, Vec<String>)> = Vec::new();
        for (i, line) in form.context.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            match form_context_line(line) {
                Ok((key, value)) => {
                    let normalized = keys::normalize(key);
                    match context.iter_mut().find(|(n, _, _)| *n == normalized) {
                        Some((_, _, values)) => values.push(value.to_string()),
                        None => context.push((
                            normalized.into_owned(),
                            key,
                            alloc::vec![value.to_string()],
                        )),
                    }
                }
                Err(m) => fail(RequestField::Context, Some(i + 1), m),
            }
        }
        match caller {
            Some(caller) if errors.is_empty() => {
                let mut request = Request::new(caller, action, resource);
                for (_, key, values) in context {
                    request.set(key, values);
                }
                Ok(request)
            }
            _ => Err(errors),
        }
    }
}

/// The caller a form's principal names.
fn form_caller(principal: &str) -> Result<Caller, String> {
    if principal.is_empty() || principal.eq_ignore_ascii_case("anonymous") {
        return Ok(Caller::Anonymous);
    }
    let word = !principal.contains(char::is_whitespace);
    if principal.starts_with("arn:") {
        form_arn(principal)?;
    } else if !(word && (arn::is_account_id(principal) || principal.contains('.'))) {
        return Err(alloc::format!(
            "`{principal}` is not a principal: give an ARN such as \
             `arn:aws:iam::123456789012:role/app`, an account id, a service such as \
             `lambda.amazonaws.com`, or `anonymous`"
        ));
    }
    Ok(Caller::Principal(principal.to_string()))
}

/// Checks that `text` has the six parts of an ARN, with a partition, a service and a resource.
fn form_arn(text: &str) -> Result<(), String> {
    let why = if !text.starts_with("arn:") {
        "an ARN starts with `arn:`"
    } else if text.contains(char::is_whitespace) {
        "it has a space"
    } else {
        match ArnParts::split(text) {
            None => "it needs six parts, `arn:partition:service:region:account:resource`",
            Some(p) if p.partition.is_empty() || p.service.is_empty() || p.resource.is_empty() => {
                "its partition, service and resource must not be empty"
            }
            Some(_) => return Ok(()),
        }
    };
    Err(alloc::format!("`{text}` is not an ARN: {why}"))
}

/// Checks that `action` names one action, as `service:Action`.
fn form_action(action: &str) -> Result<(), String> {
    if action.is_empty() {
        return Err(String::from(
            "give an action, such as `vpc-lattice-svcs:Invoke`",
        ));
    }
    let well_formed = action.split_once(':').is_some_and(|(service, name)| {
        !service.is_empty() && !name.is_empty() && !name.contains(':')
    }) && !action.contains(char::is_whitespace);
    if !well_formed {
        return Err(alloc::format!(
            "`{action}` is not an action: write it as `service:Action`, such as `s3:GetObject`"
        ));
    }
    if action.contains(['*', '?']) {
        return Err(alloc::format!(
            "`{action}` has a wildcard: a request names one action"
        ));
    }
    Ok(())
}

/// Splits a context line into its key and value.
fn form_context_line(line: &str) -> Result<(&str, &str), String> {
    let Some((key, value)) = line.split_once('=') else {
        return Err(alloc::format!(
            "`{line}` has no `=`: write `key=value`, such as `aws:SourceVpc=vpc-1`"
        ));
    };
    let key = key.trim();
    if key.is_empty() {
        return Err(alloc::format!("`{line}` has no key before `=`"));
    }
    let well_formed = key
        .split_once(':')
        .is_some_and(|(prefix, name)| !prefix.is_empty() && !name.is_empty())
        && !key.contains(char::is_whitespace);
    if !well_formed {
        return Err(alloc::format!(
            "`{key}` is not a condition key: write it as `prefix:Name`, such as `aws:SourceVpc`"
        ));
    }
    Ok((key, value.trim()))
}

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

    const ROLE: &str = "arn:aws:iam::123456789012:role/app";
    const SERVICE: &str = "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123/rates";

    fn form<'a>(principal: &'a str, action: &'a str, context: &'a str) -> RequestForm<'a> {
        RequestForm {
            principal,
            action,
            resource: SERVICE,
            context,
        }
    }

    /// The problems of a form as `field[:line]: message`, one a line.
    fn problems(form: &RequestForm<'_>) -> String {
        match Request::from_form(form) {
            Ok(_) => String::from("ok"),
            Err(errors) => errors
                .iter()
                .map(|e| match e.line {
                    Some(line) => alloc::format!("{}:{line}: {}", e.field.as_str(), e.message),
                    None => alloc::format!("{}: {}", e.field.as_str(), e.message),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    #[test]
    fn a_well_formed_form_is_the_request_new_makes_with_the_context_after() {
        let request = Request::from_form(&form(
            &alloc::format!("  {ROLE} "),
            "vpc-lattice-svcs:Invoke",
            "aws:SourceVpc=vpc-1\n\n vpc-lattice-svcs:RequestMethod = GET \naws:sourcevpc=vpc-2",
        ))
        .unwrap();
        let want = Request::new(
            Caller::Principal(ROLE.to_string()),
            "vpc-lattice-svcs:Invoke",
            SERVICE,
        )
        .with("aws:SourceVpc", ["vpc-1", "vpc-2"])
        .with("vpc-lattice-svcs:RequestMethod", ["GET"]);
        assert_eq!(request, want);
        assert_eq!(request.get("aws:PrincipalType").unwrap(), ["AssumedRole"]);
    }

    #[test]
    fn principals_the_form_takes() {
        for (principal, caller) in [
            ("", Caller::Anonymous),
            ("Anonymous", Caller::Anonymous),
            ("123456789012", Caller::Principal("123456789012".into())),
            (
                "lambda.amazonaws.com",
                Caller::Principal("lambda.amazonaws.com".into()),
            ),
            (
                "arn:aws:sts::123456789012:assumed-role/app/i-1",
                Caller::Principal("arn:aws:sts::123456789012:assumed-role/app/i-1".into()),
            ),
        ] {
            let request = Request::from_form(&form(principal, "s3:GetObject", "")).unwrap();
            assert_eq!(request.caller(), &caller, "{principal}");
        }
    }

    #[test]
    fn a_context_key_can_replace_what_the_caller_implies() {
        let request =
            Request::from_form(&form(ROLE, "s3:GetObject", "aws:PrincipalType=User")).unwrap();
        assert_eq!(request.get("aws:PrincipalType").unwrap(), ["User"]);
    }

    #[test]
    fn every_field_reports_its_own_problem() {
        let cases = [
            (
                form("arn:aws:iam::role/app", "s3:GetObject", ""),
                "principal: `arn:aws:iam::role/app` is not an ARN: it needs six parts, \
                 `arn:partition:service:region:account:resource`",
            ),
            (
                form("bob", "s3:GetObject", ""),
                "principal: `bob` is not a principal: give an ARN such as \
                 `arn:aws:iam::123456789012:role/app`, an account id, a service such as \
                 `lambda.amazonaws.com`, or `anonymous`",
            ),
            (
                form("arn:aws::::x", "s3:GetObject", ""),
                "principal: `arn:aws::::x` is not an ARN: its partition, service and resource \
                 must not be empty",
            ),
            (
                form(ROLE, "", ""),
                "action: give an action, such as `vpc-lattice-svcs:Invoke`",
            ),
            (
                form(ROLE, "GetObject", ""),
                "action: `GetObject` is not an action: write it as `service:Action`, such as \
                 `s3:GetObject`",
            ),
            (
                form(ROLE, "s3:Get*", ""),
                "action: `s3:Get*` has a wildcard: a request names one action",
            ),
            (
                form(
                    ROLE,
                    "s3:GetObject",
                    "aws:SourceVpc=vpc-1\naws:SourceVpce vpce-1",
                ),
                "context:2: `aws:SourceVpce vpce-1` has no `=`: write `key=value`, such as \
                 `aws:SourceVpc=vpc-1`",
            ),
            (
                form(ROLE, "s3:GetObject", "=vpc-1"),
                "context:1: `=vpc-1` has no key before `=`",
            ),
            (
                form(ROLE, "s3:GetObject", "SourceVpc=vpc-1"),
                "context:1: `SourceVpc` is not a condition key: write it as `prefix:Name`, such \
                 as `aws:SourceVpc`",
            ),
            // Every field is read before giving up.
            (
                RequestForm {
                    principal: "bob smith",
                    action: "s3 GetObject",
                    resource: "bucket/key",
                    context: "a\n\nb",
                },
                "principal: `bob smith` is not a principal: give an ARN such as \
                 `arn:aws:iam::123456789012:role/app`, an account id, a service such as \
                 `lambda.amazonaws.com`, or `anonymous`\n\
                 action: `s3 GetObject` is not an action: write it as `service:Action`, such as \
                 `s3:GetObject`\n\
                 resource: `bucket/key` is not an ARN: an ARN starts with `arn:`\n\
                 context:1: `a` has no `=`: write `key=value`, such as `aws:SourceVpc=vpc-1`\n\
                 context:3: `b` has no `=`: write `key=value`, such as `aws:SourceVpc=vpc-1`",
            ),
        ];
        for (form, want) in cases {
            assert_eq!(problems(&form), want, "{form:?}");
        }
        let empty_resource = RequestForm {
            resource: " ",
            ..form(ROLE, "s3:GetObject", "")
        };
        assert_eq!(
            problems(&empty_resource),
            "resource: give the resource's ARN, such as `arn:aws:s3:::bucket/key`"
        );
        let spaced = RequestForm {
            resource: "arn:aws:s3:::my bucket",
            ..form(ROLE, "s3:GetObject", "")
        };
        assert_eq!(
            problems(&spaced),
            "resource: `arn:aws:s3:::my bucket` is not an ARN: it has a space"
        );
    }

    #[test]
    fn a_form_error_shows_its_line() {
        let e = RequestFormError {
            field: RequestField::Context,
            line: Some(2),
            message: String::from("`x` has no `=`"),
        };
        assert_eq!(e.to_string(), "line 2: `x` has no `=`");
    }
}
