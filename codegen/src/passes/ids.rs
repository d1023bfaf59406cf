//! Members that hold a Clerk id ([`crate::model::ids`] decides which) become
//! references to `$defs/<the id type>` (`{type: string}`), which typify
//! replaces by the crate's `crate::ids::UserId`: one type for every module,
//! so a `Session`'s `user_id` and a `User`'s `id` are the same type.
//! Generation only: strict validation keeps the member as upstream wrote
//! it (its `pattern` still checked).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::model::ids::{self, Ids};
use crate::rust_type::id_path;
use crate::walk;

/// One member to rewrite: where, which id type, and whether it is a list
/// (its `items` are the id).
struct Planned {
    pointer: String,
    name: String,
    many: bool,
}

/// Rewrites the id members of `schema` and adds the definitions they
/// refer to; returns the replacements typify needs (definition name ->
/// Rust path). A type of the same name already in the schema keeps its
/// kind's members as they were.
pub fn type_ids(schema: &mut Value, ids: &Ids) -> BTreeMap<String, String> {
    let mut plan = Vec::new();
    visit(schema, &mut String::new(), None, None, ids, &mut plan);
    let mut replace = BTreeMap::new();
    // The definitions go in the root's `$defs`: a schema whose root is no
    // object or whose `$defs` is no map keeps its strings.
    let defs_ok = schema
        .as_object()
        .is_some_and(|root| root.get("$defs").is_none_or(Value::is_object));
    if plan.is_empty() || !defs_ok {
        return replace;
    }
    let taken = existing_defs(schema);
    plan.retain(|p| !taken.contains(&p.name));
    for p in &plan {
        let target = if p.many {
            format!("{}/items", p.pointer)
        } else {
            p.pointer.clone()
        };
        if let Some(node) = schema.pointer_mut(&target) {
            *node = reference(&p.name, node);
            replace.insert(p.name.clone(), id_path(&p.name));
        }
    }
    if let Some(root) = schema.as_object_mut() {
        let defs = root
            .entry("$defs")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(defs) = defs.as_object_mut() {
            for name in replace.keys() {
                defs.insert(name.clone(), json!({"type": "string", "title": name}));
            }
        }
    }
    replace
}

/// The type names the schema has already: its definitions' keys and every
/// title (each a type typify makes).
fn existing_defs(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for key in ["$defs", "definitions"] {
        let defs = schema.get(key).and_then(Value::as_object);
        out.extend(defs.into_iter().flatten().map(|(name, _)| name.clone()));
    }
    walk::walk(schema, &mut |_, node| {
        out.extend(node.get("title").and_then(Value::as_str).map(str::to_owned));
    });
    out
}

/// A reference to id type `name` in place of string member `node`; a
/// member that admits `null` keeps it outside the reference.
fn reference(name: &str, node: &Value) -> Value {
    let reference = json!({"$ref": format!("#/$defs/{}", walk::escape(name))});
    let nullable = match node.get("type") {
        Some(Value::Array(types)) => types.iter().any(|t| t == "null"),
        _ => false,
    };
    if nullable {
        json!({"oneOf": [{"type": "null"}, reference]})
    } else {
        reference
    }
}

/// Plans the id members of `node` and below. `owner` is the nearest Rust
/// name above (what the pins are keyed by), `tag` the `object` tag an
/// `allOf` shares with its parts.
fn visit(
    node: &Value,
    pointer: &mut String,
    owner: Option<&str>,
    tag: Option<&str>,
    ids: &Ids,
    plan: &mut Vec<Planned>,
) {
    let owner = node.get("title").and_then(Value::as_str).or(owner);
    let tag = ids::own_tag(node).or_else(|| all_of_tag(node)).or(tag);
    if let Some(Value::Object(properties)) = node.get("properties") {
        for (member, schema) in properties {
            let many = if ids::is_string(Some(schema)) {
                false
            } else if ids::is_string_list(Some(schema)) {
                true
            } else {
                continue;
            };
            if let Some(kind) = ids.of_member(owner, tag, member, many) {
                plan.push(Planned {
                    pointer: format!("{pointer}/properties/{}", walk::escape(member)),
                    name: kind.name.clone(),
                    many,
                });
            }
        }
    }
    for (step, child) in walk::children(node) {
        let len = pointer.len();
        let here = step.pointer();
        pointer.push_str(&here);
        // The parts of an `allOf` are the object: its name and tag hold
        // there; anything else below is an object of its own.
        let inherits = matches!(step, walk::Step::Index("allOf", _));
        let (o, t) = if inherits { (owner, tag) } else { (None, None) };
        visit(child, pointer, o, t, ids, plan);
        pointer.truncate(len);
    }
}

/// The tag one of an `allOf`'s parts gives the whole.
fn all_of_tag(node: &Value) -> Option<&str> {
    node.get("allOf")?.as_array()?.iter().find_map(ids::own_tag)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::naming::names::Names;

    fn ids() -> Ids {
        let set = vec![(
            "user".to_owned(),
            json!({"properties": {
                "object": {"type": "string", "enum": ["user"]},
                "id": {"type": "string"}
            }}),
        )];
        Ids::of_set(&set, &Names::empty())
    }

    /// `id`, `user_id` (nullable too) and `user_ids` become references; an
    /// `allOf` part's `id` takes the tag of its sibling part; a nested
    /// object's `id` does not take its parent's tag.
    #[test]
    fn rewrites_id_members() {
        let mut schema = json!({
            "title": "Thing",
            "allOf": [
                {"properties": {"id": {"type": "string"}}},
                {"properties": {"object": {"type": "string", "enum": ["user"]}}}
            ],
            "properties": {
                "user_id": {"type": ["string", "null"]},
                "user_ids": {"type": "array", "items": {"type": "string"}},
                "nested": {"title": "Nested", "properties": {"id": {"type": "string"}}}
            }
        });
        let replace = type_ids(&mut schema, &ids());
        assert_eq!(
            replace.get("UserId").map(String::as_str),
            Some("crate::ids::UserId")
        );
        let to = json!({"$ref": "#/$defs/UserId"});
        assert_eq!(schema["allOf"][0]["properties"]["id"], to);
        assert_eq!(schema["properties"]["user_id"]["oneOf"][1], to);
        assert_eq!(schema["properties"]["user_ids"]["items"], to);
        assert_eq!(
            schema["properties"]["nested"]["properties"]["id"],
            json!({"type": "string"})
        );
        assert_eq!(schema["$defs"]["UserId"]["type"], "string");
    }

    /// A type the schema already has under the id type's name wins.
    #[test]
    fn leaves_a_taken_name_alone() {
        let mut schema = json!({
            "properties": {"user_id": {"type": "string"}},
            "$defs": {"UserId": {"type": "integer"}}
        });
        assert!(type_ids(&mut schema, &ids()).is_empty());
        assert_eq!(schema["properties"]["user_id"], json!({"type": "string"}));
    }
}
