//! `cargo xtask sync-schema`: compare every vendored schema with upstream
//! at one pinned commit, report what changed and what it means, and with
//! `--write` vendor the new bytes.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::changes::{Bump, Runtime};
use crate::fetch::Upstream;
use crate::manifest::{self, Entry, Manifest};
use crate::{api, changes, report};

/// What `sync-schema` was asked to do.
pub struct Options {
    /// The project root (holds `schema/`).
    pub root: PathBuf,
    /// Vendor the new bytes when they differ.
    pub write: bool,
    /// The upstream ref to compare with.
    pub reference: String,
    /// How to reach upstream.
    pub upstream: Upstream,
}

/// `--add NAME`: vendors `json-schema/clerk-NAME-schema.json` at the commit
/// the ref resolves to, after checking that it generates beside the
/// schemas already vendored, and records it in the manifest.
pub fn add(o: &Options, name: &str) -> Result<u8> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        anyhow::bail!("--add {name}: expected a name as upstream spells it, lower-case letters and digits (session, emailaddress, organizationmembership)");
    }
    let mut manifest = Manifest::load(&o.root)?;
    let entries = manifest.entries()?;
    let file = format!("clerk-{name}-schema.json");
    if entries.iter().any(|e| e.name == name || e.file == file) {
        anyhow::bail!("{name} is vendored already (schema/{file}); plain `cargo xtask sync-schema` keeps it up to date");
    }
    let path = format!("json-schema/{file}");
    let commit = o.upstream.resolve(&o.reference)?;
    let bytes = o.upstream.download(&commit, &path)?;
    // It must generate together with what is vendored, as build.rs will.
    let mut sources: Vec<(String, Vec<u8>)> = Vec::new();
    for e in &entries {
        let target = o.root.join("schema").join(&e.file);
        let old =
            std::fs::read(&target).with_context(|| format!("{}: cannot read", target.display()))?;
        sources.push((format!("schema/{}", e.file), old));
    }
    sources.push((format!("schema/{file}"), bytes.clone()));
    let order = clerk_types_codegen::schema_files(
        sources
            .iter()
            .map(|(f, _)| f.trim_start_matches("schema/").to_owned()),
    );
    let inputs: Vec<clerk_types_codegen::Input<'_>> = order
        .iter()
        .filter_map(|f| sources.iter().find(|(p, _)| p.ends_with(&format!("/{f}"))))
        .map(|(file, bytes)| clerk_types_codegen::Input { file, bytes })
        .collect();
    let generated = clerk_types_codegen::generate_all(&inputs)
        .map_err(|e| anyhow::anyhow!("upstream {path} at {}: {e}", &commit[..12]))?;
    let root = generated
        .iter()
        .find(|g| g.key == name)
        .map(|g| g.root.clone())
        .unwrap_or_default();
    manifest.upsert(&Entry {
        name: name.to_owned(),
        file: file.clone(),
        repository: o.upstream.repository.clone(),
        path,
        reference: o.reference.clone(),
        commit: commit.clone(),
        sha256: manifest::sha256_hex(&bytes),
        synced: manifest::today(),
    });
    let text = manifest.render();
    let target = o.root.join("schema").join(&file);
    manifest::replace_all(&[(&target, &bytes), (manifest.path(), text.as_bytes())])?;
    println!(
        "added schema/{file} ({} at {}); the next cargo build generates clerk_types::{name} (root type {root})",
        o.reference,
        &commit[..12]
    );
    Ok(0)
}

/// Exit status: 0 up to date (or written), 1 drift found without `--write`.
pub fn run(o: &Options) -> Result<u8> {
    let mut manifest = Manifest::load(&o.root)?;
    let entries = manifest.entries()?;
    let commit = o.upstream.resolve(&o.reference)?;
    let mut staged: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut worst = (Bump::Patch, Runtime::Unaffected);
    for entry in &entries {
        let target = o.root.join("schema").join(&entry.file);
        let old =
            std::fs::read(&target).with_context(|| format!("{}: cannot read", target.display()))?;
        let new = o.upstream.download(&commit, &entry.path)?;
        if old == new {
            println!(
                "{}: up to date with {} ({})",
                entry.file,
                o.reference,
                &commit[..12]
            );
            continue;
        }
        let drift = examine(entry, &old, &new, &o.reference, &commit)?;
        print!("{}", drift.text);
        println!();
        worst = (worst.0.max(drift.bump), worst.1.max(drift.runtime));
        let mut updated = entry.clone();
        updated.reference = o.reference.clone();
        updated.commit = commit.clone();
        updated.sha256 = manifest::sha256_hex(&new);
        updated.synced = manifest::today();
        manifest.upsert(&updated);
        staged.push((target, new));
    }
    list_unvendored(o, &commit, &entries);
    if staged.is_empty() {
        return Ok(0);
    }
    if o.write {
        let text = manifest.render();
        let mut files: Vec<(&Path, &[u8])> = staged
            .iter()
            .map(|(p, b)| (p.as_path(), b.as_slice()))
            .collect();
        files.push((manifest.path(), text.as_bytes()));
        manifest::replace_all(&files)?;
        for (path, _) in &staged {
            println!(
                "wrote {} and schema/manifest.toml; the next cargo build regenerates the types",
                display(&o.root, path)
            );
        }
    }
    println!("{}", report::recommendation(worst.0, worst.1));
    Ok(if o.write { 0 } else { 1 })
}

/// Names the upstream schemas not vendored yet. Informational: a failure
/// here is reported but does not fail the sync.
fn list_unvendored(o: &Options, commit: &str, entries: &[Entry]) {
    match o.upstream.list(commit, "json-schema") {
        Ok(names) => {
            let missing: Vec<&str> = names
                .iter()
                .map(String::as_str)
                .filter(|n| {
                    n.ends_with("-schema.json")
                        && !entries.iter().any(|e| e.path.ends_with(&format!("/{n}")))
                })
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

struct Examined {
    text: String,
    bump: Bump,
    runtime: Runtime,
}

/// Checks that the new bytes are a schema the generator can use, then
/// compares them with the old, semantically and as Rust.
fn examine(
    entry: &Entry,
    old: &[u8],
    new: &[u8],
    reference: &str,
    commit: &str,
) -> Result<Examined> {
    let label = format!("schema/{}", entry.file);
    let upstream_label = format!("upstream {} at {}", entry.path, &commit[..12]);
    let old_json = clerk_types_codegen::parse(&label, old)?;
    let new_json = clerk_types_codegen::parse(&upstream_label, new)?;
    let changes = changes::diff(&old_json, &new_json);
    let old_code =
        clerk_types_codegen::generate(&label, old).map_err(|e| anyhow::anyhow!("{e}"))?;
    let new_code = clerk_types_codegen::generate(&label, new);
    let api = new_code
        .as_ref()
        .ok()
        .map(|new_code| api::delta(&api::surface(&old_code.file), &api::surface(&new_code.file)));
    let (old_text, new_text) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
    let drift = report::Drift {
        file: &entry.file,
        old_commit: &entry.commit,
        reference,
        new_commit: commit,
        old_text: &old_text,
        new_text: &new_text,
        changes: &changes,
        api: api.as_deref(),
    };
    if let Err(e) = new_code {
        // Still say what changed, so the maintainer sees what to adapt;
        // the error stays the one line that ends the run.
        print!("{}", drift.render());
        anyhow::bail!("{upstream_label}: {e}");
    }
    let (bump, runtime) = drift.verdict();
    Ok(Examined {
        text: drift.render(),
        bump,
        runtime,
    })
}

fn display(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
