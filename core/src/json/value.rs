//! [`Value`]: JSON without positions, as the model keeps free-form JSON and the editor passes
//! fields around.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::{JsonError, Limits, Member, Node, Pos, Shape, write};

/// A JSON value. Object members keep their order; numbers keep their text, so integers and
/// floats read and written again are the same text.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// `null`
    #[default]
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as JSON text.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, members in order, keys unique.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// Reads `text` as one JSON value within `limits`.
    pub fn parse(text: &str, limits: Limits) -> Result<Self, JsonError> {
        super::parse_with(text, limits).map(Node::into_value)
    }

    /// The value as a tree with no positions, for the typed readers.
    pub fn into_node(self) -> Node {
        let value = match self {
            Value::Null => Shape::Null,
            Value::Bool(b) => Shape::Bool(b),
            Value::Number(n) => Shape::Number(n),
            Value::String(s) => Shape::String(s),
            Value::Array(items) => Shape::Array(items.into_iter().map(Value::into_node).collect()),
            Value::Object(members) => Shape::Object(
                members
                    .into_iter()
                    .map(|(key, v)| Member {
                        key,
                        key_pos: Pos::default(),
                        node: v.into_node(),
                    })
                    .collect(),
            ),
        };
        Node {
            pos: Pos::default(),
            value,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number as a float.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// A number as a whole number from 0 up.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The member `key` of an object, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        match self {
            Value::Object(members) => members.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets the member `key` of an object: in its place when it is there, last otherwise. Does
    /// nothing to a value that is not an object.
    pub fn insert(&mut self, key: &str, value: Value) {
        if let Value::Object(members) = self {
            match members.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => members.push((String::from(key), value)),
            }
        }
    }

    /// Removes the member `key` of an object, and gives it back.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        match self {
            Value::Object(members) => {
                let at = members.iter().position(|(k, _)| k == key)?;
                Some(members.remove(at).1)
            }
            _ => None,
        }
    }

    /// The value at a JSON pointer (`/vpcs/0/cidrs`), to change.
    pub fn pointer_mut(&mut self, pointer: &str) -> Option<&mut Value> {
        let mut here = self;
        for step in pointer.split('/').skip(1) {
            let step = step.replace("~1", "/").replace("~0", "~");
            here = match here {
                Value::Object(_) => here.get_mut(&step)?,
                Value::Array(items) => items.get_mut(step.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(here)
    }

    /// Appends the value as compact JSON.
    pub fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => write::boolean(out, *b),
            Value::Number(n) => out.push_str(n),
            Value::String(s) => write::string(out, s),
            Value::Array(items) => {
                out.push('[');
                for item in items {
                    write::element(out);
                    item.write(out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                out.push('{');
                for (k, v) in members {
                    write::key_escaped(out, k);
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

static NULL: Value = Value::Null;

/// `value["key"]`: the member, or `null` when there is none (as in `serde_json`).
impl core::ops::Index<&str> for Value {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

/// `value[0]`: the element, or `null` when there is none (as in `serde_json`).
impl core::ops::Index<usize> for Value {
    type Output = Value;

    fn index(&self, i: usize) -> &Value {
        match self {
            Value::Array(items) => items.get(i).unwrap_or(&NULL),
            _ => &NULL,
        }
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<bool> for Value {
    fn eq(&self, other: &bool) -> bool {
        *self == Value::Bool(*other)
    }
}

/// Compact JSON.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(String::from(s))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::String(s.clone())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Self {
        let mut text = String::new();
        write::unsigned(&mut text, n);
        Value::Number(text)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::from(u64::from(n))
    }
}

impl From<u16> for Value {
    fn from(n: u16) -> Self {
        Value::from(u64::from(n))
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Value::from(u64::try_from(n).unwrap_or(u64::MAX))
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        let mut text = String::new();
        write::signed(&mut text, n);
        Value::Number(text)
    }
}

impl From<i32> for Value {
    fn from(n: i32) -> Self {
        Value::from(i64::from(n))
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Self {
        let mut text = String::new();
        write::float(&mut text, f);
        if f.is_finite() {
            Value::Number(text)
        } else {
            Value::Null
        }
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// Anything `json!` takes as a value; taken by reference, so a `String` stays usable.
pub trait ToValue {
    /// The value as JSON.
    fn to_value(&self) -> Value;
}

/// The value of anything `json!` takes.
pub fn to_value<T: ToValue + ?Sized>(v: &T) -> Value {
    v.to_value()
}

macro_rules! to_value_via_from {
    ($($t:ty),+) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                Value::from(self.clone())
            }
        }
    )+};
}

to_value_via_from!(String, bool, u16, u32, u64, usize, i32, i64, f64, Value);

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::from(self)
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for [T] {
    fn to_value(&self) -> Value {
        Value::Array(self.iter().map(ToValue::to_value).collect())
    }
}

impl<T: ToValue, const N: usize> ToValue for [T; N] {
    fn to_value(&self) -> Value {
        self.as_slice().to_value()
    }
}

impl<T: ToValue> ToValue for Vec<T> {
    fn to_value(&self) -> Value {
        self.as_slice().to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

#[doc(hidden)]
pub fn __items() -> Vec<Value> {
    Vec::new()
}

#[doc(hidden)]
pub fn __members() -> Vec<(String, Value)> {
    Vec::new()
}

/// Builds a [`Value`] from JSON-like syntax: `json!({"id": id, "cidrs": [block], "n": (a + b)})`.
/// Keys are string literals; a value is an object, an array, `null`, or a Rust expression
/// converted with [`ToValue`], by reference as `serde_json::json!` does.
#[macro_export]
macro_rules! json {
    (null) => { $crate::json::Value::Null };
    ([ $($tt:tt)* ]) => {{
        #[allow(unused_mut)]
        let mut items = $crate::json::__items();
        $crate::json!(@array items ($($tt)*));
        $crate::json::Value::Array(items)
    }};
    ({ $($tt:tt)* }) => {{
        #[allow(unused_mut)]
        let mut members = $crate::json::__members();
        $crate::json!(@object members ($($tt)*));
        $crate::json::Value::Object(members)
    }};
    (@array $v:ident ()) => {};
    (@array $v:ident (null $(, $($rest:tt)*)?)) => {
        $v.push($crate::json::Value::Null);
        $crate::json!(@array $v ($($($rest)*)?));
    };
    (@array $v:ident ({ $($inner:tt)* } $(, $($rest:tt)*)?)) => {
        $v.push($crate::json!({ $($inner)* }));
        $crate::json!(@array $v ($($($rest)*)?));
    };
    (@array $v:ident ([ $($inner:tt)* ] $(, $($rest:tt)*)?)) => {
        $v.push($crate::json!([ $($inner)* ]));
        $crate::json!(@array $v ($($($rest)*)?));
    };
    (@array $v:ident ($e:expr $(, $($rest:tt)*)?)) => {
        $v.push($crate::json::to_value(&$e));
        $crate::json!(@array $v ($($($rest)*)?));
    };
    (@object $m:ident ()) => {};
    (@object $m:ident ($k:literal : null $(, $($rest:tt)*)?)) => {
        $m.push(($crate::json::__String::from($k), $crate::json::Value::Null));
        $crate::json!(@object $m ($($($rest)*)?));
    };
    (@object $m:ident ($k:literal : { $($inner:tt)* } $(, $($rest:tt)*)?)) => {
        $m.push(($crate::json::__String::from($k), $crate::json!({ $($inner)* })));
        $crate::json!(@object $m ($($($rest)*)?));
    };
    (@object $m:ident ($k:literal : [ $($inner:tt)* ] $(, $($rest:tt)*)?)) => {
        $m.push(($crate::json::__String::from($k), $crate::json!([ $($inner)* ])));
        $crate::json!(@object $m ($($($rest)*)?));
    };
    (@object $m:ident ($k:literal : $e:expr $(, $($rest:tt)*)?)) => {
        $m.push(($crate::json::__String::from($k), $crate::json::to_value(&$e)));
        $crate::json!(@object $m ($($($rest)*)?));
    };
    ($e:expr) => { $crate::json::to_value(&$e) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn builds_edits_and_writes() {
        let name = String::from("web");
        let mut v = json!({"id": &name, "n": 3u64, "xs": [1.5, null, {"a": true}], "e": []});
        assert_eq!(
            v.to_string(),
            r#"{"id":"web","n":3,"xs":[1.5,null,{"a":true}],"e":[]}"#
        );
        v.insert("n", Value::from(4u16));
        v.insert("z", json!("q\""));
        assert_eq!(v.remove("e"), Some(Value::Array(Vec::new())));
        *v.pointer_mut("/xs/2/a").unwrap() = Value::Bool(false);
        assert_eq!(
            v.to_string(),
            r#"{"id":"web","n":4,"xs":[1.5,null,{"a":false}],"z":"q\""}"#
        );
        let text = v.to_string();
        assert_eq!(Value::parse(&text, Limits::POLICY).unwrap(), v);
        assert_eq!(v.get("n").and_then(Value::as_u64), Some(4));
    }
}
