//! Upstream's truncation, undone where the vendored set itself says what was
//! cut.
//!
//! api-evangelist derives each file from Clerk's OpenAPI by inlining every
//! `$ref` and replacing every node nested six or more levels deep with `{}`
//! (an empty schema: anything goes). The User schema is deep enough to be
//! cut: its copies of EmailAddress, PhoneNumber, ... differ from the root
//! schemas of the same objects only where a node became `{}`.
//!
//! A cut is a hole, not a statement that anything goes: every copy of a
//! `$ref` was the same subschema before it was cut. So where an object
//! schema that contains holes equals another object schema of the set
//! everywhere but at its holes (documentation aside), and every such copy
//! agrees on what fills them, the holes are filled from it. The result feeds
//! generation *and* strict validation (one schema for both, so decoding stays
//! at least as lenient as validation), and the copies become one Rust type
//! by the usual sharing of identical subschemas.
//!
//! A hole that no uncut copy explains stays `{}` (a `serde_json::Value`):
//! nothing is guessed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::walk;

/// Keywords that document a node and do not change what it accepts; copies
/// of one definition may differ in them (a root carries its own title).
const DOCUMENTATION: &[&str] = &[
    "description",
    "title",
    "$schema",
    "$id",
    "$comment",
    "examples",
    "example",
];

/// One hole filled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    /// The schema key of the cut copy (`user`).
    pub schema: String,
    /// JSON pointer of the hole in that schema.
    pub pointer: String,
    /// Where the filling came from: `key#pointer` of the uncut copy.
    pub from: String,
}

/// Fills the holes of `schemas` (`(key, schema)`) that an uncut copy in the
/// set explains, and says which.
pub fn restore(schemas: &mut [(String, Value)]) -> Vec<Restored> {
    let holes: Vec<BTreeSet<String>> = schemas.iter().map(|(_, s)| holes(s)).collect();
    if holes.iter().all(BTreeSet::is_empty) {
        return Vec::new();
    }
    let covers = Covers::index(schemas, &holes);
    let mut fills: Vec<(usize, String, Value, String)> = Vec::new();
    for (i, (_, schema)) in schemas.iter().enumerate() {
        let objects = objects(schema);
        let mut done: BTreeSet<&str> = BTreeSet::new();
        for hole in &holes[i] {
            if done.contains(hole.as_str()) {
                continue;
            }
            // The nearest enclosing object first; more context only where
            // the copies it matches disagree.
            let ancestors = objects
                .iter()
                .filter(|p| hole.starts_with(&format!("{p}/")))
                .rev();
            for ancestor in ancestors {
                let Some(cut) = schema.pointer(ancestor) else {
                    continue;
                };
                let inside: BTreeSet<&str> = holes[i]
                    .iter()
                    .filter(|h| h.starts_with(&format!("{ancestor}/")))
                    .map(|h| &h[ancestor.len()..])
                    .collect();
                match covers.agreed(cut, &inside) {
                    Agreement::Filled(found, from) => {
                        for (relative, value) in found {
                            fills.push((i, format!("{ancestor}{relative}"), value, from.clone()));
                        }
                        for h in holes[i]
                            .iter()
                            .filter(|h| h.starts_with(&format!("{ancestor}/")))
                        {
                            done.insert(h);
                        }
                        break;
                    }
                    Agreement::Ambiguous => continue,
                    Agreement::None => break,
                }
            }
        }
    }
    let mut restored = Vec::with_capacity(fills.len());
    for (i, pointer, value, from) in fills {
        let (key, schema) = &mut schemas[i];
        if let Some(node) = schema.pointer_mut(&pointer) {
            *node = value;
            restored.push(Restored {
                schema: key.clone(),
                pointer,
                from,
            });
        }
    }
    restored.sort_by(|a, b| (&a.schema, &a.pointer).cmp(&(&b.schema, &b.pointer)));
    restored
}

/// Pointers of the empty subschemas (`{}`) of `schema`.
fn holes(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    walk::walk(schema, &mut |pointer, node| {
        if !pointer.is_empty() && node.as_object().is_some_and(|o| o.is_empty()) {
            out.insert(pointer.to_owned());
        }
    });
    out
}

/// Pointers of the object schemas (with `properties`) of `schema`, in walk
/// order (an ancestor before its descendants).
fn objects(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk::walk(schema, &mut |pointer, node| {
        if node.get("properties").is_some_and(Value::is_object) {
            out.push(pointer.to_owned());
        }
    });
    out
}

