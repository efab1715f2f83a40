//! Saved flows: every flow of the document with a run control and its result against its
//! expectation, "run all", "save as flow" (an undoable edit like any other), and, after each
//! edit, the flows whose verdict changed.

use std::collections::BTreeMap;

use leptos::prelude::*;
use vpcplay_core::model::Topology;
use vpcplay_core::model::flow::{Expect, Flow, Outcome};
use vpcplay_core::trace::compose::Draft;
use vpcplay_core::trace::{Index, Request, Verdict, check_flow, describe, trace_with};

use super::html::{Html, clicked};
use super::{FlowRun, Shown, Sim, Tab};
use crate::state::{Editor, Tone};

/// Runs one flow: its verdict and its check against its expectation.
fn run_one(ix: &Index<'_>, flow: &Flow) -> (FlowRun, vpcplay_core::trace::Trace) {
    let trace = trace_with(ix, &Request::from(&flow.request));
    let run = FlowRun {
        outcome: trace.verdict.outcome(),
        said: describe(&trace.verdict),
        check: check_flow(ix, flow),
        change: None,
    };
    (run, trace)
}

/// How an outcome changed, in the words the flows panel marks it with.
fn change(before: &str, now: &str) -> Option<&'static str> {
    match (before == "blocked", now == "blocked") {
        (true, false) => Some("newly-allowed"),
        (false, true) => Some("newly-blocked"),
        _ => None,
    }
}

/// Runs every flow of the document and keeps the results; with `compare`, marks the flows
/// whose outcome differs from the previous run. Returns how many changed.
pub fn run_all(ed: Editor, sim: Sim, compare: bool) -> Result<usize, String> {
    let topology = Sim::topology(ed)?;
    let ix = Index::build(&topology);
    let before = sim.runs.get_untracked();
    let mut runs = BTreeMap::new();
    let mut changed = 0;
    for flow in &topology.document().flows {
        let (mut run, _) = run_one(&ix, flow);
        if compare && let Some(old) = before.get(&flow.name) {
            run.change = change(old.outcome, run.outcome);
            changed += usize::from(run.change.is_some());
        }
        runs.insert(flow.name.clone(), run);
    }
    sim.runs.set(runs);
    Ok(changed)
}

/// Runs one flow by name, shows its trace and keeps its result.
pub fn run_flow(ed: Editor, sim: Sim, name: &str) {
    let topology: Topology = match Sim::topology(ed) {
        Ok(t) => t,
        Err(e) => {
            ed.say(Tone::Error, e);
            return;
        }
    };
    let Some(flow) = topology.document().flows.iter().find(|f| f.name == name) else {
        return;
    };
    let ix = Index::build(&topology);
    let (run, trace) = run_one(&ix, flow);
    sim.draft.set(Draft::of(&flow.request));
    sim.runs.update(|r| {
        r.insert(flow.name.clone(), run);
    });
    sim.show(Shown {
        request: flow.request.clone(),
        trace,
        title: format!("flow “{}”", flow.name),
    });
}

/// Plays a flow the reader has just predicted the stop of, and keeps the round.
pub fn reveal(ed: Editor, sim: Sim, name: &str, guess: &str) {
    let Ok(topology) = Sim::topology(ed) else {
        return;
    };
    let Some(flow) = topology.document().flows.iter().find(|f| f.name == name) else {
        return;
    };
    let ix = Index::build(&topology);
    let (run, trace) = run_one(&ix, flow);
    let answer = match &trace.verdict {
        Verdict::Delivered { target, .. } => target.clone(),
        Verdict::FixedResponse { at, .. } => at.clone(),
        Verdict::Blocked(b) => b.at.clone(),
    };
    let frames: std::collections::BTreeMap<String, crate::canvas::geometry::Rect> =
        crate::canvas::layout::layout(topology.document())
            .into_iter()
            .map(|b| (b.id, b.frame))
            .collect();
    // Where the packet stops on the canvas: the answer itself, what holds it, or the last
    // drawn object of the trace (an AWS service is drawn by the endpoint that reaches it).
    let answer_drawn = super::path::anchor(&topology, &frames, &answer).or_else(|| {
        trace
            .hops
            .iter()
            .rev()
            .find_map(|h| super::path::anchor(&topology, &frames, &h.component))
    });
    sim.draft.set(Draft::of(&flow.request));
    sim.runs.update(|r| {
        r.insert(flow.name.clone(), run);
    });
    sim.prediction.set(Some(super::Prediction {
        flow: flow.name.clone(),
        guess: guess.to_string(),
        answer,
        answer_drawn,
    }));
    sim.show(Shown {
        request: flow.request.clone(),
        trace,
        title: format!("prediction for “{}”", flow.name),
    });
}

