//! How long a topology's link is, beside the two encodings people meet in other playgrounds,
//! applied to the same document in the same run:
//!
//! - **Mermaid Live**: `pako:` + base64url of `pako.deflate(JSON, level 9)` (zlib-wrapped deflate).
//! - **TypeScript playground**: `code/` + lz-string's `compressToEncodedURIComponent`.
//!
//! Both run in node from the npm packages those sites use (`baselines.mjs`), on the compact and
//! on the pretty JSON of each document. Ours is vpcplay's fragment (`core::share`), version
//! character included. Documents: `vpcplay gen --objects 200 --seed 42` and every example of
//! `static/examples`. The goal is a 200-object document in at most 2,000 characters.
//!
//!   benches/share/run.sh          (installs the npm packages, then runs this)

use std::path::{Path, PathBuf};
use std::process::Command;

use vpcplay_core::model::{Document, load, synthetic};
use vpcplay_core::share::{decode, encode};

const GOAL: usize = 2_000;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut docs: Vec<(String, Document)> = vec![(
        "gen --objects 200 --seed 42".into(),
        synthetic::generate(200, 42),
    )];
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root.join("static/examples"))
        .expect("static/examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    examples.sort();
    for path in examples {
        let text = std::fs::read_to_string(&path).expect("readable example");
        let doc = load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path
            .file_stem()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        docs.push((name, doc));
    }

    let dir = std::env::temp_dir().join(format!("vpcplay-share-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let mut files = Vec::new();
    for (i, (_, doc)) in docs.iter().enumerate() {
        for (form, text) in [
            ("compact", doc.to_json_compact()),
            ("pretty", doc.to_json()),
        ] {
            let file = dir.join(format!("{i}-{form}.json"));
            std::fs::write(&file, text).expect("write");
            files.push(file);
        }
    }
    let output = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("baselines.mjs"))
        .args(&files)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "baselines.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    let lengths: Vec<(usize, usize)> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let mut cols = line
                .split('\t')
                .skip(1)
                .map(|c| c.parse::<usize>().expect("a length"));
            (
                cols.next().expect("mermaid"),
                cols.next().expect("lz-string"),
            )
        })
        .collect();
    assert_eq!(lengths.len(), files.len(), "one line per file");

    println!(
        "| document | objects | compact JSON bytes | ours | Mermaid Live, compact / pretty | lz-string, compact / pretty | ours ÷ best baseline |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (i, (name, doc)) in docs.iter().enumerate() {
        let fragment = encode(doc).expect("encodes");
        assert_eq!(&decode(&fragment).expect("decodes"), doc, "{name}");
        let (mermaid_compact, lz_compact) = lengths[2 * i];
        let (mermaid_pretty, lz_pretty) = lengths[2 * i + 1];
        let best = mermaid_compact
            .min(mermaid_pretty)
            .min(lz_compact)
            .min(lz_pretty);
        println!(
            "| {name} | {} | {} | {} | {mermaid_compact} / {mermaid_pretty} | {lz_compact} / {lz_pretty} | {:.2} |",
            doc.object_count(),
            doc.to_json_compact().len(),
            fragment.len(),
            fragment.len() as f64 / best as f64,
        );
    }
    let ours_200 = encode(&docs[0].1).expect("encodes").len();
    println!(
        "\n200-object document: {ours_200} characters, goal {GOAL}: {}",
        if ours_200 <= GOAL { "met" } else { "not met" }
    );
}
