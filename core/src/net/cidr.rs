//! An IPv4 or IPv6 CIDR block as written by a person, checked once.

use alloc::string::{String, ToString};
use core::fmt;
use core::str::FromStr;

use ipnet::IpNet;

/// A CIDR block in canonical form: the host bits are zero (`10.0.0.0/16`, never `10.0.0.7/16`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cidr(IpNet);

/// Why a piece of text is not a CIDR block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CidrError {
    /// The text is empty or only whitespace.
    Empty,
    /// The text is not `address/prefix`.
    Malformed { input: String },
    /// The address has bits set past the prefix length.
    HostBitsSet { input: String, network: String },
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("a CIDR block is required, such as `10.0.0.0/16`"),
            Self::Malformed { input } => write!(
                f,
                "`{input}` is not a CIDR block: write an address, a slash and a prefix length, such as `10.0.0.0/16`"
            ),
            Self::HostBitsSet { input, network } => write!(
                f,
                "`{input}` has host bits set past its prefix length: did you mean `{network}`?"
            ),
        }
    }
}

impl core::error::Error for CidrError {}

impl FromStr for Cidr {
    type Err = CidrError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if text.is_empty() {
            return Err(CidrError::Empty);
        }
        let net: IpNet = text.parse().map_err(|_| CidrError::Malformed {
            input: text.to_string(),
        })?;
        if net.trunc() != net {
            return Err(CidrError::HostBitsSet {
                input: text.to_string(),
                network: net.trunc().to_string(),
            });
        }
        Ok(Self(net))
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Cidr {
    /// The underlying network.
    pub fn net(&self) -> IpNet {
        self.0
    }

    /// The prefix length, such as `16` for `10.0.0.0/16`.
    pub fn prefix_len(&self) -> u8 {
        self.0.prefix_len()
    }

    /// How many addresses the block spans, saturating at `u128::MAX` for `::/0`.
    pub fn address_count(&self) -> u128 {
        let host_bits = u32::from(self.0.max_prefix_len() - self.0.prefix_len());
        1u128.checked_shl(host_bits).unwrap_or(u128::MAX)
    }

    /// A one-line summary for a label: `10.0.0.0/16 · 65,536 addresses`.
    pub fn summary(&self) -> String {
        let n = self.address_count();
        let noun = if n == 1 { "address" } else { "addresses" };
        alloc::format!("{self} · {} {noun}", group_thousands(n))
    }

    /// Whether `other` lies wholly inside this block.
    pub fn contains(&self, other: &Cidr) -> bool {
        self.0.contains(&other.0)
    }

    /// Whether the two blocks share at least one address.
    pub fn overlaps(&self, other: &Cidr) -> bool {
        self.0.contains(&other.0) || other.0.contains(&self.0)
    }
}

/// Formats a count with thin grouping commas, as people read it: `65,536`.
pub fn group_thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_counts() {
        let c: Cidr = "10.0.0.0/16".parse().unwrap();
        assert_eq!(c.address_count(), 65_536);
        assert_eq!(c.prefix_len(), 16);
        let host: Cidr = "10.0.0.1/32".parse().unwrap();
        assert_eq!(host.address_count(), 1);
        let all6: Cidr = "::/0".parse().unwrap();
        assert_eq!(all6.address_count(), u128::MAX);
    }

    #[test]
    fn refuses_bad_text_with_specific_messages() {
        assert_eq!("".parse::<Cidr>(), Err(CidrError::Empty));
        let e = "10.0.0/16".parse::<Cidr>().unwrap_err();
        assert!(e.to_string().contains("`10.0.0/16` is not a CIDR block"));
        let e = "10.0.0.7/16".parse::<Cidr>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "`10.0.0.7/16` has host bits set past its prefix length: did you mean `10.0.0.0/16`?"
        );
    }

    #[test]
    fn containment_and_overlap() {
        let vpc: Cidr = "10.0.0.0/16".parse().unwrap();
        let sub: Cidr = "10.0.1.0/24".parse().unwrap();
        let other: Cidr = "10.1.0.0/24".parse().unwrap();
        assert!(vpc.contains(&sub));
        assert!(!sub.contains(&vpc));
        assert!(vpc.overlaps(&sub) && sub.overlaps(&vpc));
        assert!(!vpc.overlaps(&other));
    }

    #[test]
    fn summarises_for_labels() {
        let c: Cidr = " 10.0.0.0/16 ".parse().unwrap();
        assert_eq!(c.summary(), "10.0.0.0/16 · 65,536 addresses");
        let one: Cidr = "192.168.1.9/32".parse().unwrap();
        assert_eq!(one.summary(), "192.168.1.9/32 · 1 address");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(65_536), "65,536");
        assert_eq!(group_thousands(16_777_216), "16,777,216");
    }
}
