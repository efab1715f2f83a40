//! The trace panel: the verdict and every hop as text a screen reader can follow, with the
//! packet as each component saw it, the rule that applied and the AWS documentation behind it;
//! the playback controls of the packet on the canvas.

use leptos::prelude::*;
use vpcplay_core::rules::rule;
use vpcplay_core::trace::{Hop, Packet, Verdict};

use super::Sim;
use crate::state::Editor;

/// The packet in a few words: `10.0.1.10 → 10.0.2.7 tcp/443`.
fn packet_text(p: &Packet) -> String {
    let addr = |a: Option<std::net::IpAddr>| a.map_or_else(|| String::from("?"), |a| a.to_string());
    let mut s = format!(
        "{} → {} {}/{}",
        addr(p.source),
        addr(p.destination),
        p.protocol,
        p.port
    );
    if let Some(pp) = &p.proxy_protocol {
        s.push_str(&format!(
            " · proxy protocol v2: client {} via {}",
            pp.source, pp.vpce_id
        ));
    }
    s
}

/// A link to the AWS documentation of a rule id, titled in words.
pub fn cite(id: &'static str) -> impl IntoView {
    rule(id).map(|r| {
        view! {
            <a class="cite" href=r.url target="_blank" rel="noopener" data-rule=r.id>
                {format!("{} · {}", r.id, r.title)}
            </a>
        }
    })
}

/// What the verdict element says, and its `data-verdict`.
fn verdict_words(v: &Verdict) -> (&'static str, String) {
    match v {
        Verdict::Delivered {
            target,
            address,
            port,
            ..
        } => (
            "delivered",
            match address {
                Some(a) => format!("Delivered to {target} ({a}, port {port})"),
                None => format!("Delivered to {target} (port {port})"),
            },
        ),
        Verdict::FixedResponse { at, status } => (
            "fixed-response",
            format!("Answered with a fixed response {status} by {at}; no target was contacted"),
        ),
        Verdict::Blocked(b) => ("blocked", format!("Blocked at {}: {}", b.at, b.message)),
    }
}

fn hop_view(
    sim: Sim,
    ed: Editor,
    i: usize,
    hop: Hop,
    before: Option<Packet>,
    anchor: Option<String>,
) -> impl IntoView {
    let rewritten = before.as_ref().is_some_and(|b| {
        (b.source.is_some() && b.source != hop.packet.source)
            || (b.destination.is_some()
                && hop.packet.destination.is_some()
                && b.destination != hop.packet.destination)
    });
    let current = move || sim.at.get().floor() as usize == i;
    let select = move |_| {
        sim.playing.set(false);
        sim.at.set(i as f64);
        if let Some(a) = &anchor {
            ed.select(a);
            super::layer::reveal(ed, a);
        }
    };
    view! {
        <li class="hop" class:current=current data-hop-index=i aria-current=move || if current() { "step" } else { "false" }>
            <button type="button" class="hop-head" on:click=select>
                <span class="hop-n">{i + 1}</span>
                <span class="hop-kind">{hop_kind(&hop)}</span>
                <span class="hop-component">{hop.component.clone()}</span>
            </button>
            <p class="hop-what">{hop.what.clone()}</p>
            <p class="hop-packet" class:rewritten=rewritten>
                {packet_text(&hop.packet)}
                {rewritten.then(|| view! { <span class="tag">" address rewritten here"</span> })}
            </p>
            {hop.rule.clone().map(|r| view! { <p class="hop-rule"><span class="muted">"applied: "</span>{r}</p> })}
            {(!hop.cites.is_empty()).then(|| cite(hop.cites))}
        </li>
    }
}

fn hop_kind(hop: &Hop) -> String {
    let mut s = String::new();
    vpcplay_core::model::codec::ToJson::write_json(&hop.kind, &mut s);
    s.trim_matches('"').replace('_', " ")
}

/// A small drawn control glyph (fonts differ in which media symbols they have).
fn glyph(d: &'static str) -> impl IntoView {
    view! {
        <svg class="glyph" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path d=d />
        </svg>
    }
}

