//! Batch runs: many copies of one request, each with its own seed, traced by the core; the
//! packets stream over the canvas and the counters fill beside the configured weights.

use std::collections::BTreeMap;

use leptos::prelude::*;
use vpcplay_core::model::Topology;
use vpcplay_core::model::flow::Request as FlowRequest;
use vpcplay_core::sim::{Distribution, configured_weights};
use vpcplay_core::trace::{ComponentKind, Index, Request, Trace, Verdict, trace_with};

use super::html::Html;
use super::{BatchRun, Sim};

/// How long the batch takes to send all its packets, in seconds.
pub const SEND_WINDOW: f64 = 1.5;
/// How long each packet of a batch takes from its source to where it ends, in seconds: longer
/// than the sending window, so the whole batch is in flight at once for a while.
pub const TRAVEL: f64 = 2.5;

/// When packet `k` of `n` leaves.
pub fn departure(k: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        SEND_WINDOW * k as f64 / n as f64
    }
}

/// Traces `n` copies of `request` with seeds counting up from its own.
pub fn run(topology: &Topology, request: &FlowRequest, n: u32) -> BatchRun {
    let ix = Index::build(topology);
    let base = Request::from(request);
    let mut traces: Vec<Trace> = Vec::new();
    let mut packets = Vec::with_capacity(n as usize);
    let mut distribution = Distribution::default();
    let mut per_trace: Vec<u32> = Vec::new();
    let mut r = base.clone();
    for i in 0..n {
        r.seed = base.seed.wrapping_add(u64::from(i));
        let t = trace_with(&ix, &r);
        distribution.add(&t);
        let k = match traces.iter().position(|x| *x == t) {
            Some(k) => k,
            None => {
                traces.push(t);
                per_trace.push(0);
                traces.len() - 1
            }
        };
        if let Some(c) = per_trace.get_mut(k) {
            *c += 1;
        }
        packets.push(k as u32);
    }
    let weights = traces
        .iter()
        .map(|t| configured_weights(topology, t))
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    let mut targets: BTreeMap<(String, Option<String>), u32> = BTreeMap::new();
    for (t, count) in traces.iter().zip(&per_trace) {
        if let Verdict::Delivered { target, .. } = &t.verdict {
            let group = t
                .hops
                .iter()
                .rev()
                .find(|h| h.kind == ComponentKind::TargetGroup)
                .map(|h| h.component.clone());
            *targets.entry((target.clone(), group)).or_default() += count;
        }
    }
    BatchRun {
        runs: n,
        traces,
        packets,
        distribution,
        weights,
        targets: targets.into_iter().map(|((t, g), c)| (t, g, c)).collect(),
    }
}

/// How many packets have arrived by `clock` seconds.
fn arrived(run: &BatchRun, clock: f64) -> usize {
    let n = run.packets.len();
    (0..n)
        .filter(|&i| departure(i, n) + TRAVEL <= clock)
        .count()
}

fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        return String::from("0%");
    }
    format!("{:.1}%", f64::from(part) * 100.0 / f64::from(whole))
}

/// The counters of a batch run, as HTML.
pub fn counters_html(run: &BatchRun) -> String {
    let mut h = Html::default();
    let total = run.runs;
    let join = |m: &std::collections::BTreeMap<&'static str, u32>| {
        m.iter()
            .map(|(o, c)| format!("{o} {c}"))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    h.el(
        "p",
        &[("class", "muted")],
        &join(&run.distribution.outcomes),
    );
    if !run.distribution.reasons.is_empty() {
        h.el(
            "p",
            &[("class", "muted")],
            &format!("blocked: {}", join(&run.distribution.reasons)),
        );
    }
    let table = |h: &mut Html,
                 caption: &str,
                 heads: [&str; 3],
                 rows: Vec<(String, String, String, u32)>| {
        h.open("table", &[("class", "counters")])
            .el("caption", &[], caption)
            .open("thead", &[])
            .open("tr", &[]);
        for head in heads {
            h.el("th", &[], head);
        }
        h.el("th", &[], "share")
            .close("tr")
            .close("thead")
            .open("tbody", &[]);
        for (id, second, weight, count) in rows {
            let c = count.to_string();
            h.open(
                "tr",
                &[
                    ("data-counter", &id),
                    ("data-count", &c),
                    ("data-weight", &weight),
                ],
            )
            .el("th", &[("scope", "row")], &id)
            .el("td", &[], &second)
            .el("td", &[], &c)
            .el("td", &[], &percent(count, total))
            .close("tr");
        }
        h.close("tbody").close("table");
    };
    if !run.weights.is_empty() {
        let sum: u32 = run.weights.iter().map(|(_, w)| w).sum();
        let rows = run
            .weights
            .iter()
            .map(|(tg, w)| {
                let got = run.distribution.target_groups.get(tg).copied().unwrap_or(0);
                (
                    tg.clone(),
                    format!("{w} ({})", percent(*w, sum)),
                    w.to_string(),
                    got,
                )
            })
            .collect();
        table(
            &mut h,
            "Target groups: configured weight and share received",
            ["target group", "weight", "requests"],
            rows,
        );
    }
    if !run.targets.is_empty() {
        let rows = run
            .targets
            .iter()
            .map(|(t, g, c)| (t.clone(), g.clone().unwrap_or_default(), String::new(), *c))
            .collect();
        table(
            &mut h,
            "Targets (round robin over healthy targets; all of them when none is healthy)",
            ["target", "group", "requests"],
            rows,
        );
    }
    h.0
}

/// The batch panel: what was sent, the stream's progress, and the counters.
#[component]
pub fn BatchPanel() -> impl IntoView {
    let sim = Sim::get();
    let run = sim.batch;
    view! {
        <section class="batch" data-panel="batch" aria-label="Batch run" hidden=move || run.with(Option::is_none)>
            <h3>{move || run.with(|r| r.as_ref().map(|r| format!("{} requests", r.runs)))}</h3>
            <p class="muted">
                <span data-batch-arrived>
                    {move || {
                        let clock = sim.batch_clock.get();
                        run.with(|r| r.as_ref().map_or(0, |r| arrived(r, clock)))
                    }}
                </span>
                {move || run.with(|r| r.as_ref().map(|r| format!(" of {} arrived", r.runs)))}
            </p>
            <div inner_html=move || run.with(|r| r.as_ref().map(counters_html).unwrap_or_default()) />
        </section>
    }
}
