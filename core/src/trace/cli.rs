//! The `vpcplay trace` and `vpcplay check` commands.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Index, Request, Verdict, check_flow, describe, trace_with};
use crate::model::Topology;
use crate::model::flow::Principal;
use crate::trace::compose::{Draft, Field, protocol_name};

const TRACE_USAGE: &str = "usage: vpcplay trace FILE (--from ID --to ID|DNS|IP | --flow NAME) [--protocol tcp|udp|http|https|grpc|tls] [--port N] [--method M] [--path P] [--query Q] [--header K:V ...] [--principal ARN|anonymous] [--signed true|false] [--principal-tag K=V ...] [--principal-org-id ID] [--principal-is-aws-service true|false] [--account ID] [--source-ip IP] [--seed N] [--json]";

fn open(path: &str) -> Result<Topology, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
    Topology::from_json(&text).map_err(|e| format!("`{path}`: {e}"))
}

/// The topology of `path`, or why it cannot be traced, in lines for standard error: every
/// validation error, not only the first.
fn open_for_trace(path: &str) -> Result<Topology, String> {
    use crate::model::OpenError;

    let text =
        std::fs::read_to_string(path).map_err(|e| format!("error: cannot read `{path}`: {e}\n"))?;
    Topology::from_json(&text).map_err(|e| match e {
        OpenError::Load(e) => format!("error: `{path}`: {e}\n"),
        OpenError::Invalid(invalid) => {
            let mut lines = format!(
                "error: `{path}` does not validate, so no request can be traced in it; fix these first:\n"
            );
            for d in invalid.errors() {
                lines.push_str(&format!("  {d}\n"));
            }
            lines
        }
    })
}

/// The option of `vpcplay trace` that sets a field of the request form.
fn flag_of(field: Field) -> &'static str {
    match field {
        Field::From => "--from",
        Field::To => "--to",
        Field::Protocol => "--protocol",
        Field::Port => "--port",
        Field::Method => "--method",
        Field::Path => "--path",
        Field::Query => "--query",
        Field::Headers => "--header",
        Field::Principal => "--principal",
        Field::PrincipalTags => "--principal-tag",
        Field::PrincipalOrgId => "--principal-org-id",
        Field::Account => "--account",
        Field::SourceIp => "--source-ip",
        Field::Seed => "--seed",
    }
}

