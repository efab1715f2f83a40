//! The core's public API, used from a std crate exactly as the web app and the CLI use it.

use vpcplay_core::net::{Cidr, CidrError};

#[test]
fn vpc_label_comes_from_the_cidr() {
    let c: Cidr = "172.31.0.0/16".parse().expect("valid");
    assert_eq!(c.summary(), "172.31.0.0/16 · 65,536 addresses");
}

#[test]
fn errors_are_std_errors_with_plain_messages() {
    let e: Box<dyn std::error::Error> = Box::new("nope".parse::<Cidr>().unwrap_err());
    assert!(e.to_string().starts_with("`nope` is not a CIDR block"));
    assert!(matches!(
        "10.0.0.1/8".parse::<Cidr>(),
        Err(CidrError::HostBitsSet { .. })
    ));
}
