//! Policy checks for what is legal but suspicious, in the manner of IAM Access Analyzer's
//! policy validation: the policy still parses and evaluates, but a person should look again.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::ast::{Effect, Policy, PrincipalKind, SetQualifier, Statement, ValueKind};
use super::keys;
use super::variable::{Part, Template};
use crate::json::{Pos, push_pointer_key};

/// What a warning is about, with stable names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WarningCode {
    /// A condition key the playground does not know (perhaps misspelt).
    UnknownConditionKey,
    /// `ForAnyValue:` or `ForAllValues:` on a single-valued key (R-IAM-07).
    SetQualifierOnSingleValuedKey,
    /// A multivalued key compared without `ForAnyValue:` or `ForAllValues:` (R-IAM-07).
    MultivaluedKeyWithoutQualifier,
    /// `ForAllValues:` with a positive operator on an `Allow`: it also holds when the key is
    /// absent, which allows more than it seems to.
    ForAllValuesAllowsMissingKey,
    /// An operator whose kind does not fit the key, such as `NumericEquals` on `aws:SourceVpc`.
    OperatorTypeMismatch,
    /// `Allow` for every principal (`"*"`) with no condition: anyone, anonymous callers
    /// included, is allowed.
    AllowPublicWithoutCondition,
    /// Two statements share a `Sid`.
    DuplicateSid,
    /// A statement with neither `Resource` nor `NotResource` applies to every resource.
    MissingResource,
    /// The policy has no `Version`, so policy variables would be read as plain text.
    MissingVersion,
    /// A policy variable or escape (`${aws:username}`, `${*}`) in a policy whose `Version` is
    /// `2008-10-17` or absent, where IAM reads it as plain text.
    VariableInOldVersion,
    /// A policy variable naming a key the playground does not know (perhaps misspelt).
    UnknownVariable,
}

crate::json_enum!(write WarningCode {
    UnknownConditionKey = "unknown_condition_key",
    SetQualifierOnSingleValuedKey = "set_qualifier_on_single_valued_key",
    MultivaluedKeyWithoutQualifier = "multivalued_key_without_qualifier",
    ForAllValuesAllowsMissingKey = "for_all_values_allows_missing_key",
    OperatorTypeMismatch = "operator_type_mismatch",
    AllowPublicWithoutCondition = "allow_public_without_condition",
    DuplicateSid = "duplicate_sid",
    MissingResource = "missing_resource",
    MissingVersion = "missing_version",
    VariableInOldVersion = "variable_in_old_version",
    UnknownVariable = "unknown_variable",
});

impl WarningCode {
    /// Every code, for tests that each is exercised.
    pub const ALL: [WarningCode; 11] = {
        use WarningCode::*;
        [
            UnknownConditionKey,
            SetQualifierOnSingleValuedKey,
            MultivaluedKeyWithoutQualifier,
            ForAllValuesAllowsMissingKey,
            OperatorTypeMismatch,
            AllowPublicWithoutCondition,
            DuplicateSid,
            MissingResource,
            MissingVersion,
            VariableInOldVersion,
            UnknownVariable,
        ]
    };

    /// The stable name, such as `unknown_condition_key`.
    pub fn as_str(self) -> &'static str {
        use WarningCode::*;
        match self {
            UnknownConditionKey => "unknown_condition_key",
            SetQualifierOnSingleValuedKey => "set_qualifier_on_single_valued_key",
            MultivaluedKeyWithoutQualifier => "multivalued_key_without_qualifier",
            ForAllValuesAllowsMissingKey => "for_all_values_allows_missing_key",
            OperatorTypeMismatch => "operator_type_mismatch",
            AllowPublicWithoutCondition => "allow_public_without_condition",
            DuplicateSid => "duplicate_sid",
            MissingResource => "missing_resource",
            MissingVersion => "missing_version",
            VariableInOldVersion => "variable_in_old_version",
            UnknownVariable => "unknown_variable",
        }
    }
}

/// One warning, with where it points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyWarning {
    /// What the warning is about.
    pub code: WarningCode,
    /// The JSON pointer of the value concerned.
    pub pointer: String,
    /// Where that value starts.
    pub pos: Pos,
    /// The warning in plain words.
    pub message: String,
}

crate::json_struct!(write PolicyWarning {
    code: req,
    pointer: req,
    pos: req,
    message: req,
});

