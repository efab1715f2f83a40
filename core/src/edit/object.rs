//! One object as JSON, for the inspector's source view: read it out, edit it, put it back.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::EditError;
use crate::json::{JsonError, Node, Value};
use crate::model::codec::{DOCUMENT_LIMITS, FromJson, ToJson, pretty, to_text};
use crate::model::{Document, Kind};

/// A kind of object drawn on the canvas, as its document list holds it.
trait Drawn: ToJson + FromJson {
    fn id(&self) -> &str;
}

macro_rules! drawn_types {
    ($( ; )? $($k:ident => $field:ident: $t:ty),+ $(,)?) => {$(
        impl Drawn for $t {
            fn id(&self) -> &str {
                self.id.as_str()
            }
        }
    )+};
}

drawn_lists!(drawn_types!());

/// Evaluates `$body` with `$list` bound to the document list holding objects of `$kind`: the
/// one place that goes from a kind to its list, so that every edit of one object is written
/// once, on JSON.
macro_rules! on_list {
    ($kind:expr, $access:tt, |$list:ident| $body:expr) => {
        drawn_lists!(on_list!(@ $kind, $list, $access, $body))
    };
    (@ $kind:expr, $list:ident, $access:tt, $body:expr ; $($k:ident => $field:ident: $t:ty),+) => {
        match $kind {
            $( Kind::$k => {
                let $list = on_list!(@field $access $field);
                $body
            } )+
            kind => Err(Refused::NotDrawable(kind)),
        }
    };
    (@field (&mut $doc:ident) $field:ident) => { &mut $doc.$field };
    (@field (& $doc:ident) $field:ident) => { &$doc.$field };
}

/// Why an object could not be read or put back; each caller words it.
enum Refused {
    NotDrawable(Kind),
    Unknown,
    IdChanged,
    Read(JsonError),
}

/// The object `id` of `list` as compact JSON.
fn text_in<T: Drawn>(list: &[T], id: &str) -> Result<String, Refused> {
    list.iter()
        .find(|o| o.id() == id)
        .map(to_text)
        .ok_or(Refused::Unknown)
}

/// Reads `node` as an object of `list`'s type and puts it in place of the object `id`, which it
/// must keep the id of, or last when `id` is `None`.
fn put_in<T: Drawn>(list: &mut Vec<T>, node: Node, id: Option<&str>) -> Result<(), Refused> {
    let value = T::from_json(node).map_err(Refused::Read)?;
    let Some(id) = id else {
        list.push(value);
        return Ok(());
    };
    if value.id() != id {
        return Err(Refused::IdChanged);
    }
    let slot = list
        .iter_mut()
        .find(|o| o.id() == id)
        .ok_or(Refused::Unknown)?;
    *slot = value;
    Ok(())
}

/// The object `id`, of kind `kind`, as compact JSON.
fn text_of(doc: &Document, kind: Kind, id: &str) -> Result<String, EditError> {
    on_list!(kind, (&doc), |list| text_in(list, id)).map_err(|r| refused(r, id, |e| e.to_string()))
}

/// Puts the object read from `node` in place of the object `id`, or adds it with `None`.
fn put(
    doc: &mut Document,
    kind: Kind,
    node: Node,
    id: Option<&str>,
    detail: fn(JsonError) -> String,
) -> Result<(), EditError> {
    on_list!(kind, (&mut doc), |list| put_in(list, node, id))
        .map_err(|r| refused(r, id.unwrap_or_default(), detail))
}

fn refused(r: Refused, id: &str, detail: fn(JsonError) -> String) -> EditError {
    match r {
        Refused::NotDrawable(kind) => EditError::NotDrawable { kind },
        Refused::Unknown => EditError::UnknownObject { id: id.to_string() },
        Refused::IdChanged => id_stays(id),
        Refused::Read(e) => EditError::BadObject { detail: detail(e) },
    }
}

fn id_stays(id: &str) -> EditError {
    EditError::BadObject {
        detail: alloc::format!("the id must stay `{id}`: rename objects with a new copy instead"),
    }
}

