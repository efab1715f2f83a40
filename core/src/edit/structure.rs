//! Where objects sit: positions, which container holds which object, moving and deleting.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use super::EditError;
use crate::model::common::Position;
use crate::model::endpoint::EndpointTarget;
use crate::model::lattice::{Action, TargetRef};
use crate::model::resource_configuration::ResourceDefinition;
use crate::model::{Document, Kind};

/// Calls `$body` with `$o` bound to each drawn object of `$doc`, and `$kind` to its kind.
macro_rules! each_drawn {
    ($doc:expr, |$o:ident, $kind:ident| $body:expr) => {{
        drawn_lists!(each_drawn!(@ $doc, $o, $kind, $body))
    }};
    (@ $doc:expr, $o:ident, $kind:ident, $body:expr ; $($k:ident => $field:ident: $t:ty),+) => {{
        $(
            for $o in $doc.$field.iter() {
                let $kind = Kind::$k;
                $body;
            }
        )+
    }};
}

/// Like `each_drawn!`, with mutable access to each object's `position`.
macro_rules! each_position_mut {
    ($doc:expr, |$id:ident, $pos:ident| $body:expr) => {{
        drawn_lists!(each_position_mut!(@ $doc, $id, $pos, $body))
    }};
    (@ $doc:expr, $id:ident, $pos:ident, $body:expr ; $($k:ident => $field:ident: $t:ty),+) => {{
        $(
            for o in $doc.$field.iter_mut() {
                let $id: &str = o.id.as_str();
                let $pos: &mut Option<Position> = &mut o.position;
                $body;
            }
        )+
    }};
}

/// The container an object is drawn in, read from the object's own fields: a subnet's VPC, an
/// instance's subnet. Objects that stand free on the canvas have none.
fn container_field(doc: &Document, id: &str) -> Option<Option<String>> {
    // The last object with the id, as the document's lists are read in order.
    let (_, kind, _) = objects(doc)
        .into_iter()
        .rev()
        .find(|(oid, _, _)| *oid == id)?;
    Some(container_of_drawn(doc, id, kind))
}

/// Every drawn object's id, kind and position, in document order: the one walk over the
/// document's lists that the questions about drawn objects share.
fn objects(doc: &Document) -> Vec<(&str, Kind, Option<Position>)> {
    let mut out = Vec::new();
    each_drawn!(doc, |o, kind| out.push((o.id.as_str(), kind, o.position)));
    out
}

/// Every drawn object's id and position, to change.
fn positions_mut(doc: &mut Document) -> Vec<(&str, &mut Option<Position>)> {
    let mut out = Vec::new();
    each_position_mut!(doc, |id, pos| out.push((id, pos)));
    out
}

fn container_of_drawn(doc: &Document, id: &str, kind: Kind) -> Option<String> {
    macro_rules! field_of {
        ($list:ident, $field:ident) => {
            doc.$list
                .iter()
                .find(|o| o.id.as_str() == id)
                .map(|o| String::from(o.$field.as_str()))
        };
    }
    match kind {
        Kind::Subnet => field_of!(subnets, vpc),
        Kind::RouteTable => field_of!(route_tables, vpc),
        Kind::SecurityGroup => field_of!(security_groups, vpc),
        Kind::InternetGateway => doc
            .internet_gateways
            .iter()
            .find(|o| o.id.as_str() == id)
            .and_then(|o| o.vpc.as_ref().map(|v| String::from(v.as_str()))),
        Kind::NatGateway => field_of!(nat_gateways, subnet),
        Kind::Instance => field_of!(instances, subnet),
        Kind::Database => field_of!(databases, subnet),
        Kind::LoadBalancer => field_of!(load_balancers, vpc),
        Kind::GatewayEndpoint => field_of!(gateway_endpoints, vpc),
        Kind::InterfaceEndpoint => field_of!(interface_endpoints, vpc),
        Kind::ServiceNetworkEndpoint => field_of!(service_network_endpoints, vpc),
        Kind::ResourceGateway => field_of!(resource_gateways, vpc),
        Kind::ResourceEndpoint => field_of!(resource_endpoints, vpc),
        _ => None,
    }
}

/// The container that holds `id` on the canvas, if any.
pub fn parent_of(doc: &Document, id: &str) -> Option<String> {
    container_field(doc, id).flatten()
}

/// Every drawn object with its kind and container, in document order.
pub fn drawn(doc: &Document) -> Vec<(String, Kind, Option<String>)> {
    objects(doc)
        .into_iter()
        .map(|(id, kind, _)| (String::from(id), kind, container_of_drawn(doc, id, kind)))
        .collect()
}

