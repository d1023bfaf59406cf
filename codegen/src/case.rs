//! The one place identifiers are made from schema text.
//!
//! typify re-cases every type name it is given (heck's UpperCamelCase after
//! replacing what cannot be in an identifier), so naming, rendering, the
//! index and sharing must all use the very same function, or they name a
//! type that does not exist. Field names are chosen here too, before typify
//! sees them, so they are unique and valid whatever upstream calls its
//! properties; the JSON name stays in the model for serde.

use heck::{ToPascalCase, ToSnakeCase};

/// Keywords (strict and reserved, all editions) that cannot name a field.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield", "_",
];

/// An UpperCamelCase type (or variant) name for `text`, exactly as typify
/// would re-case it: `session_tasks` -> `SessionTasks`, `OTP` -> `Otp`,
/// `2fa` -> `X2fa`, `+1` -> `Plus1`.
pub fn type_name(text: &str) -> String {
    ident(text, |s| s.to_pascal_case(), "X")
}

/// Whether `name` is already what [`type_name`] makes of it.
pub fn is_type_name(name: &str) -> bool {
    !name.is_empty() && type_name(name) == name
}

/// A snake_case field name for a JSON property: `lastActiveAt` ->
/// `last_active_at`, `type` -> `type_`, `$ref` -> `ref_`, `2fa` -> `x_2fa`.
pub fn field_name(text: &str) -> String {
    ident(text, |s| s.to_snake_case(), "x_")
}

