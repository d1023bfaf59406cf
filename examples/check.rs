//! `cargo run --example check -- FILE...`: decodes each file as a Clerk
//! `Client` and prints `FILE: ok` or the error.
//!
//! Exit status: 0 if every file decodes, 1 if any does not, 2 on a usage or
//! I/O error.

use std::process::ExitCode;

const USAGE: &str =
    "usage: check FILE...\n\ndecodes each FILE as a Clerk Client and prints `FILE: ok` or why not";

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() || files.iter().any(|f| f == "-h" || f == "--help") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut worst = 0;
    for file in &files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                worst = 2;
                continue;
            }
        };
        match serde_json::from_slice::<clerk_types::Client>(&bytes) {
            Ok(_) => println!("{file}: ok"),
            Err(e) => {
                println!("{file}: {e}");
                worst = worst.max(1);
            }
        }
    }
    ExitCode::from(worst)
}
