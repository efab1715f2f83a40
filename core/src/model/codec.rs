//! The one road between typed values and JSON text.
//!
//! Every typed value is written by [`ToJson`] (compact text, through [`crate::json::write`])
//! and read by [`FromJson`] (from the tree of [`crate::json::parse_with`], which knows where
//! every value starts, so errors name the line, the column and the JSON pointer). Neither trait
//! is generic over a serializer or a deserializer: each type has one reader and one writer,
//! and the code that is the same for every type — refusing an unknown field, naming a missing
//! one, describing a value of the wrong type — lives once, in the non-generic helpers here.
//!
//! Types list their fields once, in [`json_struct!`](crate::json_struct), with the rules the
//! document format gives them: required, left out at the default, or always written. Unit
//! enums list their names in [`json_enum!`](crate::json_enum). Pretty printing re-indents
//! compact text, so it keeps field order and costs no second writer.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::IpAddr;

use crate::json::{JsonError, Limits, Member, Node, Pos, Shape, Value, write};

/// Limits for reading a document: [`super::MAX_DOCUMENT_BYTES`] and [`super::MAX_NESTING`].
pub const DOCUMENT_LIMITS: Limits = Limits {
    max_bytes: super::document::MAX_DOCUMENT_BYTES,
    max_depth: super::document::MAX_NESTING,
};

/// A value that can be written as JSON.
pub trait ToJson {
    /// Appends the value as compact JSON.
    fn write_json(&self, out: &mut String);
}

/// A value written as the members of an object, without the braces: what lets another object
/// take its members in (an internally tagged enum, a report that adds a field).
pub trait ToJsonMembers {
    /// Appends the members, each preceded by a comma unless it is the first of the object.
    fn write_members(&self, out: &mut String);
}

impl<T: ToJsonMembers + ?Sized> ToJsonMembers for &T {
    fn write_members(&self, out: &mut String) {
        (**self).write_members(out);
    }
}

/// A value that can be read from JSON.
pub trait FromJson: Sized {
    /// Reads the value from a tree read with positions.
    fn from_json(node: Node) -> Result<Self, JsonError>;
}

/// The value as compact JSON.
pub fn to_text<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// Reads a value from JSON text, within the document limits.
pub fn from_text<T: FromJson>(text: &[u8]) -> Result<T, JsonError> {
    T::from_json(crate::json::parse_bytes(text, DOCUMENT_LIMITS)?)
}

/// Reads a value from JSON text, within the document limits.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, JsonError> {
    T::from_json(crate::json::parse_with(text, DOCUMENT_LIMITS)?)
}

/// Reads a value from a JSON value (built in code, so errors have no useful position).
pub fn from_value<T: FromJson>(value: Value) -> Result<T, JsonError> {
    T::from_json(value.into_node())
}

/// The value as a JSON value, exactly as the writer writes it.
pub fn to_value<T: ToJson + ?Sized>(value: &T) -> Result<Value, JsonError> {
    Value::parse(&to_text(value), DOCUMENT_LIMITS)
}

// ---------------------------------------------------------------------------------------------
// Shared, non-generic helpers for the readers the macros write.

