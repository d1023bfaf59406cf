//! The JSON Schema of what the generated types *decode*: the normalized
//! schema, widened exactly where decoding is more lenient than the schema
//! (the crate docs' table), for the `schemars` feature. A document this
//! schema refuses does not decode; everything that decodes passes it.
//!
//! - `additionalProperties: false` goes: unknown members are kept.
//! - Only an object's identity (a required `id` that does not admit `null`)
//!   stays required: decoding takes every other member absent.
//! - An open enum (two or more strings, or `x-speakeasy-unknown-values`)
//!   accepts any string, its known values still listed:
//!   `anyOf: [{enum: [...]}, {type: string}]`.
//! - `oneOf` becomes `anyOf` (decoding takes the first member that fits);
//!   a discriminated union also accepts an object whose tag it does not
//!   know (the `Unknown` variant), and loses its OpenAPI `discriminator`.
//! - A plain union of objects also accepts any other object (its catch-all
//!   variant, [`crate::model::keeps_other_objects`]).
//! - An `anyOf`/`oneOf` of required sets (`domain` or `domains`) goes.
//! - Validation keywords go (`pattern`, string `format`s, lengths, ranges,
//!   ...: [`crate::model::constraints`], which decoding does not check);
//!   the formats that pick a number's Rust type (`int64`, `double`) stay.
//! - `$schema` and `$id` go: the schema is embedded in a user's.

use serde_json::{json, Map, Value};

use crate::walk;

/// `normalized` (a subschema of a normalized document) widened to what
/// decoding accepts.
pub fn decodable(normalized: &Value) -> Value {
    let mut out = normalized.clone();
    if let Some(obj) = out.as_object_mut() {
        obj.remove("$schema");
        obj.remove("$id");
    }
    post_order(&mut out);
    out
}

/// Children first: what `widen` adds to a node is not widened again.
fn post_order(node: &mut Value) {
    walk::for_each_child_mut(node, |_, child| post_order(child));
    widen(node);
}

fn widen(node: &mut Value) {
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    if obj.get("additionalProperties") == Some(&Value::Bool(false)) {
        obj.remove("additionalProperties");
    }
    // The model's rule: validation keywords never refuse a payload.
    crate::model::constraints::drop_value_constraints(obj);
    relax_required(obj);
    drop_presence_rules(obj);
    open_enum(obj);
    any_of_with_catch_all(obj);
}

/// Required members that decode when absent are not required.
fn relax_required(obj: &mut Map<String, Value>) {
    // Only an object's own list: a presence rule (`{required: [...]}`
    // beside its parent's properties) is the parent's business. An object
    // that is an `allOf` has its members' properties (typify merges them,
    // and the model reads them as its fields: `model::build`).
    let Some(Value::Array(required)) = obj.get("required") else {
        return;
    };
    let own = obj.get("properties").is_some_and(Value::is_object);
    if !own && !obj.get("allOf").is_some_and(Value::is_array) {
        return;
    }
    let (properties, _) = crate::model::merged_members(obj);
    let kept: Vec<Value> = required
        .iter()
        .filter(|name| {
            let Some((name, schema)) = name.as_str().and_then(|n| Some((n, *properties.get(n)?)))
            else {
                return false;
            };
            // The model's rule: only the identity is refused absent. (A
            // member whose type has no empty value is refused too, but the
            // schema may accept more than decodes, never less.)
            crate::model::is_identity(name, true, crate::passes::normalize::admits_null(schema))
        })
        .cloned()
        .collect();
    if kept.is_empty() {
        obj.remove("required");
    } else {
        obj.insert("required".into(), Value::Array(kept));
    }
}

/// Opened by `x-speakeasy-unknown-values`, as naming reads it.
fn declared_open(schema: &Value) -> bool {
    crate::naming::is_open_enum(schema)
}

fn drop_presence_rules(obj: &mut Map<String, Value>) {
    // The same rule generation applies (`prepare`): one reading of it.
    for key in crate::passes::prepare::presence_rules(obj) {
        obj.remove(key);
    }
}