impl fmt::Display for PolicyWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.pos)?;
        if !self.pointer.is_empty() {
            write!(f, " (`{}`)", self.pointer)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Lists the suspicious parts of `policy`, in document order.
pub fn lint(policy: &Policy) -> Vec<PolicyWarning> {
    let mut out = Vec::new();
    let variables_apply = policy.version.as_deref() == Some("2012-10-17");
    if policy.version.is_none() {
        out.push(PolicyWarning {
            code: WarningCode::MissingVersion,
            pointer: String::new(),
            pos: Pos { line: 1, column: 1 },
            message: String::from("the policy has no `Version`: add `\"Version\": \"2012-10-17\"`"),
        });
    }
    for st in &policy.statements {
        let mut base = String::from("/Statement");
        if policy.statement_is_array {
            base.push_str(&alloc::format!("/{}", st.index));
        }
        if let Some(sid) = &st.sid {
            let first = policy
                .statements
                .iter()
                .find(|o| o.sid.as_ref() == Some(sid));
            if first.is_some_and(|o| o.index != st.index) {
                out.push(PolicyWarning {
                    code: WarningCode::DuplicateSid,
                    pointer: alloc::format!("{base}/Sid"),
                    pos: st.pos,
                    message: alloc::format!("another statement already has the Sid `{sid}`"),
                });
            }
        }
        statement(st, &base, &mut out);
        variables(st, &base, variables_apply, &mut out);
    }
    out
}

/// Policy variables that will not be replaced: in a policy of another version than
/// `2012-10-17`, or naming an unknown key (IAM user guide, reference_policies_variables.html).
fn variables(st: &Statement, base: &str, apply: bool, out: &mut Vec<PolicyWarning>) {
    let mut check = |text: &str, pointer: &dyn Fn() -> String, pos: Pos| {
        let Some(template) = Template::parse(text) else {
            return;
        };
        if !apply {
            let first = template
                .parts
                .iter()
                .find_map(|p| match p {
                    Part::Text(_) => None,
                    Part::Escaped(c) => Some(alloc::format!("${{{c}}}")),
                    Part::Variable(v) => Some(alloc::format!("${{{}}}", v.key)),
                })
                .unwrap_or_default();
            out.push(PolicyWarning {
                code: WarningCode::VariableInOldVersion,
                pointer: pointer(),
                pos,
                message: alloc::format!(
                    "`{first}` is read as plain text: policy variables need `\"Version\": \"2012-10-17\"`"
                ),
            });
            return;
        }
        for v in template.variables() {
            if keys::lookup(&v.key).is_none() {
                out.push(PolicyWarning {
                    code: WarningCode::UnknownVariable,
                    pointer: pointer(),
                    pos,
                    message: alloc::format!(
                        "unknown policy variable `${{{}}}`: check its spelling and case",
                        v.key
                    ),
                });
            }
        }
    };
    if let Some(r) = &st.resource {
        let name = if r.negated { "NotResource" } else { "Resource" };
        for p in &r.patterns {
            check(p, &|| alloc::format!("{base}/{name}"), r.pos);
        }
    }
    for c in &st.conditions {
        if !matches!(
            c.operator.base.value_kind(),
            ValueKind::String | ValueKind::Arn
        ) {
            continue;
        }
        let pointer = || {
            let mut pointer = alloc::format!("{base}/Condition");
            push_pointer_key(&mut pointer, &c.operator_text);
            push_pointer_key(&mut pointer, &c.key);
            pointer
        };
        for v in &c.values {
            check(v, &pointer, c.key_pos);
        }
    }
}

fn statement(st: &Statement, base: &str, out: &mut Vec<PolicyWarning>) {
    if let Some(p) = &st.principal {
        let public = !p.negated && p.entries.iter().any(|e| e.kind == PrincipalKind::Anyone);
        if public && st.effect == Effect::Allow && st.conditions.is_empty() {
            out.push(PolicyWarning {
                code: WarningCode::AllowPublicWithoutCondition,
                pointer: alloc::format!("{base}/Principal"),
                pos: p.pos,
                message: String::from(
                    "this statement allows every principal, anonymous callers included, with no condition",
                ),
            });
        }
    }
    if st.resource.is_none() {
        out.push(PolicyWarning {
            code: WarningCode::MissingResource,
            pointer: String::from(base),
            pos: st.pos,
            message: String::from(
                "the statement has neither `Resource` nor `NotResource`, so it applies to every resource",
            ),
        });
    }
    for c in &st.conditions {
        let mut pointer = alloc::format!("{base}/Condition");
        push_pointer_key(&mut pointer, &c.operator_text);
        push_pointer_key(&mut pointer, &c.key);
        let mut warn = |code, message| {
            out.push(PolicyWarning {
                code,
                pointer: pointer.clone(),
                pos: c.key_pos,
                message,
            });
        };
        let Some(info) = keys::lookup(&c.key) else {
            warn(
                WarningCode::UnknownConditionKey,
                alloc::format!(
                    "unknown condition key `{}`: check its spelling and case",
                    c.key
                ),
            );
            continue;
        };
        let kind = c.operator.base.value_kind();
        let fits = match (kind, info.kind) {
            (ValueKind::Presence, _) => true,
            // ARN keys may be compared as strings, and date keys as numbers (epoch seconds).
            (ValueKind::String, ValueKind::Arn) | (ValueKind::Numeric, ValueKind::Date) => true,
            (a, b) => a == b,
        };
        if !fits {
            warn(
                WarningCode::OperatorTypeMismatch,
                alloc::format!(
                    "`{}` does not fit `{}`, which holds {}",
                    c.operator_text,
                    c.key,
                    kind_words(info.kind)
                ),
            );
        }
        if kind == ValueKind::Presence {
            continue;
        }
        match (c.operator.qualifier, info.multivalued) {
            (Some(_), false) => warn(
                WarningCode::SetQualifierOnSingleValuedKey,
                alloc::format!(
                    "`{}` is a single-valued key: drop the `ForAnyValue:` or `ForAllValues:` qualifier",
                    c.key
                ),
            ),
            (None, true) => warn(
                WarningCode::MultivaluedKeyWithoutQualifier,
                alloc::format!(
                    "`{}` can hold several values: say `ForAnyValue:` or `ForAllValues:`",
                    c.key
                ),
            ),
            (Some(SetQualifier::ForAllValues), true)
                if st.effect == Effect::Allow && !c.operator.base.is_negated() =>
            {
                warn(
                    WarningCode::ForAllValuesAllowsMissingKey,
                    alloc::format!(
                        "`{}` also holds when the request has no `{}`: add a `Null` check set to `false`",
                        c.operator_text,
                        c.key
                    ),
                );
            }
            _ => {}
        }
    }
}

fn kind_words(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::String => "text",
        ValueKind::Numeric => "numbers",
        ValueKind::Date => "dates",
        ValueKind::Bool => "booleans",
        ValueKind::Ip => "IP addresses",
        ValueKind::Arn => "ARNs",
        ValueKind::Binary => "binary data",
        ValueKind::Presence => "anything",
    }
}
