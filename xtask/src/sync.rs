//! `cargo xtask sync-schema`: compare every vendored schema with upstream
//! at one pinned commit, report what changed and what it means (from the
//! generator's models, see `clerk_types_codegen::compat`), and with
//! `--write` vendor the new bytes and keep the names file right.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clerk_types_codegen::compat::{self, Bump};
use clerk_types_codegen::naming::repin::{self, Repin};
use clerk_types_codegen::vendored::{self, Schema, Vendored, NAMES_FILE};
use clerk_types_codegen::Names;
use serde_json::Value;

use crate::manifest::{self, Entry, Manifest};
use crate::report;
use crate::sources::{self, clerk::Family, Choice, Origin, Provenance, Sources};
use crate::webhooks;

/// What `sync-schema` was asked to do.
pub struct Options {
    /// The project root (holds `schema/`).
    pub root: PathBuf,
    /// Vendor the new bytes when they differ.
    pub write: bool,
    /// The upstream ref to compare with (in either repository).
    pub reference: String,
    /// Which source each schema is compared with.
    pub choice: Choice,
    /// Clerk's API version file to derive from (default: the newest).
    pub api_version: Option<String>,
    /// The webhooks spec: `--add` derives from it; a plain run vendors the
    /// catalog even when it is not vendored yet.
    pub webhooks: bool,
    /// Base URL of raw file downloads.
    pub raw_base: String,
    /// Base URL of GitHub's REST API.
    pub api_base: String,
    /// Per-request time limit.
    pub timeout: std::time::Duration,
    /// `GITHUB_TOKEN`, if set.
    pub token: Option<String>,
}

impl Options {
    fn sources(&self) -> Sources {
        Sources::new(
            &self.raw_base,
            &self.api_base,
            self.timeout,
            self.token.clone(),
            &self.reference,
            self.api_version.clone(),
        )
    }
}

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

/// One drifted schema.
struct Drift {
    entry: Entry,
    provenance: Provenance,
    old: Vec<u8>,
    new: Vec<u8>,
    repins: Vec<Repin>,
    edits: Vec<compat::Edit>,
}

