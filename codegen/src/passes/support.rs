//! What the generator accepts, checked before anything else runs on a
//! schema: the shapes of keywords, the constructs it supports, and the
//! limits that keep generation and rustc bounded. A schema outside them is
//! refused in one line: the node's JSON pointer, what is there, and what
//! the generator accepts instead. typify never sees it.

use std::collections::BTreeSet;

use serde_json::Value;

/// The largest schema accepted, in bytes (the download cap of `sync-schema`).
pub const MAX_SCHEMA_BYTES: usize = 4 * 1024 * 1024;
/// The most properties one object may have (Clerk's largest has about 70):
/// every field costs the compiler, and a struct of thousands exhausts it.
pub const MAX_PROPERTIES: usize = 256;
/// The most schema nodes one document may have.
pub const MAX_NODES: usize = 10_000;
/// The most named types one document may make (Clerk's User makes about
/// 120): each costs the compiler, an open enum most (see BENCHMARKS.md).
pub const MAX_TYPES: usize = 1_024;
/// The deepest nesting of properties and items accepted (upstream cuts its
/// documents at six).
pub const MAX_DEPTH: usize = 32;
/// The most values one enum may list.
pub const MAX_ENUM_VALUES: usize = 10_000;

pub use crate::refusal::Refusal;

const TYPES: &[&str] = &[
    "null", "boolean", "object", "array", "number", "string", "integer",
];

/// Checks a parsed schema of `bytes` bytes against what the generator
/// accepts; the first problem found, in document order.
pub fn check(schema: &Value, bytes: usize) -> Result<(), Refusal> {
    let refuse = |pointer: &str, message: String| Err(Refusal::at(pointer, message));
    if bytes > MAX_SCHEMA_BYTES {
        return refuse(
            "",
            format!(
                "the schema is {bytes} bytes; the generator accepts at most {MAX_SCHEMA_BYTES}"
            ),
        );
    }
    if schema.get("nullable") == Some(&Value::Bool(true)) {
        return refuse(
            "",
            "`nullable: true` on the document: a payload is an object, never null; drop it".into(),
        );
    }
    for key in ["$schema", "$id"] {
        if let Some(v) = schema.get(key).filter(|v| !v.is_string()) {
            return refuse("", format!("`{key}` is {v}, not a string"));
        }
    }
    let mut nodes = 0usize;
    let mut first: Option<Refusal> = None;
    crate::walk::walk(schema, &mut |pointer, node| {
        if first.is_some() {
            return;
        }
        nodes += 1;
        let result = if nodes > MAX_NODES {
            refuse(
                pointer,
                format!(
                    "more than {MAX_NODES} schema nodes; the generator accepts at most that many"
                ),
            )
        } else if pointer.matches("/properties/").count() + pointer.matches("/items").count()
            > MAX_DEPTH
        {
            refuse(
                pointer,
                format!(
                    "nested deeper than {MAX_DEPTH} levels; the generator accepts at most that"
                ),
            )
        } else {
            node_ok(schema, pointer, node)
        };
        if let Err(r) = result {
            first = Some(r);
        }
    });
    first.map_or(Ok(()), Err)
}

