//! Checking a flow's expectation against its trace: only the fields the expectation gives are
//! compared, and a mismatch is described in words.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::index::Index;
use super::request::Request;
use super::verdict::Verdict;
use super::walk::walk;
use crate::model::flow::{Expect, Flow, Outcome};

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
    Some(compare(&trace.verdict, expect))
}
