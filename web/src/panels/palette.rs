//! The palette: every kind a person can place, grouped by concept. Drag an item onto the canvas,
//! or focus it and press Enter to place it in view.

use leptos::prelude::*;
use vpcplay_core::edit::{self, Concept, PALETTE, PaletteItem};
use vpcplay_core::model::common::Position;
use wasm_bindgen::JsCast;

use crate::canvas::SNAP;
use crate::canvas::geometry::{Point, Rect, Shape, container_for, snap};
use crate::canvas::layout::{HEADER, PAD, layout};
use crate::icons::icon_svg;
use crate::state::{Editor, Tone};

const CONCEPTS: [Concept; 5] = [
    Concept::Network,
    Concept::Compute,
    Concept::PrivateLink,
    Concept::Lattice,
    Concept::Resources,
];

/// A palette item being dragged: which, and where the pointer is (client coordinates).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Carry {
    item: &'static PaletteItem,
    pointer: i32,
    at: Point,
}

fn canvas_rect() -> Option<web_sys::DomRect> {
    crate::canvas::pick::canvas_box()
}

/// Places `item` at canvas point `at`, in the tightest container under it that can hold it.
/// A placement from the keyboard (`free`) moves to the nearest free place; a drop stays where
/// the pointer let go.
fn place(ed: Editor, item: &'static PaletteItem, at: Point, free: bool) {
    let boxes = ed.doc.with_untracked(layout);
    let shapes: Vec<Shape<usize>> = boxes
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_container())
        .map(|(i, b)| Shape {
            id: i,
            frame: b.frame,
            depth: b.depth,
        })
        .collect();
    let container = container_for(&Rect::new(at.x, at.y, 1.0, 1.0), &shapes, |i| {
        boxes
            .get(i)
            .is_some_and(|b| item.containers.contains(&b.kind))
    })
    .and_then(|i| boxes.get(i))
    .map(|b| b.id.clone());
    let corner = snap(Point::new(at.x - 20.0, at.y - 20.0), SNAP);
    let position = Position {
        x: corner.x,
        y: corner.y,
    };
    let created = ed.edit(|doc| {
        let id = edit::create(doc, item.kind, position, container.as_deref())?;
        if free {
            crate::canvas::arrange::make_room(doc, std::slice::from_ref(&id));
        }
        Ok(id)
    });
    if let Some(id) = created {
        ed.say(Tone::Info, format!("placed {} `{id}`", item.kind.a()));
        ed.select(&id);
    }
}

/// Places `item` from the keyboard: inside the selected container when it can hold the item,
/// else inside the first container that can, else in the middle of the view.
fn place_from_keyboard(ed: Editor, item: &'static PaletteItem) {
    let boxes = ed.doc.with_untracked(layout);
    let selected = ed.selection.get_untracked();
    let holder = boxes
        .iter()
        .filter(|b| item.containers.contains(&b.kind))
        .min_by_key(|b| !selected.contains(&b.id));
    let at = match holder {
        Some(b) => {
            let inside = boxes
                .iter()
                .filter(|c| c.parent.as_deref() == Some(b.id.as_str()))
                .count() as f64;
            Point::new(
                b.frame.origin.x + PAD + 20.0,
                b.frame.origin.y + HEADER + 20.0 + inside * 60.0,
            )
        }
        None => {
            let v = ed.viewport.get_untracked();
            let size = canvas_rect().map_or((800.0, 600.0), |r| (r.width(), r.height()));
            v.to_canvas(Point::new(size.0 / 2.0, size.1 / 2.0))
        }
    };
    place(ed, item, at, true);
}

/// The palette panel.
#[component]
pub fn Palette() -> impl IntoView {
    let ed = Editor::get();
    let carry = RwSignal::new(None::<Carry>);

    let item_view = move |item: &'static PaletteItem| {
        let on_down = move |ev: web_sys::PointerEvent| {
            if ev.button() != 0 {
                return;
            }
            if let Some(el) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
            ev.prevent_default();
            carry.set(Some(Carry {
                item,
                pointer: ev.pointer_id(),
                at: Point::new(f64::from(ev.client_x()), f64::from(ev.client_y())),
            }));
        };
        let on_move = move |ev: web_sys::PointerEvent| {
            carry.update(|c| {
                if let Some(c) = c.as_mut().filter(|c| c.pointer == ev.pointer_id()) {
                    c.at = Point::new(f64::from(ev.client_x()), f64::from(ev.client_y()));
                }
            });
        };
        let on_up = move |ev: web_sys::PointerEvent| {
            let Some(c) = carry.get_untracked() else {
                return;
            };
            carry.set(None);
            let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
            let Some(r) = canvas_rect() else { return };
            if x < r.left() || x > r.right() || y < r.top() || y > r.bottom() {
                return;
            }
            let at = ed
                .viewport
                .get_untracked()
                .to_canvas(Point::new(x - r.left(), y - r.top()));
            place(ed, c.item, at, false);
        };
        let on_key = move |ev: web_sys::KeyboardEvent| {
            if ev.key() == "Enter" || ev.key() == " " {
                ev.prevent_default();
                place_from_keyboard(ed, item);
            }
        };
        let where_words = if item.containers.is_empty() {
            String::new()
        } else {
            format!(" Goes inside {}.", item.container_words())
        };
        view! {
            <li>
                <button
                    class="palette-item"
                    data-palette-kind=item.name
                    title=format!("{}.{where_words}", item.hint())
                    aria-label=format!("{}: {}.{where_words} Press Enter to place one.", item.label, item.hint())
                    on:pointerdown=on_down
                    on:pointermove=on_move
                    on:pointerup=on_up
                    on:keydown=on_key
                >
                    {icon_svg(item.kind)}
                    <span>{item.label}</span>
                </button>
            </li>
        }
    };

    view! {
        <nav class="palette" aria-label="Palette" data-panel="palette">
            {CONCEPTS
                .into_iter()
                .map(|concept| {
                    view! {
                        <section>
                            <h2>{concept.title()}</h2>
                            <ul>
                                {PALETTE
                                    .iter()
                                    .filter(|p| p.concept == concept)
                                    .map(item_view)
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
            {move || {
                carry
                    .get()
                    .map(|c| {
                        view! {
                            <div
                                class="palette-ghost"
                                style=format!("left:{}px;top:{}px", c.at.x - 20.0, c.at.y - 20.0)
                            >
                                {icon_svg(c.item.kind)}
                                <span>{c.item.label}</span>
                            </div>
                        }
                    })
            }}
        </nav>
    }
}
