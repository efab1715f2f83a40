//! Policy JSON from anywhere (a URL fragment, a pasted document) must never panic: it parses
//! or is refused with a position, and whatever parses can be linted, evaluated and explained.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vpcplay_core::policy::{Caller, Request, authorize, explain, lint, parse_policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The same bytes are also tried as a request file.
    let _ = Request::from_json(text);
    match parse_policy(text) {
        Ok(policy) => {
            let _ = lint(&policy);
            let policies = [policy];
            for caller in [
                Caller::Anonymous,
                Caller::Principal("arn:aws:sts::123456789012:assumed-role/app/s".into()),
            ] {
                let request = Request::new(
                    caller,
                    "vpc-lattice-svcs:Invoke",
                    "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0/rates",
                )
                .with("aws:SourceIp", ["10.0.0.7"])
                .with("aws:CurrentTime", ["2024-05-01T12:00:00Z"])
                .with("vpc-lattice-svcs:Port", ["443"])
                .with("vpc-lattice-svcs:RequestQueryString/color", ["red", "blue"]);
                let decision = authorize(&policies, &request);
                let _ = explain(&policies, &request, &decision).to_string();
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(e.pos.line >= 1 && e.pos.column >= 1, "{message}");
        }
    }
});
