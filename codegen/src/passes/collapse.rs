//! Wrappers of one member, unwrapped.
//!
//! Clerk's OpenAPI writes a nullable reference as `{type: object, nullable:
//! true, oneOf: [{$ref}]}`; inlined, that is a node whose only content is one
//! member. typify makes a newtype of it (`VerificationError(ClerkError)`),
//! which every user must unwrap. The node means the member, nullable: so it
//! becomes the member, with the wrapper's `nullable` and, where the member
//! has none, its description. A wrapper with a `discriminator` stays: it is
//! a union that has one variant today and may have more tomorrow.
//!
//! The rewrite keeps what the node accepts (with `nullable` read as
//! `normalize` reads it), so it feeds generation and strict validation
//! alike; names are pinned to the unwrapped document's pointers.

use serde_json::{Map, Value};

use crate::walk;

/// Keywords a wrapper may carry besides its one member.
const WRAPPER: &[&str] = &["type", "nullable", "description", "title", "$comment"];

/// Unwraps every one-member wrapper of `schema`, innermost first; returns
/// how many.
pub fn collapse(schema: &mut Value) -> usize {
    let mut count = 0;
    // Children first, so a wrapper of a wrapper unwraps fully.
    fn visit(node: &mut Value, count: &mut usize) {
        walk::for_each_child_mut(node, |_, child| visit(child, count));
        while let Some(member) = unwrapped(node) {
            *node = member;
            *count += 1;
        }
    }
    visit(schema, &mut count);
    count
}

/// The member a wrapper stands for, with the wrapper's nullability and
/// description; `None` when `node` is no wrapper.
fn unwrapped(node: &Value) -> Option<Value> {
    let obj = node.as_object()?;
    let mut lists = ["oneOf", "anyOf", "allOf"]
        .into_iter()
        .filter_map(|k| obj.get(k).map(|v| (k, v)));
    let (key, members) = lists.next()?;
    if lists.next().is_some() {
        return None;
    }
    let [member] = members.as_array()?.as_slice() else {
        return None;
    };
    let member = member.as_object()?;
    if obj
        .keys()
        .any(|k| k != key && !WRAPPER.contains(&k.as_str()))
    {
        return None;
    }
    // The wrapper's type must be the member's, or say nothing the member
    // does not.
    let ty = obj.get("type");
    if ty.is_some() && member.get("type").is_some_and(|t| Some(t) != ty) {
        return None;
    }
    let mut out: Map<String, Value> = member.clone();
    if let Some(ty) = ty {
        out.entry("type").or_insert_with(|| ty.clone());
    }
    if obj.get("nullable") == Some(&Value::Bool(true)) {
        out.insert("nullable".into(), Value::Bool(true));
    }
    if let Some(d) = obj.get("description") {
        out.entry("description").or_insert_with(|| d.clone());
    }
    Some(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_nullable_reference_becomes_its_member() {
        let error = json!({"type": "object", "properties": {"code": {"type": "string"}}});
        let mut s = json!({"properties": {
            "error": {"type": "object", "nullable": true, "oneOf": [error]},
            "scim": {"nullable": true, "description": "d", "allOf": [{"type": "object", "properties": {}}]},
            "cut": {"type": "object", "nullable": true, "oneOf": [{}]}
        }});
        assert_eq!(collapse(&mut s), 3);
        let mut expected = error.clone();
        expected["nullable"] = json!(true);
        assert_eq!(s["properties"]["error"], expected);
        assert_eq!(
            s["properties"]["scim"],
            json!({"type": "object", "properties": {}, "nullable": true, "description": "d"})
        );
        assert_eq!(
            s["properties"]["cut"],
            json!({"type": "object", "nullable": true})
        );
    }

    #[test]
    fn unions_and_constrained_wrappers_stay() {
        let member = json!({"type": "object", "properties": {"a": {}}});
        for node in [
            json!({"oneOf": [member, {"type": "string"}]}),
            json!({"discriminator": {"propertyName": "a"}, "oneOf": [member]}),
            json!({"required": ["a"], "oneOf": [member]}),
            json!({"type": "string", "oneOf": [member]}),
            json!({"oneOf": [member], "anyOf": [member]}),
        ] {
            let mut s = node.clone();
            assert_eq!(collapse(&mut s), 0, "{node}");
            assert_eq!(s, node);
        }
    }
}
