//! The `vpcplay` command line: the simulator core, natively, for documentation builds and CI.

use std::process::ExitCode;

use vpcplay_core::json::write::key;
use vpcplay_core::model::codec::ToJson;

const USAGE: &str = "\
vpcplay — simulate AWS private networking from the command line

usage:
  vpcplay cidr CIDR...                  summarise CIDR blocks (address counts)
  vpcplay validate [FILE|-] [--json]    check a topology document (standard input without FILE);
                                        exit 0 when clean, 1 with errors, 2 when unreadable
  vpcplay gen --objects N [--seed S]    print a valid synthetic topology of about N objects
  vpcplay trace FILE (--from ID --to ID|DNS|IP | --flow NAME) [--protocol P] [--port N]
                [--method M] [--path P] [--query Q] [--header K:V ...]
                [--principal ARN|anonymous] [--signed true|false] [--principal-tag K=V ...]
                [--principal-org-id ID] [--principal-is-aws-service true|false]
                [--account ID] [--source-ip IP] [--seed N] [--json]
                                        follow one request hop by hop to its verdict; `--flow`
                                        replays a saved flow, the other options override its
                                        fields; exit 0 delivered or answered, 1 blocked, 2 when
                                        the request is wrong (an unknown `--from` included)
  vpcplay check PATH...                 run every flow with an `expect` in the documents found, and
                                        check each `*.invalid.json` is refused for the codes in its
                                        `expect_invalid`; one line per mismatch, then
                                        `N passed, N failed`; exit 2 when a path holds no documents
  vpcplay authorize --policy FILE... --request FILE [--json]
                                        evaluate a request against IAM-style policies
  vpcplay share [FILE|-] [--base URL]   print a link that carries the whole topology
                                        (default base https://vpcplay.dev/)
  vpcplay open URL|FRAGMENT|-           print the topology a link carries, as JSON;
                                        exit 2 when the link does not open
  vpcplay --version                     print the version
  vpcplay --help                        print this help
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    run(&args, &mut out, &mut err)
}

