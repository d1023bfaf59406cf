//! Rust names for schema nodes.
//!
//! Every type-bearing node gets its name explicitly, written into the schema
//! as a `title` (which typify takes as the name): the name pinned for its
//! JSON pointer in the names file ([`crate::naming::names`]), or, for a node the
//! file does not know yet, one derived from the nearest named ancestor plus
//! the property name (`sync-schema` pins it before the schema lands). Every
//! name goes through [`crate::case::type_name`], the casing typify applies.
//! This stage only names; what the names mean is the model's business.
//!
//! In: the restored documents of the whole set and the names file. Out: a
//! [`Naming`] per schema (every node's title, unions and declared-open
//! enums noted, unpinned names and stale pins listed).

pub mod names;
#[cfg(feature = "maintainer")]
pub mod repin;

use std::collections::BTreeSet;

use serde_json::Value;

use crate::case::type_name;
use crate::naming::names::{Names, Pin};
use crate::walk::{self, Step};

/// A node that received a Rust type name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedNode {
    /// JSON pointer of the node in the upstream schema.
    pub pointer: String,
    /// The Rust type name.
    pub name: String,
    /// Whether the name is pinned in the names file (else derived).
    pub pinned: bool,
}

/// What naming found besides the names: the enums that are open by
/// declaration and the discriminated unions, for the model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Naming {
    /// Every named node.
    pub named: Vec<NamedNode>,
    /// Pinned rows whose node this schema does not have.
    pub stale: Vec<Pin>,
    /// Enums marked `x-speakeasy-unknown-values: allow`, by type name.
    pub open_enums: BTreeSet<String>,
    /// `oneOf`/`anyOf` with an OpenAPI `discriminator`.
    pub unions: Vec<Union>,
}

/// A `oneOf` (or `anyOf`) with an OpenAPI `discriminator`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Union {
    /// The union's Rust type name.
    pub name: String,
    /// The tag property (`discriminator.propertyName`).
    pub property: String,
    /// The variants, in schema order.
    pub variants: Vec<Variant>,
}

/// One variant of a [`Union`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The enum variant's identifier (`Otp`, `FromOAuth`).
    pub ident: String,
    /// The Rust type of its payload.
    pub type_name: String,
    /// The tag value that selects it, if the schema gives one.
    pub tag: Option<String>,
}

/// The key of a schema file (its module, its rows in the names file): `clerk-client-schema.json`
/// is `client`.
pub fn schema_key(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let base = base.strip_suffix(".json").unwrap_or(base);
    let base = base.strip_prefix("clerk-").unwrap_or(base);
    base.strip_suffix("-schema").unwrap_or(base).to_owned()
}

/// Writes a `title` naming each type-bearing node of `schema` (and removes
/// upstream titles, which would otherwise name types) using the pins of
/// schema `key`. Pins whose node is gone are returned as stale, not used.
pub fn assign(key: &str, schema: &mut Value, names: &Names) -> Naming {
    let rows: Vec<&Pin> = names.of(key).collect();
    let mut state = State {
        rows: &rows,
        pinned: rows.iter().map(|r| canonical(&r.name)).collect(),
        suffix: Default::default(),
        used: BTreeSet::new(),
        taken: BTreeSet::new(),
        out: Naming::default(),
    };
    // Not pinned yet: upstream's title ("Clerk <component>") names Clerk's
    // object ("Clerk EmailAddress" -> `EmailAddress`), else the file's key.
    let root = rows
        .iter()
        .find(|r| r.pointer.is_empty())
        .map(|r| r.name.clone())
        .or_else(|| {
            let title = schema.get("title")?.as_str()?;
            let object = title.strip_prefix("Clerk ")?.trim();
            (!object.is_empty()).then(|| type_name(object))
        })
        .unwrap_or_else(|| type_name(key));
    state.visit(schema, &mut String::new(), &root, true);
    let used = std::mem::take(&mut state.used);
    state.out.stale = rows
        .iter()
        .filter(|r| !used.contains(r.pointer.as_str()))
        .map(|r| (*r).clone())
        .collect();
    state.out
}

struct State<'a> {
    rows: &'a [&'a Pin],
    pinned: BTreeSet<String>,
    suffix: std::collections::BTreeMap<String, usize>,
    used: BTreeSet<&'a str>,
    taken: BTreeSet<String>,
    out: Naming,
}

