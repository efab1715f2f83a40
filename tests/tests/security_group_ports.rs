//! Security group port ranges as the EC2 API takes them: for TCP and UDP a range runs from 0 to
//! 65535, and `0-65535` is what the console's "All TCP" writes
//! (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html: "the start of
//! port range for the TCP and UDP protocols"; R-VPC-03).

use vpcplay_core::model::{Topology, load, validate};
use vpcplay_core::trace::{Request, Verdict, trace};

fn doc(ports: &str) -> String {
    format!(
        r#"{{
  "version": 1,
  "vpcs": [{{ "id": "vpc-1", "cidrs": ["10.0.0.0/16"] }}],
  "subnets": [{{ "id": "sub-1", "vpc": "vpc-1", "cidr": "10.0.1.0/24", "zone": "use1-az1" }}],
  "security_groups": [
    {{ "id": "sg-client", "vpc": "vpc-1", "egress": [{{ "protocol": "tcp", "ports": "0-65535", "cidr": "0.0.0.0/0" }}] }},
    {{ "id": "sg-server", "vpc": "vpc-1", "ingress": [{{ "protocol": "tcp", "ports": {ports}, "cidr": "10.0.0.0/16" }}] }}
  ],
  "instances": [
    {{ "id": "i-client", "subnet": "sub-1", "ip": "10.0.1.10", "security_groups": ["sg-client"] }},
    {{ "id": "i-server", "subnet": "sub-1", "ip": "10.0.1.20", "security_groups": ["sg-server"] }}
  ]
}}"#
    )
}

#[test]
fn all_tcp_is_a_valid_range_and_admits_every_port() {
    let text = doc(r#""0-65535""#);
    let findings = validate(&load(&text).unwrap());
    assert!(findings.is_empty(), "{findings:?}");
    let t = Topology::from_json(&text).unwrap();
    for port in [1, 443, 8443, 65535] {
        let mut r = Request::new(
            "i-client",
            "i-server",
            vpcplay_core::model::flow::RequestProtocol::Tcp,
            Some(port),
        );
        r.seed = 0;
        let v = trace(&t, &r).verdict;
        assert!(matches!(v, Verdict::Delivered { .. }), "port {port}: {v:?}");
    }
}

#[test]
fn a_range_that_runs_backwards_or_past_65535_is_still_refused() {
    for bad in [r#""30-20""#, r#""0-70000""#] {
        let text = doc(bad);
        // A range past 65535 is not even a port range: refused when read.
        if let Ok(d) = load(&text) {
            assert!(
                validate(&d)
                    .iter()
                    .any(|f| f.code.as_str() == "port_range_invalid"),
                "{bad}"
            );
        }
    }
}