fn run(args: &[String], out: &mut dyn std::io::Write, err: &mut dyn std::io::Write) -> ExitCode {
    let Some((command, rest)) = args.split_first() else {
        let _ = write!(err, "{USAGE}");
        return ExitCode::from(2);
    };
    match command.as_str() {
        "--help" | "-h" | "help" => {
            let _ = write!(out, "{USAGE}");
            ExitCode::SUCCESS
        }
        "--version" | "-V" => {
            let _ = writeln!(out, "vpcplay {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        "cidr" => cidr(rest, out, err),
        "validate" => validate(rest, out, err),
        "gen" => generate(rest, out, err),
        "trace" => ExitCode::from(vpcplay_core::trace::cli::trace_command(rest, out, err)),
        "check" => ExitCode::from(vpcplay_core::trace::cli::check_command(rest, out, err)),
        "authorize" => ExitCode::from(vpcplay_core::policy::cli::authorize_command(rest, out, err)),
        "share" => share(rest, out, err),
        "open" => open(rest, out, err),
        other => {
            let _ = writeln!(err, "error: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn cidr(args: &[String], out: &mut dyn std::io::Write, err: &mut dyn std::io::Write) -> ExitCode {
    if args.is_empty() {
        let _ = writeln!(err, "error: `vpcplay cidr` needs at least one CIDR block");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for arg in args {
        match arg.parse::<vpcplay_core::net::Cidr>() {
            Ok(c) => {
                let _ = writeln!(out, "{}", c.summary());
            }
            Err(e) => {
                failed = true;
                let _ = writeln!(err, "error: {e}");
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn validate(
    args: &[String],
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> ExitCode {
    use vpcplay_core::model::{Severity, load_slice, validate};

    let json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    if let Some(flag) = files.iter().find(|a| a.starts_with("--")) {
        let _ = writeln!(err, "error: unknown option `{flag}` for `vpcplay validate`");
        return ExitCode::from(2);
    }
    if files.len() > 1 {
        let _ = writeln!(
            err,
            "error: `vpcplay validate` checks one document at a time"
        );
        return ExitCode::from(2);
    }
    let name = files.first().map_or("-", |f| f.as_str());
    let bytes = match read_input(name) {
        Ok(b) => b,
        Err(e) => return unreadable(json, &format!("cannot read `{name}`: {e}"), out, err),
    };
    let doc = match load_slice(&bytes) {
        Ok(d) => d,
        Err(e) => return unreadable(json, &format!("`{name}`: {e}"), out, err),
    };
    let diagnostics = validate(&doc);
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    if json {
        // Keys in alphabetical order, as this report has always been written.
        let mut report = String::from("{");
        key(&mut report, "diagnostics");
        diagnostics.write_json(&mut report);
        key(&mut report, "errors");
        errors.write_json(&mut report);
        key(&mut report, "file");
        name.write_json(&mut report);
        key(&mut report, "valid");
        (errors == 0).write_json(&mut report);
        key(&mut report, "warnings");
        warnings.write_json(&mut report);
        report.push('}');
        let _ = writeln!(out, "{report}");
    } else {
        for d in &diagnostics {
            let _ = writeln!(out, "{d}");
        }
        let _ = writeln!(out, "{name}: {errors} errors, {warnings} warnings");
    }
    if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The document's bytes: from standard input for `-`, otherwise from the file. Reads at most one
/// byte more than the document limit, so a huge input is refused without being held in memory.
fn read_input(name: &str) -> std::io::Result<Vec<u8>> {
    use std::io::Read;

    let limit = u64::try_from(vpcplay_core::model::MAX_DOCUMENT_BYTES + 1).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    if name == "-" {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(name)?
            .take(limit)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

fn unreadable(
    json: bool,
    message: &str,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> ExitCode {
    if json {
        let mut report = String::from("{");
        key(&mut report, "error");
        message.write_json(&mut report);
        key(&mut report, "valid");
        false.write_json(&mut report);
        report.push('}');
        let _ = writeln!(out, "{report}");
    }
    let _ = writeln!(err, "error: {message}");
    ExitCode::from(2)
}

fn generate(
    args: &[String],
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> ExitCode {
    let mut objects: Option<usize> = None;
    let mut seed: u64 = 0;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = rest.next();
        let parsed = match (arg.as_str(), value) {
            ("--objects", Some(v)) => v.parse().map(|n| objects = Some(n)).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|s| seed = s).is_ok(),
            _ => {
                let _ = writeln!(
                    err,
                    "error: `vpcplay gen` takes `--objects N` and `--seed S`, not `{arg}`"
                );
                return ExitCode::from(2);
            }
        };
        if !parsed {
            let _ = writeln!(
                err,
                "error: `{arg}` needs a whole number, not `{}`",
                value.map_or("", |v| v.as_str())
            );
            return ExitCode::from(2);
        }
    }
    let Some(objects) = objects else {
        let _ = writeln!(err, "error: `vpcplay gen` needs `--objects N`");
        return ExitCode::from(2);
    };
    let doc = vpcplay_core::model::synthetic::generate(objects, seed);
    let _ = writeln!(out, "{}", doc.to_json());
    ExitCode::SUCCESS
}

fn share(args: &[String], out: &mut dyn std::io::Write, err: &mut dyn std::io::Write) -> ExitCode {
    use vpcplay_core::share::{DEFAULT_BASE_URL, encode, link};

    let mut base = DEFAULT_BASE_URL;
    let mut file: Option<&str> = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match (arg.as_str(), file) {
            ("--base", _) => {
                let Some(url) = rest.next() else {
                    let _ = writeln!(err, "error: `--base` needs a URL");
                    return ExitCode::from(2);
                };
                base = url;
            }
            (flag, _) if flag.starts_with("--") => {
                let _ = writeln!(err, "error: unknown option `{flag}` for `vpcplay share`");
                return ExitCode::from(2);
            }
            (name, None) => file = Some(name),
            (_, Some(_)) => {
                let _ = writeln!(err, "error: `vpcplay share` shares one document at a time");
                return ExitCode::from(2);
            }
        }
    }
    let name = file.unwrap_or("-");
    let bytes = match read_input(name) {
        Ok(b) => b,
        Err(e) => return unreadable(false, &format!("cannot read `{name}`: {e}"), out, err),
    };
    let doc = match vpcplay_core::model::load_slice(&bytes) {
        Ok(d) => d,
        Err(e) => return unreadable(false, &format!("`{name}`: {e}"), out, err),
    };
    match encode(&doc) {
        Ok(fragment) => {
            let _ = writeln!(out, "{}", link(base, &fragment));
            ExitCode::SUCCESS
        }
        Err(e) => unreadable(false, &format!("`{name}`: {e}"), out, err),
    }
}

fn open(args: &[String], out: &mut dyn std::io::Write, err: &mut dyn std::io::Write) -> ExitCode {
    use vpcplay_core::share::{decode, fragment_of};

    let [arg] = args else {
        let _ = writeln!(
            err,
            "error: `vpcplay open` takes one link, fragment, or `-` for standard input"
        );
        return ExitCode::from(2);
    };
    let text = if arg == "-" {
        match read_input("-") {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => return unreadable(false, &format!("cannot read the link: {e}"), out, err),
        }
    } else {
        arg.clone()
    };
    match decode(fragment_of(&text)) {
        Ok(doc) => {
            let _ = writeln!(out, "{}", doc.to_json());
            ExitCode::SUCCESS
        }
        Err(e) => unreadable(false, &e.to_string(), out, err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(args: &[&str]) -> (ExitCode, String, String) {
        let args: Vec<String> = args.iter().map(|a| (*a).to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(&args, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    fn temp(name: &str, text: &str) -> String {
        let path = std::env::temp_dir().join(format!("vpcplay-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    }

    #[test]
    fn validate_exit_codes() {
        let clean = temp(
            "clean.json",
            &vpcplay_core::model::synthetic::generate(50, 3).to_json(),
        );
        let (code, out, _) = call(&["validate", &clean]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert!(out.ends_with(": 0 errors, 0 warnings\n"), "{out}");

        let broken = temp(
            "broken.json",
            r#"{"version": 1, "subnets": [{"id": "s", "vpc": "vpc-x", "zone": "z", "cidr": "10.0.0.0/24"}]}"#,
        );
        let (code, out, _) = call(&["validate", &broken]);
        assert_eq!(code, ExitCode::from(1));
        assert!(
            out.contains("error[dangling_reference] s: unknown VPC `vpc-x` in subnet `s`"),
            "{out}"
        );
        let (code, out, _) = call(&["validate", &broken, "--json"]);
        assert_eq!(code, ExitCode::from(1));
        let report =
            vpcplay_core::json::Value::parse(&out, vpcplay_core::json::Limits::POLICY).unwrap();
        assert_eq!(report["valid"], false);
        assert_eq!(report["diagnostics"][0]["code"], "dangling_reference");
        assert_eq!(report["diagnostics"][0]["severity"], "error");

        let future = temp("future.json", r#"{"version": 9}"#);
        let (code, _, err) = call(&["validate", &future]);
        assert_eq!(code, ExitCode::from(2));
        assert!(err.contains("newer than this vpcplay reads"), "{err}");
        let (code, _, err) = call(&["validate", "/no/such/file.json"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(err.contains("cannot read `/no/such/file.json`"), "{err}");
        let (code, out, _) = call(&["validate", &future, "--json"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(out.contains("\"error\""), "{out}");
    }

    #[test]
    fn files_that_start_with_a_byte_order_mark_are_read() {
        // RFC 8259 section 8.1 lets a reader ignore a byte-order mark; editors on Windows write one.
        let bom = |text: &str| format!("\u{feff}{text}");
        let doc = temp(
            "bom-doc.json",
            &bom(&vpcplay_core::model::synthetic::generate(20, 3).to_json()),
        );
        let (code, out, err) = call(&["validate", &doc]);
        assert_eq!(code, ExitCode::SUCCESS, "{out}{err}");
        let policy = temp(
            "bom-policy.json",
            &bom(
                r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}}"#,
            ),
        );
        let request = temp(
            "bom-request.json",
            &bom(
                r#"{"principal": "anonymous", "action": "vpc-lattice-svcs:Invoke", "resource": "*"}"#,
            ),
        );
        let (code, out, err) = call(&["authorize", "--policy", &policy, "--request", &request]);
        assert_eq!(code, ExitCode::SUCCESS, "{out}{err}");
    }

    #[test]
    fn trace_takes_principal_tags() {
        // R-AUTH-11: auth policies may test the caller's principal tags.
        let file = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/scenarios/s61-policy-variables-and-not-principal/topology.json"
        );
        let args = |extra: &[&'static str]| {
            let mut a = vec![
                "trace",
                file,
                "--from",
                "i-client",
                "--to",
                "svc-orders-0a1b2c3d.7d67968.vpc-lattice-svcs.us-east-1.on.aws",
                "--path",
                "/teams/orders/1",
                "--principal",
                "arn:aws:sts::111111111111:assumed-role/app/i-client",
            ];
            a.extend_from_slice(extra);
            a
        };
        let (code, out, err) = call(&args(&[]));
        assert_eq!(code, ExitCode::from(1), "{out}{err}");
        let (code, out, err) = call(&args(&["--principal-tag", "team=orders"]));
        assert_eq!(code, ExitCode::SUCCESS, "{out}{err}");
        let (code, _, err) = call(&args(&["--principal-tag", "team"]));
        assert_eq!(code, ExitCode::from(2));
        assert!(
            err.contains("`team` is not a valid value for `--principal-tag`"),
            "{err}"
        );
        assert!(err.contains("[--principal-tag K=V ...]"), "{err}");
    }

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("vpcplay-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn check_never_reports_a_false_green() {
        let (code, out, err) = call(&["check", "/no/such/folder"]);
        assert_eq!(code, ExitCode::from(2), "{out}{err}");
        assert!(err.contains("`/no/such/folder`"), "{err}");
        let (code, out, err) = call(&["check", "/no/such/file.json"]);
        assert_eq!(code, ExitCode::from(2), "{out}{err}");
        assert!(err.contains("`/no/such/file.json`"), "{err}");
        let empty = temp_dir("check-empty");
        std::fs::write(empty.join("notes.txt"), "not a document").unwrap();
        let empty = empty.display().to_string();
        let (code, out, err) = call(&["check", &empty]);
        assert_eq!(code, ExitCode::from(2), "{out}{err}");
        assert!(
            err.contains("no documents") && err.contains(&empty),
            "{err}"
        );
    }

    #[test]
    fn invalid_documents_name_the_codes_they_are_refused_for() {
        let dir = temp_dir("check-invalid");
        let doc = |expect: &str| {
            format!(
                r#"{{"version": 1,{expect} "subnets": [{{"id": "s", "vpc": "vpc-x", "zone": "z", "cidr": "10.0.0.0/24"}}]}}"#
            )
        };
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path.display().to_string()
        };
        let right = write(
            "right.invalid.json",
            &doc(r#" "expect_invalid": ["dangling_reference"],"#),
        );
        let (code, out, err) = call(&["check", &right]);
        assert_eq!(code, ExitCode::SUCCESS, "{out}{err}");
        assert_eq!(out, "1 passed, 0 failed\n");

        let wrong = write(
            "wrong.invalid.json",
            &doc(r#" "expect_invalid": ["port_range_invalid"],"#),
        );
        let (code, out, err) = call(&["check", &wrong]);
        assert_eq!(code, ExitCode::from(1), "{out}{err}");
        assert!(
            out.contains("`dangling_reference`") && out.contains("`port_range_invalid`"),
            "{out}"
        );

        let unnamed = write("unnamed.invalid.json", &doc(""));
        let (code, out, err) = call(&["check", &unnamed]);
        assert_eq!(code, ExitCode::from(1), "{out}{err}");
        assert!(out.contains("`expect_invalid`"), "{out}");

        // Outside an `*.invalid.json` document the field is ignored by validation.
        let (code, out, err) = call(&["validate", &right]);
        assert_eq!(code, ExitCode::from(1), "{out}{err}");
        assert!(out.contains("dangling_reference"), "{out}");
    }

    #[test]
    fn trace_takes_every_request_field_and_replays_saved_flows() {
        let file = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../static/examples/lattice-service.json"
        );
        let trace = |extra: &[&str]| {
            let mut a = vec!["trace", file];
            a.extend_from_slice(extra);
            call(&a)
        };
        // A saved flow replays with its header names as they were written.
        let (code, out, err) = trace(&["--flow", "beta header goes to v2"]);
        assert_eq!(code, ExitCode::SUCCESS, "{out}{err}");
        assert!(out.contains("X-Beta: YES"), "{out}");
        assert!(out.ends_with("delivered to `i-v2`\n"), "{out}");
        // Flags override the flow's fields.
        let (code, out, err) = trace(&["--flow", "beta header goes to v2", "--method", "DELETE"]);
        assert_eq!(code, ExitCode::SUCCESS, "{out}{err}");
        assert!(out.contains("fixed response 404"), "{out}");

        let request = [
            "--from",
            "i-client",
            "--to",
            "checkout.example.com",
            "--protocol",
            "https",
            "--path",
            "/cart",
            "--header",
            "X-Beta: YES",
        ];
        let (code, out, err) = trace(&request);
        assert_eq!(code, ExitCode::SUCCESS, "{out}{err}");
        assert!(out.contains("X-Beta: YES"), "{out}");
        let mut every = request.to_vec();
        every.extend_from_slice(&[
            "--query",
            "a=1",
            "--account",
            "111111111111",
            "--source-ip",
            "10.0.1.10",
            "--principal",
            "arn:aws:iam::111111111111:role/app",
            "--signed",
            "false",
        ]);
        let (code, out, err) = trace(&every);
        assert_ne!(code, ExitCode::from(2), "{out}{err}");
        let first = out.lines().next().unwrap_or_default();
        for part in [
            "GET /cart?a=1",
            "X-Beta: YES",
            "arn:aws:iam::111111111111:role/app, unsigned",
            "account 111111111111",
            "source 10.0.1.10",
        ] {
            assert!(first.contains(part), "{part} in {first}");
        }

        // An unknown source, flow or value is a usage error, not a verdict.
        let (code, out, err) = trace(&["--from", "i-nope", "--to", "checkout.example.com"]);
        assert_eq!(code, ExitCode::from(2), "{out}{err}");
        assert!(
            err.contains(&format!("no object `i-nope` in `{file}`")),
            "{err}"
        );
        let (code, _, err) = trace(&["--flow", "no such flow"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(err.contains("no flow `no such flow` in"), "{err}");
        let (code, _, err) = trace(&["--flow", "beta header goes to v2", "--signed", "maybe"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(
            err.contains("`maybe` is not a valid value for `--signed`"),
            "{err}"
        );
        let (code, _, err) = trace(&["--flow", "beta header goes to v2", "--source-ip", "10.0.1"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(
            err.contains("`--source-ip`: `10.0.1` is not an IP address"),
            "{err}"
        );
    }

    #[test]
    fn trace_names_every_error_of_a_document_it_cannot_trace() {
        let broken = temp(
            "trace-broken.json",
            r#"{"version": 1, "subnets": [{"id": "s", "vpc": "vpc-x", "zone": "z", "cidr": "10.0.0.0/24"}, {"id": "t", "vpc": "vpc-y", "zone": "z", "cidr": "10.0.1.0/24"}]}"#,
        );
        let (code, out, err) = call(&["trace", &broken, "--from", "s", "--to", "t"]);
        assert_eq!(code, ExitCode::from(2), "{out}{err}");
        assert!(
            err.contains("unknown VPC `vpc-x`") && err.contains("unknown VPC `vpc-y`"),
            "{err}"
        );
    }

    #[test]
    fn share_prints_a_link_that_open_reads_back() {
        let doc = vpcplay_core::model::synthetic::generate(60, 9);
        let file = temp("share.json", &doc.to_json());
        let (code, link, err) = call(&["share", &file]);
        assert_eq!(code, ExitCode::SUCCESS, "{err}");
        assert!(link.starts_with("https://vpcplay.dev/#2"), "{link}");
        assert!(link.ends_with('\n') && link.lines().count() == 1, "{link}");
        let (code, json, err) = call(&["open", link.trim()]);
        assert_eq!(code, ExitCode::SUCCESS, "{err}");
        assert_eq!(json, format!("{}\n", doc.to_json()));

        // The fragment alone opens too, with or without its `#`.
        let fragment = link.trim().split_once('#').unwrap().1;
        assert_eq!(call(&["open", fragment]).1, json);
        assert_eq!(call(&["open", &format!("#{fragment}")]).1, json);

        let (code, other, _) = call(&["share", &file, "--base", "http://127.0.0.1:8080/?x=1#old"]);
        assert_eq!(code, ExitCode::SUCCESS);
        assert_eq!(other, format!("http://127.0.0.1:8080/?x=1#{fragment}\n"));
    }

    #[test]
    fn share_and_open_refuse_with_a_reason() {
        let (code, _, err) = call(&["open", "https://vpcplay.dev/#x123"]);
        assert_eq!(code, ExitCode::from(2));
        assert_eq!(
            err,
            "error: the link is not a vpcplay topology: unknown version `x`\n"
        );
        let (code, _, err) = call(&["open", "https://vpcplay.dev/#1abc%def"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(
            err.contains("the link is damaged: `%` cannot appear in it, at character 5"),
            "{err}"
        );
        let (code, _, err) = call(&["open"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(err.contains("takes one link"), "{err}");
        let (code, _, err) = call(&["share", "/no/such/file.json"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(err.contains("cannot read `/no/such/file.json`"), "{err}");
        let (code, _, err) = call(&["share", "a.json", "--bogus"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(err.contains("unknown option `--bogus`"), "{err}");
        let (code, _, err) = call(&["share", "a.json", "--base"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(err.contains("`--base` needs a URL"), "{err}");
    }

    #[test]
    fn gen_is_deterministic_and_checks_its_arguments() {
        let (code, a, _) = call(&["gen", "--objects", "200", "--seed", "5"]);
        assert_eq!(code, ExitCode::SUCCESS);
        let (_, b, _) = call(&["gen", "--seed", "5", "--objects", "200"]);
        assert_eq!(a, b);
        assert!(vpcplay_core::model::validate(&vpcplay_core::model::load(&a).unwrap()).is_empty());
        let (code, _, err) = call(&["gen"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(err.contains("needs `--objects N`"));
        let (code, _, err) = call(&["gen", "--objects", "many"]);
        assert_eq!(code, ExitCode::from(2));
        assert!(err.contains("needs a whole number"), "{err}");
    }
}
