//! Clerk's own OpenAPI (github.com/clerk/openapi-specs) as a source of the
//! vendored schemas: the newest `bapi/<date>.yml` (or a given API
//! version) at a ref, parsed once, each vendored schema derived from its
//! component by api-evangelist's rule ([`derive`]).

pub mod derive;
pub mod node;
pub mod pyjson;
pub mod yaml;

use anyhow::{bail, Context, Result};

use crate::sources::github::Upstream;
use node::Node;

/// Clerk's repository.
pub const REPOSITORY: &str = "clerk/openapi-specs";

/// One version file of Clerk's spec at one commit, parsed.
pub struct Spec {
    /// The file (`bapi/2025-11-10.yml`).
    pub path: String,
    /// The commit it was read at.
    pub commit: String,
    /// sha256 of the file's bytes.
    pub sha256: String,
    /// The parsed document.
    pub root: Node,
}

impl Spec {
    /// Fetches and parses the spec: `bapi/<api_version>.yml`, or the newest
    /// `bapi/<date>.yml`, at `commit`.
    pub fn fetch(upstream: &Upstream, commit: &str, api_version: Option<&str>) -> Result<Spec> {
        let path = match api_version {
            Some(v) => {
                if !is_date(v) {
                    bail!("--api-version {v}: expected a date, YYYY-MM-DD (Clerk's version names)");
                }
                format!("bapi/{v}.yml")
            }
            None => newest(upstream, commit)?,
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
            path,
            commit: commit.to_owned(),
            root,
        })
    }

    /// The component a vendored schema comes from and the bytes the rule
    /// derives from it; the error names the repository, file and pointer.
    pub fn derive(&self, key: &str) -> Result<(String, Vec<u8>)> {
        let place = |e: derive::Underivable| {
            anyhow::anyhow!(
                "{REPOSITORY} {} at {}: {e}; the rule cannot derive clerk-{key}-schema.json",
                self.path,
                short(&self.commit)
            )
        };
        let component = derive::component_for(&self.root, key).map_err(place)?;
        let text = derive::derive(&self.root, &component, key).map_err(place)?;
        Ok((component, text.into_bytes()))
    }
}

/// The newest `bapi/YYYY-MM-DD.yml` at `commit`.
fn newest(upstream: &Upstream, commit: &str) -> Result<String> {
    let names = upstream
        .list(commit, "bapi")
        .with_context(|| format!("{REPOSITORY}: cannot list bapi/ at {}", short(commit)))?;
    names
        .iter()
        .filter_map(|n| n.strip_suffix(".yml").filter(|d| is_date(d)))
        .max()
        .map(|d| format!("bapi/{d}.yml"))
        .with_context(|| format!("{REPOSITORY}: no bapi/YYYY-MM-DD.yml at {}", short(commit)))
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
