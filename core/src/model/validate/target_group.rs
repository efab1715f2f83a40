//! VPC Lattice target groups and their targets.

use alloc::format;

use super::Ctx;
use crate::model::common::is_private_v4;
use crate::model::compute::InstanceKind;
use crate::model::diagnostic::Code;
use crate::model::kind::Kind;
use crate::model::lattice::{TargetGroup, TargetGroupProtocol, TargetRef, TargetType};
use crate::model::load_balancer::{LoadBalancerType, Scheme};

/// Targets per target group (R-SN-07).
const MAX_TARGETS: usize = 1000;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    for tg in &doc.target_groups {
        let id = tg.id.as_str();
        cx.account(Kind::TargetGroup, id, tg.account.as_ref());
        cx.region(Kind::TargetGroup, id, tg.region.as_ref());
        shape(cx, tg);
        if tg.targets.len() > MAX_TARGETS {
            cx.emit(
                Code::TooManyTargets,
                id,
                format!(
                    "target group `{id}` has {} targets: the quota is {MAX_TARGETS}",
                    tg.targets.len()
                ),
            );
        }
        if tg.kind == TargetType::Lambda && tg.targets.len() > 1 {
            cx.emit(
                Code::LambdaTargetCount,
                id,
                format!(
                    "Lambda target group `{id}` has {} targets: it holds one function; use one target group per function",
                    tg.targets.len()
                ),
            );
        }
        if tg.kind == TargetType::Alb && tg.targets.len() > 1 {
            cx.emit(
                Code::AlbTarget,
                id,
                format!("ALB target group `{id}` has {} targets: it holds a single internal Application Load Balancer", tg.targets.len()),
            );
        }
        for t in &tg.targets {
            target(cx, tg, &t.to, t.port);
        }
    }
    for lb in &doc.load_balancers {
        for t in &lb.targets {
            match &t.to {
                TargetRef::Instance(i) => {
                    cx.refer(
                        Kind::LoadBalancer,
                        lb.id.as_str(),
                        Kind::Instance,
                        i.as_str(),
                    );
                }
                TargetRef::Lambda(l) => {
                    cx.refer(Kind::LoadBalancer, lb.id.as_str(), Kind::Lambda, l.as_str());
                }
                TargetRef::LoadBalancer(l) => {
                    cx.refer(
                        Kind::LoadBalancer,
                        lb.id.as_str(),
                        Kind::LoadBalancer,
                        l.as_str(),
                    );
                }
                TargetRef::Ip(_) => {}
            }
        }
    }
}

fn shape(cx: &mut Ctx<'_>, tg: &TargetGroup) {
    let id = tg.id.as_str();
    if tg.kind == TargetType::Lambda {
        if tg.protocol == Some(TargetGroupProtocol::Tcp) {
            cx.emit(
                Code::TcpTargetGroupType,
                id,
                format!("target group `{id}` is of type `lambda` with protocol `tcp`: TCP target groups hold instances, IP addresses or an ALB"),
            );
        } else if tg.vpc.is_some() || tg.port.is_some() || tg.protocol.is_some() {
            cx.emit(
                Code::TargetGroupShape,
                id,
                format!("Lambda target group `{id}` takes no VPC, protocol or port"),
            );
        }
    } else if tg.vpc.is_none() || tg.port.is_none() || tg.protocol.is_none() {
        cx.emit(
            Code::TargetGroupShape,
            id,
            format!(
                "target group `{id}` of type `{}` needs a `vpc`, a `protocol` and a `port`",
                tg.kind.as_str()
            ),
        );
    }
    if let Some(v) = &tg.vpc {
        cx.refer(Kind::TargetGroup, id, Kind::Vpc, v.as_str());
    }
    if matches!(tg.kind, TargetType::Lambda | TargetType::Alb)
        && tg.health_check.as_ref().is_some_and(|h| h.enabled)
    {
        cx.emit(
            Code::HealthCheckUnsupported,
            id,
            format!(
                "target group `{id}` of type `{}` enables health checks: VPC Lattice does not health-check Lambda or ALB target groups",
                tg.kind.as_str()
            ),
        );
    }
}

