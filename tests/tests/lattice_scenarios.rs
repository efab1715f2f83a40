//! The public VPC Lattice scenarios S01–S39, translated into documents under `tests/scenarios/`:
//! every flow with an expectation must reach it, batch-run distributions included.

use std::path::Path;

use vpcplay_core::model::Topology;
use vpcplay_core::trace::{Index, check_flow};

fn lattice_documents() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let n: u32 = name.get(1..3).and_then(|n| n.parse().ok()).unwrap_or(99);
            p.is_dir() && n < 40
        })
        .map(|p| p.join("topology.json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_lattice_scenario_passes() {
    let files = lattice_documents();
    assert_eq!(files.len(), 20, "S01–S39 are twenty scenarios");
    let (mut passed, mut failed) = (0, Vec::new());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let topology =
            Topology::from_json(&text).unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        let ix = Index::build(&topology);
        for flow in &topology.document().flows {
            assert!(
                !flow.rules.is_empty(),
                "{}: `{}` cites no rule",
                file.display(),
                flow.name
            );
            match check_flow(&ix, flow) {
                Some(Ok(())) => passed += 1,
                Some(Err(e)) => failed.push(format!("{}: {}: {e}", file.display(), flow.name)),
                None => {}
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{passed} passed, {} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
