//! The keyboard-shortcut overlay, opened with `?`.

use leptos::prelude::*;

/// Every shortcut, as shown in the overlay.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Tab / Shift+Tab", "move between palette items and objects"),
    (
        "Enter on a palette item",
        "place it in view (inside the selected container when it fits)",
    ),
    ("Arrow keys", "move the selection by 10 px (Shift: 50 px)"),
    ("Shift+click", "add to or take from the selection"),
    (
        "Alt while dragging",
        "move freely, without snapping to the 10 px grid",
    ),
    (
        "Drag on the background",
        "select what the marquee encloses (Shift: add to the selection)",
    ),
    (
        "Wheel / Space+drag / middle-drag",
        "pan the canvas (Shift+wheel: sideways)",
    ),
    ("Ctrl+wheel / pinch", "zoom about the pointer"),
    ("F2 / double-click", "rename the selected object"),
    (
        "Delete / Backspace",
        "delete the selection, or the selected connection (click a line to select it)",
    ),
    ("Ctrl+D", "duplicate the selection"),
    (
        "Ctrl+C / Ctrl+X / Ctrl+V",
        "copy, cut and paste the selection with its contents (also between tabs)",
    ),
    ("Ctrl+Z", "undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "redo"),
    ("Ctrl+A", "select everything"),
    ("+ / -", "zoom in / out"),
    ("0", "fit everything in view"),
    ("Escape", "clear the selection, close this overlay"),
    ("?", "show or hide this overlay"),
];

/// The overlay.
#[component]
pub fn Shortcuts(open: RwSignal<bool>) -> impl IntoView {
    let close = NodeRef::<leptos::html::Button>::new();
    super::dialog_focus(open, close);
    view! {
        <Show when=move || open.get()>
            <div class="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" on:click=move |_| open.set(false)>
                <div class="overlay-card" on:click=|ev| ev.stop_propagation()>
                    <h2>"Keyboard shortcuts"</h2>
                    <dl>
                        {SHORTCUTS
                            .iter()
                            .map(|(k, v)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*v}</dd> })
                            .collect_view()}
                    </dl>
                    <button node_ref=close data-action="close-shortcuts" on:click=move |_| open.set(false)>"Close"</button>
                </div>
            </div>
        </Show>
    }
}
