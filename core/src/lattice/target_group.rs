//! Delivery to a target of a target group (aws-rules.md R-TG-01..10, R-SN-05): only healthy
//! targets receive requests; a target group with no healthy target fails open to all of its
//! targets; Lambda and ALB target groups have no health checks, so their targets always count.
//! The packet now comes from the VPC Lattice managed prefix list, which the target's security
//! groups must admit.
//!
//! A target still `initial` has not passed a health check and is not healthy (R-TG-03); when
//! every target is `initial` or unhealthy, the group fails open as for unhealthy targets.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::IpAddr;

use super::choose::round_robin;
use super::{Run, Step, check_groups, lattice_prefix_list_name, region_of};
use crate::model::lattice::{Target, TargetGroup, TargetHealth, TargetRef, TargetType};
use crate::model::security_group::SecurityGroup;
use crate::net::security_group::{Direction, Peer};
use crate::trace::{Blocked, ComponentKind, ReasonCode, Verdict};

/// The targets that may receive a request, and whether the group failed open.
pub fn eligible(group: &TargetGroup) -> (Vec<&Target>, bool) {
    let checked = matches!(group.kind, TargetType::Instance | TargetType::Ip)
        && group.health_check.as_ref().is_none_or(|h| h.enabled);
    if !checked {
        return (group.targets.iter().collect(), false);
    }
    let healthy: Vec<&Target> = group
        .targets
        .iter()
        .filter(|t| t.health == TargetHealth::Healthy)
        .collect();
    if healthy.is_empty() {
        (group.targets.iter().collect(), !group.targets.is_empty())
    } else {
        (healthy, false)
    }
}

/// The id a target is known by: its object id, or its address.
pub fn target_name(t: &Target) -> String {
    match &t.to {
        TargetRef::Instance(i) => i.as_str().to_string(),
        TargetRef::Ip(ip) => ip.to_string(),
        TargetRef::Lambda(l) => l.as_str().to_string(),
        TargetRef::LoadBalancer(lb) => lb.as_str().to_string(),
    }
}

