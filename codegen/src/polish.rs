//! Stage 3: turn typify's output into the crate's public API.
//!
//! typify generates what the schema says, read strictly. Real Clerk payloads
//! need more leniency than that, and users need an API that can grow without
//! breaking them. This stage edits the syntax tree (syn/quote) so that:
//!
//! - unknown object fields are ignored (`deny_unknown_fields` is dropped:
//!   strictness belongs to validation, not decoding);
//! - a required nullable field accepts an absent key as well as `null`
//!   (older API versions omit fields), yet is still written as `null`;
//! - every string enum of two or more values, and every one the caller names
//!   as open, gets a catch-all variant that keeps an unknown value and writes
//!   it back unchanged; single-value tag enums stay strict;
//! - public structs and enums are `#[non_exhaustive]`, and single-value tag
//!   fields default in builders;
//! - doc comments are tidy lines, each type saying where it comes from.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::visit_mut::VisitMut;
use syn::{parse_quote, Attribute, Expr, Fields, Ident, Item, ItemEnum, Lit, Meta, Token};

/// What polish needs to know beyond the tokens.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// Type name -> where it was generated from, for its doc comment.
    pub origins: BTreeMap<String, String>,
    /// Enums that must be open even with a single value
    /// (`x-speakeasy-unknown-values: allow`).
    pub open_enums: BTreeSet<String>,
    /// Discriminated unions, whose typify enum is replaced by a tagged one.
    /// Variant type names may be paths (shared types).
    pub unions: Vec<crate::naming::Union>,
    /// Types generated in another module, re-exported here: local name ->
    /// path of the shared type.
    pub reexports: BTreeMap<String, String>,
}

