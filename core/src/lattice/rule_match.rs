//! Listener rules (aws-rules.md R-LIS-02..08): rules run from the lowest priority number to the
//! highest, the first whose every condition holds decides, and the default action runs when none
//! does. Method matches are exact and case-sensitive; path matches are exact or prefix and ignore
//! case unless the match asks for case; header names ignore case, and header values are exact,
//! prefix or contains matches that ignore case unless asked not to.
//!
//! Two choices where the documentation is silent (aws-rules.md section K, gaps 2 and 4): a path
//! prefix is a string prefix (`/api` matches `/apis`), and the conditions of one rule must all
//! hold.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::Run;
use crate::model::lattice::{
    Action, HeaderMatch, Listener, PathMatch, Rule, RuleMatch, StringMatch,
};
use crate::trace::{ComponentKind, Request};

/// Whether the method condition holds: exact and case-sensitive (R-LIS-07).
pub fn method_matches(want: &str, method: &str) -> bool {
    want == method
}

fn string_matches(m: &StringMatch, value: &str, case_sensitive: bool) -> bool {
    let fold = |s: &str| {
        if case_sensitive {
            s.to_string()
        } else {
            s.to_ascii_lowercase()
        }
    };
    let value = fold(value);
    match m {
        StringMatch::Exact(w) => value == fold(w),
        StringMatch::Prefix(w) => value.starts_with(fold(w).as_str()),
        StringMatch::Contains(w) => value.contains(fold(w).as_str()),
    }
}

/// Whether the path condition holds (R-LIS-08).
pub fn path_matches(m: &PathMatch, path: &str) -> bool {
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    string_matches(&m.value, path, m.case_sensitive)
}

/// Whether a header condition holds; header names match in any case (R-LIS-06).
pub fn header_matches(m: &HeaderMatch, req: &Request) -> bool {
    req.header(&m.name)
        .is_some_and(|v| string_matches(&m.value, v, m.case_sensitive))
}

/// The first condition of `m` that does not hold, in words; `None` when the rule matches.
fn first_miss(m: &RuleMatch, req: &Request) -> Option<String> {
    if let Some(want) = &m.method
        && !method_matches(want, &req.method)
    {
        return Some(format!("method `{}` is not `{want}`", req.method));
    }
    if let Some(p) = &m.path
        && !path_matches(p, &req.path)
    {
        return Some(format!(
            "path `{}` does not match {}",
            req.path,
            describe(&p.value)
        ));
    }
    m.headers
        .iter()
        .find(|h| !header_matches(h, req))
        .map(|h| match req.header(&h.name) {
            Some(v) => format!(
                "header `{}: {v}` does not match {}",
                h.name,
                describe(&h.value)
            ),
            None => format!("header `{}` is absent", h.name),
        })
}

fn describe(m: &StringMatch) -> String {
    match m {
        StringMatch::Exact(v) => format!("exactly `{v}`"),
        StringMatch::Prefix(v) => format!("prefix `{v}`"),
        StringMatch::Contains(v) => format!("contains `{v}`"),
    }
}

/// The rule that takes the request, by priority; `None` for the default action.
pub fn matching_rule<'l>(listener: &'l Listener, req: &Request) -> Option<&'l Rule> {
    let mut rules: Vec<&Rule> = listener.rules.iter().collect();
    rules.sort_by_key(|r| r.priority);
    rules
        .into_iter()
        .find(|r| first_miss(&r.matches, req).is_none())
}

