//! The choices a forward makes, each a pure function of the request's seed: the target group of
//! a weighted forward, in proportion to the weights (aws-rules.md R-LIS-04), and the target, by
//! round robin over the eligible targets (R-TG-02).
//!
//! A weight of 0 receives no requests, and a forward whose weights are all 0 reaches no target;
//! the documentation allows 0 without saying what it does (aws-rules.md section K, gap 3).
//!
//! Round robin: the seed stands for the request's position in the stream of requests, so the
//! requests with seeds `s, s+1, s+2, …` visit the targets in turn. A batch run sends consecutive
//! seeds.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Run, Step};
use crate::model::lattice::{TargetGroup, WeightedTarget};
use crate::sim::rng::draw;
use crate::trace::{Blocked, ComponentKind, ReasonCode};

/// Separates the weighted draw from other choices made from the same seed.
const WEIGHT_SALT: u64 = 0x7767_6874; // "wght"

/// The index of the entry a draw in `0..sum(weights)` falls into; `None` when every weight is 0.
pub fn pick_weighted(weights: &[u32], seed: u64) -> Option<usize> {
    let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
    if total == 0 {
        return None;
    }
    let mut r = draw(seed, WEIGHT_SALT, total);
    for (i, w) in weights.iter().enumerate() {
        let w = u64::from(*w);
        if r < w {
            return Some(i);
        }
        r -= w;
    }
    None
}

/// The position among `n` targets that the request with `seed` goes to; 0 when `n` is 0.
pub fn round_robin(n: usize, seed: u64) -> usize {
    let n64 = u64::try_from(n).unwrap_or(u64::MAX);
    if n64 == 0 {
        return 0;
    }
    usize::try_from(seed % n64).unwrap_or(0)
}

/// Picks the target group of a forward action and records a hop naming it and the weights.
pub(crate) fn forward<'t>(
    run: &mut Run<'_, 't>,
    rule: &str,
    targets: &'t [WeightedTarget],
) -> Step<&'t TargetGroup> {
    let weights: Vec<u32> = targets.iter().map(|t| t.weight).collect();
    let Some(chosen) = pick_weighted(&weights, run.req.seed).and_then(|i| targets.get(i)) else {
        return Err(Blocked::new(
            rule,
            ReasonCode::LatticeNoTargets,
            format!("every target group of the forward action of `{rule}` has weight 0"),
        )
        .citing("R-LIS-04"));
    };
    let tg_id = chosen.target_group.as_str();
    let Some(group) = run.ix.topology.target_group(tg_id) else {
        return Err(Blocked::new(
            rule,
            ReasonCode::LatticeNoTargets,
            format!("`{rule}` forwards to `{tg_id}`, which is not in the document"),
        ));
    };
    let split: Vec<String> = targets
        .iter()
        .map(|t| format!("{} weight {}", t.target_group, t.weight))
        .collect();
    let total: u32 = weights.iter().sum();
    let w = chosen.weight;
    run.hop(ComponentKind::TargetGroup, tg_id, "R-LIS-04", || {
        let what = if targets.len() > 1 {
            format!("the forward picks target group `{tg_id}` (weight {w} of {total})")
        } else {
            format!("the forward sends the request to target group `{tg_id}`")
        };
        (
            what,
            Some(format!("forward of {rule}: {}", split.join(", "))),
        )
    });
    Ok(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(weights: &[u32], n: u64) -> Vec<u64> {
        let mut counts = alloc::vec![0u64; weights.len()];
        for seed in 0..n {
            if let Some(i) = pick_weighted(weights, seed) {
                counts[i] += 1;
            }
        }
        counts
    }

    #[test]
    fn weights_are_proportional() {
        let cases: &[(&[u32], &[u64])] = &[
            (&[80, 20], &[800, 200]),
            (&[10, 20], &[333, 667]),
            (&[100, 0], &[1000, 0]),
            (&[1], &[1000]),
            (&[999, 1], &[999, 1]),
        ];
        for (weights, want) in cases {
            let got = shares(weights, 1000);
            for (g, w) in got.iter().zip(want.iter()) {
                assert!(g.abs_diff(*w) <= 40, "{weights:?}: {got:?}");
            }
        }
        assert_eq!(pick_weighted(&[0, 0], 3), None);
        assert_eq!(pick_weighted(&[], 3), None);
    }

    #[test]
    fn round_robin_visits_in_turn() {
        let got: Vec<usize> = (10..16).map(|s| round_robin(3, s)).collect();
        assert_eq!(got, [1, 2, 0, 1, 2, 0]);
        assert_eq!(round_robin(0, 5), 0);
    }
}
