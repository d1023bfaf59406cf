//! A struct written whole from the model, with serde impls of its own (not
//! derived): decoding takes only a JSON object ("expected a Client
//! object", never a positional array), matches known keys, keeps unknown
//! members in order, takes an absent single-value tag as its only value,
//! and records how absent-able fields came, so that encoding gives back
//! member for member what was decoded. No `#[serde(flatten)]`: it would
//! route every object through serde's buffered `Content`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{parse_quote, Attribute, Ident, Item, LitStr};

use crate::model::{Field, Presence, Struct};

/// The struct and its impls.
pub fn render(name: &str, s: &Struct, docs: Vec<Attribute>) -> Vec<Item> {
    let ty = Ident::new(name, Span::call_site());
    let unknown = Ident::new(&s.unknown_field(), Span::call_site());
    let presence = Ident::new(&s.presence_field(), Span::call_site());
    let fields: Vec<Spec> = s
        .fields
        .iter()
        .zip(s.presence_bits())
        .map(|(f, bit)| Spec::new(f, bit.unwrap_or(0)))
        .collect();
    let idents: Vec<&Ident> = fields.iter().map(|f| &f.ident).collect();
    let types: Vec<&syn::Type> = fields.iter().map(|f| &f.ty).collect();
    let field_docs: Vec<Vec<Attribute>> = fields.iter().map(|f| f.docs.clone()).collect();
    let expecting = format!("a {name} object");
    let keys: Vec<Ident> = (0..fields.len()).map(|i| format_ident!("K{i}")).collect();
    let jsons: Vec<LitStr> = fields
        .iter()
        .map(|f| LitStr::new(&f.field.json, Span::call_site()))
        .collect();
    let slots: Vec<Ident> = (0..fields.len()).map(|i| format_ident!("f{i}")).collect();
    let finish: Vec<TokenStream> = fields
        .iter()
        .zip(&slots)
        .map(|(f, slot)| f.finish(slot, &presence))
        .collect();
    let write: Vec<TokenStream> = fields.iter().map(|f| f.write(&presence)).collect();
    let lack_bits: Vec<u32> = fields
        .iter()
        .filter(|f| f.field.absence_is_lack())
        .map(|f| f.bit)
        .collect();
    let absent_method = super::absence::absent_now_method();
    let can_be_absent = fields.iter().any(|f| f.field.bit_means_absent());
    let absent_now = if can_be_absent {
        quote! { let absent = self.#absent_method(); }
    } else {
        quote!()
    };
    let compare_absent = if lack_bits.is_empty() {
        quote!()
    } else {
        quote! {
            && {
                let (a, b) = (self.#absent_method(), other.#absent_method());
                #( a.get(#lack_bits) == b.get(#lack_bits) )&&*
            }
        }
    };
    let debug: Vec<TokenStream> = fields.iter().map(Spec::debug).collect();
    // A member of `unknown` named like a field is never written: the field
    // owns the name (else the key would be written twice, and the output
    // refused as a duplicate). Equality ignores it for the same reason.
    let owned = if jsons.is_empty() {
        quote! { |_: &str| false }
    } else {
        quote! { |key: &str| matches!(key, #( #jsons )|*) }
    };
    // The error constructors (`duplicate_field`, `missing_field`) are used
    // only by fields: a struct of unknown members alone needs no import.
    let error_trait = if jsons.is_empty() {
        quote!()
    } else {
        quote! { use ::serde::de::Error as _; }
    };
    // Only a struct with absent-able fields keeps how they came.
    let (presence_field, presence_init, presence_out) = if s.needs_presence() {
        (
            quote! {
                /// How the absent-able fields came (`null` or absent), for encoding.
                #presence: crate::members::Presence,
            },
            quote! { let mut #presence = crate::members::Presence::default(); },
            quote! { #presence },
        )
    } else {
        (quote!(), quote!(), quote!())
    };
    let file: syn::File = parse_quote! {
        #(#docs)*
        #[derive(Clone)]
        #[non_exhaustive]
        pub struct #ty {
            #( #(#field_docs)* pub #idents: #types, )*
            /// Members of the JSON object that the schema does not list, in the
            /// order they came: written back after the known ones.
            pub #unknown: crate::Members,
            #presence_field
        }
        /// Compares the fields, the unknown members (but those named like a
        /// field, which are never written) and which required members are
        /// absent (what `missing_required()` reports); not whether an
        /// optional `None` came as `null` or as an absent key.
        impl ::std::cmp::PartialEq for #ty {
            fn eq(&self, other: &Self) -> bool {
                #( self.#idents == other.#idents && )*
                    self.#unknown.eq_except(&other.#unknown, #owned)
                    #compare_absent
            }
        }
        /// The fields, an absent member shown as absent, and the unknown
        /// members when there are any.
        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #absent_now
                let mut d = f.debug_struct(#name);
                #( #debug )*
                if !self.#unknown.is_empty() {
                    d.field("unknown", &self.#unknown);
                }
                d.finish()
            }
        }
        impl ::serde::Serialize for #ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::None)?;
                #absent_now
                #( #write )*
                let owned = #owned;
                for (key, value) in self.#unknown.iter() {
                    if !owned(key) {
                        map.serialize_entry(key, value)?;
                    }
                }
                map.end()
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                enum Key {
                    #( #keys, )*
                    Unknown(::std::string::String),
                }
                impl<'de> ::serde::Deserialize<'de> for Key {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        struct KeyVisitor;
                        impl ::serde::de::Visitor<'_> for KeyVisitor {
                            type Value = Key;
                            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                                f.write_str("a member name")
                            }
                            fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<Key, E> {
                                Ok(match value {
                                    #( #jsons => Key::#keys, )*
                                    other => Key::Unknown(other.to_owned()),
                                })
                            }
                        }
                        deserializer.deserialize_identifier(KeyVisitor)
                    }
                }
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#ty, A::Error> {
                        #error_trait
                        #( let mut #slots: ::std::option::Option<#types> = ::std::option::Option::None; )*
                        let mut #unknown = crate::Members::new();
                        #presence_init
                        while let ::std::option::Option::Some(key) = map.next_key::<Key>()? {
                            match key {
                                #(
                                    Key::#keys => {
                                        if #slots.is_some() {
                                            return Err(A::Error::duplicate_field(#jsons));
                                        }
                                        #slots = ::std::option::Option::Some(map.next_value()?);
                                    }
                                )*
                                Key::Unknown(name) => {
                                    let value: ::serde_json::Value = map.next_value()?;
                                    #unknown.insert(name, value);
                                }
                            }
                        }
                        #( let #slots = #finish; )*
                        Ok(#ty { #( #idents: #slots, )* #unknown, #presence_out })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    };
    let mut items = file.items;
    items.extend(super::absence::absent_now(name, s));
    items.extend(super::absence::for_struct(name, s));
    items
}

