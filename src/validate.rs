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

/// The vendored Client schema after normalization, as embedded at build time.
pub const CLIENT_SCHEMA: &str = include_str!(concat!(env!("OUT_DIR"), "/clerk-client-schema.json"));

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

fn client_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        // Both are checked at build time and by this crate's tests, so a
        // failure here is a bug in this crate, not bad input.
        let schema: Value = serde_json::from_str(CLIENT_SCHEMA)
            .expect("embedded schema is JSON (checked by build.rs)");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("embedded schema compiles (checked by the tests)")
    })
}

/// Every violation of the Client schema in `document`, in document order;
/// empty when it conforms.
pub fn client(document: &Value) -> Vec<Violation> {
    let mut violations: Vec<Violation> = client_validator()
        .iter_errors(document)
        .map(|e| Violation {
            pointer: e.instance_path().to_string(),
            schema_pointer: e.schema_path().to_string(),
            message: e.to_string(),
        })
        .collect();
    violations.sort_by(|a, b| a.pointer.cmp(&b.pointer).then(a.message.cmp(&b.message)));
    violations.dedup();
    violations
}

/// Whether `document` conforms to the Client schema.
pub fn is_valid_client(document: &Value) -> bool {
    client_validator().is_valid(document)
}
