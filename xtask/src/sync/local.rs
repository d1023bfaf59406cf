//! What the repository holds before a sync: the manifest, the vendored set
//! (read once), the vendored catalog and the crate's version, each checked
//! against the others. No network.

use std::path::Path;

use anyhow::{Context, Result};
use clerk_types_codegen::api::catalog::Catalog as Operations;
use clerk_types_codegen::compat;
use clerk_types_codegen::vendored::{self, Vendored};
use clerk_types_codegen::webhooks::Catalog;

use crate::manifest::{self, Entry, Manifest, Written};

/// The vendored side of a sync.
pub struct Local {
    /// `schema/manifest.toml`.
    pub manifest: Manifest,
    /// Its schema entries, each with its vendored file.
    pub entries: Vec<Entry>,
    /// Its `[[written]]` schemas, whose bytes match their recorded sha256.
    pub written: Vec<Written>,
    /// The vendored schemas, names and aliases.
    pub vendored: Vendored,
    /// The manifest's `[[catalog]]` entry, if the catalog is vendored.
    pub catalog_entry: Option<Entry>,
    /// The vendored catalog, parsed.
    pub catalog: Option<Catalog>,
    /// The manifest's `[[operations]]` entry, if the operations catalog is
    /// vendored.
    pub operations_entry: Option<Entry>,
    /// The vendored operations catalog, parsed.
    pub operations: Option<Operations>,
    /// The crate's version, which a change bumps (an error only matters
    /// when something changed).
    pub version: Result<compat::Version>,
}

impl Local {
    /// Reads and checks what `root` vendors.
    pub fn load(root: &Path) -> Result<Local> {
        let manifest = Manifest::load(root)?;
        let entries = manifest.entries()?;
        let written = checked_written(root, &manifest)?;
        let vendored = vendored::load(&root.join("schema"))?;
        if let Some(entry) = entries
            .iter()
            .find(|e| !vendored.schemas.iter().any(|s| s.file == e.file))
        {
            anyhow::bail!(
                "schema/{}: listed in schema/manifest.toml but not in schema/",
                entry.file
            );
        }
        let catalog_entry = manifest.catalog()?;
        let catalog = vendored
            .catalog
            .as_ref()
            .map(|c| Catalog::parse(&c.label, &c.bytes))
            .transpose()?;
        let operations_entry = manifest.operations()?;
        let operations = vendored
            .operations
            .as_ref()
            .map(|c| Operations::parse(&c.label, &c.bytes))
            .transpose()?;
        Ok(Local {
            version: crate_version(root),
            manifest,
            entries,
            written,
            vendored,
            catalog_entry,
            catalog,
            operations_entry,
            operations,
        })
    }

    /// The vendored bytes of `file`.
    pub fn bytes(&self, file: &str) -> &[u8] {
        self.vendored
            .schemas
            .iter()
            .find(|s| s.file == file)
            .map_or(&[][..], |s| s.bytes.as_slice())
    }
}

/// The schemas written here: nothing upstream to compare them with, but
/// their bytes must still be what the manifest records.
fn checked_written(root: &Path, manifest: &Manifest) -> Result<Vec<Written>> {
    let written = manifest.written()?;
    for w in &written {
        let path = root.join("schema").join(&w.file);
        let bytes = std::fs::read(&path).with_context(|| {
            format!(
                "schema/{}: listed as [[written]] but cannot be read",
                w.file
            )
        })?;
        if manifest::sha256_hex(&bytes) != w.sha256 {
            anyhow::bail!(
                "schema/{}: changed, but its sha256 in schema/manifest.toml ([[written]] {}) was not updated: update it with the change",
                w.file,
                w.name
            );
        }
    }
    Ok(written)
}

/// The crate's version, from the root `Cargo.toml`.
fn crate_version(root: &Path) -> Result<compat::Version> {
    let path = root.join("Cargo.toml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let doc: toml_edit::DocumentMut = text
        .parse()
        .with_context(|| format!("{}: not TOML", path.display()))?;
    doc.get("package")
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .and_then(compat::Version::parse)
        .with_context(|| format!("{}: no [package] version to bump", path.display()))
}
