//! R-RGW-05: a resource gateway reaches resources of its own address family. An IPv4 gateway
//! cannot serve an IPv6 resource, whatever the address (inside the VPC's IPv6 block or not),
//! and an IPv6-only gateway cannot serve an IPv4 one; a dual-stack gateway serves both.

use vpcplay_core::model::{load, validate};

fn doc(gateway_type: &str, ip: &str) -> String {
    format!(
        r#"{{
  "version": 1,
  "vpcs": [{{ "id": "vpc-1", "cidrs": ["10.0.0.0/16", "fd00:10::/56"] }}],
  "subnets": [
    {{ "id": "sub-4", "vpc": "vpc-1", "cidr": "10.0.1.0/24", "zone": "use1-az1" }},
    {{ "id": "sub-46", "vpc": "vpc-1", "cidr": "10.0.2.0/24", "ipv6_cidr": "fd00:10:0:2::/64", "zone": "use1-az1" }},
    {{ "id": "sub-6", "vpc": "vpc-1", "cidr": "fd00:10:0:6::/64", "zone": "use1-az1" }}
  ],
  "resource_gateways": [{{ "id": "rgw-1", "vpc": "vpc-1", "subnets": ["{subnet}"], "ip_address_type": "{gateway_type}" }}],
  "resource_configurations": [
    {{ "id": "rc-1", "type": "single", "gateway": "rgw-1", "port_ranges": [5432], "definition": {{ "ip": "{ip}" }} }}
  ]
}}"#,
        subnet = match gateway_type {
            "ipv4" => "sub-4",
            "ipv6" => "sub-6",
            _ => "sub-46",
        }
    )
}

fn codes(gateway_type: &str, ip: &str) -> Vec<String> {
    let d = load(&doc(gateway_type, ip)).unwrap_or_else(|e| panic!("{gateway_type} {ip}: {e}"));
    validate(&d)
        .into_iter()
        .filter(|f| f.is_error())
        .map(|f| f.code.as_str().to_string())
        .collect()
}

#[test]
fn an_ipv6_resource_behind_an_ipv4_gateway_is_refused_whatever_the_address() {
    for ip in ["fd00:10:0:1::80", "fd00:99::1", "2001:db8::1"] {
        assert!(
            codes("ipv4", ip).contains(&"resource_gateway_ip_type".to_string()),
            "{ip}: {:?}",
            codes("ipv4", ip)
        );
    }
    assert!(codes("ipv6", "10.0.1.80").contains(&"resource_gateway_ip_type".to_string()));
}

#[test]
fn matching_families_are_accepted() {
    assert_eq!(codes("ipv4", "10.0.1.80"), Vec::<String>::new());
    assert_eq!(codes("dualstack", "10.0.1.80"), Vec::<String>::new());
    assert_eq!(codes("dualstack", "fd00:10:0:2::80"), Vec::<String>::new());
}
