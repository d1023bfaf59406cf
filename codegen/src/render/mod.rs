//! Rendering: typify's items, made into the crate's public API from the
//! model. Each kind of type has its module; this one walks typify's items
//! and hands each to the rule for its kind, as the model says.
//!
//! - structs ([`structs`]): unknown members ignored, required nullable
//!   fields lenient, `#[non_exhaustive]`;
//! - string enums ([`enums`]): open ones written whole with a catch-all and
//!   equality by wire value; single-value tags kept strict, with a default;
//! - discriminated unions ([`unions`]): an enum keyed on the tag;
//! - builders ([`builders`]): written from the model, `SessionBuilder` and
//!   the like, for the structs written whole;
//! - absence ([`absence`]): what an absent member decodes as, each type's
//!   empty value, `Default`, `MissingRequired`;
//! - docs ([`docs`]): the schema's text, cleaned, and where a type comes from;
//! - the crate-level glue ([`index`]): modules, re-exports, `SCHEMAS`.
//!
//! In: typify's `syn::File` and the [`crate::model::Module`]; never the
//! schema. Out: the module's Rust items, which prettyplease formats.

pub mod absence;
pub mod builders;
pub mod docs;
pub mod enums;
pub mod ids;
pub mod index;
pub mod literals;
pub mod serde_impls;
pub mod structs;
pub mod unions;

use std::collections::BTreeSet;

use proc_macro2::Span;
use syn::{parse_quote, Ident, Item};

use crate::model::{Kind, Module, TypeDef};

