//! Determinism: a trace serialised to JSON is byte-for-byte the golden file
//! `tests/golden/s41-trace.json`. The browser tests (web/tests/browser.rs) compare the same trace
//! with the same file in headless Chromium, so native and wasm agree.

use std::path::PathBuf;

use vpcplay_core::model::Topology;
use vpcplay_core::trace::{Request, trace};

/// The trace of the first flow of scenario S41 (TCP 5432 through a resource endpoint).
pub const GOLDEN_S41: &str = include_str!("../golden/s41-trace.json");

fn s41() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/s41-resource-configuration-port-range/topology.json");
    let topology = Topology::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let flow = &topology.document().flows[0];
    trace(&topology, &Request::from(&flow.request)).to_json()
}

#[test]
fn trace_json_matches_the_golden_string() {
    let got = s41();
    assert_eq!(got, GOLDEN_S41, "\nactual:\n{got}\n");
    assert_eq!(s41(), got, "the same input gives the same trace");
}
