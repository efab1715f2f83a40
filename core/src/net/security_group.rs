//! Security group evaluation: allow rules only (aws-rules.md R-VPC-03), matched on protocol, port
//! and peer, where the peer is a CIDR block, a security group the other side is a member of, or a
//! prefix list. Groups are stateful (R-VPC-04): the trace checks the direction a connection is
//! opened in, and the reply is allowed because the request was.

use alloc::format;
use alloc::string::String;
use core::net::IpAddr;

use super::Cidr;
use crate::model::common::{PortRange, Protocol};
use crate::model::security_group::{SecurityGroup, SgPeer, SgRule};

/// Which rules of a group apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Inbound rules: the peer is the source.
    Ingress,
    /// Outbound rules: the peer is the destination.
    Egress,
}

impl Direction {
    /// `inbound` or `outbound`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Ingress => "inbound",
            Self::Egress => "outbound",
        }
    }
}

/// The other side of the connection as a security group sees it.
#[derive(Clone, Copy, Debug)]
pub struct Peer<'a> {
    pub ip: IpAddr,
    /// The groups on the peer's network interface, for group-reference rules.
    pub groups: &'a [&'a str],
}

/// The rule that allowed the traffic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allowed {
    pub group: String,
    /// The rule's position in the group's inbound or outbound list.
    pub index: usize,
    /// The rule in words, such as `sg-db inbound #0: tcp 5432 from sg-rgw`.
    pub text: String,
}

/// Whether one rule admits a packet.
pub fn rule_matches<'p>(
    rule: &SgRule,
    protocol: Protocol,
    port: u16,
    peer: Peer<'_>,
    prefix_list: &dyn Fn(&str) -> Option<&'p [Cidr]>,
) -> bool {
    let proto_ok = rule.protocol == Protocol::All || rule.protocol == protocol;
    let port_ok = rule.protocol == Protocol::All
        || protocol == Protocol::Icmp
        || rule.ports.is_none_or(|r| r.contains(port));
    if !(proto_ok && port_ok) {
        return false;
    }
    match &rule.peer {
        SgPeer::Cidr(c) => c.net().contains(&peer.ip),
        SgPeer::SecurityGroup(g) => peer.groups.contains(&g.as_str()),
        SgPeer::PrefixList(p) => {
            prefix_list(p.as_str()).is_some_and(|cs| cs.iter().any(|c| c.net().contains(&peer.ip)))
        }
    }
}

/// The rule that admitted a packet, by reference; [`Match::allowed`] puts it in words.
#[derive(Clone, Copy, Debug)]
pub struct Match<'g> {
    pub group: &'g SecurityGroup,
    /// The rule's position in the group's inbound or outbound list.
    pub index: usize,
    pub rule: &'g SgRule,
    pub direction: Direction,
}

impl Match<'_> {
    /// The rule in words, such as `sg-db inbound #0: tcp 5432 from sg-rgw`.
    pub fn text(&self) -> String {
        format!(
            "{} {} #{}: {}",
            self.group.id,
            self.direction.word(),
            self.index,
            describe(self.rule, self.direction)
        )
    }

    /// The match with its rule in words.
    pub fn allowed(&self) -> Allowed {
        Allowed {
            group: self.group.id.as_str().into(),
            index: self.index,
            text: self.text(),
        }
    }
}

/// The first rule, over all `groups`, that admits the packet; `None` means the groups drop it.
/// Nothing is put in words, so callers that only need the decision pay for no text.
pub fn first_match<'g, 'p>(
    groups: impl IntoIterator<Item = &'g SecurityGroup>,
    direction: Direction,
    protocol: Protocol,
    port: u16,
    peer: Peer<'_>,
    prefix_list: &dyn Fn(&str) -> Option<&'p [Cidr]>,
) -> Option<Match<'g>> {
    for g in groups {
        let rules = match direction {
            Direction::Ingress => &g.ingress,
            Direction::Egress => &g.egress,
        };
        for (index, rule) in rules.iter().enumerate() {
            if rule_matches(rule, protocol, port, peer, prefix_list) {
                return Some(Match {
                    group: g,
                    index,
                    rule,
                    direction,
                });
            }
        }
    }
    None
}

