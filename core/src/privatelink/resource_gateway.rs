//! Resource configurations and resource gateways: reached through a resource endpoint or a
//! service network (aws-rules.md R-RC-05), TCP only (R-RC-02), on the configured ports only
//! (R-RC-03); the gateway rewrites the source to its own address in the zone (R-RGW-01) and its
//! security groups' outbound rules decide what it may reach (R-RGW-04). The service network's
//! auth policy does not apply to resource configurations (R-AUTH-01).

use alloc::format;
use alloc::string::{String, ToString};
use core::net::{IpAddr, Ipv4Addr};

use crate::model::common::Protocol;
use crate::model::id::ZoneId;
use crate::model::lattice::ResourceAssociation;
use crate::model::resource_configuration::{
    ResourceConfiguration, ResourceConfigurationType, ResourceDefinition,
};
use crate::model::resource_endpoint::ResourceEndpoint;
use crate::model::subnet::Subnet;
use crate::net::address::stable_hash;
use crate::net::security_group::Direction;
use crate::trace::ComponentKind;
use crate::trace::ReasonCode;
use crate::trace::walk::{Connection, GroupRules, Step, Walker};
use crate::trace::{Blocked, Verdict};

impl<'i, 't> Walker<'i, 't> {
    pub(crate) fn resource_endpoint(
        &mut self,
        e: &'t ResourceEndpoint,
        subnet: &'t Subnet,
    ) -> Step<Verdict> {
        let id = e.id.as_str();
        self.tick(id)?;
        let port = self.req.port;
        self.admit_citing(
            e.vpc.as_str(),
            &e.security_groups,
            id,
            port,
            GroupRules::ENDPOINT,
        )?;
        let sub = subnet.id.as_str();
        self.hop(ComponentKind::ResourceEndpoint, id, "R-RC-05", || {
            (
                format!("the resource endpoint {id} in {sub} receives the request"),
                None,
            )
        });
        self.resource(e.resource_configuration.as_str(), &subnet.zone)
    }

    pub(crate) fn service_network_resource(&mut self, a: &'t ResourceAssociation) -> Step<Verdict> {
        let network = a.service_network.as_str();
        let home = self.home_vpc.id.as_str();
        let Some(connection) = self.connection_to(network) else {
            return Err(Blocked::new(
                network,
                ReasonCode::ServiceNetworkNotConnected,
                format!(
                    "`{home}` is connected to the service network `{network}` neither by an association nor by an endpoint"
                ),
            ));
        };
        let lattice = association_address(a);
        self.dst = Some(lattice);
        self.leave_source_to(lattice)?;
        let port = self.req.port;
        match connection {
            Connection::Association(v) => {
                if !v.security_groups.is_empty() {
                    self.admit_citing(
                        home,
                        &v.security_groups,
                        v.id.as_str(),
                        port,
                        GroupRules::ASSOCIATION,
                    )?;
                }
                let vid = v.id.as_str();
                self.hop(ComponentKind::VpcAssociation, vid, "R-SN-02", || {
                    (format!("{home} reaches the service network {network} through its association {vid}"), None)
                });
            }
            Connection::Endpoint(e) => {
                self.admit_citing(
                    e.vpc.as_str(),
                    &e.security_groups,
                    e.id.as_str(),
                    port,
                    GroupRules::ENDPOINT,
                )?;
                let eid = e.id.as_str();
                self.hop(ComponentKind::ServiceNetwork, eid, "R-SN-03", || {
                    (format!("{home} reaches the service network {network} through the endpoint {eid}"), None)
                });
            }
        }
        self.hop(ComponentKind::ServiceNetwork, network, "R-AUTH-01", || {
            (
                format!("the service network {network} passes the request to its resource; its auth policy does not apply to resource configurations"),
                None,
            )
        });
        let zone = self.home_subnet.zone.clone();
        self.resource(a.resource_configuration.as_str(), &zone)
    }

