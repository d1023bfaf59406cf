//! `cargo xtask freshness`: how far each vendored schema lags Clerk's own
//! spec, and the Clerk commit each change dates from. Walks the commits
//! that touched the version file, newest first, deriving the schema at each
//! (every spec is fetched and parsed once), back to the commit whose
//! derivation equals the vendored bytes.

use anyhow::{Context, Result};

use crate::manifest::{Entry, Manifest};
use crate::sources::clerk::{self, short, Family, Spec};
use crate::sources::github::Upstream;

/// How many commits of the version file are looked at, at most.
pub const MAX_COMMITS: usize = 100;

/// What `freshness` was asked.
pub struct Options {
    /// The project root.
    pub root: std::path::PathBuf,
    /// The ref of clerk/openapi-specs to start from.
    pub reference: String,
    /// The version file (default: the newest).
    pub api_version: Option<String>,
    /// clerk/openapi-specs on GitHub (or a stand-in).
    pub upstream: Upstream,
}

/// Prints the report; exit status 0 when every schema is in step with
/// Clerk, 1 when some lag. Each schema is followed in the spec family it
/// comes from: the objects only webhooks carry in `webhooks/`, the others
/// in `bapi/`.
pub fn run(o: &Options) -> Result<u8> {
    let entries = Manifest::load(&o.root)?.entries()?;
    let head = o.upstream.resolve(&o.reference)?;
    let mut lagging = 0;
    for family in [Family::Bapi, Family::Webhooks] {
        let of_family: Vec<&Entry> = entries
            .iter()
            .filter(|e| Family::of_path(&e.path) == family)
            .collect();
        if !of_family.is_empty() {
            lagging += walk(o, &head, family, &of_family)?;
        }
    }
    println!(
        "{lagging} of {} vendored schemas lag Clerk{}",
        entries.len(),
        if lagging > 0 {
            "; `cargo xtask sync-schema --clerk` says what vendoring them would do"
        } else {
            ""
        }
    );
    Ok(u8::from(lagging > 0))
}

/// The report for the schemas of one spec family; how many lag.
fn walk(o: &Options, head: &str, family: Family, entries: &[&Entry]) -> Result<usize> {
    let version_asked = match family {
        Family::Bapi => o.api_version.as_deref(),
        Family::Webhooks => None,
    };
    let newest = Spec::fetch(&o.upstream, head, family, version_asked)?;
    let commits = o
        .upstream
        .commits_touching(head, &newest.path, MAX_COMMITS)
        .with_context(|| {
            format!(
                "{}: cannot list the commits of {}",
                clerk::REPOSITORY,
                newest.path
            )
        })?;
    // Parsed specs of the commits after the newest, fetched lazily. The
    // newest commit that touched the file holds the file `head` holds:
    // that is `newest`, parsed already.
    let mut older: Vec<Option<Spec>> = Vec::new();
    let mut lagging = 0;
    println!(
        "Freshness against {} {} at {} ({}):",
        clerk::REPOSITORY,
        newest.path,
        o.reference,
        short(head)
    );
    for entry in entries {
        let vendored = std::fs::read(o.root.join("schema").join(&entry.file))
            .with_context(|| format!("schema/{}: cannot read", entry.file))?;
        let (_, current, _) = newest.derive(&entry.name)?;
        if current == vendored {
            println!("  {}: in step with Clerk", entry.file);
            continue;
        }
        lagging += 1;
        // Newest first: each commit's derivation, back to the first that
        // equals the vendored bytes (api-evangelist's copy is that state).
        let mut derived: Vec<Vec<u8>> = Vec::new();
        let mut found = false;
        for (i, (sha, _)) in commits.iter().enumerate() {
            let spec = match i.checked_sub(1) {
                None => Some(&newest),
                Some(j) => {
                    if older.len() <= j {
                        older.push(
                            Spec::fetch(&o.upstream, sha, family, Some(version(&newest.path))).ok(),
                        );
                    }
                    older[j].as_ref()
                }
            };
            let Some(Ok((_, bytes, _))) = spec.map(|s| s.derive(&entry.name)) else {
                break;
            };
            if bytes == vendored {
                found = true;
                break;
            }
            derived.push(bytes);
        }
        // A commit changed the schema if its derivation differs from the
        // one before it (older); oldest first.
        let mut changes: Vec<(String, String)> = Vec::new();
        for i in (0..derived.len()).rev() {
            let before = derived.get(i + 1).or(found.then_some(&vendored));
            if before.is_none_or(|b| *b != derived[i]) {
                changes.push(commits[i].clone());
            }
        }
        let list: Vec<String> = changes
            .iter()
            .map(|(sha, date)| format!("{} {}", &date[..date.len().min(10)], short(sha)))
            .collect();
        if found {
            println!(
                "  {}: behind Clerk by {} change(s), dating from: {}",
                entry.file,
                changes.len(),
                list.join(", ")
            );
        } else {
            println!(
                "  {}: behind Clerk since before the oldest of {} commits looked at ({})",
                entry.file,
                commits.len(),
                list.first().map(String::as_str).unwrap_or("none")
            );
        }
    }
    Ok(lagging)
}

/// `2025-11-10` of `bapi/2025-11-10.yml` (or of `webhooks/...`).
fn version(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.trim_end_matches(".yml")
}
