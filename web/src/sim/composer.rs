//! The request composer: where a request starts and goes, how, and who sends it. Everything the
//! command line's `trace` can say, the form can say; the core checks it field by field.
//!
//! The form is plain HTML written once from a table of its fields, and read back when it is
//! sent: the page's inputs hold what is typed, and the draft signal fills them when a request
//! comes from elsewhere (a saved flow, a picked object). One small component instead of a
//! reactive view per field keeps the bundle small.

use leptos::prelude::*;
use vpcplay_core::edit;
use vpcplay_core::model::Kind;
use vpcplay_core::trace::compose::{Draft, Field};
use wasm_bindgen::JsCast;

use super::Sim;
use super::html::{Html, clicked};
use crate::state::{Editor, Tone};

/// How a field is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Input {
    Text(&'static str),
    /// A text input offering the ids of a datalist.
    Listed(&'static str, &'static str),
    Area,
    Protocol,
}

/// The form's fields, in order: the field, its label, its input and the group it belongs to
/// (`""` always shown, `http` for HTTP requests only, `caller` under "Caller").
const FIELDS: &[(Field, &str, Input, &str)] = &[
    (
        Field::From,
        "From",
        Input::Listed("an instance, Lambda or subnet", "req-sources"),
        "",
    ),
    (
        Field::To,
        "To",
        Input::Listed("an object, DNS name or IP", "req-targets"),
        "",
    ),
    (Field::Protocol, "Protocol", Input::Protocol, ""),
    (Field::Port, "Port", Input::Text("the protocol's"), ""),
    (Field::Method, "Method", Input::Text("GET"), "http"),
    (Field::Path, "Path", Input::Text("/"), "http"),
    (Field::Query, "Query", Input::Text("a=1&b=2"), "http"),
    (
        Field::Headers,
        "Headers (one “Name: value” a line)",
        Input::Area,
        "http",
    ),
    (
        Field::Principal,
        "Principal",
        Input::Text("anonymous, or an IAM ARN"),
        "caller",
    ),
    (
        Field::PrincipalTags,
        "Principal tags (one “key=value” a line)",
        Input::Area,
        "caller",
    ),
    (
        Field::PrincipalOrgId,
        "Organization id",
        Input::Text("the account's"),
        "caller",
    ),
    (
        Field::Account,
        "Account",
        Input::Text("the source's"),
        "caller",
    ),
    (
        Field::SourceIp,
        "Source IP",
        Input::Text("the source's"),
        "caller",
    ),
    (Field::Seed, "Seed", Input::Text("0"), "caller"),
];

const PROTOCOLS: &[(&str, &str)] = &[
    ("http", "HTTP"),
    ("https", "HTTPS"),
    ("grpc", "gRPC"),
    ("tls", "TLS"),
    ("tcp", "TCP"),
    ("udp", "UDP"),
];

/// The text of a field in a draft.
fn get(d: &Draft, f: Field) -> &str {
    match f {
        Field::From => &d.from,
        Field::To => &d.to,
        Field::Protocol => &d.protocol,
        Field::Port => &d.port,
        Field::Method => &d.method,
        Field::Path => &d.path,
        Field::Query => &d.query,
        Field::Headers => &d.headers,
        Field::Principal => &d.principal,
        Field::PrincipalTags => &d.principal_tags,
        Field::PrincipalOrgId => &d.principal_org_id,
        Field::Account => &d.account,
        Field::SourceIp => &d.source_ip,
        Field::Seed => &d.seed,
    }
}

fn set(d: &mut Draft, f: Field, v: String) {
    let slot = match f {
        Field::From => &mut d.from,
        Field::To => &mut d.to,
        Field::Protocol => &mut d.protocol,
        Field::Port => &mut d.port,
        Field::Method => &mut d.method,
        Field::Path => &mut d.path,
        Field::Query => &mut d.query,
        Field::Headers => &mut d.headers,
        Field::Principal => &mut d.principal,
        Field::PrincipalTags => &mut d.principal_tags,
        Field::PrincipalOrgId => &mut d.principal_org_id,
        Field::Account => &mut d.account,
        Field::SourceIp => &mut d.source_ip,
        Field::Seed => &mut d.seed,
    };
    *slot = v;
}

fn field_html(h: &mut Html, f: Field, label: &str, input: Input) {
    let name = f.as_str();
    let id = format!("req-{name}");
    let err = format!("req-{name}-error");
    h.open("label", &[("class", "field"), ("for", &id)])
        .el("span", &[], label);
    let mut attrs = vec![
        ("id", id.as_str()),
        ("data-field", name),
        ("aria-describedby", err.as_str()),
        ("aria-invalid", "false"),
        ("spellcheck", "false"),
        ("autocomplete", "off"),
    ];
    match input {
        Input::Text(hint) => {
            attrs.push(("type", "text"));
            attrs.push(("placeholder", hint));
            h.open("input", &attrs);
        }
        Input::Listed(hint, list) => {
            attrs.push(("type", "text"));
            attrs.push(("placeholder", hint));
            attrs.push(("list", list));
            h.open("input", &attrs);
        }
        Input::Area => {
            attrs.push(("rows", "2"));
            h.open("textarea", &attrs).close("textarea");
        }
        Input::Protocol => {
            h.open("select", &attrs[..2]);
            for (v, t) in PROTOCOLS {
                h.el("option", &[("value", v)], t);
            }
            h.close("select");
        }
    }
    h.el(
        "span",
        &[
            ("class", "field-error"),
            ("id", &err),
            ("data-error-for", name),
            ("role", "alert"),
        ],
        "",
    )
    .close("label");
}

