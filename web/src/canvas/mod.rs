//! The canvas: an SVG surface on which the document's objects are drawn, moved, connected,
//! zoomed and panned. Every change goes through the core's edit operations.

pub mod arrange;
pub mod geometry;
pub mod glide;
pub mod label;
pub mod layout;
pub mod pick;

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use vpcplay_core::edit::{self, LinkKind};
use vpcplay_core::model::{Kind, Severity};
use wasm_bindgen::JsCast;

use crate::icons::icon;
use crate::state::{Editor, Tone};
use geometry::{Point, Rect, Viewport};
use layout::{NodeBox, layout, link_ends};
pub use pick::focus_name;
use pick::{hit, link_hit, local_point, marquee_pick, new_homes, object_at, with_children};

/// How far one arrow-key press moves the selection, in canvas pixels (five times with Shift).
pub const KEY_STEP: f64 = 10.0;
/// The grid moved and placed objects snap to, in canvas pixels (Alt held while dragging: none).
pub const SNAP: f64 = 10.0;

/// The label a VPC shows for its first address block, computed by the core.
pub fn vpc_label(cidr: &str) -> String {
    match cidr.parse::<vpcplay_core::net::Cidr>() {
        Ok(c) => c.summary(),
        Err(e) => e.to_string(),
    }
}

/// Where a context menu opened at a screen point goes, kept inside the window.
fn menu_place(x: f64, y: f64) -> (f64, f64) {
    let (w, h) = web_sys::window().map_or((1280.0, 800.0), |w| {
        (
            w.inner_width()
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(1280.0),
            w.inner_height()
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(800.0),
        )
    });
    (x.min(w - 270.0).max(4.0), y.min(h - 250.0).max(4.0))
}

/// A pointer gesture in progress.
#[derive(Clone, Debug, PartialEq)]
enum Gesture {
    Idle,
    /// Moving objects: where the pointer went down (screen), the top-left corner of the object
    /// it went down on (canvas), which snaps to the grid, and whether it has moved.
    Move {
        pointer: i32,
        grab: Point,
        anchor: Point,
        moved: bool,
    },
    /// Drawing a connection from an object's handle.
    Connect {
        pointer: i32,
        from: String,
    },
    /// Drawing a marquee from `start` (canvas coordinates); `base` is what was selected before,
    /// kept when the marquee adds to the selection (Shift, Ctrl or Cmd held).
    Select {
        pointer: i32,
        start: Point,
        base: Vec<String>,
    },
    /// Panning the view: Space held, or the middle button.
    Pan {
        pointer: i32,
        grab: Point,
        start: Viewport,
    },
}

/// Everything the canvas draws for one object; a change re-creates that object's view.
#[derive(Clone, Debug, PartialEq)]
struct Drawn {
    node: NodeBox,
    title: String,
    subtitle: String,
    errors: usize,
    warnings: usize,
    /// The object's findings, one per line, shown when the pointer rests on its badge.
    problems: String,
}