/// The expectation a trace meets: its outcome with the target, status or block it reached.
pub fn expectation_of(v: &Verdict) -> Expect {
    let mut e = Expect {
        verdict: Outcome::Delivered,
        target: None,
        status: None,
        reason: None,
        at: None,
        runs: None,
        distribution: BTreeMap::new(),
        tolerance: None,
        source_seen: None,
        route: None,
        dns: None,
    };
    match v {
        Verdict::Delivered { target, .. } => e.target = Some(target.clone()),
        Verdict::FixedResponse { status, .. } => {
            e.verdict = Outcome::FixedResponse;
            e.status = Some(*status);
        }
        Verdict::Blocked(b) => {
            e.verdict = Outcome::Blocked;
            e.reason = Some(b.code.as_str().to_string());
            e.at = Some(b.at.clone());
        }
    }
    e
}

/// "Save as flow": names the composer's request and keeps it in the document, optionally with
/// the verdict it reaches now as its expectation.
#[component]
pub fn SaveFlow() -> impl IntoView {
    let ed = Editor::get();
    let sim = Sim::get();
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let expect = RwSignal::new(true);
    let problem = RwSignal::new(None::<String>);
    let save = move || {
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            problem.set(Some("give the flow a name".into()));
            return;
        }
        if ed
            .doc
            .with_untracked(|d| d.flows.iter().any(|f| f.name == n))
        {
            problem.set(Some(format!("a flow named `{n}` exists already")));
            return;
        }
        let topology = match Sim::topology(ed) {
            Ok(t) => t,
            Err(e) => {
                problem.set(Some(e));
                return;
            }
        };
        let request = match super::composer::read().check(&topology) {
            Ok(r) => r,
            Err(es) => {
                sim.errors.set(es);
                problem.set(Some("fix the request first".into()));
                return;
            }
        };
        let expectation = expect.get_untracked().then(|| {
            let t = trace_with(&Index::build(&topology), &Request::from(&request));
            expectation_of(&t.verdict)
        });
        let flow = Flow {
            name: n.clone(),
            description: None,
            rules: Vec::new(),
            request,
            expect: expectation,
            predict: false,
        };
        if ed
            .edit(|doc| {
                doc.flows.push(flow);
                Ok(())
            })
            .is_some()
        {
            ed.say(Tone::Info, format!("saved the flow “{n}”: Undo removes it"));
            problem.set(None);
            name.set(String::new());
            open.set(false);
        }
    };
    view! {
        <button type="button" data-action="save-flow" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            "Save as flow…"
        </button>
        <Show when=move || open.get()>
            <div class="save-flow" role="group" aria-label="Save as flow">
                <label class="field" for="flow-name">
                    <span>"Flow name"</span>
                    <input
                        id="flow-name"
                        data-field="flow-name"
                        type="text"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                ev.stop_propagation();
                                save();
                            }
                        }
                    />
                </label>
                <label class="check">
                    <input type="checkbox" data-field="flow-expect" prop:checked=move || expect.get() on:change=move |ev| expect.set(event_target_checked(&ev)) />
                    "Expect the verdict it reaches now"
                </label>
                <span class="field-error" role="alert">{move || problem.get()}</span>
                <button type="button" class="primary" data-action="save-flow-confirm" on:click=move |_| save()>"Save"</button>
            </div>
        </Show>
    }
}

