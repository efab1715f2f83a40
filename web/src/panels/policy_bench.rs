//! The policy test bench under a policy editor: a request typed as text, evaluated by the core
//! against the text in the editor (saved or not). It shows the decision, the statements that
//! decided, and for a deny why each Allow statement did not apply.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use vpcplay_core::json::{Limits, Value};
use vpcplay_core::model::codec::pretty;
use vpcplay_core::policy::{
    DecisionKind, Effect, Request, RequestField, RequestForm, RequestFormError, StatementLabel,
    authorize, explain, parse_policy,
};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// A statement as the bench shows it: its name and, for a deciding one, its text.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    name: String,
    text: String,
}

/// A decision as the bench shows it.
#[derive(Clone, Debug, PartialEq)]
struct Decided {
    kind: DecisionKind,
    /// For an implicit deny, the core's sentence; otherwise empty: the deciding statements say
    /// the rest.
    message: String,
    deciding: Vec<Shown>,
    /// For a deny, each Allow statement and why it did not decide.
    allows: Vec<Shown>,
}

/// What Evaluate found.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// The policy in the editor does not parse.
    Policy(String),
    /// Fields of the request have problems.
    Request(Vec<RequestFormError>),
    /// The core's decision.
    Decided(Decided),
}

/// A statement named as people write it: its Sid, or its index when it has none.
fn name(label: &StatementLabel) -> String {
    match &label.sid {
        Some(sid) => sid.clone(),
        None => format!("statement {}", label.index),
    }
}

/// The statement's JSON, indented, from the policy's text.
fn statement_text(policy: &Value, index: usize) -> String {
    let all = &policy["Statement"];
    let one = match all {
        Value::Array(_) => &all[index],
        single => single,
    };
    pretty(&one.to_string())
}

/// Evaluates the form's request against the policy text.
fn evaluate(policy_text: &str, form: &RequestForm<'_>) -> Outcome {
    let policy = match parse_policy(policy_text.trim()) {
        Ok(p) => p,
        Err(e) => return Outcome::Policy(format!("the policy does not parse: {e}")),
    };
    let request = match Request::from_form(form) {
        Ok(r) => r,
        Err(errors) => return Outcome::Request(errors),
    };
    let policies = [policy];
    let decision = authorize(&policies, &request);
    let explanation = explain(&policies, &request, &decision);
    let value = Value::parse(policy_text.trim(), Limits::POLICY).unwrap_or(Value::Null);
    let deciding = explanation
        .deciding
        .iter()
        .map(|label| Shown {
            name: name(label),
            text: statement_text(&value, label.index),
        })
        .collect();
    let allows = if decision.is_allowed() {
        Vec::new()
    } else {
        explanation
            .statements
            .iter()
            .filter(|s| s.statement.effect == Effect::Allow)
            .map(|s| Shown {
                name: name(&s.statement),
                text: s.message.clone(),
            })
            .collect()
    };
    let message = if explanation.decision == DecisionKind::ImplicitDeny {
        explanation.message
    } else {
        String::new()
    };
    Outcome::Decided(Decided {
        kind: explanation.decision,
        message,
        deciding,
        allows,
    })
}

/// The problems the core found in one field, one a line.
fn problems(outcome: Option<&Outcome>, field: RequestField) -> Option<String> {
    let Some(Outcome::Request(errors)) = outcome else {
        return None;
    };
    let mut text = String::new();
    for e in errors.iter().filter(|e| e.field == field) {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&e.to_string());
    }
    (!text.is_empty()).then_some(text)
}

/// The value of the form's control named `name`.
fn value_of(form: &Element, name: &str) -> String {
    form.query_selector(&format!("[name='{name}']"))
        .ok()
        .flatten()
        // A textarea's `value` is the same property as an input's.
        .map(|e| e.unchecked_into::<HtmlInputElement>().value())
        .unwrap_or_default()
}

/// A field's problems, one a line, and its `aria-invalid`, as the view reads them. One closure
/// type for every field, so the bundle holds one copy of the views that show them.
fn watch(
    outcome: RwSignal<Option<Outcome>>,
    field: RequestField,
) -> (
    impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    impl Fn() -> String + Copy + Send + Sync + 'static,
) {
    let problem = move || outcome.with(|o| problems(o.as_ref(), field));
    (problem, move || problem().is_some().to_string())
}

