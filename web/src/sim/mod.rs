//! Simulation in the browser: compose a request, trace it with the core, and show the trace as
//! text (the trace panel) and as a packet travelling over the canvas; saved flows, batch runs and
//! "who can reach this?". The trace is the core's data; this module only draws and plays it.

pub mod batch;
pub mod composer;
pub mod flows;
pub mod html;
pub mod layer;
pub mod panel;
pub mod path;
pub mod player;
pub mod reach;
pub mod trace_panel;

use std::collections::BTreeMap;

use leptos::prelude::*;
use vpcplay_core::model::Topology;
use vpcplay_core::model::flow::Request as FlowRequest;
use vpcplay_core::sim::Distribution;
use vpcplay_core::trace::compose::{Draft, FieldError};
use vpcplay_core::trace::{Cell, Index, Request, Trace, trace_with};

use crate::state::Editor;

/// Which tab of the side panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Inspect,
    Request,
    Flows,
}

/// A trace on screen: the request that made it and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub request: FlowRequest,
    pub trace: Trace,
    /// What was sent, in a few words: "request" or "flow `name`".
    pub title: String,
}

/// A batch run on screen: every packet's trace index, the distinct traces, and the counts.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchRun {
    pub runs: u32,
    /// The distinct traces of the run.
    pub traces: Vec<Trace>,
    /// For each packet, in sending order, the index of its trace in `traces`.
    pub packets: Vec<u32>,
    pub distribution: Distribution,
    /// The target groups of the forward the requests met, with their configured weights.
    pub weights: Vec<(String, u32)>,
    /// Delivered requests per target, with the target group that delivered them.
    pub targets: Vec<(String, Option<String>, u32)>,
}

/// The outcome of a saved flow's last run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowRun {
    /// `delivered`, `fixed_response` or `blocked`.
    pub outcome: &'static str,
    /// The verdict in a few words.
    pub said: String,
    /// Against the flow's expectation: `Some(Ok)` passed, `Some(Err(why))` failed, `None` when
    /// the flow expects nothing.
    pub check: Option<Result<(), String>>,
    /// How the outcome changed since the run before an edit: `newly-allowed`, `newly-blocked`.
    pub change: Option<&'static str>,
}

/// A round of predict-then-reveal: the flow, what the reader picked, and where the request
/// really ends (the component, and the drawn object that stands for it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prediction {
    pub flow: String,
    pub guess: String,
    pub answer: String,
    pub answer_drawn: Option<String>,
}

impl Prediction {
    /// Whether the pick was where the request ends.
    pub fn right(&self) -> bool {
        self.guess == self.answer || self.answer_drawn.as_deref() == Some(self.guess.as_str())
    }
}

/// Who can reach one object: every source with its cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Reach {
    pub to: String,
    pub what: String,
    pub cells: Vec<(String, Cell)>,
}

/// Every signal of the simulation, cheap to copy into closures.
#[derive(Clone, Copy, Debug)]
pub struct Sim {
    pub tab: RwSignal<Tab>,
    pub draft: RwSignal<Draft>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// Why nothing can be sent now (the topology has errors), shown above the form.
    pub blocked: RwSignal<Option<String>>,
    pub shown: RwSignal<Option<Shown>>,
    /// Where playback is: hop `i` at `i`, between hops on the way.
    pub at: RwSignal<f64>,
    pub playing: RwSignal<bool>,
    /// Hops per second.
    pub speed: RwSignal<f64>,
    pub batch: RwSignal<Option<BatchRun>>,
    /// Seconds since the batch started, for its stream of packets.
    pub batch_clock: RwSignal<f64>,
    pub runs: RwSignal<BTreeMap<String, FlowRun>>,
    pub reach: RwSignal<Option<Reach>>,
    /// Whether the next click on the canvas picks the request's source.
    pub picking: RwSignal<bool>,
    /// The flow whose stop the reader is asked to predict, until they click a component.
    pub predicting: RwSignal<Option<String>>,
    /// The last prediction, shown once the packet has arrived.
    pub prediction: RwSignal<Option<Prediction>>,
}

impl Sim {
    pub fn new() -> Self {
        Self {
            tab: RwSignal::new(Tab::Inspect),
            draft: RwSignal::new(Draft {
                protocol: String::from("http"),
                ..Draft::default()
            }),
            errors: RwSignal::new(Vec::new()),
            blocked: RwSignal::new(None),
            shown: RwSignal::new(None),
            at: RwSignal::new(0.0),
            playing: RwSignal::new(false),
            speed: RwSignal::new(2.0),
            batch: RwSignal::new(None),
            batch_clock: RwSignal::new(0.0),
            runs: RwSignal::new(BTreeMap::new()),
            reach: RwSignal::new(None),
            picking: RwSignal::new(false),
            predicting: RwSignal::new(None),
            prediction: RwSignal::new(None),
        }
    }

    /// The simulation of the surrounding app.
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// The current document as a checked topology, or why it cannot be traced.
    pub fn topology(ed: Editor) -> Result<Topology, String> {
        ed.doc
            .with_untracked(|d| Topology::try_from(d.clone()))
            .map_err(|e| {
                format!("{e}. Fix the errors listed under Problems, then send the request again")
            })
    }

    /// Shows a trace and plays it from the start (or shows its end at once when the reader
    /// prefers reduced motion).
    pub fn show(&self, shown: Shown) {
        let last = shown.trace.hops.len().saturating_sub(1) as f64;
        self.batch.set(None);
        if !shown.title.starts_with("prediction") {
            self.prediction.set(None);
        }
        self.shown.set(Some(shown));
        if player::reduced_motion() {
            self.at.set(last);
            self.playing.set(false);
        } else {
            self.at.set(0.0);
            self.playing.set(true);
        }
        self.tab.set(Tab::Request);
        reveal_panel("trace");
    }

    /// The topology and the form's request, checked; on a problem, says it (above the form, or
    /// beside each field) and gives nothing.
    fn checked(&self, ed: Editor) -> Option<(Topology, FlowRequest)> {
        let topology = match Self::topology(ed) {
            Ok(t) => t,
            Err(e) => {
                self.blocked.set(Some(e));
                return None;
            }
        };
        self.blocked.set(None);
        let draft = composer::read();
        let checked = draft.check(&topology);
        self.draft.set(draft);
        match checked {
            Ok(request) => {
                self.errors.set(Vec::new());
                Some((topology, request))
            }
            Err(errors) => {
                self.errors.set(errors);
                None
            }
        }
    }

    /// Checks the form and traces its request.
    pub fn send(&self, ed: Editor) {
        if let Some((topology, request)) = self.checked(ed) {
            let trace = trace_with(&Index::build(&topology), &Request::from(&request));
            self.show(Shown {
                request,
                trace,
                title: String::from("request"),
            });
        }
    }

    /// Sends `n` copies of the form's request, seeds counting up from its own.
    pub fn send_batch(&self, ed: Editor, n: u32) {
        let Some((topology, request)) = self.checked(ed) else {
            return;
        };
        let run = batch::run(&topology, &request, n);
        self.shown.set(None);
        self.playing.set(false);
        self.batch_clock.set(0.0);
        self.batch.set(Some(run));
        self.tab.set(Tab::Request);
        reveal_panel("batch");
    }
}

impl Default for Sim {
    fn default() -> Self {
        Self::new()
    }
}

/// Scrolls a panel of the side column into view once it is drawn.
fn reveal_panel(name: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.query_selector(&format!("[data-panel='{name}']"))
                .ok()
                .flatten()
        }) {
            el.scroll_into_view_with_bool(true);
        }
    });
}
