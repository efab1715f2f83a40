//! Where each object of a document is drawn: pure functions from the document to frames, so
//! they are tested on the host.
//!
//! Containers (VPCs, subnets) grow to hold what is inside them: their top-left corner is their
//! stored position, their size is the larger of a minimum and what their children need.

use std::collections::BTreeMap;

use vpcplay_core::edit::placed;
use vpcplay_core::model::common::Position;
use vpcplay_core::model::{Document, Kind};

use super::geometry::{Point, Rect};

/// The size of an object that holds nothing.
pub const LEAF: (f64, f64) = (184.0, 48.0);
/// Space between a container's edge and its children.
pub const PAD: f64 = 16.0;
/// The height of a container's title strip.
pub const HEADER: f64 = 40.0;

/// The smallest frame of a container kind.
pub fn min_size(kind: Kind) -> (f64, f64) {
    match kind {
        Kind::Vpc => (360.0, 200.0),
        Kind::Subnet => (216.0, 112.0),
        _ => LEAF,
    }
}

/// Whether objects of this kind are drawn as containers.
pub fn is_container(kind: Kind) -> bool {
    matches!(kind, Kind::Vpc | Kind::Subnet)
}

/// One object as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    pub id: String,
    pub kind: Kind,
    pub parent: Option<String>,
    pub frame: Rect,
    /// 0 for free objects and VPCs, 1 inside a VPC, 2 inside a subnet.
    pub depth: u32,
}

impl NodeBox {
    pub fn is_container(&self) -> bool {
        is_container(self.kind)
    }
}

/// The frames of every drawn object, containers before what they hold (the drawing order).
///
/// Written without sorting or collecting into maps: in the browser bundle each sort and each
/// map built from an iterator is its own copy of the standard library's code.
pub fn layout(doc: &Document) -> Vec<NodeBox> {
    let objects = placed(doc);
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, (id, _, _, _)) in objects.iter().enumerate() {
        index.insert(id.as_str(), i);
    }
    let parent_index = |i: usize| {
        objects
            .get(i)
            .and_then(|(_, _, p, _)| p.as_deref())
            .and_then(|p| index.get(p).copied())
    };
    let depth_of = |i: usize| {
        let mut depth = 0;
        let mut at = parent_index(i);
        while let Some(p) = at {
            depth += 1;
            if depth > 4 {
                break;
            }
            at = parent_index(p);
        }
        depth
    };
    let mut boxes: Vec<NodeBox> = Vec::with_capacity(objects.len());
    let mut free_slot = 0usize;
    let mut child_slot = vec![0usize; objects.len()];
    for (i, (id, kind, parent, at)) in objects.iter().enumerate() {
        let at = at.map(|p: Position| Point::new(p.x, p.y));
        let origin = at.unwrap_or_else(|| match parent_index(i) {
            // Unplaced objects get a place of their own: in a column inside their container, or
            // in a row along the top of the canvas.
            Some(p) => {
                let n = child_slot.get_mut(p).map_or(1, |n| {
                    *n += 1;
                    *n
                });
                let base = objects
                    .get(p)
                    .and_then(|o| o.3)
                    .map_or(Point::default(), |q| Point::new(q.x, q.y));
                Point::new(
                    base.x + PAD,
                    base.y + HEADER + (n as f64 - 1.0) * (LEAF.1 + 12.0),
                )
            }
            None => {
                free_slot += 1;
                Point::new(40.0 + (free_slot as f64 - 1.0) * (LEAF.0 + 40.0), 40.0)
            }
        });
        let (w, h) = min_size(*kind);
        boxes.push(NodeBox {
            id: id.clone(),
            kind: *kind,
            parent: parent.clone(),
            frame: Rect::new(origin.x, origin.y, w, h),
            depth: depth_of(i),
        });
    }
    // Grow containers around their children, deepest first, so a subnet has its final size
    // before its VPC measures it. `boxes[i]` is still `objects[i]` here.
    let deepest = boxes.iter().map(|b| b.depth).max().unwrap_or(0);
    for depth in (1..=deepest).rev() {
        for i in 0..boxes.len() {
            let child = match boxes.get(i) {
                Some(b) if b.depth == depth => b.frame,
                _ => continue,
            };
            if let Some(f) = parent_index(i)
                .and_then(|p| boxes.get_mut(p))
                .map(|b| &mut b.frame)
            {
                f.width = f.width.max(child.right() - f.origin.x + PAD);
                f.height = f.height.max(child.bottom() - f.origin.y + PAD);
            }
        }
    }
    // Drawing order: by depth, keeping the document's order within a depth.
    let mut ordered = Vec::with_capacity(boxes.len());
    let mut rest = boxes;
    for depth in 0..=deepest {
        let (now, later): (Vec<NodeBox>, Vec<NodeBox>) =
            rest.into_iter().partition(|b| b.depth == depth);
        ordered.extend(now);
        rest = later;
    }
    ordered.extend(rest);
    ordered
}

