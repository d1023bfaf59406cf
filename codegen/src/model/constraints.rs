//! Policy: which schema keywords decoding checks (issue 24).
//!
//! Decoding checks only what makes a value of its type: the JSON type,
//! `null` where the schema admits it, the object's identity (its `id`, its
//! tags) and a union's tag. Every other validation keyword (`pattern`,
//! `format`, lengths, ranges, `multipleOf`, `uniqueItems`, the item and
//! property counts, `not`, `if`/`then`/`else`, ...) describes what a
//! conforming document looks like: a value outside it is still that value,
//! so it decodes as sent and is written back as sent, and strict validation
//! (`validate`, `check --strict`) reports it with its pointer. So is an
//! `enum` of values other than strings (`enum: [true]`): decoded as its
//! type, checked by strict validation.
//!
//! One rule, read by `prepare` (which removes these keywords before typify,
//! so that no newtype or set checks them at decode time) and by the
//! `schemars` schema (`lenient`, which must accept whatever decodes).

use serde_json::{Map, Value};

/// The validation keywords that never refuse a payload when it decodes.
/// Each only narrows the values of a type (JSON Schema 2020-12's
/// validation vocabulary and the applicators that only restrict), so
/// removing one accepts more documents of the same shape, never another
/// shape.
pub const VALUE_CONSTRAINTS: &[&str] = &[
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "not",
    "if",
    "then",
    "else",
];

/// The numeric formats that pick the Rust type every integer and number
/// decodes as (`i64`, `f64`), and so stay. Every other `format` goes:
/// string formats would make typify parse (`date-time`, `uuid`) and refuse,
/// narrower numeric ones (`int32`, `uint8`, `float`) would pick `i32`, `u32`
/// or `f32`, which refuse or change values the schema accepts.
pub const TYPE_FORMATS: &[&str] = &["int64", "double"];

/// Whether decoding checks `keyword` (with its value) on a node: `false`
/// for the value constraints and for a `format` that does not pick the
/// Rust type of a number.
pub fn decoding_checks(keyword: &str, value: &Value, node: &Map<String, Value>) -> bool {
    match keyword {
        "format" => value.as_str().is_some_and(|f| TYPE_FORMATS.contains(&f)) && for_numbers(node),
        // An enum of strings is an open enum (its known values named, any
        // other kept) or a tag: it makes the type. One that lists another
        // kind of value (`deleted: {type: boolean, enum: [true]}`) only
        // narrows its type's values, like `minimum`.
        "enum" => value
            .as_array()
            .is_some_and(|values| values.iter().all(|v| v.is_string() || v.is_null())),
        _ => !VALUE_CONSTRAINTS.contains(&keyword),
    }
}

/// Removes from `node` every keyword decoding does not check.
pub fn drop_value_constraints(node: &mut Map<String, Value>) {
    let unchecked: Vec<String> = node
        .iter()
        .filter(|(k, v)| !decoding_checks(k, v, node))
        .map(|(k, _)| k.clone())
        .collect();
    for keyword in unchecked {
        node.remove(&keyword);
    }
}

/// Whether a node's `type` admits numbers (or says nothing): a format on a
/// boolean, an object or an array constrains nothing.
fn for_numbers(node: &Map<String, Value>) -> bool {
    match node.get("type") {
        Some(Value::String(t)) => t == "integer" || t == "number",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "integer" || t == "number"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn dropped(node: Value) -> Value {
        let mut node = node;
        if let Some(obj) = node.as_object_mut() {
            drop_value_constraints(obj);
        }
        node
    }

    #[test]
    fn constraints_go_shape_and_identity_stay() {
        assert_eq!(
            dropped(
                json!({"type": "string", "pattern": "^a$", "minLength": 1, "format": "uuid", "enum": ["a", "b"]})
            ),
            json!({"type": "string", "enum": ["a", "b"]})
        );
        assert_eq!(
            dropped(
                json!({"type": "array", "uniqueItems": true, "minItems": 1, "items": {"type": "string"}})
            ),
            json!({"type": "array", "items": {"type": "string"}})
        );
        assert_eq!(
            dropped(json!({"type": "integer", "format": "int64", "minimum": 0, "multipleOf": 2})),
            json!({"type": "integer", "format": "int64"})
        );
        assert_eq!(
            dropped(json!({"type": "integer", "format": "int32"})),
            json!({"type": "integer"})
        );
        assert_eq!(
            dropped(json!({"type": "boolean", "format": "int64"})),
            json!({"type": "boolean"})
        );
        assert_eq!(
            dropped(json!({"type": "boolean", "enum": [true]})),
            json!({"type": "boolean"}),
            "a deletion receipt's `deleted: true` narrows a boolean"
        );
        assert_eq!(
            dropped(json!({"type": ["string", "null"], "enum": ["a", null]})),
            json!({"type": ["string", "null"], "enum": ["a", null]})
        );
        assert_eq!(
            dropped(json!({"const": "session", "required": ["id"], "not": {"type": "null"}})),
            json!({"const": "session", "required": ["id"]})
        );
    }
}
