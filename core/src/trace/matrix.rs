//! The reachability matrix: every source of a topology against every destination, for one
//! protocol and port. Each cell is a full walk without hop text, over lookups built once.

use alloc::string::String;
use alloc::vec::Vec;

use super::index::Index;
use super::reason::ReasonCode;
use super::request::Request;
use super::verdict::Verdict;
use super::walk::{start, walk_from};
use crate::model::Topology;
use crate::model::flow::RequestProtocol;

/// One cell: delivered, or the reason code of the block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    pub delivered: bool,
    pub code: Option<ReasonCode>,
}

crate::json_struct!(write Cell {
    delivered: req,
    code: opt,
});

/// Sources (instances and other network interfaces) by destinations (instances, databases and
/// resource configurations), row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    pub sources: Vec<String>,
    pub destinations: Vec<String>,
    pub cells: Vec<Cell>,
}

crate::json_struct!(write Matrix {
    sources: req,
    destinations: req,
    cells: req,
});

impl Cell {
    /// The cell a verdict fills.
    pub fn of(verdict: &Verdict) -> Self {
        match verdict {
            Verdict::Delivered { .. } | Verdict::FixedResponse { .. } => Self {
                delivered: true,
                code: None,
            },
            Verdict::Blocked(b) => Self {
                delivered: false,
                code: Some(b.code),
            },
        }
    }
}

impl Matrix {
    /// The cell for a source and destination by position.
    pub fn cell(&self, source: usize, destination: usize) -> Option<Cell> {
        let i = source
            .checked_mul(self.destinations.len())?
            .checked_add(destination)?;
        self.cells.get(i).copied()
    }

    /// How many pairs deliver.
    pub fn delivered(&self) -> usize {
        self.cells.iter().filter(|c| c.delivered).count()
    }
}

/// Every source against every destination of `topology`.
pub fn reachability(topology: &Topology, protocol: RequestProtocol, port: u16) -> Matrix {
    let ix = Index::build(topology);
    let doc = topology.document();
    let sources: Vec<String> = doc
        .instances
        .iter()
        .map(|i| String::from(i.id.as_str()))
        .collect();
    let destinations: Vec<String> = doc
        .instances
        .iter()
        .map(|i| String::from(i.id.as_str()))
        .chain(doc.databases.iter().map(|d| String::from(d.id.as_str())))
        .chain(
            doc.resource_configurations
                .iter()
                .map(|r| String::from(r.id.as_str())),
        )
        .collect();
    let mut cells = Vec::with_capacity(sources.len().saturating_mul(destinations.len()));
    let mut req = Request::new("", "", protocol, Some(port));
    for s in &sources {
        req.from.clone_from(s);
        // The source's subnet, address and groups are the same for every destination.
        let started = start(&ix, &req);
        for d in &destinations {
            req.to.clone_from(d);
            let t = walk_from(&ix, &req, false, started.clone());
            cells.push(Cell::of(&t.verdict));
        }
    }
    Matrix {
        sources,
        destinations,
        cells,
    }
}

/// Every source of `topology` (its instances and other network interfaces) against one
/// destination: an object id, a DNS name or an address. This is the "who can reach this?"
/// column of the matrix, for any destination a request can name.
pub fn reach_to(
    topology: &Topology,
    to: &str,
    protocol: RequestProtocol,
    port: u16,
) -> Vec<(String, Cell)> {
    let ix = Index::build(topology);
    let mut req = Request::new("", to, protocol, Some(port));
    let mut out = Vec::with_capacity(topology.document().instances.len());
    for i in &topology.document().instances {
        if i.id.as_str() == to {
            continue;
        }
        req.from.clear();
        req.from.push_str(i.id.as_str());
        let t = walk_from(&ix, &req, false, start(&ix, &req));
        out.push((String::from(i.id.as_str()), Cell::of(&t.verdict)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic::generate;

    /// The matrix looks each source up once and records no hops; every cell must still be the
    /// verdict of a full, recorded trace of the same pair.
    #[test]
    fn matrix_equals_full_traces() {
        let cases = [
            (RequestProtocol::Tcp, 443),
            (RequestProtocol::Tcp, 22),
            (RequestProtocol::Https, 443),
            (RequestProtocol::Tcp, 8080),
        ];
        let (mut delivered, mut blocked) = (0, 0);
        for seed in [1, 7, 42] {
            let topology = Topology::try_from(generate(180, seed)).unwrap();
            let ix = Index::build(&topology);
            for (protocol, port) in cases {
                let m = reachability(&topology, protocol, port);
                assert!(!m.cells.is_empty());
                delivered += m.delivered();
                blocked += m.cells.len() - m.delivered();
                assert_eq!(m.cells.len(), m.sources.len() * m.destinations.len());
                for (s, from) in m.sources.iter().enumerate() {
                    for (d, to) in m.destinations.iter().enumerate() {
                        let req = Request::new(from, to, protocol, Some(port));
                        let full = crate::trace::trace_with(&ix, &req);
                        assert_eq!(
                            m.cell(s, d),
                            Some(Cell::of(&full.verdict)),
                            "seed {seed}, {protocol:?} {port}: {from} -> {to}"
                        );
                    }
                }
            }
        }
        for (from, to) in [(0, 1), (1, 0)] {
            let topology = Topology::try_from(generate(120, 3)).unwrap();
            let m = reachability(&topology, RequestProtocol::Tcp, 443);
            let Some(dest) = m.destinations.get(to) else {
                continue;
            };
            let column = reach_to(&topology, dest, RequestProtocol::Tcp, 443);
            let row = m
                .sources
                .iter()
                .position(|s| s == column[from].0.as_str())
                .unwrap();
            assert_eq!(m.cell(row, to), Some(column[from].1), "{dest}");
        }
        assert!(
            delivered > 0 && blocked > 0,
            "{delivered} delivered, {blocked} blocked"
        );
    }
}
