//! The generated Rust, as a reviewable snapshot (`tests/snapshots/`): a
//! typify upgrade or a generator change shows up as a diff of the code
//! users get. Refresh with `INSTA_UPDATE=always cargo test --test generated`
//! and review the diff before committing it.
//!
//! Also the invariant that public names come only from the names file: the
//! vendored set has every type pinned, and no pinned row is stale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use clerk_types_codegen::model::Kind;
use clerk_types_codegen::vendored::{self, Schema, Vendored};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

#[test]
fn vendored_modules() {
    let vendored = vendored::load(&repo().join("schema")).expect("vendored set");
    let set = vendored.generate().expect("generates");
    for module in &set.modules {
        insta::assert_snapshot!(format!("vendored_{}", module.key), module.source());
    }
    insta::assert_snapshot!("vendored_index", set.index());
    // The webhook events, from the catalog over the same set (the generator
    // renders them only with the `webhooks` feature, as build.rs does).
    #[cfg(feature = "webhooks")]
    {
        let events = vendored.events(&set).expect("renders").expect("a catalog");
        insta::assert_snapshot!("vendored_webhook_events", events);
    }
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
    let set = Vendored::new(schemas, current.names.clone())
        .generate()
        .expect("the dialect fixtures generate beside the vendored schemas");
    let vendored_keys: BTreeSet<String> = set
        .modules
        .iter()
        .filter(|m| current.schema(&m.key).is_some())
        .map(|m| m.key.clone())
        .collect();
    for module in set
        .modules
        .iter()
        .filter(|m| !vendored_keys.contains(&m.key))
    {
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

/// Every public type name of the whole vendored set, one line each, as a
/// reviewable snapshot (`snapshots/generated__public_names.snap`): a renamed,
/// added or removed type shows in review. A name is one type everywhere
/// (which the crate root's re-exports rely on), and every name is
/// idiomatic: no `Item` made from an array's items (Clerk's own
/// `SubscriptionItem` is fine), no typify `VariantN`, at most 40 characters.
#[test]
fn public_names() {
    let set = vendored::load(&repo().join("schema"))
        .expect("vendored set")
        .generate()
        .expect("generates");
    let mut lines = Vec::new();
    let mut meaning: BTreeMap<String, String> = BTreeMap::new();
    // Names pinned with a `why`: chosen and explained, not derived.
    let pins: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schema/names.json")).expect("names file"),
    )
    .expect("names json");
    let reviewed: BTreeSet<String> = pins
        .as_object()
        .into_iter()
        .flat_map(|modules| modules.values())
        .filter_map(|rows| rows.as_object())
        .flat_map(|rows| rows.values())
        .filter(|row| row.get("why").is_some())
        .filter_map(|row| row.get("name")?.as_str().map(str::to_owned))
        .collect();
    for module in &set.modules {
        let m = &module.model;
        let mut rows: Vec<(String, String, String)> = m
            .types
            .iter()
            .map(|t| {
                let kind = match &t.kind {
                    Kind::Struct(_) => "struct",
                    Kind::Enum(e) if e.is_open() => "open enum",
                    Kind::Enum(_) => "tag",
                    Kind::Union(_) => "tagged union",
                    Kind::Untagged(_) => "untagged union",
                    Kind::Newtype { .. } => "newtype",
                };
                let at = if t.path.is_empty() { "(root)" } else { &t.path };
                let own = format!("crate::{}::{}", m.key, t.name);
                (t.name.clone(), format!("{kind} at {at}"), own)
            })
            .chain(
                m.shared
                    .iter()
                    .map(|(name, path)| (name.clone(), format!("= {path}"), path.clone())),
            )
            .collect();
        rows.sort();
        for (name, what, path) in rows {
            let earlier = meaning.entry(name.clone()).or_insert_with(|| path.clone());
            assert_eq!(
                *earlier, path,
                "{name} names two different types; pin one of them otherwise"
            );
            // `at items[]`: a type made from an array's items, unless the
            // pin says why (Clerk's own `BillingSubscriptionItem`).
            let from_items = what.ends_with("[]") && !reviewed.contains(&name);
            assert!(
                !(name.contains("ItemsItem") || (from_items && name.ends_with("Item"))),
                "{}::{name}: an `Item` made from an array's items",
                m.key
            );
            let digits = name.trim_end_matches(|c: char| c.is_ascii_digit());
            assert!(
                digits.len() == name.len() || !digits.ends_with("Variant"),
                "{}::{name}: a positional name",
                m.key
            );
            assert!(name.len() <= 40, "{}::{name}: longer than 40", m.key);
            lines.push(format!("{}::{name}  {what}", m.key));
        }
    }
    // The typed ids are re-exported at the root beside the generated
    // types: no name is both (a glob re-export would lose silently).
    for kind in set.ids.kinds() {
        assert!(
            !meaning.contains_key(&kind.name),
            "{} is a generated type and an id type: pin the type otherwise",
            kind.name
        );
        assert!(kind.name.len() <= 40, "ids::{}: longer than 40", kind.name);
        lines.push(format!("ids::{}  id of `{}`", kind.name, kind.tag));
    }
    insta::assert_snapshot!("public_names", lines.join("\n"));
}

/// One feature alone gives its module the same public names as `full`: a
/// type another schema would own exists here too, under the same name.
#[test]
fn each_schema_alone_has_the_names_it_has_with_all() {
    let vendored = vendored::load(&repo().join("schema")).expect("vendored set");
    let names = |m: &clerk_types_codegen::Generated| -> BTreeSet<String> {
        m.model.public_names().map(str::to_owned).collect()
    };
    let with_all: Vec<(String, BTreeSet<String>)> = vendored
        .generate()
        .expect("generates")
        .modules
        .iter()
        .map(|m| (m.key.clone(), names(m)))
        .collect();
    // A hundred generations, independent of each other: on every core.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let per_thread = with_all.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for modules in with_all.chunks(per_thread) {
            let vendored = &vendored;
            scope.spawn(move || {
                for (key, with_all) in modules {
                    let alone = vendored.generate_only(|k| k == key).expect("generates");
                    assert_eq!(alone.modules.len(), 1, "{key}");
                    assert_eq!(&names(&alone.modules[0]), with_all, "{key}");
                }
            });
        }
    });
}

/// Every field of every generated struct has a doc line (upstream's, the
/// overlay's, or one made from its name); timestamps say their unit; the
/// overlay's fixes are in (Client.id is the client's identifier).
#[test]
fn every_field_is_documented() {
    let set = vendored::load(&repo().join("schema"))
        .expect("vendored set")
        .generate()
        .expect("generates");
    for module in &set.modules {
        for t in &module.model.types {
            let Kind::Struct(s) = &t.kind else { continue };
            for f in &s.fields {
                let doc = f.docs.as_deref().unwrap_or_default();
                assert!(
                    !doc.trim().is_empty(),
                    "{}::{}.{}",
                    module.key,
                    t.name,
                    f.json
                );
                if f.json.ends_with("_at") && f.spelled.contains("i64") {
                    assert!(doc.contains("milliseconds"), "{}.{}: {doc}", t.name, f.json);
                }
            }
        }
    }
    let client = set.module("client").expect("client");
    let id = client
        .model
        .types
        .iter()
        .find_map(|t| match &t.kind {
            Kind::Struct(s) if t.name == "Client" => s.fields.iter().find(|f| f.json == "id"),
            _ => None,
        })
        .expect("Client.id");
    assert!(
        id.docs
            .as_deref()
            .is_some_and(|d| d.starts_with("Unique identifier of this client")),
        "{:?}",
        id.docs
    );
}
