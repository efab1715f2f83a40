//! VPC Lattice services, their listeners and rules, and the actions that name target groups.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;

use super::Ctx;
use crate::model::diagnostic::Code;
use crate::model::kind::Kind;
use crate::model::lattice::{Action, ListenerProtocol, Service, TargetGroupProtocol};

/// Listeners per service (R-SN-07 default quota).
const MAX_LISTENERS: usize = 2;
/// Rules per listener (R-SN-07 default quota).
const MAX_RULES: usize = 10;
/// Header matches per rule (R-LIS-06).
const MAX_HEADER_MATCHES: usize = 5;
/// The largest forward weight (R-LIS-04).
const MAX_WEIGHT: u32 = 999;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    // Target group -> the first service whose listeners forward to it.
    let mut owners: BTreeMap<&str, &str> = BTreeMap::new();
    for service in &doc.services {
        let id = service.id.as_str();
        cx.account(Kind::Service, id, service.account.as_ref());
        cx.region(Kind::Service, id, service.region.as_ref());
        super::service_network::auth(
            cx,
            Kind::Service,
            id,
            service.auth_type,
            service.auth_policy.as_ref(),
        );
        if service.listeners.len() > MAX_LISTENERS {
            cx.emit(
                Code::TooManyListeners,
                id,
                format!(
                    "service `{id}` has {} listeners: the default quota is {MAX_LISTENERS} per service",
                    service.listeners.len()
                ),
            );
        }
        let mut ports = BTreeSet::new();
        for listener in &service.listeners {
            let lid = listener.id.as_str();
            let port = listener.effective_port();
            if port == 0 {
                cx.emit(
                    Code::ListenerPort,
                    lid,
                    format!("listener `{lid}` has port 0: ports run from 1 to 65535"),
                );
            }
            if !ports.insert(port) {
                cx.emit(
                    Code::DuplicateListenerPort,
                    lid,
                    format!("service `{id}` has two listeners on port {port}"),
                );
            }
            let tls = listener.protocol == ListenerProtocol::TlsPassthrough;
            if tls && service.custom_domain.is_none() {
                cx.emit(
                    Code::TlsListenerNeedsCustomDomain,
                    lid,
                    format!("TLS passthrough listener `{lid}` needs service `{id}` to have a custom domain name, used to match the SNI"),
                );
            }
            if tls
                && (!listener.rules.is_empty()
                    || !matches!(listener.default_action, Action::Forward(_)))
            {
                cx.emit(
                    Code::TlsListenerRules,
                    lid,
                    format!("TLS passthrough listener `{lid}` may have only a default rule that forwards to target groups"),
                );
            }
            if listener.rules.len() > MAX_RULES {
                cx.emit(
                    Code::TooManyRules,
                    lid,
                    format!(
                        "listener `{lid}` has {} rules: the default quota is {MAX_RULES} per listener",
                        listener.rules.len()
                    ),
                );
            }
            action(
                cx,
                service,
                listener.protocol,
                lid,
                &listener.default_action,
                &mut owners,
            );
            let mut priorities = BTreeMap::new();
            for rule in &listener.rules {
                let rid = rule.id.as_str();
                if !(1..=100).contains(&rule.priority) {
                    cx.emit(
                        Code::RulePriority,
                        rid,
                        format!(
                            "rule `{rid}` has priority {}: priorities run from 1 to 100",
                            rule.priority
                        ),
                    );
                }
                if let Some(first) = priorities.insert(rule.priority, rid) {
                    cx.emit(
                        Code::DuplicateRulePriority,
                        rid,
                        format!(
                            "rules `{first}` and `{rid}` of listener `{lid}` share priority {}",
                            rule.priority
                        ),
                    );
                }
                if rule.matches.is_empty() {
                    cx.emit(
                        Code::RuleWithoutMatch,
                        rid,
                        format!("rule `{rid}` has no condition: give it a path, method or header match, or make it the default action"),
                    );
                }
                if rule.matches.headers.len() > MAX_HEADER_MATCHES {
                    cx.emit(
                        Code::TooManyHeaderMatches,
                        rid,
                        format!(
                            "rule `{rid}` has {} header matches: a rule takes at most {MAX_HEADER_MATCHES}",
                            rule.matches.headers.len()
                        ),
                    );
                }
                action(
                    cx,
                    service,
                    listener.protocol,
                    rid,
                    &rule.action,
                    &mut owners,
                );
            }
        }
    }
}

fn action<'a>(
    cx: &mut Ctx<'a>,
    service: &'a Service,
    protocol: ListenerProtocol,
    owner: &str,
    action: &'a Action,
    owners: &mut BTreeMap<&'a str, &'a str>,
) {
    let kind = if cx.ix.get(owner).map(|s| s.kind) == Some(Kind::Rule) {
        Kind::Rule
    } else {
        Kind::Listener
    };
    let targets = match action {
        Action::FixedResponse(r) => {
            if !(100..=599).contains(&r.status) {
                cx.emit(
                    Code::FixedResponseStatus,
                    owner,
                    format!(
                        "{} `{owner}` answers with status {}, which is not an HTTP status code",
                        kind.noun(),
                        r.status
                    ),
                );
            }
            return;
        }
        Action::Forward(targets) => targets,
    };
    if targets.is_empty() {
        cx.emit(
            Code::ForwardEmpty,
            owner,
            format!("{} `{owner}` forwards to no target group", kind.noun()),
        );
    }
    let service_account = cx.account_or_default(service.account.as_ref());
    for t in targets {
        let tg_id = t.target_group.as_str();
        if t.weight > MAX_WEIGHT {
            cx.emit(
                Code::ForwardWeight,
                owner,
                format!("{} `{owner}` gives target group `{tg_id}` weight {}: weights run from 0 to {MAX_WEIGHT}", kind.noun(), t.weight),
            );
        }
        if !cx.refer(kind, owner, Kind::TargetGroup, tg_id) {
            continue;
        }
        let Some(tg) = cx.target_group(tg_id) else {
            continue;
        };
        let tcp = tg.protocol == Some(TargetGroupProtocol::Tcp);
        let tls = protocol == ListenerProtocol::TlsPassthrough;
        if tls != tcp {
            let tg_protocol = tg.protocol.map_or("none", |p| p.as_str());
            cx.emit(
                Code::ListenerTargetGroupProtocol,
                owner,
                format!(
                    "{} `{owner}` of a `{}` listener forwards to target group `{tg_id}` with protocol `{tg_protocol}`: TCP target groups go with TLS passthrough listeners only, and TLS passthrough listeners forward to TCP target groups only",
                    kind.noun(),
                    protocol.as_str()
                ),
            );
        }
        let tg_account = cx.account_or_default(tg.account.as_ref());
        if tg_account != service_account {
            cx.emit(
                Code::TargetGroupOtherAccount,
                owner,
                format!("target group `{tg_id}` is in account `{tg_account}`, but service `{}` is in `{service_account}`", service.id),
            );
        }
        match owners.get(tg_id) {
            Some(first) if *first != service.id.as_str() => cx.emit(
                Code::TargetGroupShared,
                owner,
                format!("target group `{tg_id}` already serves service `{first}`: a target group serves the listeners of one service"),
            ),
            Some(_) => {}
            None => {
                owners.insert(tg_id, service.id.as_str());
            }
        }
    }
}
