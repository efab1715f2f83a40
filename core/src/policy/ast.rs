//! The checked form of a policy: what the parser produces and the evaluator reads.
//!
//! Every element keeps the text the author wrote (for explanations) and, where matching needs
//! it, a prepared form (lower-cased action patterns, parsed numbers, dates and networks).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use ipnet::IpNet;

use super::date::EpochMillis;
use super::variable::Template;
use crate::json::Pos;

/// A parsed IAM policy document.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// `Version`, when present (`2012-10-17` or `2008-10-17`).
    pub version: Option<String>,
    /// `Id`, when present.
    pub id: Option<String>,
    /// The statements, in document order.
    pub statements: Vec<Statement>,
    /// Whether `Statement` was written as an array (it may be a single object). Decides the
    /// JSON pointers of statements: `/Statement/0` or `/Statement`.
    pub statement_is_array: bool,
}

/// `Allow` or `Deny`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effect {
    /// `"Effect": "Allow"`
    Allow,
    /// `"Effect": "Deny"`
    Deny,
}

crate::json_enum!(write Effect {
    Allow = "Allow",
    Deny = "Deny",
});

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        })
    }
}

/// One statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// The statement's index in its policy, from 0.
    pub index: usize,
    /// `Sid`, when present.
    pub sid: Option<String>,
    /// Where the statement object starts.
    pub pos: Pos,
    /// `Effect`.
    pub effect: Effect,
    /// `Principal` or `NotPrincipal`; `None` when neither is written (identity policies).
    pub principal: Option<Principals>,
    /// `Action` or `NotAction`.
    pub action: Actions,
    /// `Resource` or `NotResource`; `None` when neither is written.
    pub resource: Option<Resources>,
    /// The conditions; all must hold (R-IAM-01..09: keys in a block are ANDed).
    pub conditions: Vec<Condition>,
}

/// `Principal` (or, when `negated`, `NotPrincipal`).
#[derive(Clone, Debug, PartialEq)]
pub struct Principals {
    /// Whether the element is `NotPrincipal`.
    pub negated: bool,
    /// Where the element's value starts.
    pub pos: Pos,
    /// The principals named; the element matches when any one does.
    pub entries: Vec<PrincipalEntry>,
}

/// What kind of principal an entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrincipalKind {
    /// `"*"` or `{"AWS": "*"}`: everyone, anonymous callers included.
    Anyone,
    /// An account: `123456789012` or `arn:aws:iam::123456789012:root`.
    Account,
    /// An IAM user, role or session ARN.
    Arn,
    /// `{"Service": "…"}`
    Service,
    /// `{"Federated": "…"}`
    Federated,
    /// `{"CanonicalUser": "…"}`
    CanonicalUser,
}

/// One principal named by a `Principal` element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrincipalEntry {
    /// The kind of principal.
    pub kind: PrincipalKind,
    /// The text as written.
    pub text: String,
    /// For `Account`, the 12-digit account id; otherwise the text to compare with.
    pub key: String,
}

/// `Action` (or, when `negated`, `NotAction`).
#[derive(Clone, Debug, PartialEq)]
pub struct Actions {
    /// Whether the element is `NotAction`.
    pub negated: bool,
    /// Where the element's value starts.
    pub pos: Pos,
    /// The patterns as written, such as `vpc-lattice-svcs:Invoke` or `s3:Get*`.
    pub patterns: Vec<String>,
    /// The same patterns in ASCII lower case: action names match case-insensitively.
    pub lowered: Vec<String>,
}

/// `Resource` (or, when `negated`, `NotResource`).
#[derive(Clone, Debug, PartialEq)]
pub struct Resources {
    /// Whether the element is `NotResource`.
    pub negated: bool,
    /// Where the element's value starts.
    pub pos: Pos,
    /// The patterns as written: ARNs with wildcards, `*`, or Lattice's `*/path`.
    pub patterns: Vec<String>,
    /// For each pattern, its policy variables and escapes split out, when the policy's
    /// `Version` is `2012-10-17` and the pattern holds any; `None` for a pattern read as written.
    pub templates: Vec<Option<Template>>,
}

/// A set qualifier on a condition operator (R-IAM-07).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetQualifier {
    /// `ForAnyValue:`: at least one request value must satisfy the operator.
    ForAnyValue,
    /// `ForAllValues:`: every request value must satisfy the operator.
    ForAllValues,
}

/// The comparison a condition operator makes, without qualifier or `IfExists`. The variants
/// carry IAM's own operator names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseOperator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

/// The kind of value an operator compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Text.
    String,
    /// Numbers.
    Numeric,
    /// Dates.
    Date,
    /// `true` / `false`.
    Bool,
    /// IP addresses and CIDR blocks.
    Ip,
    /// ARNs.
    Arn,
    /// Base64 bytes, compared as text.
    Binary,
    /// The `Null` check, which looks only at presence.
    Presence,
}

impl BaseOperator {
    /// Every operator, for lookups by name.
    pub const ALL: [BaseOperator; 27] = {
        use BaseOperator::*;
        [
            StringEquals,
            StringNotEquals,
            StringEqualsIgnoreCase,
            StringNotEqualsIgnoreCase,
            StringLike,
            StringNotLike,
            NumericEquals,
            NumericNotEquals,
            NumericLessThan,
            NumericLessThanEquals,
            NumericGreaterThan,
            NumericGreaterThanEquals,
            DateEquals,
            DateNotEquals,
            DateLessThan,
            DateLessThanEquals,
            DateGreaterThan,
            DateGreaterThanEquals,
            Bool,
            BinaryEquals,
            IpAddress,
            NotIpAddress,
            ArnEquals,
            ArnLike,
            ArnNotEquals,
            ArnNotLike,
            Null,
        ]
    };

