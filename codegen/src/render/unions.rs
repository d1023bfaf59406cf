//! Discriminated unions, from the model: an enum keyed on the tag
//! property, with a catch-all that keeps a variant this version does not
//! know.

use proc_macro2::Span;
use syn::{parse_quote, Attribute, Ident, Item};

use crate::model::{Union, Variant};

/// A discriminated union as an enum keyed on its tag property. A payload
/// with a known tag decodes as that variant; one with an unknown tag is
/// kept whole in the catch-all (a variant added by a newer API); one
/// without the tag (the schema need not require it) decodes as the variant
/// that fits best, as `oneOf` would choose: it gives the value back
/// unchanged and lacks the fewest required members (the first of equals).
pub fn tagged(name: &str, u: &Union, docs: &[Attribute]) -> Vec<Item> {
    let type_name = name;
    let name = Ident::new(name, Span::call_site());
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
            syn::parse_str(&v.ty)
                .unwrap_or_else(|_| syn::Path::from(Ident::new(&v.ty, Span::call_site())))
        })
        .collect();
    let unknown = Ident::new(&u.catch_all(), Span::call_site());
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
    let tag_types = tagged.iter().map(|(_, _, ty)| *ty);
    let indexes = (0..tagged.len()).map(proc_macro2::Literal::usize_unsuffixed);
    // The tag property first, then every member a variant lists: the key
    // seed matches them without allocating (`crate::tagged::KeySeed`).
    let names = std::iter::once(property).chain(&u.members);
    // Per variant, what matching by shape knows from the names alone: the
    // members whose other strings refuse it (`UnionVariant::strict`) and
    // those it reports lacking when absent (`UnionVariant::required`).
    let candidates: Vec<proc_macro2::TokenStream> = u
        .variants
        .iter()
        .map(|v| {
            let strict = v
                .strict
                .iter()
                .map(|(name, values)| quote::quote!((#name, &[ #( #values ),* ])));
            let required = &v.required;
            quote::quote!(crate::tagless::Candidate {
                strict: &[ #( #strict ),* ],
                required: &[ #( #required ),* ],
            })
        })
        .collect();
    let at: Vec<proc_macro2::Literal> = (0..u.variants.len())
        .map(proc_macro2::Literal::usize_unsuffixed)
        .collect();
    let no_match = format!(
        "no variant of {} matches this object, and it has no `{property}` to say which",
        type_name
    );
    let not_object = format!("an object (a {type_name})");
    let bad_tag = format!("`{property}` must be a string");
    let open_doc = format!(
        " A discriminated union on `{property}`. An unknown `{property}` decodes as [`{}::{unknown}`], kept whole.",
        type_name
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
        /// One pass over the text: the members before the tag are held,
        /// the tag picks the variant, whose own decoder reads them and the
        /// rest (`crate::tagged`); an object with an unknown tag is kept
        /// whole, one without a tag matched by shape.
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#not_object)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name, A::Error> {
                        use ::serde::de::Error as _;
                        const TAGS: &[&str] = &[ #( #tags ),* ];
                        const NAMES: &[&str] = &[ #( #names ),* ];
                        let mut held = crate::tagged::Held::new();
                        while let ::std::option::Option::Some(key) = map.next_key_seed(crate::tagged::KeySeed(NAMES))? {
                            let crate::tagged::Key::Other(key) = key else {
                                return match map.next_value_seed(crate::tagged::TagSeed(TAGS))? {
                                    #(
                                        crate::tagged::Tag::Known(#indexes) => <#tag_types as ::serde::Deserialize>::deserialize(
                                            ::serde::de::value::MapAccessDeserializer::new(crate::tagged::Replay::new(held, #property, TAGS[#indexes], map)),
                                        ).map(#name::#tag_idents),
                                    )*
                                    crate::tagged::Tag::Unknown(tag) => crate::tagged::whole(held, (#property, tag), map).map(#name::#unknown),
                                    _ => Err(A::Error::custom(#bad_tag)),
                                };
                            };
                            let value: ::serde_json::Value = map.next_value()?;
                            held.push(key, value);
                        }
                        // No tag: every member is held (`crate::tagless`).
                        #name::by_shape(&crate::tagless::Object::new(held)).map_err(A::Error::custom)
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
        impl #name {
            /// The variant an object without its tag fits best.
            fn by_shape(object: &crate::tagless::Object) -> ::std::result::Result<Self, &'static str> {
                // Like `oneOf`: the variant that fits. Since every
                // member but an identity may be absent, many
                // variants decode; the best gives the value back
                // unchanged and lacks the fewest required members
                // (one that strict validation would accept lacks
                // none); among equals, the first.
                // In the union's order, a candidate is decoded only when
                // it could still beat the best so far
                // (`crate::tagless::Chooser::worth_trying`).
                const CANDIDATES: &[crate::tagless::Candidate] = &[ #( #candidates ),* ];
                let mut chooser = crate::tagless::Chooser::new();
                #(
                    if chooser.worth_trying(object, &CANDIDATES[#at]) {
                        if let ::std::option::Option::Some((lacks, v)) = crate::tagless::fit::<#types, _>(object, Self::#idents) {
                            // Nothing beats an exact fit that lacks
                            // nothing (no earlier one was, or this one
                            // would not be tried): stop.
                            if lacks == 0 && object.given_back_by(&v) {
                                return Ok(v);
                            }
                            chooser.offer(object, #at, lacks, v);
                        }
                    }
                )*
                chooser.chosen().ok_or(#no_match)
            }
        }
    };
    file.items
}

/// The catch-all the model gives a plain union of objects
/// ([`crate::model::keeps_other_objects`]), after typify's variants: serde
/// tries an untagged enum's variants in order, so it takes only an object
/// no variant takes, whole.
pub fn add_catch_all(e: &mut syn::ItemEnum, variants: &[Variant]) {
    let written: Vec<String> = e.variants.iter().map(|v| v.ident.to_string()).collect();
    for v in variants.iter().filter(|v| !written.contains(&v.ident)) {
        let ident = Ident::new(&v.ident, Span::call_site());
        e.variants.push(parse_quote! {
            /// An object none of the variants above takes (a kind a newer
            /// API answers with), kept whole.
            #ident(::serde_json::Map<::std::string::String, ::serde_json::Value>)
        });
    }
}
