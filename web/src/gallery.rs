//! The gallery: every built-in example as a card (a thumbnail drawn from its layout and one line
//! about it), and the seven concepts compared side by side, each linking to its example. An
//! example opens as a document of its own, never over the reader's saved work.

use leptos::prelude::*;
use vpcplay_core::model::load;

use crate::canvas::geometry::Rect;
use crate::canvas::layout::{bounds, layout};
use crate::panels::toolbar::{EXAMPLES, fetch_text, fit_to_view};
use crate::sim::html::{Html, clicked};
use crate::state::{Editor, Tone};

/// The seven concepts side by side: name, traffic, direction, scope, who owns what, when to use
/// it, the example that shows it and the AWS page that explains it.
pub const CONCEPTS: &[[&str; 8]] = &[
    [
        "VPC endpoint (gateway, interface)",
        "your workloads to an AWS service (S3 and DynamoDB through a gateway endpoint; most others through an interface endpoint)",
        "outbound from your VPC",
        "one VPC; a gateway endpoint only serves its own VPC's route tables",
        "you own the endpoint; AWS owns the service",
        "reach AWS services without an internet gateway or NAT device, and limit what can be reached with an endpoint policy",
        "gateway-endpoint",
        "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    ],
    [
        "VPC endpoint service (PrivateLink)",
        "TCP to a service behind a Network Load Balancer",
        "consumers' interface endpoints into the provider's VPC",
        "across VPCs and accounts, one service per endpoint",
        "the provider owns the service and load balancer and accepts connections; each consumer owns its endpoint",
        "offer one service privately to chosen accounts, with overlapping address ranges allowed",
        "endpoint-service",
        "https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html",
    ],
    [
        "VPC Lattice service network",
        "HTTP, HTTPS, gRPC and TLS to services; TCP to resources",
        "from connected VPCs to every service and resource in the network",
        "many VPCs and accounts; a VPC joins by one association or by service-network endpoints",
        "the network's owner associates services and VPCs and sets its auth policy",
        "connect many clients to many services at once, with one place for access policy",
        "service-network",
        "https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-networks.html",
    ],
    [
        "VPC Lattice service",
        "HTTP, HTTPS, gRPC, or TLS passed through",
        "listener, then rules by priority, then weighted target groups",
        "reachable from every VPC connected to a network it is associated with",
        "the service owner sets listeners, rules and an auth policy",
        "route requests by path, header or method, shift traffic by weight, authorize per request",
        "lattice-service",
        "https://docs.aws.amazon.com/vpc-lattice/latest/ug/services.html",
    ],
    [
        "Target group",
        "what a listener rule forwards to: instances, IP addresses, a Lambda function or an internal ALB",
        "from VPC Lattice to the targets",
        "one VPC (for instance and IP targets) and one service's account",
        "the service owner registers targets and sets health checks",
        "spread requests by round robin over healthy targets; when none is healthy, over all of them",
        "target-groups",
        "https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html",
    ],
    [
        "Resource configuration",
        "TCP to one address or domain name, a group of them, or an RDS database",
        "clients to the resource, on the configured ports only",
        "shared across accounts, reached through a resource endpoint or a service network",
        "the resource owner defines it and decides who may use it",
        "share a database or any TCP resource without sharing the network around it",
        "resource-gateway",
        "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html",
    ],
    [
        "Resource gateway",
        "TCP into the resource's VPC",
        "inbound to the resource owner's VPC; the resource sees the gateway's address",
        "one VPC, spread over its Availability Zones",
        "the resource owner places it and sets its security groups",
        "the way in for every resource configuration of a VPC",
        "resource-gateway",
        "https://docs.aws.amazon.com/vpc/latest/privatelink/resource-gateway.html",
    ],
];

/// A thumbnail of a document: its objects' frames, scaled into a small box, as SVG.
pub fn thumbnail(doc: &vpcplay_core::model::Document) -> String {
    let boxes = layout(doc);
    let mut h = Html::default();
    let Some(all) = bounds(&boxes) else {
        return h.0;
    };
    let (w, hgt) = (200.0, 120.0);
    let scale = (w / all.width.max(1.0)).min(hgt / all.height.max(1.0));
    let _ = std::fmt::Write::write_fmt(
        &mut h.0,
        format_args!("<svg class=\"thumb\" viewBox=\"0 0 {w} {hgt}\" aria-hidden=\"true\">"),
    );
    for b in &boxes {
        let r = Rect::new(
            (b.frame.origin.x - all.origin.x) * scale,
            (b.frame.origin.y - all.origin.y) * scale,
            b.frame.width * scale,
            b.frame.height * scale,
        );
        let kind = vpcplay_core::edit::PALETTE
            .iter()
            .find(|p| p.kind == b.kind)
            .map_or("object", |p| p.name);
        let _ = std::fmt::Write::write_fmt(
            &mut h.0,
            format_args!(
                "<rect class=\"t-{kind}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"2\"></rect>",
                r.origin.x, r.origin.y, r.width, r.height
            ),
        );
    }
    h.0.push_str("</svg>");
    h.0
}

/// The first sentence of a text.
fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(i) => &text[..=i],
        None => text,
    }
}

