//! Whether one condition holds for a request (R-IAM-02, R-IAM-05..09).
//!
//! The rules, for a condition `operator: {key: [p1, p2, …]}` and request values `v1, v2, …`:
//! - `Null` looks only at presence: `true` holds when the key is absent, `false` when present.
//! - Key absent: `…IfExists` holds; `ForAllValues:` holds; `ForAnyValue:` fails; otherwise a
//!   negated operator (`StringNotEquals`, `NotIpAddress`, …) holds and a positive one fails.
//! - Key present: a request value *satisfies* a positive operator when it matches at least
//!   one policy value (values are ORed), and a negated operator when it matches none.
//!   `ForAllValues:` needs every request value to satisfy, `ForAnyValue:` at least one. Without
//!   a qualifier a positive operator needs one and a negated operator needs all, so that a
//!   negated operator is exactly the negation of its positive twin.
//! - A request value the operator cannot read (`abc` for a number) matches no policy value,
//!   and does not satisfy the negated operator either.
//! - In a `2012-10-17` policy, the values of string and ARN operators may hold policy variables
//!   (see `variable.rs`); they are replaced once per condition, and a value whose variable
//!   has no value and no default is skipped: it matches nothing.

use alloc::vec::Vec;
use core::net::IpAddr;

use super::arn;
use super::ast::{BaseOperator, Condition, Prepared, SetQualifier};
use super::date;
use super::operator::{parse_bool, parse_number};
use super::request::Request;
use super::variable::Resolved;
use super::wildcard;

/// Whether `condition` holds for `request`.
pub(crate) fn holds(condition: &Condition, request: &Request) -> bool {
    let values = request.get_normalized(&condition.key_normalized);
    let op = condition.operator;
    if op.base == BaseOperator::Null {
        let absent = values.is_none();
        return match &condition.prepared {
            Prepared::Bools(wanted) => wanted.contains(&absent),
            _ => false,
        };
    }
    let negated = op.base.is_negated();
    let Some(values) = values else {
        return op.if_exists
            || match op.qualifier {
                Some(SetQualifier::ForAllValues) => true,
                Some(SetQualifier::ForAnyValue) => false,
                None => negated,
            };
    };
    // The policy's variables are replaced once for all the request's values.
    let resolved: Vec<PolicyValue<'_>> = match &condition.prepared {
        Prepared::Templates(templates) => condition
            .values
            .iter()
            .zip(templates)
            .map(|(text, t)| match t {
                None => PolicyValue::Plain(text),
                Some(t) => t
                    .resolve(request)
                    .map_or(PolicyValue::Missing, PolicyValue::Resolved),
            })
            .collect(),
        _ => Vec::new(),
    };
    let satisfies = |v: &alloc::string::String| satisfies(condition, &resolved, v, negated);
    let every = match op.qualifier {
        Some(SetQualifier::ForAllValues) => true,
        Some(SetQualifier::ForAnyValue) => false,
        None => negated,
    };
    if every {
        values.iter().all(satisfies)
    } else {
        values.iter().any(satisfies)
    }
}

/// A policy value of a condition with variables, once they are replaced.
enum PolicyValue<'a> {
    /// A value without variables, compared as written.
    Plain(&'a str),
    /// A value with its variables replaced.
    Resolved(Resolved<'a>),
    /// A value with a variable the request has no value for: it matches nothing, so it is
    /// skipped (IAM user guide, reference_policies_variables.html: "that element fails to
    /// match").
    Missing,
}

/// Whether one request value satisfies the operator against the policy's values.
fn satisfies(
    condition: &Condition,
    resolved: &[PolicyValue<'_>],
    value: &str,
    negated: bool,
) -> bool {
    // `Some(true)` when `value` matches the policy value, `None` when it cannot be compared.
    let verdicts = PolicyValues {
        condition,
        resolved,
        value,
    };
    if negated {
        verdicts.all(|m| m == Some(false))
    } else {
        verdicts.any(|m| m == Some(true))
    }
}

/// The comparisons of one request value with each policy value.
struct PolicyValues<'a> {
    condition: &'a Condition,
    resolved: &'a [PolicyValue<'a>],
    value: &'a str,
}

impl PolicyValues<'_> {
    fn any(&self, f: impl Fn(Option<bool>) -> bool) -> bool {
        self.fold(false, |acc, m| acc || f(m))
    }

    fn all(&self, f: impl Fn(Option<bool>) -> bool) -> bool {
        self.fold(true, |acc, m| acc && f(m))
    }

    fn fold(&self, init: bool, f: impl Fn(bool, Option<bool>) -> bool) -> bool {
        use BaseOperator::*;
        let c = self.condition;
        let v = self.value;
        match &c.prepared {
            Prepared::Text => c.values.iter().fold(init, |acc, p| {
                f(acc, Some(text_matches(c.operator.base, p, v)))
            }),
            Prepared::Templates(_) => self.resolved.iter().fold(init, |acc, p| match p {
                PolicyValue::Plain(p) => f(acc, Some(text_matches(c.operator.base, p, v))),
                PolicyValue::Resolved(r) => {
                    let m = match c.operator.base {
                        StringEquals | StringNotEquals | BinaryEquals => r.equals(v),
                        StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => {
                            eq_ignore_case(&r.text(), v)
                        }
                        StringLike | StringNotLike => r.like(v),
                        ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => r.arn_like(v),
                        _ => false,
                    };
                    f(acc, Some(m))
                }
                PolicyValue::Missing => acc,
            }),
            Prepared::Numbers(ps) => {
                let n = parse_number(v);
                ps.iter().fold(init, |acc, p| {
                    let m = n.map(|n| match c.operator.base {
                        NumericLessThan => n < *p,
                        NumericLessThanEquals => n <= *p,
                        NumericGreaterThan => n > *p,
                        NumericGreaterThanEquals => n >= *p,
                        _ => n == *p,
                    });
                    f(acc, m)
                })
            }
            Prepared::Dates(ps) => {
                let d = date::parse(v);
                ps.iter().fold(init, |acc, p| {
                    let m = d.map(|d| match c.operator.base {
                        DateLessThan => d < *p,
                        DateLessThanEquals => d <= *p,
                        DateGreaterThan => d > *p,
                        DateGreaterThanEquals => d >= *p,
                        _ => d == *p,
                    });
                    f(acc, m)
                })
            }
            Prepared::Bools(ps) => {
                let b = parse_bool(v);
                ps.iter().fold(init, |acc, p| f(acc, b.map(|b| b == *p)))
            }
            Prepared::Nets(ps) => {
                let addr = v.trim().parse::<IpAddr>().ok();
                ps.iter()
                    .fold(init, |acc, p| f(acc, addr.map(|a| p.contains(&a))))
            }
        }
    }
}

/// Whether the request value `v` matches the policy value `p` as written.
fn text_matches(base: BaseOperator, p: &str, v: &str) -> bool {
    use BaseOperator::*;
    match base {
        StringEquals | StringNotEquals | BinaryEquals => p == v,
        StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => eq_ignore_case(p, v),
        StringLike | StringNotLike => wildcard::matches(p, v),
        ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => arn::arn_like(p, v),
        _ => false,
    }
}

/// Case-insensitive equality, exact for ASCII and by lower-case mapping otherwise.
fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }
}
