//! Where a traced request travels on the canvas: each hop's component is drawn as itself or as
//! the drawn object that holds it (a listener or rule by its service, an association by its
//! service network, a VPC's default security group by its VPC), and the packet moves from stop to
//! stop along the drawn connection between them where there is one. Pure functions of the
//! document, the trace and the frames, so they are tested on the host.

use std::collections::{BTreeMap, BTreeSet};

use vpcplay_core::model::{Kind, Topology};
use vpcplay_core::trace::{ComponentKind, Hop, Trace};

use crate::canvas::geometry::{Point, Rect};
use crate::canvas::layout::{is_container, link_ends};

/// The drawn object that stands for a hop's component on the canvas, if any: the component
/// itself, or what holds it. Components that are not objects of the document (a DNS lookup, an
/// AWS service, a caller's identity policy) have none: the packet waits where it is.
pub fn anchor(
    topology: &Topology,
    frames: &BTreeMap<String, Rect>,
    component: &str,
) -> Option<String> {
    if frames.contains_key(component) {
        return Some(component.to_string());
    }
    let doc = topology.document();
    let holder = match topology.slot(component) {
        Some(slot) => match slot.kind {
            Kind::Listener | Kind::Rule => doc
                .services
                .get(slot.index)
                .map(|s| s.id.as_str().to_string()),
            Kind::VpcAssociation => doc
                .vpc_associations
                .get(slot.index)
                .map(|a| a.service_network.as_str().to_string()),
            Kind::ServiceAssociation => doc
                .service_associations
                .get(slot.index)
                .map(|a| a.service.as_str().to_string()),
            Kind::ResourceAssociation => doc
                .resource_associations
                .get(slot.index)
                .map(|a| a.resource_configuration.as_str().to_string()),
            _ => None,
        },
        // `vpc-1/default`: the default security group of `vpc-1`.
        None => component
            .split_once('/')
            .map(|(owner, _)| owner.to_string()),
    }?;
    frames.contains_key(&holder).then_some(holder)
}

/// Where the packet points at on an object: the middle of a leaf, the title strip of a container.
pub fn spot(frame: &Rect) -> Point {
    if frame.width > 300.0 || frame.height > 100.0 {
        Point::new(frame.origin.x + 24.0, frame.origin.y + 20.0)
    } else {
        Point::new(
            frame.origin.x + frame.width / 2.0,
            frame.origin.y + frame.height / 2.0,
        )
    }
}

/// The packet's way across the canvas: one stop per hop, and between consecutive stops the
/// points it passes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Route {
    /// Each hop's drawn object, if it has one.
    pub anchors: Vec<Option<String>>,
    /// `legs[i]` leads from hop `i` to hop `i + 1`: its first point is hop `i`'s stop, its last
    /// hop `i + 1`'s.
    pub legs: Vec<Vec<Point>>,
    /// Where the packet is at each hop.
    pub stops: Vec<Point>,
    /// The hop the packet stops at: the last one, or for a blocked request the last hop at the
    /// component that blocked it (the trace may go on to show the levels it evaluated after).
    pub end: usize,
}

