//! Why a policy document was refused.

use alloc::string::String;
use core::fmt;

use crate::json::Pos;

/// A policy that cannot be used, with where the problem is: a JSON pointer and a line and
/// column. The one error type of [`super::parse_policy`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyParseError {
    /// Where the offending text starts.
    pub pos: Pos,
    /// The JSON pointer of the offending value, such as `/Statement/0/Effect`; empty for the
    /// document itself.
    pub pointer: String,
    /// What is wrong.
    pub kind: PolicyParseErrorKind,
}

/// What is wrong with a policy. Serialized with a stable `code` for tests and the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyParseErrorKind {
    /// The text is not JSON, or exceeds the reader's limits.
    InvalidJson {
        /// The reader's description.
        message: String,
    },
    /// A value has the wrong JSON type.
    WrongType {
        /// The element, such as `Effect`.
        element: String,
        /// What it must be, such as "a string".
        expected: &'static str,
        /// What it is.
        found: &'static str,
    },
    /// An element name the policy language does not have.
    UnknownElement {
        /// The name as written.
        name: String,
    },
    /// A required element is missing.
    MissingElement {
        /// What lacks it: "the policy" or "the statement".
        parent: &'static str,
        /// What is missing, such as "`Effect`" or "`Action` or `NotAction`".
        element: &'static str,
    },
    /// Two elements that exclude each other, such as `Action` and `NotAction`.
    ConflictingElements {
        /// The first element.
        first: &'static str,
        /// The second element.
        second: &'static str,
    },
    /// `Version` is neither `2012-10-17` nor `2008-10-17`.
    UnsupportedVersion {
        /// The version as written.
        found: String,
    },
    /// `Effect` is neither `Allow` nor `Deny`.
    UnknownEffect {
        /// The effect as written.
        found: String,
    },
    /// An element that lists values lists none.
    EmptyList {
        /// The element, such as `Action`.
        element: String,
    },
    /// An action that is neither `*` nor `service:action`.
    InvalidAction {
        /// The action as written.
        found: String,
    },
    /// A resource that is empty.
    InvalidResource {
        /// The resource as written.
        found: String,
    },
    /// A principal that IAM would refuse.
    InvalidPrincipal {
        /// The principal as written.
        found: String,
        /// Why, in plain words.
        reason: &'static str,
    },
    /// A principal type other than `AWS`, `Service`, `Federated` or `CanonicalUser`.
    UnknownPrincipalType {
        /// The type as written.
        found: String,
    },
    /// A condition operator IAM does not have.
    UnknownOperator {
        /// The operator as written.
        found: String,
        /// The operator it most likely means, when the only difference is letter case.
        suggestion: Option<&'static str>,
    },
    /// A legal operator name put together in a way IAM refuses, such as `NullIfExists`.
    InvalidOperator {
        /// The operator as written.
        found: String,
        /// Why, in plain words.
        reason: &'static str,
    },
    /// A condition value the operator cannot compare, such as `abc` for `NumericEquals`.
    InvalidConditionValue {
        /// The operator as written.
        operator: String,
        /// The value as written.
        value: String,
        /// What the operator expects, in plain words.
        expected: &'static str,
    },
}

impl PolicyParseError {
    /// A stable name for the kind of error, such as `unknown_effect`.
    pub fn code(&self) -> &'static str {
        use PolicyParseErrorKind::*;
        match self.kind {
            InvalidJson { .. } => "invalid_json",
            WrongType { .. } => "wrong_type",
            UnknownElement { .. } => "unknown_element",
            MissingElement { .. } => "missing_element",
            ConflictingElements { .. } => "conflicting_elements",
            UnsupportedVersion { .. } => "unsupported_version",
            UnknownEffect { .. } => "unknown_effect",
            EmptyList { .. } => "empty_list",
            InvalidAction { .. } => "invalid_action",
            InvalidResource { .. } => "invalid_resource",
            InvalidPrincipal { .. } => "invalid_principal",
            UnknownPrincipalType { .. } => "unknown_principal_type",
            UnknownOperator { .. } => "unknown_operator",
            InvalidOperator { .. } => "invalid_operator",
            InvalidConditionValue { .. } => "invalid_condition_value",
        }
    }
}

impl fmt::Display for PolicyParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PolicyParseErrorKind::*;
        match self {
            InvalidJson { message } => write!(f, "invalid JSON: {message}"),
            WrongType {
                element,
                expected,
                found,
            } if element.is_empty() => write!(f, "the policy must be {expected}, not {found}"),
            WrongType {
                element,
                expected,
                found,
            } => write!(f, "`{element}` must be {expected}, not {found}"),
            UnknownElement { name } => write!(f, "unknown element `{name}`"),
            MissingElement { parent, element } => write!(f, "{parent} has no {element}"),
            ConflictingElements { first, second } => {
                write!(f, "a statement may have `{first}` or `{second}`, not both")
            }
            UnsupportedVersion { found } => {
                write!(f, "unsupported version `{found}`: use `2012-10-17`")
            }
            UnknownEffect { found } => {
                write!(f, "unknown effect `{found}`: use `Allow` or `Deny`")
            }
            EmptyList { element } => write!(f, "`{element}` lists nothing"),
            InvalidAction { found } => write!(
                f,
                "`{found}` is not an action: write `service:action`, such as `vpc-lattice-svcs:Invoke`, or `*`"
            ),
            InvalidResource { found } => write!(f, "`{found}` is not a resource"),
            InvalidPrincipal { found, reason } => {
                write!(f, "`{found}` is not a valid principal: {reason}")
            }
            UnknownPrincipalType { found } => write!(
                f,
                "unknown principal type `{found}`: use `AWS`, `Service`, `Federated` or `CanonicalUser`"
            ),
            UnknownOperator { found, suggestion } => {
                write!(f, "unknown condition operator `{found}`")?;
                if let Some(s) = suggestion {
                    write!(f, ": did you mean `{s}`?")?;
                }
                Ok(())
            }
            InvalidOperator { found, reason } => {
                write!(f, "condition operator `{found}` is not allowed: {reason}")
            }
            InvalidConditionValue {
                operator,
                value,
                expected,
            } => write!(
                f,
                "`{operator}` cannot compare `{value}`: it expects {expected}"
            ),
        }
    }
}

impl fmt::Display for PolicyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.pos)?;
        if !self.pointer.is_empty() {
            write!(f, " (`{}`)", self.pointer)?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl core::error::Error for PolicyParseError {}
