//! Small value types shared by many object kinds: canvas positions, protocols, port ranges,
//! CIDR blocks as document text, and the defaults the document format fills in.

use alloc::string::{String, ToString};
use core::fmt;
use core::str::FromStr;

use crate::net::Cidr;

/// Where an object is drawn on the canvas, in canvas units (the top-left corner is `0, 0`).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

crate::json_struct!(Position { x: req, y: req });

/// An IP protocol as security groups and resource configurations name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Protocol {
    #[default]
    Tcp,
    Udp,
    Icmp,
    /// Every protocol (`-1` in the AWS API).
    All,
}

crate::json_enum!(Protocol {
    Tcp = "tcp",
    Udp = "udp",
    Icmp = "icmp",
    All = "all",
});

impl Protocol {
    /// The name used in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tcp => "tcp",
            Self::Udp => "udp",
            Self::Icmp => "icmp",
            Self::All => "all",
        }
    }
}

/// An inclusive range of ports, written `443` or `1024-65535` in a document.
///
/// The range is read as written; validation reports a range that starts at 0 or runs backwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PortRange {
    pub from: u16,
    pub to: u16,
}

impl PortRange {
    /// Every port, `1-65535`.
    pub const ALL: Self = Self { from: 1, to: 65535 };

    /// A single port.
    pub fn single(port: u16) -> Self {
        Self {
            from: port,
            to: port,
        }
    }

    /// Whether `port` falls in the range.
    pub fn contains(&self, port: u16) -> bool {
        self.from <= port && port <= self.to
    }

    /// Whether the range is well formed: `1 <= from <= to`.
    pub fn is_valid(&self) -> bool {
        self.from >= 1 && self.from <= self.to
    }

    /// Whether the range is one a security group rule takes: for TCP and UDP the EC2 API takes
    /// ports from 0 to 65535 (`0-65535` is what the console's "All TCP" writes), low to high.
    pub fn is_valid_for_security_group(&self) -> bool {
        self.from <= self.to
    }
}

/// Why a piece of text is not a port range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortRangeError {
    pub input: String,
}

impl fmt::Display for PortRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a port range: write a port such as `443` or a range such as `1024-65535`",
            self.input
        )
    }
}

impl core::error::Error for PortRangeError {}

impl FromStr for PortRange {
    type Err = PortRangeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PortRangeError {
            input: s.chars().take(64).collect(),
        };
        let text = s.trim();
        let (from, to) = match text.split_once('-') {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (text, text),
        };
        let from = from.parse::<u16>().map_err(|_| err())?;
        let to = to.parse::<u16>().map_err(|_| err())?;
        Ok(Self { from, to })
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

/// Written as a number for a single port and as text for a range; read from either.
impl crate::model::codec::ToJson for PortRange {
    fn write_json(&self, out: &mut String) {
        if self.from == self.to {
            crate::json::write::unsigned(out, u64::from(self.from));
        } else {
            crate::json::write::string(out, &self.to_string());
        }
    }
}

impl crate::model::codec::FromJson for PortRange {
    fn from_json(node: crate::json::Node) -> Result<Self, crate::json::JsonError> {
        use crate::json::Shape;
        use crate::model::codec::{expected, invalid};
        match &node.value {
            Shape::Number(_) => {
                <u16 as crate::model::codec::FromJson>::from_json(node).map(Self::single)
            }
            Shape::String(text) => text
                .parse()
                .map_err(|e: PortRangeError| invalid(node.pos, e.to_string())),
            _ => Err(expected(
                &node,
                "a port such as `443` or text such as `\"1024-65535\"`",
            )),
        }
    }
}

/// Whether an IPv4 address lies in the private ranges AWS accepts for private resources:
/// 10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12 and 192.168.0.0/16 (aws-rules.md R-RC-04, R-TG-07).
pub fn is_private_v4(ip: core::net::Ipv4Addr) -> bool {
    let [a, b, _, _] = ip.octets();
    a == 10
        || (a == 100 && (64..128).contains(&b))
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 168)
}

/// Whether a CIDR block holds the address.
pub fn cidr_holds(cidr: &Cidr, ip: core::net::IpAddr) -> bool {
    cidr.net().contains(&ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_ranges_read_and_print() {
        assert_eq!("443".parse::<PortRange>(), Ok(PortRange::single(443)));
        let r: PortRange = "1024-65535".parse().unwrap();
        assert_eq!((r.from, r.to), (1024, 65535));
        assert_eq!(r.to_string(), "1024-65535");
        assert!("http".parse::<PortRange>().is_err());
        assert!("70000".parse::<PortRange>().is_err());
        assert!(!PortRange { from: 9, to: 3 }.is_valid());
        assert!(!PortRange::single(0).is_valid());
    }

    #[test]
    fn private_ranges() {
        for ip in ["10.1.2.3", "100.64.0.1", "172.31.255.255", "192.168.0.1"] {
            assert!(is_private_v4(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "100.128.0.1", "172.32.0.1", "192.169.0.1"] {
            assert!(!is_private_v4(ip.parse().unwrap()), "{ip}");
        }
    }
}
