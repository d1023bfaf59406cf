//! Strict validation against the vendored schema, as its authors meant it.
//!
//! Decoding is lenient on purpose (see the crate docs). This is the other
//! side: does a payload conform to the schema this crate vendored?
//! `nullable` is read as JSON Schema's `null` type, `additionalProperties:
//! false` is enforced, and so are `required`, `enum`, `type` and `format`.
//! The schema is the vendored file, normalized at build time by the same
//! code the generator uses, and compiled once, on first use.

use std::sync::OnceLock;

use serde_json::Value;

/// One way a document breaks the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Where in the document, as a JSON pointer (`/sessions/0/status`; empty
    /// for the document itself).
    pub pointer: String,
    /// Which schema keyword failed, as a JSON pointer into the schema.
    pub schema_pointer: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {}", self.message)
    }
}

/// The normalized schema `name` as embedded at build time.
pub fn schema_text(name: &str) -> Option<&'static str> {
    crate::NORMALIZED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

fn validator(name: &str) -> Option<&'static jsonschema::Validator> {
    static VALIDATORS: OnceLock<Vec<(&'static str, jsonschema::Validator)>> = OnceLock::new();
    let all = VALIDATORS.get_or_init(|| {
        crate::NORMALIZED
            .iter()
            .map(|(name, text)| {
                // Both are checked at build time and by this crate's tests,
                // so a failure here is a bug in this crate, not bad input.
                let schema: Value = serde_json::from_str(text)
                    .expect("embedded schema is JSON (written by build.rs)");
                let validator = jsonschema::options()
                    .should_validate_formats(true)
                    .build(&schema)
                    .expect("embedded schema compiles (checked by the tests)");
                (*name, validator)
            })
            .collect()
    });
    all.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// Every violation of the Client schema in `document`, in document order;
/// empty when it conforms.
#[cfg(feature = "client")]
pub fn client(document: &Value) -> Vec<Violation> {
    schema("client", document).unwrap_or_default()
}

/// Every violation of the enabled schema `name` (`client`, `session`, ...)
/// in `document`, in document order; `None` when no enabled schema has
/// that name (see [`crate::SCHEMAS`]).
pub fn schema(name: &str, document: &Value) -> Option<Vec<Violation>> {
    let mut violations: Vec<Violation> = validator(name)?
        .iter_errors(document)
        .map(|e| Violation {
            pointer: e.instance_path().to_string(),
            schema_pointer: e.schema_path().to_string(),
            message: e.to_string(),
        })
        .collect();
    violations.sort_by(|a, b| a.pointer.cmp(&b.pointer).then(a.message.cmp(&b.message)));
    violations.dedup();
    Some(violations)
}

/// Whether `document` conforms to the Client schema.
#[cfg(feature = "client")]
pub fn is_valid_client(document: &Value) -> bool {
    validator("client").is_some_and(|v| v.is_valid(document))
}
