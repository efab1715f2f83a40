//! Topologies as links: every document comes back from its link exactly, positions and flows
//! included, and a damaged or hostile link is refused with a reason, never a panic.

use std::path::{Path, PathBuf};

use vpcplay_core::model::synthetic::{SplitMix64, generate};
use vpcplay_core::model::{Document, load};
use vpcplay_core::share::{
    MAX_FRAGMENT_CHARS, MAX_TOPOLOGY_BYTES, ShareDecodeError, decode, encode,
};

/// The one helper: `doc` goes through a link and comes back equal.
fn round_trip(doc: &Document, what: &str) -> String {
    let fragment = encode(doc).unwrap_or_else(|e| panic!("{what}: {e}"));
    let back = decode(&fragment).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(&back, doc, "{what} does not come back from its link");
    fragment
}

fn json_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable directory")
        .map(|e| e.expect("readable entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            json_files(&path, found);
        } else if path.extension().is_some_and(|x| x == "json") {
            found.push(path);
        }
    }
}

#[test]
fn generated_documents_come_back_from_their_links() {
    for objects in [0, 1, 5, 20, 60, 150, 400] {
        for seed in 0..12 {
            let doc = generate(objects, seed);
            round_trip(&doc, &format!("generate({objects}, {seed})"));
        }
    }
    // One large document, near the size a person still looks at.
    round_trip(&generate(2_000, 7), "generate(2000, 7)");
}

#[test]
fn every_example_and_scenario_comes_back_from_its_link() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    json_files(&root.join("static/examples"), &mut files);
    json_files(&root.join("tests/scenarios"), &mut files);
    assert!(files.len() >= 30, "found {} documents", files.len());
    let mut opened = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        // Scenario folders may hold request or policy files next to their topology.
        let Ok(doc) = load(&text) else {
            continue;
        };
        round_trip(&doc, &file.display().to_string());
        opened += 1;
    }
    assert!(opened >= 30, "{opened} documents opened");
}

/// Every mutation of a good link either opens (to some document) or is refused with a message;
/// none panics.
#[test]
fn damaged_links_are_refused_with_a_reason() {
    let fragments: Vec<String> = [generate(3, 1), generate(40, 2), generate(200, 42)]
        .iter()
        .map(|d| encode(d).expect("encodes"))
        .collect();
    const CHARS: &[u8] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_#%=+/ 1\n";
    let mut rng = SplitMix64::new(2024);
    let mut pick = |bound: usize| usize::try_from(rng.below(bound.max(1) as u64)).unwrap();
    let mut tried = 0;
    let mut refused = 0;
    for round in 0..600 {
        let good = &fragments[round % fragments.len()];
        let mut bytes = good.clone().into_bytes();
        match round % 6 {
            0 => {
                let at = pick(bytes.len());
                bytes[at] = CHARS[pick(CHARS.len())];
            }
            1 => {
                let at = pick(bytes.len() + 1);
                bytes.insert(at, CHARS[pick(CHARS.len())]);
            }
            2 => {
                let at = pick(bytes.len());
                bytes.remove(at);
            }
            3 => bytes.truncate(pick(bytes.len())),
            4 => {
                let len = pick(300);
                bytes = (0..len).map(|_| CHARS[pick(CHARS.len())]).collect();
            }
            _ => {
                // Flip a few payload bits consistently: the base64 stays valid, the deflate does not.
                for _ in 0..1 + pick(3) {
                    let at = 1 + pick(bytes.len() - 1);
                    let c = CHARS[pick(64)];
                    bytes[at] = c;
                }
            }
        }
        let text = String::from_utf8(bytes).expect("ASCII");
        tried += 1;
        match decode(&text) {
            Ok(_) => {}
            Err(e) => {
                refused += 1;
                let message = e.to_string();
                assert!(
                    message.starts_with("the link")
                        || message.starts_with("the topology in the link"),
                    "{message}"
                );
                assert!(!message.contains("Error"), "{message}");
            }
        }
    }
    assert_eq!(tried, 600);
    assert!(
        refused > 500,
        "only {refused} of {tried} damaged links refused"
    );
}

#[test]
fn hostile_links_are_refused_before_they_cost_memory() {
    // A fragment just over the length limit, and a far longer one.
    for len in [MAX_FRAGMENT_CHARS + 1, 16 * MAX_FRAGMENT_CHARS] {
        let text = format!("1{}", "A".repeat(len - 1));
        assert_eq!(decode(&text), Err(ShareDecodeError::TooLong { chars: len }));
    }
    // A deflate bomb: 64 MB of spaces in a few kilobytes, inside the length limit.
    let packed = deflate_raw(&vec![b' '; 64 << 20]);
    let fragment = format!("1{}", base64url(&packed));
    assert!(fragment.len() < MAX_FRAGMENT_CHARS, "{}", fragment.len());
    let e = decode(&fragment).unwrap_err();
    assert_eq!(e, ShareDecodeError::TooLarge);
    assert!(
        e.to_string()
            .contains(&format!("more than {MAX_TOPOLOGY_BYTES} bytes")),
        "{e}"
    );
    // Random strings of every length up to a few hundred characters.
    let mut rng = SplitMix64::new(7);
    for len in 0..400 {
        let text: String = (0..len)
            .map(|_| char::from_u32(u32::try_from(rng.below(0x2FF)).unwrap()).unwrap_or('?'))
            .collect();
        let _ = decode(&text);
        let _ = decode(&format!("1{text}"));
        let _ = decode(&format!("2{text}"));
    }
}

/// A document whose name is `bytes`, raw-deflated: what a hostile link would carry.
fn deflate_raw(bytes: &[u8]) -> Vec<u8> {
    // A document-shaped prefix keeps the bomb honest: it would load if it were let to inflate.
    let mut doc = b"{\"version\":1,\"name\":\"".to_vec();
    doc.extend_from_slice(bytes);
    doc.extend_from_slice(b"\"}");
    miniz_oxide::deflate::compress_to_vec(&doc, 10)
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let group = (b(0) << 16) | (b(1) << 8) | b(2);
        for k in 0..=chunk.len() {
            out.push(char::from(
                ALPHABET[((group >> (18 - 6 * k)) & 0x3f) as usize],
            ));
        }
    }
    out
}
