//! Synthetic topologies for benchmarks and tests: `vpcplay gen --objects N --seed S`.
//!
//! The generator lays out "cells": a VPC with two subnets in two zones, a route table, a
//! security group, a few instances, a target group and a Lattice service with a listener and
//! rules. Around the cells it adds the rest of the mix at realistic rates: internet gateways,
//! gateway and interface endpoints, service networks and their associations, peerings between
//! neighbouring cells, endpoint services behind NLBs, Lambda targets, and RDS databases shared
//! through resource gateways. Every cell gets canvas positions and a flow. The same seed gives
//! the same document on every platform, and every document validates clean.

mod rng;

pub use rng::SplitMix64;

use alloc::format;
use alloc::vec::Vec;

use crate::json::Value;

use super::document::{CURRENT_VERSION, Document};

const REGION: &str = "us-east-1";
const ZONES: [&str; 3] = ["use1-az1", "use1-az2", "use1-az4"];
const ACCOUNTS: [&str; 3] = ["111111111111", "222222222222", "333333333333"];

/// Cells per service network.
const CELLS_PER_NETWORK: usize = 8;

/// A valid topology of about `objects` objects (at least one cell), the same for the same seed.
pub fn generate(objects: usize, seed: u64) -> Document {
    let mut g = Gen::new(seed);
    let mut cell = 0;
    while cell == 0 || g.count < objects {
        g.cell(cell);
        cell += 1;
    }
    g.finish()
}

#[derive(Default)]
struct Lists {
    vpcs: Vec<Value>,
    subnets: Vec<Value>,
    route_tables: Vec<Value>,
    internet_gateways: Vec<Value>,
    peerings: Vec<Value>,
    security_groups: Vec<Value>,
    instances: Vec<Value>,
    lambdas: Vec<Value>,
    databases: Vec<Value>,
    load_balancers: Vec<Value>,
    gateway_endpoints: Vec<Value>,
    interface_endpoints: Vec<Value>,
    endpoint_services: Vec<Value>,
    service_networks: Vec<Value>,
    vpc_associations: Vec<Value>,
    service_associations: Vec<Value>,
    resource_associations: Vec<Value>,
    services: Vec<Value>,
    target_groups: Vec<Value>,
    resource_gateways: Vec<Value>,
    resource_configurations: Vec<Value>,
    resource_endpoints: Vec<Value>,
    flows: Vec<Value>,
}

struct Gen {
    rng: SplitMix64,
    count: usize,
    l: Lists,
}

/// The IPv4 /20 block of cell `k`: 4,096 blocks in 10.0.0.0/8, then 256 in 172.16.0.0/12, then
/// around again. Neighbouring cells never share a block.
fn cell_base(k: usize) -> [u8; 3] {
    let k = k % (4096 + 256);
    if k < 4096 {
        let hi = u8::try_from(k >> 4).unwrap_or(0);
        let lo = u8::try_from((k & 15) << 4).unwrap_or(0);
        [10, hi, lo]
    } else {
        let j = k - 4096;
        let hi = u8::try_from(16 + (j >> 4)).unwrap_or(16);
        let lo = u8::try_from((j & 15) << 4).unwrap_or(0);
        [172, hi, lo]
    }
}

impl Gen {
    fn new(seed: u64) -> Self {
        Self {
            rng: SplitMix64::new(seed),
            count: 0,
            l: Lists::default(),
        }
    }

    fn push(list: &mut Vec<Value>, count: &mut usize, v: Value) {
        *count += 1;
        list.push(v);
    }

