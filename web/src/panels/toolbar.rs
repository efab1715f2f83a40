//! The toolbar: undo and redo, zoom and fit, import, export and clear, and the shortcut overlay.

use leptos::prelude::*;
use vpcplay_core::model::common::Position;
use vpcplay_core::model::{Document, LoadError, MAX_DOCUMENT_BYTES, load};
use wasm_bindgen::JsCast;

use crate::canvas::arrange::{arrange, crowded};
use crate::canvas::geometry::{Point, Viewport};
use crate::canvas::layout::{bounds, layout};
use crate::export::{Format, Scope, export_image};
use crate::state::{Editor, Tone};

/// Shows the whole topology: the zoom and pan that fit every object in the canvas.
pub fn fit_to_view(ed: Editor) {
    let Some(content) = ed.doc.with_untracked(|d| bounds(&layout(d))) else {
        ed.viewport.set(Viewport::default());
        return;
    };
    let size = crate::canvas::pick::canvas_size();
    ed.viewport
        .set(Viewport::fit(content, size.0, size.1, 32.0));
}

/// Gives every object a tidy place, as one undoable step, and shows the whole topology.
pub fn arrange_all(ed: Editor) {
    let places = ed.doc.with_untracked(arrange);
    if places.is_empty() {
        ed.say(Tone::Info, "nothing to arrange");
        return;
    }
    let places: Vec<(String, Position)> = places
        .into_iter()
        .map(|(id, p)| (id, Position { x: p.x, y: p.y }))
        .collect();
    let done = ed.edit(|doc| Ok(vpcplay_core::edit::set_positions(doc, &places)));
    if done.is_some() {
        ed.say(Tone::Info, "arranged every object: Undo puts them back");
        fit_to_view(ed);
    }
}

/// Zooms about the middle of the canvas.
pub fn zoom_by(ed: Editor, factor: f64) {
    let size = crate::canvas::pick::canvas_size();
    ed.viewport
        .update(|v| *v = v.zoom_at(Point::new(size.0 / 2.0, size.1 / 2.0), factor));
}

/// Offers the document as a download named after it.
pub fn export(ed: Editor) -> Result<(), String> {
    let (json, name) = ed.doc.with_untracked(|d| {
        (
            d.to_json(),
            d.name.clone().unwrap_or_else(|| "topology".to_string()),
        )
    });
    let file: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let blob = crate::export::text_blob(&json, "application/json")?;
    crate::export::offer(&blob, &format!("{file}.vpcplay.json"))
}

/// The image menu: each choice's value names its format, then what the image shows.
const IMAGE_MENU: &str = "<option value=\"\" selected>Image…</option>\
<option value=\"svg-screen\">SVG, as shown</option>\
<option value=\"svg-document\">SVG, whole topology</option>\
<option value=\"png-screen\">PNG, as shown</option>\
<option value=\"png-document\">PNG, whole topology</option>";

/// The example topologies served beside the app (static/examples), in the order of the concepts:
/// file name and the name the document gives itself.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("gateway-endpoint.json", "Gateway endpoint to Amazon S3"),
    (
        "interface-endpoint.json",
        "Interface endpoint to Amazon SQS",
    ),
    (
        "endpoints-side-by-side.json",
        "Gateway and interface endpoints side by side",
    ),
    ("endpoint-service.json", "Endpoint service (PrivateLink)"),
    ("service-network.json", "Service network"),
    (
        "lattice-service.json",
        "VPC Lattice service with listener rules",
    ),
    (
        "auth-layers.json",
        "Layered auth: identity, service network, service",
    ),
    (
        "target-groups.json",
        "Target groups: instance, IP, Lambda and ALB",
    ),
    ("health-checks.json", "Health checks and fail-open"),
    (
        "resource-gateway.json",
        "Resource configuration and resource gateway",
    ),
    (
        "cross-account-share.json",
        "Cross-account sharing through a service network",
    ),
    (
        "broken-on-purpose.json",
        "Broken on purpose: five mistakes to find",
    ),
];

/// Fetches a text file from beside the app.
pub async fn fetch_text(url: &str) -> Result<String, ()> {
    let window = web_sys::window().ok_or(())?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| ())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| ())?;
    if !response.ok() {
        return Err(());
    }
    let text = response.text().map_err(|_| ())?;
    wasm_bindgen_futures::JsFuture::from(text)
        .await
        .map_err(|_| ())?
        .as_string()
        .ok_or(())
}

/// Fetches an example from beside the app and opens it as one undoable step.
fn open_example(ed: Editor, file: &'static str, title: &'static str) {
    leptos::task::spawn_local(async move {
        let Ok(text) = fetch_text(&format!("examples/{file}")).await else {
            ed.say(
                Tone::Error,
                format!("the example “{title}” could not be fetched: is the app served with its examples/ folder?"),
            );
            return;
        };
        match load(&text) {
            Ok(doc) => {
                ed.replace(doc);
                ed.say(
                    Tone::Info,
                    format!("opened the example “{title}”: Undo returns to your topology"),
                );
                fit_to_view(ed);
            }
            Err(e) => ed.say(
                Tone::Error,
                format!("the example “{title}” could not be opened: {e}"),
            ),
        }
    });
}

