//! What an absent member means in the generated code, from the model
//! ([`crate::model::Field::presence`], [`crate::model::Field::absent_value`]):
//! the value a field holds when its member was absent, each type's empty
//! value (`crate::required::Empty`, private), `Default` (the value `{}`
//! decodes to) and `MissingRequired` (which required members were absent).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{parse_quote, Ident, Item};

use crate::model::{AbsentValue, Field, Kind, Presence, Struct, TypeDef};

/// The value a field that is not an `Option` holds when its member was
/// absent, as an expression of type `ty`; `on_bad_default` is evaluated
/// (with the parse error bound to `e`) when the schema's default does not
/// parse as `ty` and the type has no empty value to fall back on. `None`
/// when there is no such value (the field is always there).
pub fn absent_value(
    field: &Field,
    ty: &syn::Type,
    on_bad_default: TokenStream,
) -> Option<TokenStream> {
    let empty = quote! { <#ty as crate::required::Empty>::empty() };
    match (field.absent_value(), field.empty) {
        (AbsentValue::SchemaDefault(text), true) => Some(quote! {
            ::serde_json::from_str::<#ty>(#text).unwrap_or_else(|_| #empty)
        }),
        (AbsentValue::SchemaDefault(text), false) => Some(quote! {
            match ::serde_json::from_str::<#ty>(#text) {
                ::std::result::Result::Ok(value) => value,
                ::std::result::Result::Err(e) => #on_bad_default,
            }
        }),
        (AbsentValue::Empty, true) => Some(empty),
        (AbsentValue::Empty, false) => None,
    }
}

