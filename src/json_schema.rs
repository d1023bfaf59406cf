//! JSON Schemas of the generated types, for OpenAPI and JSON Schema tools
//! (aide, dropshot, okapi, ...): with the `schemars` feature every
//! generated type implements [`schemars::JsonSchema`].
//!
//! The schema of a type is its part of the vendored schema, normalized
//! (`nullable` as the `null` type), then widened exactly where decoding is
//! more lenient than the schema, so that it accepts every payload the type
//! decodes and is otherwise the vendored schema:
//!
//! - no `additionalProperties: false` (unknown members are kept);
//! - a required member that may be `null`, a single-value tag, or a name in
//!   `required` without a schema is not required (they decode absent);
//! - an open enum accepts any string, its known values listed
//!   (`anyOf: [{enum: [...]}, {type: string}]`);
//! - a `oneOf` is an `anyOf`; a discriminated union also accepts an object
//!   whose tag it does not know (its `Unknown` variant);
//! - `anyOf`s of required sets (a SAML connection's `domain` or `domains`)
//!   and string `format`s are gone (decoding does not check them).
//!
//! Each type's schema is inlined whole (no `$ref` between generated
//! types), as upstream's files are.

use serde_json::Value;

/// The JSON Schema of the root type of the enabled schema `name` (`client`,
/// `user`, ...), as a root document (with `$schema`); `None` when no
/// enabled schema has that name.
pub fn for_schema(name: &str) -> Option<schemars::Schema> {
    crate::root_json_schema(name)
}

/// A generated schema text as a [`schemars::Schema`]. The texts are
/// written by the build script from JSON values; should one not parse, the
/// schema says "anything" rather than panic.
#[doc(hidden)]
pub fn from_text(text: &str) -> schemars::Schema {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| schemars::Schema::try_from(v).ok())
        .unwrap_or_else(|| schemars::Schema::from(true))
}
