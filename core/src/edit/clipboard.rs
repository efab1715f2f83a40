//! Copy and paste: drawn objects, with everything inside them, as text that this document,
//! another document or another browser tab can paste.
//!
//! Pasted objects get fresh ids, and every reference between them follows (an instance keeps
//! its copied subnet and security groups, a target group its copied targets). References to
//! objects that were not copied stay as they are, so a pasted instance in the same document keeps
//! its security groups. A pasted VPC takes a free address block, like a new one, and the copied
//! subnets and addresses inside it move into that block with the same layout; a subnet pasted on
//! its own takes a free block of its VPC, and its addresses move with it.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::palette::{item_for, kind_by_name};
use super::structure::{drawn, parent_of};
use super::{EditError, create, object_json, replace_object};
use crate::json::{Limits, Value};
use crate::model::common::Position;
use crate::model::{Document, Kind, MAX_DOCUMENT_BYTES};

/// What copied text says it is, so a paste can tell it from any other JSON.
pub const MARKER: &str = "vpcplay objects";

/// How far a paste lands from the copied objects when it is pasted where they are.
pub const PASTE_OFFSET: f64 = 30.0;

/// What the clipboard text and each object in it may hold: as much as a document.
const LIMITS: Limits = Limits {
    max_bytes: MAX_DOCUMENT_BYTES,
    max_depth: 64,
};

/// `ids` and every object drawn inside them, as clipboard text.
pub fn copy(doc: &Document, ids: &[&str]) -> Result<String, EditError> {
    let all = drawn(doc);
    for id in ids {
        if !all.iter().any(|(o, _, _)| o == id) {
            return Err(EditError::UnknownObject {
                id: (*id).to_string(),
            });
        }
    }
    let mut chosen: BTreeSet<&str> = BTreeSet::new();
    for id in ids {
        chosen.insert(id);
    }
    // `drawn` lists containers before what they hold, so one pass takes every depth.
    let mut objects = Vec::new();
    for (id, kind, parent) in &all {
        if parent.as_deref().is_some_and(|p| chosen.contains(p)) {
            chosen.insert(id.as_str());
        }
        if !chosen.contains(id.as_str()) {
            continue;
        }
        let name = item_for(*kind).map_or("", |p| p.name);
        let object =
            Value::parse(&object_json(doc, id)?, LIMITS).map_err(|e| EditError::BadObject {
                detail: e.to_string(),
            })?;
        let mut entry = Value::Object(Vec::new());
        entry.insert("kind", Value::String(name.to_string()));
        entry.insert("object", object);
        objects.push(entry);
    }
    let mut clip = Value::Object(Vec::new());
    clip.insert("vpcplay", Value::String(MARKER.to_string()));
    clip.insert("objects", Value::Array(objects));
    let mut out = String::new();
    clip.write(&mut out);
    Ok(out)
}

/// Whether `text` is something [`paste`] takes (copied objects), without reading all of it.
pub fn is_clip(text: &str) -> bool {
    text.trim_start().starts_with('{') && text.contains(MARKER)
}

