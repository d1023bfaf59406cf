//! The names file (`schema/names.json`): the Rust name pinned to every
//! type-bearing node of every vendored schema.
//!
//! typify would name a type after its JSON path, so an upstream rename of a
//! property would silently rename a public Rust type. Here names are data:
//! a row per node, keyed by the schema and the node's JSON pointer in the
//! *upstream* document, written by `cargo xtask sync-schema` when a type
//! first appears and never changed by a build. A row whose node is gone
//! does not fail the build (the type is simply not generated); `sync-schema`
//! reports it as a removal or a move before the new schema lands.
//!
//! ```json
//! {
//!   "client": {
//!     "": "Client",
//!     "/properties/sessions/items": {"name": "Session", "why": "Clerk's own object name"}
//!   }
//! }
//! ```

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// One pinned name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    /// The schema's key (`client` for `clerk-client-schema.json`).
    pub schema: String,
    /// JSON pointer of the node in the upstream schema (`""` is the root).
    pub pointer: String,
    /// The Rust type name.
    pub name: String,
    /// Why this name, when it is not the obvious one.
    pub why: Option<String>,
}

/// Every pinned name, by schema and pointer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pins: BTreeMap<String, BTreeMap<String, Pin>>,
}

/// Why a names file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct NamesError {
    /// The names file.
    pub file: String,
    /// What is wrong, and where.
    pub message: String,
}

impl Names {
    /// No names pinned: every type gets a name derived from its path.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Names pinned for one schema, from `(pointer, name)` rows.
    pub fn from_rows(schema: &str, rows: &[(&str, &str)]) -> Self {
        let mut names = Names::default();
        for (pointer, name) in rows {
            names.pin(Pin {
                schema: schema.to_owned(),
                pointer: (*pointer).to_owned(),
                name: (*name).to_owned(),
                why: None,
            });
        }
        names
    }

    /// Reads a names file; `file` labels errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, NamesError> {
        let error = |message: String| NamesError {
            file: file.to_owned(),
            message,
        };
        let value: Value = serde_json::from_str(text).map_err(|e| {
            error(format!(
                "line {} column {}: not valid JSON: {e}",
                e.line(),
                e.column()
            ))
        })?;
        let Value::Object(schemas) = value else {
            return Err(error(
                "expected an object of schemas, each an object of pointer -> name".into(),
            ));
        };
        let mut names = Names::default();
        for (schema, rows) in schemas {
            let Value::Object(rows) = rows else {
                return Err(error(format!(
                    "/{schema}: expected an object of pointer -> name"
                )));
            };
            for (pointer, row) in rows {
                let (name, why) = match &row {
                    Value::String(name) => (name.clone(), None),
                    Value::Object(o) => (
                        o.get("name")
                            .and_then(Value::as_str)
                            .map(str::to_owned)
                            .ok_or_else(|| {
                                error(format!("/{schema}/{pointer}: the row has no \"name\""))
                            })?,
                        o.get("why").and_then(Value::as_str).map(str::to_owned),
                    ),
                    _ => {
                        return Err(error(format!(
                        "/{schema}/{pointer}: expected a name or {{\"name\": ..., \"why\": ...}}"
                    )))
                    }
                };
                if !crate::case::is_type_name(&name) {
                    return Err(error(format!(
                        "/{schema}/{pointer}: `{name}` is not a Rust type name in UpperCamelCase"
                    )));
                }
                names.pin(Pin {
                    schema: schema.clone(),
                    pointer,
                    name,
                    why,
                });
            }
        }
        Ok(names)
    }

    /// The file's text: stable, sorted, one row a line.
    pub fn render(&self) -> String {
        let mut top = Map::new();
        for (schema, rows) in &self.pins {
            let mut out = Map::new();
            for (pointer, pin) in rows {
                let row = match &pin.why {
                    None => Value::String(pin.name.clone()),
                    Some(why) => serde_json::json!({"name": pin.name, "why": why}),
                };
                out.insert(pointer.clone(), row);
            }
            top.insert(schema.clone(), Value::Object(out));
        }
        let mut text = serde_json::to_string_pretty(&Value::Object(top)).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The rows of one schema.
    pub fn of(&self, schema: &str) -> impl Iterator<Item = &Pin> {
        self.pins
            .get(schema)
            .into_iter()
            .flat_map(|rows| rows.values())
    }

    /// The row at `pointer` of `schema`, if any.
    pub fn get(&self, schema: &str, pointer: &str) -> Option<&Pin> {
        self.pins.get(schema)?.get(pointer)
    }

    /// Pins a name (replacing the row at the same place).
    pub fn pin(&mut self, pin: Pin) {
        self.pins
            .entry(pin.schema.clone())
            .or_default()
            .insert(pin.pointer.clone(), pin);
    }

    /// Removes the row at `pointer` of `schema`, returning it.
    pub fn unpin(&mut self, schema: &str, pointer: &str) -> Option<Pin> {
        let rows = self.pins.get_mut(schema)?;
        let pin = rows.remove(pointer);
        if rows.is_empty() {
            self.pins.remove(schema);
        }
        pin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_rows() {
        let text = r#"{"client": {"": "Client", "/properties/sessions/items": {"name": "Session", "why": "Clerk's name"}}}"#;
        let names = Names::parse("names.json", text).expect("valid");
        assert_eq!(
            names.get("client", "").map(|p| p.name.as_str()),
            Some("Client")
        );
        let again = Names::parse("names.json", &names.render()).expect("round trip");
        assert_eq!(again, names);
        assert!(names.render().contains("\"why\": \"Clerk's name\""));
    }

    #[test]
    fn refuses_what_is_not_a_type_name() {
        for bad in [
            r#"{"client": {"": "client"}}"#,
            r#"{"client": {"": 3}}"#,
            "[]",
            "{",
        ] {
            let e = Names::parse("schema/names.json", bad).expect_err(bad);
            assert!(e.to_string().starts_with("schema/names.json: "), "{e}");
        }
    }
}
