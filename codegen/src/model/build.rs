//! Building the model from what naming decided, the normalized schema, and
//! what typify reports through its inspection API.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{
    payload_path, Enum, EnumValue, Field, Kind, Module, Openness, Payload, Struct, TypeDef, Union,
    UnionVariant, Variant,
};
use crate::case;
use crate::naming::Naming;
use crate::refusal::Refusal;
use crate::typify::{Inspected, InspectedField, Typified};

/// Keywords a constrained-string newtype checks.
const CONSTRAINTS: &[&str] = &["pattern", "minLength", "maxLength", "format"];

/// The model of one module. `normalized` is the named schema after
/// `normalize` (titles name the nodes); `shared` maps local names to the
/// paths of types generated elsewhere. Fails, at the node, when typify's
/// fields cannot be matched to the schema's properties one to one.
pub fn build(
    key: &str,
    file: &str,
    naming: &Naming,
    normalized: &Value,
    typified: &Typified,
    shared: &BTreeMap<String, String>,
) -> Result<Module, Refusal> {
    let mut titled: BTreeMap<&str, &Value> = BTreeMap::new();
    crate::walk::walk(normalized, &mut |_, node| {
        if let Some(title) = node.get("title").and_then(Value::as_str) {
            titled.entry(title).or_insert(node);
        }
    });
    let resolve = |name: &str| shared.get(name).cloned().unwrap_or_else(|| name.to_owned());
    let mut types = Vec::new();
    let mut seen = BTreeSet::new();
    for named in &naming.named {
        if shared.contains_key(&named.name) || !seen.insert(named.name.clone()) {
            continue;
        }
        let node = titled.get(named.name.as_str()).copied();
        let union = naming.unions.iter().find(|u| u.name == named.name);
        let kind = match (union, typified.types.get(&named.name)) {
            // A union of one member is that member to typify: no type.
            (Some(_), None) => continue,
            (Some(u), Some(_)) => Kind::Union(Union {
                property: u.property.clone(),
                variants: u
                    .variants
                    .iter()
                    .map(|v| UnionVariant {
                        ident: v.ident.clone(),
                        ty: resolve(&v.type_name),
                        tag: v.tag.clone(),
                        strict: Vec::new(),
                        required: Vec::new(),
                    })
                    .collect(),
                members: union_members(u, &titled),
            }),
            (None, Some(inspected)) => {
                let declared_open = naming.open_enums.contains(&named.name);
                kind_of(inspected, node, declared_open, &named.pointer)?
            }
            // Named, but typify made no type of it (a plain string now):
            // not a type of the API.
            (None, None) => continue,
        };
        types.push(TypeDef {
            name: named.name.clone(),
            pointer: Some(named.pointer.clone()),
            path: payload_path(&named.pointer),
            docs: node.and_then(description),
            kind,
        });
    }
    // Types typify named by itself: listed, so that nothing is hidden.
    for (name, inspected) in &typified.types {
        if seen.contains(name) || shared.contains_key(name) {
            continue;
        }
        types.push(TypeDef {
            name: name.clone(),
            pointer: None,
            path: String::new(),
            docs: None,
            kind: kind_of(inspected, None, false, "")?,
        });
    }
    name_union_members(&mut types, naming);
    let mut module = Module {
        key: key.to_owned(),
        file: file.to_owned(),
        root: naming
            .named
            .first()
            .map(|n| n.name.clone())
            .unwrap_or_default(),
        types,
        shared: shared.clone(),
        unpinned: naming.named.iter().filter(|n| !n.pinned).cloned().collect(),
        stale: naming.stale.clone(),
    };
    crate::model::overlay::apply(&mut module);
    Ok(module)
}

/// The member names the variants of `union` list, from their schema
/// nodes (found by title, as naming gave them), the tag property aside.
fn union_members(union: &crate::naming::Union, titled: &BTreeMap<&str, &Value>) -> Vec<String> {
    let names: BTreeSet<&str> = union
        .variants
        .iter()
        .filter_map(|v| titled.get(v.type_name.as_str()))
        .filter_map(|node| node.get("properties").and_then(Value::as_object))
        .flat_map(|properties| properties.keys().map(String::as_str))
        .filter(|name| *name != union.property)
        .collect();
    names.into_iter().map(str::to_owned).collect()
}

