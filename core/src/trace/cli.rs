//! The `vpcplay trace` and `vpcplay check` commands.

use alloc::collections::BTreeSet;
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

/// A document to trace: its topology, and when it does not validate, what was set aside to
/// trace the rest.
struct ForTrace {
    topology: Topology,
    /// The document as written.
    doc: crate::model::Document,
    /// The validation errors of the document as written (none when it validates).
    errors: Vec<crate::model::Diagnostic>,
    /// The objects, flows and identity policies set aside, with everything inside them and
    /// every object whose only fault was to name one of them.
    set_aside: BTreeSet<String>,
}

/// The message that refuses a document: every validation error, not only the first.
fn refusal(path: &str, why: &str, errors: &[crate::model::Diagnostic]) -> String {
    let mut lines = format!("error: `{path}` does not validate{why}; fix these first:\n");
    for d in errors {
        lines.push_str(&format!("  {d}\n"));
    }
    lines
}

/// Removes the objects named by `ids` (with what they hold and what only joins them), the
/// flows of those names and the identity policies of those principals.
fn set_aside(
    doc: &mut crate::model::Document,
    ids: &BTreeSet<String>,
    into: &mut BTreeSet<String>,
) {
    let list: Vec<&str> = ids.iter().map(String::as_str).collect();
    into.extend(crate::edit::delete(doc, &list));
    let dead = |id: &str| ids.contains(id);
    doc.peerings.retain(|o| !dead(o.id.as_str()));
    doc.prefix_lists.retain(|o| !dead(o.id.as_str()));
    doc.vpc_associations.retain(|o| !dead(o.id.as_str()));
    doc.service_associations.retain(|o| !dead(o.id.as_str()));
    doc.resource_associations.retain(|o| !dead(o.id.as_str()));
    doc.identity_policies
        .retain(|p| !dead(p.principal.as_str()));
    doc.flows.retain(|f| !dead(f.name.as_str()));
    into.extend(ids.iter().cloned());
}

/// The topology of `path`. A document that does not validate is traced without the objects
/// its errors are about (and what depends on them): the caller refuses the trace when one of
/// them touches the request's path. Why it cannot be traced otherwise, in lines for standard
/// error.
fn open_for_trace(path: &str) -> Result<ForTrace, String> {
    use crate::model::{load, validate};

    let text =
        std::fs::read_to_string(path).map_err(|e| format!("error: cannot read `{path}`: {e}\n"))?;
    let doc = load(&text).map_err(|e| format!("error: `{path}`: {e}\n"))?;
    let errors: Vec<_> = validate(&doc)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    let mut pruned = doc.clone();
    let mut gone = BTreeSet::new();
    // Each round sets aside the objects the remaining errors are about; removing one can leave
    // a reference dangling, which the next round finds. A few rounds settle any document.
    for _ in 0..8 {
        let left: BTreeSet<String> = validate(&pruned)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| d.object)
            .collect();
        if left.is_empty() {
            break;
        }
        let before = pruned.clone();
        set_aside(&mut pruned, &left, &mut gone);
        if pruned == before {
            // An error about no object that can be set aside (an account, a Region, the
            // document itself): nothing can be traced safely.
            return Err(refusal(
                path,
                ", so no request can be traced in it",
                &errors,
            ));
        }
    }
    match Topology::try_from(pruned) {
        Ok(topology) => Ok(ForTrace {
            topology,
            doc,
            errors,
            set_aside: gone,
        }),
        Err(_) => Err(refusal(
            path,
            ", so no request can be traced in it",
            &errors,
        )),
    }
}