/// "expected {what}, found …" for a value of the wrong type.
#[cold]
pub fn expected(node: &Node, what: &str) -> JsonError {
    let found = match &node.value {
        Shape::Number(n) => format!("`{}`", clip(n)),
        Shape::String(s) => format!("the text `\"{}\"`", clip(s)),
        Shape::Bool(b) => format!("`{b}`"),
        other => String::from(other.kind()),
    };
    JsonError::shape(node.pos, format!("expected {what}, found {found}"))
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// A message of the value's own reader (`"10.0.0.7/16" is not …`), at the value.
#[cold]
pub fn invalid(pos: Pos, message: String) -> JsonError {
    JsonError::shape(pos, message)
}

/// "unknown field `x`, expected one of …", at the key.
#[cold]
pub fn unknown_field(member: &Member, fields: &[&str]) -> JsonError {
    let mut message = format!("unknown field `{}`", clip(&member.key));
    match fields {
        [] => message.push_str(", there are none"),
        [one] => message.push_str(&format!(", expected `{one}`")),
        many => {
            message.push_str(", expected one of ");
            for (i, f) in many.iter().enumerate() {
                if i > 0 {
                    message.push_str(", ");
                }
                message.push('`');
                message.push_str(f);
                message.push('`');
            }
        }
    }
    JsonError::shape(member.key_pos, message).under_key(&member.key)
}

/// "missing field `x`", at the object.
#[cold]
pub fn missing_field(pos: Pos, field: &str) -> JsonError {
    JsonError::shape(pos, format!("missing field `{field}`"))
}

/// The members of an object, or an error that names what was expected.
pub fn members(node: Node, what: &str) -> Result<(Pos, Vec<Member>), JsonError> {
    match node.value {
        Shape::Object(members) => Ok((node.pos, members)),
        _ => Err(expected(&node, what)),
    }
}

/// The text of a string, or an error that names what was expected.
pub fn text(node: Node, what: &str) -> Result<(Pos, String), JsonError> {
    match node.value {
        Shape::String(s) => Ok((node.pos, s)),
        _ => Err(expected(&node, what)),
    }
}

/// Reads a member's value; an error is placed under the member's key.
pub fn field<T: FromJson>(member: Member) -> Result<T, JsonError> {
    T::from_json(member.node).map_err(|e| e.under_key(&member.key))
}

/// The members of an object sorted into the slots of a struct's field table, read one field
/// at a time in table order. Reading goes on after an error, which is kept to be returned by
/// [`Fields::finish`]: the one that a reader going through the members in document order would
/// have met first (an unknown field, or a value of the wrong shape), or else the first missing
/// required field in table order.
///
/// In the browser bundle the steps around each field are kept out of line, so they exist once
/// whatever the number of structs; natively they are inlined, where speed counts more than size.
#[derive(Debug)]
pub struct Fields {
    pos: Pos,
    names: &'static [&'static str],
    /// The object's members, in document order; a member's value is taken out when it is read.
    members: Vec<Member>,
    /// For each field of the table: which member it is, counted from 1; 0 when it is not there.
    member_of: [u8; MAX_FIELDS],
    /// The field read next.
    next: usize,
    /// The error to report, and its rank: the member's place, or past every member for a
    /// missing field.
    error: Option<(usize, JsonError)>,
}

/// The most fields a struct read with [`Fields`] may have.
pub const MAX_FIELDS: usize = 64;

impl Fields {
    /// Finds which field of `names` each member of `node` is. A value that is not an object, or
    /// an unknown member, is the error.
    #[inline(never)]
    pub fn new(node: Node, names: &'static [&'static str], what: &str) -> Self {
        let mut fields = Self {
            pos: node.pos,
            names,
            members: Vec::new(),
            member_of: [0; MAX_FIELDS],
            next: 0,
            error: None,
        };
        match members(node, what) {
            Ok((_, members)) => {
                for (at, m) in members.iter().enumerate() {
                    let Some(i) = names.iter().position(|n| *n == m.key) else {
                        fields.error = Some((at, unknown_field(m, names)));
                        break;
                    };
                    // INVARIANT: a struct has at most `MAX_FIELDS` fields and the reader refuses
                    // duplicate keys, so an object whose members are all known has no more,
                    // and every member's place fits.
                    if let (Some(slot), Ok(place)) =
                        (fields.member_of.get_mut(i), u8::try_from(at + 1))
                    {
                        *slot = place;
                    }
                }
                fields.members = members;
            }
            // Ranked before every member, so no missing field replaces it.
            Err(e) => fields.error = Some((0, e)),
        }
        fields
    }

    /// The next field's value, if the object has it and it reads; `required` makes a field
    /// that is not there an error.
    pub fn take<T: FromJson>(&mut self, required: bool) -> Option<T> {
        let mut out = None;
        self.take_with(required, &mut |node| {
            out = Some(T::from_json(node)?);
            Ok(())
        });
        out
    }

    /// Reads the next field with `read`; the reader of [`Fields::take`] without its type, so
    /// that the steps around it are written once.
    #[cfg_attr(target_family = "wasm", inline(never))]
    #[cfg_attr(not(target_family = "wasm"), inline)]
    fn take_with(&mut self, required: bool, read: &mut dyn FnMut(Node) -> Result<(), JsonError>) {
        if let Some((at, node)) = self.next_node(required)
            && let Err(e) = read(node)
        {
            self.failed(at, e);
        }
    }

    /// The next field's member, if the object has it and no error met earlier in the object
    /// makes reading it pointless.
    #[cfg_attr(target_family = "wasm", inline(never))]
    #[cfg_attr(not(target_family = "wasm"), inline)]
    fn next_node(&mut self, required: bool) -> Option<(usize, Node)> {
        let field = self.next;
        self.next += 1;
        let place = self.member_of.get(field).copied().unwrap_or_default();
        let Some(at) = usize::from(place).checked_sub(1) else {
            if required {
                let name = self.names.get(field).copied().unwrap_or_default();
                let e = missing_field(self.pos, name);
                self.keep(usize::MAX, e);
            }
            return None;
        };
        if self.error.as_ref().is_some_and(|(first, _)| *first < at) {
            return None;
        }
        let node = &mut self.members.get_mut(at)?.node;
        let value = core::mem::replace(&mut node.value, Shape::Null);
        Some((
            at,
            Node {
                pos: node.pos,
                value,
            },
        ))
    }

    /// Records that the member at `at`, the field read last, does not read.
    #[inline(never)]
    fn failed(&mut self, at: usize, e: JsonError) {
        let name = self
            .names
            .get(self.next.wrapping_sub(1))
            .copied()
            .unwrap_or_default();
        self.keep(at, e.under_key(name));
    }

    fn keep(&mut self, at: usize, e: JsonError) {
        if self.error.as_ref().is_none_or(|(first, _)| at < *first) {
            self.error = Some((at, e));
        }
    }

    /// The first error met, if any.
    #[cfg_attr(target_family = "wasm", inline(never))]
    #[cfg_attr(not(target_family = "wasm"), inline)]
    pub fn finish(self) -> Result<(), JsonError> {
        match self.error {
            Some((_, e)) => Err(e),
            None => Ok(()),
        }
    }
}

