//! Interface endpoints: a network interface per subnet (aws-rules.md R-IFE-01) whose security
//! groups must admit the client (R-IFE-02; the VPC's default group when none is chosen, R-IFE-03),
//! TCP only (R-IFE-04), and, for an AWS service, the endpoint policy and the caller's identity policy (R-EPP-01,
//! R-EPP-02).

use alloc::format;
use alloc::string::String;

use crate::model::common::Protocol;
use crate::model::endpoint::{EndpointTarget, InterfaceEndpoint};
use crate::model::subnet::Subnet;
use crate::trace::ComponentKind;
use crate::trace::ReasonCode;
use crate::trace::index::PolicyOf;
use crate::trace::walk::{GroupRules, Step, Walker};
use crate::trace::{Blocked, Verdict};

impl<'i, 't> Walker<'i, 't> {
    pub(crate) fn interface_endpoint(
        &mut self,
        e: &'t InterfaceEndpoint,
        subnet: &'t Subnet,
    ) -> Step<Verdict> {
        let id = e.id.as_str();
        self.tick(id)?;
        if self.transport() != Protocol::Tcp {
            return Err(Blocked::new(
                id,
                ReasonCode::ProtocolNotSupported,
                format!(
                    "the interface endpoint `{id}` carries TCP only, not {}",
                    self.transport().as_str()
                ),
            ));
        }
        let port = self.req.port;
        self.admit_citing(
            e.vpc.as_str(),
            &e.security_groups,
            id,
            port,
            GroupRules::INTERFACE_ENDPOINT,
        )?;
        let sub = subnet.id.as_str();
        self.hop(ComponentKind::InterfaceEndpoint, id, "R-IFE-01", || {
            (
                format!("the network interface of {id} in {sub} receives the request"),
                None,
            )
        });
        match &e.service {
            EndpointTarget::Aws(name) => {
                let call =
                    self.endpoint_policy(PolicyOf::InterfaceEndpoint, id, e.vpc.as_str(), name)?;
                let target = String::from(name.as_str());
                self.hop(ComponentKind::AwsService, &target, "R-IFE-01", || {
                    (
                        format!("{target} receives {} through AWS PrivateLink", call.action),
                        None,
                    )
                });
                let dst = self.dst;
                Ok(self.delivered(name, ComponentKind::AwsService, dst, port))
            }
            EndpointTarget::EndpointService(es) => {
                let service = self
                    .ix
                    .topology
                    .endpoint_service(es.as_str())
                    .ok_or_else(|| {
                        Blocked::new(
                            id,
                            ReasonCode::UnknownDestination,
                            format!("`{es}` is not in the document"),
                        )
                    })?;
                self.endpoint_service(e, service, subnet)
            }
        }
    }
}