/// Pastes copied objects `(dx, dy)` from where they were. Objects whose container was not
/// copied go back into it when this document has it, else into `into` when that can hold them.
/// Returns the new ids of the pasted objects that were copied at the top (not inside another
/// copied object), for the selection.
pub fn paste(
    doc: &mut Document,
    text: &str,
    (dx, dy): (f64, f64),
    into: Option<&str>,
) -> Result<Vec<String>, EditError> {
    let bad = |detail: String| EditError::BadObject { detail };
    let clip = Value::parse(text, LIMITS).map_err(|e| {
        bad(alloc::format!(
            "the clipboard holds no copied vpcplay objects: it is not JSON ({e})"
        ))
    })?;
    if clip.get("vpcplay").and_then(Value::as_str) != Some(MARKER) {
        return Err(bad(
            "the clipboard holds no copied vpcplay objects".to_string()
        ));
    }
    let Some(Value::Array(entries)) = clip.get("objects") else {
        return Err(bad("the copied text lists no `objects`".to_string()));
    };

    // Read every entry first: kind, old id, the container it was in.
    let mut items: Vec<(Kind, String, Value)> = Vec::new();
    for entry in entries {
        let kind = entry
            .get("kind")
            .and_then(Value::as_str)
            .and_then(kind_by_name)
            .map(|p| p.kind)
            .ok_or_else(|| bad("a copied object names no kind this editor draws".to_string()))?;
        let object = entry
            .get("object")
            .cloned()
            .ok_or_else(|| bad("a copied object has no `object`".to_string()))?;
        let id = object
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("a copied object has no `id`".to_string()))?
            .to_string();
        items.push((kind, id, object));
    }
    let mut copied: BTreeSet<String> = BTreeSet::new();
    for (_, id, _) in &items {
        copied.insert(id.clone());
    }

    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    // Old address block → new one, for the VPCs and subnets pasted so far.
    let mut blocks: Vec<(Ipv4Net, Ipv4Net)> = Vec::new();
    let mut top = Vec::new();
    for (kind, old_id, mut object) in items {
        let old_parent = container_of(kind, &object);
        let parent = match old_parent.as_deref() {
            Some(p) if renamed.contains_key(p) => renamed.get(p).cloned(),
            Some(p) if !copied.contains(p) && parent_exists(doc, p) => Some(p.to_string()),
            Some(_) | None => into.map(ToString::to_string),
        };
        let at = position(&object).map(|p| Position {
            x: p.x + dx,
            y: p.y + dy,
        });
        let new_id = create(
            doc,
            kind,
            at.unwrap_or_default(),
            parent.as_deref().filter(|_| takes_container(kind)),
        )?;
        if old_parent.as_ref().is_none_or(|p| !copied.contains(p)) {
            top.push(new_id.clone());
        }

        // The address blocks the new object was given, and how the copied ones map onto them.
        let made =
            Value::parse(&object_json(doc, &new_id)?, LIMITS).map_err(|e| bad(e.to_string()))?;
        match kind {
            Kind::Vpc => {
                let old = first_v4(object.get("cidrs"));
                let new = first_v4(made.get("cidrs"));
                if let (Some(old), Some(new)) = (old, new)
                    && old.prefix_len() >= new.prefix_len()
                {
                    blocks.push((old, new));
                }
                if let Some(cidrs) = made.get("cidrs").cloned() {
                    object.insert("cidrs", cidrs);
                }
                object.remove("ipv6_cidr");
            }
            Kind::Subnet => {
                let old = object
                    .get("cidr")
                    .and_then(Value::as_str)
                    .and_then(|t| t.parse::<Ipv4Net>().ok());
                let rebased = old.and_then(|c| rebase_net(c, &blocks));
                let new = match rebased {
                    Some(n) => Some(n),
                    None => made
                        .get("cidr")
                        .and_then(Value::as_str)
                        .and_then(|t| t.parse::<Ipv4Net>().ok()),
                };
                if let (Some(old), Some(new)) = (old, new) {
                    if old.prefix_len() >= new.prefix_len() {
                        blocks.push((old, new));
                    }
                    object.insert("cidr", Value::String(new.to_string()));
                }
                if let Some(zone) = made.get("zone").cloned().filter(|_| rebased.is_none()) {
                    object.insert("zone", zone);
                }
                object.remove("ipv6_cidr");
            }
            _ => {}
        }
        renamed.insert(old_id, new_id.clone());
        follow(&mut object, &renamed, &blocks);
        object.insert("id", Value::String(new_id.clone()));
        if let Some(p) = at {
            let mut pos = Value::Object(Vec::new());
            pos.insert("x", Value::from(p.x));
            pos.insert("y", Value::from(p.y));
            object.insert("position", pos);
        }
        if let (Some(key), Some(p)) = (container_key(kind), parent.as_ref()) {
            object.insert(key, Value::String(p.clone()));
        }
        let mut text = String::new();
        object.write(&mut text);
        replace_object(doc, &new_id, &text)?;
    }
    // References to objects pasted later in the list (a route table naming a gateway that came
    // after it) are followed in a second pass.
    for new_id in renamed.values() {
        let mut object =
            Value::parse(&object_json(doc, new_id)?, LIMITS).map_err(|e| bad(e.to_string()))?;
        let before = object.clone();
        follow(&mut object, &renamed, &[]);
        if object != before {
            let mut text = String::new();
            object.write(&mut text);
            replace_object(doc, new_id, &text)?;
        }
    }
    Ok(top)
}

/// The field that names an object's container, for the kinds drawn inside one: the palette's
/// name of the container kind (`vpc`, `subnet`), which is how the document format names it.
fn container_key(kind: Kind) -> Option<&'static str> {
    let container = *item_for(kind)?.containers.first()?;
    item_for(container).map(|p| p.name)
}

fn takes_container(kind: Kind) -> bool {
    container_key(kind).is_some()
}

fn container_of(kind: Kind, object: &Value) -> Option<String> {
    container_key(kind)
        .and_then(|k| object.get(k))
        .and_then(Value::as_str)
        .map(ToString::to_string)
}

fn parent_exists(doc: &Document, id: &str) -> bool {
    parent_of(doc, id).is_some() || drawn(doc).iter().any(|(o, _, _)| o == id)
}