/// Every drawn object with its kind, container and position, in document order: what a canvas
/// needs to draw, in one walk.
pub fn placed(doc: &Document) -> Vec<(String, Kind, Option<String>, Option<Position>)> {
    objects(doc)
        .into_iter()
        .map(|(id, kind, at)| {
            let parent = container_of_drawn(doc, id, kind);
            (String::from(id), kind, parent, at)
        })
        .collect()
}

/// Whether `id` is an object drawn on the canvas.
pub fn is_drawn(doc: &Document, id: &str) -> bool {
    container_field(doc, id).is_some()
}

/// The objects directly inside `id`.
pub fn children(doc: &Document, id: &str) -> Vec<String> {
    drawn(doc)
        .into_iter()
        .filter(|(_, _, parent)| parent.as_deref() == Some(id))
        .map(|(child, _, _)| child)
        .collect()
}

/// `ids` and everything inside them, at any depth.
fn with_descendants(doc: &Document, ids: &[&str]) -> BTreeSet<String> {
    let all = drawn(doc);
    // Inserted one by one: collecting would bring in a sort for this one set.
    let mut set = BTreeSet::new();
    for id in ids {
        set.insert(String::from(*id));
    }
    // INVARIANT: containment is at most three deep (VPC ⊃ subnet ⊃ instance), so this loop ends
    // after a few rounds; the bound guards against a malformed document with a cycle.
    for _ in 0..8 {
        let before = set.len();
        for (id, _, parent) in &all {
            if parent.as_ref().is_some_and(|p| set.contains(p)) {
                set.insert(id.clone());
            }
        }
        if set.len() == before {
            break;
        }
    }
    set
}

/// Where `id` is drawn, if it is drawn and placed.
pub fn position_of(doc: &Document, id: &str) -> Option<Position> {
    objects(doc)
        .into_iter()
        .rev()
        .find(|(oid, _, _)| *oid == id)
        .and_then(|(_, _, at)| at)
}

/// Places `id` at `at`.
pub fn set_position(doc: &mut Document, id: &str, at: Position) -> Result<(), EditError> {
    let mut done = false;
    for (oid, pos) in positions_mut(doc) {
        if oid == id {
            *pos = Some(at);
            done = true;
        }
    }
    if done {
        Ok(())
    } else {
        Err(EditError::UnknownObject {
            id: String::from(id),
        })
    }
}

/// Places many objects at once, in one walk over the document: `places` pairs ids with their
/// new corners. Returns how many objects were placed; ids that name no drawn object are skipped.
pub fn set_positions(doc: &mut Document, places: &[(String, Position)]) -> usize {
    let mut wanted: alloc::collections::BTreeMap<&str, Position> =
        alloc::collections::BTreeMap::new();
    for (id, at) in places {
        wanted.insert(id.as_str(), *at);
    }
    let mut placed = 0;
    for (id, pos) in positions_mut(doc) {
        if let Some(at) = wanted.get(id) {
            *pos = Some(*at);
            placed += 1;
        }
    }
    placed
}

/// Moves `ids`, and everything inside them, by `(dx, dy)`. Objects that were never placed stay
/// unplaced. Returns how many objects moved.
pub fn move_by(doc: &mut Document, ids: &[&str], dx: f64, dy: f64) -> usize {
    let set = with_descendants(doc, ids);
    let mut moved = 0;
    for (id, pos) in positions_mut(doc) {
        if set.contains(id)
            && let Some(p) = pos.as_mut()
        {
            p.x += dx;
            p.y += dy;
            moved += 1;
        }
    }
    moved
}

