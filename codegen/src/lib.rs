//! The generator behind `clerk-types`, shared by its `build.rs` and its
//! `xtask`. See `ARCHITECTURE.md` for the map.
//!
//! The pipeline, one folder a stage, declared below in this order:
//!
//! 1. [`parse`]: the vendored bytes, as JSON (errors with line and column),
//!    checked by [`passes::support`]; then, across the whole set,
//!    [`passes::restore`] fills upstream's cut nodes from uncut copies and
//!    [`passes::collapse`] unwraps one-member wrappers ([`restored_set`]);
//! 2. [`naming`]: a Rust name on every type-bearing node, from the names
//!    file ([`naming::names`]) or derived, cased by [`case`];
//! 3. [`passes::normalize`]: Clerk's OpenAPI habits (`nullable`) as plain
//!    JSON Schema;
//! 4. [`passes::prepare`]: generation-only rewrites (lenient strings, union
//!    members and shared types moved to `$defs`);
//! 5. [`mod@typify`]: typify makes Rust tokens, and reports what it made
//!    (as [`rust_type`]s);
//! 6. [`model`]: the typed facts of the API, where every policy is decided;
//! 7. [`render`]: the public API, from the model (and [`json_schema`], the
//!    `schemars` impls; [`webhooks`], the events over the generated types);
//! 8. prettyplease formats the result.
//!
//! [`vendored`] is the one entry point for the vendored set (build.rs, the
//! xtask and the tests use it); `compat` (feature `maintainer`) compares
//! two models for `cargo xtask sync-schema`. The strict validator of
//! `clerk-types` starts from the same [`passes::normalize`].

#![warn(missing_docs)]

// In the pipeline's order; each folder's `mod.rs` says what goes in and
// what comes out.
#[cfg(feature = "api")]
pub mod api;
#[cfg(feature = "maintainer")]
pub mod compat;
#[cfg(feature = "json-schema")]
pub mod json_schema;
pub mod model;
pub mod naming;
pub mod passes;
pub mod render;
pub mod rust_type;
pub mod typify;
pub mod vendored;
#[cfg(feature = "webhooks")]
pub mod webhooks;
// Leaves, used by every stage.
pub mod case;
pub mod refusal;
pub mod walk;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

pub use naming::names::Names;
pub use passes::aliases::Aliases;

/// Why a schema could not be turned into Rust.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file is not JSON.
    #[error("{file}:{line}:{column}: not valid JSON: {message}")]
    Json {
        /// The schema file.
        file: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What serde_json said.
        message: String,
    },
    /// The names file is not what it should be.
    #[error(transparent)]
    Names(#[from] naming::names::NamesError),
    /// A file of the vendored set could not be read.
    #[error("{file}: cannot read: {message}")]
    Read {
        /// The file.
        file: String,
        /// What the system said.
        message: String,
    },
    /// The schema is outside what the generator accepts.
    #[error("{file}: {pointer}: {message}")]
    Unsupported {
        /// The schema file.
        file: String,
        /// JSON pointer of the node.
        pointer: String,
        /// What is there, and what is accepted instead.
        message: String,
    },
    /// typify could not make types of the schema.
    #[error("{file}: cannot generate Rust types: {message}")]
    Generate {
        /// The schema file.
        file: String,
        /// What went wrong.
        message: String,
    },
}

/// The result of generating one schema.
#[derive(Clone)]
pub struct Generated {
    /// The module key (`client` for `clerk-client-schema.json`).
    pub key: String,
    /// The rendered syntax tree.
    pub file: syn::File,
    /// The model the code was rendered from.
    pub model: model::Module,
}

impl Generated {
    /// The code as formatted Rust source.
    pub fn source(&self) -> String {
        prettyplease::unparse(&self.file)
    }

    /// The root type's name.
    pub fn root(&self) -> &str {
        &self.model.root
    }
}

/// One schema to generate: how messages name it, its file name (which
/// picks the module key and the names file's rows) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// How errors name it, e.g. `schema/clerk-client-schema.json`.
    pub file: &'a str,
    /// The file's own name, e.g. `clerk-client-schema.json`.
    pub name: &'a str,
    /// Its exact bytes.
    pub bytes: &'a [u8],
}

pub use vendored::schema_files;

/// Parses schema bytes as JSON; `file` only labels errors.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Value, Error> {
    parse_as(file, bytes)
}

/// Reads `bytes` as a `T` (a schema, a catalog); `file` labels errors,
/// with line and column.
pub(crate) fn parse_as<T: serde::de::DeserializeOwned>(
    file: &str,
    bytes: &[u8],
) -> Result<T, Error> {
    serde_json::from_slice(bytes).map_err(|e| Error::Json {
        file: file.to_owned(),
        line: e.line(),
        column: e.column(),
        message: without_position(&e),
    })
}

/// A vendored catalog's text: pretty JSON, keys sorted, a final newline.
#[cfg(any(feature = "webhooks", feature = "api"))]
pub(crate) fn catalog_text<T: serde::Serialize>(catalog: &T) -> String {
    let mut text = serde_json::to_string_pretty(catalog).unwrap_or_default();
    text.push('\n');
    text
}

