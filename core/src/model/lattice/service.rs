//! VPC Lattice services.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::listener::Listener;
use super::service_network::AuthType;
use crate::model::common::Position;
use crate::model::id::{AccountId, RegionId, ServiceId};

/// A VPC Lattice service.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub id: ServiceId,
    pub name: Option<String>,
    pub account: Option<AccountId>,
    pub region: Option<RegionId>,
    pub auth_type: AuthType,
    /// The auth policy as IAM policy JSON.
    pub auth_policy: Option<crate::json::Value>,
    /// The DNS name VPC Lattice generated; see [`Service::generated_dns_name`] when absent.
    pub dns_name: Option<String>,
    /// A custom domain name, such as `orders.example.com`.
    pub custom_domain: Option<String>,
    pub listeners: Vec<Listener>,
    pub position: Option<Position>,
}

crate::json_struct!(Service {
    id: req,
    name: opt,
    account: opt,
    region: opt,
    auth_type: opt,
    auth_policy: opt,
    dns_name: opt,
    custom_domain: opt,
    listeners: opt,
    position: opt,
});

impl Service {
    /// The DNS name: `dns_name` when the document gives one, otherwise a name in the shape VPC
    /// Lattice generates, `<id>-<hash>.<hash>.vpc-lattice-svcs.<region>.on.aws`, derived from the
    /// id so it is stable.
    pub fn generated_dns_name(&self, region: &str) -> String {
        if let Some(name) = &self.dns_name {
            return name.clone();
        }
        let h = fnv1a(self.id.as_str().as_bytes());
        format!(
            "{}-{:07x}.{:07x}.vpc-lattice-svcs.{region}.on.aws",
            self.id,
            h & 0x0fff_ffff,
            (h >> 28) & 0x0fff_ffff
        )
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