/// Applies every rewrite of this stage to `file`.
pub fn polish(file: &mut syn::File, cx: &Context) {
    let open: BTreeSet<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Enum(e) => string_enum_values(e)
                .filter(|values| values.len() >= 2 || cx.open_enums.contains(&e.ident.to_string()))
                .map(|_| e.ident.to_string()),
            _ => None,
        })
        .collect();
    let tags: BTreeSet<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Enum(e) if !open.contains(&e.ident.to_string()) => string_enum_values(e)
                .filter(|values| values.len() == 1)
                .map(|_| e.ident.to_string()),
            _ => None,
        })
        .collect();

    let unions: BTreeMap<String, &crate::naming::Union> =
        cx.unions.iter().map(|u| (u.name.clone(), u)).collect();
    let mut items = Vec::with_capacity(file.items.len());
    for item in std::mem::take(&mut file.items) {
        let name = item_name(&item);
        if let Some(u) = name.as_ref().and_then(|n| unions.get(n)) {
            // typify's rendering of a union (an enum, a struct, an alias)
            // gives way to the tagged enum.
            if !matches!(item, Item::Impl(_)) {
                tidy_union_docs(&item, &mut items, u, cx);
            }
            continue;
        }
        match item {
            Item::Struct(mut s) => {
                retain_serde(&mut s.attrs, |meta| {
                    !meta.path().is_ident("deny_unknown_fields")
                });
                tidy_docs(&mut s.attrs, cx.origins.get(&s.ident.to_string()));
                s.attrs.push(parse_quote!(#[non_exhaustive]));
                if let Fields::Named(fields) = &mut s.fields {
                    for field in fields.named.iter_mut() {
                        let note = lenient_nullable(&mut field.attrs).then(|| {
                            "Required and nullable: always written (`None` as `null`); `null` and an absent key both decode as `None`.".to_owned()
                        });
                        tidy_docs(&mut field.attrs, note.as_ref());
                    }
                }
                items.push(Item::Struct(s));
            }
            Item::Enum(mut e) => {
                let name = e.ident.to_string();
                tidy_docs(&mut e.attrs, cx.origins.get(&name));
                if open.contains(&name) {
                    items.extend(open_enum(&e));
                } else {
                    e.attrs.push(parse_quote!(#[non_exhaustive]));
                    let tag = tags.contains(&name).then(|| tag_default(&e));
                    items.push(Item::Enum(e));
                    items.extend(tag);
                }
            }
            // typify's `builder()` gets the doc comment it lacks.
            Item::Impl(mut i) if i.trait_.is_none() => {
                for item in &mut i.items {
                    if let syn::ImplItem::Fn(f) = item {
                        if f.sig.ident == "builder"
                            && !f.attrs.iter().any(|a| a.path().is_ident("doc"))
                        {
                            f.attrs.push(parse_quote!(#[doc = " A builder: set the required fields, then `try_into()` this type (it is `#[non_exhaustive]`)."]));
                        }
                    }
                }
                items.push(Item::Impl(i));
            }
            // typify's conversions of an open enum are replaced by open_enum's.
            Item::Impl(i)
                if impl_target(&i).is_some_and(|t| open.contains(&t)) && i.trait_.is_some() => {}
            Item::Mod(mut m) if m.ident == "builder" => {
                DefaultTags { tags: &tags }.visit_item_mod_mut(&mut m);
                if let Some((_, inner)) = &mut m.content {
                    inner.retain(|i| item_name(i).is_none_or(|n| !unions.contains_key(&n)));
                }
                items.push(Item::Mod(m));
            }
            other => items.push(other),
        }
    }
    let local: BTreeSet<String> = items.iter().filter_map(item_name).collect();
    for (name, path) in &cx.reexports {
        let shared_name = path.rsplit("::").next().unwrap_or(path);
        let Ok(path) = syn::parse_str::<syn::Path>(path) else {
            continue;
        };
        // Under the name this schema gives it, so `module::Root` exists.
        if !local.contains(name) {
            let alias = Ident::new(name, Span::call_site());
            if name == shared_name {
                items.push(parse_quote!(pub use #path;));
            } else {
                items.push(parse_quote!(pub use #path as #alias;));
            }
        }
    }
    file.items = items;
}

/// The type an item defines or implements.
fn item_name(item: &Item) -> Option<String> {
    match item {
        Item::Struct(s) => Some(s.ident.to_string()),
        Item::Enum(e) => Some(e.ident.to_string()),
        Item::Type(t) => Some(t.ident.to_string()),
        Item::Impl(i) => impl_target(i),
        _ => None,
    }
}

fn tidy_union_docs(item: &Item, items: &mut Vec<Item>, u: &crate::naming::Union, cx: &Context) {
    let mut attrs: Vec<Attribute> = match item {
        Item::Struct(s) => s.attrs.clone(),
        Item::Enum(e) => e.attrs.clone(),
        Item::Type(t) => t.attrs.clone(),
        _ => Vec::new(),
    };
    attrs.retain(|a| a.path().is_ident("doc"));
    tidy_docs(&mut attrs, cx.origins.get(&u.name));
    items.extend(tagged_union(u, &attrs));
}

/// A discriminated union as an enum keyed on its tag property. A payload
/// with a known tag decodes as that variant; one with an unknown tag is
/// kept whole in the catch-all (a variant added by a newer API); one
/// without the tag (the schema need not require it) decodes as the first
/// variant that accepts it, as `oneOf` would choose.
fn tagged_union(u: &crate::naming::Union, docs: &[Attribute]) -> Vec<Item> {
    let name = Ident::new(&u.name, Span::call_site());
    let property = &u.property;
    let idents: Vec<Ident> = u
        .variants
        .iter()
        .map(|v| Ident::new(&v.ident, Span::call_site()))
        .collect();
    let types: Vec<syn::Path> = u
        .variants
        .iter()
        .map(|v| {
            syn::parse_str(&v.type_name)
                .unwrap_or_else(|_| syn::Path::from(Ident::new(&v.type_name, Span::call_site())))
        })
        .collect();
    let taken: Vec<(Ident, String, Vec<Attribute>)> = idents
        .iter()
        .map(|i| (i.clone(), String::new(), Vec::new()))
        .collect();
    let unknown = catch_all_ident(&taken);
    let variant_docs: Vec<String> = u
        .variants
        .iter()
        .map(|v| match &v.tag {
            Some(tag) => format!(" `{property}: \"{tag}\"`"),
            None => " Chosen by shape: the schema gives this variant no tag.".to_owned(),
        })
        .collect();
    let tagged: Vec<(&str, &Ident, &syn::Path)> = u
        .variants
        .iter()
        .zip(idents.iter().zip(&types))
        .filter_map(|(v, (id, ty))| v.tag.as_deref().map(|t| (t, id, ty)))
        .collect();
    let tags = tagged.iter().map(|(t, _, _)| *t);
    let tag_idents = tagged.iter().map(|(_, i, _)| *i);
    let no_match = format!(
        "no variant of {} matches this object, and it has no `{property}` to say which",
        u.name
    );
    let not_object = format!("expected an object (a {})", u.name);
    let bad_tag = format!("`{property}` must be a string");
    let open_doc = format!(
        " A discriminated union on `{property}`. An unknown `{property}` decodes as [`{}::{unknown}`], kept whole.",
        u.name
    );
    let file: syn::File = parse_quote! {
        #(#docs)*
        ///
        #[doc = #open_doc]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #idents(#types), )*
            /// A variant this version of the schema does not know, kept as it was sent.
            #unknown(::serde_json::Value),
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #( Self::#idents(value) => ::serde::Serialize::serialize(value, serializer), )*
                    Self::#unknown(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            #[allow(unreachable_patterns)]
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                use ::serde::de::Error as _;
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let ::std::option::Option::Some(object) = value.as_object() else {
                    return Err(D::Error::custom(#not_object));
                };
                match object.get(#property) {
                    ::std::option::Option::Some(::serde_json::Value::String(tag)) => match tag.as_str() {
                        #( #tags => ::serde_json::from_value(value).map(Self::#tag_idents).map_err(D::Error::custom), )*
                        _ => Ok(Self::#unknown(value)),
                    },
                    ::std::option::Option::Some(_) => Err(D::Error::custom(#bad_tag)),
                    ::std::option::Option::None => {
                        // Like `oneOf`: the variant that fits. One that
                        // gives the value back unchanged fits best; failing
                        // that, the first that accepts it (leniently).
                        let mut first: ::std::option::Option<Self> = ::std::option::Option::None;
                        #(
                            if let Ok(v) = <#types as ::serde::Deserialize>::deserialize(&value) {
                                if ::serde_json::to_value(&v).is_ok_and(|again| again == value) {
                                    return Ok(Self::#idents(v));
                                }
                                first.get_or_insert(Self::#idents(v));
                            }
                        )*
                        if let ::std::option::Option::Some(found) = first {
                            return Ok(found);
                        }
                        Err(D::Error::custom(#no_match))
                    }
                }
            }
        }
    };
    file.items
}

/// The JSON values of an enum whose variants are all unit variants, each
/// named by `#[serde(rename = "...")]` or its own identifier.
fn string_enum_values(e: &ItemEnum) -> Option<Vec<(Ident, String, Vec<Attribute>)>> {
    e.variants
        .iter()
        .map(|v| {
            if !matches!(v.fields, Fields::Unit) || v.discriminant.is_some() {
                return None;
            }
            let mut value = v.ident.to_string();
            let mut docs = Vec::new();
            for attr in &v.attrs {
                if attr.path().is_ident("doc") {
                    docs.push(attr.clone());
                } else if attr.path().is_ident("serde") {
                    let metas = attr
                        .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                        .ok()?;
                    for meta in metas {
                        match meta {
                            Meta::NameValue(nv) if nv.path.is_ident("rename") => {
                                value = lit_str(&nv.value)?;
                            }
                            _ => return None,
                        }
                    }
                }
            }
            Some((v.ident.clone(), value, docs))
        })
        .collect()
}

fn lit_str(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}

fn impl_target(i: &syn::ItemImpl) -> Option<String> {
    match &*i.self_ty {
        syn::Type::Path(p) if p.qself.is_none() => {
            p.path.segments.last().map(|s| s.ident.to_string())
        }
        _ => None,
    }
}

/// Keeps the `#[serde(...)]` entries for which `keep` holds, dropping an
/// attribute left empty.
fn retain_serde(attrs: &mut Vec<Attribute>, mut keep: impl FnMut(&Meta) -> bool) {
    attrs.retain_mut(|attr| {
        if !attr.path().is_ident("serde") {
            return true;
        }
        let Ok(metas) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
        else {
            return true;
        };
        let kept: Punctuated<Meta, Token![,]> = metas.into_iter().filter(|m| keep(m)).collect();
        if kept.is_empty() {
            return false;
        }
        *attr = parse_quote!(#[serde(#kept)]);
        true
    });
}

/// A required nullable field: typify insists the key be present
/// (`deserialize_with = Option::deserialize`). Dropping that lets serde's
/// own handling of `Option` accept an absent key as `None`, and since no
/// `skip_serializing_if` is added, `None` is still written as `null`.
/// Returns whether the field was such a one.
fn lenient_nullable(attrs: &mut Vec<Attribute>) -> bool {
    let mut found = false;
    retain_serde(attrs, |meta| match meta {
        Meta::NameValue(nv) if nv.path.is_ident("deserialize_with") => {
            let keep = lit_str(&nv.value).is_none_or(|f| !f.ends_with("Option::deserialize"));
            found |= !keep;
            keep
        }
        _ => true,
    });
    found
}

/// Rewrites the doc attributes of an item as one `#[doc]` per line, with the
/// leading space rustdoc expects, trimmed, and without typify's placeholder
/// (the bare type name in backticks); appends a last paragraph (where a
/// type comes from, what a field accepts).
fn tidy_docs(attrs: &mut Vec<Attribute>, origin: Option<&String>) {
    let mut text = String::new();
    let mut first = None;
    let mut i = 0;
    while i < attrs.len() {
        if attrs[i].path().is_ident("doc") {
            let attr = attrs.remove(i);
            first.get_or_insert(i);
            if let Meta::NameValue(nv) = &attr.meta {
                if let Some(s) = lit_str(&nv.value) {
                    text.push_str(&s);
                    text.push('\n');
                }
            }
        } else {
            i += 1;
        }
    }
    let mut lines: Vec<String> = text.lines().map(|l| l.trim_end().to_owned()).collect();
    let is_placeholder = lines.len() == 1 && lines[0].starts_with('`') && lines[0].ends_with('`');
    if is_placeholder {
        lines.clear();
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if let Some(origin) = origin {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(origin.clone());
    }
    let docs = lines.into_iter().map(|line| -> Attribute {
        let line = if line.is_empty() {
            line
        } else {
            format!(" {}", line.trim_start())
        };
        parse_quote!(#[doc = #line])
    });
    let at = first.unwrap_or(0).min(attrs.len());
    attrs.splice(at..at, docs);
}

/// The catch-all variant's name: `Unknown`, unless the schema uses it.
fn catch_all_ident(values: &[(Ident, String, Vec<Attribute>)]) -> Ident {
    ["Unknown", "Other", "UnknownValue", "Unlisted"]
        .iter()
        .find(|n| values.iter().all(|(id, _, _)| id != *n))
        .map(|n| Ident::new(n, Span::call_site()))
        .unwrap_or_else(|| format_ident!("UnknownValue{}", values.len()))
}

/// An enum that keeps unknown values: the listed ones as unit variants, any
/// other string in the catch-all, each written back as it was read.
fn open_enum(e: &ItemEnum) -> Vec<Item> {
    let Some(values) = string_enum_values(e) else {
        return vec![Item::Enum(e.clone())];
    };
    let name = &e.ident;
    let docs = e.attrs.iter().filter(|a| a.path().is_ident("doc"));
    let unknown = catch_all_ident(&values);
    let idents: Vec<&Ident> = values.iter().map(|(id, _, _)| id).collect();
    let strs: Vec<&String> = values.iter().map(|(_, v, _)| v).collect();
    let variant_docs: Vec<TokenStream> = values
        .iter()
        .map(|(_, value, docs)| {
            if docs.is_empty() {
                let line = format!(" `{value}`");
                quote!(#[doc = #line])
            } else {
                quote!(#(#docs)*)
            }
        })
        .collect();
    let expecting = format!("a string (a {name} value)");
    let open_doc = format!(
        " Open: a value the schema does not list decodes as [`{name}::{unknown}`] and encodes back unchanged."
    );
    let file: syn::File = parse_quote! {
        #(#docs)*
        ///
        #[doc = #open_doc]
        #[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #idents, )*
            /// A value this version of the schema does not list, kept as it was sent.
            #unknown(::std::string::String),
        }
        impl #name {
            /// The value as it appears in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #strs, )*
                    Self::#unknown(value) => value.as_str(),
                }
            }
            /// Whether the value is one the schema lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::#unknown(_))
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #strs => Self::#idents, )*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }
        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #( #strs => Self::#idents, )*
                    _ => Self::#unknown(value),
                }
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<#name, E> {
                        Ok(#name::from(value))
                    }
                    fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<#name, E> {
                        Ok(#name::from(value))
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    };
    file.items
}

/// A single-value tag enum has one possible value, so it is its default.
fn tag_default(e: &ItemEnum) -> Item {
    let name = &e.ident;
    let variant = e.variants.first().map(|v| &v.ident);
    parse_quote! {
        impl ::std::default::Default for #name {
            fn default() -> Self {
                Self::#variant
            }
        }
    }
}

/// In typify's builders, a tag field starts out as its only value instead of
/// "no value supplied", so `Client::builder()` needs no `.object(...)`.
struct DefaultTags<'a> {
    tags: &'a BTreeSet<String>,
}

impl VisitMut for DefaultTags<'_> {
    fn visit_item_mod_mut(&mut self, m: &mut syn::ItemMod) {
        let Some((_, items)) = &mut m.content else {
            return;
        };
        // builder struct name -> its tag fields
        let mut tag_fields: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for item in items.iter() {
            if let Item::Struct(s) = item {
                for f in &s.fields {
                    let ty = quote!(#f).to_string();
                    let is_tag = self
                        .tags
                        .iter()
                        .any(|t| ty.contains(&format!("Result < super :: {t} ,")));
                    if let (true, Some(id)) = (is_tag, &f.ident) {
                        tag_fields
                            .entry(s.ident.to_string())
                            .or_default()
                            .insert(id.to_string());
                    }
                }
            }
        }
        for item in items.iter_mut() {
            let Item::Impl(imp) = item else { continue };
            let is_default = imp
                .trait_
                .as_ref()
                .and_then(|(p, _)| p.segments.last())
                .is_some_and(|s| s.ident == "Default");
            let Some(fields) = impl_target(imp).and_then(|t| tag_fields.get(&t)) else {
                continue;
            };
            if is_default {
                SetOk { fields }.visit_item_impl_mut(imp);
            }
        }
    }
}

struct SetOk<'a> {
    fields: &'a BTreeSet<String>,
}

impl VisitMut for SetOk<'_> {
    fn visit_field_value_mut(&mut self, fv: &mut syn::FieldValue) {
        if let syn::Member::Named(id) = &fv.member {
            if self.fields.contains(&id.to_string()) {
                fv.expr = parse_quote!(Ok(::std::default::Default::default()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> String {
        let mut file: syn::File = syn::parse_str(src).expect("test input parses");
        let mut cx = Context::default();
        cx.origins.insert("S".into(), "From `#/x`.".into());
        polish(&mut file, &cx);
        prettyplease::unparse(&file)
    }

    #[test]
    fn unknown_fields_are_allowed_and_structs_non_exhaustive() {
        let out = run(r#"
            #[derive(Debug)]
            #[serde(deny_unknown_fields)]
            pub struct S { pub a: i64 }
        "#);
        assert!(!out.contains("deny_unknown_fields"), "{out}");
        assert!(out.contains("#[non_exhaustive]"), "{out}");
        assert!(out.contains("/// From `#/x`."), "{out}");
    }

    #[test]
    fn required_nullable_accepts_absent_key() {
        let out = run(r#"
            pub struct S {
                #[serde(deserialize_with = "::std::option::Option::deserialize")]
                pub a: Option<String>,
                #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
                pub b: Option<String>,
            }
        "#);
        assert!(!out.contains("deserialize_with"), "{out}");
        assert!(out.contains("skip_serializing_if"), "{out}");
        assert!(
            out.contains("/// Required and nullable: always written"),
            "{out}"
        );
    }

    #[test]
    fn docs_become_tidy_lines() {
        let out = run(
            "#[doc = \"First line.\\nSecond.\\n\"] pub struct S { #[doc = \"F.\\n\"] pub a: i64 }",
        );
        assert!(
            out.contains("/// First line.\n/// Second.\n///\n/// From `#/x`."),
            "{out}"
        );
        assert!(out.contains("/// F.\n"), "{out}");
        assert!(!out.contains("/**"), "{out}");
    }

    #[test]
    fn two_value_enums_open_and_tags_stay_closed() {
        let out = run(r#"
            #[derive(Clone, Copy)]
            pub enum Status { #[serde(rename = "a")] A, #[serde(rename = "b_c")] BC }
            impl ::std::str::FromStr for Status { type Err = (); fn from_str(v: &str) -> Result<Self, ()> { Err(()) } }
            pub enum Tag { #[serde(rename = "tag")] Tag }
        "#);
        assert!(out.contains("Unknown(::std::string::String)"), "{out}");
        assert!(out.contains("\"b_c\" => Self::BC"), "{out}");
        assert!(!out.contains("type Err = ();"), "{out}");
        assert!(
            out.contains("impl ::std::default::Default for Tag"),
            "{out}"
        );
        assert!(!out.contains("Tag(::std::string::String)"), "{out}");
    }

    #[test]
    fn unions_become_enums_keyed_on_their_tag() {
        let mut file: syn::File = syn::parse_str(
            r#"
            #[doc = "A verification."]
            #[serde(untagged)]
            pub enum V { Variant0(VOtp), Variant1(VAdmin) }
            impl ::std::convert::From<VOtp> for V { fn from(v: VOtp) -> Self { Self::Variant0(v) } }
            pub struct VOtp { pub a: i64 }
            impl VOtp { pub fn builder() -> builder::VOtp { Default::default() } }
            pub mod builder { pub struct V {} pub struct VOtp {} }
        "#,
        )
        .expect("parses");
        let variant = |ident: &str, type_name: &str, tag: Option<&str>| crate::naming::Variant {
            ident: ident.into(),
            type_name: type_name.into(),
            tag: tag.map(Into::into),
        };
        let cx = Context {
            unions: vec![crate::naming::Union {
                name: "V".into(),
                property: "object".into(),
                variants: vec![
                    variant("Otp", "VOtp", Some("verification_otp")),
                    variant("Admin", "crate::m::VAdmin", None),
                ],
            }],
            ..Context::default()
        };
        polish(&mut file, &cx);
        let out = prettyplease::unparse(&file);
        assert!(out.contains("Otp(VOtp),"), "{out}");
        assert!(out.contains("Admin(crate::m::VAdmin),"), "{out}");
        assert!(out.contains("Unknown(::serde_json::Value),"), "{out}");
        assert!(out.contains("\"verification_otp\" => {"), "{out}");
        assert!(out.contains("/// A verification."), "{out}");
        assert!(
            !out.contains("Variant0"),
            "typify's enum and its impls are gone: {out}"
        );
        assert!(!out.contains("pub struct V {}"), "and its builder: {out}");
        assert!(
            out.contains("/// A builder: set the required fields"),
            "{out}"
        );
    }

    #[test]
    fn catch_all_avoids_listed_names() {
        let out =
            run(r#"pub enum E { #[serde(rename = "unknown")] Unknown, #[serde(rename = "x")] X }"#);
        assert!(out.contains("Other(::std::string::String)"), "{out}");
    }
}
