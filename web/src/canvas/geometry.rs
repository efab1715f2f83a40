//! Pure canvas geometry: no DOM, no signals, so it is tested on the host.

/// A point in canvas coordinates (CSS pixels at zoom 1).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle in canvas coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub origin: Point,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub const fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Self {
            origin: Point::new(x, y),
            width,
            height,
        }
    }

    /// The right edge.
    pub fn right(&self) -> f64 {
        self.origin.x + self.width
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.origin.y + self.height
    }

    /// Whether `p` lies inside the rectangle or on its edge.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.origin.x && p.x <= self.right() && p.y >= self.origin.y && p.y <= self.bottom()
    }

    /// Whether `inner` lies wholly inside this rectangle (edges may touch).
    pub fn contains_rect(&self, inner: &Rect) -> bool {
        inner.origin.x >= self.origin.x
            && inner.origin.y >= self.origin.y
            && inner.right() <= self.right()
            && inner.bottom() <= self.bottom()
    }

    /// Whether the two share some area (touching edges do not count).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.origin.x < other.right()
            && other.origin.x < self.right()
            && self.origin.y < other.bottom()
            && other.origin.y < self.bottom()
    }

    /// The area, for picking the tightest of several containers.
    pub fn area(&self) -> f64 {
        self.width * self.height
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.origin.x.min(other.origin.x);
        let y = self.origin.y.min(other.origin.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// The rectangle with corners `a` and `b`, in either order (a marquee dragged any way).
    pub fn spanning(a: Point, b: Point) -> Rect {
        let (x, y) = (a.x.min(b.x), a.y.min(b.y));
        Rect::new(x, y, (a.x - b.x).abs(), (a.y - b.y).abs())
    }

    /// The same rectangle moved by `(dx, dy)`.
    pub fn translated(&self, dx: f64, dy: f64) -> Rect {
        Rect::new(
            self.origin.x + dx,
            self.origin.y + dy,
            self.width,
            self.height,
        )
    }
}

/// Something drawn on the canvas, as geometry sees it: an id, its frame, and how deeply it is
/// nested (a region is 0, a VPC inside it 1, a subnet 2, …). Deeper objects are drawn on top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape<Id> {
    pub id: Id,
    pub frame: Rect,
    pub depth: u32,
}

/// The object under the pointer: of all frames holding `p`, the deepest; among equals, the one
/// drawn last (later in `shapes`).
pub fn hit_test<Id: Copy>(shapes: &[Shape<Id>], p: Point) -> Option<Id> {
    shapes
        .iter()
        .enumerate()
        .filter(|(_, s)| s.frame.contains(p))
        .max_by_key(|(i, s)| (s.depth, *i))
        .map(|(_, s)| s.id)
}

/// The objects a marquee selects: those whose frame lies wholly inside `area`, in drawing order.
/// A frame the marquee only touches is left out, as in most drawing tools, so sweeping across a
/// container's children does not pick up the container.
pub fn enclosed<Id: Copy>(shapes: &[Shape<Id>], area: &Rect) -> Vec<Id> {
    shapes
        .iter()
        .filter(|s| area.contains_rect(&s.frame))
        .map(|s| s.id)
        .collect()
}

/// The container a frame dropped at `frame` belongs to: the smallest of the `containers` that
/// holds it wholly, or `None` for the open canvas. `accepts` says which containers may hold it
/// (a subnet goes in a VPC, not in another subnet).
pub fn container_for<Id: Copy>(
    frame: &Rect,
    containers: &[Shape<Id>],
    accepts: impl Fn(Id) -> bool,
) -> Option<Id> {
    containers
        .iter()
        .filter(|c| accepts(c.id) && c.frame.contains_rect(frame))
        .min_by(|a, b| a.frame.area().total_cmp(&b.frame.area()))
        .map(|c| c.id)
}

/// Rounds a point to the nearest grid intersection; a grid of 0 (or less) leaves it alone.
pub fn snap(p: Point, grid: f64) -> Point {
    if !(grid.is_finite() && grid > 0.0) {
        return p;
    }
    Point::new((p.x / grid).round() * grid, (p.y / grid).round() * grid)
}

