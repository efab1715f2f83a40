//! Policy JSON → [`Policy`]: checks every element and refuses what IAM would refuse, with the
//! JSON pointer and line/column of the offending value.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::arn::{self, ArnParts};
use super::ast::{
    Actions, Condition, Effect, Policy, PrincipalEntry, PrincipalKind, Principals, Resources,
    Statement,
};
use super::error::{PolicyParseError, PolicyParseErrorKind as Kind};
use super::operator::{operator, prepare};
use super::variable::Template;
use super::{keys, wildcard};
use crate::json::{self, Member, Node, Pos, Shape};

/// Parses and checks a policy document.
pub fn parse_policy(text: &str) -> Result<Policy, PolicyParseError> {
    let root = json::parse(text).map_err(|e| PolicyParseError {
        pos: e.pos,
        pointer: e.pointer,
        kind: Kind::InvalidJson { message: e.message },
    })?;
    let top = Path::Root;
    let members = object(&root, &top, "")?;
    let mut policy = Policy {
        version: None,
        id: None,
        statements: Vec::new(),
        statement_is_array: false,
    };
    let mut statement_node = None;
    for m in members {
        let here = top.key(&m.key);
        match m.key.as_str() {
            "Version" => {
                let v = string(&m.node, &here, "Version")?;
                if v != "2012-10-17" && v != "2008-10-17" {
                    return Err(
                        here.error(m.node.pos, Kind::UnsupportedVersion { found: v.into() })
                    );
                }
                policy.version = Some(v.to_string());
            }
            "Id" => policy.id = Some(string(&m.node, &here, "Id")?.to_string()),
            "Statement" => statement_node = Some(&m.node),
            _ => return Err(unknown(m, &top)),
        }
    }
    let Some(node) = statement_node else {
        return Err(top.error(
            root.pos,
            Kind::MissingElement {
                parent: "the policy",
                element: "`Statement`",
            },
        ));
    };
    let here = top.key("Statement");
    // Policy variables are replaced only in this version; in others their text is literal.
    let variables = policy.version.as_deref() == Some("2012-10-17");
    match &node.value {
        Shape::Array(items) => {
            policy.statement_is_array = true;
            for (i, item) in items.iter().enumerate() {
                let st = statement(item, &here.index(i), i, variables)?;
                policy.statements.push(st);
            }
        }
        Shape::Object(_) => policy
            .statements
            .push(statement(node, &here, 0, variables)?),
        other => {
            return Err(here.error(
                node.pos,
                Kind::WrongType {
                    element: "Statement".into(),
                    expected: "an object or an array of objects",
                    found: other.kind(),
                },
            ));
        }
    }
    Ok(policy)
}

impl core::str::FromStr for Policy {
    type Err = PolicyParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_policy(s)
    }
}

/// A listed value: its text, where it starts, and its index when it sits in an array.
pub(super) type Listed<T> = (T, Pos, Option<usize>);

/// The JSON pointer being checked, built only when an error needs it.
#[derive(Clone, Copy)]
pub(super) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    fn key(&'a self, k: &'a str) -> Path<'a> {
        Path::Key(self, k)
    }

    fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }

    fn pointer(&self) -> String {
        let mut steps = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root => break,
                Path::Key(parent, k) => {
                    steps.push(Ok(*k));
                    at = parent;
                }
                Path::Index(parent, i) => {
                    steps.push(Err(*i));
                    at = parent;
                }
            }
        }
        let mut out = String::new();
        for step in steps.iter().rev() {
            match step {
                Ok(k) => json::push_pointer_key(&mut out, k),
                Err(i) => {
                    out.push('/');
                    out.push_str(&i.to_string());
                }
            }
        }
        out
    }

    pub(super) fn error(&self, pos: Pos, kind: Kind) -> PolicyParseError {
        PolicyParseError {
            pos,
            pointer: self.pointer(),
            kind,
        }
    }
}

fn unknown(m: &Member, parent: &Path<'_>) -> PolicyParseError {
    parent.key(&m.key).error(
        m.key_pos,
        Kind::UnknownElement {
            name: m.key.clone(),
        },
    )
}

