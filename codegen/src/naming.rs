//! Stable Rust names for schema nodes.
//!
//! typify names a type after its JSON path (`ClerkClientSessionsItem`), so an
//! upstream rename of a property would silently rename a public Rust type.
//! Here every type-bearing node gets its name explicitly, written into the
//! schema as a `title` (which typify takes as the name): first from the
//! naming [`TABLE`], keyed by the node's JSON pointer in the *upstream*
//! schema, then, for nodes the table does not know, from the nearest named
//! ancestor plus the property name. A table entry that matches nothing is an
//! error, so a moved or renamed node is noticed instead of renamed.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::walk::{self, Step};

/// One row of the naming table.
#[derive(Clone, Copy, Debug)]
pub struct TableEntry {
    /// The schema the row applies to, as its file is keyed (`client` for
    /// `clerk-client-schema.json`).
    pub schema: &'static str,
    /// JSON pointer of the node in the upstream schema.
    pub pointer: &'static str,
    /// The Rust type name.
    pub name: &'static str,
}

/// The names users see. Changing a row is a breaking change of the crate.
pub const TABLE: &[TableEntry] = &[
    entry("client", "", "Client"),
    entry("client", "/properties/object", "ClientObject"),
    entry("client", "/properties/sessions/items", "Session"),
    entry(
        "client",
        "/properties/sessions/items/properties/object",
        "SessionObject",
    ),
    entry(
        "client",
        "/properties/sessions/items/properties/status",
        "SessionStatus",
    ),
    entry(
        "client",
        "/properties/sessions/items/properties/latest_activity",
        "SessionActivity",
    ),
    entry(
        "client",
        "/properties/sessions/items/properties/tasks/items",
        "SessionTask",
    ),
];

const fn entry(schema: &'static str, pointer: &'static str, name: &'static str) -> TableEntry {
    TableEntry {
        schema,
        pointer,
        name,
    }
}

/// A node that received a Rust type name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedNode {
    /// JSON pointer of the node in the upstream schema.
    pub pointer: String,
    /// The Rust type name.
    pub name: String,
    /// Whether the name came from the table (stable) or was derived.
    pub from_table: bool,
}

/// The key of a schema file in the naming table: `clerk-client-schema.json`
/// is `client`.
pub fn schema_key(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let base = base.strip_suffix(".json").unwrap_or(base);
    let base = base.strip_prefix("clerk-").unwrap_or(base);
    base.strip_suffix("-schema").unwrap_or(base).to_owned()
}

/// A table row whose pointer matches no node of the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleEntry {
    /// The row's pointer.
    pub pointer: String,
    /// The row's Rust name.
    pub name: String,
}

/// Writes a `title` naming each type-bearing node of `schema` (and removes
/// upstream titles, which would otherwise name types) using `table` rows of
/// schema `key`. Returns the named nodes, or the rows that matched nothing.
pub fn assign(
    key: &str,
    schema: &mut Value,
    table: &[TableEntry],
) -> Result<Vec<NamedNode>, Vec<StaleEntry>> {
    let rows: Vec<&TableEntry> = table.iter().filter(|e| e.schema == key).collect();
    let mut state = State {
        rows: &rows,
        used: BTreeSet::new(),
        taken: BTreeSet::new(),
        named: Vec::new(),
    };
    let root = rows
        .iter()
        .find(|r| r.pointer.is_empty())
        .map(|r| r.name.to_owned())
        .unwrap_or_else(|| pascal(key));
    state.visit(schema, &mut String::new(), &root, true);
    let stale: Vec<StaleEntry> = rows
        .iter()
        .filter(|r| !state.used.contains(r.pointer))
        .map(|r| StaleEntry {
            pointer: r.pointer.to_owned(),
            name: r.name.to_owned(),
        })
        .collect();
    if stale.is_empty() {
        Ok(state.named)
    } else {
        Err(stale)
    }
}

struct State<'a> {
    rows: &'a [&'a TableEntry],
    used: BTreeSet<&'a str>,
    taken: BTreeSet<String>,
    named: Vec<NamedNode>,
}