fn node_ok(root: &Value, pointer: &str, node: &Value) -> Result<(), Refusal> {
    let refuse = |message: String| Err(Refusal::at(pointer, message));
    let Some(obj) = node.as_object() else {
        return Ok(());
    };
    for key in [
        "not",
        "if",
        "then",
        "else",
        "prefixItems",
        "contains",
        "dependentSchemas",
    ] {
        if obj.contains_key(key) {
            return refuse(format!(
                "`{key}` is not supported: describe the values with `type`, `properties`, `enum`, `oneOf` or `allOf` instead"
            ));
        }
    }
    // Keywords whose values must be schemas, lists or maps of schemas.
    for key in ["items", "additionalProperties", "propertyNames"] {
        match obj.get(key) {
            None | Some(Value::Object(_)) | Some(Value::Bool(_)) => {}
            Some(Value::Array(_)) if key == "items" => {
                return refuse(
                    "`items` is a list (a tuple): not supported; give `items` one schema for every element".into(),
                )
            }
            Some(other) => return refuse(format!("`{key}` is {}, not a schema", kind(other))),
        }
    }
    for key in ["properties", "$defs", "definitions", "patternProperties"] {
        match obj.get(key) {
            None => {}
            Some(Value::Object(members)) => {
                if let Some((name, bad)) = members
                    .iter()
                    .find(|(_, v)| !(v.is_object() || v.is_boolean()))
                {
                    return refuse(format!("`{key}/{name}` is {}, not a schema", kind(bad)));
                }
                if key == "properties" && members.len() > MAX_PROPERTIES {
                    return refuse(format!(
                        "{} properties; the generator accepts at most {MAX_PROPERTIES} per object",
                        members.len()
                    ));
                }
            }
            Some(other) => {
                return refuse(format!(
                    "`{key}` is {}, not an object of schemas",
                    kind(other)
                ))
            }
        }
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        match obj.get(key) {
            None => {}
            Some(Value::Array(members)) if members.is_empty() => {
                return refuse(format!(
                    "an empty `{key}` admits no value: give it members or drop it"
                ))
            }
            Some(Value::Array(members)) => {
                if let Some(bad) = members.iter().find(|v| !(v.is_object() || v.is_boolean())) {
                    return refuse(format!(
                        "a member of `{key}` is {}, not a schema",
                        kind(bad)
                    ));
                }
                // Repeated members of a plain union are merged (`prepare`);
                // a discriminated union's members each need their own tag.
                let mut seen = BTreeSet::new();
                for (i, m) in members.iter().enumerate() {
                    if obj.contains_key("discriminator")
                        && key != "allOf"
                        && !seen.insert(m.to_string())
                    {
                        return refuse(format!(
                            "`{key}` member {i} of the discriminated union repeats an earlier member: drop the copy"
                        ));
                    }
                }
            }
            Some(other) => {
                return refuse(format!("`{key}` is {}, not a list of schemas", kind(other)))
            }
        }
    }
    match obj.get("type") {
        None => {}
        Some(Value::String(t)) if TYPES.contains(&t.as_str()) => {}
        Some(Value::Array(ts))
            if !ts.is_empty()
                && ts
                    .iter()
                    .all(|t| t.as_str().is_some_and(|t| TYPES.contains(&t))) => {}
        Some(other) => {
            return refuse(format!(
                "`type` is {other}; the generator accepts one of {} or a list of them",
                TYPES.join(", ")
            ))
        }
    }
    match obj.get("required") {
        None => {}
        Some(Value::Array(names)) if names.iter().all(Value::is_string) => {}
        Some(other) => return refuse(format!("`required` is {other}, not a list of names")),
    }
    match obj.get("enum") {
        None => {}
        Some(Value::Array(values)) if values.is_empty() => {
            return refuse("an empty `enum` admits no value: list its values or drop it".into())
        }
        Some(Value::Array(values)) if values.len() > MAX_ENUM_VALUES => {
            return refuse(format!(
                "{} enum values; the generator accepts at most {MAX_ENUM_VALUES}",
                values.len()
            ))
        }
        // Strings make an open enum; other values only narrow their type
        // (`crate::model::constraints`).
        Some(Value::Array(_)) => {}
        Some(other) => return refuse(format!("`enum` is {}, not a list of values", kind(other))),
    }
    if obj.contains_key("format")
        && !obj.contains_key("type")
        && !["$ref", "oneOf", "anyOf", "allOf", "enum"]
            .iter()
            .any(|k| obj.contains_key(*k))
    {
        return refuse(
            "a `format` without a `type`: say which type it formats (`type: integer` for `int64`)"
                .into(),
        );
    }
    if let Some(default) = obj.get("default") {
        if let Some(types) = declared_types(obj) {
            let fits = types.iter().any(|t| match *t {
                "null" => default.is_null(),
                "boolean" => default.is_boolean(),
                "integer" => default.is_i64() || default.is_u64(),
                "number" => default.is_number(),
                "string" => default.is_string(),
                "array" => default.is_array(),
                "object" => default.is_object(),
                _ => true,
            }) || (default.is_null() && obj.get("nullable") == Some(&Value::Bool(true)));
            if !fits {
                return refuse(format!(
                    "`default` {} is not of the node's `type` ({}): the schema contradicts itself; fix the default upstream",
                    excerpt(default),
                    types.join(", ")
                ));
            }
        }
    }
    // Every other keyword as typify's schema model reads it (`format: 7`,
    // `title: []`...), the node alone, its subschemas left to their turn.
    let mut alone = obj.clone();
    alone.retain(|k, v| !crate::walk::holds_subschemas(k, Some(v)));
    if let Err(e) = serde_json::from_value::<schemars::schema::Schema>(Value::Object(alone)) {
        return refuse(format!(
            "a keyword has a value of the wrong kind ({e}): see JSON Schema's meta-schema for what each keyword holds"
        ));
    }
    if let Some(reference) = obj.get("$ref") {
        let Some(target) = reference.as_str().and_then(|r| r.strip_prefix('#')) else {
            return refuse(format!(
                "`$ref` {reference} is not a reference into this document (`#/...`): the generator does not fetch other documents"
            ));
        };
        let Some(resolved) = root.pointer(target) else {
            return refuse(format!(
                "`$ref` {reference} points at nothing in this document"
            ));
        };
        if resolved.get("$ref") == Some(reference) || target == pointer {
            return refuse(format!("`$ref` {reference} refers to itself"));
        }
    }
    if let Some(d) = obj.get("discriminator") {
        let property = d.get("propertyName").and_then(Value::as_str);
        if property.is_none() {
            return refuse("`discriminator` has no string `propertyName`".into());
        }
        let members = obj.get("oneOf").or_else(|| obj.get("anyOf"));
        for (i, m) in members
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if m.get("$ref").is_some() {
                return refuse(format!(
                    "member {i} of the discriminated union is a `$ref`: not supported yet; write the member inline"
                ));
            }
            if !m.get("properties").is_some_and(Value::is_object) {
                return refuse(format!(
                    "member {i} of the discriminated union is not an object with `properties`: every member must be one"
                ));
            }
        }
    }
    if obj.get("nullable") == Some(&Value::Bool(true))
        && (pointer.starts_with("/$defs/") || pointer.starts_with("/definitions/"))
        && pointer.matches('/').count() == 2
    {
        return refuse(
            "`nullable: true` on a definition: put `nullable` where the definition is used".into(),
        );
    }
    Ok(())
}

