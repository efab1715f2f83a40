//! Arrange: tidy places for every drawn object, for documents whose positions overlap or are
//! missing (generated topologies, hand-written files, imports from elsewhere).
//!
//! Containers are measured from the inside out: a container's children sit in a grid whose
//! column count keeps the container about half again as wide as it is tall. Then the top level
//! is packed: containers in rows no wider than a limit, free objects (service networks,
//! services, target groups, …) below them in layers along their connections: a service network
//! above its services, a service above its target groups. The layers come from the connections'
//! graph (petgraph: a topological order, each object one layer below the lowest it is connected
//! from), and each layer is ordered to cross fewer lines: an object moves toward the middle of
//! what it is connected to, sweeping down and up a few times (the barycenter method). Every place
//! snaps to the editor's grid.

use std::collections::BTreeMap;

use petgraph::graph::{DiGraph, NodeIndex};
use vpcplay_core::model::{Document, Kind};

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
    arrange_with(doc, SWEEPS)
}

/// [`arrange`] with `sweeps` down-and-up passes of the ordering (none: the document's order).
fn arrange_with(doc: &Document, sweeps: usize) -> Vec<(String, Point)> {
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
        let links = link_pairs(doc, &index, &boxes);
        let rows = layers(&free, &links, &boxes, &size, &at, row_limit, sweeps);
        place_rows(&rows, top, row_limit, &children, &size, &mut at);
    }

    boxes
        .iter()
        .zip(at)
        .map(|(b, p)| (b.id.clone(), p))
        .collect()
}

/// Down-and-up passes of the barycenter ordering.
const SWEEPS: usize = 4;

/// The document's connections between drawn objects, as pairs of drawing indexes.
fn link_pairs(
    doc: &Document,
    index: &BTreeMap<&str, usize>,
    boxes: &[NodeBox],
) -> Vec<(usize, usize)> {
    vpcplay_core::edit::links(doc)
        .iter()
        .filter_map(|l| {
            let a = index.get(l.from.as_str()).copied()?;
            let b = index.get(l.to.as_str()).copied()?;
            (a != b && boxes.get(a).is_some() && boxes.get(b).is_some()).then_some((a, b))
        })
        .collect()
}

/// Where a kind sits among the free objects: service networks first, then what they hold, then
/// what those send to.
fn rank(kind: Kind) -> usize {
    match kind {
        Kind::ServiceNetwork => 0,
        Kind::Service | Kind::ResourceConfiguration | Kind::EndpointService => 1,
        Kind::TargetGroup => 2,
        _ => 3,
    }
}

