//! What is under the pointer, and what a gesture picks: hit-testing through the browser's own
//! elements, the objects a marquee encloses, and where moved objects land.

use std::collections::BTreeSet;

use vpcplay_core::edit;
use wasm_bindgen::JsCast;

use super::geometry::{self, Point, Rect};
use super::layout::NodeBox;

/// The point of a pointer event in the canvas element's own screen space.
/// The canvas's box on screen. It is read from the canvas element's frame, which a pan or zoom
/// in progress never moves (the element itself may be carrying a gesture's transform).
pub fn canvas_box() -> Option<web_sys::DomRect> {
    let doc = web_sys::window()?.document()?;
    let el = match doc.query_selector(".canvas-wrap").ok()? {
        Some(wrap) => wrap,
        None => doc.query_selector("[data-panel='canvas']").ok()??,
    };
    Some(el.get_bounding_client_rect())
}

/// The canvas's size on screen, or a likely one before it is drawn.
pub fn canvas_size() -> (f64, f64) {
    canvas_box().map_or((1000.0, 700.0), |r| (r.width(), r.height()))
}

pub fn local_point(ev: &web_sys::MouseEvent) -> Point {
    let origin = canvas_box().map_or(Point::default(), |r| Point::new(r.left(), r.top()));
    Point::new(
        f64::from(ev.client_x()) - origin.x,
        f64::from(ev.client_y()) - origin.y,
    )
}

/// The object under an event, from the nearest element carrying `data-object-id`, and whether
/// the event hit its connection handle.
pub fn hit(ev: &web_sys::Event) -> Option<(String, bool)> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let node = el.closest("[data-object-id]").ok()??;
    let id = node.get_attribute("data-object-id")?;
    let on_handle = el.closest(".handle").ok().flatten().is_some();
    Some((id, on_handle))
}

/// The connection line under an event, as its `data-link` (`from->to`), when no object is.
pub fn link_hit(ev: &web_sys::Event) -> Option<String> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    if el.closest("[data-object-id]").ok()?.is_some() {
        return None;
    }
    el.closest("[data-link]").ok()??.get_attribute("data-link")
}

/// The object under a screen point, found by the browser's own hit-testing.
pub fn object_at(client_x: i32, client_y: i32) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let el = document.element_from_point(client_x as f32, client_y as f32)?;
    el.closest("[data-object-id]")
        .ok()??
        .get_attribute("data-object-id")
}

/// `ids` and every object drawn inside them, from the layout's parent links.
pub fn with_children(boxes: &[NodeBox], ids: &[String]) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for id in ids {
        set.insert(id.clone());
    }
    // Boxes come containers first, so one pass collects every depth.
    for b in boxes {
        if b.parent.as_ref().is_some_and(|p| set.contains(p)) {
            set.insert(b.id.clone());
        }
    }
    set
}

/// Puts the keyboard in the inspector's name field, its text selected, to rename the selected
/// object (double-click on an object, or F2).
pub fn focus_name() {
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("[data-panel='inspector'] [data-field='name'] input")
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = field {
        let _ = input.focus();
        input.select();
    }
}

/// What a marquee over `area` selects: the objects it wholly encloses.
pub fn marquee_pick(boxes: &[NodeBox], area: &Rect) -> Vec<String> {
    let shapes: Vec<geometry::Shape<usize>> = boxes
        .iter()
        .enumerate()
        .map(|(i, b)| geometry::Shape {
            id: i,
            frame: b.frame,
            depth: b.depth,
        })
        .collect();
    geometry::enclosed(&shapes, area)
        .into_iter()
        .filter_map(|i| boxes.get(i).map(|b| b.id.clone()))
        .collect()
}

/// Where moved objects land: for each selected object that lives in a container, the tightest
/// container of an allowed kind that holds its new frame, when that is not its current one.
/// Objects dropped where no allowed container holds them stay in their container, which grows.
pub fn new_homes(
    boxes: &[NodeBox],
    selected: &[String],
    moving: &BTreeSet<String>,
    dx: f64,
    dy: f64,
) -> Vec<(String, String)> {
    let holders: Vec<geometry::Shape<usize>> = boxes
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_container() && !moving.contains(&b.id))
        .map(|(i, b)| geometry::Shape {
            id: i,
            frame: b.frame,
            depth: b.depth,
        })
        .collect();
    let mut out = Vec::new();
    for b in boxes.iter().filter(|b| selected.contains(&b.id)) {
        let Some(item) = edit::PALETTE.iter().find(|p| p.kind == b.kind) else {
            continue;
        };
        if item.containers.is_empty() {
            continue;
        }
        let frame = b.frame.translated(dx, dy);
        let home = geometry::container_for(&frame, &holders, |i| {
            boxes
                .get(i)
                .is_some_and(|h| item.containers.contains(&h.kind))
        })
        .and_then(|i| boxes.get(i));
        if let Some(h) = home
            && b.parent.as_deref() != Some(h.id.as_str())
        {
            out.push((b.id.clone(), h.id.clone()));
        }
    }
    out
}
