//! The inspector: the selected object's fields, typed per kind, each checked by the core's
//! document format as you type; a policy editor with positions and warnings; and the object's
//! source for everything else.

use leptos::prelude::*;
use vpcplay_core::edit::{self, PALETTE};
use vpcplay_core::json::{Limits, Value};
use vpcplay_core::model::Kind;
use vpcplay_core::policy::{lint, parse_policy};

use crate::icons::icon_svg;
use crate::panels::policy_bench::PolicyBench;
use crate::state::{Editor, Tone, draft_key};

/// How a field is edited.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Input {
    Text,
    /// Comma-separated list of strings (CIDR blocks, subnet ids).
    List,
    Number,
    Flag {
        default: bool,
    },
    Choice(&'static [&'static str]),
    Policy,
}

/// One field of the inspector: its key in the document format, its label, and its input.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Field {
    key: &'static str,
    label: &'static str,
    input: Input,
}

const fn f(key: &'static str, label: &'static str, input: Input) -> Field {
    Field { key, label, input }
}

const AUTH: Input = Input::Choice(&["none", "aws_iam"]);

/// The fields shown for a kind, after the name.
fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Vpc => {
            const F: &[Field] = &[
                f("cidrs", "CIDR blocks", Input::List),
                f(
                    "dns_support",
                    "DNS resolution",
                    Input::Flag { default: true },
                ),
                f(
                    "dns_hostnames",
                    "DNS hostnames",
                    Input::Flag { default: true },
                ),
            ];
            F
        }
        Kind::Subnet => {
            const F: &[Field] = &[
                f("cidr", "CIDR block", Input::Text),
                f("zone", "Availability Zone ID", Input::Text),
            ];
            F
        }
        Kind::Instance => {
            const F: &[Field] = &[
                f(
                    "kind",
                    "Kind",
                    Input::Choice(&["instance", "eni", "ecs_task", "eks_pod"]),
                ),
                f("ip", "Private IP address", Input::Text),
                f("security_groups", "Security groups", Input::List),
                f("role", "IAM role ARN", Input::Text),
            ];
            F
        }
        Kind::Database => {
            const F: &[Field] = &[
                f("port", "Port", Input::Number),
                f(
                    "publicly_accessible",
                    "Publicly accessible",
                    Input::Flag { default: false },
                ),
            ];
            F
        }
        Kind::LoadBalancer => {
            const F: &[Field] = &[
                f("type", "Type", Input::Choice(&["alb", "nlb", "gwlb"])),
                f(
                    "scheme",
                    "Scheme",
                    Input::Choice(&["internal", "internet_facing"]),
                ),
                f("subnets", "Subnets", Input::List),
                f(
                    "proxy_protocol_v2",
                    "Proxy protocol v2 (NLB)",
                    Input::Flag { default: false },
                ),
            ];
            F
        }
        Kind::SecurityGroup => &[],
        Kind::GatewayEndpoint => {
            const F: &[Field] = &[
                f("service", "Service name", Input::Text),
                f("route_tables", "Route tables", Input::List),
                f("policy", "Endpoint policy", Input::Policy),
            ];
            F
        }
        Kind::InterfaceEndpoint => {
            const F: &[Field] = &[
                f("subnets", "Subnets", Input::List),
                f("security_groups", "Security groups", Input::List),
                f("private_dns", "Private DNS", Input::Flag { default: true }),
                f("policy", "Endpoint policy", Input::Policy),
            ];
            F
        }
        Kind::EndpointService => {
            const F: &[Field] = &[
                f(
                    "acceptance_required",
                    "Acceptance required",
                    Input::Flag { default: true },
                ),
                f("allowed_principals", "Allowed principals", Input::List),
                f("private_dns_name", "Private DNS name", Input::Text),
            ];
            F
        }
        Kind::ServiceNetwork => {
            const F: &[Field] = &[
                f("auth_type", "Auth type", AUTH),
                f("auth_policy", "Auth policy", Input::Policy),
            ];
            F
        }
        Kind::ServiceNetworkEndpoint => {
            const F: &[Field] = &[
                f("subnets", "Subnets", Input::List),
                f("security_groups", "Security groups", Input::List),
            ];
            F
        }
        Kind::Service => {
            const F: &[Field] = &[
                f("auth_type", "Auth type", AUTH),
                f("custom_domain", "Custom domain", Input::Text),
                f("auth_policy", "Auth policy", Input::Policy),
            ];
            F
        }
        Kind::TargetGroup => {
            const F: &[Field] = &[
                f(
                    "type",
                    "Target type",
                    Input::Choice(&["instance", "ip", "lambda", "alb"]),
                ),
                f(
                    "protocol",
                    "Protocol",
                    Input::Choice(&["http", "https", "tcp"]),
                ),
                f("port", "Port", Input::Number),
                f("vpc", "VPC", Input::Text),
            ];
            F
        }
        Kind::ResourceGateway => {
            const F: &[Field] = &[
                f("subnets", "Subnets", Input::List),
                f("security_groups", "Security groups", Input::List),
                f(
                    "ip_address_type",
                    "IP address type",
                    Input::Choice(&["ipv4", "ipv6", "dualstack"]),
                ),
            ];
            F
        }
        Kind::ResourceConfiguration => {
            const F: &[Field] = &[
                f(
                    "type",
                    "Type",
                    Input::Choice(&["single", "group", "child", "arn"]),
                ),
                f("protocol", "Protocol", Input::Choice(&["tcp", "udp"])),
                f("port_ranges", "Port ranges", Input::List),
            ];
            F
        }
        Kind::ResourceEndpoint => {
            const F: &[Field] = &[
                f("subnets", "Subnets", Input::List),
                f("security_groups", "Security groups", Input::List),
            ];
            F
        }
        _ => &[],
    }
}

