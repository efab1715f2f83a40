//! Checking a batch-run expectation: a flow whose `expect` gives `runs` or a `distribution` is
//! sent `runs` times (1,000 when absent) with consecutive seeds from its own, and each expected
//! share must be met within `tolerance` percentage points (5 when absent).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::index::Index;
use super::request::Request;
use super::walk::walk;
use crate::model::flow::Flow;
use crate::sim::run_with;

/// Runs used when a flow gives a distribution but no count.
pub(crate) const DEFAULT_RUNS: u32 = 1_000;
/// Tolerance used when a flow gives none, in percentage points.
pub(crate) const DEFAULT_TOLERANCE: u32 = 5;

/// `None` when the flow expects no batch run; otherwise whether the batch met it.
pub(crate) fn check(index: &Index<'_>, flow: &Flow) -> Option<Result<(), String>> {
    let expect = flow.expect.as_ref()?;
    if expect.runs.is_none() && expect.distribution.is_empty() {
        return None;
    }
    let runs = expect.runs.unwrap_or(DEFAULT_RUNS).max(1);
    let tolerance = f64::from(expect.tolerance.unwrap_or(DEFAULT_TOLERANCE));
    let base = Request::from(&flow.request);
    let mut first = None;
    let d = run_with(runs, base.seed, |seed| {
        let mut r = base.clone();
        r.seed = seed;
        let t = walk(index, &r, true);
        if first.is_none() {
            first = Some(t.clone());
        }
        t
    });
    let mut diffs: Vec<String> = Vec::new();
    let single = crate::model::flow::Expect {
        target: None,
        ..expect.clone()
    };
    if let Some(t) = &first
        && let Err(e) = super::compare_trace(t, &single, &flow.request.to)
    {
        diffs.push(e);
    }
    let want = match expect.verdict {
        crate::model::flow::Outcome::Delivered => "delivered",
        crate::model::flow::Outcome::FixedResponse => "fixed_response",
        crate::model::flow::Outcome::Blocked => "blocked",
    };
    let hits = d.outcomes.get(want).copied().unwrap_or(0);
    if hits != d.runs {
        diffs.push(format!("{} of {} runs ended {want}", hits, d.runs));
    }
    for (id, pct) in &expect.distribution {
        let got = d.percent(id);
        if (got - f64::from(*pct)).abs() > tolerance {
            diffs.push(format!(
                "`{id}` got {got:.1}% of {runs} runs, expected {pct}% ± {tolerance}"
            ));
        }
    }
    Some(if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    })
}
