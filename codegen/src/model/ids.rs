//! Typed ids, decided once: which Clerk objects have an id type
//! (`UserId`), and which members hold one.
//!
//! A kind of id is a kind of object: every object of the vendored set that
//! has a single-value `object` tag and an `id` string is found by that id,
//! and all the objects with the same tag share one id type, whatever Rust
//! type they decode as (`Machine` and `MachineWithSecretKey` are both
//! `object: machine`, so both have a `MachineId`). The kinds are read from
//! the whole set, enabled or not, so `crate::ids` is the same whichever
//! features are on.
//!
//! A member holds an id of kind `K` when it is the `id` of an object tagged
//! `K`; when its name is `K`'s tag (or one of the tag's aliases) followed by
//! `_id` (`user_id`; `_ids` for a list), maybe after one qualifier from
//! [`QUALIFIERS`] (`primary_email_address_id`, `last_active_session_id`);
//! or when the pins (`codegen/overlay/ids.json`, by owner type and member)
//! say so, for what a name cannot tell (`SessionClaims.sub` is a user,
//! `Organization.created_by` too). A name other systems use for their own
//! ids ([`AMBIGUOUS`]: an OAuth `client_id` is not a Clerk Client's) is an
//! id only where pinned. Qualifiers are a list, not "any prefix", so that a
//! provider's `provider_user_id` stays a string: a member the rule misses
//! stays a `String` (what it was), one it wrongly typed would lie.
//!
//! Ids are opaque: no prefix is checked (Clerk has changed prefixes, and
//! async-stripe's checked ids broke on real payloads), every string decodes
//! and is written back as sent.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::naming::names::Names;
use crate::passes::aliases;
use crate::walk;

const PINS: &str = include_str!("../../overlay/ids.json");

/// The words that may stand before `<tag>_id` in a member's name and keep
/// its meaning: which one of that kind of object it is.
pub const QUALIFIERS: &[&str] = &[
    "primary",
    "last_active",
    "created",
    "from",
    "to",
    "source",
    "dest",
    "previous",
    "latest",
];

/// Member names that other systems use for their own ids: an id only where
/// pinned.
pub const AMBIGUOUS: &[&str] = &["client_id"];

/// One kind of id: the objects tagged [`IdKind::tag`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdKind {
    /// The `object` tag (`user`).
    pub tag: String,
    /// Other spellings of the tag Clerk sends (`crate::passes::aliases`).
    pub aliases: Vec<String>,
    /// The Rust type (`UserId`).
    pub name: String,
    /// The kind's marker type in `crate::ids::kinds` (`User`): `UserId` is
    /// `Id<kinds::User>`.
    pub marker: String,
    /// The Rust names of the types whose `id` it is.
    pub objects: Vec<String>,
}

/// Every kind of id of a vendored set, and the pins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ids {
    kinds: Vec<IdKind>,
    /// `Owner.member` -> tag, or `None`: not an id.
    pins: BTreeMap<String, Option<String>>,
}

impl Ids {
    /// The kinds of `set` (every restored document, by module key), named
    /// after the pinned name of an object of the kind when its letters
    /// are the tag's (`oauth_application` -> `OAuthApplicationId`), else
    /// after the tag.
    pub fn of_set(set: &[(String, Value)], names: &Names) -> Ids {
        let mut kinds: BTreeMap<String, IdKind> = BTreeMap::new();
        for (key, doc) in set {
            walk::walk(doc, &mut |pointer, node| {
                let Some(tag) = own_tag(node) else {
                    return;
                };
                if !is_string(node.pointer("/properties/id")) {
                    return;
                }
                let kind = kinds.entry(tag.to_owned()).or_insert_with(|| IdKind {
                    tag: tag.to_owned(),
                    aliases: tag_aliases(node),
                    name: String::new(),
                    marker: String::new(),
                    objects: Vec::new(),
                });
                if let Some(pin) = names.get(key, pointer) {
                    if !kind.objects.contains(&pin.name) {
                        kind.objects.push(pin.name.clone());
                    }
                }
            });
        }
        let mut kinds: Vec<IdKind> = kinds.into_values().collect();
        let mut taken = std::collections::BTreeSet::new();
        let mut markers = std::collections::BTreeSet::new();
        for kind in &mut kinds {
            let letters = letters(&kind.tag);
            let object = kind
                .objects
                .iter()
                .find(|name| self::letters(name) == letters)
                .cloned();
            let stem = object.unwrap_or_else(|| crate::case::type_name(&kind.tag));
            // Tags that differ only in punctuation or case (`a-b`, `a_b`)
            // make one name; each kind gets its own, and its own marker.
            kind.name = unique(format!("{stem}Id"), &mut taken);
            // `Self` and the like are no type's name.
            let marker = match syn::parse_str::<syn::Ident>(&stem) {
                Ok(_) => stem,
                Err(_) => format!("{stem}Kind"),
            };
            kind.marker = unique(marker, &mut markers);
            kind.objects.sort();
        }
        kinds.sort_by(|a, b| a.name.cmp(&b.name));
        Ids {
            kinds,
            pins: pins(),
        }
    }

