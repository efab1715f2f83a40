//! The list of findings from the core's validation. Clicking one selects its object.

use leptos::prelude::*;
use vpcplay_core::edit;
use vpcplay_core::model::Severity;

use crate::state::Editor;

/// The diagnostics panel.
#[component]
pub fn Diagnostics() -> impl IntoView {
    let ed = Editor::get();
    let summary = move || {
        ed.diagnostics.with(|ds| {
            let errors = ds.iter().filter(|d| d.is_error()).count();
            let warnings = ds.len() - errors;
            match (errors, warnings) {
                (0, 0) => "No problems: AWS would accept this topology.".to_string(),
                (e, w) => format!(
                    "{e} error{}, {w} warning{}",
                    if e == 1 { "" } else { "s" },
                    if w == 1 { "" } else { "s" }
                ),
            }
        })
    };
    view! {
        <section class="diagnostics" data-panel="diagnostics" aria-label="Problems">
            <h2>"Problems"</h2>
            <p class="summary" role="status">{summary}</p>
            <ul>
                {move || {
                    ed.diagnostics
                        .get()
                        .into_iter()
                        .map(|d| {
                            let object = d.object.clone();
                            let drawn = ed.doc.with_untracked(|doc| edit::is_drawn(doc, &object));
                            let class = match d.severity {
                                Severity::Error => "diag diag-error",
                                _ => "diag diag-warning",
                            };
                            let rule = d.rule.map(|r| format!(" ({r})")).unwrap_or_default();
                            view! {
                                <li class=class data-code=d.code.as_str()>
                                    <button
                                        disabled=!drawn
                                        on:click=move |_| ed.select(&object)
                                    >
                                        <span class="severity">{d.severity.as_str()}</span>
                                        <code>{d.object.clone()}</code>
                                        <span class="message">{d.message.clone()}{rule}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
