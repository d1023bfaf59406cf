//! One cargo feature per vendored schema: each builds alone, without
//! warnings, and passes the schema tests (`tests/schemas.rs`) over what it
//! enables. A representative set runs here; every feature alone (and the
//! default, and `full`) with `cargo test --test features -- --ignored`.

#[path = "support/scratch.rs"]
mod scratch;

use clerk_types_codegen::naming::schema_key;
use clerk_types_codegen::vendored;

/// The schema features, from the vendored files.
fn schema_features() -> Vec<String> {
    vendored::load(&scratch::repo_root().join("schema"))
        .expect("vendored set")
        .schemas
        .iter()
        .map(|s| schema_key(&s.file))
        .collect()
}

#[test]
fn every_vendored_schema_has_its_feature_and_full_has_them_all() {
    let manifest =
        std::fs::read_to_string(scratch::repo_root().join("Cargo.toml")).expect("Cargo.toml");
    let full = manifest
        .split("\nfull = [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("a `full` feature");
    let set = vendored::load(&scratch::repo_root().join("schema")).expect("vendored set");
    // As generated: restored across the set (a filled cut may bring a pattern).
    for (key, doc) in set.restored().expect("restores") {
        let line = manifest
            .split(&format!("\n{key} = ["))
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .unwrap_or_else(|| panic!("schema {key} has no feature `{key} = [...]` in Cargo.toml"));
        // Decoding checks no `pattern` (the model's constraints rule), so
        // no schema needs a regex engine.
        assert!(
            !line.contains("regress"),
            "feature {key}: generated code checks no pattern"
        );
        let _ = doc;
        assert!(
            full.contains(&format!("\"{key}\"")),
            "`full` does not enable {key}"
        );
    }
    assert!(manifest.contains("default = [\"client\"]"));
}

/// Builds and tests a scratch copy of the crate with `args` as its feature
/// selection; no warnings allowed.
fn passes_alone(label: &str, args: &[&str]) {
    passes_alone_with(label, &["schemas"], args);
}

fn passes_alone_with(label: &str, tests: &[&str], args: &[&str]) {
    // `full`'s schema test compares the enabled schemas with the
    // generator's list of the vendored files.
    let dir = scratch::scratch_crate_with_tests("features", &["proptest", "clerk-types-codegen"]);
    let mut all = vec!["test"];
    for test in tests {
        all.extend(["--test", test]);
    }
    all.extend_from_slice(args);
    let out = scratch::cargo(&dir, &all);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{label}:\n{stdout}\n{stderr}");
    assert!(
        !stderr.contains("warning"),
        "{label}: builds with warnings:\n{stderr}"
    );
}

#[test]
fn representative_features_alone() {
    // The schema that shares most (User) and one whose types another
    // schema owns when both are on (Session).
    for key in ["user", "session"] {
        let features = format!("{key},validate");
        passes_alone(key, &["--no-default-features", "--features", &features]);
    }
}

#[test]
#[ignore = "builds the crate once per schema feature and more; run before a release"]
fn every_feature_alone_the_default_and_full() {
    for key in schema_features() {
        let features = format!("{key},validate");
        passes_alone(&key, &["--no-default-features", "--features", &features]);
    }
    passes_alone("default", &["--features", "validate"]);
    passes_alone("full", &["--features", "full,validate"]);
    // The events need exactly the schemas the feature enables.
    passes_alone_with(
        "webhooks",
        &["schemas", "webhook_events", "webhooks"],
        &["--no-default-features", "--features", "webhooks,validate"],
    );
}

/// The README lists every feature once, in its Features table, and no
/// feature that Cargo.toml does not have.
#[test]
fn the_readme_lists_every_feature_once() {
    let root = scratch::repo_root();
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    let features: std::collections::BTreeSet<String> = manifest
        .split("\n[features]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [features] table")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
        .filter(|k| k != "default")
        .collect();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let table = readme
        .split("\n## Features\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README: a Features section");
    let mut listed: Vec<String> = Vec::new();
    for row in table.lines().filter(|l| l.starts_with("| `")) {
        let first = row.split('|').nth(1).unwrap_or_default();
        listed.extend(first.split('`').skip(1).step_by(2).map(str::to_owned));
    }
    let mut seen = std::collections::BTreeSet::new();
    let twice: Vec<&String> = listed
        .iter()
        .filter(|f| !seen.insert((*f).clone()))
        .collect();
    assert!(twice.is_empty(), "listed twice in the README: {twice:?}");
    let missing: Vec<&String> = features.difference(&seen).collect();
    assert!(
        missing.is_empty(),
        "features the README's table omits: {missing:?}"
    );
    let unknown: Vec<&String> = seen.difference(&features).collect();
    assert!(
        unknown.is_empty(),
        "the README lists features Cargo.toml lacks: {unknown:?}"
    );
    // The default is the one Cargo.toml declares.
    assert!(table.contains("| `client` (default) |"));
}
