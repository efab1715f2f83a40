//! The application shell: toolbar, palette, canvas, inspector, problems and status line, the
//! global keyboard shortcuts, and autosave.

use leptos::ev;
use leptos::prelude::*;
use vpcplay_core::edit::{self, clipboard};
use vpcplay_core::model::{Document, load};
use wasm_bindgen::JsCast;

use crate::canvas::Canvas;
use crate::canvas::layout::{bounds, layout};
use crate::panels::diagnostics::Diagnostics;
use crate::panels::inspector::Inspector;
use crate::panels::palette::Palette;
use crate::panels::shortcuts::Shortcuts;
use crate::panels::toolbar::{Toolbar, fit_to_view, zoom_by};
use crate::sim::panel::{FlowsTab, RequestTab};
use crate::sim::{Sim, Tab};
use crate::state::storage::{self, Restored};
use crate::state::{Editor, Tone};

/// What a first visit shows: one VPC, ready to be dragged, filled and connected.
pub const STARTER: &str = r#"{
  "version": 1,
  "name": "My topology",
  "vpcs": [{ "id": "vpc-1", "cidrs": ["10.0.0.0/16"], "position": { "x": 80, "y": 60 } }]
}"#;

/// Whether an event belongs to a text field, where the editor's own clipboard must not act.
fn in_text_field(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Copy (or cut) the selected objects, with everything inside them, to the system clipboard, so
/// they paste here, into another document or into another tab.
fn on_copy(ed: Editor, ev: &web_sys::ClipboardEvent, cut: bool, pastes: StoredValue<Pastes>) {
    let selection = ed.selection.get_untracked();
    if in_text_field(ev) || selection.is_empty() {
        return;
    }
    let refs: Vec<&str> = selection.iter().map(String::as_str).collect();
    let Some(data) = ev.clipboard_data() else {
        return;
    };
    match ed.doc.with_untracked(|d| clipboard::copy(d, &refs)) {
        Ok(text) => {
            if data.set_data("text/plain", &text).is_err() {
                ed.say(Tone::Error, "the browser refused the clipboard");
                return;
            }
            ev.prevent_default();
            // Pastes land beside what was copied, each one further along.
            let width = ed.doc.with_untracked(|d| {
                let boxes = layout(d);
                let chosen: Vec<_> = boxes
                    .into_iter()
                    .filter(|b| selection.contains(&b.id))
                    .collect();
                bounds(&chosen).map(|r| r.width)
            });
            pastes.set_value(Pastes {
                count: 0,
                text,
                width,
                cut,
            });
            let n = selection.len();
            if cut {
                ed.edit(|doc| Ok(edit::delete(doc, &refs)));
                ed.selection.set(Vec::new());
                ed.say(
                    Tone::Info,
                    format!("cut {} with their contents", objects(n)),
                );
            } else {
                ed.say(
                    Tone::Info,
                    format!("copied {} with their contents", objects(n)),
                );
            }
        }
        Err(e) => ed.say(Tone::Error, e.to_string()),
    }
}

/// What was last copied here, and how often it was pasted since.
#[derive(Debug, Default)]
struct Pastes {
    count: u32,
    text: String,
    width: Option<f64>,
    cut: bool,
}

/// Pastes copied objects: into the selected container when one is selected and the objects'
/// own container is not in this document; beside the originals when they were copied here, each
/// paste a step further along.
fn on_paste(ed: Editor, ev: &web_sys::ClipboardEvent, pastes: StoredValue<Pastes>) {
    if in_text_field(ev) {
        return;
    }
    let Some(text) = ev
        .clipboard_data()
        .and_then(|d| d.get_data("text/plain").ok())
    else {
        return;
    };
    if !clipboard::is_clip(&text) {
        return;
    }
    ev.prevent_default();
    // Beside the copied objects when they were copied here (and not cut), else a little down
    // and to the right of where they were.
    let mut step = (clipboard::PASTE_OFFSET, clipboard::PASTE_OFFSET);
    pastes.update_value(|p| {
        p.count += 1;
        let n = f64::from(p.count);
        step = match p.width {
            // What was cut comes back where it was first.
            _ if p.cut && p.text == text => {
                let back = (n - 1.0) * clipboard::PASTE_OFFSET;
                (back, back)
            }
            Some(w) if p.text == text => (n * (w + 40.0), 0.0),
            _ => (n * clipboard::PASTE_OFFSET, n * clipboard::PASTE_OFFSET),
        };
    });
    let selection = ed.selection.get_untracked();
    let into = match selection.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    };
    let pasted = ed.edit(|doc| {
        let top = clipboard::paste(doc, &text, step, into.as_deref())?;
        crate::canvas::arrange::make_room(doc, &top);
        Ok(top)
    });
    if let Some(top) = pasted {
        ed.say(Tone::Info, format!("pasted {}", objects(top.len())));
        ed.selection.set(top);
    }
}

