//! `sync-schema --add NAME`: vendor one more schema, after checking that
//! it generates beside the schemas already vendored and that the crate
//! builds with it; pin its names, record it, give it its feature.

use std::path::Path;

use anyhow::{Context, Result};
use clerk_types_codegen::naming::repin;
use clerk_types_codegen::vendored::{self, Schema, Vendored, NAMES_FILE};

use super::plan::{doc, documents};
use super::Options;
use crate::manifest::{self, Manifest};
use crate::sources::{self, clerk::Family, Choice, Origin};

/// `--add NAME`: vendors `json-schema/clerk-NAME-schema.json` at the commit
/// the ref resolves to, after checking that it generates beside the
/// schemas already vendored, pins the names of its types, and records it in
/// the manifest.
pub fn add(o: &Options, name: &str) -> Result<u8> {
    if name.is_empty()
        || !name.starts_with(|c: char| c.is_ascii_lowercase())
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        anyhow::bail!("--add {name}: expected a name as upstream spells it, a lower-case letter then letters and digits (session, emailaddress, organizationmembership); it names the Rust module");
    }
    let mut manifest = Manifest::load(&o.root)?;
    let entries = manifest.entries()?;
    let file = format!("clerk-{name}-schema.json");
    if entries.iter().any(|e| e.name == name || e.file == file) {
        anyhow::bail!("{name} is vendored already (schema/{file}); plain `cargo xtask sync-schema` keeps it up to date");
    }
    let mut sources = o.sources();
    let origin = if o.webhooks {
        Origin::Clerk(Family::Webhooks)
    } else if o.choice == Choice::Clerk {
        Origin::Clerk(Family::Bapi)
    } else {
        Origin::Evangelist
    };
    let (bytes, provenance) = sources.bytes(name, origin)?;
    let commit = provenance.commit.clone();
    let label = provenance.bytes_label();
    clerk_types_codegen::parse(&label, &bytes)?;
    let current = vendored::load(&o.root.join("schema"))?;
    // It must generate together with what is vendored, as build.rs will.
    let mut schemas = current.schemas.clone();
    schemas.push(Schema {
        file: file.clone(),
        label,
        bytes: bytes.clone(),
    });
    let docs = documents(&schemas);
    let (names, _) = repin::repin(
        name,
        &serde_json::json!({}),
        doc(&docs, name),
        &current.names,
    );
    let set = Vendored::new(schemas, names.clone())
        .with_aliases(current.aliases.clone())
        .generate()?;
    let root = set
        .module(name)
        .map(|g| g.root().to_owned())
        .unwrap_or_default();
    manifest.upsert(&provenance.entry(name, &file, &o.reference, &bytes));
    let text = manifest.render();
    let names_text = names.render();
    crate::buildcheck::crate_builds(
        &o.root,
        &[
            (file.clone(), bytes.clone()),
            (NAMES_FILE.to_owned(), names_text.clone().into_bytes()),
        ],
    )?;
    let target = o.root.join("schema").join(&file);
    let names_path = o.root.join("schema").join(NAMES_FILE);
    let cargo_toml = o.root.join("Cargo.toml");
    let old_toml = std::fs::read_to_string(&cargo_toml).context("Cargo.toml: cannot read")?;
    let mut new_toml = crate::features::with_feature(&old_toml, name);
    if o.webhooks {
        let base = new_toml.as_deref().unwrap_or(&old_toml);
        if let Some(toml) = crate::features::enabled_by(base, "webhooks", name) {
            new_toml = Some(toml);
        }
    }
    let mut files: Vec<(&Path, &[u8])> = vec![
        (&target, &bytes),
        (manifest.path(), text.as_bytes()),
        (&names_path, names_text.as_bytes()),
    ];
    if let Some(toml) = &new_toml {
        files.push((&cargo_toml, toml.as_bytes()));
    }
    manifest::replace_all(&files)?;
    println!(
        "added schema/{file} ({} ({})) and pinned the names of its types in schema/{NAMES_FILE}; the next cargo build with feature `{name}` (or `full`) generates clerk_types::{name} (root type {root})",
        provenance.label(&o.reference),
        sources::clerk::short(&commit)
    );
    match new_toml {
        Some(_) => println!("Cargo.toml: added feature `{name}`, enabled by `full`"),
        None if !old_toml.contains(&format!("\n{name} = [")) => println!(
            "Cargo.toml: add a feature `{name} = []` and put it in `full` (no `full = [...]` list found)"
        ),
        None => {}
    }
    Ok(0)
}
