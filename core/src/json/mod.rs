//! JSON, the project's own: one reader, one writer, one value type.
//!
//! The reader ([`parse_with`]) builds a tree in which every value ([`Node`]) and every object
//! key ([`Member`]) remembers its line and column, within [`Limits`] on size and nesting. The
//! policy parser reads that tree directly, so its errors and warnings point into the policy; the
//! typed documents read it through [`crate::model::codec`], so their errors do too.
//!
//! [`Value`] is the same JSON without positions: what the model keeps where it holds free-form
//! JSON (endpoint, auth and identity policies) and what the editor passes around. Object members
//! keep their order and numbers keep the text they were written with, so a value read and
//! written again is the same text.
//!
//! The writer ([`write`]) produces compact text, escaped exactly as `serde_json` did.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

mod read;
mod value;
pub mod write;

pub use read::{Limits, MAX_DEPTH, MAX_INPUT_BYTES, parse, parse_bytes, parse_with};
pub use value::{__items, __members, ToValue, Value, to_value};

// For `json!` in other crates, which may not name `alloc`.
#[doc(hidden)]
pub use alloc::{string::String as __String, vec::Vec as __Vec};

/// Where a piece of text starts: 1-based line and 1-based column, counted in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The line, starting at 1.
    pub line: u32,
    /// The column, in characters, starting at 1.
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A JSON value with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// The value itself.
    pub value: Shape,
}

/// An object member: the key, where the key starts, and the value.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// Where the key's opening quote is.
    pub key_pos: Pos,
    /// The member's value.
    pub node: Node,
}

/// The shape of a value read with positions. Numbers keep their text: a policy compares them as
/// written, and a document reads them as the type it expects.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written in the document.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, members in document order. Duplicate keys are refused while reading.
    Object(Vec<Member>),
}

impl Shape {
    /// A word for the kind of value, for messages: "a string", "an object".
    pub fn kind(&self) -> &'static str {
        match self {
            Shape::Null => "null",
            Shape::Bool(_) => "a boolean",
            Shape::Number(_) => "a number",
            Shape::String(_) => "a string",
            Shape::Array(_) => "an array",
            Shape::Object(_) => "an object",
        }
    }
}

impl Node {
    /// The value without positions.
    pub fn into_value(self) -> Value {
        match self.value {
            Shape::Null => Value::Null,
            Shape::Bool(b) => Value::Bool(b),
            Shape::Number(n) => Value::Number(n),
            Shape::String(s) => Value::String(s),
            Shape::Array(items) => Value::Array(items.into_iter().map(Node::into_value).collect()),
            Shape::Object(members) => Value::Object(
                members
                    .into_iter()
                    .map(|m| (m.key, m.node.into_value()))
                    .collect(),
            ),
        }
    }
}

/// What kind of problem stopped reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text is not JSON.
    Syntax,
    /// The text is longer than the limit.
    TooLarge,
    /// Values nest deeper than the limit.
    TooDeep,
    /// The JSON is well formed but not the shape the reader of a type expects.
    Shape,
}

/// Why a text is not JSON, or not the JSON a type expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// What kind of problem it is.
    pub kind: ErrorKind,
    /// Where reading stopped: the start of the offending value or key.
    pub pos: Pos,
    /// The JSON pointer of the offending value.
    pub pointer: String,
    /// What went wrong, in plain words.
    pub message: String,
}

impl JsonError {
    /// A value of the wrong shape at `pos`.
    pub fn shape(pos: Pos, message: String) -> Self {
        Self {
            kind: ErrorKind::Shape,
            pos,
            pointer: String::new(),
            message,
        }
    }

    /// The same error, seen from the object that holds the value under `key`.
    #[must_use]
    pub fn under_key(mut self, key: &str) -> Self {
        let mut pointer = String::with_capacity(key.len() + 1 + self.pointer.len());
        push_pointer_key(&mut pointer, key);
        pointer.push_str(&self.pointer);
        self.pointer = pointer;
        self
    }

    /// The same error, seen from the array that holds the value at `index`.
    #[must_use]
    pub fn under_index(mut self, index: usize) -> Self {
        let mut pointer = alloc::format!("/{index}");
        pointer.push_str(&self.pointer);
        self.pointer = pointer;
        self
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if !self.pointer.is_empty() {
            write!(f, " at `{}`", self.pointer)?;
        }
        write!(f, " ({})", self.pos)
    }
}

impl core::error::Error for JsonError {}

/// Appends `key` to a JSON pointer, escaping `~` and `/` as RFC 6901 asks.
pub fn push_pointer_key(pointer: &mut String, key: &str) {
    pointer.push('/');
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            other => pointer.push(other),
        }
    }
}
