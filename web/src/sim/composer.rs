//! The request composer: where a request starts and goes, how, and who sends it. Everything the
//! command line's `trace` can say, the form can say; the core checks it field by field.

use leptos::prelude::*;
use vpcplay_core::edit;
use vpcplay_core::model::Kind;
use vpcplay_core::trace::compose::{Draft, Field};

use super::Sim;
use crate::state::{Editor, Tone};

/// The message for `field`, if the last check found one.
fn error_of(sim: Sim, field: Field) -> Option<String> {
    sim.errors.with(|es| {
        es.iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    })
}

/// One labelled text input bound to a field of the draft.
fn text_field(
    sim: Sim,
    field: Field,
    label: &'static str,
    placeholder: &'static str,
    list: Option<&'static str>,
    get: fn(&Draft) -> String,
    set: fn(&mut Draft, String),
) -> impl IntoView {
    let name = field.as_str();
    let id = format!("req-{name}");
    let err_id = format!("req-{name}-error");
    let err = move || error_of(sim, field);
    let for_id = id.clone();
    let described = err_id.clone();
    view! {
        <label class="field" for=for_id>
            <span>{label}</span>
            <input
                id=id
                type="text"
                data-field=name
                list=list
                placeholder=placeholder
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || if err().is_some() { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || sim.draft.with(get)
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    sim.draft.update(|d| set(d, v));
                }
            />
            <span class="field-error" id=err_id data-error-for=name role="alert">{err}</span>
        </label>
    }
}

/// The ids a request can start at, and every drawn object a request can go to.
fn candidates(ed: Editor) -> (Vec<String>, Vec<String>) {
    ed.doc.with(|d| {
        let drawn = edit::drawn(d);
        let sources = drawn
            .iter()
            .filter(|(_, k, _)| matches!(k, Kind::Instance | Kind::Lambda | Kind::Subnet))
            .map(|(id, _, _)| id.clone())
            .collect();
        let targets = drawn
            .into_iter()
            .filter(|(_, k, _)| !matches!(k, Kind::Vpc | Kind::RouteTable | Kind::SecurityGroup))
            .map(|(id, _, _)| id)
            .collect();
        (sources, targets)
    })
}

