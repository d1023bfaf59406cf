//! String enums, from the model: open enums are written whole; a
//! single-value tag keeps typify's enum and gains its only value as default.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{parse_quote, Attribute, Ident, Item};

use crate::model::Enum;

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// An enum that keeps unknown values: the listed ones as unit variants, any
/// other string in the catch-all, each written back as it was read.
/// Equality, hashing and ordering go by the wire value, so
/// `Unknown("active")` equals `Active` and a new variant never reorders the
/// others.
pub fn open(name: &str, e: &Enum, docs: Vec<Attribute>) -> Vec<Item> {
    let name_ident = ident(name);
    let name = &name_ident;
    let unknown = ident(&e.catch_all());
    let idents: Vec<Ident> = e.values.iter().map(|v| ident(&v.ident)).collect();
    let strs: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
    let variant_docs: Vec<String> = strs.iter().map(|v| format!(" `{v}`")).collect();
    let serde = as_json_string(
        name,
        &format!("a string (a {name} value)"),
        quote! { Ok(#name::from(value)) },
        true,
    );
    let open_doc = format!(
        " Open: a value the schema does not list decodes as [`{name}::{unknown}`] and encodes back unchanged. Values compare, hash and order by their JSON text, so `{unknown}` never differs from a listed value with the same text."
    );
    let file: syn::File = parse_quote! {
        #(#docs)*
        ///
        #[doc = #open_doc]
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #idents, )*
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
                !matches!(Self::from(self.as_str()), Self::#unknown(_))
            }
        }
        impl ::std::cmp::PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl ::std::cmp::Eq for #name {}
        impl ::std::hash::Hash for #name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }
        impl ::std::cmp::PartialOrd for #name {
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }
        impl ::std::cmp::Ord for #name {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
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
        #serde
    };
    file.items
}

/// `Serialize` and `Deserialize` for an enum of strings: written as
/// `as_str()`, read from a JSON string by `visit` (the body of the
/// visitor's string methods, `value` in scope). The open enum also takes an
/// owned string whole (`take_owned`), so that an unknown value read from a
/// `String` is not copied again.
fn as_json_string(
    name: &Ident,
    expecting: &str,
    visit: TokenStream,
    take_owned: bool,
) -> TokenStream {
    let visit_string = take_owned.then(|| {
        quote! {
            fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<#name, E> {
                Ok(#name::from(value))
            }
        }
    });
    quote! {
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
                        #visit
                    }
                    #visit_string
                }
                deserializer.deserialize_str(Visitor)
            }
        }
    }
}

/// A single-value tag has one possible value, so it is its default.
pub fn tag_default(name: &str, e: &Enum) -> Option<Item> {
    let name = ident(name);
    let variant = ident(&e.values.first()?.ident);
    Some(parse_quote! {
        impl ::std::default::Default for #name {
            fn default() -> Self {
                Self::#variant
            }
        }
    })
}

/// A single-value tag with the aliases Clerk also sends
/// (`crate::passes::aliases`): the canonical value first, then one variant per
/// alias, each decoded as that type and written back as sent; any other
/// string is refused, as for every tag. The canonical value is the default.
pub fn tag_with_aliases(name: &str, e: &Enum, docs: Vec<Attribute>) -> Vec<Item> {
    let name_ident = ident(name);
    let name = &name_ident;
    let idents: Vec<Ident> = e.values.iter().map(|v| ident(&v.ident)).collect();
    let strs: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
    let canonical = &idents[0];
    let variant_docs: Vec<String> = strs
        .iter()
        .enumerate()
        .map(|(i, v)| {
            if i == 0 {
                format!(" `{v}`")
            } else {
                format!(" `{v}`: another spelling Clerk sends for `{}` (`schema/aliases.json`), written back as sent.", strs[0])
            }
        })
        .collect();
    let expecting = format!(
        "one of {}",
        strs.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let serde = as_json_string(
        name,
        &expecting,
        quote! {
            match value {
                #( #strs => Ok(#name::#idents), )*
                other => Err(E::unknown_variant(other, &[#( #strs ),*])),
            }
        },
        false,
    );
    let file: syn::File = parse_quote! {
        #(#docs)*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #idents, )*
        }
        impl #name {
            /// The value as it appears in JSON.
            pub fn as_str(&self) -> &'static str {
                match self {
                    #( Self::#idents => #strs, )*
                }
            }
            /// Whether it is one of the other spellings Clerk sends, not the
            /// schema's own value.
            pub fn is_alias(&self) -> bool {
                !matches!(self, Self::#canonical)
            }
        }
        impl ::std::default::Default for #name {
            fn default() -> Self {
                Self::#canonical
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = self::error::ConversionError;
            fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
                match value {
                    #( #strs => Ok(Self::#idents), )*
                    _ => Err("invalid value".into()),
                }
            }
        }
        impl ::std::convert::TryFrom<&str> for #name {
            type Error = self::error::ConversionError;
            fn try_from(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
                value.parse()
            }
        }
        #serde
    };
    file.items
}
