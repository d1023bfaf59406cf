//! Stable Rust names for schema nodes.
//!
//! typify names a type after its JSON path (`ClerkClientSessionsItem`), so an
//! upstream rename of a property would silently rename a public Rust type.
//! Here every type-bearing node gets its name explicitly, written into the
//! schema as a `title` (which typify takes as the name): first from the
//! naming [`TABLE`], keyed by the node's JSON pointer in the *upstream*
//! schema, then, for nodes the table does not know, from the nearest named
//! ancestor plus the property name. A table entry that matches nothing is an
//! error, so a moved or renamed node is noticed instead of renamed.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::walk::{self, Step};

/// One row of the naming table.
#[derive(Clone, Copy, Debug)]
pub struct TableEntry {
    /// The schema the row applies to, as its file is keyed (`client` for
    /// `clerk-client-schema.json`).
    pub schema: &'static str,
    /// JSON pointer of the node in the upstream schema.
    pub pointer: &'static str,
    /// The Rust type name.
    pub name: &'static str,
}

/// The names users see. Changing a row is a breaking change of the crate.
pub const TABLE: &[TableEntry] = &[
    entry("client", "", "Client"),
    entry("client", "/properties/object", "ClientObject"),
    entry("client", "/properties/sessions/items", "Session"),
    entry(
        "client",
        "/properties/sessions/items/properties/object",
        "SessionObject",
    ),
    entry(
        "client",
        "/properties/sessions/items/properties/status",
        "SessionStatus",
    ),
    entry(
        "client",
        "/properties/sessions/items/properties/latest_activity",
        "SessionActivity",
    ),
    entry(
        "client",
        "/properties/sessions/items/properties/tasks/items",
        "SessionTask",
    ),
    // The roots of the other upstream schemas, for when they are vendored.
    entry("actortoken", "", "ActorToken"),
    entry("emailaddress", "", "EmailAddress"),
    entry("invitation", "", "Invitation"),
    entry("jwttemplate", "", "JwtTemplate"),
    entry("oauthapplication", "", "OAuthApplication"),
    entry("organization", "", "Organization"),
    entry("organizationinvitation", "", "OrganizationInvitation"),
    entry("organizationmembership", "", "OrganizationMembership"),
    entry("phonenumber", "", "PhoneNumber"),
    entry("samlconnection", "", "SamlConnection"),
    entry("session", "", "Session"),
    entry("signintoken", "", "SignInToken"),
    entry("user", "", "User"),
];

const fn entry(schema: &'static str, pointer: &'static str, name: &'static str) -> TableEntry {
    TableEntry {
        schema,
        pointer,
        name,
    }
}

/// A node that received a Rust type name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedNode {
    /// JSON pointer of the node in the upstream schema.
    pub pointer: String,
    /// The Rust type name.
    pub name: String,
    /// Whether the name came from the table (stable) or was derived.
    pub from_table: bool,
}

/// What naming found besides the names: the enums that are open by
/// declaration and the discriminated unions, for `polish`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Naming {
    /// Every named node.
    pub named: Vec<NamedNode>,
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

/// The key of a schema file in the naming table: `clerk-client-schema.json`
/// is `client`.
pub fn schema_key(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let base = base.strip_suffix(".json").unwrap_or(base);
    let base = base.strip_prefix("clerk-").unwrap_or(base);
    base.strip_suffix("-schema").unwrap_or(base).to_owned()
}

/// A table row whose pointer matches no node of the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleEntry {
    /// The row's pointer.
    pub pointer: String,
    /// The row's Rust name.
    pub name: String,
}

/// Writes a `title` naming each type-bearing node of `schema` (and removes
/// upstream titles, which would otherwise name types) using `table` rows of
/// schema `key`. Returns what was named, or the rows that matched nothing.
pub fn assign(
    key: &str,
    schema: &mut Value,
    table: &[TableEntry],
) -> Result<Naming, Vec<StaleEntry>> {
    let rows: Vec<&TableEntry> = table.iter().filter(|e| e.schema == key).collect();
    let mut state = State {
        rows: &rows,
        used: BTreeSet::new(),
        taken: BTreeSet::new(),
        out: Naming::default(),
    };
    let root = rows
        .iter()
        .find(|r| r.pointer.is_empty())
        .map(|r| r.name.to_owned())
        .unwrap_or_else(|| pascal(key));
    state.visit(schema, &mut String::new(), &root, true);
    let stale: Vec<StaleEntry> = rows
        .iter()
        .filter(|r| !state.used.contains(r.pointer))
        .map(|r| StaleEntry {
            pointer: r.pointer.to_owned(),
            name: r.name.to_owned(),
        })
        .collect();
    if stale.is_empty() {
        Ok(state.out)
    } else {
        Err(stale)
    }
}