/// The route of `trace` over objects drawn at `frames`, joined by the drawn connections `links`
/// (pairs of object ids, in either direction).
pub fn route(
    topology: &Topology,
    trace: &Trace,
    frames: &BTreeMap<String, Rect>,
    links: &BTreeSet<(String, String)>,
    kinds: &BTreeMap<String, Kind>,
) -> Route {
    let anchors: Vec<Option<String>> = trace
        .hops
        .iter()
        .map(|h| anchor(topology, frames, &h.component))
        .collect();
    let last = anchors.len().saturating_sub(1);
    let end = match &trace.verdict {
        vpcplay_core::trace::Verdict::Blocked(b) => trace
            .hops
            .iter()
            .rposition(|h| h.component == b.at)
            .unwrap_or(last),
        _ => last,
    };
    // The packet goes to a hop's object only where it travels: the source, and each place on
    // the path once its destination address is known. Checks made on the way (DNS, security
    // groups, route tables, policies) leave it where it is, unless one of them stops it.
    let travels = |i: usize, h: &Hop| {
        i == 0
            || i == end
            || (h.packet.destination.is_some()
                && !matches!(
                    h.kind,
                    ComponentKind::Dns
                        | ComponentKind::SecurityGroup
                        | ComponentKind::RouteTable
                        | ComponentKind::AuthPolicy
                        | ComponentKind::AwsService
                        | ComponentKind::Internet
                ))
    };
    let first = anchors
        .iter()
        .flatten()
        .next()
        .and_then(|id| frames.get(id))
        .map_or(Point::default(), spot);
    let mut stops = Vec::with_capacity(anchors.len());
    let mut places: Vec<Option<&String>> = Vec::with_capacity(anchors.len());
    let mut here = first;
    for (i, (a, h)) in anchors.iter().zip(&trace.hops).enumerate() {
        let f = a
            .as_ref()
            .filter(|_| travels(i, h))
            .and_then(|id| frames.get(id).map(|f| (id, f)));
        if let Some((_, f)) = f {
            here = spot(f);
        }
        places.push(f.map(|(id, _)| id));
        stops.push(here);
    }
    let mut legs = Vec::with_capacity(stops.len().saturating_sub(1));
    let mut at: Option<&String> = None;
    for (i, pair) in stops.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        at = places[i].or(at);
        let mut leg = vec![a];
        if let (Some(from), Some(to)) = (at, places[i + 1])
            && from != to
            && (links.contains(&(from.clone(), to.clone()))
                || links.contains(&(to.clone(), from.clone())))
            && let (Some(fa), Some(fb)) = (frames.get(from), frames.get(to))
        {
            // Along the drawn line: out of the first object's edge, into the second's.
            let nested = kinds.get(from).is_some_and(|k| is_container(*k)) && fa.contains_rect(fb)
                || kinds.get(to).is_some_and(|k| is_container(*k)) && fb.contains_rect(fa);
            if !nested {
                let (ea, eb) = link_ends(fa, fb);
                leg.push(ea);
                leg.push(eb);
            }
        }
        leg.push(b);
        legs.push(leg);
    }
    Route {
        anchors,
        legs,
        stops,
        end,
    }
}

fn lerp(a: Point, b: Point, f: f64) -> Point {
    Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f)
}

/// The point a fraction `f` (0 to 1) of the way along a polyline, by length. Allocates
/// nothing: a batch asks this of every packet in flight on every frame.
pub fn along(points: &[Point], f: f64) -> Point {
    let len = |w: &[Point]| (w[1].x - w[0].x).hypot(w[1].y - w[0].y);
    let total: f64 = points.windows(2).map(len).sum();
    let Some(last) = points.last() else {
        return Point::default();
    };
    if total <= f64::EPSILON {
        return *last;
    }
    let mut left = f.clamp(0.0, 1.0) * total;
    for w in points.windows(2) {
        let l = len(w);
        if left <= l {
            return lerp(w[0], w[1], if l > 0.0 { left / l } else { 1.0 });
        }
        left -= l;
    }
    *last
}

impl Route {
    /// Where the packet is at playback position `at`: hop `i` at `at == i`, between hops on the
    /// leg that joins them.
    pub fn at(&self, at: f64) -> Point {
        let Some(last) = self.stops.last() else {
            return Point::default();
        };
        if at <= 0.0 {
            return self.stops[0];
        }
        let at = at.min(self.end as f64);
        let i = at.floor() as usize;
        match self.legs.get(i) {
            Some(leg) => along(leg, at - at.floor()),
            None => *last,
        }
    }

