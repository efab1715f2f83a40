//! A decision in plain words: which statements decided, and for every other statement the
//! element that did not match the request, with the values on both sides. Serializable, so
//! the CLI's `--json` and the browser's policy panel show the same thing.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use super::ast::{Effect, Policy, Statement};
use super::eval::{Decision, DecisionKind, Miss, StatementRef};
use super::request::Request;
use crate::json::{Pos, push_pointer_key};

/// A statement named for people: its Sid when it has one, otherwise its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementLabel {
    /// The policy's index among the evaluated policies.
    pub policy: usize,
    /// The policy's `Id`, when it has one.
    pub policy_id: Option<String>,
    /// The statement's index in its policy.
    pub index: usize,
    /// The statement's `Sid`, when it has one.
    pub sid: Option<String>,
    /// The statement's effect.
    pub effect: Effect,
    /// The statement's JSON pointer in its policy, such as `/Statement/1`.
    pub pointer: String,
    /// Where the statement starts in its policy.
    pub pos: Pos,
}

crate::json_struct!(write StatementLabel {
    policy: req,
    policy_id: opt,
    index: req,
    sid: opt,
    effect: req,
    pointer: req,
    pos: req,
});

impl fmt::Display for StatementLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sid {
            Some(sid) => write!(f, "statement `{sid}`")?,
            None => write!(f, "statement {}", self.index)?,
        }
        write!(f, " of policy {}", self.policy + 1)
    }
}

/// Why a statement did not apply to the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhyNot {
    /// The caller is not (or, for `NotPrincipal`, is) among the listed principals.
    Principal {
        /// Whether the element is `NotPrincipal`.
        negated: bool,
        /// The principals listed.
        listed: Vec<String>,
        /// The caller.
        caller: String,
    },
    /// The action is not (or, for `NotAction`, is) among the listed patterns.
    Action {
        /// Whether the element is `NotAction`.
        negated: bool,
        /// The patterns listed.
        listed: Vec<String>,
        /// The request's action.
        action: String,
    },
    /// The resource is not (or, for `NotResource`, is) among the listed patterns.
    Resource {
        /// Whether the element is `NotResource`.
        negated: bool,
        /// The patterns listed.
        listed: Vec<String>,
        /// The request's resource.
        resource: String,
    },
    /// A condition does not hold.
    Condition {
        /// The operator as written.
        operator: String,
        /// The condition key as written.
        key: String,
        /// The policy's values.
        values: Vec<String>,
        /// The request's values for the key; `None` when the request does not have it.
        request_values: Option<Vec<String>>,
        /// The condition's JSON pointer in its policy.
        pointer: String,
        /// Where the condition key is in its policy.
        pos: Pos,
    },
}

/// What one statement made of the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementReport {
    /// The statement.
    pub statement: StatementLabel,
    /// Whether it applies to the request.
    pub applies: bool,
    /// When it does not apply, why not.
    pub why_not: Option<WhyNot>,
    /// The same in plain words.
    pub message: String,
}

/// Written as an object whose `element` names the variant, with the variant's fields beside it.
impl crate::model::codec::ToJson for WhyNot {
    fn write_json(&self, out: &mut String) {
        use crate::json::write::key;
        out.push('{');
        key(out, "element");
        match self {
            Self::Principal {
                negated,
                listed,
                caller,
            } => {
                out.push_str("\"principal\"");
                key(out, "negated");
                negated.write_json(out);
                key(out, "listed");
                listed.write_json(out);
                key(out, "caller");
                caller.write_json(out);
            }
            Self::Action {
                negated,
                listed,
                action,
            } => {
                out.push_str("\"action\"");
                key(out, "negated");
                negated.write_json(out);
                key(out, "listed");
                listed.write_json(out);
                key(out, "action");
                action.write_json(out);
            }
            Self::Resource {
                negated,
                listed,
                resource,
            } => {
                out.push_str("\"resource\"");
                key(out, "negated");
                negated.write_json(out);
                key(out, "listed");
                listed.write_json(out);
                key(out, "resource");
                resource.write_json(out);
            }
            Self::Condition {
                operator,
                key: condition_key,
                values,
                request_values,
                pointer,
                pos,
            } => {
                out.push_str("\"condition\"");
                key(out, "operator");
                operator.write_json(out);
                key(out, "key");
                condition_key.write_json(out);
                key(out, "values");
                values.write_json(out);
                key(out, "request_values");
                request_values.write_json(out);
                key(out, "pointer");
                pointer.write_json(out);
                key(out, "pos");
                pos.write_json(out);
            }
        }
        out.push('}');
    }
}

crate::json_struct!(write StatementReport {
    statement: req,
    applies: req,
    why_not: opt,
    message: req,
});

/// A decision explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// `allow`, `implicit_deny` or `explicit_deny`.
    pub decision: DecisionKind,
    /// One sentence saying what was decided and by which statements.
    pub message: String,
    /// The statements that decided.
    pub deciding: Vec<StatementLabel>,
    /// Every statement, in order, with whether it applied and why not.
    pub statements: Vec<StatementReport>,
}

