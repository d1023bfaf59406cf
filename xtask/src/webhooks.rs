//! The webhooks catalog in `sync-schema`: derive it from Clerk's newest
//! `webhooks/<date>.yml`, compare its event types with the vendored
//! catalog, say what each change does to users, and with `--write` vendor
//! the spec's bytes and the catalog.
//!
//! A new event type is a minor change (a new `EventData` variant; the
//! enum is `#[non_exhaustive]`, and the current release decodes it into
//! `EventData::Unknown`); a removed one, or one whose data changed type, is
//! major (a variant goes or changes). Decoding never breaks: the catch-all
//! takes what the current release does not know.

use std::collections::BTreeSet;

use anyhow::Result;
use clerk_types_codegen::compat::Bump;
pub use clerk_types_codegen::vendored::CATALOG_FILE as FILE;
use clerk_types_codegen::webhooks::catalog::{module_key, Catalog, Data};

use crate::sources::clerk::{self, Family};
use crate::sources::{Provenance, Sources};

/// What changed between the vendored catalog and upstream's.
pub struct Drift {
    /// The catalog Clerk's spec gives now.
    pub new: Catalog,
    /// Its bytes as vendored.
    pub text: String,
    /// The spec file's bytes, vendored beside it.
    pub spec_bytes: Vec<u8>,
    /// Where they came from.
    pub provenance: Provenance,
    /// Event types upstream has and the vendored catalog does not.
    pub added: Vec<String>,
    /// Event types the vendored catalog has and upstream no longer.
    pub removed: Vec<String>,
    /// Event types whose data changed: (type, before, after).
    pub changed: Vec<(String, Data, Data)>,
    /// Components the new catalog names that no vendored schema generates.
    pub missing: Vec<String>,
}

impl Drift {
    /// The semver bump the catalog's change alone asks for.
    pub fn bump(&self) -> Bump {
        if !self.removed.is_empty() || self.changed.iter().any(|(_, a, b)| types_differ(a, b)) {
            Bump::Major
        } else if !self.added.is_empty() {
            Bump::Minor
        } else {
            Bump::Patch
        }
    }

    /// The report, one line per change.
    pub fn render(&self, old_path: Option<&str>, reference: &str) -> String {
        let mut out = format!(
            "schema/{FILE}: {} at {reference} ({}) differs from the vendored catalog{}\n",
            self.provenance.path,
            clerk::short(&self.provenance.commit),
            old_path.map(|p| format!(" (from {p})")).unwrap_or_default(),
        );
        for event in &self.added {
            let data = &self.new.events[event];
            out.push_str(&format!(
                "  + event type `{event}` (data: {}): minor; the current release decodes it as EventData::Unknown\n",
                describe(data)
            ));
        }
        for event in &self.removed {
            out.push_str(&format!(
                "  - event type `{event}`: major (its EventData variant goes); the current release still decodes it\n"
            ));
        }
        for (event, before, after) in &self.changed {
            let verdict = if types_differ(before, after) {
                "major (the variant's type changes); the current release decodes it as EventData::Undecoded when the data no longer fits"
            } else {
                "patch (documentation only)"
            };
            out.push_str(&format!(
                "  ~ event type `{event}`: data {} -> {}: {verdict}\n",
                describe(before),
                describe(after)
            ));
        }
        for component in &self.missing {
            out.push_str(&format!(
                "  ! `{component}` is not vendored: vendor it first with `cargo xtask sync-schema --add {} --webhooks`\n",
                module_key(component)
            ));
        }
        out
    }
}

fn types_differ(a: &Data, b: &Data) -> bool {
    (&a.object, &a.members) != (&b.object, &b.members)
}

fn describe(data: &Data) -> String {
    if data.members.is_empty() {
        return data.object.clone();
    }
    let members: Vec<String> = data
        .members
        .iter()
        .map(|(m, c)| format!("{m}: {c}"))
        .collect();
    format!("{} with {}", data.object, members.join(", "))
}

/// The catalog Clerk's webhooks spec gives at the run's ref, with the
/// spec's bytes.
pub struct SpecCatalog {
    /// The catalog.
    pub catalog: Catalog,
    /// The spec file's bytes, vendored beside the catalog.
    pub spec_bytes: Vec<u8>,
    /// The spec file (`webhooks/2025-04-15.yml`).
    pub spec_path: String,
    /// The commit it was read at.
    pub commit: String,
    /// The catalog's provenance (the spec and the rule).
    pub provenance: Provenance,
}

/// Fetches Clerk's newest webhooks spec (or the run's version) and derives
/// its catalog.
pub fn fetch(sources: &mut Sources) -> Result<SpecCatalog> {
    let spec = sources.spec(Family::Webhooks)?;
    Ok(SpecCatalog {
        catalog: spec.catalog()?,
        spec_bytes: spec.bytes.clone(),
        spec_path: spec.path.clone(),
        commit: spec.commit.clone(),
        provenance: spec.provenance(String::new(), clerk::catalog::RULE),
    })
}

/// Compares the vendored catalog (`old`, `None` when not vendored yet) with
/// the one Clerk's webhooks spec gives (`now`). `keys` are the module keys
/// of the vendored schemas (a component's is its name in lower case).
/// `None` when they agree.
pub fn compare(old: Option<&Catalog>, now: &SpecCatalog, keys: &BTreeSet<String>) -> Option<Drift> {
    let new = now.catalog.clone();
    if old.is_some_and(|o| o == &new) {
        return None;
    }
    let text = new.render();
    let empty = Catalog::default();
    let before = old.unwrap_or(&empty);
    let only_in = |a: &Catalog, b: &Catalog| -> Vec<String> {
        a.events
            .keys()
            .filter(|e| !b.events.contains_key(*e))
            .cloned()
            .collect()
    };
    let added = only_in(&new, before);
    let removed = only_in(before, &new);
    let changed = new
        .events
        .iter()
        .filter_map(|(e, after)| {
            let previous = before.events.get(e)?;
            (previous != after).then(|| (e.clone(), previous.clone(), after.clone()))
        })
        .collect();
    let missing = new
        .components()
        .into_iter()
        .filter(|c| !keys.contains(&module_key(c)))
        .map(str::to_owned)
        .collect();
    Some(Drift {
        new,
        text,
        spec_bytes: now.spec_bytes.clone(),
        provenance: now.provenance.clone(),
        added,
        removed,
        changed,
        missing,
    })
}