fn ident(text: &str, case: impl Fn(&str) -> String, prefix: &str) -> String {
    let out = match text {
        "+1" => case("plus1"),
        "-1" => case("minus1"),
        _ => {
            let cleaned: String = text
                .chars()
                .filter(|c| *c != '\'')
                .map(|c| {
                    if unicode_ident::is_xid_continue(c) {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            case(&cleaned)
        }
    };
    let out = match out.chars().next() {
        None => case(prefix.trim_end_matches('_')),
        Some(c) if unicode_ident::is_xid_start(c) => out,
        Some(_) => format!("{prefix}{out}"),
    };
    if KEYWORDS.contains(&out.as_str()) {
        format!("{out}_")
    } else {
        out
    }
}

/// The module key of the schema derived from `component`: its letters and
/// digits in lower case, the rule's file name (`EmailEventPayload` ->
/// `emaileventpayload`; Clerk's second definition `CommerceSubscriptionItem-2`
/// -> `commercesubscriptionitem2`, a name a module can have). How a
/// catalog's components (webhooks' and the operations') are found among
/// the vendored schemas, whatever Rust name their root is pinned to.
pub fn module_key(component: &str) -> String {
    component
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Modules of the `clerk-types` crate itself, which a schema's module
/// cannot be named.
const CRATE_MODULES: &[&str] = &[
    "decode", "helpers", "members", "validate", "builder", "error", "api", "auth", "webhooks",
    "http",
];

/// Why `key` (from `clerk-KEY-schema.json`) cannot name the schema's
/// module, if it cannot: it must be a lower-case ASCII letter, then
/// lower-case letters, digits or `_`, and neither a keyword nor one of the
/// crate's own modules.
pub fn module_key_problem(key: &str) -> Option<String> {
    let valid = key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Some(format!(
            "`{key}` cannot name a Rust module (a lower-case letter, then lower-case letters, digits or `_`)"
        ));
    }
    if KEYWORDS.contains(&key) || CRATE_MODULES.contains(&key) {
        return Some(format!(
            "`{key}` cannot name a module: it is a Rust keyword or one of clerk-types' own modules"
        ));
    }
    None
}

/// The Rust field names of an object's properties, in the order given:
/// [`field_name`] of each, made unique with a numeric suffix where two
/// names would collide (`fooBar` and `foo_bar`, `ID` and `id`). The one
/// mapping from JSON names to fields: `prepare` renames colliding keys with
/// it before typify sees them, the model maps typify's fields back with it.
pub fn field_names<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, String)> {
    use std::collections::{BTreeMap, BTreeSet};
    let keys: Vec<&str> = keys.into_iter().collect();
    let bases: Vec<String> = keys.iter().map(|k| field_name(k)).collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &bases {
        *count.entry(b.as_str()).or_default() += 1;
    }
    // A base is kept by its only key, or by the key already spelled so.
    let keeps = |i: usize| count[bases[i].as_str()] == 1 || keys[i] == bases[i];
    let mut taken: BTreeSet<String> = (0..keys.len())
        .filter(|i| keeps(*i))
        .map(|i| bases[i].clone())
        .collect();
    let mut kept: BTreeSet<&str> = BTreeSet::new();
    keys.iter()
        .enumerate()
        .map(|(i, k)| {
            let base = &bases[i];
            let name = if keeps(i) && kept.insert(base.as_str()) {
                base.clone()
            } else {
                // `self_` + `2`, not `self__2`: snake case would fold the
                // double underscore, and typify with it.
                let sep = if base.ends_with('_') { "" } else { "_" };
                unique(base.clone(), &mut taken, sep)
            };
            (*k, name)
        })
        .collect()
}

/// Makes `candidate` unique among `taken` with a numeric suffix (`id`,
/// `id_2`, `id_3`), and records it.
pub fn unique(
    candidate: String,
    taken: &mut std::collections::BTreeSet<String>,
    sep: &str,
) -> String {
    if taken.insert(candidate.clone()) {
        return candidate;
    }
    let mut i = 2usize;
    loop {
        let next = format!("{candidate}{sep}{i}");
        if taken.insert(next.clone()) {
            return next;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_typify_fixed_points() {
        for (text, name) in [
            ("session_tasks", "SessionTasks"),
            ("OTP", "Otp"),
            ("FromOAuth", "FromOAuth"),
            ("ActorTokenSTATUS", "ActorTokenStatus"),
            ("2fa", "X2fa"),
            ("oauth-google", "OauthGoogle"),
            ("", "X"),
            ("%%", "X"),
        ] {
            assert_eq!(type_name(text), name, "{text}");
            assert!(is_type_name(name), "{name}");
        }
        assert!(!is_type_name("client"));
    }

    #[test]
    fn field_names_are_identifiers() {
        for (text, name) in [
            ("lastActiveAt", "last_active_at"),
            ("type", "type_"),
            ("self", "self_"),
            ("$ref", "ref_"),
            ("2fa", "x_2fa"),
            ("@@", "x"),
            ("web3_wallets", "web3_wallets"),
        ] {
            assert_eq!(field_name(text), name, "{text}");
        }
        let mut taken = Default::default();
        assert_eq!(unique("id".into(), &mut taken, "_"), "id");
        assert_eq!(unique("id".into(), &mut taken, "_"), "id_2");
    }

    #[test]
    fn module_keys() {
        assert_eq!(module_key("SAMLConnection"), "samlconnection");
        assert_eq!(
            module_key("CommerceSubscriptionItem-2"),
            "commercesubscriptionitem2"
        );
        assert_eq!(module_key_problem("organizationmembership"), None);
        for bad in ["2fa", "Client", "a-b", "", "type", "decode", "members"] {
            assert!(module_key_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn colliding_properties_get_distinct_fields() {
        let names = field_names(["ID", "fooBar", "foo_bar", "id", "type", "type_", "%", "x"]);
        let fields: Vec<&str> = names.iter().map(|(_, f)| f.as_str()).collect();
        let unique: std::collections::BTreeSet<&&str> = fields.iter().collect();
        assert_eq!(unique.len(), fields.len(), "{fields:?}");
        // Each is what snake case (and typify) leaves as it is.
        for f in &fields {
            assert_eq!(field_name(f), *f, "{fields:?}");
        }
        let selves = field_names(["self", "Self"]);
        assert_eq!(selves[1].1, "self_2", "{selves:?}");
        // A key that is already its field name keeps it.
        assert!(
            names.contains(&("foo_bar", "foo_bar".to_owned())),
            "{names:?}"
        );
        assert!(names.contains(&("id", "id".to_owned())), "{names:?}");
        assert!(names.contains(&("type_", "type_".to_owned())), "{names:?}");
    }
}
