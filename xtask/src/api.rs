//! The public Rust API of generated code, and what changed in it: types,
//! fields and variants added, removed or changed.

use std::collections::BTreeMap;
use std::fmt;

use quote::ToTokens;
use syn::{Fields, Item};

use crate::changes::Bump;

/// A type's public surface.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Field name -> (type, serde attributes).
    Struct(BTreeMap<String, (String, String)>),
    /// Variant names (with their payload type, if any).
    Enum(Vec<String>),
    /// Anything else (an alias, a newtype...), by its tokens.
    Other(String),
}

/// The public types of a generated file, by name. The `builder` and
/// `error` modules mirror these and are left out.
pub fn surface(file: &syn::File) -> BTreeMap<String, Shape> {
    let mut out = BTreeMap::new();
    for item in &file.items {
        match item {
            Item::Struct(s) => {
                let shape = match &s.fields {
                    Fields::Named(named) => Shape::Struct(
                        named
                            .named
                            .iter()
                            .filter_map(|f| {
                                let name = f.ident.as_ref()?.to_string();
                                let serde: Vec<String> = f
                                    .attrs
                                    .iter()
                                    .filter(|a| a.path().is_ident("serde"))
                                    .map(|a| {
                                        format!(
                                            "#[{}]",
                                            tidy(&a.meta.to_token_stream().to_string())
                                                .replace(" (", "(")
                                        )
                                    })
                                    .collect();
                                Some((
                                    name,
                                    (tidy(&f.ty.to_token_stream().to_string()), serde.join(" ")),
                                ))
                            })
                            .collect(),
                    ),
                    other => Shape::Other(tidy(&other.to_token_stream().to_string())),
                };
                out.insert(s.ident.to_string(), shape);
            }
            Item::Enum(e) => {
                let variants = e
                    .variants
                    .iter()
                    .map(|v| match &v.fields {
                        Fields::Unit => v.ident.to_string(),
                        fields => {
                            format!("{}{}", v.ident, tidy(&fields.to_token_stream().to_string()))
                        }
                    })
                    .collect();
                out.insert(e.ident.to_string(), Shape::Enum(variants));
            }
            Item::Type(t) => {
                out.insert(
                    t.ident.to_string(),
                    Shape::Other(tidy(&t.ty.to_token_stream().to_string())),
                );
            }
            _ => {}
        }
    }
    out
}

/// Token text made readable: no spaces around `::` and brackets, no
/// `::std::...` prefixes.
fn tidy(tokens: &str) -> String {
    let mut s = tokens
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" < ", "<")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace("( ", "(")
        .replace(" )", ")");
    for prefix in [
        "::std::option::",
        "::std::string::",
        "::std::vec::",
        "::std::collections::",
        "::serde_json::",
        "super::",
    ] {
        s = s.replace(prefix, "");
    }
    s
}

/// One difference between two API surfaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delta {
    /// `+` added, `-` removed, `~` changed.
    pub sign: char,
    /// What, in Rust terms.
    pub what: String,
    /// The bump it needs.
    pub bump: Bump,
}

impl fmt::Display for Delta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.sign, self.what, self.bump)
    }
}

/// The differences from `old` to `new`.
pub fn delta(old: &BTreeMap<String, Shape>, new: &BTreeMap<String, Shape>) -> Vec<Delta> {
    let mut out = Vec::new();
    let mut push = |sign, what: String, bump| out.push(Delta { sign, what, bump });
    for (name, shape) in old {
        if !new.contains_key(name) {
            push('-', format!("type {name}"), Bump::Major);
        } else if let (Shape::Other(a), Some(Shape::Other(b))) = (shape, new.get(name)) {
            if a != b {
                push('~', format!("type {name}: {a} -> {b}"), Bump::Major);
            }
        }
    }
    for (name, shape) in new {
        let Some(before) = old.get(name) else {
            push('+', format!("type {name}"), Bump::Minor);
            continue;
        };
        match (before, shape) {
            (Shape::Struct(a), Shape::Struct(b)) => {
                for (field, (ty, _)) in a {
                    if !b.contains_key(field) {
                        push('-', format!("field {name}.{field}: {ty}"), Bump::Major);
                    }
                }
                for (field, (ty, serde)) in b {
                    match a.get(field) {
                        None => push('+', format!("field {name}.{field}: {ty}"), Bump::Minor),
                        Some((old_ty, _)) if old_ty != ty => push(
                            '~',
                            format!("field {name}.{field}: {old_ty} -> {ty}"),
                            Bump::Major,
                        ),
                        Some((_, old_serde)) if old_serde != serde => push(
                            '~',
                            format!(
                                "encoding of {name}.{field}: {} -> {}",
                                or_none(old_serde),
                                or_none(serde)
                            ),
                            Bump::Minor,
                        ),
                        Some(_) => {}
                    }
                }
            }
            (Shape::Enum(a), Shape::Enum(b)) => {
                for v in a.iter().filter(|v| !b.contains(v)) {
                    push('-', format!("variant {name}::{v}"), Bump::Major);
                }
                for v in b.iter().filter(|v| !a.contains(v)) {
                    push('+', format!("variant {name}::{v}"), Bump::Minor);
                }
            }
            (Shape::Other(_), Shape::Other(_)) => {}
            _ => push(
                '~',
                format!("type {name} changed kind (struct/enum)"),
                Bump::Major,
            ),
        }
    }
    out
}

fn or_none(s: &str) -> &str {
    if s.is_empty() {
        "plain"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surf(src: &str) -> BTreeMap<String, Shape> {
        surface(&syn::parse_str(src).expect("parses"))
    }

    #[test]
    fn deltas_cover_types_fields_variants() {
        let old = surf(
            r#"
            pub struct A { pub x: ::std::string::String, pub gone: i64, #[serde(default)] pub enc: Option<i64> }
            pub enum E { One, Two, Unknown(::std::string::String) }
            pub struct Old {}
            pub mod builder { pub struct A {} }
        "#,
        );
        let new = surf(
            r#"
            pub struct A { pub x: ::std::option::Option<::std::string::String>, pub added: bool, pub enc: Option<i64> }
            pub enum E { One, Three, Unknown(::std::string::String) }
            pub struct New {}
        "#,
        );
        let lines: Vec<String> = delta(&old, &new).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "- type Old (major)",
                "- field A.gone: i64 (major)",
                "+ field A.added: bool (minor)",
                "~ encoding of A.enc: #[serde(default)] -> plain (minor)",
                "~ field A.x: String -> Option<String> (major)",
                "- variant E::Two (major)",
                "+ variant E::Three (minor)",
                "+ type New (minor)",
            ]
        );
    }
}
