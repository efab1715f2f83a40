//! The document format reference stays true: its complete example is the built-in example it
//! names, byte for byte, it documents every expectation field a flow accepts, and every field
//! the model's readers accept appears in it.

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)).unwrap()
}

#[test]
fn the_complete_example_is_the_current_lattice_service_example() {
    let doc = read("docs/document-format.md");
    let section = doc
        .split("## A complete example")
        .nth(1)
        .expect("the reference has a complete example");
    assert!(
        section.contains("`static/examples/lattice-service.json`"),
        "the example names its file"
    );
    let block = section
        .split("```json\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a json block");
    assert_eq!(
        block.trim_end(),
        read("static/examples/lattice-service.json").trim_end(),
        "docs/document-format.md's complete example differs from static/examples/lattice-service.json"
    );
}

#[test]
fn every_expectation_field_is_documented() {
    let doc = read("docs/document-format.md");
    for field in [
        "verdict",
        "target",
        "status",
        "reason",
        "`at`",
        "runs",
        "distribution",
        "tolerance",
        "source_seen",
        "`route`",
        "`dns`",
        "expect_invalid",
    ] {
        assert!(doc.contains(field), "{field} is not documented");
    }
}

/// Every `.rs` file under `dir`, recursively.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The body of each `macro!(Name … { body })` call in `text`: what lies between the first `{`
/// after the name and its matching `}`. Calls whose first word is `write` are skipped: they
/// write a report, they read nothing.
fn macro_bodies<'a>(text: &'a str, call: &str) -> Vec<(&'a str, &'a str)> {
    let mut bodies = Vec::new();
    for (at, _) in text.match_indices(call) {
        let rest = &text[at + call.len()..];
        if rest.trim_start().starts_with("write ") {
            continue;
        }
        let Some(open) = rest.find('{') else { continue };
        let name = rest[..open].split_whitespace().next().unwrap_or("");
        let mut depth = 0usize;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        bodies.push((name, &rest[open + 1..open + i]));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    bodies
}

/// The top-level comma-separated items of a macro body.
fn items(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in body.char_indices() {
        match c {
            '{' | '(' | '[' => depth += 1,
            '}' | ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(body[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(body[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Every word that appears inside a code span (between backticks) of the reference.
fn code_words(doc: &str) -> std::collections::BTreeSet<String> {
    doc.split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|span| {
            span.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The field names a document accepts, by type, from the `json_struct!` readers of the model,
/// and the tags of its one-of objects (`{"aws": …}`, `{"forward": …}`).
fn accepted_fields() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src/model");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut fields = Vec::new();
    // codec.rs defines the macros and tests them on a probe type of its own.
    files.retain(|f| !f.ends_with("codec.rs"));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (ty, body) in macro_bodies(&text, "json_struct!(") {
            for item in items(body) {
                let head = item.split(':').next().unwrap().trim();
                let key = match head.split_once(" as ") {
                    Some((_, k)) => k.trim().trim_matches('"'),
                    None => head,
                };
                fields.push((ty.to_string(), key.to_string()));
            }
        }
        for (ty, body) in macro_bodies(&text, "json_oneof!(") {
            for item in items(body) {
                if let Some((_, name)) = item.split_once('=') {
                    fields.push((ty.to_string(), name.trim().trim_matches('"').to_string()));
                }
            }
        }
    }
    fields
}

#[test]
fn every_field_the_format_accepts_is_documented() {
    let fields = accepted_fields();
    assert!(
        fields
            .iter()
            .any(|(t, k)| t == "Expect" && k == "source_seen")
            && fields
                .iter()
                .any(|(t, k)| t == "Vpc" && k == "dns_hostnames")
            && fields.len() > 150,
        "the model's readers were not found: {} fields",
        fields.len()
    );
    let words = code_words(&read("docs/document-format.md"));
    let missing: Vec<String> = fields
        .iter()
        .filter(|(_, k)| !words.contains(k))
        .map(|(t, k)| format!("{t}.{k}"))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/document-format.md does not document: {}",
        missing.join(", ")
    );
}
