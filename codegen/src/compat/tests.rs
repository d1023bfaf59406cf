//! Every kind of change Clerk's history shows, in both directions, judged
//! on models generated from small schemas in the upstream dialect.

use serde_json::{json, Value};

use super::*;
use crate::Names;

fn model(schema: &Value) -> Module {
    let bytes = serde_json::to_vec(schema).expect("json");
    crate::generate("clerk-x-schema.json", &bytes, &Names::empty())
        .expect("generates")
        .model
}

fn base() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "object": {"type": "string", "enum": ["x"]},
            "id": {"type": "string", "description": "Id.\n"},
            "note": {"type": "string"},
            "sign_in_id": {"type": "string", "nullable": true},
            "at": {"type": "integer", "format": "int64"},
            "status": {"type": "string", "enum": ["active", "ended"]},
            "meta": {"type": "object", "properties": {"k": {"type": "string"}}},
            "verification": {
                "oneOf": [
                    {"x-speakeasy-name-override": "OTP", "type": "object", "properties": {"object": {"type": "string", "enum": ["verification_otp"]}, "attempts": {"type": "integer"}}, "required": ["object"]},
                    {"x-speakeasy-name-override": "Admin", "type": "object", "properties": {"object": {"type": "string", "enum": ["verification_admin"]}}, "required": ["object"]}
                ],
                "discriminator": {"propertyName": "object"}
            }
        },
        "required": ["object", "id", "sign_in_id", "at", "status"]
    })
}

/// The single change between `base()` and `base()` edited, as one line:
/// `what | decodes? | bump` (the first change whose text contains `pick`).
fn judged(edit: impl FnOnce(&mut Value), pick: &str) -> (String, bool, Bump, Comparison) {
    let old = base();
    let mut new = base();
    edit(&mut new);
    let c = compare(&model(&old), &model(&new));
    let change = c
        .changes
        .iter()
        .find(|ch| format!("{}: {}", ch.path, ch.what).contains(pick))
        .unwrap_or_else(|| panic!("no change matching {pick:?} in {:#?}", c.changes))
        .clone();
    (
        format!("{}: {}", change.path, change.what),
        !change.decode.breaks(),
        change.bump,
        c,
    )
}

fn both_ways(edit: fn(&mut Value)) -> (Comparison, Comparison) {
    let old = base();
    let mut new = base();
    edit(&mut new);
    let (a, b) = (model(&old), model(&new));
    (compare(&a, &b), compare(&b, &a))
}

fn props(s: &mut Value) -> &mut serde_json::Map<String, Value> {
    s["properties"].as_object_mut().expect("properties")
}

fn required(s: &mut Value) -> &mut Vec<Value> {
    s["required"].as_array_mut().expect("required")
}

#[test]
fn unchanged_schemas_compare_equal() {
    let c = compare(&model(&base()), &model(&base()));
    assert_eq!(c, Comparison::default());
    assert_eq!(c.bump(), Bump::Patch);
}

#[test]
fn properties_added_and_removed_in_both_directions() {
    // Optional.
    let (add, remove) = both_ways(|s| {
        props(s).insert("extra".into(), json!({"type": "string"}));
    });
    assert!(
        !add.decoding_breaks() && add.bump() == Bump::Minor,
        "{add:#?}"
    );
    assert!(
        !remove.decoding_breaks() && remove.bump() == Bump::Major,
        "{remove:#?}"
    );
    // Required.
    let (add, remove) = both_ways(|s| {
        props(s).insert("extra".into(), json!({"type": "string"}));
        required(s).push(json!("extra"));
    });
    assert!(
        !add.decoding_breaks() && add.bump() == Bump::Minor,
        "{add:#?}"
    );
    // The current field decodes an absent member (as its empty value).
    assert!(
        !remove.decoding_breaks() && remove.bump() == Bump::Major,
        "{remove:#?}"
    );
    // Required and nullable: an absent key already decodes as None.
    let (add, remove) = both_ways(|s| {
        props(s).insert("extra".into(), json!({"type": "string", "nullable": true}));
        required(s).push(json!("extra"));
    });
    assert!(
        !add.decoding_breaks() && add.bump() == Bump::Minor,
        "{add:#?}"
    );
    assert!(
        !remove.decoding_breaks() && remove.bump() == Bump::Major,
        "{remove:#?}"
    );
}