/// The free objects in layers, top to bottom, each in the order that crosses fewer lines. A
/// connection between two free objects points from the lower rank (then the earlier object) to
/// the other, so the graph has no cycle; an object's layer is at least its rank and one below
/// every object that points to it. Objects inside containers, already placed, pull the free
/// objects they are connected to toward them.
fn layers(
    free: &[usize],
    links: &[(usize, usize)],
    boxes: &[NodeBox],
    size: &[(f64, f64)],
    at: &[Point],
    row_limit: f64,
    sweeps: usize,
) -> Vec<Vec<(usize, f64)>> {
    let key = |i: usize| (boxes.get(i).map_or(3, |b| rank(b.kind)), i);
    let mut graph: DiGraph<usize, ()> = DiGraph::new();
    let mut node: BTreeMap<usize, NodeIndex> = BTreeMap::new();
    for &i in free {
        node.insert(i, graph.add_node(i));
    }
    // Where each drawn object's centre is, for those already placed (inside containers).
    let centre = |i: usize| {
        let (w, _) = size.get(i).copied().unwrap_or_default();
        at.get(i).map_or(0.0, |p| p.x + w / 2.0)
    };
    let mut fixed: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
    let mut neighbours: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(a, b) in links {
        match (node.get(&a), node.get(&b)) {
            (Some(&na), Some(&nb)) => {
                let (from, to) = if key(a) <= key(b) { (na, nb) } else { (nb, na) };
                graph.update_edge(from, to, ());
                neighbours.entry(a).or_default().push(b);
                neighbours.entry(b).or_default().push(a);
            }
            (Some(_), None) => fixed.entry(a).or_default().push(centre(b)),
            (None, Some(_)) => fixed.entry(b).or_default().push(centre(a)),
            (None, None) => {}
        }
    }
    let order = petgraph::algo::toposort(&graph, None).unwrap_or_default();
    let mut layer_of: BTreeMap<usize, usize> = BTreeMap::new();
    for n in order {
        let Some(&i) = graph.node_weight(n) else {
            continue;
        };
        let below = graph
            .neighbors_directed(n, petgraph::Direction::Incoming)
            .filter_map(|m| graph.node_weight(m).and_then(|j| layer_of.get(j)))
            .map(|l| l + 1)
            .max()
            .unwrap_or(0);
        layer_of.insert(i, below.max(key(i).0));
    }
    let mut rows: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in free {
        rows.entry(layer_of.get(&i).copied().unwrap_or(3))
            .or_default()
            .push(i);
    }
    let mut rows: Vec<Vec<(usize, f64)>> = rows
        .into_values()
        .map(|row| row.into_iter().map(|i| (i, 0.0)).collect())
        .collect();

    // Barycenter sweeps: each row sorted by the mean centre of what each object is connected to
    // (placed objects and the other rows, as they stand), which is also where it would like to
    // sit; an object connected to nothing keeps its place.
    let mut x: BTreeMap<usize, f64> = BTreeMap::new();
    for row in &rows {
        for (i, left, _) in row_places(row, size, row_limit) {
            x.insert(i, left + size.get(i).map_or(0.0, |s| s.0) / 2.0);
        }
    }
    for pass in 0..sweeps * 2 {
        let down = pass % 2 == 0;
        let count = rows.len();
        for r in 0..count {
            let r = if down { r } else { count - 1 - r };
            let Some(row) = rows.get_mut(r) else { continue };
            let mut keyed: Vec<(usize, f64)> = row
                .iter()
                .map(|&(i, _)| {
                    let mut pulls: Vec<f64> = fixed.get(&i).cloned().unwrap_or_default();
                    for j in neighbours.get(&i).map_or(&[][..], Vec::as_slice) {
                        if let Some(&xj) = x.get(j) {
                            pulls.push(xj);
                        }
                    }
                    let own = x.get(&i).copied().unwrap_or_default();
                    let want = if pulls.is_empty() {
                        own
                    } else {
                        pulls.iter().sum::<f64>() / pulls.len() as f64
                    };
                    (i, want)
                })
                .collect();
            keyed.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            // The row's new places count for the rows after it in this pass.
            for &(i, left, _) in &row_places(&keyed, size, row_limit) {
                x.insert(i, left + size.get(i).map_or(0.0, |s| s.0) / 2.0);
            }
            *row = keyed;
        }
    }
    rows
}

/// Where each object of a layer goes: `(object, left x, line)`. A layer wider than `row_limit`
/// takes several lines, dealt out in turn so that every line spans the layer's width in order;
/// on its line each object sits as near the centre it would like (`row`'s second value) as the
/// objects before it allow, on the grid.
fn row_places(
    row: &[(usize, f64)],
    size: &[(f64, f64)],
    row_limit: f64,
) -> Vec<(usize, f64, usize)> {
    let total: f64 = row
        .iter()
        .map(|&(i, _)| size.get(i).map_or(0.0, |s| s.0) + GAP)
        .sum();
    let lines = ((total / row_limit.max(1.0)).ceil() as usize).max(1);
    let mut cursor = vec![ORIGIN.x; lines];
    let mut out = Vec::with_capacity(row.len());
    for (n, &(i, want)) in row.iter().enumerate() {
        let line = n % lines;
        let w = size.get(i).map_or(0.0, |s| s.0);
        let Some(c) = cursor.get_mut(line) else {
            continue;
        };
        let left = ((*c).max(want - w / 2.0) / SNAP).ceil() * SNAP;
        *c = left + w + GAP;
        out.push((i, left, line));
    }
    out
}

