//! `schemars::JsonSchema` for every generated type (the crate's `schemars`
//! feature): the type's own subschema of the vendored document, normalized
//! and widened to what it decodes ([`lenient`]), inlined whole.
//! Written to a file of its own that the crate includes only with the
//! feature, so that a default build does not even parse it.
//!
//! In: a module's model and its restored document. Out: the impls' Rust
//! source.

pub mod lenient;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use serde_json::Value;
use syn::Ident;

use crate::model::Module;

/// The `impl JsonSchema` items of `module`, as Rust source. `document` is
/// the schema the module was generated from, as naming read it
/// ([`crate::vendored::Vendored::restored`]).
pub fn render(module: &Module, document: &Value) -> String {
    let impls: Vec<TokenStream> = module
        .types
        .iter()
        .map(|t| {
            let schema = t
                .pointer
                .as_deref()
                .and_then(|p| document.pointer(p))
                .map(|node| {
                    crate::json_schema::lenient::decodable(&crate::passes::normalize::normalize(
                        node,
                    ))
                })
                // A type typify named by itself: said to accept anything.
                .unwrap_or(Value::Bool(true));
            let text = schema.to_string();
            let ident = Ident::new(&t.name, Span::call_site());
            let name = &t.name;
            quote! {
                impl ::schemars::JsonSchema for #ident {
                    fn schema_name() -> ::std::borrow::Cow<'static, str> {
                        ::std::borrow::Cow::Borrowed(#name)
                    }
                    fn schema_id() -> ::std::borrow::Cow<'static, str> {
                        ::std::borrow::Cow::Borrowed(concat!(module_path!(), "::", #name))
                    }
                    fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                        crate::json_schema::from_text(#text)
                    }
                }
            }
        })
        .collect();
    match syn::parse2::<syn::File>(quote!(#(#impls)*)) {
        Ok(file) => prettyplease::unparse(&file),
        // Only names made by this crate go in; they are identifiers.
        Err(e) => format!("compile_error!({:?});", e.to_string()),
    }
}
