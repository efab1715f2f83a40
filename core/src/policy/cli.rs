//! `vpcplay authorize`: evaluate a request file against policy files from the command line.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use std::io::Write;

use crate::model::codec::{ToJson, ToJsonMembers, pretty, to_text};

use super::{Explanation, PolicyWarning, Request, authorize, explain, lint, parse_policy};

/// The usage text of the `authorize` subcommand.
pub const AUTHORIZE_USAGE: &str = "\
usage: vpcplay authorize --policy FILE [--policy FILE ...] --request FILE [--json]

Evaluates the request against all the policies together: an explicit deny wins over an allow,
and an allow over the implicit deny. The request file is
  {\"principal\": \"<arn>\" | \"anonymous\", \"action\": \"...\", \"resource\": \"...\",
   \"context\": {\"key\": \"value\" | [\"v1\", \"v2\"]},
   \"principal_tags\": {\"team\": \"orders\"}, \"principal_account\": \"111122223333\",
   \"principal_org_id\": \"o-...\", \"principal_is_aws_service\": false}
where every field after `resource` is optional.
Exit status: 0 when a decision was made (allow or deny), 1 for an unreadable or invalid
policy or request, 2 for a usage error.
";

/// Runs `vpcplay authorize` with the arguments after the subcommand's name, writing the result
/// to `out` and problems to `err`. Returns the process exit status.
pub fn authorize_command(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let options = match Options::parse(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            let _ = write!(out, "{AUTHORIZE_USAGE}");
            return 0;
        }
        Err(message) => {
            let _ = writeln!(err, "error: {message}\n\n{AUTHORIZE_USAGE}");
            return 2;
        }
    };
    let fail = |out: &mut dyn Write, err: &mut dyn Write, failure: Failure| {
        let _ = writeln!(err, "error: {}: {}", failure.file, failure.message);
        if options.json {
            print(out, &ErrorReport { error: &failure });
        }
        1
    };

    let mut policies = Vec::new();
    let mut warnings = Vec::new();
    for file in &options.policies {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => return fail(out, err, Failure::io(file, &e)),
        };
        match parse_policy(&text) {
            Ok(policy) => {
                warnings.extend(lint(&policy).into_iter().map(|w| FileWarning {
                    file: file.clone(),
                    warning: w,
                }));
                policies.push(policy);
            }
            Err(e) => {
                return fail(
                    out,
                    err,
                    Failure {
                        file: file.clone(),
                        code: e.code(),
                        pointer: e.pointer.clone(),
                        line: e.pos.line,
                        column: e.pos.column,
                        message: e.to_string(),
                    },
                );
            }
        }
    }
    let text = match std::fs::read_to_string(&options.request) {
        Ok(t) => t,
        Err(e) => return fail(out, err, Failure::io(&options.request, &e)),
    };
    let request = match Request::from_json(&text) {
        Ok(r) => r,
        Err(e) => {
            return fail(
                out,
                err,
                Failure {
                    file: options.request.clone(),
                    code: "invalid_request",
                    pointer: e.pointer.clone(),
                    line: e.pos.line,
                    column: e.pos.column,
                    message: e.to_string(),
                },
            );
        }
    };

    let decision = authorize(&policies, &request);
    let explanation = explain(&policies, &request, &decision);
    if options.json {
        let report = Report {
            explanation: &explanation,
            warnings: &warnings,
        };
        print(out, &report);
    } else {
        let _ = write!(out, "{explanation}");
        for w in &warnings {
            let _ = writeln!(err, "warning: {}: {}", w.file, w.warning);
        }
    }
    0
}

struct Options {
    policies: Vec<String>,
    request: String,
    json: bool,
}

impl Options {
    /// The options, `None` for `--help`, or a usage error.
    fn parse(args: &[String]) -> Result<Option<Self>, String> {
        let mut policies = Vec::new();
        let mut request = None;
        let mut json = false;
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--help" | "-h" => return Ok(None),
                "--json" => json = true,
                "--policy" => match it.next() {
                    Some(file) => policies.push(file.clone()),
                    None => return Err("`--policy` needs a file".into()),
                },
                "--request" => match it.next() {
                    Some(file) if request.is_none() => request = Some(file.clone()),
                    Some(_) => return Err("give `--request` once".into()),
                    None => return Err("`--request` needs a file".into()),
                },
                other => return Err(alloc::format!("unexpected argument `{other}`")),
            }
        }
        if policies.is_empty() {
            return Err("give at least one `--policy FILE`".into());
        }
        let Some(request) = request else {
            return Err("give a `--request FILE`".into());
        };
        Ok(Some(Self {
            policies,
            request,
            json,
        }))
    }
}

/// A refused input, as printed by `--json`.
struct Failure {
    file: String,
    code: &'static str,
    pointer: String,
    line: u32,
    column: u32,
    message: String,
}

crate::json_struct!(write Failure {
    file: req,
    code: req,
    pointer: req,
    line: req,
    column: req,
    message: req,
});

