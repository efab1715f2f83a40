//! `cargo run --release` in benches/trace.
//!
//! 1. One trace on a generated topology of about 500 objects (median of many runs).
//! 2. The reachability matrix of a generated topology of about 2000 objects, as a ratio to its
//!    floor: a plain bitset transitive closure over the same graph (every object a node, every
//!    reference between objects an edge, both directions), run in the same process.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

use vpcplay_core::model::Topology;
use vpcplay_core::model::flow::RequestProtocol;
use vpcplay_core::model::synthetic::generate;
use vpcplay_core::trace::{Index, Request, reachability, trace_with};

fn topology(objects: usize) -> Topology {
    Topology::try_from(generate(objects, 7)).expect("generated topologies validate")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The graph of a document: nodes are objects, edges are references (any string field that
/// names another object).
fn graph(t: &Topology) -> (usize, Vec<(usize, usize)>) {
    let doc = t.document();
    let value: serde_json_value::Value = serde_json_value::to_value(doc);
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    value.collect_ids(&mut ids);
    let mut edges = Vec::new();
    value.collect_edges(&ids, None, &mut edges);
    (ids.len(), edges)
}

/// Transitive closure with one bitset row per node (Warshall's algorithm).
fn closure(n: usize, edges: &[(usize, usize)]) -> usize {
    let words = n.div_ceil(64);
    let mut rows = vec![0u64; n * words];
    for &(a, b) in edges {
        rows[a * words + b / 64] |= 1 << (b % 64);
        rows[b * words + a / 64] |= 1 << (a % 64);
    }
    for k in 0..n {
        let row_k: Vec<u64> = rows[k * words..(k + 1) * words].to_vec();
        for i in 0..n {
            if rows[i * words + k / 64] & (1 << (k % 64)) != 0 {
                for (w, bits) in row_k.iter().enumerate() {
                    rows[i * words + w] |= bits;
                }
            }
        }
    }
    rows.iter().map(|w| w.count_ones() as usize).sum()
}

mod serde_json_value {
    //! A tiny walk over the document's JSON, to find ids and references.
    use std::collections::BTreeMap;

    pub use vpcplay_core::model::document::Document;

    pub struct Value(serde_json::Value);

    pub fn to_value(doc: &Document) -> Value {
        Value(serde_json::from_str(&doc.to_json_compact()).expect("a document is JSON"))
    }

    impl Value {
        pub fn collect_ids(&self, ids: &mut BTreeMap<String, usize>) {
            fn walk(v: &serde_json::Value, ids: &mut BTreeMap<String, usize>) {
                match v {
                    serde_json::Value::Object(m) => {
                        if let Some(serde_json::Value::String(id)) = m.get("id") {
                            let n = ids.len();
                            ids.entry(id.clone()).or_insert(n);
                        }
                        m.values().for_each(|x| walk(x, ids));
                    }
                    serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, ids)),
                    _ => {}
                }
            }
            walk(&self.0, ids);
        }

        pub fn collect_edges(
            &self,
            ids: &BTreeMap<String, usize>,
            _: Option<usize>,
            out: &mut Vec<(usize, usize)>,
        ) {
            fn walk(
                v: &serde_json::Value,
                ids: &BTreeMap<String, usize>,
                owner: Option<usize>,
                out: &mut Vec<(usize, usize)>,
            ) {
                match v {
                    serde_json::Value::Object(m) => {
                        let me = match m.get("id") {
                            Some(serde_json::Value::String(id)) => ids.get(id).copied().or(owner),
                            _ => owner,
                        };
                        for (k, x) in m {
                            if k != "id" {
                                walk(x, ids, me, out);
                            }
                        }
                    }
                    serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, ids, owner, out)),
                    serde_json::Value::String(s) => {
                        if let (Some(o), Some(t)) = (owner, ids.get(s)) {
                            out.push((o, *t));
                        }
                    }
                    _ => {}
                }
            }
            walk(&self.0, ids, None, out);
        }
    }
}

fn main() {
    // 1. One trace on ~500 objects.
    let t500 = topology(500);
    let ix = Index::build(&t500);
    let doc = t500.document();
    let from = doc
        .instances
        .first()
        .map(|i| i.id.to_string())
        .unwrap_or_default();
    let to = doc
        .instances
        .last()
        .map(|i| i.id.to_string())
        .unwrap_or_default();
    let req = Request::new(&from, &to, RequestProtocol::Tcp, Some(443));
    let mut times = Vec::new();
    for _ in 0..2000 {
        let s = Instant::now();
        black_box(trace_with(&ix, black_box(&req)));
        times.push(s.elapsed().as_secs_f64());
    }
    let one = median(times);
    let s = Instant::now();
    black_box(Index::build(&t500));
    let build = s.elapsed().as_secs_f64();
    println!(
        "trace, gen --objects 500: {:.1} µs per trace (lookups built once in {:.2} ms)",
        one * 1e6,
        build * 1e3
    );

    // 2. Matrix vs bitset closure on ~2000 objects.
    let t2000 = topology(2000);
    let (n, edges) = graph(&t2000);
    let mut floor = Vec::new();
    let mut matrix = Vec::new();
    let mut cells = 0;
    for _ in 0..5 {
        let s = Instant::now();
        black_box(closure(n, &edges));
        floor.push(s.elapsed().as_secs_f64());
        let s = Instant::now();
        let m = reachability(&t2000, RequestProtocol::Tcp, 443);
        matrix.push(s.elapsed().as_secs_f64());
        cells = m.cells.len();
        black_box(m);
    }
    let (f, m) = (median(floor), median(matrix));
    println!(
        "matrix, gen --objects 2000: {cells} cells in {:.1} ms; bitset closure over {n} nodes and {} edges: {:.1} ms; ratio {:.2}x (goal: within 10x)",
        m * 1e3,
        edges.len(),
        f * 1e3,
        m / f
    );
}
