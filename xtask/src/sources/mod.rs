//! Where vendored schemas come from. Two sources, each a named rule that
//! produces the bytes in `schema/`:
//!
//! - api-evangelist/clerk-com (the default): its
//!   `json-schema/clerk-<key>-schema.json`, byte for byte;
//! - Clerk's own OpenAPI, clerk/openapi-specs ([`clerk`]): the component
//!   of `bapi/<version>.yml` (or, for the objects only webhooks carry, of
//!   `webhooks/<version>.yml`), derived by api-evangelist's rule; and the
//!   webhooks catalog, derived from `webhooks/<version>.yml`.
//!
//! [`Sources`] fetches each at most once per run (Clerk's spec is 700 KB
//! of YAML) and says, for every schema, which bytes the source gives and
//! their provenance, which the manifest records.

pub mod clerk;
pub mod github;

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Result;

use crate::manifest::{self, Entry};
use github::Upstream;

/// api-evangelist's repository.
pub const EVANGELIST: &str = "api-evangelist/clerk-com";

/// Where a schema's bytes came from, as the manifest records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// `owner/name`.
    pub repository: String,
    /// The file in that repository.
    pub path: String,
    /// The commit.
    pub commit: String,
    /// For a derived schema: the component, the sha256 of the source
    /// file, and the rule's version.
    pub derived: Option<Derived>,
}

/// How a schema was derived from a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    /// `components.schemas.<component>`, or the answer of that name.
    pub component: String,
    /// sha256 of the source file.
    pub source_sha256: String,
    /// [`clerk::derive::RULE`].
    pub rule: String,
}

impl Provenance {
    /// The manifest entry of schema `name` (file `file`) vendored as
    /// `bytes` from this source at `reference`.
    pub fn entry(&self, name: &str, file: &str, reference: &str, bytes: &[u8]) -> Entry {
        Entry {
            name: name.to_owned(),
            file: file.to_owned(),
            repository: self.repository.clone(),
            path: self.path.clone(),
            reference: reference.to_owned(),
            commit: self.commit.clone(),
            sha256: manifest::sha256_hex(bytes),
            synced: manifest::today(),
            component: self.derived.as_ref().map(|d| d.component.clone()),
            source_sha256: self.derived.as_ref().map(|d| d.source_sha256.clone()),
            rule: self.derived.as_ref().map(|d| d.rule.clone()),
        }
    }

    /// How errors name the new bytes: `upstream json-schema/... at
    /// <commit>`, or Clerk's file and component.
    pub fn bytes_label(&self) -> String {
        let at = clerk::short(&self.commit);
        match &self.derived {
            None => format!("upstream {} at {at}", self.path),
            Some(d) => format!(
                "{} {} {} at {at} (derived)",
                self.repository,
                self.path,
                d.source()
            ),
        }
    }

    /// How an "up to date with ..." line names the source: the ref for
    /// api-evangelist (`main`), the file and component for Clerk.
    pub fn at(&self, reference: &str) -> String {
        match &self.derived {
            None => reference.to_owned(),
            Some(_) => self.label(reference),
        }
    }

    /// How a report names the source: `upstream main` or `clerk/openapi-specs
    /// bapi/2025-11-10.yml (api-evangelist's rule) at main`.
    pub fn label(&self, reference: &str) -> String {
        match &self.derived {
            None => format!("upstream {reference}"),
            Some(d) => format!(
                "{} {} {} (api-evangelist's rule) at {reference}",
                self.repository,
                self.path,
                d.source()
            ),
        }
    }
}

impl Derived {
    /// What in the file it was derived from: `components.schemas.User`, or
    /// `the answer ApiKey` (named by the operations rule).
    pub fn source(&self) -> String {
        if self.rule.starts_with(clerk::operations::RULE) {
            format!("the answer {}", self.component)
        } else {
            format!("components.schemas.{}", self.component)
        }
    }
}