fn position(object: &Value) -> Option<Position> {
    let p = object.get("position")?;
    Some(Position {
        x: p.get("x").and_then(Value::as_f64)?,
        y: p.get("y").and_then(Value::as_f64)?,
    })
}

fn first_v4(cidrs: Option<&Value>) -> Option<Ipv4Net> {
    match cidrs? {
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .find_map(|t| t.parse::<Ipv4Net>().ok()),
        _ => None,
    }
}

/// Renames copied ids and moves copied addresses into their new blocks, in every string of
/// `value` (ids are whole strings; addresses are whole strings too, as `10.0.1.10` or
/// `10.0.1.0/24`).
fn follow(value: &mut Value, renamed: &BTreeMap<String, String>, blocks: &[(Ipv4Net, Ipv4Net)]) {
    match value {
        Value::String(s) => {
            if let Some(new) = renamed.get(s.as_str()) {
                *s = new.clone();
            } else if let Ok(ip) = s.parse::<Ipv4Addr>() {
                if let Some(moved) = rebase_ip(ip, blocks) {
                    *s = moved.to_string();
                }
            } else if let Some(moved) = s
                .parse::<Ipv4Net>()
                .ok()
                .and_then(|net| rebase_net(net, blocks))
            {
                *s = moved.to_string();
            }
        }
        Value::Array(items) => {
            for item in items {
                follow(item, renamed, blocks);
            }
        }
        Value::Object(members) => {
            for (key, v) in members {
                // The id and the container were set already; positions hold numbers only.
                if key != "id" {
                    follow(v, renamed, blocks);
                }
            }
        }
        _ => {}
    }
}

/// `ip` moved from the most specific old block holding it to the same offset in its new block.
fn rebase_ip(ip: Ipv4Addr, blocks: &[(Ipv4Net, Ipv4Net)]) -> Option<Ipv4Addr> {
    let (old, new) = blocks
        .iter()
        .filter(|(old, _)| old.contains(&ip))
        .max_by_key(|(old, _)| old.prefix_len())?;
    let offset = u32::from(ip).wrapping_sub(u32::from(old.network()));
    (old.prefix_len() >= new.prefix_len())
        .then(|| Ipv4Addr::from(u32::from(new.network()).wrapping_add(offset)))
}