/// The flows of the document with their last results, as HTML.
fn flows_html(flows: &[Flow], runs: &BTreeMap<String, FlowRun>) -> String {
    let mut h = Html::default();
    if flows.is_empty() {
        h.el(
            "p",
            &[("class", "muted")],
            "No flows yet. Compose a request, then “Save as flow…” keeps it here.",
        );
        return h.0;
    }
    h.open("ul", &[("class", "flow-list")]);
    for f in flows {
        let run = runs.get(&f.name);
        let mut attrs: Vec<(&str, &str)> = vec![("class", "flow"), ("data-flow-name", &f.name)];
        match run.and_then(|r| r.check.as_ref()) {
            Some(Ok(())) => attrs.push(("data-flow-result", "pass")),
            Some(Err(_)) => attrs.push(("data-flow-result", "fail")),
            None => {}
        }
        if let Some(c) = run.and_then(|r| r.change) {
            attrs.push(("data-flow-change", c));
        }
        h.open("li", &attrs).open("div", &[("class", "flow-head")]);
        h.el(
            "button",
            &[
                ("type", "button"),
                ("class", "small primary"),
                ("data-action", "run-flow"),
                ("aria-label", &format!("Run flow {}", f.name)),
            ],
            "Run",
        );
        h.el("span", &[("class", "flow-name")], &f.name);
        if f.predict {
            h.el(
                "button",
                &[
                    ("type", "button"),
                    ("class", "small"),
                    ("data-action", "predict-flow"),
                    ("title", "Guess where this request stops, then watch"),
                ],
                "Predict",
            );
        }
        h.el(
            "button",
            &[
                ("type", "button"),
                ("class", "small"),
                ("data-action", "load-flow"),
                ("title", "Put this request in the composer"),
            ],
            "Edit",
        );
        h.close("div");
        if let Some(d) = &f.description {
            h.el("p", &[("class", "muted")], d);
        }
        h.el(
            "p",
            &[("class", "flow-expect muted")],
            &f.expect
                .as_ref()
                .map_or_else(|| String::from("no expectation"), describe_expect),
        );
        if let Some(r) = run {
            let badge = match r.change {
                Some("newly-allowed") => "newly allowed after the last edit · ",
                Some(_) => "newly blocked after the last edit · ",
                None => "",
            };
            let why = match &r.check {
                Some(Err(w)) => format!("✕ {w}"),
                Some(Ok(())) => format!("✓ {}", r.said),
                None => r.said.clone(),
            };
            h.el("p", &[("class", "flow-result")], &format!("{badge}{why}"));
        }
        h.close("li");
    }
    h.close("ul");
    h.0
}

/// A document's description as HTML: its text, with every `https://` address made a link.
pub fn about_html(text: &str) -> String {
    let mut h = Html::default();
    h.open("p", &[("class", "about")]);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            h.0.push(' ');
        }
        match word.find("https://") {
            Some(start) => {
                let (before, rest) = word.split_at(start);
                let url = rest.trim_end_matches(['.', ',', ';', ')', ':']);
                h.text(before)
                    .el(
                        "a",
                        &[("href", url), ("target", "_blank"), ("rel", "noopener")],
                        url,
                    )
                    .text(&rest[url.len()..]);
            }
            None => {
                h.text(word);
            }
        }
    }
    h.close("p");
    h.0
}

