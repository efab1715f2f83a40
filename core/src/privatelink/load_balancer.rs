//! The Network Load Balancer behind an endpoint service: a listener on the port, a node in the
//! endpoint's zone that becomes the source the target sees (aws-rules.md R-EPS-07), and a target
//! chosen among the healthy ones by the request's seed. With proxy protocol v2 on, a Network
//! Load Balancer behind an endpoint service also hands the target a header with the consumer's
//! address and the endpoint id.

use alloc::format;
use alloc::string::ToString;
use alloc::vec::Vec;

use crate::model::lattice::{TargetHealth, TargetRef};
use crate::model::load_balancer::{LoadBalancer, LoadBalancerType};
use crate::model::subnet::Subnet;
use crate::trace::ReasonCode;
use crate::trace::index::Owner;
use crate::trace::walk::{Step, Walker};
use crate::trace::{Blocked, Verdict};
use crate::trace::{ComponentKind, ProxyProtocol};

impl<'i, 't> Walker<'i, 't> {
    pub(crate) fn load_balancer(
        &mut self,
        lb: &'t LoadBalancer,
        node: &'t Subnet,
        endpoint: Option<&str>,
    ) -> Step<Verdict> {
        let via_endpoint = endpoint.is_some();
        let ix = self.ix;
        let t = ix.topology;
        let id = lb.id.as_str();
        self.tick(id)?;
        let port = self.req.port;
        if !lb.listener_ports.contains(&port) {
            return Err(Blocked::new(
                id,
                ReasonCode::LoadBalancerNoListener,
                format!("the load balancer `{id}` has no listener on port {port}"),
            ));
        }
        let vpc = lb.vpc.as_str();
        if !via_endpoint && !lb.security_groups.is_empty() {
            self.admit(vpc, &lb.security_groups, id, port)?;
        }
        let healthy: Vec<_> = lb
            .targets
            .iter()
            .filter(|t| t.health == TargetHealth::Healthy)
            .collect();
        let pool: Vec<_> = if healthy.is_empty() {
            lb.targets.iter().collect()
        } else {
            healthy
        };
        let n = u64::try_from(pool.len()).unwrap_or(1).max(1);
        let index = usize::try_from(self.req.seed % n).unwrap_or(0);
        let Some(target) = pool.get(index) else {
            return Err(Blocked::new(
                id,
                ReasonCode::LoadBalancerNoTarget,
                format!("the load balancer `{id}` has no registered target"),
            ));
        };
        if lb.proxy_protocol_v2
            && lb.kind == LoadBalancerType::Nlb
            && let (Some(vpce), Some(source)) = (endpoint, self.src)
        {
            self.proxy_protocol = Some(ProxyProtocol {
                source,
                vpce_id: vpce.to_string(),
            });
        }
        self.src = ix.address(id, node.id.as_str()).or(self.src);
        self.src_groups = lb
            .security_groups
            .iter()
            .map(|g| g.as_str().to_string())
            .collect();
        let tport = target.port.unwrap_or(port);
        let zone = node.zone.as_str();
        let src = self.src.map(|s| s.to_string()).unwrap_or_default();
        let header = self.proxy_protocol.as_ref().map(|p| {
            format!(
                "; a proxy protocol v2 header carries the consumer's address {} and the endpoint id {}",
                p.source, p.vpce_id
            )
        });
        self.hop(ComponentKind::LoadBalancer, id, "R-EPS-07", || {
            (
                format!("the {} node in {zone} forwards to port {tport}; the target sees the node's address {src} as the source{}", lb.kind.noun(), header.unwrap_or_default()),
                None,
            )
        });
        let ip = match &target.to {
            TargetRef::Instance(i) => t
                .instance(i.as_str())
                .and_then(|inst| ix.address(i.as_str(), inst.subnet.as_str())),
            TargetRef::Ip(ip) => Some(*ip),
            TargetRef::Lambda(l) => {
                return Ok(self.delivered(l.as_str(), ComponentKind::Lambda, None, tport));
            }
            TargetRef::LoadBalancer(l) => {
                return Ok(self.delivered(l.as_str(), ComponentKind::LoadBalancer, None, tport));
            }
        };
        let Some(ip) = ip else {
            return Err(Blocked::new(
                id,
                ReasonCode::LoadBalancerNoTarget,
                format!("a target of `{id}` has no address"),
            ));
        };
        self.dst = Some(ip);
        let vpc_ref = t.vpc(vpc).ok_or_else(|| {
            Blocked::new(
                id,
                ReasonCode::AddressNotInUse,
                format!("`{id}` is in no VPC"),
            )
        })?;
        match ix.owner(vpc, ip) {
            Some(Owner::Instance(i)) => {
                self.admit(vpc, &i.security_groups, i.id.as_str(), tport)?;
                Ok(self.delivered(i.id.as_str(), ComponentKind::Instance, Some(ip), tport))
            }
            Some(Owner::Database(d)) => {
                self.admit(vpc, &d.security_groups, d.id.as_str(), tport)?;
                Ok(self.delivered(d.id.as_str(), ComponentKind::Database, Some(ip), tport))
            }
            _ => Err(Blocked::new(
                vpc_ref.id.as_str(),
                ReasonCode::AddressNotInUse,
                format!("no network interface in `{vpc}` has the target address {ip}"),
            )),
        }
    }
}