/// Exit status: 0 up to date (or written), 1 drift found without `--write`.
pub fn run(o: &Options) -> Result<u8> {
    let mut manifest = Manifest::load(&o.root)?;
    let entries = manifest.entries()?;
    report_written(o, &manifest)?;
    let current = vendored::load(&o.root.join("schema"))?;
    let mut sources = o.sources();
    let mut names = current.names.clone();
    let mut schemas = current.schemas.clone();
    let mut drifts = Vec::new();
    // Schemas whose bytes the chosen source gives unchanged but which the
    // manifest records from another source (`--clerk` over schemas vendored
    // from api-evangelist): `--write` records the chosen source.
    let mut restamped = Vec::new();
    for entry in &entries {
        let old = current
            .schemas
            .iter()
            .find(|s| s.file == entry.file)
            .map(|s| s.bytes.clone())
            .with_context(|| {
                format!(
                    "schema/{}: listed in schema/manifest.toml but not in schema/",
                    entry.file
                )
            })?;
        let (new, provenance) = sources.bytes(&entry.name, sources::origin(entry, o.choice))?;
        if old == new {
            println!(
                "{}: up to date with {} ({})",
                entry.file,
                provenance.at(&o.reference),
                sources::clerk::short(&provenance.commit)
            );
            let stamped = provenance.entry(&entry.name, &entry.file, &o.reference, &new);
            if (&stamped.repository, &stamped.path) != (&entry.repository, &entry.path) {
                restamped.push(stamped);
            }
            continue;
        }
        let label = provenance.bytes_label();
        let old_json = clerk_types_codegen::parse(&format!("schema/{}", entry.file), &old)?;
        let new_json = clerk_types_codegen::parse(&label, &new)?;
        if !new_json.is_object() {
            anyhow::bail!("{label}: the top level is not a JSON object, so it is no schema; upstream published something else at that path");
        }
        if let Some(s) = schemas.iter_mut().find(|s| s.file == entry.file) {
            s.bytes = new.clone();
            s.label = label;
        }
        drifts.push(Drift {
            entry: entry.clone(),
            provenance,
            edits: compat::schema_edits(&old_json, &new_json),
            old,
            new,
            repins: Vec::new(),
        });
    }
    if o.choice == Choice::Recorded
        && entries
            .iter()
            .any(|e| sources::origin(e, o.choice) == Origin::Evangelist)
    {
        list_unvendored(&mut sources, &entries);
    }
    let catalog_entry = manifest.catalog()?;
    let catalog = match (&catalog_entry, &current.catalog) {
        (None, _) if !o.webhooks => None,
        (_, old) => {
            let old = old
                .as_ref()
                .map(|c| clerk_types_codegen::webhooks::Catalog::parse(&c.label, &c.bytes))
                .transpose()?;
            let keys = current
                .schemas
                .iter()
                .map(|s| clerk_types_codegen::naming::schema_key(&s.file))
                .collect();
            let drift = webhooks::compare(&mut sources, old.as_ref(), &keys)?;
            if drift.is_none() {
                let spec = sources.spec(Family::Webhooks)?;
                println!(
                    "{}: up to date with {} {} at {} ({})",
                    webhooks::FILE,
                    sources::clerk::REPOSITORY,
                    spec.path,
                    o.reference,
                    sources::clerk::short(&spec.commit)
                );
            }
            drift
        }
    };
    if o.write {
        for entry in &restamped {
            manifest.upsert(entry);
        }
    }
    if drifts.is_empty() && catalog.is_none() {
        if o.write && !restamped.is_empty() {
            // The bytes are the same: only the manifest changes.
            let text = manifest.render();
            manifest::replace_all(&[(manifest.path(), text.as_bytes())])?;
        }
        report_restamped(o, &restamped);
        return Ok(0);
    }
    // Pins name nodes of the documents naming reads: restored, so across
    // the whole set at once.
    let old_docs = documents(&current.schemas);
    let new_docs = documents(&schemas);
    for drift in &mut drifts {
        let key = &drift.entry.name;
        let (renamed, repins) = repin::repin(key, doc(&old_docs, key), doc(&new_docs, key), &names);
        names = renamed;
        drift.repins = repins;
    }
    let mut worst = (Bump::Patch, false);
    if let Some(drift) = &catalog {
        println!(
            "{}",
            drift.render(
                catalog_entry.as_ref().map(|e| e.path.as_str()),
                &o.reference
            )
        );
        worst.0 = worst.0.max(drift.bump());
        if o.write && !drift.missing.is_empty() {
            anyhow::bail!(
                "{}: not written: the new catalog names types no vendored schema generates (see above); vendor them first",
                webhooks::FILE
            );
        }
    }
    let catalog_with_entry = catalog.as_ref().map(|d| (d, catalog_entry.as_ref()));
    if drifts.is_empty() {
        let version = crate_version(&o.root)?;
        if o.write {
            write(o, &mut manifest, &[], &names, catalog_with_entry)?;
        }
        println!("{}", report::recommendation(worst.0, worst.1, version));
        return Ok(if o.write { 0 } else { 1 });
    }
    let old_set = current.generate().map_err(|e| {
        anyhow::anyhow!(
            "{e} (the vendored copy does not generate: restore it with `git checkout schema/`)"
        )
    })?;
    let new_set = Vendored::new(schemas, names.clone())
        .with_aliases(current.aliases.clone())
        .generate();
    let version = crate_version(&o.root)?;
    for drift in &drifts {
        let comparison = match &new_set {
            Ok(new_set) => {
                let key = &drift.entry.name;
                let (Some(a), Some(b)) = (old_set.module(key), new_set.module(key)) else {
                    anyhow::bail!("{key}: generated on one side only");
                };
                let old_all: Vec<&_> = old_set.modules.iter().map(|m| &m.model).collect();
                let new_all: Vec<&_> = new_set.modules.iter().map(|m| &m.model).collect();
                Some(compat::compare_in(&a.model, &old_all, &b.model, &new_all))
            }
            Err(_) => None,
        };
        let text = render(o, drift, comparison.as_ref());
        print!("{text}");
        println!();
        if let Some(c) = &comparison {
            worst = (worst.0.max(c.bump()), worst.1 || c.decoding_breaks());
        }
    }
    if let Err(e) = new_set {
        // The changes and the diff are printed above; this line ends the run.
        anyhow::bail!("{e}");
    }
    if o.write {
        write(o, &mut manifest, &drifts, &names, catalog_with_entry)?;
    }
    report_restamped(o, &restamped);
    println!("{}", report::recommendation(worst.0, worst.1, version));
    Ok(if o.write { 0 } else { 1 })
}

/// The schemas written here: nothing upstream to compare them with, but
/// their bytes must still be what the manifest records.
fn report_written(o: &Options, manifest: &Manifest) -> Result<()> {
    for written in manifest.written()? {
        let path = o.root.join("schema").join(&written.file);
        let bytes = std::fs::read(&path).with_context(|| {
            format!(
                "schema/{}: listed as [[written]] but cannot be read",
                written.file
            )
        })?;
        if manifest::sha256_hex(&bytes) != written.sha256 {
            anyhow::bail!(
                "schema/{}: changed, but its sha256 in schema/manifest.toml ([[written]] {}) was not updated: update it with the change",
                written.file,
                written.name
            );
        }
        println!(
            "{}: written here (from {}); no upstream to compare with",
            written.file,
            written.sources.join("; ")
        );
    }
    Ok(())
}

