//! Connecting two objects by dragging from one to the other: associations, target registration,
//! endpoint to endpoint service, route-table associations, resource configuration to gateway.
//! Only the connections the model has can be made; any other pair is refused with the reason.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;

use super::EditError;
use super::create::fresh_id;
use super::structure::drawn;
use crate::model::endpoint::EndpointTarget;
use crate::model::lattice::ResourceAssociation;
use crate::model::lattice::{
    Action, Listener, ListenerProtocol, ServiceAssociation, Target, TargetHealth, TargetRef,
    TargetType, VpcAssociation, WeightedTarget,
};
use crate::model::load_balancer::LoadBalancerType;
use crate::model::peering::Peering;
use crate::model::resource_configuration::ResourceDefinition;
use crate::model::{Document, Kind};

/// What a connection made: a sentence for the status line, and the id of any new object (an
/// association, a peering, a listener).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    pub summary: String,
    pub created: Option<String>,
}

/// Connects `a` and `b`, in whichever order the model reads the pair.
pub fn connect(doc: &mut Document, a: &str, b: &str) -> Result<Connection, EditError> {
    let kind_of = |id: &str| {
        drawn(doc)
            .into_iter()
            .find(|(oid, _, _)| oid == id)
            .map(|(_, k, _)| k)
            .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })
    };
    let (ka, kb) = (kind_of(a)?, kind_of(b)?);
    if a == b {
        return Err(EditError::CannotConnect {
            from: ka,
            to: kb,
            why: "an object cannot be connected to itself".into(),
        });
    }
    if let Some(result) = connect_ordered(doc, (a, ka), (b, kb)) {
        return result;
    }
    if let Some(result) = connect_ordered(doc, (b, kb), (a, ka)) {
        return result;
    }
    Err(EditError::CannotConnect {
        from: ka,
        to: kb,
        why: format!(
            "{} does not connect to {}: {}",
            ka.a(),
            kb.a(),
            connects_to(ka)
        ),
    })
}

/// What a kind can be connected to, in words, for the refusal message.
fn connects_to(kind: Kind) -> &'static str {
    match kind {
        Kind::Vpc => {
            "a VPC connects to a service network, another VPC (peering) or an internet gateway"
        }
        Kind::ServiceNetwork => {
            "a service network connects to VPCs, services, resource configurations and service-network endpoints"
        }
        Kind::Service => {
            "a service connects to service networks and to the target groups it forwards to"
        }
        Kind::TargetGroup => {
            "a target group connects to its targets (instances, Lambda functions, ALBs) and to services"
        }
        Kind::InterfaceEndpoint => {
            "an interface endpoint connects to the endpoint service it reaches"
        }
        Kind::EndpointService => {
            "an endpoint service connects to its load balancers and to interface endpoints"
        }
        Kind::ResourceConfiguration => {
            "a resource configuration connects to its resource gateway, a database, service networks and resource endpoints"
        }
        Kind::ResourceGateway => "a resource gateway connects to resource configurations",
        Kind::RouteTable => {
            "a route table connects to the subnets it serves and to gateway endpoints"
        }
        Kind::Subnet => "a subnet connects to its route table",
        Kind::GatewayEndpoint => "a gateway endpoint connects to route tables",
        Kind::InternetGateway => "an internet gateway connects to the VPC it is attached to",
        Kind::Instance | Kind::Lambda => "it connects to target groups",
        Kind::LoadBalancer => {
            "a load balancer connects to target groups (ALB) and endpoint services (NLB, GWLB)"
        }
        Kind::Database => "a database connects to resource configurations",
        Kind::ServiceNetworkEndpoint => "a service-network endpoint connects to a service network",
        Kind::ResourceEndpoint => "a resource endpoint connects to a resource configuration",
        _ => "it has no connections on the canvas",
    }
}

/// A typed id from checked text; `None` only for text that is not an id.
fn typed<T: TryFrom<String>>(text: &str) -> Option<T> {
    T::try_from(String::from(text)).ok()
}