    #[expect(clippy::too_many_lines, reason = "one cell reads best as one recipe")]
    fn cell(&mut self, k: usize) {
        let c = &mut self.count;
        let l = &mut self.l;
        let rng = &mut self.rng;
        let account = ACCOUNTS
            .get(k % ACCOUNTS.len())
            .copied()
            .unwrap_or("111111111111");
        let [a, b, base] = cell_base(k);
        let vpc = format!("vpc-{k}");
        let (x, y) = (
            f64::from(u32::try_from(k % 10).unwrap_or(0)) * 640.0,
            f64::from(u32::try_from(k / 10).unwrap_or(0)) * 420.0,
        );
        let pos = |dx: f64, dy: f64| crate::json!({"x": x + dx, "y": y + dy});
        let zone_shift = usize::try_from(rng.below(2)).unwrap_or(0);
        let zone = |i: usize| {
            ZONES
                .get((i + zone_shift) % 2)
                .copied()
                .unwrap_or("use1-az1")
        };

        Self::push(
            &mut l.vpcs,
            c,
            crate::json!({
                "id": vpc, "name": format!("cell {k}"), "account": account,
                "cidrs": [format!("{a}.{b}.{base}.0/20")], "position": pos(0.0, 0.0)
            }),
        );
        let subnets = [format!("sub-{k}-a"), format!("sub-{k}-b")];
        for (i, s) in subnets.iter().enumerate() {
            let third = u32::from(base) + u32::try_from(i).unwrap_or(0);
            Self::push(
                &mut l.subnets,
                c,
                crate::json!({
                    "id": s, "vpc": vpc, "zone": zone(i), "cidr": format!("{a}.{b}.{third}.0/24"),
                    "position": pos(20.0 + 300.0 * f64::from(u32::try_from(i).unwrap_or(0)), 40.0)
                }),
            );
        }
        let rt = format!("rtb-{k}");
        let mut routes = Vec::new();
        if rng.percent(35) {
            let igw = format!("igw-{k}");
            Self::push(
                &mut l.internet_gateways,
                c,
                crate::json!({"id": igw, "vpc": vpc, "position": pos(600.0, 0.0)}),
            );
            routes.push(
                crate::json!({"destination": "0.0.0.0/0", "target": {"internet_gateway": igw}}),
            );
        }
        if k > 0 && k.is_multiple_of(5) {
            let pcx = format!("pcx-{k}");
            let [pa, pb, pbase] = cell_base(k - 1);
            Self::push(
                &mut l.peerings,
                c,
                crate::json!({"id": pcx, "requester": vpc, "accepter": format!("vpc-{}", k - 1)}),
            );
            routes.push(crate::json!({"destination": format!("{pa}.{pb}.{pbase}.0/20"), "target": {"peering": pcx}}));
        }
        Self::push(
            &mut l.route_tables,
            c,
            crate::json!({"id": rt, "vpc": vpc, "main": true, "routes": routes, "position": pos(20.0, 330.0)}),
        );
        let sg = format!("sg-{k}");
        Self::push(
            &mut l.security_groups,
            c,
            crate::json!({
                "id": sg, "vpc": vpc,
                "ingress": [
                    {"protocol": "tcp", "ports": 8080, "prefix_list": format!("com.amazonaws.{REGION}.vpc-lattice")},
                    {"protocol": "tcp", "ports": "443", "cidr": "10.0.0.0/8"},
                    {"protocol": "all", "security_group": sg}
                ],
                "position": pos(200.0, 330.0)
            }),
        );
        let hosts = 2 + usize::try_from(rng.below(3)).unwrap_or(0);
        let mut instances = Vec::new();
        for j in 0..hosts {
            let id = format!("i-{k}-{j}");
            let third = u32::from(base) + u32::try_from(j % 2).unwrap_or(0);
            Self::push(
                &mut l.instances,
                c,
                crate::json!({
                    "id": id, "subnet": subnets.get(j % 2), "ip": format!("{a}.{b}.{third}.{}", 10 + j),
                    "security_groups": [sg], "position": pos(40.0 + 300.0 * f64::from(u32::try_from(j % 2).unwrap_or(0)), 90.0 + 50.0 * f64::from(u32::try_from(j / 2).unwrap_or(0)))
                }),
            );
            instances.push(id);
        }
        if rng.percent(50) {
            Self::push(
                &mut l.gateway_endpoints,
                c,
                crate::json!({
                    "id": format!("vpce-s3-{k}"), "vpc": vpc, "service": format!("com.amazonaws.{REGION}.s3"),
                    "route_tables": [rt], "position": pos(400.0, 330.0)
                }),
            );
        }
        if k % 4 == 1 {
            Self::push(
                &mut l.interface_endpoints,
                c,
                crate::json!({
                    "id": format!("vpce-sqs-{k}"), "vpc": vpc, "service": {"aws": format!("com.amazonaws.{REGION}.sqs")},
                    "subnets": subnets, "security_groups": [sg], "position": pos(500.0, 200.0)
                }),
            );
        }

        // Lattice: a target group, a service, and the cell's service network.
        let sn = format!("sn-{}", k / CELLS_PER_NETWORK);
        if k.is_multiple_of(CELLS_PER_NETWORK) {
            let auth = if rng.percent(50) { "aws_iam" } else { "none" };
            let mut net = crate::json!({"id": sn, "account": account, "auth_type": auth, "position": pos(600.0, 380.0)});
            if auth == "aws_iam" {
                net.insert("auth_policy", crate::json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"}]}));
            }
            Self::push(&mut l.service_networks, c, net);
        }
        Self::push(
            &mut l.vpc_associations,
            c,
            crate::json!({"id": format!("snva-{k}"), "service_network": sn, "vpc": vpc, "security_groups": [sg]}),
        );
        let tg = format!("tg-{k}");
        let targets: Vec<Value> = instances
            .iter()
            .map(|i| {
                let health = if rng.percent(10) {
                    "unhealthy"
                } else {
                    "healthy"
                };
                crate::json!({"instance": i, "health": health})
            })
            .collect();
        Self::push(
            &mut l.target_groups,
            c,
            crate::json!({
                "id": tg, "account": account, "type": "instance", "protocol": "http", "port": 8080, "vpc": vpc,
                "targets": targets, "position": pos(300.0, 260.0)
            }),
        );
        let svc = format!("svc-{k}");
        let mut rules = vec_rule(
            k,
            0,
            10,
            crate::json!({"path": {"prefix": "/api"}}),
            crate::json!({"forward": [{"target_group": tg}]}),
        );
        let mut count_rules = 1;
        if rng.percent(40) {
            rules.push(rule(
                k,
                1,
                20,
                crate::json!({"method": "DELETE"}),
                crate::json!({"fixed_response": {"status": 404}}),
            ));
            count_rules += 1;
        }
        if k % 7 == 3 {
            let fun = format!("fn-{k}");
            let ltg = format!("tg-fn-{k}");
            Self::push(
                &mut l.lambdas,
                c,
                crate::json!({"id": fun, "account": account, "position": pos(500.0, 260.0)}),
            );
            Self::push(
                &mut l.target_groups,
                c,
                crate::json!({"id": ltg, "account": account, "type": "lambda", "targets": [{"lambda": fun}], "position": pos(400.0, 260.0)}),
            );
            rules.push(rule(k, 2, 30, crate::json!({"path": {"prefix": "/fn"}, "headers": [{"name": "x-mode", "exact": "serverless"}]}), crate::json!({"forward": [{"target_group": ltg, "weight": 100}]})));
            count_rules += 1;
        }
        *c += 1 + count_rules; // the listener and its rules
        Self::push(
            &mut l.services,
            c,
            crate::json!({
                "id": svc, "account": account, "position": pos(300.0, 200.0),
                "listeners": [{"id": format!("lst-{k}"), "protocol": "http", "port": 80, "default_action": {"forward": [{"target_group": tg}]}, "rules": rules}]
            }),
        );
        Self::push(
            &mut l.service_associations,
            c,
            crate::json!({"id": format!("snsa-{k}"), "service_network": sn, "service": svc}),
        );

        // PrivateLink: every tenth cell offers an endpoint service, consumed by the cell before.
        if k % 10 == 9 {
            let nlb = format!("nlb-{k}");
            let eps = format!("vpce-svc-{k}");
            let consumer = format!("vpce-{k}-consumer");
            let prev = k - 1;
            Self::push(
                &mut l.load_balancers,
                c,
                crate::json!({
                    "id": nlb, "type": "nlb", "vpc": vpc, "subnets": subnets, "listener_ports": [443],
                    "targets": instances.iter().map(|i| crate::json!({"instance": i, "port": 443})).collect::<Vec<_>>(),
                    "position": pos(500.0, 120.0)
                }),
            );
            Self::push(
                &mut l.endpoint_services,
                c,
                crate::json!({
                    "id": eps, "account": account, "load_balancers": [nlb],
                    "allowed_principals": [format!("arn:aws:iam::{}:root", ACCOUNTS.get(prev % ACCOUNTS.len()).copied().unwrap_or("111111111111"))],
                    "connections": [{"endpoint": consumer, "state": "available"}], "position": pos(600.0, 120.0)
                }),
            );
            Self::push(
                &mut l.interface_endpoints,
                c,
                crate::json!({
                    "id": consumer, "vpc": format!("vpc-{prev}"), "service": {"endpoint_service": eps},
                    "subnets": [format!("sub-{prev}-a"), format!("sub-{prev}-b")], "private_dns": false,
                    "position": pos(-100.0, 200.0)
                }),
            );
        }

        // Resources: every sixth cell shares a database through a resource gateway.
        if k % 6 == 5 {
            let db = format!("db-{k}");
            let rgw = format!("rgw-{k}");
            let rc = format!("rcfg-{k}");
            Self::push(
                &mut l.databases,
                c,
                crate::json!({
                    "id": db, "engine": "postgres", "subnet": subnets.first(), "ip": format!("{a}.{b}.{base}.200"),
                    "security_groups": [sg], "position": pos(100.0, 200.0)
                }),
            );
            Self::push(
                &mut l.resource_gateways,
                c,
                crate::json!({"id": rgw, "vpc": vpc, "subnets": subnets, "security_groups": [sg], "position": pos(200.0, 200.0)}),
            );
            Self::push(
                &mut l.resource_configurations,
                c,
                crate::json!({
                    "id": rc, "account": account, "type": "arn", "gateway": rgw, "port_ranges": [5432],
                    "definition": {"database": db}, "position": pos(200.0, 150.0)
                }),
            );
            Self::push(
                &mut l.resource_endpoints,
                c,
                crate::json!({
                    "id": format!("vpce-rc-{k}"), "vpc": format!("vpc-{}", k - 1), "resource_configuration": rc,
                    "subnets": [format!("sub-{}-a", k - 1)], "position": pos(-100.0, 260.0)
                }),
            );
            Self::push(
                &mut l.resource_associations,
                c,
                crate::json!({"id": format!("snra-{k}"), "service_network": sn, "resource_configuration": rc}),
            );
        }

        let from = instances.first().cloned().unwrap_or_default();
        let path = if rng.percent(50) { "/api/orders" } else { "/" };
        l.flows.push(crate::json!({
            "name": format!("cell {k}: client to service"),
            "request": {"from": from, "to": svc, "path": path, "seed": rng.below(1000)}
        }));
    }

    fn finish(self) -> Document {
        let l = self.l;
        let doc = crate::json!({
            "version": CURRENT_VERSION,
            "name": "synthetic topology",
            "accounts": ACCOUNTS.iter().map(|a| crate::json!({"id": a})).collect::<Vec<_>>(),
            "regions": [{"id": REGION, "zones": ZONES}],
            "vpcs": l.vpcs, "subnets": l.subnets, "route_tables": l.route_tables,
            "internet_gateways": l.internet_gateways, "peerings": l.peerings,
            "security_groups": l.security_groups, "instances": l.instances, "lambdas": l.lambdas,
            "databases": l.databases, "load_balancers": l.load_balancers,
            "gateway_endpoints": l.gateway_endpoints, "interface_endpoints": l.interface_endpoints,
            "endpoint_services": l.endpoint_services, "service_networks": l.service_networks,
            "vpc_associations": l.vpc_associations, "service_associations": l.service_associations,
            "resource_associations": l.resource_associations, "services": l.services,
            "target_groups": l.target_groups, "resource_gateways": l.resource_gateways,
            "resource_configurations": l.resource_configurations,
            "resource_endpoints": l.resource_endpoints, "flows": l.flows,
        });
        // INVARIANT: the value above has the document's shape; the tests read thousands of
        // generated documents back and validate them.
        crate::model::codec::from_value(doc).unwrap_or_else(|_| Document::new())
    }
}

fn rule(k: usize, n: usize, priority: u32, matches: Value, action: Value) -> Value {
    crate::json!({"id": format!("rule-{k}-{n}"), "priority": priority, "match": matches, "action": action})
}

fn vec_rule(k: usize, n: usize, priority: u32, matches: Value, action: Value) -> Vec<Value> {
    alloc::vec![rule(k, n, priority, matches, action)]
}