/// The smallest rectangle around every frame, or `None` for an empty document.
pub fn bounds(boxes: &[NodeBox]) -> Option<Rect> {
    boxes.iter().map(|b| b.frame).reduce(|a, b| a.union(&b))
}

/// Where a line between two frames starts and ends: the midpoints of the facing edges.
pub fn link_ends(a: &Rect, b: &Rect) -> (Point, Point) {
    let (ac, bc) = (center(a), center(b));
    let horizontal =
        (bc.x - ac.x).abs() * a.height.max(b.height) >= (bc.y - ac.y).abs() * a.width.max(b.width);
    if horizontal {
        let (ax, bx) = if bc.x >= ac.x {
            (a.right(), b.origin.x)
        } else {
            (a.origin.x, b.right())
        };
        (Point::new(ax, ac.y), Point::new(bx, bc.y))
    } else {
        let (ay, by) = if bc.y >= ac.y {
            (a.bottom(), b.origin.y)
        } else {
            (a.origin.y, b.bottom())
        };
        (Point::new(ac.x, ay), Point::new(bc.x, by))
    }
}

fn center(r: &Rect) -> Point {
    Point::new(r.origin.x + r.width / 2.0, r.origin.y + r.height / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpcplay_core::edit::create;

    fn at(x: f64, y: f64) -> Position {
        Position { x, y }
    }

    #[test]
    fn containers_grow_around_their_children_and_come_first() {
        let mut doc = Document::new();
        let vpc = create(&mut doc, Kind::Vpc, at(0.0, 0.0), None).unwrap();
        let sub = create(&mut doc, Kind::Subnet, at(20.0, 50.0), Some(&vpc)).unwrap();
        create(&mut doc, Kind::Instance, at(400.0, 300.0), Some(&sub)).unwrap();
        let boxes = layout(&doc);
        let kinds: Vec<Kind> = boxes.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [Kind::Vpc, Kind::Subnet, Kind::Instance]);
        let (v, s, i) = (&boxes[0].frame, &boxes[1].frame, &boxes[2].frame);
        assert!(s.contains_rect(i), "{s:?} holds {i:?}");
        assert!(v.contains_rect(s), "{v:?} holds {s:?}");
        assert_eq!(s.right(), i.right() + PAD);
        assert_eq!(v.right(), s.right() + PAD);
        assert_eq!(boxes[2].depth, 2);
    }

    #[test]
    fn unplaced_objects_get_distinct_places() {
        let mut doc = Document::new();
        let a = create(&mut doc, Kind::ServiceNetwork, at(0.0, 0.0), None).unwrap();
        let b = create(&mut doc, Kind::Service, at(0.0, 0.0), None).unwrap();
        doc.service_networks[0].position = None;
        doc.services[0].position = None;
        let boxes = layout(&doc);
        let fa = boxes.iter().find(|x| x.id == a).unwrap().frame;
        let fb = boxes.iter().find(|x| x.id == b).unwrap().frame;
        assert!(fa.right() < fb.origin.x);
    }

    #[test]
    fn links_join_facing_edges() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(300.0, 0.0, 100.0, 50.0);
        assert_eq!(
            link_ends(&a, &b),
            (Point::new(100.0, 25.0), Point::new(300.0, 25.0))
        );
        let c = Rect::new(0.0, 400.0, 100.0, 50.0);
        assert_eq!(
            link_ends(&a, &c),
            (Point::new(50.0, 50.0), Point::new(50.0, 400.0))
        );
        assert_eq!(bounds(&[]), None);
    }
}