impl State<'_> {
    fn visit(&mut self, node: &mut Value, pointer: &mut String, candidate: &str, force: bool) {
        let Some(obj) = node.as_object_mut() else {
            return;
        };
        obj.remove("title");
        // A pin names a node only while it bears a type: a pin on a node
        // that no longer does (a `pattern` that made a newtype) is stale.
        let row = self
            .rows
            .iter()
            .find(|r| r.pointer == pointer.as_str())
            .filter(|_| force || bears_type(node));
        let name = match row {
            Some(row) => {
                self.used.insert(row.pointer.as_str());
                Some((row.name.clone(), true))
            }
            None if force || bears_type(node) => Some((self.unique(candidate), false)),
            None => None,
        };
        let parent = match &name {
            Some((name, pinned)) => {
                self.taken.insert(canonical(name));
                if let Some(obj) = node.as_object_mut() {
                    obj.insert("title".into(), Value::String(name.clone()));
                }
                self.out.named.push(NamedNode {
                    pointer: pointer.clone(),
                    name: name.clone(),
                    pinned: *pinned,
                });
                if is_open_enum(node) {
                    self.out.open_enums.insert(name.clone());
                }
                name.clone()
            }
            None => candidate.to_owned(),
        };
        let union = union_parts(node);
        let variant_names: Vec<String> = union
            .as_ref()
            .map(|u| {
                u.variants
                    .iter()
                    .map(|(ident, _)| self.unique(&type_name(&format!("{parent}{ident}"))))
                    .collect()
            })
            .unwrap_or_default();
        walk::for_each_child_mut(node, |step, child| {
            let len = pointer.len();
            pointer.push_str(&step.pointer());
            let member =
                matches!(&step, Step::Index("oneOf" | "anyOf", i) if i < &variant_names.len());
            let candidate = match &step {
                Step::Index("oneOf" | "anyOf", i) if i < &variant_names.len() => {
                    variant_names[*i].clone()
                }
                Step::Index("oneOf" | "anyOf", _) => {
                    match child.get(OVERRIDE).and_then(Value::as_str) {
                        Some(name) => type_name(&format!("{parent}{}", type_name(name))),
                        None => child_name(&parent, &step),
                    }
                }
                _ => child_name(&parent, &step),
            };
            // Union members become types of their own, whatever their shape.
            self.visit(child, pointer, &candidate, member);
            pointer.truncate(len);
        });
        if let Some(u) = union {
            // The names the members really got (a table row may have won).
            let members = node
                .get("oneOf")
                .or_else(|| node.get("anyOf"))
                .and_then(Value::as_array);
            let titles = members
                .into_iter()
                .flatten()
                .map(|m| m.get("title").and_then(Value::as_str));
            self.out.unions.push(Union {
                name: parent,
                property: u.property,
                variants: u
                    .variants
                    .into_iter()
                    .zip(variant_names)
                    .zip(titles)
                    .map(|(((ident, tag), derived), title)| Variant {
                        ident,
                        type_name: title.map_or(derived, str::to_owned),
                        tag,
                    })
                    .collect(),
            });
        }
    }

    /// `candidate`, or `candidate2`, `candidate3`... if taken by a name given
    /// already or pinned. Each base remembers its next suffix, so naming
    /// thousands of alike nodes stays linear.
    fn unique(&mut self, candidate: &str) -> String {
        // Compared as typify spells them: `AB` (from `a b`) is typify's `Ab`.
        let candidate = &canonical(candidate);
        let free = |s: &Self, n: &str| !s.taken.contains(n) && !s.pinned.contains(n);
        if free(self, candidate) {
            return candidate.to_owned();
        }
        let mut i = self.suffix.get(candidate).copied().unwrap_or(2);
        loop {
            let name = format!("{candidate}{i}");
            i += 1;
            if free(self, &name) {
                self.suffix.insert(candidate.to_owned(), i);
                return name;
            }
        }
    }
}

/// `name` as typify spells a type name, which [`type_name`] is not always
/// already (`type_name("a b")` is `AB`, typify's `Ab`): applied until it
/// no longer changes, so that names unique here are unique to typify.
fn canonical(name: &str) -> String {
    let mut name = name.to_owned();
    for _ in 0..4 {
        let next = type_name(&name);
        if next == name {
            break;
        }
        name = next;
    }
    name
}