/// A field's problem, beside it.
fn field_error(
    id: String,
    problem: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl IntoView {
    view! { <p class="field-error" id=id role="alert">{problem}</p> }
}

/// One one-line field of the bench, with the problem the core found in it.
fn bench_input(
    bench: &'static str,
    field: RequestField,
    label: &'static str,
    placeholder: &'static str,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let name = field.as_str();
    let id = format!("bench-{bench}-{name}");
    let error_id = format!("{id}-error");
    let (problem, invalid) = watch(outcome, field);
    view! {
        <div class="bench-field">
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                id=id
                name=name
                spellcheck="false"
                autocomplete="off"
                placeholder=placeholder
                aria-describedby=error_id.clone()
                aria-invalid=invalid
            />
            {field_error(error_id, problem)}
        </div>
    }
}

/// The bench for the policy field `field`, evaluating `policy`, the editor's current text.
#[component]
pub fn PolicyBench(
    /// The policy field's key, such as `auth_policy`: names the inputs.
    field: &'static str,
    /// Reads the text in the policy editor, saved or not, when the person presses Evaluate.
    policy: Callback<(), String>,
) -> impl IntoView {
    let outcome = RwSignal::new(None::<Outcome>);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(form) = ev.target().map(JsCast::unchecked_into::<Element>) else {
            return;
        };
        let [principal, action, resource, context] =
            ["principal", "action", "resource", "context"].map(|name| value_of(&form, name));
        let form = RequestForm {
            principal: &principal,
            action: &action,
            resource: &resource,
            context: &context,
        };
        outcome.set(Some(evaluate(&policy.run(()), &form)));
    };
    let context_id = format!("bench-{field}-context");
    let context_error = format!("{context_id}-error");
    let (context_problem, context_invalid) = watch(outcome, RequestField::Context);
    let policy_problem = move || {
        outcome.with(|o| match o {
            Some(Outcome::Policy(message)) => Some(message.clone()),
            _ => None,
        })
    };
    let decided = move || {
        outcome.with(|o| match o {
            Some(Outcome::Decided(d)) => Some(decision_view(d.clone())),
            _ => None,
        })
    };
    view! {
        <details class="bench" data-bench=field>
            <summary>"Test this policy"</summary>
            <form class="bench-form" on:submit=submit>
                {bench_input(
                    field,
                    RequestField::Principal,
                    "Principal",
                    "arn:aws:iam::123456789012:role/app or anonymous",
                    outcome,
                )}
                {bench_input(
                    field,
                    RequestField::Action,
                    "Action",
                    "vpc-lattice-svcs:Invoke",
                    outcome,
                )}
                {bench_input(
                    field,
                    RequestField::Resource,
                    "Resource ARN",
                    "arn:aws:vpc-lattice:us-east-1:123456789012:service/svc-1",
                    outcome,
                )}
                <div class="bench-field">
                    <label for=context_id.clone()>"Context keys, one key=value a line"</label>
                    <textarea
                        id=context_id
                        name="context"
                        rows="3"
                        spellcheck="false"
                        placeholder="aws:SourceVpc=vpc-1\nvpc-lattice-svcs:RequestMethod=GET"
                        aria-describedby=context_error.clone()
                        aria-invalid=context_invalid
                    ></textarea>
                    {field_error(context_error, context_problem)}
                </div>
                <button type="submit" data-action="evaluate">"Evaluate"</button>
            </form>
            <p class="field-error bench-policy-error" role="alert">{policy_problem}</p>
            {decided}
        </details>
    }
}

/// A list of statements, each with its name and a text: its JSON, or why it did not decide.
fn statement_list(class: &'static str, items: Vec<Shown>) -> impl IntoView {
    view! {
        <ul class=class>
            {items
                .into_iter()
                .map(|s| {
                    view! {
                        <li>
                            <span class="bench-name">{s.name}</span>
                            <span class="bench-text">{s.text}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// A decision: allow, explicit deny or implicit deny, the statements that decided and, for a
/// deny, why each Allow statement did not.
fn decision_view(d: Decided) -> impl IntoView {
    let (attr, words) = match d.kind {
        DecisionKind::Allow => ("allow", "allow"),
        DecisionKind::ExplicitDeny => ("explicit-deny", "explicit deny"),
        DecisionKind::ImplicitDeny => ("implicit-deny", "implicit deny"),
    };
    let allows_head = if d.allows.is_empty() {
        ""
    } else {
        "Allow statements"
    };
    view! {
        <div class="bench-result" role="status">
            <p class="bench-decision" data-decision=attr>{words}</p>
            <p class="bench-message">{d.message}</p>
            {statement_list("bench-deciding", d.deciding)}
            <p class="bench-subhead">{allows_head}</p>
            {statement_list("bench-why-not", d.allows)}
        </div>
    }
}
