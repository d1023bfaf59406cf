//! What changed between two versions of a schema, keyword by keyword, and
//! what each change means for a *reader* of API responses.
//!
//! Schema diff tools judge changes as a validator would (does the new
//! schema reject data the old one accepted?). A crate that decodes
//! responses needs the opposite question: will the release users have now
//! decode payloads written to the new schema, and which semver bump does
//! the regenerated Rust API need? An added enum value is harmless to a
//! validator and to this crate (enums are open), but a field that became
//! nullable is harmless to a validator and breaks every current decoder.

use std::collections::BTreeSet;
use std::fmt;

use serde_json::{Map, Value};

/// One semantic change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// JSON pointer of the schema node.
    pub pointer: String,
    /// Where in a payload the node applies (`sessions[].status`).
    pub path: String,
    /// What changed.
    pub kind: Kind,
}

/// The kinds of change, with what the classification needs to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A property appeared.
    PropertyAdded { required: bool },
    /// A property disappeared.
    PropertyRemoved {
        was_required: bool,
        was_nullable: bool,
    },
    /// An existing property became required.
    RequiredAdded { nullable: bool },
    /// An existing property is no longer required.
    RequiredRemoved { nullable: bool },
    /// The node accepts `null` now.
    NullableAdded { required: bool },
    /// The node no longer accepts `null`.
    NullableRemoved { required: bool },
    /// An enum gained a value.
    EnumValueAdded { value: String, was_open: bool },
    /// An enum lost a value.
    EnumValueRemoved { value: String },
    /// The JSON type changed.
    TypeChanged { from: String, to: String },
    /// The `format` changed.
    FormatChanged { from: String, to: String },
    /// Only the description changed.
    DescriptionChanged,
    /// Another keyword changed (`additionalProperties`, `pattern`, ...).
    KeywordChanged { keyword: String },
}

/// Whether the crate release users have now still decodes payloads
/// written to the new schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Runtime {
    /// Decoding is unaffected.
    Unaffected,
    /// Some payloads may fail, depending on values.
    MayBreak,
    /// Payloads that use the change fail to decode.
    Breaks,
}

/// The semver bump a change forces on the crate's Rust API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Docs or behaviour outside the Rust API.
    Patch,
    /// Additions (the types are `#[non_exhaustive]`).
    Minor,
    /// Removals or changed types.
    Major,
}

impl fmt::Display for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Runtime::Unaffected => "decoding unaffected",
            Runtime::MayBreak => "decoding may break",
            Runtime::Breaks => "DECODING BREAKS",
        })
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// How a change is judged, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Effect on decoding with the current release.
    pub runtime: Runtime,
    /// The bump the regenerated API needs.
    pub bump: Bump,
    /// The reasoning, for the report.
    pub why: &'static str,
}

