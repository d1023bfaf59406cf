//! Generates the Clerk types from the vendored schemas, at every build where
//! a schema (or the generator) changed, and at no other.
//!
//! The work is done by `clerk-types-codegen` (shared with `cargo xtask`):
//! vendored bytes -> naming -> normalize -> typify -> polish -> prettyplease,
//! written to `OUT_DIR` and `include!`d by `src/client.rs`.

use std::path::Path;
use std::process::ExitCode;

/// The vendored schemas and the file each one's code is written to. Beside
/// the code, the normalized schema is written under the schema's own file
/// name, for strict validation.
const SCHEMAS: &[(&str, &str)] = &[("schema/clerk-client-schema.json", "client.rs")];

fn main() -> ExitCode {
    // A directory is scanned as a whole: edits, additions and removals count.
    println!("cargo:rerun-if-changed=schema");
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("error: OUT_DIR is not set; build.rs must be run by cargo");
        return ExitCode::FAILURE;
    };
    for (schema, output) in SCHEMAS {
        if let Err(message) = generate(schema, Path::new(&out_dir), output) {
            // One readable line instead of a panic and its backtrace.
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn generate(schema: &str, out_dir: &Path, output: &str) -> Result<(), String> {
    let bytes = std::fs::read(schema).map_err(|e| format!("{schema}: cannot read: {e}"))?;
    let generated = clerk_types_codegen::generate(schema, &bytes).map_err(|e| e.to_string())?;
    write(&out_dir.join(output), generated.source())?;
    let normalized = clerk_types_codegen::normalized(schema, &bytes).map_err(|e| e.to_string())?;
    let name = Path::new(schema).file_name().unwrap_or_default();
    write(&out_dir.join(name), normalized.to_string())
}

fn write(path: &Path, text: String) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}
