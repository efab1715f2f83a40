//! The panels around the canvas: palette, inspector and its policy test bench, diagnostics,
//! toolbar, shortcuts, and the canvas objects' context menu.

pub mod context_menu;
pub mod diagnostics;
pub mod inspector;
pub mod palette;
pub mod policy_bench;
pub mod shortcuts;
pub mod toolbar;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A dialog takes the keyboard when it opens (on `first`) and gives it back, when it closes,
/// to whatever had it before.
pub fn dialog_focus(open: RwSignal<bool>, first: NodeRef<leptos::html::Button>) {
    let before = StoredValue::new_local(None::<web_sys::Element>);
    Effect::new(move |_| {
        if open.get() {
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            before.set_value(active);
            request_animation_frame(move || {
                if let Some(b) = first.get_untracked() {
                    let _ = b.focus();
                }
            });
        } else if let Some(el) = before.get_value() {
            before.set_value(None);
            // HTML and SVG elements both take focus, through their own interfaces.
            if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = h.focus();
            } else if let Some(s) = el.dyn_ref::<web_sys::SvgElement>() {
                let _ = s.focus();
            }
        }
    });
}
