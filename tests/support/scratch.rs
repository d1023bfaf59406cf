//! A standalone copy of this crate, to build it the way a user or a
//! maintainer would after changing `schema/` (shared by the crate's tests
//! and, through `#[path]`, by the xtask's).

#![allow(dead_code)]

use std::io::Write as _;
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

/// A fresh copy of the crate (manifest, build script, sources, schemas)
/// under the tests' scratch directory, standalone: its generator dependency
/// points back at this checkout's `codegen/`. Lean: without the
/// dev-dependencies, tests, benches and examples, so that a probe
/// (`examples/probe.rs`, [`run_probe`]) builds the crate and its normal
/// dependencies only, as a user's build does.
pub fn scratch_crate(name: &str) -> PathBuf {
    copy_crate(name, None)
}

/// [`scratch_crate`] with the tests, benches and examples, for a test that
/// runs some of the crate's own tests there, and of the dev-dependencies
/// only `dev_dependencies` (what those tests use: cargo builds every
/// dev-dependency for any test, and axum, tokio or rsa would take longer
/// than the tests).
pub fn scratch_crate_with_tests(name: &str, dev_dependencies: &[&str]) -> PathBuf {
    copy_crate(name, Some(dev_dependencies))
}

/// Leaves only the Client's schema of the vendored set in a scratch copy
/// (the generator needs it first): a probe of other schemas (fixtures,
/// mutants) then builds them beside one schema, not twenty-five.
pub fn keep_only_the_client_schema(dir: &Path) {
    for entry in std::fs::read_dir(dir.join("schema")).expect("schema dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("named")
            .to_string_lossy()
            .into_owned();
        if name.starts_with("clerk-")
            && name.ends_with("-schema.json")
            && name != "clerk-client-schema.json"
        {
            std::fs::remove_file(&path).expect("remove a vendored schema");
        }
    }
}

fn copy_crate(name: &str, dev_dependencies: Option<&[&str]>) -> PathBuf {
    let root = repo_root();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let parts: &[&str] = if dev_dependencies.is_some() {
        &["src", "schema", "examples", "benches", "tests"]
    } else {
        &["src", "schema"]
    };
    for sub in parts {
        copy_dir(&root.join(sub), &dir.join(sub));
    }
    std::fs::create_dir_all(dir.join("examples")).expect("examples dir");
    for file in ["build.rs", "Cargo.lock"] {
        std::fs::copy(root.join(file), dir.join(file))
            .unwrap_or_else(|e| panic!("copy {file}: {e}"));
    }
    let codegen = root.join("codegen").canonicalize().expect("codegen dir");
    let mut manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .expect("manifest")
        .replace(
            "path = \"codegen\"",
            &format!("path = {:?}", codegen.display().to_string()),
        )
        .replace("members = [\"codegen\", \"xtask\"]", "")
        .replace("exclude = [\"fuzz\"]", "");
    manifest = match dev_dependencies {
        None => without_test_targets(&manifest),
        Some(keep) => with_dev_dependencies(&manifest, keep),
    };
    std::fs::write(dir.join("Cargo.toml"), sharing_the_test_build(&manifest)).expect("manifest");
    dir
}

/// What a scratch manifest asks for beyond its own needs so that its
/// build reuses the test build's compiled dependencies ([`build_dir`])
/// instead of building the generator's chain (syn, schemars, typify: half
/// a minute on two cores) once more. Cargo reuses a unit only if its
/// profile and features, and its dependencies', are the same:
/// - the repository's `[profile]` sections, for a manifest written here
///   without them (a consumer crate);
/// - syn 2 with `full` on the build side, which the test build has because
///   divan's macros (a dev-dependency for the benches) ask for it, and
///   which schemars' derive, under typify, is built with;
/// - syn 3 with `extra-traits`, `fold` and `visit` on the build side,
///   which the test build has because url's macros (under reqwest) ask
///   for them, and which typify and the generator are built with.
///
/// The crates' own manifests pin the rest of that chain's features
/// (Cargo.toml says why); these are the tests' alone, so they are asked for
/// here, not in every consumer's build.
pub fn sharing_the_test_build(manifest: &str) -> String {
    const PIN: &str = concat!(
        "syn-2-as-in-the-test-build = { package = \"syn\", version = \"2\", features = [\"full\"] }\n",
        "syn-3-as-in-the-test-build = { package = \"syn\", version = \"3\", features = [\"full\", \"extra-traits\", \"fold\", \"visit\"] }\n",
    );
    let mut out = manifest.trim_end().to_owned() + "\n";
    if !out.contains("\n[profile.dev]") {
        out.push('\n');
        out.push_str(&profile_sections());
    }
    match out.find("\n[build-dependencies]\n") {
        Some(at) => {
            let at = at + "\n[build-dependencies]\n".len();
            out.insert_str(at, PIN);
        }
        None => {
            out.push_str("\n[build-dependencies]\n");
            out.push_str(PIN);
        }
    }
    out
}

