//! The vendored set: every `schema/clerk-*-schema.json` and the names file,
//! generated together. The one entry point that `build.rs`, every xtask
//! command and the tests use, so that they all generate the same thing.
//!
//! [`load`] is the only function of this crate that does I/O (it reads
//! `schema/`); every stage below it works on bytes and values.

use std::path::Path;

use serde_json::Value;

use crate::render::index;
use crate::{Aliases, Error, Generated, Input, Names};

/// The names file, beside the schemas.
pub const NAMES_FILE: &str = "names.json";

/// The webhooks catalog, under the schema directory.
pub const CATALOG_FILE: &str = "webhooks/catalog.json";

/// The Backend API's operations catalog, under the schema directory.
pub const OPERATIONS_FILE: &str = "bapi/operations.json";

/// The Client schema, generated first (types it shares live in `client`).
pub const CLIENT_FILE: &str = "clerk-client-schema.json";

/// One schema of the set.
#[derive(Clone, Debug)]
pub struct Schema {
    /// The file's name (`clerk-client-schema.json`).
    pub file: String,
    /// How messages name it (`schema/clerk-client-schema.json`, or
    /// `upstream json-schema/... at 0123abcd` for bytes not vendored yet).
    pub label: String,
    /// Its exact bytes.
    pub bytes: Vec<u8>,
}

/// A set of schemas and the names pinned for them.
#[derive(Clone, Debug)]
pub struct Vendored {
    /// The schemas, in generation order.
    pub schemas: Vec<Schema>,
    /// The pinned names.
    pub names: Names,
    /// The webhooks catalog (`webhooks/catalog.json`), if vendored.
    pub catalog: Option<Schema>,
    /// The operations catalog (`bapi/operations.json`), if vendored.
    pub operations: Option<Schema>,
    /// The tag aliases (`aliases.json`), applied to every schema.
    pub aliases: Aliases,
}

/// What a set generates.
pub struct Set {
    /// Every kind of id of the whole vendored set (`crate::ids`), enabled
    /// or not.
    pub ids: crate::model::ids::Ids,
    /// One module per schema, in generation order.
    pub modules: Vec<Generated>,
    /// Each schema as strict validation reads it, by file name.
    pub normalized: Vec<(String, Value)>,
    /// Each generated schema as naming read it (restored, unwrapped), by
    /// module key: what the `schemars` impls are rendered from.
    pub documents: Vec<(String, Value)>,
    /// The schemas left out (their feature is off) and the names pinned
    /// for them, by module key: so that using one of those names says
    /// which feature brings it.
    pub left_out: Vec<(String, Vec<String>)>,
}