/// The classification table: every kind of change, judged from a response
/// reader's point of view.
pub fn classify(kind: &Kind) -> Verdict {
    use Bump::*;
    use Runtime::*;
    let (runtime, bump, why) = match kind {
        Kind::PropertyAdded { required: false } => (
            Unaffected,
            Minor,
            "unknown fields are ignored; a new optional field",
        ),
        Kind::PropertyAdded { required: true } => {
            (Unaffected, Minor, "unknown fields are ignored; a new field")
        }
        Kind::PropertyRemoved {
            was_required: true,
            was_nullable: false,
        } => (
            Breaks,
            Major,
            "current types require it, so payloads without it fail; the field goes",
        ),
        Kind::PropertyRemoved {
            was_required: true,
            was_nullable: true,
        } => (
            Unaffected,
            Major,
            "an absent key already decodes as None; the field goes",
        ),
        Kind::PropertyRemoved {
            was_required: false,
            ..
        } => (Unaffected, Major, "it was optional; the field goes"),
        Kind::RequiredAdded { nullable: false } => {
            (Unaffected, Major, "always present now: Option<T> becomes T")
        }
        Kind::RequiredAdded { nullable: true } => (
            Unaffected,
            Minor,
            "stays Option<T>; None is now written as null",
        ),
        Kind::RequiredRemoved { nullable: false } => (
            Breaks,
            Major,
            "payloads may omit it and current types require it: T becomes Option<T>",
        ),
        Kind::RequiredRemoved { nullable: true } => (
            Unaffected,
            Minor,
            "an absent key already decodes; None is now left out",
        ),
        Kind::NullableAdded { required: true } => (
            Breaks,
            Major,
            "null fails current types: T becomes Option<T>",
        ),
        Kind::NullableAdded { required: false } => (
            Unaffected,
            Patch,
            "optional fields already decode null as None",
        ),
        Kind::NullableRemoved { required: true } => (Unaffected, Major, "Option<T> becomes T"),
        Kind::NullableRemoved { required: false } => {
            (Unaffected, Patch, "the field stays Option<T>")
        }
        Kind::EnumValueAdded { was_open: true, .. } => (
            Unaffected,
            Minor,
            "the catch-all variant keeps it; a new variant",
        ),
        Kind::EnumValueAdded {
            was_open: false, ..
        } => (
            Breaks,
            Major,
            "a single-value tag is strict, so the new value fails; the enum becomes open",
        ),
        Kind::EnumValueRemoved { .. } => (Unaffected, Major, "a variant goes"),
        Kind::TypeChanged { .. } => (
            Breaks,
            Major,
            "values of the new type fail current types; the Rust type changes",
        ),
        Kind::FormatChanged { .. } => (
            MayBreak,
            Major,
            "the Rust type may change (e.g. int32 to int64)",
        ),
        Kind::DescriptionChanged => (Unaffected, Patch, "documentation only"),
        Kind::KeywordChanged { keyword } => match keyword.as_str() {
            "additionalProperties" => (
                Unaffected,
                Patch,
                "decoding ignores unknown fields either way; strict validation changes",
            ),
            k if is_annotation(k) => (
                Unaffected,
                Patch,
                "an annotation: no effect on decoding or types",
            ),
            _ => (
                MayBreak,
                Major,
                "not classified precisely: review the Rust API delta",
            ),
        },
    };
    Verdict { runtime, bump, why }
}

fn is_annotation(keyword: &str) -> bool {
    matches!(
        keyword,
        "title"
            | "example"
            | "examples"
            | "deprecated"
            | "$comment"
            | "$id"
            | "$schema"
            | "readOnly"
            | "writeOnly"
            | "default"
    ) || keyword.starts_with("x-")
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::PropertyAdded { required } => {
                write!(
                    f,
                    "property added{}",
                    if *required {
                        " (required)"
                    } else {
                        " (optional)"
                    }
                )
            }
            Kind::PropertyRemoved { was_required, .. } => {
                write!(
                    f,
                    "property removed{}",
                    if *was_required {
                        " (was required)"
                    } else {
                        " (was optional)"
                    }
                )
            }
            Kind::RequiredAdded { .. } => f.write_str("became required"),
            Kind::RequiredRemoved { .. } => f.write_str("no longer required"),
            Kind::NullableAdded { .. } => f.write_str("became nullable"),
            Kind::NullableRemoved { .. } => f.write_str("no longer nullable"),
            Kind::EnumValueAdded { value, .. } => write!(f, "enum value \"{value}\" added"),
            Kind::EnumValueRemoved { value } => write!(f, "enum value \"{value}\" removed"),
            Kind::TypeChanged { from, to } => write!(f, "type {from} -> {to}"),
            Kind::FormatChanged { from, to } => write!(f, "format {from} -> {to}"),
            Kind::DescriptionChanged => f.write_str("description changed"),
            Kind::KeywordChanged { keyword } => write!(f, "`{keyword}` changed"),
        }
    }
}

/// The semantic changes from `old` to `new`, in schema order.
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    let mut cx = Cx {
        pointer: String::new(),
        path: String::new(),
        required: true,
    };
    node(old, new, &mut cx, &mut out);
    out
}

