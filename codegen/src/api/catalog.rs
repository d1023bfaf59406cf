//! The operations catalog (`schema/bapi/operations.json`): every operation
//! of Clerk's Backend API as the generator reads it, derived by the xtask
//! from the vendored `bapi/<version>.yml` (the build never reads YAML).
//!
//! The catalog is the spec with its indirections resolved and nothing
//! decided: each operation's parameters (a `$ref` to a shared parameter
//! replaced by it), its request body, its success response (the first 2xx
//! the spec lists, a shared response resolved) and the statuses it lists
//! for errors; the schemas stay as the spec writes them, `$ref`s to
//! `components.schemas` kept, and every component they reach is copied
//! beside them. One thing is named rather than copied: an object the spec
//! writes inline as an answer (Clerk's API keys, M2M tokens, deletion
//! receipts) becomes a component of its own (`answers`), so that it can be
//! vendored and typed like any other object. What Rust each becomes is the generator's decision
//! ([`super::model`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Error;

/// The catalog: the server, every operation by `operationId`, and the
/// component schemas they reach.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The API version the spec file is (`2026-05-12`): what the
    /// `Clerk-API-Version` header says.
    pub version: String,
    /// The spec's first server (`https://api.clerk.com/v1`).
    pub server: String,
    /// By `operationId`, as the spec spells it.
    pub operations: BTreeMap<String, Operation>,
    /// `components.schemas` entries the operations reach, by name, and
    /// the answers named by the rule (below) beside them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub components: BTreeMap<String, Value>,
    /// The objects the spec writes inline as an operation's answer (or
    /// the items of its list), named by the rule and moved to
    /// `components` (each operation's schema then refers to it): by name,
    /// the JSON pointers into the spec of every place it is written,
    /// in the operations' order. A vendored schema derived from an answer
    /// is derived from the first.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Vec<String>>,
}

/// One operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// The HTTP method, upper case (`GET`).
    pub method: String,
    /// The path template under the server (`/users/{user_id}`).
    pub path: String,
    /// The spec's summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The spec's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Marked deprecated by the spec.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// The spec's tags (`Users`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Path, query and header parameters, in the spec's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// The request body, if the operation takes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// The success response.
    pub success: Success,
    /// The error statuses the spec lists (`400`, `404`, `4XX`), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

/// One parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Its name as sent (`user_id`, `email_address`).
    pub name: String,
    /// Where it goes: `path`, `query` or `header`.
    #[serde(rename = "in")]
    pub location: String,
    /// Required by the spec (path parameters always are).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// `false` when an array is sent as one comma-separated value
    /// (`style: form, explode: false`); repeated otherwise.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub explode: bool,
    /// Marked deprecated by the spec.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// The spec's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its schema, as the spec writes it.
    #[serde(default = "empty_schema")]
    pub schema: Value,
}

/// A request body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Its media type: `application/json` or `multipart/form-data`.
    pub content: String,
    /// Required by the spec.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Its schema, as the spec writes it.
    #[serde(default = "empty_schema")]
    pub schema: Value,
}

/// The success response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Success {
    /// The status (`200`, `201`, `204`).
    pub status: u16,
    /// The spec's description of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The JSON body's schema; `None` when the response has no body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Value>,
}

fn yes() -> bool {
    true
}

fn empty_schema() -> Value {
    Value::Object(serde_json::Map::new())
}

/// The component a `$ref` names (`#/components/schemas/User` -> `User`).
pub fn component_of(reference: &str) -> Option<&str> {
    reference.strip_prefix("#/components/schemas/")
}

impl Catalog {
    /// Reads a catalog; `file` labels errors (with line and column).
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Catalog, Error> {
        crate::parse_as(file, bytes)
    }

    /// The catalog as vendored: pretty JSON, keys sorted, a final newline.
    pub fn render(&self) -> String {
        crate::catalog_text(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_with_a_position() {
        let text = r##"{"version": "2026-05-12", "server": "https://api.clerk.com/v1",
            "operations": {"GetUser": {"method": "GET", "path": "/users/{user_id}",
              "parameters": [{"name": "user_id", "in": "path", "required": true, "schema": {"type": "string"}}],
              "success": {"status": 200, "schema": {"$ref": "#/components/schemas/User"}}}}}"##;
        let catalog = Catalog::parse("o.json", text.as_bytes()).unwrap();
        assert!(catalog.operations["GetUser"].parameters[0].explode);
        assert_eq!(
            Catalog::parse("o.json", catalog.render().as_bytes()).unwrap(),
            catalog
        );
        let e = Catalog::parse(
            "o.json",
            br#"{"version": "x", "server": "y", "operations": {"A": {"methd": "GET"}}}"#,
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("o.json:1:"), "{e}");
        assert!(e.to_string().contains("methd"), "{e}");
        assert_eq!(component_of("#/components/schemas/User"), Some("User"));
        assert_eq!(component_of("#/components/parameters/X"), None);
    }
}
