//! Rewrites of the normalized schema for generation only (strict
//! validation keeps the schema as normalize left it).
//!
//! - Validation keywords go (`pattern`, string `format`s, lengths, ranges,
//!   `uniqueItems`, ...; the model's rule, [`crate::model::constraints`]):
//!   typify would make newtypes, parsers or sets that refuse or reorder
//!   values at decode time. Strict validation still checks them. Of the
//!   numeric formats only `int64` and `double` stay: they pick `i64`/`f64`.
//! - A `required` entry that names none of an object's own `properties` is
//!   dropped: there is no schema to type it by (typify would make it a
//!   required `Value`, so a payload without it would fail); strict
//!   validation still requires it. Objects that compose (`allOf`, ...) or
//!   have no `properties` of their own (an `anyOf` of required sets) keep
//!   theirs: the properties are elsewhere.
//! - An `anyOf`/`oneOf` whose members only list `required` properties of
//!   the object itself ("`domain` or `domains`") is dropped: typify would
//!   make an untagged enum of whole struct copies that differ only in which
//!   field is optional. One struct with both fields optional decodes every
//!   payload either member accepts; strict validation keeps the rule.
//! - The members of a discriminated union move to `$defs` (by their names)
//!   and are referenced from there, so each becomes a struct of its own that
//!   the renderer can wrap in a tagged enum; so do the object members of a
//!   plain `oneOf`/`anyOf` (what Clerk's `verifyOAuthAccessToken` answers),
//!   so that each variant is a struct rendered like any object, lenient and
//!   lossless, not typify's inline fields.
//! - Nodes whose type is already generated elsewhere (an identical subschema
//!   in this or an earlier schema) move to `$defs` too, where typify
//!   replaces them with the existing type instead of generating another.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::walk;

/// Applies the rewrites; `shared` names the nodes (by title) to generate as
/// definitions, so that typify can share them (replacing all but one).
pub fn prepare(schema: &mut Value, shared: &BTreeSet<String>) {
    defs_by_title(schema);
    let mut defs: Vec<(String, Value)> = Vec::new();
    // The root first, then each hoisted subtree, which may hoist in turn.
    let mut pending: Vec<(Option<String>, Value)> = vec![(None, std::mem::take(schema))];
    while let Some((name, mut tree)) = pending.pop() {
        let mut hoisted = Vec::new();
        walk::walk_mut(&mut tree, &mut |pointer, node| {
            drop_value_constraints(node);
            canonical_tags(node);
            drop_unbacked_required(node);
            drop_presence_alternatives(node);
            distinct_fields(node);
            merge_repeated_members(node);
            distinct_enum_values(node);
            hoist_union_members(node, &mut hoisted, pointer.is_empty());
            if pointer.is_empty() {
                return;
            }
            hoist_shared(node, shared, &mut hoisted);
        });
        match name {
            None => *schema = tree,
            Some(name) => defs.push((name, tree)),
        }
        pending.extend(hoisted.into_iter().map(|(name, node)| (Some(name), node)));
    }
    let root_shared = schema
        .get("title")
        .and_then(Value::as_str)
        .is_some_and(|t| shared.contains(t));
    if root_shared {
        hoist_root(schema);
    }
    if defs.is_empty() {
        return;
    }
    let Some(root) = schema.as_object_mut() else {
        return;
    };
    let slot = root
        .entry("$defs")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(map) = slot.as_object_mut() {
        for (name, node) in defs {
            map.insert(name, node);
        }
    }
}

/// A tag with aliases (`crate::passes::aliases`) goes to typify with its own value
/// alone: the model adds the aliases back and the renderer writes it whole.
fn canonical_tags(node: &mut Value) {
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    let Some(Value::Array(aliases)) = obj.remove(crate::passes::aliases::ALIASES_KEYWORD) else {
        return;
    };
    if let Some(Value::Array(values)) = obj.get_mut("enum") {
        values.retain(|v| !aliases.contains(v));
    }
}

/// The model's rule ([`crate::model::constraints`]): validation keywords
/// never refuse a payload, so typify never sees them.
fn drop_value_constraints(node: &mut Value) {
    if let Some(obj) = node.as_object_mut() {
        crate::model::constraints::drop_value_constraints(obj);
    }
}

