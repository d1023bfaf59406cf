//! `cargo run --features validate --example check -- [--strict] FILE...`
//!
//! Decodes each file as a Clerk `Client` (leniently, as the crate does), then
//! checks it against the vendored schema (strictly). Prints `FILE: ok`, or
//! each problem on its own line with its path:
//!
//! ```text
//! sample.json: warning: /sessions/0/latest_activity: "id" is a required property
//! sample.json: ok, 1 schema violation (a warning; --strict fails on it)
//! ```
//!
//! Exit status: 0 if every file decodes (and, with `--strict`, conforms), 1
//! if any does not, 2 on a usage or I/O error.

use std::process::ExitCode;

use serde_json::Value;

const USAGE: &str = "usage: check [--strict] FILE...

Decodes each FILE as a Clerk Client and checks it against the vendored schema.
Schema violations are warnings, or errors with --strict.";

struct Args {
    strict: bool,
    files: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        strict: false,
        files: Vec::new(),
    };
    let mut only_files = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            _ if only_files => args.files.push(arg),
            "--" => only_files = true,
            "--strict" => args.strict = true,
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with('-') && flag != "-" => {
                return Err(format!("unknown option {flag}"))
            }
            _ => args.files.push(arg),
        }
    }
    if args.files.is_empty() {
        return Err("no FILE given".to_owned());
    }
    Ok(args)
}

/// How one file fared: 0 fine, 1 refused.
fn check(file: &str, bytes: &[u8], strict: bool) -> u8 {
    let decoded = clerk_types::from_slice::<clerk_types::Client>(bytes);
    let document: Value = match serde_json::from_slice(bytes) {
        Ok(document) => document,
        Err(_) => {
            // Not JSON at all: the decode error says where.
            let message = decoded.err().map(|e| e.to_string()).unwrap_or_default();
            println!("{file}: error: {message}");
            return 1;
        }
    };
    let violations = clerk_types::validate::client(&document);
    let level = if strict { "error" } else { "warning" };
    if let Err(e) = &decoded {
        println!("{file}: error: {e}");
    }
    for v in &violations {
        println!("{file}: {level}: {v}");
    }
    let n = violations.len();
    let plural = if n == 1 { "" } else { "s" };
    match (decoded.is_ok(), n, strict) {
        (true, 0, _) => {
            println!("{file}: ok");
            0
        }
        (true, _, false) => {
            println!("{file}: ok, {n} schema violation{plural} (warnings; --strict fails on them)");
            0
        }
        (true, _, true) => {
            println!("{file}: invalid, {n} schema violation{plural}");
            1
        }
        (false, _, _) => {
            println!("{file}: does not decode");
            1
        }
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("check: {problem}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut worst = 0;
    for file in &args.files {
        let read = if file == "-" {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map(|_| buf)
        } else {
            std::fs::read(file)
        };
        match read {
            Ok(bytes) => worst = worst.max(check(file, &bytes, args.strict)),
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                worst = 2;
            }
        }
    }
    ExitCode::from(worst)
}