fn open_enum(obj: &mut Map<String, Value>) {
    // A tag with aliases stays a closed tag: its values are all it takes.
    if obj
        .remove(crate::passes::aliases::ALIASES_KEYWORD)
        .is_some()
    {
        return;
    }
    let Some(values) = obj.get("enum").and_then(Value::as_array) else {
        return;
    };
    let strings = values.iter().filter(|v| v.is_string()).count();
    let open = strings >= 2 || (strings == 1 && declared_open(&Value::Object(obj.clone())));
    if !open {
        return;
    }
    let values = obj.remove("enum").unwrap_or_default();
    let mut any = vec![json!({"enum": values}), json!({"type": "string"})];
    if let Some(Value::Array(existing)) = obj.remove("anyOf") {
        // Keep an existing anyOf as a further constraint.
        obj.insert("allOf".into(), json!([{"anyOf": existing}]));
    }
    any.dedup();
    obj.insert("anyOf".into(), Value::Array(any));
}

fn any_of_with_catch_all(obj: &mut Map<String, Value>) {
    // The model's rule: a plain union of objects keeps any other object.
    if crate::model::keeps_other_objects(obj) {
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(members)) = obj.get_mut(key) {
                members.push(json!({"type": "object"}));
            }
        }
    }
    let Some(members) = obj.remove("oneOf") else {
        return;
    };
    let mut members = match members {
        Value::Array(m) => m,
        other => {
            obj.insert("oneOf".into(), other);
            return;
        }
    };
    if let Some(property) = obj.remove("discriminator").and_then(|d| {
        d.get("propertyName")
            .and_then(Value::as_str)
            .map(str::to_owned)
    }) {
        let tags: Vec<Value> = members
            .iter()
            .filter_map(|m| m.pointer(&format!("/properties/{}/enum", walk::escape(&property))))
            .filter_map(Value::as_array)
            .flatten()
            .filter(|v| v.is_string())
            .cloned()
            .collect();
        members.push(json!({
            "type": "object",
            "not": {"required": [property], "properties": {property.clone(): {"enum": tags}}}
        }));
    }
    match obj.remove("anyOf") {
        // Both: each must hold.
        Some(existing) => {
            let all = obj.entry("allOf").or_insert_with(|| json!([]));
            if let Some(all) = all.as_array_mut() {
                all.push(json!({"anyOf": existing}));
            }
            obj.insert("anyOf".into(), Value::Array(members));
        }
        None => {
            obj.insert("anyOf".into(), Value::Array(members));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An `allOf` of objects whose own `required` names its members'
    /// properties: only the identity stays required, as for any object.
    #[test]
    fn an_all_of_keeps_only_its_identity_required() {
        let out = decodable(&json!({
            "type": "object",
            "allOf": [
                {"properties": {"id": {"type": "string"}, "role": {"type": "string"}}},
                {"properties": {"data": {"type": "object"}}}
            ],
            "required": ["id", "role", "data"]
        }));
        assert_eq!(out.get("required"), Some(&json!(["id"])));
    }

    #[test]
    fn widened_where_decoding_is_lenient() {
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "object": {"type": "string", "enum": ["client"]},
                "status": {"type": "string", "enum": ["active", "ended"]},
                "note": {"type": ["string", "null"]},
                "email": {"type": "string", "format": "email"},
                "n": {"type": "integer", "format": "int64"},
                "v": {
                    "discriminator": {"propertyName": "object"},
                    "oneOf": [{"type": "object", "properties": {"object": {"enum": ["a"]}}}]
                }
            },
            "required": ["object", "status", "note", "ghost", "n"],
            "anyOf": [{"required": ["email"]}, {"required": ["n"]}]
        });
        let out = decodable(&schema);
        assert_eq!(out.get("$schema"), None);
        assert_eq!(out.get("additionalProperties"), None);
        assert_eq!(out.get("anyOf"), None);
        assert_eq!(out.get("required"), None);
        let with_id = decodable(&json!({
            "properties": {"id": {"type": "string"}, "n": {"type": "integer"}},
            "required": ["id", "n"]
        }));
        assert_eq!(with_id["required"], json!(["id"]));
        assert_eq!(
            out["properties"]["status"]["anyOf"],
            json!([{"enum": ["active", "ended"]}, {"type": "string"}])
        );
        assert_eq!(out["properties"]["object"]["enum"], json!(["client"]));
        assert_eq!(out["properties"]["email"].get("format"), None);
        assert_eq!(out["properties"]["n"]["format"], "int64");
        let v = &out["properties"]["v"];
        assert_eq!(v.get("discriminator"), None);
        assert_eq!(v["anyOf"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            v["anyOf"][1]["not"]["properties"]["object"]["enum"],
            json!(["a"])
        );
    }
}