/// Reads the vendored set from `dir` (the crate's `schema/`). A missing
/// names file means no names are pinned.
pub fn load(dir: &Path) -> Result<Vendored, Error> {
    let label = |name: &str| format!("{}/{name}", dir.display());
    let read_error = |name: &str, e: std::io::Error| Error::Read {
        file: label(name),
        message: e.to_string(),
    };
    let entries = std::fs::read_dir(dir).map_err(|e| read_error("", e))?;
    let files = schema_files(
        entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned()),
    );
    let mut schemas = Vec::with_capacity(files.len());
    for file in files {
        let bytes = std::fs::read(dir.join(&file)).map_err(|e| read_error(&file, e))?;
        schemas.push(Schema {
            label: label(&file),
            file,
            bytes,
        });
    }
    let names = match std::fs::read_to_string(dir.join(NAMES_FILE)) {
        Ok(text) => Names::parse(&label(NAMES_FILE), &text)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Names::empty(),
        Err(e) => return Err(read_error(NAMES_FILE, e)),
    };
    let aliases = match std::fs::read_to_string(dir.join(crate::passes::aliases::FILE)) {
        Ok(text) => Aliases::parse(&label(crate::passes::aliases::FILE), &text)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Aliases::empty(),
        Err(e) => return Err(read_error(crate::passes::aliases::FILE, e)),
    };
    let optional = |name: &str| match std::fs::read(dir.join(name)) {
        Ok(bytes) => Ok(Some(Schema {
            file: name.to_owned(),
            label: label(name),
            bytes,
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(read_error(name, e)),
    };
    let catalog = optional(CATALOG_FILE)?;
    let operations = optional(OPERATIONS_FILE)?;
    Ok(Vendored {
        schemas,
        names,
        catalog,
        operations,
        aliases,
    })
}

impl Vendored {
    /// A set from schemas in memory, put in generation order.
    pub fn new(mut schemas: Vec<Schema>, names: Names) -> Self {
        schemas.sort_by_key(|s| order_key(&s.file));
        Vendored {
            schemas,
            names,
            catalog: None,
            operations: None,
            aliases: Aliases::empty(),
        }
    }

    /// The set with `aliases` (a new upstream set keeps the vendored
    /// set's aliases, so that a comparison sees only upstream's change).
    pub fn with_aliases(mut self, aliases: Aliases) -> Self {
        self.aliases = aliases;
        self
    }

    /// The webhook events (`EventData` and the types it needs) over the
    /// modules of `set`, as Rust source; `None` without a catalog.
    #[cfg(feature = "webhooks")]
    pub fn events(&self, set: &Set) -> Result<Option<String>, Error> {
        let Some(catalog) = &self.catalog else {
            return Ok(None);
        };
        let parsed = crate::webhooks::Catalog::parse(&catalog.label, &catalog.bytes)?;
        crate::webhooks::render::render(&catalog.label, &parsed, &set.modules).map(Some)
    }

    /// The Backend API's request types over the modules of `set`, as Rust
    /// source; `None` without an operations catalog.
    #[cfg(feature = "api")]
    pub fn operations(&self, set: &Set) -> Result<Option<String>, Error> {
        let Some(catalog) = &self.operations else {
            return Ok(None);
        };
        let parsed = crate::api::catalog::Catalog::parse(&catalog.label, &catalog.bytes)?;
        crate::api::render::render(&catalog.label, &parsed, &set.modules, &set.ids).map(Some)
    }

    /// The schema with module key `key`.
    pub fn schema(&self, key: &str) -> Option<&Schema> {
        self.schemas
            .iter()
            .find(|s| crate::naming::schema_key(&s.file) == key)
    }

    /// Generates every schema, with sharing, and normalizes each for
    /// validation.
    pub fn generate(&self) -> Result<Set, Error> {
        self.generate_only(|_| true)
    }

    /// Generates the schemas whose module key `selected` accepts (build.rs:
    /// the enabled features), with sharing among them, and normalizes each
    /// for validation. Every schema of the set is read and checked, and
    /// fills upstream's cut nodes in the others ([`crate::passes::restore`]), so a
    /// type is the same whichever schemas are selected.
    pub fn generate_only(&self, selected: impl Fn(&str) -> bool) -> Result<Set, Error> {
        let inputs = self.inputs();
        let restored = self.restored()?;
        let normalized = self
            .schemas
            .iter()
            .zip(&restored)
            .filter(|(_, (key, _))| selected(key))
            .map(|(s, (_, schema))| (s.file.clone(), crate::passes::normalize::normalize(schema)))
            .collect();
        let documents = restored
            .iter()
            .filter(|(key, _)| selected(key))
            .cloned()
            .collect();
        let left_out = self
            .schemas
            .iter()
            .map(|s| crate::naming::schema_key(&s.file))
            .filter(|key| !selected(key))
            .map(|key| {
                let names = self.names.of(&key).map(|pin| pin.name.clone()).collect();
                (key, names)
            })
            .collect();
        let ids = crate::model::ids::Ids::of_set(&restored, &self.names);
        let modules = crate::generate_selected(&inputs, restored, &self.names, &ids, &selected)?;
        Ok(Set {
            modules,
            ids,
            normalized,
            documents,
            left_out,
        })
    }

    /// Each schema as naming and validation start from: parsed, checked,
    /// and with upstream's cut nodes restored. `(module key, schema)`.
    /// The tag aliases are in (`crate::passes::aliases`).
    pub fn restored(&self) -> Result<Vec<(String, Value)>, Error> {
        let mut set = crate::restored_set(&self.inputs())?;
        for (_, doc) in &mut set {
            self.aliases.apply(doc);
        }
        Ok(set)
    }

    fn inputs(&self) -> Vec<Input<'_>> {
        self.schemas
            .iter()
            .map(|s| Input {
                file: &s.label,
                name: &s.file,
                bytes: &s.bytes,
            })
            .collect()
    }
}

impl Set {
    /// The module with key `key`.
    pub fn module(&self, key: &str) -> Option<&Generated> {
        self.modules.iter().find(|m| m.key == key)
    }

    /// The crate-level index (`schemas.rs`) for these modules.
    pub fn index(&self) -> String {
        index::index(&self.modules, &self.left_out)
    }

    /// The source of `crate::ids` (`ids.rs` in `OUT_DIR`): every kind of id
    /// of the whole set.
    pub fn ids_source(&self) -> String {
        crate::render::ids::ids(&self.ids)
    }
}

/// The vendored schema files among `names`, in generation order: the Client
/// schema first, then by name.
pub fn schema_files(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut files: Vec<String> = names
        .into_iter()
        .filter(|n| n.starts_with("clerk-") && n.ends_with("-schema.json"))
        .collect();
    files.sort_by_key(|n| order_key(n));
    files
}

fn order_key(file: &str) -> (bool, String) {
    (file != CLIENT_FILE, file.to_owned())
}
