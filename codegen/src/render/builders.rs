//! Builders, from the model (typify's are off): `Session::builder()` gives
//! a `SessionBuilder` whose setters take what users have (`&str` for a
//! `String`, a typed id or an `Option` of one, integer literals for `i64`, any
//! iterator for a `Vec`, a nested builder for a nested struct), whose
//! unset fields are what decoding makes of an absent member (the same
//! model rule: `None`, the empty value, recorded as absent; a single-value
//! tag is written, [`crate::model::Field::unset_is_absent`]), and whose `build()` reports every unset field that decoding
//! refuses absent (the identity) and every value that did not convert at
//! once, as a `clerk_types::BuildError`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{parse_quote, Ident, Item};

use crate::model::{Presence, RustType, Struct};

/// How a setter takes its value.
enum Param {
    /// `impl Into<T>`: text into a `String` or a typed id.
    Into(syn::Type),
    /// The type itself (numbers, `bool`): literals infer it.
    Exact(syn::Type),
    /// Anything that converts (`TryInto`): `&str` into an open enum or a
    /// pattern-checked string, a builder into its struct.
    Convert(syn::Type),
    /// A sequence of anything that converts.
    Many(syn::Type),
}

impl Param {
    fn of(ty: &RustType, spelled: &syn::Type) -> Self {
        match ty {
            RustType::String => Param::Into(parse_quote!(::std::string::String)),
            RustType::Id(_) => Param::Into(spelled.clone()),
            RustType::Int(_) | RustType::Float(_) | RustType::Bool => Param::Exact(spelled.clone()),
            RustType::Vec(_) => match generic_arg(spelled) {
                Some(elem) => Param::Many(elem),
                None => Param::Convert(spelled.clone()),
            },
            _ => Param::Convert(spelled.clone()),
        }
    }
}

/// The one generic argument of `Option<T>`/`Vec<T>` as spelled.
fn generic_arg(ty: &syn::Type) -> Option<syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    }
}

/// The name of struct `name`'s builder (`SessionBuilder`): one rule for
/// the builder and for the crate root's re-export of it.
pub fn builder_name(name: &str) -> String {
    format!("{name}Builder")
}