/// The canvas.
#[component]
pub fn Canvas() -> impl IntoView {
    let ed = Editor::get();
    let boxes = Memo::new(move |_| ed.doc.with(layout));
    let counts = Memo::new(move |_| {
        let mut m: BTreeMap<String, (usize, usize, String)> = BTreeMap::new();
        ed.diagnostics.with(|ds| {
            for d in ds {
                let e = m.entry(d.object.clone()).or_default();
                match d.severity {
                    Severity::Error => e.0 += 1,
                    _ => e.1 += 1,
                }
                if !e.2.is_empty() {
                    e.2.push('\n');
                }
                e.2.push_str(&d.message);
            }
        });
        m
    });
    let drawn = Memo::new(move |_| {
        let counts = counts.get();
        ed.doc.with(|doc| {
            boxes.with(|bs| {
                bs.iter()
                    .map(|b| {
                        let (errors, warnings, problems) =
                            counts.get(&b.id).cloned().unwrap_or_default();
                        Drawn {
                            title: label::title(doc, &b.id, b.kind),
                            subtitle: label::subtitle(doc, &b.id, b.kind),
                            node: b.clone(),
                            errors,
                            warnings,
                            problems,
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let frames = Memo::new(move |_| {
        boxes.with(|bs| {
            let mut m = BTreeMap::new();
            for b in bs {
                m.insert(b.id.clone(), b.frame);
            }
            m
        })
    });
    let links = Memo::new(move |_| ed.doc.with(edit::links));

    let gesture = StoredValue::new(Gesture::Idle);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let glide = glide::Glide::new(svg_ref);
    // The objects being moved, with their children, and how far they have gone.
    let dragging = RwSignal::new(BTreeSet::<String>::new());
    let offset = RwSignal::new((0.0_f64, 0.0_f64));
    // The loose end of a connection being drawn, in canvas coordinates.
    let rubber = RwSignal::new(None::<(String, Point)>);
    // The marquee being drawn, in canvas coordinates.
    let marquee = RwSignal::new(None::<Rect>);
    // Whether Space is held: dragging then pans instead of selecting.
    let space = RwSignal::new(false);
    let typing = |ev: &web_sys::KeyboardEvent| {
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| {
                el.closest("input, textarea, select, button")
                    .ok()
                    .flatten()
                    .is_some()
            })
    };
    let down = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == " " && !typing(&ev) {
            ev.prevent_default();
            if !space.get_untracked() {
                space.set(true);
            }
        }
    });
    let up = window_event_listener(leptos::ev::keyup, move |ev| {
        if ev.key() == " " {
            space.set(false);
        }
    });
    on_cleanup(move || {
        down.remove();
        up.remove();
    });

    let shift_of = move |id: &str| -> (f64, f64) {
        if dragging.with(|d| d.contains(id)) {
            offset.get()
        } else {
            (0.0, 0.0)
        }
    };

    let on_pointer_down = move |ev: web_sys::PointerEvent| {
        let pan = ev.button() == 1 || (ev.button() == 0 && space.get_untracked());
        if ev.button() != 0 && !pan {
            return;
        }
        // A wheel gesture still resting is committed first: what follows reads the drawn view.
        glide.settle();
        let screen = local_point(&ev);
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        if ed.link.get_untracked().is_some() {
            ed.link.set(None);
        }
        if !pan && let Some(line) = link_hit(&ev) {
            ev.prevent_default();
            let chosen = links.with_untracked(|ls| {
                ls.iter()
                    .find(|l| format!("{}->{}", l.from, l.to) == line)
                    .cloned()
            });
            if let Some(l) = chosen {
                ed.selection.set(Vec::new());
                ed.say(
                    Tone::Info,
                    format!(
                        "selected the {} connection `{}` → `{}`: Delete removes it",
                        l.kind.as_str(),
                        l.from,
                        l.to
                    ),
                );
                ed.link.set(Some(l));
            }
            return;
        }
        if pan {
            ev.prevent_default();
            gesture.set_value(Gesture::Pan {
                pointer: ev.pointer_id(),
                grab: screen,
                start: ed.viewport.get_untracked(),
            });
            return;
        }
        match hit(&ev) {
            Some((id, true)) => {
                ev.prevent_default();
                let at = ed.viewport.get_untracked().to_canvas(screen);
                rubber.set(Some((id.clone(), at)));
                gesture.set_value(Gesture::Connect {
                    pointer: ev.pointer_id(),
                    from: id,
                });
            }
            Some((id, false)) => {
                ev.prevent_default();
                let selected = ed.selection.get_untracked();
                if ev.shift_key() || ev.ctrl_key() || ev.meta_key() {
                    ed.toggle(&id);
                } else if !selected.contains(&id) {
                    ed.select(&id);
                }
                let ids = ed.selection.get_untracked();
                dragging.set(boxes.with_untracked(|bs| with_children(bs, &ids)));
                offset.set((0.0, 0.0));
                let anchor = frames.with_untracked(|f| f.get(&id).map(|r| r.origin));
                gesture.set_value(Gesture::Move {
                    pointer: ev.pointer_id(),
                    grab: screen,
                    anchor: anchor.unwrap_or_default(),
                    moved: false,
                });
            }
            None => {
                let additive = ev.shift_key() || ev.ctrl_key() || ev.meta_key();
                let base = if additive {
                    ed.selection.get_untracked()
                } else {
                    Vec::new()
                };
                ed.selection.set(base.clone());
                gesture.set_value(Gesture::Select {
                    pointer: ev.pointer_id(),
                    start: ed.viewport.get_untracked().to_canvas(screen),
                    base,
                });
            }
        }
    };

    let on_pointer_move = move |ev: web_sys::PointerEvent| {
        let screen = local_point(&ev);
        match gesture.get_value() {
            Gesture::Move {
                pointer,
                grab,
                anchor,
                moved,
            } if pointer == ev.pointer_id() => {
                let mark = crate::perf::begin_move();
                let zoom = ed.viewport.get_untracked().zoom;
                let (dx, dy) = ((screen.x - grab.x) / zoom, (screen.y - grab.y) / zoom);
                // A few pixels of jitter in a click is not a move.
                let moved = moved || (screen.x - grab.x).abs() + (screen.y - grab.y).abs() > 3.0;
                let to = Point::new(anchor.x + dx, anchor.y + dy);
                let to = if ev.alt_key() {
                    to
                } else {
                    geometry::snap(to, SNAP)
                };
                let shift = if moved {
                    (to.x - anchor.x, to.y - anchor.y)
                } else {
                    (0.0, 0.0)
                };
                if offset.get_untracked() != shift {
                    offset.set(shift);
                }
                gesture.set_value(Gesture::Move {
                    pointer,
                    grab,
                    anchor,
                    moved,
                });
                crate::perf::end_move_after_render(mark);
            }
            Gesture::Connect { pointer, from } if pointer == ev.pointer_id() => {
                let at = ed.viewport.get_untracked().to_canvas(screen);
                rubber.set(Some((from, at)));
            }
            Gesture::Select {
                pointer,
                start,
                base,
            } if pointer == ev.pointer_id() => {
                let area = Rect::spanning(start, ed.viewport.get_untracked().to_canvas(screen));
                marquee.set(Some(area));
                let mut chosen = base;
                for id in boxes.with_untracked(|bs| marquee_pick(bs, &area)) {
                    if !chosen.contains(&id) {
                        chosen.push(id);
                    }
                }
                if ed.selection.with_untracked(|s| *s != chosen) {
                    ed.selection.set(chosen);
                }
            }
            Gesture::Pan {
                pointer,
                grab,
                start,
            } if pointer == ev.pointer_id() => {
                glide.show(Viewport {
                    pan: Point::new(
                        start.pan.x - (screen.x - grab.x) / start.zoom,
                        start.pan.y - (screen.y - grab.y) / start.zoom,
                    ),
                    zoom: start.zoom,
                });
            }
            _ => {}
        }
    };

    let on_pointer_up = move |ev: web_sys::PointerEvent| {
        match gesture.get_value() {
            Gesture::Move { moved: true, .. } => {
                let (dx, dy) = offset.get_untracked();
                let ids = ed.selection.get_untracked();
                let moving = dragging.get_untracked();
                let homes = boxes.with_untracked(|bs| new_homes(bs, &ids, &moving, dx, dy));
                ed.edit(|doc| {
                    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                    edit::move_by(doc, &refs, dx, dy);
                    for (id, home) in &homes {
                        edit::reparent(doc, id, home)?;
                    }
                    Ok(())
                });
            }
            Gesture::Pan { .. } => glide.settle(),
            Gesture::Connect { from, .. } => {
                rubber.set(None);
                if let Some(to) = object_at(ev.client_x(), ev.client_y()) {
                    if to != from
                        && let Some(done) = ed.edit(|doc| edit::connect(doc, &from, &to))
                    {
                        ed.say(Tone::Info, done.summary);
                    }
                } else {
                    ed.say(
                        Tone::Info,
                        "drop the connection on another object to connect it",
                    );
                }
            }
            _ => {}
        }
        if marquee.get_untracked().is_some() {
            marquee.set(None);
        }
        dragging.set(BTreeSet::new());
        offset.set((0.0, 0.0));
        gesture.set_value(Gesture::Idle);
    };

    // The wheel and two-finger scrolling pan; with Ctrl or Cmd held (and a trackpad pinch, which
    // browsers report that way) they zoom about the pointer.
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        if !(ev.ctrl_key() || ev.meta_key()) {
            // Line and page deltas (mode 1 and 2) are turned into pixels.
            let unit = match ev.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
            let (mut dx, mut dy) = (ev.delta_x() * unit, ev.delta_y() * unit);
            if ev.shift_key() && dx == 0.0 {
                (dx, dy) = (dy, 0.0);
            }
            let v = glide.live();
            glide.show(Viewport {
                pan: Point::new(v.pan.x + dx / v.zoom, v.pan.y + dy / v.zoom),
                zoom: v.zoom,
            });
            return;
        }
        let at = local_point(&ev);
        let factor = (-ev.delta_y() * 0.0015).exp();
        glide.show(glide.live().zoom_at(at, factor));
    };

    let transform = move || {
        let v = ed.viewport.get();
        format!("scale({}) translate({} {})", v.zoom, -v.pan.x, -v.pan.y)
    };

    let link_view = move |l: edit::Link| {
        let (from, to, kind) = (l.from.clone(), l.to.clone(), l.kind);
        let ends = Memo::new(move |_| {
            frames.with(|f| {
                let (a, b) = (f.get(&from)?, f.get(&to)?);
                let (sa, sb) = (shift_of(&from), shift_of(&to));
                Some(link_ends(
                    &a.translated(sa.0, sa.1),
                    &b.translated(sb.0, sb.1),
                ))
            })
        });
        let ends = move || ends.get();
        let label = l.label.clone();
        let class = format!("link link-{}", kind.as_str());
        let dash = matches!(kind, LinkKind::Association | LinkKind::Peering);
        let this = l.clone();
        let selected = move || ed.link.with(|s| s.as_ref() == Some(&this));
        let focused = l.clone();
        let aria = format!("{} connection from {} to {}", kind.as_str(), l.from, l.to);
        view! {
            <g
                class=class
                class:selected=selected
                data-link=format!("{}->{}", l.from, l.to)
                tabindex="0"
                role="button"
                aria-label=aria
                on:focus=move |_| {
                    ed.selection.set(Vec::new());
                    ed.link.set(Some(focused.clone()));
                }
            >
                <line
                    class="link-hit"
                    x1=move || ends().map_or(0.0, |e| e.0.x)
                    y1=move || ends().map_or(0.0, |e| e.0.y)
                    x2=move || ends().map_or(0.0, |e| e.1.x)
                    y2=move || ends().map_or(0.0, |e| e.1.y)
                />
                <line
                    x1=move || ends().map_or(0.0, |e| e.0.x)
                    y1=move || ends().map_or(0.0, |e| e.0.y)
                    x2=move || ends().map_or(0.0, |e| e.1.x)
                    y2=move || ends().map_or(0.0, |e| e.1.y)
                    stroke-dasharray=if dash { "6 4" } else { "" }
                    marker-end="url(#arrow)"
                />
                {label.map(|t| {
                    view! {
                        <text
                            class="link-label"
                            x=move || ends().map_or(0.0, |e| (e.0.x + e.1.x) / 2.0)
                            y=move || ends().map_or(0.0, |e| (e.0.y + e.1.y) / 2.0 - 4.0)
                        >
                            {t}
                        </text>
                    }
                })}
            </g>
        }
    };

    // Every object keeps its view for as long as it exists (keyed by id), so focus survives a
    // move; what it shows is read reactively from `by_id`.
    let by_id = Memo::new(move |_| {
        drawn.with(|ds| {
            let mut m = BTreeMap::new();
            for d in ds {
                m.insert(d.node.id.clone(), d.clone());
            }
            m
        })
    });
    let node_view = move |(id, kind): (String, Kind)| {
        let container = layout::is_container(kind);
        let name = edit::PALETTE
            .iter()
            .find(|p| p.kind == kind)
            .map_or("object", |p| p.name);
        let noun = kind.noun();
        let class = format!(
            "node {} kind-{}",
            if container { "container" } else { "leaf" },
            name
        );
        let look = {
            let id = id.clone();
            Memo::new(move |_| by_id.with(|m| m.get(&id).cloned()))
        };
        let frame = move || look.with(|d| d.as_ref().map(|d| d.node.frame).unwrap_or_default());
        let id_sel = id.clone();
        let id_shift = id.clone();
        let id_focus = id.clone();
        let selected = move || ed.selection.with(|s| s.contains(&id_sel));
        let shifted = move || {
            let (dx, dy) = shift_of(&id_shift);
            let f = frame();
            format!("translate({} {})", f.origin.x + dx, f.origin.y + dy)
        };
        let title = move || look.with(|d| d.as_ref().map(|d| d.title.clone()).unwrap_or_default());
        let subtitle =
            move || look.with(|d| d.as_ref().map(|d| d.subtitle.clone()).unwrap_or_default());
        let aria = move || {
            let sub = subtitle();
            // The accessible name starts with the visible text, then says what the object is.
            if sub.is_empty() {
                format!("{}, {noun}", title())
            } else {
                format!("{} {sub}, {noun}", title())
            }
        };
        let badge = move || {
            let (errors, warnings, width, problems) = look.with(|d| {
                d.as_ref().map_or((0, 0, 0.0, String::new()), |d| {
                    (d.errors, d.warnings, d.node.frame.width, d.problems.clone())
                })
            });
            (errors + warnings > 0).then(|| {
                let (cls, n) = if errors > 0 {
                    ("badge badge-error", errors)
                } else {
                    ("badge badge-warning", warnings)
                };
                view! {
                    <g class=cls transform=format!("translate({} -8)", width - 10.0)>
                        <title>{problems}</title>
                        <circle r="10" />
                        <text text-anchor="middle" y="4">{n}</text>
                    </g>
                }
            })
        };
        let icon_size = if container { 20.0 } else { 24.0 };
        // Labels stop short of the frame's right edge and its connection handle.
        let room = move || frame().width - if container { 38.0 } else { 42.0 } - 12.0;
        let full = move || {
            let sub = subtitle();
            if sub.is_empty() {
                title()
            } else {
                format!("{}\n{sub}", title())
            }
        };
        view! {
            <g
                class=class
                class:selected=selected
                data-object-id=id.clone()
                data-kind=name
                tabindex="0"
                role="button"
                aria-label=aria
                transform=shifted
                on:focus=move |_| {
                    if !ed.selection.with_untracked(|s| s.contains(&id_focus)) {
                        ed.select(&id_focus);
                    }
                }
            >
                <rect
                    class="frame"
                    width=move || frame().width
                    height=move || frame().height
                    rx=if container { 12 } else { 8 }
                />
                {icon(kind, 10.0, if container { 10.0 } else { 12.0 }, icon_size)}
                <title>{full}</title>
                <text class="title" x=if container { 38 } else { 42 } y=if container { 19 } else { 21 }>
                    {move || label::fit(&title(), room(), 13.0 * 1.05)}
                </text>
                <text class="subtitle" x=if container { 38 } else { 42 } y=if container { 34 } else { 38 }>
                    {move || label::fit(&subtitle(), room(), 11.5)}
                </text>
                <circle
                    class="handle"
                    cx=move || frame().width
                    cy=move || if container { 20.0 } else { frame().height / 2.0 }
                    r="6"
                >
                    <title>"Drag to another object to connect"</title>
                </circle>
                {badge}
            </g>
        }
    };

    view! {
        <svg
            class="canvas"
            node_ref=svg_ref
            class:panning=move || space.get()
            data-panel="canvas"
            role="application"
            aria-label="Topology canvas. Tab moves between objects, arrow keys move the selection."
            tabindex="-1"
            on:pointerdown=on_pointer_down
            on:pointermove=on_pointer_move
            on:pointerup=on_pointer_up
            on:pointercancel=on_pointer_up
            on:wheel=on_wheel
            on:contextmenu=move |ev: web_sys::MouseEvent| {
                glide.settle();
                if let Some(id) = object_at(ev.client_x(), ev.client_y()) {
                    ev.prevent_default();
                    let (x, y) = menu_place(f64::from(ev.client_x()), f64::from(ev.client_y()));
                    crate::panels::context_menu::Menu::get().open(ed, &id, x, y);
                }
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                // The Menu key or Shift+F10 on a focused object opens its menu below it.
                if ev.key() == "ContextMenu" || (ev.shift_key() && ev.key() == "F10") {
                    let focused = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|el| el.closest("[data-object-id]").ok().flatten());
                    if let Some(el) = focused
                        && let Some(id) = el.get_attribute("data-object-id")
                    {
                        ev.prevent_default();
                        let r = el.get_bounding_client_rect();
                        let (x, y) = menu_place(r.left() + 12.0, r.top() + 24.0);
                        crate::panels::context_menu::Menu::get().open(ed, &id, x, y);
                    }
                }
            }
            on:dblclick=move |ev: web_sys::MouseEvent| {
                // Pointer capture sends the event to the canvas: find the object by position.
                if let Some(id) = object_at(ev.client_x(), ev.client_y()) {
                    ed.select(&id);
                    focus_name();
                }
            }
        >
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" />
                </marker>
                <pattern id="grid" width="20" height="20" patternUnits="userSpaceOnUse">
                    <circle cx="1" cy="1" r="1" class="grid-dot" />
                </pattern>
            </defs>
            <g class="viewport" transform=transform>
                <rect class="grid" x="-10000" y="-10000" width="20000" height="20000" fill="url(#grid)" />
                <For
                    each=move || {
                        boxes.with(|bs| bs.iter().map(|b| (b.id.clone(), b.kind)).collect::<Vec<_>>())
                    }
                    key=|(id, kind)| (id.clone(), *kind)
                    children=node_view
                />
                <g class="links">
                    <For
                        each=move || links.get()
                        key=|l| format!("{}|{}|{}|{:?}", l.from, l.to, l.kind.as_str(), l.label)
                        children=link_view
                    />
                </g>
                <crate::sim::layer::SimLayer />
                {move || {
                    marquee
                        .get()
                        .map(|r| {
                            view! {
                                <rect
                                    class="marquee"
                                    x=r.origin.x
                                    y=r.origin.y
                                    width=r.width
                                    height=r.height
                                />
                            }
                        })
                }}
                {move || {
                    rubber
                        .get()
                        .and_then(|(from, at)| {
                            let start = frames.with(|f| f.get(&from).copied())?;
                            let (a, _) = link_ends(&start, &Rect::new(at.x, at.y, 0.0, 0.0));
                            Some(view! {
                                <line class="rubber" x1=a.x y1=a.y x2=at.x y2=at.y />
                            })
                        })
                }}
            </g>
        </svg>
    }
}

/// The kind a palette item creates, by its document name.
pub fn palette_kind(name: &str) -> Option<Kind> {
    edit::kind_by_name(name).map(|p| p.kind)
}
