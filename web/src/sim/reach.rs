//! "Who can reach this?": every source of the topology against the selected object, from the
//! core's reachability walk, listed here and marked on the canvas.

use leptos::prelude::*;
use vpcplay_core::model::flow::RequestProtocol;
use vpcplay_core::trace::compose::protocol_name;
use vpcplay_core::trace::reach_to;

use super::html::Html;
use super::{Reach, Sim};
use crate::state::{Editor, Tone};

/// Works out who can reach the selected object with the composer's protocol and port.
pub fn who_can_reach(ed: Editor, sim: Sim) {
    let sel = ed.selection.get_untracked();
    let [to] = sel.as_slice() else {
        ed.say(Tone::Info, "select one object on the canvas first");
        return;
    };
    let topology = match Sim::topology(ed) {
        Ok(t) => t,
        Err(e) => {
            ed.say(Tone::Error, e);
            return;
        }
    };
    let (protocol, port) = {
        let d = super::composer::read();
        let p = match d.protocol.trim() {
            "tcp" => RequestProtocol::Tcp,
            "udp" => RequestProtocol::Udp,
            "https" => RequestProtocol::Https,
            "grpc" => RequestProtocol::Grpc,
            "tls" => RequestProtocol::Tls,
            _ => RequestProtocol::Http,
        };
        let port = d
            .port
            .trim()
            .parse::<u16>()
            .ok()
            .or(p.default_port())
            .unwrap_or(443);
        (p, port)
    };
    let cells = reach_to(&topology, to, protocol, port);
    let yes = cells.iter().filter(|(_, c)| c.delivered).count();
    ed.say(
        Tone::Info,
        format!(
            "{yes} of {} sources can reach `{to}` over {} port {port}",
            cells.len(),
            protocol_name(protocol)
        ),
    );
    sim.reach.set(Some(Reach {
        to: to.clone(),
        what: format!("{} port {port}", protocol_name(protocol)),
        cells,
    }));
}

/// The reach results, as HTML.
fn reach_html(r: &Reach) -> String {
    let mut h = Html::default();
    h.el(
        "p",
        &[("class", "muted")],
        &format!("to {} over {}", r.to, r.what),
    );
    h.open("ul", &[("class", "reach-list")]);
    for yes in [true, false] {
        for (s, c) in r.cells.iter().filter(|(_, c)| c.delivered == yes) {
            h.open(
                "li",
                &[
                    ("data-reach-source", s),
                    ("data-reach", if yes { "yes" } else { "no" }),
                ],
            );
            if yes {
                h.text(&format!("✓ {s} can reach it"));
            } else {
                h.text(&format!("✕ {s} cannot: ")).el(
                    "code",
                    &[],
                    c.code.map_or("", |c| c.as_str()),
                );
            }
            h.close("li");
        }
    }
    h.close("ul");
    h.0
}

/// The reach panel.
#[component]
pub fn ReachPanel() -> impl IntoView {
    let ed = Editor::get();
    let sim = Sim::get();
    view! {
        <section class="reach-panel" data-panel="reach" aria-label="Who can reach this">
            <div class="flows-head">
                <h3>"Who can reach this?"</h3>
                <button type="button" data-action="who-can-reach" title="Every instance against the selected object, with the composer's protocol and port" on:click=move |_| who_can_reach(ed, sim)>
                    "Check the selected object"
                </button>
                <button type="button" class="small" data-action="clear-reach" hidden=move || sim.reach.with(Option::is_none) on:click=move |_| sim.reach.set(None)>"Clear"</button>
            </div>
            <div inner_html=move || sim.reach.with(|r| r.as_ref().map(reach_html).unwrap_or_default()) />
        </section>
    }
}
