//! Rendering, on code typify really generates for small schemas (never on
//! hand-imitated typify output).

use serde_json::{json, Value};

use crate::Names;

fn source(schema: Value) -> String {
    let bytes = serde_json::to_vec(&schema).expect("json");
    crate::generate(
        "clerk-x-schema.json",
        &bytes,
        &Names::from_rows("x", &[("", "Root")]),
    )
    .expect("generates")
    .source()
}

#[test]
fn structs_ignore_unknown_members_and_say_where_they_come_from() {
    let out = source(json!({
        "type": "object", "additionalProperties": false, "description": "A root.\r\n",
        "properties": {
            "a": {"type": "integer"},
            "id": {"type": "string"},
            "n": {"type": "string", "nullable": true},
            "o": {"type": "string", "nullable": true}
        },
        "required": ["a", "id", "n"]
    }));
    assert!(!out.contains("deny_unknown_fields"), "{out}");
    assert!(
        out.contains("/// A root.\n///\n/// Absent members: "),
        "{out}"
    );
    assert!(
        out.contains("///\n/// Generated from the root of `clerk-x-schema.json`.\n"),
        "{out}"
    );
    assert!(
        out.contains("#[non_exhaustive]\npub struct Root {"),
        "{out}"
    );
    assert!(out.contains("pub unknown: crate::Members,"), "{out}");
    // Serde code of its own: objects only, unknown members kept.
    assert!(
        out.contains("deserializer.deserialize_map(Visitor)"),
        "{out}"
    );
    assert!(out.contains("f.write_str(\"a Root object\")"), "{out}");
    assert!(!out.contains("derive(::serde::Deserialize"), "{out}");
    // Required nullable and optional: written back as they came.
    assert!(out.contains("/// *Required, nullable.*"), "{out}");
    // What that means, said once on the type.
    assert_eq!(out.matches("/// Absent members: ").count(), 1, "{out}");
    assert!(out.contains("if !absent.get(1u32)"), "{out}");
    assert!(
        out.contains("if self.o.is_some() || self.presence.get(2u32)"),
        "{out}"
    );
    // A required member decodes absent as its empty value, recorded; only
    // the identity is refused.
    assert!(
        out.contains("<i64 as crate::required::Empty>::empty()"),
        "{out}"
    );
    // Absent while the bit is set and the field still holds that value.
    assert!(out.contains("if !absent.get(0u32)"), "{out}");
    assert!(
        out.contains(
            "if self.presence.get(0u32) && self.a == <i64 as crate::required::Empty>::empty()"
        ),
        "{out}"
    );
    assert!(
        out.contains("return Err(A::Error::missing_field(\"id\"))"),
        "{out}"
    );
    assert!(!out.contains("missing_field(\"a\")"), "{out}");
    assert!(out.contains("pub fn missing_required(&self)"), "{out}");
}

#[test]
fn open_enums_compare_by_wire_value_and_tags_default() {
    let out = source(json!({
        "type": "object",
        "properties": {
            "object": {"type": "string", "enum": ["root"]},
            "status": {"type": "string", "enum": ["unknown", "b_c"]}
        },
        "required": ["object", "status"]
    }));
    assert!(
        out.contains("Other(::std::string::String)"),
        "`Unknown` is a listed value: {out}"
    );
    assert!(out.contains("\"b_c\" => Self::BC"), "{out}");
    assert!(out.contains("self.as_str() == other.as_str()"), "{out}");
    assert!(out.contains("self.as_str().cmp(other.as_str())"), "{out}");
    assert!(
        out.contains("impl ::std::default::Default for RootObject"),
        "{out}"
    );
    // The builder: an unset tag or status is what an absent one decodes
    // as, recorded as absent.
    assert!(
        out.contains("<RootObject as crate::required::Empty>::empty()"),
        "builder: {out}"
    );
    assert!(
        out.contains("<RootStatus as crate::required::Empty>::empty()"),
        "builder: {out}"
    );
    assert!(
        out.contains("Self::Other(::std::string::String::new())"),
        "{out}"
    );
    assert!(out.contains("pub struct RootBuilder"), "builder: {out}");
}

#[test]
fn discriminated_unions_become_enums_keyed_on_their_tag() {
    let out = source(json!({
        "type": "object",
        "properties": {"v": {
            "description": "A verification.",
            "oneOf": [
                {"x-speakeasy-name-override": "OTP", "type": "object", "properties": {"object": {"type": "string", "enum": ["verification_otp"]}}, "required": ["object"]},
                {"x-speakeasy-name-override": "Admin", "type": "object", "properties": {"object": {"type": "string", "enum": ["verification_admin"]}}, "required": ["object"]}
            ],
            "discriminator": {"propertyName": "object"}
        }}
    }));
    assert!(out.contains("Otp(RootVOtp),"), "{out}");
    assert!(out.contains("Admin(RootVAdmin),"), "{out}");
    assert!(out.contains("Unknown(::serde_json::Value),"), "{out}");
    // The tag is matched against the union's tags where it is read.
    assert!(
        out.contains(r#"const TAGS: &[&str] = &["verification_otp", "verification_admin"];"#),
        "{out}"
    );
    assert!(out.contains("crate::tagged::Tag::Known(0) =>"), "{out}");
    assert!(out.contains("/// A verification."), "{out}");
    assert!(!out.contains("Variant0"), "typify's enum is gone: {out}");
    assert!(
        !out.contains("pub struct RootV {"),
        "and its builder: {out}"
    );
}

#[test]
fn fenced_code_in_descriptions_never_runs() {
    let out = source(json!({
        "type": "object",
        "properties": {"a": {"type": "string", "description": "Example:\n```\npanic!()\n```\n"}}
    }));
    assert!(out.contains("/// ```text\n"), "{out}");
}
