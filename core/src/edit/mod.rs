//! Edits a person makes on the canvas, as operations on a [`Document`]: create an object of a
//! kind with sensible defaults, connect two objects, move, delete.
//!
//! The browser editor calls these and never changes a document by itself, so what may contain
//! or connect to what — model knowledge — stays in the core. Every operation either succeeds or
//! leaves the document untouched and says why.

pub mod clipboard;
mod connect;
mod create;
mod disconnect;
mod links;
mod object;
mod palette;
mod structure;

use alloc::string::String;
use core::fmt;

pub use connect::{Connection, connect};
pub use create::create;
pub use disconnect::disconnect;
pub use links::{Link, LinkKind, links};
pub use object::{duplicate, field, object_json, replace_object, set_field};
pub use palette::{Concept, PALETTE, PaletteItem, kind_by_name};
pub use structure::{
    children, delete, drawn, is_drawn, move_by, parent_of, placed, position_of, reparent,
    set_position, set_positions,
};

use crate::model::Kind;

#[cfg(doc)]
use crate::model::Document;

/// Why an edit was refused. The document is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// No object has this id.
    UnknownObject { id: String },
    /// An object of this kind must be placed inside one of another kind.
    NeedsContainer { kind: Kind, container: &'static str },
    /// The object cannot hold an object of this kind.
    WrongContainer {
        kind: Kind,
        container: Kind,
        expected: &'static str,
    },
    /// The two objects cannot be connected.
    CannotConnect { from: Kind, to: Kind, why: String },
    /// The connection exists already.
    AlreadyConnected { from: String, to: String },
    /// The kind is not drawn on the canvas, so it cannot be created there.
    NotDrawable { kind: Kind },
    /// The text written for an object is not a valid object of its kind.
    BadObject { detail: String },
    /// No free address block is left for the new object.
    NoFreeAddresses { container: String },
    /// The connection cannot be removed on its own.
    CannotDisconnect {
        from: String,
        to: String,
        why: String,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownObject { id } => write!(f, "no object has the id `{id}`"),
            Self::NeedsContainer { kind, container } => {
                write!(
                    f,
                    "a {} goes inside {container}: drop it onto one",
                    kind.noun()
                )
            }
            Self::WrongContainer {
                kind,
                container,
                expected,
            } => write!(
                f,
                "a {} cannot go inside a {}: it goes inside {expected}",
                kind.noun(),
                container.noun()
            ),
            Self::CannotConnect { why, .. } => f.write_str(why),
            Self::AlreadyConnected { from, to } => {
                write!(f, "`{from}` and `{to}` are already connected")
            }
            Self::NotDrawable { kind } => {
                write!(f, "a {} is not drawn on the canvas", kind.noun())
            }
            Self::BadObject { detail } => f.write_str(detail),
            Self::NoFreeAddresses { container } => {
                write!(
                    f,
                    "`{container}` has no free address block left for a new subnet"
                )
            }
            Self::CannotDisconnect { from, to, why } => {
                write!(f, "`{from}` → `{to}` stays connected: {why}")
            }
        }
    }
}

impl core::error::Error for EditError {}

#[cfg(test)]
mod tests;
