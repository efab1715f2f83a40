//! Determinism: a trace serialised to JSON is byte-for-byte the golden string below. The wasm
//! test suite compares the same trace with the same golden string, so native and browser agree.

use std::path::PathBuf;

use vpcplay_core::model::Topology;
use vpcplay_core::trace::{Request, trace};

/// The trace of the first flow of scenario S41 (TCP 5432 through a resource endpoint).
pub const GOLDEN_S41: &str = r##"{"hops":[{"component":"i-client","kind":"instance","what":"`i-client` (10.0.1.10) in subnet sub-client-a sends the request","packet":{"source":"10.0.1.10","destination":null,"protocol":"tcp","port":5432}},{"component":"dns","kind":"dns","what":"`vpce-rc-db.rc-db.vpc-lattice-rsc.us-east-1.on.aws` resolves to 10.0.1.4 through the resource endpoint vpce-rc-db","packet":{"source":"10.0.1.10","destination":null,"protocol":"tcp","port":5432},"cites":"R-IFE-05"},{"component":"sg-client","kind":"security_group","what":"outbound tcp 5432 to 10.0.1.4 allowed; the reply is allowed because the group is stateful","packet":{"source":"10.0.1.10","destination":"10.0.1.4","protocol":"tcp","port":5432},"rule":"sg-client outbound #0: all all ports to 0.0.0.0/0","cites":"R-VPC-04"},{"component":"sub-client-a","kind":"route_table","what":"10.0.1.4 takes the most specific matching route, 10.0.0.0/16 -> local","packet":{"source":"10.0.1.10","destination":"10.0.1.4","protocol":"tcp","port":5432},"rule":"10.0.0.0/16 -> local","cites":"R-VPC-01"},{"component":"sg-rep","kind":"security_group","what":"inbound tcp 5432 from 10.0.1.10 allowed; the reply is allowed because the group is stateful","packet":{"source":"10.0.1.10","destination":"10.0.1.4","protocol":"tcp","port":5432},"rule":"sg-rep inbound #0: tcp 1-65535 from sg-client","cites":"R-VPC-04"},{"component":"vpce-rc-db","kind":"resource_endpoint","what":"the resource endpoint vpce-rc-db in sub-client-a receives the request","packet":{"source":"10.0.1.10","destination":"10.0.1.4","protocol":"tcp","port":5432},"cites":"R-RC-05"},{"component":"rc-db","kind":"resource_configuration","what":"port 5432 is within the port ranges of rc-db, served by the resource gateway rgw-1","packet":{"source":"10.0.1.10","destination":"10.0.1.4","protocol":"tcp","port":5432},"cites":"R-RC-03"},{"component":"rgw-1","kind":"resource_gateway","what":"the resource gateway rgw-1 in use1-az1 rewrites the source to its address 10.2.1.106 and connects to 10.2.1.50","packet":{"source":"10.2.1.106","destination":"10.0.1.4","protocol":"tcp","port":5432},"cites":"R-RGW-01"},{"component":"sg-rgw","kind":"security_group","what":"outbound tcp 5432 to 10.2.1.50 allowed; the reply is allowed because the group is stateful","packet":{"source":"10.2.1.106","destination":"10.2.1.50","protocol":"tcp","port":5432},"rule":"sg-rgw outbound #0: tcp 5432 to 10.2.0.0/16","cites":"R-VPC-04"},{"component":"sub-db-a","kind":"route_table","what":"10.2.1.50 takes the most specific matching route, 10.2.0.0/16 -> local","packet":{"source":"10.2.1.106","destination":"10.2.1.50","protocol":"tcp","port":5432},"rule":"10.2.0.0/16 -> local","cites":"R-VPC-01"},{"component":"sg-db","kind":"security_group","what":"inbound tcp 5432 from 10.2.1.106 allowed; the reply is allowed because the group is stateful","packet":{"source":"10.2.1.106","destination":"10.2.1.50","protocol":"tcp","port":5432},"rule":"sg-db inbound #0: tcp 5432 from sg-rgw","cites":"R-VPC-04"}],"verdict":{"verdict":"delivered","target":"db-orders","kind":"database","address":"10.2.1.50","port":5432}}"##;

fn s41() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/s41-resource-configuration-port-range/topology.json");
    let topology = Topology::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let flow = &topology.document().flows[0];
    trace(&topology, &Request::from(&flow.request)).to_json()
}

#[test]
fn trace_json_matches_the_golden_string() {
    let got = s41();
    assert_eq!(got, GOLDEN_S41, "\nactual:\n{got}\n");
    assert_eq!(s41(), got, "the same input gives the same trace");
}
