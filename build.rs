//! Generates the Clerk types from the vendored schemas, at every build where
//! a schema (or the generator) changed, and at no other.
//!
//! The work is done by `clerk-types-codegen` (shared with `cargo xtask`):
//! vendored bytes -> naming -> normalize -> prepare -> typify -> polish ->
//! prettyplease, written to `OUT_DIR` and `include!`d by `src/lib.rs`.
//!
//! Every `schema/clerk-*-schema.json` is generated (`schema/manifest.toml`
//! records where each came from; a test keeps the two in step), the Client
//! schema first, so the types it shares with others live in `client`.

use std::path::Path;
use std::process::ExitCode;

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
    let files = schema_files()?;
    let mut sources = Vec::new();
    for name in &files {
        let path = format!("schema/{name}");
        let bytes = std::fs::read(&path).map_err(|e| format!("{path}: cannot read: {e}"))?;
        sources.push((path, bytes));
    }
    let inputs: Vec<clerk_types_codegen::Input<'_>> = sources
        .iter()
        .map(|(file, bytes)| clerk_types_codegen::Input { file, bytes })
        .collect();
    let generated = clerk_types_codegen::generate_all(&inputs).map_err(|e| e.to_string())?;
    for ((name, (path, bytes)), g) in files.iter().zip(&sources).zip(&generated) {
        write(&out_dir.join(format!("{}.rs", g.key)), g.source())?;
        let normalized = clerk_types_codegen::normalized(path, bytes).map_err(|e| e.to_string())?;
        write(&out_dir.join(name), normalized.to_string())?;
    }
    let modules: Vec<clerk_types_codegen::index::Module<'_>> = generated
        .iter()
        .zip(&files)
        .map(
            |(generated, schema_file)| clerk_types_codegen::index::Module {
                generated,
                schema_file,
            },
        )
        .collect();
    write(
        &out_dir.join("schemas.rs"),
        clerk_types_codegen::index::index(&modules),
    )
}

/// The vendored schema files: the Client schema first, then by name.
fn schema_files() -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir("schema").map_err(|e| format!("schema/: cannot read: {e}"))?;
    let files = clerk_types_codegen::schema_files(
        entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned()),
    );
    if files.first().map(String::as_str) != Some("clerk-client-schema.json") {
        return Err(
            "schema/clerk-client-schema.json is missing: restore it (git checkout schema/)".into(),
        );
    }
    Ok(files)
}

fn write(path: &Path, text: String) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}
