//! Browser tests of the app's components, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

use vpcplay_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit,
    PointerEvent, PointerEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app with an empty browser storage, so it starts from the starter topology.
fn mount_app() -> (HtmlElement, impl Drop) {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let document = window.document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    host.style().set_property("height", "700px").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), App);
    struct Unmount<T>(Option<T>, HtmlElement);
    impl<T> Drop for Unmount<T> {
        fn drop(&mut self) {
            drop(self.0.take());
            self.1.remove();
        }
    }
    (host.clone(), Unmount(Some(handle), host))
}

/// Lets the reactive system run every update that is queued (they chain over a few ticks).
async fn settle() {
    for _ in 0..4 {
        leptos::task::tick().await;
    }
}

fn find(host: &HtmlElement, selector: &str) -> Element {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("`{selector}` is drawn"))
}

fn pointer(kind: &str, x: i32, y: i32) -> PointerEvent {
    let init = PointerEventInit::new();
    init.set_pointer_id(7);
    init.set_client_x(x);
    init.set_client_y(y);
    init.set_bubbles(true);
    init.set_button(0);
    PointerEvent::new_with_event_init_dict(kind, &init).unwrap()
}

fn key(target: &Element, name: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(name);
    init.set_bubbles(true);
    let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

fn transform(host: &HtmlElement, id: &str) -> String {
    find(host, &format!("[data-object-id='{id}']"))
        .get_attribute("transform")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_vpc_label_comes_from_the_core() {
    let (host, _app) = mount_app();
    settle().await;
    let text = find(&host, "[data-object-id='vpc-1']")
        .text_content()
        .unwrap();
    assert!(
        text.contains("10.0.0.0/16 · 65,536 addresses"),
        "label was {text:?}"
    );
    find(&host, "[data-panel='canvas']");
    find(&host, "[data-panel='inspector']");
    find(&host, "[data-palette-kind='target_group']");
}

#[wasm_bindgen_test]
async fn dragging_moves_the_vpc_by_the_pointer_delta() {
    let (host, _app) = mount_app();
    settle().await;
    let node = find(&host, "[data-object-id='vpc-1']");
    assert_eq!(transform(&host, "vpc-1"), "translate(80 60)");
    node.dispatch_event(&pointer("pointerdown", 200, 150))
        .unwrap();
    node.dispatch_event(&pointer("pointermove", 260, 190))
        .unwrap();
    node.dispatch_event(&pointer("pointerup", 260, 190))
        .unwrap();
    settle().await;
    assert_eq!(transform(&host, "vpc-1"), "translate(140 100)");
    // After the pointer is released, moves no longer drag.
    let node = find(&host, "[data-object-id='vpc-1']");
    node.dispatch_event(&pointer("pointermove", 400, 400))
        .unwrap();
    settle().await;
    assert_eq!(transform(&host, "vpc-1"), "translate(140 100)");
}

#[wasm_bindgen_test]
async fn arrow_keys_move_the_selection() {
    let (host, _app) = mount_app();
    settle().await;
    let node = find(&host, "[data-object-id='vpc-1']");
    node.dispatch_event(&pointer("pointerdown", 200, 150))
        .unwrap();
    node.dispatch_event(&pointer("pointerup", 200, 150))
        .unwrap();
    settle().await;
    for k in ["ArrowRight", "ArrowRight", "ArrowDown"] {
        key(&find(&host, "[data-object-id='vpc-1']"), k);
        settle().await;
    }
    assert_eq!(transform(&host, "vpc-1"), "translate(100 70)");
}

#[wasm_bindgen_test]
async fn enter_on_the_palette_places_a_subnet_in_the_selected_vpc_and_undo_removes_it() {
    let (host, _app) = mount_app();
    settle().await;
    let vpc = find(&host, "[data-object-id='vpc-1']");
    vpc.dispatch_event(&pointer("pointerdown", 200, 150))
        .unwrap();
    vpc.dispatch_event(&pointer("pointerup", 200, 150)).unwrap();
    settle().await;
    key(&find(&host, "[data-palette-kind='subnet']"), "Enter");
    settle().await;
    let subnet = find(&host, "[data-object-id='subnet-1']");
    assert!(subnet.text_content().unwrap().contains("10.0.0.0/24"));

    // The inspector shows the new subnet; an invalid CIDR is refused with the core's words.
    let input: HtmlInputElement =
        find(&host, "[data-panel='inspector'] [data-field='cidr'] input").unchecked_into();
    assert_eq!(
        input.value(),
        "10.0.0.0/24",
        "{}",
        find(&host, "[data-panel='inspector']").outer_html()
    );
    input.set_value("10.0.0.0/33");
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    settle().await;
    let error = find(&host, "[data-field='cidr'] .field-error")
        .text_content()
        .unwrap();
    assert!(
        error.contains("`10.0.0.0/33` is not a CIDR block"),
        "error was {error:?}"
    );
    assert!(
        find(&host, "[data-object-id='subnet-1']")
            .text_content()
            .unwrap()
            .contains("10.0.0.0/24")
    );

    let undo: HtmlElement = find(&host, "[data-action='undo']").unchecked_into();
    undo.click();
    settle().await;
    assert!(
        host.query_selector("[data-object-id='subnet-1']")
            .unwrap()
            .is_none()
    );
    let redo: HtmlElement = find(&host, "[data-action='redo']").unchecked_into();
    redo.click();
    settle().await;
    find(&host, "[data-object-id='subnet-1']");
}

#[wasm_bindgen_test]
fn bad_cidr_text_becomes_a_readable_label() {
    assert_eq!(
        vpcplay_web::canvas::vpc_label("10.0.0.7/16"),
        "`10.0.0.7/16` has host bits set past its prefix length: did you mean `10.0.0.0/16`?"
    );
}

/// The same document and request give byte-for-byte the same trace in the browser as natively
/// (tests/tests/trace_golden.rs compares the native trace with the same file).
#[wasm_bindgen_test]
fn a_trace_in_wasm_equals_the_native_golden_trace() {
    use vpcplay_core::model::Topology;
    use vpcplay_core::trace::{Request, trace};
    let text =
        include_str!("../../tests/scenarios/s41-resource-configuration-port-range/topology.json");
    let topology = Topology::from_json(text).unwrap();
    let flow = &topology.document().flows[0];
    let got = trace(&topology, &Request::from(&flow.request)).to_json();
    assert_eq!(got, include_str!("../../tests/golden/s41-trace.json"));
}

/// A 1,000-request batch splits the same way in the browser as natively, request by request
/// (tests/tests/trace_golden.rs compares the native run with the same file).
#[wasm_bindgen_test]
fn a_batch_in_wasm_equals_the_native_golden_distribution() {
    use vpcplay_core::model::Topology;
    use vpcplay_core::trace::Request;
    let topology =
        Topology::from_json(include_str!("../../static/examples/lattice-service.json")).unwrap();
    let flow = &topology.document().flows[0];
    let d = vpcplay_core::sim::run(&topology, &Request::from(&flow.request), 1000, 0);
    assert_eq!(
        vpcplay_core::model::codec::to_text(&d),
        include_str!("../../tests/golden/batch-lattice.json")
    );
    // The browser's batch run counts the same split.
    let run = vpcplay_web::sim::batch::run(&topology, &flow.request, 1000);
    assert_eq!(run.distribution, d);
    assert_eq!(
        run.weights,
        [("tg-v1".to_string(), 80), ("tg-v2".to_string(), 20)]
    );
}

/// A link made in the browser is the same text as one made natively, and opens back to the same
/// document (tests/tests/trace_golden.rs compares the native fragment with the same file).
#[wasm_bindgen_test]
fn a_share_fragment_in_wasm_equals_the_native_golden_fragment() {
    let text = include_str!("../../static/examples/lattice-service.json");
    let doc = vpcplay_core::model::load(text).unwrap();
    let fragment = vpcplay_core::share::encode(&doc).unwrap();
    assert_eq!(
        fragment,
        include_str!("../../tests/golden/share-lattice.txt")
    );
    assert_eq!(vpcplay_core::share::decode(&fragment).unwrap(), doc);
}

/// An auth policy with an Allow and a Deny, for the policy bench.
const BENCH_POLICY: &str = r#"{"Version": "2012-10-17", "Statement": [
  {"Sid": "AllowFromVpc1", "Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke",
   "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}},
  {"Sid": "DenyDelete", "Effect": "Deny", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke",
   "Resource": "*", "Condition": {"StringEquals": {"vpc-lattice-svcs:RequestMethod": "DELETE"}}}
]}"#;

const SERVICE_ARN: &str = "arn:aws:vpc-lattice:us-east-1:123456789012:service/svc-1";

/// Mounts the policy bench alone, evaluating `policy`.
fn mount_bench(policy: leptos::prelude::RwSignal<String>) -> (HtmlElement, impl Drop) {
    use leptos::prelude::*;
    use vpcplay_web::panels::policy_bench::PolicyBench;
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        let text = Callback::new(move |()| policy.get_untracked());
        view! { <PolicyBench field="auth_policy" policy=text /> }
    });
    struct Unmount<T>(Option<T>, HtmlElement);
    impl<T> Drop for Unmount<T> {
        fn drop(&mut self) {
            drop(self.0.take());
            self.1.remove();
        }
    }
    (host.clone(), Unmount(Some(handle), host))
}