/// Which of `names` a string is.
pub fn variant(node: Node, names: &[&str]) -> Result<usize, JsonError> {
    let (pos, s) = text(node, "text in quotes")?;
    names
        .iter()
        .position(|n| *n == s)
        .ok_or_else(|| unknown_variant(pos, &s, names))
}

/// "unknown variant `x`, expected one of …".
#[cold]
pub fn unknown_variant(pos: Pos, found: &str, names: &[&str]) -> JsonError {
    let mut message = format!("unknown variant `{}`, expected ", clip(found));
    if names.len() > 1 {
        message.push_str("one of ");
    }
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            message.push_str(", ");
        }
        message.push('`');
        message.push_str(n);
        message.push('`');
    }
    JsonError::shape(pos, message)
}

/// The one member of an externally tagged value (`{"forward": …}`): which of `names` its key is,
/// and the member. A bare string names a variant without content.
pub fn tagged(node: Node, names: &[&str]) -> Result<(usize, Option<Member>), JsonError> {
    let pos = node.pos;
    match node.value {
        Shape::String(s) => {
            let i = names
                .iter()
                .position(|n| *n == s)
                .ok_or_else(|| unknown_variant(pos, &s, names))?;
            Ok((i, None))
        }
        Shape::Object(members) => {
            let mut members = members.into_iter();
            let (Some(m), None) = (members.next(), members.next()) else {
                return Err(one_of(pos, names));
            };
            let i = names
                .iter()
                .position(|n| *n == m.key)
                .ok_or_else(|| unknown_variant(m.key_pos, &m.key, names).under_key(&m.key))?;
            Ok((i, Some(m)))
        }
        _ => Err(expected(
            &Node {
                pos,
                value: node.value,
            },
            "an object with one member",
        )),
    }
}

/// "`forward` needs a value": a variant that holds one, named by a bare string.
#[cold]
pub fn needs_value(pos: Pos, names: &[&str], i: usize) -> JsonError {
    let name = names.get(i).copied().unwrap_or_default();
    JsonError::shape(
        pos,
        format!("`{name}` needs a value: write an object such as `{{\"{name}\": …}}`"),
    )
}

#[cold]
fn one_of(pos: Pos, names: &[&str]) -> JsonError {
    let mut message = String::from("expected an object with exactly one of ");
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            message.push_str(", ");
        }
        message.push('`');
        message.push_str(n);
        message.push('`');
    }
    JsonError::shape(pos, message)
}