/// Speakeasy's name for a `oneOf` member.
const OVERRIDE: &str = "x-speakeasy-name-override";

pub(crate) fn is_open_enum(node: &Value) -> bool {
    node.get("x-speakeasy-unknown-values")
        .and_then(Value::as_str)
        == Some("allow")
        && node.get("enum").is_some()
}

/// A discriminated union's tag property, and each variant's identifier and
/// tag value.
struct UnionParts {
    property: String,
    variants: Vec<(String, Option<String>)>,
}

fn union_parts(node: &Value) -> Option<UnionParts> {
    let property = node
        .get("discriminator")?
        .get("propertyName")?
        .as_str()?
        .to_owned();
    let members = node
        .get("oneOf")
        .or_else(|| node.get("anyOf"))?
        .as_array()?;
    let mapping = node["discriminator"]
        .get("mapping")
        .and_then(Value::as_object);
    let mut seen = BTreeSet::new();
    let variants = members
        .iter()
        .enumerate()
        .map(|(i, member)| {
            let name = member.get(OVERRIDE).and_then(Value::as_str);
            // The member's own single-value enum is the tag; failing that, a
            // mapping entry whose (dangling) target is named like the member.
            let own = member
                .get("properties")
                .and_then(|p| p.get(&property))
                .and_then(|p| p.get("enum"))
                .and_then(Value::as_array)
                .filter(|values| values.len() == 1)
                .and_then(|values| values[0].as_str())
                .map(str::to_owned);
            let mapped = || {
                let name = squash(name?);
                mapping?
                    .iter()
                    .find(|(_, target)| {
                        target.as_str().is_some_and(|t| {
                            squash(t.rsplit('/').next().unwrap_or(t)).ends_with(&name)
                        })
                    })
                    .map(|(tag, _)| tag.clone())
            };
            let tag = own.or_else(mapped);
            let mut ident = match (name, &tag) {
                (Some(name), _) => type_name(name),
                (None, Some(tag)) => type_name(tag),
                (None, None) => format!("Variant{i}"),
            };
            if !seen.insert(ident.clone()) {
                ident = type_name(&format!("{ident}{i}"));
                seen.insert(ident.clone());
            }
            (ident, tag)
        })
        .collect();
    Some(UnionParts { property, variants })
}

/// Lower-case letters and digits only, to compare names across spellings.
fn squash(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether typify makes a named Rust type of this node.
fn bears_type(node: &Value) -> bool {
    let Some(obj) = node.as_object() else {
        return false;
    };
    obj.contains_key("properties")
        || obj.contains_key("oneOf")
        || obj.contains_key("anyOf")
        || obj.contains_key("allOf")
        || obj
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|values| values.iter().any(Value::is_string))
    // `pattern` and lengths no longer do: they are dropped before typify
    // (`crate::model::constraints`), so no newtype checks them.
}