/// Whether `this.field` still holds the value that stands for its absence
/// (a `bool` expression): `None`, or [`absent_value`].
fn holds_absent_value(field: &Field, this: &TokenStream) -> TokenStream {
    let ident = Ident::new(&field.rust, Span::call_site());
    if field.ty.is_option() {
        return quote! { #this.#ident.is_none() };
    }
    let ty = spelled(field);
    let empty = quote! { <#ty as crate::required::Empty>::empty() };
    match (field.absent_value(), field.empty) {
        (AbsentValue::SchemaDefault(text), true) => quote! {
            #this.#ident == ::serde_json::from_str::<#ty>(#text).unwrap_or_else(|_| #empty)
        },
        (AbsentValue::SchemaDefault(text), false) => quote! {
            ::serde_json::from_str::<#ty>(#text).is_ok_and(|value| #this.#ident == value)
        },
        (AbsentValue::Empty, true) => quote! { #this.#ident == #empty },
        (AbsentValue::Empty, false) => quote! { false },
    }
}

/// The name of a struct's private method that says which members are
/// absent now ([`absent_now`]).
pub fn absent_now_method() -> Ident {
    Ident::new("absent_members_now", Span::call_site())
}

/// A struct's private `absent_members_now()`: the presence bits of the
/// members that are absent now, by the model's rule
/// ([`Field::bit_means_absent`]): decoded (or built) absent and still
/// holding the value that stood for the absence. Encoding, equality,
/// `missing_required()` and `Debug` read it; `None` when no field can be
/// absent.
pub fn absent_now(name: &str, s: &Struct) -> Option<Item> {
    let ty = Ident::new(name, Span::call_site());
    let presence = Ident::new(&s.presence_field(), Span::call_site());
    let this = quote!(self);
    let checks: Vec<TokenStream> = s
        .fields
        .iter()
        .zip(s.presence_bits())
        .filter_map(|(f, bit)| Some((f, bit?)))
        .filter(|(f, _)| f.bit_means_absent())
        .map(|(f, bit)| {
            let holds = holds_absent_value(f, &this);
            quote! {
                if self.#presence.get(#bit) && #holds {
                    now.set(#bit);
                }
            }
        })
        .collect();
    if checks.is_empty() {
        return None;
    }
    let method = absent_now_method();
    Some(parse_quote! {
        impl #ty {
            /// The members absent now: decoded (or built) absent and still
            /// holding the value that stood for the absence. A value set
            /// since is present.
            #[allow(clippy::float_cmp)]
            fn #method(&self) -> crate::members::Presence {
                let mut now = crate::members::Presence::default();
                #( #checks )*
                now
            }
        }
    })
}

/// The field's type as the generated code spells it.
pub fn spelled(field: &Field) -> syn::Type {
    syn::parse_str(&field.spelled).unwrap_or_else(|_| parse_quote!(::serde_json::Value))
}

/// A struct's `MissingRequired`, inherent `missing_required()`, empty
/// value and `Default`.
pub fn for_struct(name: &str, s: &Struct) -> Vec<Item> {
    let ty = Ident::new(name, Span::call_site());
    let unknown = Ident::new(&s.unknown_field(), Span::call_site());
    let presence = Ident::new(&s.presence_field(), Span::call_site());
    let bits = s.presence_bits();
    let method = absent_now_method();
    let mut walk = Vec::new();
    if s.fields.iter().any(Field::absence_is_lack) {
        walk.push(quote! { let absent = self.#method(); });
    }
    for (f, bit) in s.fields.iter().zip(&bits) {
        let ident = Ident::new(&f.rust, Span::call_site());
        let json = &f.json;
        let descend = f.nested.then(|| {
            quote! {
                out.below(at, #json, |at, out| {
                    crate::MissingRequired::collect_missing_required(&self.#ident, at, out)
                });
            }
        });
        walk.push(match (bit, f.absence_is_lack(), descend) {
            (Some(bit), true, descend) => {
                let report = quote! {
                    if absent.get(#bit) {
                        out.member(at, #json);
                    }
                };
                match descend {
                    Some(descend) => quote! { #report else { #descend } },
                    None => report,
                }
            }
            (_, _, Some(descend)) => descend,
            (_, _, None) => quote!(),
        });
    }
    for name in &s.required_without_property {
        walk.push(quote! {
            if !self.#unknown.contains_key(#name) {
                out.member(at, #name);
            }
        });
    }
    let doc = format!(
        " JSON pointers of the required members this `{name}` lacked (absent when it was decoded, unset when it was built), at every depth; empty for a complete value. See [`crate::MissingRequired`]."
    );
    let mut items: Vec<Item> = parse_quote_items(quote! {
        impl #ty {
            #[doc = #doc]
            pub fn missing_required(&self) -> ::std::vec::Vec<::std::string::String> {
                crate::MissingRequired::missing_required(self)
            }
        }
        impl crate::MissingRequired for #ty {
            #[allow(unused_variables)]
            fn collect_missing_required(&self, at: &mut ::std::string::String, out: &mut crate::required::Found) {
                #( #walk )*
            }
        }
    });
    if s.has_empty() {
        items.extend(struct_empty(&ty, s, &bits, &unknown, &presence));
    }
    items
}

/// The struct with every member absent; its `Default` when no member is
/// refused absent (the value `{}` decodes to).
fn struct_empty(
    ty: &Ident,
    s: &Struct,
    bits: &[Option<u32>],
    unknown: &Ident,
    presence: &Ident,
) -> Vec<Item> {
    let mut fields = Vec::new();
    let mut absent_bits = Vec::new();
    for (f, bit) in s.fields.iter().zip(bits) {
        let ident = Ident::new(&f.rust, Span::call_site());
        let spelled = spelled(f);
        let value = match f.presence() {
            Presence::NullUnlessAbsent | Presence::AbsentUnlessNull => {
                quote!(::std::option::Option::None)
            }
            _ => absent_value(f, &spelled, quote!(unreachable!()))
                .unwrap_or_else(|| quote!(<#spelled as crate::required::Empty>::empty())),
        };
        fields.push(quote! { #ident: #value, });
        if let (Some(bit), Presence::NullUnlessAbsent | Presence::PresentUnlessAbsent) =
            (bit, f.presence())
        {
            absent_bits.push(*bit);
        }
    }
    let presence_init = s.needs_presence().then(|| {
        if absent_bits.is_empty() {
            return quote! { #presence: crate::members::Presence::default(), };
        }
        quote! {
            #presence: {
                let mut p = crate::members::Presence::default();
                #( p.set(#absent_bits); )*
                p
            },
        }
    });
    let mut items = parse_quote_items(quote! {
        impl crate::required::Empty for #ty {
            fn empty() -> Self {
                #ty { #( #fields )* #unknown: crate::Members::new(), #presence_init }
            }
        }
    });
    if s.decodes_from_empty_object() {
        items.extend(parse_quote_items(quote! {
            /// What `{}` decodes to: every member absent.
            impl ::std::default::Default for #ty {
                fn default() -> Self {
                    <Self as crate::required::Empty>::empty()
                }
            }
        }));
    }
    items
}

/// `MissingRequired` and the empty value of a type that is not a struct
/// written whole: open enums and tags, unions (each variant's own
/// members), newtypes of a scalar, and what typify keeps as it made it.
pub fn for_other(def: &TypeDef) -> Vec<Item> {
    let ty = Ident::new(&def.name, Span::call_site());
    let (walk, empty) = match &def.kind {
        Kind::Struct(_) => (quote!(), None),
        Kind::Enum(e) if e.is_open() => {
            let unknown = Ident::new(&e.catch_all(), Span::call_site());
            (
                quote!(),
                Some(quote!(Self::#unknown(::std::string::String::new()))),
            )
        }
        Kind::Enum(_) => (
            quote!(),
            Some(quote!(<Self as ::std::default::Default>::default())),
        ),
        Kind::Union(u) => {
            let unknown = Ident::new(&u.catch_all(), Span::call_site());
            let idents: Vec<Ident> = u
                .variants
                .iter()
                .map(|v| Ident::new(&v.ident, Span::call_site()))
                .collect();
            (
                quote! {
                    match self {
                        #( Self::#idents(value) => crate::MissingRequired::collect_missing_required(value, at, out), )*
                        Self::#unknown(_) => {}
                    }
                },
                Some(quote!(Self::#unknown(::serde_json::Value::Null))),
            )
        }
        Kind::Newtype { .. } if def.kind.may_have_empty() => (
            quote!(),
            Some(quote!(Self(crate::required::Empty::empty()))),
        ),
        Kind::Newtype { .. } | Kind::Untagged(_) => (quote!(), None),
    };
    let mut items = parse_quote_items(quote! {
        impl crate::MissingRequired for #ty {
            #[allow(unused_variables)]
            fn collect_missing_required(&self, at: &mut ::std::string::String, out: &mut crate::required::Found) {
                #walk
            }
        }
    });
    if let Some(empty) = empty {
        items.extend(parse_quote_items(quote! {
            impl crate::required::Empty for #ty {
                fn empty() -> Self {
                    #empty
                }
            }
        }));
    }
    items
}

fn parse_quote_items(tokens: TokenStream) -> Vec<Item> {
    let file: syn::File = parse_quote!(#tokens);
    file.items
}