/// The trace panel.
#[component]
pub fn TracePanel() -> impl IntoView {
    let sim = Sim::get();
    let ed = Editor::get();
    let (route, anchors) = super::layer::use_route();
    move || {
        sim.shown.get().map(|shown| {
            let hops_n = shown.trace.hops.len().saturating_sub(1);
            let last = route.with(|r| r.as_ref().map_or(hops_n, |r| r.end));
            let (verdict, words) = verdict_words(&shown.trace.verdict);
            let detail = match &shown.trace.verdict {
                Verdict::Blocked(b) => Some(view! {
                    <dl class="verdict-detail">
                        <dt>"reason"</dt>
                        <dd data-reason=b.code.as_str()><code>{b.code.as_str()}</code></dd>
                        {b.statement.clone().map(|s| view! { <dt>"decided by"</dt><dd class="statement">{s}</dd> })}
                        {(!b.rule.is_empty()).then(|| view! { <dt>"AWS rule"</dt><dd>{cite(b.rule)}</dd> })}
                    </dl>
                }),
                _ => None,
            };
            let hops = shown.trace.hops.clone();
            let anchor_list = anchors.get();
            let items = hops
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    let before = i.checked_sub(1).and_then(|j| hops.get(j)).map(|p| p.packet.clone());
                    hop_view(sim, ed, i, h.clone(), before, anchor_list.get(i).cloned().flatten())
                })
                .collect_view();
            let step = move |d: i32| {
                sim.playing.set(false);
                let at = sim.at.get_untracked();
                let next = if d > 0 { at.floor() + 1.0 } else { at.ceil() - 1.0 };
                sim.at.set(next.clamp(0.0, last as f64));
            };
            view! {
                <section class="trace" data-panel="trace" aria-label="Trace">
                    <h3>{format!("Trace of the {}", shown.title)}</h3>
                    <p class=format!("verdict verdict-{verdict}") data-verdict=verdict role="status">{words}</p>
                    {detail}
                    <div class="player" role="group" aria-label="Playback">
                        <button type="button" data-action="restart" title="Restart" aria-label="Restart" on:click=move |_| { sim.at.set(0.0); sim.playing.set(true); }>{glyph("M4 3v10M13 3 6 8l7 5z")}</button>
                        <button type="button" data-action="step-back" title="Step back" aria-label="Step back" on:click=move |_| step(-1)>{glyph("M11 3 4 8l7 5z")}</button>
                        {move || if sim.playing.get() {
                            view! { <button type="button" data-action="pause" aria-label="Pause" title="Pause" on:click=move |_| sim.playing.set(false)>{glyph("M5 3v10M11 3v10")}</button> }.into_any()
                        } else {
                            view! { <button type="button" data-action="play" aria-label="Play" title="Play" on:click=move |_| {
                                if sim.at.get_untracked() >= last as f64 { sim.at.set(0.0); }
                                sim.playing.set(true);
                            }>{glyph("M5 3l7 5-7 5z")}</button> }.into_any()
                        }}
                        <button type="button" data-action="step-forward" title="Step forward" aria-label="Step forward" on:click=move |_| step(1)>{glyph("M5 3l7 5-7 5zM13 3v10")}</button>
                        <label class="speed">
                            "speed "
                            <select data-action="speed" on:change=move |ev| {
                                if let Ok(v) = event_target_value(&ev).parse::<f64>() { sim.speed.set(v); }
                            }>
                                <option value="1">"0.5×"</option>
                                <option value="2" selected>"1×"</option>
                                <option value="4">"2×"</option>
                                <option value="8">"4×"</option>
                            </select>
                        </label>
                        <span class="muted" data-hop-position>{move || format!("hop {} of {}", (sim.at.get().floor() as usize).min(last) + 1, hops_n + 1)}</span>
                    </div>
                    <ol class="hops">{items}</ol>
                </section>
            }
        })
    }
}