/// The names in a node's `required` that no property backs: not in its own
/// `properties`, nor in those of its `allOf`/`anyOf`/`oneOf` members. A node
/// without `properties` of its own backs nothing and judges nothing (an
/// `anyOf` member `{required: [...]}` names its parent's properties).
pub fn unbacked_required(node: &Value) -> Vec<String> {
    let Some(properties) = node.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let in_members = |name: &str| {
        ["allOf", "anyOf", "oneOf"].iter().any(|k| {
            node.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|members| {
                    members.iter().any(|m| {
                        m.get("properties")
                            .and_then(Value::as_object)
                            .is_some_and(|p| p.contains_key(name))
                    })
                })
        })
    };
    node.get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|name| !properties.contains_key(*name) && !in_members(name))
        .map(str::to_owned)
        .collect()
}

/// typify names a definition after its key, not its title, so `$defs` keys
/// that make the same identifier (`a-b`, `a_b`) would become one type. Each
/// definition moves under its title (the name naming gave it, unique), and
/// every `$ref` to it follows.
fn defs_by_title(schema: &mut Value) {
    let mut moves: Vec<(String, String)> = Vec::new();
    for key in ["$defs", "definitions"] {
        let Some(Value::Object(defs)) = schema.get_mut(key) else {
            continue;
        };
        let renames: Vec<(String, String)> = defs
            .iter()
            .filter_map(|(name, def)| {
                let title = def.get("title")?.as_str()?;
                (title != name).then(|| (name.clone(), title.to_owned()))
            })
            .collect();
        for (old, new) in renames {
            if defs.contains_key(&new) {
                continue;
            }
            if let Some(def) = defs.remove(&old) {
                defs.insert(new.clone(), def);
                moves.push((
                    format!("#/{key}/{}", walk::escape(&old)),
                    format!("#/{key}/{}", walk::escape(&new)),
                ));
            }
        }
    }
    if moves.is_empty() {
        return;
    }
    walk::walk_mut(schema, &mut |_, node| {
        if let Some(Value::String(reference)) = node.get_mut("$ref") {
            if let Some((_, new)) = moves.iter().find(|(old, _)| old == reference) {
                *reference = new.clone();
            }
        }
    });
}

/// typify gives up on an enum whose values make the same identifier
/// (`a-b`, `a_b`). Such an enum has two values or more, so it is open and
/// the renderer writes it whole from the model, wire values and
/// identifiers included: typify sees stand-in values (`v0`, `v1`, ...) and
/// only names the type.
fn distinct_enum_values(node: &mut Value) {
    let Some(Value::Array(values)) = node.get("enum") else {
        return;
    };
    let names: Vec<String> = values
        .iter()
        .filter_map(Value::as_str)
        .map(crate::case::type_name)
        .collect();
    let distinct: BTreeSet<&String> = names.iter().collect();
    if distinct.len() == names.len() {
        return;
    }
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(values)) = obj.get_mut("enum") {
        for (i, v) in values.iter_mut().filter(|v| v.is_string()).enumerate() {
            *v = Value::String(format!("v{i}"));
        }
    }
    obj.remove("default");
}

/// A plain `oneOf`/`anyOf` that lists the same schema twice (upstream's
/// truncation can leave several `{}` members) would get two variants of one
/// type: the copies go. Names are not compared (each member got its own).
fn merge_repeated_members(node: &mut Value) {
    if node.get("discriminator").is_some() {
        return;
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(members)) = node.get_mut(key) {
            let mut seen = BTreeSet::new();
            members.retain(|m| seen.insert(crate::canonical(m)));
        }
    }
}

/// Renames the properties whose Rust fields would collide (`fooBar` and
/// `foo_bar`) to the distinct field names [`crate::case::field_names`]
/// gives them, in `properties` and `required` alike; the model maps them
/// back to their JSON names, which the generated serde code uses.
fn distinct_fields(node: &mut Value) {
    let Some(properties) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    let renames: Vec<(String, String)> =
        crate::case::field_names(properties.keys().map(String::as_str))
            .into_iter()
            .filter(|(json, rust)| crate::case::field_name(json) != *rust)
            .map(|(json, rust)| (json.to_owned(), rust))
            .collect();
    if renames.is_empty() {
        return;
    }
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    if let Some(Value::Object(properties)) = obj.get_mut("properties") {
        for (json, rust) in &renames {
            if let Some(schema) = properties.remove(json) {
                properties.insert(rust.clone(), schema);
            }
        }
    }
    if let Some(Value::Array(required)) = obj.get_mut("required") {
        for r in required.iter_mut() {
            if let Some((_, rust)) = renames.iter().find(|(json, _)| r == json) {
                *r = Value::String(rust.clone());
            }
        }
    }
}

fn drop_unbacked_required(node: &mut Value) {
    let unbacked = unbacked_required(node);
    if unbacked.is_empty() {
        return;
    }
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(required)) = obj.get_mut("required") {
        required.retain(|r| r.as_str().is_none_or(|n| !unbacked.iter().any(|u| u == n)));
        if required.is_empty() {
            obj.remove("required");
        }
    }
}

