//! What the simulation draws over the canvas: the travelling packet and the trail behind it, the
//! component that stopped a request and why, the target that received it, a batch's stream of
//! packets, and who can reach an object. Drawn inside the canvas's viewport, so it pans and zooms
//! with the objects.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use leptos::prelude::*;
use vpcplay_core::edit;
use vpcplay_core::model::{Kind, Topology};
use vpcplay_core::trace::Verdict;

use super::Sim;
use super::batch::{TRAVEL, departure};
use super::path::{Route, anchor, route, spot};
use super::player::Driver;
use crate::canvas::geometry::{Point, Rect, Viewport};
use crate::canvas::layout::layout;
use crate::state::Editor;

/// The routes of what the simulation shows, computed only while something is shown.
#[derive(Clone, Copy, Debug)]
pub struct Routes {
    pub frames: Memo<BTreeMap<String, Rect>>,
    /// The shown trace's route.
    pub single: Memo<Option<Route>>,
    /// Each hop's drawn object, for the trace panel.
    pub anchors: Memo<Vec<Option<String>>>,
    /// The route of each distinct trace of the batch.
    pub batch: Memo<Vec<Route>>,
}

fn drawn_pieces(
    doc: &vpcplay_core::model::Document,
) -> (BTreeMap<String, Rect>, BTreeMap<String, Kind>) {
    let boxes = layout(doc);
    let mut frames = BTreeMap::new();
    let mut kinds = BTreeMap::new();
    for b in boxes {
        kinds.insert(b.id.clone(), b.kind);
        frames.insert(b.id, b.frame);
    }
    (frames, kinds)
}

fn links_of(doc: &vpcplay_core::model::Document) -> BTreeSet<(String, String)> {
    let mut set = BTreeSet::new();
    for l in edit::links(doc) {
        set.insert((l.from, l.to));
    }
    set
}

/// Creates the routes and puts them in the context.
pub fn provide_routes(ed: Editor, sim: Sim) -> Routes {
    let pieces = Memo::new(move |_| ed.doc.with(drawn_pieces));
    let frames = Memo::new(move |_| pieces.with(|p| p.0.clone()));
    let links = Memo::new(move |_| ed.doc.with(links_of));
    // A new document always gives a new topology: no comparison needed.
    let topology = Memo::new_with_compare(
        move |_| ed.doc.with(|d| Topology::try_from(d.clone()).ok()),
        |_, _| true,
    );
    let single = Memo::new(move |_| {
        let shown = sim.shown.get()?;
        topology.with(|t| {
            let t = t.as_ref()?;
            pieces.with(|(f, k)| links.with(|l| Some(route(t, &shown.trace, f, l, k))))
        })
    });
    let anchors = Memo::new(move |_| {
        single.with(|r| r.as_ref().map(|r| r.anchors.clone()).unwrap_or_default())
    });
    let batch = Memo::new(move |_| {
        let Some(run) = sim.batch.get() else {
            return Vec::new();
        };
        topology.with(|t| {
            let Some(t) = t.as_ref() else {
                return Vec::new();
            };
            pieces.with(|(f, k)| {
                links.with(|l| run.traces.iter().map(|tr| route(t, tr, f, l, k)).collect())
            })
        })
    });
    let routes = Routes {
        frames,
        single,
        anchors,
        batch,
    };
    provide_context(routes);
    routes
}

/// The shown trace's route and its anchors.
pub fn use_route() -> (Memo<Option<Route>>, Memo<Vec<Option<String>>>) {
    let r = expect_context::<Routes>();
    (r.single, r.anchors)
}

