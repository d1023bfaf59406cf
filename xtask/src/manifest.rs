//! `schema/manifest.toml`: which schemas are vendored and where each came
//! from (repository, path, ref, commit, sha256, date; for a schema derived
//! from Clerk's spec also the component, the source file's sha256 and the
//! rule's version), and the one way
//! vendored files are replaced: atomically.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use toml_edit::{value, ArrayOfTables, DocumentMut, Item, Table};

/// One vendored schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Upstream's name for it (`client`, `session`, ...).
    pub name: String,
    /// The file in `schema/`.
    pub file: String,
    /// `owner/name` of the upstream repository.
    pub repository: String,
    /// The file's path upstream.
    pub path: String,
    /// The ref it was synced from.
    pub reference: String,
    /// The commit that ref resolved to.
    pub commit: String,
    /// sha256 of the vendored bytes.
    pub sha256: String,
    /// The date of the sync (UTC, `YYYY-MM-DD`).
    pub synced: String,
    /// For a schema derived from Clerk's spec: the component
    /// (`components.schemas.<component>`).
    pub component: Option<String>,
    /// ... the sha256 of the source file (`path`) it was derived from.
    pub source_sha256: Option<String>,
    /// ... and the version of the rule that derived it.
    pub rule: Option<String>,
}

/// The array of vendored schemas.
const SCHEMA: &str = "schema";
/// The array holding the webhooks catalog.
const CATALOG: &str = "catalog";
/// The array holding the operations catalog.
const OPERATIONS: &str = "operations";
/// The array of schemas written here (no upstream schema exists).
const WRITTEN: &str = "written";

/// A schema written in this repository, where no upstream schema exists
/// (`[[written]]`): what it was written from. Nothing to sync it with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// Its module key.
    pub name: String,
    /// The file in `schema/`.
    pub file: String,
    /// The documents and files it was written from.
    pub sources: Vec<String>,
    /// sha256 of its bytes.
    pub sha256: String,
}

/// The manifest file, edited in place so its comments survive.
pub struct Manifest {
    path: PathBuf,
    doc: DocumentMut,
}

impl Manifest {
    /// Reads `schema/manifest.toml` under `root`.
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join("schema/manifest.toml");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let doc: DocumentMut = text
            .parse()
            .with_context(|| format!("{}: not valid TOML", path.display()))?;
        Ok(Self { path, doc })
    }

    /// The vendored schemas, in manifest order.
    pub fn entries(&self) -> Result<Vec<Entry>> {
        if !self.doc.contains_array_of_tables(SCHEMA) {
            bail!("{}: no [[schema]] entries", self.path.display());
        }
        self.entries_of(SCHEMA)
    }

    /// The schemas written here (`[[written]]`).
    pub fn written(&self) -> Result<Vec<Written>> {
        let Some(tables) = self.doc.get(WRITTEN).and_then(Item::as_array_of_tables) else {
            return Ok(Vec::new());
        };
        tables
            .iter()
            .map(|t| {
                let get = |key: &str| self.text(t, WRITTEN, key);
                let sources = t
                    .get("sources")
                    .and_then(Item::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default();
                Ok(Written {
                    name: get("name")?,
                    file: get("file")?,
                    sources,
                    sha256: get("sha256")?,
                })
            })
            .collect()
    }

    /// Member `key` of table `t` of array `kind`, a string.
    fn text(&self, t: &toml_edit::Table, kind: &str, key: &str) -> Result<String> {
        t.get(key)
            .and_then(Item::as_str)
            .map(str::to_owned)
            .with_context(|| format!("{}: a [[{kind}]] lacks `{key}`", self.path.display()))
    }

    /// The webhooks catalog's entry (`[[catalog]]`), if it is vendored.
    pub fn catalog(&self) -> Result<Option<Entry>> {
        Ok(self.entries_of(CATALOG)?.into_iter().next())
    }

    /// Updates the webhooks catalog's entry, or adds it.
    pub fn upsert_catalog(&mut self, entry: &Entry) {
        self.upsert_in(CATALOG, entry);
    }

    /// The operations catalog's entry (`[[operations]]`), if it is vendored.
    pub fn operations(&self) -> Result<Option<Entry>> {
        Ok(self.entries_of(OPERATIONS)?.into_iter().next())
    }

    /// Updates the operations catalog's entry, or adds it.
    pub fn upsert_operations(&mut self, entry: &Entry) {
        self.upsert_in(OPERATIONS, entry);
    }

    fn entries_of(&self, kind: &str) -> Result<Vec<Entry>> {
        let Some(tables) = self.doc.get(kind).and_then(Item::as_array_of_tables) else {
            return Ok(Vec::new());
        };
        tables
            .iter()
            .map(|t| {
                let get = |key: &str| self.text(t, kind, key);
                Ok(Entry {
                    name: get("name")?,
                    file: get("file")?,
                    repository: get("repository")?,
                    path: get("path")?,
                    reference: get("ref")?,
                    commit: get("commit")?,
                    sha256: get("sha256")?,
                    synced: get("synced")?,
                    component: get("component").ok(),
                    source_sha256: get("source_sha256").ok(),
                    rule: get("rule").ok(),
                })
            })
            .collect()
    }

    /// Updates the schema entry with `entry.name`, or appends it.
    pub fn upsert(&mut self, entry: &Entry) {
        self.upsert_in(SCHEMA, entry);
    }

    fn upsert_in(&mut self, kind: &str, entry: &Entry) {
        if !self.doc.contains_array_of_tables(kind) {
            self.doc
                .insert(kind, Item::ArrayOfTables(ArrayOfTables::new()));
        }
        let Some(tables) = self
            .doc
            .get_mut(kind)
            .and_then(Item::as_array_of_tables_mut)
        else {
            return;
        };
        let position = tables
            .iter()
            .position(|t| t.get("name").and_then(Item::as_str) == Some(entry.name.as_str()));
        let table = match position {
            Some(i) => tables.get_mut(i),
            None => {
                tables.push(Table::new());
                tables.get_mut(tables.len() - 1)
            }
        };
        if let Some(t) = table {
            for (key, v) in [
                ("name", &entry.name),
                ("file", &entry.file),
                ("repository", &entry.repository),
                ("path", &entry.path),
                ("ref", &entry.reference),
                ("commit", &entry.commit),
                ("sha256", &entry.sha256),
                ("synced", &entry.synced),
            ] {
                t[key] = value(v.as_str());
            }
            for (key, v) in [
                ("component", &entry.component),
                ("source_sha256", &entry.source_sha256),
                ("rule", &entry.rule),
            ] {
                match v {
                    Some(v) => t[key] = value(v.as_str()),
                    None => {
                        t.remove(key);
                    }
                }
            }
        }
    }

    /// The manifest's text.
    pub fn render(&self) -> String {
        self.doc.to_string()
    }

    /// Where the manifest lives.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Lower-case hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Today's date in UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    now.get(..10).unwrap_or(&now).to_owned()
}

