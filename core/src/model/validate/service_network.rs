//! Service networks, their associations, and service-network endpoints.

use alloc::collections::BTreeMap;
use alloc::format;

use super::{Ctx, zones_repeated};
use crate::model::diagnostic::Code;
use crate::model::kind::Kind;
use crate::model::lattice::AuthType;
use crate::model::resource_configuration::ResourceConfigurationType;

/// The largest auth policy, in bytes (R-SN-07: 10 KB).
const MAX_AUTH_POLICY_BYTES: usize = 10 * 1024;
/// Security groups per VPC association (R-SN-04).
const MAX_ASSOCIATION_GROUPS: usize = 5;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    for sn in &doc.service_networks {
        let id = sn.id.as_str();
        cx.account(Kind::ServiceNetwork, id, sn.account.as_ref());
        cx.region(Kind::ServiceNetwork, id, sn.region.as_ref());
        auth(
            cx,
            Kind::ServiceNetwork,
            id,
            sn.auth_type,
            sn.auth_policy.as_ref(),
        );
    }
    let mut direct: BTreeMap<&str, &str> = BTreeMap::new();
    for a in &doc.vpc_associations {
        let id = a.id.as_str();
        cx.refer(
            Kind::VpcAssociation,
            id,
            Kind::ServiceNetwork,
            a.service_network.as_str(),
        );
        if !cx.refer(Kind::VpcAssociation, id, Kind::Vpc, a.vpc.as_str()) {
            continue;
        }
        if let Some(first) = direct.insert(a.vpc.as_str(), id) {
            cx.emit(
                Code::MultipleServiceNetworkAssociations,
                id,
                format!(
                    "VPC `{}` is already associated with a service network through `{first}`: a VPC has one direct association; use service-network endpoints to reach more networks",
                    a.vpc
                ),
            );
        }
        cx.groups_in_vpc(Kind::VpcAssociation, id, a.vpc.as_str(), &a.security_groups);
        if a.security_groups.len() > MAX_ASSOCIATION_GROUPS {
            cx.emit(
                Code::AssociationSecurityGroups,
                id,
                format!(
                    "VPC association `{id}` has {} security groups: an association takes at most {MAX_ASSOCIATION_GROUPS}",
                    a.security_groups.len()
                ),
            );
        }
    }
    for a in &doc.service_associations {
        let id = a.id.as_str();
        cx.refer(
            Kind::ServiceAssociation,
            id,
            Kind::ServiceNetwork,
            a.service_network.as_str(),
        );
        cx.refer(
            Kind::ServiceAssociation,
            id,
            Kind::Service,
            a.service.as_str(),
        );
    }
    for a in &doc.resource_associations {
        let id = a.id.as_str();
        cx.refer(
            Kind::ResourceAssociation,
            id,
            Kind::ServiceNetwork,
            a.service_network.as_str(),
        );
        let rc = a.resource_configuration.as_str();
        if cx.refer(
            Kind::ResourceAssociation,
            id,
            Kind::ResourceConfiguration,
            rc,
        ) && let Some(config) = cx.resource_configuration(rc)
            && config.kind == ResourceConfigurationType::Child
        {
            cx.emit(
                Code::ChildSharedDirectly,
                id,
                format!("resource association `{id}` shares the child configuration `{rc}` on its own: associate its group instead"),
            );
        }
    }
    for e in &doc.service_network_endpoints {
        let id = e.id.as_str();
        cx.refer(
            Kind::ServiceNetworkEndpoint,
            id,
            Kind::ServiceNetwork,
            e.service_network.as_str(),
        );
        if !cx.refer(Kind::ServiceNetworkEndpoint, id, Kind::Vpc, e.vpc.as_str()) {
            continue;
        }
        let subnets =
            cx.subnets_in_vpc(Kind::ServiceNetworkEndpoint, id, e.vpc.as_str(), &e.subnets);
        if e.subnets.is_empty() {
            cx.emit(
                Code::EndpointWithoutSubnets,
                id,
                format!("service-network endpoint `{id}` has no subnet: choose at least one"),
            );
        }
        if let Some((a, b)) = zones_repeated(&subnets) {
            cx.emit(
                Code::ServiceNetworkEndpointSubnetPerZone,
                id,
                format!(
                    "service-network endpoint `{id}` has subnets `{}` and `{}` in the same zone `{}`: choose one subnet per Availability Zone",
                    a.id, b.id, a.zone
                ),
            );
        }
        cx.groups_in_vpc(
            Kind::ServiceNetworkEndpoint,
            id,
            e.vpc.as_str(),
            &e.security_groups,
        );
        super::workload::group_count(cx, Kind::ServiceNetworkEndpoint, id, &e.security_groups);
        if e.private_dns
            && let Some(vpc) = cx.vpc(e.vpc.as_str())
        {
            super::endpoints::private_dns(cx, Kind::ServiceNetworkEndpoint, id, vpc);
        }
    }
}

/// The auth type and auth policy of a service network or service.
pub(super) fn auth(
    cx: &mut Ctx<'_>,
    owner: Kind,
    id: &str,
    auth_type: AuthType,
    policy: Option<&crate::json::Value>,
) {
    match (auth_type, policy) {
        (AuthType::None, Some(_)) => cx.emit(
            Code::AuthPolicyIgnored,
            id,
            format!(
                "{} `{id}` has an auth policy but auth type `none`, so the policy is not applied",
                owner.noun()
            ),
        ),
        (AuthType::AwsIam, None) => cx.emit(
            Code::AuthPolicyMissing,
            id,
            format!(
                "{} `{id}` has auth type `aws_iam` and no auth policy: every request is denied",
                owner.noun()
            ),
        ),
        _ => {}
    }
    if let Some(p) = policy {
        let size = alloc::string::ToString::to_string(p).len();
        if size > MAX_AUTH_POLICY_BYTES {
            cx.emit(
                Code::AuthPolicyTooLarge,
                id,
                format!("the auth policy of {} `{id}` is {size} bytes: the limit is {MAX_AUTH_POLICY_BYTES}", owner.noun()),
            );
        }
    }
}
