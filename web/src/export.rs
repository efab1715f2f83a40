//! Files the browser offers for download: the topology as JSON, and the canvas as an image.
//!
//! An image is the canvas's own SVG, copied: the copy is drawn off screen once so that the
//! stylesheet's rules (and the theme's colours) resolve on it, each element takes the few
//! computed properties that paint it as its `style`, and what only the editor shows (handles,
//! the selection, the grid, hit areas) is left out. The result looks the same outside the app.
//! A PNG is that SVG drawn by the browser into a canvas at twice the pixel density or more.

use leptos::prelude::*;
use vpcplay_core::model::Document;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, Element};

use crate::canvas::geometry::Rect;
use crate::canvas::layout::{bounds, layout};
use crate::state::{Editor, Tone};

/// What an image shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The canvas as it is shown: its size, zoom and pan.
    Screen,
    /// Every object, whatever the view, with a margin.
    Document,
}

/// An image's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

/// Space around the objects in a whole-document image, in canvas pixels: room for the problem
/// badges that stand over a frame's corner.
pub const MARGIN: f64 = 24.0;

/// The largest side, in pixels, of a PNG (browsers refuse larger canvases).
const MAX_SIDE: f64 = 16_000.0;

/// The computed properties that paint the canvas's elements, copied into each one's `style`.
const PAINT: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-opacity",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
];

const SVG: &str = "http://www.w3.org/2000/svg";

/// What only the editor shows, left out of an image.
const EDITOR_ONLY: &str = ".handle, .grid, #grid, .link-hit, .marquee, .rubber, .batch-stream";

/// The name of a file made from the document named `name`: `vpcplay-<name>.<ext>`, with only
/// ASCII letters, digits and dashes.
pub fn file_name(name: Option<&str>, ext: &str) -> String {
    let stem: String = name
        .unwrap_or("topology")
        .trim()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let mut tidy = String::new();
    for part in stem.split('-').filter(|p| !p.is_empty()) {
        if !tidy.is_empty() {
            tidy.push('-');
        }
        tidy.push_str(part);
    }
    if tidy.is_empty() {
        tidy.push_str("topology");
    }
    format!("vpcplay-{tidy}.{ext}")
}

/// The area of the canvas a whole-document image shows: every frame and a margin.
pub fn document_area(doc: &Document) -> Rect {
    let r = bounds(&layout(doc)).unwrap_or(Rect::new(0.0, 0.0, 400.0, 300.0));
    Rect::new(
        r.origin.x - MARGIN,
        r.origin.y - MARGIN,
        r.width + 2.0 * MARGIN,
        r.height + 2.0 * MARGIN,
    )
}

/// The pixels per canvas pixel of a PNG `width`×`height`: the screen's density, at least 2, and
/// less when the image would be larger than browsers draw.
pub fn png_scale(width: f64, height: f64, density: f64) -> f64 {
    let wanted = density.max(2.0);
    wanted.min(MAX_SIDE / width.max(height).max(1.0))
}

/// Offers `blob` for download as `file`.
pub fn offer(blob: &Blob, file: &str) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| "the browser could not offer the file".to_string())?;
    let a: web_sys::HtmlAnchorElement = document()?
        .create_element("a")
        .map_err(|_| "no link")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// A blob of `text` with the media type `kind`.
pub fn text_blob(text: &str, kind: &str) -> Result<Blob, String> {
    let parts = web_sys::js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(kind);
    Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not make the file".to_string())
}

fn document() -> Result<web_sys::Document, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_string())
}

/// The elements under `root` that match `selector`, as they are now.
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let mut found = Vec::new();
    if let Ok(list) = root.query_selector_all(selector) {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                found.push(el);
            }
        }
    }
    found
}

/// The `style` that paints `el` as the stylesheet does, or `None` when it is not drawn at all.
/// A property `el` would inherit with the same value from its parent, other than the root's, is
/// left out; so is an opacity of 1.
fn paint_of(window: &web_sys::Window, root: &Element, el: &Element) -> Option<String> {
    let computed = window.get_computed_style(el).ok()??;
    // A `<title>`, or what lies inside `<defs>`, counts without being drawn.
    if computed.get_property_value("display").ok()? == "none"
        && el.closest("defs, title").ok()?.is_none()
    {
        return None;
    }
    let parent = el
        .parent_element()
        .filter(|p| p != root)
        .and_then(|p| window.get_computed_style(&p).ok().flatten());
    let mut style = String::new();
    for p in PAINT {
        let v = computed.get_property_value(p).unwrap_or_default();
        let inherited = match (&parent, *p) {
            (_, "opacity") => v == "1",
            (Some(up), _) => up.get_property_value(p).is_ok_and(|u| u == v),
            (None, _) => false,
        };
        if !v.is_empty() && !inherited {
            style.push_str(p);
            style.push(':');
            style.push_str(&v);
            style.push(';');
        }
    }
    Some(style)
}

