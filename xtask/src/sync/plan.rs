//! What a sync finds, decided without I/O: which schemas changed and how
//! (schema edits, the names that move, the compat comparison of the
//! generated models), the catalog's drift, which manifest entries take the
//! chosen source, and the semver bump of it all.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use clerk_types_codegen::compat::{self, Bump};
use clerk_types_codegen::naming::repin::{self, Repin};
use clerk_types_codegen::vendored::{Schema, Vendored};
use clerk_types_codegen::Names;
use serde_json::Value;

use super::local::Local;
use super::snapshot::{Fetched, Snapshot};
use super::Options;
use crate::manifest::Entry;
use crate::operations;
use crate::sources::Provenance;
use crate::webhooks;

/// Everything a sync found.
pub struct Plan {
    /// The schemas whose bytes the source gives unchanged, with it.
    pub unchanged: Vec<Unchanged>,
    /// The schemas upstream changed.
    pub drifts: Vec<Drift>,
    /// The names file after the changes.
    pub names: Names,
    /// The catalog's drift, if the catalog is in play and changed.
    pub catalog: Option<webhooks::Drift>,
    /// The operations catalog's drift, if it is in play and changed.
    pub operations: Option<operations::Drift>,
    /// Why the new set does not generate, if it does not (reported after
    /// the changes; nothing is written).
    pub broken: Option<String>,
    /// The bump the changes ask for, and whether the current release stops
    /// decoding some payload.
    pub bump: (Bump, bool),
    /// The crate's version, when something changed.
    pub version: Option<compat::Version>,
}

/// A schema whose bytes are upstream's now.
pub struct Unchanged {
    /// Its manifest entry.
    pub entry: Entry,
    /// Its source.
    pub provenance: Provenance,
    /// The entry recording that source, when the manifest names another
    /// one (`--clerk` over schemas vendored from api-evangelist).
    pub restamp: Option<Entry>,
}

/// One schema upstream changed.
pub struct Drift {
    /// Its manifest entry.
    pub entry: Entry,
    /// Where the new bytes came from.
    pub provenance: Provenance,
    /// The vendored bytes.
    pub old: Vec<u8>,
    /// Upstream's bytes.
    pub new: Vec<u8>,
    /// The names that move with the change.
    pub repins: Vec<Repin>,
    /// Keyword-level edits.
    pub edits: Vec<compat::Edit>,
    /// What the change does to users (`None` when the new set does not
    /// generate).
    pub comparison: Option<compat::Comparison>,
}

impl Plan {
    /// Compares `local` with `upstream`.
    pub fn compare(o: &Options, local: &Local, upstream: &Snapshot) -> Result<Plan> {
        let mut unchanged = Vec::new();
        let mut drifts = Vec::new();
        let mut schemas = local.vendored.schemas.clone();
        for fetched in &upstream.schemas {
            let old = local.bytes(&fetched.entry.file);
            if old == fetched.bytes {
                unchanged.push(Unchanged::new(o, fetched));
                continue;
            }
            let drift = Drift::new(fetched, old)?;
            if let Some(s) = schemas.iter_mut().find(|s| s.file == fetched.entry.file) {
                s.bytes = drift.new.clone();
                s.label = drift.provenance.bytes_label();
            }
            drifts.push(drift);
        }
        let catalog = upstream.catalog.as_ref().and_then(|now| {
            let keys: BTreeSet<String> = local
                .vendored
                .schemas
                .iter()
                .map(|s| clerk_types_codegen::naming::schema_key(&s.file))
                .collect();
            webhooks::compare(local.catalog.as_ref(), now, &keys)
        });
        let operations = upstream
            .operations
            .as_ref()
            .and_then(|now| operations::compare(local.operations.as_ref(), now));
        let mut plan = Plan {
            unchanged,
            names: local.vendored.names.clone(),
            drifts,
            catalog,
            operations,
            broken: None,
            bump: (Bump::Patch, false),
            version: None,
        };
        if !plan.changed() {
            return Ok(plan);
        }
        plan.version = Some(
            *local
                .version
                .as_ref()
                .map_err(|e| anyhow::anyhow!("{e:#}"))?,
        );
        if let Some(drift) = &plan.catalog {
            plan.bump.0 = drift.bump();
        }
        if let Some(drift) = &plan.operations {
            plan.bump.0 = plan.bump.0.max(drift.bump());
        }
        if !plan.drifts.is_empty() {
            plan.judge(local, schemas)?;
        }
        Ok(plan)
    }