type Outcome = Option<Result<Connection, EditError>>;

fn made(summary: String, created: Option<String>) -> Outcome {
    Some(Ok(Connection { summary, created }))
}

fn already(a: &str, b: &str) -> Outcome {
    Some(Err(EditError::AlreadyConnected {
        from: a.to_string(),
        to: b.to_string(),
    }))
}

fn refuse(from: Kind, to: Kind, why: String) -> Outcome {
    Some(Err(EditError::CannotConnect { from, to, why }))
}

/// Connects `from` to `to` when the model reads the pair in this order; `None` when it does not.
fn connect_ordered(doc: &mut Document, (a, ka): (&str, Kind), (b, kb): (&str, Kind)) -> Outcome {
    match (ka, kb) {
        (Kind::Vpc, Kind::ServiceNetwork) => {
            if let Some(existing) = doc.vpc_associations.iter().find(|x| x.vpc.as_str() == a) {
                if existing.service_network.as_str() == b {
                    return already(a, b);
                }
                return refuse(
                    ka,
                    kb,
                    format!(
                        "`{a}` is already associated with the service network `{}`: a VPC has at most one direct service-network association (R-SN-01); use a service-network endpoint to reach more",
                        existing.service_network.as_str()
                    ),
                );
            }
            let id = fresh_id(doc, "snva");
            let assoc = VpcAssociation {
                id: typed(&id)?,
                service_network: typed(b)?,
                vpc: typed(a)?,
                security_groups: vec![],
            };
            doc.vpc_associations.push(assoc);
            made(
                format!("associated `{a}` with the service network `{b}`"),
                Some(id),
            )
        }
        (Kind::Service, Kind::ServiceNetwork) => {
            if doc
                .service_associations
                .iter()
                .any(|x| x.service.as_str() == a && x.service_network.as_str() == b)
            {
                return already(a, b);
            }
            let id = fresh_id(doc, "snsa");
            doc.service_associations.push(ServiceAssociation {
                id: typed(&id)?,
                service_network: typed(b)?,
                service: typed(a)?,
            });
            made(format!("associated the service `{a}` with `{b}`"), Some(id))
        }
        (Kind::ResourceConfiguration, Kind::ServiceNetwork) => {
            if doc
                .resource_associations
                .iter()
                .any(|x| x.resource_configuration.as_str() == a && x.service_network.as_str() == b)
            {
                return already(a, b);
            }
            let id = fresh_id(doc, "snra");
            doc.resource_associations.push(ResourceAssociation {
                id: typed(&id)?,
                service_network: typed(b)?,
                resource_configuration: typed(a)?,
            });
            made(
                format!("associated the resource configuration `{a}` with `{b}`"),
                Some(id),
            )
        }
        (Kind::ServiceNetworkEndpoint, Kind::ServiceNetwork) => {
            let e = doc
                .service_network_endpoints
                .iter_mut()
                .find(|e| e.id.as_str() == a)?;
            if e.service_network.as_str() == b {
                return already(a, b);
            }
            e.service_network = typed(b)?;
            made(format!("`{a}` now reaches the service network `{b}`"), None)
        }
        (Kind::Service, Kind::TargetGroup) => connect_service_to_group(doc, a, b),
        (Kind::TargetGroup, Kind::Instance | Kind::Lambda | Kind::LoadBalancer) => {
            register_target(doc, a, (b, kb))
        }
        (Kind::InterfaceEndpoint, Kind::EndpointService) => {
            let e = doc
                .interface_endpoints
                .iter_mut()
                .find(|e| e.id.as_str() == a)?;
            if matches!(&e.service, EndpointTarget::EndpointService(s) if s.as_str() == b) {
                return already(a, b);
            }
            e.service = EndpointTarget::EndpointService(typed(b)?);
            made(
                format!("`{a}` now connects to the endpoint service `{b}`"),
                None,
            )
        }
        (Kind::EndpointService, Kind::LoadBalancer) => {
            let lb_type = doc.load_balancers.iter().find(|l| l.id.as_str() == b)?.kind;
            if lb_type == LoadBalancerType::Alb {
                return refuse(
                    ka,
                    kb,
                    "an endpoint service fronts a Network Load Balancer or a Gateway Load Balancer, not an Application Load Balancer (R-EPS-01)".into(),
                );
            }
            let s = doc
                .endpoint_services
                .iter_mut()
                .find(|s| s.id.as_str() == a)?;
            if s.load_balancers.iter().any(|l| l.as_str() == b) {
                return already(a, b);
            }
            s.load_balancers.push(typed(b)?);
            made(format!("the endpoint service `{a}` now fronts `{b}`"), None)
        }
        (Kind::ResourceConfiguration, Kind::ResourceGateway) => {
            let rc = doc
                .resource_configurations
                .iter_mut()
                .find(|r| r.id.as_str() == a)?;
            if rc.gateway.as_ref().is_some_and(|g| g.as_str() == b) {
                return already(a, b);
            }
            rc.gateway = Some(typed(b)?);
            made(
                format!("`{a}` is now reached through the resource gateway `{b}`"),
                None,
            )
        }
        (Kind::ResourceConfiguration, Kind::Database) => {
            let rc = doc
                .resource_configurations
                .iter_mut()
                .find(|r| r.id.as_str() == a)?;
            rc.definition = Some(ResourceDefinition::Database(typed(b)?));
            made(format!("`{a}` now shares the database `{b}`"), None)
        }
        (Kind::ResourceEndpoint, Kind::ResourceConfiguration) => {
            let e = doc
                .resource_endpoints
                .iter_mut()
                .find(|e| e.id.as_str() == a)?;
            if e.resource_configuration.as_str() == b {
                return already(a, b);
            }
            e.resource_configuration = typed(b)?;
            made(
                format!("`{a}` now reaches the resource configuration `{b}`"),
                None,
            )
        }
        (Kind::RouteTable, Kind::Subnet) => {
            let vpc_of_rt = doc
                .route_tables
                .iter()
                .find(|r| r.id.as_str() == a)?
                .vpc
                .clone();
            let subnet = doc.subnets.iter_mut().find(|s| s.id.as_str() == b)?;
            if subnet.vpc != vpc_of_rt {
                return refuse(
                    ka,
                    kb,
                    format!(
                        "`{a}` belongs to another VPC than `{b}`: a subnet uses a route table of its own VPC"
                    ),
                );
            }
            if subnet.route_table.as_ref().is_some_and(|r| r.as_str() == a) {
                return already(a, b);
            }
            subnet.route_table = Some(typed(a)?);
            made(
                format!("the subnet `{b}` now uses the route table `{a}`"),
                None,
            )
        }
        (Kind::GatewayEndpoint, Kind::RouteTable) => {
            let e = doc
                .gateway_endpoints
                .iter_mut()
                .find(|e| e.id.as_str() == a)?;
            if e.route_tables.iter().any(|r| r.as_str() == b) {
                return already(a, b);
            }
            e.route_tables.push(typed(b)?);
            made(
                format!("the route table `{b}` now has a route to `{a}`"),
                None,
            )
        }
        (Kind::InternetGateway, Kind::Vpc) => {
            let g = doc
                .internet_gateways
                .iter_mut()
                .find(|g| g.id.as_str() == a)?;
            if g.vpc.as_ref().is_some_and(|v| v.as_str() == b) {
                return already(a, b);
            }
            g.vpc = Some(typed(b)?);
            made(format!("`{a}` is now attached to `{b}`"), None)
        }
        (Kind::Vpc, Kind::Vpc) => {
            if doc.peerings.iter().any(|p| {
                (p.requester.as_str() == a && p.accepter.as_str() == b)
                    || (p.requester.as_str() == b && p.accepter.as_str() == a)
            }) {
                return already(a, b);
            }
            let id = fresh_id(doc, "pcx");
            doc.peerings.push(Peering {
                id: typed(&id)?,
                name: None,
                requester: typed(a)?,
                accepter: typed(b)?,
                accepted: true,
            });
            made(format!("peered `{a}` with `{b}`"), Some(id))
        }
        _ => None,
    }
}