/// A block moved like [`rebase_ip`] moves its first address, keeping its length.
fn rebase_net(net: Ipv4Net, blocks: &[(Ipv4Net, Ipv4Net)]) -> Option<Ipv4Net> {
    let (old, _) = blocks
        .iter()
        .filter(|(old, _)| old.contains(&net))
        .max_by_key(|(old, _)| old.prefix_len())?;
    if *old == net {
        return blocks.iter().find(|(o, _)| *o == net).map(|(_, new)| *new);
    }
    let start = rebase_ip(net.network(), blocks)?;
    Ipv4Net::new(start, net.prefix_len()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;

    fn at(x: f64, y: f64) -> Position {
        Position { x, y }
    }

    /// A VPC with a subnet, an instance with a fixed address and a security group.
    fn sample() -> (Document, String, String, String) {
        let mut doc = Document::new();
        let vpc = create(&mut doc, Kind::Vpc, at(0.0, 0.0), None).unwrap();
        let subnet = create(&mut doc, Kind::Subnet, at(20.0, 50.0), Some(&vpc)).unwrap();
        let sg = create(&mut doc, Kind::SecurityGroup, at(300.0, 50.0), Some(&vpc)).unwrap();
        let inst = create(&mut doc, Kind::Instance, at(40.0, 100.0), Some(&subnet)).unwrap();
        super::super::set_field(
            &mut doc,
            &inst,
            "security_groups",
            Some(crate::json!([sg.as_str()])),
        )
        .unwrap();
        let cidr = doc.subnets[0].cidr.to_string();
        let ip = cidr.replace(".0/24", ".10");
        super::super::set_field(&mut doc, &inst, "ip", Some(Value::String(ip))).unwrap();
        (doc, vpc, subnet, inst)
    }

    #[test]
    fn a_pasted_vpc_brings_its_contents_into_a_new_address_block() {
        let (mut doc, vpc, _, _) = sample();
        assert!(validate(&doc).is_empty(), "{:?}", validate(&doc));
        let clip = copy(&doc, &[vpc.as_str()]).unwrap();
        assert!(is_clip(&clip));
        let top = paste(&mut doc, &clip, (500.0, 0.0), None).unwrap();
        assert_eq!(top, ["vpc-2"]);
        assert_eq!(
            (doc.vpcs.len(), doc.subnets.len(), doc.instances.len()),
            (2, 2, 2)
        );
        assert_eq!(doc.security_groups.len(), 2);
        let copy = &doc.instances[1];
        assert_eq!(copy.subnet.as_str(), doc.subnets[1].id.as_str());
        assert_eq!(
            copy.security_groups[0].as_str(),
            doc.security_groups[1].id.as_str()
        );
        assert_eq!(doc.subnets[1].vpc.as_str(), "vpc-2");
        // The same layout, one block over: 10.0.0.0/24 and .10 become 10.1.0.0/24 and .10.
        assert_ne!(doc.vpcs[0].cidrs, doc.vpcs[1].cidrs);
        let sub = doc.subnets[1].cidr.to_string();
        assert!(sub.ends_with(".0/24"), "{sub}");
        let ip = copy.ip.unwrap().to_string();
        assert_eq!(ip, sub.replace(".0/24", ".10"));
        assert_eq!(
            doc.vpcs[1].position.unwrap().x,
            doc.vpcs[0].position.unwrap().x + 500.0
        );
        assert!(validate(&doc).is_empty(), "{:?}", validate(&doc));
    }

    #[test]
    fn a_pasted_instance_goes_back_into_its_subnet_keeping_its_security_groups() {
        let (mut doc, _, subnet, inst) = sample();
        let clip = copy(&doc, &[inst.as_str()]).unwrap();
        let top = paste(&mut doc, &clip, (PASTE_OFFSET, PASTE_OFFSET), None).unwrap();
        assert_eq!(top.len(), 1);
        let pasted = doc
            .instances
            .iter()
            .find(|i| i.id.as_str() == top[0])
            .unwrap();
        assert_eq!(pasted.subnet.as_str(), subnet);
        assert_eq!(pasted.security_groups, doc.instances[0].security_groups);
    }

    #[test]
    fn objects_paste_into_another_document_and_the_chosen_container() {
        let (doc, _, _, inst) = sample();
        let clip = copy(&doc, &[inst.as_str()]).unwrap();
        let mut other = Document::new();
        let vpc = create(&mut other, Kind::Vpc, at(0.0, 0.0), None).unwrap();
        let gone = create(&mut other, Kind::Subnet, at(10.0, 40.0), Some(&vpc)).unwrap();
        let subnet = create(&mut other, Kind::Subnet, at(10.0, 40.0), Some(&vpc)).unwrap();
        crate::edit::delete(&mut other, &[gone.as_str()]);
        assert_eq!(subnet, "subnet-2");
        // Its subnet is not in the other document: without a container the paste is refused.
        assert!(matches!(
            paste(&mut other.clone(), &clip, (0.0, 0.0), None),
            Err(EditError::NeedsContainer { .. })
        ));
        let top = paste(&mut other, &clip, (0.0, 0.0), Some(&subnet)).unwrap();
        assert_eq!(other.instances[0].id.as_str(), top[0]);
        assert_eq!(other.instances[0].subnet.as_str(), subnet);
    }

    #[test]
    fn free_objects_and_their_references_follow() {
        let mut doc = Document::new();
        let svc = create(&mut doc, Kind::Service, at(0.0, 0.0), None).unwrap();
        let tg = create(&mut doc, Kind::TargetGroup, at(0.0, 200.0), None).unwrap();
        crate::edit::connect(&mut doc, &svc, &tg).unwrap();
        let clip = copy(&doc, &[svc.as_str(), tg.as_str()]).unwrap();
        let top = paste(&mut doc, &clip, (300.0, 0.0), None).unwrap();
        assert_eq!(top, ["svc-2", "tg-2"]);
        let text = object_json(&doc, "svc-2").unwrap();
        assert!(text.contains("\"tg-2\""), "{text}");
        assert!(!text.contains("\"tg-1\""), "{text}");
    }

    #[test]
    fn text_that_is_not_copied_objects_is_refused_with_a_reason() {
        let mut doc = Document::new();
        for (text, why) in [
            ("hello", "it is not JSON"),
            ("{\"version\": 1}", "no copied vpcplay objects"),
            ("{\"vpcplay\": \"vpcplay objects\"}", "lists no `objects`"),
            (
                "{\"vpcplay\": \"vpcplay objects\", \"objects\": [{\"kind\": \"toaster\", \"object\": {}}]}",
                "names no kind",
            ),
        ] {
            let e = paste(&mut doc, text, (0.0, 0.0), None)
                .unwrap_err()
                .to_string();
            assert!(
                e.contains(why) || e.to_lowercase().contains(why),
                "{text}: {e}"
            );
        }
        assert!(!is_clip("{\"version\": 1}"));
        assert_eq!(doc, Document::new());
        assert!(matches!(
            copy(&doc, &["nope"]),
            Err(EditError::UnknownObject { .. })
        ));
    }
}
