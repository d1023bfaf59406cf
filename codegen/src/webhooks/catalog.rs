//! The webhooks catalog (`schema/webhooks/catalog.json`): every event type
//! Clerk sends and what its `data` is, by component name. The xtask derives
//! it from Clerk's webhooks spec; build.rs reads it to generate the events.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Error;

/// The catalog: every event type and its data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// By event type (`user.created`).
    pub events: BTreeMap<String, Data>,
}

/// What one event type's `data` is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// The component the data is (`User`, `Role`, `EmailEventPayload`): the
    /// root type of a vendored schema.
    pub object: String,
    /// Members beside the object's own, typed by component (`user: User`
    /// on session events).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub members: BTreeMap<String, String>,
    /// The spec's name for the object with its members
    /// (`SessionEventPayload`); set when there are members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The spec's description of the event (`User created`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

pub use crate::case::module_key;

impl Catalog {
    /// Reads a catalog; `file` labels errors (with line and column).
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Catalog, Error> {
        crate::parse_as(file, bytes)
    }

    /// The catalog as vendored: pretty JSON, keys sorted, a final newline.
    pub fn render(&self) -> String {
        crate::catalog_text(self)
    }

    /// The components the events' data name (objects and typed members),
    /// sorted.
    pub fn components(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self
            .events
            .values()
            .flat_map(|d| {
                std::iter::once(d.object.as_str()).chain(d.members.values().map(String::as_str))
            })
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_with_a_position() {
        let text = r#"{"events": {"session.created": {"object": "Session", "members": {"user": "User"}, "name": "SessionEventPayload"}, "user.created": {"object": "User"}}}"#;
        let catalog = Catalog::parse("c.json", text.as_bytes()).unwrap();
        assert_eq!(catalog.components(), ["Session", "User"]);
        assert_eq!(
            Catalog::parse("c.json", catalog.render().as_bytes()).unwrap(),
            catalog
        );
        let e = Catalog::parse("c.json", br#"{"events": {"a.b": {"objet": "X"}}}"#).unwrap_err();
        assert!(e.to_string().starts_with("c.json:1:"), "{e}");
        assert!(e.to_string().contains("objet"), "{e}");
    }
}
