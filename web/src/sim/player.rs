//! The animation clock: one requestAnimationFrame loop that runs while something moves and
//! stops when nothing does, so an idle page draws nothing.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Whether the reader asked the system for reduced motion.
pub fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

type Tick = Box<dyn FnMut(f64) -> bool>;
/// The frame callback, kept for as long as the page lives.
type Frame = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// A loop that calls its tick with the seconds since the previous frame, for as long as the
/// tick returns true. Starting it again while it runs does nothing.
#[derive(Clone)]
pub struct Driver {
    running: Rc<Cell<bool>>,
    last: Rc<Cell<Option<f64>>>,
    frame: Frame,
}

impl std::fmt::Debug for Driver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Driver")
            .field("running", &self.running.get())
            .finish_non_exhaustive()
    }
}

fn request(frame: &Frame) {
    if let (Some(w), Some(f)) = (web_sys::window(), frame.borrow().as_ref()) {
        let _ = w.request_animation_frame(f.as_ref().unchecked_ref());
    }
}

impl Driver {
    /// A stopped loop around `tick`. The loop lives as long as the page.
    pub fn new(tick: impl FnMut(f64) -> bool + 'static) -> Self {
        let running = Rc::new(Cell::new(false));
        let last = Rc::new(Cell::new(None::<f64>));
        let frame: Frame = Rc::new(RefCell::new(None));
        let mut tick: Tick = Box::new(tick);
        let (r, l, me) = (running.clone(), last.clone(), frame.clone());
        *frame.borrow_mut() = Some(Closure::new(move |now: f64| {
            // A long pause (a hidden tab) is not a jump across the whole trace.
            let dt = l
                .get()
                .map_or(0.0, |t| ((now - t) / 1000.0).clamp(0.0, 0.1));
            l.set(Some(now));
            crate::perf::begin_frame();
            let more = tick(dt);
            crate::perf::end_frame();
            if more {
                request(&me);
            } else {
                r.set(false);
            }
        }));
        Self {
            running,
            last,
            frame,
        }
    }

    /// Starts the loop unless it runs.
    pub fn start(&self) {
        if !self.running.get() {
            self.running.set(true);
            self.last.set(None);
            request(&self.frame);
        }
    }
}