/// Whether something set aside touches the request's path: it is an object the trace passed,
/// the request's source, destination or flow, an object linked to one of those, or an object
/// inside a VPC or subnet the request passed through; or the request's destination names it
/// (a DNS name or address of the object, or a name derived from its id); or it is the identity
/// policy of the request's principal.
fn touches(
    doc: &crate::model::Document,
    set_aside: &BTreeSet<String>,
    path: &[&str],
    to: &str,
) -> Vec<String> {
    use crate::edit::{links, parent_of};

    let mut on_path: BTreeSet<String> = BTreeSet::new();
    for id in path {
        let mut at = Some(String::from(*id));
        // Containment is at most three deep; the bound guards against a cycle.
        for _ in 0..8 {
            let Some(id) = at else { break };
            at = parent_of(doc, &id);
            on_path.insert(id);
        }
    }
    let linked: Vec<(String, String)> = links(doc).into_iter().map(|l| (l.from, l.to)).collect();
    let to_lower = to.to_ascii_lowercase();
    set_aside
        .iter()
        .filter(|gone| {
            let id = gone.as_str();
            let inside = core::iter::successors(Some(String::from(id)), |o| parent_of(doc, o))
                .take(8)
                .any(|o| on_path.contains(&o));
            let linked_to_path = linked
                .iter()
                .any(|(a, b)| (a == id && on_path.contains(b)) || (b == id && on_path.contains(a)));
            let named = !to.is_empty()
                && (to_lower.contains(&id.to_ascii_lowercase())
                    || crate::edit::object_json(doc, id).is_ok_and(|json| {
                        json.to_ascii_lowercase()
                            .contains(&format!("\"{to_lower}\""))
                    }));
            inside || linked_to_path || named
        })
        .cloned()
        .collect()
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
    let ForTrace {
        topology,
        doc,
        errors,
        set_aside,
    } = match open_for_trace(&file) {
        Ok(t) => t,
        Err(e) => {
            let _ = write!(err, "{e}");
            return 2;
        }
    };
    let base = match &options.flow {
        None => Draft::default(),
        Some(name) => match doc.flows.iter().find(|f| f.name == *name) {
            Some(flow) => Draft::of(&flow.request),
            None => {
                let _ = writeln!(err, "error: no flow `{name}` in `{file}`");
                return 2;
            }
        },
    };
    let flow = options.flow.clone();
    let draft = options.fill(base);
    let from = String::from(draft.from.trim());
    let to = String::from(draft.to.trim());
    // What the request names before it is traced: its source, its destination, its flow and
    // its principal.
    let mut named: Vec<String> = [
        from.clone(),
        to.clone(),
        String::from(draft.principal.trim()),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    named.extend(flow);
    let refuse = |err: &mut dyn Write, touching: &[String]| {
        let touched = touching
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            err,
            "{}",
            refusal(
                &file,
                &format!(
                    ", and its errors touch this request's path ({touched}), so it cannot be traced"
                ),
                &errors
            )
        );
        2
    };
    if !set_aside.is_empty() {
        let early: Vec<&str> = named.iter().map(String::as_str).collect();
        let touching = touches(&doc, &set_aside, &early, &to);
        if !touching.is_empty() {
            return refuse(err, &touching);
        }
    }
    if !from.is_empty() && topology.kind_of(&from).is_none() {
        let _ = writeln!(err, "error: no object `{from}` in `{file}`");
        return 2;
    }
    let req = match draft.check(&topology) {
        Ok(r) => Request::from(&r),
        Err(problems) => {
            for e in problems {
                let _ = writeln!(err, "error: `{}`: {}", flag_of(e.field), e.message);
            }
            let _ = writeln!(err, "{TRACE_USAGE}");
            return 2;
        }
    };
    let ix = Index::build(&topology);
    let trace = trace_with(&ix, &req);
    if !set_aside.is_empty() {
        let mut path: Vec<&str> = named.iter().map(String::as_str).collect();
        path.extend(trace.hops.iter().map(|h| h.component.as_str()));
        if let Verdict::Delivered { target, .. } = &trace.verdict {
            path.push(target.as_str());
        }
        let touching = touches(&doc, &set_aside, &path, &to);
        if !touching.is_empty() {
            return refuse(err, &touching);
        }
        let _ = writeln!(
            err,
            "warning: `{file}` does not validate; none of its errors touches this request's path, so it is traced without {}:",
            set_aside
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for d in &errors {
            let _ = writeln!(err, "  {d}");
        }
    }
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
