//! How a trace ends.

use alloc::string::String;
use core::net::IpAddr;

use super::hop::ComponentKind;
use super::reason::ReasonCode;

/// The outcome of a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The request reached a target.
    Delivered {
        /// The target's id, or an AWS service name such as `com.amazonaws.us-east-1.s3`, or
        /// `internet`.
        target: String,
        kind: ComponentKind,
        address: Option<IpAddr>,
        port: u16,
        /// The source address the target sees, after every rewrite on the way (NAT, VPC
        /// Lattice, a load balancer or a resource gateway). Not written to JSON: the last hop's
        /// packet shows it.
        source: Option<IpAddr>,
    },
    /// A listener rule answered without contacting a target.
    FixedResponse { at: String, status: u16 },
    /// A component stopped the request.
    Blocked(Blocked),
}

/// Written as an object whose `verdict` names the variant, with the variant's fields beside it.
impl crate::model::codec::ToJson for Verdict {
    fn write_json(&self, out: &mut String) {
        use crate::json::write::key;
        use crate::model::codec::ToJsonMembers;
        out.push('{');
        key(out, "verdict");
        match self {
            Self::Delivered {
                target,
                kind,
                address,
                port,
                ..
            } => {
                out.push_str("\"delivered\"");
                key(out, "target");
                target.write_json(out);
                key(out, "kind");
                kind.write_json(out);
                if let Some(a) = address {
                    key(out, "address");
                    a.write_json(out);
                }
                key(out, "port");
                port.write_json(out);
            }
            Self::FixedResponse { at, status } => {
                out.push_str("\"fixed_response\"");
                key(out, "at");
                at.write_json(out);
                key(out, "status");
                status.write_json(out);
            }
            Self::Blocked(b) => {
                out.push_str("\"blocked\"");
                b.write_members(out);
            }
        }
        out.push('}');
    }
}

/// Where and why a request stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocked {
    /// The id of the component that stopped it.
    pub at: String,
    pub code: ReasonCode,
    /// What happened, in plain words.
    pub message: String,
    /// The aws-rules.md id of the rule that decided.
    pub rule: &'static str,
    /// The policy statement or rule text that decided, when one did.
    pub statement: Option<String>,
}

crate::json_struct!(write Blocked {
    at: req,
    code: req,
    message: req,
    rule: req,
    statement: opt,
});

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