impl State<'_> {
    fn visit(&mut self, node: &mut Value, pointer: &mut String, candidate: &str, is_root: bool) {
        let Some(obj) = node.as_object_mut() else {
            return;
        };
        obj.remove("title");
        let row = self.rows.iter().find(|r| r.pointer == pointer.as_str());
        let name = match row {
            Some(row) => {
                self.used.insert(row.pointer);
                Some((row.name.to_owned(), true))
            }
            None if is_root || bears_type(node) => Some((self.unique(candidate), false)),
            None => None,
        };
        let parent = match &name {
            Some((name, from_table)) => {
                self.taken.insert(name.clone());
                if let Some(obj) = node.as_object_mut() {
                    obj.insert("title".into(), Value::String(name.clone()));
                }
                self.named.push(NamedNode {
                    pointer: pointer.clone(),
                    name: name.clone(),
                    from_table: *from_table,
                });
                name.clone()
            }
            None => candidate.to_owned(),
        };
        walk::for_each_child_mut(node, |step, child| {
            let len = pointer.len();
            pointer.push_str(&step.pointer());
            let candidate = child_name(&parent, &step);
            self.visit(child, pointer, &candidate, false);
            pointer.truncate(len);
        });
    }

    fn unique(&self, candidate: &str) -> String {
        let table_names = || self.rows.iter().map(|r| r.name);
        let free = |n: &str| !self.taken.contains(n) && !table_names().any(|t| t == n);
        if free(candidate) {
            return candidate.to_owned();
        }
        (2..)
            .map(|i| format!("{candidate}{i}"))
            .find(|n| free(n))
            .unwrap_or_else(|| candidate.to_owned())
    }
}

/// Whether typify makes a named Rust type of this node.
fn bears_type(node: &Value) -> bool {
    let Some(obj) = node.as_object() else {
        return false;
    };
    obj.contains_key("properties")
        || obj.contains_key("oneOf")
        || obj.contains_key("anyOf")
        || obj.contains_key("allOf")
        || obj
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|values| values.iter().any(Value::is_string))
}

fn child_name(parent: &str, step: &Step) -> String {
    match step {
        Step::Named("properties", prop) => format!("{parent}{}", pascal(prop)),
        Step::Named(_, def) => pascal(def),
        Step::Keyword("items") | Step::Index("prefixItems", _) => format!("{parent}Item"),
        Step::Keyword("additionalProperties") => format!("{parent}Value"),
        Step::Keyword(k) => format!("{parent}{}", pascal(k)),
        Step::Index(_, i) => format!("{parent}Variant{i}"),
    }
}

/// `session_ids` -> `SessionIds`; a leading digit gets a `T` prefix so the
/// result is an identifier.
pub fn pascal(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const T: &[TableEntry] = &[
        entry("x", "", "Root"),
        entry("x", "/properties/item", "Thing"),
    ];

    #[test]
    fn table_names_win_and_others_derive_from_the_nearest_name() {
        let mut s = json!({
            "title": "Upstream Title",
            "properties": {
                "item": {"properties": {"kind": {"enum": ["a", "b"]}}},
                "other_list": {"items": {"properties": {}}},
                "plain": {"type": "string", "title": "Dropped"}
            }
        });
        let named = assign("x", &mut s, T).expect("no stale rows");
        assert_eq!(s["title"], "Root");
        assert_eq!(s["properties"]["item"]["title"], "Thing");
        assert_eq!(
            s["properties"]["item"]["properties"]["kind"]["title"],
            "ThingKind"
        );
        assert_eq!(
            s["properties"]["other_list"]["items"]["title"],
            "RootOtherListItem"
        );
        assert!(s["properties"]["plain"].get("title").is_none());
        assert_eq!(named.iter().filter(|n| n.from_table).count(), 2);
    }

    #[test]
    fn a_row_that_matches_nothing_is_reported() {
        let mut s = json!({"properties": {"renamed_item": {"properties": {}}}});
        let stale = assign("x", &mut s, T).expect_err("row is stale");
        assert_eq!(stale[0].pointer, "/properties/item");
        assert_eq!(stale[0].name, "Thing");
    }

    #[test]
    fn derived_names_never_collide_with_table_names() {
        let mut s = json!({"properties": {
            "item": {"properties": {}},
            "x": {"properties": {"y": {"properties": {}}}}
        }});
        let table = [
            entry("x", "", "Root"),
            entry("x", "/properties/item", "RootX"),
        ];
        assign("x", &mut s, &table).expect("fresh");
        assert_eq!(s["properties"]["x"]["title"], "RootX2");
    }

    #[test]
    fn keys_and_case() {
        assert_eq!(schema_key("schema/clerk-client-schema.json"), "client");
        assert_eq!(
            schema_key("clerk-organizationmembership-schema.json"),
            "organizationmembership"
        );
        assert_eq!(pascal("session_ids"), "SessionIds");
        assert_eq!(pascal("oauth-google"), "OauthGoogle");
        assert_eq!(pascal("2fa"), "T2fa");
    }
}