/// Chooses a target by round robin and delivers to it.
pub(crate) fn deliver(run: &mut Run<'_, '_>, group: &TargetGroup) -> Step<Verdict> {
    let tg = group.id.as_str();
    let (targets, failed_open) = eligible(group);
    let Some(target) = targets
        .get(round_robin(targets.len(), run.req.seed))
        .copied()
    else {
        return Err(Blocked::new(
            tg,
            ReasonCode::LatticeNoTargets,
            format!("target group `{tg}` has no registered target"),
        ));
    };
    let name = target_name(target);
    let port = target.port.or(group.port).unwrap_or(run.port);
    let ix = run.ix;
    let t = ix.topology;
    let vpc = group.vpc.as_ref().map(|v| v.as_str());
    let region = region_of(t, group.region.as_ref());
    // Where the target is, what kind of thing it is, and the groups on its interface.
    let (kind, address, groups): (ComponentKind, Option<IpAddr>, Vec<&SecurityGroup>) =
        match &target.to {
            TargetRef::Instance(id) => {
                let i = t.instance(id.as_str());
                let ip =
                    i.and_then(|i| i.ip.or_else(|| ix.address(id.as_str(), i.subnet.as_str())));
                let v = i
                    .and_then(|i| t.subnet(i.subnet.as_str()))
                    .map(|s| s.vpc.as_str())
                    .or(vpc)
                    .unwrap_or("");
                (
                    ComponentKind::Instance,
                    ip,
                    i.map(|i| ix.groups(v, &i.security_groups))
                        .unwrap_or_default(),
                )
            }
            TargetRef::Ip(ip) => {
                let v = vpc.unwrap_or("");
                let groups = match ix.owner(v, *ip) {
                    Some(crate::trace::index::Owner::Instance(i)) => {
                        ix.groups(v, &i.security_groups)
                    }
                    _ => Vec::new(),
                };
                (ComponentKind::Instance, Some(*ip), groups)
            }
            TargetRef::Lambda(_) => (ComponentKind::Lambda, None, Vec::new()),
            TargetRef::LoadBalancer(id) => {
                let lb = t.load_balancer(id.as_str());
                let v = lb.map(|l| l.vpc.as_str()).or(vpc).unwrap_or("");
                (
                    ComponentKind::LoadBalancer,
                    None,
                    lb.map(|l| ix.groups(v, &l.security_groups))
                        .unwrap_or_default(),
                )
            }
        };
    run.dst = address;
    run.port = port;
    let rr = targets.len();
    run.hop(ComponentKind::TargetGroup, tg, "R-TG-02", || {
        let how = if failed_open {
            format!("no target of `{tg}` is healthy, so it fails open and round robin runs over all {rr} targets")
        } else {
            format!("round robin over the {rr} eligible targets of `{tg}` picks `{name}`")
        };
        (how, Some(format!("target group {tg} target {name} port {port}")))
    });
    if !groups.is_empty() {
        let src = run
            .src
            .unwrap_or(IpAddr::V4(core::net::Ipv4Addr::new(169, 254, 171, 1)));
        let peer = Peer {
            ip: src,
            groups: &[],
        };
        let Some(rule) = check_groups(ix, &groups, Direction::Ingress, peer, port, region) else {
            let names: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
            let at = match names.as_slice() {
                [only] => *only,
                _ => name.as_str(),
            };
            let list = lattice_prefix_list_name(region);
            return Err(Blocked::new(
                at,
                ReasonCode::SecurityGroupIngressDenied,
                format!(
                    "no inbound rule of {} on target `{name}` allows tcp port {port} from VPC Lattice ({src}); the groups must admit the prefix list {list}",
                    names.join(", ")
                ),
            )
            .citing("R-SN-05"));
        };
        let first = groups
            .first()
            .map(|g| g.id.as_str().to_string())
            .unwrap_or_default();
        run.hop(ComponentKind::SecurityGroup, &first, "R-SN-05", || {
            (
                format!("inbound tcp {port} from VPC Lattice ({src}) allowed"),
                Some(rule),
            )
        });
    }
    let health = target.health;
    run.hop(kind, &name, "R-TG-01", || {
        (
            format!(
                "target `{name}` of `{tg}` receives the request on port {port} ({} registered)",
                health_word(health)
            ),
            Some(format!("target group {tg}")),
        )
    });
    Ok(Verdict::Delivered {
        target: name,
        kind,
        address,
        port,
        source: run.src,
    })
}

fn health_word(h: TargetHealth) -> &'static str {
    match h {
        TargetHealth::Healthy => "healthy",
        TargetHealth::Unhealthy => "unhealthy",
        TargetHealth::Initial => "initial",
        TargetHealth::Unavailable => "unavailable",
        TargetHealth::Draining => "draining",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(kind: &str, health: &[&str]) -> TargetGroup {
        let targets: Vec<String> = health
            .iter()
            .enumerate()
            .map(|(i, h)| format!(r#"{{"ip":"10.1.1.{i}","health":"{h}"}}"#))
            .collect();
        let json = format!(
            r#"{{"id":"tg","type":"{kind}","targets":[{}]}}"#,
            targets.join(",")
        );
        crate::model::codec::from_str(&json).unwrap()
    }

    #[test]
    fn health_and_fail_open() {
        let cases: &[(&str, &[&str], usize, bool)] = &[
            ("ip", &["healthy", "unhealthy", "initial"], 1, false),
            ("ip", &["healthy", "healthy"], 2, false),
            ("ip", &["unhealthy", "unhealthy"], 2, true),
            ("ip", &["initial", "unhealthy"], 2, true),
            ("ip", &[], 0, false),
            ("alb", &["unhealthy"], 1, false),
        ];
        for (kind, health, n, open) in cases {
            let g = group(kind, health);
            let (e, failed_open) = eligible(&g);
            assert_eq!((e.len(), failed_open), (*n, *open), "{kind} {health:?}");
        }
    }
}
