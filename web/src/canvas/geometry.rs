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

    /// Whether `p` lies inside the rectangle or on its edge.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.origin.x
            && p.x <= self.origin.x + self.width
            && p.y >= self.origin.y
            && p.y <= self.origin.y + self.height
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
    fn rect_contains_edges() {
        let r = Rect::new(10.0, 10.0, 20.0, 20.0);
        assert!(r.contains(Point::new(10.0, 30.0)));
        assert!(!r.contains(Point::new(9.9, 15.0)));
    }
}
