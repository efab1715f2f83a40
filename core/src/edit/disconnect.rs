//! Removing a connection the canvas draws: the inverse of [`super::connect`].

use alloc::format;
use alloc::string::String;

use super::EditError;
use super::links::{Link, LinkKind};
use crate::model::Document;
use crate::model::endpoint::EndpointTarget;
use crate::model::lattice::{Action, FixedResponse, TargetRef};
use crate::model::resource_configuration::ResourceDefinition;

/// The status a listener answers with once its last forward is gone.
const NOT_FOUND: u16 = 404;

/// Removes the connection `link` stands for and says, in plain words, what changed.
///
/// Some lines are not connections that can go away on their own: a service-network endpoint
/// always reaches one service network, a resource endpoint one resource configuration and an
/// interface endpoint one service. Those are refused with the reason; deleting the endpoint, or
/// connecting it elsewhere, is the way to change them.
pub fn disconnect(doc: &mut Document, link: &Link) -> Result<String, EditError> {
    let (from, to) = (link.from.as_str(), link.to.as_str());
    let gone = |what: &str| Ok(format!("removed {what} `{from}` → `{to}`"));
    let refuse = |why: &str| {
        Err(EditError::CannotDisconnect {
            from: String::from(from),
            to: String::from(to),
            why: String::from(why),
        })
    };
    match link.kind {
        LinkKind::Association => {
            let before = doc.vpc_associations.len()
                + doc.service_associations.len()
                + doc.resource_associations.len();
            doc.vpc_associations
                .retain(|a| !(a.vpc.as_str() == from && a.service_network.as_str() == to));
            doc.service_associations
                .retain(|a| !(a.service.as_str() == from && a.service_network.as_str() == to));
            doc.resource_associations.retain(|a| {
                !(a.resource_configuration.as_str() == from && a.service_network.as_str() == to)
            });
            let after = doc.vpc_associations.len()
                + doc.service_associations.len()
                + doc.resource_associations.len();
            if after < before {
                gone("the association")
            } else {
                Err(unknown(link))
            }
        }
        LinkKind::Endpoint => {
            if doc
                .service_network_endpoints
                .iter()
                .any(|e| e.id.as_str() == from)
            {
                refuse(
                    "a service-network endpoint always reaches one service network: delete the endpoint, or connect it to another network",
                )
            } else if doc.resource_endpoints.iter().any(|e| e.id.as_str() == from) {
                refuse(
                    "a resource endpoint always reaches one resource configuration: delete the endpoint, or connect it to another configuration",
                )
            } else if doc.interface_endpoints.iter().any(|e| {
                e.id.as_str() == from
                    && matches!(&e.service, EndpointTarget::EndpointService(s) if s.as_str() == to)
            }) {
                refuse(
                    "an interface endpoint always reaches one service: delete the endpoint, or connect it to another endpoint service",
                )
            } else {
                Err(unknown(link))
            }
        }
        LinkKind::Forward => {
            let service = doc
                .services
                .iter_mut()
                .find(|s| s.id.as_str() == from)
                .ok_or_else(|| unknown(link))?;
            let mut found = false;
            for listener in &mut service.listeners {
                let drop_target = |action: &mut Action, found: &mut bool| {
                    if let Action::Forward(targets) = action {
                        let n = targets.len();
                        targets.retain(|t| t.target_group.as_str() != to);
                        *found |= targets.len() < n;
                        targets.is_empty()
                    } else {
                        false
                    }
                };
                // A rule left with nothing to forward to goes; a listener's default action
                // answers 404 instead.
                listener
                    .rules
                    .retain_mut(|r| !drop_target(&mut r.action, &mut found));
                if drop_target(&mut listener.default_action, &mut found) {
                    listener.default_action =
                        Action::FixedResponse(FixedResponse { status: NOT_FOUND });
                }
            }
            if found {
                gone("forwarding")
            } else {
                Err(unknown(link))
            }
        }
        LinkKind::Target => {
            if let Some(tg) = doc.target_groups.iter_mut().find(|t| t.id.as_str() == from) {
                let n = tg.targets.len();
                tg.targets.retain(|t| match &t.to {
                    TargetRef::Instance(i) => i.as_str() != to,
                    TargetRef::Lambda(f) => f.as_str() != to,
                    TargetRef::LoadBalancer(lb) => lb.as_str() != to,
                    TargetRef::Ip(_) => true,
                });
                if tg.targets.len() < n {
                    return gone("the target");
                }
            }
            if let Some(es) = doc
                .endpoint_services
                .iter_mut()
                .find(|s| s.id.as_str() == from)
            {
                let n = es.load_balancers.len();
                es.load_balancers.retain(|lb| lb.as_str() != to);
                if es.load_balancers.len() < n {
                    return gone("the load balancer");
                }
            }
            Err(unknown(link))
        }
        LinkKind::Route => {
            if let Some(s) = doc.subnets.iter_mut().find(|s| {
                s.id.as_str() == from && s.route_table.as_ref().is_some_and(|r| r.as_str() == to)
            }) {
                s.route_table = None;
                return Ok(format!(
                    "`{from}` no longer names route table `{to}`: it uses its VPC's main route table"
                ));
            }
            if let Some(e) = doc
                .gateway_endpoints
                .iter_mut()
                .find(|e| e.id.as_str() == from)
            {
                let n = e.route_tables.len();
                e.route_tables.retain(|r| r.as_str() != to);
                if e.route_tables.len() < n {
                    return gone("the route table");
                }
            }
            Err(unknown(link))
        }
        LinkKind::Peering => {
            let n = doc.peerings.len();
            doc.peerings
                .retain(|p| !(p.requester.as_str() == from && p.accepter.as_str() == to));
            if doc.peerings.len() < n {
                gone("the peering connection")
            } else {
                Err(unknown(link))
            }
        }
        LinkKind::Resource => {
            let rc = doc
                .resource_configurations
                .iter_mut()
                .find(|r| r.id.as_str() == from)
                .ok_or_else(|| unknown(link))?;
            if rc.gateway.as_ref().is_some_and(|g| g.as_str() == to) {
                rc.gateway = None;
                gone("the resource gateway")
            } else if rc.parent.as_ref().is_some_and(|p| p.as_str() == to) {
                rc.parent = None;
                gone("the parent")
            } else if matches!(&rc.definition, Some(ResourceDefinition::Database(db)) if db.as_str() == to)
            {
                rc.definition = None;
                gone("the database")
            } else {
                Err(unknown(link))
            }
        }
    }
}

