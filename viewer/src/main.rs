//! The read-only viewer that documentation pages embed: the embed page (`embed/`, what `?embed`
//! leads to) and the `<vpc-playground>` element (`embed/vpc-playground.js`).
//!
//! The split: this wasm opens a topology (a document's JSON or a link's `#1…` fragment), lays it
//! out with the playground's own geometry, draws it as SVG markup, traces saved flows with the
//! core and says where the packet stands at each hop. The element's script puts the markup on
//! the page, animates the packet, and handles pan, zoom and the controls. No Leptos, no DOM
//! bindings: a small download for pages that show a topology and nothing else.
//!
//! The layout, label and route functions are the playground's own files (`web/src/canvas/`,
//! `web/src/sim/path.rs`), compiled here as well: they are pure and take only the core.

mod canvas;
mod scene;
mod sim;

pub use scene::Scene;

/// The page's script calls the exports; there is nothing to start.
fn main() {}
