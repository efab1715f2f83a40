//! Side-by-side timing of vpcplay's policy evaluator against two peer crates, `iam-rs` (an IAM
//! JSON evaluator) and `cedar-policy` (Cedar), on equivalent policies and requests, in one run.
//!
//! Two policies:
//! - a VPC Lattice auth policy with three statements: allow callers of one organization from one
//!   VPC, allow one role on `/rates*`, deny anonymous callers;
//! - fifty statements with policy variables: forty-eight allow a path under
//!   `users/${aws:username}/` or `teams/${aws:PrincipalTag/team}/` to callers of one
//!   organization, one denies anonymous callers and one denies `admin` paths. Cedar has no
//!   policy variables (a `like` pattern is a literal), so it runs the variable-free twin, the
//!   same statements written for the one caller (`users/alice/`, `teams/payments/`); vpcplay
//!   and iam-rs run both, so the cost of the variables shows on its own.
//!
//! Three requests per policy exercise allow (by the last allow statement, so every statement is
//! read), explicit deny and implicit deny. Every engine's decisions are checked against the
//! expected ones before timing.
//!
//! Reported: p50 nanoseconds per decision. The like-for-like column is parse + evaluate: each
//! engine reads the policy text and decides. Evaluate-only is secondary: vpcplay parses a policy
//! once into a prepared form (patterns split, variables into templates) and evaluates that,
//! while iam-rs has no prepared form: it keeps the parsed JSON values and interpolates
//! variables and builds each ARN matcher again on every request. Ratios are ours / theirs
//! (below 1 means vpcplay is faster).
//!
//!   benches/policy/run.sh [SAMPLES]
//!   (or: cargo run --release --manifest-path benches/policy/Cargo.toml -- [SAMPLES])

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
    /// `aws:username` and `aws:PrincipalTag/team`, given to the engines only when set.
    username: Option<&'static str>,
    team: Option<&'static str>,
    resource: String,
    allowed: bool,
}

/// A policy in IAM JSON and in Cedar, and the requests to decide.
struct Suite {
    name: &'static str,
    iam: String,
    cedar: String,
    cases: Vec<Case>,
}

fn small() -> Suite {
    let case = |name, principal, principal_type, org, allowed| Case {
        name,
        principal,
        principal_type,
        org,
        vpc: "vpc-abc123",
        username: None,
        team: None,
        resource: RESOURCE.to_string(),
        allowed,
    };
    Suite {
        name: "3 statements (auth policy: organization and VPC, one role, no anonymous)",
        iam: IAM_POLICY.to_string(),
        cedar: CEDAR_POLICY.to_string(),
        cases: vec![
            case(
                "allow (role, org, vpc)",
                ROLE,
                "AssumedRole",
                "o-123456example",
                true,
            ),
            case(
                "explicit deny (anonymous)",
                ANON,
                "Anonymous",
                "o-123456example",
                false,
            ),
            case("implicit deny (other org)", OTHER, "User", "o-other", false),
        ],
    }
}

const SVC: &str = "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0";
const ALICE: &str = "arn:aws:iam::123456789012:user/alice";

