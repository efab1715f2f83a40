//! The expectation kinds of a saved flow beyond its verdict: the source address the target sees,
//! a route taken, and a DNS answer. `check_flow` is what `vpcplay check` and the flows panel
//! both run, so a mismatch reads the same in both: expected against actual, in plain words.

use std::path::Path;

use vpcplay_core::model::Topology;
use vpcplay_core::model::codec::from_str;
use vpcplay_core::model::flow::{Expect, Flow};
use vpcplay_core::trace::{Index, check_flow};

fn example(name: &str) -> Topology {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../static/examples")
        .join(name);
    Topology::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Checks the flow `flow` of `doc` against the expectation written as JSON.
fn check(doc: &Topology, flow: &str, expect: &str) -> Result<(), String> {
    let mut f: Flow = doc
        .document()
        .flows
        .iter()
        .find(|f| f.name == flow)
        .cloned()
        .unwrap();
    f.expect = Some(from_str::<Expect>(expect).unwrap());
    check_flow(&Index::build(doc), &f).unwrap()
}

const SQS: &str = "app sends to SQS through the interface endpoint";
const S3: &str = "app reads S3 through the gateway endpoint";

#[test]
fn source_route_and_dns_expectations_pass_when_the_trace_meets_them() {
    let doc = example("endpoints-side-by-side.json");
    check(
        &doc,
        SQS,
        r#"{"verdict": "delivered", "target": "com.amazonaws.us-east-1.sqs",
            "source_seen": "10.0.1.10",
            "route": {"table": "rtb-app", "destination": "10.0.0.0/16", "target": "local"},
            "dns": {"name": "SQS.us-east-1.amazonaws.com.", "answer": ["10.0.2.196", "10.0.1.142"]}}"#,
    )
    .unwrap();
    // A gateway endpoint's route is named by its prefix list or by its block.
    for destination in ["com.amazonaws.us-east-1.s3", "52.216.0.0/15"] {
        let expect = format!(
            r#"{{"verdict": "delivered", "route": {{"table": "rtb-app", "destination": "{destination}", "target": "vpce-s3-gateway"}}, "dns": {{}}}}"#
        );
        check(&doc, S3, &expect).unwrap();
    }
    // Only the fields given are compared.
    check(
        &doc,
        S3,
        r#"{"verdict": "delivered", "route": {"target": "vpce-s3-gateway"}}"#,
    )
    .unwrap();
}

#[test]
fn each_mismatch_says_what_was_expected_and_what_happened() {
    let doc = example("endpoints-side-by-side.json");
    let err = check(
        &doc,
        SQS,
        r#"{"verdict": "delivered", "source_seen": "10.0.1.99",
            "route": {"table": "rtb-app", "destination": "0.0.0.0/0", "target": "nat-1"},
            "dns": {"answer": ["10.0.1.142"]}}"#,
    )
    .unwrap_err();
    assert!(
        err.contains("expected `com.amazonaws.us-east-1.sqs` to see the request come from 10.0.1.99, but it came from 10.0.1.10"),
        "{err}"
    );
    assert!(
        err.contains("expected the route 0.0.0.0/0 -> `nat-1` in `rtb-app`, but the request took 10.0.0.0/16 -> `local` in `rtb-app`"),
        "{err}"
    );
    assert!(
        err.contains("expected `sqs.us-east-1.amazonaws.com` to resolve to 10.0.1.142, but it resolved to 10.0.1.142, 10.0.2.196"),
        "{err}"
    );
    let err = check(
        &doc,
        SQS,
        r#"{"verdict": "delivered", "dns": {"name": "queue.example.com"}}"#,
    )
    .unwrap_err();
    assert!(
        err.contains("expected a DNS answer for `queue.example.com`, but the request only looked up `sqs.us-east-1.amazonaws.com`"),
        "{err}"
    );
}

#[test]
fn a_lattice_target_sees_the_lattice_source_and_a_blocked_request_reached_no_target() {
    let doc = example("lattice-service.json");
    check(
        &doc,
        "beta header goes to v2",
        r#"{"verdict": "delivered", "target": "i-v2", "source_seen": "169.254.171.1",
            "dns": {"answer": ["169.254.171.251"]}}"#,
    )
    .unwrap();
    let err = check(
        &doc,
        "beta header goes to v2",
        r#"{"verdict": "delivered", "route": {}}"#,
    )
    .unwrap_err();
    assert_eq!(
        err,
        "expected the route, but the request passed no route table"
    );
    let err = check(
        &doc,
        "plain HTTP finds no listener",
        r#"{"verdict": "blocked", "source_seen": "10.0.1.10"}"#,
    )
    .unwrap_err();
    assert_eq!(
        err,
        "expected the target to see the request come from 10.0.1.10, but it reached no target"
    );
}

#[test]
fn a_batch_expectation_checks_the_first_run_too() {
    let doc = example("lattice-service.json");
    check(
        &doc,
        "cart traffic splits 80/20",
        r#"{"verdict": "delivered", "runs": 200, "distribution": {"tg-v1": 80, "tg-v2": 20},
            "tolerance": 10, "dns": {"answer": ["169.254.171.251"]}}"#,
    )
    .unwrap();
    let err = check(
        &doc,
        "cart traffic splits 80/20",
        r#"{"verdict": "delivered", "runs": 200, "distribution": {"tg-v1": 80, "tg-v2": 20},
            "tolerance": 10, "dns": {"answer": ["169.254.171.1"]}}"#,
    )
    .unwrap_err();
    assert!(
        err.contains("to resolve to 169.254.171.1, but it resolved to 169.254.171.251"),
        "{err}"
    );
}