/// Where one schema's bytes come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// api-evangelist's file, byte for byte.
    Evangelist,
    /// A component of Clerk's spec files of this family, by api-evangelist's rule.
    Clerk(clerk::Family),
}

/// Which source a run compares with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Each schema with the source the manifest says it came from.
    Recorded,
    /// Every schema with Clerk's own spec.
    Clerk,
}

/// The sources of one run, each fetched at most once.
pub struct Sources {
    evangelist: Upstream,
    clerk: Upstream,
    reference: String,
    api_version: Option<String>,
    evangelist_commit: Option<String>,
    specs: BTreeMap<clerk::Family, clerk::Spec>,
}

impl Sources {
    /// Both repositories at the same GitHub base URLs.
    pub fn new(
        raw_base: &str,
        api_base: &str,
        timeout: Duration,
        token: Option<String>,
        reference: &str,
        api_version: Option<String>,
    ) -> Self {
        let at = |repository: &str| Upstream {
            repository: repository.to_owned(),
            raw_base: raw_base.to_owned(),
            api_base: api_base.to_owned(),
            timeout,
            token: token.clone(),
        };
        Sources {
            evangelist: at(EVANGELIST),
            clerk: at(clerk::REPOSITORY),
            reference: reference.to_owned(),
            api_version,
            evangelist_commit: None,
            specs: BTreeMap::new(),
        }
    }

    /// api-evangelist, to list its files.
    pub fn evangelist(&self) -> &Upstream {
        &self.evangelist
    }

    /// The commit api-evangelist's ref resolves to.
    pub fn evangelist_commit(&mut self) -> Result<String> {
        if let Some(c) = &self.evangelist_commit {
            return Ok(c.clone());
        }
        let c = self.evangelist.resolve(&self.reference)?;
        self.evangelist_commit = Some(c.clone());
        Ok(c)
    }

    /// Clerk's spec of `family` at the ref, fetched and parsed once (the
    /// API version applies to the Backend API only).
    pub fn spec(&mut self, family: clerk::Family) -> Result<&clerk::Spec> {
        if !self.specs.contains_key(&family) {
            let commit = self.clerk.resolve(&self.reference)?;
            let version = match family {
                clerk::Family::Bapi => self.api_version.as_deref(),
                clerk::Family::Webhooks => None,
            };
            let spec = clerk::Spec::fetch(&self.clerk, &commit, family, version)?;
            self.specs.insert(family, spec);
        }
        Ok(&self.specs[&family])
    }

    /// The bytes of schema `key` (file `clerk-<key>-schema.json`) that
    /// `origin` gives, with their provenance.
    pub fn bytes(&mut self, key: &str, origin: Origin) -> Result<(Vec<u8>, Provenance)> {
        if let Origin::Clerk(family) = origin {
            let spec = self.spec(family)?;
            let (component, bytes, rule) = spec.derive(key)?;
            let provenance = spec.provenance(component, &rule);
            return Ok((bytes, provenance));
        }
        let commit = self.evangelist_commit()?;
        let path = format!("json-schema/clerk-{key}-schema.json");
        let bytes = self.evangelist.download(&commit, &path)?;
        Ok((
            bytes,
            Provenance {
                repository: EVANGELIST.to_owned(),
                path,
                commit,
                derived: None,
            },
        ))
    }
}

/// Where `entry` is compared with: an object only webhooks carry with
/// Clerk's webhooks spec, always; the others with Clerk's Backend API when
/// chosen or recorded, else with api-evangelist.
pub fn origin(entry: &Entry, choice: Choice) -> Origin {
    let family = clerk::Family::of_path(&entry.path);
    if entry.repository == clerk::REPOSITORY || family == clerk::Family::Webhooks {
        Origin::Clerk(family)
    } else if choice == Choice::Clerk {
        Origin::Clerk(clerk::Family::Bapi)
    } else {
        Origin::Evangelist
    }
}
