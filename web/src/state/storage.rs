//! Autosave: the document in the browser's localStorage, read back on the next visit.
//!
//! Nothing here may lose work or stop the app: a storage that is missing, full or holding
//! something unreadable is reported, and an unreadable copy is kept aside under its own key
//! instead of being overwritten.

use vpcplay_core::model::{Document, load};

/// Where the document is saved.
pub const KEY: &str = "vpcplay.document";
/// Where an unreadable saved document is moved, so the next save does not destroy it.
pub const KEY_UNREADABLE: &str = "vpcplay.document.unreadable";

/// What was found in storage at start-up.
#[derive(Debug)]
pub enum Restored {
    /// Nothing saved yet.
    Nothing,
    /// The saved document.
    Document(Box<Document>),
    /// A saved document that could not be read; it was kept under [`KEY_UNREADABLE`].
    Unreadable(String),
    /// The browser gives no storage (private mode, blocked by settings).
    NoStorage,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Reads the saved document.
pub fn restore() -> Restored {
    let Some(store) = storage() else {
        return Restored::NoStorage;
    };
    let Ok(Some(text)) = store.get_item(KEY) else {
        return Restored::Nothing;
    };
    match load(&text) {
        Ok(doc) => Restored::Document(Box::new(doc)),
        Err(e) => {
            let _ = store.set_item(KEY_UNREADABLE, &text);
            let _ = store.remove_item(KEY);
            Restored::Unreadable(format!(
                "the saved topology could not be read ({e}); it was kept under `{KEY_UNREADABLE}` in this browser's storage and an empty canvas was opened"
            ))
        }
    }
}

/// Why the document could not be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsaved {
    /// The browser gives the page no storage.
    NoStorage,
    /// The storage refused the document (full, or over the browser's quota).
    Full,
}

impl Unsaved {
    /// The reason in a few words.
    pub fn short(self) -> &'static str {
        match self {
            Self::NoStorage => "this browser gives the page no storage",
            Self::Full => "the browser's storage is full",
        }
    }
}

impl std::fmt::Display for Unsaved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, so the latest changes are not saved: export the topology to keep it",
            self.short()
        )
    }
}

/// Saves the document; the error says why it could not be saved.
pub fn save(doc: &Document) -> Result<(), Unsaved> {
    let store = storage().ok_or(Unsaved::NoStorage)?;
    store
        .set_item(KEY, &doc.to_json_compact())
        .map_err(|_| Unsaved::Full)
}
