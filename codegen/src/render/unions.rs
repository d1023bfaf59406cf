//! Discriminated unions, from the model: an enum keyed on the tag
//! property, with a catch-all that keeps a variant this version does not
//! know.

use proc_macro2::Span;
use syn::{parse_quote, Attribute, Ident, Item};

use crate::model::Union;

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
    let no_match = format!(
        "no variant of {} matches this object, and it has no `{property}` to say which",
        type_name
    );
    let not_object = format!("expected an object (a {type_name})");
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
                        // Like `oneOf`: the variant that fits. Since every
                        // member but an identity may be absent, many
                        // variants decode; the best gives the value back
                        // unchanged and lacks the fewest required members
                        // (one that strict validation would accept lacks
                        // none); among equals, the first.
                        let mut best: ::std::option::Option<((bool, ::std::cmp::Reverse<usize>), Self)> = ::std::option::Option::None;
                        #(
                            if let Ok(v) = <#types as ::serde::Deserialize>::deserialize(&value) {
                                let exact = ::serde_json::to_value(&v).is_ok_and(|again| again == value);
                                let lacks = crate::MissingRequired::missing_required(&v).len();
                                let rank = (exact, ::std::cmp::Reverse(lacks));
                                if best.as_ref().is_none_or(|(r, _)| rank > *r) {
                                    best = ::std::option::Option::Some((rank, Self::#idents(v)));
                                }
                            }
                        )*
                        if let ::std::option::Option::Some((_, found)) = best {
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
