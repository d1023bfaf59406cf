//! The schema's own edits, keyword by keyword, so that a report lists
//! every edit, also those that change no generated type (an `example`, an
//! integer `format` that picks the same Rust type, key order aside).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::walk;

/// One edit of the schema text's meaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// JSON pointer of the node.
    pub pointer: String,
    /// What changed there (`\`format\` "int64" -> none`, `subschema added`).
    pub what: String,
}

/// Every keyword that differs between nodes at the same pointer, and the
/// subschemas only one side has (the outermost of them only), in pointer
/// order. Subschema containers (`properties`, `items`, ...) are compared
/// through their members.
pub fn schema_edits(old: &Value, new: &Value) -> Vec<Edit> {
    let (a, b) = (nodes(old), nodes(new));
    let mut out = Vec::new();
    let pointers: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut gone: Vec<&str> = Vec::new();
    for pointer in pointers {
        if gone.iter().any(|g| pointer.starts_with(&format!("{g}/"))) {
            continue;
        }
        match (a.get(pointer), b.get(pointer)) {
            (Some(x), Some(y)) => keywords(pointer, x, y, &mut out),
            (x, _) => {
                gone.push(pointer);
                let what = if x.is_some() {
                    "subschema removed"
                } else {
                    "subschema added"
                };
                out.push(Edit {
                    pointer: pointer.clone(),
                    what: what.into(),
                });
            }
        }
    }
    out
}

fn nodes(schema: &Value) -> BTreeMap<String, &Value> {
    let mut out = BTreeMap::new();
    walk::walk(schema, &mut |pointer, node| {
        out.insert(pointer.to_owned(), node);
    });
    out
}

fn keywords(pointer: &str, a: &Value, b: &Value, out: &mut Vec<Edit>) {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return;
    };
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for key in keys {
        let (x, y) = (a.get(key), b.get(key));
        if x == y || walk::holds_subschemas(key, x.or(y)) {
            continue;
        }
        if let (Some(Value::Object(p)), Some(Value::Object(q))) = (x, y) {
            // Objects that are data (`discriminator`, `example`), by key.
            let keys: BTreeSet<&String> = p.keys().chain(q.keys()).collect();
            let parts: Vec<String> = keys
                .into_iter()
                .filter(|k| p.get(*k) != q.get(*k))
                .map(|k| match (p.get(k), q.get(k)) {
                    (None, _) => format!("+{k}"),
                    (_, None) => format!("-{k}"),
                    _ => format!("~{k}"),
                })
                .collect();
            out.push(Edit {
                pointer: pointer.to_owned(),
                what: format!("`{key}` {}", parts.join(" ")),
            });
            continue;
        }
        if let (Some(Value::Array(p)), Some(Value::Array(q))) = (x, y) {
            // Lists (`required`, `enum`, `type`) by member, order aside.
            let added: Vec<String> = q
                .iter()
                .filter(|v| !p.contains(v))
                .map(Value::to_string)
                .collect();
            let removed: Vec<String> = p
                .iter()
                .filter(|v| !q.contains(v))
                .map(Value::to_string)
                .collect();
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("+{}", added.join(" +")));
            }
            if !removed.is_empty() {
                parts.push(format!("-{}", removed.join(" -")));
            }
            if parts.is_empty() {
                parts.push("reordered".into());
            }
            out.push(Edit {
                pointer: pointer.to_owned(),
                what: format!("`{key}` {}", parts.join(" ")),
            });
            continue;
        }
        let show = |v: Option<&Value>| match v {
            None => "none".to_owned(),
            Some(v) => {
                let text = v.to_string();
                if text.chars().count() > 60 {
                    format!("{}...", text.chars().take(57).collect::<String>())
                } else {
                    text
                }
            }
        };
        out.push(Edit {
            pointer: pointer.to_owned(),
            what: format!("`{key}` {} -> {}", show(x), show(y)),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keywords_and_subschemas() {
        let old = json!({"properties": {"a": {"type": "integer", "format": "int64"}, "b": {"properties": {"c": {}}}}, "required": ["b"]});
        let new = json!({"properties": {"a": {"type": "integer"}, "d": {}}, "required": ["a"]});
        let edits: Vec<String> = schema_edits(&old, &new)
            .into_iter()
            .map(|e| format!("{} {}", e.pointer, e.what))
            .collect();
        assert_eq!(
            edits,
            [
                " `required` +\"a\" -\"b\"",
                "/properties/a `format` \"int64\" -> none",
                "/properties/b subschema removed",
                "/properties/d subschema added",
            ]
        );
    }
}
