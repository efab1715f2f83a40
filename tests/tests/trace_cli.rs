//! `vpcplay trace` on documents as people write them: a document with errors away from the
//! request is traced with a warning, one whose errors touch the request's path is refused, and
//! the request keeps what it was given.

use std::path::PathBuf;

const BROKEN_ELSEWHERE: &str = r#"{
  "version": 1,
  "regions": [{ "id": "us-east-1", "zones": ["use1-az1"] }],
  "vpcs": [
    { "id": "vpc-a", "cidrs": ["10.0.0.0/16"] },
    { "id": "vpc-b", "cidrs": ["10.1.0.0/16"] }
  ],
  "subnets": [
    { "id": "sub-a", "vpc": "vpc-a", "zone": "use1-az1", "cidr": "10.0.1.0/24" },
    { "id": "sub-b", "vpc": "vpc-b", "zone": "use1-az1", "cidr": "10.9.1.0/24" }
  ],
  "security_groups": [
    { "id": "sg-web", "vpc": "vpc-a", "ingress": [{ "protocol": "tcp", "ports": 443, "cidr": "10.0.0.0/16" }] }
  ],
  "instances": [
    { "id": "i-client", "subnet": "sub-a", "ip": "10.0.1.10" },
    { "id": "i-web", "subnet": "sub-a", "ip": "10.0.1.20", "security_groups": ["sg-web"] },
    { "id": "i-b", "subnet": "sub-b" }
  ],
  "flows": [
    {
      "name": "tagged caller", "rules": [],
      "request": {
        "from": "i-client", "to": "i-web", "protocol": "https", "path": "/orders",
        "query": "region=eu", "headers": { "X-Beta": "YES" },
        "principal": "arn:aws:iam::111111111111:role/app", "account": "111111111111",
        "principal_tags": { "team": "orders" }
      }
    }
  ]
}"#;

/// The document written to a file of its own, for the command to read.
fn file(name: &str, text: &str) -> String {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("vpcplay-trace-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// Runs `vpcplay trace` with `args`: the exit code, standard output and standard error.
fn trace(args: &[&str]) -> (u8, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = vpcplay_core::trace::cli::trace_command(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn a_document_with_errors_away_from_the_request_is_traced_with_a_warning() {
    let path = file("elsewhere.json", BROKEN_ELSEWHERE);
    let (code, out, err) = trace(&[
        &path,
        "--from",
        "i-client",
        "--to",
        "i-web",
        "--protocol",
        "https",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("delivered to `i-web`"), "{out}");
    assert!(err.starts_with("warning:"), "{err}");
    assert!(err.contains("subnet_outside_vpc"), "{err}");
    assert!(err.contains("`sub-b`") && err.contains("`i-b`"), "{err}");
}

#[test]
fn a_document_whose_errors_touch_the_request_is_refused() {
    let path = file("touching.json", BROKEN_ELSEWHERE);
    // From an object inside the broken subnet.
    let (code, out, err) = trace(&[
        &path,
        "--from",
        "i-b",
        "--to",
        "i-web",
        "--protocol",
        "https",
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("touch this request's path"), "{err}");
    assert!(err.contains("subnet_outside_vpc"), "{err}");
    // To it.
    let (code, _, err) = trace(&[&path, "--from", "i-client", "--to", "i-b"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn an_error_in_the_request_s_own_vpc_refuses_it() {
    let text = BROKEN_ELSEWHERE.replacen(
        r#""security_groups": ["#,
        r#""route_tables": [
    { "id": "rtb-stray", "vpc": "vpc-a", "routes": [{ "destination": "0.0.0.0/0", "target": { "nat_gateway": "nat-missing" } }] }
  ],
  "security_groups": ["#,
        1,
    );
    let path = file("same-vpc.json", &text);
    let (code, _, err) = trace(&[
        &path,
        "--from",
        "i-client",
        "--to",
        "i-web",
        "--protocol",
        "https",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`rtb-stray`"), "{err}");
}

#[test]
fn a_saved_flow_keeps_every_field_and_the_case_of_its_headers() {
    let path = file("flow.json", BROKEN_ELSEWHERE);
    let (code, out, err) = trace(&[&path, "--flow", "tagged caller"]);
    assert_eq!(code, 0, "{out}{err}");
    let request = out.lines().next().unwrap();
    for part in [
        "GET /orders?region=eu",
        "X-Beta: YES",
        "as arn:aws:iam::111111111111:role/app",
        "tag team=orders",
        "account 111111111111",
    ] {
        assert!(request.contains(part), "{part} is not in {request}");
    }
    let (code, out, _) = trace(&[
        &path,
        "--flow",
        "tagged caller",
        "--header",
        "X-Trace-Id:Abc",
        "--source-ip",
        "10.0.1.10",
    ]);
    assert_eq!(code, 0);
    let request = out.lines().next().unwrap();
    assert!(
        request.contains("X-Trace-Id: Abc") && !request.contains("X-Beta"),
        "{request}"
    );
    assert!(request.contains("source 10.0.1.10"), "{request}");
}

#[test]
fn an_unknown_source_or_flow_is_a_usage_error() {
    let path = file("unknown.json", BROKEN_ELSEWHERE);
    let (code, _, err) = trace(&[&path, "--from", "i-nope", "--to", "i-web"]);
    assert_eq!(code, 2);
    assert!(err.contains("no object `i-nope`"), "{err}");
    let (code, _, err) = trace(&[&path, "--flow", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("no flow `nope`"), "{err}");
}