    /// Every kind, by Rust name.
    pub fn kinds(&self) -> &[IdKind] {
        &self.kinds
    }

    /// The kind of objects tagged `tag` (or one of its aliases).
    pub fn of_tag(&self, tag: &str) -> Option<&IdKind> {
        self.kinds
            .iter()
            .find(|k| k.tag == tag || k.aliases.iter().any(|a| a == tag))
    }

    /// The kind of id member `member` of an object holds: `owner` is the
    /// object's Rust name (for the pins), `tag` its own `object` tag.
    /// `many` is whether the member is a list.
    pub fn of_member(
        &self,
        owner: Option<&str>,
        tag: Option<&str>,
        member: &str,
        many: bool,
    ) -> Option<&IdKind> {
        if let Some(pinned) = owner.and_then(|o| self.pins.get(&format!("{o}.{member}"))) {
            return pinned.as_deref().and_then(|t| self.of_tag(t));
        }
        if member == "id" && !many {
            return tag.and_then(|t| self.of_tag(t));
        }
        self.of_name(member, many)
    }

    /// The kind of a path parameter named `name` right after collection
    /// `collection` (`/users/{user_id}`): the kind the name says, when
    /// the collection is its objects' (the plural of its tag or an
    /// alias). The collection settles what [`AMBIGUOUS`] leaves open
    /// (`/clients/{client_id}` is a Clerk Client).
    pub fn in_collection(&self, name: &str, collection: &str) -> Option<&IdKind> {
        let stem = name.strip_suffix("_id")?;
        let kind = self.of_tag(stem)?;
        let mut tags = std::iter::once(&kind.tag).chain(&kind.aliases);
        tags.any(|t| plural(t) == collection).then_some(kind)
    }

    /// The kind a name alone says (`user_id`, `primary_email_address_id`;
    /// `session_ids` when `many`), pins aside: for members without an owner
    /// (an operation's parameters).
    pub fn of_name(&self, name: &str, many: bool) -> Option<&IdKind> {
        if AMBIGUOUS.contains(&name) {
            return None;
        }
        let stem = name.strip_suffix(if many { "_ids" } else { "_id" })?;
        let mut stems = vec![stem];
        for q in QUALIFIERS {
            if let Some(rest) = stem.strip_prefix(q).and_then(|r| r.strip_prefix('_')) {
                stems.push(rest);
            }
        }
        stems.into_iter().find_map(|s| self.of_tag(s))
    }
}

/// A node's own single-value `object` tag, its aliases aside.
pub fn own_tag(node: &Value) -> Option<&str> {
    let object = node.get("properties")?.get("object")?;
    let listed = aliases::listed(object);
    let values: Vec<&str> = match (object.get("enum"), object.get("const")) {
        (Some(Value::Array(values)), _) => values
            .iter()
            .filter_map(Value::as_str)
            .filter(|v| !listed.contains(v))
            .collect(),
        (None, Some(Value::String(value))) => vec![value.as_str()],
        _ => return None,
    };
    match values.as_slice() {
        [tag] => Some(tag),
        _ => None,
    }
}

