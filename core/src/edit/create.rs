//! Creating an object from the palette: a fresh id, the fields it cannot do without, and the
//! document format's own defaults for everything else.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::EditError;
use super::palette::item_for;
use super::structure::drawn;
use crate::json::Value;
use crate::model::codec::{FromJson, from_value};
use crate::model::common::Position;
use crate::model::{Document, Kind};
use crate::net::Cidr;

/// The Region used when a document names none.
const DEFAULT_REGION: &str = "us-east-1";
/// The zones used when the document's Region lists none.
const DEFAULT_ZONES: &[&str] = &["use1-az1", "use1-az2", "use1-az4"];

/// Creates an object of `kind` at `at`, inside `container` when the kind is drawn inside one,
/// and returns its new id. The new object has every field the document format requires, chosen
/// to be valid where that is possible: a new VPC takes a free `10.N.0.0/16`, a new subnet the
/// next free `/24` of its VPC in the next Availability Zone.
pub fn create(
    doc: &mut Document,
    kind: Kind,
    at: Position,
    container: Option<&str>,
) -> Result<String, EditError> {
    let item = item_for(kind).ok_or(EditError::NotDrawable { kind })?;
    let container = match (item.containers, container) {
        ([], _) => None,
        (_, None) => {
            return Err(EditError::NeedsContainer {
                kind,
                container: item.container_words(),
            });
        }
        (allowed, Some(id)) => {
            let found = drawn(doc)
                .into_iter()
                .find(|(oid, _, _)| oid == id)
                .ok_or_else(|| EditError::UnknownObject { id: id.to_string() })?;
            if !allowed.contains(&found.1) {
                return Err(EditError::WrongContainer {
                    kind,
                    container: found.1,
                    expected: item.container_words(),
                });
            }
            Some(found.0)
        }
    };
    let id = fresh_id(doc, prefix(kind));
    let mut fields = Value::Object(Vec::new());
    fields.insert("id", Value::String(id.clone()));
    fields.insert("position", crate::json!({ "x": at.x, "y": at.y }));
    let parent = container.as_deref().unwrap_or_default();
    if matches!(
        kind,
        Kind::LoadBalancer
            | Kind::InterfaceEndpoint
            | Kind::ServiceNetworkEndpoint
            | Kind::ResourceGateway
            | Kind::ResourceEndpoint
    ) {
        fields.insert("subnets", crate::json!(one_subnet_per_zone(doc, parent)));
        fields.insert("security_groups", crate::json!([]));
    }
    match kind {
        Kind::Vpc => {
            let cidr = free_vpc_block(doc).ok_or_else(|| EditError::NoFreeAddresses {
                container: "the 10.0.0.0/8 range".into(),
            })?;
            fields.insert("cidrs", crate::json!([cidr.to_string()]));
        }
        Kind::Subnet => {
            let cidr =
                free_subnet_block(doc, parent).ok_or_else(|| EditError::NoFreeAddresses {
                    container: parent.to_string(),
                })?;
            fields.insert("vpc", crate::json!(parent));
            fields.insert("zone", crate::json!(next_zone(doc, parent)));
            fields.insert("cidr", crate::json!(cidr.to_string()));
        }
        Kind::NatGateway | Kind::Instance | Kind::Database => {
            fields.insert("subnet", crate::json!(parent));
        }
        Kind::LoadBalancer => {
            fields.insert("vpc", crate::json!(parent));
            fields.insert("type", crate::json!("alb"));
        }
        Kind::GatewayEndpoint => {
            fields.insert("vpc", crate::json!(parent));
            fields.insert(
                "service",
                crate::json!(format!("com.amazonaws.{}.s3", region_of(doc))),
            );
        }
        Kind::InterfaceEndpoint => {
            fields.insert("vpc", crate::json!(parent));
            fields.insert(
                "service",
                crate::json!({ "aws": format!("com.amazonaws.{}.sqs", region_of(doc)) }),
            );
        }
        Kind::ServiceNetworkEndpoint => {
            let network = doc.service_networks.first().map(|n| n.id.as_str()).ok_or(
                EditError::CannotConnect {
                    from: kind,
                    to: Kind::ServiceNetwork,
                    why: "a service-network endpoint needs a service network: place one first"
                        .into(),
                },
            )?;
            fields.insert("vpc", crate::json!(parent));
            fields.insert("service_network", crate::json!(network));
        }
        Kind::ResourceEndpoint => {
            let config = doc
                .resource_configurations
                .first()
                .map(|n| n.id.as_str())
                .ok_or(EditError::CannotConnect {
                    from: kind,
                    to: Kind::ResourceConfiguration,
                    why: "a resource endpoint needs a resource configuration: place one first"
                        .into(),
                })?;
            fields.insert("vpc", crate::json!(parent));
            fields.insert("resource_configuration", crate::json!(config));
        }
        Kind::TargetGroup => {
            fields.insert("type", crate::json!("instance"));
            fields.insert("protocol", crate::json!("http"));
            fields.insert("port", crate::json!(80));
            if let Some(vpc) = doc.vpcs.first() {
                fields.insert("vpc", crate::json!(vpc.id.as_str()));
            }
        }
        Kind::EndpointService => {
            fields.insert("load_balancers", crate::json!([]));
        }
        Kind::ResourceConfiguration => {
            fields.insert("type", crate::json!("single"));
            fields.insert("port_ranges", crate::json!([443]));
        }
        Kind::RouteTable | Kind::SecurityGroup | Kind::InternetGateway | Kind::ResourceGateway => {
            fields.insert("vpc", crate::json!(parent));
        }
        _ => {}
    }
    let value = fields;
    macro_rules! push {
        ($list:ident) => {
            doc.$list.push(from_fields(value, kind)?)
        };
    }
    match kind {
        Kind::Vpc => push!(vpcs),
        Kind::Subnet => push!(subnets),
        Kind::RouteTable => push!(route_tables),
        Kind::SecurityGroup => push!(security_groups),
        Kind::InternetGateway => push!(internet_gateways),
        Kind::NatGateway => push!(nat_gateways),
        Kind::Instance => push!(instances),
        Kind::Lambda => push!(lambdas),
        Kind::Database => push!(databases),
        Kind::LoadBalancer => push!(load_balancers),
        Kind::GatewayEndpoint => push!(gateway_endpoints),
        Kind::InterfaceEndpoint => push!(interface_endpoints),
        Kind::EndpointService => push!(endpoint_services),
        Kind::ServiceNetwork => push!(service_networks),
        Kind::ServiceNetworkEndpoint => push!(service_network_endpoints),
        Kind::Service => push!(services),
        Kind::TargetGroup => push!(target_groups),
        Kind::ResourceGateway => push!(resource_gateways),
        Kind::ResourceConfiguration => push!(resource_configurations),
        Kind::ResourceEndpoint => push!(resource_endpoints),
        _ => return Err(EditError::NotDrawable { kind }),
    }
    Ok(id)
}

