//! Accounts and Regions: who owns an object and where it lives.

use alloc::string::String;
use alloc::vec::Vec;

use super::id::{AccountId, RegionId, ZoneId};

/// The account used for objects that name none, when the document declares no account.
pub const DEFAULT_ACCOUNT: &str = "111111111111";
/// The Region used for objects that name none, when the document declares no Region.
pub const DEFAULT_REGION: &str = "us-east-1";

/// An AWS account, optionally in an organization.
#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    pub id: AccountId,
    pub name: Option<String>,
    /// The organization id, such as `o-a1b2c3d4e5`.
    pub org: Option<String>,
}

crate::json_struct!(Account {
    id: req,
    name: opt,
    org: opt,
});

/// A Region and the Availability Zones (by zone id) the document uses in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub id: RegionId,
    /// Zone ids such as `use1-az1`. Zone ids, unlike zone names, mean the same zone in every
    /// account, which is what endpoint and gateway zone checks compare.
    pub zones: Vec<ZoneId>,
}

crate::json_struct!(Region {
    id: req,
    zones: opt,
});
