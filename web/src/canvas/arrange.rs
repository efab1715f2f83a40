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

/// How far to move the objects `mine` (as placed, each with what it holds) so that none of them
/// overlaps another object, with a gap of one grid step: the nearest such offset on the grid,
/// trying right and down first. `base` is the layout of the document without them in place
/// (they are far away there), so their containers have the size they have without them. A
/// container grows right and down to hold what is put in it, so a place that makes a container
/// grow onto a neighbour is not free either (overlaps that were there before do not count).
/// `(0, 0)` when they are clear already, or when no free place is found within a wide search.
pub fn free_offset(base: &[NodeBox], mine: &[NodeBox]) -> (f64, f64) {
    let gap = SNAP;
    let moved = |id: &str| mine.iter().any(|m| m.id == id);
    let mut by_id: BTreeMap<&str, &NodeBox> = BTreeMap::new();
    for b in base {
        by_id.insert(b.id.as_str(), b);
    }
    let padded = |r: &Rect| {
        Rect::new(
            r.origin.x - gap,
            r.origin.y - gap,
            r.width + 2.0 * gap,
            r.height + 2.0 * gap,
        )
    };
    // Whether `frame` (grown from `was`), in the container `parent`, newly touches an object
    // there other than `except` and the moved ones.
    let hits = |parent: &Option<String>, frame: &Rect, was: Option<&Rect>, except: &str| {
        let frame = padded(frame);
        let was = was.map(padded);
        base.iter().any(|b| {
            &b.parent == parent
                && b.id != except
                && !moved(&b.id)
                && b.frame.intersects(&frame)
                && !was.is_some_and(|w| b.frame.intersects(&w))
        })
    };
    let clear = |dx: f64, dy: f64| {
        mine.iter().all(|m| {
            let mut frame = m.frame.translated(dx, dy);
            if hits(&m.parent, &frame, None, &m.id) {
                return false;
            }
            let mut up = m.parent.as_deref().and_then(|p| by_id.get(p));
            if let Some(c) = up
                && (frame.origin.x < c.frame.origin.x + PAD
                    || frame.origin.y < c.frame.origin.y + HEADER)
            {
                return false;
            }
            // Each container up the chain grows to hold it; what it grows onto must be free.
            while let Some(c) = up {
                let need = Rect::new(
                    frame.origin.x - PAD,
                    frame.origin.y - HEADER,
                    frame.width + 2.0 * PAD,
                    frame.height + HEADER + PAD,
                );
                let grown = c.frame.union(&need);
                if grown == c.frame {
                    break;
                }
                if hits(&c.parent, &grown, Some(&c.frame), &c.id) {
                    return false;
                }
                frame = grown;
                up = c.parent.as_deref().and_then(|p| by_id.get(p));
            }
            true
        })
    };
    let step = SNAP * 2.0;
    for ring in 0..80_i32 {
        // The square ring of grid points `ring` steps out, nearest and right-and-down first.
        let r = f64::from(ring);
        let mut ring_points: Vec<(f64, f64)> = Vec::new();
        for i in -ring..=ring {
            let t = f64::from(i);
            ring_points.push((r, t));
            ring_points.push((t, r));
            ring_points.push((-r, t));
            ring_points.push((t, -r));
        }
        let rank = |p: &(f64, f64)| (p.0.abs() + p.1.abs(), p.0 < 0.0 || p.1 < 0.0);
        ring_points.sort_by(|a, b| {
            let (ra, rb) = (rank(a), rank(b));
            ra.0.total_cmp(&rb.0).then(ra.1.cmp(&rb.1))
        });
        for (x, y) in ring_points {
            if clear(x * step, y * step) {
                return (x * step, y * step);
            }
        }
    }
    (0.0, 0.0)
}

/// Moves the objects `ids` of `doc` (with what they hold) to the nearest free place, as
/// [`free_offset`] finds it; whether they moved.
pub fn make_room(doc: &mut Document, ids: &[String]) -> bool {
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mine: Vec<NodeBox> = layout(doc)
        .into_iter()
        .filter(|b| ids.contains(&b.id))
        .collect();
    let mut without = doc.clone();
    vpcplay_core::edit::move_by(&mut without, &refs, -1.0e7, -1.0e7);
    let (dx, dy) = free_offset(&layout(&without), &mine);
    if (dx, dy) == (0.0, 0.0) {
        return false;
    }
    vpcplay_core::edit::move_by(doc, &refs, dx, dy);
    true
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

    #[test]
    fn a_copy_placed_on_top_of_its_original_is_moved_to_the_nearest_free_place() {
        let mut doc = Document::new();
        let at = Position { x: 0.0, y: 0.0 };
        let vpc = vpcplay_core::edit::create(&mut doc, Kind::Vpc, at, None).unwrap();
        let subnet = vpcplay_core::edit::create(&mut doc, Kind::Subnet, at, Some(&vpc)).unwrap();
        let one = vpcplay_core::edit::create(&mut doc, Kind::Instance, at, Some(&subnet)).unwrap();
        // Something else beside the VPC, where the copy might otherwise go.
        vpcplay_core::edit::create(
            &mut doc,
            Kind::ServiceNetwork,
            Position { x: 400.0, y: 0.0 },
            None,
        )
        .unwrap();
        for original in [vpc.clone(), one.clone()] {
            let mut doc = doc.clone();
            let copy = vpcplay_core::edit::duplicate(&mut doc, &original).unwrap();
            let ids = std::slice::from_ref(&copy);
            assert!(
                make_room(&mut doc, ids),
                "the copy of {original} overlapped it"
            );
            let boxes = layout(&doc);
            let mine = boxes.iter().find(|b| b.id == copy).unwrap();
            for b in boxes
                .iter()
                .filter(|b| b.parent == mine.parent && b.id != copy)
            {
                assert!(!b.frame.intersects(&mine.frame), "{copy} clear of {}", b.id);
            }
            // Already clear: nothing moves.
            assert!(!make_room(&mut doc, ids));
        }
    }
}
