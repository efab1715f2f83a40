//! Network arithmetic: CIDR blocks, address counts, containment, route selection, security
//! groups and DNS names.

pub mod address;
pub mod aws_ranges;
mod cidr;
pub mod dns;
pub mod route;
pub mod security_group;

pub use cidr::{Cidr, CidrError, group_thousands};
