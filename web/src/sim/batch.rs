//! Batch runs: many copies of one request, each with its own seed, traced by the core; the
//! packets stream over the canvas and the counters fill beside the configured weights.

use std::collections::BTreeMap;

use leptos::prelude::*;
use vpcplay_core::model::Topology;
use vpcplay_core::model::flow::Request as FlowRequest;
use vpcplay_core::sim::{Distribution, configured_weights};
use vpcplay_core::trace::{ComponentKind, Index, Request, Trace, Verdict, trace_with};

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

/// How many packets of trace `k` have arrived by `clock` seconds.
fn arrived(run: &BatchRun, clock: f64, matches: impl Fn(&Trace) -> bool) -> u32 {
    let n = run.packets.len();
    let mut count = 0;
    for (i, &k) in run.packets.iter().enumerate() {
        let Some(t) = run.traces.get(k as usize) else {
            continue;
        };
        if departure(i, n) + TRAVEL <= clock && matches(t) {
            count += 1;
        }
    }
    count
}

fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        return String::from("0%");
    }
    format!("{:.1}%", f64::from(part) * 100.0 / f64::from(whole))
}

/// The batch panel: what was sent, the stream's progress, and the counters.
#[component]
pub fn BatchPanel() -> impl IntoView {
    let sim = Sim::get();
    move || {
        sim.batch.get().map(|run| {
            let clock = sim.batch_clock;
            let total = run.runs;
            let weight_sum: u32 = run.weights.iter().map(|(_, w)| w).sum();
            let run_c = run.clone();
            let landed = move || arrived(&run_c, clock.get(), |_| true);
            let groups = run
                .weights
                .iter()
                .map(|(tg, w)| {
                    let got = run.distribution.target_groups.get(tg).copied().unwrap_or(0);
                    let (tg_c, run_c) = (tg.clone(), run.clone());
                    let so_far = move || {
                        arrived(&run_c, clock.get(), |t| {
                            t.hops.iter().any(|h| h.kind == ComponentKind::TargetGroup && h.component == tg_c)
                        })
                    };
                    view! {
                        <tr data-counter=tg.clone() data-count=got data-weight=*w>
                            <th scope="row">{tg.clone()}</th>
                            <td>{format!("{w} ({})", percent(*w, weight_sum))}</td>
                            <td>{so_far}</td>
                            <td>{percent(got, total)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let targets = run
                .targets
                .iter()
                .map(|(t, g, c)| {
                    view! {
                        <tr data-counter=t.clone() data-count=*c>
                            <th scope="row">{t.clone()}</th>
                            <td>{g.clone().unwrap_or_default()}</td>
                            <td>{*c}</td>
                            <td>{percent(*c, total)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let outcomes = run
                .distribution
                .outcomes
                .iter()
                .map(|(o, c)| format!("{o} {c}"))
                .collect::<Vec<_>>()
                .join(" · ");
            let reasons = run
                .distribution
                .reasons
                .iter()
                .map(|(r, c)| format!("{r} {c}"))
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <section class="batch" data-panel="batch" aria-label="Batch run">
                    <h3>{format!("{total} requests")}</h3>
                    <p class="muted">
                        <span data-batch-arrived>{landed}</span>
                        {format!(" of {total} arrived · {outcomes}")}
                    </p>
                    {(!reasons.is_empty()).then(|| view! { <p class="muted">{format!("blocked: {reasons}")}</p> })}
                    {(!run.weights.is_empty()).then(|| view! {
                        <table class="counters">
                            <caption>"Target groups: configured weight and share received"</caption>
                            <thead><tr><th>"target group"</th><th>"weight"</th><th>"arrived"</th><th>"share"</th></tr></thead>
                            <tbody>{groups}</tbody>
                        </table>
                    })}
                    {(!run.targets.is_empty()).then(|| view! {
                        <table class="counters">
                            <caption>"Targets (round robin over healthy targets; all of them when none is healthy)"</caption>
                            <thead><tr><th>"target"</th><th>"group"</th><th>"requests"</th><th>"share"</th></tr></thead>
                            <tbody>{targets}</tbody>
                        </table>
                    })}
                </section>
            }
        })
    }
}
