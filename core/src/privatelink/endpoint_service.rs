//! Endpoint services, the provider side of PrivateLink: the connection must be accepted
//! (aws-rules.md R-EPS-03), new connections need an allowed principal (R-EPS-02) while accepted
//! ones survive a revoked permission (R-EPS-04), the endpoint policy is full access (R-EPP-03),
//! and traffic goes on to a Network Load Balancer in a common zone (R-EPS-01, R-EPS-06).

use alloc::format;

use crate::model::endpoint::InterfaceEndpoint;
use crate::model::endpoint_service::{ConnectionState, EndpointService};
use crate::model::subnet::Subnet;
use crate::trace::ComponentKind;
use crate::trace::ReasonCode;
use crate::trace::walk::{Step, Walker};
use crate::trace::{Blocked, Verdict};

impl<'i, 't> Walker<'i, 't> {
    pub(crate) fn endpoint_service(
        &mut self,
        e: &'t InterfaceEndpoint,
        s: &'t EndpointService,
        subnet: &'t Subnet,
    ) -> Step<Verdict> {
        let ix = self.ix;
        let t = ix.topology;
        let id = s.id.as_str();
        self.tick(id)?;
        let consumer = t.vpc(e.vpc.as_str()).map_or("", |v| ix.account_of_vpc(v));
        let listed = s.connection(e.id.as_str()).map(|c| c.state);
        let state = match listed {
            Some(state) => state,
            None => {
                // Validation refuses such an endpoint (endpoint_service_principal_not_allowed);
                // a trace of a document that was not validated still stops here.
                if !s.admits(consumer) {
                    return Err(Blocked::new(
                        id,
                        ReasonCode::EndpointServicePrincipalNotAllowed,
                        format!(
                            "the endpoint service `{id}` does not allow account {consumer}, so `{}` cannot connect",
                            e.id
                        ),
                    )
                    .citing("R-EPS-02"));
                }
                if s.acceptance_required {
                    ConnectionState::PendingAcceptance
                } else {
                    ConnectionState::Available
                }
            }
        };
        match state {
            ConnectionState::Available => {}
            ConnectionState::PendingAcceptance => {
                return Err(Blocked::new(
                    id,
                    ReasonCode::EndpointConnectionNotAccepted,
                    format!(
                        "the connection from `{}` is pending acceptance: the provider of `{id}` has not accepted it",
                        e.id
                    ),
                ));
            }
            other => {
                let word = match other {
                    ConnectionState::Rejected => "rejected",
                    ConnectionState::Failed => "failed",
                    _ => "deleted",
                };
                return Err(Blocked::new(
                    id,
                    ReasonCode::EndpointConnectionRejected,
                    format!("the connection from `{}` to `{id}` is {word}", e.id),
                ));
            }
        }
        let eid = e.id.as_str();
        self.hop(ComponentKind::EndpointService, id, "R-EPP-03", || {
            (
                format!("the endpoint service {id} accepts the connection from {eid}; the endpoint policy of an endpoint to a non-AWS service is full access"),
                None,
            )
        });
        let zone = &subnet.zone;
        let pick = s
            .load_balancers
            .iter()
            .filter_map(|l| t.load_balancer(l.as_str()))
            .find_map(|lb| {
                lb.subnets
                    .iter()
                    .filter_map(|sn| t.subnet(sn.as_str()))
                    .find(|sn| sn.zone == *zone)
                    .map(|sn| (lb, sn))
            });
        let first = || {
            let lb = s
                .load_balancers
                .first()
                .and_then(|l| t.load_balancer(l.as_str()))?;
            let sn = lb.subnets.first().and_then(|sn| t.subnet(sn.as_str()))?;
            Some((lb, sn))
        };
        let Some((lb, node)) = pick.or_else(first) else {
            return Err(Blocked::new(
                id,
                ReasonCode::LoadBalancerNoTarget,
                format!("the endpoint service `{id}` has no load balancer with a subnet"),
            ));
        };
        self.load_balancer(lb, node, Some(eid))
    }
}
