//! Route selection: longest prefix match with the documented tie-breaks (aws-rules.md R-VPC-01,
//! R-VPC-02, R-GWE-04, R-GWE-06).
//!
//! A route table holds routes whose destination is a CIDR block (static routes, including the
//! local route) and routes whose destination is a prefix list (the routes a gateway endpoint
//! adds). For a packet, the most specific matching block wins; on equal length a static route
//! beats a prefix-list route, so a route for exactly the service's range beats the endpoint route.

use core::net::IpAddr;

use super::Cidr;

/// Where a route's destination came from, in tie-break order: a lower value wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RouteOrigin {
    /// A CIDR destination: the local route and every route a person adds.
    Static,
    /// One entry of a prefix list named as the destination.
    PrefixList,
}

/// One candidate route, with the block it matches on and what it leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate<T> {
    /// The block (for a prefix-list route, the entry that matched).
    pub block: Cidr,
    pub origin: RouteOrigin,
    pub target: T,
}

/// The route that carries a packet to `ip`: the longest matching prefix; on equal length a
/// static route before a prefix-list route; on a full tie, the first in the given order.
pub fn longest_prefix_match<T: Copy>(
    candidates: impl IntoIterator<Item = Candidate<T>>,
    ip: IpAddr,
) -> Option<Candidate<T>> {
    let mut best: Option<Candidate<T>> = None;
    for c in candidates {
        if !c.block.net().contains(&ip) {
            continue;
        }
        let better = match &best {
            None => true,
            Some(b) => {
                let (len, blen) = (c.block.net().prefix_len(), b.block.net().prefix_len());
                len > blen || (len == blen && c.origin < b.origin)
            }
        };
        if better {
            best = Some(c);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(block: &str, origin: RouteOrigin, target: u8) -> Candidate<u8> {
        Candidate {
            block: block.parse().unwrap(),
            origin,
            target,
        }
    }

    fn pick(routes: &[Candidate<u8>], ip: &str) -> Option<u8> {
        longest_prefix_match(routes.iter().copied(), ip.parse().unwrap()).map(|c| c.target)
    }

    #[test]
    fn longest_prefix_and_tie_breaks() {
        use RouteOrigin::{PrefixList as P, Static as S};
        let table = [
            c("10.10.0.0/16", S, 1),
            c("0.0.0.0/0", S, 2),
            c("52.216.0.0/15", P, 3),
            c("52.216.10.0/24", S, 4),
        ];
        let cases: &[(&str, Option<u8>)] = &[
            ("10.10.1.5", Some(1)),
            ("52.217.1.1", Some(3)), // prefix list beats the default route (R-GWE-04)
            ("52.216.10.5", Some(4)), // a more specific static route wins (R-GWE-04)
            ("8.8.8.8", Some(2)),
        ];
        for (ip, want) in cases {
            assert_eq!(pick(&table, ip), *want, "{ip}");
        }
        // Identical range: the static route beats the prefix-list route (R-GWE-06, R-VPC-02),
        // whatever the order.
        let tie = [c("52.216.0.0/15", P, 3), c("52.216.0.0/15", S, 5)];
        assert_eq!(pick(&tie, "52.216.200.1"), Some(5));
        assert_eq!(pick(&[], "1.2.3.4"), None);
        assert_eq!(pick(&[c("10.0.0.0/8", S, 1)], "fd00::1"), None);
    }
}