/// Reads the new object through the document format, so it gets exactly the defaults a
/// hand-written document would.
fn from_fields<T: FromJson>(value: Value, kind: Kind) -> Result<T, EditError> {
    from_value(value).map_err(|_| EditError::NotDrawable { kind })
}

/// The id prefix AWS uses for the kind, or a readable stand-in.
pub(crate) fn prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Vpc => "vpc",
        Kind::Subnet => "subnet",
        Kind::RouteTable => "rtb",
        Kind::SecurityGroup => "sg",
        Kind::InternetGateway => "igw",
        Kind::NatGateway => "nat",
        Kind::Instance => "i",
        Kind::Lambda => "fn",
        Kind::Database => "db",
        Kind::LoadBalancer => "lb",
        Kind::GatewayEndpoint | Kind::InterfaceEndpoint => "vpce",
        Kind::EndpointService => "vpce-svc",
        Kind::ServiceNetwork => "sn",
        Kind::ServiceNetworkEndpoint => "sne",
        Kind::Service => "svc",
        Kind::TargetGroup => "tg",
        Kind::ResourceGateway => "rgw",
        Kind::ResourceConfiguration => "rcfg",
        Kind::ResourceEndpoint => "rep",
        _ => "obj",
    }
}

/// `prefix-N` for the smallest `N` from 1 that no object of the document uses.
pub(crate) fn fresh_id(doc: &Document, prefix: &str) -> String {
    let taken = crate::model::kind::IdIndex::build(doc);
    (1..)
        .map(|n: u64| format!("{prefix}-{n}"))
        .find(|id| taken.get(id).is_none())
        .unwrap_or_default()
}

fn region_of(doc: &Document) -> &str {
    doc.regions
        .first()
        .map_or(DEFAULT_REGION, |r| r.id.as_str())
}

/// The zone for a VPC's next subnet: its Region's zones in turn.
fn next_zone(doc: &Document, vpc: &str) -> String {
    let used = doc.subnets.iter().filter(|s| s.vpc.as_str() == vpc).count();
    let zones: Vec<&str> = match doc.regions.first() {
        Some(r) if !r.zones.is_empty() => r.zones.iter().map(|z| z.as_str()).collect(),
        _ => DEFAULT_ZONES.to_vec(),
    };
    zones
        .get(used % zones.len().max(1))
        .map_or_else(|| String::from("use1-az1"), |z| String::from(*z))
}

/// The subnets an endpoint placed in `vpc` starts in: the first subnet of each zone.
fn one_subnet_per_zone(doc: &Document, vpc: &str) -> Vec<String> {
    let mut zones: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for s in doc.subnets.iter().filter(|s| s.vpc.as_str() == vpc) {
        if !zones.contains(&s.zone.as_str()) {
            zones.push(s.zone.as_str());
            out.push(String::from(s.id.as_str()));
        }
    }
    out
}

/// The first `10.N.0.0/16` that no VPC of the document overlaps.
pub(crate) fn free_vpc_block(doc: &Document) -> Option<Cidr> {
    (0u8..=255)
        .filter_map(|n| format!("10.{n}.0.0/16").parse::<Cidr>().ok())
        .find(|candidate| {
            !doc.vpcs
                .iter()
                .flat_map(|v| v.cidrs.iter())
                .any(|c| c.overlaps(candidate))
        })
}

/// The first `/24` (or the whole block, for VPCs of `/24` or smaller) of the VPC's first IPv4
/// block that no subnet of the VPC overlaps.
pub(crate) fn free_subnet_block(doc: &Document, vpc: &str) -> Option<Cidr> {
    let block = doc
        .vpcs
        .iter()
        .find(|v| v.id.as_str() == vpc)?
        .ipv4_cidrs()
        .next()
        .copied()?;
    let len = block.prefix_len().max(24);
    let taken: Vec<Cidr> = doc
        .subnets
        .iter()
        .filter(|s| s.vpc.as_str() == vpc)
        .map(|s| s.cidr)
        .collect();
    block
        .net()
        .subnets(len)
        .ok()?
        .take(4096)
        .filter_map(|net| net.to_string().parse::<Cidr>().ok())
        .find(|candidate| !taken.iter().any(|t| t.overlaps(candidate)))
}