/// Says which up-to-date schemas now (with `--write`), or would, record the
/// chosen source.
fn report_restamped(o: &Options, restamped: &[Entry]) {
    for entry in restamped {
        let verb = if o.write {
            "records"
        } else {
            "would record (with --write)"
        };
        println!(
            "schema/manifest.toml {verb} {} as from {} {} at {} (the same bytes)",
            entry.file,
            entry.repository,
            entry.path,
            sources::clerk::short(&entry.commit)
        );
    }
}

/// `--write`: the drifted schemas (with `names`, their pins), the catalog
/// and the spec file it came from, and the manifest recording them, all
/// checked by one build and put in place at once, so that a failure leaves
/// `schema/` as it was. The spec file vendored before is removed if it had
/// another name.
fn write(
    o: &Options,
    manifest: &mut Manifest,
    drifts: &[Drift],
    names: &Names,
    catalog: Option<(&webhooks::Drift, Option<&Entry>)>,
) -> Result<()> {
    let schema_dir = o.root.join("schema");
    let mut check: Vec<(String, Vec<u8>)> = Vec::new();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for drift in drifts {
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
    if !drifts.is_empty() {
        let text = names.render().into_bytes();
        check.push((NAMES_FILE.to_owned(), text.clone()));
        files.push((schema_dir.join(NAMES_FILE), text));
    }
    let mut stale = None;
    if let Some((drift, old)) = catalog {
        manifest.upsert_catalog(&drift.provenance.entry(
            "webhooks",
            webhooks::FILE,
            &o.reference,
            drift.text.as_bytes(),
        ));
        check.push((webhooks::FILE.to_owned(), drift.text.clone().into_bytes()));
        let (catalog_files, old_spec) = webhooks::files(&schema_dir, drift, old);
        files.extend(catalog_files);
        stale = old_spec;
    }
    crate::buildcheck::crate_builds(&o.root, &check)?;
    files.push((
        manifest.path().to_path_buf(),
        manifest.render().into_bytes(),
    ));
    let refs: Vec<(&Path, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    manifest::replace_all(&refs)?;
    if let Some(stale) = stale {
        std::fs::remove_file(&stale)
            .with_context(|| format!("{}: cannot remove the old spec", stale.display()))?;
    }
    for drift in drifts {
        println!(
            "wrote schema/{}, schema/manifest.toml and schema/{NAMES_FILE}; the next cargo build regenerates the types",
            drift.entry.file
        );
    }
    if let Some((drift, _)) = catalog {
        println!(
            "wrote schema/{} and schema/{} (and schema/manifest.toml); the next cargo build with feature `webhooks` regenerates the events",
            webhooks::FILE,
            drift.provenance.path
        );
    }
    Ok(())
}

fn render(o: &Options, drift: &Drift, comparison: Option<&compat::Comparison>) -> String {
    let (old_text, new_text) = (
        String::from_utf8_lossy(&drift.old),
        String::from_utf8_lossy(&drift.new),
    );
    report::Drift {
        file: &drift.entry.file,
        old_commit: &drift.entry.commit,
        source: &drift.provenance.label(&o.reference),
        new_commit: &drift.provenance.commit,
        old_text: &old_text,
        new_text: &new_text,
        comparison,
        repins: &drift.repins,
        edits: &drift.edits,
    }
    .render()
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

/// Names the upstream schemas not vendored yet. Informational: a failure
/// here is reported but does not fail the sync.
fn list_unvendored(sources: &mut Sources, entries: &[Entry]) {
    let listed = sources
        .evangelist_commit()
        .and_then(|commit| sources.evangelist().list(&commit, "json-schema"));
    match listed {
        Ok(names) => {
            let missing: Vec<&str> = names
                .iter()
                .map(String::as_str)
                .filter(|n| n.ends_with("-schema.json") && !entries.iter().any(|e| e.file == *n))
                .collect();
            if !missing.is_empty() {
                println!(
                    "not vendored (add with `cargo xtask sync-schema --add NAME`): {}",
                    missing.join(", ")
                );
            }
        }
        Err(e) => println!("note: could not list upstream's schemas: {e:#}"),
    }
}

/// Each schema of `schemas` as naming reads it, by module key: restored
/// across the set ([`clerk_types_codegen::passes::restore`]), or as parsed when the
/// set cannot be restored (the generation that follows says why).
fn documents(schemas: &[Schema]) -> BTreeMap<String, Value> {
    let set = Vendored::new(schemas.to_vec(), Names::empty());
    if let Ok(restored) = set.restored() {
        return restored.into_iter().collect();
    }
    set.schemas
        .iter()
        .map(|s| {
            let doc = clerk_types_codegen::parse(&s.label, &s.bytes).unwrap_or(Value::Null);
            (clerk_types_codegen::naming::schema_key(&s.file), doc)
        })
        .collect()
}

fn doc<'a>(docs: &'a BTreeMap<String, Value>, key: &str) -> &'a Value {
    docs.get(key).unwrap_or(&Value::Null)
}