/// Drops an `anyOf`/`oneOf` of presence rules ([`presence_rules`]).
fn drop_presence_alternatives(node: &mut Value) {
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    for key in presence_rules(obj) {
        obj.remove(key);
    }
}

/// The keywords (`anyOf`, `oneOf`) of `obj` whose members only require
/// some of `obj`'s own properties ("`domain` or `domains`"): rules on which
/// members are present, which the types do not enforce.
pub(crate) fn presence_rules(obj: &Map<String, Value>) -> Vec<&'static str> {
    let Some(properties) = obj.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let requires_own = |m: &Value| {
        m.as_object().is_some_and(|m| {
            m.keys().all(|k| {
                matches!(
                    k.as_str(),
                    "required" | "description" | "title" | "$comment"
                )
            }) && m
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| {
                    r.iter()
                        .all(|n| n.as_str().is_some_and(|n| properties.contains_key(n)))
                })
        })
    };
    ["anyOf", "oneOf"]
        .into_iter()
        .filter(|k| {
            obj.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|members| !members.is_empty() && members.iter().all(requires_own))
        })
        .collect()
}

/// Replaces `node` by a reference to `$defs/<its title>`, returning the
/// definition. A node that also admits `null` keeps that outside:
/// `oneOf: [{type: null}, {$ref}]`.
fn take_as_ref(node: &mut Value) -> Option<(String, Value)> {
    let name = node.get("title")?.as_str()?.to_owned();
    let mut def = std::mem::take(node);
    let reference = json!({"$ref": format!("#/$defs/{}", crate::walk::escape(&name))});
    let nullable = strip_null(&mut def);
    *node = if nullable {
        json!({"oneOf": [{"type": "null"}, reference]})
    } else {
        reference
    };
    Some((name, def))
}

/// Removes `null` from a definition's `type` and `enum`; whether it was
/// there.
fn strip_null(def: &mut Value) -> bool {
    let mut had = false;
    if let Some(Value::Array(types)) = def.get_mut("type") {
        let before = types.len();
        types.retain(|t| t != "null");
        had |= types.len() != before;
        if types.len() == 1 {
            let only = types.remove(0);
            def["type"] = only;
        }
    }
    if let Some(Value::Array(values)) = def.get_mut("enum") {
        let before = values.len();
        values.retain(|v| !v.is_null());
        had |= values.len() != before;
    }
    had
}

fn hoist_union_members(node: &mut Value, hoisted: &mut Vec<(String, Value)>, root: bool) {
    let discriminated = node.get("discriminator").is_some();
    if root && discriminated {
        return;
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(members)) = node.get_mut(key) {
            for member in members.iter_mut() {
                // A member of a plain union that is an object becomes a
                // struct of its own too, rendered like every object
                // (unknown members kept, absent ones allowed), instead of
                // typify's variant with its fields inline, which refuses
                // what it does not list.
                // (`crate::model::keeps_other_objects` relies on it.)
                let object = crate::model::has_members(member);
                if member.get("$ref").is_none() && (discriminated || object) {
                    hoisted.extend(take_as_ref(member));
                }
            }
            if !discriminated {
                continue;
            }
            // typify uses the member of a one-member union in its place,
            // which would leave no catch-all for the variants a newer API
            // adds: a second reference to the same member keeps an enum,
            // which the renderer replaces by the tagged union of the model.
            if members.len() == 1 && members[0].get("$ref").is_some() {
                let again = members[0].clone();
                members.push(again);
            }
        }
    }
}

fn hoist_shared(node: &mut Value, shared: &BTreeSet<String>, hoisted: &mut Vec<(String, Value)>) {
    let is_shared = node
        .get("title")
        .and_then(Value::as_str)
        .is_some_and(|t| shared.contains(t));
    if is_shared {
        hoisted.extend(take_as_ref(node));
    }
}

