//! The trace panel: the verdict and every hop as text a screen reader can follow, with the
//! packet as each component saw it, the rule that applied and the AWS documentation behind it;
//! the playback controls of the packet on the canvas.

use leptos::prelude::*;
use vpcplay_core::rules::rule;
use vpcplay_core::trace::{Packet, Trace, Verdict};

use super::Sim;
use super::html::{Html, clicked};
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
fn cite(h: &mut Html, id: &str) {
    if let Some(r) = rule(id) {
        h.el(
            "a",
            &[
                ("class", "cite"),
                ("href", r.url),
                ("target", "_blank"),
                ("rel", "noopener"),
                ("data-rule", r.id),
            ],
            &format!("{} · {}", r.id, r.title),
        );
    }
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

/// The verdict, its reason and the hops, as HTML.
pub fn trace_html(trace: &Trace) -> String {
    let mut h = Html::default();
    let (verdict, words) = verdict_words(&trace.verdict);
    h.el(
        "p",
        &[
            ("class", &format!("verdict verdict-{verdict}")),
            ("data-verdict", verdict),
            ("role", "status"),
        ],
        &words,
    );
    if let Verdict::Blocked(b) = &trace.verdict {
        h.open("dl", &[("class", "verdict-detail")]);
        h.el("dt", &[], "reason")
            .open("dd", &[("data-reason", b.code.as_str())]);
        h.el("code", &[], b.code.as_str()).close("dd");
        if let Some(s) = &b.statement {
            h.el("dt", &[], "decided by")
                .el("dd", &[("class", "statement")], s);
        }
        if !b.rule.is_empty() {
            h.el("dt", &[], "AWS rule").open("dd", &[]);
            cite(&mut h, b.rule);
            h.close("dd");
        }
        h.close("dl");
    }
    h.0
}

/// The hops, as HTML: one list item each, with `data-hop-index`.
pub fn hops_html(trace: &Trace) -> String {
    let mut h = Html::default();
    let mut before: Option<&Packet> = None;
    for (i, hop) in trace.hops.iter().enumerate() {
        let p = &hop.packet;
        let rewritten = before.is_some_and(|b| {
            (b.source.is_some() && b.source != p.source)
                || (b.destination.is_some()
                    && p.destination.is_some()
                    && b.destination != p.destination)
        });
        let mut kind = String::new();
        vpcplay_core::model::codec::ToJson::write_json(&hop.kind, &mut kind);
        let kind = kind.trim_matches('"').replace('_', " ");
        h.open(
            "li",
            &[("class", "hop"), ("data-hop-index", &i.to_string())],
        );
        h.open("button", &[("type", "button"), ("class", "hop-head")]);
        h.el("span", &[("class", "hop-n")], &(i + 1).to_string())
            .el("span", &[("class", "hop-kind")], &kind)
            .el("span", &[("class", "hop-component")], &hop.component)
            .close("button");
        h.el("p", &[("class", "hop-what")], &hop.what);
        h.open(
            "p",
            &[(
                "class",
                if rewritten {
                    "hop-packet rewritten"
                } else {
                    "hop-packet"
                },
            )],
        )
        .text(&packet_text(p));
        if rewritten {
            h.el("span", &[("class", "tag")], " address rewritten here");
        }
        h.close("p");
        if let Some(r) = &hop.rule {
            h.open("p", &[("class", "hop-rule")])
                .el("span", &[("class", "muted")], "applied: ")
                .text(r)
                .close("p");
        }
        cite(&mut h, hop.cites);
        h.close("li");
        before = Some(p);
    }
    h.0
}

/// A small drawn control glyph (fonts differ in which media symbols they have).
fn glyph(d: &'static str) -> impl IntoView {
    view! {
        <svg class="glyph" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path d=d />
        </svg>
    }
}

/// Marks the current hop in the list, without drawing the list again.
fn mark_current(i: usize) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(old)) = doc.query_selector("[data-panel='trace'] .hop.current") {
        let _ = old.class_list().remove_1("current");
        let _ = old.remove_attribute("aria-current");
    }
    if let Ok(Some(el)) =
        doc.query_selector(&format!("[data-panel='trace'] [data-hop-index='{i}']"))
    {
        let _ = el.class_list().add_1("current");
        let _ = el.set_attribute("aria-current", "step");
    }
}