/// How the canvas is shown: `screen = (canvas - pan) * zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// The canvas point shown at the screen's top-left corner.
    pub pan: Point,
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Self {
            pan: Point::default(),
            zoom: 1.0,
        }
    }
}

impl Viewport {
    /// The smallest and largest zoom a person can reach.
    pub const ZOOM_RANGE: (f64, f64) = (0.1, 4.0);

    /// Canvas coordinates of a screen point (relative to the canvas element).
    pub fn to_canvas(&self, screen: Point) -> Point {
        Point::new(
            screen.x / self.zoom + self.pan.x,
            screen.y / self.zoom + self.pan.y,
        )
    }

    /// Screen coordinates of a canvas point.
    pub fn to_screen(&self, canvas: Point) -> Point {
        Point::new(
            (canvas.x - self.pan.x) * self.zoom,
            (canvas.y - self.pan.y) * self.zoom,
        )
    }

    /// Zooms by `factor` keeping the canvas point under `screen` fixed, as a wheel zoom should.
    pub fn zoom_at(&self, screen: Point, factor: f64) -> Viewport {
        if !(factor.is_finite() && factor > 0.0) {
            return *self;
        }
        let anchor = self.to_canvas(screen);
        let zoom = (self.zoom * factor).clamp(Self::ZOOM_RANGE.0, Self::ZOOM_RANGE.1);
        Viewport {
            pan: Point::new(anchor.x - screen.x / zoom, anchor.y - screen.y / zoom),
            zoom,
        }
    }

    /// The screen transform that turns a picture drawn with `drawn` into this view: the
    /// translation (screen pixels) and scale a CSS `transform` applies, scale first, about the
    /// canvas element's top-left corner. A screen point `s` of `drawn` shows at `s * k + t`.
    pub fn from_drawn(&self, drawn: &Viewport) -> (Point, f64) {
        let k = self.zoom / drawn.zoom;
        let t = Point::new(
            (drawn.pan.x - self.pan.x) * self.zoom,
            (drawn.pan.y - self.pan.y) * self.zoom,
        );
        (t, k)
    }

    /// The viewport that shows all of `content` in a `width`×`height` screen area with `margin`
    /// screen pixels around it, centred, never zooming in past 1.
    pub fn fit(content: Rect, width: f64, height: f64, margin: f64) -> Viewport {
        let avail_w = (width - 2.0 * margin).max(1.0);
        let avail_h = (height - 2.0 * margin).max(1.0);
        let zoom = if content.width <= 0.0 || content.height <= 0.0 {
            1.0
        } else {
            (avail_w / content.width)
                .min(avail_h / content.height)
                .clamp(Self::ZOOM_RANGE.0, 1.0)
        };
        let pan = Point::new(
            content.origin.x - (width / zoom - content.width) / 2.0,
            content.origin.y - (height / zoom - content.height) / 2.0,
        );
        Viewport { pan, zoom }
    }
}

/// Where an object dragged from `start` lands when the pointer has moved from `grab` to `now`,
/// on a canvas shown at `zoom`. Screen deltas shrink as the zoom grows.
pub fn drag_to(start: Point, grab: Point, now: Point, zoom: f64) -> Point {
    let zoom = if zoom.is_finite() && zoom > 0.0 {
        zoom
    } else {
        1.0
    };
    Point::new(
        start.x + (now.x - grab.x) / zoom,
        start.y + (now.y - grab.y) / zoom,
    )
}