/// The whole form, as HTML.
fn form_html() -> String {
    let mut h = Html::default();
    h.open("datalist", &[("id", "req-sources")])
        .close("datalist");
    h.open("datalist", &[("id", "req-targets")])
        .close("datalist");
    let mut group = "";
    for (i, (f, label, input, g)) in FIELDS.iter().enumerate() {
        if *g != group {
            match *g {
                "http" => {
                    h.open("div", &[("class", "http-fields")]);
                }
                "caller" => {
                    h.close("div");
                    h.open("details", &[("class", "caller")])
                        .el("summary", &[], "Caller");
                    h.open("label", &[("class", "check")])
                        .open("input", &[("type", "checkbox"), ("data-field", "signed")])
                        .text("Signed with SigV4")
                        .close("label");
                    h.open("label", &[("class", "check")])
                        .open(
                            "input",
                            &[
                                ("type", "checkbox"),
                                ("data-field", "principal_is_aws_service"),
                            ],
                        )
                        .text("The caller is an AWS service")
                        .close("label");
                }
                _ => {}
            }
            group = g;
        }
        // Source and destination each have a "Pick" beside them; the rest go two by two.
        let pair = matches!(f, Field::Protocol | Field::Method | Field::Account);
        let single = matches!(f, Field::From | Field::To);
        if single || pair {
            h.open("div", &[("class", "field-row")]);
        }
        field_html(&mut h, *f, label, *input);
        if single {
            let action = if *f == Field::From {
                "pick-source"
            } else {
                "pick-destination"
            };
            h.el(
                "button",
                &[
                    ("type", "button"),
                    ("class", "small"),
                    ("data-action", action),
                    (
                        "title",
                        "Use the selected object, or click one on the canvas",
                    ),
                ],
                "Pick",
            );
        }
        let next_pairs = FIELDS
            .get(i.wrapping_sub(1))
            .is_some_and(|(p, ..)| matches!(p, Field::Protocol | Field::Method | Field::Account));
        if single || next_pairs {
            h.close("div");
        }
    }
    h.close("details");
    h.open("div", &[("class", "actions")]);
    h.el(
        "button",
        &[
            ("type", "submit"),
            ("class", "primary"),
            ("data-action", "send"),
        ],
        "Send",
    );
    h.el(
        "button",
        &[
            ("type", "button"),
            ("data-action", "batch-100"),
            ("title", "Send 100 copies, one seed each"),
        ],
        "×100",
    );
    h.el(
        "button",
        &[
            ("type", "button"),
            ("data-action", "batch-1000"),
            ("title", "Send 1,000 copies, one seed each"),
        ],
        "×1000",
    );
    h.close("div");
    h.0
}

fn form() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .query_selector("[data-panel='composer']")
        .ok()?
}

fn control(form: &web_sys::Element, name: &str) -> Option<web_sys::Element> {
    form.query_selector(&format!("[data-field='{name}']"))
        .ok()?
}

fn value_of(el: &web_sys::Element) -> String {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.value()
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.value()
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

fn set_value(el: &web_sys::Element, v: &str) {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(v);
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(v);
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.set_value(v);
    }
}

fn checked(form: &web_sys::Element, name: &str) -> Option<web_sys::HtmlInputElement> {
    control(form, name)?.dyn_into().ok()
}

/// The form as typed.
pub fn read() -> Draft {
    let mut d = Draft::default();
    let Some(form) = form() else {
        return d;
    };
    for (f, ..) in FIELDS {
        if let Some(el) = control(&form, f.as_str()) {
            set(&mut d, *f, value_of(&el));
        }
    }
    let default_signed = !d.principal.trim().is_empty() && d.principal.trim() != "anonymous";
    d.signed = checked(&form, "signed")
        .map(|c| c.checked())
        .filter(|on| *on != default_signed);
    d.principal_is_aws_service =
        checked(&form, "principal_is_aws_service").and_then(|c| c.checked().then_some(true));
    d
}

/// Fills the form with a draft.
fn fill(form: &web_sys::Element, d: &Draft) {
    for (f, ..) in FIELDS {
        if let Some(el) = control(form, f.as_str()) {
            let v = get(d, *f);
            set_value(
                &el,
                if *f == Field::Protocol && v.is_empty() {
                    "http"
                } else {
                    v
                },
            );
        }
    }
    let default_signed = !d.principal.trim().is_empty() && d.principal.trim() != "anonymous";
    if let Some(c) = checked(form, "signed") {
        c.set_checked(d.signed.unwrap_or(default_signed));
    }
    if let Some(c) = checked(form, "principal_is_aws_service") {
        c.set_checked(d.principal_is_aws_service == Some(true));
    }
    show_http(form);
}

