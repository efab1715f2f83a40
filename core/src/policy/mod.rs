//! IAM-style policies: VPC Lattice auth policies, VPC endpoint policies and the caller's
//! identity policies, parsed into a checked form and evaluated with an explanation.
//!
//! The pipeline is parse → AST → evaluate → explain:
//! - [`parse_policy`] reads policy JSON (through a reader that keeps line and column) into a
//!   [`Policy`], refusing what IAM would refuse with a [`PolicyParseError`] that points at the
//!   offending value. Policy variables (`${aws:PrincipalTag/team}`) in a `2012-10-17` policy
//!   are split out here, once, into a [`Template`].
//! - [`lint`] lists what is legal but suspicious, in the manner of IAM Access Analyzer.
//! - [`authorize`] evaluates a [`Request`] against a set of policies: an explicit deny beats an
//!   allow, and an allow beats the implicit deny (R-IAM-01). The [`Decision`] names the deciding
//!   statements and, for every other statement, the element that did not match.
//! - [`explain`] turns a decision into plain words and a serializable [`Explanation`].
//! - [`identity_finding`] asks the caller's identity policy about a request, in the words every
//!   path authorized with IAM shares (VPC Lattice, gateway and interface endpoints).

mod arn;
mod ast;
mod condition;
mod date;
mod error;
mod eval;
mod explain;
mod identity;
mod keys;
mod lint;
mod operator;
mod parse;
mod request;
mod variable;
mod wildcard;

#[cfg(feature = "cli")]
pub mod cli;

pub use crate::json::Pos;
pub use arn::{ArnParts, arn_like};
pub use ast::{
    Actions, BaseOperator, Condition, Effect, Operator, Policy, Prepared, PrincipalEntry,
    PrincipalKind, Principals, Resources, SetQualifier, Statement, ValueKind,
};
pub use date::{EpochMillis, parse as parse_date};
pub use error::{PolicyParseError, PolicyParseErrorKind};
pub use eval::{Decision, DecisionKind, Miss, Outcome, StatementRef, authorize, first_miss};
pub use explain::{Explanation, StatementLabel, StatementReport, WhyNot, explain};
pub use identity::{IdentityFinding, decide, identity_finding};
pub use keys::{KNOWN_KEYS, KeyInfo};
pub use lint::{PolicyWarning, WarningCode, lint};
pub use parse::parse_policy;
pub use request::{
    Caller, Request, RequestField, RequestForm, RequestFormError, RequestParseError,
};
pub use variable::{Part, Template, Variable};
pub use wildcard::{
    matches as wildcard_matches, matches_ignore_case as wildcard_matches_ignore_case,
};
