//! Visiting the subschemas of a JSON Schema document, and nothing else.
//!
//! Both `naming` and `normalize` rewrite schema nodes. Walking every JSON
//! object would also rewrite data that merely looks like a schema (an
//! `example`, an `enum` value, a property *named* `nullable`), so the walk
//! follows only the keywords whose values are schemas.

use serde_json::Value;

/// Keywords whose value is a single subschema.
const SINGLE: &[&str] = &[
    "additionalProperties",
    "items",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "additionalItems",
];

/// Keywords whose value is an array of subschemas.
const LIST: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems", "items"];

/// Keywords whose value maps names to subschemas.
const MAP: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Whether keyword `key`, with this value, holds subschemas (compared
/// through them rather than as a value).
pub fn holds_subschemas(key: &str, value: Option<&Value>) -> bool {
    let Some(value) = value else {
        return false;
    };
    (SINGLE.contains(&key) && value.is_object())
        || (LIST.contains(&key) && value.is_array())
        || (MAP.contains(&key) && value.is_object())
}

/// One step from a schema to one of its subschemas, as it appears in a JSON
/// pointer: the keyword, then the property name or index when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// `additionalProperties`, `items`, `not`, ...
    Keyword(&'static str),
    /// `oneOf/2`, `prefixItems/0`, ...
    Index(&'static str, usize),
    /// `properties/name`, `$defs/name`, ...
    Named(&'static str, String),
}

impl Step {
    /// The JSON pointer segment(s) for this step, escaped per RFC 6901.
    pub fn pointer(&self) -> String {
        match self {
            Step::Keyword(k) => format!("/{k}"),
            Step::Index(k, i) => format!("/{k}/{i}"),
            Step::Named(k, name) => format!("/{k}/{}", escape(name)),
        }
    }
}

/// Escapes one JSON pointer segment (RFC 6901).
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Calls `f` on every direct subschema of `node` that is a JSON object
/// (boolean schemas hold nothing to rewrite), with the step that leads there.
pub fn for_each_child_mut(node: &mut Value, mut f: impl FnMut(Step, &mut Value)) {
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    for (key, value) in obj.iter_mut() {
        if let Some(k) = SINGLE.iter().find(|k| **k == key) {
            if value.is_object() {
                f(Step::Keyword(k), value);
                continue;
            }
        }
        if let Some(k) = LIST.iter().find(|k| **k == key) {
            if let Some(items) = value.as_array_mut() {
                for (i, item) in items.iter_mut().enumerate() {
                    if item.is_object() {
                        f(Step::Index(k, i), item);
                    }
                }
                continue;
            }
        }
        if let Some(k) = MAP.iter().find(|k| **k == key) {
            if let Some(map) = value.as_object_mut() {
                for (name, item) in map.iter_mut() {
                    if item.is_object() {
                        f(Step::Named(k, name.clone()), item);
                    }
                }
            }
        }
    }
}

/// The direct subschemas of `node` that are JSON objects, with the step
/// that leads to each.
pub fn children(node: &Value) -> Vec<(Step, &Value)> {
    let mut out = Vec::new();
    let Some(obj) = node.as_object() else {
        return out;
    };
    for (key, value) in obj {
        if let Some(k) = SINGLE.iter().find(|k| **k == key) {
            if value.is_object() {
                out.push((Step::Keyword(k), value));
                continue;
            }
        }
        if let Some(k) = LIST.iter().find(|k| **k == key) {
            if let Some(items) = value.as_array() {
                let objects = items.iter().enumerate().filter(|(_, v)| v.is_object());
                out.extend(objects.map(|(i, item)| (Step::Index(k, i), item)));
                continue;
            }
        }
        if let Some(k) = MAP.iter().find(|k| **k == key) {
            if let Some(map) = value.as_object() {
                let objects = map.iter().filter(|(_, v)| v.is_object());
                out.extend(objects.map(|(name, item)| (Step::Named(k, name.clone()), item)));
            }
        }
    }
    out
}

/// Calls `f` on `node` and every subschema below it, depth first, with
/// each node's JSON pointer relative to `node`.
pub fn walk<'a>(node: &'a Value, f: &mut impl FnMut(&str, &'a Value)) {
    fn inner<'a>(node: &'a Value, pointer: &mut String, f: &mut impl FnMut(&str, &'a Value)) {
        f(pointer, node);
        for (step, child) in children(node) {
            let len = pointer.len();
            pointer.push_str(&step.pointer());
            inner(child, pointer, f);
            pointer.truncate(len);
        }
    }
    inner(node, &mut String::new(), f);
}

/// Calls `f` on `node` and then on every subschema below it, depth first,
/// with each node's JSON pointer relative to `node`.
pub fn walk_mut(node: &mut Value, f: &mut impl FnMut(&str, &mut Value)) {
    walk_inner(node, &mut String::new(), f);
}

fn walk_inner(node: &mut Value, pointer: &mut String, f: &mut impl FnMut(&str, &mut Value)) {
    f(pointer, node);
    for_each_child_mut(node, |step, child| {
        let len = pointer.len();
        pointer.push_str(&step.pointer());
        walk_inner(child, pointer, f);
        pointer.truncate(len);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn visits_schemas_not_data() {
        let mut schema = json!({
            "properties": {
                "nullable": {"type": "string"},
                "a/b": {"items": {"type": "integer"}}
            },
            "example": {"properties": {"x": {}}},
            "enum": [{"properties": {}}],
            "oneOf": [{"type": "null"}, true]
        });
        let mut seen = Vec::new();
        walk_mut(&mut schema, &mut |p, _| seen.push(p.to_owned()));
        seen.sort();
        assert_eq!(
            seen,
            [
                "",
                "/oneOf/0",
                "/properties/a~1b",
                "/properties/a~1b/items",
                "/properties/nullable",
            ]
        );
    }
}
