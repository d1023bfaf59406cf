//! The whole upstream dialect, one synthetic schema per group of constructs
//! (tests/dialect/*.json, written for this crate in the upstream dialect):
//! a copy of the crate vendoring them beside the Client schema must build
//! without warnings, and each case of tests/dialect/cases.json must decode
//! (or not), validate (or not) and round-trip as it says.

#![cfg(feature = "validate")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
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

fn scratch() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dialect");
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["src", "schema", "examples", "benches"] {
        copy_dir(&root.join(sub), &dir.join(sub));
    }
    for file in ["build.rs", "Cargo.lock"] {
        std::fs::copy(root.join(file), dir.join(file)).expect("copy");
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .expect("manifest")
        .replace(
            "path = \"codegen\"",
            &format!("path = {:?}", root.join("codegen").display().to_string()),
        )
        .replace("members = [\"codegen\", \"xtask\"]", "")
        .replace("exclude = [\"fuzz\"]", "");
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
    for entry in std::fs::read_dir(root.join("tests/dialect")).expect("dialect dir") {
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
    std::fs::copy(
        root.join("tests/dialect/cases.json"),
        dir.join("cases.json"),
    )
    .expect("cases");
    std::fs::copy(
        root.join("tests/dialect/probe.rs"),
        dir.join("examples/probe.rs"),
    )
    .expect("probe");
    dir
}

#[test]
fn every_construct_generates_decodes_and_round_trips() {
    let dir = scratch();
    let out = Command::new(env!("CARGO"))
        .args(["run", "--example", "probe", "--features", "validate"])
        .current_dir(&dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        !stderr.contains("warning"),
        "the generated code must build without warnings:\n{stderr}"
    );
    assert!(stdout.starts_with("probe ok"), "{stdout}");
}
