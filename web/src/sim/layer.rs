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
use super::html::Html;
use super::path::{Route, anchor, route, spot};
use super::player::Driver;
use crate::canvas::geometry::{Point, Rect, Viewport};
use crate::canvas::layout::layout;
use crate::state::Editor;

/// What the simulation draws, worked out from the document only while something is shown: the
/// frames of the drawn objects, the shown trace's route and the route of each distinct trace of
/// a batch.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub frames: BTreeMap<String, Rect>,
    pub route: Option<Route>,
    pub batch: Vec<Route>,
}

fn scene_of(doc: &vpcplay_core::model::Document, sim: Sim) -> Scene {
    let boxes = layout(doc);
    let mut frames = BTreeMap::new();
    let mut kinds: BTreeMap<String, Kind> = BTreeMap::new();
    for b in boxes {
        kinds.insert(b.id.clone(), b.kind);
        frames.insert(b.id, b.frame);
    }
    let mut links = BTreeSet::new();
    for l in edit::links(doc) {
        links.insert((l.from, l.to));
    }
    let mut scene = Scene::default();
    if let Ok(t) = Topology::try_from(doc.clone()) {
        sim.shown.with(|s| {
            scene.route = s
                .as_ref()
                .map(|s| route(&t, &s.trace, &frames, &links, &kinds));
        });
        sim.batch.with(|b| {
            if let Some(b) = b {
                scene.batch = b
                    .traces
                    .iter()
                    .map(|tr| route(&t, tr, &frames, &links, &kinds))
                    .collect();
            }
        });
    }
    scene.frames = frames;
    scene
}

/// Creates the scene and puts it in the context.
pub fn provide_scene(ed: Editor, sim: Sim) -> Memo<Option<Scene>> {
    // A new document or trace always gives a new scene: no comparison needed.
    let scene = Memo::new_with_compare(
        move |_| {
            let active = sim.shown.with(Option::is_some)
                || sim.batch.with(Option::is_some)
                || sim.reach.with(Option::is_some);
            active.then(|| ed.doc.with(|d| scene_of(d, sim)))
        },
        |_, _| true,
    );
    provide_context(scene);
    scene
}

/// The scene of the surrounding app.
pub fn use_scene() -> Memo<Option<Scene>> {
    expect_context::<Memo<Option<Scene>>>()
}

/// Pans the canvas so that object `id` is in view, unless it is already.
pub fn reveal(ed: Editor, id: &str) {
    let Some(frame) = ed
        .doc
        .with_untracked(|d| layout(d).into_iter().find(|b| b.id == id).map(|b| b.frame))
    else {
        return;
    };
    let size = crate::canvas::pick::canvas_size();
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
        // Whole canvas pixels: formatting integers is several times cheaper than decimals.
        let _ = write!(out, "M{} {}h0", p.x.round() as i32, p.y.round() as i32);
    }
    pending
}

/// The simulation layer of the canvas.
#[component]
pub fn SimLayer() -> impl IntoView {
    let ed = Editor::get();
    let sim = Sim::get();
    let scene = use_scene();
    let stream_el = NodeRef::<leptos::svg::Path>::new();
    let buffer = StoredValue::new(String::new());
    let driver = Driver::new(move |dt| {
        let mut more = false;
        if sim.playing.get_untracked() {
            let last = scene.with_untracked(|s| {
                s.as_ref()
                    .and_then(|s| s.route.as_ref())
                    .map_or(0.0, |r| r.end as f64)
            });
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
                let pending = scene.with_untracked(|sc| {
                    let rs = sc.as_ref().map_or(&[][..], |sc| &sc.batch[..]);
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
        scene.with(|sc| {
            sc.as_ref()
                .and_then(|sc| sc.route.as_ref())
                .map(|r| r.at(sim.at.get()))
        })
    };
    let trail = move || {
        scene.with(|sc| {
            let r = sc.as_ref()?.route.as_ref()?;
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
        scene.with(|sc| {
            let r = sc.as_ref()?.route.as_ref()?;
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
        let (r, frames) = scene.with(|sc| {
            sc.as_ref()
                .and_then(|sc| Some((sc.route.clone()?, sc.frames.clone())))
        })?;
        if (sim.at.get().floor() as usize) < r.end {
            return None;
        }
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
    // Who can reach the selected object: a mark on every source, a line from each that can.
    let reach = move || {
        let Some(reach) = sim.reach.get() else {
            return String::new();
        };
        scene.with(|sc| {
            let Some(frames) = sc.as_ref().map(|sc| &sc.frames) else {
                return String::new();
            };
            let to = frames.get(&reach.to).map(spot);
            let mut h = Html::default();
            for (src, cell) in &reach.cells {
                let Some(f) = frames.get(src) else {
                    continue;
                };
                let ok = cell.delivered;
                h.open("g", &[("class", if ok { "reach reach-yes" } else { "reach reach-no" }), ("data-reach-mark", src)]);
                if let (true, Some(t)) = (ok, to) {
                    let p = spot(f);
                    let _ = write!(h.0, "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"></line>", p.x, p.y, t.x, t.y);
                }
                let _ = write!(
                    h.0,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"9\"></circle><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text></g>",
                    f.origin.x + 4.0,
                    f.origin.y + 4.0,
                    f.origin.x + 4.0,
                    f.origin.y + 8.0,
                    if ok { "✓" } else { "✕" }
                );
            }
            h.0
        })
    };
    view! {
        <g class="sim-layer" aria-hidden="true">
            <g class="reach-marks" inner_html=reach />
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
