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
}