impl Failure {
    fn io(file: &str, e: &std::io::Error) -> Self {
        Self {
            file: file.to_string(),
            code: "unreadable_file",
            pointer: String::new(),
            line: 0,
            column: 0,
            message: alloc::format!("cannot read the file: {e}"),
        }
    }
}

struct ErrorReport<'a> {
    error: &'a Failure,
}

impl ToJson for ErrorReport<'_> {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        crate::json::write::key(out, "error");
        self.error.write_json(out);
        out.push('}');
    }
}

/// A warning and the file it is about, written as one object.
struct FileWarning {
    file: String,
    warning: PolicyWarning,
}

impl ToJson for FileWarning {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        crate::json::write::key(out, "file");
        self.file.write_json(out);
        self.warning.write_members(out);
        out.push('}');
    }
}

/// The explanation's members, then the warnings.
struct Report<'a> {
    explanation: &'a Explanation,
    warnings: &'a [FileWarning],
}

impl ToJson for Report<'_> {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        self.explanation.write_members(out);
        crate::json::write::key(out, "warnings");
        self.warnings.write_json(out);
        out.push('}');
    }
}

/// Prints a report as `serde_json` pretty-printed it: two spaces, one member per line.
fn print(out: &mut dyn Write, report: &impl ToJson) {
    let _ = writeln!(out, "{}", pretty(&to_text(report)));
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Dir(std::path::PathBuf);

    impl Dir {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(alloc::format!(
                "vpcplay-authorize-{name}-{}",
                std::process::id()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            Self(dir)
        }

        fn file(&self, name: &str, text: &str) -> String {
            let path = self.0.join(name);
            std::fs::write(&path, text).unwrap();
            path.to_string_lossy().into_owned()
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn run(args: &[&str]) -> (u8, String, String) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = authorize_command(&args, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    const AUTH: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"OrgOnly","Effect":"Allow","Principal":"*","Action":"vpc-lattice-svcs:Invoke",
         "Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-123456example"}}},
        {"Sid":"NoAnonymous","Effect":"Deny","Principal":"*","Action":"*","Resource":"*",
         "Condition":{"StringEquals":{"aws:PrincipalType":"Anonymous"}}}]}"#;

    #[test]
    fn json_output_names_the_decision_and_the_deciding_statement() {
        let d = Dir::new("json");
        let policy = d.file("auth.json", AUTH);
        let request = d.file(
            "req.json",
            r#"{"principal":"arn:aws:iam::123456789012:role/app","action":"vpc-lattice-svcs:Invoke",
                "resource":"arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0/rates",
                "context":{"aws:PrincipalOrgID":"o-123456example"}}"#,
        );
        let (code, out, _) = run(&["--policy", &policy, "--request", &request, "--json"]);
        assert_eq!(code, 0);
        let v = crate::json::Value::parse(&out, crate::json::Limits::POLICY).unwrap();
        assert_eq!(v["decision"], "allow");
        assert_eq!(v["deciding"][0]["sid"], "OrgOnly");
        assert_eq!(v["statements"][1]["why_not"]["element"], "condition");
        assert_eq!(
            v["statements"][1]["why_not"]["request_values"][0],
            "AssumedRole"
        );
    }

    #[test]
    fn text_output_and_explicit_deny() {
        let d = Dir::new("text");
        let policy = d.file("auth.json", AUTH);
        let request = d.file(
            "req.json",
            r#"{"principal":"anonymous","action":"vpc-lattice-svcs:Invoke","resource":"arn:x"}"#,
        );
        let (code, out, _) = run(&["--policy", &policy, "--request", &request]);
        assert_eq!(code, 0);
        assert!(
            out.starts_with("explicit_deny: explicitly denied by statement `NoAnonymous`"),
            "{out}"
        );
        assert!(
            out.contains("the request has no `aws:PrincipalOrgID`"),
            "{out}"
        );
    }

    #[test]
    fn invalid_policy_exits_one_with_position() {
        let d = Dir::new("invalid");
        let policy = d.file(
            "bad.json",
            "{\"Statement\": {\n  \"Effect\": \"Alow\", \"Action\": \"*\"}}",
        );
        let request = d.file(
            "req.json",
            r#"{"principal":"anonymous","action":"a:b","resource":"*"}"#,
        );
        let (code, out, err) = run(&["--policy", &policy, "--request", &request, "--json"]);
        assert_eq!(code, 1);
        assert!(
            err.contains("line 2, column 13 (`/Statement/Effect`): unknown effect `Alow`"),
            "{err}"
        );
        let v = crate::json::Value::parse(&out, crate::json::Limits::POLICY).unwrap();
        assert_eq!(v["error"]["code"], "unknown_effect");
        assert_eq!(run(&["--policy", &policy]).0, 2);
        assert_eq!(
            run(&["--policy", "/nonexistent/p.json", "--request", &request]).0,
            1
        );
    }
}
