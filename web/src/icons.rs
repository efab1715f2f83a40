//! Our own icon for each kind: simple line drawings on a 24×24 grid, drawn in the current
//! text colour so they follow the theme.

use leptos::prelude::*;
use vpcplay_core::model::Kind;

/// The path data of a kind's icon.
pub fn icon_path(kind: Kind) -> &'static str {
    match kind {
        // A cloud with a lock bar: an isolated network.
        Kind::Vpc => "M7 18h10a4 4 0 0 0 0-8 5 5 0 0 0-9.6-1.5A3.8 3.8 0 0 0 7 18zM9 14h6",
        // A slice: a rectangle split in two.
        Kind::Subnet => "M4 6h16v12H4zM12 6v12",
        // A table of arrows.
        Kind::RouteTable => "M4 5h16v14H4zM4 10h16M8 14h8M13 12l3 2-3 2",
        // A shield.
        Kind::SecurityGroup => "M12 3l7 3v5c0 4.5-3 8-7 10-4-2-7-5.5-7-10V6z",
        // A doorway.
        Kind::InternetGateway => "M6 20V6a6 6 0 0 1 12 0v14M3 20h18M12 10v6",
        // A one-way arrow through a wall.
        Kind::NatGateway => "M4 4v16M20 12H8M14 7l6 5-6 5",
        // A server box.
        Kind::Instance => "M5 5h14v6H5zM5 13h14v6H5zM8 8h.01M8 16h.01",
        // A lambda.
        Kind::Lambda => "M6 20l5-9-3-6h3l8 15M4 20h4",
        // A cylinder.
        Kind::Database => {
            "M5 6c0-1.7 3.1-3 7-3s7 1.3 7 3v12c0 1.7-3.1 3-7 3s-7-1.3-7-3zM5 6c0 1.7 3.1 3 7 3s7-1.3 7-3"
        }
        // One line fanning out to three.
        Kind::LoadBalancer => "M3 12h6M9 12l6-6h5M9 12h11M9 12l6 6h5",
        // A route sign.
        Kind::GatewayEndpoint => "M12 3v18M6 6h11l2 2.5-2 2.5H6zM18 13H7l-2 2.5 2 2.5h11",
        // A plug.
        Kind::InterfaceEndpoint => "M9 3v5M15 3v5M6 8h12v3a6 6 0 0 1-12 0zM12 17v4",
        // A socket.
        Kind::EndpointService => "M4 4h16v16H4zM9 10v3M15 10v3M9 16h6",
        // Three joined nodes.
        Kind::ServiceNetwork => {
            "M12 4a2.5 2.5 0 1 0 0 .1M5 17a2.5 2.5 0 1 0 0 .1M19 17a2.5 2.5 0 1 0 0 .1M11 6.3L6 15M13 6.3l5 8.7M7.5 18h9"
        }
        // A plug into a network node.
        Kind::ServiceNetworkEndpoint => "M4 12h6M10 8v8M14 12a4 4 0 1 0 8 0 4 4 0 1 0-8 0",
        // A hexagon: a service.
        Kind::Service => "M12 3l8 4.5v9L12 21l-8-4.5v-9zM9 12h6",
        // A bullseye.
        Kind::TargetGroup => "M12 3a9 9 0 1 0 .1 0M12 7a5 5 0 1 0 .1 0M12 11a1 1 0 1 0 .1 0",
        // A gate with bars.
        Kind::ResourceGateway => "M4 20V8l8-5 8 5v12M8 20v-8M12 20v-8M16 20v-8",
        // A gear-like cog: a configured resource.
        Kind::ResourceConfiguration => {
            "M12 8a4 4 0 1 0 .1 0M12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M5 19l2-2M17 7l2-2"
        }
        // A pin into a box.
        Kind::ResourceEndpoint => "M4 10h16v10H4zM12 3v10M9 10l3 3 3-3",
        _ => "M5 5h14v14H5z",
    }
}

/// The icon of a kind as an SVG group, `size` pixels square, its top-left at `(x, y)`.
pub fn icon(kind: Kind, x: f64, y: f64, size: f64) -> impl IntoView {
    let scale = size / 24.0;
    view! {
        <g class="icon" transform=format!("translate({x} {y}) scale({scale})") aria-hidden="true">
            <path d=icon_path(kind) />
        </g>
    }
}

/// The icon as a standalone `<svg>`, for the palette.
pub fn icon_svg(kind: Kind) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
            <path d=icon_path(kind) />
        </svg>
    }
}
