//! Network arithmetic: CIDR blocks, address counts, containment.

mod cidr;

pub use cidr::{Cidr, CidrError, group_thousands};