/// Replaces files so that each is either entirely old or entirely new:
/// every new content goes to a temporary file beside its target first, and
/// only when all are written are they renamed over the targets.
pub fn replace_all(files: &[(&Path, &[u8])]) -> Result<()> {
    let mut staged = Vec::new();
    for (target, bytes) in files {
        let dir = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = std::fs::write(&temp, bytes)
            .and_then(|()| std::fs::File::open(&temp)?.sync_all())
            .with_context(|| format!("{}: cannot write", temp.display()));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            for (temp, _) in &staged {
                let _ = std::fs::remove_file(temp);
            }
            return Err(e);
        }
        staged.push((temp, *target));
    }
    for (temp, target) in &staged {
        std::fs::rename(temp, target)
            .with_context(|| format!("{}: cannot replace", target.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vendored bytes are what the manifest says they are.
    #[test]
    fn provenance_matches_the_vendored_files() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let manifest = Manifest::load(&root).expect("manifest loads");
        let entries = manifest.entries().expect("entries");
        assert!(!entries.is_empty());
        for e in entries {
            let bytes = std::fs::read(root.join("schema").join(&e.file)).expect("vendored file");
            assert_eq!(
                sha256_hex(&bytes),
                e.sha256,
                "schema/{} no longer matches schema/manifest.toml: re-sync it with `cargo xtask sync-schema --write` instead of editing it",
                e.file
            );
            assert_eq!(e.commit.len(), 40);
        }
        for w in manifest.written().expect("written") {
            let bytes = std::fs::read(root.join("schema").join(&w.file)).expect("written file");
            assert_eq!(
                sha256_hex(&bytes),
                w.sha256,
                "schema/{}: changed without its sha256 in schema/manifest.toml's [[written]] entry",
                w.file
            );
            assert!(
                !w.sources.is_empty(),
                "{}: what was it written from?",
                w.file
            );
        }
    }

    /// build.rs generates what is in schema/; the manifest must account for
    /// exactly that.
    #[test]
    fn manifest_lists_exactly_the_vendored_schemas() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let manifest = Manifest::load(&root).expect("manifest");
        let listed: Vec<String> = manifest
            .entries()
            .expect("entries")
            .into_iter()
            .map(|e| e.file)
            .chain(
                manifest
                    .written()
                    .expect("written")
                    .into_iter()
                    .map(|w| w.file),
            )
            .collect();
        let on_disk = clerk_types_codegen::schema_files(
            std::fs::read_dir(root.join("schema"))
                .expect("schema dir")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()),
        );
        assert_eq!(clerk_types_codegen::schema_files(listed), on_disk);
    }

    #[test]
    fn upsert_updates_in_place_and_keeps_comments() {
        let mut m = Manifest {
            path: PathBuf::from("m.toml"),
            doc: "# keep me\n[[schema]]\nname = \"client\"\nfile = \"a\"\nrepository = \"r\"\npath = \"p\"\nref = \"main\"\ncommit = \"c\"\nsha256 = \"s\"\nsynced = \"d\"\n"
                .parse()
                .expect("toml"),
        };
        let mut e = m.entries().expect("entries")[0].clone();
        e.commit = "new".into();
        m.upsert(&e);
        e.name = "session".into();
        m.upsert(&e);
        let text = m.render();
        assert!(text.starts_with("# keep me\n"), "{text}");
        let entries = m.entries().expect("entries");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].commit, "new");
        assert_eq!(entries[1].name, "session");
    }

    #[test]
    fn sha_and_date() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(today().len(), 10);
    }
}