/// Sets the position and size attributes of `el` to `x`, `y`, `width`, `height`.
fn place(el: &Element, (x, y, width, height): (f64, f64, f64, f64)) {
    let _ = el.set_attribute("x", &x.to_string());
    let _ = el.set_attribute("y", &y.to_string());
    let _ = el.set_attribute("width", &width.to_string());
    let _ = el.set_attribute("height", &height.to_string());
}

/// The canvas as a standalone SVG document, and its size in pixels.
fn standalone_svg(ed: Editor, scope: Scope) -> Result<(String, f64, f64), String> {
    let document = document()?;
    let window = web_sys::window().ok_or("no window")?;
    let canvas = document
        .query_selector("[data-panel='canvas']")
        .ok()
        .flatten()
        .ok_or("there is no canvas to draw")?;
    let copy: Element = canvas
        .clone_node_with_deep(true)
        .map_err(|_| "the canvas could not be copied")?
        .unchecked_into();
    for el in all(&copy, EDITOR_ONLY) {
        el.remove();
    }
    // The canvas's tooltips are HTML `<title>`s; an SVG file needs SVG ones.
    for el in all(&copy, "title") {
        if el.namespace_uri().as_deref() != Some(SVG)
            && let Ok(title) = document.create_element_ns(Some(SVG), "title")
        {
            title.set_text_content(el.text_content().as_deref());
            let _ = el.replace_with_with_node_1(&title);
        }
    }
    for el in all(&copy, ".selected") {
        let _ = el.class_list().remove_1("selected");
    }
    let area = match scope {
        Scope::Screen => {
            let r = canvas.get_bounding_client_rect();
            (0.0, 0.0, r.width().round(), r.height().round())
        }
        Scope::Document => {
            if let Some(view) = copy.query_selector(".viewport").ok().flatten() {
                let _ = view.remove_attribute("transform");
            }
            let r = ed.doc.with_untracked(document_area);
            (
                r.origin.x.floor(),
                r.origin.y.floor(),
                r.width.ceil(),
                r.height.ceil(),
            )
        }
    };
    let (x, y, width, height) = area;
    place(&copy, area);
    let _ = copy.set_attribute("viewBox", &format!("{x} {y} {width} {height}"));
    for k in ["x", "y", "tabindex", "role", "aria-label", "data-panel"] {
        let _ = copy.remove_attribute(k);
    }
    // Off screen, in the page, the stylesheet's rules apply to the copy as to the canvas.
    let holder = document.create_element("div").map_err(|_| "no room")?;
    let _ = holder.set_attribute(
        "style",
        &format!(
            "position:fixed;left:-{}px;top:0;width:{width}px;height:{height}px;pointer-events:none",
            width + 100.0
        ),
    );
    let _ = holder.append_child(&copy);
    let body = document.body().ok_or("no page body")?;
    let _ = body.append_child(&holder);
    // Every style is read before any class is taken away: rules match on the ancestors' classes.
    let drawn = all(&copy, ":not(title)");
    let mut styles = Vec::with_capacity(drawn.len());
    for el in &drawn {
        styles.push(paint_of(&window, &copy, el));
    }
    for (el, style) in drawn.iter().zip(styles) {
        match style {
            Some(style) => {
                if !style.is_empty() {
                    let _ = el.set_attribute("style", &style);
                }
                let _ = el.remove_attribute("class");
            }
            None => el.remove(),
        }
    }
    let background = window
        .get_computed_style(&body)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("background-color").ok())
        .unwrap_or_else(|| "#ffffff".to_string());
    holder.remove();
    let _ = copy.remove_attribute("class");
    let back = document
        .create_element_ns(Some(SVG), "rect")
        .map_err(|_| "no background")?;
    place(&back, area);
    let _ = back.set_attribute("fill", &background);
    let _ = back.set_attribute("data-background", "");
    let _ = copy.insert_before(&back, copy.first_child().as_ref());
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&copy))
        .map_err(|_| "the browser could not write the SVG")?;
    Ok((
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"),
        width,
        height,
    ))
}