/// Deletes `ids`, everything inside them, and every association, peering, registration and
/// reference that pointed at them. Returns the ids removed, in no particular order.
pub fn delete(doc: &mut Document, ids: &[&str]) -> Vec<String> {
    let gone = with_descendants(doc, ids);
    let dead = |id: &str| gone.contains(id);
    macro_rules! drop_listed {
        ($($field:ident),+) => {$(
            doc.$field.retain(|o| !dead(o.id.as_str()));
        )+};
    }
    drop_listed!(
        vpcs,
        subnets,
        route_tables,
        security_groups,
        internet_gateways,
        nat_gateways,
        instances,
        lambdas,
        databases,
        load_balancers,
        gateway_endpoints,
        interface_endpoints,
        endpoint_services,
        service_networks,
        service_network_endpoints,
        services,
        target_groups,
        resource_gateways,
        resource_configurations
    );
    // Objects that only make sense with what they join.
    doc.vpc_associations
        .retain(|a| !dead(a.vpc.as_str()) && !dead(a.service_network.as_str()));
    doc.service_associations
        .retain(|a| !dead(a.service.as_str()) && !dead(a.service_network.as_str()));
    doc.resource_associations
        .retain(|a| !dead(a.resource_configuration.as_str()) && !dead(a.service_network.as_str()));
    doc.peerings
        .retain(|p| !dead(p.requester.as_str()) && !dead(p.accepter.as_str()));
    doc.service_network_endpoints
        .retain(|e| !dead(e.service_network.as_str()));
    doc.resource_endpoints.retain(|e| {
        !dead(e.id.as_str()) && !dead(e.vpc.as_str()) && !dead(e.resource_configuration.as_str())
    });
    // References inside surviving objects.
    for s in &mut doc.subnets {
        if s.route_table.as_ref().is_some_and(|rt| dead(rt.as_str())) {
            s.route_table = None;
        }
    }
    for e in &mut doc.gateway_endpoints {
        e.route_tables.retain(|rt| !dead(rt.as_str()));
    }
    for e in &mut doc.interface_endpoints {
        e.subnets.retain(|s| !dead(s.as_str()));
        e.security_groups.retain(|s| !dead(s.as_str()));
        if let EndpointTarget::EndpointService(svc) = &e.service
            && dead(svc.as_str())
        {
            e.service = EndpointTarget::Aws(String::new());
        }
    }
    for i in &mut doc.instances {
        i.security_groups.retain(|s| !dead(s.as_str()));
    }
    for es in &mut doc.endpoint_services {
        es.load_balancers.retain(|lb| !dead(lb.as_str()));
        es.connections.retain(|c| !dead(c.endpoint.as_str()));
    }
    for tg in &mut doc.target_groups {
        if tg.vpc.as_ref().is_some_and(|v| dead(v.as_str())) {
            tg.vpc = None;
        }
        tg.targets.retain(|t| match &t.to {
            TargetRef::Instance(id) => !dead(id.as_str()),
            TargetRef::Lambda(id) => !dead(id.as_str()),
            TargetRef::LoadBalancer(id) => !dead(id.as_str()),
            TargetRef::Ip(_) => true,
        });
    }
    for svc in &mut doc.services {
        for l in &mut svc.listeners {
            forget_target_groups(&mut l.default_action, &dead);
            for r in &mut l.rules {
                forget_target_groups(&mut r.action, &dead);
            }
        }
    }
    for rc in &mut doc.resource_configurations {
        if rc.gateway.as_ref().is_some_and(|g| dead(g.as_str())) {
            rc.gateway = None;
        }
        if rc.parent.as_ref().is_some_and(|p| dead(p.as_str())) {
            rc.parent = None;
        }
        if let Some(ResourceDefinition::Database(db)) = &rc.definition
            && dead(db.as_str())
        {
            rc.definition = None;
        }
    }
    gone.into_iter().collect()
}

fn forget_target_groups(action: &mut Action, dead: &impl Fn(&str) -> bool) {
    if let Action::Forward(targets) = action {
        targets.retain(|t| !dead(t.target_group.as_str()));
    }
}

/// Moves `id` into `container` (an instance into another subnet, a subnet into another VPC).
/// What it holds comes along. The object's other fields are kept as they are: a subnet whose
/// block lies outside its new VPC is reported by validation, not silently renumbered.
pub fn reparent(doc: &mut Document, id: &str, container: &str) -> Result<(), EditError> {
    let all = drawn(doc);
    let find = |x: &str| {
        all.iter()
            .find(|(oid, _, _)| oid == x)
            .ok_or_else(|| EditError::UnknownObject {
                id: String::from(x),
            })
    };
    let (_, kind, parent) = find(id)?;
    let (_, container_kind, _) = find(container)?;
    let item = super::palette::item_for(*kind).ok_or(EditError::NotDrawable { kind: *kind })?;
    if !item.containers.contains(container_kind) {
        return Err(EditError::WrongContainer {
            kind: *kind,
            container: *container_kind,
            expected: item.container_words(),
        });
    }
    if parent.as_deref() == Some(container) {
        return Ok(());
    }
    let key = if item.containers == [Kind::Subnet] {
        "subnet"
    } else {
        "vpc"
    };
    super::object::set_field(
        doc,
        id,
        key,
        Some(crate::json::Value::String(String::from(container))),
    )
}
