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

/// `vpcplay check`: runs every flow with an `expect` in the documents under `paths`. A document
/// named `*.invalid.json` is a configuration the control plane must refuse: it passes when
/// validation rejects it. Prints one line per mismatch and `N passed, N failed`; exit 1 on any
/// failure, 2 on a usage error.
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
        if let Err(e) = collect(Path::new(p), &mut files) {
            let _ = writeln!(err, "error: cannot read `{p}`: {e}");
            return 2;
        }
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        let name = file.display().to_string();
        let expect_invalid = name.ends_with(".invalid.json");
        let opened = open(&name);
        match (opened, expect_invalid) {
            (Err(_), true) => passed += 1,
            (Ok(_), true) => {
                failed += 1;
                let _ = writeln!(
                    out,
                    "{name}: expected validation to refuse the document, but it is valid"
                );
            }
            (Err(e), false) => {
                failed += 1;
                let _ = writeln!(out, "{e}");
            }
            (Ok(topology), false) => {
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
    u8::from(failed > 0)
}
