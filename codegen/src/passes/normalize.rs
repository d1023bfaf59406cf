//! Read Clerk's OpenAPI-flavoured JSON Schema as plain JSON Schema.
//!
//! The upstream schemas are JSON Schema 2020-12 documents written with
//! OpenAPI 3.0 habits. Neither typify nor a JSON Schema validator knows those
//! habits, so this stage translates them into standard keywords that mean
//! the same thing. It changes *meaning* nowhere: the strict validator and the
//! generator both start from its output (one normalization, not two), and
//! every leniency of the generated types is decided later, in the model.
//!
//! - `nullable: true` becomes JSON Schema's `null` type: `type: T` becomes
//!   `type: [T, "null"]` (and `null` joins an `enum`); a schema with a
//!   `$ref`, `oneOf`, `anyOf` or `allOf` (whose subschemas would still reject
//!   `null`) is wrapped as `oneOf: [{type: null}, <schema>]`, keeping its
//!   annotations outside.
//! - `nullable: false` is the default and is dropped.

use serde_json::{Map, Value};

use crate::walk;

/// Keywords that annotate a schema rather than constrain it; they stay on
/// the outside when a nullable composite schema is wrapped.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "deprecated",
    "default",
    "example",
    "examples",
    "readOnly",
    "writeOnly",
    "$comment",
    "$id",
    "$schema",
    "$defs",
    "definitions",
];

/// Returns `schema` translated into plain JSON Schema (see the module docs).
pub fn normalize(schema: &Value) -> Value {
    let mut out = schema.clone();
    walk::walk_mut(&mut out, &mut |_, node| normalize_node(node));
    out
}

/// Whether a *normalized* schema node admits `null`: its `type` names
/// `null`, its `enum` lists it, or a `oneOf`/`anyOf` member is `{type:
/// null}` (what this stage makes of `nullable: true`). The one reading of
/// nullability that generation and the change report share.
pub fn admits_null(node: &Value) -> bool {
    let Some(obj) = node.as_object() else {
        return false;
    };
    let null_type = |t: &Value| t == "null";
    match obj.get("type") {
        Some(Value::String(t)) if t == "null" => return true,
        Some(Value::Array(types)) if types.iter().any(null_type) => return true,
        _ => {}
    }
    if obj
        .get("enum")
        .and_then(Value::as_array)
        .is_some_and(|values| values.iter().any(Value::is_null))
    {
        return true;
    }
    ["oneOf", "anyOf"].iter().any(|k| {
        obj.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|members| members.iter().any(|m| m.get("type").is_some_and(null_type)))
    })
}

fn normalize_node(node: &mut Value) {
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    match obj.remove("nullable") {
        Some(Value::Bool(true)) => make_nullable(obj),
        Some(Value::Bool(false)) | None => {}
        // Not OpenAPI's boolean: keep it as the unknown keyword it is.
        Some(other) => {
            obj.insert("nullable".into(), other);
        }
    }
}

/// Keywords that apply whatever the type says: `null` must get past them
/// too, so a schema with any of them is wrapped rather than retyped.
const COMPOSITE: &[&str] = &["oneOf", "anyOf", "allOf", "$ref", "not", "if"];

fn make_nullable(obj: &mut Map<String, Value>) {
    if COMPOSITE.iter().any(|k| obj.contains_key(*k)) {
        wrap_in_one_of_null(obj);
        return;
    }
    let typed = match obj.get_mut("type") {
        Some(Value::String(t)) => {
            if t != "null" {
                let t = std::mem::take(t);
                obj.insert("type".into(), Value::Array(vec![t.into(), "null".into()]));
            }
            true
        }
        Some(Value::Array(types)) => {
            if !types.iter().any(|t| t == "null") {
                types.push("null".into());
            }
            true
        }
        _ => false,
    };
    if typed || obj.contains_key("enum") {
        allow_null_in_enum(obj);
    } else if is_constrained(obj) {
        wrap_in_one_of_null(obj);
    }
    // Otherwise nothing constrains the value: null is already accepted.
}