fn wrong(node: &Node, path: &Path<'_>, element: &str, expected: &'static str) -> PolicyParseError {
    path.error(
        node.pos,
        Kind::WrongType {
            element: element.into(),
            expected,
            found: node.value.kind(),
        },
    )
}

fn object<'n>(
    node: &'n Node,
    path: &Path<'_>,
    element: &str,
) -> Result<&'n [Member], PolicyParseError> {
    match &node.value {
        Shape::Object(members) => Ok(members),
        _ => Err(wrong(node, path, element, "an object")),
    }
}

fn string<'n>(node: &'n Node, path: &Path<'_>, element: &str) -> Result<&'n str, PolicyParseError> {
    match &node.value {
        Shape::String(s) => Ok(s),
        _ => Err(wrong(node, path, element, "a string")),
    }
}

/// A string or a non-empty array of strings, with each string's position and path index.
fn strings<'n>(
    node: &'n Node,
    path: &Path<'_>,
    element: &str,
) -> Result<Vec<Listed<&'n str>>, PolicyParseError> {
    const EXPECTED: &str = "a string or an array of strings";
    match &node.value {
        Shape::String(s) => Ok(alloc::vec![(s.as_str(), node.pos, None)]),
        Shape::Array(items) if items.is_empty() => Err(path.error(
            node.pos,
            Kind::EmptyList {
                element: element.into(),
            },
        )),
        Shape::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match &item.value {
                Shape::String(s) => Ok((s.as_str(), item.pos, Some(i))),
                _ => Err(wrong(item, &path.index(i), element, EXPECTED)),
            })
            .collect(),
        _ => Err(wrong(node, path, element, EXPECTED)),
    }
}

pub(super) fn at<'a>(path: &'a Path<'a>, i: Option<usize>) -> Path<'a> {
    match i {
        Some(i) => path.index(i),
        None => *path,
    }
}