/// Whether a key event belongs to a text field, where shortcuts must not fire.
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Copies the selected objects beside themselves, in free space (Ctrl+D).
pub fn duplicate_selection(ed: Editor) {
    let selection = ed.selection.get_untracked();
    let copies = ed.edit(|doc| {
        let mut copies = Vec::with_capacity(selection.len());
        for id in &selection {
            copies.push(edit::duplicate(doc, id)?);
        }
        crate::canvas::arrange::make_room(doc, &copies);
        Ok(copies)
    });
    if let Some(copies) = copies {
        ed.say(
            Tone::Info,
            format!(
                "duplicated {}: Undo removes the copies",
                objects(copies.len())
            ),
        );
        ed.selection.set(copies);
    }
}

/// Deletes the selected objects with what they hold (Delete).
pub fn delete_selection(ed: Editor) {
    let selection = ed.selection.get_untracked();
    let removed = ed.edit(|doc| {
        let refs: Vec<&str> = selection.iter().map(String::as_str).collect();
        Ok(edit::delete(doc, &refs))
    });
    if let Some(removed) = removed {
        ed.say(
            Tone::Info,
            format!("deleted {}: Undo brings them back", objects(removed.len())),
        );
    }
    ed.selection.set(Vec::new());
}

fn on_global_key(
    ed: Editor,
    shortcuts: RwSignal<bool>,
    gallery: RwSignal<bool>,
    ev: web_sys::KeyboardEvent,
) {
    if typing(&ev) {
        return;
    }
    let ctrl = ev.ctrl_key() || ev.meta_key();
    let key = ev.key();
    let selection = ed.selection.get_untracked();
    match (ctrl, ev.shift_key(), key.as_str()) {
        (true, false, "z" | "Z") => ed.undo(),
        (true, true, "z" | "Z") | (true, _, "y" | "Y") => ed.redo(),
        (true, _, "d" | "D") if !selection.is_empty() => duplicate_selection(ed),
        // Arrow keys move the selection however it was made (click, marquee, keyboard).
        (false, shift, "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown")
            if !selection.is_empty() =>
        {
            let step = if shift {
                crate::canvas::KEY_STEP * 5.0
            } else {
                crate::canvas::KEY_STEP
            };
            let (dx, dy) = match key.as_str() {
                "ArrowLeft" => (-step, 0.0),
                "ArrowRight" => (step, 0.0),
                "ArrowUp" => (0.0, -step),
                _ => (0.0, step),
            };
            let moved = ed.edit(|doc| {
                let refs: Vec<&str> = selection.iter().map(String::as_str).collect();
                Ok(edit::move_by(doc, &refs, dx, dy))
            });
            if let Some(n) = moved {
                ed.say(Tone::Info, format!("moved {} by {dx}, {dy}", objects(n)));
            }
        }
        (true, _, "a" | "A") => {
            let all = ed
                .doc
                .with_untracked(|d| edit::drawn(d).into_iter().map(|(id, _, _)| id).collect());
            ed.selection.set(all);
        }
        (false, _, "Delete" | "Backspace") if ed.link.with_untracked(Option::is_some) => {
            if let Some(line) = ed.link.get_untracked()
                && let Some(said) = ed.edit(|doc| edit::disconnect(doc, &line))
            {
                ed.say(Tone::Info, format!("{said}: Undo brings it back"));
                ed.link.set(None);
            }
        }
        (false, _, "Delete" | "Backspace") if !selection.is_empty() => delete_selection(ed),
        (false, _, "Escape") => {
            shortcuts.set(false);
            gallery.set(false);
            ed.link.set(None);
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
    // Autosave after every change. A failure is reported once in the status line, and a banner
    // stays until saving works again: the document is kept in memory meanwhile, saving is tried
    // again every few seconds, and the banner offers the topology as a file.
    let unsaved = RwSignal::new(None::<storage::Unsaved>);
    let save_now = move || {
        // An example opened by a link is not the reader's own work: it is never saved over it.
        if ed.scratch.with_untracked(Option::is_some) {
            return;
        }
        match ed.doc.with_untracked(storage::save) {
            Ok(()) => {
                if unsaved.get_untracked().is_some() {
                    unsaved.set(None);
                    ed.say(
                        Tone::Info,
                        "saved again: every change is in this browser's storage",
                    );
                }
            }
            Err(e) => {
                if unsaved.get_untracked().is_none() {
                    ed.say(Tone::Error, e.to_string());
                    unsaved.set(Some(e));
                }
            }
        }
    };
    Effect::new(move |_| {
        ed.doc.track();
        ed.scratch.track();
        save_now();
    });
    let retry = leptos::prelude::set_interval_with_handle(
        move || {
            if unsaved.get_untracked().is_some() {
                save_now();
            }
        },
        std::time::Duration::from_secs(3),
    );
    on_cleanup(move || {
        if let Ok(h) = retry {
            h.clear();
        }
    });
    crate::panels::context_menu::Menu::provide();
    let sim = Sim::new();
    provide_context(sim);
    crate::sim::layer::provide_scene(ed, sim);
    crate::sim::flows::watch_changes(ed, sim);
    // "Pick" in the composer: the next object selected on the canvas is the request's source.
    Effect::new(move |_| {
        let sel = ed.selection.get();
        if let Some(flow) = sim.predicting.get_untracked()
            && let [one] = sel.as_slice()
        {
            sim.predicting.set(None);
            crate::sim::flows::reveal(ed, sim, &flow, one);
            return;
        }
        if sim.picking.get_untracked()
            && let [one] = sel.as_slice()
        {
            sim.draft.update(|d| d.from.clone_from(one));
            sim.picking.set(false);
            ed.say(Tone::Info, format!("the request starts at `{one}`"));
        }
    });
    // Focus follows the selection on the canvas: the one selected object takes the keyboard.
    Effect::new(move |_| {
        let sel = ed.selection.get();
        let [one] = sel.as_slice() else {
            return;
        };
        let id = one.clone();
        request_animation_frame(move || {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            // Only where the keyboard already is on the canvas (or nowhere): a field, the trace
            // panel or a dialog keeps its focus.
            let elsewhere = doc.active_element().is_some_and(|el| {
                el.tag_name() != "BODY"
                    && el.closest("[data-panel='canvas']").ok().flatten().is_none()
            });
            if elsewhere {
                return;
            }
            if let Ok(Some(el)) =
                doc.query_selector(&format!("[data-panel='canvas'] [data-object-id='{id}']"))
                && let Ok(el) = el.dyn_into::<web_sys::SvgElement>()
            {
                let _ = el.focus();
            }
        });
    });
    if let Some(name) = example_param() {
        crate::gallery::open_example(ed, name);
    } else {
        crate::share::open_from_address(ed);
    }
    let shortcuts = RwSignal::new(false);
    let gallery = RwSignal::new(false);
    let handle = window_event_listener(ev::keydown, move |e| {
        on_global_key(ed, shortcuts, gallery, e);
    });
    // A link pasted into the address bar of an open page opens too.
    let hash = window_event_listener(ev::hashchange, move |_| crate::share::open_from_address(ed));
    let pastes = StoredValue::new(Pastes::default());
    let copy = window_event_listener(ev::copy, move |e| on_copy(ed, &e, false, pastes));
    let cut = window_event_listener(ev::cut, move |e| on_copy(ed, &e, true, pastes));
    let paste = window_event_listener(ev::paste, move |e| on_paste(ed, &e, pastes));
    on_cleanup(move || {
        handle.remove();
        hash.remove();
        copy.remove();
        cut.remove();
        paste.remove();
    });

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
                <Toolbar shortcuts gallery />
            </header>
            <main class="workspace">
                <Palette />
                <div class="canvas-wrap">
                    <Canvas />
                    {move || ed.scratch.get().map(|name| view! {
                        <div class="scratch-banner" role="region" aria-label="A topology opened by a link">
                            <p>
                                {format!("{name}: changes are not saved, and your own topology stays as it was.")}
                            </p>
                            <a class="button" data-action="back-to-mine" href="./">"Back to my topology"</a>
                            <button type="button" data-action="keep-example" title="Save this example in place of your own topology" on:click=move |_| {
                                ed.scratch.set(None);
                                ed.say(Tone::Info, "this topology is now yours and is saved in this browser");
                            }>"Make it my topology"</button>
                        </div>
                    })}
                </div>
                <div class="side">
                    <div class="side-main">
                        <div class="tabs" role="tablist" aria-label="Side panel">
                            {tab_button(sim, Tab::Inspect, "inspect", "Inspect")}
                            {tab_button(sim, Tab::Request, "request", "Request")}
                            {tab_button(sim, Tab::Flows, "flows", "Flows")}
                        </div>
                        <div class="tab-body" role="tabpanel" id="side-inspect" hidden=move || sim.tab.get() != Tab::Inspect>
                            <Inspector />
                        </div>
                        <div class="tab-body" role="tabpanel" id="side-request" hidden=move || sim.tab.get() != Tab::Request>
                            <RequestTab />
                        </div>
                        <div class="tab-body" role="tabpanel" id="side-flows" hidden=move || sim.tab.get() != Tab::Flows>
                            <FlowsTab />
                        </div>
                    </div>
                    <Diagnostics />
                </div>
            </main>
            {move || unsaved.get().map(|why| view! {
                <div class="unsaved-banner" role="alert" data-banner="unsaved">
                    <p>{format!("Not saved: {}. Your changes are kept in this tab and saved as soon as saving works again.", why.short())}</p>
                    <button type="button" data-action="export-unsaved" on:click=move |_| {
                        if let Err(e) = crate::panels::toolbar::export(ed) {
                            ed.say(Tone::Error, e);
                        }
                    }>"Export now"</button>
                </div>
            })}
            <footer class="status-line">{status}</footer>
            <Shortcuts open=shortcuts />
            <crate::panels::context_menu::ContextMenu />
            <crate::gallery::Gallery open=gallery />
        </div>
    }
}

fn tab_button(sim: Sim, tab: Tab, name: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <button
            type="button"
            role="tab"
            data-tab=name
            aria-controls=format!("side-{name}")
            aria-selected=move || (sim.tab.get() == tab).to_string()
            class:active=move || sim.tab.get() == tab
            on:click=move |_| sim.tab.set(tab)
        >
            {label}
        </button>
    }
}

/// The `example` parameter of the page's address (`?example=NAME`), if any.
fn example_param() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "example")
        .map(|(_, v)| v.to_string())
}

/// "1 object", "3 objects": the count as the status line says it.
fn objects(n: usize) -> String {
    if n == 1 {
        String::from("1 object")
    } else {
        format!("{n} objects")
    }
}