/// The fifty-statement policy: with policy variables, or its twin written for alice of the
/// payments team.
fn fifty(variables: bool) -> Suite {
    let (user, team) = if variables {
        ("${aws:username}", "${aws:PrincipalTag/team}")
    } else {
        ("alice", "payments")
    };
    let path = |i: usize| {
        if i % 2 == 0 {
            format!("{SVC}/app{i:02}/users/{user}/*")
        } else {
            format!("{SVC}/app{i:02}/teams/{team}/*")
        }
    };
    let mut statements: Vec<String> = (0..48)
        .map(|i| {
            format!(
                r#"{{"Sid": "App{i:02}", "Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "{}", "Condition": {{"StringEquals": {{"aws:PrincipalOrgID": "o-123456example"}}}}}}"#,
                path(i)
            )
        })
        .collect();
    statements.push(r#"{"Sid": "NoAnonymous", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalType": "Anonymous"}}}"#.to_string());
    statements.push(format!(
        r#"{{"Sid": "NoAdmin", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "{SVC}/*/admin/*"}}"#
    ));
    let iam = format!(
        "{{\"Version\": \"2012-10-17\", \"Statement\": [\n{}\n]}}",
        statements.join(",\n")
    );
    let mut cedar: String = (0..48)
        .map(|i| {
            let literal = if i % 2 == 0 {
                format!("{SVC}/app{i:02}/users/alice/*")
            } else {
                format!("{SVC}/app{i:02}/teams/payments/*")
            };
            format!(
                "@id(\"App{i:02}\")\npermit (principal, action == Action::\"vpc-lattice-svcs:Invoke\", resource)\nwhen {{ context.resourceArn like \"{literal}\" && context.orgId == \"o-123456example\" }};\n"
            )
        })
        .collect();
    cedar.push_str(
        "@id(\"NoAnonymous\")\nforbid (principal, action, resource)\nwhen { context.principalType == \"Anonymous\" };\n",
    );
    cedar.push_str(&format!(
        "@id(\"NoAdmin\")\nforbid (principal, action, resource)\nwhen {{ context.resourceArn like \"{SVC}/*/admin/*\" }};\n"
    ));
    let case = |name, principal, principal_type, org, resource: String, allowed| Case {
        name,
        principal,
        principal_type,
        org,
        vpc: "vpc-abc123",
        username: Some("alice"),
        team: Some("payments"),
        resource,
        allowed,
    };
    Suite {
        name: if variables {
            "50 statements with ${aws:username} and ${aws:PrincipalTag/team} (Cedar: the twin)"
        } else {
            "50 statements, the variable-free twin"
        },
        iam,
        cedar,
        cases: vec![
            case(
                "allow (the 48th statement, teams/payments)",
                ALICE,
                "User",
                "o-123456example",
                format!("{SVC}/app47/teams/payments/q3.csv"),
                true,
            ),
            case(
                "explicit deny (admin path)",
                ALICE,
                "User",
                "o-123456example",
                format!("{SVC}/app46/admin/users"),
                false,
            ),
            case(
                "implicit deny (other org)",
                ALICE,
                "User",
                "o-other",
                format!("{SVC}/app46/users/alice/profile"),
                false,
            ),
        ],
    }
}

mod ours {
    use super::Case;
    use vpcplay_core::policy::{Caller, Policy, Request, authorize, parse_policy};

    pub fn policy(text: &str) -> Vec<Policy> {
        vec![parse_policy(text).expect("the benchmark policy parses")]
    }

    pub fn request(c: &Case) -> Request {
        let mut r = Request::new(
            Caller::Principal(c.principal.into()),
            "vpc-lattice-svcs:Invoke",
            &c.resource,
        )
        .with("aws:PrincipalType", [c.principal_type])
        .with("aws:PrincipalOrgID", [c.org])
        .with("vpc-lattice-svcs:SourceVpc", [c.vpc]);
        if let Some(u) = c.username {
            r.set("aws:username", [u]);
        }
        if let Some(t) = c.team {
            r.set("aws:PrincipalTag/team", [t]);
        }
        r
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
        let optional = [
            ("aws:username", c.username),
            ("aws:PrincipalTag/team", c.team),
        ];
        let given = optional.iter().filter_map(|(k, v)| v.map(|v| (*k, v)));
        for (k, v) in [
            ("aws:PrincipalType", c.principal_type),
            ("aws:PrincipalOrgID", c.org),
            ("vpc-lattice-svcs:SourceVpc", c.vpc),
        ]
        .into_iter()
        .chain(given)
        {
            context.insert(k.to_string(), ContextValue::String(v.to_string()));
        }
        IAMRequest::new_with_context(
            Principal::Aws(PrincipalId::String(c.principal.to_string())),
            "vpc-lattice-svcs:Invoke",
            Arn::parse(&c.resource).expect("a valid ARN"),
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
                RestrictedExpression::new_string(c.resource.clone()),
            ),
        ])
        .expect("a valid context");
        Request::new(
            uid("Principal", c.principal),
            uid("Action", "vpc-lattice-svcs:Invoke"),
            uid("Resource", &c.resource),
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

/// p50 nanoseconds per decision of each engine on one suite: (evaluate, parse + evaluate).
/// `cedar` is the suite whose Cedar text Cedar runs (the twin, for a policy with variables).
fn measure(samples: usize, suite: &Suite, cedar_suite: &Suite) -> [(f64, f64); 3] {
    let our_policies = ours::policy(&suite.iam);
    let our_requests: Vec<_> = suite.cases.iter().map(ours::request).collect();
    let iam_evaluator = iam::evaluator(&suite.iam);
    let iam_requests: Vec<_> = suite.cases.iter().map(iam::request).collect();
    let cedar_policies = cedar::policies(&cedar_suite.cedar);
    let cedar_requests: Vec<_> = cedar_suite.cases.iter().map(cedar::request).collect();
    let authorizer = cedar_policy::Authorizer::new();
    let entities = cedar_policy::Entities::empty();

    for (i, c) in suite.cases.iter().enumerate() {
        let got = [
            ours::decide(&our_policies, &our_requests[i]),
            iam::decide(&iam_evaluator, &iam_requests[i]),
        ];
        assert_eq!(
            got, [c.allowed; 2],
            "engines disagree on {}: {}",
            suite.name, c.name
        );
    }
    for (i, c) in cedar_suite.cases.iter().enumerate() {
        let got = cedar::decide(&authorizer, &cedar_policies, &entities, &cedar_requests[i]);
        assert_eq!(
            got, c.allowed,
            "cedar disagrees on {}: {}",
            cedar_suite.name, c.name
        );
    }

    let n = suite.cases.len();
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
        ours::decide(&ours::policy(black_box(&suite.iam)), &our_requests[i % n])
    });
    let iam_parse = p50(samples, 30, |i| {
        iam::decide(&iam::evaluator(black_box(&suite.iam)), &iam_requests[i % n])
    });
    let cedar_parse = p50(samples, 30, |i| {
        let set = cedar_policy::PolicySet::from_str(black_box(&cedar_suite.cedar)).expect("parses");
        cedar::decide(&authorizer, &set, &entities, &cedar_requests[i % n])
    });
    [
        (ours_eval, ours_parse),
        (iam_eval, iam_parse),
        (cedar_eval, cedar_parse),
    ]
}