/// An error of a value built here, not typed by a person: the reader's line and column would
/// point nowhere useful, so they are left out of the message.
fn built_detail(e: JsonError) -> String {
    let mut detail = e.message;
    if !e.pointer.is_empty() {
        detail.push_str(&alloc::format!(" at `{}`", e.pointer));
    }
    detail
}

fn kind_of(doc: &Document, id: &str) -> Result<Kind, EditError> {
    super::structure::drawn(doc)
        .into_iter()
        .find(|(oid, _, _)| oid == id)
        .map(|(_, k, _)| k)
        .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })
}

/// The object `id` as pretty-printed JSON, exactly as the document format writes it.
pub fn object_json(doc: &Document, id: &str) -> Result<String, EditError> {
    let kind = kind_of(doc, id)?;
    Ok(pretty(&text_of(doc, kind, id)?))
}

/// Replaces the object `id` with the one written in `json`. The id may not change here (a new
/// id would orphan every reference to the old one).
pub fn replace_object(doc: &mut Document, id: &str, json: &str) -> Result<(), EditError> {
    let kind = kind_of(doc, id)?;
    let node =
        crate::json::parse_with(json, DOCUMENT_LIMITS).map_err(|e| EditError::BadObject {
            detail: e.to_string(),
        })?;
    put(doc, kind, node, Some(id), |e| e.to_string())
}

/// The object as a JSON value, exactly as the document format writes it.
fn object_value(doc: &Document, id: &str, kind: Kind) -> Result<Value, EditError> {
    Value::parse(&text_of(doc, kind, id)?, DOCUMENT_LIMITS).map_err(|e| EditError::BadObject {
        detail: e.to_string(),
    })
}

/// One field of object `id` as the document format writes it; `None` when the field is left
/// out (at its default).
pub fn field(doc: &Document, id: &str, key: &str) -> Result<Option<Value>, EditError> {
    let kind = kind_of(doc, id)?;
    Ok(object_value(doc, id, kind)?.remove(key))
}

/// Sets one field of object `id` (or leaves it out, with `None`), checked by the document format:
/// a value the format refuses leaves the document unchanged and says why, in the format's words.
pub fn set_field(
    doc: &mut Document,
    id: &str,
    key: &str,
    value: Option<Value>,
) -> Result<(), EditError> {
    if key == "id" {
        return Err(id_stays(id));
    }
    let kind = kind_of(doc, id)?;
    let mut object = object_value(doc, id, kind)?;
    match value {
        Some(v) => object.insert(key, v),
        None => {
            object.remove(key);
        }
    }
    put(doc, kind, object.into_node(), Some(id), built_detail)
}

/// Copies object `id` under a fresh id, 24 units down and to the right, inside the same
/// container. A copied VPC or subnet takes a free address block, so the copy is valid too.
pub fn duplicate(doc: &mut Document, id: &str) -> Result<String, EditError> {
    let kind = kind_of(doc, id)?;
    let fresh = super::create::fresh_id(doc, super::create::prefix(kind));
    let mut object = object_value(doc, id, kind)?;
    if matches!(object, Value::Object(_)) {
        object.insert("id", Value::String(fresh.clone()));
        if let Some(p @ Value::Object(_)) = object.get_mut("position") {
            for axis in ["x", "y"] {
                let moved = p.get(axis).and_then(Value::as_f64).unwrap_or(0.0) + 24.0;
                p.insert(axis, Value::from(moved));
            }
        }
        match kind {
            Kind::Vpc => {
                let block =
                    super::create::free_vpc_block(doc).ok_or(EditError::NoFreeAddresses {
                        container: "the 10.0.0.0/8 range".into(),
                    })?;
                object.insert(
                    "cidrs",
                    Value::Array(alloc::vec![Value::String(block.to_string())]),
                );
            }
            Kind::Subnet => {
                let vpc = super::structure::parent_of(doc, id).unwrap_or_default();
                let block = super::create::free_subnet_block(doc, &vpc)
                    .ok_or(EditError::NoFreeAddresses { container: vpc })?;
                object.insert("cidr", Value::String(block.to_string()));
            }
            _ => {}
        }
    }
    put(doc, kind, object.into_node(), None, built_detail)?;
    Ok(fresh)
}