/// Picks the action for the request and records a hop naming the rule; returns the action and
/// the id of the rule, or of the listener for its default action.
pub(crate) fn route<'t>(run: &mut Run<'_, 't>, listener: &'t Listener) -> (&'t Action, &'t str) {
    let req = run.req;
    let rule = matching_rule(listener, req);
    let lid = listener.id.as_str();
    let (action, id) = match rule {
        Some(r) => (&r.action, r.id.as_str()),
        None => (&listener.default_action, lid),
    };
    run.hop(
        ComponentKind::ListenerRule,
        id,
        if rule.is_some() {
            "R-LIS-03"
        } else {
            "R-LIS-02"
        },
        || {
            let skipped: Vec<String> = {
                let mut rs: Vec<&Rule> = listener.rules.iter().collect();
                rs.sort_by_key(|r| r.priority);
                rs.iter()
                    .take_while(|r| rule.is_none_or(|m| m.id != r.id))
                    .filter_map(|r| {
                        first_miss(&r.matches, req).map(|why| format!("`{}` ({why})", r.id))
                    })
                    .collect()
            };
            let before = if skipped.is_empty() {
                String::new()
            } else {
                format!("; passed over {}", skipped.join(", "))
            };
            match rule {
                Some(r) => (
                    format!(
                        "rule `{}` (priority {}) of listener `{lid}` matches{before}",
                        r.id, r.priority
                    ),
                    Some(format!("rule {} priority {}", r.id, r.priority)),
                ),
                None => (
                    format!(
                        "no rule of listener `{lid}` matches, so its default action runs{before}"
                    ),
                    Some(format!("default action of listener {lid}")),
                ),
            }
        },
    );
    (action, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::flow::RequestProtocol;

    fn req(method: &str, path: &str, headers: &[(&str, &str)]) -> Request {
        let mut r = Request::new("i-client", "svc", RequestProtocol::Http, None);
        r.method = method.into();
        r.path = path.into();
        for (k, v) in headers {
            r.headers.insert(k.to_ascii_lowercase(), (*v).into());
        }
        r
    }

    fn path(json: &str) -> PathMatch {
        crate::model::codec::from_str(json).unwrap()
    }

    fn header(json: &str) -> HeaderMatch {
        crate::model::codec::from_str(json).unwrap()
    }

    #[test]
    fn methods_are_exact_and_case_sensitive() {
        for (want, got, ok) in [
            ("POST", "POST", true),
            ("POST", "post", false),
            ("GET", "GETS", false),
        ] {
            assert_eq!(method_matches(want, got), ok, "{want} {got}");
        }
    }

    #[test]
    fn paths() {
        let cases = [
            (r#"{"exact":"/orders"}"#, "/orders", true),
            (r#"{"exact":"/orders"}"#, "/Orders", true),
            (
                r#"{"exact":"/orders","case_sensitive":true}"#,
                "/Orders",
                false,
            ),
            (r#"{"exact":"/orders"}"#, "/orders/1", false),
            (r#"{"prefix":"/api"}"#, "/api/v1", true),
            (r#"{"prefix":"/api"}"#, "/apis", true),
            (r#"{"prefix":"/API","case_sensitive":true}"#, "/api", false),
            (r#"{"prefix":"/reports"}"#, "/reports?x=1", true),
        ];
        for (m, p, want) in cases {
            assert_eq!(path_matches(&path(m), p), want, "{m} {p}");
        }
    }

    #[test]
    fn headers() {
        let cases = [
            (
                r#"{"name":"x-beta","exact":"yes"}"#,
                ("X-Beta", "YES"),
                true,
            ),
            (
                r#"{"name":"X-BETA","exact":"yes"}"#,
                ("x-beta", "yes"),
                true,
            ),
            (
                r#"{"name":"x-beta","exact":"yes","case_sensitive":true}"#,
                ("x-beta", "YES"),
                false,
            ),
            (
                r#"{"name":"x-beta","prefix":"ye"}"#,
                ("x-beta", "yes"),
                true,
            ),
            (
                r#"{"name":"x-beta","contains":"E"}"#,
                ("x-beta", "yes"),
                true,
            ),
            (
                r#"{"name":"x-beta","exact":"yes"}"#,
                ("x-other", "yes"),
                false,
            ),
        ];
        for (m, (k, v), want) in cases {
            assert_eq!(
                header_matches(&header(m), &req("GET", "/", &[(k, v)])),
                want,
                "{m} {k}"
            );
        }
    }

    #[test]
    fn priority_and_all_conditions() {
        let l: Listener = crate::model::codec::from_str(
            r#"{"id":"lst","protocol":"http","default_action":{"fixed_response":{"status":404}},"rules":[
                {"id":"r-late","priority":20,"match":{"path":{"prefix":"/"}},"action":{"fixed_response":{"status":500}}},
                {"id":"r-early","priority":10,"match":{"method":"GET","path":{"prefix":"/reports"}},"action":{"fixed_response":{"status":404}}}
            ]}"#,
        )
        .unwrap();
        let cases = [
            (req("GET", "/reports/q1", &[]), Some("r-early")),
            (req("POST", "/reports/q1", &[]), Some("r-late")),
            (req("GET", "/x", &[]), Some("r-late")),
        ];
        for (r, want) in cases {
            assert_eq!(
                matching_rule(&l, &r).map(|r| r.id.as_str()),
                want,
                "{} {}",
                r.method,
                r.path
            );
        }
    }
}
