//! Addresses the document leaves out: a stable host address inside a block, derived from a key,
//! so that the same document gives the same addresses on every platform.

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::Cidr;

/// The FNV-1a hash of `bytes`: small, stable and platform independent.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The host address `offset` places into `block`, skipping the first four addresses and the last
/// one, which AWS reserves in every subnet. `None` when the block has no usable host.
pub fn host_at(block: &Cidr, offset: u64) -> Option<IpAddr> {
    let net = block.net();
    match net.network() {
        IpAddr::V4(base) => {
            let host_bits = 32u32.saturating_sub(u32::from(net.prefix_len()));
            let size: u64 = 1u64.checked_shl(host_bits).unwrap_or(0);
            let usable = size.checked_sub(5).filter(|n| *n > 0)?;
            let n = 4 + offset % usable;
            let value = u64::from(u32::from(base)).checked_add(n)?;
            Some(IpAddr::V4(Ipv4Addr::from(u32::try_from(value).ok()?)))
        }
        IpAddr::V6(base) => {
            let host_bits = 128u32.saturating_sub(u32::from(net.prefix_len()));
            let span: u128 = 1u128.checked_shl(host_bits.min(64)).unwrap_or(u128::MAX);
            let usable = span.checked_sub(5).filter(|n| *n > 0)?;
            let n = 4 + u128::from(offset) % usable;
            Some(IpAddr::V6(Ipv6Addr::from(u128::from(base).checked_add(n)?)))
        }
    }
}

/// The stable address for `key` in `block`, avoiding addresses for which `taken` says yes.
pub fn derive_host(block: &Cidr, key: &str, taken: impl Fn(IpAddr) -> bool) -> Option<IpAddr> {
    let start = stable_hash(key.as_bytes());
    (0..64u64)
        .filter_map(|i| host_at(block, start.wrapping_add(i)))
        .find(|ip| !taken(*ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_stay_inside_and_skip_reserved() {
        let b: Cidr = "10.0.1.0/24".parse().unwrap();
        for off in [0, 1, 250, 251, 1000, u64::MAX] {
            let ip = host_at(&b, off).unwrap();
            assert!(b.net().contains(&ip));
            let last = match ip {
                IpAddr::V4(v) => v.octets()[3],
                IpAddr::V6(_) => unreachable!(),
            };
            assert!((4..255).contains(&last), "{ip}");
        }
        assert_eq!(host_at(&"10.0.0.0/30".parse().unwrap(), 0), None);
        let v6: Cidr = "fd00::/64".parse().unwrap();
        assert!(v6.net().contains(&host_at(&v6, 7).unwrap()));
        let first = derive_host(&b, "i-1", |_| false).unwrap();
        let second = derive_host(&b, "i-1", |ip| ip == first).unwrap();
        assert_ne!(first, second);
    }
}