struct Cx {
    pointer: String,
    path: String,
    /// Whether the node is a required property (the root counts as one).
    required: bool,
}

/// Keywords compared by dedicated rules, or by recursing.
const HANDLED: &[&str] = &[
    "type",
    "nullable",
    "enum",
    "format",
    "description",
    "properties",
    "required",
    "items",
    "additionalProperties",
    "allOf",
    "anyOf",
    "oneOf",
    "$defs",
    "definitions",
];

fn node(old: &Value, new: &Value, cx: &mut Cx, out: &mut Vec<Change>) {
    let empty = Map::new();
    let o = old.as_object().unwrap_or(&empty);
    let n = new.as_object().unwrap_or(&empty);
    let mut push = |kind: Kind| {
        out.push(Change {
            pointer: cx.pointer.clone(),
            path: display_path(&cx.path),
            kind,
        })
    };

    let (old_null, new_null) = (is_nullable(o), is_nullable(n));
    if !old_null && new_null {
        push(Kind::NullableAdded {
            required: cx.required,
        });
    } else if old_null && !new_null {
        push(Kind::NullableRemoved {
            required: cx.required,
        });
    }
    let (old_type, new_type) = (type_of(o), type_of(n));
    if old_type != new_type {
        push(Kind::TypeChanged {
            from: old_type.unwrap_or_else(|| "any".into()),
            to: new_type.unwrap_or_else(|| "any".into()),
        });
    }
    let (old_format, new_format) = (str_of(o, "format"), str_of(n, "format"));
    if old_format != new_format {
        push(Kind::FormatChanged {
            from: old_format.unwrap_or("none").into(),
            to: new_format.unwrap_or("none").into(),
        });
    }
    let (old_enum, new_enum) = (enum_values(o), enum_values(n));
    if old_enum != new_enum {
        let was_open = old_enum.as_ref().is_none_or(|v| v.len() >= 2) || is_open_by_extension(o);
        for value in new_enum
            .iter()
            .flatten()
            .filter(|v| !old_enum.iter().flatten().any(|o| o == *v))
        {
            push(Kind::EnumValueAdded {
                value: value.clone(),
                was_open,
            });
        }
        for value in old_enum
            .iter()
            .flatten()
            .filter(|v| !new_enum.iter().flatten().any(|n| n == *v))
        {
            push(Kind::EnumValueRemoved {
                value: value.clone(),
            });
        }
    }
    if o.get("description") != n.get("description") {
        push(Kind::DescriptionChanged);
    }
    if o.get("additionalProperties") != n.get("additionalProperties")
        && !(o.get("additionalProperties").is_some_and(Value::is_object)
            && n.get("additionalProperties").is_some_and(Value::is_object))
    {
        push(Kind::KeywordChanged {
            keyword: "additionalProperties".into(),
        });
    }
    let keywords: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    for k in keywords {
        if !HANDLED.contains(&k.as_str()) && o.get(k) != n.get(k) {
            push(Kind::KeywordChanged { keyword: k.clone() });
        }
    }
    properties(o, n, cx, out);
    children(o, n, cx, out);
}