/// The repository manifest's `[profile.*]` sections.
fn profile_sections() -> String {
    let manifest = std::fs::read_to_string(repo_root().join("Cargo.toml")).expect("manifest");
    let mut out = String::new();
    let mut keep = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            keep = line.starts_with("[profile.");
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The manifest with only the `keep` entries of its `[dev-dependencies]`.
fn with_dev_dependencies(manifest: &str, keep: &[&str]) -> String {
    let mut out = String::with_capacity(manifest.len());
    let mut in_dev = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            in_dev = line.trim() == "[dev-dependencies]";
        }
        let name = line.split(" = ").next().unwrap_or_default().trim();
        let dropped = in_dev
            && !line.starts_with('[')
            && !line.starts_with('#')
            && line.contains(" = ")
            && !keep.contains(&name);
        if !dropped {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The manifest without its `[dev-dependencies]`, `[[test]]`, `[[bench]]`
/// and `[[example]]` sections.
fn without_test_targets(manifest: &str) -> String {
    let mut out = String::with_capacity(manifest.len());
    let mut keep = true;
    for line in manifest.lines() {
        if line.starts_with('[') {
            keep = !matches!(
                line.trim(),
                "[dev-dependencies]" | "[[test]]" | "[[bench]]" | "[[example]]"
            );
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
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

/// Where a scratch build keeps its intermediate artifacts: the outer
/// `cargo test`'s own target directory (cargo releases its lock there
/// before it runs the tests), so that a scratch copy of the crate reuses
/// every dependency the test build compiled, with the same features and
/// profile, and compiles only itself. Its final artifacts (the probe, the
/// binaries) go to `scratch-target`, so that none overwrites the test
/// build's own (`clerk-check`). Cargo before 1.91 has no build directory
/// and builds the dependencies once more, in `scratch-target`.
pub fn build_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the tests' scratch directory is inside the target directory")
        .to_path_buf()
}

/// Runs cargo in `dir`, with one target directory shared by every scratch
/// crate and the test build's own as the build directory ([`build_dir`]),
/// so the dependencies are built once; without incremental state, which a
/// one-off build only pays for.
pub fn cargo(dir: &Path, args: &[&str]) -> Output {
    // Said on the terminal, past the test harness's capture: a build here
    // takes a minute, and silence for that long reads as a hang.
    let _ = writeln!(
        std::io::stderr(),
        "    scratch: cargo {} in {} (building a copy of the crate)",
        args.join(" "),
        dir.display()
    );
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target"),
        )
        .env("CARGO_BUILD_BUILD_DIR", build_dir())
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .expect("cargo runs")
}

/// Writes `examples/probe.rs` into `dir`, runs it, and returns its output
/// after checking that it built and ran.
pub fn run_probe(dir: &Path, source: &str, features: &[&str]) -> String {
    std::fs::write(dir.join("examples/probe.rs"), source).expect("probe");
    cargo_with_every_schema(dir, &["run", "--example", "probe"], features)
}

/// Runs cargo's `command` in `dir` with `full` (every schema in the scratch
/// crate, also those without a feature of their own: fixtures, mutants) and
/// `features`; its standard output, after checking that it succeeded
/// without a warning.
fn cargo_with_every_schema(dir: &Path, command: &[&str], features: &[&str]) -> String {
    let mut args = command.to_vec();
    args.extend(["--features", "full"]);
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

/// Checks that the library of the scratch copy in `dir` compiles with
/// every schema in it and `features`, without warnings: `cargo check`, the
/// compiler's whole front end (types, borrows, lints) without code
/// generation, for a test whose question is whether generated code
/// compiles, not what it does (`sync-schema`'s build check asks it the same
/// way). A third of the time of building and running a probe.
pub fn check_lib(dir: &Path, features: &[&str]) {
    cargo_with_every_schema(dir, &["check", "--lib"], features);
}
