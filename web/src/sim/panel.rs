//! The side panel's simulation tabs: the request (composer, trace, batch) and the flows (saved
//! flows, who can reach).

use leptos::prelude::*;

use super::batch::BatchPanel;
use super::composer::Composer;
use super::flows::FlowsPanel;
use super::reach::ReachPanel;
use super::trace_panel::TracePanel;

/// The request tab.
#[component]
pub fn RequestTab() -> impl IntoView {
    view! {
        <div class="sim-tab">
            <Composer />
            <TracePanel />
            <BatchPanel />
        </div>
    }
}

/// The flows tab.
#[component]
pub fn FlowsTab() -> impl IntoView {
    view! {
        <div class="sim-tab">
            <FlowsPanel />
            <ReachPanel />
        </div>
    }
}