#[test]
fn nullable_and_required_in_both_directions() {
    let (what, decodes, bump, _) = judged(
        |s| s["properties"]["id"]["nullable"] = json!(true),
        "id: became nullable",
    );
    assert_eq!(
        (what.as_str(), decodes, bump),
        ("id: became nullable", false, Bump::Major)
    );
    let (_, decodes, bump, _) = judged(
        |s| s["properties"]["note"]["nullable"] = json!(true),
        "note: became nullable",
    );
    assert_eq!((decodes, bump), (true, Bump::Patch));
    let (_, decodes, bump, _) = judged(
        |s| {
            s["properties"]["sign_in_id"]
                .as_object_mut()
                .expect("o")
                .remove("nullable");
        },
        "sign_in_id: no longer nullable",
    );
    assert_eq!((decodes, bump), (true, Bump::Major));
    let (_, decodes, bump, _) = judged(
        |s| required(s).retain(|r| r != "id"),
        "id: no longer required",
    );
    assert_eq!((decodes, bump), (false, Bump::Major));
    let (_, decodes, bump, _) = judged(
        |s| required(s).retain(|r| r != "sign_in_id"),
        "sign_in_id: no longer required",
    );
    assert_eq!((decodes, bump), (true, Bump::Minor));
    let (_, decodes, bump, _) =
        judged(|s| required(s).push(json!("note")), "note: became required");
    assert_eq!((decodes, bump), (true, Bump::Major));
}

#[test]
fn enum_values_open_and_tag() {
    let (_, decodes, bump, c) = judged(
        |s| {
            s["properties"]["status"]["enum"]
                .as_array_mut()
                .expect("enum")
                .push(json!("locked"))
        },
        "enum value \"locked\" added",
    );
    assert_eq!((decodes, bump), (true, Bump::Minor));
    assert!(
        c.api
            .iter()
            .any(|d| d.to_string() == "+ variant XStatus::Locked (minor)"),
        "{c:#?}"
    );
    let (_, decodes, bump, _) = judged(
        |s| s["properties"]["status"]["enum"] = json!(["active"]),
        "enum value \"ended\" removed",
    );
    assert_eq!((decodes, bump), (true, Bump::Major));
    // A tag that gains a value becomes an open enum: "legacy" payloads fail.
    let (_, decodes, bump, _) = judged(
        |s| s["properties"]["object"]["enum"] = json!(["x", "legacy"]),
        "single-value tag became an open enum",
    );
    assert_eq!((decodes, bump), (false, Bump::Major));
    // A tag whose value changes.
    let (_, decodes, _, _) = judged(
        |s| s["properties"]["object"]["enum"] = json!(["y"]),
        "enum value \"y\" added",
    );
    assert!(!decodes);
}

#[test]
fn union_variants_in_both_directions() {
    let (add, remove) = both_ways(|s| {
        s["properties"]["verification"]["oneOf"].as_array_mut().expect("oneOf").push(json!(
            {"x-speakeasy-name-override": "SCIM", "type": "object", "properties": {"object": {"type": "string", "enum": ["verification_scim"]}}, "required": ["object"]}
        ));
    });
    assert!(!add.decoding_breaks(), "the catch-all keeps scim: {add:#?}");
    assert_eq!(add.bump(), Bump::Minor, "{add:#?}");
    assert!(
        add.api
            .iter()
            .any(|d| d.what.starts_with("variant XVerification::Scim")),
        "{add:#?}"
    );
    assert!(!remove.decoding_breaks());
    assert_eq!(remove.bump(), Bump::Major);
    // A field added inside a variant: judged on the variant's struct, and
    // the path names the variant.
    let (what, decodes, bump, _) = judged(
        |s| {
            s["properties"]["verification"]["oneOf"][0]["properties"]["channel"] =
                json!({"type": "string"});
        },
        "channel: property added",
    );
    assert!(what.starts_with("verification<Otp>.channel: "), "{what}");
    assert_eq!((decodes, bump), (true, Bump::Minor));
}

#[test]
fn integer_formats_go_by_the_rust_type() {
    // int64 dropped: typify picks i64 either way, so nothing reaches the types.
    let (c, back) = both_ways(|s| {
        s["properties"]["at"]
            .as_object_mut()
            .expect("o")
            .remove("format");
    });
    assert_eq!(c, Comparison::default(), "{c:#?}");
    assert_eq!(back, Comparison::default());
    // int32: the types stay i64 (JSON Schema does not check the range, so
    // an i32 would refuse what the schema accepts): nothing changes.
    let (c, back) = both_ways(|s| s["properties"]["at"]["format"] = json!("int32"));
    assert_eq!(c, Comparison::default(), "{c:#?}");
    assert_eq!(back, Comparison::default());
}

