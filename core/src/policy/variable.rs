//! Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'shared'}` and the escapes
//! `${*}`, `${?}` and `${$}`, in `Resource`, `NotResource` and the values of string and ARN
//! conditions of `"Version": "2012-10-17"` policies.
//!
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
//!
//! A value is split into a [`Template`] once, when the policy is parsed. Evaluating it against a
//! request borrows each variable's value from the request (no parsing, no copy of the text) and
//! matches the pieces in place. Choices where the page is silent:
//! - A substituted value is text: a `*` or `?` in a tag never acts as a wildcard, so a caller
//!   who sets its own session tags cannot widen what a policy grants.
//! - A key with several values has no single value to substitute and counts as missing.
//! - `${` without a closing `}`, or with nothing a key could be, is kept as text.

use alloc::string::String;
use alloc::vec::Vec;

use super::arn::ArnParts;
use super::keys;
use super::request::Request;
use super::wildcard;

/// A value that holds policy variables or escapes, split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// The parts in order.
    pub parts: Vec<Part>,
}

/// One part of a [`Template`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Text as written; in a matching context its `*` and `?` are wildcards.
    Text(String),
    /// `${*}`, `${?}` or `${$}`: the character itself, never a wildcard.
    Escaped(char),
    /// `${key}` or `${key, 'default'}`.
    Variable(Variable),
}

/// A `${key}` or `${key, 'default'}` in a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variable {
    /// The key as written, such as `aws:PrincipalTag/team`.
    pub key: String,
    /// The key as the request context stores it.
    pub normalized: String,
    /// The default value, used when the request does not have the key.
    pub default: Option<String>,
}

impl Template {
    /// Splits `text` into parts, or `None` when it holds no variable and no escape.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        if !text.contains("${") {
            return None;
        }
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("${") {
            let (before, from) = rest.split_at(at);
            literal.push_str(before);
            let inner_and_after = from.get(2..).unwrap_or_default();
            let Some(end) = inner_and_after.find('}') else {
                literal.push_str(from);
                rest = "";
                break;
            };
            let inner = inner_and_after.get(..end).unwrap_or_default();
            let after = inner_and_after.get(end + 1..).unwrap_or_default();
            match part(inner) {
                Some(p) => {
                    if !literal.is_empty() {
                        parts.push(Part::Text(core::mem::take(&mut literal)));
                    }
                    parts.push(p);
                }
                None => {
                    literal.push_str(from.get(..end + 3).unwrap_or_default());
                }
            }
            rest = after;
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        parts
            .iter()
            .any(|p| !matches!(p, Part::Text(_)))
            .then_some(Self { parts })
    }

    /// The variables of the template.
    pub fn variables(&self) -> impl Iterator<Item = &Variable> {
        self.parts.iter().filter_map(|p| match p {
            Part::Variable(v) => Some(v),
            _ => None,
        })
    }

    /// The template with its variables replaced from `request`, or `None` when a variable has
    /// no value and no default: then the value matches nothing.
    pub(crate) fn resolve<'a>(&'a self, request: &'a Request) -> Option<Resolved<'a>> {
        let mut pieces = Vec::with_capacity(self.parts.len());
        for p in &self.parts {
            pieces.push(match p {
                Part::Text(t) => Piece {
                    text: t.as_str(),
                    wild: true,
                },
                Part::Escaped(c) => Piece {
                    text: escaped(*c),
                    wild: false,
                },
                Part::Variable(v) => Piece {
                    text: value_of(v, request)?,
                    wild: false,
                },
            });
        }
        Some(Resolved { pieces })
    }
}

fn escaped(c: char) -> &'static str {
    match c {
        '*' => "*",
        '?' => "?",
        _ => "$",
    }
}

fn value_of<'a>(v: &'a Variable, request: &'a Request) -> Option<&'a str> {
    match request.get_normalized(&v.normalized) {
        Some([one]) => Some(one.as_str()),
        Some(_) => None,
        None => v.default.as_deref(),
    }
}