/// Whether a value is its type's default: the rule for fields left out at their default.
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// Whether a value differs from the default a field is left out at.
pub fn differs<T: PartialEq>(value: &T, default: &T) -> bool {
    value != default
}

fn whole(node: Node, max: u64, what: &str) -> Result<u64, JsonError> {
    if let Shape::Number(n) = &node.value
        && n.bytes().all(|b| b.is_ascii_digit())
        && let Ok(v) = n.parse::<u64>()
        && v <= max
    {
        return Ok(v);
    }
    Err(expected(&node, what))
}

// ---------------------------------------------------------------------------------------------
// Implementations for the building blocks.

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write::string(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write::string(out, self);
    }
}

impl FromJson for String {
    fn from_json(node: Node) -> Result<Self, JsonError> {
        text(node, "text in quotes").map(|(_, s)| s)
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        write::boolean(out, *self);
    }
}

impl FromJson for bool {
    fn from_json(node: Node) -> Result<Self, JsonError> {
        match node.value {
            Shape::Bool(b) => Ok(b),
            _ => Err(expected(&node, "`true` or `false`")),
        }
    }
}

macro_rules! unsigned {
    ($($t:ty => $what:literal),+) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                write::unsigned(out, u64::try_from(*self).unwrap_or(u64::MAX));
            }
        }

        impl FromJson for $t {
            fn from_json(node: Node) -> Result<Self, JsonError> {
                let max = u64::try_from(<$t>::MAX).unwrap_or(u64::MAX);
                let n = whole(node, max, $what)?;
                Ok(<$t>::try_from(n).unwrap_or(<$t>::MAX))
            }
        }
    )+};
}

unsigned! {
    u8 => "a whole number from 0 to 255",
    u16 => "a whole number from 0 to 65535",
    u32 => "a whole number from 0 to 4294967295",
    u64 => "a whole number from 0 up",
    usize => "a whole number from 0 up"
}

impl ToJson for f64 {
    fn write_json(&self, out: &mut String) {
        write::float(out, *self);
    }
}

impl FromJson for f64 {
    fn from_json(node: Node) -> Result<Self, JsonError> {
        if let Shape::Number(n) = &node.value
            && let Ok(f) = n.parse::<f64>()
            && f.is_finite()
        {
            return Ok(f);
        }
        Err(expected(&node, "a number"))
    }
}

impl ToJson for IpAddr {
    fn write_json(&self, out: &mut String) {
        write::string(out, &alloc::string::ToString::to_string(self));
    }
}

