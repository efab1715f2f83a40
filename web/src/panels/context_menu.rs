//! The context menu of a canvas object: what the keyboard does (rename, duplicate, delete) and
//! the simulation's questions about it (send a request from or to it, who can reach it). Opened
//! with the right button, the Menu key or Shift+F10; arrow keys move through it, Escape closes
//! it and gives the keyboard back to the object.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::sim::{Sim, Tab};
use crate::state::Editor;

/// Where the menu is open, and for which object.
#[derive(Clone, Debug, PartialEq)]
pub struct MenuAt {
    pub x: f64,
    pub y: f64,
    pub id: String,
}

/// The open menu, shared by the canvas (which opens it) and the menu itself.
#[derive(Clone, Copy, Debug)]
pub struct Menu(pub RwSignal<Option<MenuAt>>);

impl Menu {
    /// Provides the menu's state to the app.
    pub fn provide() -> Self {
        let menu = Menu(RwSignal::new(None));
        provide_context(menu);
        menu
    }

    /// The menu of the surrounding app.
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Opens the menu for `id` at a screen point; `id` joins the selection when it is not in it.
    pub fn open(&self, ed: Editor, id: &str, x: f64, y: f64) {
        if !ed.selection.with_untracked(|s| s.iter().any(|x| x == id)) {
            ed.select(id);
        }
        self.0.set(Some(MenuAt {
            x,
            y,
            id: id.to_string(),
        }));
    }
}

/// The items: action, label, the key that does the same.
const ITEMS: &[(&str, &str, &str)] = &[
    ("rename", "Rename", "F2"),
    ("duplicate", "Duplicate", "Ctrl+D"),
    ("send-from", "Send a request from here", ""),
    ("send-to", "Send a request to here", ""),
    ("reach", "Who can reach this?", ""),
    ("delete", "Delete", "Delete"),
];

/// Gives the keyboard to the canvas object `id` (an SVG element).
fn focus_object(id: &str) {
    let el = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector(&format!("[data-panel='canvas'] [data-object-id='{id}']"))
            .ok()
            .flatten()
    });
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok()) {
        let _ = el.focus();
    }
}

/// The menu, drawn over everything while open.
#[component]
pub fn ContextMenu() -> impl IntoView {
    let ed = Editor::get();
    let sim = Sim::get();
    let menu = Menu::get();
    let list = NodeRef::<leptos::html::Div>::new();
    // The first item takes the keyboard when the menu opens.
    Effect::new(move |_| {
        if menu.0.with(Option::is_some) {
            request_animation_frame(move || {
                if let Some(first) = list
                    .get_untracked()
                    .and_then(|l| l.query_selector("button").ok().flatten())
                    .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = first.focus();
                }
            });
        }
    });
    let close = move |give_back: bool| {
        let Some(at) = menu.0.get_untracked() else {
            return;
        };
        menu.0.set(None);
        if give_back {
            focus_object(&at.id);
        }
    };
    let run = move |action: &str| {
        let Some(at) = menu.0.get_untracked() else {
            return;
        };
        let id = at.id.clone();
        close(action != "rename" && action != "delete");
        match action {
            "rename" => {
                sim.tab.set(Tab::Inspect);
                ed.select(&id);
                request_animation_frame(crate::canvas::focus_name);
            }
            "duplicate" => crate::app::duplicate_selection(ed),
            "delete" => crate::app::delete_selection(ed),
            "send-from" | "send-to" => {
                let mut d = crate::sim::composer::read();
                if action == "send-from" {
                    d.from = id;
                } else {
                    d.to = id;
                }
                sim.draft.set(d);
                sim.tab.set(Tab::Request);
            }
            "reach" => {
                ed.select(&id);
                sim.tab.set(Tab::Flows);
                crate::sim::reach::who_can_reach(ed, sim);
            }
            _ => {}
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        let action = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-menu-action]").ok().flatten())
            .and_then(|el| el.get_attribute("data-menu-action"));
        if let Some(a) = action {
            run(&a);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        let step: i32 = match key.as_str() {
            "Escape" | "Tab" => {
                ev.prevent_default();
                ev.stop_propagation();
                close(true);
                return;
            }
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            "Home" => i32::MIN,
            "End" => i32::MAX,
            _ => return,
        };
        ev.prevent_default();
        ev.stop_propagation();
        let Some(l) = list.get_untracked() else {
            return;
        };
        let mut items: Vec<web_sys::Element> = Vec::new();
        let mut next = l.first_element_child();
        while let Some(el) = next {
            next = el.next_element_sibling();
            items.push(el);
        }
        let n = items.len() as i32;
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        let now = items
            .iter()
            .position(|el| Some(el) == active.as_ref())
            .map_or(0, |i| i as i32);
        let to = match step {
            i32::MIN => 0,
            i32::MAX => n - 1,
            s => (now + s).rem_euclid(n.max(1)),
        };
        if let Some(b) = items
            .get(to as usize)
            .and_then(|x| x.dyn_ref::<web_sys::HtmlElement>())
        {
            let _ = b.focus();
        }
    };
    move || {
        menu.0.get().map(|at| {
            let items = ITEMS
                .iter()
                .map(|(action, label, keys)| {
                    view! {
                        <button type="button" role="menuitem" data-menu-action=*action>
                            <span>{*label}</span>
                            <kbd hidden=keys.is_empty()>{*keys}</kbd>
                        </button>
                    }
                })
                .collect_view();
            view! {
                <div class="menu-backdrop" on:pointerdown=move |_| close(false) on:contextmenu=move |ev| {
                    ev.prevent_default();
                    close(false);
                }></div>
                <div
                    class="context-menu"
                    role="menu"
                    data-menu-for=at.id.clone()
                    aria-label=format!("Actions for {}", at.id)
                    node_ref=list
                    style=format!("left: {:.0}px; top: {:.0}px", at.x, at.y)
                    on:click=on_click
                    on:keydown=on_key
                >
                    {items}
                </div>
            }
        })
    }
}
