//! Before `--write` or `--add` touches `schema/`: does the crate build with
//! the new files? A scratch copy of the crate gets them and is checked with
//! `cargo check`, in a target directory kept between runs so that it is
//! quick. A failure is refused with the compiler's first error and the
//! schema node the failing code was generated from.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Environment variable naming the target directory of the check (default
/// `<root>/target/sync-check/target`).
pub const TARGET_ENV: &str = "CLERK_TYPES_CHECK_TARGET";

/// Checks that the crate at `root` builds with `files` (file name in
/// `schema/` and bytes) written over its `schema/`.
pub fn crate_builds(root: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    let work = root.join("target/sync-check");
    let copy = work.join("crate");
    let _ = std::fs::remove_dir_all(&copy);
    // The library alone is checked: its sources and schemas (the test,
    // bench and example targets are left out of the manifest below).
    for sub in ["src", "schema"] {
        copy_dir(&root.join(sub), &copy.join(sub))?;
    }
    for file in ["build.rs", "Cargo.lock"] {
        std::fs::copy(root.join(file), copy.join(file))
            .with_context(|| format!("{}: cannot copy for the build check", file))?;
    }
    let mut manifest =
        std::fs::read_to_string(root.join("Cargo.toml")).context("Cargo.toml: cannot read")?;
    // The generator, by absolute path from the copy.
    if manifest.contains("path = \"codegen\"") {
        let codegen = root
            .join("codegen")
            .canonicalize()
            .context("codegen/: cannot find the generator for the build check")?;
        manifest = manifest.replace(
            "path = \"codegen\"",
            &format!("path = {:?}", codegen.display().to_string()),
        );
    }
    // A standalone package: no workspace, no tests, benches or examples.
    let mut in_target = false;
    let manifest: String = manifest
        .lines()
        .filter(|l| {
            if l.starts_with('[') {
                in_target = matches!(
                    l.trim(),
                    "[dev-dependencies]" | "[[test]]" | "[[bench]]" | "[[example]]"
                );
            }
            !in_target
        })
        .filter(|l| !l.starts_with("members = ") && !l.starts_with("exclude = "))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(copy.join("Cargo.toml"), manifest).context("scratch Cargo.toml")?;
    for (name, bytes) in files {
        let path = copy.join("schema").join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("scratch {}", dir.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("scratch schema/{name}"))?;
    }
    // Each catalog's feature once it is vendored (and the crate has it).
    let mut features = vec!["full"];
    let has = |file: &str| copy.join("schema").join(file).exists();
    if has(clerk_types_codegen::vendored::CATALOG_FILE) {
        features.push("webhooks");
    }
    if has(clerk_types_codegen::vendored::OPERATIONS_FILE) && manifest_has_feature(&copy, "api") {
        features.push("api");
    }
    let features = features.join(",");
    let target = std::env::var_os(TARGET_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| work.join("target"));
    let out = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        // `full`: every vendored schema, also one that has no feature yet;
        // `webhooks` and `api`: the events and the operations generated
        // from the catalogs over them (once a catalog is vendored).
        .args([
            "check",
            "--lib",
            "--quiet",
            "--message-format",
            "short",
            "--features",
            &features,
        ])
        .current_dir(&copy)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .context("cannot run cargo for the build check")?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr
        .lines()
        .find(|l| l.contains("error"))
        .unwrap_or("cargo check failed")
        .trim();
    let origin = origin_of(first).unwrap_or_else(|| {
        if first.starts_with("src/") {
            " (hand-written code that uses the changed types: adapt it in the same change)"
                .to_owned()
        } else {
            String::new()
        }
    });
    // Which upstream files changed: with several at once, the maintainer
    // must know which one broke the build.
    let changed: Vec<&str> = files
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|n| n.ends_with("-schema.json"))
        .collect();
    let what = match changed.as_slice() {
        [] => "the new files".to_owned(),
        [one] => format!("the new {one}"),
        several => format!("the new {}", several.join(", ")),
    };
    let first = first
        .strip_prefix(&format!("{}/", copy.display()))
        .unwrap_or(first);
    bail!("the crate does not build with {what}, so nothing was written: {first}{origin}")
}

/// `path:line:col: error...` in a generated file: the `Generated from` line
/// of the item around it, which names the schema node.
fn origin_of(error: &str) -> Option<String> {
    let mut parts = error.splitn(3, ':');
    let (path, line) = (parts.next()?, parts.next()?.parse::<usize>().ok()?);
    let text = std::fs::read_to_string(path).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let found = lines
        .get(..line.min(lines.len()))?
        .iter()
        .rev()
        .find(|l| l.contains("Generated from"))?;
    Some(format!(
        " (in code {})",
        found.trim().trim_start_matches("///").trim()
    ))
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("{}: cannot create", to.display()))?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("{}: cannot read", from.display()))?
    {
        let path = entry?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target)
                .with_context(|| format!("{}: cannot copy", path.display()))?;
        }
    }
    Ok(())
}

/// Whether the copy's manifest declares `feature`.
fn manifest_has_feature(copy: &Path, feature: &str) -> bool {
    std::fs::read_to_string(copy.join("Cargo.toml"))
        .is_ok_and(|m| m.lines().any(|l| l.starts_with(&format!("{feature} = "))))
}