    /// Repins the names the changed schemas move and compares the models
    /// the vendored and the new set generate, schema by schema.
    fn judge(&mut self, local: &Local, schemas: Vec<Schema>) -> Result<()> {
        // Pins name nodes of the documents naming reads: restored, so
        // across the whole set at once.
        let old_docs = documents(&local.vendored.schemas);
        let new_docs = documents(&schemas);
        for drift in &mut self.drifts {
            let key = &drift.entry.name;
            let (renamed, repins) =
                repin::repin(key, doc(&old_docs, key), doc(&new_docs, key), &self.names);
            self.names = renamed;
            drift.repins = repins;
        }
        let old_set = local.vendored.generate().map_err(|e| {
            anyhow::anyhow!(
                "{e} (the vendored copy does not generate: restore it with `git checkout schema/`)"
            )
        })?;
        let new_set = Vendored::new(schemas, self.names.clone())
            .with_aliases(local.vendored.aliases.clone())
            .generate();
        let new_set = match new_set {
            Ok(set) => set,
            Err(e) => {
                self.broken = Some(e.to_string());
                return Ok(());
            }
        };
        let old_all: Vec<&_> = old_set.modules.iter().map(|m| &m.model).collect();
        let new_all: Vec<&_> = new_set.modules.iter().map(|m| &m.model).collect();
        for drift in &mut self.drifts {
            let key = &drift.entry.name;
            let (Some(a), Some(b)) = (old_set.module(key), new_set.module(key)) else {
                anyhow::bail!("{key}: generated on one side only");
            };
            let comparison = compat::compare_in(&a.model, &old_all, &b.model, &new_all);
            self.bump = (
                self.bump.0.max(comparison.bump()),
                self.bump.1 || comparison.decoding_breaks(),
            );
            drift.comparison = Some(comparison);
        }
        Ok(())
    }

    /// The manifest entries that take the chosen source.
    pub fn restamped(&self) -> impl Iterator<Item = &Entry> {
        self.unchanged.iter().filter_map(|u| u.restamp.as_ref())
    }

    /// Whether anything upstream changed (schemas or the catalogs).
    pub fn changed(&self) -> bool {
        !self.drifts.is_empty() || self.catalog.is_some() || self.operations.is_some()
    }

    /// What stops `--write` (or, for a set that does not generate, any
    /// run), after the report is printed.
    pub fn refusal(&self, write: bool) -> Option<String> {
        if let Some(e) = &self.broken {
            return Some(e.clone());
        }
        match &self.catalog {
            Some(drift) if write && !drift.missing.is_empty() => Some(format!(
                "{}: not written: the new catalog names types no vendored schema generates (see above); vendor them first",
                webhooks::FILE
            )),
            _ => None,
        }
    }

    /// 0: up to date, or written; 1: changes found and not written.
    pub fn exit_code(&self, write: bool) -> u8 {
        u8::from(self.changed() && !write)
    }
}

impl Unchanged {
    fn new(o: &Options, fetched: &Fetched) -> Unchanged {
        let entry = &fetched.entry;
        let stamped =
            fetched
                .provenance
                .entry(&entry.name, &entry.file, &o.reference, &fetched.bytes);
        let moved = (&stamped.repository, &stamped.path) != (&entry.repository, &entry.path);
        Unchanged {
            entry: entry.clone(),
            provenance: fetched.provenance.clone(),
            restamp: moved.then_some(stamped),
        }
    }
}

impl Drift {
    fn new(fetched: &Fetched, old: &[u8]) -> Result<Drift> {
        let entry = &fetched.entry;
        let label = fetched.provenance.bytes_label();
        let old_json = clerk_types_codegen::parse(&format!("schema/{}", entry.file), old)?;
        let new_json = clerk_types_codegen::parse(&label, &fetched.bytes)?;
        if !new_json.is_object() {
            anyhow::bail!("{label}: the top level is not a JSON object, so it is no schema; upstream published something else at that path");
        }
        Ok(Drift {
            entry: entry.clone(),
            provenance: fetched.provenance.clone(),
            old: old.to_vec(),
            new: fetched.bytes.clone(),
            repins: Vec::new(),
            edits: compat::schema_edits(&old_json, &new_json),
            comparison: None,
        })
    }
}

/// Each schema of `schemas` as naming reads it, by module key: restored
/// across the set ([`clerk_types_codegen::passes::restore`]), or as parsed
/// when the set cannot be restored (the generation that follows says why).
pub fn documents(schemas: &[Schema]) -> BTreeMap<String, Value> {
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

/// The document of module `key`, or `null`.
pub fn doc<'a>(docs: &'a BTreeMap<String, Value>, key: &str) -> &'a Value {
    docs.get(key).unwrap_or(&Value::Null)
}