/// serde_json's message without its own " at line L column C" suffix, which
/// the error already shows as `file:line:column`.
pub(crate) fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// The schema as plain JSON Schema ([`passes::normalize`] over the parsed bytes):
/// what strict validation checks against.
pub fn normalized(file: &str, bytes: &[u8]) -> Result<Value, Error> {
    Ok(passes::normalize::normalize(&parse(file, bytes)?))
}

/// Runs the whole pipeline over one schema file's bytes.
pub fn generate(file: &str, bytes: &[u8], names: &Names) -> Result<Generated, Error> {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let mut all = generate_all(&[Input { file, name, bytes }], names)?;
    all.pop().ok_or_else(|| Error::Generate {
        file: file.to_owned(),
        message: "nothing generated".to_owned(),
    })
}

/// Runs the pipeline over several schemas, in order. A subschema identical
/// to one already generated (in an earlier schema, or earlier in the same
/// one) is not generated again: the later module uses, and re-exports, the
/// earlier type.
pub fn generate_all(inputs: &[Input<'_>], names: &Names) -> Result<Vec<Generated>, Error> {
    let set = restored_set(inputs)?;
    let ids = model::ids::Ids::of_set(&set, names);
    generate_selected(inputs, set, names, &ids, |_| true)
}

/// Every input parsed, checked against what the generator accepts
/// ([`passes::support`]), and with upstream's cut nodes filled where the set itself
/// says what was cut ([`passes::restore`]) and one-member wrappers unwrapped
/// ([`passes::collapse`]): the documents names are pinned to, and what naming and
/// strict validation start from. `(module key, schema)` per input, in order.
pub fn restored_set(inputs: &[Input<'_>]) -> Result<Vec<(String, Value)>, Error> {
    let mut set = Vec::with_capacity(inputs.len());
    for input in inputs {
        let file = input.file;
        let schema = parse(file, input.bytes)?;
        if !schema.is_object() {
            return Err(Error::Generate {
                file: file.to_owned(),
                message: "the top level is not a JSON object, so it is no schema".to_owned(),
            });
        }
        check_support(input, &schema)?;
        let key = naming::schema_key(input.name);
        if let Some(problem) = case::module_key_problem(&key) {
            return Err(Error::Generate {
                file: file.to_owned(),
                message: format!("{problem}; the file name `clerk-KEY-schema.json` gives the module its name: rename the file"),
            });
        }
        set.push((key, schema));
    }
    let restored = passes::restore::restore(&mut set).len();
    let unwrapped: usize = set
        .iter_mut()
        .map(|(_, s)| passes::collapse::collapse(s))
        .sum();
    if restored + unwrapped == 0 {
        return Ok(set);
    }
    // Filled holes add nodes: the limits hold for the result too.
    for (input, (_, schema)) in inputs.iter().zip(&set) {
        check_support(input, schema)?;
    }
    Ok(set)
}

fn check_support(input: &Input<'_>, schema: &Value) -> Result<(), Error> {
    passes::support::check(schema, input.bytes.len()).map_err(|r| Error::Unsupported {
        file: input.file.to_owned(),
        pointer: r.pointer,
        message: r.message,
    })
}

/// Runs the pipeline over the schemas of `set` (from [`restored_set`] over
/// `inputs`) whose module key `selected` accepts, sharing types among them.
/// The others only lent their nodes to [`passes::restore`], so a type is the same
/// whichever schemas are selected; `ids` are the whole set's kinds of id
/// ([`model::ids::Ids::of_set`]), for the same reason.
pub fn generate_selected(
    inputs: &[Input<'_>],
    set: Vec<(String, Value)>,
    names: &Names,
    ids: &model::ids::Ids,
    selected: impl Fn(&str) -> bool,
) -> Result<Vec<Generated>, Error> {
    let mut chosen = Vec::new();
    let mut named = Vec::new();
    for (input, (key, mut schema)) in inputs.iter().zip(set) {
        if !selected(&key) {
            continue;
        }
        let naming = naming::assign(&key, &mut schema, names);
        if naming.named.len() > passes::support::MAX_TYPES {
            return Err(Error::Unsupported {
                file: input.file.to_owned(),
                pointer: "/".to_owned(),
                message: format!(
                    "{} types; the generator accepts at most {} per schema",
                    naming.named.len(),
                    passes::support::MAX_TYPES
                ),
            });
        }
        chosen.push(input);
        named.push((key, schema, naming));
    }
    let sharing = share(&named);
    let mut typified = Vec::with_capacity(chosen.len());
    for (input, (key, schema, naming)) in chosen.into_iter().zip(named) {
        let (hoist, replace) = sharing.get(&key).cloned().unwrap_or_default();
        typified.push(model_one(
            input, key, schema, &naming, ids, &hoist, &replace,
        )?);
    }
    // Tags and empty values are known across modules (a shared type lives
    // in one of them).
    let mut modules: Vec<&mut model::Module> = typified.iter_mut().map(|(_, m)| m).collect();
    model::mark_set(&mut modules);
    typified
        .into_iter()
        .map(|(mut file, module)| {
            render::render(&mut file, &module);
            Ok(Generated {
                key: module.key.clone(),
                file,
                model: module,
            })
        })
        .collect()
}

/// Per module: the named nodes to generate as definitions (every member of
/// a group of identical subschemas), and those of them to replace by the
/// group's first member (name -> Rust path).
type Sharing = BTreeMap<String, (BTreeSet<String>, BTreeMap<String, String>)>;

fn share(named: &[(String, Value, naming::Naming)]) -> Sharing {
    let mut groups: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
    for (key, schema, naming) in named {
        for node in &naming.named {
            if is_merged_part(schema, &node.pointer) {
                continue;
            }
            if let Some(subschema) = schema.pointer(&node.pointer) {
                groups
                    .entry(canonical(subschema))
                    .or_default()
                    .push((key, &node.name));
            }
        }
    }
    let mut sharing = Sharing::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let (owner_key, owner_name) = members[0];
        for (i, (key, name)) in members.iter().enumerate() {
            let entry = sharing.entry((*key).to_owned()).or_default();
            entry.0.insert((*name).to_owned());
            // A copy pinned under the owner's own name in the owner's module
            // is the owner's definition, met twice.
            if i > 0 && (*key, *name) != (owner_key, owner_name) {
                // Absolute, so that it resolves inside `mod builder` too.
                let path = format!("crate::{owner_key}::{owner_name}");
                entry.1.insert((*name).to_owned(), path);
            }
        }
    }
    sharing
}

/// Whether the node at `pointer` is one part of an `allOf` of several,
/// which typify merges into the type of the `allOf` itself: never a type of
/// its own, so never shared. (Shared, it became a reference that typify
/// kept as a type only when the schema owning it was generated too, and the
/// public names of a schema then depended on which others were enabled:
/// `OAuthApplicationWithSecret` is `OAuthApplication` `allOf` its secret.)
/// The member of a one-member `allOf`, a wrapper, is the type and is shared.
fn is_merged_part(schema: &Value, pointer: &str) -> bool {
    let Some((parent, index)) = pointer.rsplit_once('/') else {
        return false;
    };
    let Some(all_of) = parent.strip_suffix("/allOf") else {
        return false;
    };
    index.parse::<usize>().is_ok()
        && schema
            .pointer(&format!("{all_of}/allOf"))
            .and_then(Value::as_array)
            .is_some_and(|members| members.len() > 1)
}

/// A node's identity for sharing: the subschema without the names this
/// crate gave it and without the annotations a schema's root carries.
pub fn canonical(node: &Value) -> String {
    let mut node = node.clone();
    if let Some(obj) = node.as_object_mut() {
        // Nullability belongs to the place a type is used, not to the type.
        for key in ["description", "$schema", "$id", "$comment", "nullable"] {
            obj.remove(key);
        }
    }
    walk::walk_mut(&mut node, &mut |_, n| {
        if let Some(obj) = n.as_object_mut() {
            obj.remove("title");
        }
    });
    node.to_string()
}

/// Normalizes, prepares and typifies one named schema, and builds its
/// model: typify's syntax tree, not yet rendered, and the model.
fn model_one(
    input: &Input<'_>,
    key: String,
    schema: Value,
    naming: &naming::Naming,
    ids: &model::ids::Ids,
    hoist: &BTreeSet<String>,
    shared: &BTreeMap<String, String>,
) -> Result<(syn::File, model::Module), Error> {
    let generate_error = |message: String| Error::Generate {
        file: input.file.to_owned(),
        message,
    };
    let normalized = passes::normalize::normalize(&schema);
    let mut prepared = normalized.clone();
    let mut replace = passes::ids::type_ids(&mut prepared, ids);
    passes::prepare::prepare(&mut prepared, hoist);
    replace.extend(shared.iter().map(|(k, v)| (k.clone(), v.clone())));
    let typified = typify::run(prepared, &replace).map_err(generate_error)?;
    let syntax: syn::File = syn::parse2(typified.tokens.clone())
        .map_err(|e| generate_error(format!("typify's output is not Rust: {e}")))?;
    let module = model::build(&key, input.name, naming, &normalized, &typified, shared).map_err(
        |refusal| Error::Unsupported {
            file: input.file.to_owned(),
            pointer: refusal.pointer,
            message: refusal.message,
        },
    )?;
    Ok((syntax, module))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// The parts of an `allOf` of several are merged, never shared; the
    /// member of a one-member `allOf` (a wrapper) is a type and is shared.
    #[test]
    fn only_a_wrapper_s_all_of_member_is_shared() {
        let schema = json!({
            "allOf": [{"type": "object"}, {"type": "object"}],
            "properties": {"v": {"allOf": [{"type": "object"}]}}
        });
        assert!(super::is_merged_part(&schema, "/allOf/0"));
        assert!(super::is_merged_part(&schema, "/allOf/1"));
        assert!(!super::is_merged_part(&schema, "/properties/v/allOf/0"));
        assert!(!super::is_merged_part(&schema, "/properties/v"));
    }
}