struct State<'a> {
    rows: &'a [&'a TableEntry],
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
        let row = self.rows.iter().find(|r| r.pointer == pointer.as_str());
        let name = match row {
            Some(row) => {
                self.used.insert(row.pointer);
                Some((row.name.to_owned(), true))
            }
            None if force || bears_type(node) => Some((self.unique(candidate), false)),
            None => None,
        };
        let parent = match &name {
            Some((name, from_table)) => {
                self.taken.insert(name.clone());
                if let Some(obj) = node.as_object_mut() {
                    obj.insert("title".into(), Value::String(name.clone()));
                }
                self.out.named.push(NamedNode {
                    pointer: pointer.clone(),
                    name: name.clone(),
                    from_table: *from_table,
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
                    .map(|(ident, _)| self.unique(&format!("{parent}{ident}")))
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
                        Some(name) => format!("{parent}{}", variant_ident(name)),
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

    fn unique(&self, candidate: &str) -> String {
        let table_names = || self.rows.iter().map(|r| r.name);
        let free = |n: &str| !self.taken.contains(n) && !table_names().any(|t| t == n);
        if free(candidate) {
            return candidate.to_owned();
        }
        (2..)
            .map(|i| format!("{candidate}{i}"))
            .find(|n| free(n))
            .unwrap_or_else(|| candidate.to_owned())
    }
}

/// Speakeasy's name for a `oneOf` member.
const OVERRIDE: &str = "x-speakeasy-name-override";

fn is_open_enum(node: &Value) -> bool {
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
                (Some(name), _) => variant_ident(name),
                (None, Some(tag)) => pascal(tag),
                (None, None) => format!("Variant{i}"),
            };
            if !seen.insert(ident.clone()) {
                ident = format!("{ident}{i}");
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

/// A variant identifier from a Speakeasy name: `OTP` -> `Otp`, `SAML` ->
/// `Saml`, `FromOAuth` stays.
pub fn variant_ident(name: &str) -> String {
    let p = pascal(name);
    if p.len() > 1
        && p.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        let mut chars = p.chars();
        let first = chars.next().map(|c| c.to_string()).unwrap_or_default();
        first + &chars.as_str().to_ascii_lowercase()
    } else {
        p
    }
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
}

fn child_name(parent: &str, step: &Step) -> String {
    match step {
        Step::Named("properties", prop) => format!("{parent}{}", pascal(prop)),
        Step::Named(_, def) => pascal(def),
        Step::Keyword("items") | Step::Index("prefixItems", _) => format!("{parent}Item"),
        Step::Keyword("additionalProperties") => format!("{parent}Value"),
        Step::Keyword(k) => format!("{parent}{}", pascal(k)),
        Step::Index(_, i) => format!("{parent}Variant{i}"),
    }
}

/// `session_ids` -> `SessionIds`; a leading digit gets a `T` prefix so the
/// result is an identifier.
pub fn pascal(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const T: &[TableEntry] = &[
        entry("x", "", "Root"),
        entry("x", "/properties/item", "Thing"),
    ];

    #[test]
    fn table_names_win_and_others_derive_from_the_nearest_name() {
        let mut s = json!({
            "title": "Upstream Title",
            "properties": {
                "item": {"properties": {"kind": {"enum": ["a", "b"]}}},
                "other_list": {"items": {"properties": {}}},
                "plain": {"type": "string", "title": "Dropped"}
            }
        });
        let named = assign("x", &mut s, T).expect("no stale rows").named;
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
        assert!(s["properties"]["plain"].get("title").is_none());
        assert_eq!(named.iter().filter(|n| n.from_table).count(), 2);
    }

    #[test]
    fn a_row_that_matches_nothing_is_reported() {
        let mut s = json!({"properties": {"renamed_item": {"properties": {}}}});
        let stale = assign("x", &mut s, T).expect_err("row is stale");
        assert_eq!(stale[0].pointer, "/properties/item");
        assert_eq!(stale[0].name, "Thing");
    }

    #[test]
    fn derived_names_never_collide_with_table_names() {
        let mut s = json!({"properties": {
            "item": {"properties": {}},
            "x": {"properties": {"y": {"properties": {}}}}
        }});
        let table = [
            entry("x", "", "Root"),
            entry("x", "/properties/item", "RootX"),
        ];
        assign("x", &mut s, &table).expect("fresh");
        assert_eq!(s["properties"]["x"]["title"], "RootX2");
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
        let naming = assign("x", &mut s, &[entry("x", "", "Root")]).expect("fresh");
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
    fn keys_and_case() {
        assert_eq!(variant_ident("OTP"), "Otp");
        assert_eq!(variant_ident("SAML"), "Saml");
        assert_eq!(variant_ident("FromOAuth"), "FromOAuth");
        assert_eq!(schema_key("schema/clerk-client-schema.json"), "client");
        assert_eq!(
            schema_key("clerk-organizationmembership-schema.json"),
            "organizationmembership"
        );
        assert_eq!(pascal("session_ids"), "SessionIds");
        assert_eq!(pascal("oauth-google"), "OauthGoogle");
        assert_eq!(pascal("2fa"), "T2fa");
    }
}