/// Payload paths say which variant of a discriminated union a member is
/// (`verification<Otp>.channel`), not its position (`verification<0>`).
fn name_union_members(types: &mut [TypeDef], naming: &Naming) {
    for union in &naming.unions {
        let Some(pointer) = naming
            .named
            .iter()
            .find(|n| n.name == union.name)
            .map(|n| n.pointer.clone())
        else {
            continue;
        };
        let base = payload_path(&pointer);
        let base = if base == "(the document)" {
            String::new()
        } else {
            base
        };
        for (i, variant) in union.variants.iter().enumerate() {
            for key in ["oneOf", "anyOf"] {
                let member = payload_path(&format!("{pointer}/{key}/{i}"));
                if !member.ends_with(&format!("<{i}>")) {
                    continue;
                }
                let named = format!("{base}<{}>", variant.ident);
                for t in types.iter_mut() {
                    if let Some(rest) = t.path.strip_prefix(&member) {
                        t.path = format!("{named}{rest}");
                    }
                }
            }
        }
    }
}

fn kind_of(
    inspected: &Inspected,
    node: Option<&Value>,
    declared_open: bool,
    pointer: &str,
) -> Result<Kind, Refusal> {
    Ok(match inspected {
        Inspected::Struct(props) => Kind::Struct(structure(props, node, pointer)?),
        Inspected::Enum(variants) => match string_values(node) {
            Some(values) if variants.iter().all(|(_, p)| *p == Payload::Unit) => {
                // A tag with aliases (`crate::passes::aliases`) stays a strict tag.
                let aliased = node.is_some_and(|n| !crate::passes::aliases::listed(n).is_empty());
                let openness = if declared_open {
                    Openness::Declared
                } else if values.len() >= 2 && !aliased {
                    Openness::SeveralValues
                } else {
                    Openness::Tag
                };
                let mut taken = BTreeSet::new();
                let values = values
                    .into_iter()
                    .zip(
                        variants
                            .iter()
                            .map(|(ident, _)| ident.clone())
                            .chain(std::iter::repeat(String::new())),
                    )
                    .map(|(wire, typify_ident)| {
                        // A tag keeps typify's variant, so its identifier
                        // is typify's; an open enum is rendered from here.
                        let ident = if openness == Openness::Tag && !typify_ident.is_empty() {
                            typify_ident
                        } else {
                            case::type_name(&wire)
                        };
                        // An alias spelled like the tag (`waitlistEntry`)
                        // is `WaitlistEntryAlias`.
                        let ident = if aliased && taken.contains(&ident) {
                            format!("{ident}Alias")
                        } else {
                            ident
                        };
                        EnumValue {
                            ident: case::unique(ident, &mut taken, ""),
                            wire,
                        }
                    })
                    .collect();
                Kind::Enum(Enum { values, openness })
            }
            _ => {
                let mut variants: Vec<Variant> = variants
                    .iter()
                    .map(|(ident, payload)| Variant {
                        ident: ident.clone(),
                        payload: payload.clone(),
                    })
                    .collect();
                if node
                    .and_then(Value::as_object)
                    .is_some_and(super::keeps_other_objects)
                {
                    variants.push(super::object_catch_all(&variants));
                }
                Kind::Untagged(variants)
            }
        },
        Inspected::Newtype(inner) => Kind::Newtype {
            inner: inner.clone(),
            constraints: node
                .and_then(Value::as_object)
                .map(|o| {
                    CONSTRAINTS
                        .iter()
                        .filter_map(|k| o.get(*k).map(|v| ((*k).to_owned(), v.clone())))
                        .collect()
                })
                .unwrap_or_default(),
        },
    })
}

/// The string values of an `enum` (without the `null` of a nullable one).
fn string_values(node: Option<&Value>) -> Option<Vec<String>> {
    let values = node?.get("enum")?.as_array()?;
    let strings: Vec<String> = values
        .iter()
        .filter(|v| !v.is_null())
        .map(|v| v.as_str().map(str::to_owned))
        .collect::<Option<_>>()?;
    (!strings.is_empty()).then_some(strings)
}

fn description(node: &Value) -> Option<String> {
    node.get("description")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// An object's properties and required names, with those of its `allOf`
/// members and theirs in turn (the node's own first): typify merges an
/// `allOf` of objects into one struct, and each of its fields is then a
/// member like any other, with its presence, its `default` and its docs
/// (Clerk's `Machine` is its own members `allOf` its scoped machines; what
/// `CreateMachine` answers is a `Machine`, itself an `allOf`, `allOf` its
/// secret key). The model's reading, which the `schemars` schema's
/// widening shares (`json_schema::lenient`).
pub fn merged_members(
    node: &serde_json::Map<String, Value>,
) -> (BTreeMap<&str, &Value>, BTreeSet<&str>) {
    let mut properties = BTreeMap::new();
    let mut required = BTreeSet::new();
    // Depth first, the node's own first; a schema's nesting is bounded
    // by the parser's depth limit, so this terminates.
    let mut pending = vec![node];
    while let Some(part) = pending.pop() {
        if let Some(own) = part.get("properties").and_then(Value::as_object) {
            for (name, schema) in own {
                properties.entry(name.as_str()).or_insert(schema);
            }
        }
        required.extend(
            part.get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str),
        );
        let members = part.get("allOf").and_then(Value::as_array);
        pending.extend(
            members
                .into_iter()
                .flatten()
                .rev()
                .filter_map(Value::as_object),
        );
    }
    (properties, required)
}