impl FromJson for IpAddr {
    fn from_json(node: Node) -> Result<Self, JsonError> {
        let (pos, s) = text(node, "an IP address in quotes")?;
        s.parse().map_err(|_| {
            invalid(
                pos,
                format!(
                    "`{}` is not an IP address such as `10.0.1.10` or `2001:db8::1`",
                    clip(&s)
                ),
            )
        })
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(node: Node) -> Result<Self, JsonError> {
        match node.value {
            Shape::Null => Ok(None),
            _ => T::from_json(node).map(Some),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for item in self {
            write::element(out);
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(node: Node) -> Result<Self, JsonError> {
        let items = items(node)?;
        let mut out = Vec::with_capacity(items.len());
        each_item(items, &mut |item| {
            out.push(T::from_json(item)?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// The elements of an array, or an error that says an array was expected.
fn items(node: Node) -> Result<Vec<Node>, JsonError> {
    match node.value {
        Shape::Array(items) => Ok(items),
        _ => Err(expected(&node, "an array")),
    }
}

/// Reads every element with `read`, stopping at the first that does not read; the reader of
/// `Vec<T>` without its type, so that the loop is written once.
#[cfg_attr(target_family = "wasm", inline(never))]
#[cfg_attr(not(target_family = "wasm"), inline)]
fn each_item(
    items: Vec<Node>,
    read: &mut dyn FnMut(Node) -> Result<(), JsonError>,
) -> Result<(), JsonError> {
    for (i, item) in items.into_iter().enumerate() {
        read(item).map_err(|e| e.under_index(i))?;
    }
    Ok(())
}

impl<K: AsRef<str>, V: ToJson> ToJson for BTreeMap<K, V> {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        for (k, v) in self {
            write::key_escaped(out, k.as_ref());
            v.write_json(out);
        }
        out.push('}');
    }
}

impl<V: FromJson> FromJson for BTreeMap<String, V> {
    fn from_json(node: Node) -> Result<Self, JsonError> {
        let (_, members) = members(node, "an object")?;
        let mut out = BTreeMap::new();
        for m in members {
            let v = V::from_json(m.node).map_err(|e| e.under_key(&m.key))?;
            out.insert(m.key, v);
        }
        Ok(out)
    }
}

impl ToJson for Value {
    fn write_json(&self, out: &mut String) {
        self.write(out);
    }
}

impl FromJson for Value {
    fn from_json(node: Node) -> Result<Self, JsonError> {
        Ok(node.into_value())
    }
}

impl ToJson for crate::net::Cidr {
    fn write_json(&self, out: &mut String) {
        write::string(out, &alloc::string::ToString::to_string(self));
    }
}

impl FromJson for crate::net::Cidr {
    fn from_json(node: Node) -> Result<Self, JsonError> {
        let (pos, s) = text(node, "a CIDR block in quotes, such as `\"10.0.0.0/16\"`")?;
        s.parse().map_err(|e: crate::net::CidrError| {
            invalid(pos, alloc::string::ToString::to_string(&e))
        })
    }
}

impl ToJson for crate::json::Pos {
    fn write_json(&self, out: &mut String) {
        out.push_str("{\"line\":");
        write::unsigned(out, u64::from(self.line));
        out.push_str(",\"column\":");
        write::unsigned(out, u64::from(self.column));
        out.push('}');
    }
}

// ---------------------------------------------------------------------------------------------
// The macros.

/// Writes and reads a struct as a JSON object, listing each field once with its rule:
///
/// - `req`: must be present; always written.
/// - `opt`: the type's default when absent; left out when it is the default.
/// - `or(expr)`: `expr` when absent; left out when equal to `expr`.
/// - `fill`: the type's default when absent; always written.
/// - `fill(expr)`: `expr` when absent; always written.
///
/// `field as "name"` renames; unknown fields are refused. `json_struct!(write T { … })` writes
/// only, `json_struct!(read T { … })` reads only. An `"expecting"` literal after the type's
/// name says what the object is in messages: `Document "a vpcplay document" { … }`.
#[macro_export]
macro_rules! json_struct {
    (write $t:ident $($exp:literal)? { $($f:ident $(as $k:literal)? : $rule:ident $(($d:expr))?),* $(,)? }) => {
        impl $crate::model::codec::ToJsonMembers for $t {
            fn write_members(&self, out: &mut $crate::json::__String) {
                $( $crate::json_struct!(@write self out $f [$crate::json_struct!(@key $f $($k)?)] $rule $(($d))?); )*
            }
        }
        impl $crate::model::codec::ToJson for $t {
            fn write_json(&self, out: &mut $crate::json::__String) {
                out.push('{');
                $crate::model::codec::ToJsonMembers::write_members(self, out);
                out.push('}');
            }
        }
    };
    (read $t:ident $($exp:literal)? { $($f:ident $(as $k:literal)? : $rule:ident $(($d:expr))?),* $(,)? }) => {
        impl $crate::model::codec::FromJson for $t {
            #[inline(never)]
            fn from_json(node: $crate::json::Node) -> ::core::result::Result<Self, $crate::json::JsonError> {
                const FIELDS: &[&str] = &[$($crate::json_struct!(@key $f $($k)?)),*];
                const _: () = ::core::assert!(FIELDS.len() <= $crate::model::codec::MAX_FIELDS);
                let mut fields = $crate::model::codec::Fields::new(node, FIELDS, $crate::json_struct!(@expecting $($exp)?));
                // Every field is read before the first error is returned, so that there is one
                // way out of this function, not one per field.
                $( let $f = $crate::json_struct!(@read fields $rule); )*
                let error = match (fields.finish(), $($f,)*) {
                    (::core::result::Result::Ok(()), $($crate::json_struct!(@pat $f $rule),)*) => return ::core::result::Result::Ok(Self {
                        $( $f: $crate::json_struct!(@take $f $rule $(($d))?), )*
                    }),
                    (result, ..) => result.err(),
                };
                // INVARIANT: a required field that is not there is an error of `finish`.
                ::core::result::Result::Err(error.unwrap_or_else(|| $crate::model::codec::missing_field($crate::json::Pos::default(), "")))
            }
        }
    };
    ($t:ident $($exp:literal)? { $($body:tt)* }) => {
        $crate::json_struct!(write $t { $($body)* });
        $crate::json_struct!(read $t $($exp)? { $($body)* });
    };
    (@key $f:ident) => { stringify!($f) };
    (@key $f:ident $k:literal) => { $k };
    (@expecting) => { "an object" };
    (@expecting $exp:literal) => { $exp };
    (@write $s:ident $o:ident $f:ident [$k:expr] req) => {
        $crate::json::write::key($o, $k);
        $crate::model::codec::ToJson::write_json(&$s.$f, $o);
    };
    (@write $s:ident $o:ident $f:ident [$k:expr] fill $(($d:expr))?) => {
        $crate::json_struct!(@write $s $o $f [$k] req);
    };
    (@write $s:ident $o:ident $f:ident [$k:expr] opt) => {
        if !$crate::model::codec::is_default(&$s.$f) {
            $crate::json_struct!(@write $s $o $f [$k] req);
        }
    };
    (@write $s:ident $o:ident $f:ident [$k:expr] or($d:expr)) => {
        if $crate::model::codec::differs(&$s.$f, &$d) {
            $crate::json_struct!(@write $s $o $f [$k] req);
        }
    };
    (@read $r:ident req) => { $r.take(true) };
    (@read $r:ident $rule:ident) => { $r.take(false) };
    (@pat $f:ident req) => { ::core::option::Option::Some($f) };
    (@pat $f:ident $rule:ident) => { $f };
    (@take $f:ident req) => { $f };
    (@take $f:ident opt) => { $f.unwrap_or_default() };
    (@take $f:ident fill) => { $f.unwrap_or_default() };
    (@take $f:ident or($d:expr)) => { $f.unwrap_or_else(|| $d) };
    (@take $f:ident fill($d:expr)) => { $f.unwrap_or_else(|| $d) };
}

/// Writes and reads a unit enum as one of its names: `json_enum!(Protocol { Tcp = "tcp", … })`.
/// `json_enum!(write T { … })` writes only.
#[macro_export]
macro_rules! json_enum {
    (write $t:ident { $($v:ident = $name:literal),+ $(,)? }) => {
        impl $crate::model::codec::ToJson for $t {
            fn write_json(&self, out: &mut $crate::json::__String) {
                let name = match self { $( Self::$v => $name ),+ };
                out.push('"');
                out.push_str(name);
                out.push('"');
            }
        }
    };
    ($t:ident { $($v:ident = $name:literal),+ $(,)? }) => {
        $crate::json_enum!(write $t { $($v = $name),+ });
        impl $crate::model::codec::FromJson for $t {
            fn from_json(node: $crate::json::Node) -> ::core::result::Result<Self, $crate::json::JsonError> {
                const NAMES: &[&str] = &[$($name),+];
                const ALL: &[$t] = &[$($t::$v),+];
                let pos = node.pos;
                let i = $crate::model::codec::variant(node, NAMES)?;
                ALL.get(i)
                    .copied()
                    .ok_or_else(|| $crate::model::codec::unknown_variant(pos, "", NAMES))
            }
        }
    };
}

/// Writes and reads an enum whose variants each hold one value, as an object with one member
/// named after the variant: `{"forward": […]}`.
#[macro_export]
macro_rules! json_oneof {
    ($t:ident { $($v:ident = $name:literal),+ $(,)? }) => {
        impl $crate::model::codec::ToJson for $t {
            fn write_json(&self, out: &mut $crate::json::__String) {
                out.push('{');
                match self {
                    $( Self::$v(inner) => {
                        $crate::json::write::key(out, $name);
                        $crate::model::codec::ToJson::write_json(inner, out);
                    } )+
                }
                out.push('}');
            }
        }
        impl $crate::model::codec::FromJson for $t {
            fn from_json(node: $crate::json::Node) -> ::core::result::Result<Self, $crate::json::JsonError> {
                const NAMES: &[&str] = &[$($name),+];
                let pos = node.pos;
                let (i, member) = $crate::model::codec::tagged(node, NAMES)?;
                let ::core::option::Option::Some(m) = member else {
                    return ::core::result::Result::Err($crate::model::codec::needs_value(pos, NAMES, i));
                };
                let mut at = 0usize;
                $(
                    if i == at {
                        return $crate::model::codec::field(m).map(Self::$v);
                    }
                    at += 1;
                )+
                let _ = at;
                ::core::result::Result::Err($crate::model::codec::unknown_variant(pos, "", NAMES))
            }
        }
    };
}

/// Re-indents compact JSON with two spaces per level, `"key": value`, one member per line;
/// empty arrays and objects stay `[]` and `{}`. Text inside strings is left alone.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(c);
                    out.push(close);
                    chars.next();
                } else {
                    out.push(c);
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_keeps_the_serde_json_layout() {
        let compact = r#"{"a":[1,{"b":"x, y: {z}","c":[]}],"d":{},"e":"q\"uote\\"}"#;
        let expected = "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x, y: {z}\",\n      \"c\": []\n    }\n  ],\n  \"d\": {},\n  \"e\": \"q\\\"uote\\\\\"\n}";
        assert_eq!(pretty(compact), expected);
    }

    #[test]
    fn round_trips_typed_values() {
        let text = to_text(&alloc::vec![1u16, 2, 3]);
        assert_eq!(text, "[1,2,3]");
        let back: Vec<u16> = from_text(text.as_bytes()).unwrap();
        assert_eq!(back, [1, 2, 3]);
    }

    #[derive(Debug, PartialEq)]
    struct Probe {
        id: String,
        port: u16,
        tags: Vec<String>,
        weight: u8,
    }

    crate::json_struct!(Probe "a probe" {
        id: req,
        port: req,
        tags: opt,
        weight: or(7),
    });

    #[test]
    fn the_first_problem_in_document_order_is_the_one_reported() {
        let read = |text: &str| from_str::<Probe>(text).map_err(|e| (e.message, e.pointer));
        assert_eq!(
            read(r#"{"tags": ["a"], "id": "p", "port": 80}"#),
            Ok(Probe {
                id: "p".into(),
                port: 80,
                tags: alloc::vec!["a".into()],
                weight: 7
            })
        );
        // A value of the wrong shape before an unknown field.
        let e = read(r#"{"tags": [1], "nope": 1}"#).unwrap_err();
        assert_eq!(e.0, "expected text in quotes, found `1`");
        assert_eq!(e.1, "/tags/0");
        // An unknown field before a value of the wrong shape.
        let e = read(r#"{"nope": 1, "port": "x"}"#).unwrap_err();
        assert_eq!(
            e.0,
            "unknown field `nope`, expected one of `id`, `port`, `tags`, `weight`"
        );
        assert_eq!(e.1, "/nope");
        // Of two values of the wrong shape, the earlier in the document, not in the table.
        let e = read(r#"{"weight": 300, "port": -1}"#).unwrap_err();
        assert_eq!(e.1, "/weight");
        // Missing fields come after every member, in table order.
        let e = read(r#"{"weight": 1}"#).unwrap_err();
        assert_eq!(e, ("missing field `id`".into(), String::new()));
        let e = read(r#"{"id": "p", "weight": true}"#).unwrap_err();
        assert_eq!(e.1, "/weight");
        let e = read(r#"{"id": "p"}"#).unwrap_err();
        assert_eq!(e.0, "missing field `port`");
        assert!(
            read("[]")
                .unwrap_err()
                .0
                .starts_with("expected a probe, found an array")
        );
    }

    #[test]
    fn wrong_types_are_named_in_plain_words() {
        let e = from_text::<Vec<u16>>(b"[1, 70000]").unwrap_err();
        assert_eq!(
            e.message,
            "expected a whole number from 0 to 65535, found `70000`"
        );
        assert_eq!(e.pointer, "/1");
        assert_eq!((e.pos.line, e.pos.column), (1, 5));
        let e = from_text::<Vec<String>>(b"[1.5]").unwrap_err();
        assert_eq!(e.message, "expected text in quotes, found `1.5`");
        assert!(from_text::<u16>(b"1.0").is_err());
        assert!(from_text::<u16>(b"-1").is_err());
        assert!(from_text::<f64>(b"1e999").is_err());
        assert_eq!(from_text::<f64>(b"-2.5e1").unwrap(), -25.0);
    }
}
