//! What a user and a packager see of the repository: the licenses ship,
//! the declared rust-version is one, the README states it, CI checks it.

use std::path::Path;

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
