//! The names of a VPC Lattice service as a client VPC sees them (aws-rules.md R-SN-06): the
//! generated name is public and resolves to link-local addresses everywhere, but only a VPC
//! connected to one of the service's networks can reach them; a custom domain resolves only in
//! connected VPCs. Through a service-network endpoint the names resolve to the endpoint's
//! network interface in the client's zone.

use alloc::format;
use alloc::string::String;
use core::net::IpAddr;

use super::connect::{Connection, Via};
use super::{Client, Run, Step, region_of, service_address};
use crate::model::lattice::Service;
use crate::net::address::derive_host;
use crate::trace::{Blocked, ComponentKind, Index, ReasonCode};

/// How the request named the service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Name {
    /// By object id: no DNS lookup.
    Id,
    Generated,
    CustomDomain,
}

/// Which of the service's names `to` is.
pub(crate) fn classify(to: &str, service: &Service) -> Name {
    let to = to.trim().trim_end_matches('.');
    if to == service.id.as_str() {
        Name::Id
    } else if service
        .custom_domain
        .as_deref()
        .is_some_and(|d| d.eq_ignore_ascii_case(to))
    {
        Name::CustomDomain
    } else {
        Name::Generated
    }
}

/// Resolves the name and sets the packet's destination; blocks a custom domain asked from a VPC
/// with no connection.
pub(crate) fn resolve(
    run: &mut Run<'_, '_>,
    client: &Client<'_, '_>,
    service: &Service,
    connection: Option<&Connection<'_>>,
) -> Step<()> {
    let ix = run.ix;
    let to = String::from(run.req.to.trim());
    let name = classify(&to, service);
    let vpc = client.vpc.id.as_str();
    let address = match connection.map(|c| c.via) {
        Some(Via::Endpoint(e)) => {
            endpoint_address(ix, client, e).unwrap_or_else(|| service_address(service.id.as_str()))
        }
        _ => service_address(service.id.as_str()),
    };
    run.dst = Some(address);
    match (name, connection) {
        (Name::Id, _) => Ok(()),
        (Name::CustomDomain, None) => Err(Blocked::new(
            "dns",
            ReasonCode::DnsNameNotFound,
            format!("`{to}` is the custom domain of `{}`, which resolves only in VPCs connected to its service network; `{vpc}` is not", service.id),
        )
        .citing("R-SN-06")),
        (kind, c) => {
            let region = region_of(ix.topology, service.region.as_ref());
            let generated = service.generated_dns_name(region);
            let id = String::from(service.id.as_str());
            run.hop(ComponentKind::Dns, "dns", "R-SN-06", || {
                let which = match kind {
                    Name::CustomDomain => format!("the custom domain of `{id}` (an alias of {generated})"),
                    _ => format!("the name VPC Lattice generated for `{id}`"),
                };
                let how = match c.map(|c| c.via) {
                    Some(Via::Endpoint(e)) => format!("the service-network endpoint `{}`", e.id),
                    Some(Via::Association(_)) => String::from("VPC Lattice's link-local range"),
                    None => String::from("VPC Lattice's link-local range, which this VPC has no way to reach"),
                };
                (format!("`{to}` is {which}; it resolves to {address} through {how}"), None)
            });
            if run.record {
                let answer = match c.map(|c| c.via) {
                    Some(Via::Endpoint(e)) => {
                        let all = endpoint_addresses(ix, e);
                        if all.is_empty() { alloc::vec![address] } else { all }
                    }
                    _ => alloc::vec![address],
                };
                if let Some(h) = run.hops.last_mut() {
                    h.dns = Some(crate::trace::DnsAnswer { name: to, answer });
                }
            }
            Ok(())
        }
    }
}

/// The address of a service-network endpoint's network interface in one subnet.
fn interface_address(
    ix: &Index<'_>,
    e: &crate::model::lattice::ServiceNetworkEndpoint,
    subnet: &crate::model::subnet::Subnet,
) -> Option<IpAddr> {
    let vpc = subnet.vpc.as_str();
    let key = format!("{}@{}", e.id, subnet.id);
    derive_host(&subnet.cidr, &key, |ip| ix.owner(vpc, ip).is_some())
}

/// The addresses of every network interface of a service-network endpoint, in subnet order.
fn endpoint_addresses(
    ix: &Index<'_>,
    e: &crate::model::lattice::ServiceNetworkEndpoint,
) -> alloc::vec::Vec<IpAddr> {
    e.subnets
        .iter()
        .filter_map(|s| ix.topology.subnet(s.as_str()))
        .filter_map(|s| interface_address(ix, e, s))
        .collect()
}

/// The address of a service-network endpoint's network interface in the client's zone, or in
/// its first subnet.
fn endpoint_address(
    ix: &Index<'_>,
    client: &Client<'_, '_>,
    e: &crate::model::lattice::ServiceNetworkEndpoint,
) -> Option<IpAddr> {
    let t = ix.topology;
    let subnets: alloc::vec::Vec<_> = e
        .subnets
        .iter()
        .filter_map(|s| t.subnet(s.as_str()))
        .collect();
    let subnet = subnets
        .iter()
        .find(|s| s.zone == client.subnet.zone)
        .or(subnets.first())?;
    interface_address(ix, e, subnet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let mut s: Service =
            crate::model::codec::from_str(r#"{"id":"svc-a","custom_domain":"Orders.Example.com"}"#)
                .unwrap();
        let cases = [
            ("svc-a", Name::Id),
            ("orders.example.com", Name::CustomDomain),
            ("orders.example.com.", Name::CustomDomain),
            (
                "svc-a-1.2.vpc-lattice-svcs.us-east-1.on.aws",
                Name::Generated,
            ),
        ];
        for (to, want) in cases {
            assert_eq!(classify(to, &s), want, "{to}");
        }
        s.custom_domain = None;
        assert_eq!(classify("orders.example.com", &s), Name::Generated);
    }
}
