//! Two measurements, each as a ratio to a floor run in the same process:
//!
//! 1. One VPC Lattice trace through a three-policy auth chain (identity policy, service network
//!    auth policy, service auth policy; scenario S25) against the floor of that trace's
//!    authorization work: the three policies evaluated alone, already parsed.
//! 2. A 1,000-request batch run (weighted forward 80/20 then round robin) against the floor of
//!    its choices: 1,000 weighted draws and round-robin picks with the same generator.
//!
//! Run: `cargo run --release --manifest-path benches/lattice/Cargo.toml`

use std::hint::black_box;
use std::time::{Duration, Instant};

use vpcplay_core::lattice::{Client, Identities, pick_weighted, round_robin, trace_service};
use vpcplay_core::model::Topology;
use vpcplay_core::model::flow::{Principal, RequestProtocol};
use vpcplay_core::policy::{Caller, Request as PolicyRequest, authorize, parse_policy};
use vpcplay_core::sim;
use vpcplay_core::trace::{Index, Request};

const DNS: &str = "svc-orders-0a1b2c3d.7d67968.vpc-lattice-svcs.us-east-1.on.aws";
const ROLE: &str = "arn:aws:iam::111111111111:role/rates-client";
const IDENTITY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"vpc-lattice-svcs:Invoke","Resource":"*"}]}"#;

/// The median time per iteration of `f` over several rounds.
fn time(iterations: u32, mut f: impl FnMut()) -> Duration {
    let mut rounds: Vec<Duration> = (0..9)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed() / iterations
        })
        .collect();
    rounds.sort();
    rounds[rounds.len() / 2]
}

fn load(name: &str) -> Topology {
    let path = format!(
        "{}/../../tests/scenarios/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    Topology::from_json(&std::fs::read_to_string(path).expect("scenario file"))
        .expect("valid scenario")
}

fn main() {
    // 1. One trace with a three-policy chain.
    let t = load("s25-explicit-deny-overrides-allow/topology.json");
    let ix = Index::build(&t);
    let vpc = t.vpc("vpc-client").expect("vpc");
    let subnet = t.subnet("sub-client-a").expect("subnet");
    let groups = vec![String::from("sg-client")];
    let client = Client {
        vpc,
        subnet,
        ip: "10.0.1.10".parse().expect("ip"),
        groups: &groups,
    };
    let service = t.service("svc-orders").expect("service");
    let mut ids = Identities::new();
    ids.insert(ROLE.into(), parse_policy(IDENTITY).expect("policy"));
    let mut r = Request::new("i-client", DNS, RequestProtocol::Http, None);
    r.principal = Principal::Arn(ROLE.into());
    r.signed = true;
    r.path = "/orders/1".into();
    let out = trace_service(&ix, &client, &r, service, &ids, true);
    assert_eq!(out.verdict.outcome(), "delivered");
    let trace = time(2_000, || {
        black_box(trace_service(
            &ix,
            &client,
            black_box(&r),
            service,
            &ids,
            true,
        ));
    });
    let doc = t.document();
    let policies = [
        parse_policy(IDENTITY).expect("identity"),
        parse_policy(
            &doc.service_networks[0]
                .auth_policy
                .as_ref()
                .expect("sn policy")
                .to_string(),
        )
        .expect("sn"),
        parse_policy(
            &doc.services[0]
                .auth_policy
                .as_ref()
                .expect("svc policy")
                .to_string(),
        )
        .expect("svc"),
    ];
    let pr = PolicyRequest::new(
        Caller::Principal(ROLE.into()),
        "vpc-lattice-svcs:Invoke",
        "arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-orders/orders/1",
    )
    .with("vpc-lattice-svcs:SourceVpc", ["vpc-client"])
    .with("vpc-lattice-svcs:RequestMethod", ["GET"]);
    let floor = time(20_000, || {
        for p in &policies {
            black_box(authorize(std::slice::from_ref(p), black_box(&pr)));
        }
    });
    println!(
        "lattice trace, 3-policy chain: {:>9.2?} per trace; floor (3 parsed policies evaluated): {:>9.2?}; ratio {:.1}x",
        trace,
        floor,
        trace.as_secs_f64() / floor.as_secs_f64()
    );

    // 2. A 1,000-request batch run.
    let mut doc = load("s09-weighted-forward-weight-zero/topology.json").into_document();
    if let vpcplay_core::model::lattice::Action::Forward(ws) =
        &mut doc.services[0].listeners[0].default_action
    {
        ws[0].weight = 80;
        ws[1].weight = 20;
    }
    let t = Topology::try_from(doc).expect("valid");
    let req = Request::new("i-client", DNS, RequestProtocol::Http, None);
    let d = sim::run(&t, &req, 1_000, 0);
    assert_eq!(d.runs, 1_000);
    let batch = time(20, || {
        black_box(sim::run(&t, black_box(&req), 1_000, 0));
    });
    let rng = time(2_000, || {
        let mut acc = 0usize;
        for seed in 0..1_000u64 {
            let g = pick_weighted(black_box(&[80, 20]), seed).unwrap_or(0);
            acc = acc.wrapping_add(g + round_robin(2, seed));
        }
        black_box(acc);
    });
    println!(
        "batch run, 1,000 requests:     {:>9.2?} per run;   floor (1,000 weighted draws + round robin): {:>9.2?}; ratio {:.0}x",
        batch,
        rng,
        batch.as_secs_f64() / rng.as_secs_f64()
    );
    println!("distribution: {:?}", d.target_groups);
}
