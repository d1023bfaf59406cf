//! `cargo run --features validate --bin clerk-check -- [--strict] [--type NAME] FILE...`
//!
//! Decodes each file as a Clerk `Client` (or the root type of the vendored
//! schema NAME: `session`, `user`, ...), leniently, as the crate does; then
//! checks it against that vendored schema, strictly. Prints `FILE: ok`, or
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

const USAGE: &str = "usage: clerk-check [--strict] [--type NAME] FILE...

Decodes each FILE as a Clerk Client (or the root type of the enabled schema
NAME) and checks it against that schema. Schema violations are warnings, or
errors with --strict. `-` reads standard input. Exits 0 if every file
decodes (and, with --strict, conforms), 1 if one does not, 2 on a usage or
I/O error.";

struct Args {
    strict: bool,
    schema: String,
    files: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        strict: false,
        schema: "client".to_owned(),
        files: Vec::new(),
    };
    let mut only_files = false;
    let mut argv = std::env::args().skip(1);
    while let Some(arg) = argv.next() {
        match arg.as_str() {
            _ if only_files => args.files.push(arg),
            "--" => only_files = true,
            "--strict" => args.strict = true,
            "--type" => args.schema = argv.next().ok_or("--type needs a NAME")?,
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
    if !clerk_types::SCHEMAS.iter().any(|s| s.name == args.schema) {
        let known: Vec<&str> = clerk_types::SCHEMAS.iter().map(|s| s.name).collect();
        return Err(format!(
            "--type {}: no such vendored schema (known: {})",
            args.schema,
            known.join(", ")
        ));
    }
    Ok(args)
}

/// How one file fared: 0 fine, 1 refused.
fn check(file: &str, bytes: &[u8], schema: &str, strict: bool) -> u8 {
    let Some(decoded) = clerk_types::reencode(schema, bytes) else {
        return 2;
    };
    let document: Value = match serde_json::from_slice(bytes) {
        Ok(document) => document,
        Err(_) => {
            // Not JSON at all: the decode error says where.
            let message = decoded.err().map(|e| e.to_string()).unwrap_or_default();
            println!("{file}: error: {message}");
            return 1;
        }
    };
    let violations = clerk_types::validate::schema(schema, &document).unwrap_or_default();
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
        // Asked for: to standard output, and success.
        Err(problem) if problem.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("clerk-check: {problem}");
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
            Ok(bytes) => worst = worst.max(check(file, &bytes, &args.schema, args.strict)),
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                worst = 2;
            }
        }
    }
    ExitCode::from(worst)
}