fn tag_aliases(node: &Value) -> Vec<String> {
    node.pointer("/properties/object")
        .map(aliases::listed)
        .unwrap_or_default()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// Whether a member's schema is a string (maybe nullable, as Clerk's
/// `nullable` or as JSON Schema's null type) with no fixed values.
pub fn is_string(member: Option<&Value>) -> bool {
    let Some(member) = member else {
        return false;
    };
    if member.get("enum").is_some() || member.get("const").is_some() {
        return false;
    }
    match member.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => {
            let named: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
            named.contains(&"string") && named.iter().all(|t| *t == "string" || *t == "null")
        }
        _ => false,
    }
}

/// Whether a member's schema is a list of strings (maybe nullable).
pub fn is_string_list(member: Option<&Value>) -> bool {
    let Some(member) = member else {
        return false;
    };
    let array = match member.get("type") {
        Some(Value::String(t)) => t == "array",
        Some(Value::Array(types)) => types.iter().any(|t| t == "array"),
        _ => false,
    };
    array && is_string(member.get("items"))
}

/// A collection's name in Clerk's paths: `users`, `email_addresses`,
/// `directories`.
fn plural(tag: &str) -> String {
    if let Some(stem) = tag.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) {
            return format!("{stem}ies");
        }
    }
    if tag.ends_with('s') || tag.ends_with("sh") || tag.ends_with("ch") || tag.ends_with('x') {
        return format!("{tag}es");
    }
    format!("{tag}s")
}

/// `base`, or `base2`, `base3`, ... the first not yet in `taken`, which
/// then holds it.
fn unique(base: String, taken: &mut std::collections::BTreeSet<String>) -> String {
    (1..)
        .map(|n| match n {
            1 => base.clone(),
            n => format!("{base}{n}"),
        })
        .find(|name| taken.insert(name.clone()))
        .unwrap_or(base)
}

/// A name's or tag's letters and digits, lower case: what
/// `oauth_application` and `OAuthApplication` share.
fn letters(text: &str) -> String {
    crate::case::module_key(text)
}