/// typify replaces only definitions, never the root: a shared root moves
/// under `$defs` and the root becomes a reference to it.
fn hoist_root(schema: &mut Value) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let mut root = Map::new();
    for key in ["$schema", "$id", "$defs", "definitions"] {
        if let Some(v) = obj.remove(key) {
            root.insert(key.to_owned(), v);
        }
    }
    let Some(name) = obj.get("title").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    let body = Value::Object(std::mem::take(obj));
    let defs = root
        .entry("$defs")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(map) = defs.as_object_mut() {
        map.insert(name, body);
    }
    *schema = Value::Object(root);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> BTreeSet<String> {
        BTreeSet::new()
    }

    #[test]
    fn validation_keywords_go_integer_formats_stay() {
        let mut s = json!({"properties": {
            "a": {"type": "string", "pattern": "^x$", "format": "date-time"},
            "b": {"type": "integer", "format": "int64"}
        }});
        prepare(&mut s, &none());
        assert_eq!(s["properties"]["a"], json!({"type": "string"}));
        assert_eq!(s["properties"]["b"]["format"], "int64");
    }

    #[test]
    fn presence_alternatives_go_other_alternatives_stay() {
        let mut s = json!({"type": "object",
            "properties": {"domain": {"type": "string"}, "domains": {"type": "array"}},
            "anyOf": [{"required": ["domain"]}, {"required": ["domains"]}]});
        prepare(&mut s, &none());
        assert_eq!(s.get("anyOf"), None);
        // A member with a schema of its own, or naming no property here.
        for members in [
            json!([{"required": ["domain"]}, {"required": ["domains"], "type": "object"}]),
            json!([{"required": ["domain"]}, {"required": ["elsewhere"]}]),
        ] {
            let mut s = json!({"properties": {"domain": {}, "domains": {}}, "oneOf": members});
            prepare(&mut s, &none());
            assert_eq!(s["oneOf"], members);
        }
    }

    #[test]
    fn a_discriminated_union_of_one_member_stays_a_union() {
        let member =
            json!({"title": "A", "type": "object", "properties": {"object": {"enum": ["a"]}}});
        let mut s = json!({"properties": {"v": {"title": "V",
            "discriminator": {"propertyName": "object"}, "oneOf": [member]}}});
        prepare(&mut s, &none());
        assert_eq!(
            s["properties"]["v"]["oneOf"],
            json!([{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/A"}])
        );
    }

    #[test]
    fn required_entries_without_a_property_are_dropped() {
        let mut s = json!({"properties": {"a": {}}, "required": ["a", "ghost"]});
        prepare(&mut s, &none());
        assert_eq!(s["required"], json!(["a"]));
        let mut s = json!({"type": "object", "properties": {}, "required": ["ghost"]});
        prepare(&mut s, &none());
        assert!(s.get("required").is_none());
        // An `anyOf` of required sets names the parent's properties.
        let mut s = json!({"anyOf": [{"required": ["a"]}]});
        prepare(&mut s, &none());
        assert_eq!(s["anyOf"][0]["required"], json!(["a"]));
        // A composed object: its members' properties back names too.
        let mut s = json!({
            "properties": {"a": {}},
            "required": ["a", "b", "ghost"],
            "allOf": [{"properties": {"b": {}}}],
            "anyOf": [{"required": ["a"]}]
        });
        prepare(&mut s, &none());
        assert_eq!(s["required"], json!(["a", "b"]));
    }

    #[test]
    fn union_members_move_to_defs() {
        let mut s = json!({"title": "Root", "properties": {"v": {
            "title": "V",
            "oneOf": [
                {"title": "VA", "properties": {"inner": {"title": "VAInner", "oneOf": [{"title": "X"}], "discriminator": {"propertyName": "k"}}}},
                {"title": "VB", "type": ["object", "null"]}
            ],
            "discriminator": {"propertyName": "object"}
        }}});
        prepare(&mut s, &none());
        assert_eq!(
            s["properties"]["v"]["oneOf"][0],
            json!({"$ref": "#/$defs/VA"})
        );
        assert_eq!(
            s["properties"]["v"]["oneOf"][1],
            json!({"oneOf": [{"type": "null"}, {"$ref": "#/$defs/VB"}]})
        );
        assert_eq!(s["$defs"]["VB"]["type"], "object");
        // Nested unions inside hoisted members are handled too.
        assert_eq!(
            s["$defs"]["VA"]["properties"]["inner"]["oneOf"][0],
            json!({"$ref": "#/$defs/X"})
        );
        assert_eq!(s["$defs"]["X"]["title"], "X");
    }

    #[test]
    fn shared_nodes_and_roots_become_references() {
        let shared: BTreeSet<String> = ["Session".to_owned(), "Thing".to_owned()].into();
        let mut s = json!({"title": "Session", "$schema": "x", "properties": {"t": {"title": "Thing", "type": ["object", "null"], "properties": {}}}});
        prepare(&mut s, &shared);
        assert_eq!(s["$schema"], "x");
        assert!(s.get("title").is_none());
        assert_eq!(
            s["$defs"]["Session"]["properties"]["t"],
            json!({"oneOf": [{"type": "null"}, {"$ref": "#/$defs/Thing"}]})
        );
        assert_eq!(s["$defs"]["Thing"]["type"], "object");
    }
}