/// The field's current value as the text shown in its input.
fn shown(value: Option<&Value>, input: Input) -> String {
    match (value, input) {
        (None, Input::Flag { default }) => default.to_string(),
        // The options list the format's default first.
        (None, Input::Choice(options)) => options
            .first()
            .map_or_else(String::new, |o| (*o).to_string()),
        (None, _) => String::new(),
        (Some(Value::String(s)), _) => s.clone(),
        (Some(Value::Array(items)), Input::List) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        (Some(v), Input::Policy) => vpcplay_core::model::codec::pretty(&v.to_string()),
        (Some(v), _) => v.to_string(),
    }
}

/// The value an input's text stands for; `Ok(None)` leaves the field out.
fn parsed(text: &str, input: Input) -> Result<Option<Value>, String> {
    let t = text.trim();
    match input {
        Input::Text | Input::Choice(_) if t.is_empty() => Ok(None),
        Input::Text | Input::Choice(_) => Ok(Some(Value::String(t.to_string()))),
        Input::List => Ok(Some(Value::Array(
            t.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| match s.parse::<u64>() {
                    Ok(n) => Value::from(n),
                    Err(_) => Value::String(s.to_string()),
                })
                .collect(),
        ))),
        Input::Number if t.is_empty() => Ok(None),
        Input::Number => t
            .parse::<u64>()
            .map(|n| Some(Value::from(n)))
            .map_err(|_| format!("`{t}` is not a whole number")),
        Input::Flag { .. } => Ok(Some(Value::Bool(t == "true"))),
        Input::Policy if t.is_empty() => Ok(None),
        Input::Policy => {
            parse_policy(t).map_err(|e| e.to_string())?;
            Value::parse(t, Limits::POLICY)
                .map(Some)
                .map_err(|e| format!("the policy is not valid JSON: {e}"))
        }
    }
}