/// Draws an SVG into a canvas `scale` times its size and returns it as a PNG.
async fn rasterize(svg: &str, width: f64, height: f64, scale: f64) -> Result<Blob, String> {
    use wasm_bindgen_futures::JsFuture;
    let blob = text_blob(svg, "image/svg+xml")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not read the SVG")?;
    let image = web_sys::HtmlImageElement::new().map_err(|_| "no image")?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(|_| "the browser could not draw the SVG")?;
    let (w, h) = ((width * scale).round(), (height * scale).round());
    let canvas: web_sys::HtmlCanvasElement = document()?
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .unchecked_into();
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("the browser has no 2D canvas")?
        .unchecked_into();
    context
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h)
        .map_err(|_| "the browser could not draw the SVG")?;
    let done = web_sys::js_sys::Promise::new(&mut |resolve, _| {
        let _ = canvas.to_blob(&resolve);
    });
    JsFuture::from(done)
        .await
        .ok()
        .and_then(|b| b.dyn_into::<Blob>().ok())
        .ok_or_else(|| format!("the browser could not make a PNG of {w}×{h} pixels"))
}

/// Offers the canvas as an image in `format`, showing `scope`; the status line says how it went.
pub fn export_image(ed: Editor, format: Format, scope: Scope) {
    let what = match scope {
        Scope::Screen => "the canvas as shown",
        Scope::Document => "the whole topology",
    };
    let name = ed.doc.with_untracked(|d| d.name.clone());
    let (svg, width, height) = match standalone_svg(ed, scope) {
        Ok(made) => made,
        Err(e) => return ed.say(Tone::Error, format!("no image was made: {e}")),
    };
    let saved = move |file: &str, w: f64, h: f64| {
        ed.say(
            Tone::Info,
            format!("saved {what} as {file} ({w}×{h} pixels)"),
        );
    };
    match format {
        Format::Svg => {
            let file = file_name(name.as_deref(), "svg");
            match text_blob(&svg, "image/svg+xml").and_then(|b| offer(&b, &file)) {
                Ok(()) => saved(&file, width, height),
                Err(e) => ed.say(Tone::Error, format!("no image was made: {e}")),
            }
        }
        Format::Png => {
            let density = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
            let scale = png_scale(width, height, density);
            let file = file_name(name.as_deref(), "png");
            leptos::task::spawn_local(async move {
                match rasterize(&svg, width, height, scale).await {
                    Ok(png) => match offer(&png, &file) {
                        Ok(()) => saved(&file, (width * scale).round(), (height * scale).round()),
                        Err(e) => ed.say(Tone::Error, format!("no image was made: {e}")),
                    },
                    Err(e) => ed.say(Tone::Error, format!("no image was made: {e}")),
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_after_the_document() {
        assert_eq!(
            file_name(Some("VPC Lattice service with listener rules"), "svg"),
            "vpcplay-VPC-Lattice-service-with-listener-rules.svg"
        );
        assert_eq!(
            file_name(Some("Layered auth: identity, service"), "png"),
            "vpcplay-Layered-auth-identity-service.png"
        );
        assert_eq!(file_name(None, "svg"), "vpcplay-topology.svg");
        assert_eq!(file_name(Some(" / "), "png"), "vpcplay-topology.png");
    }

    #[test]
    fn a_png_is_at_least_twice_as_dense_and_never_too_large() {
        assert_eq!(png_scale(800.0, 600.0, 1.0), 2.0);
        assert_eq!(png_scale(800.0, 600.0, 3.0), 3.0);
        assert_eq!(png_scale(32_000.0, 600.0, 2.0), 0.5);
    }

    #[test]
    fn the_whole_document_has_a_margin_around_every_frame() {
        let doc = vpcplay_core::model::load(
            r#"{"version":1,"vpcs":[{"id":"vpc-a","cidrs":["10.0.0.0/16"],"position":{"x":100,"y":50}}]}"#,
        )
        .unwrap();
        let frame = bounds(&layout(&doc)).unwrap();
        let area = document_area(&doc);
        assert_eq!(area.origin.x, frame.origin.x - MARGIN);
        assert_eq!(area.origin.y, frame.origin.y - MARGIN);
        assert_eq!(area.width, frame.width + 2.0 * MARGIN);
    }
}