/// Keeps an object of size `w`×`h` at `p` wholly inside `bounds` where it fits, else pins it to
/// the top-left corner of the bounds.
pub fn clamp_into(p: Point, w: f64, h: f64, bounds: Rect) -> Point {
    let max_x = (bounds.origin.x + bounds.width - w).max(bounds.origin.x);
    let max_y = (bounds.origin.y + bounds.height - h).max(bounds.origin.y);
    Point::new(
        p.x.clamp(bounds.origin.x, max_x),
        p.y.clamp(bounds.origin.y, max_y),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marquee_spans_its_corners_whichever_way_it_is_dragged() {
        let r = Rect::spanning(Point::new(50.0, 10.0), Point::new(20.0, 40.0));
        assert_eq!(r, Rect::new(20.0, 10.0, 30.0, 30.0));
        assert_eq!(
            r,
            Rect::spanning(r.origin, Point::new(r.right(), r.bottom()))
        );
    }

    #[test]
    fn a_marquee_selects_only_what_it_wholly_encloses() {
        let shape = |id, x, y, w, h| Shape {
            id,
            frame: Rect::new(x, y, w, h),
            depth: 0,
        };
        let shapes = [
            shape(1, 0.0, 0.0, 400.0, 300.0), // a container the marquee sweeps through
            shape(2, 20.0, 40.0, 100.0, 40.0), // inside
            shape(3, 150.0, 40.0, 100.0, 40.0), // half inside
            shape(4, 20.0, 100.0, 100.0, 40.0), // inside, touching the edge
        ];
        let area = Rect::spanning(Point::new(10.0, 30.0), Point::new(200.0, 140.0));
        assert_eq!(enclosed(&shapes, &area), [2, 4]);
        assert!(enclosed(&shapes, &Rect::new(500.0, 500.0, 10.0, 10.0)).is_empty());
    }

    #[test]
    fn drag_follows_the_pointer_at_zoom_one() {
        let p = drag_to(
            Point::new(10.0, 20.0),
            Point::new(100.0, 100.0),
            Point::new(130.0, 90.0),
            1.0,
        );
        assert_eq!(p, Point::new(40.0, 10.0));
    }

    #[test]
    fn drag_scales_with_zoom_and_ignores_bad_zoom() {
        let start = Point::new(0.0, 0.0);
        let grab = Point::new(0.0, 0.0);
        let now = Point::new(100.0, 50.0);
        assert_eq!(drag_to(start, grab, now, 2.0), Point::new(50.0, 25.0));
        assert_eq!(drag_to(start, grab, now, 0.0), Point::new(100.0, 50.0));
        assert_eq!(drag_to(start, grab, now, f64::NAN), Point::new(100.0, 50.0));
    }

    #[test]
    fn clamps_inside_bounds() {
        let bounds = Rect::new(0.0, 0.0, 500.0, 400.0);
        assert_eq!(
            clamp_into(Point::new(-20.0, 390.0), 100.0, 50.0, bounds),
            Point::new(0.0, 350.0)
        );
        assert_eq!(
            clamp_into(Point::new(30.0, 30.0), 900.0, 50.0, bounds),
            Point::new(0.0, 30.0)
        );
    }

    #[test]
    fn hit_test_prefers_the_deepest_then_the_last_drawn() {
        let shapes = [
            Shape {
                id: "vpc",
                frame: Rect::new(0.0, 0.0, 400.0, 300.0),
                depth: 1,
            },
            Shape {
                id: "subnet",
                frame: Rect::new(20.0, 40.0, 200.0, 100.0),
                depth: 2,
            },
            Shape {
                id: "note",
                frame: Rect::new(0.0, 0.0, 50.0, 50.0),
                depth: 1,
            },
        ];
        assert_eq!(hit_test(&shapes, Point::new(30.0, 50.0)), Some("subnet"));
        assert_eq!(hit_test(&shapes, Point::new(10.0, 10.0)), Some("note"));
        assert_eq!(hit_test(&shapes, Point::new(300.0, 250.0)), Some("vpc"));
        assert_eq!(hit_test(&shapes, Point::new(900.0, 900.0)), None);
    }

    #[test]
    fn a_drop_lands_in_the_tightest_accepting_container() {
        let containers = [
            Shape {
                id: "region",
                frame: Rect::new(0.0, 0.0, 1000.0, 800.0),
                depth: 0,
            },
            Shape {
                id: "vpc",
                frame: Rect::new(50.0, 50.0, 500.0, 400.0),
                depth: 1,
            },
            Shape {
                id: "subnet",
                frame: Rect::new(80.0, 100.0, 200.0, 150.0),
                depth: 2,
            },
        ];
        let box_in_subnet = Rect::new(100.0, 120.0, 40.0, 40.0);
        assert_eq!(
            container_for(&box_in_subnet, &containers, |_| true),
            Some("subnet")
        );
        assert_eq!(
            container_for(&box_in_subnet, &containers, |id| id != "subnet"),
            Some("vpc")
        );
        let straddling = Rect::new(500.0, 100.0, 100.0, 50.0);
        assert_eq!(
            container_for(&straddling, &containers, |_| true),
            Some("region")
        );
        assert_eq!(
            container_for(&Rect::new(990.0, 0.0, 50.0, 50.0), &containers, |_| true),
            None
        );
    }

    #[test]
    fn snapping_rounds_to_the_grid() {
        assert_eq!(snap(Point::new(14.0, 26.0), 20.0), Point::new(20.0, 20.0));
        assert_eq!(snap(Point::new(-9.0, 31.0), 20.0), Point::new(-0.0, 40.0));
        assert_eq!(snap(Point::new(14.0, 26.0), 0.0), Point::new(14.0, 26.0));
    }

    #[test]
    fn viewport_round_trips_and_zooms_about_the_pointer() {
        let v = Viewport {
            pan: Point::new(100.0, 50.0),
            zoom: 2.0,
        };
        let p = Point::new(130.0, 70.0);
        assert_eq!(v.to_canvas(v.to_screen(p)), p);
        let screen = Point::new(200.0, 120.0);
        let before = v.to_canvas(screen);
        let zoomed = v.zoom_at(screen, 1.5);
        assert_eq!(zoomed.zoom, 3.0);
        let after = zoomed.to_canvas(screen);
        assert!((after.x - before.x).abs() < 1e-9 && (after.y - before.y).abs() < 1e-9);
        assert_eq!(v.zoom_at(screen, 100.0).zoom, Viewport::ZOOM_RANGE.1);
        assert_eq!(v.zoom_at(screen, f64::NAN), v);
    }

    #[test]
    fn fit_shows_everything_centred() {
        let content = Rect::new(0.0, 0.0, 2000.0, 1000.0);
        let v = Viewport::fit(content, 1000.0, 1000.0, 0.0);
        assert_eq!(v.zoom, 0.5);
        assert_eq!(v.to_screen(Point::new(0.0, 0.0)), Point::new(0.0, 250.0));
        assert_eq!(
            v.to_screen(Point::new(2000.0, 1000.0)),
            Point::new(1000.0, 750.0)
        );
        // Small content is centred at zoom 1, not blown up.
        let small = Viewport::fit(Rect::new(10.0, 10.0, 100.0, 100.0), 1000.0, 800.0, 20.0);
        assert_eq!(small.zoom, 1.0);
        assert_eq!(
            small.to_screen(Point::new(60.0, 60.0)),
            Point::new(500.0, 400.0)
        );
    }

    #[test]
    fn a_drawn_view_moved_by_a_screen_transform_lands_on_the_live_view() {
        let drawn = Viewport {
            pan: Point::new(40.0, -25.0),
            zoom: 0.8,
        };
        let live = drawn
            .zoom_at(Point::new(300.0, 200.0), 1.7)
            .zoom_at(Point::new(90.0, 410.0), 0.6);
        let (t, k) = live.from_drawn(&drawn);
        for canvas in [
            Point::new(0.0, 0.0),
            Point::new(512.0, -77.0),
            Point::new(-3.5, 900.0),
        ] {
            let s = drawn.to_screen(canvas);
            let moved = Point::new(s.x * k + t.x, s.y * k + t.y);
            let want = live.to_screen(canvas);
            assert!((moved.x - want.x).abs() < 1e-9 && (moved.y - want.y).abs() < 1e-9);
        }
        assert_eq!(drawn.from_drawn(&drawn), (Point::new(0.0, 0.0), 1.0));
    }

    #[test]
    fn union_and_translation() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        let b = Rect::new(20.0, -5.0, 10.0, 10.0);
        assert_eq!(a.union(&b), Rect::new(0.0, -5.0, 30.0, 15.0));
        assert_eq!(a.translated(3.0, 4.0), Rect::new(3.0, 4.0, 10.0, 10.0));
    }

    #[test]
    fn rect_contains_edges() {
        let r = Rect::new(10.0, 10.0, 20.0, 20.0);
        assert!(r.contains(Point::new(10.0, 30.0)));
        assert!(!r.contains(Point::new(9.9, 15.0)));
    }
}