/// The property names of an object schema, as a lookup key.
fn signature(node: &Value) -> Option<String> {
    let properties = node.get("properties")?.as_object()?;
    Some(properties.keys().cloned().collect::<Vec<_>>().join("\u{0}"))
}

/// The uncut object schemas of the set, by property names.
struct Covers<'a> {
    by_signature: HashMap<String, Vec<(String, &'a Value)>>,
}

enum Agreement {
    /// Every copy that matches fills the holes alike: the fillings, by
    /// pointer relative to the object, and the first copy's place.
    Filled(Vec<(String, Value)>, String),
    /// Copies match but fill the holes differently.
    Ambiguous,
    /// No uncut copy matches.
    None,
}

impl<'a> Covers<'a> {
    fn index(schemas: &'a [(String, Value)], holes: &[BTreeSet<String>]) -> Self {
        let mut by_signature: HashMap<String, Vec<(String, &'a Value)>> = HashMap::new();
        for ((key, schema), holes) in schemas.iter().zip(holes) {
            walk::walk(schema, &mut |pointer, node| {
                let cut = holes
                    .iter()
                    .any(|h| h == pointer || h.starts_with(&format!("{pointer}/")));
                if cut {
                    return;
                }
                if let Some(sig) = signature(node) {
                    by_signature
                        .entry(sig)
                        .or_default()
                        .push((format!("{key}#{pointer}"), node));
                }
            });
        }
        Covers { by_signature }
    }

    fn agreed(&self, cut: &Value, holes: &BTreeSet<&str>) -> Agreement {
        let Some(candidates) = signature(cut).and_then(|s| self.by_signature.get(&s)) else {
            return Agreement::None;
        };
        let mut agreed: Option<(BTreeMap<String, Value>, &str)> = None;
        for (place, full) in candidates {
            let mut found = BTreeMap::new();
            if !matches(cut, full, &mut String::new(), holes, &mut found) {
                continue;
            }
            match &agreed {
                None => agreed = Some((found, place)),
                Some((first, _)) if *first == found => {}
                Some(_) => return Agreement::Ambiguous,
            }
        }
        match agreed {
            Some((found, place)) => {
                Agreement::Filled(found.into_iter().collect(), place.to_owned())
            }
            None => Agreement::None,
        }
    }
}

/// Whether `full` equals `cut` everywhere but at `cut`'s holes (pointers
/// relative to the node where matching started) and documentation; the
/// nodes at the holes go to `found`.
fn matches(
    cut: &Value,
    full: &Value,
    pointer: &mut String,
    holes: &BTreeSet<&str>,
    found: &mut BTreeMap<String, Value>,
) -> bool {
    if holes.contains(pointer.as_str()) {
        if full.as_object().is_some_and(|o| !o.is_empty()) {
            found.insert(pointer.clone(), full.clone());
        }
        return true;
    }
    let (Some(c), Some(f)) = (cut.as_object(), full.as_object()) else {
        return cut == full;
    };
    let keys = |o: &serde_json::Map<String, Value>| -> BTreeSet<String> {
        o.keys()
            .filter(|k| !DOCUMENTATION.contains(&k.as_str()))
            .cloned()
            .collect()
    };
    if keys(c) != keys(f) {
        return false;
    }
    for key in keys(c) {
        let (cv, fv) = (&c[&key], &f[&key]);
        if !walk::holds_subschemas(&key, Some(cv)) {
            if cv != fv {
                return false;
            }
            continue;
        }
        let ok = match (cv, fv) {
            (Value::Array(cs), Value::Array(fs)) => {
                cs.len() == fs.len()
                    && cs.iter().zip(fs).enumerate().all(|(i, (cs, fs))| {
                        descend(pointer, &format!("/{key}/{i}"), |p| {
                            matches(cs, fs, p, holes, found)
                        })
                    })
            }
            (Value::Object(cs), Value::Object(fs)) if is_map(&key) => {
                cs.len() == fs.len()
                    && cs.iter().all(|(name, cs)| {
                        fs.get(name).is_some_and(|fs| {
                            let step = format!("/{key}/{}", walk::escape(name));
                            descend(pointer, &step, |p| matches(cs, fs, p, holes, found))
                        })
                    })
            }
            _ => descend(pointer, &format!("/{key}"), |p| {
                matches(cv, fv, p, holes, found)
            }),
        };
        if !ok {
            return false;
        }
    }
    true
}

/// Keywords whose object value maps names to subschemas.
fn is_map(key: &str) -> bool {
    matches!(
        key,
        "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas"
    )
}

fn descend(pointer: &mut String, step: &str, f: impl FnOnce(&mut String) -> bool) -> bool {
    let len = pointer.len();
    pointer.push_str(step);
    let result = f(pointer);
    pointer.truncate(len);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error() -> Value {
        json!({"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]})
    }

    fn verification(error: Value) -> Value {
        json!({"type": "object", "properties": {
            "status": {"type": "string"},
            "error": {"type": "object", "nullable": true, "oneOf": [error]}
        }})
    }

    fn email(error: Value) -> Value {
        json!({"type": "object", "properties": {
            "id": {"type": "string"},
            "verification": verification(error)
        }})
    }

    #[test]
    fn a_cut_copy_is_filled_from_the_uncut_one() {
        let mut set = vec![
            (
                "emailaddress".to_owned(),
                json!({"title": "Clerk EmailAddress", "description": "An email address", "type": "object", "properties": email(error())["properties"].clone()}),
            ),
            (
                "user".to_owned(),
                json!({"type": "object", "properties": {"email_addresses": {"type": "array", "items": email(json!({}))}}}),
            ),
        ];
        let restored = restore(&mut set);
        let hole =
            "/properties/email_addresses/items/properties/verification/properties/error/oneOf/0";
        assert_eq!(
            restored,
            [Restored {
                schema: "user".into(),
                pointer: hole.into(),
                from: "emailaddress#/properties/verification".into(),
            }]
        );
        assert_eq!(set[1].1.pointer(hole), Some(&error()));
        // Now the copy is the root, documentation aside.
        assert_eq!(
            crate::canonical(&set[1].1["properties"]["email_addresses"]["items"]),
            crate::canonical(&set[0].1)
        );
    }

    #[test]
    fn no_uncut_copy_or_a_different_object_leaves_the_hole() {
        let other = json!({"type": "object", "properties": {
            "status": {"type": "integer"},
            "error": {"type": "object", "nullable": true, "oneOf": [error()]}
        }});
        let mut set = vec![
            (
                "a".to_owned(),
                json!({"type": "object", "properties": {"v": other}}),
            ),
            (
                "b".to_owned(),
                json!({"type": "object", "properties": {"v": verification(json!({}))}}),
            ),
        ];
        let before = set.clone();
        assert_eq!(restore(&mut set), []);
        assert_eq!(set, before);
    }

    #[test]
    fn copies_that_disagree_leave_the_hole() {
        let string = json!({"type": "string"});
        let mut set = vec![
            (
                "a".to_owned(),
                json!({"type": "object", "properties": {"v": verification(error())}}),
            ),
            (
                "b".to_owned(),
                json!({"type": "object", "properties": {"v": verification(string)}}),
            ),
            (
                "c".to_owned(),
                json!({"type": "object", "properties": {"v": verification(json!({}))}}),
            ),
        ];
        let before = set.clone();
        assert_eq!(restore(&mut set), []);
        assert_eq!(set, before);
    }

    #[test]
    fn more_context_settles_what_the_nearest_object_cannot() {
        // Two verifications differ; the enclosing object tells which one.
        let string = json!({"type": "string"});
        let outer = |v: Value, tag: &str| json!({"type": "object", "properties": {"kind": {"const": tag}, "v": v}});
        let mut set = vec![
            (
                "a".to_owned(),
                json!({"type": "object", "properties": {"x": outer(verification(error()), "email")}}),
            ),
            (
                "b".to_owned(),
                json!({"type": "object", "properties": {"x": outer(verification(string), "phone")}}),
            ),
            (
                "c".to_owned(),
                json!({"type": "object", "properties": {"x": outer(verification(json!({})), "phone")}}),
            ),
        ];
        let restored = restore(&mut set);
        assert_eq!(restored.len(), 1, "{restored:?}");
        assert_eq!(
            set[2]
                .1
                .pointer("/properties/x/properties/v/properties/error/oneOf/0"),
            Some(&json!({"type": "string"}))
        );
    }

    #[test]
    fn a_set_without_holes_is_untouched() {
        let mut set = vec![("a".to_owned(), email(error()))];
        let before = set.clone();
        assert_eq!(restore(&mut set), []);
        assert_eq!(set, before);
    }
}