/// One field row: its input, and the error the core gave for the last text typed, if any.
#[component]
fn FieldRow(id: String, field: Field) -> impl IntoView {
    let ed = Editor::get();
    let id_read = id.clone();
    let key = draft_key(&id, field.key);
    let key_read = key.clone();
    // Text that could not be applied stays on screen (and comes back when the object is selected
    // again) until it is fixed or discarded.
    let draft = move || ed.drafts.with(|m| m.get(&key_read).cloned());
    let current = move || {
        draft().unwrap_or_else(|| {
            ed.doc.with(|d| {
                shown(
                    edit::field(d, &id_read, field.key).ok().flatten().as_ref(),
                    field.input,
                )
            })
        })
    };
    let error = RwSignal::new(None::<String>);
    let warnings = RwSignal::new(Vec::<String>::new());
    // Checks the text against the core's document format without changing anything.
    let id_check = id.clone();
    let check = move |text: &str| -> Option<Option<Value>> {
        if field.input == Input::Policy {
            warnings.set(match parse_policy(text.trim()) {
                Ok(p) => lint(&p).iter().map(ToString::to_string).collect(),
                Err(_) => Vec::new(),
            });
        }
        let value = parsed(text, field.input).and_then(|value| {
            let mut probe = ed.doc.get_untracked();
            edit::set_field(&mut probe, &id_check, field.key, value.clone())
                .map(|()| value)
                .map_err(|e| e.to_string())
        });
        match value {
            Ok(v) => {
                error.set(None);
                Some(v)
            }
            Err(e) => {
                error.set(Some(e));
                None
            }
        }
    };
    // Commits the text as one undoable edit when it is valid; else keeps it as a draft.
    let check_then = check.clone();
    let key_commit = key.clone();
    let commit = move |text: String| {
        let Some(value) = check_then(&text) else {
            let key = key_commit.clone();
            ed.drafts.update(|m| {
                m.insert(key, text);
            });
            return;
        };
        if ed.drafts.with_untracked(|m| m.contains_key(&key_commit)) {
            let key = key_commit.clone();
            ed.drafts.update(|m| {
                m.remove(&key);
            });
        }
        let unchanged = ed
            .doc
            .with_untracked(|d| edit::field(d, &id, field.key).ok().flatten() == value);
        if !unchanged {
            let id = id.clone();
            ed.edit(move |d| edit::set_field(d, &id, field.key, value));
        }
    };
    let check_again = check.clone();
    if let Some(text) = ed.drafts.with_untracked(|m| m.get(&key).cloned()) {
        let _ = check_again(&text);
    }
    let check_only = move |text: String| {
        let _ = check(&text);
    };
    let key_discard = key.clone();
    let discard = move |_| {
        let key = key_discard.clone();
        ed.drafts.update(|m| {
            m.remove(&key);
        });
        error.set(None);
        warnings.set(Vec::new());
        ed.say(
            Tone::Info,
            format!("discarded the unsaved `{}` text", field.key),
        );
    };
    let has_draft = {
        let key = key.clone();
        move || ed.drafts.with(|m| m.contains_key(&key))
    };
    // The policy editor, whose text, saved or not, the policy bench evaluates.
    let editor = NodeRef::<leptos::html::Textarea>::new();
    let input_id = format!("field-{}", field.key);
    let described = format!("{input_id}-error");
    let input = match field.input {
        Input::Flag { .. } => view! {
            <input
                type="checkbox"
                id=input_id.clone()
                prop:checked=move || current() == "true"
                on:change=move |ev| commit(event_target_checked(&ev).to_string())
            />
        }
        .into_any(),
        Input::Choice(options) => view! {
            <select
                id=input_id.clone()
                prop:value=current
                on:change=move |ev| commit(event_target_value(&ev))
            >
                {options
                    .iter()
                    .map(|o| view! { <option value=*o>{*o}</option> })
                    .collect_view()}
            </select>
        }
        .into_any(),
        Input::Policy => view! {
            <textarea
                id=input_id.clone()
                class="policy"
                node_ref=editor
                rows="10"
                spellcheck="false"
                aria-describedby=described.clone()
                prop:value=current
                on:input=move |ev| check_only(event_target_value(&ev))
                on:change=move |ev| commit(event_target_value(&ev))
            ></textarea>
        }
        .into_any(),
        _ => view! {
            <input
                type="text"
                id=input_id.clone()
                spellcheck="false"
                aria-describedby=described.clone()
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=current
                on:input=move |ev| check_only(event_target_value(&ev))
                on:change=move |ev| commit(event_target_value(&ev))
            />
        }
        .into_any(),
    };
    view! {
        <div class="field" data-field=field.key>
            <label for=input_id>{field.label}</label>
            {input}
            <p class="field-error" id=described role="alert">
                {move || error.get()}
            </p>
            <Show when=has_draft.clone()>
                <p class="field-draft" data-draft=field.key>
                    "Not applied: this text stays here until it is valid or discarded. "
                    <button type="button" data-action="discard-draft" on:click=discard.clone()>"Discard"</button>
                </p>
            </Show>
            <ul class="field-warnings">
                {move || {
                    warnings
                        .get()
                        .into_iter()
                        .map(|w| view! { <li>{w}</li> })
                        .collect_view()
                }}
            </ul>
            {(field.input == Input::Policy)
                .then(|| {
                    let text = move |()| {
                        editor.get_untracked().map(|e| e.value()).unwrap_or_default()
                    };
                    view! { <PolicyBench field=field.key policy=Callback::new(text) /> }
                })}
        </div>
    }
}

