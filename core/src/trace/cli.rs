//! The `vpcplay trace` and `vpcplay check` commands.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Index, Request, Verdict, check_flow, describe, trace_with};
use crate::model::Topology;
use crate::model::flow::{Principal, RequestProtocol};

const TRACE_USAGE: &str = "usage: vpcplay trace FILE --from ID --to ID|DNS|IP [--protocol tcp|udp|http|https|grpc|tls] [--port N] [--method M] [--path P] [--header K:V ...] [--principal ARN|anonymous] [--principal-tag K=V ...] [--seed N] [--json]";

fn open(path: &str) -> Result<Topology, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
    Topology::from_json(&text).map_err(|e| format!("`{path}`: {e}"))
}

fn protocol(name: &str) -> Option<RequestProtocol> {
    Some(match name.to_ascii_lowercase().as_str() {
        "tcp" => RequestProtocol::Tcp,
        "udp" => RequestProtocol::Udp,
        "http" => RequestProtocol::Http,
        "https" => RequestProtocol::Https,
        "grpc" => RequestProtocol::Grpc,
        "tls" => RequestProtocol::Tls,
        _ => return None,
    })
}

/// `vpcplay trace`: prints the hops and the verdict. Exit 0 when delivered or answered, 1 when
/// blocked, 2 on a usage or document error.
pub fn trace_command(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut file = None;
    let (mut from, mut to, mut proto, mut port) = (None, None, RequestProtocol::Http, None);
    let (mut method, mut path, mut principal, mut seed, mut json) = (None, None, None, 0u64, false);
    let mut headers = Vec::new();
    let mut principal_tags = Vec::new();
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
        let ok = match flag {
            "--from" => {
                from = Some(value.clone());
                true
            }
            "--to" => {
                to = Some(value.clone());
                true
            }
            "--protocol" => protocol(value).map(|p| proto = p).is_some(),
            "--port" => value.parse::<u16>().map(|p| port = Some(p)).is_ok(),
            "--method" => {
                method = Some(value.clone());
                true
            }
            "--path" => {
                path = Some(value.clone());
                true
            }
            "--seed" => value.parse::<u64>().map(|s| seed = s).is_ok(),
            "--header" => value
                .split_once(':')
                .map(|(k, v)| headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string())))
                .is_some(),
            "--principal-tag" => value
                .split_once('=')
                .filter(|(k, _)| !k.trim().is_empty())
                .map(|(k, v)| principal_tags.push((k.trim().to_string(), v.to_string())))
                .is_some(),
            "--principal" => {
                principal = Some(if value == "anonymous" {
                    Principal::Anonymous
                } else {
                    Principal::Arn(value.clone())
                });
                true
            }
            _ => {
                let _ = writeln!(
                    err,
                    "error: unknown option `{flag}` for `vpcplay trace`\n{TRACE_USAGE}"
                );
                return 2;
            }
        };
        if !ok {
            let _ = writeln!(
                err,
                "error: `{value}` is not a valid value for `{flag}`\n{TRACE_USAGE}"
            );
            return 2;
        }
    }
    let (Some(file), Some(from), Some(to)) = (file, from, to) else {
        let _ = writeln!(
            err,
            "error: `vpcplay trace` needs FILE, `--from` and `--to`\n{TRACE_USAGE}"
        );
        return 2;
    };
    let topology = match open(&file) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return 2;
        }
    };
    let mut req = Request::new(&from, &to, proto, port);
    if let Some(m) = method {
        req.method = m;
    }
    if let Some(p) = path {
        req.path = p;
    }
    req.headers.extend(headers);
    req.principal_tags.extend(principal_tags);
    if let Some(p) = principal {
        req.signed = p != Principal::Anonymous;
        req.principal = p;
    }
    req.seed = seed;
    let ix = Index::build(&topology);
    let trace = trace_with(&ix, &req);
    if json {
        let _ = writeln!(out, "{}", trace.to_json());
    } else {
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