fn properties(o: &Map<String, Value>, n: &Map<String, Value>, cx: &mut Cx, out: &mut Vec<Change>) {
    let empty = Map::new();
    let op = o
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let np = n
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let (or, nr) = (required(o), required(n));
    let names: BTreeSet<&String> = op
        .keys()
        .chain(np.keys())
        .chain(or.iter())
        .chain(nr.iter())
        .collect();
    for name in names {
        let (pointer_len, path_len, was_required) = (cx.pointer.len(), cx.path.len(), cx.required);
        cx.pointer.push_str(&format!(
            "/properties/{}",
            name.replace('~', "~0").replace('/', "~1")
        ));
        if !cx.path.is_empty() {
            cx.path.push('.');
        }
        cx.path.push_str(name);
        let here = |kind| Change {
            pointer: cx.pointer.clone(),
            path: display_path(&cx.path),
            kind,
        };
        let (in_old, in_new) = (op.get(name.as_str()), np.get(name.as_str()));
        let (req_old, req_new) = (or.contains(name), nr.contains(name));
        match (in_old, in_new) {
            (None, Some(_)) => out.push(here(Kind::PropertyAdded { required: req_new })),
            (Some(old), None) => out.push(here(Kind::PropertyRemoved {
                was_required: req_old,
                was_nullable: old.as_object().is_some_and(is_nullable),
            })),
            (Some(old), Some(new)) => {
                let nullable = new.as_object().is_some_and(is_nullable);
                if !req_old && req_new {
                    out.push(here(Kind::RequiredAdded { nullable }));
                } else if req_old && !req_new {
                    out.push(here(Kind::RequiredRemoved { nullable }));
                }
                cx.required = req_new;
                node(old, new, cx, out);
            }
            // Named in `required` only, on both sides or one.
            (None, None) => {
                if req_old != req_new {
                    out.push(here(Kind::KeywordChanged {
                        keyword: "required".into(),
                    }));
                }
            }
        }
        cx.pointer.truncate(pointer_len);
        cx.path.truncate(path_len);
        cx.required = was_required;
    }
}

fn children(o: &Map<String, Value>, n: &Map<String, Value>, cx: &mut Cx, out: &mut Vec<Change>) {
    let null = Value::Null;
    let was_required = cx.required;
    for key in ["items", "additionalProperties"] {
        let (old, new) = (o.get(key).unwrap_or(&null), n.get(key).unwrap_or(&null));
        if old.is_object() && new.is_object() {
            let path = if key == "items" { "[]" } else { ".*" };
            step(cx, out, (old, new), &format!("/{key}"), path, true);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        let (old, new) = (
            o.get(key).and_then(Value::as_array),
            n.get(key).and_then(Value::as_array),
        );
        if old != new {
            match (old, new) {
                (Some(old), Some(new)) if old.len() == new.len() => {
                    for (i, (a, b)) in old.iter().zip(new).enumerate() {
                        step(cx, out, (a, b), &format!("/{key}/{i}"), "", was_required);
                    }
                }
                _ => out.push(Change {
                    pointer: cx.pointer.clone(),
                    path: display_path(&cx.path),
                    kind: Kind::KeywordChanged {
                        keyword: key.into(),
                    },
                }),
            }
        }
    }
    for key in ["$defs", "definitions"] {
        let empty = Map::new();
        let od = o.get(key).and_then(Value::as_object).unwrap_or(&empty);
        let nd = n.get(key).and_then(Value::as_object).unwrap_or(&empty);
        let names: BTreeSet<&String> = od.keys().chain(nd.keys()).collect();
        for name in names {
            let pointer = format!("/{key}/{name}");
            match (od.get(name.as_str()), nd.get(name.as_str())) {
                (Some(a), Some(b)) => step(cx, out, (a, b), &pointer, "", true),
                _ => out.push(Change {
                    pointer: format!("{}{pointer}", cx.pointer),
                    path: display_path(&cx.path),
                    kind: Kind::KeywordChanged {
                        keyword: key.into(),
                    },
                }),
            }
        }
    }
}

/// Compares a pair of subschemas one step below the current node.
fn step(
    cx: &mut Cx,
    out: &mut Vec<Change>,
    (old, new): (&Value, &Value),
    pointer: &str,
    path: &str,
    required: bool,
) {
    let (pl, hl, was_required) = (cx.pointer.len(), cx.path.len(), cx.required);
    cx.pointer.push_str(pointer);
    cx.path.push_str(path);
    cx.required = required;
    if old.is_object() || new.is_object() {
        node(old, new, cx, out);
    }
    cx.pointer.truncate(pl);
    cx.path.truncate(hl);
    cx.required = was_required;
}

fn display_path(path: &str) -> String {
    if path.is_empty() {
        "(the document)".into()
    } else {
        path.to_owned()
    }
}

fn is_nullable(o: &Map<String, Value>) -> bool {
    o.get("nullable") == Some(&Value::Bool(true))
        || o.get("type")
            .and_then(Value::as_array)
            .is_some_and(|t| t.iter().any(|t| t == "null"))
        || ["oneOf", "anyOf"].iter().any(|k| {
            o.get(*k).and_then(Value::as_array).is_some_and(|vs| {
                vs.iter()
                    .any(|v| v.get("type") == Some(&Value::from("null")))
            })
        })
}

/// The non-null type(s), as one string (`string`, `integer|string`).
fn type_of(o: &Map<String, Value>) -> Option<String> {
    match o.get("type")? {
        Value::String(t) => Some(t.clone()),
        Value::Array(ts) => {
            let ts: Vec<&str> = ts
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect();
            Some(ts.join("|"))
        }
        other => Some(other.to_string()),
    }
}

fn str_of<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    o.get(key).and_then(Value::as_str)
}

