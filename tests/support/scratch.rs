//! A standalone copy of this crate, to build it the way a user or a
//! maintainer would after changing `schema/` (shared by the crate's tests
//! and, through `#[path]`, by the xtask's).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|p| p.join("build.rs").exists() && p.join("schema").is_dir())
        .expect("inside the clerk-types repository")
        .to_path_buf()
}

/// A fresh copy of the crate (manifest, build script, sources, schemas,
/// examples) under the tests' scratch directory, standalone: its generator
/// dependency points back at this checkout's `codegen/`.
pub fn scratch_crate(name: &str) -> PathBuf {
    let root = repo_root();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["src", "schema", "examples", "benches", "tests"] {
        copy_dir(&root.join(sub), &dir.join(sub));
    }
    for file in ["build.rs", "Cargo.lock"] {
        std::fs::copy(root.join(file), dir.join(file))
            .unwrap_or_else(|e| panic!("copy {file}: {e}"));
    }
    let codegen = root.join("codegen").canonicalize().expect("codegen dir");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .expect("manifest")
        .replace(
            "path = \"codegen\"",
            &format!("path = {:?}", codegen.display().to_string()),
        )
        .replace("members = [\"codegen\", \"xtask\"]", "")
        .replace("exclude = [\"fuzz\"]", "");
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("manifest");
    dir
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
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

/// Runs cargo in `dir`, with one target directory shared by every scratch
/// crate so the dependencies are built once (the outer `cargo test` holds
/// its own).
pub fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        .output()
        .expect("cargo runs")
}

/// Writes `examples/probe.rs` into `dir`, runs it, and returns its output
/// after checking that it built and ran.
pub fn run_probe(dir: &Path, source: &str, features: &[&str]) -> String {
    std::fs::write(dir.join("examples/probe.rs"), source).expect("probe");
    // `full`: every schema in the scratch crate, also those without a
    // feature of their own (fixtures, mutants).
    let mut args = vec!["run", "--example", "probe", "--features", "full"];
    for f in features {
        args.extend(["--features", f]);
    }
    let out = cargo(dir, &args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        !stderr.contains("warning"),
        "the generated code must build without warnings:\n{stderr}"
    );
    stdout
}
