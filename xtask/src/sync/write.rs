//! `--write`: the plan put in place. The changed schemas (with the names
//! file), the catalog and the spec file it came from, and the manifest
//! recording them, all checked by one build of the crate and replaced at
//! once, so that a failure leaves `schema/` as it was. The spec file
//! vendored before is removed if it had another name.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clerk_types_codegen::vendored::NAMES_FILE;

use super::local::Local;
use super::plan::Plan;
use super::Options;
use crate::manifest;
use crate::operations;
use crate::webhooks;

/// Writes what `plan` changes in `local`; returns the lines that say what
/// was written.
pub fn apply(o: &Options, local: Local, plan: &Plan) -> Result<String> {
    let Local {
        mut manifest,
        catalog_entry,
        operations_entry,
        ..
    } = local;
    for entry in plan.restamped() {
        manifest.upsert(entry);
    }
    let schema_dir = o.root.join("schema");
    let mut check: Vec<(String, Vec<u8>)> = Vec::new();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for drift in &plan.drifts {
        let entry = &drift.entry;
        manifest.upsert(&drift.provenance.entry(
            &entry.name,
            &entry.file,
            &o.reference,
            &drift.new,
        ));
        check.push((entry.file.clone(), drift.new.clone()));
        files.push((schema_dir.join(&entry.file), drift.new.clone()));
    }
    if !plan.drifts.is_empty() {
        let text = plan.names.render().into_bytes();
        check.push((NAMES_FILE.to_owned(), text.clone()));
        files.push((schema_dir.join(NAMES_FILE), text));
    }
    let mut stale = Vec::new();
    if let Some(drift) = &plan.catalog {
        manifest.upsert_catalog(&drift.provenance.entry(
            "webhooks",
            webhooks::FILE,
            &o.reference,
            drift.text.as_bytes(),
        ));
        check.push((webhooks::FILE.to_owned(), drift.text.clone().into_bytes()));
        let (catalog_files, old_spec) = spec_files(
            &schema_dir,
            webhooks::FILE,
            &drift.text,
            (&drift.provenance.path, &drift.spec_bytes),
            catalog_entry.as_ref(),
        );
        files.extend(catalog_files);
        stale.extend(old_spec);
    }
    if let Some(drift) = &plan.operations {
        manifest.upsert_operations(&drift.provenance.entry(
            "operations",
            operations::FILE,
            &o.reference,
            drift.text.as_bytes(),
        ));
        check.push((operations::FILE.to_owned(), drift.text.clone().into_bytes()));
        let (operation_files, old_spec) = spec_files(
            &schema_dir,
            operations::FILE,
            &drift.text,
            (&drift.provenance.path, &drift.spec_bytes),
            operations_entry.as_ref(),
        );
        files.extend(operation_files);
        stale.extend(old_spec);
    }
    if files.is_empty() && plan.restamped().next().is_none() {
        return Ok(String::new());
    }
    if !check.is_empty() {
        crate::buildcheck::crate_builds(&o.root, &check)?;
    }
    files.push((
        manifest.path().to_path_buf(),
        manifest.render().into_bytes(),
    ));
    let refs: Vec<(&Path, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    manifest::replace_all(&refs)?;
    for stale in stale {
        std::fs::remove_file(&stale)
            .with_context(|| format!("{}: cannot remove the old spec", stale.display()))?;
    }
    let mut out = String::new();
    for drift in &plan.drifts {
        let _ = writeln!(
            out,
            "wrote schema/{}, schema/manifest.toml and schema/{NAMES_FILE}; the next cargo build regenerates the types",
            drift.entry.file
        );
    }
    if let Some(drift) = &plan.catalog {
        let _ = writeln!(
            out,
            "wrote schema/{} and schema/{} (and schema/manifest.toml); the next cargo build with feature `webhooks` regenerates the events",
            webhooks::FILE,
            drift.provenance.path
        );
    }
    if let Some(drift) = &plan.operations {
        let _ = writeln!(
            out,
            "wrote schema/{} and schema/{} (and schema/manifest.toml); the next cargo build with feature `api` regenerates the operations",
            operations::FILE,
            drift.provenance.path
        );
    }
    Ok(out)
}

/// The files `--write` puts in place under `schema` for a catalog derived
/// from a spec file: the catalog `file` with `text`, the spec's bytes at
/// the spec's own path, and the spec file vendored before (`old`), if it
/// had another name, to remove.
fn spec_files(
    schema: &Path,
    file: &str,
    text: &str,
    (spec_path, spec_bytes): (&str, &[u8]),
    old: Option<&manifest::Entry>,
) -> (Vec<(PathBuf, Vec<u8>)>, Option<PathBuf>) {
    let spec_path = schema.join(spec_path);
    let stale = old
        .map(|e| schema.join(&e.path))
        .filter(|p| *p != spec_path);
    (
        vec![
            (schema.join(file), text.as_bytes().to_vec()),
            (spec_path, spec_bytes.to_vec()),
        ],
        stale,
    )
}