fn allow_null_in_enum(obj: &mut Map<String, Value>) {
    if let Some(Value::Array(values)) = obj.get_mut("enum") {
        if !values.iter().any(Value::is_null) {
            values.push(Value::Null);
        }
    }
}

fn is_constrained(obj: &Map<String, Value>) -> bool {
    obj.keys().any(|k| !ANNOTATIONS.contains(&k.as_str()))
}

fn wrap_in_one_of_null(obj: &mut Map<String, Value>) {
    let mut inner = Map::new();
    for key in obj.keys().cloned().collect::<Vec<_>>() {
        if !ANNOTATIONS.contains(&key.as_str()) {
            if let Some(v) = obj.remove(&key) {
                inner.insert(key, v);
            }
        }
    }
    // A title names the Rust type of the non-null side, so it moves inside.
    if let Some(title) = obj.remove("title") {
        inner.insert("title".into(), title);
    }
    obj.insert(
        "oneOf".into(),
        Value::Array(vec![
            serde_json::json!({"type": "null"}),
            Value::Object(inner),
        ]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_nullable_gains_null_type() {
        let out = normalize(&json!({
            "properties": {"a": {"type": "string", "nullable": true, "description": "d"}}
        }));
        assert_eq!(
            out,
            json!({"properties": {"a": {"type": ["string", "null"], "description": "d"}}})
        );
    }

    #[test]
    fn nullable_enum_admits_null() {
        let out = normalize(&json!({"type": "string", "enum": ["a", "b"], "nullable": true}));
        assert_eq!(
            out,
            json!({"type": ["string", "null"], "enum": ["a", "b", null]})
        );
    }

    #[test]
    fn nullable_type_array_is_extended_once() {
        let out = normalize(&json!({"type": ["integer", "null"], "nullable": true}));
        assert_eq!(out, json!({"type": ["integer", "null"]}));
        let out = normalize(&json!({"type": ["integer"], "nullable": true}));
        assert_eq!(out, json!({"type": ["integer", "null"]}));
    }

    #[test]
    fn composite_nullable_is_wrapped() {
        let out = normalize(&json!({
            "description": "d",
            "title": "T",
            "nullable": true,
            "oneOf": [{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/B"}]
        }));
        assert_eq!(
            out,
            json!({
                "description": "d",
                "oneOf": [
                    {"type": "null"},
                    {"title": "T", "oneOf": [{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/B"}]}
                ]
            })
        );
    }

    #[test]
    fn typed_composite_nullable_is_wrapped_too() {
        let out = normalize(&json!({
            "type": "object",
            "nullable": true,
            "oneOf": [{"type": "object", "properties": {"a": {"type": "string"}}}]
        }));
        assert_eq!(
            out,
            json!({"oneOf": [
                {"type": "null"},
                {"type": "object", "oneOf": [{"type": "object", "properties": {"a": {"type": "string"}}}]}
            ]})
        );
    }

    #[test]
    fn nullable_false_and_unconstrained_are_dropped() {
        assert_eq!(
            normalize(&json!({"type": "string", "nullable": false})),
            json!({"type": "string"})
        );
        assert_eq!(
            normalize(&json!({"nullable": true, "description": "any"})),
            json!({"description": "any"})
        );
    }

    #[test]
    fn data_that_looks_like_a_schema_is_untouched() {
        let schema = json!({
            "type": "object",
            "example": {"nullable": true, "type": "string"},
            "properties": {"nullable": {"type": "boolean"}}
        });
        assert_eq!(normalize(&schema), schema);
    }

    #[test]
    fn nested_nullables_are_all_translated() {
        let out = normalize(&json!({
            "properties": {"s": {"items": {"properties": {
                "t": {"type": "array", "nullable": true, "items": {"type": "object"}}
            }}}}
        }));
        assert_eq!(
            out["properties"]["s"]["items"]["properties"]["t"]["type"],
            json!(["array", "null"])
        );
    }
}