fn boolean(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The request as the options give it: each field that an option sets, in the request form's
/// words. Fields left unset keep the saved flow's value, or the default.
#[derive(Default)]
struct Options {
    flow: Option<String>,
    text: Vec<(Field, String)>,
    headers: Option<Vec<String>>,
    principal_tags: Option<Vec<String>>,
    signed: Option<bool>,
    principal_is_aws_service: Option<bool>,
}

impl Options {
    /// Takes one option and its value; `false` when the value is not one the option takes.
    fn take(&mut self, flag: &str, value: &str) -> Option<bool> {
        let field = match flag {
            "--flow" => {
                self.flow = Some(value.to_string());
                return Some(true);
            }
            "--header" => {
                let ok = value.split_once(':').is_some();
                if ok {
                    self.headers
                        .get_or_insert_with(Vec::new)
                        .push(value.to_string());
                }
                return Some(ok);
            }
            "--principal-tag" => {
                let ok = value
                    .split_once('=')
                    .is_some_and(|(k, _)| !k.trim().is_empty());
                if ok {
                    self.principal_tags
                        .get_or_insert_with(Vec::new)
                        .push(value.to_string());
                }
                return Some(ok);
            }
            "--signed" => return Some(boolean(value).map(|b| self.signed = Some(b)).is_some()),
            "--principal-is-aws-service" => {
                return Some(
                    boolean(value)
                        .map(|b| self.principal_is_aws_service = Some(b))
                        .is_some(),
                );
            }
            "--from" => Field::From,
            "--to" => Field::To,
            "--protocol" => Field::Protocol,
            "--port" => Field::Port,
            "--method" => Field::Method,
            "--path" => Field::Path,
            "--query" => Field::Query,
            "--principal" => Field::Principal,
            "--principal-org-id" => Field::PrincipalOrgId,
            "--account" => Field::Account,
            "--source-ip" => Field::SourceIp,
            "--seed" => Field::Seed,
            _ => return None,
        };
        self.text.push((field, value.to_string()));
        Some(true)
    }

    fn gives(&self, field: Field) -> bool {
        self.text.iter().any(|(f, _)| *f == field)
    }

    /// The request form: the saved flow's, or an empty one, with every option written over it.
    fn fill(self, mut draft: Draft) -> Draft {
        for (field, value) in self.text {
            let slot = match field {
                Field::From => &mut draft.from,
                Field::To => &mut draft.to,
                Field::Protocol => &mut draft.protocol,
                Field::Port => &mut draft.port,
                Field::Method => &mut draft.method,
                Field::Path => &mut draft.path,
                Field::Query => &mut draft.query,
                Field::Headers => &mut draft.headers,
                Field::Principal => &mut draft.principal,
                Field::PrincipalTags => &mut draft.principal_tags,
                Field::PrincipalOrgId => &mut draft.principal_org_id,
                Field::Account => &mut draft.account,
                Field::SourceIp => &mut draft.source_ip,
                Field::Seed => &mut draft.seed,
            };
            *slot = value;
        }
        if let Some(headers) = self.headers {
            draft.headers = headers.join("\n");
        }
        if let Some(tags) = self.principal_tags {
            draft.principal_tags = tags.join("\n");
        }
        if self.signed.is_some() {
            draft.signed = self.signed;
        }
        if self.principal_is_aws_service.is_some() {
            draft.principal_is_aws_service = self.principal_is_aws_service;
        }
        draft
    }
}

/// The request in one line, with header names as they were written.
fn summary(r: &Request) -> String {
    let mut parts = Vec::new();
    parts.push(format!(
        "`{}` -> `{}` port {} over {}",
        r.from,
        r.to,
        r.port,
        protocol_name(r.protocol)
    ));
    if r.protocol.is_http() {
        let query = if r.query.is_empty() {
            String::new()
        } else {
            format!("?{}", r.query)
        };
        parts.push(format!("{} {}{query}", r.method, r.path));
        for (k, v) in &r.headers {
            parts.push(format!("{k}: {v}"));
        }
    }
    parts.push(match (&r.principal, r.signed) {
        (Principal::Anonymous, false) => String::from("anonymous"),
        (Principal::Anonymous, true) => String::from("anonymous, signed"),
        (Principal::Arn(a), true) => format!("as {a}"),
        (Principal::Arn(a), false) => format!("as {a}, unsigned"),
    });
    for (k, v) in &r.principal_tags {
        parts.push(format!("tag {k}={v}"));
    }
    if let Some(org) = &r.principal_org_id {
        parts.push(format!("organization {org}"));
    }
    if let Some(b) = r.principal_is_aws_service {
        parts.push(format!("aws service {b}"));
    }
    if let Some(a) = &r.account {
        parts.push(format!("account {a}"));
    }
    if let Some(ip) = r.source_ip {
        parts.push(format!("source {ip}"));
    }
    if r.seed != 0 {
        parts.push(format!("seed {}", r.seed));
    }
    format!("request: {}", parts.join(", "))
}

/// `vpcplay trace`: prints the request, the hops and the verdict. Exit 0 when delivered or
/// answered, 1 when blocked, 2 on a usage or document error (an unknown source or flow included).
pub fn trace_command(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut file = None;
    let mut options = Options::default();
    let mut json = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let flag = arg.as_str();
        if flag == "--json" {
            json = true;
            continue;
        }
        if !flag.starts_with("--") {
            if file.is_some() {
                let _ = writeln!(
                    err,
                    "error: `vpcplay trace` reads one document\n{TRACE_USAGE}"
                );
                return 2;
            }
            file = Some(arg.clone());
            continue;
        }
        let Some(value) = it.next() else {
            let _ = writeln!(err, "error: `{flag}` needs a value\n{TRACE_USAGE}");
            return 2;
        };
        match options.take(flag, value) {
            Some(true) => {}
            Some(false) => {
                let _ = writeln!(
                    err,
                    "error: `{value}` is not a valid value for `{flag}`\n{TRACE_USAGE}"
                );
                return 2;
            }
            None => {
                let _ = writeln!(
                    err,
                    "error: unknown option `{flag}` for `vpcplay trace`\n{TRACE_USAGE}"
                );
                return 2;
            }
        }
    }
    let complete =
        options.flow.is_some() || (options.gives(Field::From) && options.gives(Field::To));
    let (Some(file), true) = (file, complete) else {
        let _ = writeln!(
            err,
            "error: `vpcplay trace` needs FILE, and `--from` and `--to` or `--flow`\n{TRACE_USAGE}"
        );
        return 2;
    };
    let topology = match open_for_trace(&file) {
        Ok(t) => t,
        Err(e) => {
            let _ = write!(err, "{e}");
            return 2;
        }
    };
    let base = match &options.flow {
        None => Draft::default(),
        Some(name) => match topology.document().flows.iter().find(|f| f.name == *name) {
            Some(flow) => Draft::of(&flow.request),
            None => {
                let _ = writeln!(err, "error: no flow `{name}` in `{file}`");
                return 2;
            }
        },
    };
    let draft = options.fill(base);
    let from = draft.from.trim();
    if !from.is_empty() && topology.kind_of(from).is_none() {
        let _ = writeln!(err, "error: no object `{from}` in `{file}`");
        return 2;
    }
    let req = match draft.check(&topology) {
        Ok(r) => Request::from(&r),
        Err(errors) => {
            for e in errors {
                let _ = writeln!(err, "error: `{}`: {}", flag_of(e.field), e.message);
            }
            let _ = writeln!(err, "{TRACE_USAGE}");
            return 2;
        }
    };
    let ix = Index::build(&topology);
    let trace = trace_with(&ix, &req);
    if json {
        let _ = writeln!(out, "{}", trace.to_json());
    } else {
        let _ = writeln!(out, "{}", summary(&req));
        for (n, hop) in trace.hops.iter().enumerate() {
            let packet = match (hop.packet.source, hop.packet.destination) {
                (Some(s), Some(d)) => format!("  [{s} -> {d}:{}]", hop.packet.port),
                (Some(s), None) => format!("  [{s} -> ?:{}]", hop.packet.port),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "{:>2}. {} — {}{packet}",
                n + 1,
                hop.component,
                hop.what
            );
            if let Some(rule) = &hop.rule {
                let _ = writeln!(out, "      rule: {rule}");
            }
        }
        let _ = writeln!(out, "{}", describe(&trace.verdict));
        if let Verdict::Blocked(b) = &trace.verdict {
            if !b.rule.is_empty() {
                let _ = writeln!(out, "      see {} in aws-rules.md", b.rule);
            }
            if let Some(s) = &b.statement {
                let _ = writeln!(out, "      decided by {s}");
            }
        }
    }
    u8::from(matches!(trace.verdict, Verdict::Blocked(_)))
}

