//! The canvas: an SVG surface on which objects are drawn and dragged.

pub mod geometry;

use leptos::prelude::*;
use vpcplay_core::net::Cidr;
use wasm_bindgen::JsCast;

use geometry::{Point, Rect, clamp_into, drag_to};

/// The size of the canvas sheet, in canvas coordinates.
pub const CANVAS_SIZE: (f64, f64) = (2000.0, 1200.0);
/// Where objects may go: the sheet less a small margin, so frames never touch its edge.
pub const CANVAS_BOUNDS: Rect = Rect::new(4.0, 4.0, CANVAS_SIZE.0 - 8.0, CANVAS_SIZE.1 - 8.0);
/// How far one arrow-key press moves the selected object, in canvas pixels.
pub const KEY_STEP: f64 = 10.0;

const VPC_WIDTH: f64 = 320.0;
const VPC_HEIGHT: f64 = 180.0;

/// A drag in progress: which pointer, where it grabbed, and where the object was then.
#[derive(Clone, Copy, Debug)]
struct Drag {
    pointer_id: i32,
    grab: Point,
    start: Point,
}

/// The label a VPC shows, computed by the core from its CIDR block.
pub fn vpc_label(cidr: &str) -> String {
    match cidr.parse::<Cidr>() {
        Ok(c) => c.summary(),
        Err(e) => e.to_string(),
    }
}

/// The canvas with the playground's starting VPC.
#[component]
pub fn Canvas() -> impl IntoView {
    let position = RwSignal::new(Point::new(80.0, 60.0));
    let drag = RwSignal::new(None::<Drag>);
    let cidr = "10.0.0.0/16";
    let label = vpc_label(cidr);

    let move_to = move |p: Point| {
        position.set(clamp_into(p, VPC_WIDTH, VPC_HEIGHT, CANVAS_BOUNDS));
    };

    let on_pointer_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            // A synthetic or already-released pointer cannot be captured; dragging still works.
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        ev.prevent_default();
        drag.set(Some(Drag {
            pointer_id: ev.pointer_id(),
            grab: Point::new(f64::from(ev.client_x()), f64::from(ev.client_y())),
            start: position.get_untracked(),
        }));
    };
    let on_pointer_move = move |ev: web_sys::PointerEvent| {
        let Some(d) = drag.get_untracked() else {
            return;
        };
        if d.pointer_id != ev.pointer_id() {
            return;
        }
        let now = Point::new(f64::from(ev.client_x()), f64::from(ev.client_y()));
        move_to(drag_to(d.start, d.grab, now, 1.0));
    };
    let on_pointer_end = move |_: web_sys::PointerEvent| drag.set(None);
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let step = if ev.shift_key() {
            KEY_STEP * 5.0
        } else {
            KEY_STEP
        };
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-step, 0.0),
            "ArrowRight" => (step, 0.0),
            "ArrowUp" => (0.0, -step),
            "ArrowDown" => (0.0, step),
            _ => return,
        };
        ev.prevent_default();
        let p = position.get_untracked();
        move_to(Point::new(p.x + dx, p.y + dy));
    };

    let transform = move || {
        let p = position.get();
        format!("translate({} {})", p.x, p.y)
    };
    let aria = format!("VPC {label}. Drag, or use the arrow keys, to move it.");

    view! {
        <div class="canvas-scroll">
            <svg
                class="canvas"
                data-panel="canvas"
                role="application"
                aria-label="Topology canvas"
                width=CANVAS_SIZE.0
                height=CANVAS_SIZE.1
            >
                <g
                    class="node node-vpc"
                    class:dragging=move || drag.get().is_some()
                    data-object-id="vpc-1"
                    data-kind="vpc"
                    tabindex="0"
                    role="button"
                    aria-label=aria
                    transform=transform
                    on:pointerdown=on_pointer_down
                    on:pointermove=on_pointer_move
                    on:pointerup=on_pointer_end
                    on:pointercancel=on_pointer_end
                    on:keydown=on_key
                >
                    <rect class="node-frame" width=VPC_WIDTH height=VPC_HEIGHT rx="10" />
                    <text class="node-title" x="16" y="28">"VPC"</text>
                    <text class="node-label" x="16" y="52">{label}</text>
                </g>
            </svg>
        </div>
    }
}