/// typify's fields matched to the schema's properties by the one field
/// casing both use.
fn structure(
    props: &[InspectedField],
    node: Option<&Value>,
    pointer: &str,
) -> Result<Struct, Refusal> {
    let (properties, required) = node
        .and_then(Value::as_object)
        .map(merged_members)
        .unwrap_or_default();
    // The same mapping `prepare` used to rename colliding keys.
    let by_field: BTreeMap<String, &str> = case::field_names(properties.keys().copied())
        .into_iter()
        .map(|(json, rust)| (rust, json))
        .collect();
    let mut fields = Vec::new();
    let mut flattened = Vec::new();
    let composed = node.is_some_and(|n| {
        ["allOf", "anyOf", "oneOf", "additionalProperties"]
            .iter()
            .any(|k| {
                n.get(*k).is_some_and(Value::is_object) || n.get(*k).is_some_and(Value::is_array)
            })
    });
    for InspectedField {
        name: rust,
        ty,
        spelled,
        ..
    } in props
    {
        let json = match by_field.get(rust) {
            Some(json) => (*json).to_owned(),
            // typify's own members: `anyOf` parts, typed additional members.
            None if composed => {
                flattened.push((rust.clone(), ty.clone()));
                continue;
            }
            None if node.is_none() => rust.clone(),
            None => {
                return Err(Refusal::at(
                    pointer,
                    format!("typify made a field `{rust}` that matches no property"),
                ))
            }
        };
        let prop = properties.get(json.as_str()).copied();
        fields.push(Field {
            tag: false,
            empty: false,
            nested: false,
            spelled: spelled.clone(),
            default: prop.and_then(|p| p.get("default")).cloned(),
            nullable: prop.is_some_and(crate::passes::normalize::admits_null),
            required: required.contains(json.as_str()),
            docs: prop.and_then(description),
            json,
            rust: rust.clone(),
            ty: ty.clone(),
        });
    }
    Ok(Struct {
        fields,
        flattened,
        required_without_property: node
            .map(crate::passes::prepare::unbacked_required)
            .unwrap_or_default(),
        closed: node
            .and_then(|n| n.get("additionalProperties"))
            .is_some_and(|a| a == false),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A field typify made that no property of the schema names is refused
    /// at the node, not guessed at.
    #[test]
    fn a_field_no_property_names_is_refused_at_its_node() {
        let field = |name: &str| InspectedField {
            name: name.to_owned(),
            required: false,
            ty: crate::rust_type::RustType::String,
            spelled: "String".to_owned(),
        };
        let node = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        let at = "/properties/user";
        assert!(structure(&[field("id")], Some(&node), at).is_ok());
        let refusal = structure(&[field("id"), field("other")], Some(&node), at)
            .expect_err("no property is `other`");
        assert_eq!(refusal.pointer, at);
        assert!(refusal.message.contains("`other`"), "{}", refusal.message);
    }

    /// The members of an `allOf` typify merged are fields like any other:
    /// required as their part says, with their `default` (which decides
    /// what an absent member holds, and that it is written back absent).
    #[test]
    fn the_members_of_an_all_of_are_fields() {
        let field = |name: &str| InspectedField {
            name: name.to_owned(),
            required: false,
            ty: crate::rust_type::RustType::Int("i64".to_owned()),
            spelled: "i64".to_owned(),
        };
        let node = json!({"allOf": [
            {"type": "object", "required": ["id"], "properties": {"id": {}, "ttl": {"default": 3600}}},
            {"type": "object", "properties": {"scopes": {}}}
        ]});
        let s = structure(
            &[field("id"), field("ttl"), field("scopes")],
            Some(&node),
            "",
        )
        .expect("every field is a member");
        assert!(s.flattened.is_empty());
        let by = |n: &str| s.fields.iter().find(|f| f.json == n).expect(n);
        assert!(by("id").required && !by("ttl").required && !by("scopes").required);
        assert_eq!(by("ttl").default, Some(json!(3600)));
    }
}
