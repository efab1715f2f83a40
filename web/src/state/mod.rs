//! The editor's state: the document, its edit history, the selection, the viewport and the
//! status line. Components read and change it through [`Editor`], taken from the context.

pub mod history;
pub mod storage;

use leptos::prelude::*;
use vpcplay_core::edit::{EditError, Link};
use vpcplay_core::model::{Diagnostic, Document, validate};

use crate::canvas::geometry::Viewport;
pub use history::History;

/// How many edits can be undone.
pub const UNDO_LIMIT: usize = 200;
/// How many objects the undo history may hold across all its snapshots: 200 steps of a
/// 1,000-object document, 40 of a 5,000-object one. Each snapshot is a whole document, so this
/// bounds the memory the history takes.
pub const UNDO_OBJECTS: usize = 200_000;

/// The tone of a status message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// Every signal of the editor, cheap to copy into closures.
#[derive(Clone, Copy, Debug)]
pub struct Editor {
    pub doc: RwSignal<Document>,
    history: StoredValue<History<Document>>,
    /// Bumped on every undo-history change, so buttons can enable and disable themselves.
    history_rev: RwSignal<u64>,
    pub selection: RwSignal<Vec<String>>,
    /// The selected connection, when a line rather than objects is selected.
    pub link: RwSignal<Option<Link>>,
    pub viewport: RwSignal<Viewport>,
    pub status: RwSignal<Option<(Tone, String)>>,
    pub diagnostics: Memo<Vec<Diagnostic>>,
    /// What a document opened by a link is ("Example “…”", "Shared topology “…”"): it is shown
    /// but never saved over the reader's own work. `None` for the reader's own document.
    pub scratch: RwSignal<Option<String>>,
    /// Text typed into a field that could not be applied (an invalid policy, a bad address),
    /// by [`draft_key`]: shown in place of the document's value until it is fixed or discarded.
    pub drafts: RwSignal<std::collections::BTreeMap<String, String>>,
}

/// The key of object `id`'s field `field` in [`Editor::drafts`].
pub fn draft_key(id: &str, field: &str) -> String {
    format!("{id}/{field}")
}

impl Editor {
    /// A new editor showing `doc`.
    pub fn new(doc: Document) -> Self {
        let doc = RwSignal::new(doc);
        Self {
            doc,
            history: StoredValue::new(History::weighed(UNDO_LIMIT, UNDO_OBJECTS, |d| {
                d.object_count() + 1
            })),
            history_rev: RwSignal::new(0),
            selection: RwSignal::new(Vec::new()),
            link: RwSignal::new(None),
            viewport: RwSignal::new(Viewport::default()),
            status: RwSignal::new(None),
            diagnostics: Memo::new(move |_| doc.with(validate)),
            scratch: RwSignal::new(None),
            drafts: RwSignal::new(std::collections::BTreeMap::new()),
        }
    }

    /// The editor of the surrounding app.
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Applies an edit to a copy of the document; on success the copy becomes the document and
    /// the old one goes on the undo stack, on failure nothing changes and the reason is shown.
    pub fn edit<T>(&self, change: impl FnOnce(&mut Document) -> Result<T, EditError>) -> Option<T> {
        let mut next = self.doc.get_untracked();
        match change(&mut next) {
            Ok(value) => {
                let before = self.doc.get_untracked();
                self.history.update_value(|h| h.record(before));
                self.history_rev.update(|r| *r += 1);
                self.doc.set(next);
                Some(value)
            }
            Err(e) => {
                self.say(Tone::Error, e.to_string());
                None
            }
        }
    }

    /// Replaces the whole document (import, clear) as one undoable step.
    pub fn replace(&self, doc: Document) {
        let before = self.doc.get_untracked();
        self.history.update_value(|h| h.record(before));
        self.history_rev.update(|r| *r += 1);
        self.selection.set(Vec::new());
        self.doc.set(doc);
    }

    /// Shows a document that is not the reader's own (an example opened by a link), with a
    /// fresh history: Undo does not lead back into the reader's work, which stays in storage.
    pub fn open_scratch(&self, doc: Document) {
        self.history.update_value(|h| {
            *h = History::weighed(UNDO_LIMIT, UNDO_OBJECTS, |d| d.object_count() + 1);
        });
        self.history_rev.update(|r| *r += 1);
        self.selection.set(Vec::new());
        self.doc.set(doc);
    }

    pub fn undo(&self) {
        let current = self.doc.get_untracked();
        let mut result = Err(current);
        self.history.update_value(|h| {
            result = h.undo(result.clone().unwrap_or_else(|c| c));
        });
        self.finish_step(result, "nothing to undo");
    }

    pub fn redo(&self) {
        let current = self.doc.get_untracked();
        let mut result = Err(current);
        self.history.update_value(|h| {
            result = h.redo(result.clone().unwrap_or_else(|c| c));
        });
        self.finish_step(result, "nothing to redo");
    }

    fn finish_step(&self, result: Result<Document, Document>, empty: &str) {
        match result {
            Ok(doc) => {
                self.history_rev.update(|r| *r += 1);
                self.doc.set(doc);
                // Forget selected objects that the step removed.
                let ids = self.doc.with_untracked(|d| {
                    self.selection
                        .get_untracked()
                        .into_iter()
                        .filter(|id| vpcplay_core::edit::is_drawn(d, id))
                        .collect::<Vec<_>>()
                });
                self.selection.set(ids);
            }
            Err(_) => self.say(Tone::Info, empty.to_string()),
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history_rev.track();
        self.history.with_value(History::can_undo)
    }

    pub fn can_redo(&self) -> bool {
        self.history_rev.track();
        self.history.with_value(History::can_redo)
    }

    /// Shows a message in the status line.
    pub fn say(&self, tone: Tone, message: impl Into<String>) {
        self.status.set(Some((tone, message.into())));
    }

    /// Selects exactly `id`.
    pub fn select(&self, id: &str) {
        self.selection.set(vec![id.to_string()]);
    }

    /// Adds `id` to the selection, or takes it out when it is there.
    pub fn toggle(&self, id: &str) {
        self.selection.update(|s| {
            if let Some(i) = s.iter().position(|x| x == id) {
                s.remove(i);
            } else {
                s.push(id.to_string());
            }
        });
    }
}