    /// The number of hops.
    pub fn len(&self) -> usize {
        self.stops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stops.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpcplay_core::trace::{Request, trace};

    fn example(name: &str) -> Topology {
        let text = std::fs::read_to_string(format!(
            "{}/../static/examples/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        Topology::from_json(&text).unwrap()
    }

    type Drawn = (
        BTreeMap<String, Rect>,
        BTreeSet<(String, String)>,
        BTreeMap<String, Kind>,
    );

    fn drawn(t: &Topology) -> Drawn {
        let boxes = crate::canvas::layout::layout(t.document());
        let frames = boxes.iter().map(|b| (b.id.clone(), b.frame)).collect();
        let kinds = boxes.iter().map(|b| (b.id.clone(), b.kind)).collect();
        let links = vpcplay_core::edit::links(t.document())
            .into_iter()
            .map(|l| (l.from, l.to))
            .collect();
        (frames, links, kinds)
    }

    #[test]
    fn every_hop_of_a_lattice_trace_has_a_stop_on_a_drawn_object_or_waits() {
        let t = example("lattice-service");
        let flow = &t.document().flows[1];
        let tr = trace(&t, &Request::from(&flow.request));
        let (frames, links, kinds) = drawn(&t);
        let r = route(&t, &tr, &frames, &links, &kinds);
        assert_eq!(r.len(), tr.hops.len());
        assert_eq!(r.legs.len(), tr.hops.len() - 1);
        // The listener and its rule stand on their service; the delivery lands on the target.
        for (h, a) in tr.hops.iter().zip(&r.anchors) {
            match h.kind {
                vpcplay_core::trace::ComponentKind::Listener
                | vpcplay_core::trace::ComponentKind::ListenerRule => {
                    assert_eq!(a.as_deref(), Some("svc-checkout"), "{}", h.component);
                }
                vpcplay_core::trace::ComponentKind::Dns => assert_eq!(a, &None),
                _ => {}
            }
        }
        // Checks on the way leave the packet where it is: it stays at the client until its
        // destination address is known, and a security group check does not send it to the
        // group's box.
        for (i, h) in tr.hops.iter().enumerate().skip(1) {
            if h.packet.destination.is_none()
                || h.kind == vpcplay_core::trace::ComponentKind::SecurityGroup
            {
                assert_eq!(r.stops[i], r.stops[i - 1], "hop {i} {}", h.component);
            }
        }
        assert_eq!(r.anchors.last().unwrap().as_deref(), Some("i-v2"));
        assert_eq!(
            r.end,
            r.len() - 1,
            "a delivered request ends at its last hop"
        );
        assert_eq!(r.at(0.0), r.stops[0]);
        let end = (r.len() - 1) as f64;
        assert_eq!(r.at(end), *r.stops.last().unwrap());
        // Half-way along a leg is on neither stop, unless the leg stays put.
        for i in 0..r.legs.len() {
            let (a, b) = (r.stops[i], r.stops[i + 1]);
            let mid = r.at(i as f64 + 0.5);
            if a != b {
                assert!(mid != a && mid != b, "leg {i}");
            }
            assert_eq!(r.at(i as f64 + 1.0), b);
        }
    }

    #[test]
    fn a_leg_between_connected_objects_follows_the_line() {
        let t = example("lattice-service");
        let (frames, links, kinds) = drawn(&t);
        let tr = trace(&t, &Request::from(&t.document().flows[1].request));
        let r = route(&t, &tr, &frames, &links, &kinds);
        assert!(
            r.legs.iter().any(|l| l.len() == 4),
            "some leg runs along a drawn connection: {:?}",
            r.legs
        );
    }

    #[test]
    fn a_blocked_request_stops_at_the_component_that_blocked_it() {
        let t = example("service-network");
        let flow = t
            .document()
            .flows
            .iter()
            .find(|f| f.name.starts_with("anonymous"))
            .unwrap();
        let tr = trace(&t, &Request::from(&flow.request));
        let (frames, links, kinds) = drawn(&t);
        let r = route(&t, &tr, &frames, &links, &kinds);
        assert_eq!(tr.hops[r.end].component, "sn-shop");
        assert_eq!(r.at(r.len() as f64 + 3.0), r.stops[r.end]);
    }

    #[test]
    fn along_measures_by_length() {
        let pts = [
            Point::new(0.0, 0.0),
            Point::new(10.0, 0.0),
            Point::new(10.0, 30.0),
        ];
        assert_eq!(along(&pts, 0.25), Point::new(10.0, 0.0));
        assert_eq!(along(&pts, 0.5), Point::new(10.0, 10.0));
        assert_eq!(along(&pts, 2.0), Point::new(10.0, 30.0));
        assert_eq!(along(&[], 0.5), Point::default());
    }
}
