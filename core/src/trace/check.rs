//! Checking a flow's expectation against its trace: only the fields the expectation gives are
//! compared, and a mismatch is described in words.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::Trace;
use super::index::Index;
use super::request::Request;
use super::verdict::Verdict;
use super::walk::walk;
use crate::model::flow::{Expect, ExpectDns, ExpectRoute, Flow, Outcome};

/// Compares a trace's verdict with an expectation; `Err` says what differed.
pub fn compare(verdict: &Verdict, expect: &Expect) -> Result<(), String> {
    let mut diffs: Vec<String> = Vec::new();
    let want = match expect.verdict {
        Outcome::Delivered => "delivered",
        Outcome::FixedResponse => "fixed_response",
        Outcome::Blocked => "blocked",
    };
    if verdict.outcome() != want {
        diffs.push(format!("expected {want}, got {}", describe(verdict)));
        return Err(diffs.join("; "));
    }
    match verdict {
        Verdict::Delivered { target, .. } => {
            if let Some(t) = &expect.target
                && t != target
            {
                diffs.push(format!("expected delivery to `{t}`, got `{target}`"));
            }
        }
        Verdict::FixedResponse { status, .. } => {
            if let Some(s) = expect.status
                && s != *status
            {
                diffs.push(format!("expected status {s}, got {status}"));
            }
        }
        Verdict::Blocked(b) => {
            if let Some(r) = &expect.reason
                && r != b.code.as_str()
            {
                diffs.push(format!(
                    "expected reason `{r}`, got `{}` ({})",
                    b.code, b.message
                ));
            }
            if let Some(at) = &expect.at
                && *at != b.at
            {
                diffs.push(format!("expected the block at `{at}`, got `{}`", b.at));
            }
        }
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

/// Compares a whole trace with an expectation: the verdict as [`compare`] does, then the
/// source address the target saw, the route taken and the DNS answer, when the expectation
/// gives them. `to` is the request's destination, the name a DNS expectation without one asks.
/// `Err` says each difference, expected against actual.
pub fn compare_trace(trace: &Trace, expect: &Expect, to: &str) -> Result<(), String> {
    let mut diffs: Vec<String> = Vec::new();
    let verdict_ok = match compare(&trace.verdict, expect) {
        Ok(()) => true,
        Err(e) => {
            diffs.push(e);
            false
        }
    };
    if let Some(want) = expect.source_seen {
        match &trace.verdict {
            Verdict::Delivered {
                target,
                source: Some(got),
                ..
            } if *got != want => diffs.push(format!(
                "expected `{target}` to see the request come from {want}, but it came from {got}"
            )),
            Verdict::Delivered {
                target,
                source: None,
                ..
            } => diffs.push(format!(
                "expected `{target}` to see the request come from {want}, but the trace knows no source address"
            )),
            Verdict::Delivered { .. } => {}
            // A verdict other than delivery was reported above when it was not the expected one.
            _ if verdict_ok => diffs.push(format!(
                "expected the target to see the request come from {want}, but it reached no target"
            )),
            _ => {}
        }
    }
    if let Some(want) = &expect.route
        && let Err(e) = route_taken(trace, want)
    {
        diffs.push(e);
    }
    if let Some(want) = &expect.dns
        && let Err(e) = dns_answer(trace, want, to)
    {
        diffs.push(e);
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

/// Whether one route table the trace passed forwarded by the route `want` describes.
fn route_taken(trace: &Trace, want: &ExpectRoute) -> Result<(), String> {
    let taken: Vec<&super::RouteTaken> =
        trace.hops.iter().filter_map(|h| h.route.as_ref()).collect();
    let fits = |r: &super::RouteTaken| {
        want.table.as_deref().is_none_or(|t| t.trim() == r.table)
            && want
                .destination
                .as_deref()
                .is_none_or(|d| r.destination_is(d))
            && want.target.as_deref().is_none_or(|t| t.trim() == r.target)
    };
    if taken.iter().any(|r| fits(r)) {
        return Ok(());
    }
    let mut words = String::from("expected the route");
    if let Some(d) = &want.destination {
        words.push_str(&format!(" {d}"));
    }
    if let Some(t) = &want.target {
        words.push_str(&format!(" -> `{t}`"));
    }
    if let Some(t) = &want.table {
        words.push_str(&format!(" in `{t}`"));
    }
    if taken.is_empty() {
        words.push_str(", but the request passed no route table");
    } else {
        let got: Vec<String> = taken.iter().map(|r| format!("{r}")).collect();
        words.push_str(&format!(", but the request took {}", got.join(", then ")));
    }
    Err(words)
}

/// Whether the trace resolved the name `want` asks (the request's `to` when it names none) to
/// exactly the addresses it gives.
fn dns_answer(trace: &Trace, want: &ExpectDns, to: &str) -> Result<(), String> {
    let norm = |n: &str| String::from(n.trim().trim_end_matches('.')).to_ascii_lowercase();
    let name = norm(want.name.as_deref().unwrap_or(to));
    let lookups: Vec<&super::DnsAnswer> =
        trace.hops.iter().filter_map(|h| h.dns.as_ref()).collect();
    let Some(found) = lookups.iter().find(|d| norm(&d.name) == name) else {
        let asked: Vec<String> = lookups.iter().map(|d| format!("`{}`", d.name)).collect();
        return Err(if asked.is_empty() {
            format!("expected a DNS answer for `{name}`, but the request made no DNS lookup")
        } else {
            format!(
                "expected a DNS answer for `{name}`, but the request only looked up {}",
                asked.join(", ")
            )
        });
    };
    let Some(answer) = &want.answer else {
        return Ok(());
    };
    let mut want_sorted = answer.clone();
    want_sorted.sort_unstable();
    want_sorted.dedup();
    let mut got = found.answer.clone();
    got.sort_unstable();
    got.dedup();
    if want_sorted == got {
        return Ok(());
    }
    let list = |a: &[core::net::IpAddr]| {
        if a.is_empty() {
            String::from("no address")
        } else {
            a.iter()
                .map(|ip| format!("{ip}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    Err(format!(
        "expected `{name}` to resolve to {}, but it resolved to {}",
        list(&want_sorted),
        list(&got)
    ))
}

/// A verdict in a few words.
pub fn describe(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Delivered { target, .. } => format!("delivered to `{target}`"),
        Verdict::FixedResponse { at, status } => format!("fixed response {status} at `{at}`"),
        Verdict::Blocked(b) => format!("blocked at `{}` with `{}`: {}", b.at, b.code, b.message),
    }
}

/// Traces a flow and compares it with its expectation; `None` when the flow expects nothing.
pub fn check_flow(index: &Index<'_>, flow: &Flow) -> Option<Result<(), String>> {
    if let Some(batch) = super::check_distribution::check(index, flow) {
        return Some(batch);
    }
    let expect = flow.expect.as_ref()?;
    let trace = walk(index, &Request::from(&flow.request), true);
    Some(compare_trace(&trace, expect, &flow.request.to))
}
