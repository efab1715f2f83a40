//! Panning and zooming without redrawing. While a wheel or Space-drag gesture runs, the picture
//! already drawn is moved and scaled as a whole by one CSS transform on the canvas element, which
//! the browser composites without painting anything again; when the gesture rests (or a pointer
//! goes down), the view is committed and the SVG is drawn once, sharp, at the new view. Until then
//! an edge the picture uncovers stays empty, as a map's tiles do.
//!
//! The committed view is `Editor::viewport` (the SVG's own transform); the view on screen during a
//! gesture is [`Glide::live`].

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::geometry::Viewport;
use crate::state::Editor;

/// How long the view rests before it is drawn again, in milliseconds.
const REST_MS: i32 = 140;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Pending {
    /// The view the SVG is drawn with.
    drawn: Viewport,
    /// The view on screen.
    live: Viewport,
    /// The timeout that commits it.
    timer: i32,
}

/// The canvas element's gesture transform.
#[derive(Clone, Copy, Debug)]
pub struct Glide {
    ed: Editor,
    svg: NodeRef<leptos::svg::Svg>,
    pending: StoredValue<Option<Pending>>,
}

impl Glide {
    /// A glide for the canvas element `svg`. Any change of the committed view made elsewhere
    /// (Fit, the zoom buttons, a hop revealed) drops a gesture in progress.
    pub fn new(svg: NodeRef<leptos::svg::Svg>) -> Self {
        let ed = Editor::get();
        let glide = Glide {
            ed,
            svg,
            pending: StoredValue::new(None),
        };
        Effect::new(move |_| {
            let now = ed.viewport.get();
            if let Some(p) = glide.pending.get_value()
                && p.drawn != now
            {
                glide.drop_pending(p);
            }
        });
        glide
    }

    /// The view on screen: the gesture's, or the committed one.
    pub fn live(&self) -> Viewport {
        self.pending
            .get_value()
            .map_or_else(|| self.ed.viewport.get_untracked(), |p| p.live)
    }

    /// Shows `view` by moving the drawn picture, and commits it once the gesture rests.
    pub fn show(&self, view: Viewport) {
        let drawn = self
            .pending
            .get_value()
            .map_or_else(|| self.ed.viewport.get_untracked(), |p| p.drawn);
        if let Some(p) = self.pending.get_value() {
            clear_timeout(p.timer);
        }
        let glide = *self;
        let timer = set_timeout(REST_MS, move || glide.settle());
        self.pending.set_value(Some(Pending {
            drawn,
            live: view,
            timer,
        }));
        let (t, k) = view.from_drawn(&drawn);
        self.set_style(&format!(
            "transform: translate({:.2}px, {:.2}px) scale({k:.5})",
            t.x, t.y
        ));
    }

    /// Commits the view on screen now: the SVG is drawn with it and the screen transform goes.
    pub fn settle(&self) {
        let Some(p) = self.pending.get_value() else {
            return;
        };
        let ed = self.ed;
        self.drop_pending(p);
        if ed.viewport.get_untracked() == p.drawn && p.live != p.drawn {
            ed.viewport.set(p.live);
        }
    }

    fn drop_pending(&self, p: Pending) {
        clear_timeout(p.timer);
        self.pending.set_value(None);
        self.set_style("");
    }

    fn set_style(&self, style: &str) {
        if let Some(svg) = self.svg.get_untracked() {
            let el: &web_sys::Element = svg.unchecked_ref();
            let _ = el.set_attribute("style", style);
        }
    }
}

fn set_timeout(ms: i32, f: impl FnOnce() + 'static) -> i32 {
    let Some(window) = web_sys::window() else {
        return 0;
    };
    let f = Closure::once_into_js(f);
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms)
        .unwrap_or(0)
}

fn clear_timeout(id: i32) {
    if let Some(window) = web_sys::window() {
        window.clear_timeout_with_handle(id);
    }
}