fn unknown(link: &Link) -> EditError {
    EditError::CannotDisconnect {
        from: link.from.clone(),
        to: link.to.clone(),
        why: String::from("the document has no such connection"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{connect, create, links};
    use crate::model::Kind;
    use crate::model::common::Position;
    use alloc::string::ToString;

    fn at(x: f64) -> Position {
        Position { x, y: 0.0 }
    }

    /// Connects `a` to `b`, then removes the line the canvas draws for it.
    fn round_trip(doc: &mut Document, a: &str, b: &str) -> Result<String, EditError> {
        let before = links(doc);
        connect(doc, a, b).unwrap();
        let after = links(doc);
        let new = after.iter().find(|l| !before.contains(l)).unwrap().clone();
        let said = disconnect(doc, &new);
        if said.is_ok() {
            assert_eq!(links(doc), before, "{a} → {b}");
        }
        said
    }

    #[test]
    fn every_connection_the_editor_makes_can_be_removed_or_says_why_not() {
        let mut doc = Document::new();
        let vpc = create(&mut doc, Kind::Vpc, at(0.0), None).unwrap();
        let subnet = create(&mut doc, Kind::Subnet, at(0.0), Some(&vpc)).unwrap();
        let rt = create(&mut doc, Kind::RouteTable, at(0.0), Some(&vpc)).unwrap();
        let inst = create(&mut doc, Kind::Instance, at(0.0), Some(&subnet)).unwrap();
        let sn = create(&mut doc, Kind::ServiceNetwork, at(0.0), None).unwrap();
        let svc = create(&mut doc, Kind::Service, at(0.0), None).unwrap();
        let tg = create(&mut doc, Kind::TargetGroup, at(0.0), None).unwrap();
        let gwe = create(&mut doc, Kind::GatewayEndpoint, at(0.0), Some(&vpc)).unwrap();

        let said = round_trip(&mut doc, &vpc, &sn).unwrap();
        assert_eq!(said, format!("removed the association `{vpc}` → `{sn}`"));
        round_trip(&mut doc, &svc, &sn).unwrap();
        round_trip(&mut doc, &tg, &inst).unwrap();
        round_trip(&mut doc, &gwe, &rt).unwrap();
        let said = round_trip(&mut doc, &subnet, &rt).unwrap();
        assert!(said.contains("main route table"), "{said}");
        round_trip(&mut doc, &svc, &tg).unwrap();
        // The service's listener has nothing left to forward to: it answers 404.
        let listener = &doc.services[0].listeners[0];
        assert_eq!(
            listener.default_action,
            Action::FixedResponse(FixedResponse { status: 404 })
        );

        let sne = create(&mut doc, Kind::ServiceNetworkEndpoint, at(0.0), Some(&vpc)).unwrap();
        let line = links(&doc).into_iter().find(|l| l.from == sne).unwrap();
        let e = disconnect(&mut doc, &line).unwrap_err().to_string();
        assert!(e.contains("always reaches one service network"), "{e}");

        let missing = Link {
            from: vpc.clone(),
            to: sn.clone(),
            kind: LinkKind::Association,
            label: None,
        };
        let e = disconnect(&mut doc, &missing).unwrap_err().to_string();
        assert!(e.contains("no such connection"), "{e}");
    }
}
