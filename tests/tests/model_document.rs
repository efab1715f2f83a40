//! The topology document as its users meet it: the gallery examples, round trips through JSON,
//! and hostile input that must be refused with a message, never a panic.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use vpcplay_core::model::synthetic::{SplitMix64, generate};
use vpcplay_core::model::{
    Document, LoadError, MAX_DOCUMENT_BYTES, Topology, load, load_slice, validate,
};

fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../static/examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("static/examples exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_validates_clean() {
    let files = examples();
    assert!(files.len() >= 7, "the gallery has {} examples", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let doc = load(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let found = validate(&doc);
        assert!(found.is_empty(), "{}: {found:#?}", file.display());
        assert!(!doc.flows.is_empty(), "{} has no flow", file.display());
        let again = load(&doc.to_json()).expect("own output loads");
        assert_eq!(again, doc, "{} does not round-trip", file.display());
    }
}

/// Each example teaches: it explains itself with links to the AWS pages it rests on, and at least
/// three saved flows, one of them blocked, show the idea working and failing, each flow saying
/// what it shows and naming the rules behind it.
#[test]
fn every_example_teaches_with_flows_that_work_and_fail() {
    use vpcplay_core::model::flow::Outcome;
    let files = examples();
    assert!(files.len() >= 9, "the gallery has {} examples", files.len());
    for file in files {
        let name = file.display();
        let doc = load(&std::fs::read_to_string(&file).expect("readable")).expect("loads");
        let description = doc.description.as_deref().unwrap_or("");
        assert!(
            description.contains("https://docs.aws.amazon.com/"),
            "{name}: the description links the AWS documentation"
        );
        assert!(doc.flows.len() >= 3, "{name}: at least three flows");
        for flow in &doc.flows {
            assert!(flow.expect.is_some(), "{name}: `{}` expects", flow.name);
            assert!(
                !flow.rules.is_empty(),
                "{name}: `{}` names its rules",
                flow.name
            );
            assert!(
                flow.description.as_deref().is_some_and(|d| !d.is_empty()),
                "{name}: `{}` says what it shows",
                flow.name
            );
        }
        assert!(
            doc.flows.iter().any(|f| f
                .expect
                .as_ref()
                .is_some_and(|e| e.verdict == Outcome::Blocked)),
            "{name}: a flow is blocked"
        );
    }
}

#[test]
fn generated_documents_round_trip_through_the_model() {
    for seed in 0..40 {
        let objects = 20 + usize::try_from(seed * 37 % 400).unwrap();
        let doc = generate(objects, seed);
        let json = doc.to_json();
        let read = load(&json).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert_eq!(read, doc, "seed {seed}: document changed through JSON");
        let topology = Topology::try_from(read).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert!(
            topology.warnings().is_empty(),
            "seed {seed}: {:?}",
            topology.warnings()
        );
        let back: Document = topology.into_document();
        assert_eq!(
            back.to_json(),
            json,
            "seed {seed}: model changed the document"
        );
        assert_eq!(load(&back.to_json_compact()).expect("compact loads"), doc);
    }
}

#[test]
fn generation_is_deterministic_and_sized() {
    let a = generate(1000, 42).to_json();
    assert_eq!(a, generate(1000, 42).to_json());
    assert_ne!(a, generate(1000, 43).to_json());
    let doc = generate(1000, 42);
    let objects = doc.vpcs.len() + doc.subnets.len() + doc.instances.len() + doc.services.len();
    assert!(objects > 200, "too few objects: {objects}");
    assert!(doc.vpcs.iter().all(|v| v.position.is_some()));
    assert!(!doc.flows.is_empty());
    assert!(!doc.resource_configurations.is_empty() && !doc.endpoint_services.is_empty());
}

#[test]
fn large_generated_topology_validates_quickly() {
    let doc = generate(5000, 1);
    let json = doc.to_json();
    let start = Instant::now();
    let read = load(&json).expect("loads");
    assert!(validate(&read).is_empty());
    // Generous even for an unoptimised test build; the release CLI takes about 0.1 s.
    assert!(start.elapsed() < Duration::from_secs(10));
}

fn refused(input: &[u8]) -> LoadError {
    let start = Instant::now();
    let err = load_slice(input).expect_err("hostile input must be refused");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    let text = err.to_string();
    for rust in ["struct ", "Document", "VersionProbe", "u64", "Option<"] {
        assert!(!text.contains(rust), "message names `{rust}`: {text}");
    }
    err
}

#[test]
fn hostile_documents_are_refused_with_a_message() {
    assert_eq!(refused(b""), LoadError::Empty);
    assert_eq!(refused(b" \n\t "), LoadError::Empty);
    assert!(matches!(refused(b"[]"), LoadError::Invalid { .. }));
    assert!(matches!(refused(b"42"), LoadError::Invalid { .. }));
    assert!(matches!(
        refused(b"{\"version\": 1"),
        LoadError::NotJson { .. }
    ));
    assert!(matches!(
        refused(b"\xff\xfe\x00garbage"),
        LoadError::NotJson { .. }
    ));

    let deep = "[".repeat(200_000);
    refused(deep.as_bytes());
    let balanced = format!("{deep}{}", "]".repeat(200_000));
    let deep_list = format!("{{\"version\": 1, \"flows\": {balanced}}}");
    refused(deep_list.as_bytes());
    // Policies are free-form JSON: there the nesting limit is what stops the reader.
    let deep_policy = format!(
        "{{\"version\": 1, \"service_networks\": [{{\"id\": \"sn\", \"auth_policy\": {balanced}}}]}}"
    );
    assert!(matches!(
        refused(deep_policy.as_bytes()),
        LoadError::TooDeep { .. }
    ));
    let deep_inside = format!("{{\"version\": 1, \"name\": {}", "{\"a\":".repeat(200_000));
    refused(deep_inside.as_bytes());

    let huge = format!(
        "{{\"version\": 1, \"name\": \"{}\"}}",
        "x".repeat(30 * 1024 * 1024)
    );
    assert!(matches!(
        refused(huge.as_bytes()),
        LoadError::TooLarge { .. }
    ));

    let mut rng = SplitMix64::new(7);
    for _ in 0..500 {
        let len = usize::try_from(rng.below(512)).unwrap();
        let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64().to_le_bytes()[0]).collect();
        let _ = load_slice(&bytes);
    }
}

