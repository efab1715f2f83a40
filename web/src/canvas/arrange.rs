//! Arrange: tidy places for every drawn object, for documents whose positions overlap or are
//! missing (generated topologies, hand-written files, imports from elsewhere).
//!
//! Containers are measured from the inside out: a container's children sit in a grid whose
//! column count keeps the container about half again as wide as it is tall. Then the top level
//! is packed: containers in rows no wider than a limit, free objects (service networks,
//! services, target groups, …) in a grid below them. Every place snaps to the editor's grid.

use std::collections::BTreeMap;

use vpcplay_core::model::Document;

use super::SNAP;
use super::geometry::{Point, Rect, snap};
use super::layout::{HEADER, NodeBox, PAD, layout, min_size};

/// Space between siblings.
pub const GAP: f64 = 20.0;
/// Where the arrangement starts.
const ORIGIN: Point = Point::new(40.0, 40.0);
/// The narrowest the top level's rows may be.
const MIN_ROW: f64 = 1200.0;
/// Width over height that grids aim for.
const ASPECT: f64 = 1.6;

/// A new top-left corner for every drawn object, in drawing order (containers first).
pub fn arrange(doc: &Document) -> Vec<(String, Point)> {
    let boxes = layout(doc);
    let n = boxes.len();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, b) in boxes.iter().enumerate() {
        index.insert(b.id.as_str(), i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, b) in boxes.iter().enumerate() {
        match b.parent.as_deref().and_then(|p| index.get(p).copied()) {
            Some(p) if p != i => {
                if let Some(c) = children.get_mut(p) {
                    c.push(i);
                }
            }
            _ => roots.push(i),
        }
    }

    // Sizes from the inside out: `layout` lists shallower objects first.
    let mut size = vec![(0.0, 0.0); n];
    for i in (0..n).rev() {
        let own = boxes.get(i).map_or((0.0, 0.0), |b| min_size(b.kind));
        let kids = children.get(i).map_or(&[][..], Vec::as_slice);
        let s = if kids.is_empty() {
            own
        } else {
            let g = Grid::new(kids, &size);
            (
                own.0.max(PAD + g.width() + PAD),
                own.1.max(HEADER + g.height() + PAD),
            )
        };
        if let Some(slot) = size.get_mut(i) {
            *slot = s;
        }
    }

    let mut at = vec![Point::default(); n];
    // The top level: containers in rows, then free objects in a grid below them.
    let (containers, free): (Vec<usize>, Vec<usize>) = roots.iter().partition(|&&i| {
        children.get(i).is_some_and(|c| !c.is_empty())
            || boxes.get(i).is_some_and(|b| b.is_container())
    });
    let area: f64 = roots
        .iter()
        .filter_map(|&i| size.get(i))
        .map(|(w, h)| (w + GAP) * (h + GAP))
        .sum();
    let row_limit = MIN_ROW.max((area * ASPECT).sqrt());
    let (mut x, mut y, mut row_height) = (ORIGIN.x, ORIGIN.y, 0.0_f64);
    for &i in &containers {
        let (w, h) = size.get(i).copied().unwrap_or_default();
        if x > ORIGIN.x && x + w > ORIGIN.x + row_limit {
            x = ORIGIN.x;
            y += row_height + GAP * 2.0;
            row_height = 0.0;
        }
        place(i, Point::new(x, y), &children, &size, &mut at);
        x += w + GAP * 2.0;
        row_height = row_height.max(h);
    }
    if !free.is_empty() {
        let top = if containers.is_empty() {
            ORIGIN.y
        } else {
            y + row_height + GAP * 3.0
        };
        let g = Grid::with_width(&free, &size, row_limit);
        g.place(Point::new(ORIGIN.x, top), &free, &children, &size, &mut at);
    }

    boxes
        .iter()
        .zip(at)
        .map(|(b, p)| (b.id.clone(), p))
        .collect()
}

/// Whether two objects with the same container overlap: the sign that a document's positions
/// were not made for this canvas, and that arranging would help.
pub fn crowded(boxes: &[NodeBox]) -> bool {
    let mut by_parent: BTreeMap<Option<&str>, Vec<&Rect>> = BTreeMap::new();
    for b in boxes {
        by_parent
            .entry(b.parent.as_deref())
            .or_default()
            .push(&b.frame);
    }
    by_parent.values().any(|frames| {
        frames
            .iter()
            .enumerate()
            .any(|(i, a)| frames.iter().skip(i + 1).any(|b| a.intersects(b)))
    })
}

/// Puts object `i` at `corner` and its children in a grid inside it.
fn place(i: usize, corner: Point, children: &[Vec<usize>], size: &[(f64, f64)], at: &mut [Point]) {
    // Snapped before the children are placed, so they keep their padding on the grid too.
    let corner = snap(corner, SNAP);
    if let Some(p) = at.get_mut(i) {
        *p = corner;
    }
    let kids = children.get(i).map_or(&[][..], Vec::as_slice);
    if !kids.is_empty() {
        let inner = Point::new(corner.x + PAD, corner.y + HEADER);
        Grid::new(kids, size).place(inner, kids, children, size, at);
    }
}

/// Items in rows of `columns`: each column as wide as its widest item, each row as tall as its
/// tallest.
struct Grid {
    widths: Vec<f64>,
    heights: Vec<f64>,
}

