//! The `vpcplay` command line: the simulator core, natively, for documentation builds and CI.

use std::process::ExitCode;

const USAGE: &str = "\
vpcplay — simulate AWS private networking from the command line

usage:
  vpcplay cidr CIDR...   summarise CIDR blocks (address counts)
  vpcplay --version      print the version
  vpcplay --help         print this help
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