/// Places the layers from `top` down, each on as many lines as [`row_places`] gives it.
fn place_rows(
    rows: &[Vec<(usize, f64)>],
    top: f64,
    row_limit: f64,
    children: &[Vec<usize>],
    size: &[(f64, f64)],
    at: &mut [Point],
) {
    let mut y = top;
    for row in rows {
        let places = row_places(row, size, row_limit);
        let lines = places.iter().map(|p| p.2 + 1).max().unwrap_or(0);
        let mut heights = vec![0.0_f64; lines];
        for &(i, _, line) in &places {
            if let Some(h) = heights.get_mut(line) {
                *h = h.max(size.get(i).map_or(0.0, |s| s.1));
            }
        }
        for &(i, left, line) in &places {
            let above: f64 = heights.iter().take(line).map(|h| h + GAP).sum();
            place(i, Point::new(left, y + above), children, size, at);
        }
        y += heights.iter().map(|h| h + GAP).sum::<f64>() + GAP;
    }
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

    fn placed(doc: &Document, sweeps: usize) -> Document {
        let mut doc = doc.clone();
        for (id, p) in arrange_with(&doc, sweeps) {
            set_position(&mut doc, &id, Position { x: p.x, y: p.y }).unwrap();
        }
        doc
    }

    /// How many pairs of connections cross, each drawn as a straight line between centres.
    fn crossings(doc: &Document) -> usize {
        let boxes = layout(doc);
        let centre = |id: &str| {
            let f = boxes.iter().find(|b| b.id == id)?.frame;
            Some(Point::new(
                f.origin.x + f.width / 2.0,
                f.origin.y + f.height / 2.0,
            ))
        };
        let lines: Vec<(Point, Point)> = vpcplay_core::edit::links(doc)
            .iter()
            .filter_map(|l| Some((centre(&l.from)?, centre(&l.to)?)))
            .collect();
        let side =
            |a: Point, b: Point, c: Point| (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
        let mut n = 0;
        for (i, &(p, q)) in lines.iter().enumerate() {
            for &(r, t) in lines.iter().skip(i + 1) {
                if side(p, q, r) * side(p, q, t) < 0.0 && side(r, t, p) * side(r, t, q) < 0.0 {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    #[allow(clippy::print_stderr)] // the counts, for the record
    fn free_objects_are_layered_along_their_connections_and_ordered_to_cross_less() {
        let doc = vpcplay_core::model::synthetic::generate(200, 42);
        let layered = placed(&doc, SWEEPS);
        assert_tidy(&layered);
        let boxes = layout(&layered);
        let top = |id: &str| boxes.iter().find(|b| b.id == id).unwrap().frame.origin.y;
        // A service network above the services associated with it, a service above the target
        // groups its listeners forward to.
        let mut checked = 0;
        for a in &layered.service_associations {
            assert!(
                top(a.service_network.as_str()) < top(a.service.as_str()),
                "{} above {}",
                a.service_network,
                a.service
            );
            checked += 1;
        }
        for l in vpcplay_core::edit::links(&layered) {
            let kinds = |id: &str| boxes.iter().find(|b| b.id == id).map(|b| b.kind);
            if kinds(&l.from) == Some(Kind::Service) && kinds(&l.to) == Some(Kind::TargetGroup) {
                assert!(top(&l.from) < top(&l.to), "{} above {}", l.from, l.to);
                checked += 1;
            }
        }
        assert!(checked > 5, "{checked} connections checked");
        // The barycenter sweeps cross fewer lines than the document's own order.
        let (before, after) = (crossings(&placed(&doc, 0)), crossings(&layered));
        eprintln!("crossings: {before} in the document's order, {after} after ordering");
        assert!(
            after < before,
            "{after} crossings after ordering, {before} before"
        );
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