#[test]
fn a_large_string_under_the_limit_loads() {
    let name = "n".repeat(MAX_DOCUMENT_BYTES / 2);
    let doc = load(&format!("{{\"version\": 1, \"name\": \"{name}\"}}")).expect("loads");
    assert_eq!(doc.name.map(|n| n.len()), Some(name.len()));
}

#[test]
fn versions_are_dispatched() {
    assert_eq!(load("{}").unwrap_err(), LoadError::MissingVersion);
    assert_eq!(
        load(r#"{"version": 2}"#).unwrap_err(),
        LoadError::FutureVersion { found: 2 }
    );
    let future = load(r#"{"version": 99, "holograms": []}"#)
        .unwrap_err()
        .to_string();
    assert!(future.contains("newer than this vpcplay reads"), "{future}");
    assert_eq!(
        load(r#"{"version": 0}"#).unwrap_err(),
        LoadError::UnknownVersion { found: 0 }
    );
    assert!(matches!(
        load(r#"{"version": "1"}"#).unwrap_err(),
        LoadError::BadVersion { .. }
    ));
    assert!(matches!(
        load(r#"{"version": 1.5}"#).unwrap_err(),
        LoadError::BadVersion { .. }
    ));
    let minimal = load(r#"{"version": 1}"#).expect("the smallest document");
    assert_eq!(minimal, Document::new());
}

#[test]
fn shape_errors_name_the_field_and_the_place() {
    let typo = load(r#"{"version": 1, "vpcs": [{"id": "vpc-a", "cidr": "10.0.0.0/16"}]}"#)
        .unwrap_err()
        .to_string();
    assert!(
        typo.contains("unknown field `cidr`") && typo.contains("line 1"),
        "{typo}"
    );
    let bad_cidr = load(r#"{"version": 1, "vpcs": [{"id": "vpc-a", "cidrs": ["10.0.0.7/16"]}]}"#)
        .unwrap_err()
        .to_string();
    assert!(
        bad_cidr.contains("did you mean `10.0.0.0/16`"),
        "{bad_cidr}"
    );
    let bad_port = load(r#"{"version": 1, "services": [{"id": "s", "listeners": [{"id": "l", "protocol": "http", "port": 70000, "default_action": {"fixed_response": {"status": 404}}}]}]}"#).unwrap_err().to_string();
    assert!(bad_port.contains("from 0 to 65535"), "{bad_port}");
    let bad_id = load(r#"{"version": 1, "vpcs": [{"id": "vpc a", "cidrs": []}]}"#)
        .unwrap_err()
        .to_string();
    assert!(bad_id.contains("`vpc a` is not a valid id"), "{bad_id}");
    let two_peers = load(r#"{"version": 1, "security_groups": [{"id": "sg", "vpc": "v", "ingress": [{"cidr": "10.0.0.0/8", "security_group": "sg"}]}]}"#).unwrap_err().to_string();
    assert!(two_peers.contains("exactly one of `cidr`"), "{two_peers}");
}