fn child_name(parent: &str, step: &Step) -> String {
    let joined = match step {
        Step::Named("properties", prop) => format!("{parent}_{prop}"),
        Step::Named(_, def) => def.clone(),
        Step::Keyword("items") | Step::Index("prefixItems", _) => format!("{parent}Item"),
        Step::Keyword("additionalProperties") => format!("{parent}Value"),
        Step::Keyword(k) => format!("{parent}_{k}"),
        Step::Index(_, i) => format!("{parent}Variant{i}"),
    };
    type_name(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names(rows: &[(&str, &str)]) -> Names {
        Names::from_rows("x", rows)
    }

    #[test]
    fn pinned_names_win_and_others_derive_from_the_nearest_name() {
        let mut s = json!({
            "title": "Upstream Title",
            "properties": {
                "item": {"properties": {"kind": {"enum": ["a", "b"]}}},
                "other_list": {"items": {"properties": {}}},
                "plain": {"type": "string", "title": "Dropped"},
                "code": {"type": "string", "pattern": "^c$"}
            }
        });
        let pins = names(&[("", "Root"), ("/properties/item", "Thing")]);
        let naming = assign("x", &mut s, &pins);
        assert!(naming.stale.is_empty());
        assert_eq!(s["title"], "Root");
        assert_eq!(s["properties"]["item"]["title"], "Thing");
        assert_eq!(
            s["properties"]["item"]["properties"]["kind"]["title"],
            "ThingKind"
        );
        assert_eq!(
            s["properties"]["other_list"]["items"]["title"],
            "RootOtherListItem"
        );
        // A pattern makes no type: it is dropped before typify.
        assert!(s["properties"]["code"].get("title").is_none());
        assert!(s["properties"]["plain"].get("title").is_none());
        assert_eq!(naming.named.iter().filter(|n| n.pinned).count(), 2);
    }

    #[test]
    fn a_pin_that_matches_nothing_is_stale_not_fatal() {
        let mut s = json!({"properties": {"renamed_item": {"properties": {}}}});
        let naming = assign(
            "x",
            &mut s,
            &names(&[("", "Root"), ("/properties/item", "Thing")]),
        );
        assert_eq!(naming.stale.len(), 1);
        assert_eq!(naming.stale[0].pointer, "/properties/item");
        assert_eq!(s["properties"]["renamed_item"]["title"], "RootRenamedItem");
    }

    #[test]
    fn derived_names_never_collide_with_pinned_names() {
        let mut s = json!({"properties": {
            "item": {"properties": {}},
            "x": {"properties": {"y": {"properties": {}}}}
        }});
        assign(
            "x",
            &mut s,
            &names(&[("", "Root"), ("/properties/item", "RootX")]),
        );
        assert_eq!(s["properties"]["x"]["title"], "RootX2");
    }

    #[test]
    fn an_unpinned_root_is_named_by_upstream_title() {
        let mut s =
            json!({"title": "Clerk SAMLConnection", "properties": {"a": {"enum": ["x", "y"]}}});
        assign("samlconnection", &mut s, &Names::empty());
        assert_eq!(s["title"], "SamlConnection");
        assert_eq!(s["properties"]["a"]["title"], "SamlConnectionA");
    }

    #[test]
    fn derived_names_are_cased_as_typify_cases_them() {
        let mut s = json!({"properties": {"STATUS": {"enum": ["a", "b"]}}});
        assign("actortoken", &mut s, &Names::empty());
        assert_eq!(s["title"], "Actortoken");
        assert_eq!(s["properties"]["STATUS"]["title"], "ActortokenStatus");
    }

    #[test]
    fn unions_take_speakeasy_names_and_tags() {
        let mut s = json!({"properties": {"verification": {
            "oneOf": [
                {"x-speakeasy-name-override": "OTP", "properties": {"object": {"enum": ["verification_otp"]}}},
                {"x-speakeasy-name-override": "FromOAuth", "properties": {"object": {"type": "string"}}},
                {"properties": {"object": {"enum": ["verification_ticket"]}}},
                {"properties": {}}
            ],
            "discriminator": {"propertyName": "object", "mapping": {
                "verification_from_oauth": "#/components/schemas/verification_from_oauth"
            }}
        }, "strategy": {"enum": ["a"], "x-speakeasy-unknown-values": "allow"}}});
        let naming = assign("x", &mut s, &names(&[("", "Root")]));
        let u = &naming.unions[0];
        assert_eq!(u.name, "RootVerification");
        assert_eq!(u.property, "object");
        let got: Vec<(&str, &str, Option<&str>)> = u
            .variants
            .iter()
            .map(|v| (v.ident.as_str(), v.type_name.as_str(), v.tag.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Otp", "RootVerificationOtp", Some("verification_otp")),
                (
                    "FromOAuth",
                    "RootVerificationFromOAuth",
                    Some("verification_from_oauth")
                ),
                (
                    "VerificationTicket",
                    "RootVerificationVerificationTicket",
                    Some("verification_ticket")
                ),
                ("Variant3", "RootVerificationVariant3", None),
            ]
        );
        assert_eq!(
            s["properties"]["verification"]["oneOf"][0]["title"],
            "RootVerificationOtp"
        );
        assert!(naming.open_enums.contains("RootStrategy"));
    }

    #[test]
    fn keys() {
        assert_eq!(schema_key("schema/clerk-client-schema.json"), "client");
        assert_eq!(
            schema_key("clerk-organizationmembership-schema.json"),
            "organizationmembership"
        );
    }
}