/// Pans the canvas so that object `id` is in view, unless it is already.
pub fn reveal(ed: Editor, id: &str) {
    let Some(frame) = ed
        .doc
        .with_untracked(|d| layout(d).into_iter().find(|b| b.id == id).map(|b| b.frame))
    else {
        return;
    };
    let size = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-panel='canvas']").ok().flatten())
        .map(|el| el.get_bounding_client_rect())
        .map_or((1000.0, 700.0), |r| (r.width(), r.height()));
    let v = ed.viewport.get_untracked();
    let a = v.to_screen(frame.origin);
    let b = v.to_screen(Point::new(frame.right(), frame.bottom()));
    if a.x >= 0.0 && a.y >= 0.0 && b.x <= size.0 && b.y <= size.1 {
        return;
    }
    let c = Point::new(
        frame.origin.x + frame.width / 2.0,
        frame.origin.y + frame.height / 2.0,
    );
    ed.viewport.set(Viewport {
        pan: Point::new(c.x - size.0 / 2.0 / v.zoom, c.y - size.1 / 2.0 / v.zoom),
        zoom: v.zoom,
    });
}

/// Writes the batch's packets in flight at `clock` as one path of dots, and says whether any
/// are still to arrive.
pub fn stream_path(routes: &[Route], packets: &[u32], clock: f64, out: &mut String) -> bool {
    out.clear();
    let n = packets.len();
    let mut pending = false;
    for (i, &k) in packets.iter().enumerate() {
        let Some(r) = routes.get(k as usize) else {
            continue;
        };
        let f = (clock - departure(i, n)) / TRAVEL;
        if f < 0.0 {
            pending = true;
            continue;
        }
        if f > 1.0 {
            continue;
        }
        pending = true;
        let p = r.at(f * r.len().saturating_sub(1) as f64);
        let _ = write!(out, "M{:.1} {:.1}h0", p.x, p.y);
    }
    pending
}

