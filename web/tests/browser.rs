//! Browser tests of the app's components, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

use vpcplay_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    Element, HtmlElement, KeyboardEvent, KeyboardEventInit, PointerEvent, PointerEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element of the test page and returns that element.
fn mount_app() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), App);
    // The app lives as long as the page; unmounting at the end of the test is not wanted.
    handle.forget();
    host
}

fn vpc(host: &HtmlElement) -> Element {
    host.query_selector("[data-object-id='vpc-1']")
        .unwrap()
        .expect("the VPC is drawn")
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

#[wasm_bindgen_test]
async fn the_vpc_label_comes_from_the_core() {
    let host = mount_app();
    leptos::task::tick().await;
    let text = vpc(&host).text_content().unwrap();
    assert!(
        text.contains("10.0.0.0/16 · 65,536 addresses"),
        "label was {text:?}"
    );
    assert!(
        host.query_selector("[data-panel='canvas']")
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn dragging_moves_the_vpc_by_the_pointer_delta() {
    let host = mount_app();
    leptos::task::tick().await;
    let node = vpc(&host);
    assert_eq!(
        node.get_attribute("transform").as_deref(),
        Some("translate(80 60)")
    );
    node.dispatch_event(&pointer("pointerdown", 200, 150))
        .unwrap();
    node.dispatch_event(&pointer("pointermove", 260, 190))
        .unwrap();
    node.dispatch_event(&pointer("pointerup", 260, 190))
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(
        node.get_attribute("transform").as_deref(),
        Some("translate(140 100)")
    );
    // After the pointer is released, moves no longer drag.
    node.dispatch_event(&pointer("pointermove", 400, 400))
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(
        node.get_attribute("transform").as_deref(),
        Some("translate(140 100)")
    );
}

#[wasm_bindgen_test]
async fn arrow_keys_move_the_focused_vpc() {
    let host = mount_app();
    leptos::task::tick().await;
    let node = vpc(&host);
    for key in ["ArrowRight", "ArrowRight", "ArrowDown"] {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        node.dispatch_event(&ev).unwrap();
    }
    leptos::task::tick().await;
    assert_eq!(
        node.get_attribute("transform").as_deref(),
        Some("translate(100 70)")
    );
}

#[wasm_bindgen_test]
fn bad_cidr_text_becomes_a_readable_label() {
    assert_eq!(
        vpcplay_web::canvas::vpc_label("10.0.0.7/16"),
        "`10.0.0.7/16` has host bits set past its prefix length: did you mean `10.0.0.0/16`?"
    );
}
