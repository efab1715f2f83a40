//! One object as JSON, for the inspector's source view: read it out, edit it, put it back.

use alloc::string::{String, ToString};

use super::EditError;
use crate::json::Value;
use crate::model::codec::{FromJson, ToJson, from_str, from_value, pretty, to_text, to_value};
use crate::model::{Document, Kind};

/// Calls `$body` with `$list` bound to the document list holding objects of `$kind`.
macro_rules! with_list {
    ($doc:expr, $kind:expr, |$list:ident| $body:expr) => {
        match $kind {
            Kind::Vpc => {
                let $list = &mut $doc.vpcs;
                $body
            }
            Kind::Subnet => {
                let $list = &mut $doc.subnets;
                $body
            }
            Kind::RouteTable => {
                let $list = &mut $doc.route_tables;
                $body
            }
            Kind::SecurityGroup => {
                let $list = &mut $doc.security_groups;
                $body
            }
            Kind::InternetGateway => {
                let $list = &mut $doc.internet_gateways;
                $body
            }
            Kind::NatGateway => {
                let $list = &mut $doc.nat_gateways;
                $body
            }
            Kind::Instance => {
                let $list = &mut $doc.instances;
                $body
            }
            Kind::Lambda => {
                let $list = &mut $doc.lambdas;
                $body
            }
            Kind::Database => {
                let $list = &mut $doc.databases;
                $body
            }
            Kind::LoadBalancer => {
                let $list = &mut $doc.load_balancers;
                $body
            }
            Kind::GatewayEndpoint => {
                let $list = &mut $doc.gateway_endpoints;
                $body
            }
            Kind::InterfaceEndpoint => {
                let $list = &mut $doc.interface_endpoints;
                $body
            }
            Kind::EndpointService => {
                let $list = &mut $doc.endpoint_services;
                $body
            }
            Kind::ServiceNetwork => {
                let $list = &mut $doc.service_networks;
                $body
            }
            Kind::ServiceNetworkEndpoint => {
                let $list = &mut $doc.service_network_endpoints;
                $body
            }
            Kind::Service => {
                let $list = &mut $doc.services;
                $body
            }
            Kind::TargetGroup => {
                let $list = &mut $doc.target_groups;
                $body
            }
            Kind::ResourceGateway => {
                let $list = &mut $doc.resource_gateways;
                $body
            }
            Kind::ResourceConfiguration => {
                let $list = &mut $doc.resource_configurations;
                $body
            }
            Kind::ResourceEndpoint => {
                let $list = &mut $doc.resource_endpoints;
                $body
            }
            kind => return Err(EditError::NotDrawable { kind }),
        }
    };
}

/// Reads `json` as an object of the same type as the list's.
fn parse_like<T: FromJson>(_list: &[T], json: &str) -> Result<T, EditError> {
    from_str(json).map_err(|e| EditError::BadObject {
        detail: alloc::format!("{e}"),
    })
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
    let mut copy = doc.clone();
    with_list!(copy, kind, |list| {
        let obj = list
            .iter()
            .find(|o| o.id.as_str() == id)
            .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })?;
        Ok(pretty(&to_text(obj)))
    })
}

/// Replaces the object `id` with the one written in `json`. The id may not change here (a new
/// id would orphan every reference to the old one).
pub fn replace_object(doc: &mut Document, id: &str, json: &str) -> Result<(), EditError> {
    let kind = kind_of(doc, id)?;
    with_list!(doc, kind, |list| {
        let mut value = parse_like(list, json)?;
        if value.id.as_str() != id {
            return Err(EditError::BadObject {
                detail: alloc::format!(
                    "the id must stay `{id}`: rename objects with a new copy instead"
                ),
            });
        }
        let slot = list
            .iter_mut()
            .find(|o| o.id.as_str() == id)
            .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })?;
        core::mem::swap(slot, &mut value);
        Ok(())
    })
}

/// Reads `value` as an object of the same type as the list's. The value was built here, not
/// typed by a person, so the reader's line and column would point nowhere useful: they are left
/// out of the message.
fn value_like<T: FromJson>(_list: &[T], value: Value) -> Result<T, EditError> {
    from_value(value).map_err(|e| {
        let mut detail = e.message;
        if !e.pointer.is_empty() {
            detail.push_str(&alloc::format!(" at `{}`", e.pointer));
        }
        EditError::BadObject { detail }
    })
}

/// The object as a JSON value, exactly as the document format writes it.
fn value_of<T: ToJson>(obj: &T) -> Result<Value, EditError> {
    to_value(obj).map_err(|e| EditError::BadObject {
        detail: e.to_string(),
    })
}

/// One field of object `id` as the document format writes it; `None` when the field is left
/// out (at its default).
pub fn field(doc: &Document, id: &str, key: &str) -> Result<Option<Value>, EditError> {
    let kind = kind_of(doc, id)?;
    let mut copy = doc.clone();
    with_list!(copy, kind, |list| {
        let obj = list
            .iter()
            .find(|o| o.id.as_str() == id)
            .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })?;
        let value = value_of(obj)?;
        Ok(value.get(key).cloned())
    })
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
        return Err(EditError::BadObject {
            detail: alloc::format!(
                "the id must stay `{id}`: rename objects with a new copy instead"
            ),
        });
    }
    let kind = kind_of(doc, id)?;
    with_list!(doc, kind, |list| {
        let slot = list
            .iter()
            .position(|o| o.id.as_str() == id)
            .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })?;
        let current = list
            .get(slot)
            .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })?;
        let mut object = value_of(current)?;
        match value {
            Some(v) => object.insert(key, v),
            None => {
                object.remove(key);
            }
        }
        let mut next = value_like(list, object)?;
        if let Some(target) = list.get_mut(slot) {
            core::mem::swap(target, &mut next);
        }
        Ok(())
    })
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
    with_list!(doc, kind, |list| {
        let copy = value_like(list, object)?;
        list.push(copy);
        Ok(fresh)
    })
}

fn object_value(doc: &Document, id: &str, kind: Kind) -> Result<Value, EditError> {
    let mut copy = doc.clone();
    with_list!(copy, kind, |list| {
        let obj = list
            .iter()
            .find(|o| o.id.as_str() == id)
            .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })?;
        value_of(obj)
    })
}
