//! Editing the vendored schema regenerates the types: the generator's output
//! changes with the schema, and a crate built from a changed copy compiles
//! and decodes with the new types. A broken schema fails the build with a
//! readable error naming the file, line and column.

#[path = "support/scratch.rs"]
mod scratch;

use std::path::PathBuf;

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
    let names = clerk_types_codegen::Names::parse(
        "schema/names.json",
        include_str!("../schema/names.json"),
    )
    .expect("names file");
    let before =
        clerk_types_codegen::generate(FILE, VENDORED, &names).expect("vendored schema generates");
    let after = clerk_types_codegen::generate(FILE, &changed_schema(), &names)
        .expect("changed schema generates");
    let (before, after) = (before.source(), after.source());
    assert!(!before.contains("Locked") && after.contains("\"locked\" => Self::Locked"));
    assert!(!before.contains("locked_reason"));
    assert!(
        after.contains("/// Why the session is locked.\n"),
        "{after}"
    );
    assert!(after.contains("pub locked_reason: ::std::option::Option<::std::string::String>"));
}

fn scratch_with(name: &str, schema: &[u8]) -> PathBuf {
    let dir = scratch::scratch_crate(name);
    scratch::keep_only_the_client_schema(&dir);
    std::fs::write(dir.join("schema/clerk-client-schema.json"), schema).expect("schema");
    dir
}

#[test]
fn a_changed_schema_compiles_into_new_types() {
    let dir = scratch_with("regenerate-changed", &changed_schema());
    let mut payload: Value =
        serde_json::from_str(include_str!("payloads/valid/signed_in.json")).expect("fixture");
    payload["sessions"][0]["status"] = json!("locked");
    payload["sessions"][0]["locked_reason"] = json!("too many attempts");
    std::fs::write(dir.join("payload.json"), payload.to_string()).expect("payload");
    let out = scratch::run_probe(
        &dir,
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
        &[],
    );
    assert_eq!(out.trim(), "probe ok");
}

#[test]
fn a_broken_schema_fails_the_build_with_file_line_and_column() {
    let mut broken = VENDORED.to_vec();
    broken.truncate(300);
    let dir = scratch_with("regenerate-broken", &broken);
    let out = scratch::cargo(&dir, &["build", "--quiet"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let line = broken.iter().filter(|b| **b == b'\n').count() + 1;
    let at = format!("error: schema/clerk-client-schema.json:{line}:");
    assert!(stderr.contains(&at), "{stderr}");
    assert!(stderr.contains("not valid JSON"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