/// Sends a service's traffic to a target group: the target group joins the default action of
/// the service's first listener, which is created (HTTP on port 80) when there is none.
fn connect_service_to_group(doc: &mut Document, svc: &str, tg: &str) -> Outcome {
    let listener_id = fresh_id(doc, "listener");
    let service = doc.services.iter_mut().find(|s| s.id.as_str() == svc)?;
    let forward = WeightedTarget {
        target_group: typed(tg)?,
        weight: 100,
    };
    let Some(listener) = service.listeners.first_mut() else {
        service.listeners.push(Listener {
            id: typed(&listener_id)?,
            name: None,
            protocol: ListenerProtocol::Http,
            port: Some(80),
            default_action: Action::Forward(vec![forward]),
            rules: vec![],
        });
        return made(
            format!("`{svc}` now forwards to `{tg}` through a new HTTP listener on port 80"),
            Some(listener_id),
        );
    };
    let lid = listener.id.as_str().to_string();
    match &mut listener.default_action {
        Action::Forward(targets) => {
            if targets.iter().any(|t| t.target_group.as_str() == tg) {
                return already(svc, tg);
            }
            targets.push(forward);
        }
        action @ Action::FixedResponse(_) => *action = Action::Forward(vec![forward]),
    }
    made(
        format!("the listener `{lid}` of `{svc}` now forwards to `{tg}`"),
        None,
    )
}

