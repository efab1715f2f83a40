//! The application shell: toolbar, palette, canvas, inspector, problems and status line, the
//! global keyboard shortcuts, and autosave.

use leptos::ev;
use leptos::prelude::*;
use vpcplay_core::edit;
use vpcplay_core::model::{Document, load};
use wasm_bindgen::JsCast;

use crate::canvas::Canvas;
use crate::panels::diagnostics::Diagnostics;
use crate::panels::inspector::Inspector;
use crate::panels::palette::Palette;
use crate::panels::shortcuts::Shortcuts;
use crate::panels::toolbar::{Toolbar, fit_to_view, zoom_by};
use crate::state::storage::{self, Restored};
use crate::state::{Editor, Tone};

/// What a first visit shows: one VPC, ready to be dragged, filled and connected.
pub const STARTER: &str = r#"{
  "version": 1,
  "name": "My topology",
  "vpcs": [{ "id": "vpc-1", "cidrs": ["10.0.0.0/16"], "position": { "x": 80, "y": 60 } }]
}"#;

/// Whether a key event belongs to a text field, where shortcuts must not fire.
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

fn on_global_key(ed: Editor, shortcuts: RwSignal<bool>, ev: web_sys::KeyboardEvent) {
    if typing(&ev) {
        return;
    }
    let ctrl = ev.ctrl_key() || ev.meta_key();
    let key = ev.key();
    let selection = ed.selection.get_untracked();
    match (ctrl, ev.shift_key(), key.as_str()) {
        (true, false, "z" | "Z") => ed.undo(),
        (true, true, "z" | "Z") | (true, _, "y" | "Y") => ed.redo(),
        (true, _, "d" | "D") if !selection.is_empty() => {
            let copies = ed.edit(|doc| {
                selection
                    .iter()
                    .map(|id| edit::duplicate(doc, id))
                    .collect::<Result<Vec<_>, _>>()
            });
            if let Some(copies) = copies {
                ed.selection.set(copies);
            }
        }
        (true, _, "a" | "A") => {
            let all = ed
                .doc
                .with_untracked(|d| edit::drawn(d).into_iter().map(|(id, _, _)| id).collect());
            ed.selection.set(all);
        }
        (false, _, "Delete" | "Backspace") if !selection.is_empty() => {
            let removed = ed.edit(|doc| {
                let refs: Vec<&str> = selection.iter().map(String::as_str).collect();
                Ok(edit::delete(doc, &refs))
            });
            if let Some(removed) = removed {
                ed.say(
                    Tone::Info,
                    format!("deleted {} object(s): Undo brings them back", removed.len()),
                );
            }
            ed.selection.set(Vec::new());
        }
        (false, _, "Escape") => {
            shortcuts.set(false);
            ed.selection.set(Vec::new());
        }
        (false, _, "?") => shortcuts.update(|o| *o = !*o),
        (false, _, "F2") if selection.len() == 1 => crate::canvas::focus_name(),
        (false, _, "+" | "=") => zoom_by(ed, 1.25),
        (false, _, "-") => zoom_by(ed, 1.0 / 1.25),
        (false, _, "0") => fit_to_view(ed),
        _ => return,
    }
    ev.prevent_default();
}

/// The whole playground.
#[component]
pub fn App() -> impl IntoView {
    let (doc, notice) = match storage::restore() {
        Restored::Document(doc) => (*doc, None),
        Restored::Nothing => (load(STARTER).unwrap_or_else(|_| Document::new()), None),
        Restored::Unreadable(why) => (Document::new(), Some(why)),
        Restored::NoStorage => (
            load(STARTER).unwrap_or_else(|_| Document::new()),
            Some("this browser gives the page no storage, so changes are not saved: export the topology to keep it".to_string()),
        ),
    };
    let ed = Editor::new(doc);
    provide_context(ed);
    if let Some(n) = notice {
        ed.say(Tone::Error, n);
    }
    // Autosave after every change. A failure is reported once, not on every keystroke.
    let failed = StoredValue::new(false);
    Effect::new(move |_| {
        let result = ed.doc.with(storage::save);
        match result {
            Ok(()) => failed.set_value(false),
            Err(e) if !failed.get_value() => {
                failed.set_value(true);
                ed.say(Tone::Error, e);
            }
            Err(_) => {}
        }
    });
    let shortcuts = RwSignal::new(false);
    let handle = window_event_listener(ev::keydown, move |e| on_global_key(ed, shortcuts, e));
    on_cleanup(move || handle.remove());

    let status = move || {
        ed.status.get().map(|(tone, text)| {
            let class = match tone {
                Tone::Info => "status status-info",
                Tone::Error => "status status-error",
            };
            view! { <p class=class role="status" aria-live="polite">{text}</p> }
        })
    };

    view! {
        <div class="app">
            <header class="app-header">
                <h1>"vpcplay"</h1>
                <p class="tagline">"AWS private networking, hop by hop"</p>
                <Toolbar shortcuts />
            </header>
            <main class="workspace">
                <Palette />
                <div class="canvas-wrap">
                    <Canvas />
                </div>
                <div class="side">
                    <Inspector />
                    <Diagnostics />
                </div>
            </main>
            <footer class="status-line">{status}</footer>
            <Shortcuts open=shortcuts />
        </div>
    }
}
