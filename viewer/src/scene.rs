//! One opened topology, as the viewer shows it: its drawing and the traces of its saved flows.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use vpcplay_core::edit;
use vpcplay_core::model::{Document, Kind, Topology, load};
use vpcplay_core::trace::{Request, describe, trace};
use wasm_bindgen::prelude::*;

use crate::canvas::geometry::{Point, Rect};
use crate::canvas::label;
use crate::canvas::layout::{NodeBox, bounds, layout, link_ends};
use crate::sim::path::route;

/// A topology opened for viewing.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Scene {
    topology: Topology,
    boxes: Vec<NodeBox>,
    frames: BTreeMap<String, Rect>,
    kinds: BTreeMap<String, Kind>,
    links: BTreeSet<(String, String)>,
}

#[wasm_bindgen]
impl Scene {
    /// Opens a topology from a document's JSON text (a link's `#1…` fragment is inflated by the
    /// element's script first: the browser's own inflater keeps `miniz_oxide` out of this
    /// download). The error is a sentence for the reader.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<Scene, String> {
        if text.trim().is_empty() {
            return Err("The topology is empty.".into());
        }
        let doc = load(text).map_err(|e| format!("This is not a topology document: {e}."))?;
        Self::open(doc)
    }

    /// The drawing: SVG markup of every object (containers first) and every connection, in
    /// canvas coordinates.
    pub fn drawing(&self) -> String {
        let doc = self.topology.document();
        let mut out = String::new();
        for b in &self.boxes {
            draw_node(&mut out, doc, b);
        }
        out.push_str("<g class=\"links\">");
        for (from, to) in &self.links {
            if let (Some(a), Some(b)) = (self.frames.get(from), self.frames.get(to)) {
                // A line only between objects side by side: nesting already shows containment.
                if a.contains_rect(b) || b.contains_rect(a) {
                    continue;
                }
                let (p, q) = link_ends(a, b);
                out.push_str("<line class=\"link\" x1=\"");
                num(&mut out, p.x);
                out.push_str("\" y1=\"");
                num(&mut out, p.y);
                out.push_str("\" x2=\"");
                num(&mut out, q.x);
                out.push_str("\" y2=\"");
                num(&mut out, q.y);
                out.push_str("\"/>");
            }
        }
        out.push_str("</g>");
        out
    }

    /// The rectangle around the drawing, `[x, y, width, height]`, with a margin.
    pub fn extent(&self) -> Vec<f64> {
        let r = bounds(&self.boxes).unwrap_or(Rect::new(0.0, 0.0, 400.0, 200.0));
        vec![
            r.origin.x - 24.0,
            r.origin.y - 24.0,
            r.width + 48.0,
            r.height + 48.0,
        ]
    }

    /// The names of the saved flows, as a JSON array.
    pub fn flows(&self) -> String {
        let mut out = String::from("[");
        for (i, f) in self.topology.document().flows.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_string(&mut out, &f.name);
        }
        out.push(']');
        out
    }

    /// Traces the saved flow `name`. JSON: `verdict` (`delivered`, `fixed_response` or
    /// `blocked`), `hops` (each with its `component`, `what` happened there and the `rule` that
    /// applied, if any), `summary` (the verdict in words), `stops` (where the packet stands at each
    /// hop, `[x, y]`), `legs` (`legs[i]` is the way from hop `i` to hop `i + 1`, flattened
    /// `[x0, y0, x1, y1, …]`) and `end` (the hop the packet stops at).
    pub fn play(&self, name: &str) -> Result<String, String> {
        let doc = self.topology.document();
        let Some(flow) = doc.flows.iter().find(|f| f.name == name) else {
            let mut names = String::new();
            for (i, f) in doc.flows.iter().enumerate() {
                names.push_str(if i == 0 { "" } else { ", " });
                let _ = write!(names, "“{}”", f.name);
            }
            return Err(if names.is_empty() {
                format!("There is no flow named “{name}”: this topology has no saved flows.")
            } else {
                format!("There is no flow named “{name}”. Its flows: {names}.")
            });
        };
        let t = trace(&self.topology, &Request::from(&flow.request));
        let r = route(&self.topology, &t, &self.frames, &self.links, &self.kinds);
        let mut out = String::from("{\"verdict\":");
        json_string(&mut out, t.verdict.outcome());
        out.push_str(",\"hops\":[");
        for (i, h) in t.hops.iter().enumerate() {
            out.push_str(if i == 0 {
                "{\"component\":"
            } else {
                ",{\"component\":"
            });
            json_string(&mut out, &h.component);
            out.push_str(",\"what\":");
            json_string(&mut out, &h.what);
            if let Some(rule) = &h.rule {
                out.push_str(",\"rule\":");
                json_string(&mut out, rule);
            }
            out.push('}');
        }
        out.push_str("],\"summary\":");
        json_string(&mut out, &describe(&t.verdict));
        out.push_str(",\"stops\":[");
        for (i, p) in r.stops.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            num(&mut out, p.x);
            out.push(',');
            num(&mut out, p.y);
            out.push(']');
        }
        out.push_str("],\"legs\":[");
        for (i, leg) in r.legs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            points(&mut out, leg);
            out.push(']');
        }
        let _ = write!(out, "],\"end\":{}}}", r.end);
        Ok(out)
    }
}