#[test]
fn types_objects_and_maps() {
    let (_, decodes, bump, _) = judged(
        |s| s["properties"]["id"]["type"] = json!("integer"),
        "id: value type",
    );
    assert_eq!((decodes, bump), (false, Bump::Major));
    // An object with properties that becomes a free-form map, and back.
    let (to_map, to_struct) = both_ways(|s| {
        s["properties"]["meta"] =
            json!({"type": "object", "additionalProperties": {"type": "string"}})
    });
    assert!(to_map.bump() == Bump::Major, "{to_map:#?}");
    assert!(to_struct.bump() == Bump::Major, "{to_struct:#?}");
}

#[test]
fn docs_and_annotations_are_patch() {
    let (_, decodes, bump, _) = judged(
        |s| s["properties"]["id"]["description"] = json!("The id.\n"),
        "id: description changed",
    );
    assert_eq!((decodes, bump), (true, Bump::Patch));
    let (c, _) = both_ways(|s| {
        s["properties"]["id"]["example"] = json!("x_1");
        s["properties"]["id"]["deprecated"] = json!(true);
    });
    assert_eq!(c, Comparison::default());
}

#[test]
fn a_required_name_without_a_property_is_ignored_by_the_types() {
    let (_, decodes, bump, c) = judged(
        |s| required(s).push(json!("ghost")),
        "`required` names `ghost`",
    );
    assert_eq!((decodes, bump), (true, Bump::Patch));
    assert!(c.api.is_empty(), "{c:#?}");
}

#[test]
fn types_appearing_and_disappearing() {
    let (add, remove) = both_ways(|s| {
        props(s).remove("meta");
    });
    assert!(
        add.api
            .iter()
            .any(|d| d.to_string() == "- struct XMeta (major)"),
        "{add:#?}"
    );
    assert!(
        remove
            .api
            .iter()
            .any(|d| d.to_string() == "+ struct XMeta (minor)"),
        "{remove:#?}"
    );
}

#[test]
fn a_field_that_names_another_type_is_judged_by_structure() {
    let schema = |def: &str| {
        json!({
            "type": "object",
            "$defs": {
                "A": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
                "B": {"type": "object", "properties": {"id": {"type": "string"}, "extra": {"type": "string"}}, "required": ["id"]},
                "C": {"type": "object", "properties": {"id": {"type": "string"}}}
            },
            "properties": {"x": {"$ref": format!("#/$defs/{def}")}},
            "required": ["x"]
        })
    };
    let (a, b, c) = (
        model(&schema("A")),
        model(&schema("B")),
        model(&schema("C")),
    );
    let wider = compare(&a, &b);
    let change = wider
        .changes
        .iter()
        .find(|ch| ch.path == "x")
        .expect("x changes");
    assert_eq!(change.decode, Decode::Unaffected, "{wider:#?}");
    assert_eq!(change.bump, Bump::Major);
    let looser = compare(&a, &c);
    let change = looser
        .changes
        .iter()
        .find(|ch| ch.path == "x")
        .expect("x changes");
    assert!(
        matches!(&change.decode, Decode::Breaks(why) if why.contains("`id`")),
        "{looser:#?}"
    );
}

/// A member that becomes a typed id (here because the schema gains the
/// `sign_in` object, so `sign_in_id` names one) changes the field's Rust
/// type: a major change to the API that still decodes every payload, and
/// the same back.
#[test]
fn a_member_that_becomes_an_id_is_major_and_still_decodes() {
    let (typed, untyped) = both_ways(|s| {
        props(s).insert(
            "sign_in".into(),
            json!({"type": "object", "properties": {
                "object": {"type": "string", "enum": ["sign_in"]},
                "id": {"type": "string"}
            }}),
        );
    });
    for c in [&typed, &untyped] {
        assert!(!c.decoding_breaks(), "{c:#?}");
        assert_eq!(c.bump(), Bump::Major, "{c:#?}");
        let field = c
            .api
            .iter()
            .find(|d| format!("{d:?}").contains("sign_in_id"));
        assert!(field.is_some_and(|d| d.bump == Bump::Major), "{c:#?}");
    }
}