/// Registers an instance, Lambda function or ALB as a target of a group of the matching type.
fn register_target(doc: &mut Document, tg: &str, (target, kind): (&str, Kind)) -> Outcome {
    let alb = doc
        .load_balancers
        .iter()
        .find(|l| l.id.as_str() == target)
        .map(|l| l.kind);
    let group = doc.target_groups.iter_mut().find(|g| g.id.as_str() == tg)?;
    let to = match (group.kind, kind) {
        (TargetType::Instance, Kind::Instance) => TargetRef::Instance(typed(target)?),
        (TargetType::Lambda, Kind::Lambda) => {
            if !group.targets.is_empty() {
                return refuse(
                    Kind::TargetGroup,
                    kind,
                    format!(
                        "`{tg}` already has its Lambda function: a Lambda target group holds exactly one (R-TG-04)"
                    ),
                );
            }
            TargetRef::Lambda(typed(target)?)
        }
        (TargetType::Alb, Kind::LoadBalancer) if alb == Some(LoadBalancerType::Alb) => {
            TargetRef::LoadBalancer(typed(target)?)
        }
        (TargetType::Alb, Kind::LoadBalancer) | (_, Kind::LoadBalancer)
            if alb != Some(LoadBalancerType::Alb) =>
        {
            return refuse(
                Kind::TargetGroup,
                kind,
                "VPC Lattice does not send traffic to Network or Gateway Load Balancers: only an ALB can be a target (R-TG-01)".into(),
            );
        }
        (group_type, _) => {
            return refuse(
                Kind::TargetGroup,
                kind,
                format!(
                    "`{tg}` is a target group of type {}: it takes {}",
                    group_type_words(group_type).0,
                    group_type_words(group_type).1
                ),
            );
        }
    };
    if group.targets.iter().any(|t| t.to == to) {
        return already(tg, target);
    }
    group.targets.push(Target {
        to,
        port: None,
        health: TargetHealth::default(),
    });
    made(
        format!("registered `{target}` in the target group `{tg}`"),
        None,
    )
}

fn group_type_words(t: TargetType) -> (&'static str, &'static str) {
    match t {
        TargetType::Instance => ("INSTANCE", "instances"),
        TargetType::Ip => ("IP", "IP addresses, typed in the inspector"),
        TargetType::Lambda => ("LAMBDA", "one Lambda function"),
        TargetType::Alb => ("ALB", "Application Load Balancers"),
    }
}