/// Reads a chosen file and, when it is a topology, opens it as one undoable step.
fn import(ed: Editor, file: web_sys::File) {
    let name = file.name();
    // Refuse an oversized file before reading it: its size is known without touching its text.
    let bytes = file.size() as usize;
    if bytes > MAX_DOCUMENT_BYTES {
        let why = LoadError::TooLarge { bytes };
        ed.say(
            Tone::Error,
            format!("`{name}` is not a topology this playground can open: {why}"),
        );
        return;
    }
    leptos::task::spawn_local(async move {
        let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(t) => t.as_string().unwrap_or_default(),
            Err(_) => {
                ed.say(Tone::Error, format!("`{name}` could not be read"));
                return;
            }
        };
        match load(&text) {
            Ok(doc) => {
                let overlapping = crowded(&layout(&doc));
                ed.replace(doc);
                if overlapping {
                    ed.say(
                        Tone::Info,
                        format!("opened `{name}`: some objects overlap, Arrange tidies them"),
                    );
                } else {
                    ed.say(Tone::Info, format!("opened `{name}`"));
                }
                fit_to_view(ed);
            }
            Err(e) => ed.say(
                Tone::Error,
                format!("`{name}` is not a topology this playground can open: {e}"),
            ),
        }
    });
}

/// The toolbar.
#[component]
pub fn Toolbar(shortcuts: RwSignal<bool>, gallery: RwSignal<bool>) -> impl IntoView {
    let ed = Editor::get();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let zoom_text = move || format!("{:.0}%", ed.viewport.get().zoom * 100.0);
    view! {
        <div class="toolbar" role="toolbar" aria-label="Editor">
            <button data-action="undo" title="Undo (Ctrl+Z)" disabled=move || !ed.can_undo() on:click=move |_| ed.undo()>
                "Undo"
            </button>
            <button data-action="redo" title="Redo (Ctrl+Shift+Z)" disabled=move || !ed.can_redo() on:click=move |_| ed.redo()>
                "Redo"
            </button>
            <span class="sep"></span>
            <button data-action="zoom-out" title="Zoom out (-)" aria-label="Zoom out" on:click=move |_| zoom_by(ed, 1.0 / 1.25)>"−"</button>
            <span class="zoom" aria-live="polite">{zoom_text}</span>
            <button data-action="zoom-in" title="Zoom in (+)" aria-label="Zoom in" on:click=move |_| zoom_by(ed, 1.25)>"+"</button>
            <button data-action="fit" title="Fit to view (0)" on:click=move |_| fit_to_view(ed)>"Fit"</button>
            <button data-action="arrange" title="Give every object a tidy place (undoable)" on:click=move |_| arrange_all(ed)>"Arrange"</button>
            <span class="sep"></span>
            <button data-action="import" title="Open a topology file" on:click=move |_| {
                if let Some(input) = file_input.get() {
                    input.click();
                }
            }>"Import"</button>
            <input
                type="file"
                accept=".json,application/json"
                class="hidden"
                data-action="import-file"
                node_ref=file_input
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    if let Some(file) = input.files().and_then(|f| f.get(0)) {
                        import(ed, file);
                    }
                    input.set_value("");
                }
            />
            <button data-action="gallery" title="Examples that teach each concept, and the concepts compared" on:click=move |_| gallery.set(true)>"Gallery"</button>
            <select
                data-action="examples"
                aria-label="Open an example topology"
                title="Open an example topology (undoable)"
                on:change=move |ev| {
                    let select: web_sys::HtmlSelectElement = event_target(&ev);
                    let chosen = select.value();
                    select.set_value("");
                    if let Some((file, title)) = EXAMPLES.iter().find(|(f, _)| *f == chosen) {
                        open_example(ed, file, title);
                    }
                }
            >
                <option value="" selected>"Examples…"</option>
                {EXAMPLES
                    .iter()
                    .map(|(file, title)| view! { <option value=*file>{*title}</option> })
                    .collect_view()}
            </select>
            <crate::share::ShareButton />
            <button data-action="export" title="Save the topology as a file" on:click=move |_| {
                if let Err(e) = export(ed) {
                    ed.say(Tone::Error, e);
                }
            }>"Export"</button>
            <select
                data-action="export-image"
                aria-label="Save the canvas as an image"
                title="Save the canvas as an SVG or PNG image, as shown or the whole topology"
                on:change=move |ev| {
                    let select: web_sys::HtmlSelectElement = event_target(&ev);
                    let chosen = select.value();
                    select.set_value("");
                    if let Some((format, scope)) = chosen.split_once('-') {
                        let format = if format == "png" { Format::Png } else { Format::Svg };
                        let scope = if scope == "document" { Scope::Document } else { Scope::Screen };
                        export_image(ed, format, scope);
                    }
                }
                inner_html=IMAGE_MENU
            ></select>
            <button data-action="clear" title="Start from an empty canvas (undoable)" on:click=move |_| {
                ed.replace(Document::new());
                ed.say(Tone::Info, "cleared the canvas: Undo brings it back");
            }>"Clear"</button>
            <span class="sep"></span>
            <button data-action="shortcuts" title="Keyboard shortcuts (?)" on:click=move |_| shortcuts.update(|o| *o = !*o)>"?"</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::EXAMPLES;

    #[test]
    fn the_examples_menu_lists_every_example_by_its_own_name() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../static/examples");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|f| f.ends_with(".json"))
            .collect();
        files.sort();
        let mut listed: Vec<String> = EXAMPLES.iter().map(|(f, _)| f.to_string()).collect();
        listed.sort();
        assert_eq!(
            listed, files,
            "every example in static/examples is in the menu"
        );
        for (file, title) in EXAMPLES {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let doc = vpcplay_core::model::load(&text).unwrap();
            assert_eq!(doc.name.as_deref(), Some(*title), "{file}");
            let boxes = crate::canvas::layout::layout(&doc);
            assert!(
                !crate::canvas::arrange::crowded(&boxes),
                "{file}: no two objects in the same container overlap"
            );
        }
    }
}
