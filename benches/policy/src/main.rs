//! Side-by-side timing of vpcplay's policy evaluator against two peer crates, `iam-rs` (an IAM
//! JSON evaluator) and `cedar-policy` (Cedar), on equivalent policies and requests, in one run.
//!
//! The policy is a VPC Lattice auth policy with three statements: allow callers of one
//! organization from one VPC, allow one role on `/rates*`, deny anonymous callers. The Cedar
//! translation carries the same three rules. Three requests exercise allow, explicit deny and
//! implicit deny. Every engine's decisions are checked against each other before timing.
//!
//! Reported: p50 nanoseconds per decision, evaluation alone and parse + evaluate, and the
//! ratios ours / theirs (below 1 means vpcplay is faster).
//!
//!   cargo run --release --manifest-path benches/policy/Cargo.toml

use std::hint::black_box;
use std::str::FromStr;
use std::time::Instant;

const ROLE: &str = "arn:aws:iam::123456789012:role/rates-client";
const OTHER: &str = "arn:aws:iam::444455556666:user/mallory";
const ANON: &str = "arn:aws:iam::999999999999:user/anonymous";
const RESOURCE: &str =
    "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0/rates";

const IAM_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OrgFromVpc",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "vpc-lattice-svcs:Invoke",
      "Resource": "*",
      "Condition": {
        "StringEquals": {
          "aws:PrincipalOrgID": "o-123456example",
          "vpc-lattice-svcs:SourceVpc": "vpc-abc123"
        }
      }
    },
    {
      "Sid": "RatesClient",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::123456789012:role/rates-client"},
      "Action": "vpc-lattice-svcs:Invoke",
      "Resource": "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0/rates*"
    },
    {
      "Sid": "NoAnonymous",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "*",
      "Resource": "*",
      "Condition": {"StringEquals": {"aws:PrincipalType": "Anonymous"}}
    }
  ]
}"#;

const CEDAR_POLICY: &str = r#"
@id("OrgFromVpc")
permit (principal, action == Action::"vpc-lattice-svcs:Invoke", resource)
when { context.orgId == "o-123456example" && context.sourceVpc == "vpc-abc123" };

@id("RatesClient")
permit (
  principal == Principal::"arn:aws:iam::123456789012:role/rates-client",
  action == Action::"vpc-lattice-svcs:Invoke",
  resource
)
when { context.resourceArn like "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0/rates*" };

@id("NoAnonymous")
forbid (principal, action, resource)
when { context.principalType == "Anonymous" };
"#;

/// One request, with what every engine must decide.
struct Case {
    name: &'static str,
    principal: &'static str,
    principal_type: &'static str,
    org: &'static str,
    vpc: &'static str,
    allowed: bool,
}

const CASES: [Case; 3] = [
    Case {
        name: "allow (role, org, vpc)",
        principal: ROLE,
        principal_type: "AssumedRole",
        org: "o-123456example",
        vpc: "vpc-abc123",
        allowed: true,
    },
    Case {
        name: "explicit deny (anonymous)",
        principal: ANON,
        principal_type: "Anonymous",
        org: "o-123456example",
        vpc: "vpc-abc123",
        allowed: false,
    },
    Case {
        name: "implicit deny (other org)",
        principal: OTHER,
        principal_type: "User",
        org: "o-other",
        vpc: "vpc-abc123",
        allowed: false,
    },
];

mod ours {
    use super::Case;
    use vpcplay_core::policy::{Caller, Policy, Request, authorize, parse_policy};

    pub fn policy(text: &str) -> Vec<Policy> {
        vec![parse_policy(text).expect("the benchmark policy parses")]
    }

    pub fn request(c: &Case) -> Request {
        Request::new(
            Caller::Principal(c.principal.into()),
            "vpc-lattice-svcs:Invoke",
            super::RESOURCE,
        )
        .with("aws:PrincipalType", [c.principal_type])
        .with("aws:PrincipalOrgID", [c.org])
        .with("vpc-lattice-svcs:SourceVpc", [c.vpc])
    }

    pub fn decide(policies: &[Policy], request: &Request) -> bool {
        authorize(policies, request).is_allowed()
    }
}

mod iam {
    use super::Case;
    use iam_rs::{
        Arn, Context, ContextValue, Decision, IAMPolicy, IAMRequest, PolicyEvaluator, Principal,
        PrincipalId,
    };

    pub fn evaluator(text: &str) -> PolicyEvaluator {
        let policy = IAMPolicy::from_json(text).expect("iam-rs parses the benchmark policy");
        PolicyEvaluator::with_policies(vec![policy])
    }

    pub fn request(c: &Case) -> IAMRequest {
        let mut context = Context::new();
        for (k, v) in [
            ("aws:PrincipalType", c.principal_type),
            ("aws:PrincipalOrgID", c.org),
            ("vpc-lattice-svcs:SourceVpc", c.vpc),
        ] {
            context.insert(k.to_string(), ContextValue::String(v.to_string()));
        }
        IAMRequest::new_with_context(
            Principal::Aws(PrincipalId::String(c.principal.to_string())),
            "vpc-lattice-svcs:Invoke",
            Arn::parse(super::RESOURCE).expect("a valid ARN"),
            context,
        )
    }

    pub fn decide(evaluator: &PolicyEvaluator, request: &IAMRequest) -> bool {
        matches!(
            evaluator.evaluate(request).map(|r| r.decision),
            Ok(Decision::Allow)
        )
    }
}