/// The names in a node's `type`, if it has one.
fn declared_types(obj: &serde_json::Map<String, Value>) -> Option<Vec<&str>> {
    match obj.get("type")? {
        Value::String(t) => Some(vec![t.as_str()]),
        Value::Array(ts) => Some(ts.iter().filter_map(Value::as_str).collect()),
        _ => None,
    }
}

/// A value for a message: short, whatever its size.
fn excerpt(v: &Value) -> String {
    let text = v.to_string();
    if text.len() <= 40 {
        return text;
    }
    let cut = (0..=40)
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    format!("{}… ({} bytes)", &text[..cut], text.len())
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn refused(schema: Value) -> String {
        let r = check(&schema, 100).expect_err("refused");
        format!("{}: {}", r.pointer, r.message)
    }

    #[test]
    fn the_dialect_is_accepted() {
        let s = json!({"type": "object", "properties": {
            "a": {"type": ["string", "null"], "enum": ["x", null]},
            "b": {"oneOf": [{"type": "object", "properties": {"k": {"enum": ["p"]}}}], "discriminator": {"propertyName": "k"}},
            "c": {"$ref": "#/$defs/C"},
            "d": {"type": "boolean", "enum": [true]},
            "e": {"enum": ["x", 1]}
        }, "$defs": {"C": {"type": "integer"}}, "required": ["a"]});
        assert_eq!(check(&s, 100), Ok(()));
    }

    #[test]
    fn unsupported_constructs_are_refused_with_a_pointer() {
        let cases = [
            (
                json!({"properties": {"a": {"not": {}}}}),
                "/properties/a: `not` is not supported",
            ),
            (
                json!({"properties": {"a": {"items": [{}]}}}),
                "/properties/a: `items` is a list",
            ),
            (
                json!({"properties": {"a": {"oneOf": []}}}),
                "/properties/a: an empty `oneOf`",
            ),
            (
                json!({"properties": {"a": {"type": 5}}}),
                "/properties/a: `type` is 5",
            ),
            (
                json!({"properties": {"a": 5}}),
                "/: `properties/a` is a number",
            ),
            (
                json!({"properties": {"a": {"$ref": "#/$defs/X"}}}),
                "/properties/a: `$ref` \"#/$defs/X\" points at nothing",
            ),
            (
                json!({"$defs": {"A": {"$ref": "#/$defs/A"}}}),
                "/$defs/A: `$ref` \"#/$defs/A\" refers to itself",
            ),
            (
                json!({"nullable": true}),
                "/: `nullable: true` on the document",
            ),
            (
                json!({"$defs": {"A": {"type": "object", "nullable": true}}}),
                "/$defs/A: `nullable: true` on a definition",
            ),
            (
                json!({"oneOf": [{"properties": {}}, {"properties": {}}], "discriminator": {"propertyName": "k"}}),
                "/: `oneOf` member 1 of the discriminated union repeats",
            ),
            (
                json!({"oneOf": [{"$ref": "#/$defs/A"}], "discriminator": {"propertyName": "k"}, "$defs": {"A": {}}}),
                "/: member 0 of the discriminated union is a `$ref`",
            ),
        ];
        for (schema, expect) in cases {
            let got = refused(schema);
            assert!(got.starts_with(expect), "{got}\nexpected {expect}");
        }
    }

    #[test]
    fn limits_are_checked() {
        let many: serde_json::Map<String, Value> = (0..=MAX_PROPERTIES)
            .map(|i| (format!("p{i}"), json!({})))
            .collect();
        assert!(refused(json!({"properties": many})).contains("at most 256 per object"));
        assert!(check(&json!({}), MAX_SCHEMA_BYTES + 1).is_err());
    }
}
