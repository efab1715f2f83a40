//! The reachability matrix: every source of a topology against every destination, for one
//! protocol and port. Each cell is a full walk without hop text, over lookups built once.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;

use super::index::Index;
use super::reason::ReasonCode;
use super::request::Request;
use super::verdict::Verdict;
use super::walk::walk;
use crate::model::Topology;
use crate::model::flow::RequestProtocol;

/// One cell: delivered, or the reason code of the block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub delivered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<ReasonCode>,
}

/// Sources (instances and other network interfaces) by destinations (instances, databases and
/// resource configurations), row by row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Matrix {
    pub sources: Vec<String>,
    pub destinations: Vec<String>,
    pub cells: Vec<Cell>,
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
        for d in &destinations {
            req.to.clone_from(d);
            let t = walk(&ix, &req, false);
            cells.push(match t.verdict {
                Verdict::Delivered { .. } | Verdict::FixedResponse { .. } => Cell {
                    delivered: true,
                    code: None,
                },
                Verdict::Blocked(b) => Cell {
                    delivered: false,
                    code: Some(b.code),
                },
            });
        }
    }
    Matrix {
        sources,
        destinations,
        cells,
    }
}
