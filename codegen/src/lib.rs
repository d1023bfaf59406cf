//! The generator behind `clerk-types`, shared by its `build.rs` and its
//! `xtask`.
//!
//! The pipeline, one module a stage:
//!
//! 1. [`parse`]: the vendored bytes, as JSON (errors with line and column);
//! 2. [`naming`]: a stable Rust name on every type-bearing node;
//! 3. [`normalize`]: Clerk's OpenAPI habits (`nullable`) as plain JSON Schema;
//! 4. [`mod@typify`]: typify makes Rust tokens of it;
//! 5. [`polish`]: lenient decoding, open enums, `#[non_exhaustive]`, tidy docs;
//! 6. prettyplease formats the result, which `build.rs` writes to `OUT_DIR`.
//!
//! The strict validator of `clerk-types` starts from the same [`normalize`].

#![warn(missing_docs)]

pub mod naming;
pub mod normalize;
pub mod polish;
pub mod typify;
pub mod walk;

use serde_json::Value;

/// Why a schema could not be turned into Rust.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file is not JSON.
    #[error("{file}:{line}:{column}: not valid JSON: {message}. The vendored schema must be the exact upstream bytes: restore it (git checkout) or re-sync it (cargo xtask sync-schema --write)")]
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
    /// The naming table names nodes the schema no longer has.
    #[error("{file}: the naming table names nodes this schema does not have: {}. Upstream moved or renamed them; update codegen/src/naming.rs so the public Rust names stay as they are", list_stale(.stale))]
    StaleNames {
        /// The schema file.
        file: String,
        /// The rows that matched nothing.
        stale: Vec<naming::StaleEntry>,
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

fn list_stale(stale: &[naming::StaleEntry]) -> String {
    stale
        .iter()
        .map(|s| format!("`{}` at \"{}\"", s.name, s.pointer))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The result of generating one schema.
#[derive(Clone)]
pub struct Generated {
    /// The polished syntax tree.
    pub file: syn::File,
    /// The types that were named, with where they come from.
    pub names: Vec<naming::NamedNode>,
    /// Whether the code needs the `regress` crate (schemas with `pattern`).
    pub uses_regress: bool,
}

impl Generated {
    /// The code as formatted Rust source.
    pub fn source(&self) -> String {
        prettyplease::unparse(&self.file)
    }
}

/// Parses schema bytes as JSON; `file` only labels errors.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Value, Error> {
    serde_json::from_slice(bytes).map_err(|e| Error::Json {
        file: file.to_owned(),
        line: e.line(),
        column: e.column(),
        message: without_position(&e),
    })
}

/// serde_json's message without its own " at line L column C" suffix, which
/// the error already shows as `file:line:column`.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// The schema as plain JSON Schema ([`normalize`] over the parsed bytes):
/// what strict validation checks against.
pub fn normalized(file: &str, bytes: &[u8]) -> Result<Value, Error> {
    Ok(normalize::normalize(&parse(file, bytes)?))
}

/// Runs the whole pipeline over one schema file's bytes. `file` is its path
/// (for messages); its name picks the naming table rows (`clerk-client-schema.json`
/// -> `client`).
pub fn generate(file: &str, bytes: &[u8]) -> Result<Generated, Error> {
    generate_with_table(file, bytes, naming::TABLE)
}

/// [`generate`] with another naming table, for tests and for tools that
/// compare schemas.
pub fn generate_with_table(
    file: &str,
    bytes: &[u8],
    table: &[naming::TableEntry],
) -> Result<Generated, Error> {
    let mut schema = parse(file, bytes)?;
    if !schema.is_object() {
        return Err(Error::Generate {
            file: file.to_owned(),
            message: "the top level is not a JSON object, so it is no schema".to_owned(),
        });
    }
    let key = naming::schema_key(file);
    let names = naming::assign(&key, &mut schema, table).map_err(|stale| Error::StaleNames {
        file: file.to_owned(),
        stale,
    })?;
    let schema = normalize::normalize(&schema);
    let generate_error = |message: String| Error::Generate {
        file: file.to_owned(),
        message,
    };
    let out = typify::run(schema).map_err(generate_error)?;
    let mut syntax: syn::File = syn::parse2(out.tokens)
        .map_err(|e| generate_error(format!("typify's output is not Rust: {e}")))?;
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let cx = polish::Context {
        origins: names
            .iter()
            .map(|n| {
                let at = if n.pointer.is_empty() {
                    "the root".to_owned()
                } else {
                    format!("`{}`", n.pointer)
                };
                (n.name.clone(), format!("Generated from {at} of `{base}`."))
            })
            .collect(),
        open_enums: Default::default(),
    };
    polish::polish(&mut syntax, &cx);
    Ok(Generated {
        file: syntax,
        names,
        uses_regress: out.uses_regress,
    })
}