mod cedar {
    use super::Case;
    use cedar_policy::{
        Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request,
        RestrictedExpression,
    };
    use std::str::FromStr;

    pub fn policies(text: &str) -> PolicySet {
        PolicySet::from_str(text).expect("cedar parses the benchmark policy")
    }

    fn uid(kind: &str, id: &str) -> EntityUid {
        EntityUid::from_str(&format!("{kind}::{id:?}")).expect("a valid entity uid")
    }

    pub fn request(c: &Case) -> Request {
        let context = Context::from_pairs([
            (
                "principalType".to_string(),
                RestrictedExpression::new_string(c.principal_type.into()),
            ),
            (
                "orgId".to_string(),
                RestrictedExpression::new_string(c.org.into()),
            ),
            (
                "sourceVpc".to_string(),
                RestrictedExpression::new_string(c.vpc.into()),
            ),
            (
                "resourceArn".to_string(),
                RestrictedExpression::new_string(super::RESOURCE.into()),
            ),
        ])
        .expect("a valid context");
        Request::new(
            uid("Principal", c.principal),
            uid("Action", "vpc-lattice-svcs:Invoke"),
            uid("Resource", super::RESOURCE),
            context,
            None,
        )
        .expect("a valid request")
    }

    pub fn decide(
        authorizer: &Authorizer,
        policies: &PolicySet,
        entities: &Entities,
        request: &Request,
    ) -> bool {
        authorizer
            .is_authorized(request, policies, entities)
            .decision()
            == Decision::Allow
    }
}

/// p50 of the time per call of `f`, in nanoseconds: `samples` batches of `batch` calls.
fn p50(samples: usize, batch: usize, mut f: impl FnMut(usize) -> bool) -> f64 {
    let mut times = Vec::with_capacity(samples);
    let mut sink = 0usize;
    for _ in 0..samples / 10 {
        for i in 0..batch {
            sink += usize::from(f(i));
        }
    }
    for _ in 0..samples {
        let start = Instant::now();
        for i in 0..batch {
            sink += usize::from(f(i));
        }
        times.push(start.elapsed().as_nanos() as f64 / batch as f64);
    }
    black_box(sink);
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let samples: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);

    let our_policies = ours::policy(IAM_POLICY);
    let our_requests: Vec<_> = CASES.iter().map(ours::request).collect();
    let iam_evaluator = iam::evaluator(IAM_POLICY);
    let iam_requests: Vec<_> = CASES.iter().map(iam::request).collect();
    let cedar_policies = cedar::policies(CEDAR_POLICY);
    let cedar_requests: Vec<_> = CASES.iter().map(cedar::request).collect();
    let authorizer = cedar_policy::Authorizer::new();
    let entities = cedar_policy::Entities::empty();

    for (i, c) in CASES.iter().enumerate() {
        let got = [
            ours::decide(&our_policies, &our_requests[i]),
            iam::decide(&iam_evaluator, &iam_requests[i]),
            cedar::decide(&authorizer, &cedar_policies, &entities, &cedar_requests[i]),
        ];
        assert_eq!(got, [c.allowed; 3], "engines disagree on {}", c.name);
    }

    let n = CASES.len();
    let ours_eval = p50(samples, 300, |i| {
        ours::decide(&our_policies, &our_requests[i % n])
    });
    let iam_eval = p50(samples, 300, |i| {
        iam::decide(&iam_evaluator, &iam_requests[i % n])
    });
    let cedar_eval = p50(samples, 300, |i| {
        cedar::decide(
            &authorizer,
            &cedar_policies,
            &entities,
            &cedar_requests[i % n],
        )
    });
    let ours_parse = p50(samples, 30, |i| {
        ours::decide(&ours::policy(black_box(IAM_POLICY)), &our_requests[i % n])
    });
    let iam_parse = p50(samples, 30, |i| {
        iam::decide(&iam::evaluator(black_box(IAM_POLICY)), &iam_requests[i % n])
    });
    let cedar_parse = p50(samples, 30, |i| {
        let set = cedar_policy::PolicySet::from_str(black_box(CEDAR_POLICY)).expect("parses");
        cedar::decide(&authorizer, &set, &entities, &cedar_requests[i % n])
    });

    println!(
        "p50 per decision, {samples} samples, 3 requests (allow, explicit deny, implicit deny)"
    );
    println!();
    println!(
        "{:<20} {:>14} {:>18}",
        "engine", "evaluate (ns)", "parse+evaluate (ns)"
    );
    for (name, e, p) in [
        ("vpcplay", ours_eval, ours_parse),
        ("iam-rs 0.8.0", iam_eval, iam_parse),
        ("cedar-policy 4.14.1", cedar_eval, cedar_parse),
    ] {
        println!("{name:<20} {e:>14.0} {p:>18.0}");
    }
    println!();
    println!(
        "ratio ours/theirs    {:>14} {:>18}",
        "evaluate", "parse+evaluate"
    );
    println!(
        "  vs iam-rs          {:>14.2} {:>18.2}",
        ours_eval / iam_eval,
        ours_parse / iam_parse
    );
    println!(
        "  vs cedar-policy    {:>14.2} {:>18.2}",
        ours_eval / cedar_eval,
        ours_parse / cedar_parse
    );
}
