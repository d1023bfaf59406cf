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

/// `--add NAME[,NAME...]`: vendors `json-schema/clerk-NAME-schema.json`
/// (or what the source derives for it) at the commit the ref resolves to,
/// for each name, after checking that they generate beside the schemas
/// already vendored and that the crate builds with them (once for all),
/// pins the names of their types, and records them in the manifest.
pub fn add(o: &Options, names: &[String]) -> Result<u8> {
    for name in names {
        check_name(name)?;
    }
    let mut manifest = Manifest::load(&o.root)?;
    let entries = manifest.entries()?;
    let mut sources = o.sources();
    let origin = if o.webhooks {
        Origin::Clerk(Family::Webhooks)
    } else if o.choice == Choice::Clerk {
        Origin::Clerk(Family::Bapi)
    } else {
        Origin::Evangelist
    };
    let current = vendored::load(&o.root.join("schema"))?;
    let mut schemas = current.schemas.clone();
    let mut pins = current.names.clone();
    let mut added: Vec<Added> = Vec::new();
    for name in names {
        let file = format!("clerk-{name}-schema.json");
        if entries.iter().any(|e| e.name == *name || e.file == file)
            || added.iter().any(|a| a.name == *name)
        {
            anyhow::bail!("{name} is vendored already (schema/{file}); plain `cargo xtask sync-schema` keeps it up to date");
        }
        let (bytes, provenance) = sources.bytes(name, origin)?;
        let label = provenance.bytes_label();
        clerk_types_codegen::parse(&label, &bytes)?;
        // It must generate together with what is vendored, as build.rs will.
        schemas.push(Schema {
            file: file.clone(),
            label,
            bytes: bytes.clone(),
        });
        let docs = documents(&schemas);
        pins = repin::repin(name, &serde_json::json!({}), doc(&docs, name), &pins).0;
        manifest.upsert(&provenance.entry(name, &file, &o.reference, &bytes));
        added.push(Added {
            name: name.clone(),
            file,
            bytes,
            provenance,
        });
    }
    let set = Vendored::new(schemas, pins.clone())
        .with_aliases(current.aliases.clone())
        .generate()?;
    let text = manifest.render();
    let names_text = pins.render();
    let mut checked: Vec<(String, Vec<u8>)> = added
        .iter()
        .map(|a| (a.file.clone(), a.bytes.clone()))
        .collect();
    checked.push((NAMES_FILE.to_owned(), names_text.clone().into_bytes()));
    crate::buildcheck::crate_builds(&o.root, &checked)?;
    let names_path = o.root.join("schema").join(NAMES_FILE);
    let cargo_toml = o.root.join("Cargo.toml");
    let old_toml = std::fs::read_to_string(&cargo_toml).context("Cargo.toml: cannot read")?;
    let mut toml = old_toml.clone();
    for Added { name, .. } in &added {
        if let Some(t) = crate::features::with_feature(&toml, name) {
            toml = t;
        }
        if o.webhooks {
            if let Some(t) = crate::features::enabled_by(&toml, "webhooks", name) {
                toml = t;
            }
        }
    }
    let targets: Vec<_> = added
        .iter()
        .map(|a| o.root.join("schema").join(&a.file))
        .collect();
    let mut files: Vec<(&Path, &[u8])> = added
        .iter()
        .zip(&targets)
        .map(|(a, target)| (target.as_path(), a.bytes.as_slice()))
        .collect();
    files.push((manifest.path(), text.as_bytes()));
    files.push((&names_path, names_text.as_bytes()));
    if toml != old_toml {
        files.push((&cargo_toml, toml.as_bytes()));
    }
    manifest::replace_all(&files)?;
    for Added {
        name,
        file,
        provenance,
        ..
    } in &added
    {
        let root = set
            .module(name)
            .map(|g| g.root().to_owned())
            .unwrap_or_default();
        println!(
            "added schema/{file} ({} ({})) and pinned the names of its types in schema/{NAMES_FILE}; the next cargo build with feature `{name}` (or `full`) generates clerk_types::{name} (root type {root})",
            provenance.label(&o.reference),
            sources::clerk::short(&provenance.commit)
        );
        if toml.contains(&format!("\n{name} = [")) {
            if !old_toml.contains(&format!("\n{name} = [")) {
                println!("Cargo.toml: added feature `{name}`, enabled by `full`");
            }
        } else {
            println!(
                "Cargo.toml: add a feature `{name} = []` and put it in `full` (no `full = [...]` list found)"
            );
        }
    }
    Ok(0)
}

/// One schema `--add` vendors: its name, file, bytes and where they came
/// from.
struct Added {
    name: String,
    file: String,
    bytes: Vec<u8>,
    provenance: sources::Provenance,
}

fn check_name(name: &str) -> Result<()> {
    if name.is_empty()
        || !name.starts_with(|c: char| c.is_ascii_lowercase())
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        anyhow::bail!("--add {name}: expected a name as upstream spells it, a lower-case letter then letters and digits (session, emailaddress, organizationmembership); it names the Rust module");
    }
    Ok(())
}
