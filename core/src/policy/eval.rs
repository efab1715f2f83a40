//! Evaluation: explicit deny over allow over implicit deny (R-IAM-01), with, for every
//! statement, whether it applied and, when not, the first element that did not match.

use alloc::vec::Vec;

use super::arn::{self, ArnParts};
use super::ast::{Effect, Policy, PrincipalEntry, PrincipalKind, Principals, Statement};
use super::condition;
use super::request::{Caller, Request};
use super::wildcard;

/// The outcome of an authorization, with stable names for the CLI, tests and the browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecisionKind {
    /// At least one statement allows the request and none denies it.
    Allow,
    /// No statement allows or denies the request: denied by default.
    ImplicitDeny,
    /// A statement denies the request; no allow can override it.
    ExplicitDeny,
}

crate::json_enum!(write DecisionKind {
    Allow = "allow",
    ImplicitDeny = "implicit_deny",
    ExplicitDeny = "explicit_deny",
});

impl DecisionKind {
    /// The stable name: `allow`, `implicit_deny` or `explicit_deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Allow => "allow",
            DecisionKind::ImplicitDeny => "implicit_deny",
            DecisionKind::ExplicitDeny => "explicit_deny",
        }
    }
}

/// A statement among the evaluated policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatementRef {
    /// The policy's index in the list given to [`authorize`].
    pub policy: usize,
    /// The statement's index in its policy.
    pub statement: usize,
}

/// The element of a statement that did not match the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Miss {
    /// `Principal` or `NotPrincipal`.
    Principal,
    /// `Action` or `NotAction`.
    Action,
    /// `Resource` or `NotResource`.
    Resource,
    /// The condition at this index of [`Statement::conditions`].
    Condition {
        /// The index of the condition that does not hold.
        index: usize,
    },
}

/// What one statement made of the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Which statement.
    pub at: StatementRef,
    /// Its effect.
    pub effect: Effect,
    /// `None` when the statement applies to the request; otherwise the first element, in the
    /// order Principal, Action, Resource, Condition, that does not match.
    pub miss: Option<Miss>,
}

/// The decision and the outcome of every statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Allow, implicit deny or explicit deny.
    pub kind: DecisionKind,
    /// The statements that decided: every applying `Deny` for an explicit deny, every applying
    /// `Allow` for an allow, none for an implicit deny.
    pub deciding: Vec<StatementRef>,
    /// Every statement of every policy, in order.
    pub outcomes: Vec<Outcome>,
}

impl Decision {
    /// Whether the request is allowed.
    pub fn is_allowed(&self) -> bool {
        self.kind == DecisionKind::Allow
    }
}

/// Evaluates `request` against all `policies` together, as one set of statements.
pub fn authorize(policies: &[Policy], request: &Request) -> Decision {
    let total = policies.iter().map(|p| p.statements.len()).sum();
    let mut outcomes = Vec::with_capacity(total);
    let (mut allows, mut denies) = (Vec::new(), Vec::new());
    for (pi, policy) in policies.iter().enumerate() {
        for st in &policy.statements {
            let at = StatementRef {
                policy: pi,
                statement: st.index,
            };
            let miss = first_miss(st, request);
            if miss.is_none() {
                match st.effect {
                    Effect::Allow => allows.push(at),
                    Effect::Deny => denies.push(at),
                }
            }
            outcomes.push(Outcome {
                at,
                effect: st.effect,
                miss,
            });
        }
    }
    let (kind, deciding) = if !denies.is_empty() {
        (DecisionKind::ExplicitDeny, denies)
    } else if !allows.is_empty() {
        (DecisionKind::Allow, allows)
    } else {
        (DecisionKind::ImplicitDeny, Vec::new())
    };
    Decision {
        kind,
        deciding,
        outcomes,
    }
}

/// The first element of `st` that does not match `request`, or `None` if the statement applies.
pub fn first_miss(st: &Statement, request: &Request) -> Option<Miss> {
    if let Some(p) = &st.principal
        && !principal_matches(p, request.caller())
    {
        return Some(Miss::Principal);
    }
    let action = request.action_lowered();
    let hit = st
        .action
        .lowered
        .iter()
        .any(|p| wildcard::matches(p, action));
    if hit == st.action.negated {
        return Some(Miss::Action);
    }
    if let Some(r) = &st.resource {
        let resource = request.resource();
        let hit = r.patterns.iter().zip(&r.templates).any(|(p, t)| match t {
            None => wildcard::matches(p, resource),
            // A pattern whose variable has no value matches nothing.
            Some(t) => t.resolve(request).is_some_and(|t| t.like(resource)),
        });
        if hit == r.negated {
            return Some(Miss::Resource);
        }
    }
    st.conditions
        .iter()
        .position(|c| !condition::holds(c, request))
        .map(|index| Miss::Condition { index })
}

/// Whether a `Principal` / `NotPrincipal` element matches the caller.
///
/// `NotPrincipal` names principals exactly: an account exempts only the account principal
/// (its root), not the users and roles in it, and a role ARN does not exempt the role's
/// sessions, which must be named by their assumed-role ARN (IAM user guide,
/// reference_policies_elements_notprincipal.html). Reading it as a negated `Principal` would
/// let a `Deny` miss callers it must stop.
pub(crate) fn principal_matches(p: &Principals, caller: &Caller) -> bool {
    if p.negated {
        !p.entries.iter().any(|e| entry_names(e, caller))
    } else {
        p.entries.iter().any(|e| entry_matches(e, caller))
    }
}

/// Whether a `Principal` entry covers the caller: an account covers every principal in it, a
/// role covers its sessions.
fn entry_matches(entry: &PrincipalEntry, caller: &Caller) -> bool {
    if entry.kind == PrincipalKind::Anyone {
        return true;
    }
    let Caller::Principal(who) = caller else {
        return false;
    };
    match entry.kind {
        PrincipalKind::Anyone => true,
        PrincipalKind::Account => {
            ArnParts::split(who).is_some_and(|parts| parts.account == entry.key)
                || *who == entry.key
        }
        PrincipalKind::Arn => *who == entry.key || session_of_role(who, &entry.key),
        PrincipalKind::Service | PrincipalKind::Federated | PrincipalKind::CanonicalUser => {
            *who == entry.key
        }
    }
}

/// Whether a `NotPrincipal` entry names the caller itself: an account names only its root.
fn entry_names(entry: &PrincipalEntry, caller: &Caller) -> bool {
    if entry.kind == PrincipalKind::Anyone {
        return true;
    }
    let Caller::Principal(who) = caller else {
        return false;
    };
    match entry.kind {
        PrincipalKind::Account => {
            *who == entry.key
                || ArnParts::split(who).is_some_and(|parts| {
                    parts.service == "iam" && parts.resource == "root" && parts.account == entry.key
                })
        }
        _ => *who == entry.key,
    }
}

/// Whether `caller` is a session of the role `role_arn` (`…:role/path/Name` is assumed as
/// `…:assumed-role/Name/session`).
fn session_of_role(caller: &str, role_arn: &str) -> bool {
    let Some(session_role) = arn::role_of_session(caller) else {
        return false;
    };
    let (Some(a), Some(b)) = (ArnParts::split(&session_role), ArnParts::split(role_arn)) else {
        return false;
    };
    a.partition == b.partition
        && a.account == b.account
        && b.resource.starts_with("role/")
        && a.resource.rsplit('/').next() == b.resource.rsplit('/').next()
}
