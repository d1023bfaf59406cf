//! The whole upstream dialect, one synthetic schema per group of constructs
//! (tests/dialect/*.json, written for this crate in the upstream dialect):
//! a copy of the crate vendoring them beside the Client schema must build
//! without warnings, and each case of tests/dialect/cases.json must decode
//! (or not), validate (or not) and round-trip as it says.

#![cfg(feature = "validate")]

#[path = "support/scratch.rs"]
mod scratch;

#[test]
fn every_construct_generates_decodes_and_round_trips() {
    let dir = scratch::scratch_crate("dialect");
    scratch::keep_only_the_client_schema(&dir);
    let here = scratch::repo_root().join("tests/dialect");
    for entry in std::fs::read_dir(&here).expect("dialect dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("named")
            .to_string_lossy()
            .into_owned();
        if name.ends_with("-schema.json") {
            std::fs::copy(&path, dir.join("schema").join(&name)).expect("schema");
        }
    }
    std::fs::copy(here.join("cases.json"), dir.join("cases.json")).expect("cases");
    let probe = std::fs::read_to_string(here.join("probe.rs")).expect("probe");
    let out = scratch::run_probe(&dir, &probe, &["validate"]);
    assert!(out.starts_with("probe ok"), "{out}");
}