/// Shows the HTTP fields only for HTTP, HTTPS and gRPC.
fn show_http(form: &web_sys::Element) {
    let http = control(form, "protocol")
        .is_some_and(|p| matches!(value_of(&p).as_str(), "http" | "https" | "grpc"));
    if let Ok(Some(g)) = form.query_selector(".http-fields") {
        let _ = if http {
            g.remove_attribute("hidden")
        } else {
            g.set_attribute("hidden", "")
        };
    }
}

/// The ids a request can start at, and every drawn object a request can go to, as datalist
/// options.
fn options(ed: Editor) -> (String, String) {
    ed.doc.with(|d| {
        let (mut sources, mut targets) = (Html::default(), Html::default());
        for (id, k, _) in edit::drawn(d) {
            if matches!(k, Kind::Instance | Kind::Lambda | Kind::Subnet) {
                sources.open("option", &[("value", &id)]);
            }
            if !matches!(k, Kind::Vpc | Kind::RouteTable | Kind::SecurityGroup) {
                targets.open("option", &[("value", &id)]);
            }
        }
        (sources.0, targets.0)
    })
}

/// The request composer.
#[component]
pub fn Composer() -> impl IntoView {
    let ed = Editor::get();
    let sim = Sim::get();
    // A draft set from elsewhere fills the form; what is typed stays in the form until sent.
    Effect::new(move |_| {
        let d = sim.draft.get();
        request_animation_frame(move || {
            if let Some(f) = form() {
                fill(&f, &d);
            }
        });
    });
    // The findings of the last check, each beside its field.
    Effect::new(move |_| {
        let errors = sim.errors.get();
        let Some(f) = form() else {
            return;
        };
        for (field, ..) in FIELDS {
            let name = field.as_str();
            let message = errors
                .iter()
                .find(|e| e.field == *field)
                .map(|e| e.message.as_str());
            if let Ok(Some(span)) = f.query_selector(&format!("[data-error-for='{name}']")) {
                span.set_text_content(message);
            }
            if let Some(el) = control(&f, name) {
                let _ = el.set_attribute(
                    "aria-invalid",
                    if message.is_some() { "true" } else { "false" },
                );
            }
        }
    });
    Effect::new(move |_| {
        let (sources, targets) = options(ed);
        if let Some(f) = form() {
            if let Ok(Some(l)) = f.query_selector("#req-sources") {
                l.set_inner_html(&sources);
            }
            if let Ok(Some(l)) = f.query_selector("#req-targets") {
                l.set_inner_html(&targets);
            }
        }
    });
    let use_selected = move |to: bool| {
        let sel = ed.selection.get_untracked();
        let mut d = read();
        match sel.as_slice() {
            [one] => {
                if to {
                    d.to.clone_from(one);
                } else {
                    d.from.clone_from(one);
                }
                sim.draft.set(d);
            }
            _ if to => ed.say(
                Tone::Info,
                "select one object on the canvas first, then choose “Pick”",
            ),
            _ => {
                sim.draft.set(d);
                sim.picking.set(true);
                ed.say(Tone::Info, "click the object the request starts at");
            }
        }
    };
    let on_click =
        move |ev: web_sys::MouseEvent| match clicked(&ev, "data-action").map(|(a, _)| a).as_deref()
        {
            Some("pick-source") => use_selected(false),
            Some("pick-destination") => use_selected(true),
            Some("batch-100") => sim.send_batch(ed, 100),
            Some("batch-1000") => sim.send_batch(ed, 1000),
            _ => {}
        };
    view! {
        {move || sim.blocked.get().map(|b| view! { <p class="notice notice-error" role="alert">{b}</p> })}
        <form
            class="composer"
            data-panel="composer"
            aria-label="Request"
            novalidate
            inner_html=form_html()
            on:submit=move |ev| {
                ev.prevent_default();
                sim.send(ed);
            }
            on:click=on_click
            on:change=move |ev| {
                if let Some(f) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                    show_http(&f);
                }
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                let area = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|t| t.tag_name() == "TEXTAREA");
                if area && ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                    ev.prevent_default();
                    sim.send(ed);
                }
            }
        />
        <div class="actions save-row">
            <super::flows::SaveFlow />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_has_every_field_once_with_its_error_slot() {
        let html = form_html();
        for (f, ..) in FIELDS {
            let name = f.as_str();
            assert_eq!(
                html.matches(&format!("data-field=\"{name}\"")).count(),
                1,
                "{name}"
            );
            assert!(
                html.contains(&format!("data-error-for=\"{name}\"")),
                "{name}"
            );
        }
        assert!(html.contains("placeholder=\"GET\""));
        assert!(html.contains("list=\"req-sources\""));
        assert_eq!(html.matches("<div").count(), html.matches("</div>").count());
        assert_eq!(
            html.matches("<label").count(),
            html.matches("</label>").count()
        );
    }
}
