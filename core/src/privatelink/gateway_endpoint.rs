//! Gateway endpoints: the prefix-list route of a route table leads here (aws-rules.md R-GWE-02),
//! the endpoint policy decides (R-EPP-01, R-EPP-04), and the service sees the instance's private
//! address (R-GWE-11). Traffic from outside the VPC never gets here (R-GWE-07): the peering step
//! stops it first.

use alloc::format;
use alloc::string::String;

use super::endpoint_policy::{api_call, evaluate};
use crate::model::endpoint::{GatewayEndpoint, split_service_name};
use crate::model::vpc::Vpc;
use crate::trace::ComponentKind;
use crate::trace::ReasonCode;
use crate::trace::index::PolicyOf;
use crate::trace::walk::{Step, Walker};
use crate::trace::{Blocked, Verdict};

impl<'i, 't> Walker<'i, 't> {
    pub(crate) fn gateway_endpoint(
        &mut self,
        g: &'t GatewayEndpoint,
        vpc: &'t Vpc,
    ) -> Step<Verdict> {
        let id = g.id.as_str();
        self.tick(id)?;
        let service = split_service_name(&g.service).map_or(g.service.as_str(), |(_, s)| s);
        let bucket = self.name_prefix.clone();
        let call = api_call(self.req, service, bucket.as_deref());
        let context = [("aws:SourceVpc", vpc.id.as_str()), ("aws:SourceVpce", id)];
        let outcome = evaluate(
            self.ix.policy(PolicyOf::GatewayEndpoint, id),
            self.req,
            &call,
            &context,
            self.src,
        );
        if !outcome.allowed {
            return Err(Blocked::new(
                id,
                ReasonCode::GatewayEndpointPolicyDenied,
                format!(
                    "the policy of the gateway endpoint `{id}` does not allow {} on {}",
                    call.action, call.resource
                ),
            )
            .with_statement(outcome.statement));
        }
        let name = g.service.clone();
        let src = self.src.map(|s| format!("{s}")).unwrap_or_default();
        self.hop(ComponentKind::GatewayEndpoint, id, "R-GWE-11", || {
            (
                format!("the gateway endpoint {id} carries {} to {name} privately; the service sees the private source {src}", call.action),
                Some(outcome.statement),
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