crate::json_struct!(write Explanation {
    decision: req,
    message: req,
    deciding: req,
    statements: req,
});

/// Explains `decision`, which [`super::authorize`] made for `request` over `policies`.
pub fn explain(policies: &[Policy], request: &Request, decision: &Decision) -> Explanation {
    let lookup = |at: &StatementRef| {
        let policy = policies.get(at.policy)?;
        Some((policy, policy.statements.get(at.statement)?))
    };
    let deciding: Vec<StatementLabel> = decision
        .deciding
        .iter()
        .filter_map(|at| lookup(at).map(|(p, s)| label(at, p, s)))
        .collect();
    let statements = decision
        .outcomes
        .iter()
        .filter_map(|o| {
            let (policy, st) = lookup(&o.at)?;
            let statement = label(&o.at, policy, st);
            let why_not = o.miss.and_then(|m| why_not(m, st, &statement, request));
            let message = match &why_not {
                None => String::from("applies to the request"),
                Some(w) => w.to_string(),
            };
            Some(StatementReport {
                statement,
                applies: o.miss.is_none(),
                why_not,
                message,
            })
        })
        .collect();
    let names = deciding
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let message = match decision.kind {
        DecisionKind::Allow => alloc::format!("allowed by {names}"),
        DecisionKind::ExplicitDeny => alloc::format!("explicitly denied by {names}"),
        DecisionKind::ImplicitDeny => alloc::format!(
            "implicitly denied: no statement allows `{}` on `{}` for `{}`",
            request.action(),
            request.resource(),
            request.caller()
        ),
    };
    Explanation {
        decision: decision.kind,
        message,
        deciding,
        statements,
    }
}

fn label(at: &StatementRef, policy: &Policy, st: &Statement) -> StatementLabel {
    let mut pointer = String::from("/Statement");
    if policy.statement_is_array {
        let _ = write!(pointer, "/{}", st.index);
    }
    StatementLabel {
        policy: at.policy,
        policy_id: policy.id.clone(),
        index: st.index,
        sid: st.sid.clone(),
        effect: st.effect,
        pointer,
        pos: st.pos,
    }
}

fn why_not(
    miss: Miss,
    st: &Statement,
    label: &StatementLabel,
    request: &Request,
) -> Option<WhyNot> {
    Some(match miss {
        Miss::Principal => {
            let p = st.principal.as_ref()?;
            WhyNot::Principal {
                negated: p.negated,
                listed: p.entries.iter().map(|e| e.text.clone()).collect(),
                caller: request.caller().to_string(),
            }
        }
        Miss::Action => WhyNot::Action {
            negated: st.action.negated,
            listed: st.action.patterns.clone(),
            action: request.action().to_string(),
        },
        Miss::Resource => {
            let r = st.resource.as_ref()?;
            WhyNot::Resource {
                negated: r.negated,
                listed: r.patterns.clone(),
                resource: request.resource().to_string(),
            }
        }
        Miss::Condition { index } => {
            let c = st.conditions.get(index)?;
            let mut pointer = label.pointer.clone();
            pointer.push_str("/Condition");
            push_pointer_key(&mut pointer, &c.operator_text);
            push_pointer_key(&mut pointer, &c.key);
            WhyNot::Condition {
                operator: c.operator_text.clone(),
                key: c.key.clone(),
                values: c.values.clone(),
                request_values: request
                    .get_normalized(&c.key_normalized)
                    .map(<[String]>::to_vec),
                pointer,
                pos: c.key_pos,
            }
        }
    })
}

/// Writes `items` as `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
fn list(f: &mut fmt::Formatter<'_>, items: &[String], joiner: &str) -> fmt::Result {
    let n = items.len();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(if i + 1 == n { joiner } else { ", " })?;
        }
        write!(f, "`{item}`")?;
    }
    Ok(())
}

impl fmt::Display for WhyNot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (element, negated, listed, actual) = match self {
            WhyNot::Principal {
                negated,
                listed,
                caller,
            } => ("principal", *negated, listed, caller),
            WhyNot::Action {
                negated,
                listed,
                action,
            } => ("action", *negated, listed, action),
            WhyNot::Resource {
                negated,
                listed,
                resource,
            } => ("resource", *negated, listed, resource),
            WhyNot::Condition {
                operator,
                key,
                values,
                request_values,
                ..
            } => {
                write!(f, "condition `{operator}` on `{key}` with ")?;
                list(f, values, " or ")?;
                return match request_values {
                    None => write!(f, " does not hold: the request has no `{key}`"),
                    Some(v) => {
                        f.write_str(" does not hold for the request's ")?;
                        list(f, v, " and ")
                    }
                };
            }
        };
        write!(f, "{element} `{actual}` ")?;
        f.write_str(if negated {
            "is excluded by "
        } else {
            "is not among "
        })?;
        list(f, listed, " or ")
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.decision.as_str(), self.message)?;
        for s in &self.statements {
            let mark = if s.applies { "applies" } else { "skipped" };
            writeln!(
                f,
                "  {} ({}, {mark}): {}",
                s.statement, s.statement.effect, s.message
            )?;
        }
        Ok(())
    }
}
