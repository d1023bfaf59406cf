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

/// At most this many bytes of an offending value appear in a
/// [`Violation`]'s message; a longer value is cut (at a character boundary)
/// and followed by `…` and its size.
pub const EXCERPT_BYTES: usize = 64;

/// `value` as JSON text of at most [`EXCERPT_BYTES`] bytes (plus the
/// ellipsis and the size), without ever writing all of a large value out.
pub fn excerpt(value: &Value) -> String {
    struct Bounded {
        head: Vec<u8>,
        total: usize,
    }
    impl std::io::Write for Bounded {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let room = (EXCERPT_BYTES + 4).saturating_sub(self.head.len());
            self.head.extend_from_slice(&buf[..buf.len().min(room)]);
            self.total += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Bounded {
        head: Vec::with_capacity(EXCERPT_BYTES + 4),
        total: 0,
    };
    // Writing JSON to this writer cannot fail.
    let _ = serde_json::to_writer(&mut out, value);
    if out.total <= EXCERPT_BYTES {
        return String::from_utf8_lossy(&out.head).into_owned();
    }
    out.head.truncate(EXCERPT_BYTES);
    let valid = match std::str::from_utf8(&out.head) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&out.head[..e.valid_up_to()]).unwrap_or_default(),
    };
    format!("{valid}… ({} bytes)", out.total)
}

/// The normalized schema `name` as embedded at build time.
pub fn schema_text(name: &str) -> Option<&'static str> {
    crate::NORMALIZED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// A schema compiled for validation, beside the document it was compiled
/// from (where a failing union's variants are named).
struct Compiled {
    name: &'static str,
    validator: jsonschema::Validator,
    schema: Value,
}

fn validator(name: &str) -> Option<&'static Compiled> {
    static VALIDATORS: OnceLock<Vec<Compiled>> = OnceLock::new();
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
                Compiled {
                    name,
                    validator,
                    schema,
                }
            })
            .collect()
    });
    all.iter().find(|c| c.name == name)
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
    let compiled = validator(name)?;
    let mut violations: Vec<Violation> = compiled
        .validator
        .iter_errors(document)
        .map(|e| Violation {
            pointer: e.instance_path().to_string(),
            schema_pointer: e.schema_path().to_string(),
            message: message(&e, &compiled.schema),
        })
        .collect();
    violations.sort_by(|a, b| a.pointer.cmp(&b.pointer).then(a.message.cmp(&b.message)));
    violations.dedup();
    Some(violations)
}

/// What is wrong, the offending value only as an excerpt: a megabyte
/// `status` must not make a megabyte log line (nor carry a user's data in
/// full). A value that fits no variant of a union also gets the variant it
/// comes closest to and that variant's first violation, which is what to
/// fix.
fn message(error: &jsonschema::ValidationError<'_>, schema: &Value) -> String {
    let own = error.masked_with(excerpt(error.instance())).to_string();
    let Some(fit) = closest(error, schema) else {
        return own;
    };
    let at = fit.violation.instance_path().to_string();
    let at = if at.is_empty() { "/" } else { at.as_str() };
    let more = match fit.violations {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    format!(
        "{own}; closest is variant {}, which fails at {at}: {}{more}",
        fit.variant,
        fit.violation.masked_with(excerpt(fit.violation.instance()))
    )
}

/// The variant of a union a value comes closest to.
struct Fit<'e> {
    /// Its index and name (`1 (`object: "verification_otp"`)`).
    variant: String,
    /// Its first violation.
    violation: &'e jsonschema::ValidationError<'static>,
    /// How many it has.
    violations: usize,
}

/// The closest variant of the union `error` is about, if it is one: the
/// fewest violations, the first of equals (as the decoder's best fit), a
/// variant of another JSON type last; through a union nested in the
/// chosen variant (a nullable union is `null` or the union) to the
/// innermost.
fn closest<'e>(error: &'e jsonschema::ValidationError<'_>, schema: &Value) -> Option<Fit<'e>> {
    use jsonschema::error::ValidationErrorKind;
    let variants = match error.kind() {
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            context
        }
        _ => return None,
    };
    let at = error.instance_path();
    let other_type = |errors: &[jsonschema::ValidationError<'static>]| {
        errors.iter().all(|e| {
            matches!(e.kind(), ValidationErrorKind::Type { .. }) && e.instance_path() == at
        })
    };
    let (index, errors) = variants
        .iter()
        .enumerate()
        .filter(|(_, errors)| !errors.is_empty())
        .min_by_key(|(_, errors)| (other_type(errors), errors.len()))?;
    if let [only] = errors.as_slice() {
        if only.instance_path() == at {
            if let Some(inner) = closest(only, schema) {
                return Some(inner);
            }
        }
    }
    let name = schema
        .pointer(&format!("{}/{index}", error.schema_path()))
        .and_then(variant_name)
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    Some(Fit {
        variant: format!("{index}{name}"),
        violation: &errors[0],
        violations: errors.len(),
    })
}

/// How a union's variant names itself: its Speakeasy name, its title, or
/// the value of its `object` tag.
fn variant_name(variant: &Value) -> Option<String> {
    let named = ["x-speakeasy-name-override", "title"]
        .iter()
        .find_map(|key| variant.get(*key)?.as_str());
    if let Some(name) = named {
        return Some(format!(
            "`{}`",
            excerpt(&Value::from(name)).trim_matches('"')
        ));
    }
    let tag = variant.pointer("/properties/object")?;
    let value = tag
        .get("const")
        .or_else(|| tag.get("enum")?.as_array()?.first())?;
    Some(format!("`object: {}`", excerpt(value)))
}

/// Whether `document` conforms to the Client schema.
#[cfg(feature = "client")]
pub fn is_valid_client(document: &Value) -> bool {
    validator("client").is_some_and(|c| c.validator.is_valid(document))
}
