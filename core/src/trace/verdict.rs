//! How a trace ends.

use alloc::string::String;
use core::net::IpAddr;

use serde::Serialize;

use super::hop::ComponentKind;
use super::reason::ReasonCode;

/// The outcome of a trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The request reached a target.
    Delivered {
        /// The target's id, or an AWS service name such as `com.amazonaws.us-east-1.s3`, or
        /// `internet`.
        target: String,
        kind: ComponentKind,
        #[serde(skip_serializing_if = "Option::is_none")]
        address: Option<IpAddr>,
        port: u16,
    },
    /// A listener rule answered without contacting a target.
    FixedResponse { at: String, status: u16 },
    /// A component stopped the request.
    Blocked(Blocked),
}

/// Where and why a request stopped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Blocked {
    /// The id of the component that stopped it.
    pub at: String,
    pub code: ReasonCode,
    /// What happened, in plain words.
    pub message: String,
    /// The aws-rules.md id of the rule that decided.
    pub rule: &'static str,
    /// The policy statement or rule text that decided, when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
}

impl Blocked {
    /// A block citing the code's usual rule.
    pub fn new(at: impl Into<String>, code: ReasonCode, message: String) -> Self {
        Self {
            at: at.into(),
            code,
            message,
            rule: code.rule(),
            statement: None,
        }
    }

    /// The same block citing another rule.
    #[must_use]
    pub fn citing(mut self, rule: &'static str) -> Self {
        self.rule = rule;
        self
    }

    /// The same block naming the deciding statement.
    #[must_use]
    pub fn with_statement(mut self, statement: String) -> Self {
        self.statement = Some(statement);
        self
    }
}

impl Verdict {
    /// `delivered`, `fixed_response` or `blocked`.
    pub fn outcome(&self) -> &'static str {
        match self {
            Self::Delivered { .. } => "delivered",
            Self::FixedResponse { .. } => "fixed_response",
            Self::Blocked(_) => "blocked",
        }
    }
}