/// The request composer.
#[component]
pub fn Composer() -> impl IntoView {
    let ed = Editor::get();
    let sim = Sim::get();
    let lists = Memo::new(move |_| candidates(ed));
    let http = move || {
        sim.draft
            .with(|d| matches!(d.protocol.as_str(), "" | "http" | "https" | "grpc"))
    };
    let use_selected = move |to: bool| {
        let sel = ed.selection.get_untracked();
        match sel.as_slice() {
            [one] => sim.draft.update(|d| {
                if to {
                    d.to.clone_from(one);
                } else {
                    d.from.clone_from(one);
                }
            }),
            _ => {
                sim.picking.set(!to);
                ed.say(
                    Tone::Info,
                    if to {
                        "select one object on the canvas first, then choose “use selected”"
                    } else {
                        "click the object the request starts at"
                    },
                );
            }
        }
    };
    let signed_err = move || error_of(sim, Field::Protocol);
    view! {
        <form
            class="composer"
            data-panel="composer"
            aria-label="Request"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                sim.send(ed);
            }
        >
            <datalist id="req-sources">
                {move || lists.with(|(s, _)| s.iter().map(|id| view! { <option value=id.clone() /> }).collect_view())}
            </datalist>
            <datalist id="req-targets">
                {move || lists.with(|(_, t)| t.iter().map(|id| view! { <option value=id.clone() /> }).collect_view())}
            </datalist>
            {move || sim.blocked.get().map(|b| view! { <p class="notice notice-error" role="alert">{b}</p> })}
            <div class="field-row">
                {text_field(sim, Field::From, "From", "an instance, Lambda or subnet", Some("req-sources"), |d| d.from.clone(), |d, v| d.from = v)}
                <button
                    type="button"
                    class="small"
                    data-action="pick-source"
                    class:active=move || sim.picking.get()
                    title="Use the selected object, or click one on the canvas"
                    on:click=move |_| use_selected(false)
                >
                    "Pick"
                </button>
            </div>
            <div class="field-row">
                {text_field(sim, Field::To, "To", "an object, DNS name or IP", Some("req-targets"), |d| d.to.clone(), |d, v| d.to = v)}
                <button
                    type="button"
                    class="small"
                    data-action="pick-destination"
                    title="Use the selected object"
                    on:click=move |_| use_selected(true)
                >
                    "Pick"
                </button>
            </div>
            <div class="field-row">
                <label class="field" for="req-protocol">
                    <span>"Protocol"</span>
                    <select
                        id="req-protocol"
                        data-field="protocol"
                        prop:value=move || sim.draft.with(|d| d.protocol.clone())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            sim.draft.update(|d| d.protocol = v);
                        }
                    >
                        {["http", "https", "grpc", "tls", "tcp", "udp"]
                            .into_iter()
                            .map(|p| view! { <option value=p>{p.to_uppercase()}</option> })
                            .collect_view()}
                    </select>
                    <span class="field-error" data-error-for="protocol" role="alert">{signed_err}</span>
                </label>
                {text_field(sim, Field::Port, "Port", "default", None, |d| d.port.clone(), |d, v| d.port = v)}
            </div>
            <Show when=http>
                <div class="field-row">
                    {text_field(sim, Field::Method, "Method", "GET", None, |d| d.method.clone(), |d, v| d.method = v)}
                    {text_field(sim, Field::Path, "Path", "/", None, |d| d.path.clone(), |d, v| d.path = v)}
                </div>
                {text_field(sim, Field::Query, "Query", "a=1&b=2", None, |d| d.query.clone(), |d, v| d.query = v)}
                <label class="field" for="req-headers">
                    <span>"Headers (one “Name: value” a line)"</span>
                    <textarea
                        id="req-headers"
                        data-field="headers"
                        rows="2"
                        spellcheck="false"
                        aria-invalid=move || if error_of(sim, Field::Headers).is_some() { "true" } else { "false" }
                        aria-describedby="req-headers-error"
                        prop:value=move || sim.draft.with(|d| d.headers.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            sim.draft.update(|d| d.headers = v);
                        }
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                                ev.prevent_default();
                                sim.send(ed);
                            }
                        }
                    />
                    <span class="field-error" id="req-headers-error" data-error-for="headers" role="alert">
                        {move || error_of(sim, Field::Headers)}
                    </span>
                </label>
            </Show>
            <details class="caller">
                <summary>"Caller"</summary>
                {text_field(sim, Field::Principal, "Principal", "anonymous, or an IAM ARN", None, |d| d.principal.clone(), |d, v| d.principal = v)}
                <label class="check">
                    <input
                        type="checkbox"
                        data-field="signed"
                        prop:checked=move || sim.draft.with(|d| d.signed.unwrap_or(!d.principal.trim().is_empty() && d.principal.trim() != "anonymous"))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            sim.draft.update(|d| d.signed = Some(on));
                        }
                    />
                    "Signed with SigV4"
                </label>
                <label class="field" for="req-principal_tags">
                    <span>"Principal tags (one “key=value” a line)"</span>
                    <textarea
                        id="req-principal_tags"
                        data-field="principal_tags"
                        rows="2"
                        spellcheck="false"
                        aria-invalid=move || if error_of(sim, Field::PrincipalTags).is_some() { "true" } else { "false" }
                        aria-describedby="req-principal_tags-error"
                        prop:value=move || sim.draft.with(|d| d.principal_tags.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            sim.draft.update(|d| d.principal_tags = v);
                        }
                    />
                    <span class="field-error" id="req-principal_tags-error" data-error-for="principal_tags" role="alert">
                        {move || error_of(sim, Field::PrincipalTags)}
                    </span>
                </label>
                {text_field(sim, Field::PrincipalOrgId, "Organization id", "the account's", None, |d| d.principal_org_id.clone(), |d, v| d.principal_org_id = v)}
                <label class="check">
                    <input
                        type="checkbox"
                        data-field="principal_is_aws_service"
                        prop:checked=move || sim.draft.with(|d| d.principal_is_aws_service == Some(true))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            sim.draft.update(|d| d.principal_is_aws_service = on.then_some(true));
                        }
                    />
                    "The caller is an AWS service"
                </label>
                <div class="field-row">
                    {text_field(sim, Field::Account, "Account", "the source's", None, |d| d.account.clone(), |d, v| d.account = v)}
                    {text_field(sim, Field::SourceIp, "Source IP", "the source's", None, |d| d.source_ip.clone(), |d, v| d.source_ip = v)}
                </div>
                {text_field(sim, Field::Seed, "Seed", "0", None, |d| d.seed.clone(), |d, v| d.seed = v)}
            </details>
            <div class="actions">
                <button type="submit" class="primary" data-action="send">"Send"</button>
                <button type="button" data-action="batch-100" title="Send 100 copies, one seed each" on:click=move |_| sim.send_batch(ed, 100)>"×100"</button>
                <button type="button" data-action="batch-1000" title="Send 1,000 copies, one seed each" on:click=move |_| sim.send_batch(ed, 1000)>"×1000"</button>
                <super::flows::SaveFlow />
            </div>
        </form>
    }
}
