//! The connections a canvas draws between objects, read from the document.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::model::Document;
use crate::model::endpoint::EndpointTarget;
use crate::model::lattice::{Action, TargetRef};
use crate::model::resource_configuration::ResourceDefinition;

/// What a drawn line stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkKind {
    /// A VPC, service or resource configuration associated with a service network.
    Association,
    /// A service-network or resource endpoint and what it reaches.
    Endpoint,
    /// A service forwarding to a target group.
    Forward,
    /// A target registered in a target group or behind an endpoint service.
    Target,
    /// A subnet's route table, or a gateway endpoint's route tables.
    Route,
    /// A peering connection between two VPCs.
    Peering,
    /// A resource configuration and its gateway, database or parent.
    Resource,
}

impl LinkKind {
    /// The name used for styling and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Association => "association",
            Self::Endpoint => "endpoint",
            Self::Forward => "forward",
            Self::Target => "target",
            Self::Route => "route",
            Self::Peering => "peering",
            Self::Resource => "resource",
        }
    }
}

/// A line between two drawn objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub from: String,
    pub to: String,
    pub kind: LinkKind,
    /// A short label drawn on the line, such as a forward weight.
    pub label: Option<String>,
}

fn link(from: &str, to: &str, kind: LinkKind, label: Option<String>) -> Link {
    Link {
        from: String::from(from),
        to: String::from(to),
        kind,
        label,
    }
}

/// Every connection of the document, in a stable order.
pub fn links(doc: &Document) -> Vec<Link> {
    use LinkKind::*;
    let mut out = Vec::new();
    for a in &doc.vpc_associations {
        out.push(link(
            a.vpc.as_str(),
            a.service_network.as_str(),
            Association,
            None,
        ));
    }
    for a in &doc.service_associations {
        out.push(link(
            a.service.as_str(),
            a.service_network.as_str(),
            Association,
            None,
        ));
    }
    for a in &doc.resource_associations {
        let rc = a.resource_configuration.as_str();
        out.push(link(rc, a.service_network.as_str(), Association, None));
    }
    for e in &doc.service_network_endpoints {
        out.push(link(
            e.id.as_str(),
            e.service_network.as_str(),
            Endpoint,
            None,
        ));
    }
    for e in &doc.resource_endpoints {
        out.push(link(
            e.id.as_str(),
            e.resource_configuration.as_str(),
            Endpoint,
            None,
        ));
    }
    for e in &doc.interface_endpoints {
        if let EndpointTarget::EndpointService(s) = &e.service {
            out.push(link(e.id.as_str(), s.as_str(), Endpoint, None));
        }
    }
    for s in &doc.services {
        let mut seen: Vec<&str> = Vec::new();
        for l in &s.listeners {
            let actions =
                core::iter::once(&l.default_action).chain(l.rules.iter().map(|r| &r.action));
            for action in actions {
                if let Action::Forward(targets) = action {
                    for t in targets {
                        let tg = t.target_group.as_str();
                        if !seen.contains(&tg) {
                            seen.push(tg);
                            let label = (targets.len() > 1).then(|| format!("{}", t.weight));
                            out.push(link(s.id.as_str(), tg, Forward, label));
                        }
                    }
                }
            }
        }
    }
    for tg in &doc.target_groups {
        for t in &tg.targets {
            let to = match &t.to {
                TargetRef::Instance(i) => i.as_str(),
                TargetRef::Lambda(f) => f.as_str(),
                TargetRef::LoadBalancer(lb) => lb.as_str(),
                TargetRef::Ip(_) => continue,
            };
            out.push(link(tg.id.as_str(), to, Target, None));
        }
    }
    for es in &doc.endpoint_services {
        for lb in &es.load_balancers {
            out.push(link(es.id.as_str(), lb.as_str(), Target, None));
        }
    }
    for s in &doc.subnets {
        if let Some(rt) = &s.route_table {
            out.push(link(s.id.as_str(), rt.as_str(), Route, None));
        }
    }
    for e in &doc.gateway_endpoints {
        for rt in &e.route_tables {
            out.push(link(e.id.as_str(), rt.as_str(), Route, None));
        }
    }
    for p in &doc.peerings {
        out.push(link(
            p.requester.as_str(),
            p.accepter.as_str(),
            Peering,
            None,
        ));
    }
    for rc in &doc.resource_configurations {
        if let Some(g) = &rc.gateway {
            out.push(link(rc.id.as_str(), g.as_str(), Resource, None));
        }
        if let Some(p) = &rc.parent {
            out.push(link(rc.id.as_str(), p.as_str(), Resource, None));
        }
        if let Some(ResourceDefinition::Database(db)) = &rc.definition {
            out.push(link(rc.id.as_str(), db.as_str(), Resource, None));
        }
    }
    out
}