/// The simulation layer of the canvas.
#[component]
pub fn SimLayer() -> impl IntoView {
    let ed = Editor::get();
    let sim = Sim::get();
    let routes = expect_context::<Routes>();
    let stream_el = NodeRef::<leptos::svg::Path>::new();
    let buffer = StoredValue::new(String::new());
    let driver = Driver::new(move |dt| {
        let mut more = false;
        if sim.playing.get_untracked() {
            let last = routes
                .single
                .with_untracked(|r| r.as_ref().map_or(0.0, |r| r.end as f64));
            let at = (sim.at.get_untracked() + dt * sim.speed.get_untracked()).min(last);
            sim.at.set(at);
            if at >= last {
                sim.playing.set(false);
            } else {
                more = true;
            }
        }
        if let Some(el) = stream_el.get_untracked() {
            let active = sim.batch.with_untracked(|b| b.is_some());
            if active {
                let clock = sim.batch_clock.get_untracked() + dt;
                let pending = routes.batch.with_untracked(|rs| {
                    sim.batch.with_untracked(|b| {
                        b.as_ref().is_some_and(|b| {
                            buffer.update_value(|s| {
                                more = stream_path(rs, &b.packets, clock, s) || more;
                            });
                            true
                        })
                    })
                });
                buffer.with_value(|s| {
                    let _ = el.set_attribute("d", if s.is_empty() { "M0 0" } else { s });
                });
                if pending {
                    sim.batch_clock.set(clock);
                }
            }
        }
        more
    });
    let d1 = driver.clone();
    Effect::new(move |_| {
        if sim.playing.get() {
            d1.start();
        }
    });
    Effect::new(move |_| {
        if sim.batch.with(Option::is_some) {
            driver.start();
        }
    });

    let packet = move || {
        routes
            .single
            .with(|r| r.as_ref().map(|r| r.at(sim.at.get())))
    };
    let trail = move || {
        routes.single.with(|r| {
            let r = r.as_ref()?;
            let at = sim.at.get();
            let mut d = String::new();
            for (i, leg) in r.legs.iter().enumerate() {
                if (i as f64) >= at.min(r.end as f64) {
                    break;
                }
                for (j, p) in leg.iter().enumerate() {
                    let _ = write!(d, "{}{:.1} {:.1}", if j == 0 { "M" } else { "L" }, p.x, p.y);
                }
            }
            Some(d)
        })
    };
    let whole = move || {
        routes.single.with(|r| {
            let r = r.as_ref()?;
            let mut d = String::new();
            for leg in r.legs.iter().take(r.end) {
                for (j, p) in leg.iter().enumerate() {
                    let _ = write!(d, "{}{:.1} {:.1}", if j == 0 { "M" } else { "L" }, p.x, p.y);
                }
            }
            Some(d)
        })
    };
    // At the last hop: the blocking component, marked with its reason, or the target, lit.
    let ending = move || {
        let shown = sim.shown.get()?;
        let r = routes.single.get()?;
        if (sim.at.get().floor() as usize) < r.end {
            return None;
        }
        let frames = routes.frames.get();
        let (id, class, label, attr) = match &shown.trace.verdict {
            Verdict::Blocked(b) => {
                let id = r
                    .anchors
                    .iter()
                    .rev()
                    .flatten()
                    .find(|a| **a == b.at)
                    .cloned()
                    .or_else(|| {
                        Sim::topology(ed)
                            .ok()
                            .and_then(|t| anchor(&t, &frames, &b.at))
                    })
                    .or_else(|| r.anchors.iter().rev().flatten().next().cloned())?;
                let label = match &b.statement {
                    Some(s) if s.len() < 90 => format!("✕ {} · {s}", b.code.as_str()),
                    _ => format!("✕ {}", b.code.as_str()),
                };
                (id, "block-mark", label, "blocked")
            }
            Verdict::Delivered { target, .. } => {
                let id = r.anchors.iter().rev().flatten().next().cloned()?;
                (
                    id,
                    "delivered-mark",
                    format!("✓ delivered to {target}"),
                    "delivered",
                )
            }
            Verdict::FixedResponse { status, .. } => {
                let id = r.anchors.iter().rev().flatten().next().cloned()?;
                (
                    id,
                    "fixed-mark",
                    format!("↩ fixed response {status}"),
                    "fixed-response",
                )
            }
        };
        let f = *frames.get(&id)?;
        Some(view! {
            <g class=class data-mark=attr data-mark-at=id.clone()>
                <rect x=f.origin.x - 5.0 y=f.origin.y - 5.0 width=f.width + 10.0 height=f.height + 10.0 rx="12" />
                <text x=f.origin.x y=f.origin.y + f.height + 20.0>{label}</text>
            </g>
        })
    };
    let reach = move || {
        let reach = sim.reach.get()?;
        let frames = routes.frames.get();
        let to = frames.get(&reach.to).map(spot);
        Some(
            reach
                .cells
                .iter()
                .filter_map(|(src, cell)| {
                    let f = frames.get(src)?;
                    let p = spot(f);
                    let ok = cell.delivered;
                    Some(view! {
                        <g class=if ok { "reach reach-yes" } else { "reach reach-no" } data-reach-mark=src.clone()>
                            {(ok && to.is_some()).then(|| {
                                let t = to.unwrap_or_default();
                                view! { <line x1=p.x y1=p.y x2=t.x y2=t.y /> }
                            })}
                            <circle cx=f.origin.x + 4.0 cy=f.origin.y + 4.0 r="9" />
                            <text x=f.origin.x + 4.0 y=f.origin.y + 8.0 text-anchor="middle">{if ok { "✓" } else { "✕" }}</text>
                        </g>
                    })
                })
                .collect_view(),
        )
    };
    view! {
        <g class="sim-layer" aria-hidden="true">
            {reach}
            {move || whole().map(|d| view! { <path class="route" d=d /> })}
            {move || trail().map(|d| view! { <path class="trail" d=d /> })}
            {ending}
            {move || packet().map(|p| view! {
                <circle class="packet" data-packet="" data-hop=move || sim.at.get().floor() as usize cx=p.x cy=p.y r="8" />
            })}
            <path class="batch-stream" data-batch-stream="" node_ref=stream_el d="M0 0" />
        </g>
    }
}