fn report(suite: &Suite, cedar_note: &str, r: &[(f64, f64); 3]) {
    println!("{}", suite.name);
    println!(
        "  {:<28} {:>20} {:>20}",
        "engine", "parse+evaluate (ns)", "evaluate only* (ns)"
    );
    for (name, (e, p)) in ["vpcplay", "iam-rs 0.8.0", "cedar-policy 4.14.1"]
        .iter()
        .zip(r)
    {
        let name = if name.starts_with("cedar") {
            format!("{name}{cedar_note}")
        } else {
            (*name).to_string()
        };
        println!("  {name:<28} {p:>20.0} {e:>20.0}");
    }
    println!("  ratio ours/theirs");
    for (name, (e, p)) in ["vs iam-rs", "vs cedar-policy"].iter().zip(&r[1..]) {
        println!("    {name:<26} {:>20.2} {:>20.2}", r[0].1 / p, r[0].0 / e);
    }
    println!();
}

fn main() {
    let samples: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);

    println!(
        "p50 per decision, {samples} samples, 3 requests per policy (allow, explicit deny, implicit deny)"
    );
    println!();
    let small = small();
    let r = measure(samples, &small, &small);
    report(&small, "", &r);
    let twin = fifty(false);
    let with_variables = fifty(true);
    let rv = measure(samples, &with_variables, &twin);
    report(&with_variables, " (twin)", &rv);
    let rt = measure(samples, &twin, &twin);
    report(&twin, "", &rt);
    println!(
        "scaling from 3 to 50 statements, parse+evaluate (the 50 with variables; Cedar the twin)"
    );
    for (i, name) in ["vpcplay", "iam-rs 0.8.0", "cedar-policy 4.14.1"]
        .iter()
        .enumerate()
    {
        println!("  {name:<28} {:>8.1}x", rv[i].1 / r[i].1);
    }
    println!();
    println!(
        "* evaluate only compares vpcplay's prepared form (the policy parsed once: patterns split,"
    );
    println!(
        "  variables into templates) with iam-rs, which has none: it interpolates variables and"
    );
    println!(
        "  builds each ARN matcher again on every request. Parse + evaluate is the like-for-like"
    );
    println!("  comparison.");
}