/// The flows panel.
#[component]
pub fn FlowsPanel() -> impl IntoView {
    let ed = Editor::get();
    let sim = Sim::get();
    let all = move |_| match run_all(ed, sim, false) {
        Ok(_) => {
            let (pass, fail) = sim.runs.with_untracked(|r| {
                r.values().fold((0, 0), |(p, f), run| match run.check {
                    Some(Ok(())) => (p + 1, f),
                    Some(Err(_)) => (p, f + 1),
                    None => (p, f),
                })
            });
            ed.say(
                Tone::Info,
                format!("ran every flow: {pass} passed, {fail} failed"),
            );
        }
        Err(e) => ed.say(Tone::Error, e),
    };
    let act = move |ev: web_sys::MouseEvent| {
        let Some((action, el)) = clicked(&ev, "data-action") else {
            return;
        };
        let Some(name) = el
            .closest("[data-flow-name]")
            .ok()
            .flatten()
            .and_then(|row| row.get_attribute("data-flow-name"))
        else {
            return;
        };
        match action.as_str() {
            "run-flow" => run_flow(ed, sim, &name),
            "predict-flow" => {
                sim.predicting.set(Some(name.clone()));
                sim.prediction.set(None);
                ed.selection.set(Vec::new());
                ed.say(
                    Tone::Info,
                    format!("where will “{name}” stop? Click the component on the canvas"),
                );
            }
            "load-flow" => {
                if let Some(f) = ed.doc.with_untracked(|d| {
                    d.flows
                        .iter()
                        .find(|f| f.name == name)
                        .map(|f| f.request.clone())
                }) {
                    sim.draft.set(Draft::of(&f));
                    sim.tab.set(Tab::Request);
                }
            }
            _ => {}
        }
    };
    view! {
        <section class="flows" data-panel="flows" aria-label="Saved flows">
            <div class="flows-head">
                <h3>{move || format!("Saved flows ({})", ed.doc.with(|d| d.flows.len()))}</h3>
                <button type="button" class="primary" data-action="run-all-flows" on:click=all>"Run all"</button>
            </div>
            <div inner_html=move || ed.doc.with(|d| d.description.as_deref().map(about_html).unwrap_or_default()) />
            <div on:click=act inner_html=move || ed.doc.with(|d| sim.runs.with(|r| flows_html(&d.flows, r))) />
        </section>
    }
}

fn describe_expect(e: &Expect) -> String {
    let mut s = String::from("expects ");
    s.push_str(match e.verdict {
        Outcome::Delivered => "delivered",
        Outcome::FixedResponse => "fixed response",
        Outcome::Blocked => "blocked",
    });
    if let Some(t) = &e.target {
        s.push_str(&format!(" to {t}"));
    }
    if let Some(st) = e.status {
        s.push_str(&format!(" {st}"));
    }
    if let Some(r) = &e.reason {
        s.push_str(&format!(" with {r}"));
    }
    if let Some(a) = &e.at {
        s.push_str(&format!(" at {a}"));
    }
    if let Some(n) = e.runs {
        let shares: Vec<String> = e
            .distribution
            .iter()
            .map(|(k, v)| format!("{k} {v}%"))
            .collect();
        s.push_str(&format!(" · {n} runs: {}", shares.join(", ")));
    }
    s
}

/// After every edit, when flows have been run, runs them again and marks those whose verdict
/// changed, so the effect of an edit shows at once.
pub fn watch_changes(ed: Editor, sim: Sim) {
    Effect::new(move |prev: Option<()>| {
        ed.doc.track();
        if prev.is_none() || sim.runs.with_untracked(BTreeMap::is_empty) {
            return;
        }
        match run_all(ed, sim, true) {
            Ok(0) | Err(_) => {}
            Ok(n) => {
                let names: Vec<String> = sim.runs.with_untracked(|r| {
                    r.iter()
                        .filter_map(|(k, v)| {
                            v.change.map(|c| format!("“{k}” {}", c.replace('-', " ")))
                        })
                        .collect()
                });
                ed.say(
                    Tone::Info,
                    format!("this edit changed {n} flow(s): {}", names.join(", ")),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::about_html;

    #[test]
    fn addresses_in_a_description_become_links_and_the_rest_is_text() {
        let h = about_html(
            "See https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html. <b>ok</b>",
        );
        assert!(h.contains(
            "<a href=\"https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html\""
        ));
        assert!(h.contains("gateway-endpoints.html</a>."));
        assert!(h.contains("&lt;b&gt;ok&lt;/b&gt;"));
    }
}