/// The first rule, over all `groups`, that admits the packet, in words; `None` means the groups
/// drop it.
pub fn evaluate<'g, 'p>(
    groups: impl IntoIterator<Item = &'g SecurityGroup>,
    direction: Direction,
    protocol: Protocol,
    port: u16,
    peer: Peer<'_>,
    prefix_list: &dyn Fn(&str) -> Option<&'p [Cidr]>,
) -> Option<Allowed> {
    first_match(groups, direction, protocol, port, peer, prefix_list).map(|m| m.allowed())
}

/// A rule in words: `tcp 443 from 10.0.0.0/16`.
pub fn describe(rule: &SgRule, direction: Direction) -> String {
    let ports = match (rule.protocol, rule.ports) {
        (Protocol::All, _) | (_, None) => String::from("all ports"),
        (_, Some(PortRange { from, to })) if from == to => format!("{from}"),
        (_, Some(r)) => format!("{r}"),
    };
    let word = match direction {
        Direction::Ingress => "from",
        Direction::Egress => "to",
    };
    let peer = match &rule.peer {
        SgPeer::Cidr(c) => format!("{c}"),
        SgPeer::SecurityGroup(g) => format!("{g}"),
        SgPeer::PrefixList(p) => format!("prefix list {p}"),
    };
    format!("{} {ports} {word} {peer}", rule.protocol.as_str())
}

/// The words for the fact that put a VPC's default group on an interface: it was given none
/// (aws-rules.md R-IFE-03, "If you do not specify a security group, we associate the default
/// security group for the VPC", https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html;
/// R-VPC-05 for instances). The trace's walker and VPC Lattice both say it this way.
pub fn default_applied(owner: &str, group: &str) -> alloc::string::String {
    alloc::format!(
        "no security group was given to `{owner}`, so the VPC's default group `{group}` applies"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn group(json: &str) -> SecurityGroup {
        crate::model::codec::from_str(json).unwrap()
    }

    #[test]
    fn rules_match_on_protocol_port_and_peer() {
        let g = group(
            r#"{"id":"sg-a","vpc":"v","ingress":[
                {"protocol":"tcp","ports":443,"cidr":"10.0.0.0/16"},
                {"protocol":"tcp","ports":"5000-5010","security_group":"sg-client"},
                {"protocol":"udp","ports":53,"prefix_list":"pl-dns"},
                {"protocol":"all","cidr":"192.168.0.0/16"}]}"#,
        );
        let pl: Vec<Cidr> = ["172.16.0.0/12".parse().unwrap()].into();
        let lists = |name: &str| (name == "pl-dns").then_some(pl.as_slice());
        let member: &[&str] = &["sg-client"];
        type Case<'a> = (Protocol, u16, &'a str, &'a [&'a str], Option<usize>);
        let cases: &[Case<'_>] = &[
            (Protocol::Tcp, 443, "10.0.3.4", &[], Some(0)),
            (Protocol::Tcp, 80, "10.0.3.4", &[], None),
            (Protocol::Udp, 443, "10.0.3.4", &[], None),
            (Protocol::Tcp, 5005, "10.9.9.9", member, Some(1)),
            (Protocol::Tcp, 5011, "10.9.9.9", member, None),
            (Protocol::Udp, 53, "172.20.0.1", &[], Some(2)),
            (Protocol::Udp, 53, "172.40.0.1", &[], None),
            (Protocol::Icmp, 0, "192.168.1.1", &[], Some(3)),
            (Protocol::Tcp, 22, "11.0.0.1", &[], None),
        ];
        for (proto, port, ip, groups, want) in cases {
            let peer = Peer {
                ip: ip.parse().unwrap(),
                groups,
            };
            let got = evaluate([&g], Direction::Ingress, *proto, *port, peer, &lists);
            assert_eq!(got.map(|a| a.index), *want, "{proto:?} {port} {ip}");
        }
    }

    #[test]
    fn default_egress_allows_everything_and_empty_denies() {
        let open = group(r#"{"id":"sg-o","vpc":"v"}"#);
        let shut = group(r#"{"id":"sg-s","vpc":"v","egress":[]}"#);
        let peer = Peer {
            ip: "8.8.8.8".parse().unwrap(),
            groups: &[],
        };
        let none = |_: &str| None;
        let allowed =
            evaluate([&open], Direction::Egress, Protocol::Tcp, 443, peer, &none).unwrap();
        assert_eq!(allowed.text, "sg-o outbound #0: all all ports to 0.0.0.0/0");
        assert!(evaluate([&shut], Direction::Egress, Protocol::Tcp, 443, peer, &none).is_none());
    }
}