fn pins() -> BTreeMap<String, Option<String>> {
    let parsed: Value = serde_json::from_str(PINS).unwrap_or(Value::Null);
    parsed
        .get("pins")
        .and_then(Value::as_object)
        .map(|pins| {
            pins.iter()
                .map(|(at, pin)| {
                    let tag = pin.get("id").and_then(Value::as_str).map(str::to_owned);
                    (at.clone(), tag)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn set() -> Vec<(String, Value)> {
        vec![
            (
                "user".into(),
                json!({"type": "object", "properties": {
                    "object": {"type": "string", "enum": ["user"]},
                    "id": {"type": "string"},
                    "primary_email_address_id": {"type": "string", "nullable": true},
                    "email_addresses": {"type": "array", "items": {"type": "object", "properties": {
                        "object": {"type": "string", "enum": ["email_address"]},
                        "id": {"type": "string"}
                    }}}
                }}),
            ),
            (
                "oauthapplication".into(),
                json!({"type": "object", "properties": {
                    "object": {"type": "string", "enum": ["oauth_application"]},
                    "id": {"type": "string"},
                    "client_id": {"type": "string"}
                }}),
            ),
            (
                "item".into(),
                json!({"type": "object", "properties": {
                    "object": {"type": "string", "enum": ["commerce_subscription_item", "subscription_item"],
                               "x-clerk-types-aliases": ["subscription_item"]},
                    "id": {"type": "string"}
                }}),
            ),
        ]
    }

    fn ids() -> Ids {
        let names = Names::from_rows("oauthapplication", &[("", "OAuthApplication")]);
        Ids::of_set(&set(), &names)
    }

    /// Every tagged object with an `id` is a kind, named after its pinned
    /// type when the letters agree, else after the tag.
    #[test]
    fn kinds_come_from_tagged_objects() {
        let ids = ids();
        let names: Vec<&str> = ids.kinds().iter().map(|k| k.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "CommerceSubscriptionItemId",
                "EmailAddressId",
                "OAuthApplicationId",
                "UserId"
            ]
        );
        assert_eq!(
            ids.of_tag("subscription_item").map(|k| k.name.as_str()),
            Some("CommerceSubscriptionItemId")
        );
    }

    /// Tags that make one name, or a keyword, still give each kind its own
    /// id name and its own marker, each a valid identifier.
    #[test]
    fn names_and_markers_are_unique_identifiers() {
        let tagged = |tag: &str| {
            json!({"type": "object", "properties": {
                "object": {"type": "string", "enum": [tag]}, "id": {"type": "string"}
            }})
        };
        let set: Vec<(String, Value)> = ["a-b", "a_b", "self", "user"]
            .iter()
            .map(|tag| ((*tag).to_owned(), tagged(tag)))
            .collect();
        let ids = Ids::of_set(&set, &Names::empty());
        let pairs: Vec<(&str, &str)> = ids
            .kinds()
            .iter()
            .map(|k| (k.name.as_str(), k.marker.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("ABId", "AB"),
                ("ABId2", "AB2"),
                ("Self_Id", "Self_"),
                ("UserId", "User")
            ]
        );
        for (name, marker) in pairs {
            assert!(syn::parse_str::<syn::Ident>(name).is_ok(), "{name}");
            assert!(syn::parse_str::<syn::Ident>(marker).is_ok(), "{marker}");
        }
    }

    /// The member rule: `id` of a tagged object, `<tag>_id` after a listed
    /// qualifier, `_ids` lists; an unlisted prefix or an ambiguous name is
    /// no id; a pin decides first.
    #[test]
    fn members_are_ids_by_name_and_pin() {
        let ids = ids();
        let kind = |owner, tag, member, many| {
            ids.of_member(owner, tag, member, many)
                .map(|k| k.name.clone())
        };
        assert_eq!(
            kind(None, Some("user"), "id", false).as_deref(),
            Some("UserId")
        );
        assert_eq!(kind(None, None, "id", false), None);
        assert_eq!(
            kind(None, None, "user_id", false).as_deref(),
            Some("UserId")
        );
        assert_eq!(
            kind(None, None, "user_ids", true).as_deref(),
            Some("UserId")
        );
        assert_eq!(kind(None, None, "user_ids", false), None);
        assert_eq!(
            kind(None, None, "primary_email_address_id", false).as_deref(),
            Some("EmailAddressId")
        );
        assert_eq!(kind(None, None, "provider_user_id", false), None);
        assert_eq!(
            kind(None, None, "subscription_item_id", false).as_deref(),
            Some("CommerceSubscriptionItemId")
        );
        assert_eq!(kind(None, None, "client_id", false), None);
        assert_eq!(
            kind(Some("SessionClaims"), None, "sub", false).as_deref(),
            Some("UserId")
        );
    }

    /// A path parameter is an id where the collection before it is its
    /// kind's: `email_addresses`, an alias's `subscription_items`.
    #[test]
    fn collections_settle_path_parameters() {
        let ids = ids();
        let kind = |name, collection| ids.in_collection(name, collection).map(|k| k.name.clone());
        assert_eq!(kind("user_id", "users").as_deref(), Some("UserId"));
        assert_eq!(
            kind("email_address_id", "email_addresses").as_deref(),
            Some("EmailAddressId")
        );
        assert_eq!(
            kind("subscription_item_id", "subscription_items").as_deref(),
            Some("CommerceSubscriptionItemId")
        );
        assert_eq!(kind("user_id", "user_templates"), None);
        assert_eq!(plural("directory"), "directories");
        assert_eq!(plural("waitlist_entry"), "waitlist_entries");
    }

    #[test]
    fn strings_only() {
        assert!(is_string(Some(&json!({"type": "string"}))));
        assert!(is_string(Some(&json!({"type": ["string", "null"]}))));
        assert!(!is_string(Some(&json!({"type": "string", "enum": ["a"]}))));
        assert!(!is_string(Some(&json!({"type": "integer"}))));
        assert!(is_string_list(Some(
            &json!({"type": "array", "items": {"type": "string"}})
        )));
    }
}