/// The trace panel.
#[component]
pub fn TracePanel() -> impl IntoView {
    let sim = Sim::get();
    let ed = Editor::get();
    let scene = super::layer::use_scene();
    let shown = sim.shown;
    let hops_n = move || {
        shown.with(|s| {
            s.as_ref()
                .map_or(0, |s| s.trace.hops.len().saturating_sub(1))
        })
    };
    let last = move || {
        scene.with(|sc| {
            sc.as_ref()
                .and_then(|sc| sc.route.as_ref())
                .map_or_else(hops_n, |r| r.end)
        })
    };
    let hop = move || sim.at.get().floor() as usize;
    // The list is drawn once per trace; marking the current hop follows playback.
    Effect::new(move |_| {
        shown.track();
        let i = hop();
        mark_current(i);
        // A new trace's list is drawn by now or in the next frame.
        request_animation_frame(move || mark_current(i));
    });
    let step = move |d: i32| {
        sim.playing.set(false);
        let at = sim.at.get_untracked();
        let next = if d > 0 {
            at.floor() + 1.0
        } else {
            at.ceil() - 1.0
        };
        sim.at.set(next.clamp(0.0, last() as f64));
    };
    let select = move |ev: web_sys::MouseEvent| {
        let Some((i, _)) = clicked(&ev, "data-hop-index") else {
            return;
        };
        if ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|t| t.tag_name() == "A")
        {
            return;
        }
        let Ok(i) = i.parse::<usize>() else {
            return;
        };
        sim.playing.set(false);
        sim.at.set(i as f64);
        if let Some(a) = scene.with_untracked(|sc| {
            sc.as_ref()
                .and_then(|sc| sc.route.as_ref())
                .and_then(|r| r.anchors.get(i).cloned().flatten())
        }) {
            ed.select(&a);
            super::layer::reveal(ed, &a);
        }
    };
    // In a prediction round the answer stays hidden until the packet has arrived.
    let revealed = move || !sim.playing.get() && hop() >= last();
    let secret = move || sim.prediction.with(Option::is_some) && !revealed();
    let outcome = move || {
        let p = sim.prediction.get()?;
        let (result, words) = if !revealed() {
            (
                "pending",
                format!("You picked {}. Watch where the packet stops…", p.guess),
            )
        } else if p.right() {
            (
                "right",
                format!(
                    "Right: you picked {}, and the request ends at {}.",
                    p.guess, p.answer
                ),
            )
        } else {
            (
                "wrong",
                format!(
                    "Not quite: you picked {}, but the request ends at {}.",
                    p.guess, p.answer
                ),
            )
        };
        Some(
            view! { <p class=format!("predict predict-{result}") data-predict-result=result role="status">{words}</p> },
        )
    };
    view! {
        <section class="trace" data-panel="trace" aria-label="Trace" hidden=move || shown.with(Option::is_none)>
            <h3>{move || shown.with(|s| s.as_ref().map(|s| format!("Trace of the {}", s.title)))}</h3>
            {outcome}
            <div hidden=secret inner_html=move || shown.with(|s| s.as_ref().map(|s| trace_html(&s.trace)).unwrap_or_default()) />
            <div class="player" role="group" aria-label="Playback">
                <button type="button" data-action="restart" title="Restart" aria-label="Restart" on:click=move |_| { sim.at.set(0.0); sim.playing.set(true); }>{glyph("M4 3v10M13 3 6 8l7 5z")}</button>
                <button type="button" data-action="step-back" title="Step back" aria-label="Step back" on:click=move |_| step(-1)>{glyph("M11 3 4 8l7 5z")}</button>
                <button type="button" data-action="pause" aria-label="Pause" title="Pause" hidden=move || !sim.playing.get() on:click=move |_| sim.playing.set(false)>{glyph("M5 3v10M11 3v10")}</button>
                <button type="button" data-action="play" aria-label="Play" title="Play" hidden=move || sim.playing.get() on:click=move |_| {
                    if sim.at.get_untracked() >= last() as f64 { sim.at.set(0.0); }
                    sim.playing.set(true);
                }>{glyph("M5 3l7 5-7 5z")}</button>
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
                <span class="muted" data-hop-position>{move || format!("hop {} of {}", hop().min(last()) + 1, hops_n() + 1)}</span>
            </div>
            <ol class="hops" hidden=secret on:click=select inner_html=move || shown.with(|s| s.as_ref().map(|s| hops_html(&s.trace)).unwrap_or_default()) />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpcplay_core::model::Topology;
    use vpcplay_core::trace::{Request, trace};

    fn example(name: &str, flow: &str) -> Trace {
        let text = std::fs::read_to_string(format!(
            "{}/../static/examples/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let t = Topology::from_json(&text).unwrap();
        let f = t.document().flows.iter().find(|f| f.name == flow).unwrap();
        trace(&t, &Request::from(&f.request))
    }

    #[test]
    fn every_hop_is_listed_with_its_packet_and_rule_link() {
        let tr = example("service-network", "anonymous call from batch is denied");
        let html = hops_html(&tr);
        assert_eq!(html.matches("<li class=\"hop\"").count(), tr.hops.len());
        for (i, h) in tr.hops.iter().enumerate() {
            assert!(html.contains(&format!("data-hop-index=\"{i}\"")));
            let component = h.component.replace('&', "&amp;");
            assert!(html.contains(&component), "{component}");
        }
        assert!(html.contains("href=\"https://docs.aws.amazon.com/"));
        let head = trace_html(&tr);
        assert!(head.contains("data-verdict=\"blocked\""));
        assert!(head.contains("data-reason=\"lattice_service_network_auth_denied\""));
    }

    #[test]
    fn text_from_the_document_is_escaped() {
        let mut tr = example("lattice-service", "beta header goes to v2");
        tr.hops[0].component = String::from("<img src=x onerror=alert(1)>");
        tr.hops[0].what = String::from("a & b \"quoted\"");
        let html = hops_html(&tr);
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("a &amp; b &quot;quoted&quot;"));
    }
}