impl Grid {
    /// A grid for `items`, with the column count that keeps it about `ASPECT` times as wide as
    /// it is tall.
    fn new(items: &[usize], size: &[(f64, f64)]) -> Self {
        let k = items.len().max(1) as f64;
        let (w, h) = items
            .iter()
            .filter_map(|&i| size.get(i))
            .fold((0.0, 0.0), |a, s| (a.0 + s.0 + GAP, a.1 + s.1 + GAP));
        let (w, h) = (w / k, h / k);
        let columns = (ASPECT * k * h / w.max(1.0)).sqrt().ceil();
        Self::with_columns(items, size, columns.clamp(1.0, k) as usize)
    }

    /// A grid for `items` as wide as fits in `limit`.
    fn with_width(items: &[usize], size: &[(f64, f64)], limit: f64) -> Self {
        let widest = items
            .iter()
            .filter_map(|&i| size.get(i))
            .fold(0.0_f64, |a, s| a.max(s.0));
        let columns = ((limit + GAP) / (widest + GAP)).floor().max(1.0) as usize;
        Self::with_columns(items, size, columns.min(items.len().max(1)))
    }

    fn with_columns(items: &[usize], size: &[(f64, f64)], columns: usize) -> Self {
        let columns = columns.max(1);
        let rows = items.len().div_ceil(columns);
        let mut widths = vec![0.0_f64; columns];
        let mut heights = vec![0.0_f64; rows];
        for (n, &i) in items.iter().enumerate() {
            let (w, h) = size.get(i).copied().unwrap_or_default();
            if let Some(c) = widths.get_mut(n % columns) {
                *c = c.max(w);
            }
            if let Some(r) = heights.get_mut(n / columns) {
                *r = r.max(h);
            }
        }
        Self { widths, heights }
    }

    fn width(&self) -> f64 {
        self.widths.iter().sum::<f64>() + GAP * self.widths.len().saturating_sub(1) as f64
    }

    fn height(&self) -> f64 {
        self.heights.iter().sum::<f64>() + GAP * self.heights.len().saturating_sub(1) as f64
    }

    /// Places `items` in the grid with its top-left corner at `corner`.
    fn place(
        &self,
        corner: Point,
        items: &[usize],
        children: &[Vec<usize>],
        size: &[(f64, f64)],
        at: &mut [Point],
    ) {
        let columns = self.widths.len().max(1);
        let mut y = corner.y;
        for (r, row) in items.chunks(columns).enumerate() {
            let mut x = corner.x;
            for (c, &i) in row.iter().enumerate() {
                place(i, Point::new(x, y), children, size, at);
                x += self.widths.get(c).copied().unwrap_or_default() + GAP;
            }
            y += self.heights.get(r).copied().unwrap_or_default() + GAP;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpcplay_core::edit::set_position;
    use vpcplay_core::model::Kind;
    use vpcplay_core::model::common::Position;

    fn arranged(doc: &Document) -> Document {
        let mut doc = doc.clone();
        for (id, p) in arrange(&doc) {
            set_position(&mut doc, &id, Position { x: p.x, y: p.y }).unwrap();
        }
        doc
    }

    /// Every object inside its container, and no two siblings overlapping.
    fn assert_tidy(doc: &Document) {
        let boxes = layout(doc);
        for (i, a) in boxes.iter().enumerate() {
            if let Some(p) = a.parent.as_ref() {
                let parent = boxes.iter().find(|b| &b.id == p).unwrap();
                assert!(parent.frame.contains_rect(&a.frame), "{} inside {p}", a.id);
            }
            for b in boxes.iter().skip(i + 1).filter(|b| b.parent == a.parent) {
                assert!(
                    !a.frame.intersects(&b.frame),
                    "{} and {} overlap",
                    a.id,
                    b.id
                );
            }
        }
    }

    #[test]
    fn a_generated_topology_comes_out_tidy_and_on_the_grid() {
        let doc = arranged(&vpcplay_core::model::synthetic::generate(300, 7));
        assert_tidy(&doc);
        for (id, p) in arrange(&doc) {
            assert_eq!((p.x % SNAP, p.y % SNAP), (0.0, 0.0), "{id} on the grid");
        }
        assert!(!crowded(&layout(&doc)));
        assert!(crowded(&layout(&vpcplay_core::model::synthetic::generate(
            300, 7
        ))));
        // Arranging a tidy document again changes nothing.
        assert_eq!(arranged(&doc), doc);
    }

    #[test]
    fn objects_without_places_and_on_top_of_each_other_are_spread_out() {
        let mut doc = Document::new();
        let at = Position { x: 0.0, y: 0.0 };
        let vpc = vpcplay_core::edit::create(&mut doc, Kind::Vpc, at, None).unwrap();
        let subnet = vpcplay_core::edit::create(&mut doc, Kind::Subnet, at, Some(&vpc)).unwrap();
        for _ in 0..7 {
            vpcplay_core::edit::create(&mut doc, Kind::Instance, at, Some(&subnet)).unwrap();
        }
        for kind in [Kind::ServiceNetwork, Kind::Service, Kind::TargetGroup] {
            vpcplay_core::edit::create(&mut doc, kind, at, None).unwrap();
        }
        let doc = arranged(&doc);
        assert_tidy(&doc);
        // Free objects go below the containers.
        let boxes = layout(&doc);
        let vpc_bottom = boxes.iter().find(|b| b.id == vpc).unwrap().frame.bottom();
        let service = boxes.iter().find(|b| b.kind == Kind::Service).unwrap();
        assert!(service.frame.origin.y > vpc_bottom);
    }

    #[test]
    #[should_panic(expected = "overlap")]
    fn generated_positions_overlap_before_arranging() {
        assert_tidy(&vpcplay_core::model::synthetic::generate(300, 7));
    }

    #[test]
    fn an_empty_document_has_nothing_to_arrange() {
        assert!(arrange(&Document::new()).is_empty());
    }
}