/// Types a request into the bench and presses Evaluate; gives the decision shown (`None` when
/// there is none) and the text of the whole bench.
async fn evaluate_in_bench(
    host: &HtmlElement,
    [principal, action, resource, context]: [&str; 4],
) -> (Option<String>, String) {
    for (name, value) in [
        ("principal", principal),
        ("action", action),
        ("resource", resource),
        ("context", context),
    ] {
        // A textarea's `value` is the same property as an input's.
        find(host, &format!("[data-bench] [name='{name}']"))
            .unchecked_into::<HtmlInputElement>()
            .set_value(value);
    }
    find(host, "[data-action='evaluate']")
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    let decision = host
        .query_selector("[data-decision]")
        .unwrap()
        .and_then(|e| e.get_attribute("data-decision"));
    (decision, find(host, "[data-bench]").text_content().unwrap())
}

#[wasm_bindgen_test]
async fn the_policy_bench_shows_allow_explicit_deny_and_implicit_deny_with_the_deciding_statement()
{
    let policy = leptos::prelude::RwSignal::new(BENCH_POLICY.to_string());
    let (host, _bench) = mount_bench(policy);
    settle().await;
    let role = "arn:aws:iam::123456789012:role/app";

    let (decision, text) = evaluate_in_bench(
        &host,
        [
            role,
            "vpc-lattice-svcs:Invoke",
            SERVICE_ARN,
            "aws:SourceVpc=vpc-1\nvpc-lattice-svcs:RequestMethod=GET",
        ],
    )
    .await;
    assert_eq!(decision.as_deref(), Some("allow"), "{text}");
    let deciding = find(&host, ".bench-deciding").text_content().unwrap();
    assert!(deciding.contains("AllowFromVpc1"), "{deciding}");
    assert!(
        deciding.contains(r#""aws:SourceVpc": "vpc-1""#),
        "{deciding}"
    );

    let (decision, text) = evaluate_in_bench(
        &host,
        [
            role,
            "vpc-lattice-svcs:Invoke",
            SERVICE_ARN,
            "aws:SourceVpc=vpc-1\nvpc-lattice-svcs:RequestMethod=DELETE",
        ],
    )
    .await;
    assert_eq!(decision.as_deref(), Some("explicit-deny"), "{text}");
    let deciding = find(&host, ".bench-deciding").text_content().unwrap();
    assert!(deciding.contains("DenyDelete"), "{deciding}");
    assert!(!deciding.contains("AllowFromVpc1"), "{deciding}");
    let allows = find(&host, ".bench-why-not").text_content().unwrap();
    assert!(
        allows.contains("AllowFromVpc1applies to the request"),
        "{allows}"
    );

    // Anonymous, from another VPC: nothing allows it.
    let (decision, text) = evaluate_in_bench(
        &host,
        [
            "anonymous",
            "vpc-lattice-svcs:Invoke",
            SERVICE_ARN,
            "aws:SourceVpc=vpc-2",
        ],
    )
    .await;
    assert_eq!(decision.as_deref(), Some("implicit-deny"), "{text}");
    assert!(
        find(&host, ".bench-deciding")
            .text_content()
            .unwrap()
            .is_empty()
    );
    let allows = find(&host, ".bench-why-not").text_content().unwrap();
    assert!(
        allows.contains(
            "condition `StringEquals` on `aws:SourceVpc` with `vpc-1` does not hold for the \
             request's `vpc-2`"
        ),
        "{allows}"
    );
}

#[wasm_bindgen_test]
async fn the_policy_bench_names_bad_input_beside_its_field_and_reads_the_editors_text() {
    let policy = leptos::prelude::RwSignal::new(BENCH_POLICY.to_string());
    let (host, _bench) = mount_bench(policy);
    settle().await;

    let (decision, _) = evaluate_in_bench(
        &host,
        [
            "arn:aws:iam::role/app",
            "vpc-lattice-svcs:Invoke",
            SERVICE_ARN,
            "aws:SourceVpc=vpc-1\naws:SourceVpce vpce-1",
        ],
    )
    .await;
    assert_eq!(decision, None);
    let error = |name: &str| {
        find(&host, &format!("#bench-auth_policy-{name}-error"))
            .text_content()
            .unwrap()
    };
    assert!(
        error("principal").contains("`arn:aws:iam::role/app` is not an ARN: it needs six parts"),
        "{}",
        error("principal")
    );
    assert_eq!(
        error("context"),
        "line 2: `aws:SourceVpce vpce-1` has no `=`: write `key=value`, such as \
         `aws:SourceVpc=vpc-1`"
    );
    assert_eq!(error("action"), "");
    assert_eq!(
        find(&host, "[name='context']").get_attribute("aria-invalid"),
        Some("true".into())
    );

    // The bench evaluates the editor's text as it is now, saved or not.
    leptos::prelude::Set::set(
        &policy,
        String::from(r#"{"Statement": {"Effect": "Alow", "Action": "*"}}"#),
    );
    let (decision, _) = evaluate_in_bench(
        &host,
        ["anonymous", "vpc-lattice-svcs:Invoke", SERVICE_ARN, ""],
    )
    .await;
    assert_eq!(decision, None);
    let message = find(&host, ".bench-policy-error").text_content().unwrap();
    assert!(
        message.starts_with("the policy does not parse:") && message.contains("`Alow`"),
        "{message}"
    );
}

/// Links open with the browser's inflater exactly as with the core's: format 2 (its preset
/// dictionary sent ahead as a stored block) and format 1, and a damaged link is refused with
/// its reason.
#[wasm_bindgen_test]
async fn links_open_with_the_browsers_inflater() {
    use vpcplay_core::share;
    let doc = vpcplay_core::model::synthetic::generate(60, 7);
    let fragment = share::encode(&doc).expect("encodes");
    assert!(fragment.starts_with('2'));
    let opened = vpcplay_web::share::decode(&fragment).await.expect("opens");
    assert_eq!(opened, share::decode(&fragment).expect("core opens"));
    let mut damaged = fragment.clone();
    damaged.truncate(fragment.len() / 2);
    damaged.push_str("AAAAAAAA");
    let err = vpcplay_web::share::decode(&damaged)
        .await
        .expect_err("damaged");
    assert!(err.to_string().starts_with("the link is damaged"), "{err}");
    // Format 1: the compact JSON, raw-deflated without a dictionary.
    let v1 = include_str!("../../tests/golden/share-lattice-v1.txt").trim();
    assert!(v1.starts_with('1'));
    let opened = vpcplay_web::share::decode(v1)
        .await
        .expect("format 1 opens");
    assert_eq!(opened, share::decode(v1).expect("core opens format 1"));
}

/// Hundreds of damaged links (a character changed, added or lost, cut short, or nonsense) each
/// open to some document or are refused with a reason through the browser's inflater; none
/// panics, which in wasm would stop everything.
#[wasm_bindgen_test]
async fn hundreds_of_damaged_links_are_refused_in_the_browser() {
    use vpcplay_core::share;
    let good = share::encode(&vpcplay_core::model::synthetic::generate(40, 2)).expect("encodes");
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_%#!";
    let mut seed: u64 = 7;
    let mut next = |bound: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % bound.max(1)
    };
    let (mut refused, mut opened) = (0, 0);
    for round in 0..300 {
        let mut bytes = good.clone().into_bytes();
        match round % 5 {
            0 => {
                let at = 1 + next(bytes.len() - 1);
                bytes[at] = alphabet[next(alphabet.len())];
            }
            1 => bytes.insert(next(bytes.len() + 1), alphabet[next(alphabet.len())]),
            2 => {
                bytes.remove(next(bytes.len()));
            }
            3 => bytes.truncate(next(bytes.len())),
            _ => {
                bytes = (0..next(200))
                    .map(|_| alphabet[next(alphabet.len())])
                    .collect();
            }
        }
        let fragment = String::from_utf8(bytes).expect("ASCII");
        match vpcplay_web::share::decode(&fragment).await {
            Ok(_) => opened += 1,
            Err(e) => {
                assert!(!e.to_string().is_empty());
                refused += 1;
            }
        }
    }
    assert_eq!(refused + opened, 300);
    assert!(refused >= 250, "{refused} refused, {opened} opened");
}
