//! The application shell: header and canvas.

use leptos::prelude::*;

use crate::canvas::Canvas;

/// The whole playground.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <div class="app">
            <header class="app-header">
                <h1>"vpcplay"</h1>
                <p class="tagline">"AWS private networking, hop by hop"</p>
            </header>
            <Canvas />
        </div>
    }
}
