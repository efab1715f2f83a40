//! Gateway endpoints: the prefix-list route of a route table leads here (aws-rules.md R-GWE-02),
//! the endpoint policy and the caller's identity policy both decide (R-EPP-01, R-EPP-04), and the service sees the instance's private
//! address (R-GWE-11). Traffic from outside the VPC never gets here (R-GWE-07): the peering step
//! stops it first.

use alloc::format;
use alloc::string::String;

use crate::model::endpoint::GatewayEndpoint;
use crate::model::vpc::Vpc;
use crate::trace::ComponentKind;
use crate::trace::Verdict;
use crate::trace::index::PolicyOf;
use crate::trace::walk::{Step, Walker};

impl<'i, 't> Walker<'i, 't> {
    pub(crate) fn gateway_endpoint(
        &mut self,
        g: &'t GatewayEndpoint,
        vpc: &'t Vpc,
    ) -> Step<Verdict> {
        let id = g.id.as_str();
        self.tick(id)?;
        let call =
            self.endpoint_policy(PolicyOf::GatewayEndpoint, id, vpc.id.as_str(), &g.service)?;
        let name = g.service.clone();
        let src = self.src.map(|s| format!("{s}")).unwrap_or_default();
        self.hop(ComponentKind::GatewayEndpoint, id, "R-GWE-11", || {
            (
                format!("the gateway endpoint {id} carries {} to {name} privately; the service sees the private source {src}", call.action),
                None,
            )
        });
        let port = self.req.port;
        let dst = self.dst;
        let target = String::from(g.service.as_str());
        self.hop(ComponentKind::AwsService, &target, "R-GWE-02", || {
            (format!("{target} receives the request"), None)
        });
        Ok(self.delivered(&g.service, ComponentKind::AwsService, dst, port))
    }
}