fn enum_values(o: &Map<String, Value>) -> Option<Vec<String>> {
    let values = o.get("enum")?.as_array()?;
    Some(
        values
            .iter()
            .filter(|v| !v.is_null())
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| v.to_string())
            })
            .collect(),
    )
}

fn is_open_by_extension(o: &Map<String, Value>) -> bool {
    o.get("x-speakeasy-unknown-values").and_then(Value::as_str) == Some("allow")
}

fn required(o: &Map<String, Value>) -> BTreeSet<String> {
    o.get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn base() -> Value {
        json!({
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "object": {"type": "string", "enum": ["client"]},
                "id": {"type": "string", "description": "Id.\n"},
                "note": {"type": "string"},
                "sign_in_id": {"type": "string", "nullable": true},
                "sessions": {"type": "array", "items": {"type": "object", "properties": {
                    "status": {"type": "string", "enum": ["active", "ended"]},
                    "at": {"type": "integer", "format": "int64"}
                }, "required": ["status", "at"]}}
            },
            "required": ["object", "id", "sign_in_id", "sessions"]
        })
    }

    fn one(edit: impl FnOnce(&mut Value)) -> (Change, Verdict) {
        let mut new = base();
        edit(&mut new);
        let changes = diff(&base(), &new);
        assert_eq!(changes.len(), 1, "{changes:#?}");
        let verdict = classify(&changes[0].kind);
        (changes.into_iter().next().expect("one"), verdict)
    }

    fn judged(edit: impl FnOnce(&mut Value)) -> (String, Runtime, Bump) {
        let (c, v) = one(edit);
        (format!("{}: {}", c.path, c.kind), v.runtime, v.bump)
    }

    use Bump::*;
    use Runtime::*;

    #[test]
    fn no_change_no_report() {
        assert_eq!(diff(&base(), &base()), vec![]);
    }

    #[test]
    fn classification_table() {
        type Edit = Box<dyn FnOnce(&mut Value)>;
        let cases: Vec<(Edit, &str, Runtime, Bump)> = vec![
            (
                Box::new(|s| s["properties"]["new"] = json!({"type": "string"})),
                "new: property added (optional)",
                Unaffected,
                Minor,
            ),
            (
                Box::new(|s| {
                    s["properties"]["new"] = json!({"type": "string"});
                    s["required"].as_array_mut().unwrap().push(json!("new"));
                }),
                "new: property added (required)",
                Unaffected,
                Minor,
            ),
            (
                Box::new(|s| {
                    s["properties"].as_object_mut().unwrap().remove("id");
                    s["required"] = json!(["object", "sign_in_id", "sessions"]);
                }),
                "id: property removed (was required)",
                Breaks,
                Major,
            ),
            (
                Box::new(|s| {
                    s["properties"]
                        .as_object_mut()
                        .unwrap()
                        .remove("sign_in_id");
                    s["required"] = json!(["object", "id", "sessions"]);
                }),
                "sign_in_id: property removed (was required)",
                Unaffected,
                Major,
            ),
            (
                Box::new(|s| {
                    s["properties"].as_object_mut().unwrap().remove("note");
                }),
                "note: property removed (was optional)",
                Unaffected,
                Major,
            ),
            (
                Box::new(|s| s["required"].as_array_mut().unwrap().push(json!("note"))),
                "note: became required",
                Unaffected,
                Major,
            ),
            (
                Box::new(|s| s["required"] = json!(["object", "sign_in_id", "sessions"])),
                "id: no longer required",
                Breaks,
                Major,
            ),
            (
                Box::new(|s| s["required"] = json!(["object", "id", "sessions"])),
                "sign_in_id: no longer required",
                Unaffected,
                Minor,
            ),
            (
                Box::new(|s| s["properties"]["id"]["nullable"] = json!(true)),
                "id: became nullable",
                Breaks,
                Major,
            ),
            (
                Box::new(|s| s["properties"]["note"]["nullable"] = json!(true)),
                "note: became nullable",
                Unaffected,
                Patch,
            ),
            (
                Box::new(|s| {
                    s["properties"]["sign_in_id"]
                        .as_object_mut()
                        .unwrap()
                        .remove("nullable");
                }),
                "sign_in_id: no longer nullable",
                Unaffected,
                Major,
            ),
            (
                Box::new(|s| {
                    s["properties"]["sessions"]["items"]["properties"]["status"]["enum"] =
                        json!(["active", "ended", "locked"])
                }),
                "sessions[].status: enum value \"locked\" added",
                Unaffected,
                Minor,
            ),
            (
                Box::new(|s| {
                    s["properties"]["object"]["enum"] = json!(["client", "legacy_client"])
                }),
                "object: enum value \"legacy_client\" added",
                Breaks,
                Major,
            ),
            (
                Box::new(|s| {
                    s["properties"]["sessions"]["items"]["properties"]["status"]["enum"] =
                        json!(["active"])
                }),
                "sessions[].status: enum value \"ended\" removed",
                Unaffected,
                Major,
            ),
            (
                Box::new(|s| s["properties"]["id"]["type"] = json!("integer")),
                "id: type string -> integer",
                Breaks,
                Major,
            ),
            (
                Box::new(|s| {
                    s["properties"]["sessions"]["items"]["properties"]["at"]["format"] =
                        json!("int32")
                }),
                "sessions[].at: format int64 -> int32",
                MayBreak,
                Major,
            ),
            (
                Box::new(|s| s["properties"]["id"]["description"] = json!("The id.\n")),
                "id: description changed",
                Unaffected,
                Patch,
            ),
            (
                Box::new(|s| s["additionalProperties"] = json!(true)),
                "(the document): `additionalProperties` changed",
                Unaffected,
                Patch,
            ),
            (
                Box::new(|s| s["properties"]["id"]["example"] = json!("x")),
                "id: `example` changed",
                Unaffected,
                Patch,
            ),
            (
                Box::new(|s| s["properties"]["id"]["pattern"] = json!("^c_")),
                "id: `pattern` changed",
                MayBreak,
                Major,
            ),
        ];
        for (edit, what, runtime, bump) in cases {
            assert_eq!(judged(edit), (what.to_owned(), runtime, bump));
        }
    }

    #[test]
    fn nullable_as_type_array_counts_too() {
        let (c, v) = one(|s| s["properties"]["id"]["type"] = json!(["string", "null"]));
        assert_eq!(c.kind, Kind::NullableAdded { required: true });
        assert_eq!(v.runtime, Breaks);
    }

    #[test]
    fn nested_required_is_judged_at_its_level() {
        let (c, v) = one(|s| s["properties"]["sessions"]["items"]["required"] = json!(["status"]));
        assert_eq!(c.path, "sessions[].at");
        assert_eq!(c.pointer, "/properties/sessions/items/properties/at");
        assert_eq!(c.kind, Kind::RequiredRemoved { nullable: false });
        assert_eq!(v.runtime, Breaks);
    }
}
