//! Performance marks around drag moves, read by the end-to-end tests: each `drag-move` measure
//! spans a pointermove handler and the DOM updates it causes (up to the next task).

use std::sync::atomic::{AtomicU32, Ordering};

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The name of the measure the end-to-end tests read.
pub const MEASURE: &str = "drag-move";

static NEXT: AtomicU32 = AtomicU32::new(0);

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// Marks the start of a drag move and returns its number.
pub fn begin_move() -> u32 {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    if let Some(p) = performance() {
        let _ = p.mark(&format!("{MEASURE}-{n}"));
    }
    n
}

/// Ends move `n`'s measure once its reactive updates have run: they are microtasks, and a
/// zero-delay timeout runs after all of them.
pub fn end_move_after_render(n: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let done = Closure::once_into_js(move || {
        if let Some(p) = performance() {
            let start = format!("{MEASURE}-{n}");
            let end = format!("{MEASURE}-{n}-end");
            let _ = p.mark(&end);
            let _ = p.measure_with_start_mark_and_end_mark(MEASURE, &start, &end);
            p.clear_marks_with_mark_name(&start);
            p.clear_marks_with_mark_name(&end);
        }
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(done.unchecked_ref(), 0);
}

/// The name of the measure around each animation frame's work, read by the animation
/// benchmark.
pub const FRAME: &str = "sim-frame";

/// Marks the start of an animation frame's work.
pub fn begin_frame() {
    if let Some(p) = performance() {
        let _ = p.mark(FRAME);
    }
}

/// Measures an animation frame's work since [`begin_frame`].
pub fn end_frame() {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark(FRAME, FRAME);
        p.clear_marks_with_mark_name(FRAME);
    }
}
