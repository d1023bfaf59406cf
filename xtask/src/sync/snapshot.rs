//! What upstream says now: every source a sync compares with, fetched
//! once, with provenance. The only stage that touches the network.

use anyhow::Result;

use super::local::Local;
use super::Options;
use crate::manifest::Entry;
use crate::operations::{self, SpecOperations};
use crate::sources::{self, Choice, Origin, Provenance};
use crate::webhooks::{self, SpecCatalog};

/// Upstream's side of a sync.
pub struct Snapshot {
    /// Each manifest entry with the bytes its source gives now.
    pub schemas: Vec<Fetched>,
    /// api-evangelist's schema files, when a schema is compared with it
    /// (`Err`: why they could not be listed; informational only).
    pub listing: Option<Result<Vec<String>, String>>,
    /// The catalog Clerk's webhooks spec gives, when the catalog is
    /// vendored or asked for (`--webhooks`).
    pub catalog: Option<SpecCatalog>,
    /// The operations catalog Clerk's Backend API spec gives, when it is
    /// vendored or asked for (`--operations`).
    pub operations: Option<SpecOperations>,
}

/// One schema's bytes at its source.
pub struct Fetched {
    /// Its manifest entry.
    pub entry: Entry,
    /// The bytes the source gives now.
    pub bytes: Vec<u8>,
    /// Where they came from.
    pub provenance: Provenance,
}

impl Snapshot {
    /// Fetches what `local` is compared with: each schema from the source
    /// `o.choice` picks, api-evangelist's listing when a schema comes from
    /// it, the webhooks spec when the catalog is in play.
    pub fn resolve(o: &Options, local: &Local) -> Result<Snapshot> {
        let mut sources = o.sources();
        let mut schemas = Vec::with_capacity(local.entries.len());
        for entry in &local.entries {
            let (bytes, provenance) =
                sources.bytes(&entry.name, sources::origin(entry, o.choice))?;
            schemas.push(Fetched {
                entry: entry.clone(),
                bytes,
                provenance,
            });
        }
        let from_evangelist = local
            .entries
            .iter()
            .any(|e| sources::origin(e, o.choice) == Origin::Evangelist);
        let listing = (o.choice == Choice::Recorded && from_evangelist).then(|| {
            sources
                .evangelist_commit()
                .and_then(|commit| sources.evangelist().list(&commit, "json-schema"))
                .map_err(|e| format!("{e:#}"))
        });
        let catalog = if local.catalog_entry.is_none() && !o.webhooks {
            None
        } else {
            Some(webhooks::fetch(&mut sources)?)
        };
        let operations = if local.operations_entry.is_none() && !o.operations {
            None
        } else {
            Some(operations::fetch(&mut sources)?)
        };
        Ok(Snapshot {
            schemas,
            listing,
            catalog,
            operations,
        })
    }
}