/// The builder of struct `name`, and `name::builder()`.
pub fn render(name: &str, s: &Struct) -> Vec<Item> {
    let ty = Ident::new(name, Span::call_site());
    let builder = Ident::new(&builder_name(name), Span::call_site());
    let unknown = Ident::new(&s.unknown_field(), Span::call_site());
    let errors = format_ident!("__invalid");
    let mut storage = Vec::new();
    let mut setters = Vec::new();
    let mut resolve = Vec::new();
    let mut required_idents = Vec::new();
    let mut required_names = Vec::new();
    let mut assign = Vec::new();
    let bits = format_ident!("__presence_bits");
    for (field, bit) in s.fields.iter().zip(s.presence_bits()) {
        let ident = Ident::new(&field.rust, Span::call_site());
        let json = &field.json;
        let spelled = super::absence::spelled(field);
        let (stored, inner_ty, inner_spelled) = match &field.ty {
            RustType::Option(inner) => {
                let inner_spelled = generic_arg(&spelled).unwrap_or_else(|| spelled.clone());
                (spelled.clone(), inner.as_ref().clone(), inner_spelled)
            }
            other => (
                parse_quote!(::std::option::Option<#spelled>),
                other.clone(),
                spelled.clone(),
            ),
        };
        storage.push(quote! { #ident: #stored, });
        let setter = if field.rust == "build" {
            format_ident!("set_build")
        } else {
            ident.clone()
        };
        let doc = format!(" Sets `{json}`.");
        let set =
            |value: TokenStream| quote! { self.#ident = ::std::option::Option::Some(#value); };
        setters.push(match Param::of(&inner_ty, &inner_spelled) {
            Param::Into(t) => {
                let body = set(quote!(value.into()));
                quote! {
                    #[doc = #doc]
                    pub fn #setter(mut self, value: impl ::std::convert::Into<#t>) -> Self { #body self }
                }
            }
            Param::Exact(t) => {
                let body = set(quote!(value));
                quote! {
                    #[doc = #doc]
                    pub fn #setter(mut self, value: #t) -> Self { #body self }
                }
            }
            Param::Convert(t) => {
                let body = set(quote!(value));
                quote! {
                    #[doc = #doc]
                    pub fn #setter<V>(mut self, value: V) -> Self
                    where
                        V: ::std::convert::TryInto<#t>,
                        V::Error: ::std::fmt::Display,
                    {
                        match value.try_into() {
                            ::std::result::Result::Ok(value) => { #body }
                            ::std::result::Result::Err(e) => self.#errors.push((#json, e.to_string())),
                        }
                        self
                    }
                }
            }
            Param::Many(elem) => {
                let body = set(quote!(items));
                quote! {
                    #[doc = #doc]
                    pub fn #setter<I, V>(mut self, values: I) -> Self
                    where
                        I: ::std::iter::IntoIterator<Item = V>,
                        V: ::std::convert::TryInto<#elem>,
                        V::Error: ::std::fmt::Display,
                    {
                        let mut items = ::std::vec::Vec::new();
                        for value in values {
                            match value.try_into() {
                                ::std::result::Result::Ok(value) => items.push(value),
                                ::std::result::Result::Err(e) => self.#errors.push((#json, e.to_string())),
                            }
                        }
                        #body
                        self
                    }
                }
            }
        });
        if field.ty.is_option() {
            if let (Some(bit), true) = (bit, field.absence_is_lack()) {
                resolve.push(quote! {
                    if self.#ident.is_none() {
                        #bits.set(#bit);
                    }
                });
            }
            assign.push(quote! { #ident: self.#ident, });
            continue;
        }
        // Not an Option: set, or what decoding makes of an absent member.
        let resolved = format_ident!("r_{}", field.rust.trim_start_matches("r#"));
        let absent = match (field.presence(), bit) {
            (Presence::PresentUnlessAbsent, Some(bit)) => {
                let record = field.unset_is_absent().then(|| quote! { #bits.set(#bit); });
                super::absence::absent_value(field, &spelled, quote! {{
                    let _ = e;
                    return ::std::result::Result::Err(crate::BuildError::new(#name, ::std::vec![#json], ::std::vec::Vec::new()));
                }})
                .map(|value| quote! {{ #record ::std::option::Option::Some(#value) }})
            }
            _ => None,
        };
        resolve.push(match absent {
            Some(absent) => quote! {
                let #resolved = match self.#ident {
                    ::std::option::Option::Some(value) => ::std::option::Option::Some(value),
                    ::std::option::Option::None => #absent,
                };
            },
            None => quote! { let #resolved = self.#ident; },
        });
        required_idents.push(resolved.clone());
        required_names.push(json.clone());
        assign.push(quote! { #ident: #resolved, });
    }
    let count = required_idents.len();
    let (presence, presence_init) = if s.needs_presence() {
        let presence = Ident::new(&s.presence_field(), Span::call_site());
        (
            quote! { #presence: #bits, },
            quote! { let mut #bits = crate::members::Presence::default(); },
        )
    } else {
        (quote!(), quote!())
    };
    let bind: Vec<TokenStream> = required_idents
        .iter()
        .map(|r| quote!(::std::option::Option::Some(#r)))
        .collect();
    let builder_doc = format!(
        " Builds a [`{name}`] field by field (it is `#[non_exhaustive]`): `{name}::builder()`, the setters, then `build()`. An unset field is what decoding makes of an absent member: `None` or the empty value (and `missing_required()` lists the required ones left unset), but a single-value tag, which is written (`\"object\": ...`) as Clerk sends it; `build()` reports at once every unset field that decoding refuses absent (the object's `id`) and every value that did not convert."
    );
    let build_doc = format!(
        " The [`{name}`], or every unset field that must be set (the `id`) and every value that did not convert."
    );
    let file: syn::File = parse_quote! {
        #[doc = #builder_doc]
        #[derive(Clone, Debug, Default)]
        #[must_use]
        pub struct #builder {
            #(#storage)*
            #errors: ::std::vec::Vec<(&'static str, ::std::string::String)>,
        }

        impl #ty {
            /// A builder: set the required fields, then `build()` (this type is `#[non_exhaustive]`).
            pub fn builder() -> #builder {
                <#builder as ::std::default::Default>::default()
            }
        }

        impl #builder {
            #(#setters)*

            #[doc = #build_doc]
            #[allow(unused_mut)]
            pub fn build(self) -> ::std::result::Result<#ty, crate::BuildError> {
                #presence_init
                #(#resolve)*
                match (#(#required_idents,)*) {
                    (#(#bind,)*) if self.#errors.is_empty() => ::std::result::Result::Ok(#ty {
                        #(#assign)*
                        #unknown: crate::Members::new(),
                        #presence
                    }),
                    (#(#required_idents,)*) => {
                        let missing: ::std::vec::Vec<&'static str> = <[::std::option::Option<&'static str>; #count]>::into_iter([
                            #( #required_idents.is_none().then_some(#required_names), )*
                        ])
                        .flatten()
                        .collect();
                        ::std::result::Result::Err(crate::BuildError::new(#name, missing, self.#errors))
                    }
                }
            }
        }

        impl ::std::convert::TryFrom<#builder> for #ty {
            type Error = crate::BuildError;
            fn try_from(builder: #builder) -> ::std::result::Result<Self, Self::Error> {
                builder.build()
            }
        }
    };
    file.items
}