fn statement(
    node: &Node,
    path: &Path<'_>,
    index: usize,
    variables: bool,
) -> Result<Statement, PolicyParseError> {
    let members = object(node, path, "Statement")?;
    let mut sid = None;
    let mut effect = None;
    let mut principal: Option<(&'static str, Principals)> = None;
    let mut action: Option<(&'static str, Actions)> = None;
    let mut resource: Option<(&'static str, Resources)> = None;
    let mut conditions = Vec::new();
    for m in members {
        let here = path.key(&m.key);
        let conflict = |first: &'static str, second: &'static str| {
            here.error(m.key_pos, Kind::ConflictingElements { first, second })
        };
        match m.key.as_str() {
            "Sid" => sid = Some(string(&m.node, &here, "Sid")?.to_string()),
            "Effect" => {
                let e = string(&m.node, &here, "Effect")?;
                effect = Some(match e {
                    "Allow" => Effect::Allow,
                    "Deny" => Effect::Deny,
                    _ => {
                        return Err(here.error(m.node.pos, Kind::UnknownEffect { found: e.into() }));
                    }
                });
            }
            name @ ("Principal" | "NotPrincipal") => {
                let (name, _) = pair(name, "Principal", "NotPrincipal");
                if let Some((prev, _)) = principal {
                    return Err(conflict(prev, name));
                }
                principal = Some((name, principals(&m.node, &here, name)?));
            }
            name @ ("Action" | "NotAction") => {
                let (name, _) = pair(name, "Action", "NotAction");
                if let Some((prev, _)) = action {
                    return Err(conflict(prev, name));
                }
                action = Some((name, actions(&m.node, &here, name)?));
            }
            name @ ("Resource" | "NotResource") => {
                let (name, _) = pair(name, "Resource", "NotResource");
                if let Some((prev, _)) = resource {
                    return Err(conflict(prev, name));
                }
                resource = Some((name, resources(&m.node, &here, name, variables)?));
            }
            "Condition" => conditions = condition_block(&m.node, &here, variables)?,
            _ => return Err(unknown(m, path)),
        }
    }
    let Some(effect) = effect else {
        return Err(path.error(
            node.pos,
            Kind::MissingElement {
                parent: "the statement",
                element: "`Effect`",
            },
        ));
    };
    let Some((_, action)) = action else {
        return Err(path.error(
            node.pos,
            Kind::MissingElement {
                parent: "the statement",
                element: "`Action` or `NotAction`",
            },
        ));
    };
    Ok(Statement {
        index,
        sid,
        pos: node.pos,
        effect,
        principal: principal.map(|(_, p)| p),
        action,
        resource: resource.map(|(_, r)| r),
        conditions,
    })
}

/// Maps a matched element name back to `'static` names: (the name, its counterpart).
fn pair(name: &str, plain: &'static str, negated: &'static str) -> (&'static str, &'static str) {
    if name == plain {
        (plain, negated)
    } else {
        (negated, plain)
    }
}

fn principals(
    node: &Node,
    path: &Path<'_>,
    name: &'static str,
) -> Result<Principals, PolicyParseError> {
    let negated = name == "NotPrincipal";
    let mut entries = Vec::new();
    match &node.value {
        Shape::String(s) if s == "*" => entries.push(PrincipalEntry {
            kind: PrincipalKind::Anyone,
            text: s.clone(),
            key: s.clone(),
        }),
        Shape::String(s) => {
            return Err(path.error(
                node.pos,
                Kind::InvalidPrincipal {
                    found: s.clone(),
                    reason: "write `\"*\"` or an object such as `{\"AWS\": \"123456789012\"}`",
                },
            ));
        }
        Shape::Object(members) => {
            for m in members {
                let here = path.key(&m.key);
                let kind = match m.key.as_str() {
                    "AWS" => PrincipalKind::Arn,
                    "Service" => PrincipalKind::Service,
                    "Federated" => PrincipalKind::Federated,
                    "CanonicalUser" => PrincipalKind::CanonicalUser,
                    _ => {
                        return Err(here.error(
                            m.key_pos,
                            Kind::UnknownPrincipalType {
                                found: m.key.clone(),
                            },
                        ));
                    }
                };
                for (text, pos, i) in strings(&m.node, &here, name)? {
                    let entry = if kind == PrincipalKind::Arn {
                        aws_principal(text).map_err(|reason| {
                            at(&here, i).error(
                                pos,
                                Kind::InvalidPrincipal {
                                    found: text.into(),
                                    reason,
                                },
                            )
                        })?
                    } else {
                        PrincipalEntry {
                            kind,
                            text: text.into(),
                            key: text.into(),
                        }
                    };
                    entries.push(entry);
                }
            }
            if entries.is_empty() {
                return Err(path.error(
                    node.pos,
                    Kind::EmptyList {
                        element: name.into(),
                    },
                ));
            }
        }
        _ => return Err(wrong(node, path, name, "`\"*\"` or an object")),
    }
    Ok(Principals {
        negated,
        pos: node.pos,
        entries,
    })
}

/// Checks one `{"AWS": …}` value: `*`, an account id, or an IAM/STS ARN without wildcards.
fn aws_principal(text: &str) -> Result<PrincipalEntry, &'static str> {
    let entry = |kind, key: &str| PrincipalEntry {
        kind,
        text: text.into(),
        key: key.into(),
    };
    if text == "*" {
        return Ok(entry(PrincipalKind::Anyone, text));
    }
    if arn::is_account_id(text) {
        return Ok(entry(PrincipalKind::Account, text));
    }
    let Some(parts) = ArnParts::split(text) else {
        return Err("write an account id or an IAM ARN");
    };
    if parts.scheme != "arn" || !matches!(parts.service, "iam" | "sts") {
        return Err("write an account id or an IAM ARN");
    }
    if wildcard::has_wildcard(text) {
        return Err(
            "wildcards are not allowed in principal ARNs: use `*` with the `aws:PrincipalArn` condition key",
        );
    }
    if !arn::is_account_id(parts.account) {
        return Err("the ARN has no 12-digit account id");
    }
    if parts.service == "iam" && parts.resource == "root" {
        return Ok(entry(PrincipalKind::Account, parts.account));
    }
    Ok(entry(PrincipalKind::Arn, text))
}

fn actions(node: &Node, path: &Path<'_>, name: &'static str) -> Result<Actions, PolicyParseError> {
    let mut patterns = Vec::new();
    let mut lowered = Vec::new();
    for (text, pos, i) in strings(node, path, name)? {
        let valid = text == "*"
            || text.split_once(':').is_some_and(|(svc, act)| {
                !svc.is_empty() && !act.is_empty() && !svc.contains(['*', '?'])
            });
        if !valid {
            return Err(at(path, i).error(pos, Kind::InvalidAction { found: text.into() }));
        }
        patterns.push(text.to_string());
        lowered.push(text.to_ascii_lowercase());
    }
    Ok(Actions {
        negated: name == "NotAction",
        pos: node.pos,
        patterns,
        lowered,
    })
}

fn resources(
    node: &Node,
    path: &Path<'_>,
    name: &'static str,
    variables: bool,
) -> Result<Resources, PolicyParseError> {
    let mut patterns = Vec::new();
    let mut templates = Vec::new();
    for (text, pos, i) in strings(node, path, name)? {
        if text.is_empty() {
            return Err(at(path, i).error(pos, Kind::InvalidResource { found: text.into() }));
        }
        patterns.push(text.to_string());
        templates.push(variables.then(|| Template::parse(text)).flatten());
    }
    Ok(Resources {
        negated: name == "NotResource",
        pos: node.pos,
        patterns,
        templates,
    })
}

fn condition_block(
    node: &Node,
    path: &Path<'_>,
    variables: bool,
) -> Result<Vec<Condition>, PolicyParseError> {
    let mut out = Vec::new();
    for op_member in object(node, path, "Condition")? {
        let op_path = path.key(&op_member.key);
        let operator =
            operator(&op_member.key).map_err(|kind| op_path.error(op_member.key_pos, kind))?;
        let keys = object(&op_member.node, &op_path, &op_member.key)?;
        if keys.is_empty() {
            return Err(op_path.error(
                op_member.node.pos,
                Kind::EmptyList {
                    element: op_member.key.clone(),
                },
            ));
        }
        for key_member in keys {
            let key_path = op_path.key(&key_member.key);
            let values = condition_values(&key_member.node, &key_path, &key_member.key)?;
            let prepared = prepare(&operator, &op_member.key, &values, &key_path, variables)?;
            out.push(Condition {
                operator,
                operator_text: op_member.key.clone(),
                operator_pos: op_member.key_pos,
                key: key_member.key.clone(),
                key_normalized: keys::normalize(&key_member.key).into_owned(),
                key_pos: key_member.key_pos,
                values: values.into_iter().map(|(v, _, _)| v).collect(),
                prepared,
            });
        }
    }
    Ok(out)
}

/// Condition values: a string, number or boolean, or a non-empty array of them. Numbers and
/// booleans keep their JSON text, as IAM reads them.
fn condition_values(
    node: &Node,
    path: &Path<'_>,
    key: &str,
) -> Result<Vec<Listed<String>>, PolicyParseError> {
    const EXPECTED: &str = "a string, number or boolean, or an array of them";
    let scalar = |n: &Node, i: Option<usize>| match &n.value {
        Shape::String(s) | Shape::Number(s) => Ok((s.clone(), n.pos, i)),
        Shape::Bool(b) => Ok((b.to_string(), n.pos, i)),
        _ => Err(wrong(n, &at(path, i), key, EXPECTED)),
    };
    match &node.value {
        Shape::Array(items) if items.is_empty() => Err(path.error(
            node.pos,
            Kind::EmptyList {
                element: key.into(),
            },
        )),
        Shape::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, n)| scalar(n, Some(i)))
            .collect(),
        _ => scalar(node, None).map(|v| alloc::vec![v]),
    }
}
