//! Editing the vendored schema regenerates the types: the generator's output
//! changes with the schema, and a crate built from a changed copy compiles
//! and decodes with the new types. A broken schema fails the build with a
//! readable error naming the file, line and column.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

const VENDORED: &[u8] = include_bytes!("../schema/clerk-client-schema.json");
const FILE: &str = "schema/clerk-client-schema.json";

fn changed_schema() -> Vec<u8> {
    let mut schema: Value = serde_json::from_slice(VENDORED).expect("vendored schema is JSON");
    let session = &mut schema["properties"]["sessions"]["items"];
    session["properties"]["status"]["enum"]
        .as_array_mut()
        .expect("status enum")
        .push(json!("locked"));
    session["properties"]["locked_reason"] =
        json!({"type": "string", "nullable": true, "description": "Why the session is locked.\n"});
    serde_json::to_vec_pretty(&schema).expect("serializes")
}

#[test]
fn generated_code_follows_the_schema() {
    let before = clerk_types_codegen::generate(FILE, VENDORED).expect("vendored schema generates");
    let after =
        clerk_types_codegen::generate(FILE, &changed_schema()).expect("changed schema generates");
    let (before, after) = (before.source(), after.source());
    assert!(!before.contains("Locked") && after.contains("\"locked\" => Self::Locked"));
    assert!(!before.contains("locked_reason"));
    assert!(
        after.contains("/// Why the session is locked.\n"),
        "{after}"
    );
    assert!(after.contains("pub locked_reason: ::std::option::Option<::std::string::String>"));
}

/// A copy of this crate, standalone, with `schema` as its vendored schema.
fn scratch_crate(name: &str, schema: &[u8]) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["src", "schema", "examples", "benches"] {
        copy_dir(&root.join(sub), &dir.join(sub));
    }
    for file in ["build.rs", "Cargo.lock"] {
        std::fs::copy(root.join(file), dir.join(file)).expect("copy crate file");
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("manifest");
    let codegen = root.join("codegen");
    let manifest = manifest
        .replace(
            "path = \"codegen\"",
            &format!("path = {:?}", codegen.display().to_string()),
        )
        .replace("members = [\"codegen\", \"xtask\"]", "")
        .replace("exclude = [\"fuzz\"]", "");
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
    std::fs::write(dir.join("schema/clerk-client-schema.json"), schema).expect("schema");
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("scratch dir");
    for entry in std::fs::read_dir(from).expect("readable dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("named"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        // One shared target directory keeps the dependencies built once.
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        .output()
        .expect("cargo runs")
}

#[test]
fn a_changed_schema_compiles_into_new_types() {
    let dir = scratch_crate("regenerate-changed", &changed_schema());
    std::fs::write(
        dir.join("examples/probe.rs"),
        r#"
        fn main() {
            let json = include_str!("../payload.json");
            let client: clerk_types::Client = serde_json::from_str(json).expect("decodes");
            let s = &client.sessions[0];
            assert_eq!(s.status, clerk_types::SessionStatus::Locked);
            assert_eq!(s.locked_reason.as_deref(), Some("too many attempts"));
            println!("probe ok");
        }
        "#,
    )
    .expect("probe");
    let mut payload: Value =
        serde_json::from_str(include_str!("payloads/valid/signed_in.json")).expect("fixture");
    payload["sessions"][0]["status"] = json!("locked");
    payload["sessions"][0]["locked_reason"] = json!("too many attempts");
    std::fs::write(dir.join("payload.json"), payload.to_string()).expect("payload");
    let out = cargo(&dir, &["run", "--quiet", "--example", "probe"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "probe ok");
}

#[test]
fn a_broken_schema_fails_the_build_with_file_line_and_column() {
    let mut broken = VENDORED.to_vec();
    broken.truncate(300);
    let dir = scratch_crate("regenerate-broken", &broken);
    let out = cargo(&dir, &["build", "--quiet"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let line = broken.iter().filter(|b| **b == b'\n').count() + 1;
    let at = format!("error: schema/clerk-client-schema.json:{line}:");
    assert!(stderr.contains(&at), "{stderr}");
    assert!(stderr.contains("not valid JSON"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
