//! What a user and a packager see of the repository: the licenses ship,
//! the declared rust-version is one, the README states it, CI checks it.

use std::path::Path;

#[path = "support/scratch.rs"]
mod support;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rust_version(manifest: &str) -> String {
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("a rust-version")
        .to_owned()
}

#[test]
fn licenses_and_changelog_ship_in_both_packages() {
    let manifest = read("Cargo.toml");
    for file in ["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md", "README.md"] {
        assert!(!read(file).is_empty(), "{file}");
        assert!(
            manifest.contains(&format!("\"/{file}\"")),
            "{file} not in `include`"
        );
    }
    // The generator's package is its directory: the licenses are there too.
    for file in ["codegen/LICENSE-MIT", "codegen/LICENSE-APACHE"] {
        assert_eq!(
            read(file),
            read(file.trim_start_matches("codegen/")),
            "{file}"
        );
    }
    assert!(read("CHANGELOG.md").contains("## [0.1.0]"));
    assert!(manifest.contains("[package.metadata.docs.rs]\n# Every schema and strict validation, each item marked with the feature it needs.\nall-features = true"));
}

#[test]
fn one_declared_rust_version_stated_and_checked() {
    let msrv = rust_version(&read("Cargo.toml"));
    for other in ["codegen/Cargo.toml", "xtask/Cargo.toml"] {
        assert_eq!(rust_version(&read(other)), msrv, "{other}");
    }
    assert!(
        read("README.md").contains(&format!("({msrv} or newer")),
        "the README's Quickstart names the rust-version"
    );
    let ci = read(".github/workflows/ci.yml");
    assert!(
        ci.contains("rust-version") && ci.contains(".ci/run"),
        "{ci}"
    );
}

/// The README's dependency line, as a user who holds this repository
/// writes it (with the path to their checkout), builds a program that
/// decodes a User and a Session.
#[test]
fn the_readme_dependency_line_builds_a_consumer() {
    let readme = read("README.md");
    let block = readme
        .split("```toml\n")
        .find(|b| b.starts_with("[dependencies]\nclerk-types = { path = "))
        .and_then(|b| b.split("```").next())
        .expect("README: a [dependencies] block with a path dependency");
    let root = support::repo_root();
    let dependencies = block.replace(
        "path = \"../clerk-types\"",
        &format!("path = {:?}", root.display().to_string()),
    );
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("consumer");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).expect("dir");
    let manifest = format!("[package]\nname = \"consumer\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n{dependencies}\n[workspace]\n");
    std::fs::write(
        dir.join("Cargo.toml"),
        support::sharing_the_test_build(&manifest),
    )
    .expect("manifest");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock");
    let program = r##"fn main() {
    let user: clerk_types::User = serde_json::from_str(r#"{"id": "user_1", "object": "user"}"#).unwrap();
    let session: clerk_types::Session = serde_json::from_str(r#"{"id": "sess_1", "status": "active"}"#).unwrap();
    println!("{} {} {}", user.id, session.status, !user.missing_required().is_empty());
}
"##;
    std::fs::write(dir.join("src/main.rs"), program).expect("main");
    let out = support::cargo(&dir, &["run", "--quiet"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.trim(), "user_1 active true");
    // A type whose feature is off names the feature, as rustc does for the
    // hand-written modules.
    std::fs::write(
        dir.join("src/main.rs"),
        "use clerk_types::Invitation;\nuse clerk_types::jwttemplate::JwtTemplate;\nfn main() {}\n",
    )
    .expect("main");
    let out = support::cargo(&dir, &["build", "--quiet"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    for feature in ["invitation", "jwttemplate"] {
        assert!(
            stderr.contains(&format!("the item is gated behind the `{feature}` feature")),
            "{feature}: {stderr}"
        );
    }
}

/// No link to a repository that does not exist: the crate has no public
/// home yet, so manifests, README and changelog name none.
#[test]
fn no_link_to_a_repository_that_does_not_exist() {
    for file in [
        "README.md",
        "CHANGELOG.md",
        "Cargo.toml",
        "codegen/Cargo.toml",
    ] {
        let text = read(file);
        assert!(!text.contains("github.com/clerk-types"), "{file}");
        assert!(
            !text.contains("\nrepository ="),
            "{file}: a repository field"
        );
    }
}

/// What `cargo tree --duplicates` lists over the whole workspace, with
/// every feature and every kind of dependency, one package a line in
/// `format` (`{p}`, `{f}`, ...).
fn duplicated_packages(format: &str) -> String {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "--workspace",
            "--all-features",
            "--duplicates",
            "--depth",
            "0",
            "--edges",
            "normal,build,dev",
            "--prefix",
            "none",
            "--format",
            format,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One version of every crate the project chooses: `cargo tree -d` over
/// the whole workspace, with every feature and every kind of dependency,
/// shows only the duplicates that Cargo.toml's
/// `[workspace.metadata.duplicates]` names, each with why it cannot be one.
/// (A crate listed twice at one version, with other features, is one
/// crate.)
#[test]
fn every_chosen_dependency_comes_in_one_version() {
    let out = duplicated_packages("{p}");
    let mut versions: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for line in out.lines() {
        let mut words = line.split_whitespace();
        if let (Some(name), Some(version)) = (words.next(), words.next()) {
            versions
                .entry(name.to_owned())
                .or_default()
                .insert(version.to_owned());
        }
    }
    let manifest = read("Cargo.toml");
    let allowed = manifest
        .split("\n[workspace.metadata.duplicates]\n")
        .nth(1)
        .expect("a [workspace.metadata.duplicates] table")
        .split("\n\n")
        .next()
        .unwrap_or_default();
    let allowed: std::collections::BTreeSet<&str> = allowed
        .lines()
        .filter_map(|l| l.split_once(" = \"").map(|(name, _)| name.trim()))
        .collect();
    let duplicated: Vec<String> = versions
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(name, v)| format!("{name} {v:?}"))
        .filter(|line| !allowed.contains(line.split(' ').next().unwrap_or_default()))
        .collect();
    assert!(
        duplicated.is_empty(),
        "crates in more than one version, not in Cargo.toml's [workspace.metadata.duplicates]: {duplicated:?} (align the versions, or say there why one is unavoidable)"
    );
    // Every allowance still earns its place.
    for name in allowed {
        assert!(
            versions.get(name).is_some_and(|v| v.len() > 1),
            "[workspace.metadata.duplicates] names {name}, which now comes in one version: remove it"
        );
    }
}

/// Each crate at one version is built with one set of features: cargo
/// resolves the features of build scripts' and proc macros' dependencies
/// apart from the others', and a crate asked for with other features on
/// each side is compiled twice, with everything above it (the generator's
/// chain: syn, serde_json, schemars, typify, a minute on two cores). The
/// manifests ask for the union (Cargo.toml says why). The generator itself
/// is the one exception: only the xtask asks for its `maintainer` feature.
#[test]
fn every_dependency_is_compiled_with_one_set_of_features() {
    let out = duplicated_packages("{p}|{f}");
    let mut sets: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for line in out.lines() {
        if let Some((package, features)) = line.split_once('|') {
            sets.entry(package.to_owned())
                .or_default()
                .push(features.to_owned());
        }
    }
    let twice: Vec<String> = sets
        .iter()
        .filter(|(package, features)| {
            features.len() > 1 && !package.starts_with("clerk-types-codegen ")
        })
        .map(|(package, features)| format!("{package}: {features:?}"))
        .collect();
    assert!(
        twice.is_empty(),
        "crates compiled twice, with other features on each side (ask for the union in both manifests, Cargo.toml says how): {twice:?}"
    );
}
