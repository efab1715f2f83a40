//! One object as JSON, for the inspector's source view: read it out, edit it, put it back.

use alloc::string::{String, ToString};

use super::EditError;
use crate::model::codec::{from_text, pretty, to_text};
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
fn parse_like<T: serde::de::DeserializeOwned>(_list: &[T], json: &str) -> Result<T, EditError> {
    from_text(json.as_bytes()).map_err(|e| EditError::BadObject {
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
fn value_like<T: serde::de::DeserializeOwned>(
    _list: &[T],
    value: serde_json::Value,
) -> Result<T, EditError> {
    from_text(to_text(&value).as_bytes()).map_err(|e| {
        let text = alloc::format!("{e}");
        let detail = match text.rfind(" at line ") {
            Some(cut) => text.get(..cut).unwrap_or(&text).into(),
            None => text,
        };
        EditError::BadObject { detail }
    })
}

/// One field of object `id` as the document format writes it; `None` when the field is left
/// out (at its default).
pub fn field(doc: &Document, id: &str, key: &str) -> Result<Option<serde_json::Value>, EditError> {
    let kind = kind_of(doc, id)?;
    let mut copy = doc.clone();
    with_list!(copy, kind, |list| {
        let obj = list
            .iter()
            .find(|o| o.id.as_str() == id)
            .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })?;
        let value = from_text::<serde_json::Value>(to_text(obj).as_bytes()).map_err(|e| {
            EditError::BadObject {
                detail: e.to_string(),
            }
        })?;
        Ok(value.get(key).cloned())
    })
}

/// Sets one field of object `id` (or leaves it out, with `None`), checked by the document format:
/// a value the format refuses leaves the document unchanged and says why, in the format's words.
pub fn set_field(
    doc: &mut Document,
    id: &str,
    key: &str,
    value: Option<serde_json::Value>,
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
        let mut object =
            from_text::<serde_json::Value>(to_text(current).as_bytes()).map_err(|e| {
                EditError::BadObject {
                    detail: e.to_string(),
                }
            })?;
        if let Some(map) = object.as_object_mut() {
            match value {
                Some(v) => {
                    map.insert(key.into(), v);
                }
                None => {
                    map.remove(key);
                }
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
    if let Some(map) = object.as_object_mut() {
        map.insert("id".into(), serde_json::Value::String(fresh.clone()));
        if let Some(serde_json::Value::Object(p)) = map.get_mut("position") {
            for axis in ["x", "y"] {
                let moved = p
                    .get(axis)
                    .and_then(serde_json::Value::as_f64)
                    .unwrap_or(0.0)
                    + 24.0;
                p.insert(axis.into(), serde_json::json!(moved));
            }
        }
        match kind {
            Kind::Vpc => {
                let block =
                    super::create::free_vpc_block(doc).ok_or(EditError::NoFreeAddresses {
                        container: "the 10.0.0.0/8 range".into(),
                    })?;
                map.insert("cidrs".into(), serde_json::json!([block.to_string()]));
            }
            Kind::Subnet => {
                let vpc = super::structure::parent_of(doc, id).unwrap_or_default();
                let block = super::create::free_subnet_block(doc, &vpc)
                    .ok_or(EditError::NoFreeAddresses { container: vpc })?;
                map.insert("cidr".into(), serde_json::json!(block.to_string()));
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

fn object_value(doc: &Document, id: &str, kind: Kind) -> Result<serde_json::Value, EditError> {
    let mut copy = doc.clone();
    with_list!(copy, kind, |list| {
        let obj = list
            .iter()
            .find(|o| o.id.as_str() == id)
            .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })?;
        from_text::<serde_json::Value>(to_text(obj).as_bytes()).map_err(|e| EditError::BadObject {
            detail: e.to_string(),
        })
    })
}
