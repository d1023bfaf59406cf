//! The crate-level glue around the generated modules: one module per
//! schema, re-exports of their types at the crate root, and a table of the
//! schemas for tools that pick one by name (`check --type NAME`).

use std::collections::BTreeSet;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

use crate::Generated;

/// The Rust source of the index, to be `include!`d at the crate root. Each
/// module's code is expected at `$OUT_DIR/<key>.rs` and its normalized
/// schema at `$OUT_DIR/<schema file name>`. `left_out`: the schemas whose
/// feature is off, with their pinned names (see `left_out_names`).
pub fn index(modules: &[Generated], left_out: &[(String, Vec<String>)]) -> String {
    let mut exported: BTreeSet<String> = BTreeSet::new();
    let mut items: Vec<TokenStream> = Vec::new();
    let mut exports: Vec<TokenStream> = Vec::new();
    // Which features bring each name (a shared type is in every module
    // that uses it): what docs.rs shows on the crate root's re-export.
    let mut brought_by: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for m in modules {
        for name in m.model.public_names() {
            brought_by
                .entry(name.to_owned())
                .or_default()
                .push(m.model.key.clone());
        }
    }
    for m in modules {
        let g = &m.model;
        let module = Ident::new(&g.key, Span::call_site());
        let code = format!("/{}.rs", g.key);
        let schemars_code = format!("/{}_schemars.rs", g.key);
        let doc = format!(
            " Clerk's `{}` object and the types inside it, generated from `schema/{}`.",
            g.root, g.file
        );
        let feature = g.key.as_str();
        items.push(quote! {
            #[doc = #doc]
            #[cfg_attr(docsrs, doc(cfg(feature = #feature)))]
            pub mod #module {
                #![allow(missing_docs, clippy::all)]
                include!(concat!(env!("OUT_DIR"), #code));
                #[cfg(feature = "schemars")]
                include!(concat!(env!("OUT_DIR"), #schemars_code));
            }
        });
        // Every public name of every module at the crate root, once: the
        // vendored set gives one name one type (tests/generated.rs), so what
        // a name means does not depend on which schemas are enabled, and
        // enabling one more only adds names.
        let mut names: Vec<String> = g.public_names().map(str::to_owned).collect();
        // The builders of the structs this module defines (a shared
        // struct's builder comes from the module that defines it).
        names.extend(g.types.iter().filter_map(|t| match &t.kind {
            crate::model::Kind::Struct(s) if s.keeps_members() => {
                Some(crate::render::builders::builder_name(&t.name))
            }
            _ => None,
        }));
        for name in &names {
            if !name.is_empty() && exported.insert(name.clone()) {
                let ident = Ident::new(name, Span::call_site());
                let features = brought_by
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| vec![g.key.clone()]);
                exports.push(quote! {
                    #[cfg_attr(docsrs, doc(cfg(any(#( feature = #features ),*))))]
                    pub use #module::#ident;
                });
            }
        }
    }
    let missing = left_out_names(left_out, &exported);
    let keys: Vec<&str> = modules.iter().map(|m| m.key.as_str()).collect();
    let roots: Vec<&str> = modules.iter().map(|m| m.model.root.as_str()).collect();
    let files: Vec<String> = modules
        .iter()
        .map(|m| format!("/{}", m.model.file))
        .collect();
    let schema_files: Vec<&str> = modules.iter().map(|m| m.model.file.as_str()).collect();
    let root_paths: Vec<TokenStream> = modules
        .iter()
        .map(|m| {
            let module = Ident::new(&m.key, Span::call_site());
            let root = Ident::new(&m.model.root, Span::call_site());
            quote!(#module::#root)
        })
        .collect();
    let tokens = quote! {
        #(#items)*
        #(#exports)*
        #missing

        /// Every enabled schema (one cargo feature each), in generation order.
        pub const SCHEMAS: &[SchemaInfo] = &[
            #( SchemaInfo { name: #keys, root_type: #roots, file: #schema_files }, )*
        ];

        /// Decodes `bytes` as the root type of schema `name` and encodes the
        /// result again; `None` if no schema has that name. Inline: compiled
        /// only in a build that calls it (a decode of every root, four ways).
        #[inline]
        pub(crate) fn reencode_root(name: &str, bytes: &[u8]) -> Option<Result<::serde_json::Value, crate::DecodeError>> {
            match name {
                #( #keys => Some(crate::from_slice::<#root_paths>(bytes).and_then(|v| crate::decode::encode(&v))), )*
                _ => None,
            }
        }

        /// Decodes `bytes` as the root type of schema `name` and lists the
        /// required members it lacked; `None` if no schema has that name.
        /// Inline, as `reencode_root`.
        #[inline]
        pub(crate) fn missing_required_root(name: &str, bytes: &[u8]) -> Option<Result<::std::vec::Vec<::std::string::String>, crate::DecodeError>> {
            match name {
                #( #keys => Some(crate::from_slice::<#root_paths>(bytes).map(|v| crate::MissingRequired::missing_required(&v))), )*
                _ => None,
            }
        }

        /// The JSON Schema of the root type of schema `name`, as a root document.
        #[cfg(feature = "schemars")]
        pub(crate) fn root_json_schema(name: &str) -> Option<::schemars::Schema> {
            match name {
                #( #keys => Some(::schemars::SchemaGenerator::default().into_root_schema_for::<#root_paths>()), )*
                _ => None,
            }
        }

        /// Each schema as strict validation reads it (normalized at build time).
        #[allow(dead_code)]
        pub(crate) const NORMALIZED: &[(&str, &str)] = &[
            #( (#keys, include_str!(concat!(env!("OUT_DIR"), #files))), )*
        ];
    };
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        // Only names made by this crate go in; they are identifiers.
        Err(e) => format!("compile_error!({:?});", e.to_string()),
    }
}

/// A stand-in, configured out, for each module and name whose feature is
/// off, so that using one fails with rustc's note "the item is gated
/// behind the `user` feature" rather than a bare "no `User` in the root",
/// as the hand-written modules' names already do. Never compiled: the
/// `cfg` names only features that are off (a name an enabled module
/// exports is not stood in for).
fn left_out_names(left_out: &[(String, Vec<String>)], exported: &BTreeSet<String>) -> TokenStream {
    let mut by_name: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    let mut modules: Vec<TokenStream> = Vec::new();
    for (key, names) in left_out {
        let module = Ident::new(key, Span::call_site());
        modules.push(quote! {
            #[cfg(feature = #key)]
            pub mod #module {}
        });
        for name in names {
            if !exported.contains(name) && syn::parse_str::<Ident>(name).is_ok() {
                by_name.entry(name).or_default().push(key);
            }
        }
    }
    let stand_ins = by_name.into_iter().map(|(name, features)| {
        let ident = Ident::new(name, Span::call_site());
        // rustc names the feature only for a plain `feature = "..."`.
        let cfg = match features.as_slice() {
            [one] => quote!(feature = #one),
            many => quote!(any(#( feature = #many ),*)),
        };
        quote! {
            #[cfg(#cfg)]
            pub struct #ident;
        }
    });
    quote! {
        #(#modules)*
        #(#stand_ins)*
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Module, Struct, TypeDef};

    fn generated(key: &str, names: &[&str], shared: &[(&str, &str)]) -> Generated {
        let def = |n: &&str| TypeDef {
            name: (*n).into(),
            pointer: Some(String::new()),
            path: String::new(),
            docs: None,
            kind: Kind::Struct(Struct {
                fields: Vec::new(),
                flattened: Vec::new(),
                required_without_property: Vec::new(),
                closed: false,
            }),
        };
        let shared: std::collections::BTreeMap<String, String> = shared
            .iter()
            .map(|(a, b)| ((*a).into(), (*b).into()))
            .collect();
        Generated {
            key: key.into(),
            file: syn::parse_str("").expect("empty file"),
            model: Module {
                key: key.into(),
                file: format!("clerk-{key}-schema.json"),
                root: names[0].into(),
                types: names
                    .iter()
                    .filter(|n| !shared.contains_key(**n))
                    .map(def)
                    .collect(),
                shared,
                unpinned: Vec::new(),
                stale: Vec::new(),
            },
        }
    }

    #[test]
    fn modules_reexports_and_the_schema_table() {
        let client = generated("client", &["Client", "Session"], &[]);
        let session = generated(
            "session",
            &["Session"],
            &[("Session", "crate::client::Session")],
        );
        let user = generated("user", &["User", "UserSession"], &[]);
        let left_out = [(
            "organization".to_owned(),
            vec!["Organization".to_owned(), "User".to_owned()],
        )];
        let out = index(&[client, session, user], &left_out);
        assert!(out.contains("pub mod client {"), "{out}");
        assert!(
            out.contains("include!(concat!(env!(\"OUT_DIR\"), \"/session.rs\"));"),
            "{out}"
        );
        // Every module's names at the root, each once.
        assert!(out.contains("pub use client::Session;"), "{out}");
        assert!(!out.contains("pub use session::Session;"), "{out}");
        assert!(out.contains("pub use user::User;"), "{out}");
        assert!(out.contains("pub use user::UserSession;"), "{out}");
        assert!(out.contains("\"user\" => {"), "{out}");
        assert!(out.contains("root_type: \"User\""), "{out}");
        // A left-out schema's module and names, configured out, so that
        // rustc names the feature; a name an enabled module exports is not
        // stood in for.
        assert!(
            out.contains("#[cfg(feature = \"organization\")]\npub mod organization {}"),
            "{out}"
        );
        assert!(
            out.contains("#[cfg(feature = \"organization\")]\npub struct Organization;"),
            "{out}"
        );
        assert!(!out.contains("pub struct User;"), "{out}");
    }
}