impl Scene {
    fn open(doc: Document) -> Result<Scene, String> {
        let topology = Topology::try_from(doc)
            .map_err(|e| format!("This topology cannot be simulated: {e}."))?;
        let doc = topology.document();
        let boxes = layout(doc);
        let mut frames = BTreeMap::new();
        let mut kinds = BTreeMap::new();
        for b in &boxes {
            frames.insert(b.id.clone(), b.frame);
            kinds.insert(b.id.clone(), b.kind);
        }
        let mut links = BTreeSet::new();
        for l in edit::links(doc) {
            links.insert((l.from, l.to));
        }
        Ok(Scene {
            topology,
            boxes,
            frames,
            kinds,
            links,
        })
    }
}

/// One object: its frame, its title and summary cut to fit, the full text as its tooltip.
fn draw_node(out: &mut String, doc: &Document, b: &NodeBox) {
    let title = label::title(doc, &b.id, b.kind);
    let sub = label::subtitle(doc, &b.id, b.kind);
    let container = b.is_container();
    let f = b.frame;
    let _ = write!(
        out,
        "<g class=\"node{}\" data-object-id=\"",
        if container { " container" } else { "" }
    );
    text(out, &b.id);
    out.push_str("\" data-kind=\"");
    out.push_str(b.kind.noun());
    out.push_str("\" transform=\"translate(");
    num(out, f.origin.x);
    out.push(' ');
    num(out, f.origin.y);
    out.push_str(")\"><title>");
    text(out, &title);
    if !sub.is_empty() {
        out.push('\n');
        text(out, &sub);
    }
    out.push_str("</title><rect class=\"frame\" width=\"");
    num(out, f.width);
    out.push_str("\" height=\"");
    num(out, f.height);
    out.push_str(if container {
        "\" rx=\"12\"/>"
    } else {
        "\" rx=\"8\"/>"
    });
    let room = f.width - 24.0;
    let (ty, sy) = if container { (19, 34) } else { (21, 38) };
    let _ = write!(out, "<text class=\"title\" x=\"12\" y=\"{ty}\">");
    text(out, &label::fit(&title, room, 13.0 * 1.05));
    let _ = write!(out, "</text><text class=\"subtitle\" x=\"12\" y=\"{sy}\">");
    text(out, &label::fit(&sub, room, 11.5));
    out.push_str("</text></g>");
}

fn points(out: &mut String, ps: &[Point]) {
    for (i, p) in ps.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        num(out, p.x);
        out.push(',');
        num(out, p.y);
    }
}

/// A coordinate, to the nearest pixel: the drawing needs no more, and whole numbers keep float
/// formatting out of the download.
fn num(out: &mut String, v: f64) {
    let _ = write!(out, "{}", v.round() as i64);
}

/// Text in markup, escaped.
fn text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// A JSON string literal.
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> String {
        let path = format!(
            "{}/../static/examples/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn an_example_opens_draws_and_plays_every_flow() {
        let s = Scene::new(&example("lattice-service")).unwrap();
        let svg = s.drawing();
        assert!(svg.contains("data-object-id=\""));
        assert!(svg.contains("<line class=\"link\""));
        let names = s.flows();
        assert!(names.starts_with("[\"") && names.ends_with("\"]"));
        for f in &s.topology.document().flows {
            let json = s.play(&f.name).unwrap();
            let v = vpcplay_core::json::parse(&json).unwrap();
            assert!(json.contains("\"stops\":[["), "{} {v:?}", f.name);
        }
    }

    #[test]
    fn a_topology_through_a_link_draws_the_same() {
        let text = example("gateway-endpoint");
        let s = Scene::new(&text).unwrap();
        let doc = vpcplay_core::model::load(&text).unwrap();
        let frag = vpcplay_core::share::encode(&doc).unwrap();
        let back = vpcplay_core::share::decode(&frag).unwrap();
        let t = Scene::new(&back.to_json()).unwrap();
        assert_eq!(s.drawing(), t.drawing());
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        let e = Scene::new("{\"version\": ").unwrap_err();
        assert!(e.starts_with("This is not a topology document"), "{e}");
        assert_eq!(Scene::new("  ").unwrap_err(), "The topology is empty.");
        let s = Scene::new(&example("gateway-endpoint")).unwrap();
        let e = s.play("nope").unwrap_err();
        assert!(e.contains("no flow named “nope”"), "{e}");
        assert!(e.contains("“app reads a report”"), "{e}");
    }

    #[test]
    fn json_strings_are_escaped() {
        let mut out = String::new();
        json_string(&mut out, "a\"b\\c\n");
        assert_eq!(out, "\"a\\\"b\\\\c\\u000a\"");
    }
}