fn collect(path: &Path, into: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, into)?;
        }
    } else if path.extension().is_some_and(|e| e == "json") {
        into.push(path.to_path_buf());
    }
    Ok(())
}

/// Whether validation refuses the `*.invalid.json` document `name` for exactly the diagnostic
/// codes it names in `expect_invalid`; the mismatch in words otherwise.
fn check_invalid(name: &str) -> Result<(), String> {
    use alloc::collections::BTreeSet;

    use crate::model::{Code, load, validate};

    let text = std::fs::read_to_string(name).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    let doc = load(&text).map_err(|e| {
        format!("{name}: expected validation to refuse the document, but it does not load: {e}")
    })?;
    if doc.expect_invalid.is_empty() {
        return Err(format!(
            "{name}: an `*.invalid.json` document names the diagnostic codes it is refused for in `expect_invalid`, such as `\"expect_invalid\": [\"port_range_invalid\"]`"
        ));
    }
    if let Some(unknown) = doc
        .expect_invalid
        .iter()
        .find(|c| Code::from_name(c).is_none())
    {
        return Err(format!(
            "{name}: `{unknown}` in `expect_invalid` is not a diagnostic code"
        ));
    }
    let named: BTreeSet<&str> = doc.expect_invalid.iter().map(String::as_str).collect();
    let found: BTreeSet<&str> = validate(&doc)
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.as_str())
        .collect();
    let list = |codes: &BTreeSet<&str>| {
        codes
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if found.is_empty() {
        Err(format!(
            "{name}: expected validation to refuse the document for {}, but it is valid",
            list(&named)
        ))
    } else if found != named {
        Err(format!(
            "{name}: expected validation to refuse the document for {}, but it refuses it for {}",
            list(&named),
            list(&found)
        ))
    } else {
        Ok(())
    }
}

/// `vpcplay check`: runs every flow with an `expect` in the documents under `paths`. A document
/// named `*.invalid.json` is a configuration the control plane must refuse: it passes when
/// validation refuses it for exactly the diagnostic codes it names in `expect_invalid`. Prints one
/// line per mismatch and `N passed, N failed`; exit 1 on any failure, 2 on a usage error, a path
/// that does not exist or holds no documents, or nothing to check at all.
pub fn check_command(paths: &[String], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if paths.is_empty() {
        let _ = writeln!(
            err,
            "error: `vpcplay check` needs at least one file or folder"
        );
        return 2;
    }
    let mut files = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if !path.exists() {
            let _ = writeln!(err, "error: no file or folder `{p}`");
            return 2;
        }
        let before = files.len();
        if let Err(e) = collect(path, &mut files) {
            let _ = writeln!(err, "error: cannot read `{p}`: {e}");
            return 2;
        }
        if files.len() == before {
            let _ = writeln!(err, "error: no documents (`*.json`) in `{p}`");
            return 2;
        }
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        let name = file.display().to_string();
        if name.ends_with(".invalid.json") {
            match check_invalid(&name) {
                Ok(()) => passed += 1,
                Err(why) => {
                    failed += 1;
                    let _ = writeln!(out, "{why}");
                }
            }
            continue;
        }
        match open(&name) {
            Err(e) => {
                failed += 1;
                let _ = writeln!(out, "{e}");
            }
            Ok(topology) if !topology.document().expect_invalid.is_empty() => {
                failed += 1;
                let _ = writeln!(
                    out,
                    "{name}: names `expect_invalid` but is valid: a document that must be refused is named `*.invalid.json`"
                );
            }
            Ok(topology) => {
                let ix = Index::build(&topology);
                for flow in &topology.document().flows {
                    match check_flow(&ix, flow) {
                        None => {}
                        Some(Ok(())) => passed += 1,
                        Some(Err(why)) => {
                            failed += 1;
                            let _ = writeln!(out, "{name}: flow `{}`: {why}", flow.name);
                        }
                    }
                }
            }
        }
    }
    let _ = writeln!(out, "{passed} passed, {failed} failed");
    if passed + failed == 0 {
        let _ = writeln!(
            err,
            "error: nothing to check: no flow has an `expect` and no document is `*.invalid.json`"
        );
        return 2;
    }
    u8::from(failed > 0)
}