/// The object's whole source, for the fields the form does not show.
#[component]
fn Source(id: String) -> impl IntoView {
    let ed = Editor::get();
    let key = draft_key(&id, "#source");
    let fresh = {
        let id = id.clone();
        move || {
            ed.doc
                .with(|d| edit::object_json(d, &id).unwrap_or_default())
        }
    };
    let kept = ed.drafts.with_untracked(|m| m.get(&key).cloned());
    let open = kept.is_some();
    let text = RwSignal::new(kept.unwrap_or_else(|| fresh.clone()()));
    let has_draft = {
        let key = key.clone();
        move || ed.drafts.with(|m| m.contains_key(&key))
    };
    // The document changed elsewhere: show it, unless text typed here is not applied yet.
    let key_sync = key.clone();
    let fresh_sync = fresh.clone();
    Effect::new(move |_| {
        let now = fresh_sync();
        if !ed.drafts.with_untracked(|m| m.contains_key(&key_sync)) {
            text.set(now);
        }
    });
    let error = RwSignal::new(None::<String>);
    let forget = {
        let key = key.clone();
        move || {
            if ed.drafts.with_untracked(|m| m.contains_key(&key)) {
                let key = key.clone();
                ed.drafts.update(|m| {
                    m.remove(&key);
                });
            }
        }
    };
    let forget_apply = forget.clone();
    let apply = move |_| {
        let body = text.get_untracked();
        let id = id.clone();
        let mut probe = ed.doc.get_untracked();
        match edit::replace_object(&mut probe, &id, &body) {
            Ok(()) => {
                error.set(None);
                forget_apply();
                ed.edit(move |d| edit::replace_object(d, &id, &body));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let key_input = key.clone();
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        text.set(typed.clone());
        let key = key_input.clone();
        ed.drafts.update(|m| {
            m.insert(key, typed);
        });
    };
    let discard = move |_| {
        forget();
        error.set(None);
        text.set(fresh());
        ed.say(Tone::Info, "discarded the unsaved source text");
    };
    view! {
        <details class="source" open=open>
            <summary>"Source (JSON)"</summary>
            <textarea
                rows="12"
                spellcheck="false"
                aria-label="The object as JSON"
                prop:value=move || text.get()
                on:input=on_input
            ></textarea>
            <button on:click=apply>"Apply"</button>
            <Show when=has_draft>
                <p class="field-draft" data-draft="#source">
                    "Not applied yet: this text stays here until it is applied or discarded. "
                    <button type="button" data-action="discard-draft" on:click=discard.clone()>"Discard"</button>
                </p>
            </Show>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </details>
    }
}

/// The fields of one object.
fn object_view(ed: Editor, id: String, kind: Kind) -> impl IntoView {
    let label = PALETTE
        .iter()
        .find(|p| p.kind == kind)
        .map_or("Object", |p| p.label);
    let delete_id = id.clone();
    view! {
        <header>
            {icon_svg(kind)}
            <div>
                <h2>{label}</h2>
                <code class="object-id">{id.clone()}</code>
            </div>
        </header>
        <FieldRow id=id.clone() field=f("name", "Name", Input::Text) />
        {fields(kind)
            .iter()
            .map(|field| view! { <FieldRow id=id.clone() field=*field /> })
            .collect_view()}
        <Source id=id.clone() />
        <button
            class="danger"
            on:click=move |_| {
                let id = delete_id.clone();
                ed.edit(move |d| Ok(edit::delete(d, &[id.as_str()])));
                ed.selection.set(Vec::new());
            }
        >
            "Delete"
        </button>
    }
}

/// The inspector panel.
#[component]
pub fn Inspector() -> impl IntoView {
    let ed = Editor::get();
    let single = Memo::new(move |_| {
        let sel = ed.selection.get();
        match sel.as_slice() {
            [one] => ed.doc.with(|d| {
                edit::drawn(d)
                    .into_iter()
                    .find(|(id, _, _)| id == one)
                    .map(|(id, kind, _)| (id, kind))
            }),
            _ => None,
        }
    });
    let count = move || ed.selection.with(Vec::len);
    view! {
        <aside class="inspector" data-panel="inspector" aria-label="Inspector">
            // Keyed by the object's id, so choosing another object builds fresh inputs instead
            // of patching the previous object's ones.
            <For
                each=move || single.get().into_iter()
                key=|(id, kind)| (id.clone(), *kind)
                children=move |(id, kind)| object_view(ed, id, kind)
            />
            {move || {
                (single.with(Option::is_none))
                    .then(|| {
                        if count() > 1 {
                            view! { <p class="hint">{format!("{} objects selected", count())}</p> }
                                .into_any()
                        } else {
                            view! {
                                <p class="hint">
                                    "Select an object to see its fields. Drag from the palette to place one; drag from an object's dot to another object to connect them."
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </aside>
    }
}
