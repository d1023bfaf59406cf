//! Generates the Clerk types from the vendored schemas, at every build where
//! a schema, the names file (or the generator) changed, and at no other.
//!
//! The work is done by `clerk-types-codegen` (shared with `cargo xtask`):
//! `vendored::load` reads `schema/`, `generate` runs the pipeline (see
//! ARCHITECTURE.md), and this script writes the results to `OUT_DIR`, where
//! `src/lib.rs` `include!`s them.

use std::path::Path;
use std::process::ExitCode;

use clerk_types_codegen::vendored;

fn main() -> ExitCode {
    // A directory is scanned as a whole: edits, additions and removals count.
    println!("cargo:rerun-if-changed=schema");
    println!("cargo:rerun-if-changed=build.rs");
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // One readable line instead of a panic and its backtrace.
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let out_dir =
        std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set; build.rs must be run by cargo")?;
    let out_dir = Path::new(&out_dir);
    let set = vendored::load(Path::new("schema")).map_err(|e| e.to_string())?;
    if set.schemas.first().map(|s| s.file.as_str()) != Some(vendored::CLIENT_FILE) {
        return Err(format!(
            "schema/{} is missing: restore it (git checkout schema/)",
            vendored::CLIENT_FILE
        ));
    }
    let generated = set.generate().map_err(|e| {
        format!("{e} (the vendored files must be upstream's exact bytes: restore them with `git checkout schema/`, or re-sync with `cargo xtask sync-schema --write`)")
    })?;
    for module in &generated.modules {
        write(&out_dir.join(format!("{}.rs", module.key)), module.source())?;
    }
    for (file, normalized) in &generated.normalized {
        write(&out_dir.join(file), normalized.to_string())?;
    }
    write(&out_dir.join("schemas.rs"), generated.index())?;
    Ok(())
}

fn write(path: &Path, text: String) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}
