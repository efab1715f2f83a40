//! Batch runs: `n` copies of a request with seeds `seed, seed+1, …`, traced one by one, and the
//! count of where they ended — per target, per target group, and per outcome.

use alloc::collections::BTreeMap;
use alloc::string::String;

use crate::model::Topology;
use crate::trace::{ComponentKind, Index, Request, Trace, Verdict, trace_with};

/// Where the requests of a batch run ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Distribution {
    /// Requests sent.
    pub runs: u32,
    /// Delivered requests per target id (or address).
    pub targets: BTreeMap<String, u32>,
    /// Delivered requests per VPC Lattice target group.
    pub target_groups: BTreeMap<String, u32>,
    /// Requests per outcome: `delivered`, `fixed_response`, `blocked`.
    pub outcomes: BTreeMap<&'static str, u32>,
    /// Blocked requests per reason code.
    pub reasons: BTreeMap<&'static str, u32>,
}

crate::json_struct!(write Distribution {
    runs: req,
    targets: req,
    target_groups: req,
    outcomes: req,
    reasons: req,
});

impl Distribution {
    /// The share of all runs, in percent, that reached `id` as a target or a target group.
    pub fn percent(&self, id: &str) -> f64 {
        if self.runs == 0 {
            return 0.0;
        }
        let n = self
            .targets
            .get(id)
            .or_else(|| self.target_groups.get(id))
            .copied()
            .unwrap_or(0);
        f64::from(n) * 100.0 / f64::from(self.runs)
    }

    /// Counts one trace.
    pub fn add(&mut self, trace: &Trace) {
        self.runs = self.runs.saturating_add(1);
        *self.outcomes.entry(trace.verdict.outcome()).or_default() += 1;
        match &trace.verdict {
            Verdict::Delivered { target, .. } => {
                *self.targets.entry(target.clone()).or_default() += 1;
                // The last target-group hop names the group that delivered.
                if let Some(h) = trace
                    .hops
                    .iter()
                    .rev()
                    .find(|h| h.kind == ComponentKind::TargetGroup)
                {
                    *self.target_groups.entry(h.component.clone()).or_default() += 1;
                }
            }
            Verdict::Blocked(b) => *self.reasons.entry(b.code.as_str()).or_default() += 1,
            Verdict::FixedResponse { .. } => {}
        }
    }
}

/// Sends `n` copies of `request` through `topology` with seeds `seed, seed+1, …`.
pub fn run(topology: &Topology, request: &Request, n: u32, seed: u64) -> Distribution {
    let ix = Index::build(topology);
    run_with(n, seed, |s| {
        let mut r = request.clone();
        r.seed = s;
        trace_with(&ix, &r)
    })
}

/// The loop of [`run`] with any tracer: `trace(seed)` for each of the `n` seeds.
pub fn run_with(n: u32, seed: u64, mut trace: impl FnMut(u64) -> Trace) -> Distribution {
    let mut d = Distribution::default();
    for i in 0..n {
        d.add(&trace(seed.wrapping_add(u64::from(i))));
    }
    d
}

/// The forward a trace took at its listener: each target group with its configured weight, in
/// the order the rule (or the listener's default action) lists them; empty when the trace met no
/// weighted forward. A batch run shows its counts beside these weights.
pub fn configured_weights(topology: &Topology, trace: &Trace) -> alloc::vec::Vec<(String, u32)> {
    use crate::model::lattice::Action;
    let action = trace.hops.iter().rev().find_map(|h| match h.kind {
        ComponentKind::ListenerRule | ComponentKind::Listener => topology
            .rule(&h.component)
            .map(|(_, _, r)| &r.action)
            .or_else(|| {
                topology
                    .listener(&h.component)
                    .map(|(_, l)| &l.default_action)
            }),
        _ => None,
    });
    match action {
        Some(Action::Forward(targets)) => targets
            .iter()
            .map(|t| (String::from(t.target_group.as_str()), t.weight))
            .collect(),
        _ => alloc::vec::Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::trace;

    /// The weights come from the rule the trace matched, and a batch splits near them.
    #[test]
    fn a_weighted_forward_reports_its_weights() {
        let text = include_str!("../../../static/examples/lattice-service.json");
        let topology = Topology::from_json(text).unwrap();
        let flow = &topology.document().flows[0];
        let request = Request::from(&flow.request);
        let t = trace(&topology, &request);
        let weights = configured_weights(&topology, &t);
        assert_eq!(weights, [("tg-v1".into(), 80), ("tg-v2".into(), 20)]);
        let d = run(&topology, &request, 1000, 0);
        assert!((d.percent("tg-v1") - 80.0).abs() < 5.0, "{d:?}");
    }
}