    /// The operator's name as IAM spells it.
    pub fn name(self) -> &'static str {
        use BaseOperator::*;
        match self {
            StringEquals => "StringEquals",
            StringNotEquals => "StringNotEquals",
            StringEqualsIgnoreCase => "StringEqualsIgnoreCase",
            StringNotEqualsIgnoreCase => "StringNotEqualsIgnoreCase",
            StringLike => "StringLike",
            StringNotLike => "StringNotLike",
            NumericEquals => "NumericEquals",
            NumericNotEquals => "NumericNotEquals",
            NumericLessThan => "NumericLessThan",
            NumericLessThanEquals => "NumericLessThanEquals",
            NumericGreaterThan => "NumericGreaterThan",
            NumericGreaterThanEquals => "NumericGreaterThanEquals",
            DateEquals => "DateEquals",
            DateNotEquals => "DateNotEquals",
            DateLessThan => "DateLessThan",
            DateLessThanEquals => "DateLessThanEquals",
            DateGreaterThan => "DateGreaterThan",
            DateGreaterThanEquals => "DateGreaterThanEquals",
            Bool => "Bool",
            BinaryEquals => "BinaryEquals",
            IpAddress => "IpAddress",
            NotIpAddress => "NotIpAddress",
            ArnEquals => "ArnEquals",
            ArnLike => "ArnLike",
            ArnNotEquals => "ArnNotEquals",
            ArnNotLike => "ArnNotLike",
            Null => "Null",
        }
    }

    /// Whether the operator is the negation of another (`StringNotEquals`, `NotIpAddress`, …).
    /// A negated operator holds when the request key is absent (R-IAM-02).
    pub fn is_negated(self) -> bool {
        use BaseOperator::*;
        matches!(
            self,
            StringNotEquals
                | StringNotEqualsIgnoreCase
                | StringNotLike
                | NumericNotEquals
                | DateNotEquals
                | NotIpAddress
                | ArnNotEquals
                | ArnNotLike
        )
    }

    /// The kind of value the operator compares.
    pub fn value_kind(self) -> ValueKind {
        use BaseOperator::*;
        match self {
            StringEquals
            | StringNotEquals
            | StringEqualsIgnoreCase
            | StringNotEqualsIgnoreCase
            | StringLike
            | StringNotLike => ValueKind::String,
            NumericEquals
            | NumericNotEquals
            | NumericLessThan
            | NumericLessThanEquals
            | NumericGreaterThan
            | NumericGreaterThanEquals => ValueKind::Numeric,
            DateEquals
            | DateNotEquals
            | DateLessThan
            | DateLessThanEquals
            | DateGreaterThan
            | DateGreaterThanEquals => ValueKind::Date,
            Bool => ValueKind::Bool,
            BinaryEquals => ValueKind::Binary,
            IpAddress | NotIpAddress => ValueKind::Ip,
            ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => ValueKind::Arn,
            Null => ValueKind::Presence,
        }
    }
}

/// A full condition operator: optional set qualifier, the comparison, optional `IfExists`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operator {
    /// `ForAnyValue:` or `ForAllValues:`, when written.
    pub qualifier: Option<SetQualifier>,
    /// The comparison.
    pub base: BaseOperator,
    /// Whether the name ends in `IfExists`.
    pub if_exists: bool,
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.qualifier {
            Some(SetQualifier::ForAnyValue) => f.write_str("ForAnyValue:")?,
            Some(SetQualifier::ForAllValues) => f.write_str("ForAllValues:")?,
            None => {}
        }
        f.write_str(self.base.name())?;
        if self.if_exists {
            f.write_str("IfExists")?;
        }
        Ok(())
    }
}

/// The policy's values for one condition, prepared for the operator's kind of comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum Prepared {
    /// Text, compared as written (string, ARN and binary operators).
    Text,
    /// Text of a string or ARN operator in a `2012-10-17` policy where some value holds policy
    /// variables or escapes: for each value, its parts, or `None` for a value read as written.
    Templates(Vec<Option<Template>>),
    /// Numbers.
    Numbers(Vec<f64>),
    /// Dates, in milliseconds since the epoch.
    Dates(Vec<EpochMillis>),
    /// Booleans (`Bool` and `Null`).
    Bools(Vec<bool>),
    /// Networks; a bare address is a /32 or /128 (R-IAM-08).
    Nets(Vec<IpNet>),
}

/// One condition: an operator applied to one key with one or more values (ORed).
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// The operator.
    pub operator: Operator,
    /// The operator as written in the policy.
    pub operator_text: String,
    /// Where the operator's name is.
    pub operator_pos: Pos,
    /// The condition key as written.
    pub key: String,
    /// The key as the request context stores it (see [`super::keys::normalize`]).
    pub key_normalized: String,
    /// Where the condition key is.
    pub key_pos: Pos,
    /// The values as text; numbers and booleans written bare in JSON are kept as written.
    pub values: Vec<String>,
    /// The same values prepared for comparison.
    pub prepared: Prepared,
}
