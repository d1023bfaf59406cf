//! `crate::ids`: one `ids!` listing every kind of id of the vendored set
//! ([`crate::model::ids`]), the macro being the crate's own (`src/ids.rs`),
//! so that the generated part is a line per kind.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

use crate::model::ids::Ids;

/// The Rust source `src/ids.rs` includes: `ids!` with a line per kind.
pub fn ids(ids: &Ids) -> String {
    let lines: Vec<TokenStream> = ids
        .kinds()
        .iter()
        .map(|kind| {
            let name = Ident::new(&kind.name, Span::call_site());
            let marker = Ident::new(&kind.marker, Span::call_site());
            let tag = &kind.tag;
            let objects = if kind.objects.is_empty() {
                String::new()
            } else {
                let listed: Vec<String> = kind.objects.iter().map(|o| format!("`{o}`")).collect();
                format!(" ({})", listed.join(", "))
            };
            let doc = format!(" The id of a Clerk `{tag}` object{objects}.");
            quote! { (#name, #marker, #tag, #doc) }
        })
        .collect();
    let tokens = quote! { ids! { #(#lines),* } };
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        // Only names made by this crate go in; they are identifiers.
        Err(e) => format!("compile_error!({:?});", e.to_string()),
    }
}
