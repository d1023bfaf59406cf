//! Tag aliases: other spellings Clerk itself uses for an object's
//! single-value tag (`"object": "subscription_item"` where the schema says
//! `commerce_subscription_item`), vendored in `schema/aliases.json` with
//! the Clerk file that shows each.
//!
//! Applied once, to the restored documents ([`Aliases::apply`]): a tag
//! node `enum: [canonical]` becomes `enum: [canonical, alias, ...]` with
//! the aliases listed under [`ALIASES_KEYWORD`]. So strict validation (which
//! reads the normalized documents) accepts them, `prepare` hands typify the
//! canonical value alone, and the model ([`crate::model`]) keeps the tag
//! strict and adds each alias as a value of its own, which decodes as that
//! type and is written back as sent. A tag that names another type stays
//! refused.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::Error;

/// The aliases file, beside the schemas.
pub const FILE: &str = "aliases.json";

/// The keyword that lists a tag's aliases in a document (beside `enum`).
pub const ALIASES_KEYWORD: &str = "x-clerk-types-aliases";

/// One tag value's aliases and where Clerk shows them.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The other spellings.
    pub aliases: Vec<String>,
    /// The Clerk file (and pointer) that shows them.
    pub source: String,
    /// Why they are accepted.
    #[serde(default)]
    pub why: Option<String>,
}

/// Every tag value's aliases, by the tag's value in the schema.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aliases(BTreeMap<String, Entry>);

impl Aliases {
    /// No aliases.
    pub fn empty() -> Self {
        Aliases::default()
    }

    /// Parses the aliases file; `label` names it in errors.
    pub fn parse(label: &str, text: &str) -> Result<Self, Error> {
        serde_json::from_str(text)
            .map(Aliases)
            .map_err(|e| Error::Json {
                file: label.to_owned(),
                line: e.line(),
                column: e.column(),
                message: crate::without_position(&e),
            })
    }

    /// The aliases of tag value `value`.
    pub fn of(&self, value: &str) -> &[String] {
        self.0.get(value).map_or(&[], |e| e.aliases.as_slice())
    }

    /// Adds each tag's aliases to its `enum` in `doc` (and lists them under
    /// [`ALIASES_KEYWORD`]). A tag is a node whose `enum` holds one string
    /// (and maybe `null`).
    pub fn apply(&self, doc: &mut Value) {
        if self.0.is_empty() {
            return;
        }
        crate::walk::walk_mut(doc, &mut |_, node| {
            let Some(obj) = node.as_object_mut() else {
                return;
            };
            let Some(Value::Array(values)) = obj.get("enum") else {
                return;
            };
            let strings: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
            let [tag] = strings.as_slice() else {
                return;
            };
            let aliases = self.of(tag);
            if aliases.is_empty() {
                return;
            }
            let aliases: Vec<Value> = aliases.iter().cloned().map(Value::String).collect();
            if let Some(Value::Array(values)) = obj.get_mut("enum") {
                values.extend(aliases.iter().cloned());
            }
            obj.insert(ALIASES_KEYWORD.to_owned(), Value::Array(aliases));
        });
    }
}

/// The aliases a node lists ([`ALIASES_KEYWORD`]).
pub fn listed(node: &Value) -> Vec<&str> {
    node.get(ALIASES_KEYWORD)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_tag_gains_its_aliases_other_nodes_stay() {
        let aliases = Aliases::parse(
            "aliases.json",
            r#"{"waitlist_entry": {"aliases": ["waitlistEntry"], "source": "spec"}}"#,
        )
        .expect("parses");
        let mut doc = json!({"properties": {
            "object": {"type": "string", "enum": ["waitlist_entry"]},
            "status": {"type": "string", "enum": ["waitlist_entry", "other"]},
            "kind": {"type": "string", "enum": ["user"]}
        }});
        aliases.apply(&mut doc);
        assert_eq!(
            doc["properties"]["object"],
            json!({"type": "string", "enum": ["waitlist_entry", "waitlistEntry"], ALIASES_KEYWORD: ["waitlistEntry"]})
        );
        assert_eq!(listed(&doc["properties"]["object"]), ["waitlistEntry"]);
        assert_eq!(
            doc["properties"]["status"]["enum"],
            json!(["waitlist_entry", "other"])
        );
        assert_eq!(
            doc["properties"]["kind"],
            json!({"type": "string", "enum": ["user"]})
        );
        assert!(Aliases::parse("a.json", "{\"x\": {\"aliases\": 1}}").is_err());
    }
}