    /// The resource configuration, its gateway, and on to the resource.
    fn resource(&mut self, rc_id: &str, zone: &ZoneId) -> Step<Verdict> {
        let ix = self.ix;
        let t = ix.topology;
        let port = self.req.port;
        let rc = t.resource_configuration(rc_id).ok_or_else(|| {
            Blocked::new(
                rc_id,
                ReasonCode::UnknownDestination,
                format!("`{rc_id}` is not in the document"),
            )
        })?;
        let rc = self.member_for_port(rc, port);
        let id = rc.id.as_str();
        self.tick(id)?;
        if self.transport() != Protocol::Tcp {
            return Err(Blocked::new(
                id,
                ReasonCode::ProtocolNotSupported,
                format!(
                    "the resource configuration `{id}` accepts TCP only, not {}",
                    self.transport().as_str()
                ),
            )
            .citing("R-RC-02"));
        }
        if !rc.port_ranges.iter().any(|r| r.contains(port)) {
            let ranges: alloc::vec::Vec<String> =
                rc.port_ranges.iter().map(ToString::to_string).collect();
            return Err(Blocked::new(
                id,
                ReasonCode::PortNotInRange,
                format!(
                    "port {port} is outside the port ranges of `{id}` ({}): client access on other ports is not allowed",
                    ranges.join(", ")
                ),
            ));
        }
        let parent = rc
            .parent
            .as_ref()
            .and_then(|p| t.resource_configuration(p.as_str()));
        let gw_id = rc
            .gateway
            .as_ref()
            .or(parent.and_then(|p| p.gateway.as_ref()));
        let gw = gw_id
            .and_then(|g| t.resource_gateway(g.as_str()))
            .ok_or_else(|| {
                Blocked::new(
                    id,
                    ReasonCode::UnknownDestination,
                    format!("`{id}` has no resource gateway"),
                )
            })?;
        let gid = gw.id.as_str();
        let subnets = gw.subnets.iter().filter_map(|s| t.subnet(s.as_str()));
        let node = subnets
            .clone()
            .find(|s| s.zone == *zone)
            .or_else(|| subnets.clone().next())
            .ok_or_else(|| {
                Blocked::new(
                    gid,
                    ReasonCode::UnknownDestination,
                    format!("`{gid}` has no subnet"),
                )
            })?;
        self.hop(ComponentKind::ResourceConfiguration, id, "R-RC-03", || {
            (format!("port {port} is within the port ranges of {id}, served by the resource gateway {gid}"), None)
        });
        let (address, label) = match &rc.definition {
            Some(ResourceDefinition::Ip(ip)) => (Some(*ip), ip.to_string()),
            Some(ResourceDefinition::Database(d)) => (
                t.database(d.as_str())
                    .and_then(|db| ix.address(d.as_str(), db.subnet.as_str())),
                d.to_string(),
            ),
            Some(ResourceDefinition::Domain(d)) => (None, d.clone()),
            Some(ResourceDefinition::Arn(a)) => (None, a.clone()),
            None => (None, rc.id.to_string()),
        };
        self.src = ix.address(gid, node.id.as_str()).or(self.src);
        self.src_groups = ix.group_ids(gw.vpc.as_str(), &gw.security_groups);
        let src = self.src.map(|s| s.to_string()).unwrap_or_default();
        let nz = node.zone.as_str();
        self.hop(ComponentKind::ResourceGateway, gid, "R-RGW-01", || {
            (format!("the resource gateway {gid} in {nz} rewrites the source to its address {src} and connects to {label}"), None)
        });
        let Some(ip) = address else {
            return Ok(self.delivered(&label, ComponentKind::ResourceConfiguration, None, port));
        };
        self.dst = Some(ip);
        let groups = ix.groups(gw.vpc.as_str(), &gw.security_groups);
        self.check_groups(
            &groups,
            Direction::Egress,
            ip,
            &[],
            port,
            gid,
            true,
            GroupRules::PLAIN,
        )
        .map_err(|b| b.citing("R-RGW-04"))?;
        self.subnet = node;
        self.route(ip)
    }

    /// For a group configuration, the child whose ports take `port` (else the first child).
    fn member_for_port(
        &self,
        rc: &'t ResourceConfiguration,
        port: u16,
    ) -> &'t ResourceConfiguration {
        if rc.kind != ResourceConfigurationType::Group {
            return rc;
        }
        let children = self
            .ix
            .doc
            .resource_configurations
            .iter()
            .filter(|c| c.parent.as_ref() == Some(&rc.id));
        children
            .clone()
            .find(|c| c.port_ranges.iter().any(|r| r.contains(port)))
            .or_else(|| children.clone().next())
            .unwrap_or(rc)
    }
}

/// The link-local address VPC Lattice gives a resource in a service network, by its
/// association (R-SN-06).
pub(crate) fn association_address(a: &ResourceAssociation) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(
        169,
        254,
        171,
        (stable_hash(a.id.as_str().as_bytes()) % 250) as u8 + 1,
    ))
}
