//! The generated Rust, as a reviewable snapshot (`tests/snapshots/`): a
//! typify upgrade or a generator change shows up as a diff of the code
//! users get. Refresh with `INSTA_UPDATE=always cargo test --test generated`
//! and review the diff before committing it.
//!
//! Also the invariant that public names come only from the names file: the
//! vendored set has every type pinned, and no pinned row is stale.

use std::path::{Path, PathBuf};

use clerk_types_codegen::vendored::{self, Schema, Vendored};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

#[test]
fn vendored_modules() {
    let set = vendored::load(&repo().join("schema"))
        .expect("vendored set")
        .generate()
        .expect("generates");
    for module in &set.modules {
        insta::assert_snapshot!(format!("vendored_{}", module.key), module.source());
    }
    insta::assert_snapshot!("vendored_index", set.index());
}

#[test]
fn dialect_modules() {
    let current = vendored::load(&repo().join("schema")).expect("vendored set");
    let mut schemas = current.schemas.clone();
    let dir = repo().join("tests/dialect");
    for entry in std::fs::read_dir(&dir).expect("dialect dir") {
        let path = entry.expect("entry").path();
        let file = path
            .file_name()
            .expect("named")
            .to_string_lossy()
            .into_owned();
        if file.ends_with("-schema.json") {
            schemas.push(Schema {
                label: format!("tests/dialect/{file}"),
                bytes: std::fs::read(&path).expect("schema"),
                file,
            });
        }
    }
    let set = Vendored::new(schemas, current.names)
        .generate()
        .expect("the dialect fixtures generate beside the vendored schemas");
    for module in set.modules.iter().filter(|m| m.key != "client") {
        insta::assert_snapshot!(format!("dialect_{}", module.key), module.source());
    }
}

#[test]
fn every_public_name_of_the_vendored_set_is_pinned() {
    let set = vendored::load(&repo().join("schema"))
        .expect("vendored set")
        .generate()
        .expect("generates");
    for module in &set.modules {
        let m = &module.model;
        assert!(
            m.unpinned.is_empty(),
            "{}: names not pinned in schema/names.json: {:?}",
            m.file,
            m.unpinned
        );
        assert!(m.stale.is_empty(), "{}: stale rows: {:?}", m.file, m.stale);
        let unnamed: Vec<&str> = m
            .types
            .iter()
            .filter(|t| t.pointer.is_none())
            .map(|t| t.name.as_str())
            .collect();
        assert!(
            unnamed.is_empty(),
            "{}: named by typify: {unnamed:?}",
            m.file
        );
    }
}