/// Rewrites typify's `file` into the module's public API.
pub fn render(file: &mut syn::File, module: &Module) {
    let mut items = Vec::with_capacity(file.items.len());
    let mut replaced: BTreeSet<String> = BTreeSet::new();
    // typify gives a type with a schema `default` a `Default` of its own.
    let has_default: BTreeSet<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Impl(i) if is_trait(i, "Default") => impl_target(i),
            _ => None,
        })
        .collect();
    for item in std::mem::take(&mut file.items) {
        let def = item_name(&item).and_then(|n| module.get(&n));
        match (item, def) {
            // Types written whole from the model replace typify's item and
            // every impl typify gave it.
            (item, Some(def)) if writes_whole(def) => {
                if !matches!(item, Item::Impl(_)) && replaced.insert(def.name.clone()) {
                    items.extend(whole(def, module));
                }
            }
            // ...and the conversions out of it (`From<Union> for Member`),
            // written for typify's shape of it.
            (Item::Impl(i), _) if converts_from_whole(&i, module) => {}
            (Item::Struct(_), Some(def)) if matches!(&def.kind, Kind::Struct(s) if s.keeps_members()) => {
                if let Kind::Struct(s) = &def.kind {
                    let attrs = docs::lines(&type_docs(def, module));
                    items.extend(serde_impls::render(&def.name, s, attrs));
                    items.extend(builders::render(&def.name, s));
                }
            }
            (Item::Struct(mut s), Some(def)) => {
                match &def.kind {
                    Kind::Struct(model) => structs::apply(&mut s, model, &type_docs(def, module)),
                    _ => docs::set(&mut s.attrs, &type_docs(def, module)),
                }
                items.push(Item::Struct(s));
            }
            (Item::Enum(mut e), Some(def)) => {
                docs::set(&mut e.attrs, &type_docs(def, module));
                e.attrs.push(parse_quote!(#[non_exhaustive]));
                if let Kind::Untagged(variants) = &def.kind {
                    unions::add_catch_all(&mut e, variants);
                }
                let default = match &def.kind {
                    Kind::Enum(tag) if !has_default.contains(&def.name) => {
                        enums::tag_default(&def.name, tag)
                    }
                    _ => None,
                };
                items.push(Item::Enum(e));
                items.extend(default);
            }
            // typify's conversion error, one copy per module: the crate's
            // one type instead (`src/error.rs`), under the same path.
            (Item::Mod(m), _) if is_conversion_error_module(&m) => {
                items.push(parse_quote!(
                    pub use crate::error;
                ));
            }
            (other, _) => items.push(other),
        }
    }
    drop_unused_defaults(&mut items);
    literals::complete(&mut items, module);
    let local: BTreeSet<String> = items.iter().filter_map(item_name).collect();
    // Absence for the types not written by `serde_impls` (which adds its own).
    for def in &module.types {
        let whole_struct = matches!(&def.kind, Kind::Struct(s) if s.keeps_members());
        if !whole_struct && local.contains(&def.name) {
            items.extend(absence::for_other(def));
        }
    }
    for (name, path) in &module.shared {
        // Under the name this schema gives it, so that `module::Root` exists
        // and every pinned name is there whichever modules are generated
        // (the type's own name depends on which schema owns it).
        if local.contains(name) || *path == format!("crate::{}::{name}", module.key) {
            continue;
        }
        let Ok(path) = syn::parse_str::<syn::Path>(path) else {
            continue;
        };
        let alias = Ident::new(name, Span::call_site());
        let same = path.segments.last().is_some_and(|s| s.ident == alias);
        items.push(if same {
            parse_quote!(pub use #path;)
        } else {
            parse_quote!(pub use #path as #alias;)
        });
    }
    file.items = items;
}

/// typify's `mod defaults` (the functions its `#[serde(default = ...)]`
/// attributes call) once no item calls it: the structs written whole from
/// the model put a member's schema default in place themselves (Clerk's
/// `Machine`'s `default_token_ttl`), and an unused function is a warning in
/// a user's build.
fn drop_unused_defaults(items: &mut Vec<Item>) {
    let is_defaults = |item: &Item| matches!(item, Item::Mod(m) if m.ident == "defaults");
    if !items.iter().any(is_defaults) {
        return;
    }
    let called = items.iter().filter(|i| !is_defaults(i)).any(|item| {
        let text = quote::ToTokens::to_token_stream(item).to_string();
        text.contains("defaults ::") || text.contains("\"defaults::")
    });
    if !called {
        items.retain(|i| !is_defaults(i));
    }
}

/// Whether an impl converts from a type written whole (`impl From<T> for
/// U`, `TryFrom<T>`): typify wrote it for its own shape of `T`.
fn converts_from_whole(i: &syn::ItemImpl, module: &Module) -> bool {
    let Some(segment) = i.trait_.as_ref().and_then(|(p, _)| p.segments.last()) else {
        return false;
    };
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        return false;
    };
    args.args.iter().any(|arg| match arg {
        syn::GenericArgument::Type(syn::Type::Path(p)) => p
            .path
            .segments
            .last()
            .and_then(|s| module.get(&s.ident.to_string()))
            .is_some_and(writes_whole),
        _ => false,
    })
}

fn writes_whole(def: &TypeDef) -> bool {
    match &def.kind {
        Kind::Union(_) => true,
        Kind::Enum(e) => e.is_open() || e.has_aliases(),
        _ => false,
    }
}

fn whole(def: &TypeDef, module: &Module) -> Vec<Item> {
    let attrs = docs::lines(&type_docs(def, module));
    match &def.kind {
        Kind::Union(u) => unions::tagged(&def.name, u, &attrs),
        Kind::Enum(e) if e.is_open() => enums::open(&def.name, e, attrs),
        Kind::Enum(e) => enums::tag_with_aliases(&def.name, e, attrs),
        _ => Vec::new(),
    }
}

/// A type's docs: which Clerk object it is (or is part of, and where),
/// the schema's description, then where it comes from.
fn type_docs(def: &TypeDef, module: &Module) -> Vec<String> {
    let what = match def.pointer.as_deref() {
        Some("") => format!("Clerk's `{}` object.", module.root),
        _ if def.path.is_empty() => format!("Part of Clerk's `{}` object.", module.root),
        _ => format!(
            "Part of Clerk's `{}` object, at `{}`.",
            module.root, def.path
        ),
    };
    let origin = match def.pointer.as_deref() {
        Some("") => format!("Generated from the root of `{}`.", module.file),
        Some(p) => format!("Generated from `{p}` of `{}`.", module.file),
        None => format!("Generated from `{}` (named by typify).", module.file),
    };
    let absence = match &def.kind {
        Kind::Struct(s) if s.keeps_members() => serde_impls::absence_rule(s),
        _ => None,
    };
    std::iter::once(what)
        .chain(def.docs.iter().cloned())
        .chain(absence)
        .chain([origin])
        .collect()
}

/// The type an item defines or implements.
pub(crate) fn item_name(item: &Item) -> Option<String> {
    match item {
        Item::Struct(s) => Some(s.ident.to_string()),
        Item::Enum(e) => Some(e.ident.to_string()),
        Item::Type(t) => Some(t.ident.to_string()),
        Item::Impl(i) => impl_target(i),
        _ => None,
    }
}

/// Whether an impl block implements the trait named `name`.
fn is_trait(i: &syn::ItemImpl, name: &str) -> bool {
    i.trait_
        .as_ref()
        .and_then(|(p, _)| p.segments.last())
        .is_some_and(|s| s.ident == name)
}

/// The type an impl block is for.
pub(crate) fn impl_target(i: &syn::ItemImpl) -> Option<String> {
    match &*i.self_ty {
        syn::Type::Path(p) if p.qself.is_none() => {
            p.path.segments.last().map(|s| s.ident.to_string())
        }
        _ => None,
    }
}

/// Whether `m` is the `error` module typify writes into every module it
/// generates: `pub mod error` holding `pub struct ConversionError`.
fn is_conversion_error_module(m: &syn::ItemMod) -> bool {
    m.ident == "error"
        && m.content.as_ref().is_some_and(|(_, items)| {
            items
                .iter()
                .any(|item| matches!(item, Item::Struct(s) if s.ident == "ConversionError"))
        })
}

#[cfg(test)]
mod tests;
