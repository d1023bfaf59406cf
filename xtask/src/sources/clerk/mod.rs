//! Clerk's own OpenAPI (github.com/clerk/openapi-specs) as a source of the
//! vendored schemas: the newest `bapi/<date>.yml` (or a given API
//! version) or `webhooks/<date>.yml` at a ref, parsed once, each vendored
//! schema derived from its component by api-evangelist's rule
//! ([`derive`]), and the webhooks catalog from the webhooks spec
//! ([`catalog`]).

pub mod answers;
pub mod catalog;
pub mod derive;
pub mod node;
pub mod operations;
pub mod pyjson;
pub mod source;
pub mod yaml;

use anyhow::{bail, Context, Result};

use crate::sources::github::Upstream;
use node::Node;

/// Clerk's repository.
pub const REPOSITORY: &str = "clerk/openapi-specs";

/// The two families of Clerk's spec files, each a directory of
/// `<date>.yml` versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// The Backend API (`bapi/`): the REST objects.
    Bapi,
    /// The webhooks (`webhooks/`): the events and the objects only they carry.
    Webhooks,
}

impl Family {
    /// The directory of its version files.
    pub fn dir(self) -> &'static str {
        match self {
            Family::Bapi => "bapi",
            Family::Webhooks => "webhooks",
        }
    }

    /// The family of a file of the repository (`webhooks/2025-04-15.yml`).
    pub fn of_path(path: &str) -> Family {
        if path.starts_with("webhooks/") {
            Family::Webhooks
        } else {
            Family::Bapi
        }
    }
}

/// One version file of Clerk's spec at one commit, parsed.
pub struct Spec {
    /// The file (`bapi/2025-11-10.yml`).
    pub path: String,
    /// The commit it was read at.
    pub commit: String,
    /// sha256 of the file's bytes.
    pub sha256: String,
    /// The file's bytes, as fetched.
    pub bytes: Vec<u8>,
    /// Its operations catalog, for the answers it names: derived once, when
    /// a file is first derived from an answer.
    answers: std::cell::OnceCell<Option<operations::Catalog>>,
    /// The parsed document.
    pub root: Node,
}

impl Spec {
    /// Fetches and parses a spec of `family`: `<dir>/<version>.yml`, or the
    /// newest `<dir>/<date>.yml`, at `commit`.
    pub fn fetch(
        upstream: &Upstream,
        commit: &str,
        family: Family,
        version: Option<&str>,
    ) -> Result<Spec> {
        let dir = family.dir();
        let path = match version {
            Some(v) => {
                if !is_date(v) {
                    bail!("--api-version {v}: expected a date, YYYY-MM-DD (Clerk's version names)");
                }
                format!("{dir}/{v}.yml")
            }
            None => newest(upstream, commit, dir)?,
        };
        let bytes = upstream.download(commit, &path).with_context(|| {
            format!(
                "{REPOSITORY} {path} at {}: cannot download (does that API version exist?)",
                short(commit)
            )
        })?;
        let text = std::str::from_utf8(&bytes)
            .with_context(|| format!("{REPOSITORY} {path} at {}: not UTF-8 text", short(commit)))?;
        let root = yaml::parse(text)
            .with_context(|| format!("{REPOSITORY} {path} at {}", short(commit)))?;
        Ok(Spec {
            sha256: crate::manifest::sha256_hex(&bytes),
            bytes,
            path,
            commit: commit.to_owned(),
            root,
            answers: std::cell::OnceCell::new(),
        })
    }

    /// The provenance of what `rule` derives from `component` of this file
    /// (`component` empty for the whole file, as the catalog).
    pub fn provenance(&self, component: String, rule: &str) -> super::Provenance {
        super::Provenance {
            repository: REPOSITORY.to_owned(),
            path: self.path.clone(),
            commit: self.commit.clone(),
            derived: Some(super::Derived {
                component,
                source_sha256: self.sha256.clone(),
                rule: rule.to_owned(),
            }),
        }
    }

    /// The webhooks catalog of this (webhooks) spec file.
    pub fn catalog(&self) -> Result<catalog::Catalog> {
        catalog::derive(&self.root).map_err(|e| {
            anyhow::anyhow!(
                "{REPOSITORY} {} at {}: {e}; the rule cannot derive the webhooks catalog",
                self.path,
                short(&self.commit)
            )
        })
    }

    /// What a vendored schema is derived from (a component, or an answer
    /// the operations rule names), the bytes, and the rule
    /// ([`source::derive_key`]); the error names the repository, file and
    /// pointer.
    pub fn derive(&self, key: &str) -> Result<(String, Vec<u8>, String)> {
        let answers = || {
            self.answers
                .get_or_init(|| source::answers_of(&self.root))
                .as_ref()
        };
        let (name, text, rule) = source::derive_key(&self.root, key, answers).map_err(|e| {
            anyhow::anyhow!(
                "{REPOSITORY} {} at {}: {e}; the rule cannot derive clerk-{key}-schema.json",
                self.path,
                short(&self.commit)
            )
        })?;
        Ok((name, text.into_bytes(), rule))
    }
}

/// The API version a spec file is, its name without `.yml`
/// (`bapi/2026-05-12.yml` -> `2026-05-12`): what Clerk's SDKs send as
/// `Clerk-API-Version`.
pub fn version_of(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".yml").unwrap_or(name).to_owned()
}

/// The newest `<dir>/YYYY-MM-DD.yml` at `commit`.
fn newest(upstream: &Upstream, commit: &str, dir: &str) -> Result<String> {
    let names = upstream
        .list(commit, dir)
        .with_context(|| format!("{REPOSITORY}: cannot list {dir}/ at {}", short(commit)))?;
    names
        .iter()
        .filter_map(|n| n.strip_suffix(".yml").filter(|d| is_date(d)))
        .max()
        .map(|d| format!("{dir}/{d}.yml"))
        .with_context(|| format!("{REPOSITORY}: no {dir}/YYYY-MM-DD.yml at {}", short(commit)))
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The first twelve characters of a commit.
pub fn short(commit: &str) -> &str {
    &commit[..commit.len().min(12)]
}
