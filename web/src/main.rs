//! Mounts the playground. Everything else lives in the library so that it can be tested.

fn main() {
    leptos::mount::mount_to_body(vpcplay_web::App);
}