/// What rendering needs of one field.
struct Spec<'a> {
    field: &'a Field,
    ident: Ident,
    ty: syn::Type,
    docs: Vec<Attribute>,
    bit: u32,
}

impl<'a> Spec<'a> {
    fn new(field: &'a Field, bit: u32) -> Self {
        let ty = super::absence::spelled(field);
        let mut paragraphs: Vec<&str> = field.docs.as_deref().into_iter().collect();
        // One word per field; what it means is said once, on the type
        // (`absence_rule`).
        paragraphs.extend(AbsenceNote::of(field).map(AbsenceNote::word));
        Spec {
            field,
            ident: Ident::new(&field.rust, Span::call_site()),
            ty,
            docs: super::docs::lines(&paragraphs),
            bit,
        }
    }

    /// The field's value once every member is read.
    fn finish(&self, slot: &Ident, presence: &Ident) -> TokenStream {
        let json = &self.field.json;
        let bit = self.bit;
        match self.field.presence() {
            Presence::Always => quote! {
                match #slot {
                    ::std::option::Option::Some(value) => value,
                    ::std::option::Option::None => return Err(A::Error::missing_field(#json)),
                }
            },
            Presence::NullUnlessAbsent => quote! {
                match #slot {
                    ::std::option::Option::Some(value) => value,
                    ::std::option::Option::None => {
                        #presence.set(#bit);
                        ::std::option::Option::None
                    }
                }
            },
            Presence::AbsentUnlessNull => quote! {
                match #slot {
                    ::std::option::Option::Some(::std::option::Option::None) => {
                        #presence.set(#bit);
                        ::std::option::Option::None
                    }
                    ::std::option::Option::Some(value) => value,
                    ::std::option::Option::None => ::std::option::Option::None,
                }
            },
            Presence::PresentUnlessAbsent => {
                let absent = super::absence::absent_value(
                    self.field,
                    &self.ty,
                    quote!(return Err(A::Error::custom(e))),
                )
                .unwrap_or_else(|| quote!(return Err(A::Error::missing_field(#json))));
                quote! {
                    match #slot {
                        ::std::option::Option::Some(value) => value,
                        ::std::option::Option::None => {
                            #presence.set(#bit);
                            #absent
                        }
                    }
                }
            }
        }
    }

    /// Writes the member, as it came, unless it is absent now
    /// (`absent`, the model's rule: [`Field::bit_means_absent`]).
    fn write(&self, presence: &Ident) -> TokenStream {
        let json = &self.field.json;
        let ident = &self.ident;
        let bit = self.bit;
        let entry = quote! { map.serialize_entry(#json, &self.#ident)?; };
        match self.field.presence() {
            Presence::Always => entry,
            Presence::NullUnlessAbsent | Presence::PresentUnlessAbsent => quote! {
                if !absent.get(#bit) { #entry }
            },
            Presence::AbsentUnlessNull => quote! {
                if self.#ident.is_some() || self.#presence.get(#bit) { #entry }
            },
        }
    }

    /// The field in `Debug`: its value, or `absent`.
    fn debug(&self) -> TokenStream {
        let rust = self.ident.to_string();
        let label = rust.trim_start_matches("r#");
        let ident = &self.ident;
        let bit = self.bit;
        if self.field.bit_means_absent() {
            quote! {
                if absent.get(#bit) {
                    d.field(#label, &crate::members::Absent);
                } else {
                    d.field(#label, &self.#ident);
                }
            }
        } else {
            quote! { d.field(#label, &self.#ident); }
        }
    }
}

/// What a field's docs say of an absent member, in one word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AbsenceNote {
    Required,
    RequiredNullable,
    Optional,
}

impl AbsenceNote {
    /// The note of `field`; `None` for a member that is refused absent or
    /// a tag.
    fn of(field: &Field) -> Option<Self> {
        match field.presence() {
            Presence::NullUnlessAbsent => Some(Self::RequiredNullable),
            Presence::PresentUnlessAbsent if field.required && !field.tag => Some(Self::Required),
            Presence::AbsentUnlessNull => Some(Self::Optional),
            _ => None,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Self::Required => "*Required.*",
            Self::RequiredNullable => "*Required, nullable.*",
            Self::Optional => "*Optional.*",
        }
    }
}

/// What the one-word notes on a struct's fields mean, said once on the
/// type (a User has forty such fields); `None` when no field has a note.
pub(crate) fn absence_rule(s: &crate::model::Struct) -> Option<String> {
    let notes: Vec<AbsenceNote> = s.fields.iter().filter_map(AbsenceNote::of).collect();
    let required = notes
        .iter()
        .any(|n| *n != AbsenceNote::Optional)
        .then_some("a *required* field whose member is absent decodes as `None` (when nullable) or its type's empty value, is written back absent while it still holds that value, and is listed by `missing_required()`");
    let optional = notes
        .contains(&AbsenceNote::Optional)
        .then_some("an *optional* field decodes `null` and an absent member as `None` and writes back whichever came");
    match (required, optional) {
        (Some(r), Some(o)) => Some(format!("Absent members: {r}; {o}.")),
        (Some(one), None) | (None, Some(one)) => Some(format!("Absent members: {one}.")),
        (None, None) => None,
    }
}