/// Opens `static/examples/NAME.json` as a document of its own: shown, never autosaved, and the
/// reader's saved work stays where it is.
pub fn open_example(ed: Editor, name: String) {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        ed.say(
            Tone::Error,
            format!("the link asks for the example `{name}`, which is not an example name; your own topology is shown"),
        );
        return;
    }
    ed.scratch.set(Some(name.clone()));
    leptos::task::spawn_local(async move {
        match fetch_text(&format!("examples/{name}.json")).await {
            Ok(text) => match load(&text) {
                Ok(doc) => {
                    let title = doc.name.clone().unwrap_or_else(|| name.clone());
                    ed.open_scratch(doc);
                    ed.scratch.set(Some(format!("Example “{title}”")));
                    ed.say(Tone::Info, format!("opened the example “{title}”"));
                    fit_to_view(ed);
                }
                Err(e) => {
                    ed.scratch.set(None);
                    ed.say(
                        Tone::Error,
                        format!("the example `{name}` could not be opened: {e}"),
                    );
                }
            },
            Err(()) => {
                ed.scratch.set(None);
                ed.say(
                    Tone::Error,
                    format!("there is no example named `{name}`; your own topology is shown"),
                );
            }
        }
    });
}

/// The cards, as HTML, from the fetched documents (file stem, the document).
fn cards_html(docs: &[(String, vpcplay_core::model::Document)]) -> String {
    let mut h = Html::default();
    h.open("ul", &[("class", "cards")]);
    for (stem, doc) in docs {
        let title = doc.name.clone().unwrap_or_else(|| stem.clone());
        let line = doc
            .description
            .as_deref()
            .map(first_sentence)
            .unwrap_or_default();
        let flows = doc.flows.len();
        h.open("li", &[]).open(
            "button",
            &[
                ("type", "button"),
                ("class", "card"),
                ("data-example", stem),
                ("aria-label", &format!("{title}: {line}")),
            ],
        );
        h.0.push_str(&thumbnail(doc));
        h.el("strong", &[], &title)
            .el("span", &[("class", "muted")], line)
            .el(
                "span",
                &[("class", "muted small")],
                &format!("{flows} saved flow{}", if flows == 1 { "" } else { "s" }),
            )
            .close("button")
            .close("li");
    }
    h.close("ul");
    h.0
}

/// The concepts compared, as an HTML table.
fn concepts_html() -> String {
    let mut h = Html::default();
    h.open("table", &[("class", "concepts")])
        .el("caption", &[], "The seven concepts side by side")
        .open("thead", &[])
        .open("tr", &[]);
    for head in [
        "concept",
        "traffic",
        "direction",
        "scope",
        "who owns what",
        "when to use it",
        "see it",
    ] {
        h.el("th", &[("scope", "col")], head);
    }
    h.close("tr").close("thead").open("tbody", &[]);
    for [name, traffic, direction, scope, owns, when, example, url] in CONCEPTS {
        h.open("tr", &[]).open("th", &[("scope", "row")]);
        h.el(
            "a",
            &[("href", url), ("target", "_blank"), ("rel", "noopener")],
            name,
        )
        .close("th");
        for cell in [traffic, direction, scope, owns, when] {
            h.el("td", &[], cell);
        }
        h.open("td", &[])
            .el(
                "button",
                &[
                    ("type", "button"),
                    ("class", "small"),
                    ("data-example", example),
                ],
                "Open the example",
            )
            .close("td")
            .close("tr");
    }
    h.close("tbody").close("table");
    h.0
}

/// The gallery dialog.
#[component]
pub fn Gallery(open: RwSignal<bool>) -> impl IntoView {
    let ed = Editor::get();
    let docs = RwSignal::new(String::new());
    // Fetch the examples the first time the gallery opens.
    Effect::new(move |_| {
        if !open.get() || !docs.with_untracked(String::is_empty) {
            return;
        }
        leptos::task::spawn_local(async move {
            let mut loaded = Vec::new();
            for (file, _) in EXAMPLES {
                if let Ok(text) = fetch_text(&format!("examples/{file}")).await
                    && let Ok(doc) = load(&text)
                {
                    loaded.push((file.trim_end_matches(".json").to_string(), doc));
                }
            }
            docs.set(cards_html(&loaded));
        });
    });
    let close = NodeRef::<leptos::html::Button>::new();
    crate::panels::dialog_focus(open, close);
    let pick = move |ev: web_sys::MouseEvent| {
        if let Some((stem, _)) = clicked(&ev, "data-example") {
            open.set(false);
            open_example(ed, stem);
        }
    };
    view! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="gallery-title" hidden=move || !open.get() on:click=move |_| open.set(false)>
            <div class="overlay-card gallery" data-panel="gallery" on:click=move |ev| { ev.stop_propagation(); pick(ev); }>
                <div class="flows-head">
                    <h2 id="gallery-title">"Gallery: one ready topology per idea"</h2>
                    <button type="button" node_ref=close data-action="close-gallery" on:click=move |_| open.set(false)>"Close"</button>
                </div>
                <p class="muted">"Each example opens on its own, beside your saved work, with flows to run: some pass, some are blocked on purpose."</p>
                <div inner_html=move || docs.get() />
                <div class="concepts-wrap" inner_html=concepts_html() />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_concept_links_an_example_that_exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../static/examples");
        for [name, .., example, url] in CONCEPTS {
            assert!(
                dir.join(format!("{example}.json")).exists(),
                "{name}: {example}"
            );
            assert!(url.starts_with("https://docs.aws.amazon.com/"), "{name}");
        }
        assert_eq!(CONCEPTS.len(), 7);
    }

    #[test]
    fn a_thumbnail_draws_every_object() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../static/examples/lattice-service.json"),
        )
        .unwrap();
        let doc = load(&text).unwrap();
        let svg = thumbnail(&doc);
        assert_eq!(svg.matches("<rect").count(), layout(&doc).len());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
