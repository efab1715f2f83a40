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

/// Where a 1,000-request batch of the lattice example's weighted flow ends, per target group,
/// target and outcome: `tests/golden/batch-lattice.json`, which the browser tests compare too.
pub const GOLDEN_BATCH: &str = include_str!("../golden/batch-lattice.json");

fn batch() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../static/examples/lattice-service.json");
    let topology = Topology::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let flow = &topology.document().flows[0];
    let d = vpcplay_core::sim::run(&topology, &Request::from(&flow.request), 1000, 0);
    vpcplay_core::model::codec::to_text(&d)
}

#[test]
fn batch_distribution_matches_the_golden_string() {
    let got = batch();
    if std::env::var_os("VPCPLAY_UPDATE_GOLDEN").is_some() {
        std::fs::write(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("golden/batch-lattice.json"),
            &got,
        )
        .unwrap();
    }
    assert_eq!(got, GOLDEN_BATCH, "\nactual:\n{got}\n");
}

/// The link fragment of the lattice example: `tests/golden/share-lattice.txt`, which the browser
/// tests compare too, so a link made in the browser opens in the command line and back.
pub const GOLDEN_SHARE: &str = include_str!("../golden/share-lattice.txt");

fn share_fragment() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../static/examples/lattice-service.json");
    let doc = vpcplay_core::model::load(&std::fs::read_to_string(path).unwrap()).unwrap();
    vpcplay_core::share::encode(&doc).unwrap()
}

/// A format 1 link to the lattice example, as vpcplay wrote them before format 2: old links keep
/// opening to the same document.
#[test]
fn a_format_1_link_still_opens() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../static/examples/lattice-service.json");
    let doc = vpcplay_core::model::load(&std::fs::read_to_string(path).unwrap()).unwrap();
    let old = include_str!("../golden/share-lattice-v1.txt");
    assert!(old.starts_with('1'));
    assert_eq!(vpcplay_core::share::decode(old).unwrap(), doc);
}

#[test]
fn share_fragment_matches_the_golden_string() {
    let got = share_fragment();
    if std::env::var_os("VPCPLAY_UPDATE_GOLDEN").is_some() {
        std::fs::write(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("golden/share-lattice.txt"),
            &got,
        )
        .unwrap();
    }
    assert_eq!(got, GOLDEN_SHARE, "\nactual:\n{got}\n");
}