fn target(cx: &mut Ctx<'_>, tg: &TargetGroup, to: &TargetRef, port: Option<u16>) {
    let id = tg.id.as_str();
    let tg_vpc = tg.vpc.as_ref().map(|v| v.as_str());
    match (tg.kind, to) {
        (_, TargetRef::LoadBalancer(lb_id)) => {
            if !cx.refer(Kind::TargetGroup, id, Kind::LoadBalancer, lb_id.as_str()) {
                return;
            }
            let Some(lb) = cx.load_balancer(lb_id.as_str()) else {
                return;
            };
            if lb.kind == LoadBalancerType::Nlb {
                cx.emit(
                    Code::NlbTarget,
                    id,
                    format!("target group `{id}` registers `{lb_id}`, a Network Load Balancer: VPC Lattice has no NLB target type (register its instances or addresses instead)"),
                );
                return;
            }
            if tg.kind != TargetType::Alb || lb.kind != LoadBalancerType::Alb {
                mismatch(cx, tg, lb.kind.noun(), lb_id.as_str());
                return;
            }
            if lb.scheme == Scheme::InternetFacing {
                cx.emit(Code::AlbTarget, id, format!("target group `{id}` registers `{lb_id}`, an internet-facing load balancer: ALB targets must be internal"));
            }
            if tg_vpc.is_some_and(|v| v != lb.vpc.as_str()) {
                cx.emit(Code::AlbTarget, id, format!("target group `{id}` registers `{lb_id}` from VPC `{}`: the ALB must be in the target group's VPC", lb.vpc));
            }
            if let Some(p) = port.or(tg.port)
                && !lb.listener_ports.is_empty()
                && !lb.listener_ports.contains(&p)
            {
                cx.emit(Code::AlbTarget, id, format!("target group `{id}` sends to port {p} of `{lb_id}`, which has no listener on that port"));
            }
        }
        (TargetType::Instance, TargetRef::Instance(i)) => {
            if !cx.refer(Kind::TargetGroup, id, Kind::Instance, i.as_str()) {
                return;
            }
            let Some(inst) = cx.instance(i.as_str()) else {
                return;
            };
            if inst.kind != InstanceKind::Instance {
                mismatch(cx, tg, inst.kind.noun(), i.as_str());
                return;
            }
            if let (Some(v), Some(s)) = (tg_vpc, cx.subnet(inst.subnet.as_str()))
                && s.vpc.as_str() != v
            {
                cx.emit(
                    Code::WrongVpc,
                    id,
                    format!(
                        "target group `{id}` is in VPC `{v}`, but its target `{i}` is in VPC `{}`",
                        s.vpc
                    ),
                );
            }
        }
        (TargetType::Ip, TargetRef::Ip(ip)) => {
            if let core::net::IpAddr::V4(v4) = ip
                && !is_private_v4(*v4)
            {
                cx.emit(Code::IpTargetPublic, id, format!("target group `{id}` registers `{ip}`, a public address: IP targets are private addresses of the VPC"));
                return;
            }
            let Some(v) = tg_vpc else {
                return;
            };
            let inside = cx.subnets_by_vpc.get(v).is_some_and(|subnets| {
                subnets
                    .iter()
                    .any(|s| s.cidrs().any(|c| c.net().contains(ip)))
            });
            if !inside {
                cx.emit(
                    Code::IpTargetOutsideVpc,
                    id,
                    format!(
                        "target group `{id}` registers `{ip}`, which is in no subnet of VPC `{v}`"
                    ),
                );
            }
        }
        (TargetType::Lambda, TargetRef::Lambda(l)) => {
            if !cx.refer(Kind::TargetGroup, id, Kind::Lambda, l.as_str()) {
                return;
            }
            let Some(f) = cx.lambda(l.as_str()) else {
                return;
            };
            let same_account = cx.account_or_default(f.account.as_ref())
                == cx.account_or_default(tg.account.as_ref());
            let same_region =
                cx.region_or_default(f.region.as_ref()) == cx.region_or_default(tg.region.as_ref());
            if !(same_account && same_region) {
                cx.emit(Code::LambdaPlacement, id, format!("Lambda function `{l}` must be in the same account and Region as its target group `{id}`"));
            }
        }
        (_, TargetRef::Instance(i)) => mismatch(cx, tg, "instance", i.as_str()),
        (_, TargetRef::Lambda(l)) => mismatch(cx, tg, "Lambda function", l.as_str()),
        (_, TargetRef::Ip(ip)) => {
            let text = alloc::string::ToString::to_string(ip);
            mismatch(cx, tg, "IP address", &text);
        }
    }
}

fn mismatch(cx: &mut Ctx<'_>, tg: &TargetGroup, what: &str, target: &str) {
    let id = tg.id.as_str();
    let hint = match tg.kind {
        TargetType::Instance => "EC2 instances",
        TargetType::Ip => "IP addresses (ECS tasks and EKS pods register this way)",
        TargetType::Lambda => "one Lambda function",
        TargetType::Alb => "one internal Application Load Balancer",
    };
    cx.emit(
        Code::TargetTypeMismatch,
        id,
        format!(
            "target group `{id}` of type `{}` registers `{target}`, a {what}: it holds {hint}",
            tg.kind.as_str()
        ),
    );
}