/// The inside of `${…}`: an escape, or a key with an optional quoted default.
fn part(inner: &str) -> Option<Part> {
    match inner {
        "*" => return Some(Part::Escaped('*')),
        "?" => return Some(Part::Escaped('?')),
        "$" => return Some(Part::Escaped('$')),
        _ => {}
    }
    let (key, default) = match inner.split_once(',') {
        Some((key, d)) => {
            let d = d.trim();
            let d = d.strip_prefix('\'')?.strip_suffix('\'')?;
            (key.trim(), Some(String::from(d)))
        }
        None => (inner.trim(), None),
    };
    let valid = !key.is_empty()
        && key.contains(':')
        && !key.contains(|c: char| c.is_whitespace() || matches!(c, '$' | '{' | '}' | '\''));
    valid.then(|| {
        Part::Variable(Variable {
            key: String::from(key),
            normalized: keys::normalize(key).into_owned(),
            default,
        })
    })
}

/// A template with its variables replaced: pieces of text, each saying whether its `*` and `?`
/// are wildcards.
#[derive(Debug)]
pub(crate) struct Resolved<'a> {
    pieces: Vec<Piece<'a>>,
}

#[derive(Clone, Copy, Debug)]
struct Piece<'a> {
    text: &'a str,
    wild: bool,
}

/// A character of a resolved pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sym {
    Star,
    One,
    Char(char),
}

impl wildcard::Symbol for Sym {
    fn is_star(self) -> bool {
        self == Sym::Star
    }
    fn is_any(self) -> bool {
        self == Sym::One
    }
}

impl Resolved<'_> {
    /// The text, for the equality operators (which know no wildcards).
    pub(crate) fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text).collect()
    }

    /// Whether the text equals `value` exactly.
    pub(crate) fn equals(&self, value: &str) -> bool {
        let mut rest = value;
        for p in &self.pieces {
            let Some(r) = rest.strip_prefix(p.text) else {
                return false;
            };
            rest = r;
        }
        rest.is_empty()
    }

    fn symbols(&self) -> Vec<Sym> {
        let mut out = Vec::new();
        for p in &self.pieces {
            out.extend(p.text.chars().map(|c| match c {
                '*' if p.wild => Sym::Star,
                '?' if p.wild => Sym::One,
                c => Sym::Char(c),
            }));
        }
        out
    }

    /// `StringLike` and `Resource` matching: wildcards where the policy wrote them.
    pub(crate) fn like(&self, value: &str) -> bool {
        let text: Vec<char> = value.chars().collect();
        glob(&self.symbols(), &text)
    }

    /// `ArnLike` and `ArnEquals`: component by component (R-IAM-04).
    pub(crate) fn arn_like(&self, value: &str) -> bool {
        let symbols = self.symbols();
        if symbols == [Sym::Star] {
            return true;
        }
        let Some(v) = ArnParts::split(value) else {
            return false;
        };
        let mut components = symbols.splitn(6, |s| *s == Sym::Char(':'));
        v.components().iter().all(|v| {
            components.next().is_some_and(|p| {
                let text: Vec<char> = v.chars().collect();
                glob(p, &text)
            })
        })
    }
}

fn glob(pattern: &[Sym], text: &[char]) -> bool {
    wildcard::glob(pattern, text, |p, c| p == Sym::Char(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        let t =
            Template::parse("a/${aws:username}/${*}${ aws:PrincipalTag/team , 'x y' }$").unwrap();
        assert_eq!(t.parts.len(), 6);
        assert_eq!(t.parts[0], Part::Text(String::from("a/")));
        assert_eq!(t.parts[3], Part::Escaped('*'));
        let Part::Variable(v) = &t.parts[4] else {
            panic!("a variable")
        };
        assert_eq!(v.key, "aws:PrincipalTag/team");
        assert_eq!(v.default.as_deref(), Some("x y"));
        assert!(Template::parse("plain*").is_none());
        assert!(Template::parse("${nokey}").is_none());
        assert!(Template::parse("${unclosed").is_none());
    }
}
